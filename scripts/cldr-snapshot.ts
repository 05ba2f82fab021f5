/**
 * Takes the CLDR data Voices formats dates, numbers, lists and language names with, from this
 * Node's ICU, and writes it to app/utils/cldr-snapshot.ts and app/utils/cldr-language-names.ts.
 *
 *   npx tsx scripts/cldr-snapshot.ts          # after adding a language, or when Node's CLDR moves
 *
 * Why a snapshot and not the browser's Intl: decision 009. Every value is checked here against
 * Intl before it is written (the same check runs in tests/intl.test.ts), so the snapshot says
 * exactly what CLDR says, except where CLDR has nothing (see LIST_WHERE_CLDR_HAS_NONE).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cldrLocales, intlLocale, languageName, supportedLanguages, type LanguageCode } from "../app/utils/i18n.ts";
import type { CldrFormats } from "../app/utils/format.ts";

// CLDR 48 has no list patterns for Central Kurdish or Oromo (Intl answers in American English).
// NOTE: ours, to be checked by a fluent speaker with the rest of each language.
const LIST_WHERE_CLDR_HAS_NONE: Partial<Record<LanguageCode, CldrFormats["list"]>> = {
  ckb: { two: ["", " و ", ""], many: ["", "، ", "، ", " و ", ""] },
  om: { two: ["", " fi ", ""], many: ["", ", ", ", ", " fi ", ""] },
};

const LONDON = "Europe/London";
// A Monday in January, 09:07 in London (GMT): one-digit day and hour show whether CLDR pads them.
const SAMPLE_AM = new Date(Date.UTC(2026, 0, 5, 9, 7));
const SAMPLE_PM = new Date(Date.UTC(2026, 0, 5, 21, 7));

const language = (tag: string) => new Intl.Locale(tag).language;

export function dateFormatter(code: LanguageCode, withTime: boolean) {
  return new Intl.DateTimeFormat(intlLocale(code), {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" as const } : {}),
    timeZone: LONDON,
  });
}

export function numberFormatter(code: LanguageCode) {
  return new Intl.NumberFormat(intlLocale(code), { maximumFractionDigits: 0 });
}

/** CLDR's list data for a language, or null where Intl falls back to another language. */
export function cldrListFormatter(code: LanguageCode) {
  const format = new Intl.ListFormat(intlLocale(code), { type: "conjunction" });
  return language(format.resolvedOptions().locale) === language(cldrLocales[code].tag) ? format : null;
}

function datePattern(code: LanguageCode, withTime: boolean) {
  const format = dateFormatter(code, withTime);
  const hourCycle = format.resolvedOptions().hourCycle;
  return format
    .formatToParts(SAMPLE_AM)
    .map((part) => {
      const digits = (value: string) => [...value].length;
      switch (part.type) {
        case "literal":
          if (/[{}]/.test(part.value)) throw new Error(`${code}: a brace in a date literal`);
          // NOTE: CLDR puts a narrow no-break space before AM/PM. Node 20's V8 keeps it in
          // formatToParts() but writes a plain space in format(); Chromium 156 writes a plain
          // space in both. The plain space is what both runtimes show.
          return part.value.replaceAll("\u202f", " ");
        case "year":
          return "{y}";
        case "month":
          return /^\p{Nd}+$/u.test(part.value) ? (digits(part.value) === 2 ? "{MM}" : "{M}") : "{MMM}";
        case "day":
          return digits(part.value) === 2 ? "{dd}" : "{d}";
        case "hour":
          if (hourCycle !== "h12" && hourCycle !== "h23") throw new Error(`${code}: hour cycle ${hourCycle}`);
          return `{${(hourCycle === "h12" ? "h" : "H").repeat(digits(part.value))}}`;
        case "minute":
          return "{mm}";
        case "dayPeriod":
          return "{a}";
        default:
          throw new Error(`${code}: a date part Voices does not format: ${part.type}`);
      }
    })
    .join("");
}

function partOf(format: Intl.DateTimeFormat, date: Date, type: Intl.DateTimeFormatPartTypes) {
  const value = format.formatToParts(date).find((p) => p.type === type)?.value;
  if (value === undefined) throw new Error(`no ${type} in ${format.resolvedOptions().locale}`);
  return value;
}

function listLiterals(format: Intl.ListFormat, count: number) {
  const parts = format.formatToParts(Array.from({ length: count }, (_, i) => `item${i}`));
  // Literals before the first item, between each two, and after the last.
  const literals: string[] = [""];
  for (const part of parts) {
    if (part.type === "element") literals.push("");
    else literals[literals.length - 1] += part.value;
  }
  return literals;
}

