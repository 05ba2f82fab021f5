import type { AuditAction, AuditEntityType } from "#app/models/audit-codes.ts";
import { prisma, type Db } from "#app/utils/db.server.ts";

type Tx = Pick<Db, "auditLog">;

/** Appends one staff action to the audit log (inside the caller's transaction). */
export async function audit(
  tx: Tx,
  entry: {
    /** null: the system did it (the safeguarding screen, an escalation timer). */
    actorId: string | null;
    action: AuditAction;
    entityType: AuditEntityType;
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

const PAGE = 50;

/**
 * The audit log for admins, newest first, filtered, a page at a time (`before` is the last entry
 * of the previous page). Entries never hold a young person's words: only ids, states and staff's
 * own reasons.
 */
export async function listAuditEntries(filters: { action?: string; entityType?: string; actorId?: string; from?: Date; to?: Date; before?: string }) {
  const cursor = filters.before
    ? await prisma.auditLog.findUnique({ where: { id: filters.before }, select: { createdAt: true, id: true } })
    : null;
  const rows = await prisma.auditLog.findMany({
    where: {
      ...(filters.action ? { action: { startsWith: filters.action } } : {}),
      ...(filters.entityType ? { entityType: filters.entityType } : {}),
      ...(filters.actorId ? { actorId: filters.actorId } : {}),
      ...(filters.from || filters.to ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true, actor: { select: { displayName: true } } },
  });
  return {
    entries: rows.slice(0, PAGE).map((r) => ({ ...r, actor: r.actor?.displayName ?? null })),
    next: rows.length > PAGE ? rows[PAGE - 1]!.id : null,
  };
}

/** The kinds of entries in the log, for the filter. */
export async function auditFacets() {
  const [types, actors] = await Promise.all([
    prisma.auditLog.groupBy({ by: ["entityType"], _count: { _all: true } }),
    prisma.user.findMany({ where: { kind: "staff", auditEntries: { some: {} } }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" } }),
  ]);
  return { entityTypes: types.map((t) => t.entityType).sort(), actors };
}
