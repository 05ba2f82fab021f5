import { createHash } from "node:crypto";
import { audit } from "#app/models/audit.server.ts";
import { kickJobs, scheduleJob } from "#app/models/jobs.server.ts";
import { enqueueEmail, publicUrl } from "#app/models/mail.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import { prisma, type Db } from "#app/utils/db.server.ts";
import type { Prisma } from "#app/generated/sqlite/client.ts";
import { formatDate } from "#app/utils/format.ts";
import { getFixedT } from "#app/utils/i18next.server.ts";
import { isSupportedLanguage } from "#app/utils/i18n.ts";
import { daysBetween, goesBack, OPEN_ASK_STATUSES } from "#app/utils/asks.ts";

import type { UpdateStatus } from "#app/utils/domain.ts";

export { ASK_STATUSES, UPDATE_STATUSES, type AskStatus, type UpdateStatus } from "#app/utils/domain.ts";

export type AskInputReason =
  | "itemsNotApproved"
  | "pollsNotYours"
  | "notFound"
  | "ownerNotStaff"
  | "reasonRequired"
  | "changedMeanwhile"
  | "translationIncomplete";

export class AskInputError extends Error {
  constructor(readonly reason: AskInputReason) {
    super(reason);
  }
}

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Owners are reminded this many days before the due date. */
export const REMIND_DAYS_BEFORE_DUE = 3;

/** Staff who may own an ask: an active board member or officer. */
export async function listPossibleOwners() {
  return prisma.user.findMany({
    where: { kind: "staff", disabledAt: null, roles: { some: { role: { in: ["board_member", "officer"] } } } },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true },
  });
}

async function checkOwner(tx: Pick<Db, "user">, ownerId: string | null | undefined) {
  if (!ownerId) return null;
  const owner = await tx.user.findFirst({
    where: { id: ownerId, kind: "staff", disabledAt: null, roles: { some: { role: { in: ["board_member", "officer"] } } } },
    select: { id: true },
  });
  if (!owner) throw new AskInputError("ownerNotStaff");
  return owner.id;
}

/** The groups an ask concerns: those whose items it holds, and those its polls were aimed at. */
async function askGroupIds(tx: Pick<Db, "askItem" | "pollGroup">, askId: string) {
  const [items, polls] = await Promise.all([
    tx.askItem.findMany({ where: { askId }, distinct: ["groupId"], select: { groupId: true } }),
    tx.pollGroup.findMany({ where: { poll: { askId } }, select: { groupId: true } }),
  ]);
  return [...new Set([...items, ...polls].map((g) => g.groupId))];
}

/** One language of an ask's title and body, as staff type it (either may be empty). */
export type AskTranslationInput = { title: string; body: string };

/**
 * One language of an ask's title and body, trimmed; null when both are empty (readers of that
 * language then get the English, marked). A title without its text, or a text without its title,
 * is refused: a young person would read half the ask in one language and half in another. An ask
 * whose English has no text needs only a title.
 */
function askTranslationText(englishBody: string, input: AskTranslationInput) {
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title && !body) return null;
  if (!title || (!body && englishBody.trim() !== "")) throw new AskInputError("translationIncomplete");
  return { title, body };
}

// ---------------------------------------------------------------------------------------------
// Reminders

type ReminderKind = "due_soon" | "overdue_due" | "unanswered";

/**
 * Schedules an ask's reminders as durable jobs: before the due date, when it passes, and when the
 * ask has gone unanswered for the organisation's number of days. Each key names the due date it was
 * for, so that moving the date schedules new reminders and the handler skips the stale ones.
 */
