import { useTranslation } from "react-i18next";

/**
 * Dates in the reader's language on the Gregorian calendar (they are UK dates) and in UK time.
 * NOTE: "ar" alone can mean another calendar or numbering in some runtimes; the extension keys pin it.
 */
export function formatDate(value: string | Date, locale: string, withTime = false) {
  const date = typeof value === "string" ? new Date(value) : value;
  // "en" alone formats US-style; these are UK dates.
  const tag = locale === "en" ? "en-GB" : locale;
  return new Intl.DateTimeFormat(`${tag}-u-ca-gregory`, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: "Europe/London",
  }).format(date);
}

export function useFormatDate() {
  const { i18n } = useTranslation();
  return (value: string | Date, withTime = false) => formatDate(value, i18n.language, withTime);
}
