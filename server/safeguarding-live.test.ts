import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createFeedback } from "#app/models/feedback.server.ts";
import { jobHandlers } from "#app/models/job-handlers.server.ts";
import { runDueJobs } from "#app/models/jobs.server.ts";
import { warmUpScreen } from "#app/models/screening.server.ts";
import { events } from "#app/realtime/events.ts";
import { prisma } from "#app/utils/db.server.ts";
import { attachRealtime } from "#server/realtime.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { sessionCookie } from "#tests/request.ts";

// Safeguarding alerts through a real socket.io server: a lead hears a disclosure the moment it
// is saved; nobody else does (a board member, an admin, another group's officer or young person);
// an escalation reaches the group's officers only; no event carries words, names or categories.
const server: Server = createServer();
let url = "";
const sockets: Socket[] = [];

beforeAll(async () => {
  // As the server does at start-up: the screen is built before anyone writes.
  await warmUpScreen();
  await attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await new Promise((resolve) => server.close(resolve));
});

async function open(userId: string) {
  const socket = connect(url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: { Cookie: await sessionCookie(userId) },
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Everything a socket hears, by event name. */
function record(socket: Socket) {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

const next = (socket: Socket, event: string) => new Promise<unknown>((resolve) => socket.once(event, resolve));

let requests = 0;
const disclose = (authorId: string, groupId: string, text: string) =>
  createFeedback({
    authorId,
    groupId,
    text,
    language: "en",
    mood: null,
    themeId: null,
    identity: "team",
    mayQuote: false,
    clientRequestId: `live-${++requests}-${Math.random()}`,
  });

test("a lead hears a disclosure as it is saved; a board member, an admin, another group's officer and young person hear nothing of it", async () => {
  const group = await createGroup();
  const other = await createGroup();
  const lead = await createStaff({ roles: ["safeguarding_lead"] });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [other.id] });
  const board = await createStaff({ roles: ["board_member"] });
  const admin = await createStaff({ roles: ["admin"] });
  const author = await createYoungPerson({ groupIds: [group.id] });
  const otherYoungPerson = await createYoungPerson({ groupIds: [other.id] });
  const sameGroupYoungPerson = await createYoungPerson({ groupIds: [group.id] });

  const leadSocket = await open(lead.id);
  const officerSocket = await open(officer.id);
  const outsiders = await Promise.all([otherOfficer, board, admin, otherYoungPerson, sameGroupYoungPerson].map((p) => open(p.id)));
  const outsiderHeard = outsiders.map(record);
  const officerHeard = record(officerSocket);

  const alert = next(leadSocket, events.concernsChanged);
  const started = performance.now();
  await disclose(author.id, group.id, "my carer hits me");
  const payload = await alert;
  const ms = performance.now() - started;
  console.log(`A lead's socket heard the disclosure ${ms.toFixed(1)} ms after the young person's words were sent to be saved.`);
  // An invalidation, nothing more.
  expect(payload).toEqual({});

  // Give any stray event time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const heard of outsiderHeard) expect(heard).toEqual([]);
  // The group's officers hear that their queue changed (the item shows as "with safeguarding"),
  // with nothing about it.
  expect(officerHeard).toEqual([{ event: events.queueChanged, payload: { groupId: group.id } }]);
});

test("an escalation is heard by the group's officers only, and by the leads", async () => {
  const group = await createGroup();
  const other = await createGroup();
  const lead = await createStaff({ roles: ["safeguarding_lead"] });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [other.id] });
  const author = await createYoungPerson({ groupIds: [group.id] });
  await disclose(author.id, group.id, "i want to die");
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });

  const [leadSocket, officerSocket, otherSocket] = await Promise.all([open(lead.id), open(officer.id), open(otherOfficer.id)]);
  const otherHeard = record(otherSocket);
  const escalated = next(officerSocket, events.concernEscalated);
  const leadAlerted = next(leadSocket, events.concernsChanged);
  await prisma.job.updateMany({ where: { kind: "concern.escalate", key: { startsWith: `concern:${concern.id}:` } }, data: { runAt: new Date(Date.now() - 1000) } });
  await runDueJobs("live-test", jobHandlers);
  expect(await escalated).toEqual({ groupId: group.id });
  expect(await leadAlerted).toEqual({});
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(otherHeard).toEqual([]);
});

test("a staff member who stops being a lead stops hearing concerns at once", async () => {
  const group = await createGroup();
  const lead = await createStaff({ roles: ["safeguarding_lead", "officer"] });
  const author = await createYoungPerson({ groupIds: [group.id] });
  const socket = await open(lead.id);
  const heard = record(socket);
  const { setStaffRoles } = await import("#app/models/accounts.server.ts");
  const admin = await createStaff({ roles: ["admin"] });
  const dropped = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
  await setStaffRoles(admin.id, lead.id, ["officer"]);
  await dropped;
  await disclose(author.id, group.id, "he hits me");
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(heard.filter((h) => h.event === events.concernsChanged)).toEqual([]);
});
