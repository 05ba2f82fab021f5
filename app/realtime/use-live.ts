import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { EventName } from "#app/realtime/events.ts";

/**
 * Reloads the screen's loader data when one of `eventNames` arrives over socket.io, and after every
 * reconnect (events missed while offline are not replayed: the loader is the truth). The socket.io
 * client is loaded only on screens that use this, after the page is interactive.
 */
export function useLiveRevalidate(eventNames: EventName[], options: { marksLive?: boolean } = {}) {
  // The page's own live hook says when the page is live (browser tests wait for it); the header's
  // staff alerts do not, so they cannot make a page look live before its own socket is.
  const marksLive = options.marksLive ?? true;
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const key = eventNames.join(",");

  useEffect(() => {
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      const socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"] });
      const onEvent = () => revalidate.current();
      let connectedBefore = false;
      const onConnect = () => {
        if (marksLive) document.documentElement.dataset.live = "connected";
        if (connectedBefore) revalidate.current();
        connectedBefore = true;
      };
      const names = key.split(",");
      socket.on("connect", onConnect);
      for (const name of names) socket.on(name, onEvent);
      cleanup = () => {
        socket.off("connect", onConnect);
        for (const name of names) socket.off(name, onEvent);
        socket.disconnect();
        if (marksLive) delete document.documentElement.dataset.live;
      };
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [key, marksLive]);
}
