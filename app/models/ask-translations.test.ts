import { expect, test } from "vitest";
import { addAskUpdate, askTranslationFingerprint, createAsk, groupTimeline, setAskTranslation, setAskTranslationChecked } from "#app/models/asks.server.ts";
import { listMyNotifications } from "#app/models/notifications.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";

const AR = { title: "واي فاي في كل بيت", body: "نطلب واي فاي في كل بيت لأداء الواجبات." };
const PS = { title: "په هر کور کې وای فای", body: "موږ د کورني کار لپاره په هر کور کې وای فای غواړو." };

/** A group, its officer, an Arabic and a Pashto reader with approved items, and an ask of them with an Arabic translation. */
async function translatedAsk(translations: Record<string, { title: string; body: string }> = { ar: AR }) {
  const tag = Math.random().toString(36).slice(2, 8);
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const arabic = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
  const pashto = await createYoungPerson({ groupIds: [group.id], locale: "ps" });
  const items = await Promise.all(
    [arabic, pashto].map((yp) => createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", mayQuote: true })),
  );
  const ask = await createAsk(officer.id, {
    title: `Wifi in every home ${tag}`,
    body: "We ask for wifi in every home, for homework.",
    feedbackIds: items.map((i) => i.id),
    dueAt: null,
    translations,
  });
  const english = { title: `Wifi in every home ${tag}`, body: "We ask for wifi in every home, for homework." };
  return { group, officer, arabic, pashto, ask, tag, english };
}

test("the timeline shows an ask's title and body in the reader's language, else the English, marked", async () => {
  const { group, ask, officer, tag } = await translatedAsk({ ar: AR, en: { title: "ignored", body: "ignored" }, xx: { title: "x", body: "y" }, ps: { title: " ", body: "" } });
  // English and unknown codes are ignored; a language left empty is no translation.
  expect(await prisma.askTranslation.findMany({ where: { askId: ask.id }, select: { locale: true } })).toEqual([{ locale: "ar" }]);

  const [inArabic] = await groupTimeline(group.id, "ar");
  expect(inArabic).toMatchObject({ id: ask.id, title: AR.title, body: AR.body, inEnglishFallback: false });
  const [inPashto] = await groupTimeline(group.id, "ps");
  expect(inPashto).toMatchObject({ title: `Wifi in every home ${tag}`, body: "We ask for wifi in every home, for homework.", inEnglishFallback: true });
  const [inEnglish] = await groupTimeline(group.id, "en");
  expect(inEnglish).toMatchObject({ title: `Wifi in every home ${tag}`, inEnglishFallback: false });

  // Dari readers get Dari or English, never the Farsi: content is written per language.
  await setAskTranslation(officer.id, ask.id, "fa", { title: "وای‌فای در هر خانه", body: "در هر خانه وای‌فای می‌خواهیم." });
  const [inDari] = await groupTimeline(group.id, "fa-AF");
  expect(inDari).toMatchObject({ title: `Wifi in every home ${tag}`, inEnglishFallback: true });
});

test("notifications render the ask's title in the reader's language when read, so a later translation reaches notices already sent", async () => {
  const { ask, officer, arabic, pashto, tag } = await translatedAsk();
  await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "Agreed.", translations: { ar: "وافقنا." } });

  expect((await listMyNotifications(arabic.id, "ar"))[0]).toMatchObject({ askTitle: AR.title, askTitleInEnglishFallback: false, update: { text: "وافقنا.", inEnglishFallback: false } });
  expect((await listMyNotifications(pashto.id, "ps"))[0]).toMatchObject({ askTitle: `Wifi in every home ${tag}`, askTitleInEnglishFallback: true });
  expect((await listMyNotifications(pashto.id, "en"))[0]).toMatchObject({ askTitle: `Wifi in every home ${tag}`, askTitleInEnglishFallback: false });

  // The notice holds ids, not words: the Pashto added afterwards is what the Pashto reader sees now.
  await setAskTranslation(officer.id, ask.id, "ps", PS);
  expect((await listMyNotifications(pashto.id, "ps"))[0]).toMatchObject({ askTitle: PS.title, askTitleInEnglishFallback: false });
});

