import { prisma } from "#app/utils/db.server.ts";

/**
 * A young person's notifications, newest first. An ask update says which ask and what changed —
 * each in the reader's language when staff translated it, else in English, flagged — and links to
 * the reader's own group's timeline. A notification row holds only ids: its words are read here,
 * when it is shown, so a translation added or corrected later reaches notices already sent. It never says who else contributed, how many did, or how anybody
 * voted: nothing here is read from anyone else's rows.
 */
export async function listMyNotifications(userId: string, locale = "en") {
  const rows = await prisma.notification.findMany({
    where: { userId, kind: { notIn: ["ask_due_soon", "ask_overdue"] } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, kind: true, createdAt: true, readAt: true, askId: true, updateId: true, feedbackId: true, groupId: true },
  });
  const askIds = [...new Set(rows.flatMap((r) => (r.askId ? [r.askId] : [])))];
  const updateIds = [...new Set(rows.flatMap((r) => (r.kind === "ask_update" && r.updateId ? [r.updateId] : [])))];
  const [asks, updates] = await Promise.all([
    askIds.length
      ? prisma.ask.findMany({ where: { id: { in: askIds } }, select: { id: true, title: true, translations: { where: { locale }, select: { title: true } } } })
      : [],
    updateIds.length
      ? prisma.askUpdate.findMany({
          where: { id: { in: updateIds } },
          select: { id: true, status: true, text: true, translations: { where: { locale }, select: { text: true } } },
        })
      : [],
  ]);
  const askById = new Map(asks.map((a) => [a.id, a]));
  const updateById = new Map(updates.map((u) => [u.id, u]));
  return rows.map((r) => {
    const ask = r.askId ? askById.get(r.askId) : undefined;
    const update = r.updateId ? updateById.get(r.updateId) : undefined;
    const translated = locale === "en" ? undefined : update?.translations[0]?.text;
    const translatedTitle = locale === "en" ? undefined : ask?.translations[0]?.title;
    return {
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt.toISOString(),
      unread: r.readAt === null,
      askTitle: ask ? (translatedTitle ?? ask.title) : null,
      askTitleInEnglishFallback: ask !== undefined && locale !== "en" && translatedTitle === undefined,
      update: update
        ? { status: update.status, text: translated ?? update.text, inEnglishFallback: locale !== "en" && translated === undefined }
        : null,
      href:
        r.kind === "safeguarding_message" && r.feedbackId
          ? `/me/things/${r.feedbackId}`
          : r.groupId && r.askId
            ? `/me/groups/${r.groupId}#ask-${r.askId}`
            : r.feedbackId
              ? "/me/things"
              : null,
    };
  });
}

/** How many of a young person's notifications are unread. */
export async function countUnread(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null, kind: { notIn: ["ask_due_soon", "ask_overdue"] } } });
}

/** Marks a young person's ask notices for one group's timeline read: they opened it. */
export async function markTimelineRead(userId: string, groupId: string) {
  await prisma.notification.updateMany({ where: { userId, groupId, kind: "ask_update", readAt: null }, data: { readAt: new Date() } });
}

/** Marks every one of a user's own notifications read ("mark all as read"). Only their own rows. */
export async function markAllRead(userId: string) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
