import { expect, test } from "vitest";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { decideFeedback } from "#app/models/feedback.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import * as root from "#app/root.tsx";
import * as adminGroups from "#app/routes/admin.groups.tsx";
import * as adminIndex from "#app/routes/admin._index.tsx";
import * as adminSettings from "#app/routes/admin.settings.tsx";
import * as adminStaff from "#app/routes/admin.staff.tsx";
import * as boardIndex from "#app/routes/board._index.tsx";
import * as boardAsk from "#app/routes/board.asks.$askId.tsx";
import * as meIndex from "#app/routes/me._index.tsx";
import * as meTimeline from "#app/routes/me.groups.$groupId.tsx";
import * as meSay from "#app/routes/me.say.tsx";
import * as meThings from "#app/routes/me.things.tsx";
import * as officerIndex from "#app/routes/officer._index.tsx";
import * as officerAsk from "#app/routes/officer.asks.$askId.tsx";
import * as officerAsks from "#app/routes/officer.asks._index.tsx";
import * as officerNewAsk from "#app/routes/officer.asks.new.tsx";
import * as officerGroup from "#app/routes/officer.groups.$groupId.tsx";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

/**
 * A board member trying to get at a single child's words, name or small numbers. Board members see
 * aggregated, suppressed numbers, the asks, and quotes only where the author agreed, never a name
 * (PRODUCT.md, "Who sees what"). Tests in this file share one database and start from no feedback.
 */

const K = 6;
type Args = ReturnType<typeof args>;
type Fn = (a: Args) => Promise<unknown>;

async function fresh() {
  await getOrganisation();
  await prisma.askItem.deleteMany({});
  await prisma.ask.deleteMany({});
  await prisma.notification.deleteMany({});
  await prisma.feedbackItem.deleteMany({});
  await prisma.organisation.updateMany({ data: { suppressionThreshold: K } });
}

let n = 0;
const tag = (what: string) => `${what}-${Date.now().toString(36)}-${(n++).toString(36)}`;

/** A world with every kind of words a board member must not see, and some they may. */
async function wordsWorld() {
  await fresh();
  const group = await createGroup();
  const other = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id, other.id] });
  const people: Awaited<ReturnType<typeof createYoungPerson>>[] = [];
  for (let i = 0; i < 8; i++) people.push(await createYoungPerson({ groupIds: [i < 4 ? group.id : other.id], nickname: tag(`nick${i}`), ageBand: "16-17" }));
  const secret = (status: "pending" | "held" | "withdrawn", i: number) =>
    createFeedbackItem({ authorId: people[i]!.id, groupId: group.id, status, themeKey: "school", text: tag(`SECRET-${status}`), decidedById: officer.id });
  const pending = await secret("pending", 0);
  const held = await secret("held", 1);
  const withdrawn = await secret("withdrawn", 2);
  const concern = await createFeedbackItem({ authorId: people[3]!.id, groupId: group.id, themeKey: "home", text: tag("SECRET-concern") });
  await prisma.feedbackItem.update({ where: { id: concern.id }, data: { status: "safeguarding" } });

  // Approved, redacted by the officer: the original words never leave the officers' screens.
  const redacted = await createFeedbackItem({ authorId: people[4]!.id, groupId: other.id, themeKey: "school", text: tag("ORIGINAL my carer Dave") });
  const publishedRedacted = tag("published my carer [name]");
  await decideFeedback(officer.id, redacted.id, redacted.version, { kind: "approve", publishedText: publishedRedacted, themeId: null, englishText: null });
  // Approved, but the author said no to being quoted.
  const noQuote = await createFeedbackItem({ authorId: people[5]!.id, groupId: other.id, themeKey: "school", text: tag("NOQUOTE-original"), mayQuote: false });
  const noQuotePublished = tag("NOQUOTE-published");
  await decideFeedback(officer.id, noQuote.id, noQuote.version, { kind: "approve", publishedText: noQuotePublished, themeId: null, englishText: null });
  // Approved, quotable, and the author wants the team (but nobody else) to know who they are.
  const quotable = await createFeedbackItem({ authorId: people[6]!.id, groupId: other.id, themeKey: "school", text: tag("QUOTABLE-original"), mayQuote: true });
  await decideFeedback(officer.id, quotable.id, quotable.version, { kind: "approve", publishedText: tag("QUOTABLE-published"), themeId: null, englishText: null });
  // Approved, quotable, "only someone keeping me safe may know it was me".
  const hidden = await createFeedbackItem({ authorId: people[7]!.id, groupId: other.id, text: tag("SAFE-original"), identity: "safeguarding" });
  await decideFeedback(officer.id, hidden.id, hidden.version, { kind: "approve", publishedText: tag("SAFE-published"), themeId: null, englishText: "In English: SAFE" });

  const ask = await createAsk(officer.id, { title: "Quiet spaces at school", body: "Young people asked for quiet spaces.", feedbackIds: [redacted.id, noQuote.id, quotable.id, hidden.id], dueAt: null });
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "We will look at it", translations: { ar: "سننظر في الأمر" } });

  const neverSeen = [
    ...people.flatMap((p) => [p.displayName, p.id, p.loginKey]),
    pending.text,
    held.text,
    withdrawn.text,
    concern.text,
    redacted.text,
    noQuote.text,
    noQuotePublished,
    quotable.text,
    hidden.text,
    "16-17",
  ];
  return { group, other, officer, people, ask, neverSeen, items: { pending, held, withdrawn, concern, redacted, noQuote, quotable, hidden } };
}

