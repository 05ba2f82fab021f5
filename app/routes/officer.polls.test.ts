import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { createAsk } from "#app/models/asks.server.ts";
import { castVote } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action as editAction, loader as editLoader } from "./officer.polls.$pollId.tsx";
import { loader as listLoader } from "./officer.polls._index.tsx";
import { action as newAction, loader as newLoader } from "./officer.polls.new.tsx";

type Fields = Record<string, string | string[]>;
type EditPage = Awaited<ReturnType<typeof editLoader>>;
type FormValue = EditPage["defaultValue"];

async function groupWithOfficer() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  return { group, officer, cookie: await sessionCookie(officer.id) };
}

/** A form's values as the browser posts them: `questions[0].options[1].label`, `titleTranslations.ar`. */
function formFields(value: unknown, prefix = "", out: Fields = {}): Fields {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    if (value.length) out[prefix] = value as string[];
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => formFields(item, `${prefix}[${index}]`, out));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) formFields(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && value !== null) {
    out[prefix] = String(value);
  }
  return out;
}

function create(cookie: string, fields: Fields) {
  return settle(() => newAction(args(postRequest("/officer/polls/new", fields, { cookie }))));
}

function edit(cookie: string, pollId: string, fields: Fields) {
  return settle(() => editAction(args(postRequest(`/officer/polls/${pollId}`, fields, { cookie }), { pollId })));
}

async function editPage(cookie: string, pollId: string) {
  const page = await settle(() => editLoader(args(getRequest(`/officer/polls/${pollId}`, { cookie }), { pollId })));
  expect(page.status).toBe(200);
  return page.value as EditPage;
}

function pollIdOf(result: { status: number; headers: Headers }) {
  expect(result.status).toBe(302);
  const match = /^\/officer\/polls\/([^/?]+)\?created=1$/.exec(result.headers.get("Location") ?? "");
  expect(match, result.headers.get("Location") ?? "no Location").not.toBeNull();
  return match![1]!;
}

/** A small valid poll for the given groups; `extra` adds or overrides fields. */
function simplePoll(groupIds: string | string[], extra: Fields = {}): Fields {
  return {
    title: `Poll ${randomUUID().slice(0, 8)}`,
    groupIds,
    resultsVisibility: "after_vote",
    "questions[0].kind": "single",
    "questions[0].prompt": "Which day suits you?",
    "questions[0].options[0].label": "Saturday",
    "questions[0].options[1].label": "Sunday",
    ...extra,
  };
}

/** Everything an edit could change about a poll, to compare before and after a refused one. */
async function pollSnapshot(pollId: string) {
  return prisma.poll.findUniqueOrThrow({
    where: { id: pollId },
    select: {
      title: true,
      intro: true,
      status: true,
      opensAt: true,
      closesAt: true,
      resultsVisibility: true,
      askId: true,
      version: true,
      translations: { orderBy: { locale: "asc" }, select: { locale: true, title: true, intro: true } },
      groups: { orderBy: { groupId: "asc" }, select: { groupId: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          prompt: true,
          maxChoices: true,
          translations: { select: { locale: true, prompt: true } },
          options: { orderBy: { position: "asc" }, select: { id: true, label: true, value: true, translations: { select: { locale: true, label: true } } } },
        },
      },
    },
  });
}

