import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountabilitySummary, AccountabilityTable } from "#app/components/accountability.tsx";
import { accountabilityFigures } from "#app/models/accountability.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { formatMonth, useFormat } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

/**
 * How the adults answered: share of asks answered, days to an answer and to done, whether updates
 * reached the young people concerned, overdue asks — per group and per month. Figures about the
 * adults' work, so not suppressed (PRODUCT.md); they name no young person and count none.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "board_member", "officer");
  const [figures, t] = await Promise.all([accountabilityFigures(), getT(request)]);
  return { title: t("board:accountability.title"), ...figures };
}

export default function Accountability() {
  const { overall, groups, months, overdueAfterDays } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  useLiveRevalidate([events.asksChanged, events.boardChanged]);
  return (
    <section className="stack">
      <p>
        <Link to="/board" className="tap-link">{t("board:ask.back")}</Link>
      </p>
      <h1>{t("board:accountability.title")}</h1>
      <p>{t("board:accountability.intro", { days: format.number(overdueAfterDays) })}</p>
      <AccountabilitySummary figures={overall} />
      <AccountabilityTable
        caption={t("board:accountability.byGroup")}
        firstColumn={t("board:accountability.group")}
        rows={groups.map((g) => ({ ...g, key: g.id, label: <bdi>{g.name}</bdi> }))}
      />
      <AccountabilityTable
        caption={t("board:accountability.byMonth")}
        firstColumn={t("board:accountability.month")}
        rows={months.map((m) => ({ ...m, key: m.month, label: formatMonth(m.month, i18n.language) }))}
      />
    </section>
  );
}
