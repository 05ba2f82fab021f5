import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { voteApi } from "#app/api/vote.server.ts";
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { voteEndpoint } from "#server/vote-endpoint.ts";
import { createGroup, createStaff, createYoungPerson, pollInput } from "#tests/factories.ts";
import { sessionCookie } from "#tests/request.ts";

// The lean vote endpoint the voting page's JavaScript posts to, through its real HTTP listener
// (Origin check, body reading, JSON answer) and the real database. The decisions themselves are
// the form action's (one function, submitVote); app/routes/me.polls.test.ts tries every bad input
// through the form, and these try them through the endpoint.

const server: Server = createServer();
let base = "";

beforeAll(async () => {
  // The server gets voteApi from the build's entry module; here, from the source.
  const vote = voteEndpoint({ entry: { module: { voteApi } } } as unknown as ServerBuild);
  server.on("request", (req, res) => {
    if (!vote(req, res)) res.writeHead(404).end("not the endpoint's");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function openPoll(options: { maxChoices?: number; open?: boolean } = {}) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(
    officer.id,
    pollInput({
      groupIds: [group.id],
      questions: [
        {
          kind: options.maxChoices ? "multiple" : "single",
          prompt: "Where?",
          promptTranslations: {},
          maxChoices: options.maxChoices ?? null,
          options: ["Sea", "Hills", "City"].map((label) => ({ label, labelTranslations: {} })),
        },
      ],
    }),
  );
  if (options.open !== false) await setPollStatus(officer.id, poll.id, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  return { group, officer, poll, questionId: question.id, options: question.options.map((o) => o.id) };
}

async function post(pollId: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/polls/${pollId}/vote`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Origin: base, ...headers },
  });
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

const stored = async (pollId: string) => ({
  responses: await prisma.pollResponse.findMany({ where: { pollId }, select: { userId: true, changes: true, choices: { select: { optionId: true } } } }),
  tally: (await prisma.pollTally.findMany({ where: { question: { pollId } }, select: { optionId: true, count: true } })).filter((t) => t.count !== 0),
});

describe("POST /api/polls/:pollId/vote", () => {
  test("a vote is answered {counted} only once committed; sent twice it is stored once; changed, it moves the tally", async () => {
    const p = await openPoll();
    const yp = await createYoungPerson({ groupIds: [p.group.id] });
    const cookie = await sessionCookie(yp.id);
    const first = await post(p.poll.id, `q.${p.questionId}=${p.options[0]}`, { Cookie: cookie });
    expect(first).toMatchObject({ status: 200, body: { counted: true } });
    expect(first.type).toMatch(/^application\/json/);
    expect(await post(p.poll.id, `q.${p.questionId}=${p.options[0]}`, { Cookie: cookie })).toMatchObject({ status: 200, body: { counted: true } });
    expect(await stored(p.poll.id)).toEqual({ responses: [{ userId: yp.id, changes: 0, choices: [{ optionId: p.options[0] }] }], tally: [{ optionId: p.options[0], count: 1 }] });
    await post(p.poll.id, `q.${p.questionId}=${p.options[2]}`, { Cookie: cookie });
    expect(await stored(p.poll.id)).toEqual({ responses: [{ userId: yp.id, changes: 1, choices: [{ optionId: p.options[2] }] }], tally: [{ optionId: p.options[2], count: 1 }] });
  });

  test("bad input comes back as the form's reply, in keys the page translates, and nothing is stored", async () => {
    const p = await openPoll({ maxChoices: 1 });
    const other = await openPoll();
    const yp = await createYoungPerson({ groupIds: [p.group.id] });
    const cookie = await sessionCookie(yp.id);
    const field = `q.${p.questionId}`;
    // An option of another poll.
    const wrong = await post(p.poll.id, `${field}=${other.options[0]}`, { Cookie: cookie });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("polls:vote.errors.");
    // More choices than allowed.
    const tooMany = await post(p.poll.id, `${field}=${p.options[0]}&${field}=${p.options[1]}`, { Cookie: cookie });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain("polls:vote.errors.");
    // Nothing chosen, and a body that is not the form's at all.
    expect((await post(p.poll.id, "", { Cookie: cookie })).status).toBe(400);
    expect((await post(p.poll.id, "%%%&&&==", { Cookie: cookie })).status).toBe(400);
    expect((await post(p.poll.id, JSON.stringify({ [field]: p.options[0] }), { Cookie: cookie, "Content-Type": "application/json" })).status).toBe(400);
    expect(await stored(p.poll.id)).toEqual({ responses: [], tally: [] });
  });

  test("a closed poll says so (409); a draft or another group's poll is not found (404); nothing is stored", async () => {
    const p = await openPoll();
    const yp = await createYoungPerson({ groupIds: [p.group.id] });
    const cookie = await sessionCookie(yp.id);
    await setPollStatus(p.officer.id, p.poll.id, "closed");
    const closed = await post(p.poll.id, `q.${p.questionId}=${p.options[0]}`, { Cookie: cookie });
    expect(closed.status).toBe(409);
    expect(JSON.stringify(closed.body)).toContain("polls:vote.errors.closed");

    const draft = await openPoll({ open: false });
    const member = await createYoungPerson({ groupIds: [draft.group.id] });
    expect((await post(draft.poll.id, `q.${draft.questionId}=${draft.options[0]}`, { Cookie: await sessionCookie(member.id) })).status).toBe(404);

    const elsewhere = await openPoll();
    expect(await post(elsewhere.poll.id, `q.${elsewhere.questionId}=${elsewhere.options[0]}`, { Cookie: cookie })).toMatchObject({ status: 404, body: { error: "notFound" } });
    for (const id of [p.poll.id, draft.poll.id, elsewhere.poll.id]) expect(await stored(id)).toEqual({ responses: [], tally: [] });
  });

  test("signed out, staff, a forged cookie or a foreign Origin: refused, and nothing is stored", async () => {
    const p = await openPoll();
    const body = `q.${p.questionId}=${p.options[0]}`;
    expect(await post(p.poll.id, body)).toMatchObject({ status: 401, body: { error: "signedOut" } });
    expect((await post(p.poll.id, body, { Cookie: "voices_session=forged.forged" })).status).toBe(401);
    expect((await post(p.poll.id, body, { Cookie: await sessionCookie(p.officer.id) })).status).toBe(404);
    const yp = await createYoungPerson({ groupIds: [p.group.id] });
    const foreign = await post(p.poll.id, body, { Cookie: await sessionCookie(yp.id), Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    // Said in the browser's language.
    const refusal = await fetch(`${base}/api/polls/${p.poll.id}/vote`, {
      method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Accept-Language": "ar,en;q=0.5" },
    });
    expect([refusal.status, await refusal.text()]).toEqual([403, arCommon.errors.crossSite]);
    expect(await stored(p.poll.id)).toEqual({ responses: [], tally: [] });
  });

  test("a body over 64 KB is refused (413); a GET, another path or an unreadable poll id counts nothing", async () => {
    const p = await openPoll();
    const yp = await createYoungPerson({ groupIds: [p.group.id] });
    const cookie = await sessionCookie(yp.id);
    const huge = await post(p.poll.id, `q.${p.questionId}=${p.options[0]}&pad=${"x".repeat(70_000)}`, { Cookie: cookie });
    expect(huge).toMatchObject({ status: 413, body: { error: "tooLarge" } });
    expect((await fetch(`${base}/api/polls/${p.poll.id}/vote`, { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await fetch(`${base}/api/polls/${p.poll.id}/vote/extra`, { method: "POST", headers: { Cookie: cookie } })).status).toBe(404);
    expect((await post("%E0%A4%A", `q.${p.questionId}=${p.options[0]}`, { Cookie: cookie })).status).toBe(404);
    expect(await stored(p.poll.id)).toEqual({ responses: [], tally: [] });
  });

  test("many young people voting at once: every vote answered {counted} is stored, and the tally equals a recount", async () => {
    const p = await openPoll();
    const people = await Promise.all(Array.from({ length: 30 }, () => createYoungPerson({ groupIds: [p.group.id] })));
    const cookies = await Promise.all(people.map((yp) => sessionCookie(yp.id)));
    const answers = await Promise.all(cookies.map((cookie, i) => post(p.poll.id, `q.${p.questionId}=${p.options[i % 3]}`, { Cookie: cookie })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const { responses, tally } = await stored(p.poll.id);
    expect(responses).toHaveLength(30);
    expect(Object.fromEntries(tally.map((t) => [t.optionId, t.count]))).toEqual({ [p.options[0]!]: 10, [p.options[1]!]: 10, [p.options[2]!]: 10 });
  });
});