test("an officer makes a poll with every kind of question, translated, and one post made twice is one poll", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", decidedById: officer.id });
  const ask = await createAsk(officer.id, { title: "Summer", body: "", feedbackIds: [item.id], dueAt: null });

  const page = await settle(() => newLoader(args(getRequest("/officer/polls/new", { cookie }))));
  expect(page.status).toBe(200);
  const loaded = page.value as Awaited<ReturnType<typeof newLoader>>;
  expect(loaded.groups).toEqual([{ id: group.id, name: group.name }]);
  expect(loaded.asks).toContainEqual({ id: ask.id, title: "Summer" });
  // Their only group is ticked already; the form starts with one single-choice question.
  expect(loaded.defaultValue).toMatchObject({ groupIds: [group.id], questions: [{ kind: "single", options: [{ label: "" }, { label: "" }] }] });

  const fields: Fields = {
    submissionKey: loaded.submissionKey,
    title: "Summer activities",
    "titleTranslations.ar": "أنشطة الصيف",
    intro: "Tell us what you would like to do.",
    "introTranslations.ar": "أخبرونا بما تحبون فعله.",
    groupIds: group.id,
    // UK times: 09:00 in June is 08:00 UTC (BST); 18:30 in December is 18:30 UTC (GMT).
    opensAt: "2030-06-01T09:00",
    closesAt: "2030-12-01T18:30",
    resultsVisibility: "after_close",
    askId: ask.id,
    "questions[0].kind": "single",
    "questions[0].prompt": "Should we go to the seaside?",
    "questions[0].promptTranslations.ar": "هل نذهب إلى البحر؟",
    "questions[0].options[0].label": "Yes",
    "questions[0].options[0].labelTranslations.ar": "نعم",
    "questions[0].options[1].label": "No",
    "questions[0].options[1].labelTranslations.ar": "لا",
    "questions[1].kind": "multiple",
    "questions[1].prompt": "Which clubs?",
    "questions[1].maxChoices": "2",
    "questions[1].options[0].label": "Football",
    "questions[1].options[1].label": "Art",
    "questions[1].options[2].label": "Music",
    "questions[2].kind": "scale",
    "questions[2].prompt": "How was last summer?",
    "questions[2].options[0].label": "Awful",
    "questions[2].options[0].labelTranslations.ar": "سيئ جدًا",
    "questions[2].options[1].label": "",
    "questions[2].options[2].label": "Okay",
    "questions[2].options[3].label": "",
    "questions[2].options[4].label": "Great",
    "questions[3].kind": "ranking",
    "questions[3].prompt": "Put these in order",
    "questions[3].options[0].label": "Trips",
    "questions[3].options[1].label": "Clubs",
    "questions[3].options[2].label": "Food",
    "questions[4].kind": "text",
    "questions[4].prompt": "Anything else?",
    "questions[4].promptTranslations.ar": "هل من شيء آخر؟",
  };
  const made = await create(cookie, fields);
  const pollId = pollIdOf(made);

  const poll = await pollSnapshot(pollId);
  expect(poll).toMatchObject({
    title: "Summer activities",
    intro: "Tell us what you would like to do.",
    status: "draft",
    resultsVisibility: "after_close",
    askId: ask.id,
    translations: [{ locale: "ar", title: "أنشطة الصيف", intro: "أخبرونا بما تحبون فعله." }],
    groups: [{ groupId: group.id }],
  });
  expect(poll.opensAt!.toISOString()).toBe("2030-06-01T08:00:00.000Z");
  expect(poll.closesAt!.toISOString()).toBe("2030-12-01T18:30:00.000Z");
  expect(poll.questions.map((q) => [q.kind, q.maxChoices])).toEqual([
    ["single", null],
    ["multiple", 2],
    ["scale", null],
    ["ranking", null],
    ["text", null],
  ]);
  const [single, multiple, scale, ranking, text] = poll.questions;
  expect(single).toMatchObject({
    prompt: "Should we go to the seaside?",
    translations: [{ locale: "ar", prompt: "هل نذهب إلى البحر؟" }],
    options: [
      { label: "Yes", translations: [{ locale: "ar", label: "نعم" }] },
      { label: "No", translations: [{ locale: "ar", label: "لا" }] },
    ],
  });
  expect(multiple!.options.map((o) => o.label)).toEqual(["Football", "Art", "Music"]);
  // A scale's empty points take their usual words.
  expect(scale!.options.map((o) => [o.value, o.label])).toEqual([
    [1, "Awful"],
    [2, "Unhappy"],
    [3, "Okay"],
    [4, "Happy"],
    [5, "Great"],
  ]);
  expect(scale!.options[0]!.translations).toEqual([{ locale: "ar", label: "سيئ جدًا" }]);
  expect(ranking!.options.map((o) => o.label)).toEqual(["Trips", "Clubs", "Food"]);
  expect(text).toMatchObject({ options: [], translations: [{ locale: "ar", prompt: "هل من شيء آخر؟" }] });

  // The same form posted again (a double tap, a retry) makes nothing new and lands on the same poll.
  const again = await create(cookie, fields);
  expect(pollIdOf(again)).toBe(pollId);
  expect(await prisma.poll.count({ where: { title: "Summer activities" } })).toBe(1);
  // Two at once (a double tap on a slow connection): one poll, and both land on it.
  const twice = { ...fields, submissionKey: randomUUID(), title: "Twice" };
  const [first, second] = await Promise.all([create(cookie, twice), create(cookie, twice)]);
  expect(pollIdOf(first)).toBe(pollIdOf(second));
  expect(await prisma.poll.count({ where: { title: "Twice" } })).toBe(1);

  // The edit page shows it as saved, in UK wall-clock times, with its short link.
  const edited = await editPage(cookie, pollId);
  expect(edited.defaultValue).toMatchObject({
    title: "Summer activities",
    titleTranslations: { ar: "أنشطة الصيف" },
    opensAt: "2030-06-01T09:00",
    closesAt: "2030-12-01T18:30",
    askId: ask.id,
    questions: [{ kind: "single", options: [{ label: "Yes", labelTranslations: { ar: "نعم" } }, { label: "No" }] }, { kind: "multiple", maxChoices: 2 }, {}, {}, {}],
  });
  const shortCode = (await prisma.poll.findUniqueOrThrow({ where: { id: pollId }, select: { shortCode: true } })).shortCode;
  expect(edited.poll).toMatchObject({ state: "draft", answered: false, shortCode });
  expect(edited.poll.shortLink).toBe(`http://localhost:3000/p/${shortCode}`);
  expect(edited.results).toEqual([]);

  const list = await settle(() => listLoader(args(getRequest("/officer/polls", { cookie }))));
  expect(list.status).toBe(200);
  expect((list.value as Awaited<ReturnType<typeof listLoader>>).polls).toContainEqual(
    expect.objectContaining({ id: pollId, title: "Summer activities", groups: [group.name], state: "draft", shortCode, answered: false }),
  );
});

