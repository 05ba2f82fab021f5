import { audit } from "#app/models/audit.server.ts";
import { cancelJobs, kickJobs, scheduleJob } from "#app/models/jobs.server.ts";
import { enqueueEmail, publicUrl } from "#app/models/mail.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { screenForConcerns } from "#app/models/screening.server.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import { prisma, type Db } from "#app/utils/db.server.ts";
import { formatDate } from "#app/utils/format.ts";
import { getFixedT } from "#app/utils/i18next.server.ts";
import type { ScreenHit } from "#app/screening/screen.ts";

/**
 * Safeguarding: a possible disclosure of harm is never published. It becomes a concern that the
 * safeguarding leads see at once (live, and by email); the group's officers see only that an item
 * is "with safeguarding" unless no lead acknowledges it in time, when it escalates to them and
 * they may open it (each opening logged). PRODUCT.md's "who sees what" table governs every
 * function here; docs/decisions/009-safeguarding.md says why it is built this way.
 */

export const CONCERN_OUTCOMES = [
  "referred_social_care",
  "spoke_with_young_person",
  "passed_to_social_worker",
  "not_a_concern",
  "no_further_action",
] as const;
export type ConcernOutcome = (typeof CONCERN_OUTCOMES)[number];
/** What a lead can record: an outcome, or a note of something done along the way. */
export const CONCERN_ACTION_KINDS = [...CONCERN_OUTCOMES, "note"] as const;
export type ConcernActionKind = (typeof CONCERN_ACTION_KINDS)[number];
/** Outcomes that always end the concern. */
const CLOSING_OUTCOMES: readonly ConcernActionKind[] = ["not_a_concern", "no_further_action"];
/** Reminders stop after this many escalations (the concern stays first on every lead's screen). */
const MAX_ESCALATIONS = 8;

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

async function activeLeads(tx: Pick<Db, "user">) {
  return tx.user.findMany({
    where: { kind: "staff", disabledAt: null, roles: { some: { role: "safeguarding_lead" } } },
    select: { id: true, email: true, locale: true },
  });
}

/** Email text in a staff member's language. Plain text: no HTML escaping of names or links. */
async function staffT(locale: string) {
  const t = getFixedT(locale, "safeguarding");
  return (key: string, values: Record<string, string | number> = {}) =>
    t(key, { ...values, interpolation: { escapeValue: false } }) as string;
}

/** Stops a concern's pending escalations (every raising of it): a lead has it. */
const stopEscalation = (tx: Pick<Db, "job">, concernId: string) => cancelJobs(tx, `concern:${concernId}:`, "concern.escalate");

// ---------------------------------------------------------------------------------------------
// Raising a concern

/**
 * Makes a feedback item a safeguarding concern, inside the caller's transaction (the item's own
 * save, or an officer's escalation), so that the item is never visible anywhere without its
 * concern: alert emails to every lead and the escalation timer are durable jobs written in the
 * same transaction. Call `announceConcern` after the transaction commits.
 */
