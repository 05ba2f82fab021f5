import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = { from: string; to: string[]; subject: string; text: string };

/**
 * A real SMTP server on a free local port, for tests: it accepts every message and keeps it.
 * (The organisation's SMTP server is outside the project; this is the stand-in the tests talk to
 * over a real SMTP connection.)
 */
export async function startSmtpServer() {
  const received: ReceivedEmail[] = [];
  const waiters: { predicate: (all: ReceivedEmail[]) => boolean; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: mail.from?.value[0]?.address ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          for (const w of [...waiters]) {
            if (w.predicate(received)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    /** Resolves when the messages received so far satisfy `predicate` (or rejects after `ms`). */
    waitFor(predicate: (all: ReceivedEmail[]) => boolean, ms = 10_000) {
      if (predicate(received)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No such email within ${ms} ms; received: ${JSON.stringify(received.map((r) => [r.to, r.subject]))}`)), ms);
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the organisation's SMTP settings at a test server. */
export async function useSmtpServer(port: number) {
  const { prisma } = await import("#app/utils/db.server.ts");
  const { getOrganisation } = await import("#app/models/organisation.server.ts");
  const org = await getOrganisation();
  await prisma.organisation.update({
    where: { id: org.id },
    data: { smtpHost: "127.0.0.1", smtpPort: port, smtpSecure: false, mailFrom: "voices@example.org" },
  });
}
