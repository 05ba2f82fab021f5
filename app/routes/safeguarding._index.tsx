import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConcernBadge } from "#app/components/concern-labels.tsx";
import { listFailedJobs } from "#app/models/jobs.server.ts";
import { isMailConfigured } from "#app/models/mail.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { listConcernsForLead } from "#app/models/safeguarding.server.ts";
import { phraseListStatuses } from "#app/models/screening.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormat, useFormatDate } from "#app/utils/format.ts";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { getT } from "#app/utils/i18next.server.ts";
import { requireRole } from "#app/utils/permissions.server.ts";
import { isolate } from "#app/utils/text.ts";
import { ScrollRegion } from "#app/components/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "safeguarding_lead");
  const [concerns, lists, org, mail, failed, t] = await Promise.all([
    listConcernsForLead(),
    phraseListStatuses(),
    getOrganisation(),
    isMailConfigured(),
    listFailedJobs("email.send"),
    getT(request),
  ]);
  return {
    title: t("safeguarding:list.title"),
    minutes: org.escalateAfterMinutes,
    mailConfigured: mail,
    failedEmails: failed.length,
    concerns: concerns.map((c) => ({
      ...c,
      createdAt: c.createdAt.toISOString(),
      acknowledgedAt: c.acknowledgedAt?.toISOString() ?? null,
      escalatedAt: c.escalatedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
    })),
    lists,
  };
}

type Concern = ReturnType<typeof useLoaderData<typeof loader>>["concerns"][number];

export default function SafeguardingList() {
  const format = useFormat();
  const languageName = useLanguageName();
  const { concerns, lists, minutes, mailConfigured, failedEmails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useLiveRevalidate([events.concernsChanged]);
  const open = concerns.filter((c) => c.status === "open");
  const inHand = concerns.filter((c) => c.status === "acknowledged");
  const closed = concerns.filter((c) => c.status === "closed");
  return (
    <section className="stack">
      <h1>{t("safeguarding:list.title")}</h1>
      <p>{t("safeguarding:list.intro", { minutes })}</p>
      {!mailConfigured ? (
        <p className="notice notice-warn" role="note">
          {t("safeguarding:list.mailOff")}
        </p>
      ) : null}
      {failedEmails > 0 ? (
        <p className="notice notice-error" role="alert">
          {t("safeguarding:list.mailFailed", { number: failedEmails })}
        </p>
      ) : null}

      <section aria-labelledby="waiting" className="stack">
        <h2 id="waiting">{t("safeguarding:list.waiting", { number: open.length })}</h2>
        {open.length === 0 ? <p className="card">{t("safeguarding:list.noneWaiting")}</p> : <ConcernList items={open} />}
      </section>
      <section aria-labelledby="in-hand" className="stack">
        <h2 id="in-hand">{t("safeguarding:list.inHand", { number: inHand.length })}</h2>
        {inHand.length === 0 ? <p className="muted">{t("safeguarding:list.noneInHand")}</p> : <ConcernList items={inHand} />}
      </section>
      <section aria-labelledby="closed" className="stack">
        <h2 id="closed">{t("safeguarding:list.closed", { number: closed.length })}</h2>
        {closed.length === 0 ? <p className="muted">{t("safeguarding:list.noneClosed")}</p> : <ConcernList items={closed} />}
      </section>

      <section aria-labelledby="lists" className="card">
        <h2 id="lists">{t("safeguarding:lists.title")}</h2>
        <p>{t("safeguarding:lists.intro")}</p>
        <ScrollRegion labelledBy="lists">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t("safeguarding:lists.language")}</th>
                <th scope="col">{t("safeguarding:lists.status")}</th>
                <th scope="col">{t("safeguarding:lists.phrases")}</th>
                <th scope="col">{t("safeguarding:lists.added")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.language}>
                  <th scope="row">
                    {languageName(list.language)}
                  </th>
                  <td>
                    {list.status === "checked"
                      ? t("safeguarding:lists.checked", { name: isolate(list.checkedBy ?? ""), date: list.checkedOn ? format.date(list.checkedOn) : "" })
                      : t("safeguarding:lists.machineDrafted")}
                  </td>
                  <td className="number">{format.number(list.phrases)}</td>
                  <td className="number">{format.number(list.added)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </section>
  );
}

function ConcernList({ items }: { items: Concern[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <ol className="list">
      {items.map((c) => (
        <li key={c.id} className="card">
          <p className="officer-card-title">
            <Link to={`/safeguarding/${c.id}`}>
              {t("safeguarding:list.from", { group: c.groupName })}
            </Link>{" "}
            <ConcernBadge status={c.status} escalated={c.escalatedAt !== null} />
          </p>
          <p className="muted">
            <time dateTime={c.createdAt}>{formatDate(c.createdAt, true)}</time>
            {" · "}
            {c.source === "officer"
              ? t("safeguarding:source.officer")
              : c.categories.map((k) => t(`safeguarding:categories.${k}`, { defaultValue: k })).join(", ")}
            {c.acknowledgedBy ? ` · ${t("safeguarding:list.with", { name: c.acknowledgedBy })}` : null}
            {c.outcome ? ` · ${t(`safeguarding:outcomes.${c.outcome}`, { defaultValue: c.outcome })}` : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