export async function raiseConcernInTx(
  tx: Tx,
  input: { feedbackId: string; groupId: string; source: "screen" | "officer"; hits?: ScreenHit[]; raisedById?: string; raisedReason?: string },
) {
  const [org, leads, group] = await Promise.all([
    getOrganisation(),
    activeLeads(tx),
    tx.group.findUniqueOrThrow({ where: { id: input.groupId }, select: { name: true } }),
  ]);
  // An item a lead once found "not a concern" can be escalated again: the same concern reopens.
  const fields = {
    groupId: input.groupId,
    source: input.source,
    hits: JSON.stringify(input.hits ?? []),
    raisedById: input.raisedById ?? null,
    raisedReason: input.raisedReason ?? null,
  };
  const existing = await tx.safeguardingConcern.findUnique({ where: { feedbackId: input.feedbackId }, select: { id: true } });
  const concern = existing
    ? await tx.safeguardingConcern.update({
        where: { id: existing.id },
        data: {
          ...fields,
          status: "open",
          createdAt: new Date(),
          acknowledgedAt: null,
          acknowledgedById: null,
          escalatedAt: null,
          escalations: 0,
          outcome: null,
          closedAt: null,
          closedById: null,
          version: { increment: 1 },
        },
        select: { id: true, createdAt: true },
      })
    : await tx.safeguardingConcern.create({ data: { feedbackId: input.feedbackId, ...fields }, select: { id: true, createdAt: true } });
  // Each raising has its own jobs (a reopened concern is alerted and escalated afresh).
  const round = concern.createdAt.getTime().toString(36);
  const link = publicUrl(`/safeguarding/${concern.id}`);
  for (const lead of leads) {
    if (!lead.email) continue;
    const t = await staffT(lead.locale);
    await enqueueEmail(
      tx,
      {
        to: lead.email,
        subject: t("email.alert.subject"),
        text: t("email.alert.body", { group: group.name, time: formatDate(concern.createdAt, lead.locale, true), link }),
      },
      `concern:${concern.id}:${round}:alert:${lead.id}`,
    );
  }
  // With no lead at all, nobody could acknowledge it: it goes to the group's officers at once.
  const minutes = org.escalateAfterMinutes;
  await scheduleJob(tx, {
    kind: "concern.escalate",
    payload: { concernId: concern.id, round, level: 1 },
    runAt: new Date(concern.createdAt.getTime() + (leads.length ? minutes * 60_000 : 0)),
    key: `concern:${concern.id}:${round}:escalate:1`,
  });
  await audit(tx, {
    actorId: input.raisedById ?? null,
    action: input.source === "screen" ? "concern.screened" : "concern.escalated_by_officer",
    entityType: "SafeguardingConcern",
    entityId: concern.id,
    after: {
      feedbackId: input.feedbackId,
      groupId: input.groupId,
      categories: [...new Set((input.hits ?? []).map((h) => h.category))],
      ...(input.raisedReason ? { reason: input.raisedReason } : {}),
    },
  });
  return { concernId: concern.id };
}

/** After the concern's transaction committed: the live alert to every lead, the officers' queue, the emails. */
export function announceConcern(groupId: string) {
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  publish(events.queueChanged, rooms.groupOfficers(groupId), { groupId });
  kickJobs();
}

/** Screens a young person's words; the hits decide whether the item is a concern. */
export async function screenWords(text: string): Promise<ScreenHit[]> {
  return screenForConcerns(text);
}

// ---------------------------------------------------------------------------------------------
// Escalation (a durable job)

/**
 * Runs when a concern's timer comes due. If no lead has acknowledged it, it escalates: the group's
 * officers (or, when a group has none, the admins) are alerted by email and live, the leads are
 * reminded, and the next reminder is scheduled. A concern a lead already has is left alone, so a
 * timer firing late, twice, or after a restart does no harm.
 */