test("a poll with bad input is refused with a message beside each field, keeps what was typed, and saves nothing", async () => {
  const { group, cookie } = await groupWithOfficer();
  const before = await prisma.poll.count();
  const cases: [Fields, Record<string, string[]>][] = [
    [{ title: " ", resultsVisibility: "" }, { title: ["polls:errors.titleRequired"], groupIds: ["polls:errors.groupsRequired"], questions: ["polls:errors.questionsRequired"], resultsVisibility: ["polls:errors.visibilityRequired"] }],
    [simplePoll(group.id, { title: "x".repeat(201), intro: "y".repeat(2001) }), { title: ["polls:errors.titleLong"], intro: ["polls:errors.introLong"] }],
    [simplePoll(group.id, { "questions[0].prompt": "" }), { "questions[0].prompt": ["polls:errors.promptRequired"] }],
    [simplePoll(group.id, { "questions[0].options[1].label": " " }), { "questions[0].options[1].label": ["polls:errors.optionRequired"] }],
    [simplePoll(group.id, { "questions[0].prompt": "p".repeat(501), "questions[0].options[0].label": "o".repeat(201) }), { "questions[0].prompt": ["polls:errors.promptLong"], "questions[0].options[0].label": ["polls:errors.optionLong"] }],
    [simplePoll(group.id, { "questions[0].options[1].label": " saturday " }), { "questions[0].options[1].label": ["polls:errors.optionDuplicate"] }],
    [
      { ...simplePoll(group.id), "questions[0].options[1].label": [] },
      { "questions[0].options": ["polls:errors.optionsTooFew"] },
    ],
    [
      simplePoll(group.id, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`questions[0].options[${i}].label`, `Option ${i}`]))),
      { "questions[0].options": ["polls:errors.optionsTooMany"] },
    ],
    [simplePoll(group.id, { "questions[0].kind": "multiple", "questions[0].maxChoices": "3" }), { "questions[0].maxChoices": ["polls:errors.maxChoicesRange"] }],
    [simplePoll(group.id, { "questions[0].kind": "multiple", "questions[0].maxChoices": "0" }), { "questions[0].maxChoices": ["polls:errors.maxChoicesRange"] }],
    [simplePoll(group.id, { "questions[0].kind": "poll" }), { "questions[0].kind": ["polls:errors.kindRequired"] }],
    [simplePoll(group.id, { opensAt: "2030-06-02T10:00", closesAt: "2030-06-02T09:59" }), { closesAt: ["polls:errors.closesBeforeOpens"] }],
    [simplePoll(group.id, { opensAt: "next week", closesAt: "2030-02-30T10:00" }), { opensAt: ["polls:errors.dateInvalid"], closesAt: ["polls:errors.dateInvalid"] }],
    [simplePoll(group.id, { "introTranslations.ar": "مقدمة" }), { "titleTranslations.ar": ["polls:errors.titleTranslationNeeded"] }],
    [simplePoll(group.id, { resultsVisibility: "always" }), { resultsVisibility: ["polls:errors.visibilityRequired"] }],
    [
      simplePoll(
        group.id,
        Object.fromEntries(
          Array.from({ length: 21 }, (_, i) => [
            [`questions[${i}].kind`, "text"],
            [`questions[${i}].prompt`, `Question ${i}`],
          ]).flat(),
        ),
      ),
      { questions: ["polls:errors.questionsTooMany"] },
    ],
  ];
  for (const [fields, errors] of cases) {
    const result = await create(cookie, fields);
    expect(result.status, JSON.stringify(errors)).toBe(400);
    expect(result.value, JSON.stringify(errors)).toMatchObject({ error: errors });
  }
  // What was typed comes back.
  const typed = await create(cookie, simplePoll(group.id, { title: "Kept", "questions[0].options[1].label": "saturday" }));
  expect(typed.value).toMatchObject({ initialValue: { title: "Kept", questions: [{ options: [{ label: "Saturday" }, { label: "saturday" }] }] } });
  // An ask that does not exist is refused too (not a database error).
  const noAsk = await create(cookie, simplePoll(group.id, { askId: "no-such-ask" }));
  expect(noAsk).toMatchObject({ status: 400, value: { error: { askId: ["polls:errors.askUnknown"] } } });
  expect(await prisma.poll.count()).toBe(before);
});

