import { unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import { z } from "zod";
import type { Answer } from "#app/models/polls.server.ts";
import type { QuestionKind } from "#app/utils/domain.ts";

export const MAX_TEXT_ANSWER_LENGTH = 1000;
export const TEXT_IDENTITIES = ["team", "safeguarding"] as const;

/** What the schema needs to know about a question: the same shape the voter's page already has. */
export type VoteQuestion = {
  id: string;
  kind: QuestionKind;
  maxChoices: number | null;
  options: { id: string }[];
  /** Answered before: it can be changed but not emptied (an answer cannot be taken back). */
  answered: boolean;
};

/**
 * The form's flat fields, as conform reads them (a dot nests):
 * `q.<questionId>` an option id (repeated for multiple choice), `rank.<questionId>.<optionId>` 1..n,
 * `text.<questionId>`, `identity.<questionId>`, `mayQuote.<questionId>`, `crid.<questionId>`.
 */
export type VoteFields = {
  q: Record<string, string | string[]>;
  rank: Record<string, Record<string, string>>;
  text: Record<string, string>;
  identity: Record<string, string>;
  mayQuote: Record<string, string>;
  crid: Record<string, string>;
};

const error = (key: string) => `polls:vote.errors.${key}`;
const id = z.string().max(64);

function keyed<T extends z.ZodTypeAny>(ids: string[], schema: T) {
  return z.object(Object.fromEntries(ids.map((i) => [i, schema])) as Record<string, T>);
}

/**
 * One schema per poll, shared by the voting form (in the browser) and its action: turns the flat
 * fields into the model's `Answer[]`, one per answered question, with a message key beside the
 * question for anything castVote would refuse. A question left empty is skipped (it may be
 * answered later), unless it was answered before.
 */
export function voteSchema(questions: VoteQuestion[]) {
  return cachedSchemas(questions).schema;
}

/**
 * The schema with conform's form-value coercion already applied, for an action to parse with
 * `disableAutoCoercion: true`: parseWithZod would otherwise rebuild the coerced copy of the whole
 * schema on every request (a sizeable share of a vote's time, decision 007). The same questions
 * give the same schemas: both are made once.
 */
export function coercedVoteSchema(questions: VoteQuestion[]) {
  return cachedSchemas(questions).coerced;
}

const schemas = new Map<string, { schema: ReturnType<typeof makeVoteSchema>; coerced: ReturnType<typeof makeVoteSchema> }>();

function cachedSchemas(questions: VoteQuestion[]) {
  const key = JSON.stringify(questions);
  let cached = schemas.get(key);
  if (!cached) {
    if (schemas.size >= 500) schemas.clear();
    const schema = makeVoteSchema(questions);
    cached = { schema, coerced: coerceFormValue(schema) as typeof schema };
    schemas.set(key, cached);
  }
  return cached;
}

const NAMED = /^(q|text|identity|mayQuote|crid)\.([\w-]{1,64})$/;
const RANKED = /^rank\.([\w-]{1,64})\.([\w-]{1,64})$/;
/** A field of ours in another shape than the two above, or conform's own (an intent). */
const UNUSUAL = /^(q|rank|text|identity|mayQuote|crid)(\.|\[|$)|^__/;

/**
 * The answers of a vote whose fields are all in order, read without conform (the server's hot
 * path: conform's parse and its coerced copy of the schema cost about six times the schema
 * itself). The same schema decides: the fields are laid out as conform lays them out, with empty
 * values left out as its coercion leaves them out, and then parsed by `voteSchema`. Anything
 * unusual (a name or a repeat conform would read differently, a file, an intent) and anything
 * refused gives null: the caller parses with conform then, which makes the reply with its messages.
 * `vote.test.ts` checks that whenever this gives answers, conform's parse gives the same ones.
 */
export function voteAnswers(questions: VoteQuestion[], form: FormData | URLSearchParams): Answer[] | null {
  const values = new Map<string, string[]>();
  for (const [name, value] of form) {
    if (typeof value !== "string") return null;
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  const fields: VoteFields = { q: {}, rank: {}, text: {}, identity: {}, mayQuote: {}, crid: {} };
  for (const question of questions) if (question.kind === "ranking") fields.rank[question.id] = {};
  for (const [name, list] of values) {
    const named = NAMED.exec(name);
    const ranked = named ? null : RANKED.exec(name);
    if (!named && !ranked) {
      // Conform decides the unusual ones; any other name both ways drop.
      if (UNUSUAL.test(name)) return null;
      continue;
    }
    if (name.includes(".__")) return null;
    const [value] = list as [string];
    if (named && named[1] === "q") {
      // Multiple choice sends the name once per option chosen; an empty one among several is unusual.
      if (list.length > 1) {
        if (list.includes("")) return null;
        fields.q[named[2]!] = list;
      } else if (value !== "") fields.q[named[2]!] = value;
      continue;
    }
    if (list.length > 1) return null;
    if (value === "") continue;
    if (named) (fields[named[1] as "text" | "identity" | "mayQuote" | "crid"])[named[2]!] = value;
    else {
      const ranks = fields.rank[ranked![1]!];
      if (ranks) ranks[ranked![2]!] = value;
    }
  }
  const parsed = voteSchema(questions).safeParse(fields);
  return parsed.success ? parsed.data : null;
}

function makeVoteSchema(questions: VoteQuestion[]) {
  const of = (...kinds: QuestionKind[]) => questions.filter((q) => kinds.includes(q.kind)).map((q) => q.id);
  const single = of("single", "scale");
  const multiple = of("multiple");
  const ranking = questions.filter((q) => q.kind === "ranking");
  const text = of("text");
  return z
    .object({
      // Either kind may arrive as one value or several: too many is a message, not a type error.
      q: keyed([...single, ...multiple], z.union([id, z.array(id).max(100)]).optional()),
      rank: z.object(
        Object.fromEntries(ranking.map((q) => [q.id, keyed(q.options.map((o) => o.id), z.string().max(3).optional())])),
      ),
      // Length is checked below, so that the message is ours and sits beside the question.
      text: keyed(text, z.string().optional()),
      identity: keyed(text, z.string().max(20).optional()),
      mayQuote: keyed(text, z.string().max(3).optional()),
      crid: keyed(text, z.string().max(64).optional()),
    })
    .transform((fields, ctx) => {
      const answers: Answer[] = [];
      let refused = false;
      const refuse = (path: string[], key: string) => {
        refused = true;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: error(key) });
      };
      for (const question of questions) {
        const optionIds = new Set(question.options.map((o) => o.id));
        const empty = () => {
          if (question.answered) refuse(questionField(question).split("."), "cannotEmpty");
        };
        if (question.kind === "text") {
          const words = fields.text[question.id]?.trim() ?? "";
          if (!words) {
            empty();
            continue;
          }
          if (words.length > MAX_TEXT_ANSWER_LENGTH) refuse(["text", question.id], "textTooLong");
          const identity = fields.identity[question.id];
          const mayQuote = fields.mayQuote[question.id];
          const clientRequestId = fields.crid[question.id] ?? "";
          if (identity !== "team" && identity !== "safeguarding") refuse(["identity", question.id], "identityRequired");
          if (mayQuote !== "yes" && mayQuote !== "no") refuse(["mayQuote", question.id], "mayQuoteRequired");
          // A missing or odd request id is a page that was not ours: refuse rather than risk a second copy.
          if (clientRequestId.length < 8) refuse(["text", question.id], "textInvalid");
          if (identity === "team" || identity === "safeguarding") {
            answers.push({ questionId: question.id, kind: "text", text: words, identity, mayQuote: mayQuote === "yes", clientRequestId });
          }
        } else if (question.kind === "ranking") {
          const given = question.options.map((o) => ({ optionId: o.id, rank: fields.rank[question.id]?.[o.id] }));
          if (given.every((g) => g.rank === undefined)) {
            empty();
            continue;
          }
          const n = question.options.length;
          const ranks = given.map((g) => (g.rank !== undefined && /^\d{1,3}$/.test(g.rank) ? Number(g.rank) : NaN));
          if (ranks.some((r) => !Number.isInteger(r) || r < 1 || r > n)) {
            refuse(["rank", question.id], "rankingGap");
            continue;
          }
          if (new Set(ranks).size !== n) {
            refuse(["rank", question.id], "rankingDuplicate");
            continue;
          }
          const order = given.map((g, i) => ({ optionId: g.optionId, rank: ranks[i]! })).sort((a, b) => a.rank - b.rank);
          answers.push({ questionId: question.id, kind: "ranking", ranking: order.map((o) => o.optionId) });
        } else {
          const raw = fields.q[question.id];
          const chosen = [...new Set(raw === undefined ? [] : Array.isArray(raw) ? raw : [raw])];
          if (chosen.length === 0) {
            empty();
            continue;
          }
          if (chosen.some((o) => !optionIds.has(o))) {
            refuse(["q", question.id], "wrongOption");
            continue;
          }
          const max = question.kind === "multiple" ? (question.maxChoices ?? optionIds.size) : 1;
          if (chosen.length > max) {
            refuse(["q", question.id], "tooMany");
            continue;
          }
          answers.push({ questionId: question.id, kind: "choice", optionIds: chosen });
        }
      }
      if (answers.length === 0 && !refused) refuse([], "nothingAnswered");
      return answers;
    });
}

/** The field name, in the form and in error replies, under which a question's message is shown. */
export function questionField(question: { id: string; kind: QuestionKind }) {
  return `${question.kind === "ranking" ? "rank" : question.kind === "text" ? "text" : "q"}.${question.id}`;
}
