import { expect, test } from "vitest";
import { castVote, createPoll, setPollStatus, type QuestionInput } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, sessionCookie, settle } from "#tests/request.ts";
import { loader as csvLoader } from "./board.polls.$pollId[.csv].ts";
import { loader as pollLoader } from "./board.polls.$pollId.tsx";
import { loader as listLoader } from "./board.polls._index.tsx";

type PollPage = Awaited<ReturnType<typeof pollLoader>>;

const W = { kind: "withheld" } as const;
const exact = (value: number) => ({ kind: "exact", value }) as const;

/**
 * A poll in `groups.length` groups with one single-choice question; groups[g][o] young people of
 * group g choose option o. Closed unless `open`.
 */
async function votedPoll(groups: number[][], options: { labels?: string[]; open?: boolean; extraQuestions?: QuestionInput[] } = {}) {
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
  const made = await Promise.all(groups.map((_, g) => createGroup({ name: `Board poll group ${String.fromCharCode(65 + g)} ${Math.random().toString(36).slice(2, 7)}` })));
  const officer = await createStaff({ roles: ["officer"], groupIds: made.map((g) => g.id) });
  const labels = options.labels ?? groups[0]!.map((_, o) => `Option ${o + 1}`);
  const { id: pollId } = await createPoll(officer.id, {
    title: "Youth club opening hours",
    intro: "",
    titleTranslations: { ar: "ساعات عمل نادي الشباب" },
    introTranslations: {},
    groupIds: made.map((g) => g.id),
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [
      {
        kind: "single",
        prompt: "When should the club open?",
        promptTranslations: { ar: "متى يجب أن يفتح النادي؟" },
        maxChoices: null,
        options: labels.map((label) => ({ label, labelTranslations: {} })),
      },
      ...(options.extraQuestions ?? []),
    ],
  });
  await setPollStatus(officer.id, pollId, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({
    where: { pollId, position: 0 },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  for (const [g, counts] of groups.entries()) {
    for (const [o, people] of counts.entries()) {
      for (let i = 0; i < people; i++) {
        const yp = await createYoungPerson({ groupIds: [made[g]!.id] });
        await castVote(yp.id, pollId, [{ questionId: question.id, kind: "choice", optionIds: [question.options[o]!.id] }]);
      }
    }
  }
  if (!options.open) await setPollStatus(officer.id, pollId, "closed");
  return { pollId, groups: made, officer, questionId: question.id };
}

async function boardCookie() {
  return sessionCookie((await createStaff({ roles: ["board_member"] })).id);
}

async function pollPage(pollId: string, cookie: string) {
  const result = await settle(() => pollLoader(args(getRequest(`/board/polls/${pollId}`, { cookie }), { pollId })));
  expect(result.status).toBe(200);
  return result.value as PollPage;
}

async function csvOf(pollId: string, cookie: string) {
  const result = await settle(() => csvLoader(args(getRequest(`/board/polls/${pollId}.csv`, { cookie }), { pollId })));
  expect(result.status).toBe(200);
  const response = result.value as Response;
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="poll-results-[\w-]+\.csv"$/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // UTF-8 with a byte-order mark, so that Excel reads it as UTF-8.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
}

/** RFC 4180: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

/** Every number anywhere in the loader's data. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.values(value).flatMap(numbersIn);
  return [];
}

test("3 young people's answers reach the board as 'not shown', on the page and in the CSV, with no number below 6 anywhere", async () => {
  const p = await votedPoll([[3, 0]]);
  const cookie = await boardCookie();
  const data = await pollPage(p.pollId, cookie);
  const question = data.poll.questions[0]!;
  // The one non-zero answer is withheld (every question keeps two "not shown" while one is hidden).
  expect(question.results!.overall).toEqual({ voters: W, options: [{ shown: W }, { shown: exact(0) }] });
  // One group: its table would be the overall one again.
  expect(question.results!.groups).toEqual([]);
  const { threshold, ...rest } = data.poll;
  expect(threshold).toBe(6);
  for (const n of numbersIn(rest)) expect(n === 0 || n >= 6, `the page carries ${n}`).toBe(true);

  const rows = parseCsv(await csvOf(p.pollId, cookie));
  expect(rows[0]).toEqual(["Poll", "Question number", "Question", "Question type", "Shown in", "Answer", "Group", "Chose this answer", "Ranking points", "Young people who answered"]);
  // One row per question × option, all groups together.
  expect(rows.length).toBe(1 + 2);
  expect(rows[1]).toEqual(["Youth club opening hours", "1", "When should the club open?", "One answer", "English; Arabic", "Option 1", "All groups", "not shown", "", "not shown"]);
  expect(rows[2]![7]).toBe("0");
  for (const row of rows.slice(1)) for (const cell of [row[7], row[9]]) expect(["0", "fewer than 6", "not shown", ""].includes(cell!) || Number(cell) >= 6, cell).toBe(true);
});

test("the cross-group attack: overall minus the shown groups would give a hidden group's count, so no group is shown while any group's number is small", async () => {
  // Group A: 10 chose the first option, 3 the second. Group B: 8 chose the second. Overall the
  // second option had 11; 11 − 8 would be group A's hidden 3.
  const p = await votedPoll([
    [10, 3],
    [0, 8],
  ]);
  const cookie = await boardCookie();
  const data = await pollPage(p.pollId, cookie);
  expect(data.poll.breakdown).toBe(false);
  const results = data.poll.questions[0]!.results!;
  expect(results.groups).toEqual([]);
  // Overall nothing is small: shown exactly.
  expect(results.overall).toEqual({ voters: exact(21), options: [{ shown: exact(10) }, { shown: exact(11) }] });
  // Nothing on the page is a group's number.
  expect(JSON.stringify(data)).not.toMatch(/"value":(3|8|13)\b/);

  const rows = parseCsv(await csvOf(p.pollId, cookie));
  expect(rows.slice(1).map((r) => r[6])).toEqual(["All groups", "All groups"]);
  expect(rows.flat()).not.toContain("3");
  expect(rows.flat()).not.toContain("8");
});

test("with every group's numbers six or more (or zero), the board and its CSV show each group", async () => {
  const p = await votedPoll([
    [10, 6],
    [0, 8],
  ]);
  const cookie = await boardCookie();
  const data = await pollPage(p.pollId, cookie);
  expect(data.poll.breakdown).toBe(true);
  const results = data.poll.questions[0]!.results!;
  const byName = (id: string) => results.groups[data.poll.groups.findIndex((g) => g.id === id)]!;
  expect(byName(p.groups[0]!.id)).toEqual({ voters: exact(16), options: [{ shown: exact(10) }, { shown: exact(6) }] });
  expect(byName(p.groups[1]!.id)).toEqual({ voters: exact(8), options: [{ shown: exact(0) }, { shown: exact(8) }] });
  const rows = parseCsv(await csvOf(p.pollId, cookie));
  const cell = (option: string, group: string) => rows.find((r) => r[5] === option && r[6] === group)!;
  expect(cell("Option 2", "All groups")[7]).toBe("14");
  expect(cell("Option 2", p.groups[0]!.name)[7]).toBe("6");
});

test("CSV: an option label that is a formula is defused and quoted; every line is CRLF-terminated", async () => {
  const p = await votedPoll([[6, 7]], { labels: ['=HYPERLINK("http://x")', "-2+3, or @SUM(A1)"] });
  const text = await csvOf(p.pollId, await boardCookie());
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  expect(text).toContain(`"'-2+3, or @SUM(A1)"`);
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.split("\r\n").slice(0, -1).every((line) => line.startsWith('"'))).toBe(true);
  const rows = parseCsv(text);
  expect(rows.every((r) => r.length === 10)).toBe(true);
  expect(rows.map((r) => r[5])).toContain(`'=HYPERLINK("http://x")`);
  // No field starts with a character a spreadsheet would read as a formula.
  for (const field of rows.flat()) expect(field, field).not.toMatch(/^[=+\-@\t\r]/);
  // Enough young people everywhere: the numbers are shown.
  expect(rows.find((r) => r[5] === `'=HYPERLINK("http://x")` && r[6] === "All groups")!.slice(7)).toEqual(["6", "", "13"]);
});

test("open and draft polls are not on the board (404 for the page and the CSV), closed ones are listed newest first", async () => {
  const open = await votedPoll([[1, 0]], { open: true });
  const closed = await votedPoll([[0, 1]]);
  const cookie = await boardCookie();
  for (const [pollId, status] of [
    [open.pollId, 404],
    [closed.pollId, 200],
    ["no-such-poll", 404],
  ] as const) {
    expect((await settle(() => pollLoader(args(getRequest(`/board/polls/${pollId}`, { cookie }), { pollId })))).status).toBe(status);
    expect((await settle(() => csvLoader(args(getRequest(`/board/polls/${pollId}.csv`, { cookie }), { pollId })))).status).toBe(status);
  }
  await prisma.poll.update({ where: { id: open.pollId }, data: { status: "draft" } });
  expect((await settle(() => pollLoader(args(getRequest(`/board/polls/${open.pollId}`, { cookie }), { pollId: open.pollId })))).status).toBe(404);

  // An open poll whose closing time has passed is closed.
  const scheduled = await votedPoll([[0, 2]], { open: true });
  await prisma.poll.update({ where: { id: scheduled.pollId }, data: { closesAt: new Date() } });
  expect((await settle(() => pollLoader(args(getRequest(`/board/polls/${scheduled.pollId}`, { cookie }), { pollId: scheduled.pollId })))).status).toBe(200);

  const list = await settle(() => listLoader(args(getRequest("/board/polls", { cookie }))));
  expect(list.status).toBe(200);
  const polls = (list.value as Awaited<ReturnType<typeof listLoader>>).polls;
  const ids = polls.map((p) => p.id);
  expect(ids).toContain(closed.pollId);
  expect(ids).toContain(scheduled.pollId);
  expect(ids).not.toContain(open.pollId);
  expect(ids.indexOf(scheduled.pollId)).toBeLessThan(ids.indexOf(closed.pollId));
  expect(polls.find((p) => p.id === closed.pollId)).toMatchObject({ title: "Youth club opening hours", groups: [closed.groups[0]!.name] });
  // Words and dates only.
  expect(numbersIn(polls)).toEqual([]);
});

test("the question as young people saw it: English words, the languages it was shown in, each translation; a written-answer question has no numbers", async () => {
  const p = await votedPoll([[6, 0]], {
    extraQuestions: [{ kind: "text", prompt: "Anything else?", promptTranslations: {}, maxChoices: null, options: [] }],
  });
  const data = await pollPage(p.pollId, await boardCookie());
  const [choice, text] = data.poll.questions;
  expect(choice).toMatchObject({
    prompt: "When should the club open?",
    languages: ["en", "ar"],
    translations: [{ locale: "ar", prompt: "متى يجب أن يفتح النادي؟" }],
  });
  expect(text).toMatchObject({ kind: "text", prompt: "Anything else?", languages: ["en"], results: null });
});

test("only board members: officers, young people and admins get 403", async () => {
  const p = await votedPoll([[1, 0]]);
  const cookies = [
    await sessionCookie(p.officer.id),
    await sessionCookie((await createYoungPerson({ groupIds: [p.groups[0]!.id] })).id),
    await sessionCookie((await createStaff({ roles: ["admin"] })).id),
  ];
  for (const cookie of cookies) {
    expect((await settle(() => listLoader(args(getRequest("/board/polls", { cookie }))))).status).toBe(403);
    expect((await settle(() => pollLoader(args(getRequest(`/board/polls/${p.pollId}`, { cookie }), { pollId: p.pollId })))).status).toBe(403);
    expect((await settle(() => csvLoader(args(getRequest(`/board/polls/${p.pollId}.csv`, { cookie }), { pollId: p.pollId })))).status).toBe(403);
  }
});