async function scheduleReminders(tx: Tx, ask: { id: string; raisedAt: Date; dueAt: Date | null }, overdueAfterDays: number, now = new Date()) {
  // NOTE: a job runs once its runAt has passed, so the handler need not compare times again; it
  // checks only that the ask still has the due date the job was scheduled for.
  const jobs: { kind: ReminderKind; runAt: Date; stamp: string }[] = [
    { kind: "unanswered", runAt: new Date(ask.raisedAt.getTime() + overdueAfterDays * DAY_MS + 1000), stamp: `${ask.raisedAt.toISOString()}+${overdueAfterDays}d` },
  ];
  if (ask.dueAt && ask.dueAt > now) {
    const before = new Date(Math.max(now.getTime(), ask.dueAt.getTime() - REMIND_DAYS_BEFORE_DUE * DAY_MS));
    jobs.push({ kind: "due_soon", runAt: before, stamp: ask.dueAt.toISOString() });
    jobs.push({ kind: "overdue_due", runAt: new Date(ask.dueAt.getTime() + 1000), stamp: ask.dueAt.toISOString() });
  }
  for (const job of jobs) {
    await scheduleJob(tx, {
      kind: "ask.remind",
      payload: { askId: ask.id, reminder: job.kind, dueAt: ask.dueAt?.toISOString() ?? null },
      runAt: job.runAt,
      key: `ask:${ask.id}:${job.kind}:${job.stamp}`,
    });
  }
}

/**
 * Runs one reminder (a durable job): tells the ask's owner (or, with none, the officer who raised
 * it) in-app and by email, unless the ask has moved on since the reminder was scheduled — answered,
 * closed, or given another due date. Safe to run twice: the notification and the email are keyed.
 */
export async function runAskReminder(payload: { askId: string; reminder: ReminderKind; dueAt: string | null }) {
  const ask = await prisma.ask.findUnique({
    where: { id: payload.askId },
    select: {
      id: true,
      title: true,
      status: true,
      dueAt: true,
      answeredAt: true,
      owner: { select: { id: true, email: true, locale: true, disabledAt: true } },
      raisedBy: { select: { id: true, email: true, locale: true, disabledAt: true } },
    },
  });
  if (!ask || !OPEN_ASK_STATUSES.includes(ask.status)) return;
  if (payload.reminder === "unanswered" && ask.answeredAt) return;
  if (payload.reminder !== "unanswered" && (ask.dueAt?.toISOString() ?? null) !== payload.dueAt) return;
  const person = ask.owner && !ask.owner.disabledAt ? ask.owner : ask.raisedBy;
  if (person.disabledAt) return;
  const kind = payload.reminder === "due_soon" ? "ask_due_soon" : "ask_overdue";
  const key = `ask:${ask.id}:${payload.reminder}:${payload.dueAt ?? ""}:${person.id}`;
  await prisma.$transaction(async (tx) => {
    // One notification per reminder and person, however many times the job runs.
    const already = await tx.notification.findFirst({
      where: { userId: person.id, askId: ask.id, kind, updateId: key },
      select: { id: true },
    });
    if (already) return;
    await tx.notification.create({ data: { userId: person.id, kind, askId: ask.id, updateId: key } });
    if (person.email) {
      const t = getFixedT(person.locale, "officer");
      const plain = { interpolation: { escapeValue: false } };
      const due = ask.dueAt ? formatDate(ask.dueAt, isSupportedLanguage(person.locale) ? person.locale : "en") : "";
      await enqueueEmail(
        tx,
        {
          to: person.email,
          subject: t(`reminders.email.${payload.reminder}.subject`, { title: ask.title, ...plain }),
          text: t(`reminders.email.${payload.reminder}.body`, { title: ask.title, due, link: publicUrl(`/board/asks/${ask.id}`), ...plain }),
        },
        `${key}:email`,
      );
    }
  });
  kickJobs();
  publish(events.asksChanged, rooms.user(person.id), {});
}

/** A staff member's ask reminders, newest first. */
export async function listMyReminders(userId: string) {
  const rows = await prisma.notification.findMany({
    where: { userId, kind: { in: ["ask_due_soon", "ask_overdue"] } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, kind: true, createdAt: true, readAt: true, askId: true },
  });
  const asks = await prisma.ask.findMany({
    where: { id: { in: rows.flatMap((r) => (r.askId ? [r.askId] : [])) } },
    select: { id: true, title: true, status: true, dueAt: true },
  });
  const byId = new Map(asks.map((a) => [a.id, a]));
  return rows.flatMap((r) => {
    const ask = r.askId ? byId.get(r.askId) : undefined;
    return ask ? [{ id: r.id, kind: r.kind, createdAt: r.createdAt, unread: r.readAt === null, ask }] : [];
  });
}

export async function markRemindersRead(userId: string) {
  await prisma.notification.updateMany({
    where: { userId, kind: { in: ["ask_due_soon", "ask_overdue"] }, readAt: null },
    data: { readAt: new Date() },
  });
}

