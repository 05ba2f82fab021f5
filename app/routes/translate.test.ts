import { describe, expect, test } from "vitest";
import { getPollTranslation, PollTranslationError, setPollTranslation, setPollTranslationChecked } from "#app/models/poll-translations.server.ts";
import { castVote, createPoll, getPollForEditing, getPollForVoter, setPollStatus, updatePoll, type PollInput } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as builderAction, loader as builderLoader } from "./officer.polls.$pollId.tsx";
import { loader as indexLoader } from "./translate._index.tsx";
import { action, loader } from "./translate.polls.$pollId.tsx";
import { action as askAction } from "./translate.asks.$askId.tsx";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { MAX_ASK_TEXT_LENGTH } from "#app/validation/officer.ts";
import { createFeedbackItem } from "#tests/factories.ts";

// The "checked by an interpreter" mark on a poll's translations: who may set it, what it certifies
// (exactly the words the translator saw, every text of the language), and that it goes when — and
// only when — those words or the English they translate change, wherever the change is made.

const input = (overrides: Partial<PollInput> & { groupIds: string[] }): PollInput => ({
  title: "Summer trip",
  intro: "Tell us before the board meets.",
  titleTranslations: { ar: "رحلة الصيف" },
  introTranslations: { ar: "أخبرونا قبل اجتماع المجلس." },
  opensAt: null,
  closesAt: null,
  resultsVisibility: "after_vote",
  askId: null,
  questions: [
    {
      kind: "single",
      prompt: "Where should we go?",
      promptTranslations: { ar: "إلى أين نذهب؟" },
      maxChoices: null,
      options: [
        { label: "The seaside", labelTranslations: { ar: "شاطئ البحر" } },
        { label: "The mountains", labelTranslations: { ar: "الجبال" } },
      ],
    },
  ],
  ...overrides,
});

async function world() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Pat Officer" });
  const translator = await createStaff({ roles: ["translator"], name: "Huda Interpreter" });
  const poll = await createPoll(officer.id, input({ groupIds: [group.id] }));
  return { group, officer, translator, poll };
}

/** A form value as the browser posts it: `questions[0].options[1].labelTranslations.ar`. */
function formFields(value: unknown, prefix = "", into: Record<string, string | string[]> = {}) {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) into[prefix] = value;
  else if (Array.isArray(value)) value.forEach((v, i) => formFields(v, `${prefix}[${i}]`, into));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) formFields(v, prefix ? `${prefix}.${k}` : k, into);
  else if (value !== undefined && value !== null) into[prefix] = String(value);
  return into;
}

/** What the builder's form posts for a poll, as the officer's browser sends it unchanged. */
async function builderFields(officerId: string, pollId: string) {
  const { value } = await settle(async () => builderLoader(args(getRequest(`/officer/polls/${pollId}`, { cookie: await sessionCookie(officerId) }), { pollId })));
  const page = value as Awaited<ReturnType<typeof builderLoader>>;
  return { intent: "save", version: String(page.poll.version), base: JSON.stringify(page.defaultValue), ...formFields(page.defaultValue) };
}

const view = async (pollId: string, locale = "ar") => (await getPollTranslation(pollId, locale))!;

