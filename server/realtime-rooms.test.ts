import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { setStaffDisabled, setStaffRoles } from "#app/models/accounts.server.ts";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { createFeedback, decideFeedback } from "#app/models/feedback.server.ts";
import { removeMember, setGroupOfficers } from "#app/models/groups.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { events } from "#app/realtime/events.ts";
import { prisma } from "#app/utils/db.server.ts";
import { hashToken } from "#app/utils/session.server.ts";
import { attachRealtime } from "#server/realtime.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie } from "#tests/request.ts";
import { loader as boardLoader } from "#app/routes/board._index.tsx";
import { action as signOutAction } from "#app/routes/sign-out.ts";

/**
 * The socket side of "who sees what": a real HTTP server with the real socket.io setup, clients
 * connecting with the session cookie as a browser would. Each socket records every event it
 * hears; after the people who should hear something have heard it, nobody else may have.
 */

const server: Server = createServer();
let url = "";
const sockets: Socket[] = [];

beforeAll(async () => {
  await getOrganisation();
  await attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((resolve) => server.close(resolve));
});

type Heard = { event: string; payload: unknown }[];
type Ear = { socket: Socket; heard: Heard };

function open(cookie?: string, options: { origin?: string; auth?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (options.origin) headers.Origin = options.origin;
  // Reconnecting as the app's client does: the server drops sockets whose permissions changed.
  const socket = connect(url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: headers,
    auth: options.auth,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
  });
  sockets.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });

/** A connected socket of this user that records everything it hears. */
async function ear(userId: string): Promise<Ear> {
  const socket = open(await sessionCookie(userId));
  const heard: Heard = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  await connected(socket);
  return { socket, heard };
}

