import { getOrganisation } from "#app/models/organisation.server.ts";
import { daysBetween, isOverdue } from "#app/utils/asks.ts";
import { prisma } from "#app/utils/db.server.ts";

/**
 * Accountability figures: how the adults answered what young people asked — the evidence a trust
 * gives Ofsted and its corporate parenting annual report. They count asks, days and notices, never
 * young people, so (PRODUCT.md, "Aggregate") they are not suppressed; nothing here says who
 * contributed or how many did.
 */

export type Figures = {
  /** Asks raised. */
  asks: number;
  /** Asks with at least one answer, and their share of all asks (null with no asks). */
  answered: number;
  answeredShare: number | null;
  /** Median whole days from raised to the first answer (answered asks only), and to "done". */
  medianDaysToAnswer: number | null;
  medianDaysToDone: number | null;
  /** Updates posted, and the share that were sent to the young people concerned. */
  updates: number;
  notifiedShare: number | null;
  /** Notices sent to young people about updates, and the share they opened. */
  notices: number;
  readShare: number | null;
  /** Open asks that are overdue now. */
  overdue: number;
};

type AskRow = {
  id: string;
  status: string;
  raisedAt: Date;
  answeredAt: Date | null;
  dueAt: Date | null;
  doneAt: Date | null;
  groupIds: string[];
  updateIds: string[];
};

type Notices = Map<string, { sent: number; read: number }>;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function figuresFor(asks: AskRow[], notices: Notices, overdueAfterDays: number, now: Date): Figures {
  const answered = asks.filter((a) => a.answeredAt);
  const updateIds = asks.flatMap((a) => a.updateIds);
  let sent = 0;
  let read = 0;
  let notified = 0;
  for (const id of updateIds) {
    const n = notices.get(id);
    if (!n) continue;
    sent += n.sent;
    read += n.read;
    if (n.sent > 0) notified++;
  }
  return {
    asks: asks.length,
    answered: answered.length,
    answeredShare: share(answered.length, asks.length),
    medianDaysToAnswer: median(answered.map((a) => daysBetween(a.raisedAt, a.answeredAt!))),
    medianDaysToDone: median(asks.flatMap((a) => (a.doneAt ? [daysBetween(a.raisedAt, a.doneAt)] : []))),
    updates: updateIds.length,
    notifiedShare: share(notified, updateIds.length),
    notices: sent,
    readShare: share(read, sent),
    overdue: asks.filter((a) => isOverdue({ ...a, answered: a.answeredAt !== null }, overdueAfterDays, now)).length,
  };
}

/** "2026-11": the UK calendar month an instant falls in. */
export function ukMonth(date: Date) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).format(date).slice(0, 7);
}

/**
 * The figures for the whole organisation, per group (an ask counts for each group whose items or
 * poll it holds; a group's notices are those sent to its members), and per month the asks were
 * raised in (the last `months` months, oldest first).
 */
export async function accountabilityFigures(options: { now?: Date; months?: number } = {}) {
  const now = options.now ?? new Date();
  const months = options.months ?? 12;
  const [org, rows, groups, sentRows, readRows, groupSent, groupRead] = await Promise.all([
    getOrganisation(),
    prisma.ask.findMany({
      select: {
        id: true,
        status: true,
        raisedAt: true,
        answeredAt: true,
        dueAt: true,
        items: { distinct: ["groupId"], select: { groupId: true } },
        polls: { select: { groups: { select: { groupId: true } } } },
        updates: { orderBy: { createdAt: "asc" }, select: { id: true, status: true, createdAt: true } },
      },
    }),
    prisma.group.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.notification.groupBy({ by: ["updateId"], where: { kind: "ask_update" }, _count: { _all: true } }),
    prisma.notification.groupBy({ by: ["updateId"], where: { kind: "ask_update", readAt: { not: null } }, _count: { _all: true } }),
    prisma.notification.groupBy({ by: ["updateId", "groupId"], where: { kind: "ask_update" }, _count: { _all: true } }),
    prisma.notification.groupBy({ by: ["updateId", "groupId"], where: { kind: "ask_update", readAt: { not: null } }, _count: { _all: true } }),
  ]);
  const asks: AskRow[] = rows.map((a) => ({
    id: a.id,
    status: a.status,
    raisedAt: a.raisedAt,
    answeredAt: a.answeredAt,
    dueAt: a.dueAt,
    doneAt: a.updates.find((u) => u.status === "done")?.createdAt ?? null,
    groupIds: [...new Set([...a.items.map((i) => i.groupId), ...a.polls.flatMap((p) => p.groups.map((g) => g.groupId))])],
    updateIds: a.updates.map((u) => u.id),
  }));
  const notices: Notices = new Map();
  for (const r of sentRows) if (r.updateId) notices.set(r.updateId, { sent: r._count._all, read: 0 });
  for (const r of readRows) if (r.updateId) notices.get(r.updateId)!.read = r._count._all;
  const perGroup = new Map<string, Notices>();
  for (const r of groupSent) {
    if (!r.updateId || !r.groupId) continue;
    if (!perGroup.has(r.groupId)) perGroup.set(r.groupId, new Map());
    perGroup.get(r.groupId)!.set(r.updateId, { sent: r._count._all, read: 0 });
  }
  for (const r of groupRead) {
    const entry = r.updateId && r.groupId ? perGroup.get(r.groupId)?.get(r.updateId) : undefined;
    if (entry) entry.read = r._count._all;
  }

  const monthKeys: string[] = [];
  const cursor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15));
  for (let i = months - 1; i >= 0; i--) {
    monthKeys.push(ukMonth(new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() - i, 15))));
  }
  return {
    overdueAfterDays: org.overdueAfterDays,
    overall: figuresFor(asks, notices, org.overdueAfterDays, now),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      ...figuresFor(
        asks.filter((a) => a.groupIds.includes(g.id)),
        perGroup.get(g.id) ?? new Map(),
        org.overdueAfterDays,
        now,
      ),
    })),
    months: monthKeys.map((month) => ({
      month,
      ...figuresFor(
        asks.filter((a) => ukMonth(a.raisedAt) === month),
        notices,
        org.overdueAfterDays,
        now,
      ),
    })),
  };
}