describe("the mark", () => {
  test("a translator marks a whole language checked, on exactly the words they saw", async () => {
    const { poll, translator } = await world();
    const before = await view(poll.id);
    expect(before).toMatchObject({ state: "drafted", translatedCount: 5, textCount: 5, checked: null });

    await setPollTranslationChecked(translator.id, poll.id, "ar", true, before.fingerprint);
    const after = await view(poll.id);
    expect(after.state).toBe("checked");
    expect(after.checked).toMatchObject({ byId: translator.id });
    expect(after.questions[0]!.options.every((o) => o.label.checked)).toBe(true);
    // Another language is not touched.
    expect((await view(poll.id, "ps")).state).toBe("missing");
    const logged = await prisma.auditLog.findFirst({ where: { action: "translation.check", entityId: `${poll.id}:ar` } });
    expect(logged?.actorId).toBe(translator.id);
  });

  test("words changed after the translator's screen was drawn are not marked", async () => {
    const { poll, officer, translator } = await world();
    const seen = (await view(poll.id)).fingerprint;
    const v = await view(poll.id);
    await setPollTranslation(officer.id, poll.id, "ar", {
      version: v.version,
      title: "رحلة الصيف",
      intro: v.intro.text,
      prompts: { [v.questions[0]!.id]: "أين نذهب في الصيف؟" },
      labels: {},
    });
    await expect(setPollTranslationChecked(translator.id, poll.id, "ar", true, seen)).rejects.toMatchObject({ reason: "changedMeanwhile" });
    expect((await view(poll.id)).state).toBe("drafted");
  });

  test("a language with a text still in English cannot be marked checked", async () => {
    const { officer, translator, group } = await world();
    const partial = await createPoll(officer.id, input({ groupIds: [group.id], introTranslations: {} }));
    const v = await view(partial.id);
    expect(v).toMatchObject({ state: "partial", translatedCount: 4, textCount: 5 });
    await expect(setPollTranslationChecked(translator.id, partial.id, "ar", true, v.fingerprint)).rejects.toBeInstanceOf(PollTranslationError);
    expect((await view(partial.id)).state).toBe("partial");
  });

  test("a scale's points left with the default words need no translation (young people see the interface's own)", async () => {
    const { officer, translator, group } = await world();
    const scale = await createPoll(
      officer.id,
      input({ groupIds: [group.id], questions: [{ kind: "scale", prompt: "How was it?", promptTranslations: { ar: "كيف كان؟" }, maxChoices: null, options: [] }] }),
    );
    const v = await view(scale.id);
    expect(v.questions[0]!.options).toHaveLength(5);
    expect(v.questions[0]!.options.every((o) => o.label.builtIn)).toBe(true);
    expect(v).toMatchObject({ state: "drafted", translatedCount: 3, textCount: 3 });
    await setPollTranslationChecked(translator.id, scale.id, "ar", true, v.fingerprint);
    expect((await view(scale.id)).state).toBe("checked");
  });

  test("changing one translation removes its mark and no other; the language is no longer checked", async () => {
    const { poll, officer, translator } = await world();
    await setPollTranslationChecked(translator.id, poll.id, "ar", true, (await view(poll.id)).fingerprint);
    const v = await view(poll.id);
    const [sea, hills] = v.questions[0]!.options;
    await setPollTranslation(officer.id, poll.id, "ar", {
      version: v.version,
      title: v.title.text,
      intro: v.intro.text,
      prompts: { [v.questions[0]!.id]: v.questions[0]!.prompt.text },
      labels: { [sea!.id]: "البحر", [hills!.id]: hills!.label.text },
    });
    const after = await view(poll.id);
    expect(after.state).toBe("drafted");
    expect(after.questions[0]!.options.map((o) => [o.label.text, o.label.checked])).toEqual([
      ["البحر", false],
      ["الجبال", true],
    ]);
    expect(after.title.checked).toBe(true);
  });
});

