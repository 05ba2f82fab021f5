import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { auditActionKey, auditEntityKey } from "#app/models/audit-codes.ts";
import { auditFacets, listAuditEntries } from "#app/models/audit.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()));

// A hand-made URL with a bad filter shows the unfiltered log rather than an error.
const FiltersSchema = z.object({
  action: z.string().max(80).optional().catch(undefined),
  type: z.string().max(80).optional().catch(undefined),
  actor: z.string().max(64).optional().catch(undefined),
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
  before: z.string().max(64).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FiltersSchema.parse(params);
  const [page, facets, t] = await Promise.all([
    listAuditEntries({
      action: filters.action,
      entityType: filters.type,
      actorId: filters.actor,
      from: filters.from,
      // The whole of the "to" day.
      to: filters.to ? new Date(filters.to.getTime() + 86_400_000 - 1) : undefined,
      before: filters.before,
    }),
    auditFacets(),
    getT(request),
  ]);
  return {
    title: t("admin:audit.title"),
    entries: page.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    next: page.next,
    facets,
  };
}

function pretty(json: string | null) {
  if (!json) return null;
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export default function AdminAudit() {
  const { entries, next, facets } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const entityName = (type: string) => {
    const key = auditEntityKey(type);
    return key ? t(`admin:audit.entities.${key}`) : type;
  };
  const actionName = (action: string) => {
    const key = auditActionKey(action);
    return key ? t(`admin:audit.actions.${key}`) : t("admin:audit.unknownAction");
  };
  const nextParams = new URLSearchParams(searchParams);
  if (next) nextParams.set("before", next);
  return (
    <section className="stack">
      <p>
        <Link to="/admin" className="tap-link">{t("admin:home.back")}</Link>
      </p>
      <h1>{t("admin:audit.title")}</h1>
      <p>{t("admin:audit.intro")}</p>
      <Form method="get" className="card officer-inline-fields">
        <div className="field">
          <label htmlFor="audit-action">{t("admin:audit.action")}</label>
          <input id="audit-action" name="action" type="text" defaultValue={searchParams.get("action") ?? ""} dir="ltr" placeholder="concern." />
        </div>
        <div className="field">
          <label htmlFor="audit-type">{t("admin:audit.type")}</label>
          <select id="audit-type" name="type" defaultValue={searchParams.get("type") ?? ""}>
            <option value="">{t("admin:audit.all")}</option>
            {facets.entityTypes.map((type) => (
              <option key={type} value={type}>
                {entityName(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("admin:audit.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={searchParams.get("actor") ?? ""}>
            <option value="">{t("admin:audit.all")}</option>
            {facets.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("admin:audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={searchParams.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("admin:audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={searchParams.get("to") ?? ""} />
        </div>
        <p className="actions">
          <button type="submit" className="button-secondary">
            {t("admin:audit.show")}
          </button>
        </p>
      </Form>
      {entries.length === 0 ? <p className="card">{t("admin:audit.none")}</p> : null}
      <ol className="list">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <p>
              <time dateTime={e.createdAt}>{formatDate(e.createdAt, true)}</time> · {e.actor ? <bdi>{e.actor}</bdi> : t("admin:audit.system")}
            </p>
            <p>
              {actionName(e.action)}
            </p>
            {/* The codes the filter matches, as they are stored. */}
            <p className="muted">
              <code lang="en" dir="ltr" translate="no">
                {e.action}
              </code>{" "}
              · {entityName(e.entityType)}{" "}
              <code dir="ltr" translate="no">
                {e.entityId}
              </code>
            </p>
            {e.before || e.after ? (
              <details>
                <summary>{t("admin:audit.details")}</summary>
                {e.before ? (
                  <>
                    <h3>{t("admin:audit.before")}</h3>
                    <pre dir="ltr">{pretty(e.before)}</pre>
                  </>
                ) : null}
                {e.after ? (
                  <>
                    <h3>{t("admin:audit.after")}</h3>
                    <pre dir="ltr">{pretty(e.after)}</pre>
                  </>
                ) : null}
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {next ? (
        <p>
          <Link to={`?${nextParams.toString()}`}>{t("admin:audit.older")}</Link>
        </p>
      ) : null}
    </section>
  );
}
