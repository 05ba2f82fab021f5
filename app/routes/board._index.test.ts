import { expect, test } from "vitest";
import { isOverdue } from "#app/components/board-asks.tsx";
import { addAskUpdate, createAsk, FINISHED_ASKS_LISTED } from "#app/models/asks.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as saveSettings } from "./admin.settings.tsx";
import { loader } from "./board._index.tsx";
import { loader as csvLoader } from "./board.feedback[.csv].ts";
import { loader as printLoader } from "./board.print.tsx";

type BoardData = Awaited<ReturnType<typeof loader>>;

// Tests in a file share one database: each board test starts from no feedback and k = 6.
async function freshBoard() {
  await prisma.feedbackItem.deleteMany({});
  await prisma.ask.deleteMany({});
  await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
}

async function boardPage(query = "") {
  const member = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(member.id);
  const { status, value } = await settle(() => loader(args(getRequest(`/board${query}`, { cookie }))));
  expect(status).toBe(200);
  return value as BoardData;
}

/** The middle of the last whole month: the dashboard's last column. */
function lastMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12));
}

/** Young people in a group, each saying one thing on a theme, with `status`, decided last month. */
async function said(groupId: string, people: number, themeKey: string, status: "approved" | "pending" | "held" | "withdrawn" = "approved", mood: number | null = null) {
  const made = [];
  for (let i = 0; i < people; i++) {
    const yp = await createYoungPerson({ groupIds: [groupId], nickname: `${themeKey}-${status}-${i}-${Math.random().toString(36).slice(2, 8)}` });
    const item = await createFeedbackItem({ authorId: yp.id, groupId, status, themeKey, mood, text: `words number ${i} on ${themeKey}` });
    if (status !== "pending") await prisma.feedbackItem.update({ where: { id: item.id }, data: { decidedAt: lastMonth() } });
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

const lastCell = (data: BoardData, themeKey: string) => {
  const f = data.dashboard.feedback;
  return f.themes.find((r) => r.themeKey === themeKey)!.cells[f.months.length - 1]!;
};

test("a theme from 3 young people is never sent to the board, and no total or other table gives it away (k = 6)", async () => {
  await freshBoard();
  const group = await createGroup();
  const few = await said(group.id, 3, "school");
  const many = await said(group.id, 7, "home");

  const data = await boardPage();
  const f = data.dashboard.feedback;
  expect(f.threshold).toBe(6);
  expect(f.months).toHaveLength(12);
  expect(lastCell(data, "school").kind).not.toBe("exact");
  // The month's total, the grand total and the group's cell would each give 10 − 7 = 3.
  expect(f.columnTotals.at(-1)).toEqual({ kind: "withheld" });
  expect(f.grandTotal).toEqual({ kind: "withheld" });
  expect(f.groups.find((g) => g.id === group.id)!.cells.at(-1)).toEqual({ kind: "withheld" });
  // Neither 3 nor the total 10 is anywhere in what the browser gets.
  const { moods, ...rest } = data.dashboard.feedback;
  const numbers = numbersIn(rest).concat(numbersIn(moods.map((m) => [m.cells, m.total])), numbersIn(data.dashboard.top));
  expect(numbers).not.toContain(3);
  expect(numbers).not.toContain(10);
  const sent = JSON.stringify(data);
  for (const person of [...few, ...many]) {
    expect(sent).not.toContain(person.nickname);
  }
  expect(sent).not.toMatch(/contributors|"count"/);
});

test("zero is shown as zero, a theme from k young people or more exactly, with its mean mood; this month is not shown yet", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 6, "health", "approved", 4);
  // Approved today: this month has not ended, so it is not on the board.
  const yp = await createYoungPerson({ groupIds: [group.id] });
  await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "money" });
  const data = await boardPage();
  const f = data.dashboard.feedback;
  expect(lastCell(data, "health")).toEqual({ kind: "exact", value: 6 });
  expect(lastCell(data, "money")).toEqual({ kind: "exact", value: 0 });
  expect(f.columnTotals.at(-1)).toEqual({ kind: "exact", value: 6 });
  expect(f.grandTotal).toEqual({ kind: "exact", value: 6 });
  expect(f.moodMeans.at(-1)).toEqual({ kind: "exact", value: 4 });
  expect(f.moods.find((m) => m.mood === 4)!.total).toEqual({ kind: "exact", value: 6 });
  expect(data.dashboard.top[0]).toMatchObject({ themeKey: "health", now: { kind: "exact", value: 6 }, change: { kind: "exact", value: 6 } });
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
  expect(lastCell(data, "health")).toEqual({ kind: "exact", value: 6 });
  expect(lastCell(data, "money")).toEqual({ kind: "exact", value: 0 });
  expect(lastCell(data, "activities")).toEqual({ kind: "exact", value: 0 });
  expect(data.dashboard.feedback.grandTotal).toEqual({ kind: "exact", value: 6 });
});

test("raising k in the admin's settings changes what the board sees", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 7, "family");
  expect(lastCell(await boardPage(), "family")).toEqual({ kind: "exact", value: 7 });

  const admin = await createStaff({ roles: ["admin"] });
  const cookie = await sessionCookie(admin.id);
  const saved = await settle(() =>
    saveSettings(args(postRequest("/admin/settings", { name: "Voices", suppressionThreshold: "8", overdueAfterDays: "28", escalateAfterMinutes: "15" }, { cookie }))),
  );
  expect(saved.status).toBe(200);

  const after = await boardPage();
  expect(after.dashboard.feedback.threshold).toBe(8);
  expect(lastCell(after, "family").kind).not.toBe("exact");
  expect(after.dashboard.feedback.grandTotal).toEqual({ kind: "withheld" });
  expect(numbersIn(after.dashboard.feedback)).not.toContain(7);
});

