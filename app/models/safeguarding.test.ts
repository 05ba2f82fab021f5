import { afterAll, beforeAll, expect, test } from "vitest";
import { createFeedback, listModerationQueue } from "#app/models/feedback.server.ts";
import { jobHandlers } from "#app/models/job-handlers.server.ts";
import { runDueJobs } from "#app/models/jobs.server.ts";
import {
  acknowledgeConcern,
  getConcernForLead,
  listConcernsForOfficer,
  openEscalatedConcern,
  recordConcernAction,
  revealAuthor,
} from "#app/models/safeguarding.server.ts";
import { boardFeedbackByTheme } from "#app/models/feedback.server.ts";
import { addPhrase, screenForConcerns } from "#app/models/screening.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { startJobRunner } from "#server/jobs.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { startSmtpServer, useSmtpServer } from "#tests/smtp.ts";

// NOTE: these tests use the stand-in screen's phrases ("hits me", "want to die"); the real lists
// are tested in app/screening.
const smtp = await startSmtpServer();
beforeAll(() => useSmtpServer(smtp.port));
afterAll(() => smtp.close());

let requestIds = 0;
async function say(authorId: string, groupId: string, text: string, identity: "team" | "safeguarding" = "team") {
  return createFeedback({
    authorId,
    groupId,
    text,
    language: "en",
    mood: null,
    themeId: null,
    identity,
    mayQuote: true,
    clientRequestId: `request-${++requestIds}-${Math.random()}`,
  });
}

async function setting() {
  const group = await createGroup();
  const other = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [other.id] });
  const lead = await createStaff({ roles: ["safeguarding_lead"] });
  const child = await createYoungPerson({ groupIds: [group.id] });
  return { group, other, officer, otherOfficer, lead, child };
}

/** Moves every pending job of a concern's escalation to now, as if its minutes had passed. */
async function makeEscalationDue(concernId: string) {
  await prisma.job.updateMany({
    where: { status: "pending", kind: "concern.escalate", key: { startsWith: `concern:${concernId}:` } },
    data: { runAt: new Date(Date.now() - 1000) },
  });
}

test("words that may signal harm become a concern: never in the ordinary queue, never counted for the board, saved whatever the screen found", async () => {
  const { group, officer, lead, child } = await setting();
  const before = JSON.stringify(await boardFeedbackByTheme());
  const { id } = await say(child.id, group.id, "My foster carer hits me when I am late");
  const item = await prisma.feedbackItem.findUniqueOrThrow({ where: { id }, select: { status: true, text: true, concern: { select: { id: true, hits: true } } } });
  expect(item.status).toBe("safeguarding");
  expect(item.text).toBe("My foster carer hits me when I am late");
  const hits = JSON.parse(item.concern!.hits) as { category: string; start: number; end: number }[];
  expect(hits.map((h) => h.category)).toContain("abuse");
  // Offsets point into the words as written, for the lead's screen to mark.
  expect(item.text.slice(hits[0]!.start, hits[0]!.end)).toMatch(/hits/);

  expect((await listModerationQueue(officer.id)).map((i) => i.id)).not.toContain(id);
  expect(JSON.stringify(await boardFeedbackByTheme())).toBe(before);
  const seen = await getConcernForLead(lead.id, item.concern!.id);
  expect(seen?.text).toBe("My foster carer hits me when I am late");
  // The officers know only that something of their group is with safeguarding.
  expect(await listConcernsForOfficer(officer.id)).toEqual([
    { id: item.concern!.id, group: { id: group.id, name: group.name }, createdAt: expect.any(Date), inHand: false, mayOpen: false },
  ]);
});

test("ordinary feedback is not a concern", async () => {
  const { group, child } = await setting();
  const { id } = await say(child.id, group.id, "My social worker helps me feel safe");
  const item = await prisma.feedbackItem.findUniqueOrThrow({ where: { id }, select: { status: true, concern: true } });
  expect(item).toEqual({ status: "pending", concern: null });
});

test("every lead gets an email at once, through SMTP, with no words and no name in it", async () => {
  const { group, child, lead } = await setting();
  const second = await createStaff({ roles: ["safeguarding_lead", "officer"] });
  await say(child.id, group.id, "sometimes i want to die");
  await runDueJobs("test", jobHandlers);
  await smtp.waitFor((all) => [lead.email, second.email].every((to) => all.some((m) => m.to.includes(to!))));
  const mine = smtp.received.filter((m) => m.to.includes(lead.email!));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.subject).toBe("Voices: a possible safeguarding concern is waiting for you");
  expect(mine[0]!.text).toContain(group.name);
  expect(mine[0]!.text).not.toContain("want to die");
  expect(mine[0]!.text).not.toContain(child.displayName);
  expect(mine[0]!.text).toMatch(/\/safeguarding\/c/);
});

