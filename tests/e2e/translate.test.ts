import { expect, test } from "vitest";
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import arTranslate from "#app/locales/ar/translate.json" with { type: "json" };
import arOfficer from "#app/locales/ar/officer.json" with { type: "json" };
import arYouth from "#app/locales/ar/youth.json" with { type: "json" };
import enTranslate from "#app/locales/en/translate.json" with { type: "json" };
import enPolls from "#app/locales/en/polls.json" with { type: "json" };
import enOfficer from "#app/locales/en/officer.json" with { type: "json" };
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { MAX_ASK_TEXT_LENGTH } from "#app/validation/officer.ts";
import { getPollTranslation, setPollTranslation } from "#app/models/poll-translations.server.ts";
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { axeViolations, hasHorizontalOverflow, screenshot, setupE2E, waitForHydration } from "./harness.ts";

// Issue 6's content translation, on a phone in Arabic: an interpreter (translator role, no other)
// finds a poll under "Translations", writes the Arabic beside each English text, saves, and marks
// it checked; the officer's poll page then says who checked it, and an Arabic-reading young person
// reads the poll in Arabic. Screenshots: test-results/screenshots/translate/.
const app = setupE2E();

const TITLE = "Summer trip";
const PROMPT = "Where should we go?";
const OPTIONS = ["The seaside", "The mountains"];
const ARABIC = { title: "رحلة الصيف", prompt: "إلى أين نذهب؟", options: ["شاطئ البحر", "الجبال"] };

test("an interpreter translates a poll into Arabic side by side on a phone, marks it checked, and the young person reads it", { timeout: 120_000 }, async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Pat Officer" });
  const interpreter = await createStaff({ roles: ["translator"], name: "Huda Interpreter" });
  await createStaff({ roles: ["board_member"] });
  const poll = await createPoll(officer.id, {
    title: TITLE,
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: PROMPT, promptTranslations: {}, maxChoices: null, options: OPTIONS.map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  await prisma.user.update({ where: { id: interpreter.id }, data: { locale: "ar" } });

  // ——— the interpreter, in Arabic, on a 360×740 phone ———
  const context = await app.newContext({ locale: "ar" });
  await app.signInAs(context, interpreter.id);
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForURL(/\/translate$/);
  await waitForHydration(page);
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.getByRole("navigation").getByRole("link", { name: arCommon.nav.translate }).waitFor();
  expect(await page.getByText(arTranslate.youCheck).count()).toBe(1);
  await page.getByRole("link", { name: TITLE }).click();
  await page.waitForURL((url) => url.pathname === `/translate/polls/${poll.id}`);
  await waitForHydration(page);
  await page.getByText(arTranslate.state.missing).first().waitFor();

  // Each Arabic field is right to left and says which English it translates.
  const title = page.getByLabel(arTranslate.poll.pollTitle);
  expect(await title.getAttribute("dir")).toBe("rtl");
  expect(await title.getAttribute("lang")).toBe("ar");
  await title.fill(ARABIC.title);
  await page.getByLabel(arTranslate.poll.prompt).fill(ARABIC.prompt);
  for (const [i, text] of ARABIC.options.entries()) {
    await page.getByLabel(arTranslate.poll.option.replace("{{number}}", String(i + 1)), { exact: true }).fill(text);
  }
  expect(await hasHorizontalOverflow(page)).toBe(false);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "translate/interpreter-poll-ar");

  await page.getByRole("button", { name: arTranslate.poll.save.replace("{{language}}", "العربية") }).click();
  await page.getByRole("status").filter({ hasText: arTranslate.poll.saved.replace("{{language}}", "العربية") }).waitFor();
  await page.getByText(arOfficer.translation.notChecked).first().waitFor();

  await page.getByRole("button", { name: arOfficer.translation.check.replace("{{language}}", "العربية") }).click();
  await page.getByRole("status").filter({ hasText: arTranslate.poll.checked.replace("{{language}}", "العربية") }).waitFor();
  const mark = page.locator(".badge-done");
  await mark.waitFor();
  expect(await mark.innerText()).toContain("Huda Interpreter");
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "translate/interpreter-checked-ar");

  // ——— the officer's poll page says who checked the Arabic ———
  const officerContext = await app.newContext({ contextOptions: { viewport: { width: 1280, height: 800 } } });
  await app.signInAs(officerContext, officer.id);
  const officerPage = await officerContext.newPage();
  await officerPage.goto(`/officer/polls/${poll.id}`);
  await waitForHydration(officerPage);
  const translations = officerPage.getByRole("region", { name: enTranslate.builder.title });
  const arabicRow = translations.getByRole("row").filter({ hasText: "Arabic" });
  expect(await arabicRow.innerText()).toContain("Huda Interpreter");
  expect(await translations.getByRole("row").filter({ hasText: "Pashto" }).innerText()).toContain(enTranslate.state.missing);

  // ——— and an Arabic-reading young person reads the poll in Arabic ———
  const amira = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
  const youngContext = await app.newContext({ locale: "ar" });
  await app.signInAs(youngContext, amira.id);
  const youngPage = await youngContext.newPage();
  await youngPage.goto(`/me/polls/${poll.id}`);
  await waitForHydration(youngPage);
  await youngPage.getByRole("heading", { level: 1, name: ARABIC.title }).waitFor();
  for (const text of [ARABIC.prompt, ...ARABIC.options]) expect(await youngPage.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
  for (const text of [TITLE, PROMPT, ...OPTIONS]) expect(await youngPage.getByText(text, { exact: true }).count(), text).toBe(0);
});

