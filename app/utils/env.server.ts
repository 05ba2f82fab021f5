import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "#app/utils/database-url.ts";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
      message: "must start with file: or postgresql://",
    }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Secret for signing the session cookie; quickstart makes one in data/ if unset. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** The address staff open Voices at, for links in alert emails (e.g. https://voices.example.org). */
  PUBLIC_URL: z.string().trim().url().optional(),
  /** How often this instance looks for due jobs (alert emails, escalation timers), in ms. */
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Set behind TLS so cookies are Secure. */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});

export type Env = z.infer<typeof schema>;

let cached: { source: string; env: Env } | undefined;

/**
 * Environment, checked by zod. Re-read when the variables change (tests switch databases); a
 * production server reads it once (every request asks, and reading process.env is not free:
 * about 15 µs of each vote's 400, bench/polls.ts).
 */
export function env(): Env {
  if (cached?.env.NODE_ENV === "production") return cached.env;
  const source = JSON.stringify([
    process.env.NODE_ENV,
    process.env.PORT,
    process.env.DATABASE_URL,
    process.env.DATABASE_POOL_SIZE,
    process.env.SESSION_SECRET,
    process.env.SECURE_COOKIES,
    process.env.PUBLIC_URL,
    process.env.JOBS_POLL_MS,
  ]);
  if (cached?.source === source) return cached.env;
  const parsed = schema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PUBLIC_URL: process.env.PUBLIC_URL || undefined,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  cached = { source, env: parsed.data };
  return parsed.data;
}
