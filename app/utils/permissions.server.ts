import { data, redirect } from "@remix-run/node";
import { prisma } from "#app/utils/db.server.ts";
import { getSessionUser, type SessionUser } from "#app/utils/session.server.ts";

import type { StaffRole } from "#app/utils/domain.ts";

export { STAFF_ROLES, type StaffRole } from "#app/utils/domain.ts";

/** Throws a Response that the error boundary shows in the user's language. */
export function invariantResponse(
  condition: unknown,
  status: 400 | 403 | 404 | 409 | 429,
  message?: string,
): asserts condition {
  if (!condition) throw data({ message: message ?? null }, { status });
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function requireYoungPerson(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  invariantResponse(user.kind === "young_person", 403);
  return user;
}

export function hasRole(user: SessionUser, ...roles: StaffRole[]): boolean {
  return user.kind === "staff" && roles.some((role) => user.roles.includes(role));
}

/** A staff member holding at least one of `roles`. */
export async function requireRole(request: Request, ...roles: StaffRole[]): Promise<SessionUser> {
  const user = await requireUser(request);
  invariantResponse(hasRole(user, ...roles), 403);
  return user;
}

/** The groups an officer runs. */
export async function officerGroupIds(userId: string): Promise<string[]> {
  const rows = await prisma.groupOfficer.findMany({ where: { userId }, select: { groupId: true } });
  return rows.map((r) => r.groupId);
}

/** An officer assigned to this group (admins are not, unless assigned: they run accounts, not groups). */
export async function requireOfficerOfGroup(request: Request, groupId: string): Promise<SessionUser> {
  const user = await requireRole(request, "officer");
  const assigned = await prisma.groupOfficer.findUnique({
    where: { groupId_userId: { groupId, userId: user.id } },
    select: { groupId: true },
  });
  // 404, not 403: an officer of another group learns nothing about this one.
  invariantResponse(assigned, 404);
  return user;
}

/** Where each kind of user starts. */
export function homePath(user: SessionUser): string {
  if (user.kind === "young_person") return "/me";
  if (hasRole(user, "safeguarding_lead")) return "/safeguarding";
  if (hasRole(user, "officer")) return "/officer";
  if (hasRole(user, "board_member")) return "/board";
  if (hasRole(user, "admin")) return "/admin";
  if (hasRole(user, "translator")) return "/translate";
  return "/account";
}
