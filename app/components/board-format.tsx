import { useTranslation } from "react-i18next";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { useFormat } from "#app/utils/format.ts";

/**
 * Dates (app/utils/format.ts: UK dates, Gregorian, UK time) and numbers in the reader's language.
 */
export function useBoardFormat() {
  const format = useFormat();
  return { date: (value: Date | string) => format.date(value), number: format.number, list: format.list };
}

/**
 * A number built from young people's contributions, as the suppression rule let it out: the exact
 * value, "fewer than k", or "not shown" for a total withheld to protect a small number (the value
 * itself never reaches the browser).
 */
export function ShownNumber({ shown, threshold }: { shown: ShownValue; threshold: number }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  if (shown.kind === "suppressed") return <>{t("board:feedback.fewerThan", { k: format.number(threshold) })}</>;
  if (shown.kind === "withheld") return <>{t("board:feedback.withheld")}</>;
  return <>{format.number(shown.value)}</>;
}