export async function runEscalation(payload: unknown) {
  const { concernId, round, level } = payload as { concernId: string; round: string; level: number };
  const concern = await prisma.safeguardingConcern.findUnique({
    where: { id: concernId },
    select: { id: true, status: true, groupId: true, createdAt: true, escalations: true, group: { select: { name: true } } },
  });
  if (!concern || concern.status !== "open" || concern.escalations >= level) return;
  const org = await getOrganisation();
  const minutes = Math.round((Date.now() - concern.createdAt.getTime()) / 60_000);
  await prisma.$transaction(async (tx) => {
    const updated = await tx.safeguardingConcern.updateMany({
      where: { id: concernId, status: "open", escalations: level - 1 },
      data: { escalations: level, ...(level === 1 ? { escalatedAt: new Date() } : {}), version: { increment: 1 } },
    });
    if (updated.count !== 1) return;
    const officers = await tx.user.findMany({
      where: { kind: "staff", disabledAt: null, officerOf: { some: { groupId: concern.groupId } }, roles: { some: { role: "officer" } } },
      select: { id: true, email: true, locale: true },
    });
    const fallback = officers.length
      ? []
      : await tx.user.findMany({
          where: { kind: "staff", disabledAt: null, roles: { some: { role: "admin" } } },
          select: { id: true, email: true, locale: true },
        });
    const leads = await activeLeads(tx);
    const link = publicUrl(`/safeguarding/${concernId}`);
    const officerLink = publicUrl(`/officer/concerns/${concernId}`);
    for (const person of [...officers, ...fallback]) {
      if (!person.email) continue;
      const t = await staffT(person.locale);
      await enqueueEmail(
        tx,
        {
          to: person.email,
          subject: t("email.escalated.subject"),
          text: t("email.escalated.body", { group: concern.group.name, minutes, link: officers.length ? officerLink : link }),
        },
        `concern:${concernId}:${round}:escalated:${level}:${person.id}`,
      );
    }
    for (const lead of leads) {
      if (!lead.email) continue;
      const t = await staffT(lead.locale);
      await enqueueEmail(
        tx,
        { to: lead.email, subject: t("email.reminder.subject"), text: t("email.reminder.body", { group: concern.group.name, minutes, link }) },
        `concern:${concernId}:${round}:reminder:${level}:${lead.id}`,
      );
    }
    if (level < MAX_ESCALATIONS) {
      await scheduleJob(tx, {
        kind: "concern.escalate",
        payload: { concernId, round, level: level + 1 },
        runAt: new Date(Date.now() + org.escalateAfterMinutes * 60_000),
        key: `concern:${concernId}:${round}:escalate:${level + 1}`,
      });
    }
    await audit(tx, {
      actorId: null,
      action: "concern.escalation",
      entityType: "SafeguardingConcern",
      entityId: concernId,
      after: { level, notified: [...officers, ...fallback].map((p) => p.id), minutesWaiting: minutes },
    });
  });
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  publish(events.concernEscalated, rooms.groupOfficers(concern.groupId), { groupId: concern.groupId });
  publish(events.queueChanged, rooms.groupOfficers(concern.groupId), { groupId: concern.groupId });
  kickJobs();
}

// ---------------------------------------------------------------------------------------------
// Safeguarding leads

type Hit = { category: string; language: string; phrase: string; start: number; end: number };

function parseHits(json: string): Hit[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as Hit[]) : [];
  } catch {
    return [];
  }
}

/** Every concern, for the leads: waiting for a lead first (oldest first), then in hand, then the recently closed. */
export async function listConcernsForLead() {
  const rows = await prisma.safeguardingConcern.findMany({
    where: { OR: [{ status: { in: ["open", "acknowledged"] } }, { closedAt: { gt: new Date(Date.now() - 30 * 86_400_000) } }] },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: {
      id: true,
      status: true,
      source: true,
      hits: true,
      createdAt: true,
      acknowledgedAt: true,
      escalatedAt: true,
      outcome: true,
      closedAt: true,
      group: { select: { name: true } },
      acknowledgedBy: { select: { displayName: true } },
    },
  });
  const rank = { open: 0, acknowledged: 1, closed: 2 } as Record<string, number>;
  return rows
    .map((r) => ({
      id: r.id,
      status: r.status,
      source: r.source,
      categories: [...new Set(parseHits(r.hits).map((h) => h.category))],
      createdAt: r.createdAt,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: r.acknowledgedBy?.displayName ?? null,
      escalatedAt: r.escalatedAt,
      outcome: r.outcome,
      closedAt: r.closedAt,
      groupName: r.group.name,
    }))
    .sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3) || (a.status === "closed" ? b.createdAt.getTime() - a.createdAt.getTime() : 0));
}

/** How many concerns wait for a lead, for the alert every lead's page shows. */
export async function leadAlertSummary() {
  const [open, oldest] = await Promise.all([
    prisma.safeguardingConcern.count({ where: { status: "open" } }),
    prisma.safeguardingConcern.findFirst({ where: { status: "open" }, orderBy: { createdAt: "asc" }, select: { id: true, createdAt: true } }),
  ]);
  return { open, oldestId: oldest?.id ?? null, oldestAt: oldest?.createdAt ?? null };
}

