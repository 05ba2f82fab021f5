import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [org, t] = await Promise.all([getOrganisation(), getT(request)]);
  return { title: t("admin:home.title"), organisationName: org.name };
}

const AREAS = [
  { to: "/admin/staff", key: "staff" },
  { to: "/admin/groups", key: "groups" },
  { to: "/admin/settings", key: "settings" },
  { to: "/admin/email", key: "email" },
  { to: "/admin/safeguarding", key: "phrases" },
  { to: "/admin/redaction", key: "redaction" },
  { to: "/admin/audit", key: "audit" },
] as const;

export default function AdminHome() {
  const { organisationName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("admin:home.title")}</h1>
      <p className="lead">
        {t("admin:home.organisation")} <bdi>{organisationName}</bdi>
      </p>
      <ul className="list admin-areas">
        {AREAS.map((area) => (
          <li key={area.to} className="card">
            <h2>
              <Link to={area.to}>{t(`admin:home.${area.key}.title`)}</Link>
            </h2>
            <p>{t(`admin:home.${area.key}.body`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