// ---------------------------------------------------------------------------------------------
// Raising an ask

/**
 * An officer gathers approved items of the groups they run — or polls aimed at those groups — into
 * an ask for the board. Items that are not approved, or not in the officer's groups, and polls of
 * other groups are refused: nothing unmoderated reaches the board through an ask. `translations`
 * (by language code) give young people the title and body in their language; English and unknown
 * codes are ignored, a language left empty falls back to English, and a half-filled one is refused
 * whole (`translationIncomplete`).
 */
export async function createAsk(
  officerId: string,
  input: {
    title: string;
    body: string;
    feedbackIds: string[];
    pollIds?: string[];
    dueAt: Date | null;
    ownerId?: string | null;
    translations?: Record<string, AskTranslationInput>;
  },
) {
  const translations = Object.entries(input.translations ?? {}).flatMap(([locale, given]) => {
    if (locale === "en" || !isSupportedLanguage(locale)) return [];
    const text = askTranslationText(input.body, given);
    return text ? [{ locale, ...text }] : [];
  });
  const ids = [...new Set(input.feedbackIds)];
  const pollIds = [...new Set(input.pollIds ?? [])];
  const items = await prisma.feedbackItem.findMany({
    where: { id: { in: ids }, status: "approved", group: { officers: { some: { userId: officerId } } } },
    select: { id: true, groupId: true },
  });
  if (items.length !== ids.length || ids.length + pollIds.length === 0) throw new AskInputError("itemsNotApproved");
  const polls = await prisma.poll.findMany({
    where: { id: { in: pollIds }, status: { not: "draft" }, groups: { some: { group: { officers: { some: { userId: officerId } } } } } },
    select: { id: true, groups: { select: { groupId: true } } },
  });
  if (polls.length !== pollIds.length) throw new AskInputError("pollsNotYours");
  const org = await getOrganisation();
  const ask = await prisma.$transaction(async (tx) => {
    const ownerId = await checkOwner(tx, input.ownerId);
    const created = await tx.ask.create({
      data: {
        title: input.title,
        body: input.body,
        dueAt: input.dueAt,
        ownerId,
        raisedById: officerId,
        items: { create: items.map((i) => ({ feedbackId: i.id, groupId: i.groupId })) },
        translations: { create: translations },
      },
      select: { id: true, raisedAt: true, dueAt: true },
    });
    if (pollIds.length) await tx.poll.updateMany({ where: { id: { in: pollIds } }, data: { askId: created.id } });
    await scheduleReminders(tx, created, org.overdueAfterDays);
    await audit(tx, {
      actorId: officerId,
      action: "ask.raise",
      entityType: "Ask",
      entityId: created.id,
      after: { title: input.title, items: ids.length, polls: pollIds, dueAt: input.dueAt, ownerId, translations: translations.map((t) => t.locale) },
    });
    return created;
  });
  const groupIds = [...new Set([...items.map((i) => i.groupId), ...polls.flatMap((p) => p.groups.map((g) => g.groupId))])];
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  for (const groupId of groupIds) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
  return { id: ask.id };
}

/**
 * Gives an ask an owner (an active board member or officer — anyone else is refused) and a due
 * date, and reschedules the owner's reminders. `version` guards against two people changing it at
 * once.
 */