test("a changed translation loses its check mark, the same words keep it, empty removes the language; each change is audited", async () => {
  const { group, ask, officer, english } = await translatedAsk();
  const translator = await createStaff({ roles: ["translator"] });
  const row = () => prisma.askTranslation.findUnique({ where: { askId_locale: { askId: ask.id, locale: "ar" } }, select: { title: true, body: true, checkedAt: true, checkedById: true } });
  const audits = (action: string) => prisma.auditLog.count({ where: { action, entityId: { in: [ask.id, `${ask.id}:ar`] } } });

  // The mark is set only on the words the translator saw: other words (English or Arabic) are refused.
  for (const seen of [askTranslationFingerprint(english, { ...AR, body: "نص آخر" }), askTranslationFingerprint({ ...english, title: "Other" }, AR), "not-a-fingerprint"]) {
    await expect(setAskTranslationChecked(translator.id, ask.id, "ar", true, seen)).rejects.toMatchObject({ reason: "changedMeanwhile" });
  }
  expect(await row()).toMatchObject({ checkedAt: null });
  await setAskTranslationChecked(translator.id, ask.id, "ar", true, askTranslationFingerprint(english, AR));
  expect(await row()).toMatchObject({ checkedAt: expect.any(Date), checkedById: translator.id });
  expect(await audits("translation.check")).toBe(1);

  // The same words again (spaces aside) change nothing: the mark stays, nothing is logged.
  await setAskTranslation(officer.id, ask.id, "ar", { title: ` ${AR.title} `, body: AR.body });
  expect(await row()).toMatchObject({ checkedById: translator.id });
  expect(await audits("ask.translate")).toBe(0);

  // Other words: the check was of the old ones, so it goes.
  await setAskTranslation(officer.id, ask.id, "ar", { title: AR.title, body: "نطلب واي فاي سريعًا في كل بيت." });
  expect(await row()).toEqual({ title: AR.title, body: "نطلب واي فاي سريعًا في كل بيت.", checkedAt: null, checkedById: null });
  const logged = await prisma.auditLog.findFirstOrThrow({ where: { action: "ask.translate", entityId: ask.id }, select: { actorId: true, entityType: true, before: true, after: true } });
  expect(logged).toMatchObject({ actorId: officer.id, entityType: "Ask" });
  expect(JSON.parse(logged.before!)).toEqual({ locale: "ar", ...AR });
  expect(JSON.parse(logged.after!)).toEqual({ locale: "ar", title: AR.title, body: "نطلب واي فاي سريعًا في كل بيت." });

  // A title without its text (or the reverse) is refused, and nothing changes.
  for (const half of [{ title: AR.title, body: "" }, { title: "", body: AR.body }]) {
    await expect(setAskTranslation(officer.id, ask.id, "ar", half)).rejects.toMatchObject({ reason: "translationIncomplete" });
  }
  expect(await row()).toMatchObject({ body: "نطلب واي فاي سريعًا في كل بيت." });
  await expect(createAsk(officer.id, { title: "T", body: "B", feedbackIds: [], dueAt: null, translations: { ar: { title: "ع", body: "" } } })).rejects.toMatchObject({
    reason: "translationIncomplete",
  });

  // Both empty removes the language: Arabic readers see the English again, marked.
  await setAskTranslation(officer.id, ask.id, "ar", { title: "", body: "  " });
  expect(await row()).toBeNull();
  expect((await groupTimeline(group.id, "ar"))[0]).toMatchObject({ inEnglishFallback: true });
  expect(await audits("ask.translate")).toBe(2);
  // Unchecking a language that is not there, translating English, an unknown language or ask: not found.
  await expect(setAskTranslationChecked(translator.id, ask.id, "ar", false, "")).rejects.toMatchObject({ reason: "notFound" });
  await expect(setAskTranslation(officer.id, ask.id, "en", AR)).rejects.toMatchObject({ reason: "notFound" });
  await expect(setAskTranslation(officer.id, ask.id, "klingon", AR)).rejects.toMatchObject({ reason: "notFound" });
  await expect(setAskTranslation(officer.id, "no-such-ask", "ar", AR)).rejects.toMatchObject({ reason: "notFound" });
});

test("an ask with no English text needs only a translated title; deleting an ask deletes its translations", async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: (await createYoungPerson({ groupIds: [group.id] })).id, groupId: group.id, status: "approved" });
  const ask = await createAsk(officer.id, { title: "Title only", body: "", feedbackIds: [item.id], dueAt: null, translations: { ti: { title: "ኣርእስቲ ጥራይ", body: "" } } });
  expect((await groupTimeline(group.id, "ti"))[0]).toMatchObject({ title: "ኣርእስቲ ጥራይ", body: "", inEnglishFallback: false });
  expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "ask.raise", entityId: ask.id }, select: { after: true } })).toMatchObject({ after: expect.stringContaining('"translations":["ti"]') });

  await prisma.ask.delete({ where: { id: ask.id } });
  expect(await prisma.askTranslation.count({ where: { askId: ask.id } })).toBe(0);
});
