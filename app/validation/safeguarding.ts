import { z } from "zod";

// Shared by the safeguarding forms (constraints, validation in the browser) and their actions.
// Messages are translation keys in the "safeguarding" and "youth" namespaces.

/** The same list as app/models/safeguarding.server.ts (which the browser must not import). */
export const CONCERN_ACTION_KINDS = [
  "referred_social_care",
  "spoke_with_young_person",
  "passed_to_social_worker",
  "not_a_concern",
  "no_further_action",
  "note",
] as const;
/** Outcomes that always end the concern. */
export const CLOSING_KINDS = ["not_a_concern", "no_further_action"] as const;

export const MAX_CONCERN_REASON = 2000;
export const MAX_MESSAGE = 2000;

const version = z.number().int().min(1);

export const AcknowledgeSchema = z.object({ intent: z.literal("acknowledge") });

export const RevealSchema = z.object({
  intent: z.literal("reveal"),
  reason: z
    .string({ required_error: "safeguarding:errors.revealReasonRequired" })
    .trim()
    .min(10, "safeguarding:errors.revealReasonShort")
    .max(MAX_CONCERN_REASON, "safeguarding:errors.reasonLong"),
});

export const ActionSchema = z.object({
  intent: z.literal("action"),
  version,
  kind: z.enum(CONCERN_ACTION_KINDS, { errorMap: () => ({ message: "safeguarding:errors.kindRequired" }) }),
  reason: z
    .string({ required_error: "safeguarding:errors.reasonRequired" })
    .trim()
    .min(1, "safeguarding:errors.reasonRequired")
    .max(MAX_CONCERN_REASON, "safeguarding:errors.reasonLong"),
  close: z.enum(["yes"]).optional(),
});

export const LeadMessageSchema = z.object({
  intent: z.literal("message"),
  clientRequestId: z.string().min(8).max(64),
  text: z
    .string({ required_error: "safeguarding:errors.messageRequired" })
    .trim()
    .min(1, "safeguarding:errors.messageRequired")
    .max(MAX_MESSAGE, "safeguarding:errors.messageLong"),
});

export const ConcernFormSchema = z.discriminatedUnion("intent", [AcknowledgeSchema, RevealSchema, ActionSchema, LeadMessageSchema]);

/** A young person answering the safeguarding lead under their own item. */
export const ReplySchema = z.object({
  clientRequestId: z.string().min(8).max(64),
  text: z
    .string({ required_error: "youth:errors.textRequired" })
    .trim()
    .min(1, "youth:errors.textRequired")
    .max(MAX_MESSAGE, "youth:errors.replyTooLong"),
});

/** An officer escalating an item of their queue to the safeguarding leads. */
export const EscalateSchema = z.object({
  intent: z.literal("escalate"),
  id: z.string().trim().min(1).max(64),
  version,
  reason: z
    .string({ required_error: "officer:errors.escalateReasonRequired" })
    .trim()
    .min(1, "officer:errors.escalateReasonRequired")
    .max(MAX_CONCERN_REASON, "officer:errors.escalateReasonLong"),
});