test("add and remove buttons work without JavaScript: the changed form comes back and nothing is saved", async () => {
  const { group, cookie } = await groupWithOfficer();
  const before = await prisma.poll.count();
  const insert = JSON.stringify({ type: "insert", payload: { name: "questions", defaultValue: { kind: "single", prompt: "", options: [{ label: "" }, { label: "" }] } } });
  const added = await create(cookie, { ...simplePoll(group.id, { title: "Typed" }), __intent__: insert });
  expect(added.status).toBe(200);
  expect(added.value).toMatchObject({
    initialValue: { title: "Typed", questions: [{ prompt: "Which day suits you?" }, { kind: "single" }] },
  });
  // Two empty options (empty values travel as nothing).
  expect((added.value as { initialValue: { questions: { options: unknown[] }[] } }).initialValue.questions[1]!.options).toHaveLength(2);

  const remove = JSON.stringify({ type: "remove", payload: { name: "questions[0].options", index: 0 } });
  const removed = await create(cookie, { ...simplePoll(group.id), "questions[0].options[2].label": "Monday", __intent__: remove });
  expect(removed.status).toBe(200);
  expect(removed.value).toMatchObject({ initialValue: { questions: [{ options: [{ label: "Sunday" }, { label: "Monday" }] }] } });

  // A forged control is a bad request, not a server error.
  expect((await create(cookie, { ...simplePoll(group.id), __intent__: "{not json" })).status).toBe(400);
  expect(await prisma.poll.count()).toBe(before);
});

