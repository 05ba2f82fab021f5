/**
 * Small-number suppression: the one place that decides which numbers built from young people's
 * contributions may leave the officers' and leads' screens (PRODUCT.md, "Aggregate").
 *
 * A cell to which fewer than k distinct young people contributed is shown as "fewer than k"
 * (zero stays zero). Secondary suppression then hides more cells until no hidden cell can be
 * worked out from the shown cells and the shown total: if a total is shown, either no cell is
 * hidden or at least two are, and the hidden cells together have at least k contributors' worth of
 * uncertainty. Issue 5 extends this to two-dimensional tables and earlier periods.
 */

export type Cell<K extends string = string> = {
  key: K;
  /** What the cell counts (items, votes). */
  count: number;
  /** Distinct young people behind the count. */
  contributors: number;
};

export type ShownValue = { kind: "exact"; value: number } | { kind: "suppressed" };

export type SuppressedTable<K extends string = string> = {
  cells: { key: K; shown: ShownValue }[];
  total: ShownValue;
  threshold: number;
};

const hidden: ShownValue = { kind: "suppressed" };
const exact = (value: number): ShownValue => ({ kind: "exact", value });

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
  const isHidden = cells.map((c) => c.count > 0 && c.contributors < k);
  const totalCount = cells.reduce((sum, c) => sum + c.count, 0);
  const totalHidden = totalCount > 0 && totalContributors < k;

  if (!totalHidden) {
    // Secondary suppression: with the total shown, a lone hidden cell equals total minus the rest.
    // Hide the smallest other non-empty cells until the hidden ones cannot be told apart (at least
    // two hidden, together from at least k young people). Empty cells are public zeros and do not
    // protect anything.
    const order = cells
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => !isHidden[i] && c.count > 0)
      .sort((a, b) => a.c.count - b.c.count || a.c.contributors - b.c.contributors);
    const hiddenCount = () => isHidden.filter(Boolean).length;
    const hiddenContributors = () => cells.reduce((s, c, i) => s + (isHidden[i] ? c.contributors : 0), 0);
    if (hiddenCount() > 0) {
      while ((hiddenCount() < 2 || hiddenContributors() < k) && order.length > 0) {
        isHidden[order.shift()!.i] = true;
      }
      // Everything non-empty hidden yet still fewer than k behind them: the total would say it all.
      if (hiddenCount() < 2 || hiddenContributors() < k) {
        return { cells: cells.map((c, i) => ({ key: c.key, shown: isHidden[i] ? hidden : exact(c.count) })), total: hidden, threshold: k };
      }
    }
  }

  return {
    cells: cells.map((c, i) => ({ key: c.key, shown: isHidden[i] ? hidden : exact(c.count) })),
    total: totalHidden ? hidden : exact(totalCount),
    threshold: k,
  };
}
