import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { AskStatusBadge, useLanguageName } from "#app/components/officer-labels.tsx";
import { goesBack } from "#app/utils/asks.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { languageDirection } from "#app/utils/i18n.ts";
import { ASK_TRANSLATION_LOCALES, ASK_UPDATE_STATUSES, AskPlanSchema, AskUpdateSchema, TranslateAskSchema } from "#app/validation/officer.ts";
import { isolate } from "#app/utils/text.ts";

// The forms of an ask's staff page, shared by the officers' (/officer/asks/:id) and the board's
// (/board/asks/:id) pages: the same rules, the same words, one action (app/utils/ask-page.server.ts).

export type AskActionResult = (SubmissionResult<string[]> & { intent?: string; done?: boolean; locale?: string; askId?: string; updateId?: string }) | undefined;

/** The action's answer, for the form that sent it only. */
export function resultFor(result: AskActionResult, intent: string) {
  return result?.intent === intent ? result : undefined;
}

type Checked = { at: Date | string; by: string | null } | null;

/** "Checked by an interpreter (name, date)" or "Not checked by an interpreter", beside a translation. */
function CheckedBadge({ checked }: { checked: Checked }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return checked ? (
    <span className="badge badge-done">
      {checked.by ? t("officer:translation.checkedBy", { name: isolate(checked.by), date: formatDate(checked.at) }) : t("officer:translation.checked")}
    </span>
  ) : (
    <span className="badge badge-pending">{t("officer:translation.notChecked")}</span>
  );
}

/** A translator's button that sets or clears the check mark of one translation. */
function CheckButton({ action, checked, locale, fields }: { action?: string; checked: boolean; locale: string; fields: Record<string, string> }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  return (
    <Form method="post" action={action} className="actions">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="checked" value={checked ? "no" : "yes"} />
      <SubmitButton className="button-secondary">
        {checked ? t("officer:translation.uncheck", { language: languageName(locale) }) : t("officer:translation.check", { language: languageName(locale) })}
      </SubmitButton>
    </Form>
  );
}

type AskTranslation = { locale: string; title: string; body: string; checked: Checked; seen: string };

/**
 * The ask's own title and body in each language young people read, each beside the English, with
 * whether an interpreter checked it. Officers and translators (`canEdit`) add, correct or remove one
 * language at a time ("translate-ask"; a changed text loses its mark); translators (`canCheck`)
 * set or clear the mark ("check-ask-translation"). Self-contained, for any page whose action is
 * askPageAction: it needs only the ask, the action's last answer and, when the page is not the
 * ask's own, the address of an action that handles this ask (`action`).
 */
