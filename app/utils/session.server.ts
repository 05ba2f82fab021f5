import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirectDocument } from "@remix-run/node";
import { dropLiveConnections } from "#app/realtime/publish.server.ts";
import { fromSqliteTime, sql } from "#app/utils/sqlite.server.ts";
import { prisma, sqliteConnection } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";

export const SESSION_COOKIE_NAME = "voices_session";
const SESSION_DAYS = 30;
// lastSeenAt is refreshed at most this often, so reading a page does not write every time.
const TOUCH_EVERY_MS = 60 * 60 * 1000;

let cookie: { key: string; cookie: ReturnType<typeof createCookie> } | undefined;

/** The session cookie, made again only when its secret or Secure setting changes (tests switch). */
function sessionCookie() {
  const key = `${env().SECURE_COOKIES}\u0000${sessionSecret()}`;
  if (cookie?.key !== key) cookie = { key, cookie: makeSessionCookie() };
  return cookie.cookie;
}

function makeSessionCookie() {
  return createCookie(SESSION_COOKIE_NAME, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env().SECURE_COOKIES,
    secrets: [sessionSecret()],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

function sessionSecret(): string {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set (server/index.ts sets one at start-up).");
  return secret;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SessionUser = {
  id: string;
  sessionId: string;
  kind: "young_person" | "staff";
  displayName: string;
  locale: string;
  roles: string[];
};

const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of a request, looked up once per request. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let found = perRequest.get(request);
  if (!found) {
    found = lookUp(request.headers.get("Cookie"));
    perRequest.set(request, found);
  }
  return found;
}

/** Also used by the socket.io handshake: the same cookie, the same rules. */
export async function getUserFromCookieHeader(cookieHeader: string | null) {
  return lookUp(cookieHeader);
}

async function lookUp(cookieHeader: string | null): Promise<SessionUser | null> {
  if (!cookieHeader?.includes(SESSION_COOKIE_NAME)) return null;
  const token: unknown = await sessionCookie().parse(cookieHeader);
  if (typeof token !== "string" || token.length < 32) return null;
  const session = await findSession(hashToken(token));
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.session
      .update({ where: { id: session.id }, data: { lastSeenAt: new Date() } })
      .catch(() => {});
  }
  const { user } = session;
  return {
    id: user.id,
    sessionId: session.id,
    kind: user.kind === "staff" ? "staff" : "young_person",
    displayName: user.displayName,
    locale: user.locale,
    roles: user.roles.map((r) => r.role),
  };
}

type FoundSession = {
  id: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: { id: string; kind: string; displayName: string; locale: string; disabledAt: Date | null; roles: { role: string }[] };
};

/**
 * The session row behind a token hash, with its user. Every request reads it, so on SQLite it is
 * plain SQL on Prisma's own connection (decision 007, addendum); the same row either way
 * (session.test.ts compares the two).
 */
export async function findSession(tokenHash: string, { viaPrisma = false } = {}): Promise<FoundSession | null> {
  const db = viaPrisma ? null : await sqliteConnection();
  if (!db) {
    return prisma.session.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        expiresAt: true,
        lastSeenAt: true,
        user: { select: { id: true, kind: true, displayName: true, locale: true, disabledAt: true, roles: { select: { role: true } } } },
      },
    });
  }
  const row = sql(
    db,
    `SELECT s."id", s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."kind", u."displayName", u."locale", u."disabledAt"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`,
  ).get(tokenHash) as
    | { id: string; expiresAt: unknown; lastSeenAt: unknown; userId: string; kind: string; displayName: string; locale: string; disabledAt: unknown }
    | undefined;
  if (!row) return null;
  // Roles are staff's only: a young person's request (every vote) reads none.
  const roles = row.kind === "staff" ? (sql(db, 'SELECT "role" FROM "UserRole" WHERE "userId" = ?').all(row.userId) as { role: string }[]) : [];
  return {
    id: row.id,
    expiresAt: fromSqliteTime(row.expiresAt)!,
    lastSeenAt: fromSqliteTime(row.lastSeenAt)!,
    user: { id: row.userId, kind: row.kind, displayName: row.displayName, locale: row.locale, disabledAt: fromSqliteTime(row.disabledAt), roles },
  };
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
    },
  });
  return sessionCookie().serialize(token);
}

export async function destroySessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Signs out this browser. */
export async function signOut(request: Request, redirectTo = "/") {
  const user = await getSessionUser(request);
  if (user) {
    await prisma.session.deleteMany({ where: { id: user.sessionId } });
    dropLiveConnections({ sessionId: user.sessionId });
  }
  return redirectDocument(redirectTo, { headers: { "Set-Cookie": await destroySessionCookie() } });
}

/** Signs out every browser of this user ("sign out everywhere"). */
export async function signOutEverywhere(userId: string) {
  await prisma.session.deleteMany({ where: { userId } });
  dropLiveConnections({ userIds: [userId] });
}

/**
 * Signs a user in and sends them on, loading a new document: the account's language and its
 * screens' strings come with the page, not patched into the old one.
 */
export async function startSession(userId: string, redirectTo: string) {
  return redirectDocument(redirectTo, { headers: { "Set-Cookie": await createSession(userId) } });
}
