import { expect, test } from "vitest";
import {
  issueResetCode,
  joinAnotherGroup,
  joinWithInvite,
  resetPasswordWithCode,
  verifySignIn,
} from "#app/models/accounts.server.ts";
import { removeMember } from "#app/models/groups.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createInvite, createStaff, createYoungPerson, TEST_PASSWORD } from "#tests/factories.ts";

async function groupWithInvite(options: Parameters<typeof createInvite>[2] = {}) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const invite = await createInvite(group.id, officer.id, options);
  return { group, officer, invite };
}

const joinInput = (code: string, nickname: string) => ({
  code,
  nickname,
  password: "a long enough password",
  locale: "ar",
  ageBand: "13-15",
});

test("joining with a code makes an account with a nickname, a language and an age band only", async () => {
  const { group, invite } = await groupWithInvite();
  const joined = await joinWithInvite(joinInput(invite.code, "Amira"));
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: joined.userId },
    select: { kind: true, displayName: true, email: true, locale: true, ageBand: true, memberships: { select: { groupId: true } } },
  });
  expect(user).toEqual({ kind: "young_person", displayName: "Amira", email: null, locale: "ar", ageBand: "13-15", memberships: [{ groupId: group.id }] });
  expect(await verifySignIn("amira", "a long enough password")).toEqual({ id: joined.userId });
  expect(await verifySignIn("Amira", "wrong password")).toBeNull();
});

test("a code typed in Arabic-Indic or Persian digits, with spaces, is accepted", async () => {
  const { invite } = await groupWithInvite({ code: "48217730" });
  await expect(joinWithInvite(joinInput("٤٨٢١ ٧٧٣٠", "Hamid"))).resolves.toMatchObject({ groupName: expect.any(String) });
  await expect(joinWithInvite(joinInput("۴۸۲۱-۷۷۳۰", "Zahra"))).resolves.toMatchObject({ groupName: expect.any(String) });
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(2);
});

test("wrong, expired, revoked and used-up codes are refused and nothing is saved", async () => {
  const expired = await groupWithInvite({ expiresAt: new Date(Date.now() - 1000) });
  const revoked = await groupWithInvite({ revokedAt: new Date() });
  const usedUp = await groupWithInvite({ maxUses: 2, uses: 2 });
  const before = await prisma.user.count();
  await expect(joinWithInvite(joinInput("00000000", "A1"))).rejects.toMatchObject({ reason: "codeInvalid" });
  await expect(joinWithInvite(joinInput(expired.invite.code, "A2"))).rejects.toMatchObject({ reason: "codeExpired" });
  await expect(joinWithInvite(joinInput(revoked.invite.code, "A3"))).rejects.toMatchObject({ reason: "codeRevoked" });
  await expect(joinWithInvite(joinInput(usedUp.invite.code, "A4"))).rejects.toMatchObject({ reason: "codeUsedUp" });
  expect(await prisma.user.count()).toBe(before);
});

test("a nickname already taken is refused, whatever its case or width, and the code's use is not spent", async () => {
  const { invite } = await groupWithInvite({ maxUses: 5 });
  await createYoungPerson({ nickname: "Sara" });
  await expect(joinWithInvite(joinInput(invite.code, " ＳＡＲＡ "))).rejects.toMatchObject({ reason: "nicknameTaken" });
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
});

test("many joining at once cannot pass a code's maximum", async () => {
  const { invite } = await groupWithInvite({ maxUses: 3 });
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, (_, i) => joinWithInvite(joinInput(invite.code, `racer${i}`))),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(3);
});

test("a removed member cannot come back with the group's code", async () => {
  const { group, officer, invite } = await groupWithInvite();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  await removeMember(officer.id, group.id, yp.id);
  await expect(joinAnotherGroup(yp.id, invite.code)).rejects.toMatchObject({ reason: "codeInvalid" });
});

test("a one-time reset code sets a new password once and signs out every session", async () => {
  const { group, officer } = await groupWithInvite();
  const yp = await createYoungPerson({ groupIds: [group.id], nickname: "Dawit" });
  await prisma.session.create({ data: { userId: yp.id, tokenHash: "x".repeat(64), expiresAt: new Date(Date.now() + 1e6) } });
  const code = await issueResetCode(officer.id, yp.id);
  expect(await resetPasswordWithCode("dawit", "00000000" === code ? "11111111" : "00000000", "new password 123")).toBeNull();
  expect(await resetPasswordWithCode("dawit", code, "new password 123")).toEqual({ id: yp.id });
  expect(await resetPasswordWithCode("dawit", code, "another password")).toBeNull();
  expect(await verifySignIn("dawit", "new password 123")).toEqual({ id: yp.id });
  expect(await verifySignIn("dawit", TEST_PASSWORD)).toBeNull();
  expect(await prisma.session.count({ where: { userId: yp.id } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { actorId: officer.id, action: "member.reset_code" } })).toBe(1);
});
