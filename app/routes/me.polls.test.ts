import { expect, test } from "vitest";
import { createPoll, setPollStatus, type PollInput, type QuestionInput } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { loader as homeLoader } from "./me._index.tsx";
import { action, loader } from "./me.polls.$pollId.tsx";

// ---------------------------------------------------------------------------------------------
// Helpers: a poll as an officer builds it, voters, and the form a browser without JavaScript posts.

const options = (...labels: string[]) => labels.map((label) => ({ label, labelTranslations: {} }));

const QUESTIONS: QuestionInput[] = [
  { kind: "single", prompt: "Where should we meet?", promptTranslations: { ar: "أين يجب أن نلتقي؟" }, maxChoices: null, options: [
    { label: "Library", labelTranslations: { ar: "المكتبة" } },
    { label: "Youth centre", labelTranslations: {} },
    { label: "Online", labelTranslations: { ar: "عبر الإنترنت" } },
  ] },
  { kind: "multiple", prompt: "Which activities?", promptTranslations: {}, maxChoices: 2, options: options("Football", "Cooking", "Art", "Music") },
  { kind: "scale", prompt: "How do you feel about your placement?", promptTranslations: {}, maxChoices: null, options: [] },
  { kind: "ranking", prompt: "What matters most?", promptTranslations: {}, maxChoices: null, options: options("Housing", "School", "Money") },
  { kind: "text", prompt: "Anything else?", promptTranslations: {}, maxChoices: null, options: [] },
];

async function world(input: Partial<PollInput> = {}, { open = true }: { open?: boolean } = {}) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: "Summer plans",
    intro: "Help us plan the summer.",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: QUESTIONS,
    ...input,
  });
  if (open) await setPollStatus(officer.id, poll.id, "open");
  const questions = await prisma.pollQuestion.findMany({
    where: { pollId: poll.id },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const [single, multiple, scale, ranking, text] = questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) }));
  return { group, officer, poll, q: { single: single!, multiple: multiple!, scale: scale!, ranking: ranking!, text: text! } };
}

type World = Awaited<ReturnType<typeof world>>;

async function voter(w: World, locale = "en") {
  const yp = await createYoungPerson({ groupIds: [w.group.id], locale });
  return { ...yp, cookie: await sessionCookie(yp.id) };
}

const path = (w: World) => `/me/polls/${w.poll.id}`;
const page = (w: World, cookie?: string) => settle(() => loader(args(getRequest(path(w), { cookie }), { pollId: w.poll.id })));
const post = (w: World, cookie: string, fields: Record<string, string | string[]>) =>
  settle(() => action(args(postRequest(path(w), fields, { cookie }), { pollId: w.poll.id })));

type PageData = Awaited<ReturnType<typeof loader>>;
const loaded = async (w: World, cookie: string) => {
  const result = await page(w, cookie);
  expect(result.status).toBe(200);
  return result.value as PageData;
};

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

/** Every question answered, the way the form names its fields. */
function fullVote(w: World, overrides: Record<string, string | string[]> = {}) {
  const [housing, school, money] = w.q.ranking.options;
  return {
    [`q.${w.q.single.id}`]: w.q.single.options[0]!,
    [`q.${w.q.multiple.id}`]: [w.q.multiple.options[0]!, w.q.multiple.options[2]!],
    [`q.${w.q.scale.id}`]: w.q.scale.options[3]!,
    [`rank.${w.q.ranking.id}.${housing}`]: "2",
    [`rank.${w.q.ranking.id}.${school}`]: "1",
    [`rank.${w.q.ranking.id}.${money}`]: "3",
    [`text.${w.q.text.id}`]: "More trips to the seaside please",
    [`identity.${w.q.text.id}`]: "team",
    [`mayQuote.${w.q.text.id}`]: "yes",
    [`crid.${w.q.text.id}`]: crypto.randomUUID(),
    ...overrides,
  };
}

