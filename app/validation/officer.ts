import { z } from "zod";
import { UPDATE_STATUSES } from "#app/utils/domain.ts";
import { languages } from "#app/utils/i18n.ts";

// Shared by each officer form (constraints, validation in the browser) and its action (the real
// check). Messages are translation keys in the "officer" namespace.

export const ASK_UPDATE_STATUSES = UPDATE_STATUSES;

export const MAX_PUBLISHED_LENGTH = 5000;
export const MAX_REASON_LENGTH = 500;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_ASK_TEXT_LENGTH = 4000;
export const MAX_ASK_TITLE_LENGTH = 200;
export const INVITE_DEFAULT_DAYS = 14;
export const INVITE_DEFAULT_USES = 30;
export const INVITE_MAX_DAYS = 365;
export const INVITE_MAX_USES = 500;

const id = z.string().trim().min(1).max(64);
const version = z.number().int().min(1);

/** "2026-12-31" → the last second of that day in the UK, when things are due or expire. */
export function endOfUkDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d, 23, 59, 59);
  // Europe/London is UTC+0 or UTC+1 (BST); at 23:59:59 UTC it is then 00:59 of the next day.
  const londonHour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(utc),
  );
  return new Date(londonHour === 0 ? utc - 3600_000 : utc);
}

/** Today's date in the UK, moved by `days`, as "YYYY-MM-DD" (what an <input type="date"> holds). */
export function ukDate(days = 0, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now)
    .split("-")
    .map(Number) as [number, number, number];
  return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days)).toISOString().slice(0, 10);
}

function isCalendarDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // "2026-02-30" parses, as 2 March: only a date that reads back the same is real.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date from an <input type="date">, today or later. */
function futureDate(required: string, invalid: string, past: string) {
  return z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .refine(isCalendarDate, invalid)
    .refine((value) => !isCalendarDate(value) || value >= ukDate(), past);
}

// ---------------------------------------------------------------------------------------------
// Moderation queue

export const ApproveSchema = z.object({
  intent: z.literal("approve"),
  id,
  version,
  publishedText: z
    .string({ required_error: "officer:errors.publishedTextRequired" })
    .trim()
    .min(1, "officer:errors.publishedTextRequired")
    .max(MAX_PUBLISHED_LENGTH, "officer:errors.publishedTextLong"),
  themeId: z.string().trim().max(64).optional(),
  englishText: z.string().trim().max(MAX_PUBLISHED_LENGTH, "officer:errors.englishTextLong").optional(),
});

export const HoldSchema = z.object({
  intent: z.literal("hold"),
  id,
  version,
  reason: z
    .string({ required_error: "officer:errors.reasonRequired" })
    .trim()
    .min(1, "officer:errors.reasonRequired")
    .max(MAX_REASON_LENGTH, "officer:errors.reasonLong"),
});

export const DecideSchema = z.discriminatedUnion("intent", [ApproveSchema, HoldSchema]);

// ---------------------------------------------------------------------------------------------
// Asks

/** The random key a form carries so that posting it twice acts once (app/models/submissions.server.ts). */
const submissionKey = z.string().min(16).max(64).optional();

/** The languages an update can be translated into: every one but English. */
export const ASK_TRANSLATION_LOCALES = languages.filter((l) => l.code !== "en").map((l) => l.code);

/** An optional calendar date; empty means none. */
const optionalDueOn = futureDate("officer:errors.dateRequired", "officer:errors.dateInvalid", "officer:errors.dateInPast").optional();

export const NewAskSchema = z
  .object({
    submissionKey,
    feedbackIds: z.array(id).max(200).default([]),
    pollIds: z.array(id).max(20).default([]),
    title: z
      .string({ required_error: "officer:errors.titleRequired" })
      .trim()
      .min(1, "officer:errors.titleRequired")
      .max(MAX_ASK_TITLE_LENGTH, "officer:errors.titleLong"),
    body: z
      .string({ required_error: "officer:errors.bodyRequired" })
      .trim()
      .min(1, "officer:errors.bodyRequired")
      .max(MAX_ASK_TEXT_LENGTH, "officer:errors.bodyLong"),
    ownerId: id.optional(),
    dueOn: optionalDueOn,
  })
  .superRefine((value, ctx) => {
    if (value.feedbackIds.length + value.pollIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["feedbackIds"], message: "officer:errors.itemsRequired" });
    }
  });

