import { randomUUID } from "node:crypto";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { castVote, getPollForVoting, VoteRefused, type Answer } from "#app/models/polls.server.ts";
import { consume, RateLimited } from "#app/utils/rate-limit.server.ts";
import { getUserFromCookieHeader, type SessionUser } from "#app/utils/session.server.ts";
import { coercedVoteSchema, questionField, voteAnswers, type VoteQuestion } from "#app/validation/vote.ts";

// A vote, checked and committed: one function for the voting page's form action (no JavaScript)
// and for the lean vote endpoint its JavaScript posts to (decision 016). Both say the same thing
// for the same post; only how the answer travels differs.

const PollId = z.string().min(1).max(64);

const REFUSAL_KEYS: Partial<Record<VoteRefused["reason"], string>> = {
  wrongOption: "wrongOption",
  tooMany: "tooMany",
  noChoice: "nothingAnswered",
  rankingInvalid: "rankingInvalid",
  textInvalid: "textInvalid",
};

export type VoteOutcome =
  | { kind: "counted"; pollId: string }
  | { kind: "notFound" }
  | { kind: "refused"; status: 400 | 409 | 429; reply: SubmissionResult<string[]> };

/**
 * A young person's vote on a poll from the form's fields. Acknowledged ("counted") only after it is
 * committed; a retry of what is already stored is counted once; anything refused comes back as the
 * form's reply, with what was chosen, and nothing saved.
 */
export async function submitVote(user: SessionUser, pollIdParam: unknown, fields: FormData | URLSearchParams): Promise<VoteOutcome> {
  const pollId = PollId.safeParse(pollIdParam);
  if (!pollId.success || user.kind !== "young_person") return { kind: "notFound" };
  // The same checks as the page's (a young person of one of the poll's groups, else not found),
  // reading only what a vote needs: the hot path of issue 3's benchmark.
  const poll = await getPollForVoting(user.id, pollId.data);
  if (!poll) return { kind: "notFound" };
  const { mine } = poll;
  // conform reads the fields only for a reply (a refusal, with its messages and what was chosen):
  // answers in order are read by the same schema without it (voteAnswers).
  let submission: ReturnType<typeof parseWithConform> | undefined;
  const conform = () => (submission ??= parseWithConform(poll.questions, fields));
  const refuse = (status: 400 | 409 | 429, options?: ReplyOptions): VoteOutcome => ({ kind: "refused", status, reply: conform().reply(options) });
  // A closed or not yet open poll is said first: there is no point in fixing an answer for it.
  if (poll.closed) return refuse(409, { formErrors: ["polls:vote.errors.closed"] });
  if (!poll.open) return refuse(400, { formErrors: ["polls:vote.errors.notYetOpen"] });
  let given = voteAnswers(poll.questions, fields);
  if (!given) {
    const parsed = conform();
    if (parsed.status !== "success") return refuse(400);
    given = parsed.value;
  }

  const answers: Answer[] = [];
  for (const answer of given) {
    if (answer.kind !== "text") {
      answers.push(answer);
      continue;
    }
    // The page shows the words already given: sent back unchanged, they are not said again.
    const before = mine.latest.get(answer.questionId);
    if (before && before.text === answer.text && before.identity === answer.identity && before.mayQuote === answer.mayQuote) continue;
    // Changed words on a page whose request id was used (the back button): a new answer, not a retry.
    answers.push(mine.usedRequestIds.has(answer.clientRequestId) ? { ...answer, clientRequestId: randomUUID() } : answer);
  }
  const counted: VoteOutcome = { kind: "counted", pollId: poll.id };
  // Everything as it already was (a retry after the first one was saved): it is counted once.
  if (answers.length === 0) return counted;

  try {
    // Words are things a young person says: the same limit as "say something".
    if (answers.some((a) => a.kind === "text")) await consume("submit", user.id);
    await castVote(user.id, poll.id, answers, user.locale);
  } catch (error) {
    if (error instanceof RateLimited) return refuse(429, { formErrors: ["common:errors.tooManyTries"] });
    if (!(error instanceof VoteRefused)) throw error;
    if (error.reason === "notFound") return { kind: "notFound" };
    if (error.reason === "closed") return refuse(409, { formErrors: ["polls:vote.errors.closed"] });
    if (error.reason === "notYetOpen" || error.reason === "notOpen") return refuse(400, { formErrors: ["polls:vote.errors.notYetOpen"] });
    const message = `polls:vote.errors.${REFUSAL_KEYS[error.reason] ?? "nothingAnswered"}`;
    const question = poll.questions.find((q) => q.id === error.questionId);
    return refuse(400, question ? { fieldErrors: { [questionField(question)]: [message] } } : { formErrors: [message] });
  }
  // Only now, after the vote is committed, is it acknowledged.
  return counted;
}

/**
 * The fields as conform reads them, with the poll's coerced schema. The voting form has no intent
 * buttons, and a posted `__intent__` conform cannot read makes it throw (a 500): it is left out.
 */
function parseWithConform(questions: VoteQuestion[], fields: FormData | URLSearchParams) {
  let form = fields;
  if (fields.has("__intent__")) {
    form = new URLSearchParams();
    for (const [name, value] of fields) if (name !== "__intent__" && typeof value === "string") form.append(name, value);
  }
  return parseWithZod(form, { schema: coercedVoteSchema(questions), disableAutoCoercion: true });
}

type ReplyOptions = Parameters<ReturnType<typeof parseWithConform>["reply"]>[0];

/** What the vote endpoint answers: JSON, never a page. */
export type VoteApiAnswer = { status: number; body: { counted: true } | { reply: SubmissionResult<string[]> } | { error: "signedOut" | "notFound" } };

/**
 * The lean vote endpoint, POST /api/polls/:pollId/vote (server/app.ts mounts it ahead of Remix):
 * the voting page's JavaScript posts the same fields its form would. Signed out, not a young
 * person, or not their poll: the page falls back to its form, which says so as a page.
 */
export async function voteApi(input: { pollId: string; cookie: string | null; body: string }): Promise<VoteApiAnswer> {
  const user = await getUserFromCookieHeader(input.cookie);
  if (!user) return { status: 401, body: { error: "signedOut" } };
  const outcome = await submitVote(user, input.pollId, new URLSearchParams(input.body));
  if (outcome.kind === "notFound") return { status: 404, body: { error: "notFound" } };
  if (outcome.kind === "refused") return { status: outcome.status, body: { reply: outcome.reply } };
  return { status: 200, body: { counted: true } };
}
