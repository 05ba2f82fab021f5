import type { Server } from "socket.io";
import { rooms, type EventName } from "#app/realtime/events.ts";
import { payloads, type Payload } from "#app/realtime/payloads.server.ts";

// NOTE: on globalThis because the Express server and Vite's dev SSR graph load this module
// separately; both must reach the one socket.io server.
const holder = globalThis as unknown as { __voicesIo?: Server };

export function setRealtimeServer(io: Server | undefined) {
  holder.__voicesIo = io;
}

/** For room membership changes (a removed member leaves the group's room on every instance). */
export function getRealtimeServer(): Server | undefined {
  return holder.__voicesIo;
}

/**
 * Ends the live connections of these users (or of one session), on every instance. A client
 * reconnects by itself, and its handshake then joins only the rooms its permissions allow now, or
 * is refused when the session has ended. Called whenever roles, group assignments or sessions change.
 */
export function dropLiveConnections(target: { userIds?: string[]; sessionId?: string }) {
  const io = holder.__voicesIo;
  if (!io) return;
  const targets = [...(target.userIds ?? []).map(rooms.user), ...(target.sessionId ? [rooms.session(target.sessionId)] : [])];
  if (targets.length) io.in(targets).disconnectSockets(true);
}

/**
 * The one way anything is sent live. Validates the payload and emits to rooms; with socket.io's
 * Redis adapter the same call reaches sockets on every instance. Without a running socket server
 * (a script, a loader test) it does nothing: loaders remain the source of truth.
 */
export function publish<E extends EventName>(event: E, to: string | string[], payload: Payload<E>) {
  const checked = payloads[event].parse(payload);
  const io = holder.__voicesIo;
  if (!io) return;
  const targets = Array.isArray(to) ? to : [to];
  if (targets.length === 0) return;
  io.to(targets).emit(event, checked);
}