/**
 * One concern as a lead sees it: the words, what the screen matched, and who wrote it when the
 * author chose "the participation team may know it was me". When the author chose "only someone
 * keeping me safe may know", the nickname, age band and the officers' private note are given only
 * to a lead who revealed them (with a reason, logged).
 */
export async function getConcernForLead(leadId: string, concernId: string) {
  const concern = await prisma.safeguardingConcern.findUnique({
    where: { id: concernId },
    select: {
      id: true,
      status: true,
      source: true,
      hits: true,
      raisedReason: true,
      version: true,
      createdAt: true,
      acknowledgedAt: true,
      escalatedAt: true,
      escalations: true,
      outcome: true,
      closedAt: true,
      acknowledgedBy: { select: { displayName: true } },
      closedBy: { select: { displayName: true } },
      raisedBy: { select: { displayName: true } },
      group: { select: { id: true, name: true } },
      feedback: {
        select: {
          id: true,
          text: true,
          language: true,
          mood: true,
          identity: true,
          createdAt: true,
          pollQuestionId: true,
          author: {
            select: { id: true, displayName: true, ageBand: true, locale: true, notesAbout: { select: { text: true, updatedAt: true } } },
          },
        },
      },
      actions: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, reason: true, createdAt: true, actor: { select: { displayName: true } } } },
      reveals: { orderBy: { createdAt: "asc" }, select: { leadId: true, reason: true, createdAt: true, lead: { select: { displayName: true } } } },
      messages: { orderBy: { createdAt: "asc" }, select: { id: true, fromRole: true, text: true, createdAt: true, readAt: true, author: { select: { displayName: true } } } },
    },
  });
  if (!concern) return null;
  const { feedback } = concern;
  const revealed = feedback.identity === "team" || concern.reveals.some((r) => r.leadId === leadId);
  const openedByOfficers = await prisma.auditLog.findMany({
    where: { entityType: "SafeguardingConcern", entityId: concernId, action: "concern.opened_by_officer" },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, actor: { select: { displayName: true } } },
  });
  return {
    id: concern.id,
    status: concern.status,
    source: concern.source,
    version: concern.version,
    raisedReason: concern.raisedReason,
    raisedBy: concern.raisedBy?.displayName ?? null,
    hits: parseHits(concern.hits),
    createdAt: concern.createdAt,
    acknowledgedAt: concern.acknowledgedAt,
    acknowledgedBy: concern.acknowledgedBy?.displayName ?? null,
    escalatedAt: concern.escalatedAt,
    escalations: concern.escalations,
    outcome: concern.outcome,
    closedAt: concern.closedAt,
    closedBy: concern.closedBy?.displayName ?? null,
    group: concern.group,
    text: feedback.text,
    language: feedback.language,
    mood: feedback.mood,
    fromPoll: Boolean(feedback.pollQuestionId),
    identity: feedback.identity,
    author: revealed
      ? {
          nickname: feedback.author.displayName,
          ageBand: feedback.author.ageBand,
          language: feedback.author.locale,
          note: feedback.author.notesAbout[0]?.text ?? null,
        }
      : null,
    mayReveal: !revealed,
    actions: concern.actions.map((a) => ({ id: a.id, kind: a.kind, reason: a.reason, createdAt: a.createdAt, by: a.actor.displayName })),
    reveals: concern.reveals.map((r) => ({ by: r.lead.displayName, reason: r.reason, createdAt: r.createdAt })),
    openedByOfficers: openedByOfficers.map((o) => ({ by: o.actor?.displayName ?? null, createdAt: o.createdAt })),
    messages: concern.messages.map((m) => ({ id: m.id, fromRole: m.fromRole, text: m.text, createdAt: m.createdAt, by: m.fromRole === "lead" ? m.author.displayName : null })),
  };
}

