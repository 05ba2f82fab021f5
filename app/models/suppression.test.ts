import fc from "fast-check";
import { expect, test } from "vitest";
import { suppressTable, type Cell } from "./suppression.server.ts";

const cell = (key: string, count: number, contributors = count): Cell => ({ key, count, contributors });

test("a cell with fewer than k young people is hidden; zero stays zero", () => {
  const table = suppressTable([cell("school", 10), cell("home", 0), cell("health", 2), cell("money", 7)], 19, 6);
  expect(table.cells.find((c) => c.key === "home")!.shown).toEqual({ kind: "exact", value: 0 });
  expect(table.cells.find((c) => c.key === "health")!.shown).toEqual({ kind: "suppressed" });
});

test("with the total shown, a second cell is hidden so the first cannot be worked out", () => {
  const table = suppressTable([cell("school", 10), cell("health", 2), cell("money", 7)], 19, 6);
  expect(table.total).toEqual({ kind: "exact", value: 19 });
  expect(table.cells.map((c) => c.shown.kind)).toEqual(["exact", "suppressed", "suppressed"]);
});

test("a total from fewer than k young people is hidden with every cell", () => {
  const table = suppressTable([cell("school", 3), cell("health", 2)], 4, 6);
  expect(table.total.kind).toBe("suppressed");
  expect(table.cells.every((c) => c.shown.kind === "suppressed")).toBe(true);
});

test("the threshold is the organisation's k", () => {
  const table = suppressTable([cell("school", 7), cell("health", 8)], 15, 8);
  // 7 is below 8; 8 is then hidden too, or the shown total would give 7 away.
  expect(table.cells.map((c) => c.shown.kind)).toEqual(["suppressed", "suppressed"]);
  expect(table.total).toEqual({ kind: "exact", value: 15 });
});

// The attacker knows every shown cell, the total, that hidden cells are at least 1, and that
// each cell is at least its number of contributors. No hidden cell may be pinned to one value.
test("property: no hidden cell can be pinned from the shown cells and total", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ count: fc.nat(30), extra: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 6, max: 10 }),
      (raw, k) => {
        const cells = raw.map((r, i) => ({ key: `c${i}`, count: r.count, contributors: Math.max(0, r.count - r.extra) }))
          .map((c) => ({ ...c, contributors: c.count > 0 ? Math.max(1, c.contributors) : 0 }));
        const totalContributors = cells.reduce((s, c) => s + c.contributors, 0);
        const table = suppressTable(cells, totalContributors, k);
        const hiddenCells = table.cells.filter((c) => c.shown.kind === "suppressed");
        if (hiddenCells.length === 0 || table.total.kind === "suppressed") return;
        const shownSum = table.cells.reduce((s, c) => s + (c.shown.kind === "exact" ? c.shown.value : 0), 0);
        const remainder = table.total.value - shownSum;
        // Each hidden cell lies in [1, remainder - (hidden - 1)]: pinned only if that range is one value.
        expect(hiddenCells.length).toBeGreaterThanOrEqual(2);
        expect(remainder - (hiddenCells.length - 1)).toBeGreaterThan(1);
      },
    ),
    { numRuns: 500 },
  );
});
