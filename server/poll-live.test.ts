import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { castVote, createPoll, setPollStatus, type PollResults } from "#app/models/polls.server.ts";
import { events, POLL_WATCH } from "#app/realtime/events.ts";
import { attachRealtime } from "#server/realtime.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { sessionCookie } from "#tests/request.ts";

// Live poll tallies through a real socket.io server, awaited as a browser would receive them.
const server: Server = createServer();
let url = "";
const sockets: Socket[] = [];

beforeAll(async () => {
  await attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((resolve) => server.close(resolve));
});

async function open(userId: string) {
  const socket = connect(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: await sessionCookie(userId) } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

type Reply = { ok: boolean; state?: { pollId: string; results: PollResults } };
const watch = (socket: Socket, pollId: string, audience: string) =>
  new Promise<Reply>((resolve) => socket.emit(POLL_WATCH, { pollId, audience }, resolve));

/** Resolves with the first tally for which `test` holds. */
const tallyWhere = (socket: Socket, test: (results: PollResults) => boolean) =>
  new Promise<PollResults>((resolve) => {
    const listener = (payload: { results: PollResults }) => {
      if (!test(payload.results)) return;
      socket.off(events.pollTally, listener);
      resolve(payload.results);
    };
    socket.on(events.pollTally, listener);
  });

async function livePoll() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: "Live",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const { prisma } = await import("#app/utils/db.server.ts");
  const question = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  const vote = (userId: string, option: number) =>
    castVote(userId, poll.id, [{ questionId: question.id, kind: "choice", optionIds: [question.options[option]!.id] }]);
  return { group, officer, pollId: poll.id, vote };
}

const voters = (results: PollResults) => results.questions[0]!.voters;

test("the officers' console hears every vote's exact tally, throttled, ending on the true count", async () => {
  const p = await livePoll();
  const console_ = await open(p.officer.id);
  const reply = await watch(console_, p.pollId, "officer");
  expect(reply.ok).toBe(true);
  expect(voters(reply.state!.results)).toEqual({ kind: "exact", value: 0 });
  const people = await Promise.all(Array.from({ length: 5 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  const final = tallyWhere(console_, (r) => voters(r).kind === "exact" && (voters(r) as { value: number }).value === 5);
  for (const person of people) await p.vote(person.id, 0);
  const results = await final;
  expect(results.questions[0]!.options[0]!.shown).toEqual({ kind: "exact", value: 5 });
});

test("a young person may watch only after voting, and hears suppressed tallies only", async () => {
  const p = await livePoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const socket = await open(yp.id);
  expect(await watch(socket, p.pollId, "voter")).toEqual({ ok: false });
  await p.vote(yp.id, 1);
  const reply = await watch(socket, p.pollId, "voter");
  expect(reply.ok).toBe(true);
  // One answer, fewer than 6, while the poll is open: no number at all (a later state could give it back).
  expect(reply.state!.results.questions[0]!.options.map((o) => o.shown)).toEqual([{ kind: "withheld" }, { kind: "withheld" }]);
  const others = await Promise.all(Array.from({ length: 11 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  const hidden = tallyWhere(socket, (r) => r.questions[0]!.options.every((o) => o.shown.kind === "withheld") && voters(r).kind === "withheld");
  for (const other of others.slice(0, 6)) await p.vote(other.id, 0);
  // 6 and 1: still a hidden cell, so the payload still carries no number.
  await hidden;
  const shown = tallyWhere(socket, (r) => r.questions[0]!.options.every((o) => o.shown.kind === "exact"));
  for (const other of others.slice(6)) await p.vote(other.id, 1);
  // 6 and 6: nothing hidden, everything shown.
  const results = await shown;
  expect(results.questions[0]!.options.map((o) => o.shown)).toEqual([
    { kind: "exact", value: 6 },
    { kind: "exact", value: 6 },
  ]);
  expect(voters(results)).toEqual({ kind: "exact", value: 12 });
  expect(JSON.stringify(results)).not.toContain(yp.id);
});

test("nobody else may watch: another group's young person, a board member, an officer of another group, the console as a young person", async () => {
  const p = await livePoll();
  const stranger = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const board = await createStaff({ roles: ["board_member"] });
  const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [(await createGroup()).id] });
  const member = await createYoungPerson({ groupIds: [p.group.id] });
  await p.vote(member.id, 0);
  for (const [userId, audience] of [
    [stranger.id, "voter"],
    [board.id, "officer"],
    [board.id, "voter"],
    [otherOfficer.id, "officer"],
    [otherOfficer.id, "meeting"],
    [member.id, "officer"],
    [member.id, "meeting"],
  ] as const) {
    expect(await watch(await open(userId), p.pollId, audience), `${audience}`).toEqual({ ok: false });
  }
  const socket = await open(p.officer.id);
  for (const bad of [{}, { pollId: p.pollId, audience: "everyone" }, { pollId: "x".repeat(500), audience: "officer" }, "poll"]) {
    expect(await new Promise((resolve) => socket.emit(POLL_WATCH, bad, resolve))).toEqual({ ok: false });
  }
});

test("closing sends the final count at once, and watching again after a reconnect gets the current tally", async () => {
  const p = await livePoll();
  const socket = await open(p.officer.id);
  await watch(socket, p.pollId, "officer");
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  await p.vote(yp.id, 1);
  socket.disconnect();
  const again = await open(p.officer.id);
  const reply = await watch(again, p.pollId, "officer");
  expect(reply.state!.results.questions[0]!.options[1]!.shown).toEqual({ kind: "exact", value: 1 });
  const closed = tallyWhere(again, () => true);
  await setPollStatus(p.officer.id, p.pollId, "closed");
  expect((await closed).questions[0]!.options[1]!.shown).toEqual({ kind: "exact", value: 1 });
});
