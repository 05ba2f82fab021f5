import { afterAll, beforeAll, expect, test } from "vitest";
import { addAskUpdate, createAsk, listMyReminders, setAskOwnerAndDue } from "#app/models/asks.server.ts";
import { jobHandlers } from "#app/models/job-handlers.server.ts";
import { runDueJobs } from "#app/models/jobs.server.ts";
import { loader as remindersLoader } from "#app/routes/reminders.tsx";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, sessionCookie, settle } from "#tests/request.ts";
import { startSmtpServer, useSmtpServer } from "#tests/smtp.ts";

const smtp = await startSmtpServer();
beforeAll(() => useSmtpServer(smtp.port));
afterAll(() => smtp.close());

const DAY = 24 * 60 * 60 * 1000;

async function ownedAsk(dueInDays: number | null) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const owner = await createStaff({ roles: ["board_member"] });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved" });
  const ask = await createAsk(officer.id, {
    title: `Laptops ${Math.random().toString(36).slice(2, 7)}`,
    body: "b",
    feedbackIds: [item.id],
    ownerId: owner.id,
    dueAt: dueInDays === null ? null : new Date(Date.now() + dueInDays * DAY),
  });
  return { ask, owner, officer };
}

const remindersOf = (userId: string, askId: string) =>
  prisma.notification.findMany({ where: { userId, askId, kind: { in: ["ask_due_soon", "ask_overdue"] } }, select: { kind: true } });

test("the owner is reminded before the due date and when it passes, in-app and by email, once each", async () => {
  const { ask, owner } = await ownedAsk(10);
  const title = (await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { title: true } })).title;
  // Nothing is due yet.
  await runDueJobs("test", jobHandlers, new Date());
  expect(await remindersOf(owner.id, ask.id)).toEqual([]);

  // Three days before: "due soon". Running again (a retry, a second instance) adds nothing.
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 8 * DAY));
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 8 * DAY));
  expect(await remindersOf(owner.id, ask.id)).toEqual([{ kind: "ask_due_soon" }]);
  await smtp.waitFor((all) => all.some((m) => m.to.includes(owner.email!) && m.subject === `Due soon: ${title}`));

  // After the due date: overdue.
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 11 * DAY));
  expect((await remindersOf(owner.id, ask.id)).map((r) => r.kind).sort()).toEqual(["ask_due_soon", "ask_overdue"]);
  await smtp.waitFor((all) => all.some((m) => m.to.includes(owner.email!) && m.subject === `Overdue: ${title}`));
  expect(smtp.received.filter((m) => m.to.includes(owner.email!))).toHaveLength(2);

  // The owner's reminders page lists both; nobody else's.
  const page = await settle(async () => remindersLoader(args(getRequest("/reminders", { cookie: await sessionCookie(owner.id) }))));
  expect((page.value as Awaited<ReturnType<typeof remindersLoader>>).reminders.map((r) => r.href)).toEqual([`/board/asks/${ask.id}`, `/board/asks/${ask.id}`]);
  const other = await createStaff({ roles: ["board_member"] });
  expect(await listMyReminders(other.id)).toEqual([]);
  const youngPerson = await createYoungPerson();
  expect((await settle(async () => remindersLoader(args(getRequest("/reminders", { cookie: await sessionCookie(youngPerson.id) }))))).status).toBe(403);
});

test("a moved due date drops the old reminders; an answered or finished ask is not chased", async () => {
  const moved = await ownedAsk(5);
  const { version } = await prisma.ask.findUniqueOrThrow({ where: { id: moved.ask.id }, select: { version: true } });
  await setAskOwnerAndDue(moved.officer.id, moved.ask.id, { ownerId: moved.owner.id, dueAt: new Date(Date.now() + 30 * DAY), version });
  // The old date's reminders come due and do nothing.
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 6 * DAY));
  expect(await remindersOf(moved.owner.id, moved.ask.id)).toEqual([]);

  // Unanswered for 28 days: overdue — unless it was answered.
  const unanswered = await ownedAsk(null);
  const answered = await ownedAsk(null);
  await addAskUpdate(answered.owner.id, answered.ask.id, { status: "agreed", text: "Yes." });
  const finished = await ownedAsk(3);
  await addAskUpdate(finished.owner.id, finished.ask.id, { status: "done", text: "Done." });
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 29 * DAY));
  expect(await remindersOf(unanswered.owner.id, unanswered.ask.id)).toEqual([{ kind: "ask_overdue" }]);
  expect(await remindersOf(answered.owner.id, answered.ask.id)).toEqual([]);
  expect(await remindersOf(finished.owner.id, finished.ask.id)).toEqual([]);
});

test("an ask with no owner reminds the officer who raised it", async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved" });
  const ask = await createAsk(officer.id, { title: "No owner", body: "b", feedbackIds: [item.id], dueAt: null });
  await runDueJobs("test", jobHandlers, new Date(Date.now() + 29 * DAY));
  expect(await remindersOf(officer.id, ask.id)).toEqual([{ kind: "ask_overdue" }]);
});
