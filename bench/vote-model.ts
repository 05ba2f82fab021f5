/**
 * The vote's model alone, without HTTP: castVote on SQLite for N distinct young people, in one
 * process, to see what a vote costs in the database layer (decision 007, addendum).
 *   npx tsx bench/vote-model.ts            (VOTES, CONCURRENCY override)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const VOTES = Number(process.env.VOTES ?? 5000);
const dir = mkdtempSync(path.join(os.tmpdir(), "voices-bench-vote-model-"));
const databaseUrl = `file:${path.join(dir, "bench.db")}`;
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-123";

const { migrate } = await import("#server/migrate.ts");
await migrate(databaseUrl);
const { prisma, disconnectDb, sqliteConnection } = await import("#app/utils/db.server.ts");
const { castVote, createPoll, setPollStatus, getPollForVoting } = await import("#app/models/polls.server.ts");
const { getOrganisation } = await import("#app/models/organisation.server.ts");

try {
  await getOrganisation();
  const group = await prisma.group.create({ data: { name: "Bench group" }, select: { id: true } });
  const officer = await prisma.user.create({
    data: { kind: "staff", displayName: "Bench officer", loginKey: "bench-officer", roles: { create: [{ role: "officer" }] }, officerOf: { create: [{ groupId: group.id }] } },
    select: { id: true },
  });
  await prisma.user.createMany({ data: Array.from({ length: VOTES }, (_, i) => ({ id: `yp${i}`, kind: "young_person", displayName: `yp${i}`, loginKey: `yp${i}` })) });
  await prisma.membership.createMany({ data: Array.from({ length: VOTES }, (_, i) => ({ userId: `yp${i}`, groupId: group.id })) });
  const poll = await createPoll(officer.id, {
    title: "Bench",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B", "C", "D"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const q = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { select: { id: true } } } });
  const db = await sqliteConnection();
  console.log(`SQLite journal ${String(db?.pragma("journal_mode", { simple: true }))}, synchronous ${String(db?.pragma("synchronous", { simple: true }))}`);

  // CONCURRENCY votes in flight at once, as 200 connections would have them.
  const concurrency = Number(process.env.CONCURRENCY ?? 200);
  const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < VOTES) await fn(next++);
      }),
    );
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    console.log(
      `${label}: ${((1000 * ms) / VOTES).toFixed(0)} µs each, ${((cpu.user + cpu.system) / VOTES).toFixed(0)} µs CPU (${(cpu.system / VOTES).toFixed(0)} system) (${VOTES}, ${concurrency} at once)`,
    );
  };
  // The other stages of a vote through the endpoint, without HTTP: the cookie and session, the
  // form's fields checked by the poll's schema, and the whole of submitVote.
  const { createHash } = await import("node:crypto");
  const { createCookie } = await import("@remix-run/node");
  const { getUserFromCookieHeader } = await import("#app/utils/session.server.ts");
  const { parseWithZod } = await import("@conform-to/zod");
  const { coercedVoteSchema, voteAnswers } = await import("#app/validation/vote.ts");
  const { submitVote } = await import("#app/api/vote.server.ts");
  const jar = createCookie("voices_session", { secrets: [process.env.SESSION_SECRET!], path: "/", httpOnly: true, sameSite: "lax" });
  const expiresAt = new Date(Date.now() + 86_400_000);
  const token = (i: number) => `bench-session-token-${String(i).padStart(8, "0")}-xxxxxxxxxx`;
  await prisma.session.createMany({ data: Array.from({ length: VOTES }, (_, i) => ({ userId: `yp${i}`, tokenHash: createHash("sha256").update(token(i)).digest("hex"), expiresAt })) });
  const cookies: string[] = [];
  for (let i = 0; i < VOTES; i++) cookies.push((await jar.serialize(token(i))).split(";")[0]!);
  await time("session from the cookie", (i) => getUserFromCookieHeader(cookies[i]!));
  const questions = [{ id: q.id, kind: "single" as const, maxChoices: null, options: q.options, answered: false }];
  await time("form fields through the poll's schema", async (i) =>
    parseWithZod(new URLSearchParams(`q.${q.id}=${q.options[i % 4]!.id}`), { schema: coercedVoteSchema(questions), disableAutoCoercion: true }),
  );
  // What submitVote does with fields in order since 2026-12-02 (conform only for a refusal's reply).
  await time("the same fields read by voteAnswers", async (i) => voteAnswers(questions, new URLSearchParams(`q.${q.id}=${q.options[i % 4]!.id}`)));
  await time("getPollForVoting", (i) => getPollForVoting(`yp${i}`, poll.id));
  await time("castVote (first votes)", (i) => castVote(`yp${i}`, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[i % 4]!.id] }]));
  await time("castVote (changed votes)", (i) => castVote(`yp${i}`, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[(i + 1) % 4]!.id] }]));
  await time("submitVote, session included (changed again)", async (i) => {
    const user = await getUserFromCookieHeader(cookies[i]!);
    return submitVote(user!, poll.id, new URLSearchParams(`q.${q.id}=${q.options[(i + 2) % 4]!.id}`));
  });
} finally {
  await disconnectDb();
  rmSync(dir, { recursive: true, force: true });
}
