import nodemailer from "nodemailer";
import { scheduleJob } from "#app/models/jobs.server.ts";
import { prisma, type Db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";

/**
 * Email goes out through the organisation's SMTP server (admin settings), always as a durable job
 * (app/models/jobs.server.ts): a message that cannot be sent now is tried again, and one that never
 * could be is shown to admins and leads. NOTE: alert emails never carry a young person's words or
 * identity — only that something is waiting, and a link to sign in and read it.
 */

/** The job's stored reason when no server is set: the admin's page says it in their language. */
export const MAIL_NOT_CONFIGURED = "No SMTP server is set in the organisation's settings.";

export class MailNotConfigured extends Error {
  /** Trying again cannot help until an admin sets a server (app/models/jobs.server.ts). */
  readonly permanent = true;
  constructor() {
    super(MAIL_NOT_CONFIGURED);
  }
}

export type Email = { to: string; subject: string; text: string };

export async function smtpSettings() {
  const org = await prisma.organisation.findFirst({
    orderBy: { createdAt: "asc" },
    select: { smtpHost: true, smtpPort: true, smtpSecure: true, smtpUser: true, smtpPassword: true, mailFrom: true, name: true },
  });
  return org;
}

export async function isMailConfigured() {
  const settings = await smtpSettings();
  return Boolean(settings?.smtpHost && settings.mailFrom);
}

/** Sends one email now. Throws MailNotConfigured, or the SMTP server's refusal. */
export async function sendEmailNow(email: Email) {
  const settings = await smtpSettings();
  if (!settings?.smtpHost || !settings.mailFrom) throw new MailNotConfigured();
  const transport = nodemailer.createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecure,
    auth: settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPassword } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: { name: settings.name, address: settings.mailFrom },
      to: email.to,
      subject: email.subject,
      text: email.text,
    });
  } finally {
    transport.close();
  }
}

/** Queues an email (inside the caller's transaction, so it is sent only if the rest commits). */
export async function enqueueEmail(tx: Pick<Db, "job">, email: Email, key?: string) {
  await scheduleJob(tx, { kind: "email.send", payload: email, key });
}

/** Links in emails: PUBLIC_URL (the address staff open Voices at), else this server's local address. */
export function publicUrl(pathname: string) {
  const base = env().PUBLIC_URL ?? `http://localhost:${env().PORT}`;
  return new URL(pathname, base).toString();
}
