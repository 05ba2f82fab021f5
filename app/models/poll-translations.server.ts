import { createHash } from "node:crypto";
import { audit } from "#app/models/audit.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { isSupportedLanguage } from "#app/utils/i18n.ts";
import { DEFAULT_SCALE_LABELS } from "#app/models/polls.server.ts";

// One language of a poll, as an interpreter works on it: every English text beside its
// translation, saved together, and the "checked by an interpreter" mark for the whole language.
// The mark lives on each translated row (PollTranslation, PollQuestionTranslation,
// PollOptionTranslation) so that a text changed afterwards — here or in the poll builder — loses
// its mark while the rest keep theirs; the language counts as checked only when every text is
// translated and every row is marked. polls.server.ts carries marks over when the builder saves
// a poll whose texts did not change.

export class PollTranslationError extends Error {
  constructor(readonly reason: "notFound" | "incomplete" | "changedMeanwhile") {
    super(reason);
  }
}

/** "missing": nothing translated; "partial": some texts; "drafted": all, not all checked; "checked". */
export type TranslationState = "missing" | "partial" | "drafted" | "checked";

/**
 * `builtIn`: a scale's point left with the builder's default words, which young people read in
 * the interface's own words for that mood when nobody translated it: no translation needed.
 */
export type TranslatedText = { english: string; text: string; checked: boolean; builtIn?: boolean };

type Mark = { checkedAt: Date | null; checkedById: string | null };

function pollQuery(pollId: string, locale: string) {
  const tr = { where: { locale } };
  return prisma.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      title: true,
      intro: true,
      status: true,
      opensAt: true,
      closesAt: true,
      version: true,
      translations: { ...tr, select: { title: true, intro: true, checkedAt: true, checkedById: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          translations: { ...tr, select: { prompt: true, checkedAt: true, checkedById: true } },
          options: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, value: true, translations: { ...tr, select: { label: true, checkedAt: true, checkedById: true } } },
          },
        },
      },
    },
  });
}

/**
 * A poll's English and one language's translation of it, text by text, with where it stands.
 * `fingerprint` names exactly the translated words shown: a mark is set only on those words.
 */
export async function getPollTranslation(pollId: string, locale: string) {
  if (!isSupportedLanguage(locale) || locale === "en") return null;
  const poll = await pollQuery(pollId, locale);
  if (!poll) return null;
  const head = poll.translations[0];
  const rows: (Mark & { text: string; english: string })[] = [];
  const text = (english: string, translated: string | undefined, mark: Mark | undefined, builtIn = false): TranslatedText => {
    const needed = english.trim() !== "" && !(builtIn && translated === undefined);
    if (needed) rows.push({ english, text: translated ?? "", checkedAt: mark?.checkedAt ?? null, checkedById: mark?.checkedById ?? null });
    return { english, text: translated ?? "", checked: Boolean(mark?.checkedAt), ...(builtIn ? { builtIn } : {}) };
  };
  const result = {
    id: poll.id,
    status: poll.status,
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    version: poll.version,
    title: text(poll.title, head?.title, head),
    intro: text(poll.intro, head?.intro, head),
    questions: poll.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: text(q.prompt, q.translations[0]?.prompt, q.translations[0]),
      options: q.options.map((o) => ({
        id: o.id,
        label: text(o.label, o.translations[0]?.label, o.translations[0], q.kind === "scale" && !!o.value && o.label === DEFAULT_SCALE_LABELS[o.value - 1]),
      })),
    })),
  };
  const translated = rows.filter((r) => r.text.trim() !== "");
  const state: TranslationState =
    translated.length === 0 ? "missing" : translated.length < rows.length ? "partial" : rows.every((r) => r.checkedAt) ? "checked" : "drafted";
  // The latest mark: who last checked this language, and when.
  const last = state === "checked" ? rows.reduce((a, b) => (a.checkedAt! >= b.checkedAt! ? a : b)) : null;
  return {
    ...result,
    state,
    translatedCount: translated.length,
    textCount: rows.length,
    checked: last ? { at: last.checkedAt!, byId: last.checkedById } : null,
    fingerprint: fingerprint(rows.map((r) => [r.english, r.text])),
  };
}

export type PollTranslationView = NonNullable<Awaited<ReturnType<typeof getPollTranslation>>>;

function fingerprint(texts: string[][]) {
  return createHash("sha256").update(JSON.stringify(texts)).digest("base64url").slice(0, 32);
}

export type PollTranslationInput = {
  /** The poll's version the form was made from: a poll changed since is not overwritten. */
  version: number;
  title: string;
  intro: string;
  /** By question id; "" falls back to the English; a question left out is left as it is. */
  prompts: Record<string, string>;
  /** By option id. */
  labels: Record<string, string>;
};

/**
 * Saves one language of a poll: every text at once or none. A translation that changed loses
 * its mark; an emptied one is removed (the English shows, marked). A poll changed since the form
 * was made (by the builder or another translator) is refused, so nobody's words are overwritten
 * unseen. Returns the texts that changed.
 */
