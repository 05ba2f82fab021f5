import { useTranslation } from "react-i18next";
import { cldrFormats } from "#app/utils/cldr-snapshot.ts";
import { fallbackLanguage, isSupportedLanguage, type LanguageCode } from "#app/utils/i18n.ts";

/**
 * How one language writes dates, numbers and lists, as CLDR says (scripts/cldr-snapshot.ts).
 * Patterns hold {y} {M} {MM} {MMM} {d} {dd} {H} {HH} {h} {hh} {mm} {a}; anything else is literal.
 */
export type CldrFormats = {
  /** The CLDR locale the data came from. */
  tag: string;
  /** The ten digits, 0 to 9. */
  digits: string;
  group: string;
  minimumGroupingDigits: number;
  /** What comes before a negative number (with its direction marks). */
  minus: string;
  /** Month names as a medium date writes them, January first. */
  months: string[];
  /** Before and after noon, where the time is written on a 12-hour clock. */
  dayPeriods: [string, string] | null;
  date: string;
  dateTime: string;
  /** Literals of a list: before, between and after two items; before, first gap, middle gaps, last gap, after for more. */
  list: { two: [string, string, string]; many: [string, string, string, string, string] };
  /** False where CLDR has no list patterns and the ones above are ours. */
  listFromCldr: boolean;
};

/**
 * NOTE: dates, numbers and lists are formatted here from a CLDR snapshot, never by the runtime's
 * Intl for a language: Debian's Chromium carries no data for ps, ckb, kmr, ti, om, sq and so,
 * and two runtimes with different CLDR versions write the same date differently, which breaks
 * hydration (decision 009). The one thing asked of Intl is UK time, in numbers.
 */
function formatsFor(locale: string): CldrFormats {
  return cldrFormats[isSupportedLanguage(locale) ? locale : fallbackLanguage];
}

const ukTime = new Intl.DateTimeFormat("en-GB-u-nu-latn", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

function ukParts(date: Date) {
  const parts: Record<string, number> = {};
  for (const part of ukTime.formatToParts(date)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return parts as Record<"year" | "month" | "day" | "hour" | "minute", number>;
}

function writeDigits(ascii: string, digits: string) {
  return ascii.replace(/[0-9]/g, (d) => digits[Number(d)]!);
}

/**
 * Dates in the reader's language on the Gregorian calendar (they are UK dates) and in UK time,
 * CLDR's medium date (and short time).
 */
export function formatDate(value: string | Date, locale: string, withTime = false) {
  const date = typeof value === "string" ? new Date(value) : value;
  const formats = formatsFor(locale);
  const { year, month, day, hour, minute } = ukParts(date);
  const two = (n: number) => String(n).padStart(2, "0");
  const hour12 = hour % 12 || 12;
  const fields: Record<string, string> = {
    y: String(year),
    M: String(month),
    MM: two(month),
    MMM: formats.months[month - 1]!,
    d: String(day),
    dd: two(day),
    H: String(hour),
    HH: two(hour),
    h: String(hour12),
    hh: two(hour12),
    mm: two(minute),
    a: formats.dayPeriods?.[hour < 12 ? 0 : 1] ?? "",
  };
  return (withTime ? formats.dateTime : formats.date).replace(/\{(\w+)\}/g, (_, field: string) =>
    field === "MMM" || field === "a" ? fields[field]! : writeDigits(fields[field]!, formats.digits),
  );
}

/** A whole number in the reader's language (digits, grouping); fractions are rounded as Intl rounds them. */
export function formatNumber(value: number, locale: string) {
  if (!Number.isFinite(value)) return String(value);
  const formats = formatsFor(locale);
  const ascii = Math.round(Math.abs(value)).toLocaleString("en-US", { useGrouping: false });
  const grouped =
    ascii.length >= 3 + formats.minimumGroupingDigits ? ascii.replace(/\B(?=(\d{3})+$)/g, formats.group) : ascii;
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? formats.minus : ""}${writeDigits(grouped, formats.digits)}`;
}

/** "A, B and C" in the reader's language. */
export function formatList(items: readonly string[], locale: string) {
  const { two, many } = formatsFor(locale).list;
  if (items.length < 2) return items[0] ?? "";
  if (items.length === 2) return `${two[0]}${items[0]}${two[1]}${items[1]}${two[2]}`;
  const [before, first, middle, last, after] = many;
  const gap = (index: number) => (index === 0 ? first : index === items.length - 2 ? last : middle);
  return `${before}${items.map((item, i) => (i < items.length - 1 ? item + gap(i) : item)).join("")}${after}`;
}

/** The page's language, as formatting functions bound to it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language as LanguageCode;
  return {
    date: (value: string | Date, withTime = false) => formatDate(value, locale, withTime),
    number: (value: number) => formatNumber(value, locale),
    list: (items: readonly string[]) => formatList(items, locale),
  };
}

export function useFormatDate() {
  return useFormat().date;
}

/** "2026-11" → the month's name and year in the reader's language ("November 2026"). */
export function formatMonth(month: string, locale: string) {
  const formats = formatsFor(locale);
  const [year, m] = month.split("-").map(Number) as [number, number];
  return `${formats.months[m - 1] ?? month} ${writeDigits(String(year), formats.digits)}`;
}
