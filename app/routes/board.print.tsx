import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Dashboard } from "#app/components/board-dashboard.tsx";
import { useBoardFormat } from "#app/components/board-format.tsx";
import { boardDashboard } from "#app/models/board-dashboard.server.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { parseDashboardQuery } from "#app/validation/board.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/** The board pack: the dashboard for a meeting date, for paper (A4, no navigation, a section a page). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member");
  const query = parseDashboardQuery(new URL(request.url));
  invariantResponse(query.ok, 400, query.ok ? undefined : query.message);
  const [dashboard, t] = await Promise.all([boardDashboard(query.date, await getLocale(request)), getT(request)]);
  return { title: t("dashboard:pack.title"), dashboard };
}

/** The root layout drops its header and navigation for this route (handle.print). */
export const handle = { print: true };

export default function BoardPack() {
  const { dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useBoardFormat();
  return (
    <article className="stack board-pack">
      <h1>{t("dashboard:pack.title")}</h1>
      <p>{t("dashboard:pack.for", { date: format.date(`${dashboard.date}T12:00:00Z`) })}</p>
      <Dashboard data={dashboard} print />
    </article>
  );
}
