import { expect, test } from "vitest";
import { accountabilityFigures, median } from "#app/models/accountability.server.ts";
import { addAskUpdate, createAsk, groupTimeline, updateTranslationFingerprint } from "#app/models/asks.server.ts";
import { listMyNotifications } from "#app/models/notifications.server.ts";
import { castVote, createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { action as boardAskAction, loader as boardAskLoader } from "#app/routes/board.asks.$askId.tsx";
import { loader as accountabilityLoader } from "#app/routes/board.accountability.tsx";
import { action as homeAction, loader as homeLoader } from "#app/routes/me._index.tsx";
import { loader as timelineLoader } from "#app/routes/me.groups.$groupId.tsx";
import { action as officerAskAction } from "#app/routes/officer.asks.$askId.tsx";
import { action as newAskAction } from "#app/routes/officer.asks.new.tsx";
import { goesBack } from "#app/utils/asks.ts";
import { prisma } from "#app/utils/db.server.ts";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

const DAY = 24 * 60 * 60 * 1000;

/** A group, its officer, two young people with approved items (one anonymous to officers) and an ask of them. */
async function askOfTwo(tag = Math.random().toString(36).slice(2, 8)) {
  const group = await createGroup({ name: `Group ${tag}` });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const amira = await createYoungPerson({ groupIds: [group.id], nickname: `Amira-${tag}`, locale: "ar" });
  const hidden = await createYoungPerson({ groupIds: [group.id], nickname: `Hidden-${tag}`, locale: "ps" });
  const quoted = await createFeedbackItem({ authorId: amira.id, groupId: group.id, status: "approved", mayQuote: true, text: `We need wifi ${tag}` });
  const secret = await createFeedbackItem({
    authorId: hidden.id,
    groupId: group.id,
    status: "approved",
    mayQuote: false,
    identity: "safeguarding",
    text: `My own words ${tag}`,
  });
  const ask = await createAsk(officer.id, { title: `Wifi ${tag}`, body: "Wifi in every home.", feedbackIds: [quoted.id, secret.id], dueAt: null });
  return { group, officer, amira, hidden, ask, quoted, secret, tag };
}

function boardPost(cookie: string, askId: string, fields: Record<string, string>) {
  return settle(async () => boardAskAction(args(postRequest(`/board/asks/${askId}`, fields, { cookie }), { askId })));
}

test("a status that goes back needs a reason; without one nothing is posted and nobody is told", async () => {
  const { ask, amira } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(board.id);
  expect((await boardPost(cookie, ask.id, { intent: "update", status: "done", text: "Wifi is in every home." })).status).toBe(200);

  const back = await boardPost(cookie, ask.id, { intent: "update", status: "in_progress", text: "Two homes still wait." });
  expect(back.status).toBe(400);
  expect(back.value).toMatchObject({ intent: "update", error: { reason: ["officer:errors.statusBackNeedsReason"] }, initialValue: { text: "Two homes still wait." } });
  expect(await prisma.askUpdate.count({ where: { askId: ask.id } })).toBe(1);
  expect(await prisma.notification.count({ where: { askId: ask.id, userId: amira.id } })).toBe(1);
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { status: true } })).toEqual({ status: "done" });

  // done → not possible swaps one end for the other: that too needs a reason.
  expect((await boardPost(cookie, ask.id, { intent: "update", status: "not_possible", text: "No." })).status).toBe(400);

  const withReason = await boardPost(cookie, ask.id, { intent: "update", status: "in_progress", text: "Two homes still wait.", reason: "The router in two homes broke." });
  expect(withReason.status).toBe(200);
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { status: true } })).toEqual({ status: "in_progress" });
  expect(goesBack("agreed", "in_progress")).toBe(false);
  expect(goesBack("in_progress", "agreed")).toBe(true);
  expect(goesBack("not_possible", "agreed")).toBe(true);
});

