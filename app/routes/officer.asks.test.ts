import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as updateAction, loader as askLoader } from "./officer.asks.$askId.tsx";
import { loader as asksLoader } from "./officer.asks._index.tsx";
import { action as newAskAction, loader as newAskLoader } from "./officer.asks.new.tsx";

async function groupWithOfficer() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  return { group, officer, cookie: await sessionCookie(officer.id) };
}

function raise(cookie: string, fields: Record<string, string | string[]>) {
  return settle(() => newAskAction(args(postRequest("/officer/asks/new", fields, { cookie }))));
}

function postUpdate(cookie: string, askId: string, fields: Record<string, string>) {
  return settle(() => updateAction(args(postRequest(`/officer/asks/${askId}`, fields, { cookie }), { askId })));
}

test("an officer gathers approved items of their groups into an ask and is sent to it", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const a = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id, text: "More bus passes" });
  const b = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  await createFeedbackItem({ authorId: yp.id, groupId: group.id, text: "still waiting" });
  const elsewhere = await createGroup();
  const stranger = await createYoungPerson({ groupIds: [elsewhere.id] });
  await createFeedbackItem({ authorId: stranger.id, groupId: elsewhere.id, status: "approved", text: "another group's words" });

  const page = await settle(() => newAskLoader(args(getRequest("/officer/asks/new", { cookie }))));
  expect(page.status).toBe(200);
  const items = (page.value as Awaited<ReturnType<typeof newAskLoader>>).items;
  expect(items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
  expect(items.find((i) => i.id === a.id)).toMatchObject({ publishedText: "More bus passes", inAsks: 0, group: { id: group.id } });
  // Only approved words reach this screen, never the original text or who wrote it.
  expect(JSON.stringify(page.value)).not.toContain("still waiting");
  expect(JSON.stringify(page.value)).not.toContain(yp.displayName);

  const dueOn = ukDate(10);
  const result = await raise(cookie, { feedbackIds: [a.id, b.id], title: "Bus passes", body: "Please give every young person a bus pass.", dueOn });
  expect(result.status).toBe(302);
  const ask = await prisma.ask.findFirstOrThrow({
    where: { title: "Bus passes" },
    select: { id: true, status: true, raisedById: true, dueAt: true, items: { select: { feedbackId: true } } },
  });
  expect(result.headers.get("Location")).toBe(`/officer/asks/${ask.id}?raised=1`);
  expect(ask).toMatchObject({ status: "raised", raisedById: officer.id });
  expect(ask.items.map((i) => i.feedbackId).sort()).toEqual([a.id, b.id].sort());
  // Due at the end of that day in the UK.
  expect(ask.dueAt!.toISOString().slice(0, 10)).toBe(dueOn);
});

test("an ask refuses items that are not approved, or not in the officer's groups, and saves nothing", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const approved = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  const pending = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  const held = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "held", decidedById: officer.id });
  const elsewhere = await createGroup();
  const stranger = await createYoungPerson({ groupIds: [elsewhere.id] });
  const othersApproved = await createFeedbackItem({ authorId: stranger.id, groupId: elsewhere.id, status: "approved" });
  const fields = { title: "An ask", body: "Please." };
  const before = await prisma.ask.count();

  for (const bad of [pending, held, othersApproved]) {
    const result = await raise(cookie, { ...fields, feedbackIds: [approved.id, bad.id] });
    expect(result.status).toBe(400);
    expect(result.value).toMatchObject({ error: { feedbackIds: ["officer:errors.itemsNotApproved"] }, initialValue: { title: "An ask" } });
  }
  const none = await raise(cookie, fields);
  expect(none.status).toBe(400);
  expect(none.value).toMatchObject({ error: { feedbackIds: ["officer:errors.itemsRequired"] } });
  expect(await prisma.ask.count()).toBe(before);
});

test("an ask needs a title and a body, and a due date that is not in the past", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  const before = await prisma.ask.count();

  const empty = await raise(cookie, { feedbackIds: item.id, title: " ", body: "" });
  expect(empty.status).toBe(400);
  expect(empty.value).toMatchObject({ error: { title: ["officer:errors.titleRequired"], body: ["officer:errors.bodyRequired"] } });

  const past = await raise(cookie, { feedbackIds: item.id, title: "T", body: "B", dueOn: ukDate(-1) });
  expect(past.status).toBe(400);
  expect(past.value).toMatchObject({ error: { dueOn: ["officer:errors.dateInPast"] } });

  for (const dueOn of ["next week", "2030-02-30"]) {
    const nonsense = await raise(cookie, { feedbackIds: item.id, title: "T", body: "B", dueOn });
    expect(nonsense.status).toBe(400);
    expect(nonsense.value).toMatchObject({ error: { dueOn: ["officer:errors.dateInvalid"] } });
  }
  expect(await prisma.ask.count()).toBe(before);

  // With no due date at all it is raised.
  expect((await raise(cookie, { feedbackIds: item.id, title: "No date", body: "B", dueOn: "" })).status).toBe(302);
  expect(await prisma.ask.findFirstOrThrow({ where: { title: "No date" }, select: { dueAt: true } })).toEqual({ dueAt: null });
});