test("an officer's builder opened before an interpreter saved: the save is refused, the form comes back with both people's changes, and saving again at once keeps both", { timeout: 90_000 }, async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const interpreter = await createStaff({ roles: ["translator"] });
  const poll = await createPoll(officer.id, {
    title: TITLE,
    intro: "",
    titleTranslations: { ar: "رحلة" },
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: PROMPT, promptTranslations: {}, maxChoices: null, options: OPTIONS.map((label) => ({ label, labelTranslations: {} })) }],
  });
  const context = await app.newContext({ contextOptions: { viewport: { width: 1280, height: 900 } } });
  await app.signInAs(context, officer.id);
  const page = await context.newPage();
  await page.goto(`/officer/polls/${poll.id}`);
  await waitForHydration(page);
  const title = page.locator('input[name="title"]');
  await title.fill("Summer trip 2027");

  // Meanwhile the interpreter saves the Arabic.
  const view = (await getPollTranslation(poll.id, "ar"))!;
  await setPollTranslation(interpreter.id, poll.id, "ar", { version: view.version, title: ARABIC.title, intro: "", prompts: {}, labels: {} });

  // The page's reload after the refusal is held back, as on a slow phone line: the form must not
  // depend on it to save again.
  let reloadHeld = false;
  await page.route(
    (url) => url.pathname.endsWith(".data"),
    async (route) => {
      if (route.request().method() === "GET") {
        reloadHeld = true;
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      }
      await route.continue();
    },
  );
  const save = page.getByRole("button", { name: enPolls.builder.save });
  await save.click();
  await page.getByRole("alert").filter({ hasText: enPolls.errors.changedMeanwhile }).waitFor();
  expect(await title.inputValue()).toBe("Summer trip 2027");
  // The interpreter's Arabic is in the form now, beside the officer's English.
  expect(await page.locator('input[name="titleTranslations.ar"]').inputValue()).toBe(ARABIC.title);
  expect((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).title).toBe(TITLE);

  // Having read the message, the officer saves again straight away (before the page's own reload
  // may have come back): it goes through, and nobody's words are lost.
  expect(reloadHeld).toBe(true);
  await save.click();
  await page.waitForURL((url) => url.searchParams.get("saved") === "1");
  expect((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).title).toBe("Summer trip 2027");
  expect((await prisma.pollTranslation.findFirstOrThrow({ where: { pollId: poll.id, locale: "ar" } })).title).toBe(ARABIC.title);
});

