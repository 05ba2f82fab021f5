import { describe, expect, test } from "vitest";
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import enCommon from "#app/locales/en/common.json" with { type: "json" };
import { app, ORGANISATION, GROUP, HELPLINES, world, englishLeftOnPage, checkScreen, signedIn, YOUTH_LANGS, type Screen } from "./screens-world.ts";

// The young person's screens (and the screens before signing in) in English, Arabic, Pashto and
// Tigrinya, and a test of the check for English left on a page; the checks are in screens-world.ts.

describe("young person", () => {
  for (const lang of YOUTH_LANGS) {
    test(`every screen at 360×740 in ${lang}`, async () => {
      const w = await world();
      // The Arabic reader's account is in Arabic (their locale), the other's in English.
      const { page } = await signedIn(w.youngPerson[lang].id);
      const screens: Screen[] = [
        { screen: "home", path: "/me" },
        { screen: "say", path: "/me/say" },
        { screen: "things", path: "/me/things" },
        { screen: "thing-with-messages", path: `/me/things/${w.disclosures[lang].feedbackId}` },
        // Just sent, and the screen passed it to the safeguarding leads: the "not in trouble" panel.
        { screen: "things-just-sent-to-safeguarding", path: `/me/things?sent=${w.disclosures[lang].feedbackId}` },
        { screen: "timeline", path: `/me/groups/${w.group.id}` },
        { screen: "poll", path: `/me/polls/${w.openPoll.id}` },
        { screen: "poll-answered", path: `/me/polls/${w.answeredPoll.id}` },
        { screen: "account", path: "/account" },
        { screen: "accessibility", path: "/accessibility" },
      ];
      for (const s of screens) await checkScreen(page, "young-person", lang, s);
    });

    test(`the screens before signing in at 360×740 in ${lang}`, async () => {
      await world();
      // A phone set to the reader's language, nobody signed in yet.
      const page = await app.newPage({ locale: lang === "en" ? "en-GB" : lang });
      for (const s of [
        { screen: "join", path: "/join" },
        { screen: "sign-in", path: "/sign-in" },
        { screen: "reset-password", path: "/reset-password" },
        { screen: "accessibility-signed-out", path: "/accessibility" },
      ]) {
        await checkScreen(page, "young-person", lang, s);
      }
    });
  }
});


describe("the check for English left on a page", () => {
  test("finds an English interface string among Arabic and data, and nothing in data alone", async () => {
    await world();
    const page = await app.newPage();
    const arabicWithData = `<p>${arCommon.quickExit} — ${GROUP} — ${ORGANISATION} — Childline</p><p>${HELPLINES[2]!.name}</p>`;
    await page.setContent(`<html lang="ar" dir="rtl"><body>${arabicWithData}</body></html>`);
    expect(await englishLeftOnPage(page, "ar")).toEqual([]);
    await page.setContent(`<html lang="ar" dir="rtl"><body>${arabicWithData}<p>${enCommon.quickExit}</p></body></html>`);
    expect((await englishLeftOnPage(page, "ar")).join("\n")).toContain(`"${enCommon.quickExit}" (common.quickExit)`);
    // English the page marks as English is not "left": it is said to be English.
    await page.setContent(`<html lang="ar" dir="rtl"><body>${arabicWithData}<p><bdi lang="en">${enCommon.quickExit}</bdi></p></body></html>`);
    expect(await englishLeftOnPage(page, "ar")).toEqual([]);
    // A key i18next could not find, shown as it is.
    await page.setContent(`<html lang="ar"><body>${arabicWithData} youth:home.nothingHere</body></html>`);
    expect(await englishLeftOnPage(page, "ar")).toContain("untranslated key youth:home.nothingHere");
  });
});
