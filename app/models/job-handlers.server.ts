import { z } from "zod";
import { runAskReminder } from "#app/models/asks.server.ts";
import type { JobHandler, JobKind } from "#app/models/jobs.server.ts";
import { sendEmailNow } from "#app/models/mail.server.ts";
import { runEscalation } from "#app/models/safeguarding.server.ts";

const EmailPayload = z.object({ to: z.string().email(), subject: z.string().min(1), text: z.string().min(1) });
const EscalationPayload = z.object({ concernId: z.string().min(1), round: z.string().min(1), level: z.number().int().min(1) });
const ReminderPayload = z.object({
  askId: z.string().min(1),
  reminder: z.enum(["due_soon", "overdue_due", "unanswered"]),
  dueAt: z.string().datetime().nullable(),
});

/** What each kind of durable job does (server/jobs.ts runs them). */
export const jobHandlers: Record<JobKind, JobHandler> = {
  "email.send": (payload) => sendEmailNow(EmailPayload.parse(payload)),
  "concern.escalate": (payload) => runEscalation(EscalationPayload.parse(payload)),
  "ask.remind": (payload) => runAskReminder(ReminderPayload.parse(payload)),
};
