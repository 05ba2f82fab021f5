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
    /** Unchanged when not given. */
    escalateAfterMinutes?: number;
    helplines: { kind?: string; name: string; phone: string; hours: string }[];
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
        ...(input.escalateAfterMinutes ? { escalateAfterMinutes: input.escalateAfterMinutes } : {}),
      },
    });
    await tx.helpline.deleteMany({ where: { organisationId: before.id } });
    await tx.helpline.createMany({
      data: input.helplines.map((h, position) => ({ organisationId: before.id, ...h, kind: h.kind ?? "other", position })),
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

/** The SMTP settings as an admin sees them: never the password itself, only whether one is set. */
export async function getMailSettings() {
  const org = await getOrganisation();
  const row = await prisma.organisation.findUniqueOrThrow({
    where: { id: org.id },
    select: { smtpHost: true, smtpPort: true, smtpSecure: true, smtpUser: true, smtpPassword: true, mailFrom: true },
  });
  const { smtpPassword, ...rest } = row;
  return { ...rest, passwordSet: smtpPassword.length > 0 };
}

/** Saves the SMTP settings. An empty password keeps the one set; the log records only that it changed. */
export async function updateMailSettings(
  actorId: string,
  input: { smtpHost: string; smtpPort: number; smtpSecure: boolean; smtpUser: string; smtpPassword: string; clearPassword: boolean; mailFrom: string },
) {
  const org = await getOrganisation();
  const before = await getMailSettings();
  const { smtpPassword, clearPassword, ...fields } = input;
  const passwordChange = clearPassword ? { smtpPassword: "" } : smtpPassword ? { smtpPassword } : {};
  await prisma.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: org.id }, data: { ...fields, ...passwordChange } });
    await audit(tx, {
      actorId,
      action: "organisation.mail_settings",
      entityType: "Organisation",
      entityId: org.id,
      before,
      after: { ...fields, passwordChanged: "smtpPassword" in passwordChange },
    });
  });
}
