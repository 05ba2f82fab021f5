/**
 * Translation rounds, without hand-editing thirteen folders:
 *   npx tsx scripts/locale-delta.ts missing <dir>   writes <dir>/<lng>/<ns>.json: the strings each
 *                                                  language lacks, in English (a plural key in the
 *                                                  forms that language needs: Arabic's six), for a
 *                                                  translator
 *   npx tsx scripts/locale-delta.ts merge <dir>     merges <dir>/<lng>/<ns>.json (the translator's
 *                                                  answer, the same keys) into app/locales, drops
 *                                                  keys English no longer has, and writes every file
 *                                                  in English's key order
 * tests/locales.test.ts then says whether anything is still missing or left in English.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expectedKeys, flatten, pluralForm, type Flat } from "#app/utils/locale-keys.ts";

type Tree = { [key: string]: string | Tree };
const root = path.resolve(import.meta.dirname, "../app/locales");
const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== "missing" && mode !== "merge")) {
  console.error("usage: npx tsx scripts/locale-delta.ts missing|merge <dir>");
  process.exit(2);
}

const read = (file: string): Flat => (existsSync(file) ? flatten(JSON.parse(readFileSync(file, "utf8"))) : new Map());
function nest(entries: [string, string][]): Tree {
  const out: Tree = {};
  for (const [key, value] of entries) {
    const parts = key.split(".");
    let at = out;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Tree;
    at[parts.at(-1)!] = value;
  }
  return out;
}
const write = (file: string, entries: [string, string][]) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(nest(entries), null, 2)}\n`);
};

/** The language's keys in English's order, each plural key's forms where English has its `_other`. */
function orderedKeys(english: Flat, lng: string) {
  const wanted = new Set(expectedKeys(english, lng));
  const out: string[] = [];
  for (const key of english.keys()) {
    const plural = pluralForm(key, english);
    if (!plural) {
      if (wanted.has(key)) out.push(key);
      continue;
    }
    const prefix = `${plural.base}_${plural.type === "ordinal" ? "ordinal_" : ""}`;
    for (const k of [...wanted].filter((w) => w.startsWith(prefix) && !out.includes(w)).sort()) out.push(k);
  }
  return out;
}

/** The English a translator starts from: the same form if English has it, else its `_other`. */
function source(english: Flat, key: string) {
  if (english.has(key)) return english.get(key)!;
  const plural = pluralForm(key, english);
  return plural ? (english.get(`${plural.base}_${plural.type === "ordinal" ? "ordinal_" : ""}other`) ?? "") : "";
}

const languages = readdirSync(root).filter((l) => l !== "en" && existsSync(path.join(root, l, "meta.json")));
const namespaces = readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json") && f !== "meta.json");
let count = 0;
for (const lng of languages) {
  for (const ns of namespaces) {
    const english = read(path.join(root, "en", ns));
    const current = read(path.join(root, lng, ns));
    const keys = orderedKeys(english, lng);
    if (mode === "missing") {
      const missing = keys.filter((k) => !current.has(k)).map((k): [string, string] => [k, source(english, k)]);
      if (missing.length) write(path.join(dir, lng, ns), missing);
      count += missing.length;
    } else {
      const answer = read(path.join(dir, lng, ns));
      write(
        path.join(root, lng, ns),
        keys.flatMap((k): [string, string][] => {
          const value = answer.get(k) ?? current.get(k);
          return value === undefined ? [] : [[k, value]];
        }),
      );
    }
  }
}
console.log(mode === "missing" ? `${count} strings missing, written to ${dir}` : `merged ${dir} into ${root}`);
