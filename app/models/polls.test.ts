import { expect, test } from "vitest";
import {
  castVote,
  createPoll,
  getPollForMeeting,
  getPollForVoter,
  getPollForVoting,
  pollResults,
  setPollStatus,
  updatePoll,
  type PollInput,
  type QuestionInput,
} from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";

const question = (kind: QuestionInput["kind"], options: string[] = [], extra: Partial<QuestionInput> = {}): QuestionInput => ({
  kind,
  prompt: `A ${kind} question`,
  promptTranslations: { ar: `سؤال ${kind}` },
  maxChoices: kind === "multiple" ? 2 : null,
  options: options.map((label) => ({ label, labelTranslations: {} })),
  ...extra,
});

async function openPoll(overrides: Partial<PollInput> = {}) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const input: PollInput = {
    title: "Activities",
    intro: "",
    titleTranslations: { ar: "الأنشطة" },
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [
      question("single", ["Football", "Art", "Music"]),
      question("multiple", ["Mon", "Tue", "Wed"]),
      question("scale"),
      question("ranking", ["Trips", "Clubs", "Food"]),
      question("text"),
    ],
    ...overrides,
  };
  const poll = await createPoll(officer.id, input);
  await setPollStatus(officer.id, poll.id, "open");
  const full = await prisma.poll.findUniqueOrThrow({
    where: { id: poll.id },
    select: { id: true, questions: { orderBy: { position: "asc" }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } } },
  });
  const [single, multiple, scale, ranking, text] = full.questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) }));
  return { group, officer, input, pollId: poll.id, single: single!, multiple: multiple!, scale: scale!, ranking: ranking!, text: text! };
}

/** The running tallies must always equal a recount of the stored answers. */
async function expectTalliesMatchRecount(pollId: string) {
  const tallies = await prisma.pollTally.findMany({ where: { question: { pollId } }, select: { optionId: true, groupId: true, count: true } });
  const choices = await prisma.pollChoice.findMany({ where: { response: { pollId } }, select: { optionId: true, response: { select: { groupId: true } } } });
  for (const t of tallies) {
    expect(t.count, `tally ${t.optionId}`).toBe(choices.filter((c) => c.optionId === t.optionId && c.response.groupId === t.groupId).length);
  }
  const voterCounts = await prisma.pollVoterCount.findMany({ where: { question: { pollId } }, select: { questionId: true, groupId: true, voters: true } });
  for (const v of voterCounts) {
    expect(v.voters).toBe(await prisma.pollResponse.count({ where: { questionId: v.questionId, groupId: v.groupId } }));
  }
}

test("a vote counts once per question, a changed vote moves the tally, and tallies always equal a recount", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  await castVote(yp.id, p.pollId, [
    { questionId: p.single.id, kind: "choice", optionIds: [p.single.options[0]!] },
    { questionId: p.multiple.id, kind: "choice", optionIds: [p.multiple.options[0]!, p.multiple.options[2]!] },
    { questionId: p.ranking.id, kind: "ranking", ranking: [p.ranking.options[2]!, p.ranking.options[0]!, p.ranking.options[1]!] },
  ]);
  await castVote(yp.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[1]!] }]);
  // The same answer again changes nothing.
  expect(await castVote(yp.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[1]!] }])).toMatchObject({ changed: false });
  const results = await pollResults(p.pollId, { audience: "exact" });
  const single = results.questions.find((q) => q.questionId === p.single.id)!;
  expect(single.options.map((o) => o.shown)).toEqual([
    { kind: "exact", value: 0 },
    { kind: "exact", value: 1 },
    { kind: "exact", value: 0 },
  ]);
  expect(single.voters).toEqual({ kind: "exact", value: 1 });
  const ranking = results.questions.find((q) => q.questionId === p.ranking.id)!;
  expect(ranking.options.map((o) => o.points)).toEqual([
    { kind: "exact", value: 2 },
    { kind: "exact", value: 1 },
    { kind: "exact", value: 3 },
  ]);
  await expectTalliesMatchRecount(p.pollId);
  expect(await prisma.pollResponse.findFirst({ where: { questionId: p.single.id, userId: yp.id }, select: { changes: true } })).toEqual({ changes: 1 });
});

