import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { castVote, createPoll, setPollRevealed, setPollStatus, type PollResults } from "#app/models/polls.server.ts";
import { events, POLL_WATCH } from "#app/realtime/events.ts";
import { prisma } from "#app/utils/db.server.ts";
import { attachRealtime } from "#server/realtime.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { sessionCookie } from "#tests/request.ts";

// Meeting mode's big screen through a real socket.io server: who may watch it, and what arrives
// when, awaited as the browser would receive it.
const server: Server = createServer();
let url = "";
const sockets: Socket[] = [];
/** The meeting screen's batch interval (app/realtime/poll-live.server.ts). */
const BATCH_MS = 3000;

beforeAll(async () => {
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
  await attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((resolve) => server.close(resolve));
});

async function open(userId: string) {
  const socket = connect(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: await sessionCookie(userId) }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

type MeetingState = { pollId: string; revealed: boolean; ready: boolean; closed: boolean; results: PollResults | null };
type Reply = { ok: boolean; state?: MeetingState };
const watch = (socket: Socket, pollId: string, audience: string) =>
  new Promise<Reply>((resolve) => socket.emit(POLL_WATCH, { pollId, audience }, resolve));

/** Every meeting batch a socket receives, and a way to await the first one for which `test` holds. */
function batches(socket: Socket) {
  const received: MeetingState[] = [];
  const waiting: { test: (s: MeetingState) => boolean; resolve: (s: MeetingState) => void }[] = [];
  socket.on(events.pollMeeting, (state: MeetingState) => {
    received.push(state);
    for (const w of [...waiting]) {
      if (!w.test(state)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(state);
    }
  });
  return {
    received,
    next: (test: (s: MeetingState) => boolean) => new Promise<MeetingState>((resolve) => waiting.push({ test, resolve })),
  };
}

async function meetingPoll() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: "Meeting",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [{ kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({
    where: { pollId: poll.id },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const vote = async (option: number, people = 1) => {
    for (let i = 0; i < people; i++) {
      const yp = await createYoungPerson({ groupIds: [group.id] });
      await castVote(yp.id, poll.id, [{ questionId: question.id, kind: "choice", optionIds: [question.options[option]!.id] }]);
    }
  };
  return { group, officer, pollId: poll.id, vote };
}

const optionA = (state: MeetingState) => state.results?.questions[0]!.options[0]!.shown;

/** Nothing from 1 to k - 1 in a batch: a number is either 0, k or more, or not there. */
function expectNoSmallNumbers(state: MeetingState) {
  const numbers: number[] = [];
  JSON.stringify(state, (key, value) => {
    if (typeof value === "number" && key !== "threshold") numbers.push(value);
    return value;
  });
  for (const n of numbers) expect(n === 0 || n >= 6, `a batch carries ${n}`).toBe(true);
}

test("an officer of the poll's group watches the meeting screen and gets its state in the answer; nobody else may", async () => {
  const p = await meetingPoll();
  const presenter = await open(p.officer.id);
  const reply = await watch(presenter, p.pollId, "meeting");
  expect(reply).toEqual({ ok: true, state: { pollId: p.pollId, revealed: false, ready: false, closed: false, results: null } });

  const member = await createYoungPerson({ groupIds: [p.group.id] });
  const board = await createStaff({ roles: ["board_member"] });
  const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [(await createGroup()).id] });
  for (const userId of [member.id, board.id, otherOfficer.id]) {
    expect(await watch(await open(userId), p.pollId, "meeting")).toEqual({ ok: false });
  }
});

test("results reach the screen only once revealed with k young people, suppressed, and then in batches that never show one tap", { timeout: 40_000 }, async () => {
  const p = await meetingPoll();
  const presenter = await open(p.officer.id);
  const screen = batches(presenter);
  expect((await watch(presenter, p.pollId, "meeting")).ok).toBe(true);

  // Five young people, then the presenter reveals: not ready, so no results.
  await p.vote(0, 5);
  const notReady = screen.next((s) => s.revealed);
  await setPollRevealed(p.officer.id, p.pollId, true);
  expect(await notReady).toMatchObject({ revealed: true, ready: false, results: null });

  // The sixth: the screen becomes ready with the next batch, suppressed by the same rule as
  // everywhere but the officers' console.
  const ready = screen.next((s) => s.ready);
  await p.vote(1);
  const first = await ready;
  expect(first.results).not.toBeNull();
  // 5 and 1 while answers still arrive: no number at all.
  expect(first.results!.questions[0]!.options.map((o) => o.shown.kind)).toEqual(["withheld", "withheld"]);
  expect(first.results!.questions[0]!.voters).toEqual({ kind: "withheld" });
  expectNoSmallNumbers(first);

  // Five more for B and one for A: 6 and 6, nothing hidden, everything shown.
  const shown = screen.next((s) => optionA(s)?.kind === "exact");
  await p.vote(1, 5);
  await p.vote(0);
  const second = await shown;
  expect(optionA(second)).toEqual({ kind: "exact", value: 6 });
  expect(second.results!.questions[0]!.options[1]!.shown).toEqual({ kind: "exact", value: 6 });
  expectNoSmallNumbers(second);

  // One more tap alone does not move the screen, however long it waits...
  const before = screen.received.length;
  await p.vote(0);
  await new Promise((resolve) => setTimeout(resolve, BATCH_MS + 500));
  expect(screen.received.slice(before).filter((s) => s.results !== null)).toEqual([]);
  // ...a second one does, with both.
  const moved = screen.next((s) => optionA(s)?.kind === "exact" && (optionA(s) as { value: number }).value === 8);
  await p.vote(0);
  expectNoSmallNumbers(await moved);

  // Hiding empties the screen at once; closing sends the final state at once.
  const hidden = screen.next((s) => !s.revealed);
  await setPollRevealed(p.officer.id, p.pollId, false);
  expect(await hidden).toMatchObject({ revealed: false, results: null });
  const closed = screen.next((s) => s.closed);
  await setPollStatus(p.officer.id, p.pollId, "closed");
  expect(await closed).toMatchObject({ closed: true, results: null });
});
