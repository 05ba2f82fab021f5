import { compileScreener, defaultScreener, listStatuses, screenText, type ConcernCategory, type ScreenHit, type Screener } from "#app/screening/screen.ts";
import { prisma } from "#app/utils/db.server.ts";

/**
 * The safeguarding screen with the organisation's own additions: the built-in phrase lists
 * (app/screening/lists) plus the phrases admins added (SafeguardingPhrase). Rebuilt when the
 * additions change; the check is one small query, so every instance sees an admin's change at once.
 */
let cached: { stamp: string; screener: Screener } | undefined;
let builtIn: Screener | undefined;

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
  if (cached?.stamp === stamp) return cached.screener;
  const extra = await prisma.safeguardingPhrase.findMany({
    where: { removedAt: null },
    select: { language: true, category: true, phrase: true },
  });
  builtIn ??= defaultScreener();
  const built = extra.length
    ? compileScreener(undefined, extra.map((p) => ({ language: p.language, category: p.category as ConcernCategory, phrase: p.phrase })))
    : builtIn;
  cached = { stamp, screener: built };
  return built;
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
  return listStatuses().map((s) => ({ ...s, added: addedBy.get(s.language) ?? 0 }));
}
