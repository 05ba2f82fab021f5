import { describe, expect, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { createGroup, createStaff, createYoungPerson, pollInput } from "#tests/factories.ts";
import { setupE2E, waitForHydration } from "./harness.ts";

// "Read aloud" uses a voice on the device, in the page's language, and nothing else. Debian's
// headless Chromium has no voices at all; the other cases stand in for a phone's with a fake
// speechSynthesis (the browser's, outside the project), put in before the page loads.
const app = setupE2E();

type Voice = { name: string; lang: string; localService: boolean };

async function withVoices(context: BrowserContext, voices: Voice[]) {
  await context.addInitScript((list: Voice[]) => {
    const spoken: { text: string; voice: string | null; lang: string }[] = [];
    const listeners = new Set<() => void>();
    class FakeUtterance {
      text: string;
      voice: Voice | null = null;
      lang = "";
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synth = {
      getVoices: () => list,
      speak: (u: FakeUtterance) => spoken.push({ text: u.text, voice: u.voice?.name ?? null, lang: u.lang }),
      cancel: () => {},
      addEventListener: (_: string, fn: () => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance, configurable: true });
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    (window as unknown as { __voiceListeners: typeof listeners }).__voiceListeners = listeners;
  }, voices);
}

/**
 * Resolves once the read-aloud button has looked at the device's voices: it chooses one (or none)
 * in the same effect in which it starts listening for "voiceschanged". Once it listens it has
 * chosen, and a choice of none renders nothing, now or later, unless the voices change (the fake
 * never changes them). No time to wait out.
 */
async function voicesLookedAt(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __voiceListeners: Set<unknown> }).__voiceListeners.size > 0);
}

async function youngPersonPage(locale: string, voices?: Voice[], prepare?: (groupId: string) => Promise<void>) {
  const group = await createGroup();
  await prepare?.(group.id);
  const person = await createYoungPerson({ groupIds: [group.id], locale });
  const context = await app.newContext({ locale });
  if (voices) await withVoices(context, voices);
  await app.signInAs(context, person.id);
  const page = await context.newPage();
  await page.goto("/me");
  await waitForHydration(page);
  return page;
}

test("with no voice on the device (Debian's headless Chromium), there is no read-aloud button", async () => {
  const page = await youngPersonPage("en");
  expect(await page.getByRole("button", { name: "Read aloud" }).count()).toBe(0);
});

test("a voice that would send the words away is never used: with only a remote voice, no button", async () => {
  const page = await youngPersonPage("ar", [{ name: "Cloud Arabic", lang: "ar-SA", localService: false }]);
  await voicesLookedAt(page);
  expect(await page.getByRole("button", { name: arCommon.readAloud.start }).count()).toBe(0);
});

test("with a local voice in the page's language, one tap reads the page with that voice, and a second stops it", async () => {
  const page = await youngPersonPage("ar", [
    { name: "Cloud Arabic", lang: "ar-SA", localService: false },
    { name: "Device Arabic", lang: "ar-EG", localService: true },
    { name: "Device English", lang: "en-GB", localService: true },
  ]);
  const button = page.getByRole("button", { name: arCommon.readAloud.start });
  await button.click();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; voice: string; lang: string }[] }).__spoken);
  expect(spoken).toHaveLength(1);
  expect(spoken[0]!.voice).toBe("Device Arabic");
  expect(spoken[0]!.lang).toBe("ar-EG");
  expect(spoken[0]!.text).toContain(await page.getByRole("heading", { level: 1 }).innerText());
  await page.getByRole("button", { name: arCommon.readAloud.stop }).click();
  await page.getByRole("button", { name: arCommon.readAloud.start }).waitFor();
});

test("a Pashto page with only an Arabic voice offers nothing: a wrong-language voice would be worse than none", async () => {
  const page = await youngPersonPage("ps", [{ name: "Device Arabic", lang: "ar", localService: true }]);
  await voicesLookedAt(page);
  expect(await page.locator("button.read-aloud").count()).toBe(0);
});

type Spoken = { text: string; voice: string; lang: string }[];
const spokenOn = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken }).__spoken);

describe("words the page marks as another language", () => {
  // A poll nobody translated into Arabic: its English title shows on the Arabic home screen,
  // marked as English (lang="en" and the "in English" mark).
  const TITLE = "Should the youth club open on Sundays?";
  const englishOnlyPoll = async (groupId: string) => {
    const officer = await createStaff({ roles: ["officer"], groupIds: [groupId] });
    const poll = await createPoll(officer.id, pollInput({ title: TITLE, groupIds: [groupId] }));
    await setPollStatus(officer.id, poll.id, "open");
  };

  test("are read by a voice of their own language, the rest by the page's", async () => {
    const page = await youngPersonPage(
      "ar",
      [
        { name: "Device Arabic", lang: "ar-EG", localService: true },
        { name: "Device English", lang: "en-GB", localService: true },
      ],
      englishOnlyPoll,
    );
    await page.getByText(TITLE).waitFor();
    await page.getByRole("button", { name: arCommon.readAloud.start }).click();
    const spoken = await spokenOn(page);
    const english = spoken.filter((s) => s.voice === "Device English");
    expect(english.map((s) => s.text)).toEqual([TITLE]);
    expect(english[0]!.lang).toBe("en-GB");
    expect(spoken.filter((s) => s.voice === "Device Arabic").map((s) => s.text).join(" ")).toContain(await page.getByRole("heading", { level: 1 }).innerText());
    expect(spoken.every((s) => s.voice === "Device English" || !s.text.includes(TITLE))).toBe(true);
  });

  test("are left out, never read by the page's voice, when the device has no voice for them", async () => {
    const page = await youngPersonPage("ar", [{ name: "Device Arabic", lang: "ar-EG", localService: true }], englishOnlyPoll);
    await page.getByText(TITLE).waitFor();
    await page.getByRole("button", { name: arCommon.readAloud.start }).click();
    const spoken = await spokenOn(page);
    expect(spoken.length).toBeGreaterThan(0);
    expect(spoken.every((s) => s.voice === "Device Arabic" && !s.text.includes(TITLE))).toBe(true);
  });
});