test("unacknowledged, it escalates to the group's officers (not another group's), who may then open it, each opening logged", async () => {
  const { group, officer, otherOfficer, lead, child } = await setting();
  await say(child.id, group.id, "he hits me", "safeguarding");
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });
  expect(await openEscalatedConcern(officer.id, concern.id)).toBeNull();

  await makeEscalationDue(concern.id);
  await runDueJobs("test", jobHandlers);
  await smtp.waitFor((all) => all.some((m) => m.to.includes(officer.email!) && m.subject.includes("not been picked up")));
  expect(smtp.received.some((m) => m.to.includes(otherOfficer.email!))).toBe(false);
  expect(smtp.received.some((m) => m.to.includes(lead.email!) && m.subject.includes("still waiting"))).toBe(true);

  expect(await listConcernsForOfficer(officer.id)).toEqual([expect.objectContaining({ id: concern.id, mayOpen: true })]);
  expect(await openEscalatedConcern(otherOfficer.id, concern.id)).toBeNull();
  const opened = await openEscalatedConcern(officer.id, concern.id);
  // The author chose "only someone keeping me safe may know": officers never learn who.
  expect(opened).toEqual(expect.objectContaining({ text: "he hits me", author: null }));
  const log = await prisma.auditLog.findMany({ where: { entityId: concern.id, action: "concern.opened_by_officer" }, select: { actorId: true } });
  expect(log).toEqual([{ actorId: officer.id }]);
  // The next reminder is scheduled.
  expect(await prisma.job.count({ where: { key: { startsWith: `concern:${concern.id}:`, endsWith: ":escalate:2" }, status: "pending" } })).toBe(1);
});

test("a lead acknowledging stops the escalation; a second lead is told it is already in hand", async () => {
  const { group, officer, lead, child } = await setting();
  const other = await createStaff({ roles: ["safeguarding_lead"] });
  await say(child.id, group.id, "he hits me");
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });
  expect(await acknowledgeConcern(lead.id, concern.id)).toEqual({ ok: true });
  expect(await acknowledgeConcern(lead.id, concern.id)).toEqual({ ok: true });
  expect(await acknowledgeConcern(other.id, concern.id)).toEqual({ ok: false, reason: "conflict", current: { status: "acknowledged", version: 2 } });
  await makeEscalationDue(concern.id);
  await runDueJobs("test", jobHandlers);
  const after = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { id: concern.id }, select: { escalatedAt: true } });
  expect(after.escalatedAt).toBeNull();
  expect(await listConcernsForOfficer(officer.id)).toEqual([expect.objectContaining({ inHand: true, mayOpen: false })]);
});

test("with no safeguarding lead at all, a concern goes to the group's officers at once", async () => {
  const { group, officer, child } = await setting();
  // Disable every lead made by other tests in this file's database.
  await prisma.user.updateMany({ where: { roles: { some: { role: "safeguarding_lead" } } }, data: { disabledAt: new Date() } });
  try {
    await say(child.id, group.id, "he hits me");
    await runDueJobs("test", jobHandlers);
    await smtp.waitFor((all) => all.some((m) => m.to.includes(officer.email!)));
  } finally {
    await prisma.user.updateMany({ where: { roles: { some: { role: "safeguarding_lead" } } }, data: { disabledAt: null } });
  }
});

test("an escalation that came due while no server ran fires when one starts, once, even with two instances", async () => {
  const { group, officer, child } = await setting();
  await say(child.id, group.id, "i want to die");
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });
  // The server was down: the alert emails and the escalation are all overdue.
  await prisma.job.updateMany({ where: { key: { startsWith: `concern:${concern.id}:` } }, data: { runAt: new Date(Date.now() - 60 * 60_000) } });
  const runners = [startJobRunner({ pollMs: 50 }), startJobRunner({ pollMs: 50 })];
  try {
    await smtp.waitFor((all) => all.some((m) => m.to.includes(officer.email!)));
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
  expect(smtp.received.filter((m) => m.to.includes(officer.email!))).toHaveLength(1);
  const after = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { id: concern.id }, select: { escalatedAt: true, escalations: true } });
  expect(after.escalations).toBe(1);
  expect(after.escalatedAt).not.toBeNull();
});

