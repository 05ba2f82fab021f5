import { audit } from "#app/models/audit.server.ts";
import { MIN_SUPPRESSION_THRESHOLD } from "#app/utils/domain.ts";
import { prisma } from "#app/utils/db.server.ts";

/** The themes a new organisation starts with; admins can add more. Labels: locales' themes.<key>. */
export const DEFAULT_THEMES = [
  "school",
  "home",
  "health",
  "family",
  "support",
  "money",
  "activities",
  "other",
] as const;

export { MIN_SUPPRESSION_THRESHOLD } from "#app/utils/domain.ts";

/** The one organisation of this deployment, made with defaults the first time it is asked for. */
export async function getOrganisation() {
  const found = await prisma.organisation.findFirst({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      suppressionThreshold: true,
      overdueAfterDays: true,
      escalateAfterMinutes: true,
      helplines: { orderBy: { position: "asc" }, select: { id: true, kind: true, name: true, phone: true, hours: true } },
    },
  });
  if (found) return found;
  await prisma.$transaction(async (tx) => {
    if (await tx.organisation.count()) return;
    const org = await tx.organisation.create({ data: { name: "Voices" }, select: { id: true } });
    await tx.theme.createMany({
      data: DEFAULT_THEMES.map((key, position) => ({ organisationId: org.id, key, name: key, position })),
    });
  });
  return getOrganisation();
}

export async function suppressionThreshold() {
  return (await getOrganisation()).suppressionThreshold;
}

export async function listThemes() {
  return prisma.theme.findMany({
    where: { archivedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, key: true, name: true },
  });
}

export async function updateOrganisationSettings(
  actorId: string,
  input: {
    name: string;
    suppressionThreshold: number;
    overdueAfterDays: number;
    helplines: { name: string; phone: string; hours: string }[];
  },
) {
  const before = await getOrganisation();
  await prisma.$transaction(async (tx) => {
    await tx.organisation.update({
      where: { id: before.id },
      data: {
        name: input.name,
        suppressionThreshold: Math.max(MIN_SUPPRESSION_THRESHOLD, input.suppressionThreshold),
        overdueAfterDays: input.overdueAfterDays,
      },
    });
    await tx.helpline.deleteMany({ where: { organisationId: before.id } });
    await tx.helpline.createMany({
      data: input.helplines.map((h, position) => ({ organisationId: before.id, ...h, position })),
    });
    await audit(tx, {
      actorId,
      action: "organisation.settings",
      entityType: "Organisation",
      entityId: before.id,
      before,
      after: input,
    });
  });
}
