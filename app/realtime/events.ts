/**
 * Everything that travels over socket.io. Events are invalidations: they say what changed, never
 * what was said, and the client reloads the screen's data through its loader (which applies every
 * permission and suppression rule). Payload schemas live in payloads.server.ts so that the
 * browser does not download zod to hear an event.
 */
export const events = {
  /** An item arrived or was decided in a group's moderation queue. Room: the group's officers. */
  queueChanged: "queue:changed",
  /** A group's "you said, we did" timeline has something new. Room: the group's members. */
  timelineChanged: "timeline:changed",
  /** One of a young person's own items changed state. Room: that user. */
  myThingsChanged: "my-things:changed",
  /** Approved feedback or asks changed. Room: board members (and officers for asks). */
  boardChanged: "board:changed",
  asksChanged: "asks:changed",
  /** A poll's tally, already shaped for the room's audience. Rooms: a poll's officers or voters. */
  pollTally: "poll:tally",
  /** The meeting-mode big screen's state, in batches. Room: the poll's meeting screens. */
  pollMeeting: "poll:meeting",
  /** A safeguarding concern arrived or changed. Room: the safeguarding leads. */
  concernsChanged: "concerns:changed",
  /** A concern of a group escalated because no lead acknowledged it. Room: the group's officers. */
  concernEscalated: "concern:escalated",
} as const;

/** Sent by a client to watch a poll; the server decides whether it may (and acknowledges). */
export const POLL_WATCH = "poll:watch";
export const POLL_AUDIENCES = ["officer", "voter", "meeting"] as const;
export type PollAudience = (typeof POLL_AUDIENCES)[number];

export type EventName = (typeof events)[keyof typeof events];

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  groupMembers: (groupId: string) => `group:${groupId}:members`,
  groupOfficers: (groupId: string) => `group:${groupId}:officers`,
  board: () => "board",
  poll: (pollId: string, audience: "officer" | "voter" | "meeting") => `poll:${pollId}:${audience}`,
  officers: () => "officers",
  safeguardingLeads: () => "safeguarding-leads",
};
