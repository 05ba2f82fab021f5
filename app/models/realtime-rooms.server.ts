import { rooms } from "#app/realtime/events.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

/**
 * The socket.io rooms a user may hear. Young people: their own groups' timelines. Officers: their
 * groups' queues and the asks. Board members: the board room. Safeguarding leads: the leads' room
 * (concerns). Nobody else's.
 */
export async function roomsForUser(user: Pick<SessionUser, "id" | "kind" | "roles">): Promise<string[]> {
  if (user.kind === "young_person") {
    const memberships = await prisma.membership.findMany({
      where: { userId: user.id, removedAt: null },
      select: { groupId: true },
    });
    return memberships.map((m) => rooms.groupMembers(m.groupId));
  }
  const result: string[] = [];
  if (user.roles.includes("officer")) {
    const groups = await prisma.groupOfficer.findMany({ where: { userId: user.id }, select: { groupId: true } });
    result.push(rooms.officers(), ...groups.map((g) => rooms.groupOfficers(g.groupId)));
  }
  if (user.roles.includes("board_member")) result.push(rooms.board());
  if (user.roles.includes("safeguarding_lead")) result.push(rooms.safeguardingLeads());
  return result;
}
