import { audit } from "#app/models/audit.server.ts";
import { prisma } from "#app/utils/db.server.ts";

/** The organisation's schools, placements, places and people's names that redaction suggests removing. */
export async function listRedactionTerms() {
  return prisma.redactionTerm.findMany({
    orderBy: [{ kind: "asc" }, { text: "asc" }],
    select: { id: true, kind: true, text: true, createdAt: true, addedBy: { select: { displayName: true } } },
  });
}

export async function addRedactionTerm(actorId: string, input: { kind: string; text: string }) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.redactionTerm.create({ data: { ...input, addedById: actorId }, select: { id: true } });
    await audit(tx, { actorId, action: "redaction.term_add", entityType: "RedactionTerm", entityId: row.id, after: input });
  });
}

export async function removeRedactionTerm(actorId: string, termId: string) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.redactionTerm.findUnique({ where: { id: termId }, select: { kind: true, text: true } });
    if (!row) return;
    await tx.redactionTerm.delete({ where: { id: termId } });
    await audit(tx, { actorId, action: "redaction.term_remove", entityType: "RedactionTerm", entityId: termId, before: row });
  });
}
