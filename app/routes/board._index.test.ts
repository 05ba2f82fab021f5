import { expect, test } from "vitest";
import { isOverdue } from "#app/components/board-asks.tsx";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as saveSettings } from "./admin.settings.tsx";
import { loader } from "./board._index.tsx";

type BoardData = Awaited<ReturnType<typeof loader>>;

// Tests in a file share one database: each board test starts from no feedback and k = 6.
async function freshBoard() {
  await prisma.feedbackItem.deleteMany({});
  await prisma.ask.deleteMany({});
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
}

async function boardPage() {
  const member = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(member.id);
  const { status, value } = await settle(() => loader(args(getRequest("/board", { cookie }))));
  expect(status).toBe(200);
  return value as BoardData;
}

/** Young people in a group, each saying one thing on a theme, with `status`. */
async function said(groupId: string, people: number, themeKey: string, status: "approved" | "pending" | "held" | "withdrawn" = "approved") {
  const made = [];
  for (let i = 0; i < people; i++) {
    const yp = await createYoungPerson({ groupIds: [groupId], nickname: `${themeKey}-${status}-${i}-${Math.random().toString(36).slice(2, 8)}` });
    const item = await createFeedbackItem({ authorId: yp.id, groupId, status, themeKey, text: `words of ${yp.displayName}` });
    made.push({ nickname: yp.displayName, text: item.text });
  }
  return made;
}

