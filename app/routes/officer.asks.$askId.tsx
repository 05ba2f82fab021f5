import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { AskStatusBadge } from "#app/components/officer-labels.tsx";
import { randomUUID } from "node:crypto";
import { addAskUpdate, AskInputError, getAskForStaff } from "#app/models/asks.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { languageName } from "#app/utils/i18n.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { ASK_UPDATE_STATUSES, AskUpdateSchema } from "#app/validation/officer.ts";


export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "officer");
  const ask = await getAskForStaff(params.askId ?? "");
  invariantResponse(ask, 404);
  return {
    title: ask.title,
    submissionKey: randomUUID(),
    ask: {
      id: ask.id,
      title: ask.title,
      body: ask.body,
      status: ask.status,
      raisedAt: ask.raisedAt,
      dueAt: ask.dueAt,
      owner: ask.owner?.displayName ?? null,
      updates: ask.updates.map((u) => ({
        id: u.id,
        status: u.status,
        text: u.text,
        createdAt: u.createdAt,
        author: u.author.displayName,
        translations: u.translations,
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const submission = parseWithZod(await request.formData(), { schema: AskUpdateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { status, text, textAr, submissionKey } = submission.value;
  try {
    await once(user.id, submissionKey, async () => {
      const update = await addAskUpdate(user.id, params.askId ?? "", { status, text, translations: textAr ? { ar: textAr } : {} });
      return update.id;
    });
  } catch (error) {
    if (error instanceof AskInputError) invariantResponse(false, 404);
    throw error;
  }
  return { ...submission.reply({ resetForm: true }), posted: true };
}

export default function Ask() {
  const { ask, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  useLiveRevalidate([events.asksChanged]);
  const [form, fields] = useForm({
    id: "ask-update",
    lastResult,
    constraint: getZodConstraint(AskUpdateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AskUpdateSchema }),
  });

  return (
    <section className="stack">
      <p>
        <Link to="/officer/asks">{t("officer:asks.back")}</Link>
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
        {ask.owner ? (
          <div>
            <dt>{t("officer:ask.owner")}</dt>
            <dd>
              <bdi>{ask.owner}</bdi>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="officer-text" dir="auto">
        {ask.body}
      </p>

      <section aria-labelledby="ask-updates" className="card">
        <h2 id="ask-updates">{t("officer:ask.updates")}</h2>
        {ask.updates.length === 0 ? (
          <p>{t("officer:asks.noUpdate")}</p>
        ) : (
          <ol className="timeline">
            {ask.updates.map((update) => (
              <li key={update.id}>
                <p>
                  <AskStatusBadge status={update.status} />{" "}
                  <time dateTime={new Date(update.createdAt).toISOString()}>{formatDate(update.createdAt, true)}</time>
                  {" · "}
                  <bdi>{update.author}</bdi>
                </p>
                <p className="officer-text" dir="auto">
                  {update.text}
                </p>
                {update.translations.map((tr) => (
                  <p key={tr.locale} className="officer-text" lang={tr.locale} dir="auto">
                    <span className="badge">{languageName(tr.locale)}</span> {tr.text}
                  </p>
                ))}
              </li>
            ))}
          </ol>
        )}
      </section>

      <Form method="post" {...getFormProps(form)} className="card">
        <h2>{t("officer:ask.postTitle")}</h2>
        <p>{t("officer:ask.postIntro")}</p>
        {lastResult && "posted" in lastResult ? (
          <p role="status" className="notice">
            {t("officer:ask.posted")}
          </p>
        ) : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <div className="field">
          <label htmlFor={fields.status.id}>{t("officer:ask.newStatus")}</label>
          <select {...getSelectProps(fields.status)}>
            <option value="">{t("officer:ask.chooseStatus")}</option>
            {ASK_UPDATE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`officer:askStatus.${status}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.text.id}>{t("officer:ask.text")}</label>
          <span className="hint" id={`${fields.text.id}-hint`}>
            {t("officer:ask.textHint")}
          </span>
          <textarea
            {...getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` })}
            dir="ltr"
            lang="en"
            rows={5}
          />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.textAr.id}>{t("officer:ask.textAr")}</label>
          <span className="hint" id={`${fields.textAr.id}-hint`}>
            {t("officer:ask.textArHint")}
          </span>
          <textarea
            {...getTextareaProps(fields.textAr, { ariaDescribedBy: `${fields.textAr.id}-hint` })}
            dir="rtl"
            lang="ar"
            rows={5}
          />
          <ErrorList id={fields.textAr.errorId} errors={fields.textAr.errors} />
        </div>
        <SubmitButton>{t("officer:ask.post")}</SubmitButton>
      </Form>
    </section>
  );
}
