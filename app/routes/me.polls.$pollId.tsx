import { randomUUID } from "node:crypto";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useRevalidator, useSearchParams, useSubmit } from "@remix-run/react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { submitVote, type VoteApiAnswer } from "#app/api/vote.server.ts";
import { ErrorList, FormErrors, SubmitButton } from "#app/components/forms.tsx";
import {
  getPollForVoter,
  myPollTextAnswers,
  type Answer,
  type PollResults,
} from "#app/models/polls.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { usePollLive } from "#app/realtime/use-poll-live.ts";
import { useFormat, useFormatDate } from "#app/utils/format.ts";
import { intlLocale } from "#app/utils/i18n.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import { invariantResponse, requireYoungPerson } from "#app/utils/permissions.server.ts";
import { MAX_TEXT_ANSWER_LENGTH, questionField, voteSchema, type VoteFields } from "#app/validation/vote.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

const Params = z.object({ pollId: z.string().min(1).max(64) });

/** The poll as its voter may see it, or 404: another group's poll, a draft and nonsense look alike. */
async function voterPoll(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireYoungPerson(request);
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const { pollId } = parsed.data;
  const locale = await getLocale(request);
  const [poll, mine] = await Promise.all([getPollForVoter(user.id, pollId, locale), myPollTextAnswers(user.id, pollId)]);
  invariantResponse(poll, 404);
  return { user, poll, mine };
}

/** Copies only the suppressed form of a number: nothing else in a cell reaches the browser. */
function shownOnly(shown: ShownValue): ShownValue {
  return shown.kind === "exact" ? { kind: "exact", value: shown.value } : { kind: shown.kind };
}

/**
 * Results as the suppression rule let them out, without the model's English labels: from the
 * loader, and from the live tally (already suppressed for the voters' room by the same model).
 */
