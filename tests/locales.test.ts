import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createInstance } from "i18next";
import { describe, expect, test } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionKey, auditEntityKey } from "#app/models/audit-codes.ts";
import { i18nextOptions, languages } from "#app/utils/i18n.ts";
import { categoriesOf, expectedKeys, flatten, pluralForm, type Flat } from "#app/utils/locale-keys.ts";

// English is the reference: every locale has exactly its keys, in every namespace (plural keys
// with the forms its own language needs), and a value equal to the English one is allowed only
// where it is the same in every language.
const root = path.resolve(import.meta.dirname, "../app/locales");

/**
 * Values that are the same in every language, each with its reason. Add one only when a word
 * really is not translated (a fluent speaker's call), never to make a locale pass.
 * Values with no words at all (interpolations, digits, punctuation, like "({{language}})") need
 * no entry: see `hasNoWords`.
 */
const SAME_IN_EVERY_LANGUAGE: Record<string, string> = {
  "common:appName": "the brand name, Voices, is not translated",
};

const hasNoWords = (value: string) => /^[\p{P}\p{S}\p{N}\s]*$/u.test(value.replace(/{{\s*[\w.]+\s*}}/g, ""));

const vars = (s: string) => [...new Set([...s.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]!))].sort();

/**
 * The interpolations a locale's value must keep: exactly English's for a plain key. A plural
 * form may leave out {{count}} ("one message", Arabic's "two messages" in one word) but must
 * keep every other variable of English's `_other` form, and may use no variable English lacks.
 */
export function interpolationProblem(english: Flat, key: string, value: string): string | null {
  const plural = pluralForm(key, english);
  const found = vars(value);
  if (!plural) {
    const wanted = vars(english.get(key) ?? "");
    return JSON.stringify(found) === JSON.stringify(wanted) ? null : `has ${JSON.stringify(found)}, English has ${JSON.stringify(wanted)}`;
  }
  const infix = plural.type === "ordinal" ? "ordinal_" : "";
  const forms = [...english].filter(([k]) => pluralForm(k, english)?.base === plural.base && k.startsWith(`${plural.base}_${infix}`));
  const allowed = new Set(forms.flatMap(([, v]) => vars(v)));
  const required = vars(english.get(`${plural.base}_${infix}other`) ?? "").filter((v) => v !== "count");
  const missing = required.filter((v) => !found.includes(v));
  const extra = found.filter((v) => !allowed.has(v));
  return missing.length || extra.length ? `misses ${JSON.stringify(missing)}, adds ${JSON.stringify(extra)}` : null;
}

/** The English value a locale's value must not simply repeat: the same plural form, else `_other`. */
function englishCounterpart(english: Flat, key: string) {
  const plural = pluralForm(key, english);
  if (!plural || english.has(key)) return english.get(key);
  return english.get(`${plural.base}_${plural.type === "ordinal" ? "ordinal_" : ""}other`);
}

const read = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(path.join(root, lng, `${ns}.json`), "utf8")));
const namespaces = readdirSync(path.join(root, "en"))
  .filter((f) => f.endsWith(".json") && f !== "meta.json")
  .map((f) => f.replace(/\.json$/, ""));

