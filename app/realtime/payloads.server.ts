import { z } from "zod";
import { events, type EventName } from "#app/realtime/events.ts";

/** What each event may carry: ids only, never words, names or counts. */
export const payloads = {
  [events.queueChanged]: z.object({ groupId: z.string() }),
  [events.timelineChanged]: z.object({ groupId: z.string() }),
  [events.myThingsChanged]: z.object({}),
  [events.boardChanged]: z.object({}),
  [events.asksChanged]: z.object({}),
} satisfies Record<EventName, z.ZodTypeAny>;

export type Payload<E extends EventName> = z.infer<(typeof payloads)[E]>;
