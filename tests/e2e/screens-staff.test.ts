import { describe, expect, test } from "vitest";
import enBoard from "#app/locales/en/board.json" with { type: "json" };
import enDashboard from "#app/locales/en/dashboard.json" with { type: "json" };
import arBoard from "#app/locales/ar/board.json" with { type: "json" };
import arDashboard from "#app/locales/ar/dashboard.json" with { type: "json" };
import enMeeting from "#app/locales/en/meeting.json" with { type: "json" };
import arMeeting from "#app/locales/ar/meeting.json" with { type: "json" };
import { prisma } from "#app/utils/db.server.ts";
import { axeViolations, hasHorizontalOverflow, screenshot } from "./harness.ts";
import { app, world, englishLeftOnPage, overflowingElements, checkScreen, switchToArabic, signedIn, LANGS, type Screen } from "./screens-world.ts";

// Every staff screen (officer, safeguarding lead, board member, translator, admin) in English and
// Arabic; the checks are in screens-world.ts.

describe("officer", () => {
  for (const lang of LANGS) {
    test(`every screen at 360×740 in ${lang}`, { timeout: 180_000 }, async () => {
      const w = await world();
      const { page } = await signedIn(w.officer[lang].id);
      if (lang === "ar") await switchToArabic(page);
      const screens: Screen[] = [
        { screen: "queue", path: "/officer" },
        { screen: "queue-held", path: "/officer?state=held" },
        { screen: "concerns", path: "/officer/concerns" },
        { screen: "concern", path: `/officer/concerns/${w.concern.id}` },
        { screen: "asks", path: "/officer/asks" },
        { screen: "new-ask", path: "/officer/asks/new" },
        { screen: "ask", path: `/officer/asks/${w.ask.id}` },
        { screen: "group", path: `/officer/groups/${w.group.id}` },
        { screen: "polls", path: "/officer/polls" },
        { screen: "new-poll", path: "/officer/polls/new" },
        { screen: "meeting", path: `/officer/polls/${w.openPoll.id}/meeting` },
        { screen: "meeting-closed", path: `/officer/polls/${w.closedPoll.id}/meeting` },
        { screen: "reminders", path: "/reminders" },
        // The builder (a field per language for every text; slow to check) in Arabic, the harder case.
        ...(lang === "ar" ? [{ screen: "poll", path: `/officer/polls/${w.openPoll.id}` }] : []),
        { screen: "translations", path: "/translate?lang=ps" },
      ];
      for (const s of screens) await checkScreen(page, "officer", lang, s);

      // The big screen of a closed poll nobody revealed says its results are waiting for the
      // presenter, not that the (hidden) results on it are final.
      const meeting = { en: enMeeting, ar: arMeeting }[lang];
      await page.goto(`/officer/polls/${w.closedPoll.id}/meeting`);
      await page.getByText(meeting.results.closedHidden).waitFor();
      expect(await page.getByText(meeting.results.closed).count()).toBe(0);
    });
  }
});

describe("safeguarding lead", () => {
  for (const lang of LANGS) {
    test(`every screen at 360×740 in ${lang}`, async () => {
      const w = await world();
      const { page } = await signedIn(w.lead[lang].id);
      if (lang === "ar") await switchToArabic(page);
      const screens: Screen[] = [
        { screen: "concerns", path: "/safeguarding" },
        { screen: "concern", path: `/safeguarding/${w.concern.id}` },
      ];
      for (const s of screens) await checkScreen(page, "lead", lang, s);
    });
  }
});