test("the author's identity reaches a lead only as the author chose, or by a logged reveal with a reason", async () => {
  const { group, lead, child } = await setting();
  await prisma.accountNote.create({ data: { subjectId: child.id, authorId: lead.id, text: "Lives at Oak House" } });
  await say(child.id, group.id, "he hits me", "safeguarding");
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });
  const hidden = await getConcernForLead(lead.id, concern.id);
  expect(hidden?.author).toBeNull();
  expect(JSON.stringify(hidden)).not.toContain(child.displayName);
  expect(JSON.stringify(hidden)).not.toContain("Oak House");

  expect(await revealAuthor(lead.id, concern.id, "Possible physical abuse: need to contact the social worker")).toEqual({ ok: true });
  const shown = await getConcernForLead(lead.id, concern.id);
  expect(shown?.author).toEqual(expect.objectContaining({ nickname: child.displayName, note: "Lives at Oak House" }));
  const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: concern.id, action: "concern.reveal_author" }, select: { actorId: true, after: true } });
  expect(log.actorId).toBe(lead.id);
  expect(log.after).toContain("Possible physical abuse");
  // Another lead has not revealed it.
  const other = await createStaff({ roles: ["safeguarding_lead"] });
  expect((await getConcernForLead(other.id, concern.id))?.author).toBeNull();
});

test("'not a concern' returns the item to the ordinary queue; two leads recording at once do not overwrite each other", async () => {
  const { group, officer, lead, child } = await setting();
  const other = await createStaff({ roles: ["safeguarding_lead"] });
  const { id } = await say(child.id, group.id, "my brother hits me at football, we were laughing");
  const concern = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { feedbackId: id }, select: { id: true, version: true } });
  const [first, second] = await Promise.all([
    recordConcernAction(lead.id, concern.id, concern.version, { kind: "not_a_concern", reason: "Play-fighting with a sibling, said laughing", close: true }),
    recordConcernAction(other.id, concern.id, concern.version, { kind: "spoke_with_young_person", reason: "Called them", close: false }),
  ]);
  expect([first.ok, second.ok].sort()).toEqual([false, true]);
  const after = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { id: concern.id }, select: { status: true, actions: { select: { kind: true } } } });
  expect(after.actions).toHaveLength(1);
  if (first.ok) {
    expect(after.status).toBe("closed");
    expect((await listModerationQueue(officer.id)).map((i) => i.id)).toContain(id);
  }
});

test("the audit log is append-only in the database itself", async () => {
  const { group, child } = await setting();
  await say(child.id, group.id, "he hits me");
  const entry = await prisma.auditLog.findFirstOrThrow({ select: { id: true } });
  await expect(prisma.auditLog.update({ where: { id: entry.id }, data: { action: "nothing.happened" } })).rejects.toThrow();
  await expect(prisma.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow();
  await expect(prisma.auditLog.deleteMany({})).rejects.toThrow();
  // Deleting a staff member keeps their entries, with the actor cleared.
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  await prisma.auditLog.create({ data: { actorId: officer.id, action: "test.entry", entityType: "Test", entityId: "1" } });
  await prisma.user.delete({ where: { id: officer.id } });
  expect(await prisma.auditLog.findFirst({ where: { action: "test.entry" }, select: { actorId: true } })).toEqual({ actorId: null });
});

test("an admin's own phrase is screened for, and the screen still knows everyday words one letter from a list word", async () => {
  const admin = await createStaff({ roles: ["admin"] });
  expect(await screenForConcerns("i was amused by the film")).toEqual([]);
  expect(await screenForConcerns("uncle gives me the zoot bag to carry")).toEqual([]);
  expect(await addPhrase(admin.id, { language: "en", category: "criminal_exploitation", phrase: "zoot bag" })).toEqual({ ok: true });
  expect((await screenForConcerns("uncle gives me the zoot bag to carry")).map((h) => h.category)).toContain("criminal_exploitation");
  // Rebuilt with the organisation's phrase, the near-words are still there: "amused" is not "abused".
  expect(await screenForConcerns("i was amused by the film")).toEqual([]);
  expect((await screenForConcerns("i was abused by my uncle")).length).toBeGreaterThan(0);
});