function formatsOf(code: LanguageCode): CldrFormats {
  const { tag, numberingSystem } = cldrLocales[code];
  const date = dateFormatter(code, false);
  const dateTime = dateFormatter(code, true);
  const numbers = numberFormatter(code);
  for (const format of [date, dateTime, numbers]) {
    const resolved = format.resolvedOptions();
    if (language(resolved.locale) !== language(tag)) throw new Error(`${code}: Intl has no data for ${tag} (${resolved.locale})`);
    if (resolved.numberingSystem !== numberingSystem) throw new Error(`${code}: ${resolved.numberingSystem} digits`);
  }
  const datePatternText = datePattern(code, false);
  const dateTimePatternText = datePattern(code, true);
  // Only where a date writes the month as a word (Arabic's medium date writes it as a number).
  const months = datePatternText.includes("{MMM}")
    ? Array.from({ length: 12 }, (_, m) => partOf(date, new Date(Date.UTC(2026, m, 15, 12)), "month"))
    : [];
  const dayPeriods: [string, string] | null = dateTimePatternText.includes("{a}")
    ? [partOf(dateTime, SAMPLE_AM, "dayPeriod"), partOf(dateTime, SAMPLE_PM, "dayPeriod")]
    : null;

  const digits = Array.from({ length: 10 }, (_, d) => numbers.format(d));
  const groupPart = numbers.formatToParts(1234567).find((p) => p.type === "group");
  const minus = numbers.formatToParts(-3).filter((p) => p.type !== "integer").map((p) => p.value).join("");

  const list = cldrListFormatter(code);
  const cldrList: CldrFormats["list"] | null = list
    ? {
        two: listLiterals(list, 2) as CldrFormats["list"]["two"],
        many: (() => {
          const four = listLiterals(list, 4);
          return [four[0]!, four[1]!, four[2]!, four[3]!, four[4]!];
        })(),
      }
    : null;
  const listFormats = cldrList ?? LIST_WHERE_CLDR_HAS_NONE[code];
  if (!listFormats) throw new Error(`${code}: CLDR has no list patterns; add ours to LIST_WHERE_CLDR_HAS_NONE`);

  return {
    tag,
    digits: digits.join(""),
    group: groupPart?.value ?? "",
    // CLDR's minimumGroupingDigits: 2 means 1000 is written without a separator (Albanian).
    minimumGroupingDigits: /\P{Nd}/u.test(numbers.format(1000)) ? 1 : 2,
    minus,
    months,
    dayPeriods,
    date: datePatternText,
    dateTime: dateTimePatternText,
    list: listFormats,
    listFromCldr: cldrList !== null,
  };
}

/** The names of our languages in each of our languages, as CLDR has them; our own name where it has none. */
function languageNamesOf(reader: LanguageCode) {
  const names = new Intl.DisplayNames([cldrLocales[reader].tag], { type: "language", fallback: "none" });
  const hasData = language(names.resolvedOptions().locale) === language(cldrLocales[reader].tag);
  return Object.fromEntries(
    supportedLanguages.map((code) => [code, (hasData ? names.of(code) : undefined) ?? languageName(code)]),
  ) as Record<LanguageCode, string>;
}

export function takeSnapshot() {
  return {
    formats: Object.fromEntries(supportedLanguages.map((code) => [code, formatsOf(code)])) as Record<LanguageCode, CldrFormats>,
    languageNames: Object.fromEntries(supportedLanguages.map((code) => [code, languageNamesOf(code)])) as Record<
      LanguageCode,
      Record<LanguageCode, string>
    >,
  };
}

/** One language a line: easy to read in a diff when CLDR moves. */
const byLanguage = (value: Record<string, unknown>) =>
  `{\n${Object.entries(value).map(([code, v]) => `  ${JSON.stringify(code)}: ${JSON.stringify(v)},`).join("\n")}\n}`;

const header = (what: string) =>
  `// Generated by scripts/cldr-snapshot.ts from Node ${process.versions.node} (ICU ${process.versions.icu}, ` +
  `CLDR ${process.versions.cldr}): ${what}.\n// Do not edit: run \`npx tsx scripts/cldr-snapshot.ts\`. Why: docs/decisions/009-thirteen-languages.md.\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { formats, languageNames } = takeSnapshot();
  const utils = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../app/utils");
  writeFileSync(
    path.join(utils, "cldr-snapshot.ts"),
    `${header("how each language writes dates, numbers and lists")}import type { CldrFormats } from "#app/utils/format.ts";\nimport type { LanguageCode } from "#app/utils/i18n.ts";\n\n` +
      `export const CLDR_VERSION = ${JSON.stringify(process.versions.cldr)};\n\n` +
      `export const cldrFormats: Record<LanguageCode, CldrFormats> = ${byLanguage(formats)};\n`,
  );
  writeFileSync(
    path.join(utils, "cldr-language-names.ts"),
    `${header("the name of each of our languages in each of them (officers' screens only)")}import type { LanguageCode } from "#app/utils/i18n.ts";\n\n` +
      `export const cldrLanguageNames: Record<LanguageCode, Record<LanguageCode, string>> = ${byLanguage(languageNames)};\n`,
  );
  console.log(`Wrote the CLDR ${process.versions.cldr} snapshot for ${supportedLanguages.length} languages.`);
}
