import fc from "fast-check";
import { expect, test } from "vitest";
import { csvField, suppressAcrossGroups, toCsv, type ResultRow } from "#app/models/poll-board.server.ts";
import { castVote, createPoll, pollResults, setPollStatus } from "#app/models/polls.server.ts";
import { suppressTable, type ShownValue } from "#app/models/suppression.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";

type Kind = "single" | "multiple";

const exact = (value: number): ShownValue => ({ kind: "exact", value });
const S: ShownValue = { kind: "suppressed" };
const W: ShownValue = { kind: "withheld" };

/**
 * One table as pollResults(…, "suppressed") shapes it for a choice question (see the test below
 * that holds the two side by side): a cell of 1..k-1 is "fewer than k"; the voters are "fewer
 * than k" below k, and withheld when any cell is hidden.
 */
function table(cells: number[], voters: number, k: number): ResultRow {
  const shown = suppressTable(cells.map((count, i) => ({ key: `o${i}`, count, contributors: count })), voters, k).cells.map((c) => c.shown);
  return {
    voters: voters > 0 && voters < k ? S : shown.some((s) => s.kind !== "exact") ? W : exact(voters),
    options: shown.map((s) => ({ shown: s })),
  };
}

type Group = { cells: number[]; voters: number };

/** What the board sees of a question: each group's table, the overall table, made safe together. */
function board(groups: Group[], kind: Kind, k: number) {
  const m = groups[0]!.cells.length;
  const overallCells = Array.from({ length: m }, (_, i) => groups.reduce((s, g) => s + g.cells[i]!, 0));
  const overallVoters = groups.reduce((s, g) => s + g.voters, 0);
  return suppressAcrossGroups({ threshold: k, overall: table(overallCells, overallVoters, k), groups: groups.map((g) => table(g.cells, g.voters, k)) });
}

/** A group's row as shown depends on that group alone; the attacker may use that to search faster. */
const rowShown = (group: Group, kind: Kind, k: number) => board([group], kind, k).groups[0]!;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every group consistent with what is shown of it: hidden cells 1..k-1, voters as the kind allows. */
function candidateRows(shown: ResultRow, kind: Kind, k: number): Group[] {
  const ranges = shown.options.map((o) => (o.shown.kind === "exact" ? [o.shown.value] : Array.from({ length: k - 1 }, (_, i) => i + 1)));
  const out: Group[] = [];
  const walk = (i: number, cells: number[]) => {
    if (i === ranges.length) {
      const sum = cells.reduce((s, c) => s + c, 0);
      const max = Math.max(0, ...cells);
      // One answer: voters = the cells' sum. Several: at least the largest cell, at most the sum.
      const voterChoices = kind === "single" ? [sum] : sum === 0 ? [0] : Array.from({ length: sum - max + 1 }, (_, j) => max + j);
      for (const voters of voterChoices) {
        if (shown.voters.kind === "exact" && voters !== shown.voters.value) continue;
        const group = { cells: [...cells], voters };
        if (same(rowShown(group, kind, k), shown)) out.push(group);
      }
      return;
    }
    for (const v of ranges[i]!) walk(i + 1, [...cells, v]);
  };
  walk(0, []);
  return out;
}

/**
 * The attacker, who knows the rules: for each hidden number (a group's hidden cell or voters, an
 * overall hidden cell or voters), looks for another set of groups that would show exactly what the
 * board shows but with a different value there. A hidden number with no such other world is pinned.
 * Returns the hidden numbers that are pinned.
 */
