import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AskBadges } from "#app/components/board-asks.tsx";
import { ShownNumber, useBoardFormat } from "#app/components/board-format.tsx";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { cldrFormats } from "#app/utils/cldr-snapshot.ts";
import { fallbackLanguage, isSupportedLanguage, languageDirection } from "#app/utils/i18n.ts";

const isRtl = (lng: string) => languageDirection(lng) === "rtl";
import { formatNumber } from "#app/utils/format.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

/**
 * The board's dashboard, on screen and in the printed pack. It draws only what the loader gives:
 * numbers as the suppression module let them out (a bar is drawn for a shown number only, so no
 * length stands for a hidden one) and the adults' own work.
 */

type Feedback = {
  threshold: number;
  months: { key: string }[];
  columnTotals: ShownValue[];
  grandTotal: ShownValue;
  themes: { id: string; themeKey: string | null; name: string | null; cells: ShownValue[]; total: ShownValue }[];
  groups: { id: string; name: string; cells: ShownValue[]; total: ShownValue }[];
  moods: { mood: number | null; cells: ShownValue[]; total: ShownValue }[];
  moodMeans: ShownValue[];
};

export type DashboardData = {
  date: string;
  feedback: Feedback;
  top: { id: string; themeKey: string | null; name: string | null; now: ShownValue; before: ShownValue; change: ShownValue }[];
  quotes: { id: string; text: string; english: string | null; language: string; theme: { key: string; name: string } | null; month: string }[];
  polls: { id: string; title: string; titleLocale: string; closedAt: string | Date }[];
  asks: { id: string; title: string; status: string; raisedAt: string | Date; dueAt: string | Date | null; owner: string | null; ageDays: number; overdue: boolean }[];
};

function useMonth() {
  const { i18n } = useTranslation();
  const lng = isSupportedLanguage(i18n.language) ? i18n.language : fallbackLanguage;
  return (key: string) => {
    const [y, m] = key.split("-").map(Number);
    const digits = cldrFormats[lng].digits;
    return `${cldrFormats[lng].months[m! - 1]} ${String(y).replace(/[0-9]/g, (d) => digits[Number(d)]!)}`;
  };
}

const value = (s: ShownValue) => (s.kind === "exact" ? s.value : 0);

/** A bar for a shown number, drawn from the start of the line in the page's direction. */
function Bar({ shown, max }: { shown: ShownValue; max: number }) {
  const { i18n } = useTranslation();
  const width = shown.kind === "exact" && max > 0 ? (shown.value / max) * 100 : 0;
  const rtl = isRtl(i18n.language);
  return (
    <svg className="dash-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {width > 0 ? <rect x={rtl ? 100 - width : 0} y="0" width={width} height="10" /> : null}
    </svg>
  );
}

function useThemeName() {
  const { t } = useTranslation();
  return (row: { themeKey: string | null; name: string | null }) =>
    row.themeKey ? t(`common:themes.${row.themeKey}`, { defaultValue: row.name ?? row.themeKey }) : t("board:feedback.noTheme");
}

