import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Dashboard } from "#app/components/board-dashboard.tsx";
import { boardDashboard } from "#app/models/board-dashboard.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { parseDashboardQuery } from "#app/validation/board.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const query = parseDashboardQuery(new URL(request.url));
  invariantResponse(query.ok, 400, query.ok ? undefined : query.message);
  const [dashboard, t] = await Promise.all([boardDashboard(query.date, await getLocale(request)), getT(request)]);
  // Numbers from young people's contributions, already suppressed by the model.
  return { title: t("board:home.title"), dashboard };
}

export default function BoardHome() {
  const { dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Asks change at any time; the months shown are whole and final.
  useLiveRevalidate([events.boardChanged, events.asksChanged]);
  return (
    <section className="stack">
      <h1>{t("board:home.title")}</h1>
      <form method="get" action="/board/print" className="dash-pack">
        <label htmlFor="pack-date">{t("dashboard:pack.date")}</label>
        <input id="pack-date" name="date" type="date" defaultValue={dashboard.date} required />
        <button type="submit">{t("dashboard:pack.open")}</button>
      </form>
      <p>
        <Link to="/board/polls" className="tap-link">{t("dashboard:polls.all")}</Link>
      </p>
      <Dashboard data={dashboard} />
    </section>
  );
}
