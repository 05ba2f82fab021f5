import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { PollForm } from "#app/components/poll-form.tsx";
import { PollResultTables } from "#app/components/poll-results.tsx";
import { pollState, PollStateBadge } from "#app/components/poll-state.tsx";
import { TranslationStateBadge } from "#app/components/translate.tsx";
import { useLanguageName } from "#app/components/officer-labels.tsx";
import { getAskForStaff, listAsks, staffNames } from "#app/models/asks.server.ts";
import { getPollTranslation } from "#app/models/poll-translations.server.ts";
import { listOfficerGroups } from "#app/models/groups.server.ts";
import {
  DEFAULT_SCALE_LABELS,
  getPollForEditing,
  isClosed,
  isOpen,
  isSmallCorrection,
  PollEditRefused,
  pollResults,
  setPollStatus,
  updatePoll,
  type PollInput,
} from "#app/models/polls.server.ts";
import { useFormatDate } from "#app/utils/format.ts";
import { merge3 } from "#app/utils/merge.ts";
import { invariantResponse, officerGroupIds, requireRole } from "#app/utils/permissions.server.ts";
import { parsePollForm, PollStatusSchema, toPollInput, toUkDateTime, TRANSLATION_LOCALES, type PollFormInput } from "#app/validation/polls.ts";

type EditedPoll = NonNullable<Awaited<ReturnType<typeof getPollForEditing>>>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Voices" }];

function translationsOf<T extends { locale: string }>(rows: T[], text: (row: T) => string) {
  return Object.fromEntries(TRANSLATION_LOCALES.map((code) => [code, rows.find((r) => r.locale === code) ? text(rows.find((r) => r.locale === code)!) : ""]));
}

/** The poll as its form holds it: UK wall-clock times, a translation field per language. */
function formValue(poll: EditedPoll): PollFormInput {
  return {
    title: poll.title,
    intro: poll.intro,
    titleTranslations: translationsOf(poll.translations, (r) => r.title),
    introTranslations: translationsOf(poll.translations, (r) => r.intro),
    groupIds: poll.groups.map((g) => g.groupId),
    opensAt: poll.opensAt ? toUkDateTime(poll.opensAt) : "",
    closesAt: poll.closesAt ? toUkDateTime(poll.closesAt) : "",
    resultsVisibility: poll.resultsVisibility as PollFormInput["resultsVisibility"],
    askId: poll.askId ?? "",
    questions: poll.questions.map((q) => ({
      id: q.id,
      kind: q.kind as PollFormInput["questions"][number]["kind"],
      prompt: q.prompt,
      promptTranslations: translationsOf(q.translations, (r) => r.prompt),
      maxChoices: q.maxChoices ?? undefined,
      options: q.options.map((o) => ({ id: o.id, label: o.label, labelTranslations: translationsOf(o.translations, (r) => r.label) })),
    })),
  };
}

/** Groups of the poll this officer does not run (then they may open, close and read it, not change it). */
async function groupsNotRun(officerId: string, poll: EditedPoll) {
  const mine = new Set(await officerGroupIds(officerId));
  return poll.groups.filter((g) => !mine.has(g.groupId)).map((g) => g.groupId);
}

