import { prisma } from "#app/utils/db.server.ts";

/**
 * A young person's notifications, newest first. An ask update says which ask and links to the
 * group's timeline; it never says who else contributed.
 */
export async function listMyNotifications(userId: string) {
  const rows = await prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, kind: true, createdAt: true, readAt: true, askId: true, feedbackId: true },
  });
  const askIds = [...new Set(rows.flatMap((r) => (r.askId ? [r.askId] : [])))];
  const asks = askIds.length
    ? await prisma.ask.findMany({
        where: { id: { in: askIds } },
        select: {
          id: true,
          title: true,
          items: {
            where: { feedback: { authorId: userId } },
            take: 1,
            select: { groupId: true },
          },
        },
      })
    : [];
  const askById = new Map(asks.map((a) => [a.id, a]));
  return rows.map((r) => {
    const ask = r.askId ? askById.get(r.askId) : undefined;
    const groupId = ask?.items[0]?.groupId;
    return {
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt.toISOString(),
      unread: r.readAt === null,
      askTitle: ask?.title ?? null,
      href:
        r.kind === "safeguarding_message" && r.feedbackId
          ? `/me/things/${r.feedbackId}`
          : groupId
            ? `/me/groups/${groupId}`
            : r.feedbackId
              ? "/me/things"
              : null,
    };
  });
}