test("an owner must be an active board member or officer: anyone else is a clear error, and nothing is saved", async () => {
  const { ask, amira, group, officer, quoted } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  const adminOnly = await createStaff({ roles: ["admin"] });
  const gone = await createStaff({ roles: ["board_member"] });
  await prisma.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
  const cookie = await sessionCookie(board.id);
  const { version } = await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { version: true } });

  for (const ownerId of [amira.id, adminOnly.id, gone.id, "no-such-user"]) {
    const result = await boardPost(cookie, ask.id, { intent: "plan", ownerId, dueOn: ukDate(5), version: String(version) });
    expect(result.status).toBe(400);
    expect(result.value).toMatchObject({ intent: "plan", error: { ownerId: ["officer:errors.ownerNotStaff"] }, initialValue: { ownerId } });
  }
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { ownerId: true, dueAt: true } })).toEqual({ ownerId: null, dueAt: null });

  // Raising an ask with such an owner is refused the same way.
  const officerCookie = await sessionCookie(officer.id);
  const raised = await settle(async () =>
    newAskAction(args(postRequest("/officer/asks/new", { feedbackIds: [quoted.id], title: "T", body: "B", ownerId: amira.id }, { cookie: officerCookie }))),
  );
  expect(raised.status).toBe(400);
  expect(raised.value).toMatchObject({ error: { ownerId: ["officer:errors.ownerNotStaff"] } });
  expect(await prisma.ask.count({ where: { title: "T" } })).toBe(0);

  const ok = await boardPost(cookie, ask.id, { intent: "plan", ownerId: board.id, dueOn: ukDate(5), version: String(version) });
  expect(ok.status).toBe(200);
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { ownerId: true } })).toEqual({ ownerId: board.id });
  // The same form again, on the old version: someone changed it meanwhile.
  expect((await boardPost(cookie, ask.id, { intent: "plan", ownerId: board.id, version: String(version) })).status).toBe(409);
  expect(await prisma.auditLog.count({ where: { action: "ask.plan", entityId: ask.id } })).toBe(1);
  void group;
});

test("bad dates are clear errors: not a date, not a real day, in the past", async () => {
  const { ask } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  const cookie = await sessionCookie(board.id);
  const cases: [string, string][] = [
    ["tomorrow", "officer:errors.dateInvalid"],
    ["2027-02-30", "officer:errors.dateInvalid"],
    ["2027-13-01", "officer:errors.dateInvalid"],
    [ukDate(-1), "officer:errors.dateInPast"],
  ];
  for (const [dueOn, message] of cases) {
    const result = await boardPost(cookie, ask.id, { intent: "plan", dueOn, version: "1" });
    expect(result.status, dueOn).toBe(400);
    expect(result.value).toMatchObject({ error: { dueOn: [message] }, initialValue: { dueOn } });
  }
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: ask.id }, select: { dueAt: true } })).toEqual({ dueAt: null });
});

test("board members acknowledge an ask once each; officers and young people cannot", async () => {
  const { ask, officer, amira } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"], name: "Chair of the board" });
  const cookie = await sessionCookie(board.id);
  for (let i = 0; i < 2; i++) expect((await boardPost(cookie, ask.id, { intent: "acknowledge" })).status).toBe(200);
  expect(await prisma.askAcknowledgement.count({ where: { askId: ask.id } })).toBe(1);
  expect(await prisma.auditLog.count({ where: { action: "ask.acknowledge", entityId: ask.id } })).toBe(1);

  const page = await settle(async () => boardAskLoader(args(getRequest(`/board/asks/${ask.id}`, { cookie }), { askId: ask.id })));
  const data = page.value as Awaited<ReturnType<typeof boardAskLoader>>;
  expect(data.ask.acknowledgedByMe).toBe(true);
  expect(data.ask.acknowledgements).toEqual([{ name: "Chair of the board", at: expect.any(Date) }]);

  const officerCookie = await sessionCookie(officer.id);
  const byOfficer = await settle(async () => officerAskAction(args(postRequest(`/officer/asks/${ask.id}`, { intent: "acknowledge" }, { cookie: officerCookie }), { askId: ask.id })));
  expect(byOfficer.status).toBe(403);
  const byYoungPerson = await boardPost(await sessionCookie(amira.id), ask.id, { intent: "acknowledge" });
  expect(byYoungPerson.status).toBe(403);
  expect(await prisma.askAcknowledgement.count({ where: { askId: ask.id } })).toBe(1);
});

