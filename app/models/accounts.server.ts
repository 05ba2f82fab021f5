import { createHash, randomInt } from "node:crypto";
import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { audit } from "#app/models/audit.server.ts";
import { dropLiveConnections } from "#app/realtime/publish.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { normaliseCode, normaliseLoginKey } from "#app/utils/text.ts";
import type { StaffRole } from "#app/utils/permissions.server.ts";

// argon2id with OWASP's minimum (19 MiB, 2 passes): memory-hard, about 30 ms here.
// NOTE: Algorithm is an ambient const enum (not importable with isolatedModules); 2 is Argon2id.
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string) {
  return hash(password, ARGON2);
}

// Verifying against this when a name is unknown keeps "no such user" and "wrong password" equally slow.
let dummyHash: Promise<string> | undefined;

export type JoinError = "codeInvalid" | "codeExpired" | "codeRevoked" | "codeUsedUp" | "nicknameTaken";

export class JoinFailed extends Error {
  constructor(readonly reason: JoinError) {
    super(reason);
  }
}

/** Finds a usable invite for a code as typed (any digits script); throws JoinFailed otherwise. */
export async function findUsableInvite(codeAsTyped: string) {
  const code = normaliseCode(codeAsTyped);
  const invite = await prisma.inviteCode.findUnique({
    where: { code },
    select: {
      id: true,
      groupId: true,
      expiresAt: true,
      maxUses: true,
      uses: true,
      revokedAt: true,
      group: { select: { name: true, archivedAt: true } },
    },
  });
  if (!invite || invite.group.archivedAt) throw new JoinFailed("codeInvalid");
  if (invite.revokedAt) throw new JoinFailed("codeRevoked");
  if (invite.expiresAt < new Date()) throw new JoinFailed("codeExpired");
  if (invite.uses >= invite.maxUses) throw new JoinFailed("codeUsedUp");
  return { id: invite.id, groupId: invite.groupId, groupName: invite.group.name, maxUses: invite.maxUses };
}

type Invite = Awaited<ReturnType<typeof findUsableInvite>>;
type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Counts one use of the invite, or throws if it stopped being usable since it was read. The
 * condition sits in the UPDATE itself, so concurrent joins cannot pass the maximum.
 */
async function claimInviteUse(tx: Tx, invite: Invite) {
  const claimed = await tx.inviteCode.updateMany({
    where: { id: invite.id, revokedAt: null, expiresAt: { gt: new Date() }, uses: { lt: invite.maxUses } },
    data: { uses: { increment: 1 } },
  });
  if (claimed.count !== 1) throw new JoinFailed("codeUsedUp");
}

/**
 * Makes a young person's account from an invite: a nickname, a password, a language and an age
 * band — nothing else about them. All or nothing: the use of the code, the account and the
 * membership are one transaction, and a code cannot be used more than its maximum even when
 * many join at once.
 */
export async function joinWithInvite(input: {
  code: string;
  nickname: string;
  password: string;
  locale: string;
  ageBand: string;
}) {
  const invite = await findUsableInvite(input.code);
  const loginKey = normaliseLoginKey(input.nickname);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { loginKey }, select: { id: true } });
    if (taken) throw new JoinFailed("nicknameTaken");
    await claimInviteUse(tx, invite);
    const user = await tx.user.create({
      data: {
        kind: "young_person",
        displayName: input.nickname.normalize("NFKC").trim(),
        loginKey,
        locale: input.locale,
        ageBand: input.ageBand,
        password: { create: { hash: passwordHash } },
        memberships: { create: { groupId: invite.groupId } },
      },
      select: { id: true },
    });
    return { userId: user.id, groupId: invite.groupId, groupName: invite.groupName };
  });
}

/** A signed-in young person joins one more group with its code. Joining twice changes nothing. */
export async function joinAnotherGroup(userId: string, code: string) {
  const invite = await findUsableInvite(code);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { groupId_userId: { groupId: invite.groupId, userId } },
      select: { id: true, removedAt: true },
    });
    // A member an officer removed cannot rejoin with the group's code: only an officer restores them.
    if (existing?.removedAt) throw new JoinFailed("codeInvalid");
    if (existing) return { groupId: invite.groupId, groupName: invite.groupName };
    await claimInviteUse(tx, invite);
    await tx.membership.create({ data: { groupId: invite.groupId, userId } });
    return { groupId: invite.groupId, groupName: invite.groupName };
  });
}

/** Checks a sign-in name and password; the same work whether or not the name exists. */
export async function verifySignIn(login: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { loginKey: normaliseLoginKey(login) },
    select: { id: true, disabledAt: true, password: { select: { hash: true } } },
  });
  if (!user?.password) {
    dummyHash ??= hashPassword("not a real password, only for timing");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(user.password.hash, password).catch(() => false);
  if (!ok || user.disabledAt) return null;
  return { id: user.id };
}

