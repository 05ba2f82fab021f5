/**
 * Small-number suppression: the one place that decides which numbers built from young people's
 * contributions may leave the officers' and leads' screens (PRODUCT.md, "Aggregate").
 *
 * A cell to which fewer than k distinct young people contributed is shown as "fewer than k"
 * (zero stays zero). Secondary suppression then keeps that cell from being worked out: in a
 * one-dimensional table the total is withheld whenever a cell is hidden (hiding the total loses
 * one number; hiding a second cell, the other way, would hide a theme the board needs to see).
 * Issue 5 extends this to two-dimensional tables, percentages and earlier periods.
 */

export type Cell<K extends string = string> = {
  key: K;
  /** What the cell counts (items, votes). */
  count: number;
  /** Distinct young people behind the count. */
  contributors: number;
};

/**
 * exact: the number. suppressed: from fewer than k young people ("fewer than k").
 * withheld: hidden only so that a suppressed number cannot be worked out from it.
 */
export type ShownValue = { kind: "exact"; value: number } | { kind: "suppressed" } | { kind: "withheld" };

export type SuppressedTable<K extends string = string> = {
  cells: { key: K; shown: ShownValue }[];
  total: ShownValue;
  threshold: number;
};

/**
 * Suppresses a one-dimensional table (cells and their total).
 * @param cells the table's cells with their counts and distinct contributors
 * @param totalContributors distinct young people behind the whole table (a person in two cells
 *   counts once)
 * @param threshold k: cells with 0 < contributors < k are hidden
 */
export function suppressTable<K extends string>(
  cells: Cell<K>[],
  totalContributors: number,
  threshold: number,
): SuppressedTable<K> {
  const k = Math.max(1, Math.floor(threshold));
  const shown = cells.map((c): ShownValue =>
    c.count > 0 && c.contributors < k ? { kind: "suppressed" } : { kind: "exact", value: c.count },
  );
  const totalCount = cells.reduce((sum, c) => sum + c.count, 0);
  const anyHidden = shown.some((s) => s.kind !== "exact");
  const total: ShownValue =
    totalCount > 0 && totalContributors < k
      ? { kind: "suppressed" }
      : anyHidden
        ? { kind: "withheld" }
        : { kind: "exact", value: totalCount };
  return { cells: cells.map((c, i) => ({ key: c.key, shown: shown[i]! })), total, threshold: k };
}

// ---------------------------------------------------------------------------------------------
// Tables that share their contributions (issue 5): grids over periods, and a poll's questions
//
// Why one rule serves both. Every table the board sees about feedback is a partition of the same
// approved items: by theme, by group, by mood, each split into months. A poll's one-answer
// questions are partitions of the same young people. An attacker who knows that adds tables up:
// any table shown in full gives the total every other table shares (Q1's options sum to 8, so
// Q2's hidden B is 8 − 7 = 1). The rule below leaves every hidden cell two or more values
// whatever the attacker adds up, using only which cells are hidden, never their values:
//
// 1. A cell with 0 < contributors < k is "fewer than k" (zero stays zero).
// 2. Wherever any table of the family hides a cell in a column (a month; for a poll, the one
//    table), every table of the family gets a withheld cell in that column ("not shown"): the first
//    non-zero exact cell by position, or failing that the first hidden one. A withheld cell has
//    no upper bound the attacker can use.
// 3. A total (row, column, grand, a poll's "N answered") over any hidden or withheld cell is
//    withheld; so is a mean or a percentage over one.
//
// Why that is enough (checked by exhaustive attackers in suppression.server.test.ts): take a
// hidden cell x holding 1..k−1. If x < k − 1, add one contribution to x, one to the withheld
// cell of the same column in every other table, and to every total over them: each changed number
// is hidden or withheld, and no cell crosses k. If x > 1, move one contribution from x to its own
// table's withheld cell in the same column: only hidden numbers change. As k ≥ 3, one of the two
// always applies, so x is never pinned — by sums, by another table, by the previous period (its
// months are the same cells) or by a later state of a live poll (the extra answer may as well
// arrive later).

const SUPPRESSED: ShownValue = { kind: "suppressed" };
const WITHHELD: ShownValue = { kind: "withheld" };

/** True when the number is not shown as itself. */
export const isHidden = (shown: ShownValue) => shown.kind !== "exact";