export function AskTranslations({
  ask,
  canEdit,
  canCheck,
  lastResult,
  action,
}: {
  ask: { id: string; title: string; body: string; translations: AskTranslation[] };
  canEdit: boolean;
  canCheck: boolean;
  lastResult: AskActionResult;
  action?: string;
}) {
  const { t } = useTranslation();
  const headingId = `ask-translations-${ask.id}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t("officer:askTranslation.heading")}</h2>
      <p>{t("officer:askTranslation.intro")}</p>
      <p className="hint">
        {t("officer:askTranslation.progress", { done: ask.translations.length, all: ASK_TRANSLATION_LOCALES.length })}
      </p>
      {ASK_TRANSLATION_LOCALES.map((code) => {
        const saved = ask.translations.find((tr) => tr.locale === code) ?? null;
        const mine =
          (lastResult?.intent === "translate-ask" || lastResult?.intent === "check-ask-translation") && lastResult.locale === code && lastResult.askId === ask.id
            ? lastResult
            : undefined;
        return (
          <AskTranslationLanguage
            // A new saved text (here or by someone else) starts the form again from it.
            key={`${code}:${saved?.title ?? ""}:${saved?.body ?? ""}`}
            askId={ask.id}
            english={{ title: ask.title, body: ask.body }}
            locale={code}
            saved={saved}
            canEdit={canEdit}
            canCheck={canCheck}
            result={mine}
            action={action}
          />
        );
      })}
    </section>
  );
}

function AskTranslationLanguage({
  askId,
  english,
  locale,
  saved,
  canEdit,
  canCheck,
  result,
  action,
}: {
  askId: string;
  english: { title: string; body: string };
  locale: string;
  saved: AskTranslation | null;
  canEdit: boolean;
  canCheck: boolean;
  result: AskActionResult;
  action?: string;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const language = languageName(locale);
  const dir = languageDirection(locale);
  const saveResult = result?.intent === "translate-ask" ? result : undefined;
  const [form, fields] = useForm({
    id: `ask-translation-${askId}-${locale}`,
    // Only a refusal is replayed (what was typed, and why); after a save the form starts from the saved words.
    lastResult: saveResult?.status === "error" ? saveResult : undefined,
    defaultValue: { title: saved?.title ?? "", body: saved?.body ?? "" },
    constraint: getZodConstraint(TranslateAskSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TranslateAskSchema }),
  });
  const englishTitleId = `${form.id}-english-title`;
  const englishBodyId = `${form.id}-english-body`;
  const failed = saveResult?.status === "error";
  const checkResult = result?.intent === "check-ask-translation" ? result : undefined;
  return (
    <details className="ask-translation-language" open={failed || checkResult?.status === "error" || result?.done || undefined}>
      <summary>
        <span className="ask-translation-name">{language}</span>{" "}
        {saved ? <CheckedBadge checked={saved.checked} /> : <span className="badge">{t("officer:askTranslation.notTranslated")}</span>}
      </summary>
      {result?.done ? (
        <p role="status" className="notice">
          {result.intent === "translate-ask" ? t("officer:askTranslation.saved", { language }) : t("officer:askTranslation.checkSaved", { language })}
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" action={action} {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="translate-ask" />
          <input type="hidden" name="locale" value={locale} />
          <div className="ask-translation-pair">
            <div className="ask-translation-english">
              <span className="hint">{t("officer:askTranslation.englishTitle")}</span>
              <p id={englishTitleId} lang="en" dir="ltr">
                {english.title}
              </p>
            </div>
            <div className="field">
              <label htmlFor={fields.title.id}>{t("officer:askTranslation.titleIn", { language })}</label>
              <input {...getInputProps(fields.title, { type: "text", ariaDescribedBy: englishTitleId })} lang={locale} dir={dir} />
              <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
            </div>
          </div>
          <div className="ask-translation-pair">
            <div className="ask-translation-english">
              <span className="hint">{t("officer:askTranslation.englishBody")}</span>
              <p id={englishBodyId} lang="en" dir="ltr">
                {english.body}
              </p>
            </div>
            <div className="field">
              <label htmlFor={fields.body.id}>{t("officer:askTranslation.bodyIn", { language })}</label>
              <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: englishBodyId })} lang={locale} dir={dir} rows={5} />
              <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
            </div>
          </div>
          <p className="hint">{t("officer:askTranslation.hint")}</p>
          <SubmitButton className="button-secondary">{t("officer:askTranslation.save", { language })}</SubmitButton>
        </Form>
      ) : saved ? (
        <>
          <p lang={locale} dir={dir}>
            <strong>{saved.title}</strong>
          </p>
          <p className="officer-text" lang={locale} dir={dir}>
            {saved.body}
          </p>
        </>
      ) : (
        <p className="muted">{t("officer:askTranslation.readInEnglish", { language })}</p>
      )}
      {checkResult?.status === "error" ? <FormErrors errors={checkResult.error?.[""]} /> : null}
      {canCheck && saved ? (
        <CheckButton action={action} checked={saved.checked !== null} locale={locale} fields={{ intent: "check-ask-translation", seen: saved.seen }} />
      ) : null}
    </details>
  );
}

type Update = {
  id: string;
  status: string;
  text: string;
  reason: string | null;
  createdAt: Date | string;
  author: string;
  translations: { locale: string; text: string; reason: string; checked: Checked; seen: string }[];
};

/**
 * An ask's dated updates, each with its translations side by side and, beside each, whether an
 * interpreter checked it. Translators can mark each one checked; officers and translators can add
 * or correct one.
 */
export function AskUpdates({
  updates,
  canTranslate,
  canEditTranslations,
  lastResult,
}: {
  updates: Update[];
  canTranslate: boolean;
  canEditTranslations: boolean;
  /** The action's last answer: a refused translation shows its message, with what was typed. */
  lastResult?: AskActionResult;
}) {
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
              <p className="officer-text">
                <strong>{t("officer:translation.reasonShown")}</strong>{" "}
                <bdi lang="en" dir="auto">
                  {update.reason}
                </bdi>
              </p>
            ) : null}
            <ul className="ask-translations">
              {update.translations.map((tr) => (
                <li key={tr.locale} className="ask-translation">
                  <p>
                    <span className="badge">{languageName(tr.locale)}</span> <CheckedBadge checked={tr.checked} />
                  </p>
                  <p className="officer-text" lang={tr.locale} dir={languageDirection(tr.locale)}>
                    {tr.text}
                  </p>
                  {update.reason ? (
                    tr.reason ? (
                      <p className="officer-text">
                        <strong>{t("officer:translation.reasonShown")}</strong>{" "}
                        <bdi lang={tr.locale} dir={languageDirection(tr.locale)}>
                          {tr.reason}
                        </bdi>
                      </p>
                    ) : (
                      <p className="hint">{t("officer:translation.reasonMissing")}</p>
                    )
                  ) : null}
                  {canTranslate ? (
                    <CheckUpdateTranslation updateId={update.id} translation={tr} lastResult={lastResult} />
                  ) : null}
                </li>
              ))}
            </ul>
            {canEditTranslations ? (
              <TranslateForm
                updateId={update.id}
                hasReason={Boolean(update.reason)}
                locales={ASK_TRANSLATION_LOCALES}
                existing={update.translations}
                missing={missing.length}
                lastResult={lastResult}
              />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** A translator's check button for one translation of an update, with its own refusal beside it. */
function CheckUpdateTranslation({ updateId, translation, lastResult }: { updateId: string; translation: Update["translations"][number]; lastResult?: AskActionResult }) {
  const refused = resultFor(lastResult, "check-translation");
  const mine = refused?.status === "error" && refused.updateId === updateId && refused.locale === translation.locale ? refused : undefined;
  return (
    <>
      <FormErrors id={`check-errors-${updateId}-${translation.locale}`} errors={mine?.error?.[""] ?? null} />
      <CheckButton checked={translation.checked !== null} locale={translation.locale} fields={{ intent: "check-translation", updateId, seen: translation.seen }} />
    </>
  );
}

/** Adds or corrects one language of a posted update; a corrected text loses its check mark. */
function TranslateForm({
  updateId,
  hasReason,
  locales,
  existing,
  missing,
  lastResult,
}: {
  updateId: string;
  /** The update gives a reason: it is translated beside the text. */
  hasReason: boolean;
  locales: readonly string[];
  existing: { locale: string; text: string }[];
  missing: number;
  lastResult?: AskActionResult;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  // This form's own refused answer only: its messages, and what was typed, stay in front of them.
  const result = resultFor(lastResult, "translate");
  const mine = result?.status === "error" && result.initialValue?.updateId === updateId ? result : undefined;
  const typed = mine?.initialValue as { locale?: string; text?: string; reason?: string } | undefined;
  const textErrors = mine?.error?.text ?? null;
  const reasonErrors = mine?.error?.reason ?? null;
  const formErrors = mine?.error?.[""] ?? null;
  return (
    <details className="poll-translations" open={mine ? true : undefined}>
      <summary>{t("officer:translation.add", { count: missing })}</summary>
      <Form method="post" className="stack">
        <FormErrors id={`translate-errors-${updateId}`} errors={formErrors} />
        <input type="hidden" name="intent" value="translate" />
        <input type="hidden" name="updateId" value={updateId} />
        <div className="field">
          <label htmlFor={`translate-locale-${updateId}`}>{t("officer:translation.language")}</label>
          <select id={`translate-locale-${updateId}`} name="locale" required defaultValue={typed?.locale}>
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
          <textarea
            id={`translate-text-${updateId}`}
            name="text"
            rows={4}
            dir="auto"
            defaultValue={typed?.text}
            aria-invalid={textErrors ? true : undefined}
            aria-describedby={`translate-hint-${updateId}${textErrors ? ` translate-text-error-${updateId}` : ""}`}
          />
          <ErrorList id={`translate-text-error-${updateId}`} errors={textErrors} />
        </div>
        {hasReason ? (
          <div className="field">
            <label htmlFor={`translate-reason-${updateId}`}>{t("officer:translation.reason")}</label>
            <span className="hint" id={`translate-reason-hint-${updateId}`}>
              {t("officer:translation.reasonHint")}
            </span>
            <textarea
              id={`translate-reason-${updateId}`}
              name="reason"
              rows={2}
              dir="auto"
              defaultValue={typed?.reason}
              aria-invalid={reasonErrors ? true : undefined}
              aria-describedby={`translate-reason-hint-${updateId}${reasonErrors ? ` translate-reason-error-${updateId}` : ""}`}
            />
            <ErrorList id={`translate-reason-error-${updateId}`} errors={reasonErrors} />
          </div>
        ) : null}
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
