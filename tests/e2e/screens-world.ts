import { expect } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import enAdmin from "#app/locales/en/admin.json" with { type: "json" };
import enAuth from "#app/locales/en/auth.json" with { type: "json" };
import enBoard from "#app/locales/en/board.json" with { type: "json" };
import enDashboard from "#app/locales/en/dashboard.json" with { type: "json" };
import enCommon from "#app/locales/en/common.json" with { type: "json" };
import enOfficer from "#app/locales/en/officer.json" with { type: "json" };
import enYouth from "#app/locales/en/youth.json" with { type: "json" };
import arAdmin from "#app/locales/ar/admin.json" with { type: "json" };
import arAuth from "#app/locales/ar/auth.json" with { type: "json" };
import arBoard from "#app/locales/ar/board.json" with { type: "json" };
import arDashboard from "#app/locales/ar/dashboard.json" with { type: "json" };
import arOfficer from "#app/locales/ar/officer.json" with { type: "json" };
import arYouth from "#app/locales/ar/youth.json" with { type: "json" };
import arSafeguarding from "#app/locales/ar/safeguarding.json" with { type: "json" };
import psAuth from "#app/locales/ps/auth.json" with { type: "json" };
import psCommon from "#app/locales/ps/common.json" with { type: "json" };
import psYouth from "#app/locales/ps/youth.json" with { type: "json" };
import psPolls from "#app/locales/ps/polls.json" with { type: "json" };
import psAccessibility from "#app/locales/ps/accessibility.json" with { type: "json" };
import tiAuth from "#app/locales/ti/auth.json" with { type: "json" };
import tiCommon from "#app/locales/ti/common.json" with { type: "json" };
import tiYouth from "#app/locales/ti/youth.json" with { type: "json" };
import tiPolls from "#app/locales/ti/polls.json" with { type: "json" };
import tiAccessibility from "#app/locales/ti/accessibility.json" with { type: "json" };
import arPolls from "#app/locales/ar/polls.json" with { type: "json" };
import arAccessibility from "#app/locales/ar/accessibility.json" with { type: "json" };
import enPolls from "#app/locales/en/polls.json" with { type: "json" };
import enAccessibility from "#app/locales/en/accessibility.json" with { type: "json" };
import enSafeguarding from "#app/locales/en/safeguarding.json" with { type: "json" };
import enTranslate from "#app/locales/en/translate.json" with { type: "json" };
import enBoardPolls from "#app/locales/en/boardPolls.json" with { type: "json" };
import arBoardPolls from "#app/locales/ar/boardPolls.json" with { type: "json" };
import enMeeting from "#app/locales/en/meeting.json" with { type: "json" };
import arMeeting from "#app/locales/ar/meeting.json" with { type: "json" };
import arTranslate from "#app/locales/ar/translate.json" with { type: "json" };
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { createFeedback } from "#app/models/feedback.server.ts";
import { castVote, createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { updateOrganisationSettings } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createInvite, createStaff, createYoungPerson } from "#tests/factories.ts";
import { languageDirection } from "#app/utils/i18n.ts";
import { axeViolations, hasHorizontalOverflow, screenshot, setupE2E, waitForHydration } from "./harness.ts";

// The world and the checks of the screens tests (screens-youth.test.ts, screens-staff.test.ts): every
// screen of every role on a 360×740 phone, in English and in Arabic (young people's also in Pashto
// and Tigrinya): the direction of the page, no sideways scrolling, no serious or critical axe
// violation, no English left on a translated page, and the marks each kind of user must see (quick
// exit; the machine-translation notice). Each test file that imports this starts its own server
// and browser (setupE2E), so the two run side by side.
// Screenshots: test-results/screenshots/screens/<role>-<screen>-<lang>.png.
export const app = setupE2E();

type Lang = "en" | "ar" | "ps" | "ti";
type Role = "young-person" | "officer" | "lead" | "board" | "admin" | "translator";

// ——— the data every screen shows ———

