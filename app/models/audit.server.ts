import type { Db } from "#app/utils/db.server.ts";

type Tx = Pick<Db, "auditLog">;

/** Appends one staff action to the audit log (inside the caller's transaction). */
export async function audit(
  tx: Tx,
  entry: {
    /** null: the system did it (the safeguarding screen, an escalation timer). */
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}