function boardLoaders(askId: string, groupId: string, authorId: string, itemId: string): [string, Fn, Record<string, string>][] {
  // The pages as linked, and as an attacker edits the address: query strings naming one child,
  // one group, one item, a smaller k; and an item or a person's id where an ask id goes.
  const probes = [
    "",
    `?authorId=${authorId}`,
    `?groupId=${groupId}`,
    `?feedbackId=${itemId}`,
    `?theme=school&groupId=${groupId}`,
    "?k=1&threshold=1&suppress=false",
    "?_data=routes/officer._index",
  ];
  return [
    ...probes.map((q): [string, Fn, Record<string, string>] => [`/board${q}`, boardIndex.loader, {}]),
    ...probes.map((q): [string, Fn, Record<string, string>] => [`/board/asks/${askId}${q}`, boardAsk.loader, { askId }]),
  ];
}

test("no board loader returns a nickname, words before approval, unquotable or original words, or an author's age band", async () => {
  const w = await wordsWorld();
  const board = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(board.id);
  for (const [path, loader, params] of boardLoaders(w.ask.id, w.group.id, w.people[0]!.id, w.items.pending.id)) {
    const result = await settle(() => loader(args(getRequest(path, { cookie }), params)));
    const sent = JSON.stringify(result.value);
    for (const secret of w.neverSeen) expect(sent, `${path} leaks ${secret}`).not.toContain(secret);
    // The dashboard refuses a breakdown it does not offer, with its reason; Remix's ?_data is its own.
    if (loader === boardIndex.loader && !/^\/board(\?_data=|$)/.test(path)) {
      expect(result.status, path).toBe(400);
      expect(result.value, path).toEqual({ message: "dashboard:errors.unknownParam" });
      continue;
    }
    expect(result.status, path).toBe(200);
    if (loader === boardIndex.loader) {
      expect(sent, `${path}: the threshold is the organisation's, whatever the address says`).toContain(`"threshold":${K}`);
      await expectNothingSmall(result.value as BoardData, path);
    }
  }
  // The root loader's data goes with every page. (Its translations name every age band as a label,
  // so the age band is checked in the pages' own data above, not here.)
  const rootData = JSON.stringify(await root.loader(args(getRequest("/board", { cookie })) as never));
  for (const secret of w.neverSeen.filter((s) => s !== "16-17")) expect(rootData).not.toContain(secret);
});

