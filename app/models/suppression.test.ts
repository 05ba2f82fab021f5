import fc from "fast-check";
import { expect, test } from "vitest";
import { suppressTable, type Cell } from "./suppression.server.ts";

const cell = (key: string, count: number, contributors = count): Cell => ({ key, count, contributors });

test("a cell with fewer than k young people is hidden; zero stays zero", () => {
  const table = suppressTable([cell("school", 10), cell("home", 0), cell("health", 2), cell("money", 7)], 19, 6);
  expect(table.cells.map((c) => c.shown)).toEqual([
    { kind: "exact", value: 10 },
    { kind: "exact", value: 0 },
    { kind: "suppressed" },
    { kind: "exact", value: 7 },
  ]);
});

test("when a cell is hidden the total is withheld, so the cell cannot be worked out from it", () => {
  const table = suppressTable([cell("school", 10), cell("health", 2), cell("money", 7)], 19, 6);
  expect(table.total).toEqual({ kind: "withheld" });
});

test("with nothing hidden the total is shown", () => {
  expect(suppressTable([cell("school", 10), cell("health", 0), cell("money", 7)], 17, 6).total).toEqual({ kind: "exact", value: 17 });
});

test("a total from fewer than k young people is hidden with every cell", () => {
  const table = suppressTable([cell("school", 3), cell("health", 2)], 4, 6);
  expect(table.total.kind).toBe("suppressed");
  expect(table.cells.every((c) => c.shown.kind === "suppressed")).toBe(true);
});

test("the threshold is the organisation's k, and counts are of young people, not items", () => {
  // 8 items from 5 young people: hidden at k = 6, although 8 >= 6.
  expect(suppressTable([cell("school", 8, 5), cell("home", 9)], 14, 6).cells[0]!.shown.kind).toBe("suppressed");
  expect(suppressTable([cell("school", 7), cell("health", 8)], 15, 8).cells.map((c) => c.shown.kind)).toEqual(["suppressed", "exact"]);
});

// The attacker knows every shown cell and the total if shown, that hidden cells hold at least one
// young person's words, and that a cell counts at least its contributors. No hidden cell may be
// pinned to one value, and no shown number may come from fewer than k young people.
test("property: no hidden cell can be pinned, and nothing shown comes from fewer than k", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ count: fc.nat(30), extra: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 6, max: 10 }),
      (raw, k) => {
        const cells = raw
          .map((r, i) => ({ key: `c${i}`, count: r.count, contributors: Math.max(0, r.count - r.extra) }))
          .map((c) => ({ ...c, contributors: c.count > 0 ? Math.max(1, c.contributors) : 0 }));
        const totalContributors = cells.reduce((s, c) => s + c.contributors, 0);
        const table = suppressTable(cells, totalContributors, k);
        table.cells.forEach((c, i) => {
          if (c.shown.kind === "exact" && c.shown.value > 0) expect(cells[i]!.contributors).toBeGreaterThanOrEqual(k);
        });
        const hiddenCells = table.cells.filter((c) => c.shown.kind !== "exact");
        if (hiddenCells.length === 0) return;
        // A hidden cell could be pinned only through the total; it must not be shown.
        expect(table.total.kind).not.toBe("exact");
      },
    ),
    { numRuns: 500 },
  );
});