test("bad answers are refused and change nothing", async () => {
  const p = await openPoll();
  const other = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const cases: [Parameters<typeof castVote>[2], string][] = [
    [[{ questionId: p.single.id, kind: "choice", optionIds: [other.single.options[0]!] }], "wrongOption"],
    [[{ questionId: other.single.id, kind: "choice", optionIds: [other.single.options[0]!] }], "wrongOption"],
    [[{ questionId: p.single.id, kind: "choice", optionIds: p.single.options.slice(0, 2) }], "tooMany"],
    [[{ questionId: p.multiple.id, kind: "choice", optionIds: p.multiple.options }], "tooMany"],
    [[{ questionId: p.single.id, kind: "choice", optionIds: [] }], "noChoice"],
    [[{ questionId: p.ranking.id, kind: "ranking", ranking: [p.ranking.options[0]!, p.ranking.options[0]!, p.ranking.options[1]!] }], "rankingInvalid"],
    [[{ questionId: p.ranking.id, kind: "ranking", ranking: [p.ranking.options[0]!, p.ranking.options[1]!] }], "rankingInvalid"],
    [[{ questionId: p.text.id, kind: "text", text: " ", identity: "team", mayQuote: true, clientRequestId: "x".repeat(20) }], "textInvalid"],
    // A valid answer beside an invalid one: all or nothing.
    [[{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[0]!] }, { questionId: p.multiple.id, kind: "choice", optionIds: p.multiple.options }], "tooMany"],
  ];
  for (const [answers, reason] of cases) {
    await expect(castVote(yp.id, p.pollId, answers), reason).rejects.toMatchObject({ reason });
  }
  expect(await prisma.pollResponse.count({ where: { pollId: p.pollId } })).toBe(0);
  await expectTalliesMatchRecount(p.pollId);
});

test("closed, not yet open, draft and other groups' polls refuse votes", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const outsider = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const vote = { questionId: p.single.id, kind: "choice" as const, optionIds: [p.single.options[0]!] };
  await expect(castVote(outsider.id, p.pollId, [vote])).rejects.toMatchObject({ reason: "notFound" });
  expect(await getPollForVoter(outsider.id, p.pollId, "en")).toBeNull();
  await setPollStatus(p.officer.id, p.pollId, "closed");
  await expect(castVote(yp.id, p.pollId, [vote])).rejects.toMatchObject({ reason: "closed" });

  const later = await openPoll({ opensAt: new Date(Date.now() + 3_600_000) });
  const member = await createYoungPerson({ groupIds: [later.group.id] });
  await expect(castVote(member.id, later.pollId, [{ questionId: later.single.id, kind: "choice", optionIds: [later.single.options[0]!] }])).rejects.toMatchObject({ reason: "notYetOpen" });
  const past = await openPoll({ closesAt: new Date(Date.now() - 1000) });
  const pastMember = await createYoungPerson({ groupIds: [past.group.id] });
  await expect(castVote(pastMember.id, past.pollId, [{ questionId: past.single.id, kind: "choice", optionIds: [past.single.options[0]!] }])).rejects.toMatchObject({ reason: "closed" });
});

test("many voting and changing at once: every vote counted once, tallies equal a recount", async () => {
  const p = await openPoll();
  const voters = await Promise.all(Array.from({ length: 12 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  await Promise.all(
    voters.flatMap((v, i) => [
      castVote(v.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[i % 3]!] }]),
      castVote(v.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[(i + 1) % 3]!] }]),
    ]),
  );
  const results = await pollResults(p.pollId, { audience: "exact" });
  const single = results.questions.find((q) => q.questionId === p.single.id)!;
  expect(single.voters).toEqual({ kind: "exact", value: 12 });
  expect(single.options.reduce((s, o) => s + (o.shown.kind === "exact" ? o.shown.value : 0), 0)).toBe(12);
  await expectTalliesMatchRecount(p.pollId);
});

