import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { PollInput } from "#app/models/polls.server.ts";
import { QUESTION_KINDS, RESULTS_VISIBILITY, SCALE_VALUES, type QuestionKind } from "#app/utils/domain.ts";
import { languages } from "#app/utils/i18n.ts";

// The poll builder's form, shared by the browser (constraints, validation as the officer types)
// and the actions of /officer/polls/new and /officer/polls/$pollId (the real check). Messages are
// translation keys in the "polls" namespace.

export const MAX_TITLE_LENGTH = 200;
export const MAX_INTRO_LENGTH = 2000;
export const MAX_PROMPT_LENGTH = 500;
export const MAX_OPTION_LENGTH = 200;
export const MAX_QUESTIONS = 20;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

/** Kinds whose options the officer writes (a scale has its five points, a short text none). */
export const LISTED_KINDS: readonly QuestionKind[] = ["single", "multiple", "ranking"];

/** Every language but English gets a translation field beside each English text. */
export const TRANSLATION_LOCALES = languages.filter((l) => l.code !== "en").map((l) => l.code);

const id = z.string().trim().min(1).max(64);
const submissionKey = z.string().min(16).max(64).optional();

// ---------------------------------------------------------------------------------------------
// UK date and time, as an <input type="datetime-local"> holds it ("2026-12-01T18:30")

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

const ukParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A moment as the wall clock in the UK shows it, "YYYY-MM-DDTHH:mm" (a datetime-local value). */
export function toUkDateTime(date: Date | string): string {
  const parts = Object.fromEntries(ukParts.formatToParts(new Date(date)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function isUkDateTime(value: string) {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, y, m, d, hh, mm] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, hh, mm));
  // "2026-02-30T10:00" parses, as 2 March: only a date that reads back the same is real.
  return hh < 24 && mm < 60 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * "2026-12-01T18:30", read on a UK wall clock (Europe/London, GMT or BST), as a moment. Of the two
 * moments an hour apart that read the same when the clocks go back, the first; a time skipped when
 * they go forward is taken as the hour after.
 */
export function fromUkDateTime(value: string): Date {
  const [, y, m, d, hh, mm] = DATE_TIME.exec(value)!.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const minute = value.slice(0, 16);
  // The UK is UTC+1 (BST) or UTC+0 (GMT): the moment is the one whose UK clock reads `value`.
  for (const offset of [3600_000, 0]) {
    if (toUkDateTime(new Date(wall - offset)) === minute) return new Date(wall - offset);
  }
  return new Date(wall);
}

// ---------------------------------------------------------------------------------------------
// The poll

/** One optional text per non-English language: `titleTranslations.ar`. Empty means "use the English". */
function translations(max: number, tooLong: string) {
  return z
    .object(Object.fromEntries(TRANSLATION_LOCALES.map((code) => [code, z.string().trim().max(max, tooLong).optional()])))
    .optional();
}

function text(max: number, required: string, tooLong: string) {
  return z.string({ required_error: required }).trim().min(1, required).max(max, tooLong);
}

const dateTime = z.string().trim().refine(isUkDateTime, "polls:errors.dateInvalid").optional();

const OptionSchema = z.object({
  id: id.optional(),
  // Optional here so that a scale's empty point can take its default words (the model's); a listed
  // kind's empty option is refused below.
  label: z.string().trim().max(MAX_OPTION_LENGTH, "polls:errors.optionLong").optional(),
  labelTranslations: translations(MAX_OPTION_LENGTH, "polls:errors.optionLong"),
});

const QuestionSchema = z
  .object({
    id: id.optional(),
    kind: z.enum(QUESTION_KINDS, { errorMap: () => ({ message: "polls:errors.kindRequired" }) }),
    prompt: text(MAX_PROMPT_LENGTH, "polls:errors.promptRequired", "polls:errors.promptLong"),
    promptTranslations: translations(MAX_PROMPT_LENGTH, "polls:errors.promptLong"),
    maxChoices: z
      .number({ invalid_type_error: "polls:errors.maxChoicesRange" })
      .int("polls:errors.maxChoicesRange")
      .min(1, "polls:errors.maxChoicesRange")
      .optional(),
    options: z.array(OptionSchema).max(MAX_OPTIONS, "polls:errors.optionsTooMany").default([]),
  })
  .superRefine((question, ctx) => {
    if (question.kind === "text") return;
    // Not a scale's five points (see toPollInput): they start again from the default words.
    if (question.kind === "scale" && question.options.length !== SCALE_VALUES.length) return;
    const listed = LISTED_KINDS.includes(question.kind);
    if (listed && question.options.length < MIN_OPTIONS) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "polls:errors.optionsTooFew" });
    }
    const seen = new Map<string, number>();
    for (const [index, option] of question.options.entries()) {
      if (!option.label) {
        if (listed) ctx.addIssue({ code: "custom", path: ["options", index, "label"], message: "polls:errors.optionRequired" });
        continue;
      }
      const key = option.label.normalize("NFKC").toLocaleLowerCase().replace(/\s+/g, " ");
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["options", index, "label"], message: "polls:errors.optionDuplicate" });
      else seen.set(key, index);
    }
    if (question.kind === "multiple" && question.maxChoices !== undefined && question.maxChoices > Math.max(question.options.length, 1)) {
      ctx.addIssue({ code: "custom", path: ["maxChoices"], message: "polls:errors.maxChoicesRange" });
    }
  });

