import { isClosed, pollResults, type PollResults } from "#app/models/polls.server.ts";
import { pollBreakdownVisible, type PollCounts, type ShownValue } from "#app/models/suppression.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { QuestionKind } from "#app/utils/domain.ts";

/**
 * Poll results for the board: every closed poll's questions overall, suppressed by the one
 * suppression module (pollResults' "suppressed" audience), and group by group only when the whole
 * poll's breakdown hides nothing (pollBreakdownVisible). A breakdown beside hidden numbers was
 * a second table to add up (overall minus the shown groups; one group's voters from one question
 * pinning another question's hidden cells), so it is all or nothing, for the whole poll.
 */

export type ResultCell = { shown: ShownValue; points?: ShownValue };
export type ResultRow = { voters: ShownValue; options: ResultCell[] };

const withheld: ShownValue = { kind: "withheld" };

/** A group's exact table as counts, for the breakdown decision only (never returned). */
function countsOf(results: PollResults): PollCounts[] {
  const value = (v: ShownValue | undefined) => (v?.kind === "exact" ? v.value : 0);
  return results.questions.map((q) => ({ kind: q.kind, voters: value(q.voters), options: q.options.map((o) => ({ count: value(o.shown), points: value(o.points) })) }));
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
 * question its English words, the languages it was shown in, and its results overall
 * (suppressed) and, when the whole poll's breakdown hides nothing, per group. Short-text
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
  const [overall, overallExact, ...perGroupExact] = await Promise.all([
    pollResults(poll.id, { audience: "suppressed" }),
    pollResults(poll.id, { audience: "exact" }),
    ...groups.map((g) => pollResults(poll.id, { audience: "exact", groupId: g.id })),
  ]);
  const counted = (r: PollResults) => ({ ...r, questions: r.questions.filter((q) => q.kind !== "text") });
  // Every number of every group's table is zero or from k young people or more: shown exactly.
  const breakdown =
    groups.length > 1 && pollBreakdownVisible(countsOf(counted(overallExact!)), perGroupExact.map((r) => countsOf(counted(r!))), overall!.threshold);
  const perGroup = breakdown ? perGroupExact : [];
  const translatedTitle = inLocale(poll.translations, locale);
  return {
    id: poll.id,
    title: translatedTitle?.title ?? poll.title,
    titleLocale: translatedTitle ? locale : "en",
    englishTitle: poll.title,
    closedAt: poll.closesAt ?? poll.updatedAt,
    threshold: overall!.threshold,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    /** Whether results are shown group by group (else overall only). */
    breakdown,
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
      const groupRows = perGroup.map((r) => (kind === "text" ? null : rowOf(r!, q.id, optionIds)));
      if (!overallRow || groupRows.some((r) => !r)) return { ...base, results: null };
      return { ...base, results: { overall: copyRow(overallRow), groups: (groupRows as ResultRow[]).map(copyRow) } };
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