test("each contributor is told in their language, with a marked English fallback, and never learns who else contributed", async () => {
  const { ask, amira, hidden, group, tag, quoted, secret } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  await addAskUpdate(board.id, ask.id, { status: "agreed", text: "We agreed: wifi for all.", translations: { ar: "وافقنا: واي فاي للجميع." } });

  const arabic = await listMyNotifications(amira.id, "ar");
  expect(arabic).toHaveLength(1);
  expect(arabic[0]).toMatchObject({
    kind: "ask_update",
    unread: true,
    askTitle: `Wifi ${tag}`,
    update: { status: "agreed", text: "وافقنا: واي فاي للجميع.", inEnglishFallback: false },
    href: `/me/groups/${group.id}#ask-${ask.id}`,
  });
  const pashto = await listMyNotifications(hidden.id, "ps");
  expect(pashto[0]).toMatchObject({ update: { text: "We agreed: wifi for all.", inEnglishFallback: true } });

  // Nothing in either notification names, counts or quotes the other contributor.
  for (const [mine, other] of [
    [arabic, hidden],
    [pashto, amira],
  ] as const) {
    const sent = JSON.stringify(mine);
    expect(sent).not.toContain(other.displayName);
    expect(sent).not.toContain(other.id);
  }
  expect(JSON.stringify(pashto)).not.toContain(quoted.text);
  expect(JSON.stringify(arabic)).not.toContain(secret.text);

  // Through the home page: the same, in the reader's language (their saved one).
  const home = await settle(async () => homeLoader(args(getRequest("/me", { cookie: await sessionCookie(amira.id) }))));
  const homeData = home.value as Awaited<ReturnType<typeof homeLoader>>;
  expect(homeData.notifications.map((n) => n.update?.text)).toEqual(["وافقنا: واي فاي للجميع."]);
  expect(JSON.stringify(homeData)).not.toContain(hidden.displayName);
});

test("a young person's 'mark all as read' marks only their own; another group's timeline is not found", async () => {
  const { ask, amira, hidden, group } = await askOfTwo();
  const other = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  await addAskUpdate(board.id, ask.id, { status: "agreed", text: "Yes." });

  expect((await settle(async () => homeAction(args(postRequest("/me", {}, { cookie: await sessionCookie(amira.id) }))))).status).toBe(200);
  expect(await prisma.notification.count({ where: { userId: amira.id, readAt: null } })).toBe(0);
  expect(await prisma.notification.count({ where: { userId: hidden.id, readAt: null } })).toBe(1);

  const cookie = await sessionCookie(other.amira.id);
  const elsewhere = await settle(async () => timelineLoader(args(getRequest(`/me/groups/${group.id}`, { cookie }), { groupId: group.id })));
  expect(elsewhere.status).toBe(404);
  // Staff cannot use the young people's action either.
  expect((await settle(async () => homeAction(args(postRequest("/me", {}, { cookie: await sessionCookie(board.id) }))))).status).toBe(403);

  // Opening one's own timeline reads its news.
  const own = await settle(async () => timelineLoader(args(getRequest(`/me/groups/${group.id}`, { cookie: await sessionCookie(hidden.id) }), { groupId: group.id })));
  expect(own.status).toBe(200);
  expect(await prisma.notification.count({ where: { userId: hidden.id, readAt: null } })).toBe(0);
});

