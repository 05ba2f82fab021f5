import { expect, test } from "vitest";
import { addAskUpdate, createAsk, setAskTranslation } from "#app/models/asks.server.ts";
import { loader as homeLoader } from "#app/routes/me._index.tsx";
import { loader as timelineLoader } from "#app/routes/me.groups.$groupId.tsx";
import { action as officerAction } from "#app/routes/officer.asks.$askId.tsx";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./board.asks.$askId.tsx";

async function askWithItems() {
  const tag = Math.random().toString(36).slice(2, 8);
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Pat Officer" });
  const named = await createYoungPerson({ groupIds: [group.id], nickname: `Zainab-${tag}`, locale: "ar" });
  const anonymous = await createYoungPerson({ groupIds: [group.id], nickname: `Hamid-${tag}` });
  const quoted = await createFeedbackItem({
    authorId: named.id,
    groupId: group.id,
    status: "approved",
    themeKey: "school",
    text: "I need a laptop for college, my carer says no",
    mayQuote: true,
  });
  const unquoted = await createFeedbackItem({
    authorId: anonymous.id,
    groupId: group.id,
    status: "approved",
    themeKey: "school",
    identity: "safeguarding",
    mayQuote: false,
    text: "Nobody helps with homework at my placement",
  });
  const ask = await createAsk(officer.id, {
    title: "Laptops for everyone at college",
    body: "Young people in two groups asked for laptops.",
    feedbackIds: [quoted.id, unquoted.id],
    dueAt: new Date("2027-03-31T00:00:00Z"),
  });
  return { ask, officer, group, reader: named, secrets: [named.displayName, anonymous.displayName, quoted.text, unquoted.text] };
}

async function open(askId: string, roles: Parameters<typeof createStaff>[0]["roles"] = ["board_member"]) {
  const member = await createStaff({ roles });
  const cookie = await sessionCookie(member.id);
  return settle(() => loader(args(getRequest(`/board/asks/${askId}`, { cookie }), { askId })));
}

test("a board member reads an ask and its dated updates, with no young person's name, words or count", async () => {
  const { ask, secrets } = await askWithItems();
  const director = await createStaff({ roles: ["board_member"], name: "Director of Children's Services" });
  await addAskUpdate(director.id, ask.id, { status: "agreed", text: "We will fund laptops from April." });
  await addAskUpdate(director.id, ask.id, { status: "in_progress", text: "Ordered." });

  const { status, value } = await open(ask.id);
  expect(status).toBe(200);
  const data = value as Awaited<ReturnType<typeof loader>>;
  expect(data.ask).toMatchObject({
    id: ask.id,
    title: "Laptops for everyone at college",
    body: "Young people in two groups asked for laptops.",
    status: "in_progress",
    owner: null,
    overdue: false,
  });
  expect(data.ask.dueAt).toEqual(new Date("2027-03-31T00:00:00Z"));
  expect(data.ask.updates.map((u) => [u.status, u.text, u.author])).toEqual([
    ["agreed", "We will fund laptops from April.", "Director of Children's Services"],
    ["in_progress", "Ordered.", "Director of Children's Services"],
  ]);
  expect(data.ask.updates.every((u) => u.createdAt instanceof Date)).toBe(true);

  // Only these fields, so no item, contributor or count can ride along.
  expect(Object.keys(data.ask).sort()).toEqual([
    "acknowledgedByMe",
    "acknowledgements",
    "body",
    "dueAt",
    "dueOn",
    "id",
    "overdue",
    "owner",
    "ownerId",
    "polls",
    "raisedAt",
    "status",
    "title",
    "translations",
    "updates",
    "version",
  ]);
  expect(data.ask.updates.flatMap((u) => Object.keys(u)).every((k) => ["id", "status", "text", "reason", "createdAt", "author", "translations"].includes(k))).toBe(true);
  const sent = JSON.stringify(data);
  for (const secret of secrets) expect(sent).not.toContain(secret);
});

test("an ask that does not exist is not found", async () => {
  expect((await open("no-such-ask")).status).toBe(404);
  expect((await open("x".repeat(65))).status).toBe(404);
});

