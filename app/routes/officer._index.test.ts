import { expect, test } from "vitest";
import { withdrawFeedback } from "#app/models/feedback.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./officer._index.tsx";

async function groupWithOfficer() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  return { group, officer, cookie: await sessionCookie(officer.id) };
}

const approveFields = (item: { id: string; version: number }, fields: Record<string, string> = {}) => ({
  intent: "approve",
  id: item.id,
  version: String(item.version),
  publishedText: "My placement is far from my school",
  ...fields,
});

const holdFields = (item: { id: string; version: number }, reason: string) => ({
  intent: "hold",
  id: item.id,
  version: String(item.version),
  reason,
});

function decide(cookie: string, fields: Record<string, string>) {
  return settle(() => action(args(postRequest("/officer", fields, { cookie }))));
}

function stored(id: string) {
  return prisma.feedbackItem.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, publishedText: true, englishText: true, heldReason: true, themeId: true, decidedById: true },
  });
}

type QueueData = Awaited<ReturnType<typeof loader>>;

test("the queue lists the officer's groups' waiting items, oldest first, and their groups", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const other = await createGroup();
  const yp = await createYoungPerson({ groupIds: [group.id, other.id], nickname: "Layla" });
  const newer = await createFeedbackItem({ authorId: yp.id, groupId: group.id, text: "newer", language: "ar", mood: 2, themeKey: "school" });
  const older = await createFeedbackItem({ authorId: yp.id, groupId: group.id, text: "older" });
  await prisma.feedbackItem.update({ where: { id: older.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
  await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  await createFeedbackItem({ authorId: yp.id, groupId: other.id, text: "another group's" });

  const { status, value } = await settle(() => loader(args(getRequest("/officer", { cookie }))));
  expect(status).toBe(200);
  const queue = value as QueueData;
  expect(queue.items.map((i) => i.text)).toEqual(["older", "newer"]);
  expect(queue.items[1]).toMatchObject({
    id: newer.id,
    version: 1,
    language: "ar",
    mood: 2,
    author: "Layla",
    group: { id: group.id, name: group.name },
    theme: { key: "school" },
  });
  expect(queue.groups).toEqual([{ id: group.id, name: group.name, members: 1, pending: 2 }]);
  expect(queue.themes.length).toBeGreaterThan(0);
});

test("the queue never names an author who chose that only someone keeping them safe may know", async () => {
  const { group, cookie } = await groupWithOfficer();
  const hidden = await createYoungPerson({ groupIds: [group.id], nickname: "Secret Sami" });
  await createFeedbackItem({ authorId: hidden.id, groupId: group.id, identity: "safeguarding", text: "please do not say it was me" });

  const { value } = await settle(() => loader(args(getRequest("/officer", { cookie }))));
  const queue = value as QueueData;
  expect(queue.items).toHaveLength(1);
  expect(queue.items[0]!.author).toBeNull();
  expect(JSON.stringify(queue)).not.toContain("Secret Sami");
  expect(JSON.stringify(queue)).not.toContain(hidden.id);
});

test("approving publishes the officer's redacted words with a theme and a translation, and tells the author", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, text: "بيتي في أولدبري بعيد عن مدرستي", language: "ar" });
  const theme = await prisma.theme.findUniqueOrThrow({ where: { key: "school" }, select: { id: true } });

  const result = await decide(
    cookie,
    approveFields(item, { publishedText: "بيتي بعيد عن مدرستي", themeId: theme.id, englishText: "My home is far from my school" }),
  );
  expect(result.status).toBe(200);
  expect(result.value).toMatchObject({ decided: "approve", conflict: null });
  expect(await stored(item.id)).toEqual({
    status: "approved",
    version: 2,
    publishedText: "بيتي بعيد عن مدرستي",
    englishText: "My home is far from my school",
    heldReason: null,
    themeId: theme.id,
    decidedById: officer.id,
  });
  expect(await prisma.notification.count({ where: { userId: yp.id, kind: "feedback_approved", feedbackId: item.id } })).toBe(1);
  expect(await prisma.auditLog.count({ where: { actorId: officer.id, action: "feedback.approve", entityId: item.id } })).toBe(1);

  const { value } = await settle(() => loader(args(getRequest("/officer", { cookie }))));
  expect((value as QueueData).items).toEqual([]);
});

