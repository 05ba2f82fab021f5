import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import arYouth from "#app/locales/ar/youth.json" with { type: "json" };
import enYouth from "#app/locales/en/youth.json" with { type: "json" };
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { hasHorizontalOverflow, screenshot, setupE2E, waitForHydration } from "./harness.ts";

// Issue 6, "Accessible": what a cheap phone and the people holding it need beyond axe — nothing
// breaks at 320 px wide or with text at 200%, every tap target is at least 44×44 px, and the whole
// "say something" journey works with a keyboard alone with the focus always visible.
const app = setupE2E();

async function makeWorld() {
  const group = await createGroup({ name: "Voices of Sandwell" });
  const other = await createGroup({ name: "Horizons" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id, other.id] });
  const en = await createYoungPerson({ groupIds: [group.id, other.id], nickname: "Jordan" });
  const ar = await createYoungPerson({ groupIds: [group.id, other.id], nickname: "أميرة", locale: "ar" });
  await createFeedbackItem({ authorId: en.id, groupId: group.id, text: "We never get to go anywhere in the holidays.", status: "approved", themeKey: "activities", mood: 2 });
  await createFeedbackItem({ authorId: ar.id, groupId: group.id, text: "نريد رحلات أكثر في العطلة.", language: "ar", status: "approved", themeKey: "activities", mood: 4 });
  const poll = await createPoll(officer.id, {
    title: "Where should the summer trip go?",
    intro: "Tell us before the board meets on Friday.",
    titleTranslations: { ar: "إلى أين نذهب في رحلة الصيف؟" },
    introTranslations: { ar: "أخبرونا قبل اجتماع المجلس يوم الجمعة." },
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [
      {
        kind: "single",
        prompt: "Pick one place",
        promptTranslations: { ar: "اختر مكانًا واحدًا" },
        maxChoices: null,
        options: [
          { label: "The seaside", labelTranslations: { ar: "شاطئ البحر" } },
          { label: "The mountains", labelTranslations: { ar: "الجبال" } },
        ],
      },
      { kind: "scale", prompt: "How do you feel about trips?", promptTranslations: { ar: "ما شعورك تجاه الرحلات؟" }, maxChoices: null, options: [] },
      {
        kind: "ranking",
        prompt: "Put these in order",
        promptTranslations: { ar: "رتّب هذه" },
        maxChoices: null,
        options: [
          { label: "Swimming", labelTranslations: { ar: "السباحة" } },
          { label: "Cinema", labelTranslations: { ar: "السينما" } },
          { label: "Bowling", labelTranslations: { ar: "البولينغ" } },
        ],
      },
    ],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const lead = await createStaff({ roles: ["safeguarding_lead"], locale: "ar" });
  const board = await createStaff({ roles: ["board_member"], locale: "ar" });
  const arOfficer = await createStaff({ roles: ["officer"], groupIds: [group.id, other.id], locale: "ar" });
  return { group, en, ar, poll, staff: { officer: arOfficer, lead, board } };
}

type World = Awaited<ReturnType<typeof makeWorld>>;
let worldPromise: Promise<World> | undefined;
/** Made once for the file, by the first test (the server's database is ready by then). */
const world = () => (worldPromise ??= makeWorld());
const screens = (w: World) => [
  "/me",
  "/me/say",
  "/me/things",
  `/me/polls/${w.poll.id}`,
  `/me/groups/${w.group.id}`,
  "/account",
  "/accessibility",
];

/** Everything a finger can press that is smaller than 44×44 px (a radio counts its whole label). */
async function smallTapTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll("a[href], button, input, select, textarea, summary, [role=button]"))) {
      if ((el as HTMLInputElement).type === "hidden" || el.closest(".visually-hidden")) continue;
      // A radio or checkbox is pressed through its label; a link inside a sentence (its parent has
      // words of its own beside it) is exempt (WCAG 2.5.8); a link standing alone is not.
      const target = el.matches("input[type=radio], input[type=checkbox]") ? (el.closest("label") ?? (el as HTMLInputElement).labels?.[0] ?? el) : el;
      if (seen.has(target)) continue;
      seen.add(target);
      const inSentence = Array.from(el.parentElement?.childNodes ?? []).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
      if (el.matches("a") && inSentence && el.parentElement?.matches("p, li:not(nav li), td, dd, .hint")) continue;
      const rect = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
      if (rect.width < 43.5 || rect.height < 43.5) {
        out.push(`${target.tagName.toLowerCase()}${target.className ? `.${String(target.className).split(" ").join(".")}` : ""} "${(target.textContent ?? "").trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return out;
  });
}

for (const lang of ["en", "ar"] as const) {
  test(`every young person's screen at 320 px wide and with text at 200%, with tap targets of 44×44 px, in ${lang}`, async () => {
    const w = await world();
    const person = w[lang];
    for (const [label, width] of [["320px", 320], ["200% text", 360]] as const) {
      const context = await app.newContext({ contextOptions: { viewport: { width, height: 740 }, screen: { width, height: 740 } } });
      await app.signInAs(context, person.id);
      const page = await context.newPage();
      for (const path of screens(w)) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await waitForHydration(page);
        // The reader's text-size setting: every size here is in rem or em, so the root's size scales all.
        if (label === "200% text") await page.evaluate(() => document.documentElement.style.setProperty("font-size", "200%", "important"));
        expect.soft(await hasHorizontalOverflow(page), `${path} in ${lang} at ${label}: the page scrolls sideways`).toBe(false);
        if (label === "320px") expect.soft(await smallTapTargets(page), `${path} in ${lang}: tap targets under 44×44 px`).toEqual([]);
        await screenshot(page, `phone/${lang}-${label.replace(/\W+/g, "")}-${path.split("/").slice(1, 3).join("-") || "home"}`);
      }
      await context.close();
    }
  });
}