test("young people, and officers without the board role, cannot open a board ask", async () => {
  const { ask, officer } = await askWithItems();
  const yp = await createYoungPerson();
  for (const user of [yp, officer]) {
    const cookie = await sessionCookie(user.id);
    const result = await settle(() => loader(args(getRequest(`/board/asks/${ask.id}`, { cookie }), { askId: ask.id })));
    expect(result.status).toBe(403);
  }
  expect((await open(ask.id, ["admin", "safeguarding_lead"])).status).toBe(403);
});

// ——— the ask's own title and body in other languages ———

const ARABIC = { title: "حواسيب محمولة للجميع في الكلية", body: "طلب الشباب في مجموعتين حواسيب محمولة." };

function post(askId: string, cookie: string, fields: Record<string, string>, route: "board" | "officer" = "board") {
  const request = postRequest(`/${route}/asks/${askId}`, fields, { cookie });
  return settle(async () => (route === "board" ? action : officerAction)(args(request, { askId })));
}

test("officers and translators translate an ask's title and body; a board member without either gets 403, and nothing is saved", async () => {
  const { ask, officer } = await askWithItems();
  const board = await createStaff({ roles: ["board_member"] });
  const translator = await createStaff({ roles: ["board_member", "translator"] });
  const form = { intent: "translate-ask", locale: "ar", ...ARABIC };

  expect((await post(ask.id, await sessionCookie(board.id), form)).status).toBe(403);
  expect(await prisma.askTranslation.count({ where: { askId: ask.id } })).toBe(0);

  const byOfficer = await post(ask.id, await sessionCookie(officer.id), form, "officer");
  expect(byOfficer.status).toBe(200);
  expect(byOfficer.value).toMatchObject({ intent: "translate-ask", locale: "ar", askId: ask.id, done: true });
  const byTranslator = await post(ask.id, await sessionCookie(translator.id), { intent: "translate-ask", locale: "ps", title: "د کالج لپاره لپ ټاپونه", body: "ځوانانو لپ ټاپونه وغوښتل." });
  expect(byTranslator.status).toBe(200);

  const page = (await open(ask.id)).value as Awaited<ReturnType<typeof loader>>;
  expect(page.ask.translations).toEqual([
    { locale: "ar", ...ARABIC, checked: null, seen: expect.any(String) },
    { locale: "ps", title: "د کالج لپاره لپ ټاپونه", body: "ځوانانو لپ ټاپونه وغوښتل.", checked: null, seen: expect.any(String) },
  ]);
  expect(page.canEditTranslations).toBe(false);
  expect(await prisma.auditLog.count({ where: { action: "ask.translate", entityId: ask.id } })).toBe(2);
});

test("only a translator sets the check mark, on the words they saw, shown as who and when; a board member or officer checking gets 403", async () => {
  const { ask, officer } = await askWithItems();
  await setAskTranslation(officer.id, ask.id, "ar", ARABIC);
  const board = await createStaff({ roles: ["board_member"] });
  const translator = await createStaff({ roles: ["board_member", "translator"], name: "Interpreter Hana" });
  const seen = ((await open(ask.id)).value as Awaited<ReturnType<typeof loader>>).ask.translations[0]!.seen;
  const check = { intent: "check-ask-translation", locale: "ar", checked: "yes", seen };
  const mark = () => prisma.askTranslation.findUniqueOrThrow({ where: { askId_locale: { askId: ask.id, locale: "ar" } }, select: { checkedAt: true, checkedById: true } });

  expect((await post(ask.id, await sessionCookie(board.id), check)).status).toBe(403);
  expect((await post(ask.id, await sessionCookie(officer.id), check, "officer")).status).toBe(403);
  expect(await mark()).toEqual({ checkedAt: null, checkedById: null });

  const cookie = await sessionCookie(translator.id);
  expect((await post(ask.id, cookie, check)).status).toBe(200);
  const page = (await open(ask.id)).value as Awaited<ReturnType<typeof loader>>;
  expect(page.ask.translations).toEqual([{ locale: "ar", ...ARABIC, checked: { at: expect.any(Date), by: "Interpreter Hana" }, seen }]);
  expect(await prisma.auditLog.count({ where: { action: "translation.check", entityId: `${ask.id}:ar`, actorId: translator.id } })).toBe(1);
  // A language nobody translated cannot be checked.
  expect((await post(ask.id, cookie, { ...check, locale: "ti" })).status).toBe(404);

  // The officer corrects the Arabic: the mark goes with the old words, and a check of the old
  // words (a page loaded before the correction) is refused rather than set on words nobody saw.
  expect((await post(ask.id, await sessionCookie(officer.id), { intent: "translate-ask", locale: "ar", title: ARABIC.title, body: "نص آخر." }, "officer")).status).toBe(200);
  expect(await mark()).toEqual({ checkedAt: null, checkedById: null });
  const stale = await post(ask.id, cookie, check);
  expect(stale.status).toBe(409);
  expect(stale.value).toMatchObject({ intent: "check-ask-translation", locale: "ar", askId: ask.id, error: { "": ["officer:errors.changedMeanwhile"] } });
  expect(await mark()).toEqual({ checkedAt: null, checkedById: null });
  // Unchecking a translation that has no mark is harmless.
  expect((await post(ask.id, cookie, { ...check, checked: "no" })).status).toBe(200);
});

