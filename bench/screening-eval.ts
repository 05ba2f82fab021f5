/**
 * How well the safeguarding screen does on sentences it was not tuned to (issue 4):
 *   npx tsx bench/screening-eval.ts            (VERBOSE=1 lists every miss and false alarm)
 * bench/screening-eval/<lng>.json was written by someone who never saw the phrase lists
 * (bench/screening-eval/README.md says how). Prints recall (concerns flagged) and false-positive
 * rate (ordinary sentences flagged) per language, per variant and per category. Nothing asserts a
 * figure: the numbers are for people to read, and the set must never be copied into the lists.
 *
 * The even-numbered sentences of each file are the development half: the lists were improved by
 * someone who saw only those (never this file's other half). SPLIT=dev|held-out|all (default
 * held-out) says which half is measured; only the held-out figures say how the screen does on
 * words it was not tuned to. EVAL_DIR=<folder> measures another set of the same shape.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultScreener, screenText } from "#app/screening/screen.ts";

type Sentence = { text: string; label: "concern" | "ordinary"; category: string | null; variant: string; english: string };
const dir = process.env.EVAL_DIR ?? path.resolve(import.meta.dirname, "screening-eval");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const verbose = process.env.VERBOSE === "1";
const split = process.env.SPLIT ?? "held-out";
const inSplit = (i: number) => split === "all" || (split === "dev" ? i % 2 === 0 : i % 2 === 1);

const started = performance.now();
const screener = defaultScreener();
console.log(`Screen built in ${(performance.now() - started).toFixed(0)} ms on ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}\n`);

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%`.padStart(5) : "  n/a");
type Tally = { concerns: number; caught: number; ordinary: number; flagged: number };
const blank = (): Tally => ({ concerns: 0, caught: 0, ordinary: 0, flagged: 0 });
const byVariant = new Map<string, Tally>();
const byCategory = new Map<string, Tally>();
const total = blank();
const add = (t: Tally, s: Sentence, hit: boolean) => {
  if (s.label === "concern") {
    t.concerns++;
    if (hit) t.caught++;
  } else {
    t.ordinary++;
    if (hit) t.flagged++;
  }
};

console.log(`Sentences: ${split}\n`);
console.log("language   concerns  recall   ordinary  false positives");
for (const file of files) {
  const set = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { language: string; sentences: Sentence[] };
  const tally = blank();
  for (const [i, s] of set.sentences.entries()) {
    if (!inSplit(i)) continue;
    const hit = screenText(screener, s.text).length > 0;
    add(tally, s, hit);
    add(total, s, hit);
    const v = byVariant.get(s.variant) ?? blank();
    add(v, s, hit);
    byVariant.set(s.variant, v);
    if (s.category) {
      const c = byCategory.get(s.category) ?? blank();
      add(c, s, hit);
      byCategory.set(s.category, c);
    }
    if (verbose && hit !== (s.label === "concern")) {
      console.log(`   ${hit ? "FALSE ALARM" : "MISSED     "} [${set.language}/${s.variant}] ${s.text}  (${s.english})`);
    }
  }
  console.log(
    `${set.language.padEnd(10)} ${String(tally.concerns).padStart(8)}  ${pct(tally.caught, tally.concerns)}   ${String(tally.ordinary).padStart(8)}  ${pct(tally.flagged, tally.ordinary)}`,
  );
}
console.log(
  `${"all".padEnd(10)} ${String(total.concerns).padStart(8)}  ${pct(total.caught, total.concerns)}   ${String(total.ordinary).padStart(8)}  ${pct(total.flagged, total.ordinary)}`,
);
console.log("\nvariant              recall  false positives");
for (const [variant, t] of [...byVariant].sort()) {
  console.log(`${variant.padEnd(20)} ${t.concerns ? pct(t.caught, t.concerns) : "    -"}   ${t.ordinary ? pct(t.flagged, t.ordinary) : "    -"}`);
}
console.log("\ncategory             concerns  recall");
for (const [category, t] of [...byCategory].sort()) console.log(`${category.padEnd(20)} ${String(t.concerns).padStart(8)}  ${pct(t.caught, t.concerns)}`);