test("a meeting date picks the whole months before it; a later date never shows a month still running", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 6, "health");
  const last = lastMonth();
  // A pack for the 3rd of last month: the months before it, which do not hold last month's items.
  const earlier = `${last.toISOString().slice(0, 8)}03`;
  const data = await boardPage(`?date=${earlier}`);
  expect(data.dashboard.feedback.grandTotal).toEqual({ kind: "exact", value: 0 });
  // A meeting a month ahead: still ends with last month.
  const ahead = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const future = await boardPage(`?date=${ahead}`);
  expect(future.dashboard.feedback.months.at(-1)!.key).toBe(last.toISOString().slice(0, 7));
  expect(lastCell(future, "health")).toEqual({ kind: "exact", value: 6 });
});

test("bad input: an impossible date, a date out of range, a hand-made breakdown by group, a repeated parameter — each a 400 with its reason", async () => {
  const member = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(member.id);
  const group = await createGroup();
  for (const [query, message] of [
    ["?date=2026-02-30", "dashboard:errors.badDate"],
    ["?date=yesterday", "dashboard:errors.badDate"],
    ["?date=1999-12-31", "dashboard:errors.dateRange"],
    ["?date=2999-01-01", "dashboard:errors.dateRange"],
    [`?group=${group.id}`, "dashboard:errors.unknownParam"],
    ["?language=ar", "dashboard:errors.unknownParam"],
    ["?date=2026-11-01&date=2026-10-01", "dashboard:errors.unknownParam"],
  ] as const) {
    const { status, value } = await settle(() => loader(args(getRequest(`/board${query}`, { cookie }))));
    expect(status, query).toBe(400);
    expect(value, query).toEqual({ message });
  }
});

test("the CSV carries the page's numbers only, suppressed, and defused against formulas; a bad date is a 400 there too", async () => {
  await freshBoard();
  const group = await createGroup({ name: "=HYPERLINK(\"http://x\")" });
  await said(group.id, 3, "school");
  await said(group.id, 7, "home");
  const member = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(member.id);
  const response = (await csvLoader(args(getRequest("/board/feedback.csv", { cookie })))) as Response;
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = await response.text();
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  const fields = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean).map((line) => line.split('","').at(-1)!.replace(/"$/, ""));
  expect(fields).not.toContain("3");
  expect(fields).not.toContain("10");
  expect(fields).toContain("7");
  expect(fields).toContain("not shown");
  const bad = await settle(() => csvLoader(args(getRequest("/board/feedback.csv?date=2026-13-01", { cookie }))));
  expect(bad.status).toBe(400);
  const young = await createYoungPerson({ groupIds: [group.id] });
  const youngCookie = await sessionCookie(young.id);
  expect((await settle(() => csvLoader(args(getRequest("/board/feedback.csv", { cookie: youngCookie }))))).status).toBe(403);
});

test("the printed pack is the same dashboard for the date", async () => {
  await freshBoard();
  const group = await createGroup();
  await said(group.id, 6, "health");
  const member = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(member.id);
  const { status, value } = await settle(() => printLoader(args(getRequest("/board/print", { cookie }))));
  expect(status).toBe(200);
  const board = await boardPage();
  expect((value as { dashboard: unknown }).dashboard).toEqual(board.dashboard);
  expect((await settle(() => printLoader(args(getRequest("/board/print?date=31-12-2026", { cookie }))))).status).toBe(400);
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
  const asks = data.dashboard.asks;
  expect(asks).toHaveLength(3);
  // Overdue first.
  expect(asks.map((a) => a.overdue)).toEqual([true, true, false]);
  const byId = new Map(asks.map((a) => [a.id, a]));
  expect(byId.get(lateDue.id)).toMatchObject({ title: "Wi-fi in every home", status: "raised", owner: null, overdue: true });
  expect(byId.get(unanswered.id)).toMatchObject({ status: "raised", dueAt: null, overdue: true });
  expect(byId.get(answered.id)).toMatchObject({ status: "agreed", owner: "Director of Children's Services", overdue: false, ageDays: 40 });
  expect(byId.get(answered.id)?.raisedAt).toBeInstanceOf(Date);
  expect(JSON.stringify(data)).not.toContain("Only-one-asker");
});

test("an ask left unanswered for two years is still listed, first, however many asks came after it", async () => {
  await freshBoard();
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "home" });
  const forgotten = await createAsk(officer.id, { title: "Keys to our own rooms", body: "", feedbackIds: [item.id], dueAt: null });
  await prisma.ask.update({ where: { id: forgotten.id }, data: { raisedAt: new Date(Date.now() - 730 * 86_400_000) } });
  // More finished asks since than the list shows.
  await prisma.ask.createMany({
    data: Array.from({ length: FINISHED_ASKS_LISTED + 5 }, (_, i) => ({
      title: `Done ${i}`,
      status: "done",
      raisedById: officer.id,
      raisedAt: new Date(Date.now() - (300 - i) * 86_400_000),
      answeredAt: new Date(Date.now() - (290 - i) * 86_400_000),
    })),
  });
  const asks = (await boardPage()).dashboard.asks;
  expect(asks[0]).toMatchObject({ id: forgotten.id, overdue: true, status: "raised" });
  expect(asks[0]!.ageDays).toBeGreaterThanOrEqual(729);
  expect(asks.filter((a) => a.status === "done")).toHaveLength(FINISHED_ASKS_LISTED);
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