/** The running tallies and voter counts of a poll equal a full recount of the stored answers. */
async function expectTalliesMatchRecount(pollId: string) {
  const [tallies, voterCounts, responses, questions] = await Promise.all([
    prisma.pollTally.findMany({ where: { question: { pollId } }, select: { questionId: true, optionId: true, groupId: true, count: true, points: true } }),
    prisma.pollVoterCount.findMany({ where: { question: { pollId } }, select: { questionId: true, groupId: true, voters: true } }),
    prisma.pollResponse.findMany({ where: { pollId }, select: { questionId: true, groupId: true, choices: { select: { optionId: true, rank: true } } } }),
    prisma.pollQuestion.findMany({ where: { pollId }, select: { id: true, _count: { select: { options: true } } } }),
  ]);
  const optionCount = new Map(questions.map((q) => [q.id, q._count.options]));
  const counted = new Map<string, { count: number; points: number }>();
  const voters = new Map<string, number>();
  for (const response of responses) {
    voters.set(`${response.questionId}:${response.groupId}`, (voters.get(`${response.questionId}:${response.groupId}`) ?? 0) + 1);
    for (const choice of response.choices) {
      const key = `${response.questionId}:${choice.optionId}:${response.groupId}`;
      const cell = counted.get(key) ?? { count: 0, points: 0 };
      cell.count += 1;
      cell.points += choice.rank ? optionCount.get(response.questionId)! + 1 - choice.rank : 0;
      counted.set(key, cell);
    }
  }
  for (const tally of tallies) {
    expect(tally, "running tally = recount").toEqual({ ...tally, ...(counted.get(`${tally.questionId}:${tally.optionId}:${tally.groupId}`) ?? { count: 0, points: 0 }) });
  }
  for (const count of voterCounts) {
    expect(count.voters, "voters = recount").toBe(voters.get(`${count.questionId}:${count.groupId}`) ?? 0);
  }
  return { tallies, responses };
}

const tallyOf = async (questionId: string, optionId: string) =>
  (await prisma.pollTally.findMany({ where: { questionId, optionId }, select: { count: true } })).reduce((sum, t) => sum + t.count, 0);

const nothingStored = async (pollId: string) => {
  expect(await prisma.pollResponse.count({ where: { pollId } })).toBe(0);
  expect(await prisma.feedbackItem.count({ where: { pollQuestion: { pollId } } })).toBe(0);
  await expectTalliesMatchRecount(pollId);
};

// ---------------------------------------------------------------------------------------------

