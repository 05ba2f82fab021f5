import { prisma } from "#app/utils/db.server.ts";

/**
 * Where each ask stands in one language, newest ask first: its own title and body, and how many
 * of its updates are translated and how many of those an interpreter checked. Staff-written words only: nothing
 * here comes from a young person.
 */
export async function listAskTranslations(locale: string, take = 100) {
  const asks = await prisma.ask.findMany({
    orderBy: { raisedAt: "desc" },
    take,
    select: {
      id: true,
      title: true,
      translations: { where: { locale }, select: { checkedAt: true } },
      updates: { select: { translations: { where: { locale }, select: { checkedAt: true } } } },
    },
  });
  return asks.map((ask) => ({
    id: ask.id,
    title: ask.title,
    /** The ask's own title and body in this language: "missing", "drafted" or "checked". */
    askText: ask.translations.length === 0 ? ("missing" as const) : ask.translations[0]!.checkedAt ? ("checked" as const) : ("drafted" as const),
    updateCount: ask.updates.length,
    translatedCount: ask.updates.filter((u) => u.translations.length > 0).length,
    checkedCount: ask.updates.filter((u) => u.translations[0]?.checkedAt).length,
  }));
}
