import { z } from "zod";
import { normaliseCode } from "#app/utils/text.ts";

// Shared by each form (constraints, validation in the browser) and its action (the real check).
// Messages are translation keys in the "auth" namespace.

export const AGE_BANDS = ["8-12", "13-15", "16-17", "18-25"] as const;

const code = z
  .string({ required_error: "auth:errors.codeRequired" })
  .trim()
  .min(1, "auth:errors.codeRequired")
  .max(40, "auth:errors.codeFormat")
  .transform(normaliseCode)
  .refine((value) => /^\d{8}$/.test(value), "auth:errors.codeFormat");

const password = z
  .string({ required_error: "auth:errors.passwordRequired" })
  .min(8, "auth:errors.passwordShort")
  .max(200, "auth:errors.passwordLong");

export const JoinSchema = z.object({
  code,
  nickname: z
    .string({ required_error: "auth:errors.nicknameRequired" })
    .trim()
    .min(2, "auth:errors.nicknameShort")
    .max(30, "auth:errors.nicknameLong")
    // Letters and digits of any script, spaces, and . _ -; no @ (it is not an email).
    .regex(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u, "auth:errors.nicknameCharacters"),
  password,
  ageBand: z.enum(AGE_BANDS, { errorMap: () => ({ message: "auth:errors.ageBandRequired" }) }),
});

export const JoinAnotherSchema = z.object({ code });

export const SignInSchema = z.object({
  login: z.string({ required_error: "auth:errors.loginRequired" }).trim().min(1, "auth:errors.loginRequired").max(200),
  password: z.string({ required_error: "auth:errors.passwordRequired" }).min(1, "auth:errors.passwordRequired").max(200),
  redirectTo: z.string().max(2000).optional(),
});

export const ResetSchema = z.object({
  nickname: z.string({ required_error: "auth:errors.nicknameRequired" }).trim().min(1, "auth:errors.nicknameRequired").max(200),
  code,
  password,
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ required_error: "auth:errors.passwordRequired" }).min(1, "auth:errors.passwordRequired").max(200),
  newPassword: password,
});
