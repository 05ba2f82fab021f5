import { z } from "zod";
import { MIN_SUPPRESSION_THRESHOLD, STAFF_ROLES } from "#app/utils/domain.ts";
import { toAsciiDigits } from "#app/utils/text.ts";

// Shared by each admin form (constraints, validation in the browser) and its action (the real
// check). Messages are translation keys in the "admin" namespace.

export const STAFF_ROLE_OPTIONS = STAFF_ROLES;
export const MIN_THRESHOLD = MIN_SUPPRESSION_THRESHOLD;
export const MAX_THRESHOLD = 50;
export const MAX_HELPLINES = 6;

const id = z.string({ required_error: "admin:errors.badRequest" }).min(1).max(64);

const roles = z
  .array(z.enum(STAFF_ROLE_OPTIONS, { errorMap: () => ({ message: "admin:errors.rolesRequired" }) }), {
    required_error: "admin:errors.rolesRequired",
  })
  .min(1, "admin:errors.rolesRequired")
  .transform((list) => [...new Set(list)]);

export const CreateStaffSchema = z.object({
  intent: z.literal("create-staff"),
  name: z
    .string({ required_error: "admin:errors.nameRequired" })
    .trim()
    .min(1, "admin:errors.nameRequired")
    .max(100, "admin:errors.nameLong"),
  email: z
    .string({ required_error: "admin:errors.emailRequired" })
    .trim()
    .max(254, "admin:errors.emailInvalid")
    .email("admin:errors.emailInvalid"),
  password: z
    .string({ required_error: "admin:errors.passwordRequired" })
    .min(12, "admin:errors.passwordShort")
    .max(200, "admin:errors.passwordLong"),
  roles,
});

export const StaffRolesSchema = z.object({
  intent: z.literal("set-roles"),
  userId: id,
  roles,
});

export const StaffStateSchema = z.object({
  intent: z.literal("set-disabled"),
  userId: id,
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const CreateGroupSchema = z.object({
  intent: z.literal("create-group"),
  name: z
    .string({ required_error: "admin:errors.groupNameRequired" })
    .trim()
    .min(1, "admin:errors.groupNameRequired")
    .max(80, "admin:errors.groupNameLong"),
  description: z.string().trim().max(500, "admin:errors.descriptionLong").default(""),
});

export const GroupOfficersSchema = z.object({
  intent: z.literal("set-officers"),
  groupId: id,
  // No box ticked is allowed: a group may be left without officers for a while.
  officerIds: z.array(id).max(200).default([]),
});

/** Digits, spaces, + ( ) - and at least three digits: "999", "116 123", "+44 (0)20 7946 0000". */
const PHONE = /^\+?[0-9][0-9 ()-]*$/;

export const MIN_ESCALATE_MINUTES = 5;
export const MAX_ESCALATE_MINUTES = 240;

/** Known kinds are labelled in the young person's language (app/components/help-panel.tsx). */
export const HELPLINE_KINDS = ["childline", "out_of_hours", "emergency", "worker", "other"] as const;

const helpline = z
  .object({
    kind: z.enum(HELPLINE_KINDS).catch("other").optional(),
    name: z.string().trim().max(80, "admin:errors.helplineNameLong").optional(),
    phone: z
      .string()
      .trim()
      .max(30, "admin:errors.phoneInvalid")
      .transform((value) => toAsciiDigits(value))
      .optional(),
    hours: z.string().trim().max(80, "admin:errors.hoursLong").optional(),
  })
  .superRefine((row, ctx) => {
    const empty = !row.name && !row.phone && !row.hours;
    if (empty) return;
    if (!row.name) ctx.addIssue({ code: "custom", path: ["name"], message: "admin:errors.helplineNameRequired" });
    if (!row.phone) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "admin:errors.phoneRequired" });
    } else if (!PHONE.test(row.phone) || row.phone.replace(/\D/g, "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "admin:errors.phoneInvalid" });
    }
  });

