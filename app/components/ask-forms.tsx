import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { AskStatusBadge, useLanguageName } from "#app/components/officer-labels.tsx";
import { goesBack } from "#app/utils/asks.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { languageDirection } from "#app/utils/i18n.ts";
import { ASK_TRANSLATION_LOCALES, ASK_UPDATE_STATUSES, AskPlanSchema, AskUpdateSchema } from "#app/validation/officer.ts";

// The forms of an ask's staff page, shared by the officers' (/officer/asks/:id) and the board's
// (/board/asks/:id) pages: the same rules, the same words, one action (app/utils/ask-page.server.ts).

export type AskActionResult = (SubmissionResult<string[]> & { intent?: string; done?: boolean }) | undefined;

/** The action's answer, for the form that sent it only. */
export function resultFor(result: AskActionResult, intent: string) {
  return result?.intent === intent ? result : undefined;
}

type Update = {
  id: string;
  status: string;
  text: string;
  reason: string | null;
  createdAt: Date | string;
  author: string;
  translations: { locale: string; text: string; checked: { at: Date | string; by: string | null } | null }[];
};

/**
 * An ask's dated updates, each with its translations side by side and, beside each, whether an
 * interpreter checked it. Translators can mark each one checked; officers and translators can add
 * or correct one.
 */