test("voters in a poll linked to an ask are told of each update, once, and nobody learns how they voted", async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: "Bus passes",
    intro: "",
    titleTranslations: { ar: "بطاقات الحافلة" },
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Free bus passes?", promptTranslations: {}, maxChoices: null, options: [{ label: "Yes", labelTranslations: {} }, { label: "No", labelTranslations: {} }] }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const q = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  const yes = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
  const no = await createYoungPerson({ groupIds: [group.id] });
  const both = await createYoungPerson({ groupIds: [group.id] });
  const nonVoter = await createYoungPerson({ groupIds: [group.id] });
  await castVote(yes.id, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[0]!.id] }]);
  await castVote(no.id, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[1]!.id] }]);
  await castVote(both.id, poll.id, [{ questionId: q.id, kind: "choice", optionIds: [q.options[0]!.id] }]);
  const item = await createFeedbackItem({ authorId: both.id, groupId: group.id, status: "approved", mayQuote: true });

  // A poll of another officer's group cannot be gathered.
  const stranger = await createStaff({ roles: ["officer"], groupIds: [(await createGroup()).id] });
  await expect(createAsk(stranger.id, { title: "x", body: "y", feedbackIds: [], pollIds: [poll.id], dueAt: null })).rejects.toMatchObject({ reason: "pollsNotYours" });

  const ask = await createAsk(officer.id, { title: "Bus passes for all", body: "From the poll.", feedbackIds: [item.id], pollIds: [poll.id], dueAt: null });
  expect(await prisma.poll.findUniqueOrThrow({ where: { id: poll.id }, select: { askId: true } })).toEqual({ askId: ask.id });
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "Agreed." });

  const told = await prisma.notification.findMany({ where: { askId: ask.id, kind: "ask_update" }, select: { userId: true, groupId: true } });
  expect(told.map((n) => n.userId).sort()).toEqual([yes.id, no.id, both.id].sort());
  expect(told.every((n) => n.groupId === group.id)).toBe(true);
  // The "yes" and the "no" voter get the same notice: nothing in it depends on the vote.
  const strip = (list: Awaited<ReturnType<typeof listMyNotifications>>) => list.map(({ id: _id, createdAt: _at, ...rest }) => rest);
  expect(strip(await listMyNotifications(yes.id, "en"))).toEqual(strip(await listMyNotifications(no.id, "en")));
  expect(JSON.stringify(await listMyNotifications(yes.id, "en"))).not.toMatch(/Yes|No"/);
  expect(await prisma.notification.count({ where: { userId: nonVoter.id } })).toBe(0);

  // The poll's group timeline shows the ask, with the poll's title in the reader's language.
  const timeline = await groupTimeline(group.id, "ar");
  expect(timeline[0]).toMatchObject({ id: ask.id, polls: [{ id: poll.id, title: "بطاقات الحافلة", inEnglishFallback: false }] });
});

test("the timeline is newest first by what last changed, says how long each ask waited, and quotes only who agreed", async () => {
  const first = await askOfTwo();
  const group = first.group;
  const board = await createStaff({ roles: ["board_member"] });
  const item = await createFeedbackItem({ authorId: first.amira.id, groupId: group.id, status: "approved", mayQuote: true, text: "Later ask" });
  const second = await createAsk(first.officer.id, { title: "Second", body: "b", feedbackIds: [item.id], dueAt: null });
  await prisma.ask.update({ where: { id: first.ask.id }, data: { raisedAt: new Date(Date.now() - 10 * DAY) } });
  await prisma.ask.update({ where: { id: second.id }, data: { raisedAt: new Date(Date.now() - 3 * DAY) } });
  // The older ask was answered today: it moves to the top, having waited ten days.
  await addAskUpdate(board.id, first.ask.id, { status: "agreed", text: "Yes." });

  const timeline = await groupTimeline(group.id, "en");
  expect(timeline.map((a) => a.id)).toEqual([first.ask.id, second.id]);
  expect(timeline[0]).toMatchObject({ answered: true, waitedDays: 10, quotes: [{ id: first.quoted.id, text: first.quoted.text }] });
  expect(timeline[1]).toMatchObject({ answered: false, waitedDays: 3 });
  expect(JSON.stringify(timeline)).not.toContain(first.secret.text);
  expect(JSON.stringify(timeline)).not.toContain(first.amira.displayName);
});