export async function setUserLocale(userId: string, locale: string) {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export async function changePassword(userId: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  await prisma.password.upsert({
    where: { userId },
    create: { userId, hash: passwordHash },
    update: { hash: passwordHash },
  });
}

// ---------------------------------------------------------------------------------------------
// Staff accounts (admins)

export async function createStaffAccount(
  actorId: string,
  input: { name: string; email: string; password: string; roles: StaffRole[] },
) {
  const loginKey = normaliseLoginKey(input.email);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { loginKey }, select: { id: true } });
    if (taken) return { ok: false as const, error: "emailTaken" as const };
    const user = await tx.user.create({
      data: {
        kind: "staff",
        displayName: input.name.trim(),
        email: input.email.trim(),
        loginKey,
        password: { create: { hash: passwordHash } },
        roles: { create: input.roles.map((role) => ({ role })) },
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId,
      action: "staff.create",
      entityType: "User",
      entityId: user.id,
      after: { name: input.name, email: input.email, roles: input.roles },
    });
    return { ok: true as const, userId: user.id };
  });
}

/** Sets a staff member's roles (never a young person's); losing "officer" ends their group assignments. */
export async function setStaffRoles(actorId: string, userId: string, roles: StaffRole[]) {
  await prisma.$transaction(async (tx) => {
    await tx.user.findFirstOrThrow({ where: { id: userId, kind: "staff" }, select: { id: true } });
    const before = await tx.userRole.findMany({ where: { userId }, select: { role: true } });
    await tx.userRole.deleteMany({ where: { userId } });
    await tx.userRole.createMany({ data: roles.map((role) => ({ userId, role })) });
    if (!roles.includes("officer")) await tx.groupOfficer.deleteMany({ where: { userId } });
    await audit(tx, {
      actorId,
      action: "staff.roles",
      entityType: "User",
      entityId: userId,
      before: before.map((r) => r.role),
      after: roles,
    });
  });
  // Open sockets reconnect with the rooms the new roles allow.
  dropLiveConnections({ userIds: [userId] });
}

export async function setStaffDisabled(actorId: string, userId: string, disabled: boolean) {
  await prisma.$transaction(async (tx) => {
    await tx.user.findFirstOrThrow({ where: { id: userId, kind: "staff" }, select: { id: true } });
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId, action: disabled ? "staff.disable" : "staff.enable", entityType: "User", entityId: userId });
  });
  dropLiveConnections({ userIds: [userId] });
}

export async function listStaff() {
  return prisma.user.findMany({
    where: { kind: "staff" },
    orderBy: { displayName: "asc" },
    select: {
      id: true,
      displayName: true,
      email: true,
      disabledAt: true,
      roles: { select: { role: true } },
      officerOf: { select: { groupId: true } },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Password reset with a one-time code (officers)

const RESET_CODE_MINUTES = 60 * 24;

function hashCode(code: string) {
  return createHash("sha256").update(code).digest("hex");
}

/**
 * An officer of one of the young person's groups makes a one-time code; it is shown once and only
 * its hash is kept.
 */
export async function issueResetCode(actorId: string, userId: string) {
  const member = await prisma.membership.findFirst({
    where: { userId, group: { officers: { some: { userId: actorId } } } },
    select: { id: true },
  });
  if (!member) throw new Error("Only an officer of the young person's group can make a reset code");
  const code = String(randomInt(0, 100_000_000)).padStart(8, "0");
  await prisma.$transaction(async (tx) => {
    // One live code at a time.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordReset.create({
      data: {
        userId,
        codeHash: hashCode(code),
        expiresAt: new Date(Date.now() + RESET_CODE_MINUTES * 60 * 1000),
        createdById: actorId,
      },
    });
    await audit(tx, { actorId, action: "member.reset_code", entityType: "User", entityId: userId });
  });
  return code;
}

/** A young person sets a new password with their nickname and the one-time code. */
export async function resetPasswordWithCode(nickname: string, codeAsTyped: string, newPassword: string) {
  const user = await prisma.user.findUnique({
    where: { loginKey: normaliseLoginKey(nickname) },
    select: { id: true },
  });
  if (!user) return null;
  const code = normaliseCode(codeAsTyped);
  const passwordHash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    const used = await tx.passwordReset.updateMany({
      where: { userId: user.id, codeHash: hashCode(code), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return null;
    await tx.password.upsert({
      where: { userId: user.id },
      create: { userId: user.id, hash: passwordHash },
      update: { hash: passwordHash },
    });
    // Every other session ends: whoever had the old password is signed out.
    await tx.session.deleteMany({ where: { userId: user.id } });
    return { id: user.id };
  });
}

export function generateInviteCode() {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

/**
 * One staff account's roles and state, for an admin's checks before changing them (an admin may
 * not disable themself or drop their own admin role). Null for anyone who is not staff: a young
 * person's account is never given roles or disabled through the staff screens.
 */
export async function getStaffMember(userId: string) {
  const user = await prisma.user.findFirst({
    where: { id: userId, kind: "staff" },
    select: { id: true, email: true, disabledAt: true, roles: { select: { role: true } } },
  });
  return user ? { id: user.id, email: user.email, disabled: user.disabledAt !== null, roles: user.roles.map((r) => r.role) } : null;
}
