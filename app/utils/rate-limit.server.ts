import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { data } from "@remix-run/node";
import { prisma } from "#app/utils/db.server.ts";

/**
 * Rate limits, kept in the database so that every instance shares them (rate-limiter-flexible's
 * Prisma store). Swapping the store for Redis later changes only this file.
 */
const policies = {
  /** Joining with a code: guesses of an 8-digit code are slow. */
  join: { points: 10, duration: 15 * 60 },
  /** Sign-in attempts for one name from one address. */
  signIn: { points: 10, duration: 15 * 60 },
  /** Sign-in attempts from one address, whatever the name. */
  signInAddress: { points: 50, duration: 15 * 60 },
  /** Things a young person says. */
  submit: { points: 30, duration: 10 * 60 },
  /** Password resets with a one-time code. */
  reset: { points: 10, duration: 15 * 60 },
} as const;

export type Policy = keyof typeof policies;

const limiters = new Map<Policy, RateLimiterPrisma>();

function limiter(policy: Policy) {
  let found = limiters.get(policy);
  if (!found) {
    found = new RateLimiterPrisma({
      storeClient: prisma,
      // NOTE: the Prisma delegate's name, not the model's.
      tableName: "rateLimiterFlexible",
      keyPrefix: `rl:${policy}`,
      ...policies[policy],
    });
    limiters.set(policy, found);
  }
  return found;
}

export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate limited");
  }
}

/** Spends one point; throws RateLimited when the key has none left. */
export async function consume(policy: Policy, key: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await limiter(policy).consume(key);
      return;
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new RateLimited(Math.ceil(error.msBeforeNext / 1000));
      }
      // Two first hits at once can both try to create the row; the second retries once.
      if (attempt === 0) continue;
      throw error;
    }
  }
}

/** Same as consume, but a 429 Response for a route to throw. */
export async function enforce(policy: Policy, key: string) {
  try {
    await consume(policy, key);
  } catch (error) {
    if (error instanceof RateLimited) {
      throw data({ message: null }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
    }
    throw error;
  }
}

export async function reset(policy: Policy, key: string) {
  await limiter(policy).delete(key);
}

/** The client's address as Express saw it (trust proxy decides), or "unknown" outside a server. */
export function clientAddress(context: unknown): string {
  const ip = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof ip === "string" && ip ? ip : "unknown";
}