/** Every number anywhere in the loader's data. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.values(value).flatMap(numbersIn);
  return [];
}

const row = (data: BoardData, themeKey: string) => data.feedback.rows.find((r) => r.themeKey === themeKey)!;

test("a theme from 3 young people is never sent to the board, and the total is withheld so it cannot give it away (k = 6)", async () => {
  await freshBoard();
  const group = await createGroup();
  const few = await said(group.id, 3, "school");
  const many = await said(group.id, 7, "home");

  const data = await boardPage();
  expect(data.feedback.threshold).toBe(6);
  expect(row(data, "school").shown).toEqual({ kind: "suppressed" });
  expect(row(data, "home").shown).toEqual({ kind: "exact", value: 7 });
  // Secondary suppression: a shown total minus the shown cells would be the hidden cell.
  expect(data.feedback.total).toEqual({ kind: "withheld" });
  expect(data.feedback.rows.filter((r) => r.themeKey !== "school" && r.themeKey !== "home").every((r) => r.shown.kind === "exact" && r.shown.value === 0)).toBe(true);

  // Neither 3 nor the total 10 is anywhere in what the browser gets: only k, the zeros and 7.
  expect(new Set(numbersIn(data))).toEqual(new Set([0, 6, 7]));
  const sent = JSON.stringify(data);
  for (const person of [...few, ...many]) {
    expect(sent).not.toContain(person.nickname);
    expect(sent).not.toContain(person.text);
  }
  expect(sent).not.toMatch(/contributors|"count"/);
});

test("zero is shown as zero, and a theme from k young people or more exactly", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 6, "health");
  const data = await boardPage();
  expect(row(data, "health").shown).toEqual({ kind: "exact", value: 6 });
  expect(row(data, "money").shown).toEqual({ kind: "exact", value: 0 });
  expect(data.feedback.rows.at(-1)).toMatchObject({ themeKey: null, shown: { kind: "exact", value: 0 } });
  expect(data.feedback.total).toEqual({ kind: "exact", value: 6 });
});

test("pending, held and withdrawn items are never counted", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 6, "health");
  await said(group.id, 8, "health", "pending");
  await said(group.id, 7, "money", "pending");
  await said(group.id, 7, "money", "held");
  await said(group.id, 7, "activities", "withdrawn");
  const data = await boardPage();
  expect(row(data, "health").shown).toEqual({ kind: "exact", value: 6 });
  expect(row(data, "money").shown).toEqual({ kind: "exact", value: 0 });
  expect(row(data, "activities").shown).toEqual({ kind: "exact", value: 0 });
  expect(data.feedback.total).toEqual({ kind: "exact", value: 6 });
});

test("raising k in the admin's settings changes what the board sees", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 7, "family");
  expect(row(await boardPage(), "family").shown).toEqual({ kind: "exact", value: 7 });

  const admin = await createStaff({ roles: ["admin"] });
  const cookie = await sessionCookie(admin.id);
  const saved = await settle(() =>
    saveSettings(args(postRequest("/admin/settings", { name: "Voices", suppressionThreshold: "8", overdueAfterDays: "28", escalateAfterMinutes: "15" }, { cookie }))),
  );
  expect(saved.status).toBe(200);

  const after = await boardPage();
  expect(after.feedback.threshold).toBe(8);
  expect(row(after, "family").shown).toEqual({ kind: "suppressed" });
  expect(after.feedback.total).toEqual({ kind: "suppressed" });
  expect(numbersIn(after)).not.toContain(7);
});

test("every ask is listed with its status, dates and owner, unsuppressed, and overdue ones are marked", async () => {
  await freshBoard();
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const owner = await createStaff({ roles: ["board_member"], name: "Director of Children's Services" });
  const yp = await createYoungPerson({ groupIds: [group.id], nickname: "Only-one-asker" });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "home" });

  const lateDue = await createAsk(officer.id, { title: "Wi-fi in every home", body: "", feedbackIds: [item.id], dueAt: new Date(Date.now() - 86_400_000) });
  const unanswered = await createAsk(officer.id, { title: "Bus passes", body: "", feedbackIds: [item.id], dueAt: null });
  await prisma.ask.update({ where: { id: unanswered.id }, data: { raisedAt: new Date(Date.now() - 40 * 86_400_000) } });
  const answered = await createAsk(officer.id, { title: "Later curfew", body: "", feedbackIds: [item.id], dueAt: new Date(Date.now() + 30 * 86_400_000) });
  await prisma.ask.update({ where: { id: answered.id }, data: { ownerId: owner.id, raisedAt: new Date(Date.now() - 40 * 86_400_000) } });
  await addAskUpdate(owner.id, answered.id, { status: "agreed", text: "Agreed from next month." });

  const data = await boardPage();
  expect(data.asks).toHaveLength(3);
  const byId = new Map(data.asks.map((a) => [a.id, a]));
  expect(byId.get(lateDue.id)).toMatchObject({ title: "Wi-fi in every home", status: "raised", owner: null, overdue: true });
  expect(byId.get(unanswered.id)).toMatchObject({ status: "raised", dueAt: null, overdue: true });
  expect(byId.get(answered.id)).toMatchObject({ status: "agreed", owner: "Director of Children's Services", overdue: false });
  expect(byId.get(answered.id)?.raisedAt).toBeInstanceOf(Date);
  expect(JSON.stringify(data)).not.toContain("Only-one-asker");
});

test("an ask is overdue past its due date or when unanswered too long, never once closed", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  expect(isOverdue({ status: "raised", raisedAt: daysAgo(27), dueAt: null, answered: false }, 28, now)).toBe(false);
  expect(isOverdue({ status: "raised", raisedAt: daysAgo(29), dueAt: null, answered: false }, 28, now)).toBe(true);
  expect(isOverdue({ status: "agreed", raisedAt: daysAgo(29), dueAt: null, answered: true }, 28, now)).toBe(false);
  expect(isOverdue({ status: "in_progress", raisedAt: daysAgo(2), dueAt: daysAgo(1), answered: true }, 28, now)).toBe(true);
  expect(isOverdue({ status: "done", raisedAt: daysAgo(90), dueAt: daysAgo(60), answered: true }, 28, now)).toBe(false);
  expect(isOverdue({ status: "not_possible", raisedAt: daysAgo(90), dueAt: null, answered: true }, 28, now)).toBe(false);
});

test("young people, and staff without the board role, cannot open the board; signed-out visitors sign in", async () => {
  const group = await createGroup();
  for (const user of [
    await createYoungPerson({ groupIds: [group.id] }),
    await createStaff({ roles: ["officer"], groupIds: [group.id] }),
    await createStaff({ roles: ["safeguarding_lead", "admin"] }),
  ]) {
    const cookie = await sessionCookie(user.id);
    expect((await settle(() => loader(args(getRequest("/board", { cookie }))))).status).toBe(403);
  }
  const signedOut = await settle(() => loader(args(getRequest("/board"))));
  expect(signedOut.status).toBe(302);
});
