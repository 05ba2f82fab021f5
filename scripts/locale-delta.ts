/**
 * Translation rounds, without hand-editing thirteen folders:
 *   npx tsx scripts/locale-delta.ts missing <dir>   writes <dir>/<lng>/<ns>.json: the English strings
 *                                                  each language lacks (for a translator)
 *   npx tsx scripts/locale-delta.ts merge <dir>     merges <dir>/<lng>/<ns>.json (the translator's
 *                                                  answer, the same keys) into app/locales, drops
 *                                                  keys English no longer has, and writes every file
 *                                                  in English's key order
 * tests/locales.test.ts then says whether anything is still missing or left in English.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Tree = { [key: string]: string | Tree };
const root = path.resolve(import.meta.dirname, "../app/locales");
const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== "missing" && mode !== "merge")) {
  console.error("usage: npx tsx scripts/locale-delta.ts missing|merge <dir>");
  process.exit(2);
}

const read = (file: string): Tree => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Tree) : {});
const write = (file: string, tree: Tree) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(tree, null, 2)}\n`);
};

/** `english`'s shape, with each leaf taken from the first of `sources` that has it. */
function shape(english: Tree, sources: Tree[], onlyMissingFrom?: Tree): Tree | undefined {
  const out: Tree = {};
  for (const [key, value] of Object.entries(english)) {
    const from = sources.map((s) => s?.[key]);
    const have = onlyMissingFrom?.[key];
    if (typeof value === "string") {
      if (onlyMissingFrom) {
        if (typeof have !== "string") out[key] = value;
      } else {
        const found = from.find((v) => typeof v === "string");
        if (typeof found === "string") out[key] = found;
      }
    } else {
      const inner = shape(
        value,
        from.map((v) => (v && typeof v === "object" ? v : {})) as Tree[],
        onlyMissingFrom ? ((have && typeof have === "object" ? have : {}) as Tree) : undefined,
      );
      if (inner && Object.keys(inner).length) out[key] = inner;
    }
  }
  return out;
}

const languages = readdirSync(root).filter((l) => l !== "en" && existsSync(path.join(root, l, "meta.json")));
const namespaces = readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json") && f !== "meta.json");
let count = 0;
for (const lng of languages) {
  for (const ns of namespaces) {
    const english = read(path.join(root, "en", ns));
    const current = read(path.join(root, lng, ns));
    if (mode === "missing") {
      const missing = shape(english, [], current)!;
      const n = JSON.stringify(missing).split('":"').length - 1;
      if (n) write(path.join(dir, lng, ns), missing);
      count += n;
    } else {
      const answer = read(path.join(dir, lng, ns));
      write(path.join(root, lng, ns), shape(english, [answer, current])!);
    }
  }
}
console.log(mode === "missing" ? `${count} strings missing, written to ${dir}` : `merged ${dir} into ${root}`);
