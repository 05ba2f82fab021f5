import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { QUESTION_KINDS, RESULTS_VISIBILITY, SCALE_VALUES, type QuestionKind } from "#app/utils/domain.ts";
import { languageDirection } from "#app/utils/i18n.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import {
  LISTED_KINDS,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MIN_OPTIONS,
  PollSchema,
  TRANSLATION_LOCALES,
  type PollFormInput,
} from "#app/validation/polls.ts";

type Question = PollFormInput["questions"][number];
type PollForm = FormMetadata<PollFormInput, string[]>;
type Field<T> = FieldMetadata<T, PollFormInput, string[]>;
type Translations = NonNullable<PollFormInput["titleTranslations"]>;

export type PollFormProps = {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: PollFormInput;
  /** The groups this officer runs: a poll can be aimed at these only. */
  groups: { id: string; name: string }[];
  asks: { id: string; title: string }[];
  defaultScaleLabels: string[];
  submissionKey?: string;
  /** Editing: the version of the poll the page shows (a save over a newer one is refused). */
  version?: number;
  /** Editing: the stored poll this form started from, sent back so a refused save can be merged. */
  base?: PollFormInput;
  /** Young people have answered: what questions and options mean is fixed. */
  locked?: boolean;
  /** Groups (answered polls only) that can no longer be taken off the poll. */
  lockedGroupIds?: string[];
  /** Shown but not editable (the poll is also for groups this officer does not run). */
  readOnly?: boolean;
  submitLabel: string;
};

export const newQuestion = (): Question => ({ kind: "single", prompt: "", options: [{ label: "" }, { label: "" }] });

/**
 * The poll builder: one form for a new poll and for editing one. Adding and removing questions and
 * options are conform intent buttons: with JavaScript they act at once in the browser; without it
 * they are submit buttons, the action answers with the changed form, and nothing is saved.
 */
export function PollForm(props: PollFormProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: props.id,
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    constraint: getZodConstraint(PollSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PollSchema }),
  });
  const questions = fields.questions.getFieldList();
  const locked = Boolean(props.locked);

  return (
    <Form method="post" {...getFormProps(form)} className="card poll-form">
      {/* Enter in a text field submits with the form's first button: let that be "save", not an
          "add" or "remove" further down. */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {props.submitLabel}
      </button>
      <FormErrors id={form.errorId} errors={form.errors} />
      {props.submissionKey ? <input type="hidden" name="submissionKey" value={props.submissionKey} /> : null}
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      {props.base ? <input type="hidden" name="base" value={JSON.stringify(props.base)} /> : null}
      <fieldset disabled={props.readOnly} className="poll-form-body">
        <p className="hint" id={`${form.id}-translation-hint`}>
          {t("polls:builder.translationHint")}
        </p>

        <TranslatedText
          field={fields.title}
          translations={fields.titleTranslations}
          label={t("polls:builder.pollTitle")}
          hintId={`${form.id}-translation-hint`}
        />
        <TranslatedText
          field={fields.intro}
          translations={fields.introTranslations}
          label={t("polls:builder.intro")}
          hint={t("polls:builder.introHint")}
          hintId={`${form.id}-translation-hint`}
          multiline
        />

        <GroupChoices field={fields.groupIds} groups={props.groups} lockedGroupIds={props.lockedGroupIds ?? []} />

        <div className="poll-when">
          <div className="field">
            <label htmlFor={fields.opensAt.id}>{t("polls:builder.opensAt")}</label>
            <span className="hint" id={`${fields.opensAt.id}-hint`}>
              {t("polls:builder.opensAtHint")}
            </span>
            <input {...getInputProps(fields.opensAt, { type: "datetime-local", ariaDescribedBy: `${fields.opensAt.id}-hint` })} />
            <ErrorList id={fields.opensAt.errorId} errors={fields.opensAt.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.closesAt.id}>{t("polls:builder.closesAt")}</label>
            <span className="hint" id={`${fields.closesAt.id}-hint`}>
              {t("polls:builder.closesAtHint")}
            </span>
            <input {...getInputProps(fields.closesAt, { type: "datetime-local", ariaDescribedBy: `${fields.closesAt.id}-hint` })} />
            <ErrorList id={fields.closesAt.errorId} errors={fields.closesAt.errors} />
          </div>
        </div>

        <VisibilityChoices field={fields.resultsVisibility} />

        <div className="field">
          <label htmlFor={fields.askId.id}>{t("polls:builder.ask")}</label>
          <span className="hint" id={`${fields.askId.id}-hint`}>
            {t("polls:builder.askHint")}
          </span>
          <select {...getSelectProps(fields.askId, { ariaDescribedBy: `${fields.askId.id}-hint` })}>
            <option value="">{t("polls:builder.noAsk")}</option>
            {props.asks.map((ask) => (
              <option key={ask.id} value={ask.id}>
                {ask.title}
              </option>
            ))}
          </select>
          <ErrorList id={fields.askId.errorId} errors={fields.askId.errors} />
        </div>

        <section aria-labelledby={`${form.id}-questions`} className="poll-questions">
          <h2 id={`${form.id}-questions`}>{t("polls:builder.questions")}</h2>
          <ErrorList id={fields.questions.errorId} errors={fields.questions.errors} />
          <ol className="list">
            {questions.map((question, index) => (
              <li key={question.key}>
                <QuestionFields
                  form={form}
                  listName={fields.questions.name}
                  question={question}
                  index={index}
                  count={questions.length}
                  locked={locked}
                  defaultScaleLabels={props.defaultScaleLabels}
                  hintId={`${form.id}-translation-hint`}
                />
              </li>
            ))}
          </ol>
          {!locked && questions.length < MAX_QUESTIONS ? (
            <button
              {...form.insert.getButtonProps({ name: fields.questions.name, defaultValue: newQuestion() })}
              className="button-secondary"
            >
              {t("polls:builder.addQuestion")}
            </button>
          ) : null}
        </section>

        {props.readOnly ? null : (
          <div className="actions poll-save">
            <SubmitButton name="intent" value="save">
              {props.submitLabel}
            </SubmitButton>
          </div>
        )}
      </fieldset>
    </Form>
  );
}

