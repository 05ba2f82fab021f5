import { audit } from "#app/models/audit.server.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import { prisma } from "#app/utils/db.server.ts";

import type { UpdateStatus } from "#app/utils/domain.ts";

export { ASK_STATUSES, UPDATE_STATUSES, type AskStatus, type UpdateStatus } from "#app/utils/domain.ts";

export class AskInputError extends Error {
  constructor(readonly reason: "itemsNotApproved" | "notFound") {
    super(reason);
  }
}

/**
 * An officer gathers approved items of the groups they run into an ask for the board. Items that
 * are not approved, or not in the officer's groups, are refused: nothing unmoderated reaches the
 * board through an ask.
 */
export async function createAsk(
  officerId: string,
  input: { title: string; body: string; feedbackIds: string[]; dueAt: Date | null },
) {
  const ids = [...new Set(input.feedbackIds)];
  const items = await prisma.feedbackItem.findMany({
    where: { id: { in: ids }, status: "approved", group: { officers: { some: { userId: officerId } } } },
    select: { id: true, groupId: true },
  });
  if (items.length !== ids.length || ids.length === 0) throw new AskInputError("itemsNotApproved");
  const ask = await prisma.$transaction(async (tx) => {
    const created = await tx.ask.create({
      data: {
        title: input.title,
        body: input.body,
        dueAt: input.dueAt,
        raisedById: officerId,
        items: { create: items.map((i) => ({ feedbackId: i.id, groupId: i.groupId })) },
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: officerId,
      action: "ask.raise",
      entityType: "Ask",
      entityId: created.id,
      after: { title: input.title, items: ids.length, dueAt: input.dueAt },
    });
    return created;
  });
  const groupIds = [...new Set(items.map((i) => i.groupId))];
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  for (const groupId of groupIds) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
  return ask;
}

/** Asks for officers and board members: the adults' own work, so nothing here is suppressed. */
export async function listAsks() {
  const asks = await prisma.ask.findMany({
    orderBy: { raisedAt: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      raisedAt: true,
      answeredAt: true,
      dueAt: true,
      owner: { select: { displayName: true } },
      updates: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, text: true } },
      _count: { select: { updates: true } },
    },
  });
  return asks.map(({ updates, _count, ...ask }) => ({ ...ask, lastUpdate: updates[0] ?? null, updateCount: _count.updates }));
}

export async function getAskForStaff(askId: string) {
  return prisma.ask.findUnique({
    where: { id: askId },
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      raisedAt: true,
      dueAt: true,
      version: true,
      owner: { select: { displayName: true } },
      updates: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          text: true,
          createdAt: true,
          author: { select: { displayName: true } },
          translations: { select: { locale: true, text: true } },
        },
      },
    },
  });
}

/**
 * Posts a dated update (a status and words) to an ask, and tells every young person whose item is
 * part of it — each once, in-app, however many of their items are in the ask. A notification
 * never says who else contributed.
 */
export async function addAskUpdate(
  authorId: string,
  askId: string,
  input: { status: UpdateStatus; text: string; translations?: Record<string, string> },
) {
  const result = await prisma.$transaction(async (tx) => {
    const ask = await tx.ask.findUnique({
      where: { id: askId },
      select: { id: true, status: true, answeredAt: true, items: { select: { groupId: true, feedback: { select: { authorId: true } } } } },
    });
    if (!ask) throw new AskInputError("notFound");
    const update = await tx.askUpdate.create({
      data: {
        askId,
        authorId,
        status: input.status,
        text: input.text,
        translations: {
          create: Object.entries(input.translations ?? {})
            .filter(([, text]) => text.trim() !== "")
            .map(([locale, text]) => ({ locale, text })),
        },
      },
      select: { id: true },
    });
    await tx.ask.update({
      where: { id: askId },
      data: { status: input.status, answeredAt: ask.answeredAt ?? new Date(), version: { increment: 1 } },
    });
    const authors = [...new Set(ask.items.map((i) => i.feedback.authorId))];
    await tx.notification.createMany({
      data: authors.map((userId) => ({ userId, kind: "ask_update", askId, updateId: update.id })),
    });
    await audit(tx, {
      actorId: authorId,
      action: "ask.update",
      entityType: "Ask",
      entityId: askId,
      before: { status: ask.status },
      after: { status: input.status, text: input.text },
    });
    return { updateId: update.id, authors, groupIds: [...new Set(ask.items.map((i) => i.groupId))] };
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  for (const groupId of result.groupIds) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
  for (const userId of result.authors) publish(events.myThingsChanged, rooms.user(userId), {});
  return { id: result.updateId };
}

/**
 * A group's "you said, we did" timeline, for its members: each ask that holds something the group
 * said, with the group's words only where the author agreed to be quoted (the approved, redacted
 * text, never a name), and the board's updates in the reader's language when translated (with a
 * flag when shown in English instead).
 */
export async function groupTimeline(groupId: string, locale: string) {
  const asks = await prisma.ask.findMany({
    where: { items: { some: { groupId } } },
    orderBy: { raisedAt: "desc" },
    take: 50,
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      raisedAt: true,
      items: {
        where: { groupId, feedback: { status: "approved", mayQuote: true } },
        select: { feedback: { select: { id: true, publishedText: true } } },
      },
      updates: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          text: true,
          createdAt: true,
          translations: { where: { locale }, select: { text: true } },
        },
      },
    },
  });
  return asks.map((ask) => ({
    id: ask.id,
    title: ask.title,
    body: ask.body,
    status: ask.status,
    raisedAt: ask.raisedAt,
    quotes: ask.items.map((i) => ({ id: i.feedback.id, text: i.feedback.publishedText ?? "" })),
    updates: ask.updates.map((u) => {
      const translated = locale === "en" ? undefined : u.translations[0]?.text;
      return {
        id: u.id,
        status: u.status,
        createdAt: u.createdAt,
        text: translated ?? u.text,
        inEnglishFallback: locale !== "en" && translated === undefined,
      };
    }),
  }));
}
