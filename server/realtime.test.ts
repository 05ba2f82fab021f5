import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { createFeedback, decideFeedback } from "#app/models/feedback.server.ts";
import { events } from "#app/realtime/events.ts";
import { attachRealtime } from "#server/realtime.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { sessionCookie } from "#tests/request.ts";

// A real HTTP server with the real socket.io setup; clients connect with the session cookie as a
// browser would, and the tests await the events.
const server: Server = createServer();
let url = "";
const sockets: Socket[] = [];

beforeAll(async () => {
  await attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((resolve) => server.close(resolve));
});

function open(cookie?: string) {
  const socket = connect(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false });
  sockets.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });

const next = (socket: Socket, event: string) => new Promise<unknown>((resolve) => socket.once(event, resolve));

test("a handshake without a valid session is refused", async () => {
  await expect(connected(open())).rejects.toThrow("unauthorised");
  await expect(connected(open("voices_session=forged"))).rejects.toThrow("unauthorised");
});

test("an officer's queue hears a new item of their group, and an officer of another group does not", async () => {
  const group = await createGroup();
  const other = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const outsider = await createStaff({ roles: ["officer"], groupIds: [other.id] });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const mine = open(await sessionCookie(officer.id));
  const theirs = open(await sessionCookie(outsider.id));
  await Promise.all([connected(mine), connected(theirs)]);
  let outsiderHeard = false;
  theirs.on(events.queueChanged, () => (outsiderHeard = true));

  const heard = next(mine, events.queueChanged);
  await createFeedback({
    authorId: yp.id,
    groupId: group.id,
    text: "hello",
    language: "en",
    mood: null,
    themeId: null,
    identity: "team",
    mayQuote: true,
    clientRequestId: crypto.randomUUID(),
  });
  expect(await heard).toEqual({ groupId: group.id });
  // The event carries no words and no author.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(outsiderHeard).toBe(false);
});

test("a young person's timeline hears an ask update of their group; the author hears their item was decided", async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const author = await createYoungPerson({ groupIds: [group.id] });
  const reader = await createYoungPerson({ groupIds: [group.id] });
  const stranger = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const item = await createFeedbackItem({ authorId: author.id, groupId: group.id });

  const authorSocket = open(await sessionCookie(author.id));
  const readerSocket = open(await sessionCookie(reader.id));
  const strangerSocket = open(await sessionCookie(stranger.id));
  await Promise.all([connected(authorSocket), connected(readerSocket), connected(strangerSocket)]);
  let strangerHeard = false;
  strangerSocket.on(events.timelineChanged, () => (strangerHeard = true));
  let readerHeardDecision = false;
  readerSocket.on(events.myThingsChanged, () => (readerHeardDecision = true));

  const decided = next(authorSocket, events.myThingsChanged);
  await decideFeedback(officer.id, item.id, item.version, { kind: "approve", publishedText: "hello", themeId: null, englishText: null });
  await decided;

  const ask = await createAsk(officer.id, { title: "t", body: "", feedbackIds: [item.id], dueAt: null });
  const timeline = next(readerSocket, events.timelineChanged);
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "yes" });
  expect(await timeline).toEqual({ groupId: group.id });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(strangerHeard).toBe(false);
  expect(readerHeardDecision).toBe(false);
});