describe("saving the poll in the builder", () => {
  test("keeps the marks of texts that did not change, and drops those whose English or translation did", async () => {
    const { poll, officer, translator, group } = await world();
    await setPollTranslationChecked(translator.id, poll.id, "ar", true, (await view(poll.id)).fingerprint);

    // Saved as it is (new dates, say): every mark stays, though the builder rewrites the rows.
    await updatePoll(officer.id, poll.id, input({ groupIds: [group.id], closesAt: new Date("2030-01-01T12:00:00Z") }));
    expect((await view(poll.id)).state).toBe("checked");

    // The English of one option changes: its translation no longer certainly says the same.
    const edited = input({ groupIds: [group.id] });
    edited.questions[0]!.options[1]!.label = "The hills and mountains";
    await updatePoll(officer.id, poll.id, edited);
    const after = await view(poll.id);
    expect(after.state).toBe("drafted");
    expect(after.questions[0]!.options.map((o) => o.label.checked)).toEqual([true, false]);
    expect(after.title.checked).toBe(true);
  });

  test("after young people answered, a typo fix keeps the other marks", async () => {
    const { poll, officer, translator, group } = await world();
    await setPollStatus(officer.id, poll.id, "open");
    const voter = await createYoungPerson({ groupIds: [group.id] });
    const q = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { select: { id: true } } } });
    await castVote(voter.id, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[0]!.id] }]);
    await setPollTranslationChecked(translator.id, poll.id, "ar", true, (await view(poll.id)).fingerprint);

    const edit = await getPollForEditing(officer.id, poll.id);
    const next = input({ groupIds: [group.id] });
    next.questions[0] = { ...next.questions[0]!, id: edit!.questions[0]!.id, prompt: "Where shoud we go?", options: next.questions[0]!.options.map((o, i) => ({ ...o, id: edit!.questions[0]!.options[i]!.id })) };
    await updatePoll(officer.id, poll.id, next);
    const after = await view(poll.id);
    expect(after.questions[0]!.prompt.checked).toBe(false);
    expect(after.questions[0]!.options.every((o) => o.label.checked)).toBe(true);
    expect(after.title.checked).toBe(true);
  });

  test("an officer's form opened before a translator saved is refused, and comes back holding both people's changes", async () => {
    const { poll, officer } = await world();
    const fields = await builderFields(officer.id, poll.id);
    const v = await view(poll.id);
    await setPollTranslation(officer.id, poll.id, "ar", { version: v.version, title: "رحلة صيفية", intro: v.intro.text, prompts: {}, labels: {} });
    const cookie = await sessionCookie(officer.id);
    const typed = { ...fields, title: "Summer trip 2027" };
    const save = (form: Record<string, string | string[]>) => settle(() => builderAction(args(postRequest(`/officer/polls/${poll.id}`, form, { cookie }), { pollId: poll.id })));
    const { status, value } = await save(typed);
    expect(status).toBe(409);
    expect(value).toMatchObject({ error: { "": ["polls:errors.changedMeanwhile"] } });
    expect((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).title).toBe("Summer trip");
    // The form comes back on the version stored now, with the officer's title and the
    // interpreter's Arabic, and no clash (they changed different texts).
    const { conflict } = value as { conflict: { version: number; base: unknown; merged: Record<string, unknown>; clashes: number } };
    expect(conflict.version).toBe((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).version);
    expect(conflict.merged).toMatchObject({ title: "Summer trip 2027", titleTranslations: { ar: "رحلة صيفية" } });
    expect(conflict.clashes).toBe(0);

    // Saving that form again goes through, and nobody's words are lost.
    const again = await save({ intent: "save", version: String(conflict.version), base: JSON.stringify(conflict.base), ...formFields(conflict.merged) });
    expect(again.status).toBe(302);
    expect((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).title).toBe("Summer trip 2027");
    expect((await prisma.pollTranslation.findFirstOrThrow({ where: { pollId: poll.id, locale: "ar" } })).title).toBe("رحلة صيفية");
  });

  test("where the officer and the interpreter changed the same text, the officer's is kept and the clash counted", async () => {
    const { poll, officer } = await world();
    const fields = await builderFields(officer.id, poll.id);
    const v = await view(poll.id);
    await setPollTranslation(officer.id, poll.id, "ar", { version: v.version, title: "رحلة صيفية", intro: v.intro.text, prompts: {}, labels: {} });
    const cookie = await sessionCookie(officer.id);
    const { status, value } = await settle(() =>
      builderAction(args(postRequest(`/officer/polls/${poll.id}`, { ...fields, "titleTranslations.ar": "رحلتنا" }, { cookie }), { pollId: poll.id })),
    );
    expect(status).toBe(409);
    expect((value as { conflict: { merged: unknown; clashes: number } }).conflict).toMatchObject({ merged: { titleTranslations: { ar: "رحلتنا" } }, clashes: 1 });
  });

  test("the builder page shows each language's state and who checked it", async () => {
    const { poll, officer, translator } = await world();
    await setPollTranslationChecked(translator.id, poll.id, "ar", true, (await view(poll.id)).fingerprint);
    const cookie = await sessionCookie(officer.id);
    const { value } = await settle(() => builderLoader(args(getRequest(`/officer/polls/${poll.id}`, { cookie }), { pollId: poll.id })));
    const { translations } = value as Awaited<ReturnType<typeof builderLoader>>;
    expect(translations.find((l) => l.code === "ar")).toMatchObject({ state: "checked", checked: { by: "Huda Interpreter" } });
    expect(translations.find((l) => l.code === "ps")).toMatchObject({ state: "missing", checked: null });
    expect(translations).toHaveLength(12);
  });
});

