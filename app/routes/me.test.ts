import { expect, test } from "vitest";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { decideFeedback } from "#app/models/feedback.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as sayAction, loader as sayLoader } from "./me.say.tsx";
import { action as thingsAction, loader as thingsLoader } from "./me.things.tsx";
import { loader as timelineLoader } from "./me.groups.$groupId.tsx";
import { loader as homeLoader } from "./me._index.tsx";

async function member() {
  const group = await createGroup();
  const yp = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
  return { group, yp, cookie: await sessionCookie(yp.id) };
}

const say = (groupId: string, fields: Record<string, string> = {}) => ({
  groupId,
  text: "نريد المزيد من الأنشطة في عطلة نهاية الأسبوع",
  mood: "4",
  identity: "team",
  mayQuote: "yes",
  clientRequestId: crypto.randomUUID(),
  ...fields,
});

test("a young person says something in Arabic; it waits for an officer and is saved once however often it is posted", async () => {
  const { group, yp, cookie } = await member();
  const fields = say(group.id);
  const first = await settle(() => sayAction(args(postRequest("/me/say", fields, { cookie }))));
  const again = await settle(() => sayAction(args(postRequest("/me/say", fields, { cookie }))));
  expect(first.headers.get("Location")).toMatch(/^\/me\/things\?sent=c[a-z0-9]+$/);
  // The same item, once.
  expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
  const items = await prisma.feedbackItem.findMany({ where: { authorId: yp.id }, select: { text: true, status: true, language: true, mood: true } });
  expect(items).toEqual([{ text: fields.text, status: "pending", language: "ar", mood: 4 }]);
});

test("empty and over-long text are refused beside the field, the text typed is kept and nothing is saved", async () => {
  const { group, yp, cookie } = await member();
  const empty = await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: "   " }), { cookie }))));
  expect(empty.status).toBe(400);
  expect((empty.value as { error: Record<string, string[]> }).error.text).toEqual(["youth:errors.textRequired"]);
  const long = "ا".repeat(4001);
  const tooLong = await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: long }), { cookie }))));
  expect(tooLong.status).toBe(400);
  expect((tooLong.value as { error: Record<string, string[]> }).error.text).toEqual(["youth:errors.textTooLong"]);
  expect((tooLong.value as { initialValue: Record<string, string> }).initialValue.text).toBe(long);
  const exactly = await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: "ب".repeat(4000) }), { cookie }))));
  expect(exactly.status).toBe(302);
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(1);
});

test("a young person cannot post into a group they are not in", async () => {
  const { cookie } = await member();
  const other = await createGroup();
  const result = await settle(() => sayAction(args(postRequest("/me/say", say(other.id), { cookie }))));
  expect(result.status).toBe(400);
  expect(await prisma.feedbackItem.count({ where: { groupId: other.id } })).toBe(0);
});

test("an item can be withdrawn until an officer decides, not after", async () => {
  const { group, yp, cookie } = await member();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const waiting = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  const decided = await createFeedbackItem({ authorId: yp.id, groupId: group.id });
  await decideFeedback(officer.id, decided.id, decided.version, { kind: "hold", reason: "names a carer" });
  const ok = await settle(() => thingsAction(args(postRequest("/me/things", { feedbackId: waiting.id }, { cookie }))));
  expect(ok.value).toEqual({ result: "withdrawn" });
  const late = await settle(() => thingsAction(args(postRequest("/me/things", { feedbackId: decided.id }, { cookie }))));
  expect(late.status).toBe(409);
  const list = await thingsLoader(args(getRequest("/me/things", { cookie })));
  expect(list.items.map((i) => i.status).sort()).toEqual(["held", "withdrawn"]);
});

test("a young person cannot withdraw someone else's item", async () => {
  const { group } = await member();
  const author = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: author.id, groupId: group.id });
  const intruder = await member();
  const result = await settle(() => thingsAction(args(postRequest("/me/things", { feedbackId: item.id }, { cookie: intruder.cookie }))));
  expect(result.status).toBe(404);
  expect((await prisma.feedbackItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("pending");
});

test("the timeline shows the group's quotable approved words and the board's updates, in Arabic when translated", async () => {
  const { group, yp, cookie } = await member();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const quotable = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", text: "More trips please" });
  const private_ = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", text: "Private words", mayQuote: false });
  const ask = await createAsk(officer.id, { title: "Weekend activities", body: "", feedbackIds: [quotable.id, private_.id], dueAt: null });
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "We will fund two trips", translations: { ar: "سنموّل رحلتين" } });
  await addAskUpdate(officer.id, ask.id, { status: "in_progress", text: "First trip booked" });

  const data = await timelineLoader(args(getRequest(`/me/groups/${group.id}`, { cookie }), { groupId: group.id }));
  const [entry] = data.asks;
  expect(entry!.quotes.map((q) => q.text)).toEqual(["More trips please"]);
  expect(entry!.updates.map((u) => [u.text, u.inEnglishFallback])).toEqual([
    ["First trip booked", true],
    ["سنموّل رحلتين", false],
  ]);
  expect(JSON.stringify(data)).not.toContain(yp.displayName);
  expect(JSON.stringify(data)).not.toContain("Private words");

  const home = await homeLoader(args(getRequest("/me", { cookie })));
  expect(home.notifications.filter((n) => n.kind === "ask_update")).toHaveLength(2);
});

test("another group's timeline is not found, and staff cannot open young people's screens", async () => {
  const { cookie } = await member();
  const other = await createGroup();
  const timeline = await settle(() => timelineLoader(args(getRequest(`/me/groups/${other.id}`, { cookie }), { groupId: other.id })));
  expect(timeline.status).toBe(404);
  const board = await createStaff({ roles: ["board_member"] });
  const boardCookie = await sessionCookie(board.id);
  const loaders: ((a: ReturnType<typeof args>) => Promise<unknown>)[] = [homeLoader, sayLoader, thingsLoader];
  for (const loader of loaders) {
    const result = await settle(() => loader(args(getRequest("/me", { cookie: boardCookie }))));
    expect(result.status).toBe(403);
  }
});

test("signed out, every young person's screen sends to sign-in", async () => {
  const result = await settle(() => homeLoader(args(getRequest("/me"))));
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fme");
});

test("the same words sent again from a page the back button reloaded (a new form id) are one item", async () => {
  const { group, yp, cookie } = await member();
  await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: "Same words" }), { cookie }))));
  await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: "Same words" }), { cookie }))));
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(1);
  await settle(() => sayAction(args(postRequest("/me/say", say(group.id, { text: "Other words" }), { cookie }))));
  expect(await prisma.feedbackItem.count({ where: { authorId: yp.id } })).toBe(2);
});
