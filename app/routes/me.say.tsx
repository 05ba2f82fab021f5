import { randomUUID } from "node:crypto";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { HelpNow } from "#app/components/help-panel.tsx";
import { createFeedback, NotAMember } from "#app/models/feedback.server.ts";
import { listMyGroups } from "#app/models/groups.server.ts";
import { getOrganisation, listThemes } from "#app/models/organisation.server.ts";
import { detectLanguage } from "#app/utils/detect-language.server.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import { requireYoungPerson } from "#app/utils/permissions.server.ts";
import { consume, RateLimited } from "#app/utils/rate-limit.server.ts";
import { MAX_FEEDBACK_LENGTH, MOODS, SaySchema } from "#app/validation/feedback.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireYoungPerson(request);
  const [groups, themes, org, t] = await Promise.all([listMyGroups(user.id), listThemes(), getOrganisation(), getT(request)]);
  return {
    title: t("youth:say.title"),
    helplines: org.helplines.map((h) => ({ kind: h.kind, name: h.name, phone: h.phone, hours: h.hours })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    themes,
    // One id per form shown: a retry or a double tap of the same form saves once.
    clientRequestId: randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireYoungPerson(request);
  const submission = parseWithZod(await request.formData(), { schema: SaySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  let saved: { id: string };
  try {
    await consume("submit", user.id);
    saved = await createFeedback({
      authorId: user.id,
      groupId: input.groupId,
      text: input.text,
      // The language it was written in (detected; the page's language when it cannot tell).
      language: detectLanguage(input.text, await getLocale(request)),
      mood: input.mood ?? null,
      themeId: input.themeId || null,
      identity: input.identity,
      mayQuote: input.mayQuote === "yes",
      clientRequestId: input.clientRequestId,
    });
  } catch (error) {
    if (error instanceof RateLimited) return data(submission.reply({ formErrors: ["common:errors.tooManyTries"] }), { status: 429 });
    if (error instanceof NotAMember) return data(submission.reply({ fieldErrors: { groupId: ["youth:errors.groupRequired"] } }), { status: 400 });
    throw error;
  }
  return redirect(`/me/things?sent=${saved.id}`);
}

export default function Say() {
  const { groups, themes, clientRequestId, helplines } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "say",
    lastResult,
    defaultValue: { groupId: groups.length === 1 ? groups[0]!.id : "", clientRequestId },
    constraint: getZodConstraint(SaySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SaySchema }),
  });

  if (groups.length === 0) {
    return (
      <section className="card">
        <h1>{t("youth:say.title")}</h1>
        <p>{t("youth:home.noGroups")}</p>
      </section>
    );
  }
  return (
    <section className="stack">
      <h1>{t("youth:say.title")}</h1>
      <div className="notice notice-warn">
        <p>{t("youth:say.before")}</p>
        <details>
          <summary>{t("youth:help.more")}</summary>
          <HelpNow helplines={helplines} />
        </details>
      </div>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.clientRequestId, { type: "hidden" })} />
        {groups.length === 1 ? (
          <input {...getInputProps(fields.groupId, { type: "hidden" })} />
        ) : (
          <fieldset className="field">
            <legend>{t("youth:say.group")}</legend>
            {groups.map((g) => (
              <label key={g.id} className="choice">
                <input
                  type="radio"
                  name={fields.groupId.name}
                  value={g.id}
                  defaultChecked={fields.groupId.initialValue === g.id}
                  required
                />
                <bdi>{g.name}</bdi>
              </label>
            ))}
            <ErrorList id={fields.groupId.errorId} errors={fields.groupId.errors} />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={fields.text.id}>{t("youth:say.text")}</label>
          <span className="hint" id={`${fields.text.id}-hint`}>
            {t("youth:say.textHint", { count: MAX_FEEDBACK_LENGTH })}
          </span>
          <textarea
            {...getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` })}
            dir="auto"
            rows={6}
          />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <fieldset className="field">
          <legend>{t("youth:say.mood")}</legend>
          <div className="moods">
            {MOODS.map((mood) => (
              <label key={mood} className="choice">
                <input
                  type="radio"
                  name={fields.mood.name}
                  value={mood}
                  defaultChecked={fields.mood.initialValue === String(mood)}
                />
                <span className="emoji" aria-hidden="true">
                  {MOOD_EMOJI[mood]}
                </span>
                <span className="visually-hidden">{t(`youth:moods.${mood}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={fields.themeId.id}>{t("youth:say.theme")}</label>
          <select id={fields.themeId.id} name={fields.themeId.name} defaultValue={fields.themeId.initialValue ?? ""}>
            <option value="">{t("youth:say.noTheme")}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {t(`youth:themes.${theme.key}`, { defaultValue: theme.name })}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t("youth:say.identity")}</legend>
          <label className="choice">
            <input type="radio" name={fields.identity.name} value="team" defaultChecked={fields.identity.initialValue === "team"} required />
            {t("youth:say.identityTeam")}
          </label>
          <label className="choice">
            <input
              type="radio"
              name={fields.identity.name}
              value="safeguarding"
              defaultChecked={fields.identity.initialValue === "safeguarding"}
            />
            {t("youth:say.identitySafeguarding")}
          </label>
          <ErrorList id={fields.identity.errorId} errors={fields.identity.errors} />
        </fieldset>
        <fieldset className="field">
          <legend>{t("youth:say.mayQuote")}</legend>
          <span className="hint">{t("youth:say.mayQuoteHint")}</span>
          <label className="choice">
            <input type="radio" name={fields.mayQuote.name} value="yes" defaultChecked={fields.mayQuote.initialValue === "yes"} required />
            {t("youth:say.mayQuoteYes")}
          </label>
          <label className="choice">
            <input type="radio" name={fields.mayQuote.name} value="no" defaultChecked={fields.mayQuote.initialValue === "no"} />
            {t("youth:say.mayQuoteNo")}
          </label>
          <ErrorList id={fields.mayQuote.errorId} errors={fields.mayQuote.errors} />
        </fieldset>
        <SubmitButton>{t("youth:say.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