export const AskUpdateSchema = z.object({
  intent: z.literal("update").default("update"),
  submissionKey,
  status: z.enum(ASK_UPDATE_STATUSES, { errorMap: () => ({ message: "officer:errors.statusRequired" }) }),
  text: z
    .string({ required_error: "officer:errors.updateTextRequired" })
    .trim()
    .min(1, "officer:errors.updateTextRequired")
    .max(MAX_ASK_TEXT_LENGTH, "officer:errors.updateTextLong"),
  /** Why the status goes back; the action says when it is required (it depends on the ask's status now). */
  reason: z.string().trim().max(MAX_REASON_LENGTH, "officer:errors.reasonLong").optional(),
  translations: z
    .object(Object.fromEntries(ASK_TRANSLATION_LOCALES.map((code) => [code, z.string().trim().max(MAX_ASK_TEXT_LENGTH, "officer:errors.updateTextLong").optional()])))
    .optional(),
});

export const AskPlanSchema = z.object({
  intent: z.literal("plan"),
  ownerId: id.optional(),
  dueOn: optionalDueOn,
  version,
});

export const AcknowledgeSchema = z.object({ intent: z.literal("acknowledge") });

/** A translator marks one translation of an update as checked (or not). */
export const CheckTranslationSchema = z.object({
  intent: z.literal("check-translation"),
  updateId: id,
  locale: z.enum(ASK_TRANSLATION_LOCALES as [string, ...string[]]),
  checked: z.enum(["yes", "no"]),
  /** The fingerprint of the words on the translator's screen: only those are marked. */
  seen: z.string().min(1).max(64),
});

/** Adds or corrects one language of a posted update (an empty text removes it). */
export const TranslateUpdateSchema = z.object({
  intent: z.literal("translate"),
  updateId: id,
  locale: z.enum(ASK_TRANSLATION_LOCALES as [string, ...string[]]),
  text: z.string().trim().max(MAX_ASK_TEXT_LENGTH, "officer:errors.updateTextLong").default(""),
  /** The update's reason in the same language, when it gives one. */
  reason: z.string().trim().max(MAX_REASON_LENGTH, "officer:errors.reasonLong").default(""),
});

/**
 * Sets one language of an ask's own title and body. Both empty removes the language (young people
 * then read the English, marked); one without the other is refused by the model, which knows
 * whether the English has a body.
 */
export const TranslateAskSchema = z.object({
  intent: z.literal("translate-ask"),
  locale: z.enum(ASK_TRANSLATION_LOCALES as [string, ...string[]]),
  title: z.string().trim().max(MAX_ASK_TITLE_LENGTH, "officer:errors.titleLong").default(""),
  body: z.string().trim().max(MAX_ASK_TEXT_LENGTH, "officer:errors.bodyLong").default(""),
});

/** A translator marks one language of an ask's title and body as checked (or not). */
export const CheckAskTranslationSchema = z.object({
  intent: z.literal("check-ask-translation"),
  locale: z.enum(ASK_TRANSLATION_LOCALES as [string, ...string[]]),
  checked: z.enum(["yes", "no"]),
  /** The fingerprint of the words on the translator's screen: only those are marked. */
  seen: z.string().min(1).max(64),
});

export const AskActionSchema = z.discriminatedUnion("intent", [
  AskUpdateSchema,
  AskPlanSchema,
  AcknowledgeSchema,
  CheckTranslationSchema,
  TranslateUpdateSchema,
  TranslateAskSchema,
  CheckAskTranslationSchema,
]);

// ---------------------------------------------------------------------------------------------
// A group: members and invites

export const NoteSchema = z.object({
  intent: z.literal("note"),
  memberId: id,
  note: z.string().trim().max(MAX_NOTE_LENGTH, "officer:errors.noteLong").optional(),
});

export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), memberId: id });

export const ResetCodeSchema = z.object({ intent: z.literal("reset-code"), memberId: id });

export const CreateInviteSchema = z.object({
  intent: z.literal("create-invite"),
  submissionKey,
  expiresOn: futureDate("officer:errors.dateRequired", "officer:errors.dateInvalid", "officer:errors.dateInPast").refine(
    (value) => value <= ukDate(INVITE_MAX_DAYS),
    "officer:errors.expiryTooFar",
  ),
  maxUses: z
    .number({ required_error: "officer:errors.maxUsesRequired", invalid_type_error: "officer:errors.maxUsesRange" })
    .int("officer:errors.maxUsesRange")
    .min(1, "officer:errors.maxUsesRange")
    .max(INVITE_MAX_USES, "officer:errors.maxUsesRange"),
});

export const RevokeInviteSchema = z.object({ intent: z.literal("revoke-invite"), inviteId: id });

export const GroupActionSchema = z.discriminatedUnion("intent", [
  NoteSchema,
  RemoveMemberSchema,
  ResetCodeSchema,
  CreateInviteSchema,
  RevokeInviteSchema,
]);
