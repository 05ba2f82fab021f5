import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "remix-utils/use-hydrated";
import { z } from "zod";
import { ErrorList, FormErrors } from "#app/components/forms.tsx";
import { Mood, ThemeName, useLanguageName } from "#app/components/officer-labels.tsx";
import {
  decideFeedback,
  escalateFeedback,
  listModerationQueue,
  redactionContext,
  type Decision,
} from "#app/models/feedback.server.ts";
import { listOfficerGroups } from "#app/models/groups.server.ts";
import { listThemes } from "#app/models/organisation.server.ts";
import { listConcernsForOfficer } from "#app/models/safeguarding.server.ts";
import { events } from "#app/realtime/events.ts";
import { useLiveRevalidate } from "#app/realtime/use-live.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { languages } from "#app/utils/i18n.ts";
import { getFixedT, getT } from "#app/utils/i18next.server.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";
import { applyRedactions, REDACTION_KINDS, suggestRedactions, type RedactionKind } from "#app/utils/redaction.ts";
import { QUEUE_STATES } from "#app/utils/domain.ts";
import { AGE_BANDS } from "#app/validation/auth.ts";
import { ApproveSchema, DecideSchema, HoldSchema } from "#app/validation/officer.ts";
import { EscalateSchema } from "#app/validation/safeguarding.ts";
import { isolate } from "#app/utils/text.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

// A hand-made URL with a bad filter shows the whole queue rather than an error.
const FiltersSchema = z.object({
  state: z.enum(QUEUE_STATES).catch("pending"),
  group: z.string().max(64).optional().catch(undefined),
  language: z.string().max(16).optional().catch(undefined),
  theme: z.string().max(64).optional().catch(undefined),
  age: z.enum(AGE_BANDS).optional().catch(undefined),
});

const ActionSchema = z.discriminatedUnion("intent", [...DecideSchema.options, EscalateSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = FiltersSchema.parse(params);
  const myGroups = await listOfficerGroups(user.id);
  // Only the officer's own groups can be filtered on; another group's id is dropped, not echoed.
  const filters = { ...parsed, group: myGroups.some((g) => g.id === parsed.group) ? parsed.group : undefined };
  const [queue, groups, themes, concerns, t] = await Promise.all([
    listModerationQueue(user.id, {
      state: filters.state,
      groupId: filters.group,
      language: filters.language,
      themeId: filters.theme,
      ageBand: filters.age,
    }),
    myGroups,
    listThemes(),
    listConcernsForOfficer(user.id),
    getT(request),
  ]);
  const context = await redactionContext(groups.map((g) => g.id));
  // Placeholder labels ("[phone number]") in the language the young person wrote in.
  const labelsFor = (language: string) => {
    const tl = getFixedT(language, "common");
    return Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, tl(`redacted.${kind}`)])) as Record<RedactionKind, string>;
  };
  const items = await Promise.all(
    queue.map(async (item) => {
      const suggestions = filters.state === "pending" ? suggestRedactions(item.text, { nicknames: context.nicknamesOf(item.group.id), terms: context.terms }) : [];
      const labels = labelsFor(item.language);
      return {
        id: item.id,
        version: item.version,
        text: item.text,
        language: item.language,
        mood: item.mood,
        mayQuote: item.mayQuote,
        createdAt: item.createdAt,
        group: item.group,
        theme: item.theme,
        fromPoll: Boolean(item.pollQuestionId),
        // null when the author chose "only someone keeping me safe may know it was me"
        author: item.author,
        // NOTE: the model also returns the author's age band; it is left out here because, beside
        // the group, it can point to an author who chose to stay anonymous to the team.
        publishedText: item.publishedText,
        englishText: item.englishText,
        englishBy: item.englishBy,
        heldReason: item.heldReason,
        decidedBy: item.decidedBy,
        decidedAt: item.decidedAt,
        suggestions,
        labels,
        suggestedText: applyRedactions(item.text, suggestions.filter((s) => s.sure), (k) => labels[k]),
      };
    }),
  );
  return {
    title: t("officer:queue.title"),
    filters,
    items,
    groups,
    themes,
    concerns,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  // Many forms on one page: the answer names the one it belongs to.
  const formId = `${String(formData.get("intent"))}-${String(formData.get("id"))}`;
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") {
    return data({ ...submission.reply(), formId, decided: null, conflict: null }, { status: 400 });
  }
  const input = submission.value;
  const result =
    input.intent === "escalate"
      ? await escalateFeedback(user.id, input.id, input.version, input.reason)
      : await decideFeedback(
          user.id,
          input.id,
          input.version,
          (input.intent === "approve"
            ? { kind: "approve", publishedText: input.publishedText, themeId: input.themeId || null, englishText: input.englishText || null }
            : { kind: "hold", reason: input.reason }) satisfies Decision,
        );
  if (!result.ok) {
    invariantResponse(result.reason !== "notFound", 404);
    // Someone else decided first (or the author withdrew): nothing was written. What this officer
    // typed comes back so that it is not lost.
    const typed = input.intent === "approve" ? input.publishedText : input.reason;
    return data({ ...submission.reply(), formId, decided: null, conflict: { status: result.current.status, typed } }, { status: 409 });
  }
  return { ...submission.reply({ resetForm: true }), formId, decided: input.intent, conflict: null };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = LoaderData["items"][number];
