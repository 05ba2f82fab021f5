import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AskBadges, AskFacts, isOverdue } from "#app/components/board-asks.tsx";
import { ShownNumber, useBoardFormat } from "#app/components/board-format.tsx";
import { listAsks } from "#app/models/asks.server.ts";
import { boardFeedbackByTheme } from "#app/models/feedback.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** Copies only the suppressed form of a number: nothing else in a cell reaches the browser. */
function shownOnly(shown: ShownValue): ShownValue {
  return shown.kind === "exact" ? { kind: "exact", value: shown.value } : { kind: shown.kind };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const [feedback, asks, org, t] = await Promise.all([boardFeedbackByTheme(), listAsks(), getOrganisation(), getT(request)]);
  const now = new Date();
  return {
    title: t("board:home.title"),
    // Numbers from young people's contributions, already suppressed by the model.
    feedback: {
      threshold: feedback.threshold,
      total: shownOnly(feedback.total),
      rows: feedback.rows.map((row) => ({
        id: row.themeId,
        themeKey: row.label?.key ?? null,
        themeName: row.label?.name ?? null,
        shown: shownOnly(row.shown),
      })),
    },
    // The adults' own work: not suppressed (PRODUCT.md, "Aggregate").
    asks: asks.map((ask) => ({
      id: ask.id,
      title: ask.title,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      owner: ask.owner?.displayName ?? null,
      overdue: isOverdue({ ...ask, answered: ask.answeredAt !== null }, org.overdueAfterDays, now),
    })),
  };
}

export default function BoardHome() {
  const { feedback, asks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useBoardFormat();
  useLiveRevalidate([events.boardChanged, events.asksChanged]);
  const overdue = asks.filter((ask) => ask.overdue).length;
  return (
    <section className="stack">
      <h1>{t("board:home.title")}</h1>

      <section aria-labelledby="feedback-title" className="card stack">
        <h2 id="feedback-title">{t("board:feedback.title")}</h2>
        <p>{t("board:feedback.intro")}</p>
        <div className="table-wrap">
          <table className="board-table">
            <caption className="visually-hidden">{t("board:feedback.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("board:feedback.theme")}</th>
                <th scope="col" className="number">
                  {t("board:feedback.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {feedback.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.themeKey
                      ? t(`common:themes.${row.themeKey}`, { defaultValue: row.themeName ?? row.themeKey })
                      : t("board:feedback.noTheme")}
                  </th>
                  <td className="number">
                    <ShownNumber shown={row.shown} threshold={feedback.threshold} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("board:feedback.total")}</th>
                <td className="number">
                  <ShownNumber shown={feedback.total} threshold={feedback.threshold} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="hint">{t("board:feedback.suppressionNote", { k: format.number(feedback.threshold) })}</p>
      </section>

      <section aria-labelledby="asks-title" className="stack">
        <h2 id="asks-title">{t("board:asks.title")}</h2>
        {asks.length === 0 ? (
          <p>{t("board:asks.none")}</p>
        ) : (
          <dl className="board-facts">
            <div>
              <dt>{t("board:asks.count")}</dt>
              <dd>{format.number(asks.length)}</dd>
            </div>
            <div>
              <dt>{t("board:asks.overdueCount")}</dt>
              <dd>{format.number(overdue)}</dd>
            </div>
          </dl>
        )}
        <ul className="list">
          {asks.map((ask) => (
            <li key={ask.id} className="card">
              <h3>
                <Link to={`/board/asks/${ask.id}`}>
                  <bdi>{ask.title}</bdi>
                </Link>
              </h3>
              <AskBadges status={ask.status} overdue={ask.overdue} />
              <AskFacts raisedAt={ask.raisedAt} dueAt={ask.dueAt} owner={ask.owner} />
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