test("a poll aimed at a group the officer does not run is refused, alone or beside their own", async () => {
  const { group, cookie } = await groupWithOfficer();
  const other = await createGroup();
  await createStaff({ roles: ["officer"], groupIds: [other.id] });
  const before = await prisma.poll.count();
  for (const groupIds of [[other.id], [group.id, other.id], ["no-such-group"]]) {
    const result = await create(cookie, simplePoll(groupIds));
    expect(result.status).toBe(400);
    expect(result.value).toMatchObject({ error: { groupIds: ["polls:errors.notYourGroups"] } });
  }
  expect(await prisma.poll.count()).toBe(before);
});

test("before anyone answers, anything about a poll may change", async () => {
  const { group, cookie } = await groupWithOfficer();
  const pollId = pollIdOf(
    await create(
      cookie,
      simplePoll(group.id, {
        title: "Before",
        "questions[0].options[0].label": "Yes",
        "questions[0].options[1].label": "Not sure",
        "questions[1].kind": "text",
        "questions[1].prompt": "Why?",
      }),
    ),
  );
  const form = (await editPage(cookie, pollId)).defaultValue;
  const changed: FormValue = {
    ...form,
    title: "After",
    questions: [
      {
        ...form.questions[0]!,
        kind: "multiple",
        maxChoices: 2,
        prompt: "Which ones?",
        options: [{ ...form.questions[0]!.options![0]!, label: "No" }, form.questions[0]!.options![1]!, { label: "Maybe" }],
      },
    ],
  };
  const saved = await edit(cookie, pollId, { intent: "save", ...formFields(changed) });
  expect(saved.status).toBe(302);
  expect(saved.headers.get("Location")).toBe(`/officer/polls/${pollId}?saved=1`);
  const poll = await pollSnapshot(pollId);
  expect(poll).toMatchObject({ title: "After", version: 2 });
  expect(poll.questions).toHaveLength(1);
  expect(poll.questions[0]).toMatchObject({ kind: "multiple", maxChoices: 2, prompt: "Which ones?" });
  expect(poll.questions[0]!.options.map((o) => o.label)).toEqual(["No", "Not sure", "Maybe"]);
});