test("an update's reason is translated with its text: young people read it in their language, or in English marked so, and a language is checked only whole", async () => {
  const { ask, officer, group } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  const translator = await createStaff({ roles: ["board_member", "translator"] });
  const english = { text: "We cannot do this this year.", reason: "The budget for next year is already fixed." };
  const update = await addAskUpdate(board.id, ask.id, {
    status: "not_possible",
    ...english,
    translations: { ar: "لا يمكننا فعل ذلك هذا العام." },
  });
  // Translated text, English reason: the reason is flagged as English.
  let shown = (await groupTimeline(group.id, "ar")).find((a) => a.id === ask.id)!.updates[0]!;
  expect(shown).toMatchObject({ text: "لا يمكننا فعل ذلك هذا العام.", inEnglishFallback: false, reason: "The budget for next year is already fixed.", reasonInEnglish: true });

  const cookie = await sessionCookie(translator.id);
  const post = (fields: Record<string, string>) => boardPost(cookie, ask.id, fields);
  // Checking a language whose reason is still English is refused, said beside the button.
  const half = { text: "لا يمكننا فعل ذلك هذا العام.", reason: "" };
  const incomplete = await post({ intent: "check-translation", updateId: update.id, locale: "ar", checked: "yes", seen: updateTranslationFingerprint(english, half) });
  expect(incomplete.status).toBe(400);
  expect(incomplete.value).toMatchObject({ updateId: update.id, locale: "ar", error: { "": ["officer:errors.reasonNotTranslated"] } });
  // A reason without the text it explains is refused beside the text; nothing changes.
  const noText = await post({ intent: "translate", updateId: update.id, locale: "ps", text: "", reason: "بودجه ټاکل شوې ده." });
  expect(noText.status).toBe(400);
  expect(noText.value).toMatchObject({ error: { text: ["officer:errors.reasonNeedsText"] } });
  expect(await prisma.askUpdateTranslation.count({ where: { updateId: update.id, locale: "ps" } })).toBe(0);
  // Both translated: the young person reads both in Arabic; the interpreter can check the whole.
  const whole = { text: "لا يمكننا فعل ذلك هذا العام.", reason: "ميزانية العام المقبل محددة بالفعل." };
  expect((await post({ intent: "translate", updateId: update.id, locale: "ar", ...whole })).status).toBe(200);
  shown = (await groupTimeline(group.id, "ar")).find((a) => a.id === ask.id)!.updates[0]!;
  expect(shown).toMatchObject({ reason: whole.reason, reasonInEnglish: false });
  expect((await post({ intent: "check-translation", updateId: update.id, locale: "ar", checked: "yes", seen: updateTranslationFingerprint(english, whole) })).status).toBe(200);
  // English readers read the English; an update without a reason has none to flag.
  expect((await groupTimeline(group.id, "en")).find((a) => a.id === ask.id)!.updates[0]).toMatchObject({ reason: "The budget for next year is already fixed.", reasonInEnglish: false });
  await addAskUpdate(officer.id, ask.id, { status: "in_progress", text: "Looking again.", reason: "New money came.", translations: { ar: "ننظر من جديد." } });
  const latest = (await groupTimeline(group.id, "ar")).find((a) => a.id === ask.id)!.updates[0]!;
  expect(latest).toMatchObject({ reasonInEnglish: true });
});

test("a translator, and only a translator, marks a translation checked; a corrected translation loses the mark", async () => {
  const { ask, officer } = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  const translator = await createStaff({ roles: ["board_member", "translator"], name: "Interpreter Noor" });
  const update = await addAskUpdate(board.id, ask.id, { status: "agreed", text: "Yes.", translations: { ar: "نعم." } });
  const seen = updateTranslationFingerprint({ text: "Yes.", reason: null }, { text: "نعم.", reason: "" });
  const check = { intent: "check-translation", updateId: update.id, locale: "ar", checked: "yes", seen };

  for (const cookie of [await sessionCookie(board.id)]) expect((await boardPost(cookie, ask.id, check)).status).toBe(403);
  const officerCookie = await sessionCookie(officer.id);
  const byOfficer = await settle(async () => officerAskAction(args(postRequest(`/officer/asks/${ask.id}`, check, { cookie: officerCookie }), { askId: ask.id })));
  expect(byOfficer.status).toBe(403);
  expect(await prisma.askUpdateTranslation.findUniqueOrThrow({ where: { updateId_locale: { updateId: update.id, locale: "ar" } }, select: { checkedAt: true } })).toEqual({ checkedAt: null });

  const cookie = await sessionCookie(translator.id);
  // A page opened before the words changed (or a made-up fingerprint) marks nothing: 409, said beside it.
  const stale = await boardPost(cookie, ask.id, { ...check, seen: "x".repeat(32) });
  expect(stale.status).toBe(409);
  expect(stale.value).toMatchObject({ intent: "check-translation", updateId: update.id, locale: "ar", error: { "": ["officer:errors.changedMeanwhile"] } });
  const { seen: _seen, ...unseen } = check;
  expect((await boardPost(cookie, ask.id, unseen)).status).toBe(400);
  expect(await prisma.askUpdateTranslation.findUniqueOrThrow({ where: { updateId_locale: { updateId: update.id, locale: "ar" } }, select: { checkedAt: true } })).toEqual({ checkedAt: null });
  expect((await boardPost(cookie, ask.id, check)).status).toBe(200);
  const page = await settle(async () => boardAskLoader(args(getRequest(`/board/asks/${ask.id}`, { cookie: await sessionCookie(board.id) }), { askId: ask.id })));
  const shown = (page.value as Awaited<ReturnType<typeof boardAskLoader>>).ask.updates[0]!.translations;
  expect(shown).toEqual([{ locale: "ar", text: "نعم.", reason: "", seen, checked: { at: expect.any(Date), by: "Interpreter Noor" } }]);
  expect(await prisma.auditLog.count({ where: { action: "translation.check", actorId: translator.id } })).toBe(1);

  // An update of another ask cannot be reached through this one.
  const other = await askOfTwo();
  const foreign = await addAskUpdate(board.id, other.ask.id, { status: "agreed", text: "x", translations: { ar: "س" } });
  expect((await boardPost(cookie, ask.id, { ...check, updateId: foreign.id })).status).toBe(404);

  // The officer corrects the Arabic: the check was of other words, so it goes.
  const corrected = await settle(async () =>
    officerAskAction(args(postRequest(`/officer/asks/${ask.id}`, { intent: "translate", updateId: update.id, locale: "ar", text: "نعم، وافقنا." }, { cookie: officerCookie }), { askId: ask.id })),
  );
  expect(corrected.status).toBe(200);
  expect(await prisma.askUpdateTranslation.findUniqueOrThrow({ where: { updateId_locale: { updateId: update.id, locale: "ar" } }, select: { text: true, checkedAt: true } })).toEqual({
    text: "نعم، وافقنا.",
    checkedAt: null,
  });
});

