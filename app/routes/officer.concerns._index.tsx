import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listConcernsForOfficer } from "#app/models/safeguarding.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const [concerns, t] = await Promise.all([listConcernsForOfficer(user.id), getT(request)]);
  return { title: t("officer:concerns.listTitle"), concerns };
}

export default function OfficerConcerns() {
  const { concerns } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.queueChanged, events.concernEscalated]);
  return (
    <section className="stack">
      <p>
        <Link to="/officer" className="tap-link">{t("officer:concerns.back")}</Link>
      </p>
      <h1>{t("officer:concerns.listTitle")}</h1>
      <p>{t("officer:concerns.explain")}</p>
      {concerns.length === 0 ? <p className="card">{t("officer:concerns.none")}</p> : null}
      <ul className="list">
        {concerns.map((c) => (
          <li key={c.id} className="card">
            <bdi>{c.group.name}</bdi> · <time dateTime={new Date(c.createdAt).toISOString()}>{formatDate(c.createdAt, true)}</time> ·{" "}
            {c.inHand ? t("officer:concerns.inHand") : c.mayOpen ? <strong className="error">{t("officer:concerns.escalated")}</strong> : t("officer:concerns.waiting")}
            {c.mayOpen ? (
              <>
                {" "}
                <Link to={`/officer/concerns/${c.id}`}>{t("officer:concerns.open")}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
