import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ShownNumber, useBoardFormat } from "#app/components/board-format.tsx";
import { SubmitButton } from "#app/components/forms.tsx";
import { suppressionThreshold } from "#app/models/organisation.server.ts";
import { getPollForMeeting, setPollRevealed, setPollStatus, type PollResults } from "#app/models/polls.server.ts";
import type { ShownValue } from "#app/models/suppression.server.ts";
import { meetingState } from "#app/realtime/poll-live.server.ts";
import { usePollLive } from "#app/realtime/use-poll-live.ts";
import { getLocale, getT } from "#app/utils/i18next.server.ts";
import { MOOD_EMOJI } from "#app/utils/moods.ts";
import { invariantResponse, requireRole } from "#app/utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Voices" }];

const Params = z.object({ pollId: z.string().min(1).max(64) });

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reveal") }),
  z.object({ intent: z.literal("hide") }),
  // Closing is the second step: the form that sends it says what closing does.
  z.object({ intent: z.literal("close"), confirm: z.literal("yes") }),
]);

/** An officer of one of the poll's groups, and the poll's words; 404 for any other officer. */
async function presenter(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, "officer");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const poll = await getPollForMeeting(user.id, parsed.data.pollId, await getLocale(request));
  invariantResponse(poll, 404);
  return { user, poll };
}

/** Copies only the suppressed form of a number: nothing else in a cell reaches the browser. */
function shownOnly(shown: ShownValue): ShownValue {
  return shown.kind === "exact" ? { kind: "exact", value: shown.value } : { kind: shown.kind };
}

type MeetingState = { pollId: string; revealed: boolean; ready: boolean; closed: boolean; results: PollResults | null };

/**
 * The big screen's state as the browser gets it, from the loader or a socket batch alike: the flags
 * and the suppressed numbers, without the model's English words (the page has its own, translated).
 */
function screenState(state: MeetingState) {
  return {
    pollId: state.pollId,
    revealed: state.revealed,
    ready: state.ready,
    closed: state.closed,
    results: state.results
      ? state.results.questions.map((q) => ({
          questionId: q.questionId,
          voters: shownOnly(q.voters),
          options: q.options.map((o) => ({ optionId: o.optionId, shown: shownOnly(o.shown), points: o.points ? shownOnly(o.points) : null })),
        }))
      : null,
  };
}

type ScreenState = ReturnType<typeof screenState>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poll } = await presenter(request, params);
  // NOTE: the only numbers on this page come from meetingState: suppressed, and none until the
  // presenter reveals them with k young people or more. It is not the officers' console.
  const [state, t, threshold] = await Promise.all([meetingState(poll.id), getT(request), suppressionThreshold()]);
  invariantResponse(state, 404);
  const link = `${new URL(request.url).origin}/p/${poll.shortCode}`;
  return {
    pageTitle: t("meeting:pageTitle", { title: poll.title }),
    poll: {
      id: poll.id,
      title: poll.title,
      titleLocale: poll.titleLocale,
      shortCode: poll.shortCode,
      draft: poll.draft,
      open: poll.open,
      questions: poll.questions,
    },
    threshold,
    link,
    // Made here, as markup with no script and no style attribute (the CSP allows neither).
    qrSvg: await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" }),
    state: screenState(state),
  };
}

type Done = "revealed" | "hidden" | "closed";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, poll } = await presenter(request, params);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ done: null, error: "meeting:errors.confirmClose" as const }, { status: 400 });
  switch (parsed.data.intent) {
    case "reveal":
    case "hide": {
      const revealed = parsed.data.intent === "reveal";
      invariantResponse(await setPollRevealed(user.id, poll.id, revealed), 404);
      return { done: (revealed ? "revealed" : "hidden") as Done, error: null };
    }
    case "close": {
      // A second tap, or a poll that closed on its own: it is closed, which is what was asked.
      if (poll.closed) return { done: "closed" as Done, error: null };
      if (!poll.open) return data({ done: null, error: "meeting:errors.notOpen" as const }, { status: 409 });
      invariantResponse(await setPollStatus(user.id, poll.id, "closed"), 404);
      return { done: "closed" as Done, error: null };
    }
  }
}

/**
 * The newest of the loader's state and the socket's: after a presenter's form the loader has the
 * news first; between forms, the socket's batches.
 */
function useScreenState(fromLoader: ScreenState, pollId: string) {
  const live = usePollLive<MeetingState>(pollId, "meeting");
  const [shown, setShown] = useState(fromLoader);
  useEffect(() => setShown(fromLoader), [fromLoader]);
  useEffect(() => {
    if (live) setShown(screenState(live));
  }, [live]);
  return shown;
}

