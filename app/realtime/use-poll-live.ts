import { useEffect, useState } from "react";
import { events, POLL_WATCH, type PollAudience } from "#app/realtime/events.ts";

/**
 * The latest state of a poll pushed over socket.io for one audience (the officers' console, a
 * young person's results, the meeting screen), or null until the first one arrives — the screen
 * shows its loader's data until then. On every (re)connect the client asks to watch again and the
 * server answers with the current state, so a screen that lost its connection ends on the true
 * count. `enabled` false (e.g. results not visible yet) keeps the socket closed.
 */
export function usePollLive<State extends { pollId: string }>(pollId: string, audience: PollAudience, enabled = true) {
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      const socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"] });
      const event = audience === "meeting" ? events.pollMeeting : events.pollTally;
      const onState = (payload: State) => {
        if (payload?.pollId === pollId) setState(payload);
      };
      const onConnect = () => {
        socket.emit(POLL_WATCH, { pollId, audience }, (reply: { ok: boolean; state?: State }) => {
          if (reply?.ok && reply.state) setState(reply.state);
          document.documentElement.dataset.live = "connected";
        });
      };
      socket.on("connect", onConnect);
      socket.on(event, onState);
      cleanup = () => {
        socket.off("connect", onConnect);
        socket.off(event, onState);
        socket.disconnect();
        delete document.documentElement.dataset.live;
      };
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [pollId, audience, enabled]);

  return state;
}
