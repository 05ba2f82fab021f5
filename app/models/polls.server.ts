import { randomInt } from "node:crypto";
import { audit } from "#app/models/audit.server.ts";
import { suppressionThreshold } from "#app/models/organisation.server.ts";
import { announceConcern, raiseConcernInTx, screenWords } from "#app/models/safeguarding.server.ts";
import type { ScreenHit } from "#app/screening/screen.ts";
import { detectLanguage } from "#app/utils/detect-language.server.ts";
import { getFixedT } from "#app/utils/i18next.server.ts";
import { suppressPoll, thresholdOf, type ShownValue } from "#app/models/suppression.server.ts";
import type SqliteDatabase from "better-sqlite3";
import * as sqlite from "#app/models/poll-votes-sqlite.server.ts";
import { inSqliteTransaction } from "#app/utils/sqlite.server.ts";
import { prisma, sqliteConnection } from "#app/utils/db.server.ts";
import type { QuestionKind, ResultsVisibility } from "#app/utils/domain.ts";
import { SCALE_VALUES } from "#app/utils/domain.ts";
import { events, rooms } from "#app/realtime/events.ts";
import { publish } from "#app/realtime/publish.server.ts";
import type * as PollLive from "#app/realtime/poll-live.server.ts";

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Live results after a committed change. NOTE: imported lazily (once): poll-live uses this module. */
let pollLive: Promise<typeof PollLive> | undefined;
function announce(pollId: string, immediate = false) {
  pollLive ??= import("#app/realtime/poll-live.server.ts");
  void pollLive.then((live) => live.pollChanged(pollId, { immediate }));
}

// ---------------------------------------------------------------------------------------------
// Building polls (officers)

export type Translations = Record<string, string>;

export type QuestionInput = {
  /** Present when editing an existing question. */
  id?: string;
  kind: QuestionKind;
  prompt: string;
  promptTranslations: Translations;
  maxChoices: number | null;
  options: { id?: string; label: string; labelTranslations: Translations }[];
};

export type PollInput = {
  title: string;
  intro: string;
  titleTranslations: Translations;
  introTranslations: Translations;
  groupIds: string[];
  opensAt: Date | null;
  closesAt: Date | null;
  resultsVisibility: ResultsVisibility;
  askId: string | null;
  questions: QuestionInput[];
};

export const DEFAULT_SCALE_LABELS = ["Very unhappy", "Unhappy", "Okay", "Happy", "Very happy"];

export class PollEditRefused extends Error {
  constructor(
    readonly reason: "notYourGroups" | "meaningChanged" | "notFound" | "changedMeanwhile",
    readonly detail?: { question?: number; option?: number },
  ) {
    super(reason);
  }
}

function translationRows(translations: Translations) {
  return Object.entries(translations)
    .filter(([locale, text]) => locale !== "en" && text.trim() !== "")
    .map(([locale, text]) => ({ locale, text: text.trim() }));
}

/** A scale question always has the five points 1..5; the officer gives their words. */
function normaliseOptions(question: QuestionInput) {
  if (question.kind === "text") return [];
  if (question.kind !== "scale") return question.options;
  return SCALE_VALUES.map((value, i) => ({
    id: question.options[i]?.id,
    label: question.options[i]?.label?.trim() || DEFAULT_SCALE_LABELS[i]!,
    labelTranslations: question.options[i]?.labelTranslations ?? {},
    value,
  }));
}

async function assertOfficerGroups(tx: Tx, officerId: string, groupIds: string[]) {
  const owned = await tx.groupOfficer.count({ where: { userId: officerId, groupId: { in: groupIds } } });
  if (groupIds.length === 0 || owned !== new Set(groupIds).size) throw new PollEditRefused("notYourGroups");
}

async function freeShortCode(tx: Tx) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    if (!(await tx.poll.findUnique({ where: { shortCode: code }, select: { id: true } }))) return code;
  }
  throw new Error("No free short code");
}

