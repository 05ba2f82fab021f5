import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { languages } from "#app/utils/i18n.ts";

// English is the reference: every locale has exactly its keys, in every namespace, and a value
// equal to the English one is allowed only where it is the same in every language.
const root = path.resolve(import.meta.dirname, "../app/locales");
const SAME_IN_EVERY_LANGUAGE = new Set(["appName"].map((k) => `common:${k}`));

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) for (const [fk, fv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(fk, fv);
  }
  return out;
}

const read = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(path.join(root, lng, `${ns}.json`), "utf8")));
const namespaces = readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json") && f !== "meta.json").map((f) => f.replace(/\.json$/, ""));

for (const { code } of languages.filter((l) => l.code !== "en")) {
  test(`${code} has every English key and no other, in every namespace`, () => {
    for (const ns of namespaces) {
      const file = path.join(root, code, `${ns}.json`);
      expect(existsSync(file), `${code}/${ns}.json is missing`).toBe(true);
      expect([...read(code, ns).keys()].sort(), `${code}/${ns}`).toEqual([...read("en", ns).keys()].sort());
    }
  });

  test(`${code} shows no English string silently`, () => {
    for (const ns of namespaces) {
      const en = read("en", ns);
      for (const [key, value] of read(code, ns)) {
        if (SAME_IN_EVERY_LANGUAGE.has(`${ns}:${key}`) || /^[\d\s\-–+.:/{}]*$/.test(value)) continue;
        expect(value, `${code}/${ns}:${key} is the English text`).not.toBe(en.get(key));
      }
    }
  });

  test(`${code} keeps every interpolation of the English text`, () => {
    for (const ns of namespaces) {
      const en = read("en", ns);
      for (const [key, value] of read(code, ns)) {
        const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
        expect(vars(value), `${code}/${ns}:${key}`).toEqual(vars(en.get(key) ?? ""));
      }
    }
  });

  test(`${code} says who made it and whether a fluent speaker checked it`, () => {
    const meta = JSON.parse(readFileSync(path.join(root, code, "meta.json"), "utf8"));
    expect(["human", "machine-drafted"]).toContain(meta.source);
    if (meta.source === "human") expect(meta.checkedBy).toBeTruthy();
  });
}