/** k as the rules need it: "fewer than 2" would pin every hidden cell to 1. */
export function thresholdOf(threshold: number) {
  return Math.max(3, Math.floor(threshold));
}

function primary(count: number, contributors: number, k: number): ShownValue {
  if (count <= 0) return { kind: "exact", value: 0 };
  return contributors < k ? SUPPRESSED : { kind: "exact", value: count };
}

/** Rule 2 for one column of one table: make sure it holds a withheld cell. */
function ensureWithheld(column: { shown: ShownValue; count: number }[], howMany = 1) {
  // NOTE: by position among the non-zero cells, whatever their size. Preferring a large cell
  // would tell the attacker whether the table holds one (a live test found that pin).
  let missing = howMany - column.filter((c) => c.shown.kind === "withheld").length;
  for (const cell of column) {
    if (missing <= 0) return;
    if (cell.count > 0 && cell.shown.kind !== "withheld") {
      cell.shown = WITHHELD;
      missing--;
    }
  }
}

function totalOf(parts: ShownValue[], count: number): ShownValue {
  return parts.some(isHidden) ? WITHHELD : { kind: "exact", value: count };
}

export type FamilyCell = { count: number; contributors: number };
export type FamilyTableInput = { key: string; rows: { key: string; cells: FamilyCell[] }[] };

export type SuppressedFamily = {
  threshold: number;
  /** Per column (period): the number of contributions, shared by every table. */
  columnTotals: ShownValue[];
  grandTotal: ShownValue;
  tables: { key: string; rows: { key: string; cells: ShownValue[]; total: ShownValue }[] }[];
};

/**
 * Suppresses a family of tables that each split the same contributions into rows (theme, group,
 * mood…) and the same columns (periods). Every table must put each contribution in exactly one
 * row (give "no theme" a row of its own). Totals are the rows' over the columns given, the
 * columns' over the rows, and the grand total.
 * @param threshold k (at least 3 is used)
 */
export function suppressFamily({ columns, tables }: { columns: number; tables: FamilyTableInput[] }, threshold: number): SuppressedFamily {
  const k = thresholdOf(threshold);
  const work = tables.map((table) => table.rows.map((row) => row.cells.map((cell) => ({ count: cell.count, shown: primary(cell.count, cell.contributors, k) }))));
  const columnCount = (c: number) => (tables[0]?.rows ?? []).reduce((sum, row) => sum + (row.cells[c]?.count ?? 0), 0);
  for (let c = 0; c < columns; c++) {
    const hiddenHere = work.some((rows) => rows.some((cells) => cells[c] && isHidden(cells[c]!.shown)));
    if (!hiddenHere) continue;
    for (const rows of work) ensureWithheld(rows.map((cells) => cells[c]!).filter(Boolean));
  }
  const columnTotals = Array.from({ length: columns }, (_, c) =>
    totalOf(
      work.flatMap((rows) => rows.map((cells) => cells[c]!.shown)),
      columnCount(c),
    ),
  );
  const all = work.flatMap((rows) => rows.flatMap((cells) => cells.map((cell) => cell.shown)));
  return {
    threshold: k,
    columnTotals,
    grandTotal: totalOf(all, Array.from({ length: columns }, (_, c) => columnCount(c)).reduce((a, b) => a + b, 0)),
    tables: tables.map((table, t) => ({
      key: table.key,
      rows: table.rows.map((row, r) => {
        const cells = work[t]![r]!.map((cell) => cell.shown);
        return { key: row.key, cells, total: totalOf(cells, row.cells.reduce((sum, cell) => sum + cell.count, 0)) };
      }),
    })),
  };
}

/**
 * A mean over some cells (a mood average), shown only when every cell it is taken over is shown:
 * a mean beside a hidden cell would give that cell's sum back.
 * @param sum the sum of the values, n how many there are, parts the shown form of the cells
 */
export function suppressMean(sum: number, n: number, parts: ShownValue[]): ShownValue {
  if (n <= 0 || parts.some(isHidden)) return WITHHELD;
  return { kind: "exact", value: Math.round((sum / n) * 10) / 10 };
}

/** A whole-number percentage of two shown numbers; hidden when either is (it would give it back). */
export function suppressShare(part: ShownValue, whole: ShownValue): ShownValue {
  if (part.kind !== "exact" || whole.kind !== "exact") return WITHHELD;
  if (whole.value === 0) return { kind: "exact", value: 0 };
  return { kind: "exact", value: Math.round((part.value / whole.value) * 100) };
}

