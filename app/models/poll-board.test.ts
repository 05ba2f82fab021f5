import { expect, test } from "vitest";
import { csvField, getBoardPollResults, toCsv } from "#app/models/poll-board.server.ts";
import { castVote, createPoll, pollResults, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";

/** A closed two-group poll of two one-answer questions; `votes` per group: [Q1 option, Q2 option] per young person. */
async function twoGroupPoll(votes: { a: [number, number][]; b: [number, number][] }) {
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
  const a = await createGroup({ name: "Group A" });
  const b = await createGroup({ name: "Group B" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [a.id, b.id] });
  const question = (prompt: string) => ({ kind: "single" as const, prompt, promptTranslations: {}, maxChoices: null, options: ["Yes", "No"].map((label) => ({ label, labelTranslations: {} })) });
  const poll = await createPoll(officer.id, {
    title: "Trips",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [a.id, b.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [question("Sea?"), question("Hills?")],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const questions = await prisma.pollQuestion.findMany({ where: { pollId: poll.id }, orderBy: { position: "asc" }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  for (const [groupId, list] of [[a.id, votes.a], [b.id, votes.b]] as const) {
    for (const answer of list) {
      const yp = await createYoungPerson({ groupIds: [groupId] });
      await castVote(
        yp.id,
        poll.id,
        questions.map((q, i) => ({ questionId: q.id, kind: "choice" as const, optionIds: [q.options[answer[i]!]!.id] })),
      );
    }
  }
  return { poll, officer };
}

const repeat = (n: number, answer: [number, number]) => Array.from({ length: n }, () => answer);

test("the board's breakdown by group is all or nothing: one small group cell anywhere hides every group's numbers (real database)", async () => {
  // Group B's 2 "No" to the second question are fewer than 6: no group table at all.
  const { poll, officer } = await twoGroupPoll({ a: [...repeat(7, [0, 0]), ...repeat(6, [1, 0])], b: [...repeat(6, [0, 1]), ...repeat(2, [0, 0])] });
  // While open nothing is shown to the board (it sees closed polls only).
  expect(await getBoardPollResults(poll.id, "en")).toBeNull();
  await setPollStatus(officer.id, poll.id, "closed");
  const board = (await getBoardPollResults(poll.id, "en"))!;
  expect(board.breakdown).toBe(false);
  for (const q of board.questions) expect(q.results!.groups).toEqual([]);
  // Overall nothing is small (15 and 6 to each question): shown exactly, voters too.
  expect(board.questions.map((q) => q.results!.overall.options.map((o) => o.shown))).toEqual([
    [
      { kind: "exact", value: 15 },
      { kind: "exact", value: 6 },
    ],
    [
      { kind: "exact", value: 15 },
      { kind: "exact", value: 6 },
    ],
  ]);
  expect(board.questions.map((q) => q.results!.overall.voters)).toEqual([
    { kind: "exact", value: 21 },
    { kind: "exact", value: 21 },
  ]);
  // Group B's 2 (and the 6 and 13 beside it) never reach the board's object.
  expect(JSON.stringify(board)).not.toMatch(/"value":(2|13)\b/);
});

test("one hidden option overall: every question keeps two cells 'not shown' and nobody is told how many answered (real database)", async () => {
  // Q2 overall: 9 yes, 2 no. Q1 overall 11 yes, nothing small, would give Q2's voters: withheld.
  const { poll, officer } = await twoGroupPoll({ a: repeat(7, [0, 0]), b: [...repeat(2, [0, 0]), ...repeat(2, [0, 1])] });
  await setPollStatus(officer.id, poll.id, "closed");
  const board = (await getBoardPollResults(poll.id, "en"))!;
  expect(board.questions.map((q) => q.results!.overall.options.map((o) => o.shown.kind))).toEqual([
    ["withheld", "exact"],
    ["withheld", "withheld"],
  ]);
  expect(board.questions.map((q) => q.results!.overall.voters.kind)).toEqual(["withheld", "withheld"]);
  expect(JSON.stringify(board)).not.toMatch(/"value":[1-9]\d*/);
});

test("with every group's numbers zero or six and more, the board sees each group exactly (real database)", async () => {
  const { poll, officer } = await twoGroupPoll({ a: [...repeat(7, [0, 0]), ...repeat(6, [1, 1])], b: repeat(6, [0, 1]) });
  await setPollStatus(officer.id, poll.id, "closed");
  const board = (await getBoardPollResults(poll.id, "en"))!;
  expect(board.breakdown).toBe(true);
  const q1 = board.questions[0]!.results!;
  expect(q1.overall.options.map((o) => o.shown)).toEqual([
    { kind: "exact", value: 13 },
    { kind: "exact", value: 6 },
  ]);
  expect(q1.groups.map((g) => g.options.map((o) => o.shown))).toEqual([
    [
      { kind: "exact", value: 7 },
      { kind: "exact", value: 6 },
    ],
    [
      { kind: "exact", value: 6 },
      { kind: "exact", value: 0 },
    ],
  ]);
  expect(q1.overall.voters).toEqual({ kind: "exact", value: 19 });
});

test("pollResults refuses a suppressed group table: the only suppressed table is the poll's overall one", async () => {
  const { poll } = await twoGroupPoll({ a: repeat(6, [0, 0]), b: [] });
  const group = await prisma.pollGroup.findFirstOrThrow({ where: { pollId: poll.id }, select: { groupId: true } });
  await expect(pollResults(poll.id, { audience: "suppressed", groupId: group.groupId })).rejects.toThrow(/officers only/);
});

test("CSV fields: formulas are defused, quotes doubled, commas and line breaks kept inside the field", () => {
  expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  for (const start of ["+", "-", "@", "\t", "\r"]) expect(csvField(`${start}1`)).toBe(`"'${start}1"`);
  expect(csvField("a, b\r\nc")).toBe('"a, b\r\nc"');
  expect(csvField(12)).toBe('"12"');
  expect(csvField(null)).toBe('""');
  expect(toCsv([["a", "b"], [1, 2]])).toBe('\uFEFF"a","b"\r\n"1","2"\r\n');
});