describe("board member", () => {
  for (const lang of LANGS) {
    test(`every screen at 360×740 in ${lang}, and the board pack`, { timeout: 240_000 }, async () => {
      const w = await world();
      // The dashboard shows whole months that have ended: put the world's approvals in the last one.
      const now = new Date();
      await prisma.feedbackItem.updateMany({ where: { status: "approved" }, data: { decidedAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12)) } });
      const { page } = await signedIn(w.board[lang].id);
      if (lang === "ar") await switchToArabic(page);
      const screens: Screen[] = [
        { screen: "home", path: "/board" },
        { screen: "ask", path: `/board/asks/${w.ask.id}` },
        { screen: "polls", path: "/board/polls" },
        { screen: "poll", path: `/board/polls/${w.closedPoll.id}` },
        { screen: "accountability", path: "/board/accountability" },
        { screen: "reminders", path: "/reminders" },
      ];
      for (const s of screens) await checkScreen(page, "board", lang, s);

      // The dashboard's numbers: 6 on activities shown, school's 2 hidden, no total beside it.
      await page.goto("/board");
      const themes = page.getByRole("table", { name: lang === "en" ? enDashboard.feedback.byTheme : arDashboard.feedback.byTheme });
      await themes.waitFor();
      const fewer = (lang === "en" ? enBoard : arBoard).feedback.fewerThan.replace("{{k}}", lang === "en" ? "6" : "٦");
      const withheld = (lang === "en" ? enBoard : arBoard).feedback.withheld;
      const cells = await themes.locator("tbody td.number").allInnerTexts();
      expect(cells.every((c) => c === "0" || c === "٠" || c === fewer || c === withheld || /^[6-9٦-٩]|^[1-9١-٩][0-9٠-٩]/.test(c)), cells.join(" | ")).toBe(true);
      // Every bar is drawn from the start of the line in the page's direction.
      const bar = page.locator(".dash-bar rect").first();
      if (await bar.count()) {
        const x = Number(await bar.getAttribute("x"));
        const width = Number(await bar.getAttribute("width"));
        expect(lang === "en" ? x : x + width).toBe(lang === "en" ? 0 : 100);
      }

      // The board pack: no header or navigation, lang and dir, axe, nothing sideways at 360 px.
      const response = await page.goto("/board/print?date=2026-12-03");
      expect(response?.status()).toBe(200);
      await page.getByRole("heading", { level: 1, name: lang === "en" ? enDashboard.pack.title : arDashboard.pack.title }).waitFor();
      expect(await page.getByRole("banner").count()).toBe(0);
      expect(await page.getByRole("navigation").count()).toBe(0);
      expect(await page.locator("html").getAttribute("dir")).toBe(lang === "en" ? "ltr" : "rtl");
      expect.soft(await axeViolations(page), `board pack in ${lang}: axe`).toEqual([]);
      if (await hasHorizontalOverflow(page)) expect.soft(await overflowingElements(page), `board pack in ${lang}: sticks out`).toEqual([]);
      if (lang !== "en") expect.soft(await englishLeftOnPage(page, lang), `board pack: English left on the ${lang} page`).toEqual([]);
      // On paper each section starts a page.
      await page.emulateMedia({ media: "print" });
      const breaks = await page.locator(".dash-section").evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
      expect(breaks.slice(1).every((b) => b === "page")).toBe(true);
      await screenshot(page, `screens/board-pack-${lang}`);
      await page.emulateMedia({ media: "screen" });
      // A hand-made date is a clear error.
      app.allowErrors(/400|Bad Request|date=2026-02-30/);
      expect((await page.goto("/board/print?date=2026-02-30"))?.status()).toBe(400);
    });
  }
});

describe("translator", () => {
  for (const lang of LANGS) {
    test(`every screen at 360×740 in ${lang}`, async () => {
      const w = await world();
      const { page } = await signedIn(w.translator[lang].id);
      if (lang === "ar") await switchToArabic(page);
      const screens: Screen[] = [
        { screen: "translations", path: "/translate" },
        { screen: "poll", path: `/translate/polls/${w.openPoll.id}?lang=ar` },
        { screen: "poll-untranslated", path: `/translate/polls/${w.openPoll.id}?lang=ti` },
        { screen: "ask", path: `/translate/asks/${w.ask.id}?lang=ar` },
      ];
      for (const s of screens) await checkScreen(page, "translator", lang, s);
    });
  }
});

describe("admin", () => {
  for (const lang of LANGS) {
    test(`every screen at 360×740 in ${lang}`, async () => {
      const w = await world();
      const { page } = await signedIn(w.admin[lang].id);
      if (lang === "ar") await switchToArabic(page);
      const screens: Screen[] = [
        { screen: "home", path: "/admin" },
        { screen: "staff", path: "/admin/staff" },
        { screen: "groups", path: "/admin/groups" },
        { screen: "settings", path: "/admin/settings" },
        { screen: "email", path: "/admin/email" },
        { screen: "phrases", path: "/admin/safeguarding" },
        { screen: "redaction", path: "/admin/redaction" },
        { screen: "audit", path: "/admin/audit" },
      ];
      for (const s of screens) await checkScreen(page, "admin", lang, s);
    });
  }
});