/** Totals per row over the months shown, as bars and numbers. */
function TotalsTable({ id, caption, heading, rows, k }: { id: string; caption: string; heading: string; rows: { key: string; label: React.ReactNode; total: ShownValue }[]; k: number }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...rows.map((r) => value(r.total)));
  return (
    <ScrollRegion labelledBy={id}>
      <table className="board-table dash-totals">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="number">
              {t("dashboard:feedback.items")}
            </th>
            <th scope="col" className="dash-bar-cell">
              <span className="visually-hidden">{t("dashboard:feedback.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="number">
                <ShownNumber shown={row.total} threshold={k} />
              </td>
              <td className="dash-bar-cell">
                <Bar shown={row.total} max={max} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Rows × months: the numbers behind the charts, every month a column. */
function MonthGrid({ id, caption, heading, rows, feedback }: { id: string; caption: string; heading: string; rows: { key: string; label: React.ReactNode; cells: ShownValue[] }[]; feedback: Feedback }) {
  const month = useMonth();
  return (
    <ScrollRegion labelledBy={id}>
      <table className="board-table dash-grid">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            {feedback.months.map((m) => (
              <th key={m.key} scope="col" className="number">
                {month(m.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={feedback.months[i]!.key} className="number">
                  <ShownNumber shown={cell} threshold={feedback.threshold} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Items per month as columns (SVG), with the months' table beside it for the numbers. */
function OverTime({ feedback }: { feedback: Feedback }) {
  const { t, i18n } = useTranslation();
  const month = useMonth();
  const rtl = isRtl(i18n.language);
  const max = Math.max(0, ...feedback.columnTotals.map(value));
  const n = feedback.months.length;
  return (
    <section aria-labelledby="dash-time" className="stack">
      <h3 id="dash-time">{t("dashboard:feedback.overTime")}</h3>
      <svg className="dash-columns" viewBox={`0 0 ${n * 10} 50`} role="img" aria-labelledby="dash-time-desc" focusable="false">
        <title id="dash-time-desc">{t("dashboard:feedback.overTimeChart")}</title>
        {feedback.columnTotals.map((total, i) => {
          const h = total.kind === "exact" && max > 0 ? (total.value / max) * 46 : 0;
          const x = (rtl ? n - 1 - i : i) * 10 + 1.5;
          return total.kind === "exact" ? (
            <rect key={feedback.months[i]!.key} x={x} y={50 - h} width="7" height={h} />
          ) : (
            // A hidden month: a marker on the axis, no height.
            <rect key={feedback.months[i]!.key} className="dash-hidden" x={x} y="48" width="7" height="2" />
          );
        })}
      </svg>
      <ScrollRegion labelledBy="dash-months">
        <table className="board-table">
          <caption id="dash-months">{t("dashboard:feedback.monthsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard:feedback.month")}</th>
              <th scope="col" className="number">
                {t("dashboard:feedback.items")}
              </th>
              <th scope="col" className="number">
                {t("dashboard:feedback.meanMood")}
              </th>
            </tr>
          </thead>
          <tbody>
            {feedback.months.map((m, i) => (
              <tr key={m.key}>
                <th scope="row">{month(m.key)}</th>
                <td className="number">
                  <ShownNumber shown={feedback.columnTotals[i]!} threshold={feedback.threshold} />
                </td>
                <td className="number">
                  {feedback.moodMeans[i]!.kind === "exact" ? (
                    t("dashboard:feedback.meanOf5", { mean: formatDecimal((feedback.moodMeans[i] as { value: number }).value, i18n.language) })
                  ) : (
                    <ShownNumber shown={feedback.moodMeans[i]!} threshold={feedback.threshold} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("dashboard:feedback.allMonths")}</th>
              <td className="number">
                <ShownNumber shown={feedback.grandTotal} threshold={feedback.threshold} />
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function Dashboard({ data, print = false }: { data: DashboardData; print?: boolean }) {
  const { t } = useTranslation();
  const format = useBoardFormat();
  const month = useMonth();
  const themeName = useThemeName();
  const { feedback } = data;
  const first = feedback.months[0]!.key;
  const last = feedback.months[feedback.months.length - 1]!.key;
  const moodLabel = (mood: number | null) => (mood === null ? t("dashboard:feedback.noMood") : t("dashboard:feedback.mood", { mood: format.number(mood) }));
  return (
    <div className="stack dash">
      <p>{t("dashboard:period", { from: month(first), to: month(last) })}</p>
      <p className="hint">{t("dashboard:suppression", { k: format.number(feedback.threshold) })}</p>

      <section aria-labelledby="dash-feedback" className="card stack dash-section">
        <h2 id="dash-feedback">{t("dashboard:feedback.title")}</h2>
        <p>{t("board:feedback.intro")}</p>
        <OverTime feedback={feedback} />
        <TotalsTable
          id="dash-themes"
          caption={t("dashboard:feedback.byTheme")}
          heading={t("board:feedback.theme")}
          k={feedback.threshold}
          rows={feedback.themes.map((row) => ({ key: row.id, label: themeName(row), total: row.total }))}
        />
        <TotalsTable
          id="dash-groups"
          caption={t("dashboard:feedback.byGroup")}
          heading={t("dashboard:feedback.group")}
          k={feedback.threshold}
          rows={feedback.groups.map((row) => ({ key: row.id, label: <bdi>{row.name}</bdi>, total: row.total }))}
        />
        <TotalsTable
          id="dash-moods"
          caption={t("dashboard:feedback.byMood")}
          heading={t("dashboard:feedback.moodHeading")}
          k={feedback.threshold}
          rows={feedback.moods.map((row) => ({ key: String(row.mood), label: moodLabel(row.mood), total: row.total }))}
        />
        <MonthGrid
          id="dash-theme-months"
          caption={t("dashboard:feedback.themeByMonth")}
          heading={t("board:feedback.theme")}
          feedback={feedback}
          rows={feedback.themes.map((row) => ({ key: row.id, label: themeName(row), cells: row.cells }))}
        />
        <MonthGrid
          id="dash-group-months"
          caption={t("dashboard:feedback.groupByMonth")}
          heading={t("dashboard:feedback.group")}
          feedback={feedback}
          rows={feedback.groups.map((row) => ({ key: row.id, label: <bdi>{row.name}</bdi>, cells: row.cells }))}
        />
        {print ? null : (
          <p>
            <a href={`/board/feedback.csv?date=${data.date}`} download className="tap-link">
              {t("dashboard:csvLink")}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="dash-top" className="card stack dash-section">
        <h2 id="dash-top">{t("dashboard:top.title", { month: month(last) })}</h2>
        {data.top.length === 0 ? (
          <p>{t("dashboard:top.none")}</p>
        ) : (
          <ScrollRegion labelledBy="dash-top-caption">
            <table className="board-table">
              <caption id="dash-top-caption" className="visually-hidden">
                {t("dashboard:top.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("board:feedback.theme")}</th>
                  <th scope="col" className="number">
                    {month(last)}
                  </th>
                  <th scope="col" className="number">
                    {month(feedback.months[feedback.months.length - 2]?.key ?? last)}
                  </th>
                  <th scope="col" className="number">
                    {t("dashboard:top.change")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.top.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{themeName(row)}</th>
                    <td className="number">
                      <ShownNumber shown={row.now} threshold={feedback.threshold} />
                    </td>
                    <td className="number">
                      <ShownNumber shown={row.before} threshold={feedback.threshold} />
                    </td>
                    <td className="number">
                      {row.change.kind === "exact" ? (
                        row.change.value > 0 ? (
                          t("dashboard:top.up", { n: format.number(row.change.value) })
                        ) : row.change.value < 0 ? (
                          t("dashboard:top.down", { n: format.number(-row.change.value) })
                        ) : (
                          t("dashboard:top.same")
                        )
                      ) : (
                        <ShownNumber shown={row.change} threshold={feedback.threshold} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="dash-quotes" className="card stack dash-section">
        <h2 id="dash-quotes">{t("dashboard:quotes.title")}</h2>
        <p className="hint">{t("dashboard:quotes.intro")}</p>
        {data.quotes.length === 0 ? (
          <p>{t("dashboard:quotes.none")}</p>
        ) : (
          <ul className="list">
            {data.quotes.map((q) => (
              <li key={q.id} className="dash-quote">
                <blockquote lang={q.language} dir="auto">
                  {q.text}
                </blockquote>
                {q.english && q.language !== "en" ? (
                  <p lang="en" dir="ltr" className="hint">
                    {t("dashboard:quotes.english")}: {q.english}
                  </p>
                ) : null}
                <p className="muted">{q.theme ? themeName({ themeKey: q.theme.key, name: q.theme.name }) : t("board:feedback.noTheme")}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dash-polls" className="card stack dash-section">
        <h2 id="dash-polls">{t("dashboard:polls.title")}</h2>
        {data.polls.length === 0 ? (
          <p>{t("dashboard:polls.none")}</p>
        ) : (
          <ul className="list">
            {data.polls.map((p) => (
              <li key={p.id}>
                {print ? (
                  <bdi lang={p.titleLocale}>{p.title}</bdi>
                ) : (
                  <Link to={`/board/polls/${p.id}`} lang={p.titleLocale} dir="auto">
                    {p.title}
                  </Link>
                )}{" "}
                <span className="muted">{t("dashboard:polls.closed", { date: format.date(p.closedAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dash-asks" className="card stack dash-section">
        <h2 id="dash-asks">{t("board:asks.title")}</h2>
        <p>{t("dashboard:asks.summary", { count: data.asks.length, n: format.number(data.asks.length), overdue: format.number(data.asks.filter((a) => a.overdue).length) })}</p>
        {data.asks.length === 0 ? (
          <p>{t("board:asks.none")}</p>
        ) : (
          <ScrollRegion labelledBy="dash-asks-caption">
            <table className="board-table">
              <caption id="dash-asks-caption" className="visually-hidden">
                {t("dashboard:asks.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard:asks.ask")}</th>
                  <th scope="col">{t("dashboard:asks.state")}</th>
                  <th scope="col">{t("board:asks.owner")}</th>
                  <th scope="col" className="number">
                    {t("dashboard:asks.age")}
                  </th>
                  <th scope="col">{t("board:asks.due")}</th>
                </tr>
              </thead>
              <tbody>
                {data.asks.map((ask) => (
                  <tr key={ask.id}>
                    <th scope="row">
                      {print ? <bdi>{ask.title}</bdi> : <Link to={`/board/asks/${ask.id}`}><bdi>{ask.title}</bdi></Link>}
                    </th>
                    <td>
                      <AskBadges status={ask.status} overdue={ask.overdue} />
                    </td>
                    <td>{ask.owner ? <bdi>{ask.owner}</bdi> : t("board:asks.noOwner")}</td>
                    <td className="number">{t("dashboard:asks.days", { count: ask.ageDays, n: format.number(ask.ageDays) })}</td>
                    <td>{ask.dueAt ? format.date(ask.dueAt) : t("board:asks.noDueDate")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}

/**
 * A mean to one decimal in the reader's digits. NOTE: the CLDR snapshot carries no decimal
 * separator yet, so "." stands for it in every language.
 */
function formatDecimal(value: number, locale: string) {
  const whole = Math.trunc(value);
  const tenth = Math.round(Math.abs(value - whole) * 10);
  return tenth === 0 ? formatNumber(whole, locale) : `${formatNumber(whole, locale)}.${formatNumber(tenth, locale)}`;
}