test("accountability figures: answered share, median days, notices sent and read, overdue — overall, per group and per month", async () => {
  const now = new Date();
  const a = await askOfTwo();
  const b = await askOfTwo();
  const board = await createStaff({ roles: ["board_member"] });
  // a: raised 10 days ago, answered 4 days later, done 8 days after raising.
  await prisma.ask.update({ where: { id: a.ask.id }, data: { raisedAt: new Date(now.getTime() - 10 * DAY) } });
  const u1 = await addAskUpdate(board.id, a.ask.id, { status: "agreed", text: "Yes." });
  const u2 = await addAskUpdate(board.id, a.ask.id, { status: "done", text: "Done." });
  await prisma.askUpdate.update({ where: { id: u1.id }, data: { createdAt: new Date(now.getTime() - 6 * DAY) } });
  await prisma.askUpdate.update({ where: { id: u2.id }, data: { createdAt: new Date(now.getTime() - 2 * DAY) } });
  await prisma.ask.update({ where: { id: a.ask.id }, data: { answeredAt: new Date(now.getTime() - 6 * DAY) } });
  // One of a's two contributors opened both notices.
  await prisma.notification.updateMany({ where: { askId: a.ask.id, userId: a.amira.id }, data: { readAt: now } });
  // b: raised 40 days ago, never answered: overdue (28 days).
  await prisma.ask.update({ where: { id: b.ask.id }, data: { raisedAt: new Date(now.getTime() - 40 * DAY) } });

  const figures = await accountabilityFigures({ now });
  const groupA = figures.groups.find((g) => g.id === a.group.id)!;
  expect(groupA).toMatchObject({
    asks: 1,
    answered: 1,
    answeredShare: 1,
    medianDaysToAnswer: 4,
    medianDaysToDone: 8,
    updates: 2,
    notifiedShare: 1,
    notices: 4,
    readShare: 0.5,
    overdue: 0,
  });
  expect(figures.groups.find((g) => g.id === b.group.id)).toMatchObject({ asks: 1, answered: 0, answeredShare: 0, medianDaysToAnswer: null, overdue: 1, updates: 0, notifiedShare: null });
  expect(figures.overall.asks).toBeGreaterThanOrEqual(2);
  expect(figures.months).toHaveLength(12);
  expect(figures.months.reduce((sum, m) => sum + m.asks, 0)).toBeLessThanOrEqual(figures.overall.asks);
  expect(median([5, 1, 3])).toBe(3);
  expect(median([1, 2, 3, 10])).toBe(2.5);
  expect(median([])).toBeNull();

  // The page: board members and officers; it names no young person.
  const page = await settle(async () => accountabilityLoader(args(getRequest("/board/accountability", { cookie: await sessionCookie(board.id) }))));
  expect(page.status).toBe(200);
  expect(JSON.stringify(page.value)).not.toContain(a.amira.displayName);
  expect((await settle(async () => accountabilityLoader(args(getRequest("/board/accountability", { cookie: await sessionCookie(a.amira.id) }))))).status).toBe(403);
});
