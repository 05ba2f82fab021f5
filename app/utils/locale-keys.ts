/**
 * Which keys each locale must have: English's, with each plural key (i18next's key_one, key_other…)
 * in the forms its own language needs. Shared by tests/locales.test.ts and
 * scripts/locale-delta.ts (translation rounds).
 */
export const CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
export type Category = (typeof CATEGORIES)[number];
// i18next's suffixes: key_one, key_other… (cardinal) and key_ordinal_one… (ordinal).
const PLURAL_KEY = new RegExp(`^(.+?)_(ordinal_)?(${CATEGORIES.join("|")})$`);

export type Flat = Map<string, string>;

export function flatten(value: unknown, prefix = ""): Flat {
  const out: Flat = new Map();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) for (const [fk, fv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(fk, fv);
  }
  return out;
}

export type PluralKey = { base: string; type: "cardinal" | "ordinal"; category: Category };

/** A key is a plural form when English has its `_other` form (so "status_other" alone is not one by accident). */
export function pluralForm(key: string, english: Flat): PluralKey | null {
  const match = PLURAL_KEY.exec(key);
  if (!match) return null;
  const [, base, ordinal, category] = match as unknown as [string, string, string | undefined, Category];
  const type = ordinal ? "ordinal" : "cardinal";
  return english.has(`${base}_${ordinal ?? ""}other`) ? { base, type, category } : null;
}

/** The plural categories a language needs, as i18next will ask for them (Intl.PluralRules of the code). */
export function categoriesOf(lng: string, type: "cardinal" | "ordinal"): Category[] {
  return new Intl.PluralRules(lng, { type }).resolvedOptions().pluralCategories as Category[];
}

/**
 * The keys a locale must have: English's, with each plural key in the forms its language needs.
 * NOTE: i18next looks `key_zero` up for a count of 0 in every language, not only where
 * PluralRules has a "zero" form (Arabic); so when English has a `_zero` ("No messages"), every
 * language must have one.
 */
export function expectedKeys(english: Flat, lng: string): string[] {
  const keys = new Set<string>();
  for (const key of english.keys()) {
    const plural = pluralForm(key, english);
    if (!plural) {
      keys.add(key);
      continue;
    }
    const infix = plural.type === "ordinal" ? "ordinal_" : "";
    for (const category of categoriesOf(lng, plural.type)) keys.add(`${plural.base}_${infix}${category}`);
    if (plural.type === "cardinal" && english.has(`${plural.base}_zero`)) keys.add(`${plural.base}_zero`);
  }
  return [...keys].sort();
}

