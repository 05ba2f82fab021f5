import { randomBytes } from "node:crypto";
import { hashPassword } from "#app/models/accounts.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { normaliseLoginKey } from "#app/utils/text.ts";
import type { PollInput } from "#app/models/polls.server.ts";
import type { StaffRole } from "#app/utils/permissions.server.ts";

// Factories make rows the way the app would, with unique names so tests never collide.
// The seed (prisma/seed.ts) uses them too.

const unique = () => randomBytes(4).toString("hex");

// Hashing is deliberately slow; tests share one hash per password.
const hashes = new Map<string, Promise<string>>();
function passwordHash(password: string) {
  let found = hashes.get(password);
  if (!found) {
    found = hashPassword(password);
    hashes.set(password, found);
  }
  return found;
}

export const TEST_PASSWORD = "correct horse battery";

export async function createGroup(input: { name?: string; description?: string } = {}) {
  await getOrganisation();
  return prisma.group.create({
    data: { name: input.name ?? `Group ${unique()}`, description: input.description ?? "" },
    select: { id: true, name: true },
  });
}

export async function createYoungPerson(
  input: { groupIds?: string[]; nickname?: string; locale?: string; ageBand?: string; password?: string } = {},
) {
  const nickname = input.nickname ?? `yp-${unique()}`;
  return prisma.user.create({
    data: {
      kind: "young_person",
      displayName: nickname,
      loginKey: normaliseLoginKey(nickname),
      locale: input.locale ?? "en",
      ageBand: input.ageBand ?? "13-15",
      password: { create: { hash: await passwordHash(input.password ?? TEST_PASSWORD) } },
      memberships: { create: (input.groupIds ?? []).map((groupId) => ({ groupId })) },
    },
    select: { id: true, displayName: true, loginKey: true },
  });
}

export async function createStaff(
  input: { roles: StaffRole[]; groupIds?: string[]; name?: string; email?: string; password?: string; locale?: string },
) {
  const email = input.email ?? `staff-${unique()}@example.org`;
  return prisma.user.create({
    data: {
      kind: "staff",
      ...(input.locale ? { locale: input.locale } : {}),
      displayName: input.name ?? `Staff ${unique()}`,
      email,
      loginKey: normaliseLoginKey(email),
      password: { create: { hash: await passwordHash(input.password ?? TEST_PASSWORD) } },
      roles: { create: input.roles.map((role) => ({ role })) },
      officerOf: { create: (input.groupIds ?? []).map((groupId) => ({ groupId })) },
    },
    select: { id: true, displayName: true, email: true, loginKey: true },
  });
}

export async function createInvite(
  groupId: string,
  createdById: string,
  input: { code?: string; expiresAt?: Date; maxUses?: number; revokedAt?: Date | null; uses?: number } = {},
) {
  return prisma.inviteCode.create({
    data: {
      groupId,
      createdById,
      code: input.code ?? String(Math.floor(Math.random() * 1e8)).padStart(8, "0"),
      expiresAt: input.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
      maxUses: input.maxUses ?? 30,
      uses: input.uses ?? 0,
      revokedAt: input.revokedAt ?? null,
    },
    select: { id: true, code: true },
  });
}

export async function createFeedbackItem(input: {
  authorId: string;
  groupId: string;
  text?: string;
  status?: "pending" | "approved" | "held" | "withdrawn";
  themeKey?: string;
  identity?: "team" | "safeguarding";
  mayQuote?: boolean;
  language?: string;
  mood?: number | null;
  decidedById?: string;
  /** When an officer decided (default now). */
  decidedAt?: Date;
}) {
  const theme = input.themeKey
    ? await prisma.theme.findUniqueOrThrow({ where: { key: input.themeKey }, select: { id: true } })
    : null;
  const text = input.text ?? `Something to say ${unique()}`;
  const approved = input.status === "approved";
  return prisma.feedbackItem.create({
    data: {
      authorId: input.authorId,
      groupId: input.groupId,
      text,
      language: input.language ?? "en",
      mood: input.mood ?? null,
      themeId: theme?.id ?? null,
      identity: input.identity ?? "team",
      mayQuote: input.mayQuote ?? true,
      status: input.status ?? "pending",
      publishedText: approved ? text : null,
      decidedById: input.status && input.status !== "pending" ? input.decidedById : null,
      decidedAt: input.status && input.status !== "pending" ? (input.decidedAt ?? new Date()) : null,
      clientRequestId: unique(),
    },
    select: { id: true, text: true, version: true },
  });
}

/**
 * What the poll builder would send for a plain poll: untranslated, opened and closed by hand,
 * results after voting, one single-choice question. Give the groups, and whatever differs.
 */
export function pollInput(input: Partial<PollInput> & { groupIds: string[] }): PollInput {
  return {
    title: "A poll",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B"].map((label) => ({ label, labelTranslations: {} })) }],
    ...input,
  };
}