test("results outside the officers' console hide options chosen by fewer than k and withhold the voters then", async () => {
  const p = await openPoll();
  const voters = await Promise.all(Array.from({ length: 7 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  for (const [i, v] of voters.entries()) {
    await castVote(v.id, p.pollId, [
      { questionId: p.single.id, kind: "choice", optionIds: [p.single.options[i < 6 ? 0 : 1]!] },
      { questionId: p.ranking.id, kind: "ranking", ranking: p.ranking.options },
    ]);
  }
  // Open: a state that hides a number shows none (a later state could give it back).
  const open = await pollResults(p.pollId, { audience: "suppressed" });
  expect(open.questions.flatMap((q) => [q.voters, ...q.options.map((o) => o.shown)]).every((s) => s.kind === "withheld")).toBe(true);
  await setPollStatus(p.officer.id, p.pollId, "closed");
  const shown = await pollResults(p.pollId, { audience: "suppressed" });
  const single = shown.questions.find((q) => q.questionId === p.single.id)!;
  // Closed: the 1 is hidden; two cells stay "not shown" so no other number gives it back.
  expect(single.options.map((o) => o.shown)).toEqual([{ kind: "withheld" }, { kind: "withheld" }, { kind: "exact", value: 0 }]);
  expect(single.voters).toEqual({ kind: "withheld" });
  expect(shown.questions.some((q) => q.kind === "text")).toBe(false);
  // The ranking's numbers are the voters again (7 = 6 + the hidden 1): withheld.
  const ranking = shown.questions.find((q) => q.questionId === p.ranking.id)!;
  expect(ranking.voters).toEqual({ kind: "withheld" });
  expect(ranking.options.every((o) => o.shown.kind === "withheld" && o.points?.kind === "withheld")).toBe(true);
  // Nothing in what leaves the console is the hidden 1, nor the 6 or 7 that would give it.
  expect(JSON.stringify(shown.questions.map((q) => [q.voters, q.options.map((o) => [o.shown, o.points])]))).not.toMatch(/"value":[1-9]/);

  const few = await openPoll();
  const three = await Promise.all(Array.from({ length: 3 }, () => createYoungPerson({ groupIds: [few.group.id] })));
  for (const v of three) await castVote(v.id, few.pollId, [{ questionId: few.ranking.id, kind: "ranking", ranking: few.ranking.options }]);
  await setPollStatus(few.officer.id, few.pollId, "closed");
  const fewShown = (await pollResults(few.pollId, { audience: "suppressed" })).questions.find((q) => q.questionId === few.ranking.id)!;
  expect(fewShown.voters).toEqual({ kind: "withheld" });
  expect(fewShown.options.every((o) => o.shown.kind === "suppressed" && o.points?.kind === "suppressed")).toBe(true);
});

test("a young person sees their own answers, results only after voting, in Arabic with English fallback flags", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id], locale: "ar" });
  const before = await getPollForVoter(yp.id, p.pollId, "ar");
  expect(before).toMatchObject({ title: "الأنشطة", inEnglishFallback: false, resultsVisible: false, results: null });
  expect(before!.questions[0]).toMatchObject({ prompt: "سؤال single", inEnglishFallback: false });
  expect(before!.questions[0]!.options[0]).toMatchObject({ label: "Football", inEnglishFallback: true });
  await castVote(yp.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[2]!] }]);
  const after = await getPollForVoter(yp.id, p.pollId, "ar");
  expect(after!.resultsVisible).toBe(true);
  expect(after!.questions[0]!.myChoices).toEqual([{ optionId: p.single.options[2], rank: null }]);
  // Open, and one answer is fewer than 6: no number yet.
  expect(after!.results!.questions[0]!.options[2]!.shown).toEqual({ kind: "withheld" });
});

test("once a poll has answers its meaning is fixed: typo fixes and translations only", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  await castVote(yp.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[0]!] }]);
  const current = await prisma.poll.findUniqueOrThrow({
    where: { id: p.pollId },
    select: { questions: { orderBy: { position: "asc" }, select: { id: true, kind: true, options: { orderBy: { position: "asc" }, select: { id: true, label: true } } } } },
  });
  const withIds = (change: (qs: QuestionInput[]) => void): PollInput => {
    const questions = p.input.questions.map((q, i) => ({
      ...q,
      id: current.questions[i]!.id,
      options: current.questions[i]!.options.map((o, j) => ({ id: o.id, label: o.label, labelTranslations: q.options[j]?.labelTranslations ?? {} })),
    }));
    change(questions);
    return { ...p.input, questions };
  };
  await expect(updatePoll(p.officer.id, p.pollId, withIds((qs) => (qs[0]!.options[0]!.label = "Tennis")))).rejects.toMatchObject({ reason: "meaningChanged", detail: { question: 0, option: 0 } });
  await expect(updatePoll(p.officer.id, p.pollId, withIds((qs) => (qs[0]!.kind = "multiple")))).rejects.toMatchObject({ reason: "meaningChanged" });
  await expect(updatePoll(p.officer.id, p.pollId, withIds((qs) => qs[0]!.options.pop()))).rejects.toMatchObject({ reason: "meaningChanged" });
  await expect(updatePoll(p.officer.id, p.pollId, withIds((qs) => qs.pop()))).rejects.toMatchObject({ reason: "meaningChanged" });
  await updatePoll(p.officer.id, p.pollId, withIds((qs) => {
    qs[0]!.options[0]!.label = "Footbal";
    qs[0]!.options[0]!.labelTranslations = { ar: "كرة القدم" };
  }));
  const option = await prisma.pollOption.findUniqueOrThrow({ where: { id: p.single.options[0] }, select: { label: true, translations: { select: { label: true } } } });
  expect(option).toEqual({ label: "Footbal", translations: [{ label: "كرة القدم" }] });
  // The vote is still there, on the same option.
  await expectTalliesMatchRecount(p.pollId);
  expect((await pollResults(p.pollId, { audience: "exact" })).questions[0]!.options[0]!.shown).toEqual({ kind: "exact", value: 1 });
});

