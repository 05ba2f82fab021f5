import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { findSession, getUserFromCookieHeader, hashToken } from "#app/utils/session.server.ts";
import { sessionCookie } from "#tests/request.ts";
import { createStaff, createYoungPerson } from "#tests/factories.ts";

async function sessionFor(userId: string, expiresAt = new Date(Date.now() + 86_400_000)) {
  const token = `session-test-token-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxxxxxx`;
  await prisma.session.create({ data: { userId, tokenHash: hashToken(token), expiresAt } });
  return hashToken(token);
}

test("the plain-SQL session lookup reads exactly what Prisma reads: staff with roles, young people, disabled, expired, unknown", async () => {
  const staff = await createStaff({ roles: ["officer", "board_member"] });
  const young = await createYoungPerson();
  const disabled = await createYoungPerson();
  await prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date("2026-11-30T10:00:00.000Z"), locale: "ar" } });
  const hashes = [
    await sessionFor(staff.id),
    await sessionFor(young.id),
    await sessionFor(disabled.id),
    await sessionFor(young.id, new Date(Date.now() - 1000)),
    hashToken("nobody's token"),
  ];
  const sortRoles = <T extends { user: { roles: { role: string }[] } } | null>(found: T) =>
    found && { ...found, user: { ...found.user, roles: [...found.user.roles].sort((a, b) => a.role.localeCompare(b.role)) } };
  for (const hash of hashes) {
    expect(sortRoles(await findSession(hash))).toEqual(sortRoles(await findSession(hash, { viaPrisma: true })));
  }
  expect((await findSession(hashes[0]!))?.user.roles.map((r) => r.role).sort()).toEqual(["board_member", "officer"]);
  expect((await findSession(hashes[2]!))?.user.disabledAt).toEqual(new Date("2026-11-30T10:00:00.000Z"));
  expect(await findSession(hashes[4]!)).toBeNull();
});

test("a signed-in request finds its user; a disabled account finds nobody", async () => {
  const young = await createYoungPerson();
  const cookie = await sessionCookie(young.id);
  expect(await getUserFromCookieHeader(cookie)).toMatchObject({ id: young.id, kind: "young_person", roles: [] });
  await prisma.user.update({ where: { id: young.id }, data: { disabledAt: new Date() } });
  expect(await getUserFromCookieHeader(cookie)).toBeNull();
});
