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