export const PollSchema = z
  .object({
    submissionKey,
    /** The poll's version the form was made from (editing only). */
    version: z.number().int().min(0).optional(),
    title: text(MAX_TITLE_LENGTH, "polls:errors.titleRequired", "polls:errors.titleLong"),
    titleTranslations: translations(MAX_TITLE_LENGTH, "polls:errors.titleLong"),
    intro: z.string().trim().max(MAX_INTRO_LENGTH, "polls:errors.introLong").optional(),
    introTranslations: translations(MAX_INTRO_LENGTH, "polls:errors.introLong"),
    groupIds: z
      .array(id, { required_error: "polls:errors.groupsRequired" })
      .min(1, "polls:errors.groupsRequired")
      .max(100),
    opensAt: dateTime,
    closesAt: dateTime,
    resultsVisibility: z.enum(RESULTS_VISIBILITY, { errorMap: () => ({ message: "polls:errors.visibilityRequired" }) }),
    askId: id.optional(),
    questions: z
      .array(QuestionSchema, { required_error: "polls:errors.questionsRequired" })
      .min(1, "polls:errors.questionsRequired")
      .max(MAX_QUESTIONS, "polls:errors.questionsTooMany"),
  })
  .superRefine((poll, ctx) => {
    if (poll.opensAt && poll.closesAt && isUkDateTime(poll.opensAt) && isUkDateTime(poll.closesAt)) {
      if (fromUkDateTime(poll.closesAt) <= fromUkDateTime(poll.opensAt)) {
        ctx.addIssue({ code: "custom", path: ["closesAt"], message: "polls:errors.closesBeforeOpens" });
      }
    }
    // A translation is stored per language as a title with its introduction: an introduction
    // alone would be dropped.
    for (const code of TRANSLATION_LOCALES) {
      if (poll.introTranslations?.[code] && !poll.titleTranslations?.[code]) {
        ctx.addIssue({ code: "custom", path: ["titleTranslations", code], message: "polls:errors.titleTranslationNeeded" });
      }
    }
  });

/** What the form holds (strings as typed), and what the checked form gives. */
export type PollFormInput = z.input<typeof PollSchema>;
export type PollFormValue = z.infer<typeof PollSchema>;

function translated(value: Record<string, string | undefined> | undefined) {
  return Object.fromEntries(Object.entries(value ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

/**
 * The checked form as the model takes it. A scale's empty point takes the model's default words;
 * so do all five when the form did not carry five points (without JavaScript an officer can turn
 * a question into a scale while its old options are still on the page: those are not a scale's).
 */
export function toPollInput(value: PollFormValue): PollInput {
  return {
    title: value.title,
    intro: value.intro ?? "",
    titleTranslations: translated(value.titleTranslations),
    introTranslations: translated(value.introTranslations),
    groupIds: [...new Set(value.groupIds)],
    opensAt: value.opensAt ? fromUkDateTime(value.opensAt) : null,
    closesAt: value.closesAt ? fromUkDateTime(value.closesAt) : null,
    resultsVisibility: value.resultsVisibility,
    askId: value.askId ?? null,
    questions: value.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind,
      prompt: q.prompt,
      promptTranslations: translated(q.promptTranslations),
      // No maximum given: as many as they like (castVote reads null as every option).
      maxChoices: q.kind === "multiple" ? (q.maxChoices ?? null) : null,
      options:
        q.kind === "text" || (q.kind === "scale" && q.options.length !== SCALE_VALUES.length)
          ? []
          : q.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), label: o.label ?? "", labelTranslations: translated(o.labelTranslations) })),
    })),
  };
}

/**
 * The builder's post, checked. conform reads its "__intent__" field (the add and remove buttons)
 * as JSON and throws on anything else: a forged post gets the empty form's errors (400), not a 500.
 */
export function parsePollForm(formData: FormData) {
  try {
    return parseWithZod(formData, { schema: PollSchema });
  } catch {
    return parseWithZod(new FormData(), { schema: PollSchema });
  }
}

// ---------------------------------------------------------------------------------------------
// Opening and closing by hand (the edit page's other forms)

export const PollStatusSchema = z.object({ intent: z.enum(["open", "close"]) });