/**
 * After a 409 (the poll changed meanwhile) the page reads the poll again, so that the form carries
 * the new version and saving again, having seen the message, goes through. (Remix does not
 * revalidate after a 4xx by default.)
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "officer");
  const poll = await getPollForEditing(user.id, params.pollId ?? "");
  invariantResponse(poll, 404);
  const [groups, asks, notRun] = await Promise.all([listOfficerGroups(user.id), listAsks(), groupsNotRun(user.id, poll)]);
  const pollGroupIds = poll.groups.map((g) => g.groupId);
  // Exact numbers are for the officers of the young people counted: a poll shared with a group
  // this officer does not run shows only their own groups' answers, group by group.
  const results = !poll.firstVoteAt
    ? []
    : notRun.length === 0
      ? [{ groupName: null, results: await pollResults(poll.id, { audience: "exact" }) }]
      : await Promise.all(
          groups
            .filter((g) => pollGroupIds.includes(g.id))
            .map(async (g) => ({ groupName: g.name, results: await pollResults(poll.id, { audience: "exact", groupId: g.id }) })),
        );
  const now = new Date();
  // Where each language stands, and who checked it: beside the form that edits them all.
  const languages = (await Promise.all(TRANSLATION_LOCALES.map((code) => getPollTranslation(poll.id, code)))).flatMap((view, i) =>
    view ? [{ code: TRANSLATION_LOCALES[i]!, state: view.state, translated: view.translatedCount, total: view.textCount, checked: view.checked }] : [],
  );
  const checkers = await staffNames(languages.flatMap((l) => (l.checked?.byId ? [l.checked.byId] : [])));
  return {
    title: poll.title,
    translations: languages.map(({ checked, ...l }) => ({
      ...l,
      checked: checked ? { at: checked.at, by: (checked.byId && checkers.get(checked.byId)) ?? null } : null,
    })),
    poll: {
      id: poll.id,
      title: poll.title,
      version: poll.version,
      state: pollState(poll, isOpen(poll, now), isClosed(poll, now)),
      status: poll.status,
      opensAt: poll.opensAt,
      closesAt: poll.closesAt,
      opensLater: Boolean(poll.opensAt && poll.opensAt > now),
      shortCode: poll.shortCode,
      shortLink: `${new URL(request.url).origin}/p/${poll.shortCode}`,
      answered: Boolean(poll.firstVoteAt),
      groupIds: pollGroupIds,
    },
    groupsNotRun: notRun.length,
    defaultValue: formValue(poll),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    asks: asks.map((a) => ({ id: a.id, title: a.title })),
    defaultScaleLabels: DEFAULT_SCALE_LABELS,
    results,
  };
}

/**
 * Why the model refused an edit of an answered poll, as a message beside the question, option or
 * list concerned. The model decides; this only finds the words for what it found first.
 */
function explainRefusal(poll: EditedPoll, input: PollInput, detail: PollEditRefused["detail"]): Record<string, string[]> {
  const qi = detail?.question;
  if (qi === undefined) {
    if (input.questions.length !== poll.questions.length) return { questions: ["polls:errors.questionsFixed"] };
    return { groupIds: ["polls:errors.groupsFixed"] };
  }
  const at = `questions[${qi}]`;
  if (detail?.option !== undefined) return { [`${at}.options[${detail.option}].label`]: ["polls:errors.optionMeaningChanged"] };
  const before = poll.questions[qi];
  const after = input.questions[qi];
  if (!before || !after || after.id !== before.id) return { [at]: ["polls:errors.questionFixed"] };
  if (after.kind !== before.kind) return { [`${at}.kind`]: ["polls:errors.kindFixed"] };
  if (before.kind === "multiple" && after.maxChoices !== before.maxChoices) return { [`${at}.maxChoices`]: ["polls:errors.maxChoicesFixed"] };
  if (!isSmallCorrection(before.prompt, after.prompt)) return { [`${at}.prompt`]: ["polls:errors.promptMeaningChanged"] };
  return { [`${at}.options`]: ["polls:errors.optionsFixed"] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const pollId = params.pollId ?? "";
  const poll = await getPollForEditing(user.id, pollId);
  invariantResponse(poll, 404);
  const formData = await request.formData();

  const status = PollStatusSchema.safeParse({ intent: formData.get("intent") });
  if (status.success) {
    const opening = status.data.intent === "open";
    // A draft whose closing time has passed would open closed: its times need changing first.
    if (opening && poll.status !== "closed" && poll.closesAt && poll.closesAt <= new Date()) {
      return data({ statusChanged: null, statusError: "polls:errors.closingTimePassed" }, { status: 400 });
    }
    invariantResponse(await setPollStatus(user.id, pollId, opening ? "open" : "closed"), 404);
    return { statusChanged: status.data.intent, statusError: null };
  }

  const submission = parsePollForm(formData);
  // An "add" or "remove" button pressed without JavaScript: the changed form goes back, unsaved.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  if ((await groupsNotRun(user.id, poll)).length > 0) {
    // Saving would take the other officers' groups off the poll (the form lists this officer's only).
    return data(submission.reply({ formErrors: ["polls:errors.sharedPoll"] }), { status: 400 });
  }
  if (submission.value.askId && !(await getAskForStaff(submission.value.askId))) {
    return data(submission.reply({ fieldErrors: { askId: ["polls:errors.askUnknown"] } }), { status: 400 });
  }
  const input = toPollInput(submission.value);
  try {
    await updatePoll(user.id, pollId, input, submission.value.version);
  } catch (error) {
    if (!(error instanceof PollEditRefused)) throw error;
    invariantResponse(error.reason !== "notFound", 404);
    if (error.reason === "changedMeanwhile") {
      // Someone saved in between (an interpreter, another officer). Nothing was saved; the form
      // comes back holding their changes and this officer's together (this officer's kept where
      // both changed the same text), based on the version stored now, so that saving again, having
      // looked, loses nobody's words. The answer carries that version itself: the page's reload
      // may not have arrived when the officer presses save again.
      const theirs = formValue(poll);
      const { version: _old, submissionKey: _key, ...typed } = submission.value;
      const merged = merge3(parseBase(formData.get("base")), typed, theirs);
      const { initialValue: _typed, ...reply } = submission.reply({ formErrors: ["polls:errors.changedMeanwhile"] });
      const conflict: Conflict = { version: poll.version, base: theirs, merged: merged.value, clashes: merged.clashes.length };
      return data({ ...reply, conflict }, { status: 409 });
    }
    if (error.reason === "notYourGroups") {
      return data(submission.reply({ fieldErrors: { groupIds: ["polls:errors.notYourGroups"] } }), { status: 400 });
    }
    // Answered already, and this edit would change what a question or option means. Nothing was
    // saved; everything typed goes back with the reason beside what caused it.
    return data(
      submission.reply({ formErrors: ["polls:errors.nothingSaved"], fieldErrors: explainRefusal(poll, input, error.detail) }),
      { status: 400 },
    );
  }
  return redirect(`/officer/polls/${pollId}?saved=1`);
}