test("a translation of an ask's update that is too long says so beside the field and keeps every word typed", { timeout: 60_000 }, async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const interpreter = await createStaff({ roles: ["translator"] });
  const author = await createYoungPerson({ groupIds: [group.id] });
  const item = await createFeedbackItem({ authorId: author.id, groupId: group.id, status: "approved", themeKey: "school", decidedById: officer.id });
  const ask = await createAsk(officer.id, { title: "More trips", body: "", feedbackIds: [item.id], dueAt: null });
  const update = await addAskUpdate(officer.id, ask.id, { status: "agreed", text: "Two trips this summer." });
  const context = await app.newContext();
  await app.signInAs(context, interpreter.id);
  const page = await context.newPage();
  await page.goto(`/translate/asks/${ask.id}?lang=ar`);
  await waitForHydration(page);
  await page.getByText(enOfficer.translation.add_other.replace("{{count}}", "12")).click();
  const language = page.locator(`#translate-locale-${update.id}`);
  await language.selectOption("ar");
  const typed = "و".repeat(MAX_ASK_TEXT_LENGTH + 1);
  const text = page.locator(`#translate-text-${update.id}`);
  await text.fill(typed);
  await page.getByRole("button", { name: enOfficer.translation.save }).click();
  await page.getByText(enOfficer.errors.updateTextLong).waitFor();
  expect(await text.inputValue()).toBe(typed);
  expect(await text.getAttribute("aria-invalid")).toBe("true");
  expect(await language.inputValue()).toBe("ar");
  expect(await prisma.askUpdateTranslation.count()).toBe(0);
});

test("an interpreter working in Arabic translates a 'not possible' update with its reason, on a phone, and checks it; the young person reads both in Arabic with no English mark", { timeout: 90_000 }, async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const interpreter = await createStaff({ roles: ["translator"] });
  await prisma.user.update({ where: { id: interpreter.id }, data: { locale: "ar" } });
  const author = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
  const item = await createFeedbackItem({ authorId: author.id, groupId: group.id, status: "approved", themeKey: "school", decidedById: officer.id, mayQuote: true });
  const ask = await createAsk(officer.id, { title: "Free bus passes", body: "", feedbackIds: [item.id], dueAt: null, translations: { ar: { title: "بطاقات حافلات مجانية", body: "" } } });
  const update = await addAskUpdate(officer.id, ask.id, { status: "not_possible", text: "We cannot give bus passes this year.", reason: "The transport budget is set by the county, not by us." });

  // Before: the young person's timeline shows the reason in English, and says so.
  const young = await app.newContext({ locale: "ar" });
  await app.signInAs(young, author.id);
  const timeline = await young.newPage();
  await timeline.goto(`/me/groups/${group.id}`);
  await timeline.getByText("The transport budget is set by the county, not by us.").waitFor();
  expect(await timeline.getByText(arYouth.timeline.englishFallback).count()).toBeGreaterThan(0);

  const context = await app.newContext({ locale: "ar" });
  await app.signInAs(context, interpreter.id);
  const page = await context.newPage();
  await page.goto(`/translate/asks/${ask.id}?lang=ar`);
  await waitForHydration(page);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await page.locator(`#translate-locale-${update.id}`).locator("xpath=ancestor::details[1]/summary").click();
  await page.locator(`#translate-locale-${update.id}`).selectOption("ar");
  await page.locator(`#translate-text-${update.id}`).fill("لا يمكننا إعطاء بطاقات الحافلات هذا العام.");
  await page.getByLabel(arOfficer.translation.reason).fill("ميزانية النقل تحددها المقاطعة، لا نحن.");
  await page.getByRole("button", { name: arOfficer.translation.save }).click();
  const check = page.getByRole("button", { name: arOfficer.translation.check.replace("{{language}}", "العربية") });
  await check.first().waitFor();
  await page.getByText("ميزانية النقل تحددها المقاطعة، لا نحن.").waitFor();
  expect(await hasHorizontalOverflow(page)).toBe(false);
  await screenshot(page, "translate/update-reason-ar");
  // The update's check button is the last on the page (the ask's own title comes first).
  await check.last().click();
  await page.getByText(arOfficer.translation.checked).first().waitFor();
  await expect.poll(async () => (await prisma.askUpdateTranslation.findUniqueOrThrow({ where: { updateId_locale: { updateId: update.id, locale: "ar" } } })).checkedAt).not.toBeNull();

  // After: both in Arabic, and no "in English" mark for this update.
  await timeline.reload();
  await timeline.getByText("ميزانية النقل تحددها المقاطعة، لا نحن.").waitFor();
  expect(await timeline.getByText("The transport budget is set by the county, not by us.").count()).toBe(0);
  expect(await timeline.getByText(arYouth.timeline.englishFallback).count()).toBe(0);
  await screenshot(timeline, "translate/timeline-reason-ar");
});