export async function setPollTranslation(actorId: string, pollId: string, locale: string, input: PollTranslationInput) {
  if (!isSupportedLanguage(locale) || locale === "en") throw new PollTranslationError("notFound");
  return prisma.$transaction(async (tx) => {
    const poll = await tx.poll.findUnique({
      where: { id: pollId },
      select: {
        version: true,
        translations: { where: { locale }, select: { title: true, intro: true } },
        questions: {
          select: {
            id: true,
            translations: { where: { locale }, select: { prompt: true } },
            options: { select: { id: true, translations: { where: { locale }, select: { label: true } } } },
          },
        },
      },
    });
    if (!poll) throw new PollTranslationError("notFound");
    const cleared = { checkedAt: null, checkedById: null };
    // What would change, worked out before anything is written: the same words sent twice (a
    // double tap, a retry) change nothing and are not a conflict.
    const writes: (() => Promise<unknown>)[] = [];

    const title = input.title.trim();
    const intro = title ? input.intro.trim() : "";
    const head = poll.translations[0];
    if (!title && head) {
      writes.push(() => tx.pollTranslation.delete({ where: { pollId_locale: { pollId, locale } } }));
    } else if (title && (head?.title !== title || head.intro !== intro)) {
      writes.push(() =>
        tx.pollTranslation.upsert({
          where: { pollId_locale: { pollId, locale } },
          create: { pollId, locale, title, intro },
          update: { title, intro, ...cleared },
        }),
      );
    }
    for (const question of poll.questions) {
      const questionId = question.id;
      // A text the form did not carry (a question added since) is left as it is.
      const prompt = input.prompts[questionId]?.trim();
      const before = question.translations[0]?.prompt;
      if (prompt === undefined) {
        // nothing to do
      } else if (!prompt && before !== undefined) {
        writes.push(() => tx.pollQuestionTranslation.delete({ where: { questionId_locale: { questionId, locale } } }));
      } else if (prompt && before !== prompt) {
        writes.push(() =>
          tx.pollQuestionTranslation.upsert({
            where: { questionId_locale: { questionId, locale } },
            create: { questionId, locale, prompt },
            update: { prompt, ...cleared },
          }),
        );
      }
      for (const option of question.options) {
        const optionId = option.id;
        const label = input.labels[optionId]?.trim();
        const was = option.translations[0]?.label;
        if (label === undefined) {
          // not on the form
        } else if (!label && was !== undefined) {
          writes.push(() => tx.pollOptionTranslation.delete({ where: { optionId_locale: { optionId, locale } } }));
        } else if (label && was !== label) {
          writes.push(() =>
            tx.pollOptionTranslation.upsert({
              where: { optionId_locale: { optionId, locale } },
              create: { optionId, locale, label },
              update: { label, ...cleared },
            }),
          );
        }
      }
    }
    if (writes.length > 0 && poll.version !== input.version) throw new PollTranslationError("changedMeanwhile");
    for (const write of writes) await write();
    const changed = writes.length;
    if (changed > 0) {
      // A builder form opened before this save must not overwrite it (updatePoll checks the version).
      await tx.poll.update({ where: { id: pollId }, data: { version: { increment: 1 } } });
      await audit(tx, { actorId, action: "poll.translate", entityType: "PollTranslation", entityId: `${pollId}:${locale}`, after: { changed } });
    }
    return { changed };
  });
}

/**
 * Sets or clears the "checked by an interpreter" mark of one language of a poll. Setting it needs
 * every text translated and the words the translator saw (`seen`, the view's fingerprint) to be
 * the words stored now. The caller must have checked that the actor holds the translator role.
 */
export async function setPollTranslationChecked(translatorId: string, pollId: string, locale: string, checked: boolean, seen: string) {
  const view = await getPollTranslation(pollId, locale);
  if (!view) throw new PollTranslationError("notFound");
  if (checked && view.fingerprint !== seen) throw new PollTranslationError("changedMeanwhile");
  if (checked && view.translatedCount < view.textCount) throw new PollTranslationError("incomplete");
  const mark = checked ? { checkedAt: new Date(), checkedById: translatorId } : { checkedAt: null, checkedById: null };
  await prisma.$transaction(async (tx) => {
    await tx.pollTranslation.updateMany({ where: { pollId, locale }, data: mark });
    await tx.pollQuestionTranslation.updateMany({ where: { locale, question: { pollId } }, data: mark });
    await tx.pollOptionTranslation.updateMany({ where: { locale, option: { question: { pollId } } }, data: mark });
    await audit(tx, {
      actorId: translatorId,
      action: checked ? "translation.check" : "translation.uncheck",
      entityType: "PollTranslation",
      entityId: `${pollId}:${locale}`,
    });
  });
}

/** Where each poll stands in one language, newest first: the translators' list. */
export async function listPollTranslations(locale: string, officerId: string | null, take = 100) {
  const polls = await prisma.poll.findMany({
    // An officer's list holds the polls of the groups they run; a translator's, every poll.
    where: officerId ? { groups: { some: { group: { officers: { some: { userId: officerId } } } } } } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true },
  });
  const views = await Promise.all(polls.map((p) => getPollTranslation(p.id, locale)));
  return views.flatMap((v) => (v ? [{ id: v.id, title: v.title.english, status: v.status, opensAt: v.opensAt, closesAt: v.closesAt, state: v.state, translatedCount: v.translatedCount, textCount: v.textCount }] : []));
}