test("a young person says something with a keyboard alone, and always sees where the focus is", async () => {
  const w = await world();
  const context = await app.newContext({ locale: "ar", contextOptions: { isMobile: false, hasTouch: false } });
  await app.signInAs(context, w.ar.id);
  const page = await context.newPage();
  await page.goto("/me/say");
  await waitForHydration(page);

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const visible = el.matches(":focus-visible") && ((style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none");
      return { tag: el.tagName.toLowerCase(), type: (el as HTMLInputElement).type ?? "", name: (el as HTMLInputElement).name ?? "", visible, label: (el.textContent ?? "").trim().slice(0, 30) };
    });
  const invisible: string[] = [];
  /** Tabs until the focus is on what `is` accepts; every stop on the way must show its focus. */
  async function tabTo(is: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const f = await focused();
      if (f && !f.visible) invisible.push(`${f.tag}[${f.type}] ${f.name} "${f.label}"`);
      if (f && is(f)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  // The first stop is the skip link; it leads past the header.
  await page.keyboard.press("Tab");
  expect((await focused())?.visible, "the skip link shows when focused").toBe(true);
  await tabTo((f) => f.name === "groupId", "the group");
  await page.keyboard.press("Space");
  await tabTo((f) => f.tag === "textarea", "the text box");
  await page.keyboard.type("أريد أن أتعلم السباحة في الصيف.");
  await tabTo((f) => f.name === "mood", "the mood");
  // Arrow keys move along a radio group and choose; in a right-to-left page ArrowLeft goes forward.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await tabTo((f) => f.tag === "select", "the theme");
  await page.keyboard.press("ArrowDown");
  await tabTo((f) => f.name === "identity", "who may know");
  await page.keyboard.press("Space");
  await tabTo((f) => f.name === "mayQuote", "may we quote you");
  await page.keyboard.press("Space");
  await tabTo((f) => f.tag === "button" && f.type === "submit", "the send button");
  await page.keyboard.press("Enter");
  await page.getByText(arYouth.things.sent).waitFor();
  await screenshot(page, "phone/ar-keyboard-said");

  expect(invisible, "focus stops where the focus cannot be seen").toEqual([]);
  const saved = await prisma.feedbackItem.findFirstOrThrow({ where: { authorId: w.ar.id, text: "أريد أن أتعلم السباحة في الصيف." } });
  expect(saved.mood).not.toBeNull();
  expect(saved.identity).toBe("team");
  expect(enYouth.things.sent).not.toBe(arYouth.things.sent);
});

test("the main staff screens in Arabic at 320 px wide and with text at 200% do not scroll sideways (wide tables scroll in their own region), with tap targets of 44×44 px", { timeout: 180_000 }, async () => {
  const w = await world();
  const screensOf = {
    officer: ["/officer", "/officer/asks", "/officer/polls", `/officer/polls/${w.poll.id}`, `/officer/groups/${w.group.id}`, "/translate"],
    lead: ["/safeguarding"],
    board: ["/board", "/board/polls", "/board/accountability"],
  };
  for (const [label, width] of [["320px", 320], ["200% text", 360]] as const) {
    for (const [role, paths] of Object.entries(screensOf) as [keyof typeof screensOf, string[]][]) {
      const context = await app.newContext({ contextOptions: { viewport: { width, height: 740 }, screen: { width, height: 740 } } });
      await app.signInAs(context, w.staff[role].id);
      const page = await context.newPage();
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await waitForHydration(page);
        expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
        if (label === "200% text") await page.evaluate(() => document.documentElement.style.setProperty("font-size", "200%", "important"));
        expect.soft(await hasHorizontalOverflow(page), `${role} ${path} in ar at ${label}: the page scrolls sideways`).toBe(false);
        if (label === "320px") expect.soft(await smallTapTargets(page), `${role} ${path} in ar: tap targets under 44×44 px`).toEqual([]);
        await screenshot(page, `phone/staff-ar-${label.replace(/\W+/g, "")}-${role}${path.replace(/c[a-z0-9]{20,}/g, "id").replace(/\W+/g, "-")}`);
      }
      await context.close();
    }
  }
});
