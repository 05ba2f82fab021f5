import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AskTranslations, AskUpdates, type AskActionResult } from "#app/components/ask-forms.tsx";
import { AskStatusBadge } from "#app/components/officer-labels.tsx";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { askPageAction, askPageData } from "#app/utils/ask-page.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { translationLanguage } from "#app/validation/translate.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ askId: z.string().min(1).max(64) });

/**
 * An ask for translators: its title and body and each of its updates, the English beside each
 * translation, to add, correct and (translators only) mark checked. The ask's staff page without
 * its plan and update forms — and, like it, without any young person's words.
 */
/** After a 409 (changed meanwhile) the page reads the ask again; Remix skips that after a 4xx. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer", "translator");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const language = translationLanguage(new URL(request.url), user.locale);
  invariantResponse(language.ok, 400, "translate:errors.language");
  const page = await askPageData(parsed.data.askId, user);
  return { title: page.ask.title, lang: language.lang, ask: page.ask, canTranslate: page.canTranslate, canEditTranslations: page.canEditTranslations };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer", "translator");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  // Only the translation intents are offered here; askPageAction checks each intent's role.
  return askPageAction(request, user, parsed.data.askId);
}

export default function TranslateAsk() {
  const { ask, lang, canTranslate, canEditTranslations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as AskActionResult;
  const { t } = useTranslation();
  useLiveRevalidate([events.asksChanged]);
  return (
    <section className="stack">
      <p>
        <Link to={`/translate?lang=${lang}`}>{t("translate:back")}</Link>
      </p>
      <h1>
        <bdi lang="en">{ask.title}</bdi>
      </h1>
      <p>
        <AskStatusBadge status={ask.status} />
      </p>
      <p className="officer-text" lang="en" dir="ltr">
        {ask.body}
      </p>
      <AskTranslations ask={ask} canEdit={canEditTranslations} canCheck={canTranslate} lastResult={lastResult} />
      <section aria-labelledby="ask-updates" className="card">
        <h2 id="ask-updates">{t("officer:ask.updates")}</h2>
        <AskUpdates updates={ask.updates} canTranslate={canTranslate} canEditTranslations={canEditTranslations} lastResult={lastResult} />
      </section>
    </section>
  );
}