export function AskUpdates({ updates, canTranslate, canEditTranslations }: { updates: Update[]; canTranslate: boolean; canEditTranslations: boolean }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const languageName = useLanguageName();
  if (updates.length === 0) return <p>{t("officer:asks.noUpdate")}</p>;
  return (
    <ol className="timeline">
      {updates.map((update) => {
        const missing = ASK_TRANSLATION_LOCALES.filter((code) => !update.translations.some((tr) => tr.locale === code));
        return (
          <li key={update.id}>
            <p>
              <AskStatusBadge status={update.status} />{" "}
              <time dateTime={new Date(update.createdAt).toISOString()}>{formatDate(update.createdAt, true)}</time>
              {" · "}
              <bdi>{update.author}</bdi>
            </p>
            <p className="officer-text" dir="auto" lang="en">
              {update.text}
            </p>
            {update.reason ? (
              <p className="officer-text" dir="auto" lang="en">
                <strong>{t("officer:ask.reasonShown")}</strong> {update.reason}
              </p>
            ) : null}
            <ul className="ask-translations">
              {update.translations.map((tr) => (
                <li key={tr.locale} className="ask-translation">
                  <p>
                    <span className="badge">{languageName(tr.locale)}</span>{" "}
                    {tr.checked ? (
                      <span className="badge badge-done">
                        {tr.checked.by ? t("officer:translation.checkedBy", { name: tr.checked.by, date: formatDate(tr.checked.at) }) : t("officer:translation.checked")}
                      </span>
                    ) : (
                      <span className="badge badge-pending">{t("officer:translation.notChecked")}</span>
                    )}
                  </p>
                  <p className="officer-text" lang={tr.locale} dir={languageDirection(tr.locale)}>
                    {tr.text}
                  </p>
                  {canTranslate ? (
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="check-translation" />
                      <input type="hidden" name="updateId" value={update.id} />
                      <input type="hidden" name="locale" value={tr.locale} />
                      <input type="hidden" name="checked" value={tr.checked ? "no" : "yes"} />
                      <SubmitButton className="button-secondary">
                        {tr.checked
                          ? t("officer:translation.uncheck", { language: languageName(tr.locale) })
                          : t("officer:translation.check", { language: languageName(tr.locale) })}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {canEditTranslations ? <TranslateForm updateId={update.id} locales={ASK_TRANSLATION_LOCALES} existing={update.translations} missing={missing.length} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Adds or corrects one language of a posted update; a corrected text loses its check mark. */
function TranslateForm({
  updateId,
  locales,
  existing,
  missing,
}: {
  updateId: string;
  locales: readonly string[];
  existing: { locale: string; text: string }[];
  missing: number;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  return (
    <details className="poll-translations">
      <summary>{t("officer:translation.add", { count: missing })}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="translate" />
        <input type="hidden" name="updateId" value={updateId} />
        <div className="field">
          <label htmlFor={`translate-locale-${updateId}`}>{t("officer:translation.language")}</label>
          <select id={`translate-locale-${updateId}`} name="locale" required>
            {locales.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`translate-text-${updateId}`}>{t("officer:translation.text")}</label>
          <span className="hint" id={`translate-hint-${updateId}`}>
            {t("officer:translation.textHint")}
          </span>
          <textarea id={`translate-text-${updateId}`} name="text" rows={4} dir="auto" aria-describedby={`translate-hint-${updateId}`} />
        </div>
        <p className="hint">{t("officer:translation.existing", { count: existing.length })}</p>
        <SubmitButton className="button-secondary">{t("officer:translation.save")}</SubmitButton>
      </Form>
    </details>
  );
}

/** Posts a dated update: a status, the words young people read (in English and each language) and, when the status goes back, why. */
export function AskUpdateForm({ lastResult, submissionKey, currentStatus }: { lastResult: AskActionResult; submissionKey: string; currentStatus: string }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const result = resultFor(lastResult, "update");
  const [form, fields] = useForm({
    id: "ask-update",
    lastResult: result,
    constraint: getZodConstraint(AskUpdateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AskUpdateSchema }),
  });
  const set = fields.translations.getFieldset();
  const backwards = ASK_UPDATE_STATUSES.filter((status) => goesBack(currentStatus, status));
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("officer:ask.postTitle")}</h2>
      <p>{t("officer:ask.postIntro")}</p>
      {result?.done ? (
        <p role="status" className="notice">
          {t("officer:ask.posted")}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="update" />
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
        <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` })} dir="ltr" lang="en" rows={5} />
        <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("officer:ask.reason")}</label>
        <span className="hint" id={`${fields.reason.id}-hint`}>
          {backwards.length
            ? t("officer:ask.reasonHint", { statuses: backwards.map((s) => t(`officer:askStatus.${s}`)).join(", ") })
            : t("officer:ask.reasonHintNone")}
        </span>
        <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })} dir="ltr" lang="en" rows={2} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      {/* Twelve languages side by side with the English, folded until wanted, open when any is filled or wrong. */}
      <details className="poll-translations" open={ASK_TRANSLATION_LOCALES.some((code) => set[code]?.initialValue || set[code]?.errors?.length) || undefined}>
        <summary>{t("officer:ask.translations", { all: ASK_TRANSLATION_LOCALES.length })}</summary>
        <p className="hint" id="ask-translation-hint">
          {t("officer:ask.translationsHint")}
        </p>
        {ASK_TRANSLATION_LOCALES.map((code) => {
          const field = set[code]!;
          return (
            <div className="field" key={code}>
              <label htmlFor={field.id}>{t("officer:ask.textIn", { language: languageName(code) })}</label>
              <textarea {...getTextareaProps(field, { ariaDescribedBy: "ask-translation-hint" })} dir={languageDirection(code)} lang={code} rows={4} />
              <ErrorList id={field.errorId} errors={field.errors} />
            </div>
          );
        })}
      </details>
      <SubmitButton>{t("officer:ask.post")}</SubmitButton>
    </Form>
  );
}

/** Who owns the ask, and when it is due: owners are reminded before the date and when it passes. */
export function AskPlanForm({
  lastResult,
  owners,
  ownerId,
  dueOn,
  version,
  today,
}: {
  lastResult: AskActionResult;
  owners: { id: string; name: string }[];
  ownerId: string | null;
  dueOn: string;
  version: number;
  today: string;
}) {
  const { t } = useTranslation();
  const result = resultFor(lastResult, "plan");
  const [form, fields] = useForm({
    id: "ask-plan",
    lastResult: result,
    defaultValue: { ownerId: ownerId ?? "", dueOn },
    constraint: getZodConstraint(AskPlanSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AskPlanSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t("officer:ask.planTitle")}</h2>
      <p>{t("officer:ask.planIntro")}</p>
      {result?.done ? (
        <p role="status" className="notice">
          {t("officer:ask.planSaved")}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="plan" />
      <input type="hidden" name="version" value={version} />
      <OwnerField field={fields.ownerId} owners={owners} />
      <div className="field">
        <label htmlFor={fields.dueOn.id}>{t("officer:newAsk.dueOn")}</label>
        <span className="hint" id={`${fields.dueOn.id}-hint`}>
          {t("officer:newAsk.dueOnHint")}
        </span>
        <input {...getInputProps(fields.dueOn, { type: "date", ariaDescribedBy: `${fields.dueOn.id}-hint` })} min={today} />
        <ErrorList id={fields.dueOn.errorId} errors={fields.dueOn.errors} />
      </div>
      <SubmitButton>{t("officer:ask.planSave")}</SubmitButton>
    </Form>
  );
}

/** "Received by": the board members who acknowledged the ask, and a button for one who has not. */
export function AskAcknowledgements({
  acknowledgements,
  canAcknowledge,
  acknowledgedByMe,
}: {
  acknowledgements: { name: string; at: Date | string }[];
  canAcknowledge: boolean;
  acknowledgedByMe: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="ask-received" className="card">
      <h2 id="ask-received">{t("officer:ask.receivedTitle")}</h2>
      {acknowledgements.length === 0 ? (
        <p>{t("officer:ask.receivedNone")}</p>
      ) : (
        <ul className="list">
          {acknowledgements.map((a) => (
            <li key={`${a.name}-${String(a.at)}`}>
              <bdi>{a.name}</bdi> · <time dateTime={new Date(a.at).toISOString()}>{formatDate(a.at)}</time>
            </li>
          ))}
        </ul>
      )}
      {canAcknowledge && !acknowledgedByMe ? (
        <Form method="post">
          <input type="hidden" name="intent" value="acknowledge" />
          <SubmitButton>{t("officer:ask.acknowledge")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

/** Who answers for an ask: a board member or officer, or nobody yet. The plan and new-ask forms. */
export function OwnerField({ field, owners }: { field: FieldMetadata<string | undefined>; owners: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("officer:ask.owner")}</label>
      <select {...getSelectProps(field)}>
        <option value="">{t("officer:ask.noOwner")}</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
