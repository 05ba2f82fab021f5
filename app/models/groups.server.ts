import { audit } from "#app/models/audit.server.ts";
import { generateInviteCode } from "#app/models/accounts.server.ts";
import { rooms } from "#app/realtime/events.ts";
import { getRealtimeServer } from "#app/realtime/publish.server.ts";
import { prisma } from "#app/utils/db.server.ts";

/** A young person's current groups. */
export async function listMyGroups(userId: string) {
  const rows = await prisma.membership.findMany({
    where: { userId, removedAt: null, group: { archivedAt: null } },
    orderBy: { joinedAt: "asc" },
    select: { group: { select: { id: true, name: true, description: true } } },
  });
  return rows.map((r) => r.group);
}

export async function isActiveMember(userId: string, groupId: string) {
  const membership = await prisma.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { removedAt: true, group: { select: { archivedAt: true } } },
  });
  return Boolean(membership && !membership.removedAt && !membership.group.archivedAt);
}

/** The groups an officer runs, with how many members and items are waiting. */
export async function listOfficerGroups(officerId: string) {
  const groups = await prisma.group.findMany({
    where: { officers: { some: { userId: officerId } }, archivedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      _count: {
        select: {
          memberships: { where: { removedAt: null } },
          feedback: { where: { status: "pending" } },
        },
      },
    },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, members: g._count.memberships, pending: g._count.feedback }));
}

// ---------------------------------------------------------------------------------------------
// Admin

export async function listAllGroups() {
  return prisma.group.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      archivedAt: true,
      officers: { select: { user: { select: { id: true, displayName: true } } } },
      _count: { select: { memberships: { where: { removedAt: null } } } },
    },
  });
}

export async function createGroup(actorId: string, input: { name: string; description: string }) {
  return prisma.$transaction(async (tx) => {
    const group = await tx.group.create({ data: input, select: { id: true } });
    await audit(tx, { actorId, action: "group.create", entityType: "Group", entityId: group.id, after: input });
    return group;
  });
}

/** Sets who runs a group; only staff with the officer role can be assigned. */
export async function setGroupOfficers(actorId: string, groupId: string, officerIds: string[]) {
  let removed: string[] = [];
  let added: string[] = [];
  await prisma.$transaction(async (tx) => {
    const officers = await tx.user.findMany({
      where: { id: { in: officerIds }, kind: "staff", roles: { some: { role: "officer" } } },
      select: { id: true },
    });
    const before = await tx.groupOfficer.findMany({ where: { groupId }, select: { userId: true } });
    await tx.groupOfficer.deleteMany({ where: { groupId } });
    await tx.groupOfficer.createMany({ data: officers.map((o) => ({ groupId, userId: o.id })) });
    removed = before.map((b) => b.userId).filter((id) => !officers.some((o) => o.id === id));
    added = officers.map((o) => o.id).filter((id) => !before.some((b) => b.userId === id));
    await audit(tx, {
      actorId,
      action: "group.officers",
      entityType: "Group",
      entityId: groupId,
      before: before.map((b) => b.userId),
      after: officers.map((o) => o.id),
    });
  });
  // Open sockets of officers taken off leave the group's room at once; those added join it.
  const io = getRealtimeServer();
  if (removed.length) io?.in(removed.map(rooms.user)).socketsLeave(rooms.groupOfficers(groupId));
  if (added.length) io?.in(added.map(rooms.user)).socketsJoin([rooms.groupOfficers(groupId), rooms.officers()]);
}

// ---------------------------------------------------------------------------------------------
// Officers: invites and members of their groups (callers check the officer runs the group)

export async function getGroup(groupId: string) {
  return prisma.group.findUnique({ where: { id: groupId }, select: { id: true, name: true, description: true } });
}

export async function listInvites(groupId: string) {
  return prisma.inviteCode.findMany({
    where: { groupId },
    orderBy: { createdAt: "desc" },
    select: { id: true, code: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true, createdAt: true },
  });
}

