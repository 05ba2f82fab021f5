import { isClosed, pollResults, type PollResults } from "#app/models/polls.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { QuestionKind } from "#app/utils/domain.ts";

/**
 * Poll results for the board: every closed poll's questions, overall and per group, suppressed.
 *
 * Each table (overall, one group) comes from pollResults(…, "suppressed"), which hides a cell of
 * fewer than k young people within that table. Side by side, the tables add up: an option's overall
 * count is the sum of its group counts, the overall voters the sum of the groups' voters. This
 * module removes what those sums would give away (suppressAcrossGroups), and nothing else here
 * ever sees a hidden count.
 */

// ---------------------------------------------------------------------------------------------
// Secondary suppression across groups (pure)

export type ResultCell = { shown: ShownValue; points?: ShownValue };
export type ResultRow = { voters: ShownValue; options: ResultCell[] };

const withheld: ShownValue = { kind: "withheld" };
const hidden = (value: ShownValue | undefined) => value !== undefined && value.kind !== "exact";

/**
 * Makes a question's overall row and group rows safe to show side by side. The attacker knows every
 * shown number and the rules: overall = sum of the groups (per option and for voters), a "fewer
 * than k" cell holds 1 to k − 1 young people, and in a one-answer question (single, scale) a row's
 * cells add up to its voters. Three ways a hidden cell could then be pinned, all closed here:
 *
 * 1. Overall minus the shown groups. An overall cell shown while any group's cell of that option
 *    is hidden leaves the hidden cells' sum: one hidden cell is then known, and several are when
 *    the sum is at its least (all ones) or most. So the overall cell is "not shown" whenever any
 *    group's cell of its option is hidden, and the overall voters with it.
 * 2. A "fewer than k" sum over k − 1 hidden parts or more: each part holds at least one young
 *    person, so the parts can only be ones. Such an overall cell is "not shown" (which also stands
 *    for "k or more", so it no longer bounds its parts).
 * 3. Voters as bounds. pollResults tells "fewer than k" voters (at most k − 1) from "not shown"
 *    ones (k or more). Beside "fewer than k" overall cells, a group's "k or more" pins its cells
 *    (k = 4: a group's 2 + 2 and another's 1 + 1 under overall cells of "fewer than 4"), and a
 *    "fewer than k" row or total over enough hidden parts pins them to ones. So wherever a cell is
 *    hidden, voters (a group's or the overall) are "not shown", whichever side of k they are.
 *
 * The rules look only at which cells are hidden, never at hidden values, so whether a number is
 * withheld tells nothing about the numbers behind it. app/models/poll-board.test.ts plays the
 * attacker on random tables.
 * NOTE: each question is made safe on its own. A young person who answers several questions is
 * counted in each, so another question's voters (or a one-answer question's shown cells, which add
 * up to them) can stand in for a withheld total; that is not closed here.
 *
 * @param threshold k
 * @param overall the question's overall row, from pollResults(…, "suppressed")
 * @param groups one row per group, from pollResults(…, { audience: "suppressed", groupId })
 */
