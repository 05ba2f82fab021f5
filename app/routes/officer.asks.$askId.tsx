import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AskAcknowledgements, AskPlanForm, AskTranslations, AskUpdateForm, AskUpdates, type AskActionResult } from "#app/components/ask-forms.tsx";
import { AskStatusBadge } from "#app/components/officer-labels.tsx";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { askPageAction, askPageData } from "#app/utils/ask-page.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ askId: z.string().min(1).max(64) });

/** After a 409 (changed meanwhile) the page reads the ask again; Remix skips that after a 4xx. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const page = await askPageData(parsed.data.askId, user);
  return { ...page, title: page.ask.title };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  return askPageAction(request, user, parsed.data.askId);
}

export default function Ask() {
  const { ask, submissionKey, owners, today, canTranslate, canAcknowledge, canEditTranslations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as AskActionResult;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.asksChanged]);

  return (
    <section className="stack">
      <p>
        <Link to="/officer/asks" className="tap-link">{t("officer:asks.back")}</Link>
      </p>
      {searchParams.get("raised") === "1" ? (
        <p role="status" className="notice">
          {t("officer:ask.raisedNotice")}
        </p>
      ) : null}
      <h1>
        <bdi>{ask.title}</bdi>
      </h1>
      <dl className="officer-facts">
        <div>
          <dt>{t("officer:asks.status")}</dt>
          <dd>
            <AskStatusBadge status={ask.status} />
            {ask.overdue ? <span className="badge badge-overdue"> {t("officer:asks.overdue")}</span> : null}
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
          <dt>{t("officer:ask.owner")}</dt>
          <dd>{ask.owner ? <bdi>{ask.owner}</bdi> : t("officer:ask.noOwner")}</dd>
        </div>
      </dl>
      <p className="officer-text" dir="auto">
        {ask.body}
      </p>
      {ask.polls.length ? (
        <p>
          {t("officer:ask.polls")}{" "}
          {ask.polls.map((p) => (
            <Link key={p.id} to={`/officer/polls/${p.id}`} className="badge">
              <bdi>{p.title}</bdi>
            </Link>
          ))}
        </p>
      ) : null}

      <AskAcknowledgements acknowledgements={ask.acknowledgements} canAcknowledge={canAcknowledge} acknowledgedByMe={ask.acknowledgedByMe} />
      <AskTranslations ask={ask} canEdit={canEditTranslations} canCheck={canTranslate} lastResult={lastResult} />

      <section aria-labelledby="ask-updates" className="card">
        <h2 id="ask-updates">{t("officer:ask.updates")}</h2>
        <AskUpdates updates={ask.updates} canTranslate={canTranslate} canEditTranslations={canEditTranslations} lastResult={lastResult} />
      </section>

      <AskUpdateForm lastResult={lastResult} submissionKey={submissionKey} currentStatus={ask.status} />
      <AskPlanForm lastResult={lastResult} owners={owners} ownerId={ask.ownerId} dueOn={ask.dueOn} version={ask.version} today={today} />
    </section>
  );
}