export const ORGANISATION = "Sandwell Children's Trust";
export const GROUP = "Voices of Sandwell";
const OTHER_GROUP = "Horizons";
const ASK_TITLE = "More trips in the school holidays";
const ASK_BODY = "Young people in both groups asked for more trips and activities during the school holidays.";
const UPDATE_EN = "The board agreed to fund two trips this summer. Young people will choose where.";
const UPDATE_AR = "وافق المجلس على تمويل رحلتين هذا الصيف. سيختار الشباب المكان.";
const OTHER_ASK_TITLE = "Faster answers from social workers";
const EN_APPROVED = "We never get to go anywhere in the holidays.";
const EN_PENDING = "The wifi at the house keeps dropping.";
const EN_HELD = "My social worker Dave never calls back.";
const AR_APPROVED = "نريد رحلات أكثر في العطلة.";
const AR_PENDING = "المدرسة بعيدة جدًا عن البيت.";
export const HELPLINES = [
  { kind: "childline", name: "Childline", phone: "0800 1111", hours: "Any time" },
  { kind: "out_of_hours", name: "Sandwell out-of-hours team", phone: "0121 569 2355", hours: "Evenings and weekends" },
  { kind: "other", name: "Kooth (online counselling)", phone: "0800 000 0000", hours: "" },
];
const DISCLOSURE = "my step dad hits me when he has been drinking";
const LEAD_MESSAGE = "Thank you for telling us. Can we talk tomorrow?";
const POLL_OPEN = "Where should the summer trip go?";
const POLL_ANSWERED = "What shall we do in the holidays?";
const POLL_INTRO = "Tell us before the board meets.";
const POLL_CLOSED = "Where shall we meet next time?";

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const group = await createGroup({ name: GROUP, description: "The Children in Care Council." });
  const other = await createGroup({ name: OTHER_GROUP, description: "For young people new to the country." });
  const staff = async (roles: ("officer" | "board_member" | "admin" | "safeguarding_lead" | "translator")[], name: string) =>
    createStaff({ roles, name, groupIds: roles.includes("officer") ? [group.id, other.id] : [] });
  const officer = { en: await staff(["officer"], "Sam Taylor"), ar: await staff(["officer"], "Rana Haddad") };
  const board = { en: await staff(["board_member"], "Cllr Jones"), ar: await staff(["board_member"], "Cllr Patel") };
  const admin = { en: await staff(["admin"], "Alex Admin"), ar: await staff(["admin"], "Noor Admin") };
  const lead = { en: await staff(["safeguarding_lead"], "Sam Safeguarding"), ar: await staff(["safeguarding_lead"], "Huda Safeguarding") };
  const translator = { en: await staff(["translator"], "Ines Interpreter"), ar: await staff(["translator"], "Iman Interpreter") };
  await updateOrganisationSettings(admin.en.id, {
    name: ORGANISATION,
    suppressionThreshold: 6,
    overdueAfterDays: 28,
    helplines: HELPLINES,
  });
  const youngPerson = {
    en: await createYoungPerson({ groupIds: [group.id], nickname: "Jordan" }),
    ar: await createYoungPerson({ groupIds: [group.id, other.id], nickname: "أميرة", locale: "ar" }),
    ps: await createYoungPerson({ groupIds: [group.id, other.id], nickname: "ملالۍ", locale: "ps" }),
    // Tigrinya, left to right, and nothing staff wrote is translated into it: every poll and
    // update shows in English, marked as English.
    ti: await createYoungPerson({ groupIds: [group.id, other.id], nickname: "ሳባ", locale: "ti" }),
  };
  await createInvite(group.id, officer.en.id, { code: "24681357" });
  await createInvite(group.id, officer.en.id, { code: "11223344", revokedAt: new Date() });
  await createInvite(other.id, officer.en.id, { code: "13572468" });

  // Six others said something about activities (the board sees 6); two about school (hidden).
  for (let i = 0; i < 6; i++) {
    const person = await createYoungPerson({ groupIds: [i < 4 ? group.id : other.id] });
    await createFeedbackItem({ authorId: person.id, groupId: i < 4 ? group.id : other.id, status: "approved", themeKey: "activities", mood: 3 });
    if (i < 2) await createFeedbackItem({ authorId: person.id, groupId: group.id, status: "approved", themeKey: "school" });
  }
  const enApproved = await createFeedbackItem({
    authorId: youngPerson.en.id, groupId: group.id, text: EN_APPROVED, status: "approved", themeKey: "activities", mood: 2, decidedById: officer.en.id,
  });
  await createFeedbackItem({ authorId: youngPerson.en.id, groupId: group.id, text: EN_PENDING, themeKey: "home", mood: 1 });
  await createFeedbackItem({ authorId: youngPerson.en.id, groupId: group.id, text: EN_HELD, status: "held", decidedById: officer.en.id });
  const arApproved = await createFeedbackItem({
    authorId: youngPerson.ar.id, groupId: group.id, text: AR_APPROVED, language: "ar", status: "approved", themeKey: "activities", mood: 4, decidedById: officer.en.id,
  });
  await createFeedbackItem({
    authorId: youngPerson.ar.id, groupId: other.id, text: AR_PENDING, language: "ar", themeKey: "school", identity: "safeguarding", mayQuote: false,
  });

  const ask = await createAsk(officer.en.id, {
    title: ASK_TITLE,
    body: ASK_BODY,
    feedbackIds: [enApproved.id, arApproved.id],
    dueAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
  });
  await addAskUpdate(officer.en.id, ask.id, { status: "agreed", text: UPDATE_EN, translations: { ar: UPDATE_AR } });
  // An old ask nobody answered: overdue.
  const old = await createAsk(officer.en.id, { title: OTHER_ASK_TITLE, body: "Answers take weeks.", feedbackIds: [enApproved.id], dueAt: null });
  await prisma.ask.update({ where: { id: old.id }, data: { raisedAt: new Date(Date.now() - 60 * 24 * 3600 * 1000) } });

  // A possible disclosure from each reader, each answered by a lead; the English reader's escalated
  // because no lead acknowledged it.
  const disclosures = {} as Record<Lang, { id: string; feedbackId: string }>;
  for (const lang of ["en", "ar", "ps", "ti"] as const) {
    const said = await createFeedback({
      authorId: youngPerson[lang].id, groupId: group.id, text: DISCLOSURE, language: "en", mood: 1, themeId: null,
      identity: "safeguarding", mayQuote: false, clientRequestId: `screens-disclosure-${lang}`,
    });
    const concern = await prisma.safeguardingConcern.update({
      where: { feedbackId: said.id }, data: lang === "en" ? { escalatedAt: new Date(), escalations: 1 } : {}, select: { id: true },
    });
    await prisma.concernMessage.create({
      data: { concernId: concern.id, authorId: lead.en.id, fromRole: "lead", text: LEAD_MESSAGE, clientRequestId: `screens-message-${lang}` },
    });
    disclosures[lang] = { id: concern.id, feedbackId: said.id };
  }
  const concern = { id: disclosures.en.id };
  const said = { id: disclosures.en.feedbackId };

  // Two open polls in every reader's language: one not yet answered, one answered (its results show).
  const poll = async (title: string, translated: Record<"ar" | "ps", string>) => {
    const created = await createPoll(officer.en.id, {
      title,
      intro: POLL_INTRO,
      titleTranslations: translated,
      introTranslations: { ar: "أخبرونا قبل اجتماع المجلس.", ps: "د بورډ له غونډې مخکې موږ ته ووایاست." },
      groupIds: [group.id],
      opensAt: null,
      closesAt: null,
      resultsVisibility: "after_vote",
      askId: null,
      questions: [
        {
          kind: "single", prompt: "Pick one place", promptTranslations: { ar: "اختر مكانًا واحدًا", ps: "یو ځای وټاکئ" }, maxChoices: null,
          options: [
            { label: "The seaside", labelTranslations: { ar: "شاطئ البحر", ps: "د سمندر غاړه" } },
            { label: "The mountains", labelTranslations: { ar: "الجبال", ps: "غرونه" } },
          ],
        },
        { kind: "scale", prompt: "How do you feel about trips?", promptTranslations: { ar: "ما شعورك تجاه الرحلات؟", ps: "د سفرونو په اړه څه احساس لرئ؟" }, maxChoices: null, options: [] },
        {
          kind: "multiple", prompt: "What would you like to do?", promptTranslations: { ar: "ماذا تحب أن تفعل؟", ps: "څه کول غواړئ؟" }, maxChoices: 2,
          options: [
            { label: "Swimming", labelTranslations: { ar: "السباحة", ps: "لامبو" } },
            { label: "Cinema", labelTranslations: { ar: "السينما", ps: "سینما" } },
            { label: "Football", labelTranslations: { ar: "كرة القدم", ps: "فوټبال" } },
          ],
        },
        {
          kind: "ranking", prompt: "Put these in order", promptTranslations: { ar: "رتّب هذه", ps: "دا په ترتیب کېږدئ" }, maxChoices: null,
          options: [
            { label: "Food", labelTranslations: { ar: "الطعام", ps: "خواړه" } },
            { label: "Music", labelTranslations: { ar: "الموسيقى", ps: "موسیقي" } },
          ],
        },
        { kind: "text", prompt: "Anything else?", promptTranslations: { ar: "شيء آخر؟", ps: "نور څه؟" }, maxChoices: null, options: [] },
      ],
    });
    await setPollStatus(officer.en.id, created.id, "open");
    return created;
  };
  const openPoll = await poll(POLL_OPEN, { ar: "إلى أين نذهب في رحلة الصيف؟", ps: "د دوبي سفر چېرته لاړ شو؟" });
  const answeredPoll = await poll(POLL_ANSWERED, { ar: "ماذا نفعل في العطلة؟", ps: "په رخصتۍ کې څه وکړو؟" });
  const questions = await prisma.pollQuestion.findMany({
    where: { pollId: answeredPoll.id, kind: { in: ["single", "scale"] } },
    orderBy: { position: "asc" },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  for (const person of [youngPerson.en, youngPerson.ar, youngPerson.ps, youngPerson.ti]) {
    await castVote(person.id, answeredPoll.id, questions.map((q) => ({ questionId: q.id, kind: "choice" as const, optionIds: [q.options.at(-1)!.id] })));
  }
  // A closed poll nine young people answered, for the board's results pages.
  const closedPoll = await poll(POLL_CLOSED, { ar: "أين نلتقي في المرة القادمة؟", ps: "بل ځل چېرته سره ووینو؟" });
  const closedQuestions = await prisma.pollQuestion.findMany({
    where: { pollId: closedPoll.id, kind: { in: ["single", "scale"] } },
    orderBy: { position: "asc" },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const voters = [youngPerson.en, youngPerson.ar, youngPerson.ps, youngPerson.ti, ...(await Promise.all(Array.from({ length: 5 }, () => createYoungPerson({ groupIds: [group.id] }))))];
  for (const [i, person] of voters.entries()) {
    await castVote(person.id, closedPoll.id, closedQuestions.map((q) => ({ questionId: q.id, kind: "choice" as const, optionIds: [q.options[i % 2 === 0 ? 0 : q.options.length - 1]!.id] })));
  }
  await setPollStatus(officer.en.id, closedPoll.id, "closed");

  return { group, other, officer, board, admin, lead, translator, youngPerson, ask, openPoll, answeredPoll, closedPoll, disclosures, concern: { id: concern.id, feedbackId: said.id } };
}

let worldPromise: Promise<World> | undefined;
/** Made once for the file, by the first test that needs it (the server's database is ready by then). */
export const world = () => (worldPromise ??= makeWorld());

/** Words that are data (names, what people wrote), not interface, and may be English anywhere. */
/** The polls' English, shown to staff beside its translations. */
const POLL_ENGLISH = ["Pick one place", "The seaside", "The mountains", "How do you feel about trips?", "What would you like to do?", "Swimming", "Cinema",
  "Football", "Put these in order", "Food", "Music", "Anything else?", "Very unhappy", "Unhappy", "Okay", "Very happy", "Happy"];

const DATA_STRINGS = [...POLL_ENGLISH, ORGANISATION, GROUP, OTHER_GROUP, ASK_TITLE, ASK_BODY, UPDATE_EN, OTHER_ASK_TITLE, "Answers take weeks.",
  EN_APPROVED, EN_PENDING, EN_HELD, "The Children in Care Council.", "For young people new to the country.",
  "Sam Taylor", "Rana Haddad", "Cllr Jones", "Cllr Patel", "Alex Admin", "Noor Admin", "Jordan", "English",
  "Sam Safeguarding", "Huda Safeguarding", "Ines Interpreter", "Iman Interpreter", DISCLOSURE, POLL_OPEN, POLL_ANSWERED, POLL_CLOSED, POLL_INTRO, LEAD_MESSAGE,
  // The helplines the admin named themselves (kind "other") are shown by their English name, marked
  // as English; the known kinds are written in the reader's language. Childline is a name.
  "Childline",
  // Who checked English (app/locales/en/meta.json), named on the translations page.
  "Voices team (source language)",
  ...HELPLINES.filter((h) => h.kind === "other").flatMap((h) => [h.name, h.hours])]
  // An empty string would put a space between every character and hide every English word.
  .filter((data) => data.trim() !== "");

// ——— what is checked on every screen ———

type Leaf = { key: string; en: string; ar: unknown };

function leaves(en: unknown, ar: unknown, prefix: string): Leaf[] {
  if (typeof en === "string") return [{ key: prefix, en, ar }];
  if (!en || typeof en !== "object") return [];
  return Object.entries(en).flatMap(([k, v]) => leaves(v, (ar as Record<string, unknown> | undefined)?.[k], `${prefix}.${k}`));
}

/**
 * Pieces of the English interface (each locale string cut at its {{placeholders}}) that a page in
 * another language must not show. Strings the locale has identical (a brand, "QR") are left out.
 */
function englishPieces(bundles: [ns: string, en: unknown, translated: unknown][]) {
  return bundles
    .flatMap(([ns, en, translated]) => leaves(en, translated, ns))
    .filter((leaf) => leaf.en !== leaf.ar)
    .flatMap((leaf) =>
      leaf.en
        .split(/\{\{[^}]*\}\}/)
        .map((piece) => piece.trim().replace(/^[\s(:,.·–—-]+|[\s):,.·–—-]+$/g, ""))
        .filter((piece) => /[A-Za-z]{2}/.test(piece))
        .map((piece) => ({ key: leaf.key, piece })),
    );
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const matchers = (pieces: { key: string; piece: string }[]) =>
  pieces.map(({ key, piece }) => ({ key, piece, pattern: new RegExp(`(?<![A-Za-z])${escapeRegExp(piece)}(?![A-Za-z])`) }));

/** The young person's namespaces (all a young person's screens use), one locale's beside English's. */
const youthBundles = (common: unknown, auth: unknown, youth: unknown, polls: unknown, accessibility: unknown): [string, unknown, unknown][] => [
  ["common", enCommon, common],
  ["auth", enAuth, auth],
  ["youth", enYouth, youth],
  ["polls", enPolls, polls],
  ["accessibility", enAccessibility, accessibility],
];

const ENGLISH_MATCHERS: Record<Exclude<Lang, "en">, ReturnType<typeof matchers>> = {
  // Arabic: every screen, staff's too.
  ar: matchers(
    englishPieces([
      ...youthBundles(arCommon, arAuth, arYouth, arPolls, arAccessibility),
      ["officer", enOfficer, arOfficer],
      ["board", enBoard, arBoard],
      ["dashboard", enDashboard, arDashboard],
      ["admin", enAdmin, arAdmin],
      ["safeguarding", enSafeguarding, arSafeguarding],
      ["translate", enTranslate, arTranslate],
      ["boardPolls", enBoardPolls, arBoardPolls],
      ["meeting", enMeeting, arMeeting],
    ]),
  ),
  // Pashto and Tigrinya: the young person's screens.
  ps: matchers(englishPieces(youthBundles(psCommon, psAuth, psYouth, psPolls, psAccessibility))),
  ti: matchers(englishPieces(youthBundles(tiCommon, tiAuth, tiYouth, tiPolls, tiAccessibility))),
};

/** English interface text on the page (visible text, the title, labels for assistive technology). */
export async function englishLeftOnPage(page: Page, lang: Exclude<Lang, "en">): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))) {
      for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    for (const option of Array.from(document.querySelectorAll("option"))) out.push(option.textContent ?? "");
    // Text the page itself marks as English (an English name, a code, content shown in English
    // with its "in English" mark) is English on purpose, and is said so to screen readers.
    const markedEnglish = Array.from(document.body.querySelectorAll<HTMLElement>("[lang]"))
      .filter((el) => /^en\b/.test(el.lang))
      .map((el) => el.innerText.trim())
      .filter(Boolean);
    return { out, markedEnglish };
  });
  let text = texts.out.join("\n");
  for (const data of [...texts.markedEnglish, ...DATA_STRINGS]) text = text.split(data).join(" ");
  // What the factories write when a test gives no words: "Something to say <id>".
  text = text.replace(/Something to say [0-9a-f]+/g, " ");
  // Staff emails made by the factories.
  text = text.replace(/staff-[0-9a-f]+@example\.org/g, " ");
  const found = ENGLISH_MATCHERS[lang].flatMap((m) => {
    const at = m.pattern.exec(text);
    if (!at) return [];
    const around = text.slice(Math.max(0, at.index - 30), at.index + m.piece.length + 30).replace(/\s+/g, " ");
    return [`"${m.piece}" (${m.key}) in «${around}»`];
  });
  // A translation key shown as it is (i18next's answer for a missing key).
  const keys = text.match(/\b(?:common|auth|youth|polls|officer|board|boardPolls|dashboard|meeting|admin|safeguarding|translate|accessibility):[A-Za-z]+(?:\.[A-Za-z0-9_]+)+/g) ?? [];
  return [...new Set([...found, ...keys.map((k) => `untranslated key ${k}`)])];
}