test("after an answer, a change of meaning is refused beside what caused it and nothing is saved; typo fixes and translations are saved", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const second = await createGroup();
  await prisma.groupOfficer.create({ data: { groupId: second.id, userId: officer.id } });
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const pollId = pollIdOf(
    await create(cookie, {
      title: "Courses",
      groupIds: [group.id, second.id],
      resultsVisibility: "after_vote",
      "questions[0].kind": "single",
      "questions[0].prompt": "Would you like help with a course?",
      "questions[0].options[0].label": "Yes",
      "questions[0].options[1].label": "Not sure",
      "questions[1].kind": "multiple",
      "questions[1].prompt": "Which ones interest you?",
      "questions[1].maxChoices": "2",
      "questions[1].options[0].label": "Collage",
      "questions[1].options[1].label": "Work",
      "questions[1].options[2].label": "Training",
    }),
  );
  const opened = await edit(cookie, pollId, { intent: "open" });
  expect(opened).toMatchObject({ status: 200, value: { statusChanged: "open" } });
  const stored = await pollSnapshot(pollId);
  const [q0, q1] = stored.questions;
  await castVote(yp.id, pollId, [
    { questionId: q0!.id, kind: "choice", optionIds: [q0!.options[0]!.id] },
    { questionId: q1!.id, kind: "choice", optionIds: [q1!.options[0]!.id, q1!.options[2]!.id] },
  ]);

  const page = await editPage(cookie, pollId);
  expect(page.poll).toMatchObject({ answered: true, state: "open" });
  const form = page.defaultValue;
  const before = await pollSnapshot(pollId);
  const question = (i: number) => form.questions[i]!;
  const options = (i: number) => question(i).options!;
  const withQuestion = (i: number, change: Partial<FormValue["questions"][number]>): FormValue => ({
    ...form,
    questions: form.questions.map((q, qi) => (qi === i ? { ...q, ...change } : q)),
  });

  const refusals: [string, FormValue, Record<string, string[]>][] = [
    ["a new kind", withQuestion(0, { kind: "multiple", maxChoices: 1 }), { "questions[0].kind": ["polls:errors.kindFixed"] }],
    ["an added option", withQuestion(0, { options: [...options(0), { label: "No" }] }), { "questions[0].options": ["polls:errors.optionsFixed"] }],
    ["a removed option", withQuestion(1, { options: options(1).slice(0, 2) }), { "questions[1].options": ["polls:errors.optionsFixed"] }],
    ["Yes reworded as No", withQuestion(0, { options: [{ ...options(0)[0]!, label: "No" }, options(0)[1]!] }), { "questions[0].options[0].label": ["polls:errors.optionMeaningChanged"] }],
    ["Work reworded as No work", withQuestion(1, { options: [options(1)[0]!, { ...options(1)[1]!, label: "No work" }, options(1)[2]!] }), { "questions[1].options[1].label": ["polls:errors.optionMeaningChanged"] }],
    ["a reworded question", withQuestion(0, { prompt: "Would you like to leave your course?" }), { "questions[0].prompt": ["polls:errors.promptMeaningChanged"] }],
    ["a new maximum", withQuestion(1, { maxChoices: 3 }), { "questions[1].maxChoices": ["polls:errors.maxChoicesFixed"] }],
    ["a removed question", { ...form, questions: [question(0)] }, { questions: ["polls:errors.questionsFixed"] }],
    ["a new question", { ...form, questions: [...form.questions, { kind: "text", prompt: "Why?" }] }, { questions: ["polls:errors.questionsFixed"] }],
    ["swapped options", withQuestion(0, { options: [options(0)[1]!, options(0)[0]!] }), { "questions[0].options[0].label": ["polls:errors.optionMeaningChanged"] }],
    ["a group taken off", { ...form, groupIds: [group.id] }, { groupIds: ["polls:errors.groupsFixed"] }],
  ];
  for (const [what, value, errors] of refusals) {
    const result = await edit(cookie, pollId, { intent: "save", ...formFields({ ...value, title: "Renamed" }) });
    expect(result.status, what).toBe(400);
    expect(result.value, what).toMatchObject({ error: { "": ["polls:errors.nothingSaved"], ...errors } });
    // Everything typed comes back.
    expect(result.value, what).toMatchObject({ initialValue: { title: "Renamed" } });
    expect(await pollSnapshot(pollId), what).toEqual(before);
  }

  // A typo fixed, translations added and changed, and the parts without meaning of their own: saved.
  const fixed: FormValue = {
    ...form,
    title: "Courses and training",
    titleTranslations: { ar: "الدورات والتدريب" },
    intro: "Tell us by Friday.",
    groupIds: [group.id, second.id],
    questions: [
      { ...question(0), prompt: "Would you like help with a course ?", promptTranslations: { ar: "هل تريد مساعدة في دورة؟" } },
      {
        ...question(1),
        options: [
          { ...options(1)[0]!, label: "College", labelTranslations: { ar: "الكلية" } },
          { ...options(1)[1]!, label: "work" },
          { ...options(1)[2]!, labelTranslations: { ar: "تدريب" } },
        ],
      },
    ],
  };
  const saved = await edit(cookie, pollId, { intent: "save", ...formFields(fixed) });
  expect(saved.status).toBe(302);
  const after = await pollSnapshot(pollId);
  expect(after).toMatchObject({ title: "Courses and training", intro: "Tell us by Friday.", translations: [{ locale: "ar", title: "الدورات والتدريب" }] });
  // The same questions and options (the answers given still belong to them), with the words fixed.
  expect(after.questions.map((q) => q.id)).toEqual(before.questions.map((q) => q.id));
  expect(after.questions[1]!.options.map((o) => [o.id, o.label])).toEqual([
    [q1!.options[0]!.id, "College"],
    [q1!.options[1]!.id, "work"],
    [q1!.options[2]!.id, "Training"],
  ]);
  expect(after.questions[1]!.options[0]!.translations).toEqual([{ locale: "ar", label: "الكلية" }]);
  expect(after.questions[0]!.translations).toEqual([{ locale: "ar", prompt: "هل تريد مساعدة في دورة؟" }]);

  // Officers see exact numbers, however small, in one table per question.
  const results = (await editPage(cookie, pollId)).results;
  expect(results).toHaveLength(1);
  expect(results[0]!.results.questions[0]).toMatchObject({
    voters: { kind: "exact", value: 1 },
    options: [{ label: "Yes", shown: { kind: "exact", value: 1 } }, { label: "Not sure", shown: { kind: "exact", value: 0 } }],
  });
  expect(results[0]!.results.questions[1]!.options.map((o) => [o.label, o.shown])).toEqual([
    ["College", { kind: "exact", value: 1 }],
    ["work", { kind: "exact", value: 0 }],
    ["Training", { kind: "exact", value: 1 }],
  ]);
});

