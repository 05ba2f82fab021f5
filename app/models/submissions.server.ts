import { prisma } from "#app/utils/db.server.ts";

export type Once = { resultId: string | null; repeated: boolean };

/**
 * Runs `action` once per form shown. The form carries a random `submissionKey` made by its loader;
 * a second post with the same key (a double tap, a retry after a lost answer) does nothing and gets
 * what the first one made. The key is claimed before acting, so two posts racing cannot both act;
 * if the action fails, the key is released so that trying again works.
 */
export async function once(userId: string, key: string | undefined, action: () => Promise<string | null>): Promise<Once> {
  // A form without a key (an old page, a script) still works; it just is not protected.
  if (!key) return { resultId: await action(), repeated: false };
  try {
    await prisma.submissionKey.create({ data: { key, userId } });
  } catch {
    // The first post may still be working: wait a little for what it made.
    for (let attempt = 0; attempt < 50; attempt++) {
      const first = await prisma.submissionKey.findUnique({ where: { key }, select: { userId: true, resultId: true } });
      // A key is only ever its own user's.
      if (first && first.userId !== userId) throw new Error("This form key belongs to another submission");
      if (!first || first.resultId || attempt === 49) return { resultId: first?.resultId ?? null, repeated: true };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { resultId: null, repeated: true };
  }
  try {
    const resultId = await action();
    await prisma.submissionKey.update({ where: { key }, data: { resultId } });
    return { resultId, repeated: false };
  } catch (error) {
    await prisma.submissionKey.delete({ where: { key } }).catch(() => {});
    throw error;
  }
}