describe("the plural rules the checks below rely on", () => {
  test("i18next asks each language for exactly the forms Intl.PluralRules gives it", async () => {
    const i18n = createInstance();
    await i18n.init({ ...i18nextOptions, resources: {}, lng: "en" });
    for (const { code } of languages) {
      const suffixes = i18n.services.pluralResolver.getSuffixes(code).map((s: string) => s.replace(/^_/, ""));
      expect(new Set(suffixes), code).toEqual(new Set(categoriesOf(code, "cardinal")));
    }
  });

  test("Arabic needs six forms, Vietnamese one, the other languages two (Dari as Farsi, Kurmanji as CLDR's ku)", () => {
    const pinned = Object.fromEntries(languages.map(({ code }) => [code, categoriesOf(code, "cardinal").sort()]));
    expect(pinned).toEqual({
      en: ["one", "other"],
      ar: ["few", "many", "one", "other", "two", "zero"],
      "fa-AF": ["one", "other"],
      fa: ["one", "other"],
      ps: ["one", "other"],
      ckb: ["one", "other"],
      kmr: ["one", "other"],
      ti: ["one", "other"],
      am: ["one", "other"],
      om: ["one", "other"],
      vi: ["other"],
      sq: ["one", "other"],
      so: ["one", "other"],
    });
  });

  const english: Flat = new Map([
    ["title", "Messages"],
    ["messages_zero", "No messages"],
    ["messages_one", "One message in {{group}}"],
    ["messages_other", "{{count}} messages in {{group}}"],
    ["place_ordinal_one", "{{count}}st"],
    ["place_ordinal_two", "{{count}}nd"],
    ["place_ordinal_few", "{{count}}rd"],
    ["place_ordinal_other", "{{count}}th"],
    ["status_held", "Held"],
  ]);

  test("a plural key needs its language's forms (and _zero where English has one); other keys as English", () => {
    expect(expectedKeys(english, "en")).toEqual([
      "messages_one", "messages_other", "messages_zero", "place_ordinal_few", "place_ordinal_one", "place_ordinal_other", "place_ordinal_two", "status_held", "title",
    ]);
    expect(expectedKeys(english, "ar")).toEqual([
      "messages_few", "messages_many", "messages_one", "messages_other", "messages_two", "messages_zero", "place_ordinal_other", "status_held", "title",
    ]);
    expect(expectedKeys(english, "vi")).toEqual(["messages_other", "messages_zero", "place_ordinal_one", "place_ordinal_other", "status_held", "title"]);
    expect(expectedKeys(english, "sq")).toEqual([
      "messages_one", "messages_other", "messages_zero", "place_ordinal_many", "place_ordinal_one", "place_ordinal_other", "status_held", "title",
    ]);
  });

  test("a plural form may leave out {{count}}, not another variable, and may add none", () => {
    expect(interpolationProblem(english, "messages_two", "رسالتان في {{group}}")).toBeNull();
    expect(interpolationProblem(english, "messages_few", "{{count}} رسائل")).toMatch(/misses \["group"\]/);
    expect(interpolationProblem(english, "messages_many", "{{count}} {{name}} {{group}}")).toMatch(/adds \["name"\]/);
    expect(interpolationProblem(english, "title", "{{count}}")).toMatch(/English has \[\]/);
  });
});

for (const { code } of languages) {
  describe(code, () => {
    test(`has every English key and no other, in every namespace, with the plural forms ${code} needs`, () => {
      for (const ns of namespaces) {
        const file = path.join(root, code, `${ns}.json`);
        expect(existsSync(file), `${code}/${ns}.json is missing`).toBe(true);
        expect([...read(code, ns).keys()].sort(), `${code}/${ns}`).toEqual(expectedKeys(read("en", ns), code));
      }
    });

    test("says who made it and whether a fluent speaker checked it", () => {
      const meta = JSON.parse(readFileSync(path.join(root, code, "meta.json"), "utf8"));
      expect(Object.keys(meta).sort()).toEqual(["checkedBy", "checkedOn", "source"]);
      expect(["human", "machine-drafted"]).toContain(meta.source);
      if (meta.source === "human") expect(meta.checkedBy).toBeTruthy();
      else expect(meta).toEqual({ source: "machine-drafted", checkedBy: null, checkedOn: null });
    });

    // English is the reference: these two compare a translation with it (not defined for English).
    if (code === "en") return;

    test("shows no English string silently", () => {
      for (const ns of namespaces) {
        const english = read("en", ns);
        for (const [key, value] of read(code, ns)) {
          if (`${ns}:${key}` in SAME_IN_EVERY_LANGUAGE || hasNoWords(value)) continue;
          expect(value, `${code}/${ns}:${key} is the English text`).not.toBe(englishCounterpart(english, key));
        }
      }
    });

    test("keeps every interpolation of the English text", () => {
      for (const ns of namespaces) {
        const english = read("en", ns);
        for (const [key, value] of read(code, ns)) {
          expect(interpolationProblem(english, key, value), `${code}/${ns}:${key}`).toBeNull();
        }
      }
    });

  });
}

test("every locale folder is a language Voices lists (a folder not in app/utils/i18n.ts is never served)", () => {
  const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(folders.filter((f) => !languages.some((l) => l.code === f))).toEqual([]);
});

describe("the audit log's names", () => {
  const admin = read("en", "admin");
  const named = (prefix: string) => [...admin.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
  test("every action the log can hold has a name, and every name an action", () => {
    expect(named("audit.actions.")).toEqual(AUDIT_ACTIONS.map((a) => auditActionKey(a)).sort());
  });
  test("every kind of record has a name, and every name a kind", () => {
    expect(named("audit.entities.")).toEqual(AUDIT_ENTITY_TYPES.map((e) => auditEntityKey(e)).sort());
  });
});
