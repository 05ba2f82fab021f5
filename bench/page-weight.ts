/**
 * The JavaScript and CSS a young person's screens load, from the production build:
 *   npm run build && npx tsx bench/page-weight.ts
 * Sizes are gzip (level 6, as the server's compression middleware sends them). "Before
 * interactive" is what the page's <script>/<link rel="modulepreload"> tags load; "later" is what a
 * screen imports after hydration (the socket.io client for live updates).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean };
const dir = path.resolve("build/client");
// Remix moves Vite's client manifest out of the public folder when build.manifest is on.
const manifest = JSON.parse(readFileSync(path.resolve("build/.vite/client-manifest.json"), "utf8")) as Record<string, Chunk>;

const gz = (file: string) => gzipSync(readFileSync(path.join(dir, file)), { level: 6 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function closure(keys: string[]) {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const dep of manifest[key]!.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.includes("entry.client"))!;
const screens = {
  "young person's home (/me)": "app/routes/me._index.tsx",
  "say something (/me/say)": "app/routes/me.say.tsx",
  "my things (/me/things)": "app/routes/me.things.tsx",
  "timeline (/me/groups/:id)": "app/routes/me.groups.$groupId.tsx",
  "join (/join)": "app/routes/join.tsx",
  "a poll (/me/polls/:id)": "app/routes/me.polls.$pollId.tsx",
  "one of my things (/me/things/:id)": "app/routes/me.things_.$feedbackId.tsx",
  "poll by short link (/p/:code)": "app/routes/p.$code.tsx",
  "accessibility statement": "app/routes/accessibility.tsx",
};

console.log(`Page weight from build/client (gzip level 6) — ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`);
console.log("screen | JS before interactive (KB) | files | JS loaded later (KB) | CSS (KB)");
for (const [name, route] of Object.entries(screens)) {
  const routeKey = (file: string) => (manifest[`${file}?__remix-build-client-route`] ? `${file}?__remix-build-client-route` : file);
  const keys = closure([entryKey, routeKey("app/root.tsx"), routeKey(route)]);
  const files = [...keys].map((k) => manifest[k]!.file);
  const js = files.reduce((sum, f) => sum + gz(f), 0);
  const later = new Set<string>();
  for (const k of keys) for (const d of manifest[k]!.dynamicImports ?? []) for (const c of closure([d])) if (!keys.has(c)) later.add(c);
  const laterBytes = [...later].reduce((sum, k) => sum + gz(manifest[k]!.file), 0);
  // The stylesheet is linked by root.tsx (`?url`), so it is a plain asset of the manifest.
  const css = new Set([...keys].flatMap((k) => manifest[k]!.css ?? []));
  for (const chunk of Object.values(manifest)) if (chunk.file.endsWith(".css")) css.add(chunk.file);
  const cssBytes = [...css].reduce((sum, f) => sum + gz(f), 0);
  console.log(`${name} | ${kb(js)} | ${files.length} | ${kb(laterBytes)} | ${kb(cssBytes)}`);
}
