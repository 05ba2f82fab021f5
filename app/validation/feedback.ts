import { z } from "zod";

export const MAX_FEEDBACK_LENGTH = 4000;
export const MOODS = [1, 2, 3, 4, 5] as const;

// Shared by the "say something" form and its action. Messages are keys in the "youth" namespace.
export const SaySchema = z.object({
  groupId: z.string({ required_error: "youth:errors.groupRequired" }).min(1, "youth:errors.groupRequired").max(64),
  text: z
    .string({ required_error: "youth:errors.textRequired" })
    .trim()
    .min(1, "youth:errors.textRequired")
    .max(MAX_FEEDBACK_LENGTH, "youth:errors.textTooLong"),
  mood: z.coerce.number().int().min(1).max(5).optional(),
  themeId: z.string().max(64).optional(),
  identity: z.enum(["team", "safeguarding"], { errorMap: () => ({ message: "youth:errors.identityRequired" }) }),
  mayQuote: z.enum(["yes", "no"], { errorMap: () => ({ message: "youth:errors.mayQuoteRequired" }) }),
  clientRequestId: z.string().min(8).max(64),
});

export const WithdrawSchema = z.object({ feedbackId: z.string().min(1).max(64) });
