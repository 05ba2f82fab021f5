import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AskAcknowledgements, AskPlanForm, AskTranslations, AskUpdateForm, AskUpdates, type AskActionResult } from "#app/components/ask-forms.tsx";
import { AskBadges, AskFacts } from "#app/components/board-asks.tsx";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { askPageAction, askPageData } from "#app/utils/ask-page.server.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ askId: z.string().min(1).max(64) });

/**
 * A board member's view of one ask: acknowledge it ("received by"), answer it with dated updates,
 * give it an owner and a due date. The adults' work only: no items, no young person's name or words,
 * no count of who contributed (app/utils/ask-page.server.ts copies each field by name).
 */
/** After a 409 (changed meanwhile) the page reads the ask again; Remix skips that after a 4xx. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "board_member");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const [page, t] = await Promise.all([askPageData(parsed.data.askId, user), getT(request)]);
  return { ...page, title: t("board:ask.title", { title: page.ask.title }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "board_member");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  return askPageAction(request, user, parsed.data.askId);
}

export default function BoardAsk() {
  const { ask, submissionKey, owners, today, canTranslate, canAcknowledge, canEditTranslations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as AskActionResult;
  const { t } = useTranslation();
  useLiveRevalidate([events.boardChanged, events.asksChanged]);
  return (
    <article className="stack">
      <p>
        <Link to="/board" className="tap-link">{t("board:ask.back")}</Link>
      </p>
      <h1>
        <bdi>{ask.title}</bdi>
      </h1>
      <AskBadges status={ask.status} overdue={ask.overdue} />
      <AskFacts raisedAt={ask.raisedAt} dueAt={ask.dueAt} owner={ask.owner} />
      {ask.body ? (
        <p className="board-body" dir="auto">
          {ask.body}
        </p>
      ) : null}
      <AskAcknowledgements acknowledgements={ask.acknowledgements} canAcknowledge={canAcknowledge} acknowledgedByMe={ask.acknowledgedByMe} />
      <AskTranslations ask={ask} canEdit={canEditTranslations} canCheck={canTranslate} lastResult={lastResult} />
      <section aria-labelledby="updates-title" className="card">
        <h2 id="updates-title">{t("board:ask.updates")}</h2>
        <AskUpdates updates={ask.updates} canTranslate={canTranslate} canEditTranslations={canEditTranslations} lastResult={lastResult} />
      </section>
      <AskUpdateForm lastResult={lastResult} submissionKey={submissionKey} currentStatus={ask.status} />
      <AskPlanForm lastResult={lastResult} owners={owners} ownerId={ask.ownerId} dueOn={ask.dueOn} version={ask.version} today={today} />
    </article>
  );
}
