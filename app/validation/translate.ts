import { z } from "zod";
import { MAX_INTRO_LENGTH, MAX_OPTION_LENGTH, MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, TRANSLATION_LOCALES } from "#app/validation/polls.ts";

// The translators' forms (/translate). Messages are translation keys; the poll ones are the poll
// builder's own, so a too-long translation reads the same wherever it is typed.

export const TranslationLocale = z.enum(TRANSLATION_LOCALES as [string, ...string[]]);

const id = z.string().min(1).max(64);

const SavePoll = z.object({
  intent: z.literal("save"),
  version: z.coerce.number().int().min(0),
  title: z.string().trim().max(MAX_TITLE_LENGTH, "polls:errors.titleLong").default(""),
  intro: z.string().trim().max(MAX_INTRO_LENGTH, "polls:errors.introLong").default(""),
  prompts: z.record(id, z.string().trim().max(MAX_PROMPT_LENGTH, "polls:errors.promptLong")).default({}),
  labels: z.record(id, z.string().trim().max(MAX_OPTION_LENGTH, "polls:errors.optionLong")).default({}),
});

const Mark = z.object({
  intent: z.enum(["check", "uncheck"]),
  /** The fingerprint of the words on the translator's screen. */
  seen: z.string().min(1).max(64),
});

export const PollTranslationAction = z.discriminatedUnion("intent", [SavePoll, Mark]).superRefine((value, ctx) => {
  // The title and introduction are stored together: an introduction alone would be lost.
  if (value.intent === "save" && value.intro && !value.title) {
    ctx.addIssue({ code: "custom", path: ["title"], message: "polls:errors.titleTranslationNeeded" });
  }
});

/** A form's fields, `prompts.<question id>` and `labels.<option id>` grouped by question and option. */
export function translationFormValues(formData: FormData) {
  const value: Record<string, unknown> = { prompts: {}, labels: {} };
  for (const [name, entry] of formData) {
    if (typeof entry !== "string") continue;
    const [group, key] = name.split(".", 2);
    if ((group === "prompts" || group === "labels") && key) (value[group] as Record<string, string>)[key] = entry;
    else if (!name.includes(".")) value[name] = entry;
  }
  return value;
}

export type TranslationFieldErrors = Record<string, string>;

/** The first message for each field, keyed by the field's name in the form. */
export function fieldErrors(error: z.ZodError): TranslationFieldErrors {
  const out: TranslationFieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join(".");
    out[name] ??= issue.message;
  }
  return out;
}

/**
 * The language a translator works in: `?lang=` when given (a code the app does not translate
 * into is an error, not a silent switch), else the reader's own language, else Arabic.
 */
export function translationLanguage(url: URL, readerLocale: string): { ok: true; lang: string } | { ok: false } {
  const asked = url.searchParams.get("lang");
  if (asked === null) return { ok: true, lang: TranslationLocale.safeParse(readerLocale).success ? readerLocale : "ar" };
  const parsed = TranslationLocale.safeParse(asked);
  return parsed.success ? { ok: true, lang: parsed.data } : { ok: false };
}