type Theme = LoaderData["themes"][number];
type ActionResult = SubmissionResult<string[]> & {
  formId: string;
  decided: "approve" | "hold" | "escalate" | null;
  conflict: { status: string; typed: string } | null;
};
type Outcome = { kind: "decided"; decided: "approve" | "hold" | "escalate" } | { kind: "conflict"; status: string; typed: string };

export default function ModerationQueue() {
  const { items, groups, themes, concerns, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  useLiveRevalidate([events.queueChanged, events.concernEscalated]);
  // With JavaScript, decisions go through one fetcher per item and the page never reloads; the
  // last outcome is announced here and focus moves to the next item. Without, the page's own
  // action data says the same.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const shown: Outcome | null =
    outcome ??
    (actionData?.decided ? { kind: "decided", decided: actionData.decided } : actionData?.conflict ? { kind: "conflict", ...actionData.conflict } : null);

  useEffect(() => {
    if (!focusId) return;
    // The last item decided: the list's heading says nothing is left.
    document.getElementById(focusId === "none" ? "queue-items" : `item-${focusId}`)?.focus();
    setFocusId(null);
  }, [focusId, items]);

  const onOutcome = (itemId: string, next: Outcome) => {
    setOutcome(next);
    if (next.kind === "decided") {
      const at = items.findIndex((i) => i.id === itemId);
      const following = items[at + 1] ?? items[at - 1];
      setFocusId(following && following.id !== itemId ? following.id : "none");
    }
  };

  return (
    <section className="stack">
      <h1>{t("officer:queue.title")}</h1>
      <p>{t("officer:queue.intro")}</p>
      <div role="status" aria-live="polite">
        {shown?.kind === "decided" ? (
          <p className="notice">{t(`officer:queue.${shown.decided === "approve" ? "approved" : shown.decided === "hold" ? "held" : "escalated"}`)}</p>
        ) : null}
      </div>
      {shown?.kind === "conflict" ? (
        <div role="alert" className="notice notice-warn">
          <h2>{t("officer:queue.conflictTitle")}</h2>
          <p>
            {t("officer:queue.conflictBody", {
              status: t(`officer:itemStatus.${shown.status}`, { defaultValue: shown.status }),
            })}
          </p>
          {shown.typed ? (
            <details>
              <summary>{t("officer:queue.conflictTyped")}</summary>
              <p className="officer-text" dir="auto">
                {shown.typed}
              </p>
            </details>
          ) : null}
        </div>
      ) : null}

      {concerns.length ? <WithSafeguarding concerns={concerns} /> : null}

      <QueueFilters groups={groups} themes={themes} filters={filters} />

      <section aria-labelledby="queue-items" className="stack">
        <h2 id="queue-items" tabIndex={-1}>
          {t(`officer:queue.heading.${filters.state}`, { number: items.length })}
        </h2>
        {items.length === 0 ? (
          <p className="card">{t(filters.state === "pending" ? "officer:queue.empty" : "officer:queue.emptyFiltered")}</p>
        ) : (
          <ol className="list">
            {items.map((item) => (
              // A new version is a new item to decide on: its forms start afresh.
              <li key={`${item.id}-${item.version}`}>
                {filters.state === "pending" ? (
                  <QueueItem item={item} themes={themes} actionData={actionData} onOutcome={(o) => onOutcome(item.id, o)} />
                ) : (
                  <DecidedItem item={item} state={filters.state} actionData={actionData} onOutcome={(o) => onOutcome(item.id, o)} />
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="my-groups" className="card">
        <h2 id="my-groups">{t("officer:groups.title")}</h2>
        {groups.length === 0 ? (
          <p>{t("officer:groups.none")}</p>
        ) : (
          <ul className="list">
            {groups.map((group) => (
              <li key={group.id}>
                <Link to={`/officer/groups/${group.id}`} className="tap-link">
                  <bdi>{group.name}</bdi>
                </Link>
                <span className="muted">
                  {" · "}
                  {t("officer:groups.members", { number: group.members })}
                  {" · "}
                  {t("officer:groups.pending", { number: group.pending })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/officer/asks" className="tap-link">
            {t("officer:asks.title")}
          </Link>
        </p>
      </section>
    </section>
  );
}

function WithSafeguarding({ concerns }: { concerns: LoaderData["concerns"] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="with-safeguarding" className="card">
      <h2 id="with-safeguarding">{t("officer:concerns.heading", { number: concerns.length })}</h2>
      <p className="hint">{t("officer:concerns.explain")}</p>
      <ul className="list">
        {concerns.map((c) => (
          <li key={c.id}>
            <bdi>{c.group.name}</bdi> · <time dateTime={new Date(c.createdAt).toISOString()}>{formatDate(c.createdAt, true)}</time> ·{" "}
            {c.inHand ? t("officer:concerns.inHand") : c.mayOpen ? null : t("officer:concerns.waiting")}
            {c.mayOpen ? (
              <>
                <strong className="error">{t("officer:concerns.escalated")}</strong> <Link to={`/officer/concerns/${c.id}`}>{t("officer:concerns.open")}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function QueueFilters({ groups, themes, filters }: { groups: LoaderData["groups"]; themes: Theme[]; filters: LoaderData["filters"] }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const languageName = useLanguageName();
  const active = ["group", "language", "theme", "age"].some((k) => searchParams.get(k));
  return (
    <details className="card" open={active || undefined}>
      <summary>{t("officer:filters.title")}</summary>
      <Form method="get" className="officer-inline-fields">
        <div className="field">
          <label htmlFor="filter-state">{t("officer:filters.state")}</label>
          <select id="filter-state" name="state" defaultValue={filters.state}>
            {QUEUE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`officer:filters.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t("officer:filters.group")}</label>
          <select id="filter-group" name="group" defaultValue={filters.group ?? ""}>
            <option value="">{t("officer:filters.all")}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">{t("officer:filters.language")}</label>
          <select id="filter-language" name="language" defaultValue={filters.language ?? ""}>
            <option value="">{t("officer:filters.all")}</option>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-theme">{t("officer:filters.theme")}</label>
          <select id="filter-theme" name="theme" defaultValue={filters.theme ?? ""}>
            <option value="">{t("officer:filters.all")}</option>
            <option value="none">{t("common:themes.none")}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {t(`common:themes.${theme.key}`, { defaultValue: theme.name })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-age">{t("officer:filters.age")}</label>
          <span className="hint" id="filter-age-hint">
            {t("officer:filters.ageHint")}
          </span>
          <select id="filter-age" name="age" defaultValue={filters.age ?? ""} aria-describedby="filter-age-hint">
            <option value="">{t("officer:filters.all")}</option>
            {AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`auth:ageBands.${band}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button-secondary">
            {t("officer:filters.apply")}
          </button>
          {active ? <Link to={`?state=${filters.state}`}>{t("officer:filters.clear")}</Link> : null}
        </p>
      </Form>
    </details>
  );
}

/** Reports a fetcher's answer to the page once (the item may be gone after the revalidation). */
function useOutcome(fetcher: { data?: unknown }, onOutcome: (o: Outcome) => void) {
  const reported = useRef<unknown>(null);
  useEffect(() => {
    const result = fetcher.data as ActionResult | undefined;
    if (!result || reported.current === result) return;
    reported.current = result;
    if (result.decided) onOutcome({ kind: "decided", decided: result.decided });
    else if (result.conflict) onOutcome({ kind: "conflict", ...result.conflict });
  }, [fetcher.data, onOutcome]);
}

function ItemFacts({ item }: { item: Item }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const languageName = useLanguageName();
  return (
    <dl className="officer-facts">
      <div>
        <dt>{t("officer:queue.when")}</dt>
        <dd>
          <time dateTime={new Date(item.createdAt).toISOString()}>{formatDate(item.createdAt, true)}</time>
          {item.fromPoll ? ` · ${t("officer:queue.fromPoll")}` : null}
        </dd>
      </div>
      <div>
        <dt>{t("officer:queue.language")}</dt>
        <dd>{languageName(item.language)}</dd>
      </div>
      <div>
        <dt>{t("officer:queue.mood")}</dt>
        <dd>
          <Mood mood={item.mood} />
        </dd>
      </div>
      <div>
        <dt>{t("officer:queue.theme")}</dt>
        <dd>
          <ThemeName theme={item.theme} />
        </dd>
      </div>
      <div>
        <dt>{t("officer:queue.author")}</dt>
        <dd>{item.author ? <bdi>{item.author}</bdi> : t("officer:queue.anonymous")}</dd>
      </div>
      <div>
        <dt>{t("officer:queue.mayQuote")}</dt>
        <dd>{item.mayQuote ? t("officer:queue.mayQuoteYes") : t("officer:queue.mayQuoteNo")}</dd>
      </div>
    </dl>
  );
}

function QueueItem({
  item,
  themes,
  actionData,
  onOutcome,
}: {
  item: Item;
  themes: Theme[];
  actionData: ActionResult | undefined;
  onOutcome: (o: Outcome) => void;
}) {
  const { t } = useTranslation();
  const approveId = `approve-${item.id}`;
  const holdId = `hold-${item.id}`;
  const approveFetcher = useFetcher<typeof action>({ key: approveId });
  const holdFetcher = useFetcher<typeof action>({ key: holdId });
  useOutcome(approveFetcher, onOutcome);
  useOutcome(holdFetcher, onOutcome);
  const resultFor = (id: string, fetcherData: unknown) => {
    const fromFetcher = fetcherData as ActionResult | undefined;
    if (fromFetcher?.formId === id) return fromFetcher;
    return actionData?.formId === id ? actionData : undefined;
  };
  const hidden = { id: item.id, version: String(item.version) };

  const [approveForm, approve] = useForm({
    id: approveId,
    lastResult: resultFor(approveId, approveFetcher.data),
    defaultValue: { ...hidden, intent: "approve", publishedText: item.suggestedText, themeId: item.theme?.id ?? "" },
    constraint: getZodConstraint(ApproveSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApproveSchema }),
  });
  const [holdForm, hold] = useForm({
    id: holdId,
    lastResult: resultFor(holdId, holdFetcher.data),
    defaultValue: { ...hidden, intent: "hold" },
    constraint: getZodConstraint(HoldSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HoldSchema }),
  });
  const headingId = `item-${item.id}`;
  const busy = approveFetcher.state !== "idle" || holdFetcher.state !== "idle";

  return (
    <article className="card officer-item" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <h3 id={headingId} tabIndex={-1}>
        <bdi>{item.group.name}</bdi>
      </h3>
      <ItemFacts item={item} />
      <blockquote className="quote officer-text" dir="auto" lang={item.language}>
        {item.text}
      </blockquote>

      <approveFetcher.Form method="post" {...getFormProps(approveForm)} className="officer-decision">
        <h4>{t("officer:queue.approveTitle")}</h4>
        <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
        <input {...getInputProps(approve.intent, { type: "hidden" })} />
        <input {...getInputProps(approve.id, { type: "hidden" })} />
        <input {...getInputProps(approve.version, { type: "hidden" })} />
        {item.suggestions.length ? (
          <Suggestions item={item} onChange={(value) => approveForm.update({ name: approve.publishedText.name, value })} />
        ) : null}
        <div className="field">
          <label htmlFor={approve.publishedText.id}>{t("officer:queue.publishedText")}</label>
          <span className="hint" id={`${approve.publishedText.id}-hint`}>
            {t("officer:queue.publishedTextHint")}
          </span>
          <textarea
            {...getTextareaProps(approve.publishedText, { ariaDescribedBy: `${approve.publishedText.id}-hint` })}
            dir="auto"
            lang={item.language}
            rows={5}
          />
          <ErrorList id={approve.publishedText.errorId} errors={approve.publishedText.errors} />
        </div>
        <div className="field">
          <label htmlFor={approve.themeId.id}>{t("officer:queue.theme")}</label>
          <select {...getSelectProps(approve.themeId)}>
            <option value="">{t("common:themes.none")}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {t(`common:themes.${theme.key}`, { defaultValue: theme.name })}
              </option>
            ))}
          </select>
          <ErrorList id={approve.themeId.errorId} errors={approve.themeId.errors} />
        </div>
        {item.language === "en" ? null : (
          <div className="field">
            <label htmlFor={approve.englishText.id}>{t("officer:queue.englishText")}</label>
            <span className="hint" id={`${approve.englishText.id}-hint`}>
              {t("officer:queue.englishTextHint")}
            </span>
            <textarea
              {...getTextareaProps(approve.englishText, { ariaDescribedBy: `${approve.englishText.id}-hint` })}
              dir="ltr"
              lang="en"
              rows={4}
            />
            <ErrorList id={approve.englishText.errorId} errors={approve.englishText.errors} />
          </div>
        )}
        <button type="submit" disabled={busy}>
          {approveFetcher.state !== "idle" ? t("common:sending") : t("officer:queue.approve")}
        </button>
      </approveFetcher.Form>

      <details className="officer-hold" open={Boolean(hold.reason.errors?.length) || undefined}>
        <summary>{t("officer:queue.holdTitle")}</summary>
        <holdFetcher.Form method="post" {...getFormProps(holdForm)}>
          <FormErrors id={holdForm.errorId} errors={holdForm.errors} />
          <input {...getInputProps(hold.intent, { type: "hidden" })} />
          <input {...getInputProps(hold.id, { type: "hidden" })} />
          <input {...getInputProps(hold.version, { type: "hidden" })} />
          <div className="field">
            <label htmlFor={hold.reason.id}>{t("officer:queue.reason")}</label>
            <span className="hint" id={`${hold.reason.id}-hint`}>
              {t("officer:queue.reasonHint")}
            </span>
            <textarea {...getTextareaProps(hold.reason, { ariaDescribedBy: `${hold.reason.id}-hint` })} dir="auto" rows={3} />
            <ErrorList id={hold.reason.errorId} errors={hold.reason.errors} />
          </div>
          <button type="submit" className="button-danger" disabled={busy}>
            {holdFetcher.state !== "idle" ? t("common:sending") : t("officer:queue.hold")}
          </button>
        </holdFetcher.Form>
      </details>

      <EscalateForm item={item} actionData={actionData} onOutcome={onOutcome} />
    </article>
  );
}

/**
 * What redaction suggests. With JavaScript, each suggestion can be ticked or unticked and the
 * words to publish follow, until the officer edits them by hand. Without, the sure suggestions are
 * already applied to the words to publish, and the list says what was removed.
 */
function Suggestions({ item, onChange }: { item: Item; onChange: (value: string) => void }) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const [accepted, setAccepted] = useState(() => item.suggestions.map((s) => s.sure));
  const toggle = (index: number, on: boolean) => {
    const next = accepted.map((a, i) => (i === index ? on : a));
    setAccepted(next);
    onChange(applyRedactions(item.text, item.suggestions.filter((_, i) => next[i]), (k) => item.labels[k]));
  };
  return (
    <fieldset className="field officer-suggestions">
      <legend>{t("officer:redaction.title")}</legend>
      <p className="hint">{hydrated ? t("officer:redaction.hintLive") : t("officer:redaction.hintStatic")}</p>
      <ul className="list">
        {item.suggestions.map((s, i) => (
          <li key={`${s.start}-${s.end}`}>
            {hydrated ? (
              <label className="choice">
                <input type="checkbox" checked={accepted[i]} onChange={(event) => toggle(i, event.target.checked)} />
                <span>
                  <bdi dir="auto">{s.text}</bdi> {i18n.dir() === "rtl" ? "←" : "→"} [{item.labels[s.kind]}] <span className="muted">({t(`officer:redaction.kinds.${s.kind}`)})</span>
                </span>
              </label>
            ) : (
              <span>
                <bdi dir="auto">{s.text}</bdi> ({t(`officer:redaction.kinds.${s.kind}`)}): {s.sure ? t("officer:redaction.removed") : t("officer:redaction.maybe")}
              </span>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function EscalateForm({ item, actionData, onOutcome }: { item: Item; actionData: ActionResult | undefined; onOutcome: (o: Outcome) => void }) {
  const { t } = useTranslation();
  const escalateId = `escalate-${item.id}`;
  const fetcher = useFetcher<typeof action>({ key: escalateId });
  useOutcome(fetcher, onOutcome);
  const fromFetcher = fetcher.data as ActionResult | undefined;
  const [form, fields] = useForm({
    id: escalateId,
    lastResult: fromFetcher?.formId === escalateId ? fromFetcher : actionData?.formId === escalateId ? actionData : undefined,
    defaultValue: { intent: "escalate", id: item.id, version: String(item.version) },
    constraint: getZodConstraint(EscalateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EscalateSchema }),
  });
  return (
    <details className="officer-hold" open={Boolean(fields.reason.errors?.length) || undefined}>
      <summary>{t("officer:escalate.title")}</summary>
      <fetcher.Form method="post" {...getFormProps(form)}>
        <p className="hint">{t("officer:escalate.explain")}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} />
        <input {...getInputProps(fields.id, { type: "hidden" })} />
        <input {...getInputProps(fields.version, { type: "hidden" })} />
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("officer:escalate.reason")}</label>
          <textarea {...getTextareaProps(fields.reason)} dir="auto" rows={3} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <button type="submit" className="button-danger" disabled={fetcher.state !== "idle"}>
          {fetcher.state !== "idle" ? t("common:sending") : t("officer:escalate.submit")}
        </button>
      </fetcher.Form>
    </details>
  );
}

/** A held-back or approved item: what was decided, by whom, and (if held back) escalation. */
function DecidedItem({
  item,
  state,
  actionData,
  onOutcome,
}: {
  item: Item;
  state: "held" | "approved";
  actionData: ActionResult | undefined;
  onOutcome: (o: Outcome) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const headingId = `item-${item.id}`;
  return (
    <article className="card officer-item" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        <bdi>{item.group.name}</bdi>
      </h3>
      <ItemFacts item={item} />
      <p>
        {t(state === "held" ? "officer:queue.heldBy" : "officer:queue.approvedBy", { name: item.decidedBy ?? "" })}
        {item.decidedAt ? ` · ${formatDate(item.decidedAt, true)}` : null}
      </p>
      <h4>{t("officer:queue.original")}</h4>
      <blockquote className="quote officer-text" dir="auto" lang={item.language}>
        {item.text}
      </blockquote>
      {state === "held" ? (
        <p>
          <strong>{t("officer:queue.reason")}:</strong> <span dir="auto">{item.heldReason}</span>
        </p>
      ) : (
        <>
          <h4>{t("officer:queue.published")}</h4>
          <blockquote className="quote officer-text" dir="auto" lang={item.language}>
            {item.publishedText}
          </blockquote>
          {item.englishText ? (
            <>
              <h4>{t("officer:queue.englishBy", { name: isolate(item.englishBy ?? "") })}</h4>
              <p className="officer-text" lang="en" dir="ltr">
                {item.englishText}
              </p>
            </>
          ) : null}
        </>
      )}
      {state === "held" ? <EscalateForm item={item} actionData={actionData} onOutcome={onOutcome} /> : null}
    </article>
  );
}