export async function createInvite(actorId: string, groupId: string, input: { expiresAt: Date; maxUses: number }) {
  return prisma.$transaction(async (tx) => {
    // Retry on the rare clash with an existing code.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateInviteCode();
      if (await tx.inviteCode.findUnique({ where: { code }, select: { id: true } })) continue;
      const invite = await tx.inviteCode.create({
        data: { groupId, code, expiresAt: input.expiresAt, maxUses: input.maxUses, createdById: actorId },
        select: { id: true, code: true },
      });
      await audit(tx, { actorId, action: "invite.create", entityType: "InviteCode", entityId: invite.id, after: { groupId, ...input } });
      return invite;
    }
    throw new Error("Could not find a free invite code");
  });
}

export async function revokeInvite(actorId: string, groupId: string, inviteId: string) {
  return prisma.$transaction(async (tx) => {
    const result = await tx.inviteCode.updateMany({
      where: { id: inviteId, groupId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count) await audit(tx, { actorId, action: "invite.revoke", entityType: "InviteCode", entityId: inviteId });
    return result.count === 1;
  });
}

/**
 * A group's members for its officers: nickname, age band, when they joined, and the officers'
 * private note of who the account belongs to. Never how anyone voted or what they wrote.
 */
export async function listMembers(groupId: string) {
  const rows = await prisma.membership.findMany({
    where: { groupId },
    orderBy: { joinedAt: "asc" },
    select: {
      joinedAt: true,
      removedAt: true,
      user: {
        select: {
          id: true,
          displayName: true,
          ageBand: true,
          notesAbout: { select: { text: true, updatedAt: true } },
        },
      },
    },
  });
  // Current members first. NOTE: sorted here, not by removedAt in SQL: SQLite and PostgreSQL put
  // nulls at opposite ends.
  rows.sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null));
  return rows.map((r) => ({
    id: r.user.id,
    nickname: r.user.displayName,
    ageBand: r.user.ageBand,
    joinedAt: r.joinedAt,
    removedAt: r.removedAt,
    note: r.user.notesAbout[0]?.text ?? "",
  }));
}

export async function isMemberOfGroup(groupId: string, userId: string) {
  const found = await prisma.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { id: true },
  });
  return Boolean(found);
}

/** Removes a member: their access ends at once (sessions stay, the group's room is left). */
export async function removeMember(actorId: string, groupId: string, userId: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const result = await tx.membership.updateMany({
      where: { groupId, userId, removedAt: null },
      data: { removedAt: new Date(), removedById: actorId },
    });
    if (result.count) await audit(tx, { actorId, action: "member.remove", entityType: "Membership", entityId: `${groupId}:${userId}` });
    return result.count === 1;
  });
  getRealtimeServer()?.in(rooms.user(userId)).socketsLeave(rooms.groupMembers(groupId));
  return removed;
}

/** Whether this young person is (or was) a member of a group the officer runs. */
export async function officerManagesMember(officerId: string, userId: string) {
  const found = await prisma.membership.findFirst({
    where: { userId, group: { officers: { some: { userId: officerId } } } },
    select: { id: true },
  });
  return Boolean(found);
}

export class NotYourMember extends Error {}

/**
 * The officers' private note of who an account belongs to (officers and safeguarding leads only).
 * Only an officer of one of the young person's groups may write it.
 */
export async function setAccountNote(actorId: string, subjectId: string, text: string) {
  if (!(await officerManagesMember(actorId, subjectId))) throw new NotYourMember();
  await prisma.$transaction(async (tx) => {
    const before = await tx.accountNote.findUnique({ where: { subjectId }, select: { text: true } });
    if (text.trim() === "") {
      await tx.accountNote.deleteMany({ where: { subjectId } });
    } else {
      await tx.accountNote.upsert({
        where: { subjectId },
        create: { subjectId, authorId: actorId, text },
        update: { authorId: actorId, text },
      });
    }
    // The note's words are not copied into the audit log: the log says who changed it, and when.
    await audit(tx, { actorId, action: before ? "note.update" : "note.create", entityType: "User", entityId: subjectId });
  });
}