export async function setAskOwnerAndDue(actorId: string, askId: string, input: { ownerId: string | null; dueAt: Date | null; version: number }) {
  const org = await getOrganisation();
  await prisma.$transaction(async (tx) => {
    const ask = await tx.ask.findUnique({ where: { id: askId }, select: { id: true, ownerId: true, dueAt: true, raisedAt: true, version: true } });
    if (!ask) throw new AskInputError("notFound");
    const ownerId = await checkOwner(tx, input.ownerId);
    const updated = await tx.ask.updateMany({
      where: { id: askId, version: input.version },
      data: { ownerId, dueAt: input.dueAt, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AskInputError("changedMeanwhile");
    await scheduleReminders(tx, { id: askId, raisedAt: ask.raisedAt, dueAt: input.dueAt }, org.overdueAfterDays);
    await audit(tx, {
      actorId,
      action: "ask.plan",
      entityType: "Ask",
      entityId: askId,
      before: { ownerId: ask.ownerId, dueAt: ask.dueAt },
      after: { ownerId, dueAt: input.dueAt },
    });
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
}

/** A board member says "received": once per person (a second tap changes nothing). */
export async function acknowledgeAsk(userId: string, askId: string) {
  const ask = await prisma.ask.findUnique({ where: { id: askId }, select: { id: true } });
  if (!ask) throw new AskInputError("notFound");
  const made = await prisma.$transaction(async (tx) => {
    const existing = await tx.askAcknowledgement.findUnique({ where: { askId_userId: { askId, userId } }, select: { askId: true } });
    if (existing) return false;
    await tx.askAcknowledgement.create({ data: { askId, userId } });
    await audit(tx, { actorId: userId, action: "ask.acknowledge", entityType: "Ask", entityId: askId });
    return true;
  });
  if (made) publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
}

/** Asks for officers and board members: the adults' own work, so nothing here is suppressed. */
const LISTED_ASK = {
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
} satisfies Prisma.AskSelect;

/** How many finished asks (done, not possible) the lists show, newest first. */
export const FINISHED_ASKS_LISTED = 200;

/**
 * Asks for the staff's and the board's lists, newest first: every ask still open, however old (an
 * old unanswered ask is the one the board most needs to see), and the newest finished ones.
 */
export async function listAsks() {
  const open = [...OPEN_ASK_STATUSES];
  const [stillOpen, finished] = await Promise.all([
    prisma.ask.findMany({ where: { status: { in: open } }, orderBy: { raisedAt: "desc" }, select: LISTED_ASK }),
    prisma.ask.findMany({ where: { status: { notIn: open } }, orderBy: { raisedAt: "desc" }, take: FINISHED_ASKS_LISTED, select: LISTED_ASK }),
  ]);
  return [...stillOpen, ...finished]
    .sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime())
    .map(({ updates, _count, ...ask }) => ({ ...ask, lastUpdate: updates[0] ?? null, updateCount: _count.updates }));
}

/** An ask with its updates and who acknowledged it, for staff. No young person's name or words. */
export async function getAskForStaff(askId: string) {
  return prisma.ask.findUnique({
    where: { id: askId },
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      raisedAt: true,
      answeredAt: true,
      dueAt: true,
      version: true,
      ownerId: true,
      owner: { select: { displayName: true } },
      acknowledgements: { orderBy: { acknowledgedAt: "asc" }, select: { userId: true, acknowledgedAt: true, user: { select: { displayName: true } } } },
      polls: { select: { id: true, title: true } },
      translations: { orderBy: { locale: "asc" }, select: { locale: true, title: true, body: true, checkedAt: true, checkedById: true } },
      updates: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          text: true,
          reason: true,
          createdAt: true,
          author: { select: { displayName: true } },
          translations: { select: { locale: true, text: true, reason: true, checkedAt: true, checkedById: true } },
        },
      },
    },
  });
}

/** Who is told of an ask's updates: authors of its items and voters in its polls, each with the group the notice links to. */
async function askRecipients(tx: Tx, askId: string) {
  const [items, votes] = await Promise.all([
    tx.askItem.findMany({ where: { askId }, select: { groupId: true, feedback: { select: { authorId: true } } } }),
    tx.pollResponse.findMany({
      where: { question: { poll: { askId } } },
      distinct: ["userId"],
      select: { userId: true, groupId: true },
    }),
  ]);
  const recipients = new Map<string, string>();
  for (const item of items) if (!recipients.has(item.feedback.authorId)) recipients.set(item.feedback.authorId, item.groupId);
  for (const vote of votes) if (!recipients.has(vote.userId)) recipients.set(vote.userId, vote.groupId);
  return recipients;
}

/**
 * Posts a dated update (a status and words, with translations) to an ask, and tells every young
 * person whose item or vote is part of it — each once, in-app and live, however many of their items
 * are in the ask, including those who stayed anonymous to officers. A notification names the ask
 * and the reader's own group, never who else contributed, and never how anybody voted.
 * A status that goes back (done → in progress) needs a reason.
 */
export async function addAskUpdate(
  authorId: string,
  askId: string,
  input: { status: UpdateStatus; text: string; reason?: string | null; translations?: Record<string, string> },
) {
  const result = await prisma.$transaction(async (tx) => {
    const ask = await tx.ask.findUnique({ where: { id: askId }, select: { id: true, status: true, answeredAt: true } });
    if (!ask) throw new AskInputError("notFound");
    const reason = input.reason?.trim() || null;
    if (goesBack(ask.status, input.status) && !reason) throw new AskInputError("reasonRequired");
    const update = await tx.askUpdate.create({
      data: {
        askId,
        authorId,
        status: input.status,
        text: input.text,
        reason,
        translations: {
          create: Object.entries(input.translations ?? {})
            .filter(([locale, text]) => locale !== "en" && isSupportedLanguage(locale) && text.trim() !== "")
            .map(([locale, text]) => ({ locale, text: text.trim() })),
        },
      },
      select: { id: true },
    });
    await tx.ask.update({
      where: { id: askId },
      data: { status: input.status, answeredAt: ask.answeredAt ?? new Date(), version: { increment: 1 } },
    });
    const recipients = await askRecipients(tx, askId);
    await tx.notification.createMany({
      data: [...recipients].map(([userId, groupId]) => ({ userId, kind: "ask_update", askId, updateId: update.id, groupId })),
    });
    await audit(tx, {
      actorId: authorId,
      action: "ask.update",
      entityType: "Ask",
      entityId: askId,
      before: { status: ask.status },
      after: { status: input.status, text: input.text, reason, translations: Object.keys(input.translations ?? {}) },
    });
    return { updateId: update.id, userIds: [...recipients.keys()], groupIds: await askGroupIds(tx, askId) };
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  for (const groupId of result.groupIds) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
  for (const userId of result.userIds) publish(events.myThingsChanged, rooms.user(userId), {});
  return { id: result.updateId };
}

// ---------------------------------------------------------------------------------------------
// "You said, we did"

/**
 * A group's "you said, we did" timeline, for its members, newest first: each ask that holds
 * something the group said (or a poll it answered), with the group's words only where the author
 * agreed to be quoted (the approved, redacted text, never a name), the ask's title and body and
 * the board's updates in the reader's language when translated (each with a flag when shown in
 * English instead), and how long the ask waited for its first answer (or has waited so far).
 */
export async function groupTimeline(groupId: string, locale: string, now = new Date()) {
  const asks = await prisma.ask.findMany({
    where: { OR: [{ items: { some: { groupId } } }, { polls: { some: { groups: { some: { groupId } } } } }] },
    orderBy: { raisedAt: "desc" },
    take: 50,
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      raisedAt: true,
      answeredAt: true,
      translations: { where: { locale }, select: { title: true, body: true } },
      items: {
        where: { groupId, feedback: { status: "approved", mayQuote: true } },
        select: { feedback: { select: { id: true, publishedText: true } } },
      },
      polls: { where: { groups: { some: { groupId } } }, select: { id: true, title: true, translations: { where: { locale }, select: { title: true } } } },
      updates: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          text: true,
          reason: true,
          createdAt: true,
          translations: { where: { locale }, select: { text: true, reason: true } },
        },
      },
    },
  });
  return asks
    .map((ask) => {
      const lastAt = ask.updates[0]?.createdAt ?? ask.raisedAt;
      const translated = locale === "en" ? undefined : ask.translations[0];
      return {
        id: ask.id,
        title: translated?.title ?? ask.title,
        body: translated?.body ?? ask.body,
        inEnglishFallback: locale !== "en" && translated === undefined,
        status: ask.status,
        raisedAt: ask.raisedAt,
        lastAt,
        answered: ask.answeredAt !== null,
        waitedDays: daysBetween(ask.raisedAt, ask.answeredAt ?? now),
        quotes: ask.items.map((i) => ({ id: i.feedback.id, text: i.feedback.publishedText ?? "" })),
        polls: ask.polls.map((p) => {
          const translated = locale === "en" ? undefined : p.translations[0]?.title;
          return { id: p.id, title: translated ?? p.title, inEnglishFallback: locale !== "en" && translated === undefined };
        }),
        updates: ask.updates.map((u) => {
          const translated = locale === "en" ? undefined : u.translations[0];
          const translatedReason = translated?.reason || undefined;
          return {
            id: u.id,
            status: u.status,
            createdAt: u.createdAt,
            text: translated?.text ?? u.text,
            inEnglishFallback: locale !== "en" && translated === undefined,
            reason: u.reason ? (translatedReason ?? u.reason) : null,
            reasonInEnglish: locale !== "en" && Boolean(u.reason) && translatedReason === undefined,
          };
        }),
      };
    })
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}

