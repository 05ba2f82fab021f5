import { expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  builtInLists,
  CONCERN_CATEGORIES,
  checkPhrase,
  compileScreener,
  defaultScreener,
  SCREENING_LANGUAGES,
  screeningListSchema,
  screenText,
} from "./screen.ts";

const dir = path.join(import.meta.dirname, "lists");

/** A phrase as plain text: its syntax taken out ("hit* ... me" → "hit me"). */
const surface = (phrase: string) =>
  phrase
    .split(/\s+/u)
    .filter((part) => !/^(?:\.\.\.|…|~\d)$/u.test(part))
    .map((part) => part.replace(/^=/u, "").replace("*", ""))
    .join(" ");

test("there is one list per language the product speaks, and nothing else", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  expect(files.sort()).toEqual(SCREENING_LANGUAGES.map((l) => `${l}.json`).sort());
});

test.each(SCREENING_LANGUAGES.map((l) => [l]))("%s: valid metadata, every category, honest review status", (language) => {
  const list = screeningListSchema.parse(JSON.parse(readFileSync(path.join(dir, `${language}.json`), "utf8")));
  expect(list.language).toBe(language);
  expect(Object.keys(list.categories).sort()).toEqual([...CONCERN_CATEGORIES].sort());
  // No fluent speaker has checked any list yet; a list may say "checked" only with who and when.
  expect(list.review).toMatchObject({ status: "machine-drafted", checkedBy: null, checkedOn: null });
  expect(list.review.notes.length).toBeGreaterThan(40);
  for (const category of CONCERN_CATEGORIES) {
    expect(list.categories[category].length, `${language} ${category}`).toBeGreaterThanOrEqual(language === "en" ? 30 : 6);
    expect(new Set(list.categories[category]).size, `${language} ${category} has duplicates`).toBe(list.categories[category].length);
  }
});

test("every phrase compiles, passes the admin's check, and matches itself", () => {
  const failures: string[] = [];
  for (const list of builtInLists()) {
    for (const category of CONCERN_CATEGORIES) {
      for (const phrase of list.categories[category]) {
        const check = checkPhrase(phrase, list.language);
        if (!check.ok) failures.push(`${list.language} ${category} "${phrase}": ${check.reason}`);
        const alone = compileScreener([{ ...list, categories: { ...emptyCategories(), [category]: [phrase] } }]);
        if (alone.rejected.length > 0) failures.push(`${list.language} ${category} "${phrase}": does not compile`);
        const hits = screenText(alone, `so ${surface(phrase)} ok`);
        if (!hits.some((h) => h.category === category && h.phrase === phrase)) {
          failures.push(`${list.language} ${category} "${phrase}": does not match itself`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
}, 120_000);

test("every category is found in every language by the default screener", () => {
  for (const list of builtInLists()) {
    for (const category of CONCERN_CATEGORIES) {
      const [phrase] = list.categories[category];
      const hits = screenText(defaultScreener(), surface(phrase!));
      expect(hits.map((h) => h.category), `${list.language} ${category}`).toContain(category);
    }
  }
});

test("the default screener has every built-in phrase and rejects none", () => {
  const total = builtInLists().reduce((n, l) => n + CONCERN_CATEGORIES.reduce((m, c) => m + l.categories[c].length, 0), 0);
  expect(defaultScreener().rejected).toEqual([]);
  expect(defaultScreener().phraseCount).toBe(total);
});

function emptyCategories() {
  return Object.fromEntries(CONCERN_CATEGORIES.map((c) => [c, [] as string[]])) as Record<(typeof CONCERN_CATEGORIES)[number], string[]>;
}