export type ConcernResult =
  | { ok: true }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "conflict"; current: { status: string; version: number } };

/** A lead takes the concern: the escalation timer stops. A second lead acknowledging is told who has it. */
export async function acknowledgeConcern(leadId: string, concernId: string): Promise<ConcernResult> {
  const done = await prisma.$transaction(async (tx) => {
    const updated = await tx.safeguardingConcern.updateMany({
      where: { id: concernId, status: "open" },
      data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: leadId, version: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await stopEscalation(tx, concernId);
    await audit(tx, { actorId: leadId, action: "concern.acknowledge", entityType: "SafeguardingConcern", entityId: concernId, before: { status: "open" }, after: { status: "acknowledged" } });
    return true;
  });
  if (!done) {
    const current = await prisma.safeguardingConcern.findUnique({ where: { id: concernId }, select: { status: true, version: true, acknowledgedById: true } });
    if (!current) return { ok: false, reason: "notFound" };
    // Their own second tap: already theirs.
    if (current.acknowledgedById === leadId) return { ok: true };
    return { ok: false, reason: "conflict", current: { status: current.status, version: current.version } };
  }
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  return { ok: true };
}

/**
 * A lead sees who wrote an item whose author chose "only someone keeping me safe may know",
 * for a safeguarding reason they give. Logged with the reason; only this lead sees it.
 */
export async function revealAuthor(leadId: string, concernId: string, reason: string): Promise<ConcernResult> {
  const concern = await prisma.safeguardingConcern.findUnique({ where: { id: concernId }, select: { id: true, feedback: { select: { authorId: true } } } });
  if (!concern) return { ok: false, reason: "notFound" };
  await prisma.$transaction(async (tx) => {
    await tx.concernReveal.create({ data: { concernId, leadId, reason } });
    await audit(tx, { actorId: leadId, action: "concern.reveal_author", entityType: "SafeguardingConcern", entityId: concernId, after: { reason, authorId: concern.feedback.authorId } });
  });
  return { ok: true };
}

/**
 * Records what a lead did, with the reason. "not a concern" closes it and returns the item to the
 * group's ordinary moderation queue; "no further action" closes it; the other outcomes close it
 * when the lead says so. `version` is what the lead saw: a concern another lead changed meanwhile
 * is not overwritten.
 */
export async function recordConcernAction(
  leadId: string,
  concernId: string,
  version: number,
  input: { kind: ConcernActionKind; reason: string; close: boolean },
): Promise<ConcernResult> {
  const closes = CLOSING_OUTCOMES.includes(input.kind) || (input.kind !== "note" && input.close);
  const concern = await prisma.safeguardingConcern.findUnique({ where: { id: concernId }, select: { groupId: true, feedbackId: true, feedback: { select: { authorId: true } } } });
  if (!concern) return { ok: false, reason: "notFound" };
  const done = await prisma.$transaction(async (tx) => {
    const updated = await tx.safeguardingConcern.updateMany({
      where: { id: concernId, version, status: { in: ["open", "acknowledged"] } },
      data: closes
        ? { status: "closed", outcome: input.kind, closedAt: new Date(), closedById: leadId, version: { increment: 1 } }
        : // Recording anything means a lead has it.
          { status: "acknowledged", version: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await tx.safeguardingConcern.updateMany({ where: { id: concernId, acknowledgedAt: null }, data: { acknowledgedAt: new Date(), acknowledgedById: leadId } });
    await stopEscalation(tx, concernId);
    await tx.concernAction.create({ data: { concernId, kind: input.kind, reason: input.reason, actorId: leadId } });
    if (input.kind === "not_a_concern") {
      // Back to the ordinary queue, as if it had just arrived: an officer decides on it as usual.
      await tx.feedbackItem.update({ where: { id: concern.feedbackId }, data: { status: "pending", version: { increment: 1 } } });
    }
    await audit(tx, {
      actorId: leadId,
      action: `concern.action.${input.kind}`,
      entityType: "SafeguardingConcern",
      entityId: concernId,
      after: { kind: input.kind, reason: input.reason, closed: closes },
    });
    return true;
  });
  if (!done) {
    const current = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { id: concernId }, select: { status: true, version: true } });
    return { ok: false, reason: "conflict", current };
  }
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  publish(events.queueChanged, rooms.groupOfficers(concern.groupId), { groupId: concern.groupId });
  if (input.kind === "not_a_concern") publish(events.myThingsChanged, rooms.user(concern.feedback.authorId), {});
  return { ok: true };
}

/**
 * A lead writes privately to the young person the concern is about: they see it in the app, in
 * the thread under their item, with a notification. Nobody else sees it. Sent once per form.
 */
export async function sendLeadMessage(leadId: string, concernId: string, text: string, clientRequestId: string): Promise<ConcernResult> {
  const concern = await prisma.safeguardingConcern.findUnique({ where: { id: concernId }, select: { feedbackId: true, feedback: { select: { authorId: true } } } });
  if (!concern) return { ok: false, reason: "notFound" };
  const authorId = concern.feedback.authorId;
  const existing = await prisma.concernMessage.findUnique({ where: { authorId_clientRequestId: { authorId: leadId, clientRequestId } }, select: { id: true } });
  if (existing) return { ok: true };
  try {
    await prisma.$transaction(async (tx) => {
      const message = await tx.concernMessage.create({ data: { concernId, authorId: leadId, fromRole: "lead", text, clientRequestId }, select: { id: true } });
      await tx.notification.create({ data: { userId: authorId, kind: "safeguarding_message", feedbackId: concern.feedbackId } });
      // Acknowledged by writing to the young person.
      const acknowledged = await tx.safeguardingConcern.updateMany({
        where: { id: concernId, status: "open" },
        data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: leadId, version: { increment: 1 } },
      });
      if (acknowledged.count) await stopEscalation(tx, concernId);
      await audit(tx, { actorId: leadId, action: "concern.message", entityType: "SafeguardingConcern", entityId: concernId, after: { messageId: message.id } });
    });
  } catch (error) {
    // A double tap that raced past the lookup: the unique key kept one.
    const raced = await prisma.concernMessage.findUnique({ where: { authorId_clientRequestId: { authorId: leadId, clientRequestId } }, select: { id: true } });
    if (!raced) throw error;
  }
  publish(events.myThingsChanged, rooms.user(authorId), {});
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Officers

/**
 * The concerns of an officer's groups as the officer may see them: that an item is "with
 * safeguarding", when, and whether it escalated to them. No words, no author, no categories.
 */
export async function listConcernsForOfficer(officerId: string) {
  const rows = await prisma.safeguardingConcern.findMany({
    where: { status: { in: ["open", "acknowledged"] }, group: { officers: { some: { userId: officerId } } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, createdAt: true, escalatedAt: true, group: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    group: r.group,
    createdAt: r.createdAt,
    /** A lead has it. */
    inHand: r.status === "acknowledged",
    /** No lead acknowledged it in time: the officer may open it (logged). */
    mayOpen: r.status === "open" && r.escalatedAt !== null,
  }));
}

/**
 * An officer opens a concern of their group that escalated to them because no lead acknowledged
 * it. Logged every time. The author is named only if they chose "the participation team may know
 * it was me"; the officers never learn who wrote an item whose author chose otherwise.
 */
export async function openEscalatedConcern(officerId: string, concernId: string) {
  const concern = await prisma.safeguardingConcern.findFirst({
    where: { id: concernId, group: { officers: { some: { userId: officerId } } } },
    select: {
      id: true,
      status: true,
      escalatedAt: true,
      createdAt: true,
      group: { select: { id: true, name: true } },
      feedback: { select: { text: true, language: true, identity: true, createdAt: true, author: { select: { displayName: true } } } },
    },
  });
  if (!concern || !concern.escalatedAt || concern.status === "closed") return null;
  await audit(prisma, { actorId: officerId, action: "concern.opened_by_officer", entityType: "SafeguardingConcern", entityId: concernId });
  return {
    id: concern.id,
    status: concern.status,
    createdAt: concern.createdAt,
    escalatedAt: concern.escalatedAt,
    group: concern.group,
    text: concern.feedback.text,
    language: concern.feedback.language,
    author: concern.feedback.identity === "team" ? concern.feedback.author.displayName : null,
  };
}

/** How many of an officer's groups' concerns escalated to them, for the alert on their pages. */
export async function officerEscalatedCount(officerId: string) {
  return prisma.safeguardingConcern.count({
    where: { status: "open", escalatedAt: { not: null }, group: { officers: { some: { userId: officerId } } } },
  });
}

// ---------------------------------------------------------------------------------------------
// The young person

/**
 * A young person's own item, with the private messages from the safeguarding leads if it is a
 * concern. Nothing about the concern's handling (categories, outcome, who revealed) is shown.
 */
export async function getMyItemWithMessages(userId: string, feedbackId: string) {
  const item = await prisma.feedbackItem.findFirst({
    where: { id: feedbackId, authorId: userId },
    select: {
      id: true,
      text: true,
      status: true,
      createdAt: true,
      group: { select: { name: true } },
      concern: {
        select: {
          id: true,
          messages: { orderBy: { createdAt: "asc" }, select: { id: true, fromRole: true, text: true, createdAt: true, author: { select: { displayName: true } } } },
        },
      },
    },
  });
  if (!item) return null;
  if (item.concern) {
    await prisma.concernMessage.updateMany({ where: { concernId: item.concern.id, fromRole: "lead", readAt: null }, data: { readAt: new Date() } });
    await prisma.notification.updateMany({ where: { userId, feedbackId, kind: "safeguarding_message", readAt: null }, data: { readAt: new Date() } });
  }
  return {
    id: item.id,
    text: item.text,
    status: item.status,
    createdAt: item.createdAt,
    groupName: item.group.name,
    hasConcern: Boolean(item.concern),
    messages: (item.concern?.messages ?? []).map((m) => ({
      id: m.id,
      fromMe: m.fromRole === "young_person",
      by: m.fromRole === "lead" ? m.author.displayName : null,
      text: m.text,
      createdAt: m.createdAt,
    })),
  };
}

/**
 * A young person answers the safeguarding lead under their own item. Only the leads see it; it is
 * screened like anything else they write, and a hit is recorded on the concern.
 */
export async function replyToLead(userId: string, feedbackId: string, text: string, clientRequestId: string) {
  const item = await prisma.feedbackItem.findFirst({ where: { id: feedbackId, authorId: userId }, select: { concern: { select: { id: true, status: true } } } });
  const concern = item?.concern;
  if (!concern) return { ok: false as const, reason: "notFound" as const };
  const existing = await prisma.concernMessage.findUnique({ where: { authorId_clientRequestId: { authorId: userId, clientRequestId } }, select: { id: true } });
  if (existing) return { ok: true as const };
  const hits = await screenForConcerns(text);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.concernMessage.create({ data: { concernId: concern.id, authorId: userId, fromRole: "young_person", text, clientRequestId } });
      if (concern.status === "closed") {
        // A young person writing again reopens it: a lead must read it.
        await tx.safeguardingConcern.update({ where: { id: concern.id }, data: { status: "acknowledged", version: { increment: 1 } } });
      }
      await audit(tx, { actorId: null, action: "concern.young_person_reply", entityType: "SafeguardingConcern", entityId: concern.id, after: { screenedHits: hits.length } });
    });
  } catch (error) {
    const raced = await prisma.concernMessage.findUnique({ where: { authorId_clientRequestId: { authorId: userId, clientRequestId } }, select: { id: true } });
    if (!raced) throw error;
  }
  publish(events.concernsChanged, rooms.safeguardingLeads(), {});
  return { ok: true as const };
}
