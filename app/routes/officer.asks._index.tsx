import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AskStatusBadge } from "#app/components/officer-labels.tsx";
import { listAsks } from "#app/models/asks.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** Every ask of the organisation: the adults' own work, so nothing here is suppressed. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const [asks, t] = await Promise.all([listAsks(), getT(request)]);
  return {
    title: t("officer:asks.title"),
    asks: asks.map((ask) => ({
      id: ask.id,
      title: ask.title,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      lastUpdateAt: ask.lastUpdate?.createdAt ?? null,
      updateCount: ask.updateCount,
    })),
  };
}

export default function Asks() {
  const { asks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.asksChanged]);

  return (
    <section className="stack">
      <h1>{t("officer:asks.title")}</h1>
      <p>{t("officer:asks.intro")}</p>
      <p>
        <Link to="/officer/asks/new" className="button">
          {t("officer:asks.new")}
        </Link>
      </p>
      {asks.length === 0 ? (
        <p className="card">{t("officer:asks.none")}</p>
      ) : (
        <ul className="list">
          {asks.map((ask) => (
            <li key={ask.id} className="card">
              <h2 className="officer-card-title">
                <Link to={`/officer/asks/${ask.id}`}>
                  <bdi>{ask.title}</bdi>
                </Link>
              </h2>
              <dl className="officer-facts">
                <div>
                  <dt>{t("officer:asks.status")}</dt>
                  <dd>
                    <AskStatusBadge status={ask.status} />
                  </dd>
                </div>
                <div>
                  <dt>{t("officer:asks.raised")}</dt>
                  <dd>{formatDate(ask.raisedAt)}</dd>
                </div>
                <div>
                  <dt>{t("officer:asks.due")}</dt>
                  <dd>{ask.dueAt ? formatDate(ask.dueAt) : t("officer:asks.noDue")}</dd>
                </div>
                <div>
                  <dt>{t("officer:asks.lastUpdate")}</dt>
                  <dd>
                    {ask.lastUpdateAt
                      ? t("officer:asks.lastUpdateOn", { date: formatDate(ask.lastUpdateAt), count: ask.updateCount })
                      : t("officer:asks.noUpdate")}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
