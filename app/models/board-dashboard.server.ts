import { Prisma } from "#app/generated/sqlite/client.ts";
import { isOverdue } from "#app/components/board-asks.tsx";
import { listAsks } from "#app/models/asks.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { listClosedPollsForBoard } from "#app/models/poll-board.server.ts";
import { suppressFamily, suppressMean, type ShownValue } from "#app/models/suppression.server.ts";
import { prisma } from "#app/utils/db.server.ts";

/**
 * The board's dashboard: approved feedback by theme, by group and by mood over whole months, the
 * quotes authors agreed to share, closed polls and every ask. Every number built from young
 * people's contributions comes out of suppressFamily() (app/models/suppression.server.ts); the
 * counts behind a hidden cell never leave this module.
 *
 * Months are whole UK calendar months that have ended before the given date, counted by when an
 * officer approved each item. NOTE: that makes a published month's numbers final (an item is
 * approved once), so reloading the dashboard, the next meeting's pack or a live update never
 * shows the same month twice with a different number — successive states would be another
 * table to add up. Deleting a young person's data can still lower a past month; see decision 012.
 */

export const DASHBOARD_MONTHS = 12;

const ukParts = new Intl.DateTimeFormat("en-GB-u-nu-latn", { timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" });

/** Midnight UK time at the start of the 1st of a month (month may run past 1..12), as an instant. */
function ukMonthStart(year: number, month: number) {
  const y = year + Math.floor((month - 1) / 12);
  const m = (((month - 1) % 12) + 12) % 12;
  const utc = Date.UTC(y, m, 1);
  // London is on UTC or one hour ahead (BST) at that midnight.
  for (const candidate of [utc, utc - 3600_000]) {
    const parts = Object.fromEntries(ukParts.formatToParts(new Date(candidate)).map((p) => [p.type, p.value]));
    if (Number(parts.day) === 1 && Number(parts.hour) === 0) return new Date(candidate);
  }
  return new Date(utc);
}

/**
 * The whole months before `date` (UK time): DASHBOARD_MONTHS of them, oldest first, each with its
 * first instant; `end` is the first instant of the month containing `date`.
 */
export function monthsBefore(date: Date, count = DASHBOARD_MONTHS) {
  const parts = Object.fromEntries(ukParts.formatToParts(date).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const months = Array.from({ length: count }, (_, i) => {
    const offset = count - i;
    const start = ukMonthStart(year, month - offset);
    const y = year + Math.floor((month - offset - 1) / 12);
    const m = ((((month - offset - 1) % 12) + 12) % 12) + 1;
    return { key: `${y}-${String(m).padStart(2, "0")}`, start };
  });
  return { months, end: ukMonthStart(year, month) };
}

type Dimension = "themeId" | "groupId" | "mood";

/** Items and distinct authors per (month, value of one dimension), counted by the database. */
async function countBy(dimension: Dimension, starts: Date[], end: Date) {
  const column = Prisma.raw(`"${dimension}"`);
  const bucket = Prisma.join(
    starts.slice(1).map((start, i) => Prisma.sql`WHEN "decidedAt" < ${start} THEN ${i}`),
    " ",
  );
  const rows = await prisma.$queryRaw<{ m: number | bigint; k: string | number | null; n: number | bigint; people: number | bigint }[]>`
    SELECT CASE ${bucket} ELSE ${starts.length - 1} END AS m, ${column} AS k, COUNT(*) AS n, COUNT(DISTINCT "authorId") AS people
    FROM "FeedbackItem"
    WHERE "status" = 'approved' AND "decidedAt" >= ${starts[0]!} AND "decidedAt" < ${end}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ month: Number(r.m), key: r.k === null ? null : String(r.k), count: Number(r.n), contributors: Number(r.people) }));
}

const NONE = "none";

/**
 * Approved feedback over the whole months before `until`, by theme, by group and by mood, made
 * safe together (they split the same items, so each would give the others' totals), with the
 * mean mood per month where every mood cell of that month is shown.
 */
export async function boardFeedbackOverTime(until: Date) {
  const { months, end } = monthsBefore(until);
  const starts = months.map((m) => m.start);
  const [org, themes, groups, byTheme, byGroup, byMood] = await Promise.all([
    getOrganisation(),
    prisma.theme.findMany({ orderBy: { position: "asc" }, select: { id: true, key: true, name: true, archivedAt: true } }),
    prisma.group.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    countBy("themeId", starts, end),
    countBy("groupId", starts, end),
    countBy("mood", starts, end),
  ]);
  const grid = (counts: Awaited<ReturnType<typeof countBy>>, keys: string[]) => {
    const at = new Map(counts.map((c) => [`${c.key ?? NONE}:${c.month}`, c]));
    return keys.map((key) => ({
      key,
      cells: months.map((_, m) => {
        const c = at.get(`${key}:${m}`);
        return { count: c?.count ?? 0, contributors: c?.contributors ?? 0 };
      }),
    }));
  };
  const themeIds = new Set(byTheme.map((c) => c.key));
  const themeRows = [...themes.filter((t) => !t.archivedAt || themeIds.has(t.id)).map((t) => t.id), NONE];
  const groupIds = new Set(byGroup.map((c) => c.key));
  const groupRows = groups.filter((g) => groupIds.has(g.id)).map((g) => g.id);
  const moodRows = ["1", "2", "3", "4", "5", NONE];
  const safe = suppressFamily(
    {
      columns: months.length,
      tables: [
        { key: "theme", rows: grid(byTheme, themeRows) },
        { key: "group", rows: grid(byGroup, groupRows) },
        { key: "mood", rows: grid(byMood, moodRows) },
      ],
    },
    org.suppressionThreshold,
  );
  const [themeTable, groupTable, moodTable] = safe.tables;
  const moodGrid = grid(byMood, moodRows);
  const moodMeans = months.map((_, m) => {
    let sum = 0;
    let n = 0;
    for (const row of moodGrid.slice(0, 5)) {
      sum += Number(row.key) * row.cells[m]!.count;
      n += row.cells[m]!.count;
    }
    return suppressMean(sum, n, moodTable!.rows.slice(0, 5).map((row) => row.cells[m]!));
  });
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  return {
    threshold: safe.threshold,
    months: months.map((m) => ({ key: m.key, start: m.start })),
    end,
    columnTotals: safe.columnTotals,
    grandTotal: safe.grandTotal,
    themes: themeTable!.rows.map((row) => ({ id: row.key, themeKey: themeById.get(row.key)?.key ?? null, name: themeById.get(row.key)?.name ?? null, cells: row.cells, total: row.total })),
    groups: groupTable!.rows.map((row) => ({ id: row.key, name: groupById.get(row.key)?.name ?? "", cells: row.cells, total: row.total })),
    moods: moodTable!.rows.map((row) => ({ mood: row.key === NONE ? null : Number(row.key), cells: row.cells, total: row.total })),
    moodMeans,
  };
}

export type BoardFeedback = Awaited<ReturnType<typeof boardFeedbackOverTime>>;

/**
 * Themes this month (the last whole month) against the month before, from the shown cells only:
 * a theme whose number is hidden is listed after the shown ones, in the usual order, so where it
 * sits says nothing about its size.
 */
export function topThemes(feedback: BoardFeedback, limit = 5) {
  const last = feedback.months.length - 1;
  const rows = feedback.themes.map((row, position) => ({ row, position, now: row.cells[last]!, before: row.cells[last - 1] ?? ({ kind: "exact", value: 0 } as ShownValue) }));
  const value = (s: ShownValue) => (s.kind === "exact" ? s.value : -1);
  return rows
    .filter((r) => r.now.kind !== "exact" || r.now.value > 0)
    .sort((a, b) => value(b.now) - value(a.now) || a.position - b.position)
    .slice(0, limit)
    .map((r) => ({
      id: r.row.id,
      themeKey: r.row.themeKey,
      name: r.row.name,
      now: r.now,
      before: r.before,
      change: r.now.kind === "exact" && r.before.kind === "exact" ? ({ kind: "exact", value: r.now.value - r.before.value } as ShownValue) : ({ kind: "withheld" } as ShownValue),
    }));
}

/**
 * Quotes for the board: approved words whose authors agreed to be quoted, redacted as approved,
 * with the officer's English beside them, from the whole months shown, once k or more young
 * people are behind those months. No name, no group (a small group would point at a person),
 * only the theme.
 */
export async function boardQuotes(until: Date, take = 12) {
  const { months, end } = monthsBefore(until);
  // Words from a handful of young people would all but name them: quotes only once k or more
  // young people said something approved in the months shown.
  const [org, people] = await Promise.all([
    getOrganisation(),
    prisma.$queryRaw<{ people: number | bigint }[]>`
      SELECT COUNT(DISTINCT "authorId") AS people FROM "FeedbackItem"
      WHERE "status" = 'approved' AND "decidedAt" >= ${months[0]!.start} AND "decidedAt" < ${end}`,
  ]);
  if (Number(people[0]?.people ?? 0) < org.suppressionThreshold) return [];
  const rows = await prisma.feedbackItem.findMany({
    where: { status: "approved", mayQuote: true, publishedText: { not: null }, decidedAt: { gte: months[0]!.start, lt: end } },
    orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
    take,
    select: { id: true, publishedText: true, englishText: true, language: true, decidedAt: true, theme: { select: { key: true, name: true } } },
  });
  return rows.map((r) => ({ id: r.id, text: r.publishedText!, english: r.englishText, language: r.language, theme: r.theme, month: r.decidedAt!.toISOString() }));
}

/** Every ask with its state, owner, age and due date, overdue first (the adults' work: exact). */
export async function boardAsks(now: Date) {
  const [asks, org] = await Promise.all([listAsks(), getOrganisation()]);
  return asks
    .map((ask) => ({
      id: ask.id,
      title: ask.title,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      owner: ask.owner?.displayName ?? null,
      ageDays: Math.max(0, Math.floor((now.getTime() - ask.raisedAt.getTime()) / 86_400_000)),
      overdue: isOverdue({ ...ask, answered: ask.answeredAt !== null }, org.overdueAfterDays, now),
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || b.ageDays - a.ageDays);
}

/** Closed polls of the months shown (words and links only; their numbers are on their pages). */
export async function boardPollsInWindow(until: Date, locale: string) {
  const { months, end } = monthsBefore(until);
  const polls = await listClosedPollsForBoard(locale);
  return polls.filter((p) => p.closedAt >= months[0]!.start && p.closedAt < end);
}

/**
 * Everything the dashboard and the printed pack show for a meeting date (today when none): the
 * whole months before it — never the month still running, even for a meeting ahead, so that no
 * published number moves.
 */
export async function boardDashboard(date: string | undefined, locale: string, now = new Date()) {
  const asked = date ? new Date(`${date}T12:00:00Z`) : now;
  const until = asked < now ? asked : now;
  const [feedback, quotes, polls, asks] = await Promise.all([boardFeedbackOverTime(until), boardQuotes(until), boardPollsInWindow(until, locale), boardAsks(now)]);
  return {
    date: date ?? now.toISOString().slice(0, 10),
    feedback: {
      threshold: feedback.threshold,
      months: feedback.months.map((m) => ({ key: m.key })),
      columnTotals: feedback.columnTotals,
      grandTotal: feedback.grandTotal,
      themes: feedback.themes,
      groups: feedback.groups,
      moods: feedback.moods,
      moodMeans: feedback.moodMeans,
    },
    top: topThemes(feedback),
    quotes,
    polls: polls.map((p) => ({ id: p.id, title: p.title, titleLocale: p.titleLocale, closedAt: p.closedAt })),
    asks,
  };
}