export default function MeetingMode() {
  const { poll, threshold, link, qrSvg, state: loaderState } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const format = useBoardFormat();
  const state = useScreenState(loaderState, poll.id);
  const k = format.number(threshold);
  const showResults = state.revealed && state.ready && state.results !== null;
  const code = `${poll.shortCode.slice(0, 3)} ${poll.shortCode.slice(3)}`;

  return (
    <div className="meeting">
      <header className="meeting-head">
        <p className="meeting-kicker">{t("meeting:kicker")}</p>
        <h1 lang={poll.titleLocale} dir="auto">
          {poll.title}
        </h1>
      </header>

      <div className="meeting-grid">
        <section className="meeting-join" aria-labelledby="meeting-join-title">
          <h2 id="meeting-join-title">{t("meeting:join.title")}</h2>
          <div
            className="qr meeting-qr"
            role="img"
            aria-label={t("meeting:join.qrLabel")}
            // The SVG is made by the qrcode package from our own link on the server.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <p className="meeting-join-label">{t("meeting:join.goTo")}</p>
          <p className="meeting-link" dir="ltr">
            {/* A narrow screen breaks the line before the code, not inside it. */}
            {link.slice(0, link.lastIndexOf("/") + 1)}
            <wbr />
            {poll.shortCode}
          </p>
          <p className="meeting-join-label">{t("meeting:join.code")}</p>
          <p className="code-display meeting-code" dir="ltr">
            {code}
          </p>
        </section>

        <section className="meeting-results" aria-labelledby="meeting-results-title">
          <h2 id="meeting-results-title">{t("meeting:results.title")}</h2>
          {state.closed && showResults ? <p className="meeting-closed">{t("meeting:results.closed")}</p> : null}
          {showResults ? (
            <ol className="meeting-questions">
              {poll.questions.map((question) => {
                const result = state.results?.find((r) => r.questionId === question.id);
                return result ? <QuestionResult key={question.id} question={question} result={result} threshold={threshold} /> : null;
              })}
            </ol>
          ) : (
            <p className="meeting-waiting">
              {/* A closed poll gets no more answers: say what will (or will never) show. */}
              {state.closed
                ? t(state.ready ? "meeting:results.closedHidden" : "meeting:results.closedTooFew", { k })
                : t("meeting:results.waiting", { k })}
            </p>
          )}
        </section>
      </div>

      <section className="meeting-controls" aria-labelledby="meeting-controls-title">
        <h2 id="meeting-controls-title">{t("meeting:controls.title")}</h2>
        {actionData?.done ? (
          <p role="status" className="notice">
            {t(`meeting:done.${actionData.done}`)}
          </p>
        ) : null}
        {actionData?.error ? (
          <p role="alert" className="notice notice-error">
            {t(actionData.error)}
          </p>
        ) : null}
        <ul className="meeting-facts" aria-live="polite">
          <li>{t(state.revealed ? "meeting:controls.revealed" : "meeting:controls.hidden")}</li>
          <li>{t(state.ready ? "meeting:controls.ready" : "meeting:controls.notReady", { k })}</li>
          {poll.draft ? <li>{t("meeting:controls.draft")}</li> : null}
          {state.closed ? <li>{t("meeting:controls.closed")}</li> : null}
        </ul>
        <div className="meeting-actions">
          <Form method="post">
            <input type="hidden" name="intent" value={state.revealed ? "hide" : "reveal"} />
            <SubmitButton>{t(state.revealed ? "meeting:controls.hide" : "meeting:controls.reveal")}</SubmitButton>
          </Form>
          {poll.open && !state.closed ? (
            <details className="meeting-close">
              <summary className="button button-secondary">{t("meeting:controls.close")}</summary>
              <Form method="post">
                <p>{t("meeting:controls.closeConfirm")}</p>
                <input type="hidden" name="intent" value="close" />
                <input type="hidden" name="confirm" value="yes" />
                <SubmitButton className="button-danger">{t("meeting:controls.closeSubmit")}</SubmitButton>
              </Form>
            </details>
          ) : null}
        </div>
      </section>
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * One question's suppressed results. Bars are drawn only for exact numbers, each as long as its
 * number against the largest exact number beside it, so that no bar measures a hidden one.
 */
function QuestionResult({
  question,
  result,
  threshold,
}: {
  question: LoaderData["poll"]["questions"][number];
  result: NonNullable<ScreenState["results"]>[number];
  threshold: number;
}) {
  const { t } = useTranslation();
  const ranking = question.kind === "ranking";
  const measure = (o: (typeof result.options)[number]) => (ranking ? o.points : o.shown);
  const largest = Math.max(0, ...result.options.map((o) => measure(o)).map((v) => (v?.kind === "exact" ? v.value : 0)));
  const headingId = `meeting-q-${question.id}`;
  return (
    <li className="meeting-question" aria-labelledby={headingId}>
      <h3 id={headingId} lang={question.promptLocale} dir="auto">
        {question.prompt}
      </h3>
      <p className="meeting-voters">
        {t("meeting:results.answered")} <ShownNumber shown={result.voters} threshold={threshold} />
      </p>
      <ul className="meeting-options">
        {question.options.map((option) => {
          const found = result.options.find((o) => o.optionId === option.id);
          const value = found ? measure(found) : null;
          const length = value?.kind === "exact" && largest > 0 ? Math.round((value.value / largest) * 1000) / 10 : null;
          return (
            <li key={option.id} className="meeting-option">
              <span className="meeting-option-label" lang={option.labelLocale} dir="auto">
                {question.kind === "scale" && option.value && MOOD_EMOJI[option.value] ? (
                  <span className="meeting-emoji" aria-hidden="true">
                    {MOOD_EMOJI[option.value]}{" "}
                  </span>
                ) : null}
                {option.label}
              </span>
              <span className="meeting-option-value">
                {value ? (
                  ranking && value.kind === "exact" ? (
                    t("meeting:results.points", { count: value.value })
                  ) : (
                    <ShownNumber shown={value} threshold={threshold} />
                  )
                ) : (
                  t("board:feedback.withheld")
                )}
              </span>
              {length !== null ? (
                <svg className="meeting-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" width={length} height="4" />
                </svg>
              ) : null}
            </li>
          );
        })}
      </ul>
      {ranking ? <p className="hint">{t("meeting:results.pointsNote")}</p> : null}
    </li>
  );
}