describe("/translate/polls/:pollId", () => {
  const url = (pollId: string, lang = "ar") => `/translate/polls/${pollId}?lang=${lang}`;
  const post = async (userId: string, pollId: string, fields: Record<string, string>, lang = "ar") =>
    settle(async () => action(args(postRequest(url(pollId, lang), fields, { cookie: await sessionCookie(userId) }), { pollId })));
  const get = async (userId: string, pollId: string, lang = "ar") =>
    settle(async () => loader(args(getRequest(url(pollId, lang), { cookie: await sessionCookie(userId) }), { pollId })));

  test("a translator saves every text of a language in one form, and young people read it", async () => {
    const { poll, translator, group } = await world();
    const v = await view(poll.id, "ps");
    const q = v.questions[0]!;
    const fields = {
      intent: "save",
      version: String(v.version),
      title: "د دوبي سفر",
      intro: "د بورډ له غونډې مخکې موږ ته ووایاست.",
      [`prompts.${q.id}`]: "چېرته لاړ شو؟",
      [`labels.${q.options[0]!.id}`]: "د سمندر غاړه",
      [`labels.${q.options[1]!.id}`]: "غرونه",
    };
    const saved = await post(translator.id, poll.id, fields, "ps");
    expect(saved.status).toBe(302);
    expect((saved.value as Response).headers.get("Location")).toBe(`/translate/polls/${poll.id}?lang=ps&saved=1`);
    expect((await view(poll.id, "ps")).state).toBe("drafted");
    // The same form sent again (a double tap, a retry): nothing changes, and no conflict.
    expect((await post(translator.id, poll.id, fields, "ps")).status).toBe(302);

    const officer = await prisma.groupOfficer.findFirstOrThrow({ where: { groupId: group.id } });
    await setPollStatus(officer.userId, poll.id, "open");
    const voter = await createYoungPerson({ groupIds: [group.id], locale: "ps" });
    const shown = await getPollForVoter(voter.id, poll.id, "ps");
    expect(JSON.stringify(shown)).toContain("چېرته لاړ شو؟");
  });

  test("a translation that is too long comes back with its message and everything typed; nothing is saved", async () => {
    const { poll, translator } = await world();
    const v = await view(poll.id);
    const q = v.questions[0]!;
    const { status, value } = await post(translator.id, poll.id, {
      intent: "save",
      version: String(v.version),
      title: "عنوان جديد",
      intro: v.intro.text,
      [`prompts.${q.id}`]: "س".repeat(501),
    });
    expect(status).toBe(400);
    const reply = value as { errors: Record<string, string>; typed: Record<string, unknown> };
    expect(reply.errors[`prompts.${q.id}`]).toBe("polls:errors.promptLong");
    expect(reply.typed.title).toBe("عنوان جديد");
    expect((await view(poll.id)).title.text).toBe("رحلة الصيف");
  });

  test("only a translator can set the mark; an officer is refused", async () => {
    const { poll, officer } = await world();
    const { status } = await post(officer.id, poll.id, { intent: "check", seen: (await view(poll.id)).fingerprint });
    expect(status).toBe(403);
    expect((await view(poll.id)).state).toBe("drafted");
  });

  test("a board member, a young person and an officer of other groups cannot open it", async () => {
    const { poll } = await world();
    const board = await createStaff({ roles: ["board_member"] });
    const young = await createYoungPerson({ groupIds: [(await createGroup()).id] });
    const otherOfficer = await createStaff({ roles: ["officer"], groupIds: [(await createGroup()).id] });
    expect((await get(board.id, poll.id)).status).toBe(403);
    expect((await get(young.id, poll.id)).status).toBe(403);
    expect((await get(otherOfficer.id, poll.id)).status).toBe(404);
    expect((await post(otherOfficer.id, poll.id, { intent: "save", version: "0", title: "x" })).status).toBe(404);
  });

  test("a language the app does not have is a clear 400, not a silent switch", async () => {
    const { poll, translator } = await world();
    const { status, value } = await get(translator.id, poll.id, "xx");
    expect(status).toBe(400);
    expect(JSON.stringify(value)).toContain("translate:errors.language");
    expect((await get(translator.id, poll.id, "en")).status).toBe(400);
  });

  test("the translator's list holds every poll; an officer's, their groups' only", async () => {
    const { poll, officer, translator } = await world();
    const other = await world();
    const list = async (userId: string) => {
      const { value } = await settle(async () => indexLoader(args(getRequest("/translate?lang=ar", { cookie: await sessionCookie(userId) }))));
      return (value as Awaited<ReturnType<typeof indexLoader>>).polls.map((p) => p.id);
    };
    const mine = await list(officer.id);
    expect(mine).toContain(poll.id);
    expect(mine).not.toContain(other.poll.id);
    expect(await list(translator.id)).toEqual(expect.arrayContaining([poll.id, other.poll.id]));
  });
});

describe("/translate/asks/:askId", () => {
  test("an update's translation that is too long comes back with its message and the words typed; nothing is saved", async () => {
    const { officer, translator, group } = await world();
    const author = await createYoungPerson({ groupIds: [group.id] });
    const item = await createFeedbackItem({ authorId: author.id, groupId: group.id, status: "approved", themeKey: "school", decidedById: officer.id });
    const ask = await createAsk(officer.id, { title: "More trips", body: "", feedbackIds: [item.id], dueAt: null });
    const update = await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "Two trips this summer." });
    const typed = "و".repeat(MAX_ASK_TEXT_LENGTH + 1);
    const cookie = await sessionCookie(translator.id);
    const { status, value } = await settle(() =>
      askAction(args(postRequest(`/translate/asks/${ask.id}`, { intent: "translate", updateId: update.id, locale: "ar", text: typed }, { cookie }), { askId: ask.id })),
    );
    expect(status).toBe(400);
    const reply = value as { intent: string; error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.intent).toBe("translate");
    expect(reply.error.text).toEqual(["officer:errors.updateTextLong"]);
    expect(reply.initialValue).toMatchObject({ updateId: update.id, locale: "ar", text: typed });
    expect(await prisma.askUpdateTranslation.count({ where: { updateId: update.id } })).toBe(0);
  });
});