// ---------------------------------------------------------------------------------------------
// Translations of updates

/**
 * Adds or corrects one language of an update after it was posted: its text and, when the update
 * gives a reason, the reason (which young people read beside it; left empty, they read the English,
 * marked). An empty text removes the language; a reason without a text is refused
 * (`translationIncomplete`). A change loses the "checked by an interpreter" mark: the check was of
 * other words. The same words again change nothing, and keep the mark.
 */
export async function setUpdateTranslation(actorId: string, updateId: string, locale: string, text: string, reason = "") {
  if (!isSupportedLanguage(locale) || locale === "en") throw new AskInputError("notFound");
  const update = await prisma.askUpdate.findUnique({
    where: { id: updateId },
    select: { askId: true, reason: true, translations: { where: { locale }, select: { text: true, reason: true } } },
  });
  if (!update) throw new AskInputError("notFound");
  const before = update.translations[0] ?? null;
  const trimmed = text.trim();
  // An update without a reason has nothing to translate there.
  const trimmedReason = update.reason ? reason.trim() : "";
  if (trimmed === "" && trimmedReason !== "") throw new AskInputError("translationIncomplete");
  if ((before?.text ?? "") === trimmed && (before?.reason ?? "") === trimmedReason) return;
  await prisma.$transaction(async (tx) => {
    if (trimmed === "") await tx.askUpdateTranslation.deleteMany({ where: { updateId, locale } });
    else
      await tx.askUpdateTranslation.upsert({
        where: { updateId_locale: { updateId, locale } },
        create: { updateId, locale, text: trimmed, reason: trimmedReason },
        update: { text: trimmed, reason: trimmedReason, checkedAt: null, checkedById: null },
      });
    await audit(tx, {
      actorId,
      action: "ask.translate",
      entityType: "AskUpdate",
      entityId: updateId,
      before: { locale, text: before?.text ?? null, reason: before?.reason ?? null },
      after: { locale, text: trimmed, reason: trimmedReason },
    });
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  for (const groupId of await askGroupIds(prisma, update.askId)) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
}

/**
 * Names exactly the words a translator sees for one language of an update — the English text and
 * reason and their translations — so that a mark is set only on words somebody checked.
 */
export function updateTranslationFingerprint(update: { text: string; reason: string | null }, translation: { text: string; reason: string }) {
  return createHash("sha256").update(JSON.stringify([update.text, update.reason ?? "", translation.text, translation.reason])).digest("base64url").slice(0, 32);
}

/**
 * Sets or clears the "checked by an interpreter" mark of one translation of an update. Setting it
 * needs `seen` (updateTranslationFingerprint of the words on the translator's screen) to match the
 * words stored now (else `changedMeanwhile`), and the reason translated when the update has one
 * (else `translationIncomplete`): a mark is on a whole language. The caller must have checked that
 * the actor holds the translator role.
 */
export async function setUpdateTranslationChecked(translatorId: string, updateId: string, locale: string, checked: boolean, seen = "") {
  const found = await prisma.askUpdateTranslation.findUnique({
    where: { updateId_locale: { updateId, locale } },
    select: { text: true, reason: true, update: { select: { text: true, reason: true } } },
  });
  if (!found) throw new AskInputError("notFound");
  if (checked && updateTranslationFingerprint(found.update, found) !== seen) throw new AskInputError("changedMeanwhile");
  if (checked && found.update.reason && !found.reason) throw new AskInputError("translationIncomplete");
  await prisma.$transaction(async (tx) => {
    await tx.askUpdateTranslation.update({
      where: { updateId_locale: { updateId, locale } },
      data: checked ? { checkedAt: new Date(), checkedById: translatorId } : { checkedAt: null, checkedById: null },
    });
    await audit(tx, {
      actorId: translatorId,
      action: checked ? "translation.check" : "translation.uncheck",
      entityType: "AskUpdateTranslation",
      entityId: `${updateId}:${locale}`,
    });
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
}

// ---------------------------------------------------------------------------------------------
// Translations of an ask's title and body

/**
 * Sets one language of an ask's title and body, as the young people reading in it will see them
 * on their group's timeline and in their notifications. Both empty removes the language (they
 * then read the English, marked); one without the other is refused (`translationIncomplete`) and
 * nothing changes. A changed text loses its "checked by an interpreter" mark: the check was of
 * other words. The same words again change nothing, and keep the mark. The caller must have
 * checked that the actor may translate (an officer or a translator).
 */
export async function setAskTranslation(actorId: string, askId: string, locale: string, input: AskTranslationInput) {
  if (!isSupportedLanguage(locale) || locale === "en") throw new AskInputError("notFound");
  const changed = await prisma.$transaction(async (tx) => {
    const ask = await tx.ask.findUnique({
      where: { id: askId },
      select: { body: true, translations: { where: { locale }, select: { title: true, body: true } } },
    });
    if (!ask) throw new AskInputError("notFound");
    const text = askTranslationText(ask.body, input);
    const before = ask.translations[0] ?? null;
    if (before?.title === text?.title && before?.body === text?.body) return false;
    if (!text) await tx.askTranslation.deleteMany({ where: { askId, locale } });
    else
      await tx.askTranslation.upsert({
        where: { askId_locale: { askId, locale } },
        create: { askId, locale, ...text },
        update: { ...text, checkedAt: null, checkedById: null },
      });
    await audit(tx, {
      actorId,
      action: "ask.translate",
      entityType: "Ask",
      entityId: askId,
      before: { locale, title: before?.title ?? null, body: before?.body ?? null },
      after: { locale, title: text?.title ?? null, body: text?.body ?? null },
    });
    return true;
  });
  if (!changed) return;
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
  // Members' timelines and home pages ("News for you") both reload on this.
  for (const groupId of await askGroupIds(prisma, askId)) publish(events.timelineChanged, rooms.groupMembers(groupId), { groupId });
}

/**
 * Names exactly the words a translator sees for one language of an ask — the English and the
 * translation of its title and body — so that a mark is set only on words somebody checked
 * (decision 014's rule for polls).
 */
export function askTranslationFingerprint(english: AskTranslationInput, translation: AskTranslationInput) {
  return createHash("sha256").update(JSON.stringify([english.title, english.body, translation.title, translation.body])).digest("base64url").slice(0, 32);
}

/**
 * Sets or clears the "checked by an interpreter" mark of one language of an ask's title and body,
 * recording who and when. Setting it needs `seen` (askTranslationFingerprint of the words on the
 * translator's screen) to match the words stored now: words changed since are refused
 * (`changedMeanwhile`) rather than marked unseen. The caller must have checked that the actor
 * holds the translator role.
 */
export async function setAskTranslationChecked(translatorId: string, askId: string, locale: string, checked: boolean, seen: string) {
  const found = await prisma.askTranslation.findUnique({
    where: { askId_locale: { askId, locale } },
    select: { title: true, body: true, ask: { select: { title: true, body: true } } },
  });
  if (!found) throw new AskInputError("notFound");
  if (checked && askTranslationFingerprint(found.ask, found) !== seen) throw new AskInputError("changedMeanwhile");
  await prisma.$transaction(async (tx) => {
    await tx.askTranslation.update({
      where: { askId_locale: { askId, locale } },
      data: checked ? { checkedAt: new Date(), checkedById: translatorId } : { checkedAt: null, checkedById: null },
    });
    await audit(tx, {
      actorId: translatorId,
      action: checked ? "translation.check" : "translation.uncheck",
      entityType: "AskTranslation",
      entityId: `${askId}:${locale}`,
    });
  });
  publish(events.asksChanged, [rooms.board(), rooms.officers()], {});
}

/** The names of the staff who checked translations, for the marks shown beside them. */
export async function staffNames(ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await prisma.user.findMany({ where: { id: { in: unique }, kind: "staff" }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** Polls an officer may gather into an ask: open or closed (not drafts), aimed at a group they run. */
export async function listPollsForAsks(officerId: string) {
  return prisma.poll.findMany({
    where: { status: { not: "draft" }, groups: { some: { group: { officers: { some: { userId: officerId } } } } } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, title: true, status: true, askId: true },
  });
}
