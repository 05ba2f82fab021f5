import { createSession } from "#app/utils/session.server.ts";

export const BASE_URL = "http://localhost:3000";

/** A Cookie header for a new session of this user, as the browser would send it. */
export async function sessionCookie(userId: string) {
  const setCookie = await createSession(userId);
  return setCookie.split(";")[0]!;
}

export function getRequest(path: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(new URL(path, BASE_URL), {
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

/** A form post, as a browser without JavaScript sends it. */
export function postRequest(
  path: string,
  fields: Record<string, string | string[]>,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return new Request(new URL(path, BASE_URL), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
  });
}

/**
 * Route module arguments for a request. Each call comes from a new documentation address unless
 * one is given, so rate limits only bite in the tests that are about them.
 */
export function args(request: Request, params: Record<string, string> = {}, clientAddress?: string) {
  return { request, params, context: { clientAddress: clientAddress ?? `198.51.100.${Math.floor(Math.random() * 254) + 1}:${Math.random()}` } };
}

/** Runs a loader or action and returns what it returned or threw (Responses and data() alike). */
export async function settle<T>(fn: () => Promise<T>): Promise<{ status: number; value: unknown; headers: Headers }> {
  try {
    const value = await fn();
    return normalise(value, 200);
  } catch (thrown) {
    return normalise(thrown, 500, true);
  }
}

function normalise(value: unknown, fallbackStatus: number, thrown = false) {
  if (value instanceof Response) {
    return { status: value.status, value, headers: value.headers };
  }
  // data(value, init) from @remix-run/node: a DataWithResponseInit
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as unknown as { data: unknown; init?: ResponseInit | null };
    return { status: d.init?.status ?? 200, value: d.data, headers: new Headers(d.init?.headers) };
  }
  if (thrown) throw value;
  return { status: fallbackStatus, value, headers: new Headers() };
}