async function writeQuestions(tx: Tx, pollId: string, questions: QuestionInput[], from = 0, marks: Marks = new Map()) {
  for (const [index, question] of questions.entries()) {
    const created = await tx.pollQuestion.create({
      data: {
        pollId,
        position: from + index,
        kind: question.kind,
        prompt: question.prompt.trim(),
        maxChoices: question.kind === "multiple" ? question.maxChoices : null,
        translations: {
          create: translationRows(question.promptTranslations).map(({ locale, text }) => ({
            locale,
            prompt: text,
            ...carried(marks, question.prompt, locale, text),
          })),
        },
      },
      select: { id: true },
    });
    for (const [position, option] of normaliseOptions(question).entries()) {
      await tx.pollOption.create({
        data: {
          questionId: created.id,
          position,
          label: option.label.trim(),
          value: "value" in option ? (option.value as number) : null,
          translations: {
            create: translationRows(option.labelTranslations).map(({ locale, text }) => ({
              locale,
              label: text,
              ...carried(marks, option.label, locale, text),
            })),
          },
        },
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// "Checked by an interpreter" marks (set in poll-translations.server.ts)

type Mark = { checkedAt: Date; checkedById: string | null };
/** The marks a poll's translations carry, by the English text, the language and the translation. */
type Marks = Map<string, Mark>;
const markKey = (english: string, locale: string, text: string) => JSON.stringify([english.trim(), locale, text.trim()]);
/** A poll's title and introduction are one translation (and one mark) per language. */
const pollText = (title: string, intro: string) => `${title}\n\n${intro}`;

/**
 * The marks a translation keeps when the poll is saved again: a translation stays checked only
 * while both it and the English it translates are word for word what the interpreter checked.
 */
function carried(marks: Marks, english: string, locale: string, text: string): Mark | Record<string, never> {
  return marks.get(markKey(english, locale, text)) ?? {};
}

/** The marks a poll's translations carry now, before a save rewrites its rows. */
async function currentMarks(tx: Tx, pollId: string): Promise<Marks> {
  const marks: Marks = new Map();
  const checked = { checkedAt: { not: null } };
  const poll = await tx.poll.findUnique({
    where: { id: pollId },
    select: { title: true, intro: true, translations: { where: checked, select: { locale: true, title: true, intro: true, checkedAt: true, checkedById: true } } },
  });
  for (const row of poll?.translations ?? []) {
    marks.set(markKey(pollText(poll!.title, poll!.intro), row.locale, pollText(row.title, row.intro)), { checkedAt: row.checkedAt!, checkedById: row.checkedById });
  }
  const prompts = await tx.pollQuestionTranslation.findMany({
    where: { question: { pollId }, ...checked },
    select: { locale: true, prompt: true, checkedAt: true, checkedById: true, question: { select: { prompt: true } } },
  });
  for (const row of prompts) marks.set(markKey(row.question.prompt, row.locale, row.prompt), { checkedAt: row.checkedAt!, checkedById: row.checkedById });
  const labels = await tx.pollOptionTranslation.findMany({
    where: { option: { question: { pollId } }, ...checked },
    select: { locale: true, label: true, checkedAt: true, checkedById: true, option: { select: { label: true } } },
  });
  for (const row of labels) marks.set(markKey(row.option.label, row.locale, row.label), { checkedAt: row.checkedAt!, checkedById: row.checkedById });
  return marks;
}

/** Zeroed running tallies for every question × option × group, so a vote only ever updates. */
async function ensureTallyRows(tx: Tx, pollId: string) {
  const [questions, groups] = await Promise.all([
    tx.pollQuestion.findMany({ where: { pollId }, select: { id: true, options: { select: { id: true } } } }),
    tx.pollGroup.findMany({ where: { pollId }, select: { groupId: true } }),
  ]);
  for (const question of questions) {
    for (const { groupId } of groups) {
      await tx.pollVoterCount.upsert({
        where: { questionId_groupId: { questionId: question.id, groupId } },
        create: { questionId: question.id, groupId },
        update: {},
      });
      for (const option of question.options) {
        await tx.pollTally.upsert({
          where: { questionId_optionId_groupId: { questionId: question.id, optionId: option.id, groupId } },
          create: { questionId: question.id, optionId: option.id, groupId },
          update: {},
        });
      }
    }
  }
}

async function writePollTranslations(tx: Tx, pollId: string, input: PollInput, marks: Marks = new Map()) {
  await tx.pollTranslation.deleteMany({ where: { pollId } });
  const locales = new Set([...Object.keys(input.titleTranslations), ...Object.keys(input.introTranslations)]);
  for (const locale of locales) {
    const title = input.titleTranslations[locale]?.trim() ?? "";
    if (locale === "en" || !title) continue;
    const intro = input.introTranslations[locale]?.trim() ?? "";
    await tx.pollTranslation.create({
      data: { pollId, locale, title, intro, ...carried(marks, pollText(input.title.trim(), input.intro.trim()), locale, pollText(title, intro)) },
    });
  }
}

/** An officer makes a poll (a draft) for groups they run. */
export async function createPoll(officerId: string, input: PollInput) {
  return prisma.$transaction(async (tx) => {
    await assertOfficerGroups(tx, officerId, input.groupIds);
    const poll = await tx.poll.create({
      data: {
        title: input.title.trim(),
        intro: input.intro.trim(),
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        resultsVisibility: input.resultsVisibility,
        askId: input.askId,
        shortCode: await freeShortCode(tx),
        createdById: officerId,
        groups: { create: [...new Set(input.groupIds)].map((groupId) => ({ groupId })) },
      },
      select: { id: true, shortCode: true },
    });
    await writePollTranslations(tx, poll.id, input);
    await writeQuestions(tx, poll.id, input.questions);
    await ensureTallyRows(tx, poll.id);
    await audit(tx, { actorId: officerId, action: "poll.create", entityType: "Poll", entityId: poll.id, after: { title: input.title } });
    return poll;
  });
}

/**
 * Edits a poll. Before anyone answered, anything may change. After the first answer, what a question
 * or option means is fixed — questions and options cannot be added, removed, reordered or change
 * kind or maximum, and their English words may only get typo fixes — while translations, the
 * introduction, dates and visibility stay editable. A refused edit changes nothing.
 */
export async function updatePoll(officerId: string, pollId: string, input: PollInput, expectedVersion?: number) {
  return prisma.$transaction(async (tx) => {
    const poll = await tx.poll.findFirst({
      where: { id: pollId, ...ranBy(officerId) },
      select: {
        id: true,
        version: true,
        firstVoteAt: true,
        groups: { select: { groupId: true } },
        questions: {
          orderBy: { position: "asc" },
          select: { id: true, kind: true, prompt: true, maxChoices: true, options: { orderBy: { position: "asc" }, select: { id: true, label: true } } },
        },
      },
    });
    if (!poll) throw new PollEditRefused("notFound");
    // Someone else (an officer, a translator) saved it after this form was opened: saving would
    // undo their changes without either of them knowing.
    if (expectedVersion !== undefined && expectedVersion !== poll.version) throw new PollEditRefused("changedMeanwhile");
    const marks = await currentMarks(tx, pollId);
    // Groups this officer does not run stay on the poll: only their own officers may take them off.
    const mine = new Set(
      (await tx.groupOfficer.findMany({ where: { userId: officerId }, select: { groupId: true } })).map((g) => g.groupId),
    );
    const othersGroups = poll.groups.map((g) => g.groupId).filter((g) => !mine.has(g));
    await assertOfficerGroups(tx, officerId, input.groupIds.filter((g) => !othersGroups.includes(g)));
    input = { ...input, groupIds: [...new Set([...input.groupIds, ...othersGroups])] };

    if (poll.firstVoteAt) {
      const before = poll.groups.map((g) => g.groupId);
      // Groups may be added (more young people asked), not removed (their answers would vanish).
      if (before.some((g) => !input.groupIds.includes(g))) throw new PollEditRefused("meaningChanged");
      if (input.questions.length !== poll.questions.length) throw new PollEditRefused("meaningChanged");
      for (const [qi, existing] of poll.questions.entries()) {
        const next = input.questions[qi]!;
        const nextOptions = normaliseOptions(next);
        if (
          next.id !== existing.id ||
          next.kind !== existing.kind ||
          (existing.kind === "multiple" && next.maxChoices !== existing.maxChoices) ||
          !isSmallCorrection(existing.prompt, next.prompt)
        ) {
          throw new PollEditRefused("meaningChanged", { question: qi });
        }
        if (existing.kind === "text") continue;
        if (nextOptions.length !== existing.options.length) throw new PollEditRefused("meaningChanged", { question: qi });
        for (const [oi, option] of existing.options.entries()) {
          const nextOption = nextOptions[oi]!;
          if (nextOption.id !== option.id || !isSmallCorrection(option.label, nextOption.label)) {
            throw new PollEditRefused("meaningChanged", { question: qi, option: oi });
          }
        }
      }
      // Allowed: words (typo fixes), translations.
      for (const [qi, existing] of poll.questions.entries()) {
        const next = input.questions[qi]!;
        await tx.pollQuestion.update({ where: { id: existing.id }, data: { prompt: next.prompt.trim() } });
        await tx.pollQuestionTranslation.deleteMany({ where: { questionId: existing.id } });
        await tx.pollQuestionTranslation.createMany({
          data: translationRows(next.promptTranslations).map(({ locale, text }) => ({
            questionId: existing.id,
            locale,
            prompt: text,
            ...carried(marks, next.prompt, locale, text),
          })),
        });
        for (const [oi, option] of existing.options.entries()) {
          const nextOption = normaliseOptions(next)[oi]!;
          await tx.pollOption.update({ where: { id: option.id }, data: { label: nextOption.label.trim() } });
          await tx.pollOptionTranslation.deleteMany({ where: { optionId: option.id } });
          await tx.pollOptionTranslation.createMany({
            data: translationRows(nextOption.labelTranslations).map(({ locale, text }) => ({
              optionId: option.id,
              locale,
              label: text,
              ...carried(marks, nextOption.label, locale, text),
            })),
          });
        }
      }
    } else {
      await tx.pollQuestion.deleteMany({ where: { pollId } });
      await writeQuestions(tx, pollId, input.questions, 0, marks);
    }
    await tx.pollGroup.deleteMany({ where: { pollId, groupId: { notIn: input.groupIds } } });
    for (const groupId of new Set(input.groupIds)) {
      await tx.pollGroup.upsert({ where: { pollId_groupId: { pollId, groupId } }, create: { pollId, groupId }, update: {} });
    }
    await tx.poll.update({
      where: { id: pollId },
      data: {
        title: input.title.trim(),
        intro: input.intro.trim(),
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        resultsVisibility: input.resultsVisibility,
        askId: input.askId,
        version: { increment: 1 },
      },
    });
    await writePollTranslations(tx, pollId, input, marks);
    await ensureTallyRows(tx, pollId);
    await audit(tx, { actorId: officerId, action: "poll.update", entityType: "Poll", entityId: pollId, after: { title: input.title } });
  });
}

/** The polls an officer may run: those aimed at one of the groups they run. */
function ranBy(officerId: string) {
  return { groups: { some: { group: { officers: { some: { userId: officerId } } } } } };
}

/** Whether this officer runs one of the poll's groups. */
export async function isPollOfficer(officerId: string, pollId: string) {
  return (await prisma.poll.count({ where: { id: pollId, ...ranBy(officerId) } })) > 0;
}

/** Officers of one of the poll's groups. */
async function officerPoll(officerId: string, pollId: string) {
  return prisma.poll.findFirst({
    where: { id: pollId, ...ranBy(officerId) },
    select: { id: true, status: true },
  });
}

export async function setPollStatus(officerId: string, pollId: string, status: "open" | "closed") {
  const poll = await officerPoll(officerId, pollId);
  if (!poll) return false;
  await prisma.$transaction(async (tx) => {
    await tx.poll.update({
      where: { id: pollId },
      data: status === "closed" ? { status, closesAt: new Date() } : { status, ...(poll.status === "closed" ? { closesAt: null } : {}) },
    });
    await audit(tx, { actorId: officerId, action: `poll.${status}`, entityType: "Poll", entityId: pollId, before: { status: poll.status } });
  });
  // Closing sends every screen the final count at once.
  announce(pollId, true);
  return true;
}

/** Meeting mode: the presenter reveals or hides results on the big screen. */
export async function setPollRevealed(officerId: string, pollId: string, revealed: boolean) {
  const poll = await officerPoll(officerId, pollId);
  if (!poll) return false;
  await prisma.$transaction(async (tx) => {
    await tx.poll.update({ where: { id: pollId }, data: { revealed } });
    await audit(tx, { actorId: officerId, action: revealed ? "poll.reveal" : "poll.hide", entityType: "Poll", entityId: pollId });
  });
  announce(pollId, true);
  return true;
}

export function isOpen(poll: { status: string; opensAt: Date | null; closesAt: Date | null }, now = new Date()) {
  return poll.status === "open" && (!poll.opensAt || poll.opensAt <= now) && (!poll.closesAt || poll.closesAt > now);
}

export function isClosed(poll: { status: string; closesAt: Date | null }, now = new Date()) {
  return poll.status === "closed" || (poll.status === "open" && poll.closesAt !== null && poll.closesAt <= now);
}

export async function listPollsForOfficer(officerId: string) {
  const polls = await prisma.poll.findMany({
    where: ranBy(officerId),
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      shortCode: true,
      firstVoteAt: true,
      groups: { select: { group: { select: { name: true } } } },
    },
  });
  return polls.map((p) => ({ ...p, open: isOpen(p), closed: isClosed(p), groups: p.groups.map((g) => g.group.name) }));
}

/** A poll as its officers edit it, with every translation. */
export async function getPollForEditing(officerId: string, pollId: string) {
  return prisma.poll.findFirst({
    where: { id: pollId, ...ranBy(officerId) },
    select: {
      id: true,
      title: true,
      intro: true,
      status: true,
      opensAt: true,
      closesAt: true,
      resultsVisibility: true,
      revealed: true,
      shortCode: true,
      askId: true,
      firstVoteAt: true,
      version: true,
      translations: { select: { locale: true, title: true, intro: true } },
      groups: { select: { groupId: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          maxChoices: true,
          translations: { select: { locale: true, prompt: true } },
          options: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, value: true, translations: { select: { locale: true, label: true } } },
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Young people

/** The voter's group for a poll: the first of their current groups the poll is aimed at. */
async function voterGroup(userId: string, pollId: string) {
  const membership = await prisma.membership.findFirst({
    where: { userId, removedAt: null, group: { archivedAt: null, polls: { some: { pollId } } } },
    orderBy: { joinedAt: "asc" },
    select: { groupId: true },
  });
  return membership?.groupId ?? null;
}

function localised<T extends { locale: string }>(rows: T[], locale: string) {
  return locale === "en" ? undefined : rows.find((r) => r.locale === locale);
}

/**
 * An option's words in `locale` and the language they are in: its translation; else, for a scale
 * whose words are still the builder's defaults, the interface's own mood words, which every
 * language has; else the English. One place, so that the voting page, the meeting screen and the
 * results read the same words.
 */
function optionLabel(
  kind: string,
  option: { label: string; value: number | null; translations: { locale: string; label: string }[] },
  locale: string,
): { label: string; locale: string } {
  const translated = localised(option.translations, locale);
  if (translated) return { label: translated.label, locale };
  if (locale !== "en" && kind === "scale" && option.value && option.label === DEFAULT_SCALE_LABELS[option.value - 1]) {
    return { label: getFixedT(locale, "youth")(`moods.${option.value}`), locale };
  }
  return { label: option.label, locale: "en" };
}

/** Open (or recently closed) polls of a young person's groups, in their language. */
export async function listPollsForMember(userId: string, locale: string) {
  const now = new Date();
  const polls = await prisma.poll.findMany({
    where: {
      status: { in: ["open", "closed"] },
      groups: { some: { group: { memberships: { some: { userId, removedAt: null } } } } },
      OR: [{ opensAt: null }, { opensAt: { lte: now } }],
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      translations: { where: { locale }, select: { locale: true, title: true } },
      questions: { select: { responses: { where: { userId }, select: { id: true }, take: 1 } } },
    },
  });
  return polls.map((p) => ({
    id: p.id,
    title: localised(p.translations, locale)?.title ?? p.title,
    inEnglishFallback: locale !== "en" && !localised(p.translations, locale),
    open: isOpen(p, now),
    closesAt: p.closesAt,
    answered: p.questions.some((q) => q.responses.length > 0),
  }));
}

export type VoterPoll = NonNullable<Awaited<ReturnType<typeof getPollForVoter>>>;

/**
 * A poll as one young person sees it: in their language (English where not translated, flagged),
 * their own answers, and results when the poll's rules let them see them — suppressed.
 * Null when the poll is not aimed at one of their groups.
 */
export async function getPollForVoter(userId: string, pollId: string, locale: string) {
  const groupId = await voterGroup(userId, pollId);
  if (!groupId) return null;
  const poll = await prisma.poll.findFirst({
    where: { id: pollId, status: { in: ["open", "closed"] } },
    select: {
      id: true,
      title: true,
      intro: true,
      status: true,
      opensAt: true,
      closesAt: true,
      resultsVisibility: true,
      translations: { where: { locale }, select: { locale: true, title: true, intro: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          maxChoices: true,
          translations: { where: { locale }, select: { locale: true, prompt: true } },
          options: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, value: true, translations: { where: { locale }, select: { locale: true, label: true } } },
          },
          responses: {
            where: { userId },
            select: { choices: { select: { optionId: true, rank: true } } },
          },
          textAnswers: { where: { authorId: userId }, orderBy: { createdAt: "desc" }, take: 1, select: { text: true, status: true } },
        },
      },
    },
  });
  if (!poll) return null;
  const now = new Date();
  const open = isOpen(poll, now);
  const closed = isClosed(poll, now);
  const answered = poll.questions.some((q) => q.responses.length > 0);
  const resultsVisible =
    poll.resultsVisibility === "after_vote" ? answered || closed : poll.resultsVisibility === "after_close" ? closed : false;
  const pollTranslation = localised(poll.translations, locale);
  return {
    id: poll.id,
    title: pollTranslation?.title ?? poll.title,
    intro: pollTranslation ? pollTranslation.intro : poll.intro,
    inEnglishFallback: locale !== "en" && !pollTranslation,
    open,
    closed,
    notYetOpen: poll.status === "open" && !!poll.opensAt && poll.opensAt > now,
    closesAt: poll.closesAt,
    resultsVisibility: poll.resultsVisibility as ResultsVisibility,
    resultsVisible,
    questions: poll.questions.map((q) => {
      const qt = localised(q.translations, locale);
      return {
        id: q.id,
        kind: q.kind as QuestionKind,
        prompt: qt?.prompt ?? q.prompt,
        inEnglishFallback: locale !== "en" && !qt,
        maxChoices: q.maxChoices,
        options: q.options.map((o) => {
          const words = optionLabel(q.kind, o, locale);
          return { id: o.id, label: words.label, value: o.value, inEnglishFallback: words.locale !== locale };
        }),
        myChoices: q.responses[0]?.choices.map((c) => ({ optionId: c.optionId, rank: c.rank })) ?? [],
        myText: q.textAnswers[0]?.text ?? null,
      };
    }),
    opensAt: poll.opensAt,
    results: resultsVisible ? await pollResults(poll.id, { audience: "suppressed", locale }) : null,
  };
}

/**
 * What the vote action needs of a poll for one young person: whether it is open, its questions
 * (ids, kinds, options), which of them they answered before, and their own earlier words. Null
 * exactly when getPollForVoter is null (not aimed at one of their groups, a draft, no such poll).
 * No translations, no results: those are the page's. On SQLite in plain SQL (decision 007).
 */
export async function getPollForVoting(userId: string, pollId: string) {
  const db = await sqliteConnection();
  if (!db) {
    const poll = await getPollForVoter(userId, pollId, "en");
    if (!poll) return null;
    return {
      id: poll.id,
      open: poll.open,
      closed: poll.closed,
      questions: poll.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        maxChoices: q.maxChoices,
        options: q.options.map((o) => ({ id: o.id })),
        answered: q.kind === "text" ? q.myText !== null : q.myChoices.length > 0,
      })),
      mine: await myPollTextAnswers(userId, pollId),
    };
  }
  if (!sqlite.voterGroup(db, userId, pollId)) return null;
  const poll = sqlite.pollDefinition(db, pollId);
  if (!poll || (poll.status !== "open" && poll.status !== "closed")) return null;
  const answered = sqlite.answeredQuestions(db, userId, pollId);
  const mine = poll.questions.some((q) => q.kind === "text") ? await myPollTextAnswers(userId, pollId) : noTextAnswers();
  const now = new Date();
  return {
    id: pollId,
    open: isOpen(poll, now),
    closed: isClosed(poll, now),
    questions: poll.questions.map((q) => ({
      id: q.id,
      kind: q.kind as QuestionKind,
      maxChoices: q.maxChoices,
      options: q.options,
      answered: q.kind === "text" ? mine.latest.has(q.id) : answered.has(q.id),
    })),
    mine,
  };
}

// ---------------------------------------------------------------------------------------------
// Voting

export type Answer =
  | { questionId: string; kind: "choice"; optionIds: string[] }
  | { questionId: string; kind: "ranking"; ranking: string[] }
  | { questionId: string; kind: "text"; text: string; identity: "team" | "safeguarding"; mayQuote: boolean; clientRequestId: string };

export type VoteError =
  | "notFound"
  | "notOpen"
  | "notYetOpen"
  | "closed"
  | "wrongOption"
  | "tooMany"
  | "noChoice"
  | "rankingInvalid"
  | "textInvalid";

export class VoteRefused extends Error {
  constructor(
    readonly reason: VoteError,
    readonly questionId?: string,
  ) {
    super(reason);
  }
}

const rankPoints = (options: number, rank: number) => options + 1 - rank;

type PollToVote = {
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
  questions: { id: string; kind: string; maxChoices: number | null; options: { id: string }[] }[];
};

/** The rules of a vote, one place for both paths: the poll open to it, every answer valid. */
function checkVote(poll: PollToVote | null, answers: Answer[], now: Date): CheckedAnswer[] {
  if (!poll || poll.status === "draft") throw new VoteRefused("notFound");
  if (poll.status === "open" && poll.opensAt && poll.opensAt > now) throw new VoteRefused("notYetOpen");
  if (!isOpen(poll, now)) throw new VoteRefused("closed");

  const questions = new Map(poll.questions.map((q) => [q.id, q]));
  const checked: CheckedAnswer[] = [];
  for (const answer of answers) {
    const question = questions.get(answer.questionId);
    if (!question) throw new VoteRefused("wrongOption", answer.questionId);
    const optionIds = new Set(question.options.map((o) => o.id));
    if (question.kind === "text") {
      if (answer.kind !== "text" || !answer.text.trim() || answer.text.length > 1000) throw new VoteRefused("textInvalid", question.id);
      checked.push({ question, choices: [], answer });
    } else if (question.kind === "ranking") {
      if (answer.kind !== "ranking") throw new VoteRefused("rankingInvalid", question.id);
      // Every option exactly once: no duplicates, no gaps.
      const ranked = new Set(answer.ranking);
      if (ranked.size !== answer.ranking.length || ranked.size !== optionIds.size || answer.ranking.some((id) => !optionIds.has(id))) {
        throw new VoteRefused("rankingInvalid", question.id);
      }
      checked.push({ question, choices: answer.ranking.map((optionId, i) => ({ optionId, rank: i + 1 })), answer });
    } else {
      if (answer.kind !== "choice") throw new VoteRefused("wrongOption", question.id);
      const chosen = [...new Set(answer.optionIds)];
      if (chosen.length === 0) throw new VoteRefused("noChoice", question.id);
      if (chosen.some((id) => !optionIds.has(id))) throw new VoteRefused("wrongOption", question.id);
      const max = question.kind === "multiple" ? (question.maxChoices ?? optionIds.size) : 1;
      if (chosen.length > max) throw new VoteRefused("tooMany", question.id);
      checked.push({ question, choices: chosen.map((optionId) => ({ optionId, rank: null })), answer });
    }
  }
  if (checked.length === 0) throw new VoteRefused("noChoice");
  return checked;
}

/** Tally changes summed per question × option × group, to be applied in one fixed order. */
function tallyDeltas() {
  const deltas = new Map<string, { questionId: string; optionId: string; groupId: string; count: number; points: number }>();
  const add = (questionId: string, optionId: string, group: string, count: number, points: number) => {
    const key = `${questionId}\u0000${optionId}\u0000${group}`;
    const delta = deltas.get(key) ?? { questionId, optionId, groupId: group, count: 0, points: 0 };
    delta.count += count;
    delta.points += points;
    deltas.set(key, delta);
  };
  const sorted = () =>
    [...deltas.keys()]
      .sort()
      .map((key) => deltas.get(key)!)
      .filter((d) => d.count !== 0 || d.points !== 0);
  return { add, sorted };
}

const sameChoices = (existing: { optionId: string; rank: number | null }[], choices: { optionId: string; rank: number | null }[]) =>
  existing.length === choices.length && choices.every((c) => existing.some((e) => e.optionId === c.optionId && e.rank === c.rank));

/**
 * Records a young person's answers to a poll of their group, all or nothing: one answer per
 * question, replacing their earlier answer while the poll is open. Running tallies move in the same
 * transaction, so they always equal a recount. Short-text answers become feedback items, moderated
 * and screened like anything else a young person writes. Returns only once committed.
 * On SQLite, a vote without words runs as one plain-SQL transaction (decision 007, addendum);
 * words, and PostgreSQL, take the Prisma path below. Both check with checkVote.
 */
export async function castVote(userId: string, pollId: string, answers: Answer[], language = "und") {
  const db = answers.some((a) => a.kind === "text") ? null : await sqliteConnection();
  if (db) {
    const recorded = await inSqliteTransaction(db, () => {
      const groupId = sqlite.voterGroup(db, userId, pollId);
      if (!groupId) throw new VoteRefused("notFound");
      const poll = sqlite.pollDefinition(db, pollId);
      const now = new Date();
      const checked = checkVote(poll, answers, now);
      return { changed: recordVoteSqlite(db, userId, pollId, groupId, poll!.firstVoteAt, checked, now), groupId };
    });
    if (recorded.changed) announce(pollId);
    return recorded;
  }

  const groupId = await voterGroup(userId, pollId);
  if (!groupId) throw new VoteRefused("notFound");
  const poll = await prisma.poll.findUnique({
    where: { id: pollId },
    select: {
      status: true,
      opensAt: true,
      closesAt: true,
      firstVoteAt: true,
      questions: { select: { id: true, kind: true, maxChoices: true, options: { select: { id: true } } } },
    },
  });
  const checked = checkVote(poll, answers, new Date());

  // Short-text answers are screened like any words a young person writes, before the transaction.
  const screened = new Map<string, ScreenHit[]>();
  for (const { answer, question } of checked) {
    if (answer.kind === "text") screened.set(question.id, await screenWords(answer.text.trim()));
  }

  let changed = false;
  let textAnswered = false;
  let concernRaised = false;
  // Two taps racing to make the same first answer: the unique key keeps one, the other retries
  // and then finds it.
  for (let attempt = 0; ; attempt++) {
    try {
      const recorded = await recordVote(userId, pollId, groupId, poll!.firstVoteAt, checked, language, screened);
      changed = recorded.changed;
      textAnswered = recorded.textAnswered;
      concernRaised = recorded.concernRaised;
      break;
    } catch (error) {
      // P2002: the same first answer made twice at once. P2034: a write conflict or deadlock.
      const code = (error as { code?: string }).code;
      if (attempt < 5 && (code === "P2002" || code === "P2034")) continue;
      throw error;
    }
  }
  if (changed) announce(pollId);
  // Words wait in the group's moderation queue like anything else a young person writes.
  if (textAnswered) publish(events.queueChanged, rooms.groupOfficers(groupId), { groupId });
  if (concernRaised) announceConcern(groupId);
  return { changed, groupId };
}

/** The SQLite path's writes, inside its transaction: the same moves as recordVote's, in SQL. */
function recordVoteSqlite(
  db: SqliteDatabase.Database,
  userId: string,
  pollId: string,
  groupId: string,
  firstVoteAt: Date | null,
  checked: CheckedAnswer[],
  now: Date,
) {
  let changed = false;
  const deltas = tallyDeltas();
  for (const { question, choices } of checked) {
    const existing = sqlite.existingResponse(db, question.id, userId);
    const optionCount = question.options.length;
    let responseId: string;
    let responseGroup: string;
    if (existing) {
      if (sameChoices(existing.choices, choices)) {
        sqlite.touchResponse(db, existing.id, now);
        continue;
      }
      for (const old of existing.choices) {
        deltas.add(question.id, old.optionId, existing.groupId, -1, old.rank ? -rankPoints(optionCount, old.rank) : 0);
      }
      sqlite.replaceResponse(db, existing.id, now);
      responseId = existing.id;
      responseGroup = existing.groupId;
    } else {
      responseId = sqlite.createResponse(db, { pollId, questionId: question.id, userId, groupId }, now);
      responseGroup = groupId;
    }
    sqlite.addChoices(db, responseId, choices);
    for (const choice of choices) {
      deltas.add(question.id, choice.optionId, responseGroup, 1, choice.rank ? rankPoints(optionCount, choice.rank) : 0);
    }
    changed = true;
  }
  for (const d of deltas.sorted()) sqlite.moveTally(db, d);
  if (changed && !firstVoteAt) sqlite.markFirstVote(db, pollId, now);
  return changed;
}

type CheckedAnswer = {
  question: { id: string; kind: string; options: { id: string }[] };
  choices: { optionId: string; rank: number | null }[];
  answer: Answer;
};

async function recordVote(
  userId: string,
  pollId: string,
  groupId: string,
  firstVoteAt: Date | null,
  checked: CheckedAnswer[],
  language: string,
  screened: Map<string, ScreenHit[]>,
) {
  let changed = false;
  let textAnswered = false;
  let concernRaised = false;
  await prisma.$transaction(async (tx) => {
    // The poll may have closed since it was read: the check inside the transaction decides.
    const still = await tx.poll.findFirst({
      where: { id: pollId, status: "open", OR: [{ closesAt: null }, { closesAt: { gt: new Date() } }] },
      select: { id: true },
    });
    if (!still) throw new VoteRefused("closed");
    // Tally changes are summed, then applied in one fixed order: two votes moving between the same
    // options in opposite directions would otherwise lock rows in opposite orders and deadlock.
    const deltas = tallyDeltas();
    const addDelta = deltas.add;
    for (const { question, choices, answer } of checked) {
      // NOTE: lock this person's answer first (an UPDATE takes the row lock on PostgreSQL), so that
      // two changes racing read each other's committed choices instead of both undoing the same.
      await tx.pollResponse.updateMany({ where: { questionId: question.id, userId }, data: { updatedAt: new Date() } });
      const existing = await tx.pollResponse.findUnique({
        where: { questionId_userId: { questionId: question.id, userId } },
        select: { id: true, groupId: true, choices: { select: { optionId: true, rank: true } } },
      });
      const optionCount = question.options.length;
      if (existing) {
        if (sameChoices(existing.choices, choices) && question.kind !== "text") continue;
        for (const old of existing.choices) {
          addDelta(question.id, old.optionId, existing.groupId, -1, old.rank ? -rankPoints(optionCount, old.rank) : 0);
        }
        await tx.pollChoice.deleteMany({ where: { responseId: existing.id } });
        await tx.pollResponse.update({ where: { id: existing.id }, data: { changes: { increment: 1 } } });
      } else {
        await tx.pollVoterCount.update({
          where: { questionId_groupId: { questionId: question.id, groupId } },
          data: { voters: { increment: 1 } },
        });
      }
      const response =
        existing ??
        (await tx.pollResponse.create({ data: { pollId, questionId: question.id, userId, groupId }, select: { id: true, groupId: true } }));
      if (choices.length) {
        await tx.pollChoice.createMany({ data: choices.map((c) => ({ responseId: response.id, optionId: c.optionId, rank: c.rank })) });
      }
      for (const choice of choices) {
        addDelta(question.id, choice.optionId, response.groupId, 1, choice.rank ? rankPoints(optionCount, choice.rank) : 0);
      }
      if (answer.kind === "text") {
        // Changed words replace the earlier answer while nobody has decided on it; once decided,
        // the new words are a new item for the queue.
        const waiting = await tx.feedbackItem.findFirst({
          where: { authorId: userId, pollQuestionId: question.id, status: "pending" },
          select: { id: true },
        });
        const hits = screened.get(question.id) ?? [];
        const fields = { text: answer.text.trim(), identity: answer.identity, mayQuote: answer.mayQuote, ...(hits.length ? { status: "safeguarding" } : {}) };
        let itemId: string | null = null;
        if (waiting) {
          await tx.feedbackItem.update({ where: { id: waiting.id }, data: { ...fields, version: { increment: 1 } } });
          itemId = waiting.id;
        } else {
          const before = await tx.feedbackItem.findUnique({
            where: { authorId_clientRequestId: { authorId: userId, clientRequestId: answer.clientRequestId } },
            select: { id: true },
          });
          if (!before) {
            const created = await tx.feedbackItem.create({
              data: {
                ...fields,
                authorId: userId,
                groupId,
                language: detectLanguage(fields.text, language),
                clientRequestId: answer.clientRequestId,
                pollQuestionId: question.id,
              },
              select: { id: true },
            });
            itemId = created.id;
          }
        }
        // Words that may signal harm never wait in the ordinary queue: they go to the leads.
        if (hits.length && itemId) {
          await raiseConcernInTx(tx, { feedbackId: itemId, groupId, source: "screen", hits });
          concernRaised = true;
        }
        textAnswered = true;
      }
      changed = true;
    }
    for (const d of deltas.sorted()) {
      await tx.pollTally.update({
        where: { questionId_optionId_groupId: { questionId: d.questionId, optionId: d.optionId, groupId: d.groupId } },
        data: { count: { increment: d.count }, points: { increment: d.points } },
      });
    }
    if (changed && !firstVoteAt) await tx.poll.updateMany({ where: { id: pollId, firstVoteAt: null }, data: { firstVoteAt: new Date() } });
  });
  return { changed, textAnswered, concernRaised };
}

// ---------------------------------------------------------------------------------------------
// Results

export type OptionResult = { optionId: string; label: string; value: number | null; shown: ShownValue; points?: ShownValue };
export type QuestionResult = {
  questionId: string;
  kind: QuestionKind;
  prompt: string;
  voters: ShownValue;
  options: OptionResult[];
};
export type PollResults = { threshold: number; questions: QuestionResult[] };

/**
 * A poll's results from its running tallies. audience "exact" is for the officers' console only
 * (overall or one group's); "suppressed" is for everyone else (the big screen, young people, the
 * board, CSV, sockets) and is the poll's overall table only, made safe by suppressPoll() in the
 * one suppression module: an option chosen by fewer than k young people is hidden, every question
 * keeps two cells "not shown" while any is hidden (so that no other question, no "N answered"
 * and no later state can give it back), and an open poll shows numbers only in a state that hides
 * nothing. Short-text answers are not counted here: they are moderated feedback.
 */
export async function pollResults(pollId: string, { audience, groupId, locale = "en" }: { audience: "exact" | "suppressed"; groupId?: string; locale?: string }): Promise<PollResults> {
  // NOTE: a group's table beside the overall one would be another table to add up; the board's
  // breakdown by group is decided for the whole poll in poll-board.server.ts.
  if (audience === "suppressed" && groupId) throw new Error("pollResults: a group's table is for its officers only (exact)");
  const [k, poll, questions, tallies, voters] = await Promise.all([
    suppressionThreshold(),
    prisma.poll.findUnique({ where: { id: pollId }, select: { status: true, closesAt: true } }),
    prisma.pollQuestion.findMany({
      where: { pollId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        kind: true,
        prompt: true,
        translations: { where: { locale }, select: { locale: true, prompt: true } },
        options: { orderBy: { position: "asc" }, select: { id: true, label: true, value: true, translations: { where: { locale }, select: { locale: true, label: true } } } },
      },
    }),
    prisma.pollTally.groupBy({
      by: ["questionId", "optionId"],
      where: { question: { pollId }, ...(groupId ? { groupId } : {}) },
      _sum: { count: true, points: true },
    }),
    prisma.pollVoterCount.groupBy({
      by: ["questionId"],
      where: { question: { pollId }, ...(groupId ? { groupId } : {}) },
      _sum: { voters: true },
    }),
  ]);
  const tally = new Map(tallies.map((t) => [`${t.questionId}:${t.optionId}`, { count: t._sum.count ?? 0, points: t._sum.points ?? 0 }]));
  const voterCount = new Map(voters.map((v) => [v.questionId, v._sum.voters ?? 0]));
  const counted = questions.filter((q) => q.kind !== "text" || audience === "exact");
  const counts = counted.map((q) => ({
    kind: q.kind as QuestionKind,
    voters: voterCount.get(q.id) ?? 0,
    // Each young person counts once per option, so an option's count is its contributors.
    options: q.options.map((o) => tally.get(`${q.id}:${o.id}`) ?? { count: 0, points: 0 }),
  }));
  const exact = (value: number): ShownValue => ({ kind: "exact", value });
  const shown =
    audience === "exact"
      ? counts.map((q) => ({
          voters: exact(q.voters),
          options: q.options.map((o) => ({ shown: exact(o.count), ...(q.kind === "ranking" ? { points: exact(o.points) } : {}) })),
        }))
      : suppressPoll(counts, k, { open: !poll || !isClosed(poll) });
  return {
    threshold: thresholdOf(k),
    questions: counted.map((q, i) => ({
      questionId: q.id,
      kind: q.kind as QuestionKind,
      prompt: localised(q.translations, locale)?.prompt ?? q.prompt,
      voters: shown[i]!.voters,
      options: q.options.map((o, j) => {
        const cell = shown[i]!.options[j];
        return {
          optionId: o.id,
          label: optionLabel(q.kind, o, locale).label,
          value: o.value,
          shown: cell?.shown ?? ({ kind: "withheld" } as ShownValue),
          ...(cell?.points ? { points: cell.points } : {}),
        };
      }),
    })),
  };
}

/** Distinct young people who answered any question of the poll (meeting mode's reveal gate). */
export async function pollVoterTotal(pollId: string) {
  const rows = await prisma.pollResponse.findMany({ where: { pollId }, distinct: ["userId"], select: { userId: true } });
  return rows.length;
}

/**
 * A young person's own short-text answers to a poll, for their voting form only: per question the
 * latest words with the identity and quoting choices they gave (to pre-fill it), and every request
 * id they already used there, so that a page sent again with changed words is not taken for a
 * retry of the earlier answer (castVote keeps the first item of a request id).
 */
type MyTextAnswers = {
  latest: Map<string, { text: string; identity: "team" | "safeguarding"; mayQuote: boolean }>;
  usedRequestIds: Set<string>;
};

const noTextAnswers = (): MyTextAnswers => ({ latest: new Map(), usedRequestIds: new Set() });

export async function myPollTextAnswers(userId: string, pollId: string): Promise<MyTextAnswers> {
  const items = await prisma.feedbackItem.findMany({
    where: { authorId: userId, pollQuestion: { pollId } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { pollQuestionId: true, text: true, identity: true, mayQuote: true, clientRequestId: true },
  });
  const latest = new Map<string, { text: string; identity: "team" | "safeguarding"; mayQuote: boolean }>();
  for (const item of items) {
    if (!item.pollQuestionId || latest.has(item.pollQuestionId)) continue;
    latest.set(item.pollQuestionId, { text: item.text, identity: item.identity === "safeguarding" ? "safeguarding" : "team", mayQuote: item.mayQuote });
  }
  return { latest, usedRequestIds: new Set(items.map((i) => i.clientRequestId)) };
}

// ---------------------------------------------------------------------------------------------
// Poll builder: a stricter test of "only a typo fix" for answered polls

/** Optimal string alignment distance: a swapped pair of letters ("Colelge") is one edit. */
function correctionDistance(a: string, b: string) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i]![j] = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i]![j] = Math.min(rows[i]![j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

const comparable = (text: string) =>
  text
    .normalize("NFKC")
    .toLocaleLowerCase()
    .replace(/[\s\p{P}]+/gu, " ")
    .trim();

/**
 * Whether changing `before` to `after` only corrects it. Case, spacing and punctuation never
 * matter; a number never changes; otherwise one edit per six letters of the shorter text, at least
 * one ("Collage" → "College", "Colelge" → "College").
 * A plain edit distance allowing a few edits would let a short option change its meaning ("Yes" →
 * "No" is three edits).
 */
export function isSmallCorrection(before: string, after: string) {
  const a = comparable(before);
  const b = comparable(after);
  if (a === b) return true;
  if (a.replace(/\D/g, "") !== b.replace(/\D/g, "")) return false;
  return correctionDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 6));
}

// ---------------------------------------------------------------------------------------------
// Meeting mode and the short link

/**
 * A poll as its officers present it in meeting mode: its words in the presenter's language (English
 * where not translated) and its short code, never a number (the big screen's numbers come from
 * meetingState, suppressed). Null for anyone but an officer of one of the poll's groups.
 */
export async function getPollForMeeting(officerId: string, pollId: string, locale: string) {
  const poll = await prisma.poll.findFirst({
    where: { id: pollId, ...ranBy(officerId) },
    select: {
      id: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      shortCode: true,
      translations: { where: { locale }, select: { locale: true, title: true } },
      questions: {
        where: { kind: { not: "text" } },
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          translations: { where: { locale }, select: { locale: true, prompt: true } },
          options: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, value: true, translations: { where: { locale }, select: { locale: true, label: true } } },
          },
        },
      },
    },
  });
  if (!poll) return null;
  const title = localised(poll.translations, locale);
  return {
    id: poll.id,
    title: title?.title ?? poll.title,
    titleLocale: title ? locale : "en",
    shortCode: poll.shortCode,
    draft: poll.status === "draft",
    open: isOpen(poll),
    closed: isClosed(poll),
    questions: poll.questions.map((q) => {
      const prompt = localised(q.translations, locale);
      return {
        id: q.id,
        kind: q.kind as QuestionKind,
        prompt: prompt?.prompt ?? q.prompt,
        promptLocale: prompt ? locale : "en",
        options: q.options.map((o) => {
          const words = optionLabel(q.kind, o, locale);
          return { id: o.id, label: words.label, labelLocale: words.locale, value: o.value };
        }),
      };
    }),
  };
}

/**
 * Where a poll's short link (/p/123456) leads: the poll's id when a young person of one of its
 * groups opens it (the voting page's own test), or someone signed out (the voting page checks again
 * after sign-in). Null for an unknown code, a draft, or a young person outside the poll's groups,
 * alike. Never the title: six digits are easy to guess.
 */
export async function pollForShortCode(code: string, youngPersonId: string | null) {
  const poll = await prisma.poll.findFirst({ where: { shortCode: code, status: { in: ["open", "closed"] } }, select: { id: true } });
  if (!poll) return null;
  if (youngPersonId && !(await voterGroup(youngPersonId, poll.id))) return null;
  return { id: poll.id };
}