test("posting an update tells each contributing young person once, anonymous ones included, and keeps the Arabic", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const named = await createYoungPerson({ groupIds: [group.id] });
  const anonymous = await createYoungPerson({ groupIds: [group.id] });
  const bystander = await createYoungPerson({ groupIds: [group.id] });
  const items = [
    await createFeedbackItem({ authorId: named.id, groupId: group.id, status: "approved", decidedById: officer.id }),
    await createFeedbackItem({ authorId: named.id, groupId: group.id, status: "approved", decidedById: officer.id }),
    await createFeedbackItem({ authorId: anonymous.id, groupId: group.id, status: "approved", identity: "safeguarding", decidedById: officer.id }),
  ];
  await createFeedbackItem({ authorId: bystander.id, groupId: group.id, status: "approved", decidedById: officer.id });
  expect((await raise(cookie, { feedbackIds: items.map((i) => i.id), title: "Wifi", body: "Wifi in every home." })).status).toBe(302);
  const ask = await prisma.ask.findFirstOrThrow({ where: { title: "Wifi" }, select: { id: true } });

  const result = await postUpdate(cookie, ask.id, { status: "agreed", text: "The board agreed.", "translations.ar": "وافق المجلس." });
  expect(result.status).toBe(200);
  expect(result.value).toMatchObject({ intent: "update", done: true });

  const notifications = await prisma.notification.findMany({ where: { kind: "ask_update", askId: ask.id }, select: { userId: true } });
  expect(notifications.map((n) => n.userId).sort()).toEqual([named.id, anonymous.id].sort());
  const update = await prisma.askUpdate.findFirstOrThrow({
    where: { askId: ask.id },
    select: { status: true, text: true, authorId: true, translations: { select: { locale: true, text: true } } },
  });
  expect(update).toEqual({ status: "agreed", text: "The board agreed.", authorId: officer.id, translations: [{ locale: "ar", text: "وافق المجلس." }] });
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { status: true } })).toEqual({ status: "agreed" });

  // A second update, with no translation, tells them again and adds no empty Arabic.
  expect((await postUpdate(cookie, ask.id, { status: "done", text: "Wifi is in.", "translations.ar": "" })).status).toBe(200);
  expect(await prisma.notification.count({ where: { kind: "ask_update", askId: ask.id } })).toBe(4);
  expect(await prisma.askUpdateTranslation.count({ where: { update: { askId: ask.id } } })).toBe(1);

  const page = await settle(() => askLoader(args(getRequest(`/officer/asks/${ask.id}`, { cookie }), { askId: ask.id })));
  expect(page.value).toMatchObject({
    ask: { id: ask.id, title: "Wifi", status: "done", updates: [{ status: "agreed" }, { status: "done", text: "Wifi is in." }] },
  });

  const list = await settle(() => asksLoader(args(getRequest("/officer/asks", { cookie }))));
  const listed = (list.value as Awaited<ReturnType<typeof asksLoader>>).asks.find((a) => a.id === ask.id);
  expect(listed).toMatchObject({ title: "Wifi", status: "done", updateCount: 2, dueAt: null, raisedAt: expect.any(Date) });
  expect(listed!.lastUpdateAt).toBeInstanceOf(Date);
});

test("an update needs a status and English words; nothing is posted or sent otherwise", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  await raise(cookie, { feedbackIds: item.id, title: "Needs words", body: "B" });
  const ask = await prisma.ask.findFirstOrThrow({ where: { title: "Needs words" }, select: { id: true } });

  const empty = await postUpdate(cookie, ask.id, { status: "", text: " ", "translations.ar": "نص" });
  expect(empty.status).toBe(400);
  expect(empty.value).toMatchObject({
    error: { status: ["officer:errors.statusRequired"], text: ["officer:errors.updateTextRequired"] },
    initialValue: { translations: { ar: "نص" } },
  });
  const raisedAgain = await postUpdate(cookie, ask.id, { status: "raised", text: "Back to raised" });
  expect(raisedAgain.status).toBe(400);
  const tooLong = await postUpdate(cookie, ask.id, { status: "done", text: "x".repeat(4001) });
  expect(tooLong.value).toMatchObject({ error: { text: ["officer:errors.updateTextLong"] } });

  expect(await prisma.askUpdate.count({ where: { askId: ask.id } })).toBe(0);
  expect(await prisma.notification.count({ where: { kind: "ask_update", askId: ask.id } })).toBe(0);
});

test("an ask that does not exist is a 404, to open or to update", async () => {
  const { cookie } = await groupWithOfficer();
  expect((await settle(() => askLoader(args(getRequest("/officer/asks/nope", { cookie }), { askId: "nope" })))).status).toBe(404);
  expect((await postUpdate(cookie, "nope", { status: "done", text: "Done" })).status).toBe(404);
});