/** An English text with a field per other language beside it. */
function TranslatedText({
  field,
  translations,
  label,
  icon,
  hint,
  hintId,
  multiline,
}: {
  field: Field<string | undefined>;
  translations: Field<Translations | undefined>;
  label: string;
  /** Decoration before the label (a scale point's emoji), hidden from screen readers. */
  icon?: string;
  hint?: string;
  hintId: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const set = translations.getFieldset();
  const ownHint = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="poll-translated">
      <div className="field">
        <label htmlFor={field.id}>
          {icon ? <span aria-hidden="true">{icon} </span> : null}
          {label} <span className="poll-language">{t("polls:builder.inEnglish")}</span>
        </label>
        {hint ? (
          <span className="hint" id={ownHint}>
            {hint}
          </span>
        ) : null}
        {multiline ? (
          <textarea {...getTextareaProps(field, { ariaDescribedBy: ownHint })} dir="auto" lang="en" rows={4} />
        ) : (
          <input {...getInputProps(field, { type: "text", ariaDescribedBy: ownHint })} dir="auto" lang="en" />
        )}
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
      {/* Twelve languages per text: folded away until wanted, open when any is filled or wrong. */}
      <details className="poll-translations" open={TRANSLATION_LOCALES.some((code) => set[code]!.initialValue || set[code]!.errors?.length) || undefined}>
        <summary>
          {t("polls:builder.translations", {
            done: TRANSLATION_LOCALES.filter((code) => set[code]!.initialValue).length,
            all: TRANSLATION_LOCALES.length,
          })}
        </summary>
        {TRANSLATION_LOCALES.map((code) => {
          const translation = set[code]!;
          const props = { ariaDescribedBy: hintId };
          return (
            <div className="field" key={code}>
              <label htmlFor={translation.id}>
                {icon ? <span aria-hidden="true">{icon} </span> : null}
                {label} <span className="poll-language">{t("polls:builder.inLanguage", { language: languageName(code) })}</span>
              </label>
              {multiline ? (
                <textarea {...getTextareaProps(translation, props)} dir={languageDirection(code)} lang={code} rows={4} />
              ) : (
                <input {...getInputProps(translation, { ...props, type: "text" })} dir={languageDirection(code)} lang={code} />
              )}
              <ErrorList id={translation.errorId} errors={translation.errors} />
            </div>
          );
        })}
      </details>
    </div>
  );
}