function attack(groups: Group[], kind: Kind, k: number) {
  const seen = board(groups, kind, k);
  // Nearest to the truth first: only the order of the search, which then ends sooner.
  const distance = (a: Group, b: Group) => Math.abs(a.voters - b.voters) + a.cells.reduce((s, c, i) => s + Math.abs(c - b.cells[i]!), 0);
  const rows = seen.groups.map((row, g) => candidateRows(row, kind, k).sort((a, b) => distance(a, groups[g]!) - distance(b, groups[g]!)));
  const m = groups[0]!.cells.length;
  const columnSum = (world: Group[], i: number) => world.reduce((s, g) => s + g.cells[i]!, 0);
  const voterSum = (world: Group[]) => world.reduce((s, g) => s + g.voters, 0);
  // Column sums the overall row allows, to cut the search early.
  const limit = seen.overall.options.map((o) => (o.shown.kind === "exact" ? o.shown.value : o.shown.kind === "suppressed" ? k - 1 : Infinity));

  /**
   * Some world that shows what the board shows, with `only` narrowing groups and `differs` the
   * whole; groups are tried in `order`. With a budget of worlds to look at, "don't know" (null)
   * once it is spent.
   */
  const exists = (only: (g: number, row: Group) => boolean, differs: (world: Group[]) => boolean, order: number[], budget = Infinity) => {
    const options = order.map((g) => rows[g]!.filter((row) => only(g, row)));
    const chosen: Group[] = Array.from({ length: rows.length });
    let looked = 0;
    const walk = (depth: number, sums: number[]): boolean | null => {
      if (depth === order.length) {
        looked++;
        return differs(chosen) && same(board(chosen, kind, k), seen);
      }
      for (const row of options[depth]!) {
        if (looked > budget) return null;
        const next = sums.map((s, i) => s + row.cells[i]!);
        if (next.some((s, i) => s > limit[i]!)) continue;
        chosen[order[depth]!] = row;
        const found = walk(depth + 1, next);
        if (found !== false) return found;
      }
      return false;
    };
    return walk(0, Array.from({ length: m }, () => 0));
  };
  const indices = groups.map((_, g) => g);
  /** Each group in turn varies fastest (innermost) on a budget; then the whole search. */
  const search = (only: (g: number, row: Group) => boolean, differs: (world: Group[]) => boolean) => {
    for (const g of indices) {
      const found = exists(only, differs, [...indices.filter((x) => x !== g), g], 20_000);
      if (found !== null) return found;
    }
    return exists(only, differs, indices) === true;
  };
  const always = () => true;

  const pinned: string[] = [];
  seen.groups.forEach((row, g) => {
    row.options.forEach((o, i) => {
      if (o.shown.kind !== "exact" && !search((gi, r) => gi !== g || r.cells[i] !== groups[g]!.cells[i], always)) pinned.push(`group ${g} option ${i}`);
    });
    if (row.voters.kind !== "exact" && !search((gi, r) => gi !== g || r.voters !== groups[g]!.voters, always)) pinned.push(`group ${g} voters`);
  });
  seen.overall.options.forEach((o, i) => {
    if (o.shown.kind === "exact") return;
    if (!search(always, (w) => columnSum(w, i) !== columnSum(groups, i))) pinned.push(`overall option ${i}`);
  });
  if (seen.overall.voters.kind !== "exact") {
    if (!search(always, (w) => voterSum(w) !== voterSum(groups))) pinned.push("overall voters");
  }
  return pinned;
}

/** Groups of young people answering a question with `m` options: each voter's choice(s). */
const world = (kind: Kind) =>
  fc
    .record({
      m: fc.integer({ min: 2, max: 4 }),
      k: fc.integer({ min: 3, max: 6 }),
      groups: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ m, k, groups }) =>
      fc.record({
        m: fc.constant(m),
        k: fc.constant(k),
        // Small groups are where numbers give children away: mostly 0..8 voters, now and then more.
        groups: fc.array(
          fc.array(kind === "single" ? fc.integer({ min: 0, max: m - 1 }).map((i) => [i]) : fc.subarray([...Array(m).keys()], { minLength: 1 }), {
            maxLength: 9,
          }),
          { minLength: groups, maxLength: groups },
        ),
      }),
    )
    .map(({ m, k, groups }) => ({
      k,
      groups: groups.map((voters) => ({
        cells: Array.from({ length: m }, (_, i) => voters.filter((choices) => choices.includes(i)).length),
        voters: voters.length,
      })),
    }));