test("an item's or a person's id where the ask id goes answers 404 and says nothing", async () => {
  const w = await wordsWorld();
  const cookie = await sessionCookie((await createStaff({ roles: ["board_member"] })).id);
  for (const askId of [w.items.pending.id, w.items.hidden.id, w.people[0]!.id, w.group.id, "../officer", "%00"]) {
    const result = await settle(() => boardAsk.loader(args(getRequest(`/board/asks/${encodeURIComponent(askId)}`, { cookie }), { askId })));
    expect(result.status, askId).toBe(404);
    const sent = JSON.stringify(result.value ?? null);
    for (const secret of w.neverSeen) expect(sent).not.toContain(secret);
  }
});

test("a board member calling every officer, young person's and admin loader and action gets 403, and nothing changes", async () => {
  const w = await wordsWorld();
  const cookie = await sessionCookie((await createStaff({ roles: ["board_member"] })).id);
  const gid = { groupId: w.group.id };
  const aid = { askId: w.ask.id };
  const calls: [string, Fn, Record<string, string>, Record<string, string | string[]> | null][] = [
    ["/officer", officerIndex.loader, {}, null],
    ["/officer", officerIndex.action, {}, { intent: "approve", id: w.items.pending.id, version: "1", publishedText: "board approved" }],
    ["/officer/asks", officerAsks.loader, {}, null],
    ["/officer/asks/new", officerNewAsk.loader, {}, null],
    ["/officer/asks/new", officerNewAsk.action, {}, { feedbackIds: [w.items.quotable.id], title: "Board ask", body: "b" }],
    [`/officer/asks/${w.ask.id}`, officerAsk.loader, aid, null],
    [`/officer/asks/${w.ask.id}`, officerAsk.action, aid, { status: "done", text: "the board did it itself" }],
    [`/officer/groups/${w.group.id}`, officerGroup.loader, gid, null],
    [`/officer/groups/${w.group.id}`, officerGroup.action, gid, { intent: "create-invite", expiresOn: ukDate(2), maxUses: "3" }],
    [`/officer/groups/${w.group.id}`, officerGroup.action, gid, { intent: "reset-code", memberId: w.people[0]!.id }],
    [`/officer/groups/${w.group.id}`, officerGroup.action, gid, { intent: "note", memberId: w.people[0]!.id, note: "board note" }],
    ["/me", meIndex.loader, {}, null],
    ["/me/say", meSay.loader, {}, null],
    ["/me/say", meSay.action, {}, { groupId: w.group.id, text: "as a child", identity: "team", mayQuote: "yes", clientRequestId: tag("board") }],
    ["/me/things", meThings.loader, {}, null],
    ["/me/things", meThings.action, {}, { feedbackId: w.items.pending.id }],
    [`/me/groups/${w.group.id}`, meTimeline.loader, gid, null],
    ["/admin", adminIndex.loader, {}, null],
    ["/admin/groups", adminGroups.loader, {}, null],
    ["/admin/groups", adminGroups.action, {}, { intent: "create-group", name: "board group" }],
    ["/admin/settings", adminSettings.loader, {}, null],
    ["/admin/settings", adminSettings.action, {}, { name: "Board org", suppressionThreshold: "6", overdueAfterDays: "1" }],
    ["/admin/staff", adminStaff.loader, {}, null],
    ["/admin/staff", adminStaff.action, {}, { intent: "create-staff", name: "x", email: `${tag("b")}@example.org`, password: "a long enough password", roles: "officer" }],
  ];
  const before = await everything();
  for (const [path, fn, params, fields] of calls) {
    const request = fields ? postRequest(path, fields, { cookie }) : getRequest(path, { cookie });
    const result = await settle(() => fn(args(request, params)));
    expect(result.status, `${fields ? "POST" : "GET"} ${path}`).toBe(403);
    const sent = JSON.stringify(result.value ?? null);
    for (const secret of w.neverSeen) expect(sent).not.toContain(secret);
  }
  expect(await everything()).toEqual(before);
});

