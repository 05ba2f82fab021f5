import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { rooms } from "#app/realtime/events.ts";
import { setRealtimeServer } from "#app/realtime/publish.server.ts";
import { roomsForUser } from "#app/models/realtime-rooms.server.ts";
import { getUserFromCookieHeader } from "#app/utils/session.server.ts";

/**
 * socket.io on the app's HTTP server. The handshake is authenticated by the same session cookie as
 * the page; a socket joins exactly the rooms its user may hear (app/models/realtime-rooms.server.ts)
 * and nothing a client sends can add a room.
 */
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
      await socket.join([rooms.user(user.id), rooms.session(user.sessionId), ...(await roomsForUser(user))]);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  setRealtimeServer(io);
  httpServer.on("close", () => setRealtimeServer(undefined));
  return io;
}