/** The elements that stick out of the screen sideways (to say what makes a page scroll). */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    const sticksOut = (el: Element | null) => {
      if (!el || el === document.body) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && (box.right > width + 1 || box.left < -1);
    };
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      // The outermost element of each branch that sticks out.
      if (!sticksOut(el) || sticksOut(el.parentElement)) continue;
      const box = el.getBoundingClientRect();
      out.push(`${describe(el)} [${Math.round(box.left)}…${Math.round(box.right)}] "${(el.textContent ?? "").trim().slice(0, 40)}"`);
    }
    return out.slice(0, 8);
  });
}

export type Screen = { screen: string; path: string };

export async function checkScreen(page: Page, role: Role, lang: Lang, { screen, path }: Screen) {
  const where = `${role} ${screen} (${path}) in ${lang}`;
  const response = await page.goto(path);
  expect.soft(response?.status(), `${where}: the page answers`).toBe(200);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await waitForHydration(page);

  const html = page.locator("html");
  expect.soft(await html.getAttribute("lang"), `${where}: <html lang>`).toBe(lang);
  expect.soft(await html.getAttribute("dir"), `${where}: <html dir>`).toBe(languageDirection(lang));

  if (await hasHorizontalOverflow(page)) {
    expect.soft(await overflowingElements(page), `${where}: the page scrolls sideways; these stick out`).toEqual([]);
  }
  expect.soft(await axeViolations(page), `${where}: axe (serious, critical)`).toEqual([]);

  const header = page.getByRole("banner");
  if (role === "young-person") {
    const quickExit = header.getByRole("link", { name: { en: enCommon, ar: arCommon, ps: psCommon, ti: tiCommon }[lang].quickExit, exact: true });
    expect.soft(await quickExit.isVisible(), `${where}: the quick-exit link shows`).toBe(true);
  } else {
    const notice = page.getByRole("note").filter({ hasText: lang === "ar" ? arCommon.translationStatus.machineDrafted : enCommon.translationStatus.machineDrafted });
    expect.soft(await notice.isVisible(), `${where}: the machine-drafted translation notice ${lang === "ar" ? "shows" : "does not show"}`).toBe(lang === "ar");
  }
  if (lang !== "en") expect.soft(await englishLeftOnPage(page, lang), `${where}: English left on the ${lang} page`).toEqual([]);

  await screenshot(page, `screens/${role}-${screen}-${lang}`);
}

/** A staff member chooses Arabic on their account page, as they would. */
export async function switchToArabic(page: Page) {
  await page.goto("/account");
  await waitForHydration(page);
  await page.getByLabel("Language").selectOption({ label: "العربية" });
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/account" && r.request().method() === "GET"),
    page.getByRole("button", { name: "Change" }).click(),
  ]);
  await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
}

export async function signedIn(userId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.newContext();
  await app.signInAs(context, userId);
  return { context, page: await context.newPage() };
}

export const LANGS = ["en", "ar"] as const;
/** Every young person's screen is also checked in Pashto and Tigrinya (issue 6: Arabic, Pashto, Tigrinya). */
export const YOUTH_LANGS: Lang[] = ["en", "ar", "ps", "ti"];
