import { z } from "zod";
import { events, type EventName } from "#app/realtime/events.ts";

/** What each event may carry: ids only, never words, names or counts. */
export const payloads = {
  [events.queueChanged]: z.object({ groupId: z.string() }),
  [events.timelineChanged]: z.object({ groupId: z.string() }),
  [events.myThingsChanged]: z.object({}),
  [events.boardChanged]: z.object({}),
  [events.asksChanged]: z.object({}),
  [events.concernsChanged]: z.object({}).strict(),
  [events.concernEscalated]: z.object({ groupId: z.string() }).strict(),
  // Results are built by pollResults() for the room's audience; the schema checks their shape.
  [events.pollTally]: z.object({ pollId: z.string(), results: z.object({ threshold: z.number(), questions: z.array(z.any()) }) }),
  [events.pollMeeting]: z.object({
    pollId: z.string(),
    revealed: z.boolean(),
    ready: z.boolean(),
    closed: z.boolean(),
    results: z.object({ threshold: z.number(), questions: z.array(z.any()) }).nullable(),
  }),
} satisfies Record<EventName, z.ZodTypeAny>;

export type Payload<E extends EventName> = z.infer<(typeof payloads)[E]>;