/** What the form this save was made from started with (a hidden field); unreadable means unknown. */
function parseBase(raw: FormDataEntryValue | null): unknown {
  if (typeof raw !== "string" || raw.length > 1_000_000) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

type Conflict = { version: number; base: PollFormInput; merged: PollFormInput; clashes: number };
type StatusReply = { statusChanged: "open" | "close" | null; statusError: string | null };

export default function EditPoll() {
  const { poll, defaultValue, groups, asks, defaultScaleLabels, results, groupsNotRun, translations } = useLoaderData<typeof loader>();
  const languageName = useLanguageName();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const statusReply = actionData && "statusChanged" in actionData ? (actionData as StatusReply) : null;
  const lastResult = actionData && !("statusChanged" in actionData) ? (actionData as SubmissionResult<string[]> & { conflict?: Conflict }) : undefined;
  // After a refused save the form starts again from the merge, on the version stored then.
  const conflict = lastResult?.conflict;
  const readOnly = groupsNotRun > 0;

  return (
    <section className="stack">
      <p>
        <Link to="/officer/polls" className="tap-link">{t("polls:builder.back")}</Link>
      </p>
      <h1>
        <bdi>{poll.title}</bdi>
      </h1>
      {searchParams.get("created") ? (
        <p role="status" className="notice">
          {t("polls:builder.created")}
        </p>
      ) : searchParams.get("saved") && !lastResult ? (
        <p role="status" className="notice">
          {t("polls:builder.saved")}
        </p>
      ) : null}

      <section aria-labelledby="poll-sharing" className="card stack">
        <h2 id="poll-sharing">{t("polls:builder.sharing")}</h2>
        {statusReply?.statusChanged ? (
          <p role="status" className="notice">
            {statusReply.statusChanged === "open" ? t("polls:builder.opened") : t("polls:builder.closed")}
          </p>
        ) : null}
        <FormErrors id="poll-status-errors" errors={statusReply?.statusError ? [statusReply.statusError] : null} />
        <dl className="officer-facts">
          <div>
            <dt>{t("polls:list.state")}</dt>
            <dd>
              <PollStateBadge state={poll.state} />
            </dd>
          </div>
          <div>
            <dt>{t("polls:list.opens")}</dt>
            <dd>{poll.opensAt ? formatDate(poll.opensAt, true) : t("polls:list.byHand")}</dd>
          </div>
          <div>
            <dt>{t("polls:list.closes")}</dt>
            <dd>{poll.closesAt ? formatDate(poll.closesAt, true) : t("polls:list.byHand")}</dd>
          </div>
          <div>
            <dt>{t("polls:list.code")}</dt>
            <dd className="poll-code">{poll.shortCode}</dd>
          </div>
        </dl>
        <p>
          {t("polls:builder.shortLink")}{" "}
          <a href={`/p/${poll.shortCode}`} className="officer-link" dir="ltr">
            {poll.shortLink}
          </a>
        </p>
        <p className="hint">{poll.state === "draft" ? t("polls:builder.draftHint") : t("polls:builder.linkHint")}</p>
        <p>
          <Link to={`/officer/polls/${poll.id}/meeting`} className="button button-secondary">
            {t("polls:builder.meetingMode")}
          </Link>
        </p>
        <StatusControls poll={poll} />
      </section>

      {poll.answered ? (
        <div role="note" className="notice notice-warn">
          <p>{t("polls:builder.answeredNotice")}</p>
        </div>
      ) : null}
      {readOnly ? (
        <div role="note" className="notice notice-warn">
          <p>{t("polls:builder.sharedNotice", { count: groupsNotRun })}</p>
        </div>
      ) : null}

      <section aria-labelledby="poll-edit" className="stack">
        <h2 id="poll-edit">{t("polls:builder.editTitle")}</h2>
        <PollForm
          // A saved version is a new starting point: the form starts afresh from it.
          key={conflict ? `merged-${conflict.version}` : poll.version}
          id="edit-poll"
          lastResult={lastResult}
          defaultValue={conflict?.merged ?? defaultValue}
          base={conflict?.base ?? defaultValue}
          groups={groups}
          asks={asks}
          defaultScaleLabels={defaultScaleLabels}
          locked={poll.answered}
          lockedGroupIds={poll.answered ? poll.groupIds : []}
          version={conflict?.version ?? poll.version}
          readOnly={readOnly}
          submitLabel={t("polls:builder.save")}
        />
      </section>

      <section aria-labelledby="poll-translations" className="card stack">
        <h2 id="poll-translations">{t("translate:builder.title")}</h2>
        <p className="hint">{t("translate:builder.hint")}</p>
        <table className="officer-table">
          <thead>
            <tr>
              <th scope="col">{t("translate:language")}</th>
              <th scope="col">{t("translate:builder.state")}</th>
            </tr>
          </thead>
          <tbody>
            {translations.map((l) => (
              <tr key={l.code}>
                <th scope="row">
                  <Link to={`/translate/polls/${poll.id}?lang=${l.code}`} className="tap-link">
                    {languageName(l.code)}
                  </Link>
                </th>
                <td>
                  <TranslationStateBadge state={l.state} counts={{ translated: l.translated, total: l.total }} checked={l.checked} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="poll-results" className="card stack">
        <h2 id="poll-results">{t("polls:results.title")}</h2>
        <p className="hint">{t("polls:results.exactHint")}</p>
        {results.length === 0 ? (
          <p>{t("polls:results.none")}</p>
        ) : (
          results.map((block, index) => (
            <div key={block.groupName ?? "all"} className="stack">
              {block.groupName ? (
                <h3>
                  <bdi>{block.groupName}</bdi>
                </h3>
              ) : null}
              <PollResultTables results={block.results} idPrefix={`results-${index}`} />
            </div>
          ))
        )}
        {groupsNotRun > 0 && results.length > 0 ? <p className="hint">{t("polls:results.otherGroups", { count: groupsNotRun })}</p> : null}
      </section>
    </section>
  );
}

function StatusControls({ poll }: { poll: ReturnType<typeof useLoaderData<typeof loader>>["poll"] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  let intent: "open" | "close" | null = null;
  let label = "";
  let hint: string | null = null;
  if (poll.state === "draft") {
    intent = "open";
    label = poll.opensLater && poll.opensAt ? t("polls:builder.schedule", { date: formatDate(poll.opensAt, true) }) : t("polls:builder.openNow");
  } else if (poll.state === "scheduled" || poll.state === "open") {
    intent = "close";
    label = t("polls:builder.closeNow");
  } else if (poll.status === "closed") {
    intent = "open";
    label = t("polls:builder.openAgain");
  } else {
    // Closed at its closing time: a later closing time (saved below) opens it again.
    hint = t("polls:builder.closedByTimeHint");
  }
  return (
    <>
      {intent ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value={intent} />
          <SubmitButton className={intent === "close" ? "button-danger" : undefined}>{label}</SubmitButton>
        </Form>
      ) : null}
      {hint ? <p className="hint">{hint}</p> : null}
    </>
  );
}