test("an officer opens, closes and opens again by hand, and a scheduled poll shows as scheduled", async () => {
  const { group, cookie } = await groupWithOfficer();
  const pollId = pollIdOf(await create(cookie, simplePoll(group.id)));
  const state = async () => (await editPage(cookie, pollId)).poll.state;
  expect(await state()).toBe("draft");

  expect(await edit(cookie, pollId, { intent: "open" })).toMatchObject({ status: 200, value: { statusChanged: "open" } });
  expect(await state()).toBe("open");
  expect(await edit(cookie, pollId, { intent: "close" })).toMatchObject({ status: 200, value: { statusChanged: "close" } });
  expect(await state()).toBe("closed");
  const closed = await prisma.poll.findUniqueOrThrow({ where: { id: pollId }, select: { status: true, closesAt: true } });
  expect(closed.status).toBe("closed");
  expect(closed.closesAt!.getTime()).toBeLessThanOrEqual(Date.now());
  expect(await edit(cookie, pollId, { intent: "open" })).toMatchObject({ status: 200 });
  expect(await state()).toBe("open");

  const later = pollIdOf(await create(cookie, simplePoll(group.id, { opensAt: "2099-01-01T09:00" })));
  await edit(cookie, later, { intent: "open" });
  expect((await editPage(cookie, later)).poll.state).toBe("scheduled");

  // A draft whose closing time has passed is not opened (it would open closed).
  const stale = pollIdOf(await create(cookie, simplePoll(group.id, { closesAt: "2020-01-01T09:00" })));
  const refused = await edit(cookie, stale, { intent: "open" });
  expect(refused).toMatchObject({ status: 400, value: { statusError: "polls:errors.closingTimePassed" } });
  expect(await prisma.poll.findUniqueOrThrow({ where: { id: stale }, select: { status: true } })).toEqual({ status: "draft" });
});

test("a young person and a board member are refused (403) by every builder route, and nothing changes", async () => {
  const { group, cookie: officerCookie } = await groupWithOfficer();
  const pollId = pollIdOf(await create(officerCookie, simplePoll(group.id)));
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const board = await createStaff({ roles: ["board_member"] });
  for (const person of [yp, board]) {
    const cookie = await sessionCookie(person.id);
    const before = { count: await prisma.poll.count(), poll: await pollSnapshot(pollId) };
    const calls: (() => Promise<unknown>)[] = [
      () => listLoader(args(getRequest("/officer/polls", { cookie }))),
      () => newLoader(args(getRequest("/officer/polls/new", { cookie }))),
      () => newAction(args(postRequest("/officer/polls/new", simplePoll(group.id), { cookie }))),
      () => editLoader(args(getRequest(`/officer/polls/${pollId}`, { cookie }), { pollId })),
      () => editAction(args(postRequest(`/officer/polls/${pollId}`, { intent: "close" }, { cookie }), { pollId })),
      () => editAction(args(postRequest(`/officer/polls/${pollId}`, { intent: "save", ...simplePoll(group.id, { title: "Taken" }) }, { cookie }), { pollId })),
    ];
    for (const call of calls) expect((await settle(call)).status).toBe(403);
    expect({ count: await prisma.poll.count(), poll: await pollSnapshot(pollId) }).toEqual(before);
  }
});