test("a young person answers every kind of question with a plain form post; the vote is acknowledged once committed and pre-fills the page", async () => {
  const w = await world();
  const yp = await voter(w);
  const fields = fullVote(w);
  const result = await post(w, yp.cookie, fields);
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe(`${path(w)}?counted=1`);

  const { responses } = await expectTalliesMatchRecount(w.poll.id);
  expect(responses).toHaveLength(5);
  expect(await tallyOf(w.q.multiple.id, w.q.multiple.options[0]!)).toBe(1);
  expect(await tallyOf(w.q.multiple.id, w.q.multiple.options[1]!)).toBe(0);

  // Short text is feedback: waiting for an officer, with the identity and quoting the author chose.
  const items = await prisma.feedbackItem.findMany({ where: { authorId: yp.id }, select: { text: true, status: true, identity: true, mayQuote: true, pollQuestionId: true, groupId: true } });
  expect(items).toEqual([{ text: "More trips to the seaside please", status: "pending", identity: "team", mayQuote: true, pollQuestionId: w.q.text.id, groupId: w.group.id }]);

  const data = await loaded(w, yp.cookie);
  const byId = new Map(data.poll.questions.map((q) => [q.id, q]));
  expect(byId.get(w.q.single.id)!.myChoices).toEqual([{ optionId: w.q.single.options[0], rank: null }]);
  expect(byId.get(w.q.multiple.id)!.myChoices.map((c) => c.optionId).sort()).toEqual([w.q.multiple.options[0], w.q.multiple.options[2]].sort());
  expect(byId.get(w.q.ranking.id)!.myChoices.sort((a, b) => a.rank! - b.rank!).map((c) => c.optionId)).toEqual([
    w.q.ranking.options[1],
    w.q.ranking.options[0],
    w.q.ranking.options[2],
  ]);
  expect(byId.get(w.q.text.id)!.myText).toEqual({ text: "More trips to the seaside please", identity: "team", mayQuote: true });
  // A scale always has five faces with words, 1 to 5.
  expect(byId.get(w.q.scale.id)!.options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
  expect(data.clientRequestIds[w.q.text.id]).toMatch(/^[0-9a-f-]{36}$/);
});

test("the home page lists the young person's polls, open ones first, saying which are answered and when they close", async () => {
  const closesAt = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  const w = await world({ closesAt, title: "Open poll" });
  const yp = await voter(w);
  const officer2 = w.officer;
  const closed = await createPoll(officer2.id, {
    title: "Closed poll", intro: "", titleTranslations: {}, introTranslations: {}, groupIds: [w.group.id], opensAt: null, closesAt: null,
    resultsVisibility: "after_close", askId: null, questions: [QUESTIONS[0]!],
  });
  await setPollStatus(officer2.id, closed.id, "open");
  await setPollStatus(officer2.id, closed.id, "closed");
  const draft = await createPoll(officer2.id, {
    title: "Draft poll", intro: "", titleTranslations: {}, introTranslations: {}, groupIds: [w.group.id], opensAt: null, closesAt: null,
    resultsVisibility: "after_vote", askId: null, questions: [QUESTIONS[0]!],
  });

  const before = await homeLoader(args(getRequest("/me", { cookie: yp.cookie })));
  expect(before.polls.map((p) => [p.title, p.open, p.answered])).toEqual([
    ["Open poll", true, false],
    ["Closed poll", false, false],
  ]);
  expect(before.polls[0]!.closesAt).toBe(closesAt.toISOString());
  expect(before.polls.some((p) => p.id === draft.id)).toBe(false);

  await post(w, yp.cookie, { [`q.${w.q.single.id}`]: w.q.single.options[1]! });
  const after = await homeLoader(args(getRequest("/me", { cookie: yp.cookie })));
  expect(after.polls[0]!.answered).toBe(true);
});

test("a closed poll refuses a vote (409) and a poll not yet open refuses one (400), at the top, keeping what was chosen", async () => {
  const w = await world();
  const yp = await voter(w);
  await setPollStatus(w.officer.id, w.poll.id, "closed");
  const fields = { [`q.${w.q.single.id}`]: w.q.single.options[2]! };
  const closed = await post(w, yp.cookie, fields);
  expect(closed.status).toBe(409);
  const reply = closed.value as Reply;
  expect(reply.error?.[""]).toEqual(["polls:vote.errors.closed"]);
  expect(reply.initialValue).toEqual({ q: { [w.q.single.id]: w.q.single.options[2] } });
  await nothingStored(w.poll.id);
  const data = await loaded(w, yp.cookie);
  expect([data.poll.open, data.poll.closed]).toEqual([false, true]);

  // A poll whose close time passed is closed too, without anyone pressing "close".
  const past = await world({ closesAt: new Date(Date.now() - 1000) });
  expect((await post(past, (await voter(past)).cookie, { [`q.${past.q.single.id}`]: past.q.single.options[0]! })).status).toBe(409);
  await nothingStored(past.poll.id);

  const later = await world({ opensAt: new Date(Date.now() + 24 * 3600 * 1000) });
  const early = await voter(later);
  const notYet = await post(later, early.cookie, fullVote(later));
  expect(notYet.status).toBe(400);
  expect((notYet.value as Reply).error?.[""]).toEqual(["polls:vote.errors.notYetOpen"]);
  expect((notYet.value as Reply).initialValue).toMatchObject({ text: { [later.q.text.id]: "More trips to the seaside please" } });
  await nothingStored(later.poll.id);
  const laterPage = await loaded(later, early.cookie);
  expect([laterPage.poll.open, laterPage.poll.notYetOpen]).toEqual([false, true]);
});

test("an option of another poll is refused beside its question and nothing is counted, even with valid answers beside it", async () => {
  const w = await world();
  const other = await world();
  const yp = await voter(w);
  const result = await post(w, yp.cookie, fullVote(w, { [`q.${w.q.single.id}`]: other.q.single.options[0]! }));
  expect(result.status).toBe(400);
  const reply = result.value as Reply;
  expect(reply.error?.[`q.${w.q.single.id}`]).toEqual(["polls:vote.errors.wrongOption"]);
  expect(reply.initialValue).toMatchObject({ q: { [w.q.single.id]: other.q.single.options[0] } });
  // An option of another question of the same poll is refused the same way.
  const crossed = await post(w, yp.cookie, { [`q.${w.q.multiple.id}`]: [w.q.multiple.options[0]!, w.q.single.options[0]!] });
  expect((crossed.value as Reply).error?.[`q.${w.q.multiple.id}`]).toEqual(["polls:vote.errors.wrongOption"]);
  // Fields for another poll's questions are not this poll's answers.
  const foreign = await post(w, yp.cookie, { [`q.${other.q.single.id}`]: other.q.single.options[0]! });
  expect(foreign.status).toBe(400);
  expect((foreign.value as Reply).error?.[""]).toEqual(["polls:vote.errors.nothingAnswered"]);
  await nothingStored(w.poll.id);
  await nothingStored(other.poll.id);
});

test("a ranking with two choices in one place, or a place left out or out of range, is refused beside it", async () => {
  const w = await world();
  const yp = await voter(w);
  const [housing, school, money] = w.q.ranking.options;
  const name = (option: string) => `rank.${w.q.ranking.id}.${option}`;
  const error = async (fields: Record<string, string>) => {
    const result = await post(w, yp.cookie, fields);
    expect(result.status).toBe(400);
    return (result.value as Reply).error?.[`rank.${w.q.ranking.id}`];
  };
  expect(await error({ [name(housing!)]: "1", [name(school!)]: "1", [name(money!)]: "2" })).toEqual(["polls:vote.errors.rankingDuplicate"]);
  expect(await error({ [name(housing!)]: "1", [name(school!)]: "2" })).toEqual(["polls:vote.errors.rankingGap"]);
  expect(await error({ [name(housing!)]: "1", [name(school!)]: "2", [name(money!)]: "4" })).toEqual(["polls:vote.errors.rankingGap"]);
  expect(await error({ [name(housing!)]: "1", [name(school!)]: "2", [name(money!)]: "x" })).toEqual(["polls:vote.errors.rankingGap"]);
  await nothingStored(w.poll.id);
  const ok = await post(w, yp.cookie, { [name(housing!)]: "3", [name(school!)]: "1", [name(money!)]: "2" });
  expect(ok.status).toBe(302);
  const { tallies } = await expectTalliesMatchRecount(w.poll.id);
  const points = Object.fromEntries(tallies.filter((t) => t.questionId === w.q.ranking.id).map((t) => [t.optionId, t.points]));
  expect(points).toEqual({ [school!]: 3, [money!]: 2, [housing!]: 1 });
});

test("more choices than a question allows are refused beside it, keeping the ticks", async () => {
  const w = await world();
  const yp = await voter(w);
  const ticked = w.q.multiple.options.slice(0, 3);
  const result = await post(w, yp.cookie, fullVote(w, { [`q.${w.q.multiple.id}`]: ticked }));
  expect(result.status).toBe(400);
  const reply = result.value as Reply;
  expect(reply.error?.[`q.${w.q.multiple.id}`]).toEqual(["polls:vote.errors.tooMany"]);
  expect((reply.initialValue as { q: Record<string, string[]> }).q[w.q.multiple.id]).toEqual(ticked);
  // Two answers to a single-choice question are too many as well.
  const two = await post(w, yp.cookie, { [`q.${w.q.single.id}`]: w.q.single.options.slice(0, 2) });
  expect((two.value as Reply).error?.[`q.${w.q.single.id}`]).toEqual(["polls:vote.errors.tooMany"]);
  await nothingStored(w.poll.id);
});

test("a young person outside the poll's groups, a draft, and an unknown poll are all not found (404), and staff are refused", async () => {
  const w = await world();
  const outsider = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const cookie = await sessionCookie(outsider.id);
  expect((await page(w, cookie)).status).toBe(404);
  expect((await post(w, cookie, fullVote(w))).status).toBe(404);
  await nothingStored(w.poll.id);

  const draft = await world({}, { open: false });
  const member = await voter(draft);
  expect((await page(draft, member.cookie)).status).toBe(404);
  expect((await post(draft, member.cookie, fullVote(draft))).status).toBe(404);
  await nothingStored(draft.poll.id);

  const nowhere = await settle(() => loader(args(getRequest("/me/polls/nope", { cookie }), { pollId: "nope" })));
  expect(nowhere.status).toBe(404);

  // A member removed from the group loses the poll at once.
  const removed = await voter(w);
  await prisma.membership.updateMany({ where: { userId: removed.id }, data: { removedAt: new Date() } });
  expect((await post(w, removed.cookie, fullVote(w))).status).toBe(404);

  const officerCookie = await sessionCookie(w.officer.id);
  expect((await page(w, officerCookie)).status).toBe(403);
  expect((await post(w, officerCookie, fullVote(w))).status).toBe(403);
  const signedOut = await settle(() => loader(args(getRequest(path(w)), { pollId: w.poll.id })));
  expect(signedOut.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(path(w))}`);
  await nothingStored(w.poll.id);
});

test("a replayed or double-tapped vote is counted once, text included, and the tallies equal a recount", async () => {
  const w = await world();
  const yp = await voter(w);
  const fields = fullVote(w);
  // Two taps at once, then the browser's retry of the same form.
  const [first, second] = await Promise.all([post(w, yp.cookie, fields), post(w, yp.cookie, fields)]);
  const third = await post(w, yp.cookie, fields);
  for (const result of [first, second, third]) expect(result.headers.get("Location")).toBe(`${path(w)}?counted=1`);
  const { responses } = await expectTalliesMatchRecount(w.poll.id);
  expect(responses).toHaveLength(5);
  expect(await prisma.pollVoterCount.aggregate({ where: { questionId: w.q.single.id }, _sum: { voters: true } })).toEqual({ _sum: { voters: 1 } });
  expect(await tallyOf(w.q.single.id, w.q.single.options[0]!)).toBe(1);
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(1);

  // The page reloaded (a new request id) and sent again unchanged: still once.
  const reloaded = await loaded(w, yp.cookie);
  const again = await post(w, yp.cookie, { ...fields, [`crid.${w.q.text.id}`]: reloaded.clientRequestIds[w.q.text.id]! });
  expect(again.status).toBe(302);
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(1);
  await expectTalliesMatchRecount(w.poll.id);
});

test("a changed vote moves the tally from the old answer to the new one", async () => {
  const w = await world();
  const yp = await voter(w);
  const other = await voter(w);
  const [library, youthCentre] = w.q.single.options;
  await post(w, other.cookie, { [`q.${w.q.single.id}`]: library! });
  await post(w, yp.cookie, fullVote(w, { [`q.${w.q.single.id}`]: library! }));
  expect([await tallyOf(w.q.single.id, library!), await tallyOf(w.q.single.id, youthCentre!)]).toEqual([2, 0]);

  const [housing, school, money] = w.q.ranking.options;
  const changed = await post(w, yp.cookie, {
    [`q.${w.q.single.id}`]: youthCentre!,
    [`q.${w.q.multiple.id}`]: [w.q.multiple.options[3]!],
    [`q.${w.q.scale.id}`]: w.q.scale.options[0]!,
    [`rank.${w.q.ranking.id}.${housing}`]: "1",
    [`rank.${w.q.ranking.id}.${school}`]: "3",
    [`rank.${w.q.ranking.id}.${money}`]: "2",
    // The words as the page pre-filled them, from a reloaded page: unchanged, so not said again.
    [`text.${w.q.text.id}`]: "More trips to the seaside please",
    [`identity.${w.q.text.id}`]: "team",
    [`mayQuote.${w.q.text.id}`]: "yes",
    [`crid.${w.q.text.id}`]: crypto.randomUUID(),
  });
  expect(changed.status).toBe(302);
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(1);
  expect([await tallyOf(w.q.single.id, library!), await tallyOf(w.q.single.id, youthCentre!)]).toEqual([1, 1]);
  expect(await tallyOf(w.q.multiple.id, w.q.multiple.options[0]!)).toBe(0);
  expect(await tallyOf(w.q.multiple.id, w.q.multiple.options[3]!)).toBe(1);
  expect(await tallyOf(w.q.scale.id, w.q.scale.options[3]!)).toBe(0);
  expect(await tallyOf(w.q.scale.id, w.q.scale.options[0]!)).toBe(1);
  const { responses } = await expectTalliesMatchRecount(w.poll.id);
  expect(responses).toHaveLength(6);
  expect(await prisma.pollVoterCount.aggregate({ where: { questionId: w.q.single.id }, _sum: { voters: true } })).toEqual({ _sum: { voters: 2 } });
  expect((await prisma.pollResponse.findFirstOrThrow({ where: { questionId: w.q.single.id, userId: yp.id } })).changes).toBe(1);

  // An answer can be changed, not taken away: an emptied question is refused beside it.
  const emptied = await post(w, yp.cookie, { [`q.${w.q.single.id}`]: library! });
  expect(emptied.status).toBe(400);
  const errors = (emptied.value as Reply).error!;
  expect(errors[`q.${w.q.multiple.id}`]).toEqual(["polls:vote.errors.cannotEmpty"]);
  expect(errors[`rank.${w.q.ranking.id}`]).toEqual(["polls:vote.errors.cannotEmpty"]);
  expect(errors[`text.${w.q.text.id}`]).toEqual(["polls:vote.errors.cannotEmpty"]);
  expect(await tallyOf(w.q.single.id, youthCentre!)).toBe(1);
});

test("changed words replace the answer still waiting for an officer, even from a page whose request id was already used", async () => {
  const w = await world();
  const yp = await voter(w);
  const fields = fullVote(w);
  await post(w, yp.cookie, fields);
  // The back button brings the old page, with its used request id, and the words are changed.
  const changed = await post(w, yp.cookie, { ...fields, [`text.${w.q.text.id}`]: "Actually, a trip to the mountains" });
  expect(changed.status).toBe(302);
  const items = await prisma.feedbackItem.findMany({ where: { authorId: yp.id }, orderBy: { createdAt: "asc" }, select: { text: true } });
  // Nobody has decided on the first words yet: the new ones replace them (and their privacy choices).
  expect(items.map((i) => i.text)).toEqual(["Actually, a trip to the mountains"]);
  expect((await loaded(w, yp.cookie)).poll.questions.find((q) => q.id === w.q.text.id)!.myText?.text).toBe("Actually, a trip to the mountains");

  // Words without saying who may know, or too long, are refused beside the question.
  const other = await voter(w);
  const missing = await post(w, other.cookie, { [`text.${w.q.text.id}`]: "Hello", [`crid.${w.q.text.id}`]: crypto.randomUUID() });
  expect(missing.status).toBe(400);
  expect((missing.value as Reply).error).toMatchObject({
    [`identity.${w.q.text.id}`]: ["polls:vote.errors.identityRequired"],
    [`mayQuote.${w.q.text.id}`]: ["polls:vote.errors.mayQuoteRequired"],
  });
  const long = "ا".repeat(1001);
  const tooLong = await post(w, other.cookie, fullVote(w, { [`text.${w.q.text.id}`]: long }));
  expect((tooLong.value as Reply).error?.[`text.${w.q.text.id}`]).toEqual(["polls:vote.errors.textTooLong"]);
  expect((tooLong.value as Reply).initialValue).toMatchObject({ text: { [w.q.text.id]: long } });
  const nothing = await post(w, other.cookie, {});
  expect((nothing.value as Reply).error?.[""]).toEqual(["polls:vote.errors.nothingAnswered"]);
  expect(await prisma.feedbackItem.count({ where: { authorId: other.id } })).toBe(0);
  expect(await prisma.pollResponse.count({ where: { userId: other.id } })).toBe(0);
});

test("in Arabic the poll is shown translated where it is, with English flagged where it is not", async () => {
  const translated = await world({ titleTranslations: { ar: "خطط الصيف" }, introTranslations: { ar: "ساعدونا في التخطيط للصيف." } });
  const amira = await voter(translated, "ar");
  const data = await loaded(translated, amira.cookie);
  expect([data.poll.title, data.poll.intro, data.poll.inEnglishFallback]).toEqual(["خطط الصيف", "ساعدونا في التخطيط للصيف.", false]);
  const single = data.poll.questions.find((q) => q.id === translated.q.single.id)!;
  expect([single.prompt, single.inEnglishFallback]).toEqual(["أين يجب أن نلتقي؟", false]);
  expect(single.options.map((o) => [o.label, o.inEnglishFallback])).toEqual([
    ["المكتبة", false],
    ["Youth centre", true],
    ["عبر الإنترنت", false],
  ]);
  const multiple = data.poll.questions.find((q) => q.id === translated.q.multiple.id)!;
  expect([multiple.prompt, multiple.inEnglishFallback]).toEqual(["Which activities?", true]);
  expect(data.title).toBe("استطلاع: خطط الصيف");
  // A scale's default words are the interface's own mood words, so they are never shown in English.
  const scale = data.poll.questions.find((q) => q.id === translated.q.scale.id)!;
  expect(scale.options.map((o) => [o.label, o.inEnglishFallback])[0]).toEqual(["حزين جدًا", false]);
  expect(scale.options.every((o) => !o.inEnglishFallback)).toBe(true);

  const untranslated = await world();
  const other = await voter(untranslated, "ar");
  const english = await loaded(untranslated, other.cookie);
  expect([english.poll.title, english.poll.inEnglishFallback]).toEqual(["Summer plans", true]);
  const home = await homeLoader(args(getRequest("/me", { cookie: other.cookie })));
  expect(home.polls.map((p) => [p.title, p.inEnglishFallback])).toEqual([["Summer plans", true]]);

  // The same poll in English is never "in English fallback".
  const jordan = await voter(translated, "en");
  const inEnglish = await loaded(translated, jordan.cookie);
  expect(inEnglish.poll.inEnglishFallback).toBe(false);
  expect(inEnglish.poll.questions.every((q) => !q.inEnglishFallback && q.options.every((o) => !o.inEnglishFallback))).toBe(true);
});

test("results: hidden before voting when shown after a vote; after close only once closed; never when never", async () => {
  const w = await world({ resultsVisibility: "after_vote" });
  const yp = await voter(w);
  expect((await loaded(w, yp.cookie)).results).toBeNull();
  await post(w, yp.cookie, { [`q.${w.q.single.id}`]: w.q.single.options[0]! });
  const after = await loaded(w, yp.cookie);
  expect(after.results).not.toBeNull();
  // Short-text answers are words for the officers, never counted on a young person's screen.
  expect(after.results!.questions.map((q) => q.questionId)).not.toContain(w.q.text.id);

  const afterClose = await world({ resultsVisibility: "after_close" });
  const voted = await voter(afterClose);
  await post(afterClose, voted.cookie, { [`q.${afterClose.q.single.id}`]: afterClose.q.single.options[0]! });
  expect((await loaded(afterClose, voted.cookie)).results).toBeNull();
  await setPollStatus(afterClose.officer.id, afterClose.poll.id, "closed");
  expect((await loaded(afterClose, voted.cookie)).results).not.toBeNull();

  const never = await world({ resultsVisibility: "never" });
  const someone = await voter(never);
  await post(never, someone.cookie, { [`q.${never.q.single.id}`]: never.q.single.options[0]! });
  await setPollStatus(never.officer.id, never.poll.id, "closed");
  expect((await loaded(never, someone.cookie)).results).toBeNull();
});

test("while open, results show numbers only when nothing is below 6; once closed, 'fewer than 6' with two cells and the voters 'not shown'", async () => {
  const w = await world();
  const [library, youthCentre, online] = w.q.single.options;
  const voters = [];
  for (let i = 0; i < 6; i++) voters.push(await voter(w));
  for (const yp of voters.slice(0, 3)) await post(w, yp.cookie, { [`q.${w.q.single.id}`]: library! });

  const withheldEverywhere = (results: { questions: { voters: { kind: string }; options: { shown: { kind: string } }[] }[] }) =>
    results.questions.every((q) => q.voters.kind === "withheld" && q.options.every((o) => o.shown.kind === "withheld"));
  const few = (await loaded(w, voters[0]!.cookie)).results!;
  expect(few.threshold).toBe(6);
  // Open, 3 young people: a later state could give an earlier hidden number back, so none is shown.
  expect(withheldEverywhere(few)).toBe(true);
  // The raw count of a hidden cell is nowhere in what the page receives.
  expect(JSON.stringify(few)).not.toMatch(/"value":3/);

  for (const yp of voters.slice(3)) await post(w, yp.cookie, { [`q.${w.q.single.id}`]: library! });
  const six = (await loaded(w, voters[0]!.cookie)).results!.questions.find((q) => q.questionId === w.q.single.id)!;
  expect(six.voters).toEqual({ kind: "exact", value: 6 });
  expect(six.options.map((o) => o.shown)).toEqual([{ kind: "exact", value: 6 }, { kind: "exact", value: 0 }, { kind: "exact", value: 0 }]);

  // One of the six moves: 5 and 1 are both below 6. Open: nothing shown.
  await post(w, voters[5]!.cookie, { [`q.${w.q.single.id}`]: online! });
  expect(withheldEverywhere((await loaded(w, voters[0]!.cookie)).results!)).toBe(true);
  // Closed, the one final state: zero stays zero, the two others are "not shown", and so are the voters.
  await setPollStatus(w.officer.id, w.poll.id, "closed");
  const split = (await loaded(w, voters[0]!.cookie)).results!.questions.find((q) => q.questionId === w.q.single.id)!;
  expect(split.options).toEqual([
    { optionId: library, shown: { kind: "withheld" }, points: null },
    { optionId: youthCentre, shown: { kind: "exact", value: 0 }, points: null },
    { optionId: online, shown: { kind: "withheld" }, points: null },
  ]);
  expect(split.voters).toEqual({ kind: "withheld" });
  await expectTalliesMatchRecount(w.poll.id);
});

test("nothing a young person's page receives says how another named young person voted", async () => {
  const w = await world();
  const me = await voter(w);
  const friend = await createYoungPerson({ groupIds: [w.group.id], nickname: `friend-${Date.now().toString(36)}` });
  const friendCookie = await sessionCookie(friend.id);
  await post(w, friendCookie, fullVote(w, {
    [`q.${w.q.single.id}`]: w.q.single.options[2]!,
    [`text.${w.q.text.id}`]: "Friend's private words",
    [`identity.${w.q.text.id}`]: "safeguarding",
  }));
  await post(w, me.cookie, fullVote(w));

  const data = await loaded(w, me.cookie);
  const json = JSON.stringify(data);
  for (const secret of [friend.id, friend.displayName, "Friend's private words", me.id]) expect(json).not.toContain(secret);
  // Only my own choices are in the page: the friend's single choice (Online) is not mine.
  const single = data.poll.questions.find((q) => q.id === w.q.single.id)!;
  expect(single.myChoices).toEqual([{ optionId: w.q.single.options[0], rank: null }]);
  expect(data.poll.questions.find((q) => q.id === w.q.text.id)!.myText?.text).toBe("More trips to the seaside please");
  // With two voters, no cell chosen by anyone is a number: nothing to subtract my own vote from.
  expect(data.results!.questions.flatMap((q) => q.options.map((o) => o.shown)).filter((s) => s.kind === "exact").every((s) => s.value === 0)).toBe(true);

  const home = await homeLoader(args(getRequest("/me", { cookie: me.cookie })));
  expect(JSON.stringify(home)).not.toContain(friend.displayName);
});
