import { useTranslation } from "react-i18next";
import { useBoardFormat } from "#app/components/board-format.tsx";
import type { Figures } from "#app/models/accountability.server.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

/** The figures of app/models/accountability.server.ts, as they reach the browser. */
export type FiguresRow = Figures;

function usePercent() {
  const format = useBoardFormat();
  const { t } = useTranslation();
  return (value: number | null) => (value === null ? t("board:accountability.none") : t("board:accountability.percent", { value: format.number(Math.round(value * 100)) }));
}

function useDays() {
  const format = useBoardFormat();
  const { t } = useTranslation();
  return (value: number | null) => (value === null ? t("board:accountability.none") : t("board:accountability.days", { count: value, days: format.number(value) }));
}

/** The organisation's headline figures, as a list a screen reader reads in order. */
export function AccountabilitySummary({ figures }: { figures: FiguresRow }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  const percent = usePercent();
  const days = useDays();
  const items: [string, string][] = [
    [t("board:accountability.answeredShare"), `${percent(figures.answeredShare)} (${t("board:accountability.ofAsks", { answered: format.number(figures.answered), asks: format.number(figures.asks) })})`],
    [t("board:accountability.medianToAnswer"), days(figures.medianDaysToAnswer)],
    [t("board:accountability.medianToDone"), days(figures.medianDaysToDone)],
    [t("board:accountability.notifiedShare"), percent(figures.notifiedShare)],
    [t("board:accountability.readShare"), percent(figures.readShare)],
    [t("board:accountability.overdue"), format.number(figures.overdue)],
  ];
  return (
    <dl className="board-facts accountability-summary">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One row per group or month; the first column names it. */
export function AccountabilityTable({ caption, firstColumn, rows }: { caption: string; firstColumn: string; rows: ({ key: string; label: React.ReactNode } & FiguresRow)[] }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  const percent = usePercent();
  const days = useDays();
  const id = `table-${firstColumn.replace(/\W+/g, "-")}`;
  return (
    <ScrollRegion labelledBy={id}>
      <table className="board-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col">{t("board:accountability.asks")}</th>
            <th scope="col">{t("board:accountability.answeredShare")}</th>
            <th scope="col">{t("board:accountability.medianToAnswer")}</th>
            <th scope="col">{t("board:accountability.medianToDone")}</th>
            <th scope="col">{t("board:accountability.notifiedShare")}</th>
            <th scope="col">{t("board:accountability.readShare")}</th>
            <th scope="col">{t("board:accountability.overdue")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{format.number(row.asks)}</td>
              <td>{percent(row.answeredShare)}</td>
              <td>{days(row.medianDaysToAnswer)}</td>
              <td>{days(row.medianDaysToDone)}</td>
              <td>{percent(row.notifiedShare)}</td>
              <td>{percent(row.readShare)}</td>
              <td>{format.number(row.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
