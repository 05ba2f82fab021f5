import { expect, test } from "vitest";
import { castVote, createPoll, setPollStatus, type PollInput } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./officer.polls.$pollId_.meeting.tsx";

type MeetingData = Awaited<ReturnType<typeof loader>>;

/** An open poll of one group with one single-choice question, and its officer. */
async function meetingPoll() {
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const input: PollInput = {
    title: "Where should the summer trip go?",
    intro: "",
    titleTranslations: { ar: "إلى أين تذهب رحلة الصيف؟" },
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [
      {
        kind: "single",
        prompt: "Where?",
        promptTranslations: { ar: "إلى أين؟" },
        maxChoices: null,
        options: [
          { label: "Seaside", labelTranslations: { ar: "البحر" } },
          { label: "Mountains", labelTranslations: {} },
        ],
      },
    ],
  };
  const { id: pollId, shortCode } = await createPoll(officer.id, input);
  await setPollStatus(officer.id, pollId, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({
    where: { pollId },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const cookie = await sessionCookie(officer.id);
  const vote = async (option: 0 | 1, people = 1) => {
    for (let i = 0; i < people; i++) {
      const yp = await createYoungPerson({ groupIds: [group.id] });
      await castVote(yp.id, pollId, [{ questionId: question.id, kind: "choice", optionIds: [question.options[option]!.id] }]);
    }
  };
  return { group, officer, cookie, pollId, shortCode, question, vote };
}

const page = async (pollId: string, cookie?: string, headers?: Record<string, string>) =>
  settle(() => loader(args(getRequest(`/officer/polls/${pollId}/meeting`, { cookie, headers }), { pollId })));

const post = async (pollId: string, fields: Record<string, string>, cookie?: string) =>
  settle(() => action(args(postRequest(`/officer/polls/${pollId}/meeting`, fields, { cookie }), { pollId })));

async function meetingData(pollId: string, cookie: string) {
  const result = await page(pollId, cookie);
  expect(result.status).toBe(200);
  return result.value as MeetingData;
}

/** Every number anywhere in the loader's data. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.values(value).flatMap(numbersIn);
  return [];
}

/** No number from 1 to k - 1 anywhere, and nothing beyond what the suppression let out. */
function expectNoSmallNumbers(data: MeetingData) {
  const { threshold, ...rest } = data;
  expect(threshold).toBe(6);
  for (const n of numbersIn(rest)) expect(n === 0 || n >= 6, `the page carries ${n}`).toBe(true);
}

test("before the presenter reveals, and before k young people answered, the page has no results at all", async () => {
  const m = await meetingPoll();
  let data = await meetingData(m.pollId, m.cookie);
  expect(data.state).toMatchObject({ revealed: false, ready: false, closed: false, results: null });
  expect(data.link).toBe(`http://localhost:3000/p/${m.shortCode}`);
  expect(data.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  expect(data.qrSvg).not.toMatch(/<script|style=/i);

  // Revealed with 3 young people: still nothing.
  await m.vote(0, 3);
  expect((await post(m.pollId, { intent: "reveal" }, m.cookie)).status).toBe(200);
  data = await meetingData(m.pollId, m.cookie);
  expect(data.state).toMatchObject({ revealed: true, ready: false, results: null });
  expectNoSmallNumbers(data);

  // k young people, hidden: still nothing.
  await m.vote(1, 3);
  expect((await post(m.pollId, { intent: "hide" }, m.cookie)).status).toBe(200);
  data = await meetingData(m.pollId, m.cookie);
  expect(data.state).toMatchObject({ revealed: false, ready: true, results: null });
});

test("once revealed with k young people, an open poll's screen shows numbers only when none is below k; closed, it shows the final state suppressed", async () => {
  const m = await meetingPoll();
  await m.vote(0, 4);
  await m.vote(1, 2);
  const revealed = await post(m.pollId, { intent: "reveal" }, m.cookie);
  expect(revealed.value).toMatchObject({ done: "revealed" });
  let data = await meetingData(m.pollId, m.cookie);
  // 4 and 2, both below 6, while answers still arrive: no number at all.
  expect(data.state.results).toEqual([
    {
      questionId: m.question.id,
      voters: { kind: "withheld" },
      options: [
        { optionId: m.question.options[0]!.id, shown: { kind: "withheld" }, points: null },
        { optionId: m.question.options[1]!.id, shown: { kind: "withheld" }, points: null },
      ],
    },
  ]);
  expectNoSmallNumbers(data);

  await m.vote(1, 4);
  data = await meetingData(m.pollId, m.cookie);
  // 4 and 6: still a number below 6, still nothing.
  expect(data.state.results![0]!.options.map((o) => o.shown.kind)).toEqual(["withheld", "withheld"]);
  await m.vote(0, 2);
  data = await meetingData(m.pollId, m.cookie);
  // 6 and 6: nothing hidden, everything shown.
  expect(data.state.results![0]!.options.map((o) => o.shown)).toEqual([
    { kind: "exact", value: 6 },
    { kind: "exact", value: 6 },
  ]);
  expect(data.state.results![0]!.voters).toEqual({ kind: "exact", value: 12 });
  expectNoSmallNumbers(data);
  // The words come from the poll, in the presenter's language; the model's English labels do not travel.
  expect(JSON.stringify(data.state)).not.toContain("Seaside");
});

test("the page's words are in the presenter's language, with English where a translation is missing", async () => {
  const m = await meetingPoll();
  const data = await meetingData(m.pollId, m.cookie);
  expect(data.poll).toMatchObject({ title: "Where should the summer trip go?", titleLocale: "en" });
  await prisma.user.update({ where: { id: m.officer.id }, data: { locale: "ar" } });
  const arabic = await meetingData(m.pollId, await sessionCookie(m.officer.id));
  expect(arabic.poll).toMatchObject({ title: "إلى أين تذهب رحلة الصيف؟", titleLocale: "ar" });
  expect(arabic.poll.questions[0]!.options.map((o) => [o.label, o.labelLocale])).toEqual([
    ["البحر", "ar"],
    ["Mountains", "en"],
  ]);
});

test("closing takes a confirmation; a second close is fine; the page then says closed", async () => {
  const m = await meetingPoll();
  const unconfirmed = await post(m.pollId, { intent: "close" }, m.cookie);
  expect(unconfirmed.status).toBe(400);
  expect((await prisma.poll.findUniqueOrThrow({ where: { id: m.pollId }, select: { status: true } })).status).toBe("open");

  const closed = await post(m.pollId, { intent: "close", confirm: "yes" }, m.cookie);
  expect(closed.status).toBe(200);
  expect(closed.value).toMatchObject({ done: "closed" });
  expect((await prisma.poll.findUniqueOrThrow({ where: { id: m.pollId }, select: { status: true } })).status).toBe("closed");
  const again = await post(m.pollId, { intent: "close", confirm: "yes" }, m.cookie);
  expect(again.value).toMatchObject({ done: "closed" });
  const data = await meetingData(m.pollId, m.cookie);
  expect(data.state.closed).toBe(true);
  expect(data.poll.open).toBe(false);
});

test("a draft cannot be closed from the meeting screen", async () => {
  const m = await meetingPoll();
  await prisma.poll.update({ where: { id: m.pollId }, data: { status: "draft" } });
  const refused = await post(m.pollId, { intent: "close", confirm: "yes" }, m.cookie);
  expect(refused.status).toBe(409);
  expect((await prisma.poll.findUniqueOrThrow({ where: { id: m.pollId }, select: { status: true } })).status).toBe("draft");
});

test("only officers of the poll's groups: another group's officer gets 404, a young person or a board member 403, and nothing changes", async () => {
  const m = await meetingPoll();
  const otherGroup = await createGroup();
  const outsider = await createStaff({ roles: ["officer"], groupIds: [otherGroup.id] });
  const member = await createYoungPerson({ groupIds: [m.group.id] });
  const board = await createStaff({ roles: ["board_member"] });
  const admin = await createStaff({ roles: ["admin"] });
  const cases: [string, number][] = [
    [await sessionCookie(outsider.id), 404],
    [await sessionCookie(member.id), 403],
    [await sessionCookie(board.id), 403],
    [await sessionCookie(admin.id), 403],
  ];
  for (const [cookie, status] of cases) {
    const loaded = await page(m.pollId, cookie);
    expect(loaded.status).toBe(status);
    expect(JSON.stringify(loaded.value ?? null)).not.toContain("summer trip");
    for (const fields of [{ intent: "reveal" }, { intent: "close", confirm: "yes" }] as Record<string, string>[]) {
      expect((await post(m.pollId, fields, cookie)).status).toBe(status);
    }
  }
  expect(await prisma.poll.findUniqueOrThrow({ where: { id: m.pollId }, select: { status: true, revealed: true } })).toEqual({ status: "open", revealed: false });

  const signedOut = await page(m.pollId);
  expect(signedOut.status).toBe(302);
  expect(signedOut.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/officer/polls/${m.pollId}/meeting`)}`);
  expect((await page("no-such-poll", m.cookie)).status).toBe(404);
});
