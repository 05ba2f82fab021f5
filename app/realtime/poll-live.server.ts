import { getPollForVoter, isClosed, isPollOfficer, pollResults, pollVoterTotal, type PollResults } from "#app/models/polls.server.ts";
import { suppressionThreshold } from "#app/models/organisation.server.ts";
import { events, rooms, type PollAudience } from "#app/realtime/events.ts";
import { getRealtimeServer, publish } from "#app/realtime/publish.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

/**
 * Live poll results. After a vote commits, `pollChanged(pollId)` schedules a broadcast of the
 * poll's tally, read from the running tallies (never a recount) and shaped per audience by
 * pollResults(): exact for its officers' console, suppressed for young people who may see results.
 * At most one broadcast per poll every 250 ms (the first at once). The meeting-mode big screen gets
 * batches at most every 3 seconds, only once revealed and with k young people or more, and only
 * when at least two answers moved since the last batch (or the poll closed), so no single child's
 * tap can be seen arriving. Timers are throttles only: the state is always read from the database,
 * so any instance can send it and a reconnecting client asks for it again.
 */
const LIVE_MS = 250;
const MEETING_MS = 3000;

type Throttle = { timer?: ReturnType<typeof setTimeout>; lastSent: number };
const live = new Map<string, Throttle>();
const meeting = new Map<string, Throttle>();
/** What each poll's meeting screens were last sent, to count how many answers moved since. */
const lastMeetingCounts = new Map<string, Map<string, number>>();

function schedule(map: Map<string, Throttle>, pollId: string, interval: number, send: () => Promise<void>, immediate = false) {
  const entry = map.get(pollId) ?? { lastSent: 0 };
  map.set(pollId, entry);
  if (entry.timer && !immediate) return;
  if (entry.timer) clearTimeout(entry.timer);
  const wait = immediate ? 0 : Math.max(0, entry.lastSent + interval - Date.now());
  entry.timer = setTimeout(() => {
    entry.timer = undefined;
    entry.lastSent = Date.now();
    if (!getRealtimeServer()) return;
    send().catch((error) => console.error("poll broadcast failed", error));
  }, wait);
  entry.timer.unref?.();
}

/** Drops scheduled broadcasts (the socket server is closing). */
export function stopPollBroadcasts() {
  for (const map of [live, meeting]) {
    for (const entry of map.values()) if (entry.timer) clearTimeout(entry.timer);
    map.clear();
  }
  lastMeetingCounts.clear();
}

export async function liveTally(pollId: string) {
  const [exact, suppressed] = await Promise.all([
    pollResults(pollId, { audience: "exact" }),
    pollResults(pollId, { audience: "suppressed" }),
  ]);
  return { exact, suppressed };
}

async function sendLive(pollId: string) {
  const { exact, suppressed } = await liveTally(pollId);
  publish(events.pollTally, rooms.poll(pollId, "officer"), { pollId, results: exact });
  publish(events.pollTally, rooms.poll(pollId, "voter"), { pollId, results: suppressed });
}

function counts(results: PollResults) {
  const map = new Map<string, number>();
  for (const q of results.questions) for (const o of q.options) if (o.shown.kind === "exact") map.set(o.optionId, o.shown.value);
  return map;
}

/** The big screen's state: hidden until revealed and k young people have answered. */
export async function meetingState(pollId: string) {
  const poll = await prisma.poll.findUnique({ where: { id: pollId }, select: { revealed: true, status: true, closesAt: true } });
  if (!poll) return null;
  const [k, voters] = await Promise.all([suppressionThreshold(), pollVoterTotal(pollId)]);
  const ready = voters >= k;
  const closed = isClosed(poll);
  return {
    pollId,
    revealed: poll.revealed,
    ready,
    closed,
    results: poll.revealed && ready ? await pollResults(pollId, { audience: "suppressed" }) : null,
  };
}

async function sendMeeting(pollId: string, force: boolean) {
  const state = await meetingState(pollId);
  if (!state) return;
  if (state.results && !force && !state.closed) {
    const now = counts(state.results);
    const before = lastMeetingCounts.get(pollId);
    let moved = 0;
    for (const [option, value] of now) moved += Math.abs(value - (before?.get(option) ?? 0));
    // One answer alone waits for another (or for the poll to close) before the screen moves.
    if (before && moved < 2) return;
  }
  if (state.results) lastMeetingCounts.set(pollId, counts(state.results));
  publish(events.pollMeeting, rooms.poll(pollId, "meeting"), state);
}

/** Call after a vote, a close or a reveal has committed. `immediate` skips the throttle (close, reveal). */
export function pollChanged(pollId: string, { immediate = false } = {}) {
  // Without a socket server (a script, a model test) there is nobody to tell; nor when no socket
  // watches this poll. NOTE: the room sizes are this instance's; with several instances (Redis
  // adapter, a later issue) the check must ask the adapter instead.
  const io = getRealtimeServer();
  if (!io) return;
  const watched = (["officer", "voter", "meeting"] as const).some((a) => (io.sockets.adapter.rooms.get(rooms.poll(pollId, a))?.size ?? 0) > 0);
  if (!watched) return;
  schedule(live, pollId, LIVE_MS, () => sendLive(pollId), immediate);
  schedule(meeting, pollId, MEETING_MS, () => sendMeeting(pollId, immediate), immediate);
}

/**
 * A client asks to watch a poll as an audience. Returns the room to join and the state to send it
 * now, or null when this user may not watch that way: officers of the poll's groups (console and
 * meeting screen); young people of its groups once the poll's rule lets them see results.
 */
export async function watchPoll(user: Pick<SessionUser, "id" | "kind" | "roles" | "locale">, pollId: string, audience: PollAudience) {
  if (audience === "voter") {
    if (user.kind !== "young_person") return null;
    const poll = await getPollForVoter(user.id, pollId, user.locale);
    if (!poll?.resultsVisible || !poll.results) return null;
    return { room: rooms.poll(pollId, "voter"), event: events.pollTally, state: { pollId, results: poll.results } };
  }
  if (user.kind !== "staff" || !user.roles.includes("officer")) return null;
  if (!(await isPollOfficer(user.id, pollId))) return null;
  if (audience === "meeting") {
    const state = await meetingState(pollId);
    if (state?.results) lastMeetingCounts.set(pollId, counts(state.results));
    return state ? { room: rooms.poll(pollId, "meeting"), event: events.pollMeeting, state } : null;
  }
  return { room: rooms.poll(pollId, "officer"), event: events.pollTally, state: { pollId, results: await pollResults(pollId, { audience: "exact" }) } };
}
