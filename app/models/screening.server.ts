import { audit } from "#app/models/audit.server.ts";
import { builtInLists, checkPhrase, defaultScreener, screenerWithExtras, screenText, type ConcernCategory, type ScreenHit, type Screener } from "#app/screening/screen.ts";
import { prisma } from "#app/utils/db.server.ts";

/**
 * The safeguarding screen with the organisation's own additions: the built-in phrase lists
 * (app/screening/lists) plus the phrases admins added (SafeguardingPhrase). Rebuilt when the
 * additions change; the check is one small query, so every instance sees an admin's change at once.
 */
// NOTE: on globalThis because the Express server (which builds it at start-up) and the Remix build
// (whose actions screen) load this module separately; building it takes about a second.
const holder = globalThis as unknown as { __voicesScreen?: { stamp: string; screener: Screener }; __voicesBuiltInScreen?: Screener };

async function additionsStamp() {
  const [count, latest] = await Promise.all([
    prisma.safeguardingPhrase.count(),
    prisma.safeguardingPhrase.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const removed = await prisma.safeguardingPhrase.count({ where: { removedAt: { not: null } } });
  return `${count}:${removed}:${latest?.createdAt.getTime() ?? 0}`;
}

async function screener(): Promise<Screener> {
  const stamp = await additionsStamp();
  if (holder.__voicesScreen?.stamp === stamp) return holder.__voicesScreen.screener;
  const extra = await prisma.safeguardingPhrase.findMany({
    where: { removedAt: null },
    select: { language: true, category: true, phrase: true },
  });
  holder.__voicesBuiltInScreen ??= defaultScreener();
  const built = extra.length
    ? screenerWithExtras(extra.map((p) => ({ language: p.language, category: p.category as ConcernCategory, phrase: p.phrase })))
    : holder.__voicesBuiltInScreen;
  holder.__voicesScreen = { stamp, screener: built };
  return built;
}

/** Builds the screen now (about a second), so that the first young person to write does not wait. */
export async function warmUpScreen() {
  await screener();
}

/** What the screen finds in a young person's words: empty when nothing may signal harm. */
export async function screenForConcerns(text: string): Promise<ScreenHit[]> {
  return screenText(await screener(), text);
}

/**
 * Each language's list as the leads see it: whether a fluent speaker checked it, how many phrases
 * it has, and how many the organisation's admins added.
 */
export async function phraseListStatuses() {
  const added = await prisma.safeguardingPhrase.groupBy({ by: ["language"], where: { removedAt: null }, _count: { _all: true } });
  const addedBy = new Map(added.map((a) => [a.language, a._count._all]));
  return builtInLists().map((list) => ({
    language: list.language,
    status: list.review.status,
    checkedBy: list.review.checkedBy,
    checkedOn: list.review.checkedOn,
    phrases: Object.values(list.categories).reduce((n, phrases) => n + phrases.length, 0),
    added: addedBy.get(list.language) ?? 0,
  }));
}

// ---------------------------------------------------------------------------------------------
// Admins extend the lists

export async function listAddedPhrases() {
  return prisma.safeguardingPhrase.findMany({
    where: { removedAt: null },
    orderBy: [{ language: "asc" }, { createdAt: "desc" }],
    select: { id: true, language: true, category: true, phrase: true, createdAt: true, addedBy: { select: { displayName: true } } },
  });
}

/**
 * Adds a phrase to a language's list, after the same check the built-in phrases pass: one that
 * would match nearly everything, or a harmless sentence, is refused with the reason.
 */
export async function addPhrase(actorId: string, input: { language: string; category: ConcernCategory; phrase: string }) {
  const check = checkPhrase(input.phrase, input.language);
  if (!check.ok) return check;
  await prisma.$transaction(async (tx) => {
    const row = await tx.safeguardingPhrase.create({ data: { ...input, addedById: actorId }, select: { id: true } });
    await audit(tx, { actorId, action: "screening.phrase_add", entityType: "SafeguardingPhrase", entityId: row.id, after: input });
  });
  return { ok: true as const };
}

/** Removes an admin's phrase from the screen (the row is kept, marked removed, for the record). */
export async function removePhrase(actorId: string, phraseId: string) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.safeguardingPhrase.findFirst({ where: { id: phraseId, removedAt: null }, select: { language: true, category: true, phrase: true } });
    if (!row) return;
    await tx.safeguardingPhrase.update({ where: { id: phraseId }, data: { removedAt: new Date() } });
    await audit(tx, { actorId, action: "screening.phrase_remove", entityType: "SafeguardingPhrase", entityId: phraseId, before: row });
  });
}
