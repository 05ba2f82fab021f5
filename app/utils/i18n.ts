/**
 * The languages Voices speaks. Adding one is adding app/locales/<code>/common.json and meta.json
 * and a line here. English is the typed reference; every other locale must have the same keys
 * (tests/locales.test.ts).
 */
export const languages = [
  { code: "en", dir: "ltr", name: "English" },
  { code: "ar", dir: "rtl", name: "العربية" },
] as const;

export type LanguageCode = (typeof languages)[number]["code"];

export const supportedLanguages: LanguageCode[] = languages.map((l) => l.code);
export const fallbackLanguage: LanguageCode = "en";
export const defaultNS = "common";

export function isSupportedLanguage(code: unknown): code is LanguageCode {
  return typeof code === "string" && (supportedLanguages as string[]).includes(code);
}

export function languageDirection(code: string): "ltr" | "rtl" {
  return languages.find((l) => l.code === code)?.dir ?? "ltr";
}

export function languageName(code: string): string {
  return languages.find((l) => l.code === code)?.name ?? code;
}