function GroupChoices({
  field,
  groups,
  lockedGroupIds,
}: {
  field: Field<string[] | undefined>;
  groups: { id: string; name: string }[];
  lockedGroupIds: string[];
}) {
  const { t } = useTranslation();
  const boxes = getCollectionProps(field, { type: "checkbox", options: groups.map((g) => g.id) });
  return (
    <fieldset className="field" aria-describedby={`${field.id}-hint`}>
      <legend>{t("polls:builder.groups")}</legend>
      <span className="hint" id={`${field.id}-hint`}>
        {lockedGroupIds.length ? t("polls:builder.groupsLockedHint") : t("polls:builder.groupsHint")}
      </span>
      <ErrorList id={field.errorId} errors={field.errors} />
      {groups.length === 0 ? <p>{t("polls:builder.noGroups")}</p> : null}
      {groups.map((group, index) => {
        const { key, ...box } = boxes[index]!;
        const fixed = lockedGroupIds.includes(group.id);
        return (
          <div key={key} className="choice">
            {fixed ? (
              <>
                {/* Answered from this group: it stays (a disabled box is not sent, so the id is). */}
                <input type="checkbox" id={box.id} checked disabled />
                <input type="hidden" name={box.name} value={group.id} />
              </>
            ) : (
              <input {...box} />
            )}
            <label htmlFor={box.id} className="officer-pick-label">
              <bdi>{group.name}</bdi>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function VisibilityChoices({ field }: { field: Field<string | undefined> }) {
  const { t } = useTranslation();
  const radios = getCollectionProps(field, { type: "radio", options: [...RESULTS_VISIBILITY] });
  return (
    <fieldset className="field" aria-describedby={`${field.id}-hint`}>
      <legend>{t("polls:builder.visibility")}</legend>
      <span className="hint" id={`${field.id}-hint`}>
        {t("polls:builder.visibilityHint")}
      </span>
      <ErrorList id={field.errorId} errors={field.errors} />
      {RESULTS_VISIBILITY.map((value, index) => {
        const { key, ...radio } = radios[index]!;
        return (
          <div key={key} className="choice">
            <input {...radio} />
            <label htmlFor={radio.id} className="officer-pick-label">
              {t(`polls:visibility.${value}`)}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function QuestionFields({
  form,
  listName,
  question,
  index,
  count,
  locked,
  defaultScaleLabels,
  hintId,
}: {
  form: PollForm;
  listName: string;
  question: Field<Question>;
  index: number;
  count: number;
  locked: boolean;
  defaultScaleLabels: string[];
  hintId: string;
}) {
  const { t } = useTranslation();
  const q = question.getFieldset();
  const kind = (QUESTION_KINDS as readonly string[]).includes(q.kind.value ?? "") ? (q.kind.value as QuestionKind) : "single";
  const options = q.options.getFieldList();
  const listed = LISTED_KINDS.includes(kind);
  const legendId = `${question.id}-legend`;

  /** With JavaScript, a new kind gets the options it needs at once (without, on the next post). */
  function changeKind(next: string) {
    if (next === "scale") {
      form.update({ name: q.options.name, value: defaultScaleLabels.map((label) => ({ label })) });
    } else if ((LISTED_KINDS as readonly string[]).includes(next) && !listed) {
      form.update({ name: q.options.name, value: [{ label: "" }, { label: "" }] });
    }
  }

  return (
    <fieldset className="poll-question" aria-describedby={question.errors?.length ? question.errorId : undefined}>
      <legend id={legendId}>{t("polls:builder.questionNumber", { number: index + 1 })}</legend>
      <ErrorList id={question.errorId} errors={question.errors} />
      {q.id.initialValue ? <input type="hidden" name={q.id.name} value={q.id.initialValue} /> : null}

      <div className="field">
        {locked ? (
          // Answered: the kind is fixed, so it is said, not offered.
          <p className="poll-fixed">
            <input type="hidden" name={q.kind.name} value={kind} />
            <span className="officer-label">{t("polls:builder.kind")}:</span> {t(`polls:kinds.${kind}`)}
          </p>
        ) : (
          <>
            <label htmlFor={q.kind.id}>{t("polls:builder.kind")}</label>
            <select {...getSelectProps(q.kind)} onChange={(event) => changeKind(event.currentTarget.value)}>
              {QUESTION_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`polls:kinds.${value}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <ErrorList id={q.kind.errorId} errors={q.kind.errors} />
      </div>

      <TranslatedText field={q.prompt} translations={q.promptTranslations} label={t("polls:builder.prompt")} hintId={hintId} />

      {listed ? (
        <fieldset className="poll-options" aria-describedby={`${q.options.id}-hint`}>
          <legend>{t("polls:builder.options")}</legend>
          <span className="hint" id={`${q.options.id}-hint`}>
            {kind === "ranking" ? t("polls:builder.rankingHint", { min: MIN_OPTIONS, max: MAX_OPTIONS }) : t("polls:builder.optionsHint", { min: MIN_OPTIONS, max: MAX_OPTIONS })}
          </span>
          <ErrorList id={q.options.errorId} errors={q.options.errors} />
          <ol className="list">
            {options.map((option, optionIndex) => {
              const o = option.getFieldset();
              return (
                <li key={option.key} className="poll-option">
                  {o.id.initialValue ? <input type="hidden" name={o.id.name} value={o.id.initialValue} /> : null}
                  <ErrorList id={option.errorId} errors={option.errors} />
                  <TranslatedText
                    field={o.label}
                    translations={o.labelTranslations}
                    label={t("polls:builder.optionNumber", { number: optionIndex + 1 })}
                    hintId={hintId}
                  />
                  {!locked && options.length > MIN_OPTIONS ? (
                    <button
                      {...form.remove.getButtonProps({ name: q.options.name, index: optionIndex })}
                      className="button-secondary poll-remove"
                    >
                      {t("polls:builder.removeOption", { number: optionIndex + 1 })}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {!locked && options.length < MAX_OPTIONS ? (
            <button {...form.insert.getButtonProps({ name: q.options.name, defaultValue: { label: "" } })} className="button-secondary">
              {t("polls:builder.addOption")}
            </button>
          ) : null}
        </fieldset>
      ) : null}

      {kind === "multiple" ? (
        <div className="field">
          <label htmlFor={q.maxChoices.id}>{t("polls:builder.maxChoices")}</label>
          <span className="hint" id={`${q.maxChoices.id}-hint`}>
            {t("polls:builder.maxChoicesHint")}
          </span>
          <input
            {...getInputProps(q.maxChoices, { type: "number", ariaDescribedBy: `${q.maxChoices.id}-hint` })}
            inputMode="numeric"
            min={1}
            max={Math.max(options.length, 1)}
            readOnly={locked}
            className="admin-number"
          />
          <ErrorList id={q.maxChoices.errorId} errors={q.maxChoices.errors} />
        </div>
      ) : null}

      {kind === "scale" ? (
        <fieldset className="poll-options" aria-describedby={`${q.options.id}-hint`}>
          <legend>{t("polls:builder.scaleWords")}</legend>
          <span className="hint" id={`${q.options.id}-hint`}>
            {t("polls:builder.scaleHint")}
          </span>
          {options.length === SCALE_VALUES.length ? (
            <ol className="list">
              {options.map((option, point) => {
                const o = option.getFieldset();
                return (
                  <li key={option.key} className="poll-option">
                    {o.id.initialValue ? <input type="hidden" name={o.id.name} value={o.id.initialValue} /> : null}
                    <TranslatedText
                      field={o.label}
                      translations={o.labelTranslations}
                      icon={MOOD_EMOJI[point + 1]}
                      label={t("polls:builder.scalePoint", { value: point + 1 })}
                      hintId={hintId}
                    />
                  </li>
                );
              })}
            </ol>
          ) : (
            // Turned into a scale without JavaScript: saving gives the five points their usual words.
            <p className="notice">{t("polls:builder.scaleDefaults", { words: defaultScaleLabels.join(" · ") })}</p>
          )}
        </fieldset>
      ) : null}

      {kind === "text" ? <p className="hint">{t("polls:builder.textHint")}</p> : null}

      {!locked && count > 1 ? (
        <button {...form.remove.getButtonProps({ name: listName, index })} className="button-secondary poll-remove" aria-describedby={legendId}>
          {t("polls:builder.removeQuestion", { number: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}