/** The rows a refused call must not touch. */
async function everything() {
  return {
    feedback: await prisma.feedbackItem.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, publishedText: true } }),
    asks: await prisma.ask.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, status: true, version: true } }),
    updates: await prisma.askUpdate.count(),
    invites: await prisma.inviteCode.count(),
    resets: await prisma.passwordReset.count(),
    notes: await prisma.accountNote.count(),
    groups: await prisma.group.count(),
    org: await prisma.organisation.findMany({ select: { name: true, suppressionThreshold: true, overdueAfterDays: true } }),
    staff: await prisma.user.count({ where: { kind: "staff" } }),
    audit: await prisma.auditLog.count(),
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers: no count from fewer than k distinct young people, directly or worked out.

type BoardData = Awaited<ReturnType<typeof boardIndex.loader>>;

async function boardPage(cookie?: string) {
  cookie ??= await sessionCookie((await createStaff({ roles: ["board_member"] })).id);
  const { status, value } = await settle(() => boardIndex.loader(args(getRequest("/board", { cookie }))));
  expect(status).toBe(200);
  return value as BoardData;
}

/** Every number in the data, with where it is. Dates are strings once sent, so they are not numbers. */
function numbersWithPaths(value: unknown, at = "$"): { at: string; value: number }[] {
  if (typeof value === "number") return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersWithPaths(v, `${at}[${i}]`));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => numbersWithPaths(v, `${at}.${k}`));
  }
  return [];
}

/** The middle of the last whole month (UK), where these tests put approvals: the dashboard's last column. */
function lastMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12));
}

/** The truth, straight from the database: distinct approved authors per theme, group and mood (or "none") and overall. */
async function truth() {
  const approved = await prisma.feedbackItem.findMany({ where: { status: "approved" }, select: { themeId: true, groupId: true, mood: true, authorId: true } });
  const tally = (keyOf: (i: (typeof approved)[number]) => string) => {
    const map = new Map<string, { count: number; people: Set<string> }>();
    for (const item of approved) {
      const cell = map.get(keyOf(item)) ?? { count: 0, people: new Set<string>() };
      cell.count++;
      cell.people.add(item.authorId);
      map.set(keyOf(item), cell);
    }
    return map;
  };
  return {
    theme: tally((i) => i.themeId ?? "none"),
    group: tally((i) => i.groupId),
    mood: tally((i) => (i.mood === null ? "none" : String(i.mood))),
    total: approved.length,
    people: new Set(approved.map((i) => i.authorId)).size,
  };
}

/** A theme's cell in the last whole month. */
const themeCell = (data: BoardData, key: string) => {
  const f = data.dashboard.feedback;
  return f.themes.find((r) => r.themeKey === key)!.cells[f.months.length - 1]!;
};

/**
 * The attacker's checks on one board page: every number sent about feedback is k, a zero, or the
 * exact value of a cell or total that at least k distinct young people built, and no total is
 * shown beside a hidden cell (suppression.server.test.ts searches every world for the rest).
 */