// ---------------------------------------------------------------------------------------------
// Polls: one table per audience (overall; a group's only for its officers, exactly)

export type PollQuestionKind = "single" | "multiple" | "scale" | "ranking" | "text";
export type PollCounts = {
  kind: PollQuestionKind;
  /** Young people who answered the question. */
  voters: number;
  /** Per option: young people who chose it (each once), and a ranking's points. */
  options: { count: number; points?: number }[];
};
export type SuppressedPollQuestion = { voters: ShownValue; options: { shown: ShownValue; points?: ShownValue }[] };

/**
 * A poll's results as everyone but its officers sees them (a young person's results, the big
 * screen, the board, its CSV, every socket payload), from one table of counts: the rules above,
 * with each counted question a table of one column. A ranking puts every voter in every option,
 * so its numbers are all shown (k or more ranked) or none; while any question hides a number,
 * a ranking's numbers and every "N answered" are withheld, because each is the poll's voters
 * again (everyone may have answered everything). While the poll is open (`open`), a state that would
 * hide any number shows none: answers only add, so a later state could pin an earlier hidden one;
 * the closed poll's one final state shows the rest (suppression.server.test.ts plays the sequence).
 * @param threshold k (at least 3 is used)
 */
export function suppressPoll(questions: PollCounts[], threshold: number, { open = false }: { open?: boolean } = {}): SuppressedPollQuestion[] {
  const k = thresholdOf(threshold);
  const work = questions.map((q) => {
    if (q.kind === "ranking") {
      const hidden = q.voters > 0 && q.voters < k;
      return q.options.map((o) => ({ count: o.count, shown: hidden ? SUPPRESSED : ({ kind: "exact", value: o.count } as ShownValue) }));
    }
    return q.options.map((o) => ({ count: o.count, shown: primary(o.count, o.count, k) }));
  });
  const anyHidden = work.some((cells) => cells.some((c) => isHidden(c.shown)));
  if (open && anyHidden) {
    // A state that changes: successive states (live payloads, reloads) would be added up, and one
    // that hides a cell could be pinned by a later one (answers only add). Until it closes, a poll
    // shows its numbers only in states that hide nothing.
    return questions.map((q) => ({ voters: WITHHELD, options: q.kind === "text" ? [] : q.options.map(() => (q.kind === "ranking" ? { shown: WITHHELD, points: WITHHELD } : { shown: WITHHELD })) }));
  }
  return questions.map((q, i) => {
    if (q.kind === "text") return { voters: WITHHELD, options: [] };
    const cells = work[i]!;
    if (q.kind === "ranking") {
      const hidden = anyHidden ? (q.voters > 0 && q.voters < k ? SUPPRESSED : WITHHELD) : null;
      return {
        voters: hidden ? WITHHELD : { kind: "exact", value: q.voters },
        options: q.options.map((o) => (hidden ? { shown: hidden, points: hidden } : { shown: { kind: "exact", value: o.count }, points: { kind: "exact", value: o.points ?? 0 } })),
      };
    }
    // Two withheld cells, so that a hidden cell that is itself withheld still has another to
    // trade with: with one, a later state (answers only add) pinned a withheld 2 (k = 3).
    if (anyHidden) ensureWithheld(cells, 2);
    if (q.voters > 0 && q.voters < k) return { voters: WITHHELD, options: cells.map((c) => ({ shown: c.count > 0 ? WITHHELD : c.shown })) };
    return { voters: anyHidden ? WITHHELD : { kind: "exact", value: q.voters }, options: cells.map((c) => ({ shown: c.shown })) };
  });
}

/**
 * Whether the board may see a poll's results group by group: only when no number in any group's
 * table (nor the overall one) would be hidden, so every breakdown shown is exact and nothing
 * shown stands beside a hidden number. Decided for the whole poll at once: a breakdown shown for
 * one question gives each group's voters, which would pin another question's hidden cells.
 */
export function pollBreakdownVisible(overall: PollCounts[], groups: PollCounts[][], threshold: number) {
  const k = thresholdOf(threshold);
  const small = (n: number) => n > 0 && n < k;
  const safe = (table: PollCounts[]) =>
    table.every((q) => q.kind === "text" || (q.kind === "ranking" ? !small(q.voters) : !small(q.voters) && q.options.every((o) => !small(o.count))));
  return safe(overall) && groups.every(safe);
}
