import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { TranslationLanguagePicker, TranslationStateBadge } from "#app/components/translate.tsx";
import { staffNames } from "#app/models/asks.server.ts";
import {
  getPollTranslation,
  PollTranslationError,
  setPollTranslation,
  setPollTranslationChecked,
  type TranslatedText,
} from "#app/models/poll-translations.server.ts";
import { isPollOfficer } from "#app/models/polls.server.ts";
import { languageDirection } from "#app/utils/i18n.ts";
import { getT } from "#app/utils/i18next.server.ts";
import { hasRole, invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { MAX_INTRO_LENGTH, MAX_OPTION_LENGTH, MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH } from "#app/validation/polls.ts";
import { fieldErrors, PollTranslationAction, translationFormValues, translationLanguage } from "#app/validation/translate.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ pollId: z.string().min(1).max(64) });

/** Translators work on any poll; an officer on the polls of the groups they run. */
async function requirePollTranslator(request: Request, params: unknown): Promise<{ user: SessionUser; pollId: string; lang: string }> {
  const user = await requireRole(request, "officer", "translator");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const language = translationLanguage(new URL(request.url), user.locale);
  invariantResponse(language.ok, 400, "translate:errors.language");
  if (!hasRole(user, "translator")) invariantResponse(await isPollOfficer(user.id, parsed.data.pollId), 404);
  return { user, pollId: parsed.data.pollId, lang: language.lang };
}

/**
 * After a 409 (the poll changed meanwhile) the page reads the poll again, so that the form carries
 * the new version and saving again, having seen the message, goes through. (Remix does not
 * revalidate after a 4xx by default.)
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, pollId, lang } = await requirePollTranslator(request, params);
  const [view, t] = await Promise.all([getPollTranslation(pollId, lang), getT(request)]);
  invariantResponse(view, 404);
  const names = view.checked?.byId ? await staffNames([view.checked.byId]) : new Map<string, string>();
  return {
    title: t("translate:poll.title", { title: view.title.english }),
    lang,
    canCheck: hasRole(user, "translator"),
    poll: view,
    checked: view.checked ? { at: view.checked.at, by: (view.checked.byId && names.get(view.checked.byId)) ?? null } : null,
  };
}

type Reply = { intent: "save" | "check" | "uncheck"; errors: Record<string, string>; formError: string | null; typed: Record<string, unknown> | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, pollId, lang } = await requirePollTranslator(request, params);
  const typed = translationFormValues(await request.formData());
  const parsed = PollTranslationAction.safeParse(typed);
  const intent = typed.intent === "check" || typed.intent === "uncheck" ? typed.intent : "save";
  const reply = (status: number, formError: string | null, errors: Record<string, string> = {}) =>
    data<Reply>({ intent, errors, formError, typed: intent === "save" ? typed : null }, { status });
  if (!parsed.success) return reply(400, "translate:errors.fix", fieldErrors(parsed.error));
  const value = parsed.data;
  try {
    if (value.intent === "save") {
      await setPollTranslation(user.id, pollId, lang, value);
      return redirect(`/translate/polls/${pollId}?lang=${lang}&saved=1`);
    }
    invariantResponse(hasRole(user, "translator"), 403);
    await setPollTranslationChecked(user.id, pollId, lang, value.intent === "check", value.seen);
    return redirect(`/translate/polls/${pollId}?lang=${lang}&${value.intent === "check" ? "checked" : "unchecked"}=1`);
  } catch (error) {
    if (!(error instanceof PollTranslationError)) throw error;
    invariantResponse(error.reason !== "notFound", 404);
    return reply(error.reason === "changedMeanwhile" ? 409 : 400, `translate:errors.${error.reason}`);
  }
}

export default function TranslatePoll() {
  const { poll, lang, canCheck, checked } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const language = languageName(lang);
  const saveReply = reply?.intent === "save" ? reply : null;
  const markReply = reply && reply.intent !== "save" ? reply : null;
  const typed = (saveReply?.typed ?? null) as { title?: string; intro?: string; prompts?: Record<string, string>; labels?: Record<string, string> } | null;
  const complete = poll.translatedCount === poll.textCount;
  const notice = searchParams.get("saved") ? "saved" : searchParams.get("checked") ? "checked" : searchParams.get("unchecked") ? "unchecked" : null;

  return (
    <section className="stack">
      <p>
        <Link to={`/translate?lang=${lang}`}>{t("translate:back")}</Link>
      </p>
      <h1>
        {t("translate:poll.heading", { language })} <bdi lang="en">{poll.title.english}</bdi>
      </h1>
      <TranslationLanguagePicker lang={lang} />
      {notice && !reply ? (
        <p role="status" className="notice">
          {t(`translate:poll.${notice}`, { language })}
        </p>
      ) : null}
      <p>
        <TranslationStateBadge state={poll.state} counts={{ translated: poll.translatedCount, total: poll.textCount }} checked={checked} />
      </p>
      <p className="hint">{t("translate:poll.hint", { language })}</p>

      <Form method="post" className="card stack translate-form" aria-labelledby="translate-form-title">
        <h2 id="translate-form-title">{t("translate:poll.texts", { language })}</h2>
        <FormErrors id="translate-errors" errors={saveReply?.formError ? [saveReply.formError] : null} />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={poll.version} />
        <TextRow name="title" label={t("translate:poll.pollTitle")} text={poll.title} lang={lang} max={MAX_TITLE_LENGTH} typed={typed?.title} error={saveReply?.errors.title} />
        {poll.intro.english ? (
          <TextRow name="intro" label={t("translate:poll.intro")} text={poll.intro} lang={lang} max={MAX_INTRO_LENGTH} typed={typed?.intro} error={saveReply?.errors.intro} multiline />
        ) : null}
        {poll.questions.map((question, qi) => (
          <fieldset key={question.id} className="stack translate-question">
            <legend>{t("translate:poll.question", { number: qi + 1 })}</legend>
            <TextRow
              name={`prompts.${question.id}`}
              label={t("translate:poll.prompt")}
              text={question.prompt}
              lang={lang}
              max={MAX_PROMPT_LENGTH}
              typed={typed?.prompts?.[question.id]}
              error={saveReply?.errors[`prompts.${question.id}`]}
              multiline
            />
            {question.options.map((option, oi) => (
              <TextRow
                key={option.id}
                name={`labels.${option.id}`}
                label={question.kind === "scale" ? t("translate:poll.scalePoint", { number: oi + 1 }) : t("translate:poll.option", { number: oi + 1 })}
                text={option.label}
                lang={lang}
                max={MAX_OPTION_LENGTH}
                typed={typed?.labels?.[option.id]}
                error={saveReply?.errors[`labels.${option.id}`]}
              />
            ))}
          </fieldset>
        ))}
        <p className="actions">
          <SubmitButton>{t("translate:poll.save", { language })}</SubmitButton>
        </p>
      </Form>

      <section aria-labelledby="translate-check" className="card stack">
        <h2 id="translate-check">{t("translate:poll.checkTitle")}</h2>
        <FormErrors id="translate-check-errors" errors={markReply?.formError ? [markReply.formError] : null} />
        {!canCheck ? (
          <p>{t("translate:onlyTranslators")}</p>
        ) : poll.state === "checked" ? (
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="uncheck" />
            <input type="hidden" name="seen" value={poll.fingerprint} />
            <SubmitButton className="button-secondary">{t("officer:translation.uncheck", { language })}</SubmitButton>
          </Form>
        ) : (
          <>
            <p className="hint">{complete ? t("translate:poll.checkHint", { language }) : t("translate:poll.checkNeedsAll", { language })}</p>
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="check" />
              <input type="hidden" name="seen" value={poll.fingerprint} />
              <SubmitButton>{t("officer:translation.check", { language })}</SubmitButton>
            </Form>
          </>
        )}
      </section>
    </section>
  );
}

/** One English text beside the field for its translation. */
function TextRow({
  name,
  label,
  text,
  lang,
  max,
  typed,
  error,
  multiline,
}: {
  name: string;
  label: string;
  text: TranslatedText;
  lang: string;
  max: number;
  typed: string | undefined;
  error: string | undefined;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const id = `tr-${name.replace(/\W/g, "-")}`;
  const errorId = `${id}-error`;
  const props = {
    id,
    name,
    lang,
    dir: languageDirection(lang),
    defaultValue: typed ?? text.text,
    maxLength: max,
    "aria-describedby": `${id}-en${text.builtIn ? ` ${id}-built-in` : ""}${error ? ` ${errorId}` : ""}`,
    "aria-invalid": error ? true : undefined,
  };
  return (
    <div className="translate-row">
      <div className="translate-english">
        <span className="hint">{t("translate:english")}</span>
        <p id={`${id}-en`} lang="en" dir="ltr">
          {text.english}
        </p>
      </div>
      <div className="field">
        <label htmlFor={id}>
          {label}
          {text.text && !text.checked ? <span className="visually-hidden"> ({t("officer:translation.notChecked")})</span> : null}
        </label>
        {text.builtIn ? (
          <span className="hint" id={`${id}-built-in`}>
            {t("translate:poll.builtIn")}
          </span>
        ) : null}
        {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
        <ErrorList id={errorId} errors={error ? [error] : null} />
      </div>
    </div>
  );
}