export function suppressAcrossGroups({
  threshold,
  overall,
  groups,
}: {
  threshold: number;
  overall: ResultRow;
  groups: ResultRow[];
}): { overall: ResultRow; groups: ResultRow[] } {
  const k = Math.max(1, Math.floor(threshold));
  const guard = (total: ShownValue, hiddenParts: number): ShownValue => {
    if (total.kind === "exact" && hiddenParts > 0) return withheld;
    if (total.kind === "suppressed" && hiddenParts >= k - 1) return withheld;
    return total;
  };
  const options = overall.options.map((cell, i) => {
    const hiddenCells = groups.filter((g) => hidden(g.options[i]?.shown)).length;
    const hiddenPoints = groups.filter((g) => hidden(g.options[i]?.points)).length;
    return {
      shown: guard(cell.shown, hiddenCells),
      ...(cell.points ? { points: guard(cell.points, hiddenPoints) } : {}),
    };
  });
  const anyHidden = (row: ResultRow) => hidden(row.voters) || row.options.some((o) => hidden(o.shown) || hidden(o.points));
  const voters = (row: ResultRow, hiddenElsewhere = false) => (hiddenElsewhere || anyHidden(row) ? withheld : row.voters);
  return {
    overall: { voters: voters({ voters: overall.voters, options }, groups.some(anyHidden)), options },
    groups: groups.map((row) => ({ voters: voters(row), options: row.options.map((o) => ({ ...o })) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading closed polls

const closedWhere = (now: Date) => ({
  OR: [{ status: "closed" }, { status: "open", closesAt: { lte: now } }],
});

function inLocale<T extends { locale: string }>(rows: T[], locale: string) {
  return locale === "en" ? undefined : rows.find((r) => r.locale === locale);
}

/** Closed polls, newest first, for the board's list: words and dates only, no numbers. */
export async function listClosedPollsForBoard(locale: string) {
  const now = new Date();
  const polls = await prisma.poll.findMany({
    where: closedWhere(now),
    orderBy: [{ closesAt: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      closesAt: true,
      updatedAt: true,
      translations: { where: { locale }, select: { locale: true, title: true } },
      groups: { select: { group: { select: { name: true } } } },
    },
  });
  return polls.map((p) => {
    const translated = inLocale(p.translations, locale);
    return {
      id: p.id,
      title: translated?.title ?? p.title,
      titleLocale: translated ? locale : "en",
      closedAt: p.closesAt ?? p.updatedAt,
      groups: p.groups.map((g) => g.group.name).sort((a, b) => a.localeCompare(b)),
    };
  });
}

export type BoardPoll = NonNullable<Awaited<ReturnType<typeof getBoardPollResults>>>;

function rowOf(results: PollResults, questionId: string, optionIds: string[]): ResultRow | null {
  const question = results.questions.find((q) => q.questionId === questionId);
  if (!question) return null;
  const byId = new Map(question.options.map((o) => [o.optionId, o]));
  return {
    voters: question.voters,
    options: optionIds.map((id) => {
      const o = byId.get(id);
      return { shown: o?.shown ?? withheld, ...(o?.points ? { points: o.points } : {}) };
    }),
  };
}

/** Copies only the suppressed form: a ShownValue with nothing else in it. */
function shownOnly(shown: ShownValue): ShownValue {
  return shown.kind === "exact" ? { kind: "exact", value: shown.value } : { kind: shown.kind };
}

const copyRow = (row: ResultRow): ResultRow => ({
  voters: shownOnly(row.voters),
  options: row.options.map((o) => ({ shown: shownOnly(o.shown), ...(o.points ? { points: shownOnly(o.points) } : {}) })),
});

/**
 * A closed poll's results for the board, or null for a draft, an open poll or no poll: per
 * question its English words, the languages it was shown in, and its results overall and per
 * group, suppressed within each table and across them (suppressAcrossGroups). Short-text
 * questions are listed without numbers: their answers are moderated feedback.
 */
export async function getBoardPollResults(pollId: string, locale: string) {
  const now = new Date();
  const poll = await prisma.poll.findFirst({
    where: { id: pollId, ...closedWhere(now) },
    select: {
      id: true,
      title: true,
      intro: true,
      status: true,
      closesAt: true,
      updatedAt: true,
      shortCode: true,
      translations: { select: { locale: true, title: true } },
      groups: { select: { group: { select: { id: true, name: true } } } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          translations: { orderBy: { locale: "asc" }, select: { locale: true, prompt: true } },
          options: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, value: true, translations: { orderBy: { locale: "asc" }, select: { locale: true, label: true } } },
          },
        },
      },
    },
  });
  if (!poll || !isClosed(poll, now)) return null;
  const groups = poll.groups.map((g) => g.group).sort((a, b) => a.name.localeCompare(b.name));
  const [overall, ...perGroup] = await Promise.all([
    pollResults(poll.id, { audience: "suppressed" }),
    ...groups.map((g) => pollResults(poll.id, { audience: "suppressed", groupId: g.id })),
  ]);
  const translatedTitle = inLocale(poll.translations, locale);
  return {
    id: poll.id,
    title: translatedTitle?.title ?? poll.title,
    titleLocale: translatedTitle ? locale : "en",
    englishTitle: poll.title,
    closedAt: poll.closesAt ?? poll.updatedAt,
    threshold: overall!.threshold,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    questions: poll.questions.map((q) => {
      const kind = q.kind as QuestionKind;
      const optionIds = q.options.map((o) => o.id);
      const base = {
        id: q.id,
        kind,
        prompt: q.prompt,
        // English always; then every language the question was translated into.
        languages: ["en", ...q.translations.map((t) => t.locale).filter((l) => l !== "en")],
        translations: q.translations.filter((t) => t.locale !== "en").map((t) => ({ locale: t.locale, prompt: t.prompt })),
        options: q.options.map((o) => ({ id: o.id, label: o.label, value: o.value })),
      };
      const overallRow = kind === "text" ? null : rowOf(overall!, q.id, optionIds);
      const groupRows = perGroup.map((r) => (kind === "text" ? null : rowOf(r, q.id, optionIds)));
      if (!overallRow || groupRows.some((r) => !r)) return { ...base, results: null };
      const safe = suppressAcrossGroups({ threshold: overall!.threshold, overall: overallRow, groups: groupRows as ResultRow[] });
      return { ...base, results: { overall: copyRow(safe.overall), groups: safe.groups.map(copyRow) } };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV (pure)

/**
 * One CSV field, safe to open in a spreadsheet: a value that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, and every field is
 * quoted with its quotes doubled (RFC 4180), so commas and line breaks stay inside it.
 */
export function csvField(value: string | number | null | undefined) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows of fields → a CSV file's text: UTF-8 with a byte-order mark (Excel), CRLF line ends. */
export function toCsv(rows: (string | number | null | undefined)[][]) {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
