import { audit } from "#app/models/audit.server.ts";
import { isActiveMember } from "#app/models/groups.server.ts";
import { announceConcern, raiseConcernInTx, screenWords } from "#app/models/safeguarding.server.ts";
import { suppressionThreshold } from "#app/models/organisation.server.ts";
import { suppressTable } from "#app/models/suppression.server.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { QueueState } from "#app/utils/domain.ts";

export const FEEDBACK_STATUSES = ["pending", "approved", "held", "withdrawn", "safeguarding"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const IDENTITY_CHOICES = ["team", "safeguarding"] as const;
export type Identity = (typeof IDENTITY_CHOICES)[number];

export class NotAMember extends Error {}

const RESEND_WINDOW_MS = 10 * 60 * 1000;

/**
 * Saves what a young person said, once: the same clientRequestId (a retry, a double tap) returns
 * the item already saved. Waits for an officer; nobody else sees it. Screened on the way in: words
 * that may signal harm become a safeguarding concern (app/models/safeguarding.server.ts) and are
 * never published.
 */
export async function createFeedback(input: {
  authorId: string;
  groupId: string;
  text: string;
  language: string;
  mood: number | null;
  themeId: string | null;
  identity: Identity;
  mayQuote: boolean;
  clientRequestId: string;
}) {
  if (!(await isActiveMember(input.authorId, input.groupId))) throw new NotAMember();
  const themeId = input.themeId
    ? ((await prisma.theme.findFirst({ where: { id: input.themeId, archivedAt: null }, select: { id: true } }))?.id ?? null)
    : null;
  const existing = await prisma.feedbackItem.findUnique({
    where: { authorId_clientRequestId: { authorId: input.authorId, clientRequestId: input.clientRequestId } },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  // NOTE: a page reloaded by the back button gets a new clientRequestId while the browser restores
  // the typed words; the same words from the same person to the same group, still waiting, within
  // a few minutes, are that same message sent again.
  const resent = await prisma.feedbackItem.findFirst({
    where: {
      authorId: input.authorId,
      groupId: input.groupId,
      text: input.text,
      status: { in: ["pending", "safeguarding"] },
      createdAt: { gt: new Date(Date.now() - RESEND_WINDOW_MS) },
    },
    select: { id: true },
  });
  if (resent) return { id: resent.id, created: false };
  // Screened when it is saved, before any human but staff could see it. The words are saved
  // whatever the screen finds; a hit makes the item a safeguarding concern in the same transaction.
  const hits = await screenWords(input.text);
  try {
    const item = await prisma.$transaction(async (tx) => {
      const created = await tx.feedbackItem.create({
        data: { ...input, themeId, status: hits.length ? "safeguarding" : "pending" },
        select: { id: true },
      });
      if (hits.length) await raiseConcernInTx(tx, { feedbackId: created.id, groupId: input.groupId, source: "screen", hits });
      return created;
    });
    if (hits.length) announceConcern(input.groupId);
    else publish(events.queueChanged, rooms.groupOfficers(input.groupId), { groupId: input.groupId });
    return { id: item.id, created: true };
  } catch (error) {
    // Two taps that raced past the lookup: the unique key kept one; return it.
    const raced = await prisma.feedbackItem.findUnique({
      where: { authorId_clientRequestId: { authorId: input.authorId, clientRequestId: input.clientRequestId } },
      select: { id: true },
    });
    if (raced) return { id: raced.id, created: false };
    throw error;
  }
}

/** A young person's own items, newest first, with their state. */
export async function listMyFeedback(authorId: string) {
  return prisma.feedbackItem.findMany({
    where: { authorId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      text: true,
      status: true,
      mood: true,
      createdAt: true,
      mayQuote: true,
      identity: true,
      group: { select: { name: true } },
      theme: { select: { key: true, name: true } },
      // Only whether the safeguarding leads wrote something new: nothing of how it is handled.
      concern: { select: { messages: { where: { fromRole: "lead", readAt: null }, select: { id: true } } } },
    },
  });
}

/** Withdraws an item its author no longer wants to send; only while nobody has decided on it. */
export async function withdrawFeedback(authorId: string, feedbackId: string) {
  const item = await prisma.feedbackItem.findFirst({
    where: { id: feedbackId, authorId },
    select: { groupId: true, status: true },
  });
  if (!item) return "notFound" as const;
  if (item.status === "withdrawn") return "withdrawn" as const;
  const result = await prisma.feedbackItem.updateMany({
    where: { id: feedbackId, authorId, status: "pending" },
    data: { status: "withdrawn", version: { increment: 1 } },
  });
  if (result.count !== 1) return "alreadyDecided" as const;
  publish(events.queueChanged, rooms.groupOfficers(item.groupId), { groupId: item.groupId });
  return "withdrawn" as const;
}

// ---------------------------------------------------------------------------------------------
// Officers

export type QueueFilters = {
  state?: QueueState;
  groupId?: string;
  language?: string;
  /** A theme's id, or "none" for items without one. */
  themeId?: string;
  ageBand?: string;
};

/**
 * The moderation queue of an officer's groups: what waits (oldest first), or what was held back or
 * approved (newest decision first), filtered. The author's nickname and age band are included only
 * when they chose "the participation team may know it was me"; an age filter therefore only ever
 * finds such items, so it cannot point to an author who chose otherwise. Concerns are not here:
 * officers see only that an item is "with safeguarding" (app/models/safeguarding.server.ts).
 */
export async function listModerationQueue(officerId: string, filters: QueueFilters = {}) {
  const state = filters.state ?? "pending";
  const items = await prisma.feedbackItem.findMany({
    where: {
      status: state,
      group: { officers: { some: { userId: officerId } } },
      ...(filters.groupId ? { groupId: filters.groupId } : {}),
      ...(filters.language ? { language: filters.language } : {}),
      ...(filters.themeId ? { themeId: filters.themeId === "none" ? null : filters.themeId } : {}),
      ...(filters.ageBand ? { identity: "team", author: { ageBand: filters.ageBand } } : {}),
    },
    orderBy: state === "pending" ? { createdAt: "asc" } : { decidedAt: "desc" },
    take: 200,
    select: {
      id: true,
      text: true,
      language: true,
      mood: true,
      identity: true,
      mayQuote: true,
      version: true,
      createdAt: true,
      publishedText: true,
      englishText: true,
      heldReason: true,
      decidedAt: true,
      pollQuestionId: true,
      decidedBy: { select: { displayName: true } },
      englishBy: { select: { displayName: true } },
      group: { select: { id: true, name: true } },
      theme: { select: { id: true, key: true, name: true } },
      author: { select: { displayName: true, ageBand: true } },
    },
  });
  // Nothing about an author who chose "only someone keeping me safe": no nickname, no age band.
  return items.map(({ author, decidedBy, englishBy, ...item }) => ({
    ...item,
    decidedBy: decidedBy?.displayName ?? null,
    englishBy: englishBy?.displayName ?? null,
    author: item.identity === "team" ? author.displayName : null,
    ageBand: item.identity === "team" ? author.ageBand : null,
  }));
}

/** What redaction suggests for the queue's items: the group's nicknames and the organisation's lists. */
export async function redactionContext(groupIds: string[]) {
  const [members, terms] = await Promise.all([
    prisma.membership.findMany({ where: { groupId: { in: groupIds } }, select: { groupId: true, user: { select: { displayName: true } } } }),
    prisma.redactionTerm.findMany({ select: { kind: true, text: true } }),
  ]);
  const nicknames = new Map<string, string[]>();
  for (const m of members) nicknames.set(m.groupId, [...(nicknames.get(m.groupId) ?? []), m.user.displayName]);
  return { nicknamesOf: (groupId: string) => nicknames.get(groupId) ?? [], terms: terms as { kind: "name" | "school" | "placement" | "place"; text: string }[] };
}

/** Approved items of an officer's groups, to gather into an ask. */
export async function listApprovedForAsks(officerId: string) {
  return prisma.feedbackItem.findMany({
    where: { status: "approved", group: { officers: { some: { userId: officerId } } } },
    orderBy: { decidedAt: "desc" },
    take: 200,
    select: {
      id: true,
      publishedText: true,
      mood: true,
      mayQuote: true,
      decidedAt: true,
      group: { select: { id: true, name: true } },
      theme: { select: { key: true, name: true } },
      asks: { select: { askId: true } },
    },
  });
}

export type Decision =
  | { kind: "approve"; publishedText: string; themeId: string | null; englishText: string | null }
  | { kind: "hold"; reason: string };

export type DecideResult =
  | { ok: true }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "conflict"; current: { status: string; version: number } };

/**
 * An officer approves (with the words to publish, possibly redacted) or holds back an item of a
 * group they run. `version` is what the officer saw: if the item changed since (another officer
 * decided, the author withdrew), nothing is written and the current state is returned.
 */
export async function decideFeedback(officerId: string, feedbackId: string, version: number, decision: Decision) {
  const item = await prisma.feedbackItem.findFirst({
    where: { id: feedbackId, group: { officers: { some: { userId: officerId } } } },
    select: { id: true, groupId: true, authorId: true, status: true, version: true, text: true },
  });
  // Not theirs or not there: the same answer, so nothing leaks about other groups.
  if (!item) return { ok: false, reason: "notFound" } satisfies DecideResult;

  // What the board sees before: an event goes out only if its suppressed view changes, so the
  // number of events cannot count approvals that the view hides.
  const boardBefore = decision.kind === "approve" ? JSON.stringify(await boardFeedbackByTheme()) : null;
  const result = await prisma.$transaction(async (tx) => {
    // The officer's tagging decides the theme; "no theme" (or one that no longer exists) clears it.
    const themeId =
      decision.kind === "approve" && decision.themeId
        ? ((await tx.theme.findFirst({ where: { id: decision.themeId }, select: { id: true } }))?.id ?? null)
        : null;
    const updated = await tx.feedbackItem.updateMany({
      where: { id: feedbackId, version, status: "pending" },
      data:
        decision.kind === "approve"
          ? {
              status: "approved",
              publishedText: decision.publishedText,
              englishText: decision.englishText,
              englishById: decision.englishText ? officerId : null,
              themeId,
              decidedById: officerId,
              decidedAt: new Date(),
              version: { increment: 1 },
            }
          : {
              status: "held",
              heldReason: decision.reason,
              decidedById: officerId,
              decidedAt: new Date(),
              version: { increment: 1 },
            },
    });
    if (updated.count !== 1) return false;
    await audit(tx, {
      actorId: officerId,
      action: decision.kind === "approve" ? "feedback.approve" : "feedback.hold",
      entityType: "FeedbackItem",
      entityId: feedbackId,
      before: { status: item.status, version },
      after:
        decision.kind === "approve"
          ? { status: "approved", redacted: decision.publishedText !== item.text, themeId }
          : { status: "held", reason: decision.reason },
    });
    await tx.notification.create({
      data: {
        userId: item.authorId,
        kind: decision.kind === "approve" ? "feedback_approved" : "feedback_held",
        feedbackId,
      },
    });
    return true;
  });

  if (!result) {
    const current = await prisma.feedbackItem.findUniqueOrThrow({
      where: { id: feedbackId },
      select: { status: true, version: true, decidedById: true },
    });
    // The same officer's double tap: their decision is already the item's state.
    const intended = decision.kind === "approve" ? "approved" : "held";
    if (current.decidedById === officerId && current.status === intended && current.version === version + 1) {
      return { ok: true } satisfies DecideResult;
    }
    return { ok: false, reason: "conflict", current: { status: current.status, version: current.version } } satisfies DecideResult;
  }
  publish(events.queueChanged, rooms.groupOfficers(item.groupId), { groupId: item.groupId });
  publish(events.myThingsChanged, rooms.user(item.authorId), {});
  if (boardBefore !== null && JSON.stringify(await boardFeedbackByTheme()) !== boardBefore) {
    publish(events.boardChanged, rooms.board(), {});
  }
  return { ok: true } satisfies DecideResult;
}

/**
 * An officer escalates an item of a group they run to the safeguarding leads, with a reason:
 * waiting or held back, it becomes a concern and is never published. `version` is what the officer
 * saw, as for decisions.
 */
export async function escalateFeedback(officerId: string, feedbackId: string, version: number, reason: string): Promise<DecideResult> {
  const item = await prisma.feedbackItem.findFirst({
    where: { id: feedbackId, group: { officers: { some: { userId: officerId } } } },
    select: { id: true, groupId: true, authorId: true, status: true },
  });
  if (!item) return { ok: false, reason: "notFound" };
  const done = await prisma.$transaction(async (tx) => {
    const updated = await tx.feedbackItem.updateMany({
      where: { id: feedbackId, version, status: { in: ["pending", "held"] } },
      data: { status: "safeguarding", version: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await raiseConcernInTx(tx, { feedbackId, groupId: item.groupId, source: "officer", raisedById: officerId, raisedReason: reason });
    return true;
  });
  if (!done) {
    const current = await prisma.feedbackItem.findUniqueOrThrow({ where: { id: feedbackId }, select: { status: true, version: true } });
    // Their own double tap: it is already with safeguarding.
    if (current.status === "safeguarding" && current.version === version + 1) return { ok: true };
    return { ok: false, reason: "conflict", current };
  }
  announceConcern(item.groupId);
  publish(events.myThingsChanged, rooms.user(item.authorId), {});
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Board

/**
 * Approved feedback counted by theme for the board, suppressed: a theme to which fewer than k
 * distinct young people contributed shows "fewer than k", with secondary suppression against the
 * total (app/models/suppression.server.ts). Built from approved items only.
 */
export async function boardFeedbackByTheme() {
  const [k, themes, pairs] = await Promise.all([
    suppressionThreshold(),
    prisma.theme.findMany({ orderBy: { position: "asc" }, select: { id: true, key: true, name: true, archivedAt: true } }),
    // One row per (theme, author): the database does the counting.
    prisma.feedbackItem.groupBy({
      by: ["themeId", "authorId"],
      where: { status: "approved" },
      _count: { _all: true },
    }),
  ]);
  const NO_THEME = "none";
  const byTheme = new Map<string, { count: number; contributors: number }>();
  const authors = new Set<string>();
  for (const row of pairs) {
    const key = row.themeId ?? NO_THEME;
    const cell = byTheme.get(key) ?? { count: 0, contributors: 0 };
    cell.count += row._count._all;
    cell.contributors += 1;
    byTheme.set(key, cell);
    authors.add(row.authorId);
  }
  const rows = [
    ...themes
      .filter((t) => !t.archivedAt || byTheme.has(t.id))
      .map((t) => ({ key: t.id, label: { key: t.key, name: t.name }, ...(byTheme.get(t.id) ?? { count: 0, contributors: 0 }) })),
    { key: NO_THEME, label: null, ...(byTheme.get(NO_THEME) ?? { count: 0, contributors: 0 }) },
  ];
  const table = suppressTable(rows, authors.size, k);
  return {
    threshold: table.threshold,
    total: table.total,
    rows: rows.map((row, i) => ({ themeId: row.key, label: row.label, shown: table.cells[i]!.shown })),
  };
}