function resultsForVoter(results: PollResults | null) {
  if (!results) return null;
  return {
    threshold: results.threshold,
    questions: results.questions.map((q) => ({
      questionId: q.questionId,
      voters: shownOnly(q.voters),
      options: q.options.map((o) => ({
        optionId: o.optionId,
        shown: shownOnly(o.shown),
        points: o.points ? shownOnly(o.points) : null,
      })),
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poll, mine } = await voterPoll(request, params);
  const t = await getT(request);
  return {
    title: t("polls:vote.title", { title: poll.title }),
    poll: {
      id: poll.id,
      title: poll.title,
      intro: poll.intro,
      inEnglishFallback: poll.inEnglishFallback,
      open: poll.open,
      closed: poll.closed,
      notYetOpen: poll.notYetOpen,
      closesAt: poll.closesAt?.toISOString() ?? null,
      resultsVisibility: poll.resultsVisibility,
      // Only this young person's own answers: nobody else's choices are read for this page.
      questions: poll.questions.map((q) => {
        const text = mine.latest.get(q.id);
        return {
          id: q.id,
          kind: q.kind,
          prompt: q.prompt,
          inEnglishFallback: q.inEnglishFallback,
          maxChoices: q.maxChoices,
          options: q.options,
          myChoices: q.myChoices,
          myText: q.kind === "text" && text ? { text: text.text, identity: text.identity, mayQuote: text.mayQuote } : null,
        };
      }),
    },
    results: resultsForVoter(poll.results),
    // One request id per text question and page: a retry or a double tap of this page saves once.
    clientRequestIds: Object.fromEntries(poll.questions.filter((q) => q.kind === "text").map((q) => [q.id, randomUUID()])),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Without JavaScript (and when the page's JavaScript cannot reach the vote endpoint): the same
  // vote as the endpoint's, answered as a page.
  const user = await requireYoungPerson(request);
  const outcome = await submitVote(user, params.pollId, await request.formData());
  if (outcome.kind === "notFound") throw data({ message: null }, { status: 404 });
  if (outcome.kind === "refused") return data(outcome.reply, { status: outcome.status });
  return redirect(`/me/polls/${outcome.pollId}?counted=1`);
}

// ---------------------------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Question = LoaderData["poll"]["questions"][number];
type QuestionResults = NonNullable<LoaderData["results"]>["questions"][number];

function useNumber() {
  return useFormat().number;
}

/** English shown in place of a missing translation is marked as English, for screen readers too. */
const english = (fallback: boolean) => (fallback ? "en" : undefined);

function defaultsFor(questions: Question[], clientRequestIds: Record<string, string>) {
  const value: VoteFields = { q: {}, rank: {}, text: {}, identity: {}, mayQuote: {}, crid: {} };
  for (const q of questions) {
    if (q.kind === "ranking") {
      value.rank[q.id] = Object.fromEntries(q.myChoices.map((c) => [c.optionId, String(c.rank ?? "")]));
    } else if (q.kind === "text") {
      value.crid[q.id] = clientRequestIds[q.id] ?? "";
      if (q.myText) {
        value.text[q.id] = q.myText.text;
        value.identity[q.id] = q.myText.identity;
        value.mayQuote[q.id] = q.myText.mayQuote ? "yes" : "no";
      }
    } else if (q.myChoices.length) {
      value.q[q.id] = q.kind === "multiple" ? q.myChoices.map((c) => c.optionId) : q.myChoices[0]!.optionId;
    }
  }
  return value;
}

export default function VotePoll() {
  const { poll, results: loaded, clientRequestIds } = useLoaderData<typeof loader>();
  // Once results may be seen, they follow the votes as they arrive.
  const live = usePollLive<{ pollId: string; results: PollResults }>(poll.id, "voter", loaded !== null);
  const results = live && loaded ? resultsForVoter(live.results) : loaded;
  const [searchParams] = useSearchParams();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const counted = searchParams.get("counted") && !lastResult;
  // A saved vote starts the form again from what was saved (and new request ids); a refused one
  // keeps what was chosen.
  const saved = JSON.stringify(poll.questions.map((q) => [q.myChoices, q.myText]));

  return (
    <section className="stack">
      <p>
        <Link to="/me" className="vote-back">
          {t("polls:vote.back")}
        </Link>
      </p>
      <h1 dir="auto" lang={english(poll.inEnglishFallback)}>
        {poll.title}
      </h1>
      {poll.inEnglishFallback ? <p className="vote-fallback">{t("polls:vote.inEnglish")}</p> : null}
      {poll.intro ? (
        <p className="lead" dir="auto" lang={english(poll.inEnglishFallback)}>
          {poll.intro}
        </p>
      ) : null}
      {counted ? (
        <p className="notice" role="status">
          {t("polls:vote.counted")}
        </p>
      ) : null}
      {poll.closed ? (
        <p className="notice notice-warn">{t("polls:vote.closedNote")}</p>
      ) : poll.notYetOpen ? (
        <p className="notice notice-warn">{t("polls:vote.notYetOpenNote")}</p>
      ) : poll.closesAt ? (
        <p className="muted">
          {t("polls:vote.closesOn")} <time dateTime={poll.closesAt}>{formatDate(poll.closesAt, true)}</time>
        </p>
      ) : null}
      {!results ? <p className="muted">{t(`polls:vote.resultsWhen.${poll.resultsVisibility}`)}</p> : null}
      <VoteForm key={saved} poll={poll} results={results} clientRequestIds={clientRequestIds} lastResult={lastResult} />
    </section>
  );
}

/**
 * With JavaScript the vote goes to the lean vote endpoint (decision 016) instead of the page's
 * action: the same checks and the same reply, without rendering a page. Counted: the page reads
 * itself again, as after the form's redirect. Refused: the reply shows beside the answers, with what
 * was chosen kept (and, when the poll closed meanwhile, the page reads itself again to show it).
 * Anything else (signed out, offline, a server error): the form is sent as a plain post, which
 * answers as a page. A second tap while one is on its way sends nothing.
 */
function useVoteEndpoint(pollId: string) {
  const navigate = useNavigate();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const [sent, setSent] = useState<SubmissionResult<string[]>>();
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    const formElement = event.currentTarget;
    const fields = new URLSearchParams([...new FormData(formElement)].map(([name, value]) => [name, String(value)]));
    void fetch(`/api/polls/${encodeURIComponent(pollId)}/vote`, { method: "POST", body: fields, headers: { Accept: "application/json" } })
      .then(async (response) => ({ status: response.status, body: (await response.json()) as VoteApiAnswer["body"] }))
      .catch(() => null)
      .then((answer) => {
        inFlight.current = false;
        setSending(false);
        if (answer && "counted" in answer.body) {
          navigate(`/me/polls/${pollId}?counted=1`, { replace: true });
        } else if (answer && "reply" in answer.body) {
          setSent(answer.body.reply);
          // Closed meanwhile: the page reads itself again, so that it shows the poll closed.
          if (answer.status === 409) revalidator.revalidate();
        } else {
          submit(formElement, { method: "post" });
        }
      });
  }
  return { sent, sending, send };
}

function VoteForm({
  poll,
  results,
  clientRequestIds,
  lastResult,
}: Pick<LoaderData, "poll" | "results" | "clientRequestIds"> & { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      voteSchema(
        poll.questions.map((q) => ({
          id: q.id,
          kind: q.kind,
          maxChoices: q.maxChoices,
          options: q.options,
          answered: q.kind === "text" ? q.myText !== null : q.myChoices.length > 0,
        })),
      ),
    [poll.questions],
  );
  const { sent, sending, send } = useVoteEndpoint(poll.id);
  const [form] = useForm<VoteFields, Answer[]>({
    id: `vote-${poll.id}`,
    lastResult: sent ?? lastResult,
    defaultValue: defaultsFor(poll.questions, clientRequestIds),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const initial = (form.initialValue ?? {}) as Initial;
  const errors = form.allErrors;
  const formProps = getFormProps(form);

  return (
    <Form
      method="post"
      {...formProps}
      onSubmit={(event) => {
        // conform checks the answers first; a valid vote goes to the vote endpoint.
        formProps.onSubmit(event);
        if (!event.defaultPrevented) send(event);
      }}
      className="stack"
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset disabled={!poll.open} className="vote-questions">
        {poll.questions.map((question, index) => {
          const errorId = `${form.id}-${question.id}-error`;
          const questionErrors = [
            ...new Set([
              ...(errors[questionField(question)] ?? []),
              ...(errors[`identity.${question.id}`] ?? []),
              ...(errors[`mayQuote.${question.id}`] ?? []),
            ]),
          ];
          return (
            <section key={question.id} className="card vote-question" aria-labelledby={`${form.id}-${question.id}-prompt`}>
              <QuestionInput
                question={question}
                number={index + 1}
                formId={form.id}
                initial={initial}
                errorId={questionErrors.length ? errorId : undefined}
                errors={errors}
              />
              <ErrorList id={errorId} errors={questionErrors.length ? questionErrors : null} />
              {results ? (
                <QuestionResultsView
                  question={question}
                  results={results.questions.find((r) => r.questionId === question.id)}
                  threshold={results.threshold}
                />
              ) : null}
            </section>
          );
        })}
      </fieldset>
      {poll.open ? (
        <>
          <p>
            <SubmitButton busy={sending}>{t("polls:vote.submit")}</SubmitButton>
          </p>
          <p className="muted">{t("polls:vote.changeUntilClose")}</p>
        </>
      ) : null}
    </Form>
  );
}

type Initial = Partial<Record<keyof VoteFields, Record<string, unknown>>>;

function Prompt({ question, number, id }: { question: Question; number: number; id: string }) {
  const { t } = useTranslation();
  const optionFallback = question.options.some((o) => o.inEnglishFallback);
  return (
    <>
      <span id={id} className="vote-prompt">
        <span className="visually-hidden">{t("polls:vote.questionNumber", { n: number })} </span>
        <span dir="auto" lang={english(question.inEnglishFallback)}>
          {question.prompt}
        </span>
      </span>
      {(question.inEnglishFallback || optionFallback) ? <span className="vote-fallback">{t("polls:vote.inEnglish")}</span> : null}
    </>
  );
}

function QuestionInput({
  question,
  number,
  formId,
  initial,
  errorId,
  errors,
}: {
  question: Question;
  number: number;
  formId: string;
  initial: Initial;
  errorId: string | undefined;
  errors: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const format = useNumber();
  const ordinal = useOrdinal();
  const promptId = `${formId}-${question.id}-prompt`;
  const invalid = errorId ? true : undefined;

  if (question.kind === "text") {
    const textId = `${formId}-${question.id}-text`;
    const hintId = `${textId}-hint`;
    const identity = initial.identity?.[question.id];
    const mayQuote = initial.mayQuote?.[question.id];
    const identityError = errors[`identity.${question.id}`]?.length ? true : undefined;
    const mayQuoteError = errors[`mayQuote.${question.id}`]?.length ? true : undefined;
    return (
      <>
        <div className="field">
          <label htmlFor={textId}>
            <Prompt question={question} number={number} id={promptId} />
          </label>
          <span className="hint" id={hintId}>
            {t("polls:vote.textHint", { count: MAX_TEXT_ANSWER_LENGTH })}
          </span>
          <textarea
            id={textId}
            name={`text.${question.id}`}
            defaultValue={String(initial.text?.[question.id] ?? "")}
            maxLength={MAX_TEXT_ANSWER_LENGTH}
            rows={4}
            dir="auto"
            aria-invalid={errors[`text.${question.id}`]?.length ? true : undefined}
            aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
          />
          <input type="hidden" name={`crid.${question.id}`} value={String(initial.crid?.[question.id] ?? "")} />
        </div>
        <fieldset className="field" aria-invalid={identityError} aria-describedby={identityError ? errorId : undefined}>
          <legend>{t("polls:vote.identity")}</legend>
          <label className="choice">
            <input type="radio" name={`identity.${question.id}`} value="team" defaultChecked={identity === "team"} />
            {t("polls:vote.identityTeam")}
          </label>
          <label className="choice">
            <input type="radio" name={`identity.${question.id}`} value="safeguarding" defaultChecked={identity === "safeguarding"} />
            {t("polls:vote.identitySafeguarding")}
          </label>
        </fieldset>
        <fieldset className="field" aria-invalid={mayQuoteError} aria-describedby={mayQuoteError ? errorId : undefined}>
          <legend>{t("polls:vote.mayQuote")}</legend>
          <span className="hint">{t("polls:vote.mayQuoteHint")}</span>
          <label className="choice">
            <input type="radio" name={`mayQuote.${question.id}`} value="yes" defaultChecked={mayQuote === "yes"} />
            {t("polls:vote.mayQuoteYes")}
          </label>
          <label className="choice">
            <input type="radio" name={`mayQuote.${question.id}`} value="no" defaultChecked={mayQuote === "no"} />
            {t("polls:vote.mayQuoteNo")}
          </label>
        </fieldset>
      </>
    );
  }

  if (question.kind === "ranking") {
    const ranks = (initial.rank?.[question.id] ?? {}) as Record<string, unknown>;
    const places = question.options.map((_, i) => i + 1);
    return (
      <fieldset className="field" aria-invalid={invalid} aria-describedby={errorId}>
        <legend>
          <Prompt question={question} number={number} id={promptId} />
        </legend>
        <span className="hint">{t("polls:vote.rankingHint")}</span>
        <ul className="list vote-ranking">
          {question.options.map((option) => {
            const selectId = `${formId}-${question.id}-${option.id}`;
            return (
              <li key={option.id} className="vote-rank">
                <label htmlFor={selectId} className="vote-rank-label" dir="auto" lang={english(option.inEnglishFallback)}>
                  {option.label}
                </label>
                <select id={selectId} name={`rank.${question.id}.${option.id}`} defaultValue={String(ranks[option.id] ?? "")} aria-invalid={invalid}>
                  <option value="">{t("polls:vote.rankChoose")}</option>
                  {places.map((place) => (
                    <option key={place} value={String(place)}>
                      {ordinal(place)}
                    </option>
                  ))}
                </select>
              </li>
            );
          })}
        </ul>
      </fieldset>
    );
  }

  const raw = initial.q?.[question.id];
  const chosen = new Set(raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)]);
  const name = `q.${question.id}`;

  if (question.kind === "scale") {
    return (
      <fieldset className="field" aria-invalid={invalid} aria-describedby={errorId}>
        <legend>
          <Prompt question={question} number={number} id={promptId} />
        </legend>
        <div className="vote-scale">
          {question.options.map((option) => (
            <label key={option.id} className="vote-scale-option">
              <input className="vote-scale-input" type="radio" name={name} value={option.id} defaultChecked={chosen.has(option.id)} />
              <span className="vote-scale-emoji" aria-hidden="true">
                {MOOD_EMOJI[option.value ?? 0] ?? ""}
              </span>
              <span className="vote-scale-word" dir="auto" lang={english(option.inEnglishFallback)}>
                {option.label}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  const multiple = question.kind === "multiple";
  return (
    <fieldset className="field" aria-invalid={invalid} aria-describedby={errorId}>
      <legend>
        <Prompt question={question} number={number} id={promptId} />
      </legend>
      {multiple ? (
        <span className="hint">
          {question.maxChoices ? t("polls:vote.chooseUpTo", { max: format(question.maxChoices) }) : t("polls:vote.chooseAny")}
        </span>
      ) : null}
      {question.options.map((option) => (
        <label key={option.id} className="choice vote-option">
          <input type={multiple ? "checkbox" : "radio"} name={name} value={option.id} defaultChecked={chosen.has(option.id)} />
          <span dir="auto" lang={english(option.inEnglishFallback)}>
            {option.label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** "1st", "2nd", … in the reader's language (plural rules of the ordinal kind pick the ending). */
function useOrdinal() {
  const { t, i18n } = useTranslation();
  const format = useNumber();
  const rules = useMemo(() => new Intl.PluralRules(intlLocale(i18n.language), { type: "ordinal" }), [i18n.language]);
  return (n: number) => {
    const key = `polls:vote.ordinal.${rules.select(n)}`;
    return i18n.exists(key) ? t(key, { n: format(n) }) : t("polls:vote.ordinal.other", { n: format(n) });
  };
}

/**
 * Results under a question, as suppressed by the model: exact numbers as numbers with bars whose
 * length compares only exact numbers with each other; "fewer than k" and "not shown" as words,
 * with no bar and never in a percentage.
 */
function QuestionResultsView({ question, results, threshold }: { question: Question; results: QuestionResults | undefined; threshold: number }) {
  const { t } = useTranslation();
  const format = useNumber();
  if (!results) return null;
  const ranking = question.kind === "ranking";
  const valueOf = (o: QuestionResults["options"][number]) => (ranking ? (o.points ?? { kind: "suppressed" as const }) : o.shown);
  const largest = Math.max(0, ...results.options.map((o) => valueOf(o)).map((v) => (v.kind === "exact" ? v.value : 0)));
  const words = (shown: ShownValue) =>
    shown.kind === "exact"
      ? format(shown.value)
      : shown.kind === "suppressed"
        ? t("polls:vote.results.fewerThan", { k: format(threshold) })
        : t("polls:vote.results.withheld");
  return (
    <div className="vote-results">
      <h3 className="vote-results-title">{t("polls:vote.results.title")}</h3>
      <p className="muted">
        {t("polls:vote.results.voters")} {words(results.voters)}
      </p>
      {ranking ? <p className="hint">{t("polls:vote.results.pointsHint")}</p> : null}
      <ul className="list vote-results-list">
        {question.options.map((option) => {
          const found = results.options.find((o) => o.optionId === option.id);
          if (!found) return null;
          const shown = valueOf(found);
          // Twentieths of the largest exact number: enough to compare, and no style attribute.
          const step =
            shown.kind !== "exact" || largest === 0 ? null : shown.value === 0 ? 0 : Math.max(1, Math.round((shown.value / largest) * 20));
          return (
            <li key={option.id} className="vote-result">
              <span className="vote-result-label" dir="auto">
                {question.kind === "scale" && option.value ? (
                  <span aria-hidden="true">{MOOD_EMOJI[option.value]} </span>
                ) : null}
                <span lang={english(option.inEnglishFallback)}>{option.label}</span>
              </span>
              <span className={shown.kind === "exact" ? "vote-result-value" : "vote-result-value vote-result-hidden"}>
                {ranking && shown.kind === "exact" ? t("polls:vote.results.points", { count: shown.value }) : words(shown)}
              </span>
              {step !== null ? <span className={`vote-bar vote-bar-${step}`} aria-hidden="true" /> : null}
            </li>
          );
        })}
      </ul>
      {results.options.some((o) => valueOf(o).kind !== "exact") || results.voters.kind !== "exact" ? (
        <p className="hint">{t("polls:vote.results.suppressionNote", { k: format(threshold) })}</p>
      ) : null}
    </div>
  );
}
