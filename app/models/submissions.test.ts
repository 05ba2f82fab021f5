import { expect, test } from "vitest";
import { decideFeedback } from "#app/models/feedback.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as newAskAction, loader as newAskLoader } from "#app/routes/officer.asks.new.tsx";
import { action as askAction, loader as askLoader } from "#app/routes/officer.asks.$askId.tsx";
import { once } from "./submissions.server.ts";

async function officerWithApprovedItem() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved" });
  return { group, officer, yp, item, cookie: await sessionCookie(officer.id) };
}

test("the same form posted twice raises one ask and sends both posts to it", async () => {
  const { item, cookie } = await officerWithApprovedItem();
  const { submissionKey } = await newAskLoader(args(getRequest("/officer/asks/new", { cookie })));
  const fields = { submissionKey, feedbackIds: [item.id], title: "Wifi at placements", body: "Young people asked for wifi." };
  const [first, second] = await Promise.all([
    settle(() => newAskAction(args(postRequest("/officer/asks/new", fields, { cookie })))),
    settle(() => newAskAction(args(postRequest("/officer/asks/new", fields, { cookie })))),
  ]);
  expect(first.headers.get("Location")).toMatch(/^\/officer\/asks\/.+\?raised=1$/);
  expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
  expect(await prisma.ask.count({ where: { title: "Wifi at placements" } })).toBe(1);
});

test("an update posted twice is one update and one notification per young person", async () => {
  const { officer, yp, item, cookie } = await officerWithApprovedItem();
  const ask = await prisma.ask.create({
    data: { title: "t", raisedById: officer.id, items: { create: { feedbackId: item.id, groupId: (await prisma.feedbackItem.findUniqueOrThrow({ where: { id: item.id } })).groupId } } },
  });
  const { submissionKey } = await askLoader(args(getRequest(`/officer/asks/${ask.id}`, { cookie }), { askId: ask.id }));
  const fields = { submissionKey, status: "agreed", text: "Agreed" };
  for (let i = 0; i < 2; i++) await askAction(args(postRequest(`/officer/asks/${ask.id}`, fields, { cookie }), { askId: ask.id }));
  expect(await prisma.askUpdate.count({ where: { askId: ask.id } })).toBe(1);
  expect(await prisma.notification.count({ where: { userId: yp.id, askId: ask.id } })).toBe(1);
});

test("a failed action releases its key so trying again works, and a key is never another user's", async () => {
  const { officer } = await officerWithApprovedItem();
  const other = await createStaff({ roles: ["officer"] });
  await expect(once(officer.id, "k".repeat(20), async () => { throw new Error("boom"); })).rejects.toThrow("boom");
  expect(await once(officer.id, "k".repeat(20), async () => "made")).toEqual({ resultId: "made", repeated: false });
  expect(await once(officer.id, "k".repeat(20), async () => "again")).toEqual({ resultId: "made", repeated: true });
  await expect(once(other.id, "k".repeat(20), async () => "theirs")).rejects.toThrow();
});

test("an officer's double tap on approve is one decision, not a conflict", async () => {
  const { group, officer, yp } = await officerWithApprovedItem();
  const pending = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  const decision = { kind: "approve" as const, publishedText: pending.text, themeId: null, englishText: null };
  expect(await decideFeedback(officer.id, pending.id, pending.version, decision)).toEqual({ ok: true });
  expect(await decideFeedback(officer.id, pending.id, pending.version, decision)).toEqual({ ok: true });
  expect(await prisma.auditLog.count({ where: { entityId: pending.id } })).toBe(1);
  const other = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  expect(await decideFeedback(other.id, pending.id, pending.version, decision)).toMatchObject({ ok: false, reason: "conflict" });
});