async function expectNothingSmall(data: BoardData, label: string) {
  const t = await truth();
  const f = data.dashboard.feedback;
  const last = f.months.length - 1;
  expect(f.threshold, label).toBe(K);
  const check = (table: "theme" | "group" | "mood", key: string, shown: { kind: string; value?: number }, what: string) => {
    if (shown.kind !== "exact" || shown.value === 0) return;
    const cell = t[table].get(key);
    const people = cell?.people.size ?? 0;
    expect(people >= K, `${label}: ${what} shown exactly from ${people} young people`).toBe(true);
    expect(shown.value, `${label}: ${what}`).toBe(cell?.count ?? 0);
  };
  for (const row of f.themes) for (const shown of [row.cells[last]!, row.total]) check("theme", row.id, shown, `theme ${row.themeKey ?? "none"}`);
  for (const row of f.groups) for (const shown of [row.cells[last]!, row.total]) check("group", row.id, shown, `group ${row.name}`);
  for (const row of f.moods) for (const shown of [row.cells[last]!, row.total]) check("mood", row.mood === null ? "none" : String(row.mood), shown, `mood ${row.mood}`);
  for (const total of [f.columnTotals[last]!, f.grandTotal]) {
    if (total.kind === "exact" && total.value > 0) expect(t.people >= K, `${label}: total shown from ${t.people} young people`).toBe(true);
  }
  // Earlier months hold nothing in these tests: zeros only.
  for (const row of [...f.themes, ...f.groups, ...f.moods]) for (const cell of row.cells.slice(0, last)) expect(cell, label).toEqual({ kind: "exact", value: 0 });
  const anyHidden = [...f.themes, ...f.groups, ...f.moods].some((row) => row.cells[last]!.kind !== "exact");
  if (anyHidden) {
    expect(f.columnTotals[last]!.kind, `${label}: a month's total beside a hidden cell`).toBe("withheld");
    expect(f.grandTotal.kind, `${label}: the grand total beside a hidden cell`).toBe("withheld");
  }
  // The top themes repeat cells of the table; the asks are the adults' work (an ask's age in days).
  for (const { at, value } of numbersWithPaths(data.dashboard.asks, "asks")) {
    if (!/\.ageDays$/.test(at)) throw new Error(`${label}: a number ${value} at ${at} in the board's asks`);
  }
}

async function approvedBy(groupId: string, people: number, themeKey: string | undefined, itemsEach = 1) {
  const made = [];
  for (let i = 0; i < people; i++) {
    const yp = await createYoungPerson({ groupIds: [groupId], nickname: tag("n") });
    for (let j = 0; j < itemsEach; j++) {
      const item = await createFeedbackItem({ authorId: yp.id, groupId, status: "approved", themeKey, text: tag(`w-${yp.displayName}`) });
      await prisma.feedbackItem.update({ where: { id: item.id }, data: { decidedAt: lastMonth() } });
    }
    made.push(yp);
  }
  return made;
}

test("one young person writing many times is still one young person: their count is never shown", async () => {
  await fresh();
  const group = await createGroup();
  await approvedBy(group.id, 1, "money", 9); // 9 items, 1 child
  await approvedBy(group.id, 7, "school");
  const data = await boardPage();
  expect(themeCell(data, "money").kind).not.toBe("exact");
  await expectNothingSmall(data, "one prolific child");
});

test("five young people on a theme (k - 1) and the rest spread: nothing from fewer than 6 is shown or can be worked out", async () => {
  await fresh();
  const group = await createGroup();
  await approvedBy(group.id, 5, "health");
  await approvedBy(group.id, 6, "school");
  await approvedBy(group.id, 8, "home");
  await approvedBy(group.id, 1, undefined); // no theme
  await expectNothingSmall(await boardPage(), "k - 1");
});

test("the same few young people across two themes cannot be counted through the total", async () => {
  await fresh();
  const group = await createGroup();
  const few = await approvedBy(group.id, 3, "family");
  for (const yp of few) {
    const again = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "support", text: tag("again") });
    await prisma.feedbackItem.update({ where: { id: again.id }, data: { decidedAt: lastMonth() } });
  }
  await approvedBy(group.id, 10, "school");
  await approvedBy(group.id, 10, "home");
  await expectNothingSmall(await boardPage(), "overlapping few");
});

test("fewer than k young people in all: no number at all, and the only approved words stay off the board", async () => {
  await fresh();
  const group = await createGroup();
  const [only] = await approvedBy(group.id, 1, "school");
  const data = await boardPage();
  expect(data.dashboard.feedback.grandTotal).toEqual({ kind: "withheld" });
  await expectNothingSmall(data, "a single child");
  expect(JSON.stringify(data)).not.toContain(only!.displayName);
});