for (const kind of ["single", "multiple"] as const) {
  test(`property (${kind} choice): from every shown number, no hidden number can be pinned to one value`, () => {
    fc.assert(
      fc.property(world(kind), ({ k, groups }) => {
        expect(attack(groups, kind, k), `k = ${k}, groups ${JSON.stringify(groups)}`).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
}

test("property: nothing shown comes from fewer than k young people, and the shown numbers are true", () => {
  fc.assert(
    fc.property(world("multiple"), ({ k, groups }) => {
      const seen = board(groups, "multiple", k);
      const overallCells = groups[0]!.cells.map((_, i) => groups.reduce((s, g) => s + g.cells[i]!, 0));
      seen.overall.options.forEach((o, i) => {
        if (o.shown.kind === "exact") expect(o.shown.value).toBe(overallCells[i]);
        if (o.shown.kind === "exact" && o.shown.value > 0) expect(o.shown.value).toBeGreaterThanOrEqual(k);
      });
      seen.groups.forEach((row, g) =>
        row.options.forEach((o, i) => {
          if (o.shown.kind === "exact") expect(o.shown.value).toBe(groups[g]!.cells[i]);
          if (o.shown.kind === "exact" && o.shown.value > 0) expect(o.shown.value).toBeGreaterThanOrEqual(k);
        }),
      );
    }),
  );
});

test("one group's hidden cell beside a shown overall: the overall cell and voters become 'not shown' (k = 6)", () => {
  // Group A: 10 chose X, 3 chose Y. Group B: 8 chose Y. Overall Y = 11 minus B's 8 would be A's 3.
  const seen = board(
    [
      { cells: [10, 3], voters: 13 },
      { cells: [0, 8], voters: 8 },
    ],
    "single",
    6,
  );
  expect(seen.groups[0]!.options.map((o) => o.shown)).toEqual([exact(10), S]);
  expect(seen.groups[1]!.options.map((o) => o.shown)).toEqual([exact(0), exact(8)]);
  expect(seen.overall.options.map((o) => o.shown)).toEqual([exact(10), W]);
  expect(seen.overall.voters).toEqual(W);
});

test("two hidden ones in a column are not given away by their sum", () => {
  // 10 + 1 + 1: overall 12 minus the shown 10 leaves 2, which can only be 1 + 1.
  const seen = board(
    [
      { cells: [10, 6], voters: 16 },
      { cells: [1, 6], voters: 7 },
      { cells: [1, 7], voters: 8 },
    ],
    "single",
    6,
  );
  expect(seen.overall.options[0]!.shown).toEqual(W);
  expect(seen.overall.options[1]!.shown).toEqual(exact(19));
});

test("five young people on five faces of a scale: 'fewer than 6' voters would make every 'fewer than 6' face a one", () => {
  const seen = board([{ cells: [1, 1, 1, 1, 1], voters: 5 }], "single", 6);
  expect(seen.groups[0]!.voters).toEqual(W);
  expect(seen.overall.voters).toEqual(W);
});

test("voters are 'not shown' wherever a cell is hidden, on either side of k: 'k or more' can pin cells too", () => {
  // k = 4. Group A: 2 + 2 (4 voters, "k or more"); group B: 1 + 1. Overall 3 and 3, each "fewer
  // than 4". A's cells are each at most 3 − 1 = 2 and add up to at least 4: both 2, and B's both 1.
  const seen = board(
    [
      { cells: [2, 2], voters: 4 },
      { cells: [1, 1], voters: 2 },
    ],
    "single",
    4,
  );
  expect(seen.groups.map((g) => g.voters)).toEqual([W, W]);
  expect(seen.overall).toEqual({ voters: W, options: [{ shown: S }, { shown: S }] });
  // Nothing hidden: the voters are shown.
  expect(board([{ cells: [6, 7], voters: 13 }], "single", 6).groups[0]!.voters).toEqual(exact(13));
});

test("a ranking's overall points are not shown while a group's are hidden", () => {
  const group = (voters: number, points: number[], k: number): ResultRow => ({
    voters: voters < k ? S : exact(voters),
    options: points.map((p) => ({ shown: voters < k ? S : exact(voters), points: voters < k ? S : exact(p) })),
  });
  const seen = suppressAcrossGroups({
    threshold: 6,
    overall: group(10, [25, 15], 6),
    groups: [group(7, [18, 10], 6), group(3, [7, 5], 6)],
  });
  expect(seen.overall.options).toEqual([
    { shown: W, points: W },
    { shown: W, points: W },
  ]);
  expect(seen.overall.voters).toEqual(W);
  // Every group big enough: everything shown.
  const all = suppressAcrossGroups({ threshold: 6, overall: group(14, [30, 12], 6), groups: [group(7, [18, 3], 6), group(7, [12, 9], 6)] });
  expect(all.overall.options[0]).toEqual({ shown: exact(14), points: exact(30) });
  expect(all.overall.voters).toEqual(exact(14));
});

test("the test's table() is how pollResults shapes a table, overall and per group (real database)", async () => {
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
  const a = await createGroup();
  const b = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [a.id, b.id] });
  const poll = await createPoll(officer.id, {
    title: "Trips",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [a.id, b.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [{ kind: "single", prompt: "Where?", promptTranslations: {}, maxChoices: null, options: ["Sea", "Hills"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  const vote = async (groupId: string, option: number) => {
    const yp = await createYoungPerson({ groupIds: [groupId] });
    await castVote(yp.id, poll.id, [{ questionId: question.id, kind: "choice", optionIds: [question.options[option]!.id] }]);
  };
  for (let i = 0; i < 7; i++) await vote(a.id, 0);
  for (let i = 0; i < 2; i++) await vote(a.id, 1);
  for (let i = 0; i < 6; i++) await vote(b.id, 1);
  const rowOf = async (groupId?: string) => {
    const q = (await pollResults(poll.id, { audience: "suppressed", groupId })).questions[0]!;
    return { voters: q.voters, options: q.options.map((o) => ({ shown: o.shown })) };
  };
  expect(await rowOf(a.id)).toEqual(table([7, 2], 9, 6));
  expect(await rowOf(b.id)).toEqual(table([0, 6], 6, 6));
  expect(await rowOf()).toEqual(table([7, 8], 15, 6));
});

test("CSV fields: formulas are defused, quotes doubled, commas and line breaks kept inside the field", () => {
  expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  for (const start of ["+", "-", "@", "\t", "\r"]) expect(csvField(`${start}1`)).toBe(`"'${start}1"`);
  expect(csvField("a, b\r\nc")).toBe('"a, b\r\nc"');
  expect(csvField(12)).toBe('"12"');
  expect(csvField(null)).toBe('""');
  expect(toCsv([["a", "b"], [1, 2]])).toBe('\uFEFF"a","b"\r\n"1","2"\r\n');
});
