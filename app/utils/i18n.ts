import type { InitOptions } from "i18next";
// NOTE: format.ts imports this module too; formatNumber is only called after both have loaded.
import { formatNumber } from "#app/utils/format.ts";

/**
 * The languages Voices speaks. Adding one is adding app/locales/<code>/*.json and meta.json, a
 * line here and a line in `cldrLocales` below, then `npx tsx scripts/cldr-snapshot.ts`. English
 * is the typed reference; every other locale must have the same keys (tests/locales.test.ts).
 * `name` is the language's name in its own script: it is what the language switcher shows.
 */
export const languages = [
  { code: "en", dir: "ltr", name: "English" },
  { code: "ar", dir: "rtl", name: "العربية" },
  { code: "fa-AF", dir: "rtl", name: "دری" },
  { code: "fa", dir: "rtl", name: "فارسی" },
  { code: "ps", dir: "rtl", name: "پښتو" },
  { code: "ckb", dir: "rtl", name: "کوردی (سۆرانی)" },
  { code: "kmr", dir: "ltr", name: "Kurdî (Kurmancî)" },
  { code: "ti", dir: "ltr", name: "ትግርኛ" },
  { code: "am", dir: "ltr", name: "አማርኛ" },
  { code: "om", dir: "ltr", name: "Afaan Oromoo" },
  { code: "vi", dir: "ltr", name: "Tiếng Việt" },
  { code: "sq", dir: "ltr", name: "Shqip" },
  { code: "so", dir: "ltr", name: "Soomaali" },
] as const;

export type LanguageCode = (typeof languages)[number]["code"];

export const supportedLanguages: LanguageCode[] = languages.map((l) => l.code);
export const fallbackLanguage: LanguageCode = "en";
export const defaultNS = "common";

/**
 * i18next's options on the server and (with the page's resources only) in the browser. No
 * fallback language and `load: "currentOnly"`: the server layers each language's strings over its
 * fallbacks (fallbackChain below), and i18next's own fallback (fa-AF → fa → en) would find strings
 * on the server that the browser does not have.
 */
export const i18nextOptions = {
  defaultNS,
  fallbackLng: false,
  load: "currentOnly",
  supportedLngs: languages.map((l) => l.code),
  interpolation: {
    escapeValue: false,
    // Every number put into a string is written the reader's way (Persian digits in Dari, Farsi and
    // Pashto, Arabic-Indic in Sorani, grouping), from the same CLDR snapshot on the server and in
    // the browser, so the two never disagree (decision 009).
    alwaysFormat: true,
    // Anything else is passed through as it came (i18next then makes it a string).
    format: (value: unknown, _format?: string, lng?: string) =>
      (typeof value === "number" && Number.isFinite(value) ? formatNumber(value, lng ?? fallbackLanguage) : value) as string,
  },
} satisfies InitOptions;

export function isSupportedLanguage(code: unknown): code is LanguageCode {
  return typeof code === "string" && (supportedLanguages as string[]).includes(code);
}

export function languageDirection(code: string): "ltr" | "rtl" {
  return languages.find((l) => l.code === code)?.dir ?? "ltr";
}

export function languageName(code: string): string {
  return languages.find((l) => l.code === code)?.name ?? code;
}

/**
 * What CLDR calls each language, and the digits it is written with here (decision 009). Dates and
 * numbers are formatted from a snapshot of CLDR taken on the server's Node (app/utils/cldr-snapshot.ts),
 * not by the browser's Intl: Debian's Chromium has no data at all for ps, ckb, kmr, ti, om, sq and
 * so, and any two runtimes may carry different CLDR versions, either of which breaks hydration.
 * NOTE: "kmr" is "ku" to CLDR (Intl canonicalises kmr to ku); "en" is British English.
 */
export const cldrLocales = {
  en: { tag: "en-GB", numberingSystem: "latn" },
  // CLDR's "ar" (and both runtimes) write Latin digits; ar-IQ, ar-SD, ar-EG would write ٠١٢.
  ar: { tag: "ar", numberingSystem: "latn" },
  "fa-AF": { tag: "fa-AF", numberingSystem: "arabext" },
  fa: { tag: "fa", numberingSystem: "arabext" },
  ps: { tag: "ps", numberingSystem: "arabext" },
  ckb: { tag: "ckb", numberingSystem: "arab" },
  kmr: { tag: "ku", numberingSystem: "latn" },
  // Most Tigrinya speakers here are from Eritrea; CLDR's ti and ti-ER format dates the same.
  ti: { tag: "ti-ER", numberingSystem: "latn" },
  am: { tag: "am", numberingSystem: "latn" },
  om: { tag: "om", numberingSystem: "latn" },
  vi: { tag: "vi", numberingSystem: "latn" },
  sq: { tag: "sq", numberingSystem: "latn" },
  so: { tag: "so", numberingSystem: "latn" },
} as const satisfies Record<LanguageCode, { tag: string; numberingSystem: "latn" | "arab" | "arabext" }>;

/** The BCP 47 tag to hand to Intl for one of our languages: Gregorian calendar, our digits. */
export function intlLocale(code: string): string {
  const cldr = cldrLocales[isSupportedLanguage(code) ? code : fallbackLanguage];
  return `${cldr.tag}-u-ca-gregory-nu-${cldr.numberingSystem}`;
}

/**
 * One of our languages for a tag a browser sends (Accept-Language), or null.
 * NOTE: not remix-i18next's pick(): it answers "fa-AF" for "fa" and "fa-IR" (the first supported
 * code with the same language), "en" for "ku" and "kmr", and never matches "prs" (Dari).
 */
export function matchLanguage(tag: string): LanguageCode | null {
  let locale: Intl.Locale;
  try {
    // Canonical form: "prs" → "fa-AF", "kmr" → "ku", "FA-af" → "fa-AF".
    locale = new Intl.Locale(Intl.getCanonicalLocales(tag.trim())[0] ?? "");
  } catch {
    return null;
  }
  const { language, script, region } = locale;
  if (language === "fa") return region === "AF" ? "fa-AF" : "fa";
  // Kurdish without more is Kurmanji in Latin letters (CLDR's "ku"); in Arabic letters it is Sorani.
  if (language === "ku") return script === "Arab" ? "ckb" : "kmr";
  return isSupportedLanguage(language) ? language : null;
}

/** The first language of an Accept-Language header that we speak, by the browser's preference. */
export function languageFromAcceptLanguage(header: string | null): LanguageCode | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const found = matchLanguage(tag);
    if (found) return found;
  }
  return null;
}

/**
 * The languages a language's interface strings fall back to, in order, when one is missing.
 * Only Dari falls back to Farsi: a Dari reader reads Farsi more easily than English. (Dates,
 * numbers and Intl never do: fa-AF has its own CLDR data, with Afghan month names.)
 * The server layers the bundles (app/utils/locales.server.ts), so the browser, which gets only
 * the page's language, shows the same words as the server.
 */
export function fallbackChain(code: LanguageCode): LanguageCode[] {
  if (code === fallbackLanguage) return [];
  return code === "fa-AF" ? ["fa", fallbackLanguage] : [fallbackLanguage];
}