export const SettingsSchema = z.object({
  name: z
    .string({ required_error: "admin:errors.orgNameRequired" })
    .trim()
    .min(1, "admin:errors.orgNameRequired")
    .max(100, "admin:errors.orgNameLong"),
  suppressionThreshold: z
    .number({ required_error: "admin:errors.thresholdRequired", invalid_type_error: "admin:errors.thresholdRange" })
    .int("admin:errors.thresholdRange")
    .min(MIN_THRESHOLD, "admin:errors.thresholdMin")
    .max(MAX_THRESHOLD, "admin:errors.thresholdRange"),
  overdueAfterDays: z
    .number({ required_error: "admin:errors.overdueRequired", invalid_type_error: "admin:errors.overdueRange" })
    .int("admin:errors.overdueRange")
    .min(1, "admin:errors.overdueRange")
    .max(365, "admin:errors.overdueRange"),
  helplines: z
    .array(helpline)
    .max(MAX_HELPLINES, "admin:errors.helplinesTooMany")
    .default([])
    // Empty rows are the form's spare lines, not helplines.
    .transform((rows) =>
      rows
        .filter((row) => row.name || row.phone || row.hours)
        .map((row) => ({ kind: row.kind ?? "other", name: row.name ?? "", phone: row.phone ?? "", hours: row.hours ?? "" })),
    ),
  escalateAfterMinutes: z
    .number({ required_error: "admin:errors.escalateRequired", invalid_type_error: "admin:errors.escalateRange" })
    .int("admin:errors.escalateRange")
    .min(MIN_ESCALATE_MINUTES, "admin:errors.escalateRange")
    .max(MAX_ESCALATE_MINUTES, "admin:errors.escalateRange"),
});

const email = z.string().trim().max(200).email("admin:errors.emailInvalid");

export const MailSettingsSchema = z.object({
  intent: z.literal("save"),
  smtpHost: z
    .string()
    .trim()
    .max(200, "admin:errors.hostInvalid")
    .regex(/^[A-Za-z0-9.-]*$/, "admin:errors.hostInvalid")
    .default(""),
  smtpPort: z
    .number({ required_error: "admin:errors.portRange", invalid_type_error: "admin:errors.portRange" })
    .int("admin:errors.portRange")
    .min(1, "admin:errors.portRange")
    .max(65535, "admin:errors.portRange"),
  smtpSecure: z.enum(["yes"]).optional(),
  smtpUser: z.string().trim().max(200, "admin:errors.userLong").default(""),
  /** Empty: keep the password already set. */
  smtpPassword: z.string().max(500, "admin:errors.passwordLong").default(""),
  clearPassword: z.enum(["yes"]).optional(),
  mailFrom: z.union([z.literal(""), email]).default(""),
});

export const TestMailSchema = z.object({ intent: z.literal("test") });
export const MailFormSchema = z.discriminatedUnion("intent", [MailSettingsSchema, TestMailSchema]);

export const PHRASE_CATEGORIES = [
  "abuse",
  "sexual_harm",
  "self_harm",
  "suicide",
  "missing",
  "criminal_exploitation",
  "sexual_exploitation",
  "unsafe_home",
  "bullying",
  "trafficking",
] as const;

export const AddPhraseSchema = z.object({
  intent: z.literal("add"),
  language: z.string({ required_error: "admin:errors.languageRequired" }).trim().min(2, "admin:errors.languageRequired").max(16),
  category: z.enum(PHRASE_CATEGORIES, { errorMap: () => ({ message: "admin:errors.categoryRequired" }) }),
  phrase: z
    .string({ required_error: "admin:errors.phraseRequired" })
    .trim()
    .min(1, "admin:errors.phraseRequired")
    .max(200, "admin:errors.phraseLong"),
});
export const RemovePhraseSchema = z.object({ intent: z.literal("remove"), phraseId: id });
export const PhraseFormSchema = z.discriminatedUnion("intent", [AddPhraseSchema, RemovePhraseSchema]);

export const REDACTION_TERM_KINDS = ["name", "school", "placement", "place"] as const;
export const AddTermSchema = z.object({
  intent: z.literal("add"),
  kind: z.enum(REDACTION_TERM_KINDS, { errorMap: () => ({ message: "admin:errors.termKindRequired" }) }),
  text: z
    .string({ required_error: "admin:errors.termRequired" })
    .trim()
    .min(2, "admin:errors.termShort")
    .max(120, "admin:errors.termLong"),
});
export const RemoveTermSchema = z.object({ intent: z.literal("remove"), termId: id });
export const TermFormSchema = z.discriminatedUnion("intent", [AddTermSchema, RemoveTermSchema]);