test("an empty English translation is saved as none", async () => {
  const { group, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  expect((await decide(cookie, approveFields(item, { englishText: "  " }))).status).toBe(200);
  expect(await stored(item.id)).toMatchObject({ status: "approved", englishText: null });
});

test("approving with the words to publish emptied is refused beside the field and nothing is saved", async () => {
  const { group, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });

  const result = await decide(cookie, approveFields(item, { publishedText: "   " }));
  expect(result.status).toBe(400);
  expect(result.value).toMatchObject({ formId: `approve-${item.id}`, error: { publishedText: ["officer:errors.publishedTextRequired"] } });
  expect(await stored(item.id)).toMatchObject({ status: "pending", version: 1, publishedText: null });
});

test("holding back keeps the reason and tells the author", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const author = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: author.id, groupId: group.id });
  const result = await decide(cookie, holdFields(item, "Names a member of staff"));
  expect(result.status).toBe(200);
  expect(result.value).toMatchObject({ decided: "hold", conflict: null });
  expect(await stored(item.id)).toMatchObject({
    status: "held",
    version: 2,
    heldReason: "Names a member of staff",
    publishedText: null,
    decidedById: officer.id,
  });
  expect(await prisma.notification.count({ where: { userId: author.id, kind: "feedback_held", feedbackId: item.id } })).toBe(1);
  expect(await prisma.auditLog.count({ where: { actorId: officer.id, action: "feedback.hold", entityId: item.id } })).toBe(1);
});

test("an empty or over-long reason to hold back is refused with 400 and nothing is saved", async () => {
  const { group, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });

  const empty = await decide(cookie, holdFields(item, "  "));
  expect(empty.status).toBe(400);
  expect(empty.value).toMatchObject({ formId: `hold-${item.id}`, error: { reason: ["officer:errors.reasonRequired"] } });

  const long = "x".repeat(501);
  const tooLong = await decide(cookie, holdFields(item, long));
  expect(tooLong.status).toBe(400);
  // What was typed comes back, so the officer can shorten it rather than start again.
  expect(tooLong.value).toMatchObject({ error: { reason: ["officer:errors.reasonLong"] }, initialValue: { reason: long } });

  expect(await stored(item.id)).toMatchObject({ status: "pending", version: 1, heldReason: null });
  expect(await prisma.notification.count({ where: { userId: yp.id } })).toBe(0);
});

test("when two officers decide the same item, the second is told and overwrites nothing", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const second = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const secondCookie = await sessionCookie(second.id);
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });

  // Both opened the queue and saw version 1.
  expect((await decide(cookie, approveFields(item, { publishedText: "first officer's words" }))).status).toBe(200);
  const late = await decide(secondCookie, holdFields(item, "second officer's reason"));
  expect(late.status).toBe(409);
  expect(late.value).toMatchObject({
    formId: `hold-${item.id}`,
    decided: null,
    conflict: { status: "approved", typed: "second officer's reason" },
  });
  expect(await stored(item.id)).toMatchObject({
    status: "approved",
    version: 2,
    publishedText: "first officer's words",
    heldReason: null,
    decidedById: officer.id,
  });
  expect(await prisma.notification.count({ where: { userId: yp.id } })).toBe(1);
});

test("an item its author withdrew while the officer read it cannot be approved", async () => {
  const { group, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  expect(await withdrawFeedback(yp.id, item.id)).toBe("withdrawn");

  const result = await decide(cookie, approveFields(item));
  expect(result.status).toBe(409);
  expect(result.value).toMatchObject({ conflict: { status: "withdrawn" } });
  expect(await stored(item.id)).toMatchObject({ status: "withdrawn", publishedText: null });
});

test("an officer of another group cannot decide an item: 404, and nothing changes", async () => {
  const { group } = await groupWithOfficer();
  const outsider = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id });

  expect((await decide(outsider.cookie, approveFields(item))).status).toBe(404);
  expect((await decide(outsider.cookie, holdFields(item, "not mine"))).status).toBe(404);
  expect((await decide(outsider.cookie, approveFields({ id: "no-such-item", version: 1 }))).status).toBe(404);
  expect(await stored(item.id)).toMatchObject({ status: "pending", version: 1, publishedText: null, heldReason: null });

  const { value } = await settle(() => loader(args(getRequest("/officer", { cookie: outsider.cookie }))));
  expect((value as QueueData).items).toEqual([]);
});

test("an officer who runs no group sees an empty queue and no groups", async () => {
  const officer = await createStaff({ roles: ["officer"] });
  const cookie = await sessionCookie(officer.id);
  const { status, value } = await settle(() => loader(args(getRequest("/officer", { cookie }))));
  expect(status).toBe(200);
  expect(value).toMatchObject({ items: [], groups: [] });
});