test("pending, held, withdrawn and safeguarding items are never counted for the board", async () => {
  await fresh();
  const group = await createGroup();
  await approvedBy(group.id, 6, "school");
  const baseline = await boardPage();
  for (const status of ["pending", "held", "withdrawn"] as const) {
    for (let i = 0; i < 7; i++) {
      const yp = await createYoungPerson({ groupIds: [group.id] });
      await createFeedbackItem({ authorId: yp.id, groupId: group.id, status, themeKey: "school" });
    }
  }
  const concerner = await createYoungPerson({ groupIds: [group.id] });
  const concern = await createFeedbackItem({ authorId: concerner.id, groupId: group.id, themeKey: "school" });
  await prisma.feedbackItem.update({ where: { id: concern.id }, data: { status: "safeguarding" } });
  const after = await boardPage();
  expect(after.dashboard.feedback).toEqual(baseline.dashboard.feedback);
});

test("the board's asks carry no count of the items or young people behind them", async () => {
  await fresh();
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const people = await approvedBy(group.id, 3, "school");
  const items = await prisma.feedbackItem.findMany({ where: { authorId: { in: people.map((p) => p.id) } }, select: { id: true } });
  const extra = await createFeedbackItem({ authorId: people[0]!.id, groupId: group.id, status: "approved", themeKey: "school" });
  await prisma.feedbackItem.update({ where: { id: extra.id }, data: { decidedAt: lastMonth() } });
  const ask = await createAsk(officer.id, { title: "An ask from three", body: "b", feedbackIds: [...items.map((i) => i.id), extra.id], dueAt: null });
  await addAskUpdate(officer.id, ask.id, { status: "in_progress", text: "on it" });
  const cookie = await sessionCookie((await createStaff({ roles: ["board_member"] })).id);
  await expectNothingSmall(await boardPage(cookie), "asks list");
  const detail = await settle(() => boardAsk.loader(args(getRequest(`/board/asks/${ask.id}`, { cookie }), { askId: ask.id })));
  expect(detail.status).toBe(200);
  // 3 young people, 4 items: neither number may reach the board.
  const numbers = numbersWithPaths(detail.value).map((x) => x.value);
  expect(numbers).not.toContain(3);
  expect(numbers).not.toContain(4);
  const sent = JSON.stringify(detail.value);
  for (const p of people) expect(sent).not.toContain(p.displayName);
});

/**
 * PRODUCT.md: "secondary suppression so that no hidden cell can be worked out from totals, other
 * cells, percentages, means, chart lengths, earlier periods or live updates". The board page
 * revalidates on every approval, so a board member who keeps it open has every earlier reading.
 * The dashboard shows whole months that have ended, counted by approval: an approval today moves
 * no number shown today, so successive readings are the same page.
 */
test("live updates: an approval moves nothing on the board until its month has ended, so earlier readings pin nothing", async () => {
  await fresh();
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  await approvedBy(group.id, K, "school");
  const cookie = await sessionCookie((await createStaff({ roles: ["board_member"] })).id);
  const before = await boardPage(cookie);
  await expectNothingSmall(before, "before");

  // One child says one thing about money, and an officer approves it.
  const child = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: child.id, groupId: group.id, themeKey: "money" });
  await decideFeedback(officer.id, item.id, item.version, {
    kind: "approve",
    publishedText: "pocket money",
    themeId: (await prisma.theme.findUniqueOrThrow({ where: { key: "money" } })).id,
    englishText: null,
  });
  const after = await boardPage(cookie);
  expect(after.dashboard.feedback).toEqual(before.dashboard.feedback);
  expect(themeCell(after, "school")).toEqual({ kind: "exact", value: K });
});