test("a short-text answer becomes feedback waiting for moderation, with the author's identity choice", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const answer = { questionId: p.text.id, kind: "text" as const, text: "More art", identity: "safeguarding" as const, mayQuote: false, clientRequestId: "c".repeat(20) };
  await castVote(yp.id, p.pollId, [answer]);
  await castVote(yp.id, p.pollId, [answer]);
  const items = await prisma.feedbackItem.findMany({ where: { pollQuestionId: p.text.id }, select: { text: true, status: true, identity: true, mayQuote: true } });
  expect(items).toEqual([{ text: "More art", status: "pending", identity: "safeguarding", mayQuote: false }]);
});

test("votes committed together: a vote refused, or failing half-written, undoes only itself", async () => {
  const p = await openPoll();
  const other = await openPoll();
  const voters = await Promise.all(Array.from({ length: 8 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  // A broken tally row fails a vote for the third option after its answer was written.
  await prisma.pollTally.deleteMany({ where: { optionId: p.single.options[2]! } });
  // All started in one turn of the event loop, so that on SQLite they share one commit.
  const outcomes = await Promise.allSettled(
    voters.map((v, i) =>
      castVote(v.id, p.pollId, [
        { questionId: p.single.id, kind: "choice", optionIds: [p.single.options[i % 3]!] },
        // One voter also gives an option of another poll: all or nothing.
        ...(i === 1 ? [{ questionId: p.multiple.id, kind: "choice" as const, optionIds: [other.multiple.options[0]!] }] : []),
      ]),
    ),
  );
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
  expect(outcomes[1]).toMatchObject({ reason: { reason: "wrongOption" } });
  const stored = await prisma.pollResponse.findMany({ where: { pollId: p.pollId }, select: { userId: true, choices: { select: { optionId: true } } } });
  expect(new Set(stored.map((r) => r.userId))).toEqual(new Set([0, 3, 4, 6, 7].map((i) => voters[i]!.id)));
  expect(await prisma.pollChoice.count({ where: { optionId: p.single.options[2]! } })).toBe(0);
  await expectTalliesMatchRecount(p.pollId);
});

test("a vote waits for a transaction already open and is counted after it; words and choices at once equal a recount", async () => {
  const p = await openPoll();
  const voters = await Promise.all(Array.from({ length: 8 }, () => createYoungPerson({ groupIds: [p.group.id] })));
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const transaction = prisma.$transaction(async (tx) => {
    await tx.pollResponse.count({ where: { pollId: p.pollId } });
    await held;
    order.push("transaction");
  });
  const vote = castVote(voters[0]!.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[0]!] }]).then((r) => {
    order.push("vote");
    return r;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  await Promise.all([transaction, vote]);
  // SQLite's one connection: the vote cannot commit inside Prisma's open transaction. PostgreSQL:
  // it does not wait, and either order is right.
  if (process.env.TEST_DATABASE !== "postgresql") expect(order).toEqual(["transaction", "vote"]);
  expect(order.sort()).toEqual(["transaction", "vote"]);

  // Words take the moderated path, choices the plain one; racing, they still equal a recount.
  await Promise.all(
    voters.slice(1).flatMap((v, i) => [
      castVote(v.id, p.pollId, [
        { questionId: p.single.id, kind: "choice", optionIds: [p.single.options[i % 3]!] },
        { questionId: p.text.id, kind: "text", text: `Idea number ${i}`, identity: "team", mayQuote: true, clientRequestId: `race-${i}-xxxxxxxxxxxx` },
      ]),
      castVote(v.id, p.pollId, [{ questionId: p.single.id, kind: "choice", optionIds: [p.single.options[(i + 1) % 3]!] }]),
    ]),
  );
  expect(await prisma.pollResponse.count({ where: { questionId: p.single.id } })).toBe(8);
  expect(await prisma.feedbackItem.count({ where: { pollQuestionId: p.text.id, status: "pending" } })).toBe(7);
  await expectTalliesMatchRecount(p.pollId);
});

test("what a vote reads of its poll agrees with the voter's page: open, closed, answered, words, and nobody else's poll", async () => {
  const p = await openPoll();
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const outsider = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const fromPage = async (userId: string) => {
    const poll = await getPollForVoter(userId, p.pollId, "en");
    return (
      poll && {
        open: poll.open,
        closed: poll.closed,
        questions: poll.questions.map((q) => ({
          id: q.id,
          kind: q.kind,
          maxChoices: q.maxChoices,
          options: q.options.map((o) => ({ id: o.id })),
          answered: q.kind === "text" ? q.myText !== null : q.myChoices.length > 0,
        })),
      }
    );
  };
  const forVote = async (userId: string) => {
    const poll = await getPollForVoting(userId, p.pollId);
    return poll && { open: poll.open, closed: poll.closed, questions: poll.questions };
  };
  expect(await forVote(yp.id)).toEqual(await fromPage(yp.id));
  await castVote(yp.id, p.pollId, [
    { questionId: p.ranking.id, kind: "ranking", ranking: p.ranking.options },
    { questionId: p.text.id, kind: "text", text: "More trips", identity: "team", mayQuote: false, clientRequestId: "agree-xxxxxxxxxxxxxx" },
  ]);
  const after = await forVote(yp.id);
  expect(after).toEqual(await fromPage(yp.id));
  expect(after?.questions.filter((q) => q.answered).map((q) => q.id)).toEqual([p.ranking.id, p.text.id]);
  expect((await getPollForVoting(yp.id, p.pollId))?.mine.latest.get(p.text.id)).toEqual({ text: "More trips", identity: "team", mayQuote: false });
  expect(await getPollForVoting(outsider.id, p.pollId)).toBeNull();
  await setPollStatus(p.officer.id, p.pollId, "closed");
  expect(await forVote(yp.id)).toEqual(await fromPage(yp.id));
  expect(await forVote(yp.id)).toMatchObject({ open: false, closed: true });
  const draft = await createPoll(p.officer.id, { ...p.input, title: "Draft" });
  expect(await getPollForVoting(yp.id, draft.id)).toBeNull();
});

test("a scale's default words are the reader's own mood words on every surface; words an officer wrote stay English, marked", async () => {
  const custom = question("scale", ["Awful", "Bad", "So-so", "Good", "Great"]);
  const p = await openPoll({ questions: [question("scale"), custom] });
  const yp = await createYoungPerson({ groupIds: [p.group.id] });
  const arabicMoods = ["حزين جدًا", "حزين", "لا بأس", "سعيد", "سعيد جدًا"];

  const voter = await getPollForVoter(yp.id, p.pollId, "ar");
  expect(voter!.questions[0]!.options.map((o) => [o.label, o.inEnglishFallback])).toEqual(arabicMoods.map((m) => [m, false]));
  expect(voter!.questions[1]!.options.map((o) => [o.label, o.inEnglishFallback])).toEqual(["Awful", "Bad", "So-so", "Good", "Great"].map((m) => [m, true]));

  const results = await pollResults(p.pollId, { audience: "exact", locale: "ar" });
  expect(results.questions[0]!.options.map((o) => o.label)).toEqual(arabicMoods);
  expect(results.questions[1]!.options.map((o) => o.label)).toEqual(["Awful", "Bad", "So-so", "Good", "Great"]);

  const meeting = await getPollForMeeting(p.officer.id, p.pollId, "ar");
  expect(meeting!.questions[0]!.options.map((o) => [o.label, o.labelLocale])).toEqual(arabicMoods.map((m) => [m, "ar"]));
  expect(meeting!.questions[1]!.options.map((o) => o.labelLocale)).toEqual(["en", "en", "en", "en", "en"]);

  // English readers see the English defaults, and a translation an interpreter wrote wins over them.
  expect((await pollResults(p.pollId, { audience: "exact", locale: "en" })).questions[0]!.options[0]!.label).toBe("Very unhappy");
  const optionId = p.single.options[0]!; // openPoll names the first question "single"; here it is the default scale
  await prisma.pollOptionTranslation.create({ data: { optionId, locale: "ar", label: "تعيس للغاية" } });
  expect((await pollResults(p.pollId, { audience: "exact", locale: "ar" })).questions[0]!.options[0]!.label).toBe("تعيس للغاية");
});