/** Waits until this ear heard `event` (the positive control), or fails after 3 s. */
async function until(e: Ear, event: string, payload?: unknown) {
  const match = () => e.heard.some((h) => h.event === event && (payload === undefined || JSON.stringify(h.payload) === JSON.stringify(payload)));
  const start = Date.now();
  while (!match()) {
    if (Date.now() - start > 3000) throw new Error(`never heard ${event} (heard ${JSON.stringify(e.heard)})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Time for a stray event to arrive, after the ones that should have arrived did. */
const settleDown = () => new Promise((r) => setTimeout(r, 200));

const say = (authorId: string, groupId: string, identity: "team" | "safeguarding" = "team") =>
  createFeedback({ authorId, groupId, text: "words on the socket?", language: "en", mood: null, themeId: null, identity, mayQuote: true, clientRequestId: crypto.randomUUID() });

async function world() {
  const a = await createGroup();
  const b = await createGroup();
  const officerA = await createStaff({ roles: ["officer"], groupIds: [a.id] });
  const officerA2 = await createStaff({ roles: ["officer"], groupIds: [a.id] });
  const officerB = await createStaff({ roles: ["officer"], groupIds: [b.id] });
  const authorA = await createYoungPerson({ groupIds: [a.id] });
  const readerA = await createYoungPerson({ groupIds: [a.id] });
  const readerA2 = await createYoungPerson({ groupIds: [a.id] });
  const memberB = await createYoungPerson({ groupIds: [b.id] });
  const board = await createStaff({ roles: ["board_member"] });
  const admin = await createStaff({ roles: ["admin"] });
  const lead = await createStaff({ roles: ["safeguarding_lead"] });
  return { a, b, officerA, officerA2, officerB, authorA, readerA, readerA2, memberB, board, admin, lead };
}

/** Everything that happens to one item of group A, from being said to the board's update. */
async function fullLoop(w: Awaited<ReturnType<typeof world>>) {
  const item = await say(w.authorA.id, w.a.id);
  const version = (await prisma.feedbackItem.findUniqueOrThrow({ where: { id: item.id } })).version;
  await decideFeedback(w.officerA.id, item.id, version, { kind: "approve", publishedText: "approved words", themeId: null, englishText: null });
  const ask = await createAsk(w.officerA.id, { title: "Ask title", body: "", feedbackIds: [item.id], dueAt: null });
  await addAskUpdate(w.officerA.id, ask.id, { status: "agreed", text: "update words" });
  return { item, ask };
}

const names = (e: Ear) => [...new Set(e.heard.map((h) => h.event))].sort();

test("a young person hears only their own group's timeline: nothing of another group, no queue, no board, nobody else's things", async () => {
  const w = await world();
  const [officerA, authorA, readerA, memberB] = await Promise.all([ear(w.officerA.id), ear(w.authorA.id), ear(w.readerA.id), ear(w.memberB.id)]);
  await fullLoop(w);
  await Promise.all([until(officerA, events.queueChanged), until(authorA, events.myThingsChanged), until(readerA, events.timelineChanged, { groupId: w.a.id })]);
  await settleDown();

  expect(memberB.heard, "a member of another group").toEqual([]);
  expect(names(readerA), "a member who did not write it").toEqual([events.timelineChanged]);
  expect(readerA.heard.every((h) => JSON.stringify(h.payload) === JSON.stringify({ groupId: w.a.id }))).toBe(true);
  expect(names(authorA), "the author").toEqual([events.myThingsChanged, events.timelineChanged].sort());
});

test("a board member never hears the moderation queue, a group's timeline or a young person's things", async () => {
  const w = await world();
  const [officerA, board, authorA] = await Promise.all([ear(w.officerA.id), ear(w.board.id), ear(w.authorA.id)]);
  // Held, not approved: the board has nothing to hear at all from this one.
  const held = await say(w.readerA.id, w.a.id);
  await decideFeedback(w.officerA.id, held.id, 1, { kind: "hold", reason: "names a carer" });
  await fullLoop(w);
  await Promise.all([until(officerA, events.queueChanged), until(board, events.asksChanged), until(authorA, events.myThingsChanged)]);
  await settleDown();
  // board:changed only when the suppressed view changed; never anything about queues or people.
  expect(names(board).every((n) => n === events.asksChanged || n === events.boardChanged), names(board).join()).toBe(true);
  for (const h of board.heard) expect(h.payload, h.event).toEqual({});
});

test("an officer of another group, an admin and a safeguarding lead hear nothing of group A's queue", async () => {
  const w = await world();
  const [officerA, officerB, admin, lead] = await Promise.all([ear(w.officerA.id), ear(w.officerB.id), ear(w.admin.id), ear(w.lead.id)]);
  await say(w.authorA.id, w.a.id, "safeguarding");
  await until(officerA, events.queueChanged, { groupId: w.a.id });
  await settleDown();
  expect(officerB.heard).toEqual([]);
  expect(admin.heard).toEqual([]);
  expect(lead.heard).toEqual([]);
});

test("no event carries words, names, ids of people or counts, only the group's id or nothing", async () => {
  const w = await world();
  const all = await Promise.all([w.officerA, w.officerB, w.authorA, w.readerA, w.memberB, w.board].map((p) => ear(p.id)));
  const { item } = await fullLoop(w);
  await until(all[0]!, events.asksChanged);
  await settleDown();
  const sent = JSON.stringify(all.flatMap((e) => e.heard));
  for (const secret of ["words on the socket?", "approved words", "update words", "Ask title", w.authorA.id, w.authorA.displayName, item.id]) {
    expect(sent).not.toContain(secret);
  }
  for (const h of all.flatMap((e) => e.heard)) {
    expect(Object.keys(h.payload as object).every((k) => k === "groupId"), JSON.stringify(h)).toBe(true);
  }
});

test("nothing a client sends adds a room", async () => {
  const w = await world();
  const [memberB, officerA] = await Promise.all([ear(w.memberB.id), ear(w.officerA.id)]);
  for (const room of [`group:${w.a.id}:members`, `group:${w.a.id}:officers`, "board", "officers", `user:${w.authorA.id}`]) {
    for (const event of ["join", "subscribe", "room", "rooms", "joinRoom"]) {
      memberB.socket.emit(event, room);
      memberB.socket.emit(event, { room, rooms: [room], groupId: w.a.id });
    }
  }
  await settleDown();
  await fullLoop(w);
  await until(officerA, events.asksChanged);
  await settleDown();
  expect(memberB.heard).toEqual([]);
});

test("a handshake with a forged, stale or foreign session is refused", async () => {
  const w = await world();
  const stale = async (change: (tokenHash: string) => Promise<unknown>, userId = w.officerA.id) => {
    const cookie = await sessionCookie(userId);
    const raw = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
    const token = JSON.parse(Buffer.from(raw.slice(0, raw.lastIndexOf(".")), "base64").toString("utf8")) as string;
    await change(hashToken(token));
    return cookie;
  };
  const deleted = await stale((tokenHash) => prisma.session.deleteMany({ where: { tokenHash } }));
  const expired = await stale((tokenHash) => prisma.session.updateMany({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } }));
  const disabledStaff = await createStaff({ roles: ["officer", "board_member"], groupIds: [w.a.id] });
  const disabled = await sessionCookie(disabledStaff.id);
  await prisma.user.update({ where: { id: disabledStaff.id }, data: { disabledAt: new Date() } });
  const good = await sessionCookie(w.officerA.id);
  const tampered = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");

  for (const [label, cookie] of [["deleted", deleted], ["expired", expired], ["disabled", disabled], ["tampered", tampered]] as const) {
    await expect(connected(open(cookie)), label).rejects.toThrow("unauthorised");
  }
  // Claims in the handshake's auth are not a session.
  await expect(connected(open(undefined, { auth: { userId: w.officerA.id, sessionId: "x" } }))).rejects.toThrow("unauthorised");
  // A page on another site cannot open a socket with the user's cookie (the same cookie from the
  // site's own origin can).
  await expect(connected(open(good, { origin: "http://evil.example" }))).rejects.toThrow();
  await expect(connected(open(good, { origin: url }))).resolves.toBeUndefined();
});

test("a young person removed from a group stops hearing its timeline at once", async () => {
  const w = await world();
  const [readerA, readerA2] = await Promise.all([ear(w.readerA.id), ear(w.readerA2.id)]);
  await removeMember(w.officerA.id, w.a.id, w.readerA.id);
  await fullLoop(w);
  await until(readerA2, events.timelineChanged);
  await settleDown();
  expect(readerA.heard).toEqual([]);
});

// Rooms are decided at the handshake. Every later change of who may hear what must reach the
// sockets already open, or a socket goes on hearing what its user no longer may.

test("an officer taken off a group by an admin stops hearing its queue", async () => {
  const w = await world();
  const [officerA, officerA2] = await Promise.all([ear(w.officerA.id), ear(w.officerA2.id)]);
  await setGroupOfficers(w.admin.id, w.a.id, [w.officerA2.id]);
  await say(w.authorA.id, w.a.id);
  await until(officerA2, events.queueChanged, { groupId: w.a.id });
  await settleDown();
  expect(officerA.heard, "a socket opened while they ran the group").toEqual([]);
});

test("a staff member whose officer role was taken away stops hearing the queue", async () => {
  const w = await world();
  const [officerA, officerA2] = await Promise.all([ear(w.officerA.id), ear(w.officerA2.id)]);
  await setStaffRoles(w.admin.id, w.officerA.id, ["board_member"]);
  await say(w.authorA.id, w.a.id);
  await until(officerA2, events.queueChanged, { groupId: w.a.id });
  await settleDown();
  expect(officerA.heard.filter((h) => h.event === events.queueChanged)).toEqual([]);
});

test("a disabled staff account's open socket hears nothing more", async () => {
  const w = await world();
  const [officerA, officerA2] = await Promise.all([ear(w.officerA.id), ear(w.officerA2.id)]);
  await setStaffDisabled(w.admin.id, w.officerA.id, true);
  await say(w.authorA.id, w.a.id);
  await until(officerA2, events.queueChanged, { groupId: w.a.id });
  await settleDown();
  expect(officerA.heard).toEqual([]);
});

test("after signing out, the socket opened with that session hears nothing more", async () => {
  const w = await world();
  const cookie = await sessionCookie(w.readerA.id);
  const socket = open(cookie);
  const heard: Heard = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  await connected(socket);
  const readerA2 = await ear(w.readerA2.id);
  const out = await signOutAction(args(postRequest("/sign-out", {}, { cookie })) as never);
  expect(out.status).toBe(302);
  await fullLoop(w);
  await until(readerA2, events.timelineChanged);
  await settleDown();
  expect(heard, "a signed-out browser (a shared phone) still hears the group").toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Live updates as a counter (PRODUCT.md: no hidden cell may be worked out from "earlier periods or
// live updates"). The board page revalidates on every board event, and every approval sends one.

test("a board member cannot count a hidden cell by counting board events between two readings", async () => {
  // What a board member observes — the page before, every board event, the page after — must be
  // the same whether one child or two had money approved: otherwise counting events pins the cell.
  const observe = async (approvals: number) => {
    // This test owns the board: no approved feedback but its own.
    await prisma.askItem.deleteMany({});
    await prisma.ask.deleteMany({});
    await prisma.notification.deleteMany({});
    await prisma.feedbackItem.deleteMany({});
    await prisma.organisation.updateMany({ data: { suppressionThreshold: 6 } });
    const group = await createGroup();
    const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
    for (let i = 0; i < 6; i++) {
      const yp = await createYoungPerson({ groupIds: [group.id] });
      const old = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "school" });
      // Last month: the dashboard shows whole months that have ended.
      const now = new Date();
      await prisma.feedbackItem.update({ where: { id: old.id }, data: { decidedAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12)) } });
    }
    const boardMember = await createStaff({ roles: ["board_member"] });
    const cookie = await sessionCookie(boardMember.id);
    const read = async () => (await boardLoader(args(getRequest("/board", { cookie })))).dashboard.feedback;
    const board = await ear(boardMember.id);
    const before = await read();
    const moneyTheme = await prisma.theme.findUniqueOrThrow({ where: { key: "money" } });
    for (let i = 0; i < approvals; i++) {
      const child = await createYoungPerson({ groupIds: [group.id] });
      const item = await createFeedbackItem({ authorId: child.id, groupId: group.id });
      await decideFeedback(officer.id, item.id, item.version, { kind: "approve", publishedText: "pocket money", themeId: moneyTheme.id, englishText: null });
    }
    await until(board, events.boardChanged);
    await settleDown();
    const after = await read();
    board.socket.disconnect();
    const strip = (f: typeof before) => f.themes.map((r) => [r.themeKey, r.cells, r.total]);
    return {
      before: strip(before),
      after: strip(after),
      total: after.grandTotal,
      boardEvents: board.heard.filter((h) => h.event === events.boardChanged).length,
    };
  };
  const one = await observe(1);
  const two = await observe(2);
  // Approved this month: nothing on the board moves until the month has ended, one approval or two.
  expect(one.after).toEqual(one.before);
  expect(one).toEqual(two);
});
