// Rules about asks that both the server and the browser use (the board's badges, the forms' hints).

const DAY_MS = 24 * 60 * 60 * 1000;
export const OPEN_ASK_STATUSES: readonly string[] = ["raised", "agreed", "in_progress"];

/**
 * An open ask is overdue when it is past its due date, or when nobody has answered it within the
 * organisation's number of days (PRODUCT.md, "Respond").
 */
export function isOverdue(
  ask: { status: string; raisedAt: Date; dueAt: Date | null; answered: boolean },
  overdueAfterDays: number,
  now: Date,
) {
  if (!OPEN_ASK_STATUSES.includes(ask.status)) return false;
  if (ask.dueAt && ask.dueAt < now) return true;
  return !ask.answered && now.getTime() - ask.raisedAt.getTime() > overdueAfterDays * DAY_MS;
}

/** How far along an ask is; done and not possible are both ends. */
const STATUS_RANK: Record<string, number> = { raised: 0, agreed: 1, in_progress: 2, done: 3, not_possible: 3 };

/**
 * A status "goes back" when it moves to an earlier stage (done → in progress, not possible →
 * agreed) or swaps one end for the other: the young people are owed a reason.
 */
export function goesBack(from: string, to: string) {
  const a = STATUS_RANK[from] ?? 0;
  const b = STATUS_RANK[to] ?? 0;
  return b < a || (a === 3 && b === 3 && from !== to);
}

/** Whole days between two instants (at least 0). */
export function daysBetween(from: Date, to: Date) {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}