test("a too-long title or a half translation is a 400 beside the field, with what was typed kept, and nothing is saved", async () => {
  const { ask, officer } = await askWithItems();
  const cookie = await sessionCookie(officer.id);
  const long = "ع".repeat(201);
  const tooLong = await post(ask.id, cookie, { intent: "translate-ask", locale: "ar", title: long, body: ARABIC.body }, "officer");
  expect(tooLong.status).toBe(400);
  expect(tooLong.value).toMatchObject({
    intent: "translate-ask",
    locale: "ar",
    askId: ask.id,
    error: { title: ["officer:errors.titleLong"] },
    initialValue: { title: long, body: ARABIC.body },
  });

  const half = await post(ask.id, cookie, { intent: "translate-ask", locale: "ar", title: ARABIC.title, body: "" }, "officer");
  expect(half.status).toBe(400);
  expect(half.value).toMatchObject({ locale: "ar", error: { body: ["officer:errors.translationIncomplete"] }, initialValue: { title: ARABIC.title } });
  expect(await prisma.askTranslation.count({ where: { askId: ask.id } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { action: "ask.translate", entityId: ask.id } })).toBe(0);

  // English is not a translation, and a language we do not speak is refused by the schema.
  for (const locale of ["en", "xx"]) {
    const refused = await post(ask.id, cookie, { intent: "translate-ask", locale, ...ARABIC }, "officer");
    expect(refused.status, locale).toBe(400);
    expect(refused.value).toMatchObject({ error: { locale: expect.any(Array) } });
  }
});

test("the young person's timeline and news show the Arabic once there is one, and before that the English, flagged for the fallback mark", async () => {
  const { ask, officer, group, reader } = await askWithItems();
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "We will fund laptops from April." });
  const cookie = await sessionCookie(reader.id);
  const timeline = async () =>
    ((await settle(() => timelineLoader(args(getRequest(`/me/groups/${group.id}`, { cookie }), { groupId: group.id })))).value as Awaited<ReturnType<typeof timelineLoader>>).asks[0]!;
  const news = async () => ((await settle(() => homeLoader(args(getRequest("/me", { cookie }))))).value as Awaited<ReturnType<typeof homeLoader>>).notifications[0]!;

  expect(await news()).toMatchObject({ askTitle: "Laptops for everyone at college", askTitleInEnglishFallback: true });
  expect(await timeline()).toMatchObject({ title: "Laptops for everyone at college", body: "Young people in two groups asked for laptops.", inEnglishFallback: true });

  expect((await post(ask.id, await sessionCookie(officer.id), { intent: "translate-ask", locale: "ar", ...ARABIC }, "officer")).status).toBe(200);
  expect(await news()).toMatchObject({ askTitle: ARABIC.title, askTitleInEnglishFallback: false });
  expect(await timeline()).toMatchObject({ ...ARABIC, inEnglishFallback: false });
});
