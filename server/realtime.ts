import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import { POLL_AUDIENCES, POLL_WATCH, rooms } from "#app/realtime/events.ts";
import { stopPollBroadcasts, watchPoll } from "#app/realtime/poll-live.server.ts";
import { setRealtimeServer } from "#app/realtime/publish.server.ts";
import { roomsForUser } from "#app/models/realtime-rooms.server.ts";
import { getUserFromCookieHeader } from "#app/utils/session.server.ts";

/**
 * socket.io on the app's HTTP server. The handshake is authenticated by the same session cookie as
 * the page; a socket joins exactly the rooms its user may hear (app/models/realtime-rooms.server.ts)
 * and nothing a client sends can add a room.
 */
const WatchPayload = z.object({ pollId: z.string().min(1).max(64), audience: z.enum(POLL_AUDIENCES) });

export async function attachRealtime(httpServer: HttpServer) {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Same origin only: a page elsewhere cannot open a socket with the user's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (!origin) return callback(null, true);
      try {
        callback(null, new URL(origin).host === req.headers.host);
      } catch {
        callback(null, false);
      }
    },
  });

  io.use(async (socket, next) => {
    try {
      const user = await getUserFromCookieHeader(socket.handshake.headers.cookie ?? null);
      if (!user) return next(new Error("unauthorised"));
      socket.data.userId = user.id;
      socket.data.user = user;
      await socket.join([rooms.user(user.id), rooms.session(user.sessionId), ...(await roomsForUser(user))]);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on("connection", (socket) => {
    // A client asks to watch a poll; the server decides whether it may, and sends the state now.
    socket.on(POLL_WATCH, async (raw: unknown, ack?: (reply: unknown) => void) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = WatchPayload.safeParse(raw);
      if (!parsed.success || !socket.data.user) return reply({ ok: false });
      try {
        const watch = await watchPoll(socket.data.user, parsed.data.pollId, parsed.data.audience);
        if (!watch) return reply({ ok: false });
        await socket.join(watch.room);
        reply({ ok: true, state: watch.state });
      } catch (error) {
        console.error("poll:watch failed", error);
        reply({ ok: false });
      }
    });
  });

  setRealtimeServer(io);
  httpServer.on("close", () => {
    setRealtimeServer(undefined);
    stopPollBroadcasts();
  });
  return io;
}