test("an officer of another group gets 404 for a poll, to open, change, open or close, and does not see it listed", async () => {
  const { group, cookie } = await groupWithOfficer();
  const pollId = pollIdOf(await create(cookie, simplePoll(group.id, { title: "Not theirs" })));
  const { cookie: stranger } = await groupWithOfficer();
  const before = await pollSnapshot(pollId);
  expect((await settle(() => editLoader(args(getRequest(`/officer/polls/${pollId}`, { cookie: stranger }), { pollId })))).status).toBe(404);
  for (const fields of [{ intent: "open" }, { intent: "close" }, { intent: "save", ...simplePoll(group.id, { title: "Taken" }) }]) {
    expect((await edit(stranger, pollId, fields)).status).toBe(404);
  }
  expect(await pollSnapshot(pollId)).toEqual(before);
  const list = await settle(() => listLoader(args(getRequest("/officer/polls", { cookie: stranger }))));
  expect(JSON.stringify(list.value)).not.toContain("Not theirs");
  expect((await edit(cookie, "no-such-poll", { intent: "open" })).status).toBe(404);
});

test("a poll shared with a group the officer does not run: only their groups' exact numbers, and it cannot be changed from here", async () => {
  const groupA = await createGroup();
  const groupB = await createGroup();
  const both = await createStaff({ roles: ["officer"], groupIds: [groupA.id, groupB.id] });
  const onlyA = await createStaff({ roles: ["officer"], groupIds: [groupA.id] });
  const bothCookie = await sessionCookie(both.id);
  const cookie = await sessionCookie(onlyA.id);
  const pollId = pollIdOf(await create(bothCookie, simplePoll([groupA.id, groupB.id], { title: "Shared" })));
  await edit(bothCookie, pollId, { intent: "open" });
  const { questions } = await pollSnapshot(pollId);
  const [inA, inB] = [await createYoungPerson({ groupIds: [groupA.id] }), await createYoungPerson({ groupIds: [groupB.id] })];
  await castVote(inA.id, pollId, [{ questionId: questions[0]!.id, kind: "choice", optionIds: [questions[0]!.options[0]!.id] }]);
  await castVote(inB.id, pollId, [{ questionId: questions[0]!.id, kind: "choice", optionIds: [questions[0]!.options[1]!.id] }]);

  const page = await editPage(cookie, pollId);
  expect(page.groupsNotRun).toBe(1);
  expect(page.results).toEqual([expect.objectContaining({ groupName: groupA.name })]);
  expect(page.results[0]!.results.questions[0]!.options.map((o) => o.shown)).toEqual([
    { kind: "exact", value: 1 },
    { kind: "exact", value: 0 },
  ]);
  // Saving from the form (which lists this officer's groups only) would take group B off the poll.
  const before = await pollSnapshot(pollId);
  const saved = await edit(cookie, pollId, { intent: "save", ...formFields({ ...page.defaultValue, groupIds: [groupA.id], title: "Mine now" }) });
  expect(saved).toMatchObject({ status: 400, value: { error: { "": ["polls:errors.sharedPoll"] } } });
  expect(await pollSnapshot(pollId)).toEqual(before);
  // The officer who runs both sees everyone.
  const all = await editPage(bothCookie, pollId);
  expect(all.results[0]!.results.questions[0]!.voters).toEqual({ kind: "exact", value: 2 });
});
