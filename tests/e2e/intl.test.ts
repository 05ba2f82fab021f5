import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { createAsk } from "#app/models/asks.server.ts";
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { formatDate, formatNumber } from "#app/utils/format.ts";
import { languages, supportedLanguages } from "#app/utils/i18n.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { setupE2E, waitForHydration } from "./harness.ts";
import { ROOT } from "./paths.ts";

// Decision 009 in Debian's Chromium: for every language, the dates and numbers the server wrote
// into the page are the ones the browser writes when it renders the same screen itself (a
// client-side navigation), and hydrating the server's page raises no mismatch (the harness fails
// on any console error). Also: every language is offered in its own name with its lang and dir,
// and staff see the machine-drafted notice in every language no fluent speaker has checked.
const app = setupE2E();

// 14:05 in London on a winter day, a long way off: a poll's closing time.
const CLOSES_AT = new Date(Date.UTC(2030, 10, 23, 14, 5));
const DUE_AT = new Date(Date.UTC(2030, 0, 5, 12, 0));

const localeFile = (code: string, file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, "app/locales", code, `${file}.json`), "utf8")) as Record<string, unknown>;

/** The texts of the elements `selector` matches in <main>, once the first is there. */
async function texts(page: Page, selector: string) {
  await page.locator(`main ${selector}`).first().waitFor();
  return page.locator(`main ${selector}`).allInnerTexts();
}

/** One world for every language: a young person and a board member reading in each. */
async function makeWorld() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: "Summer trip",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: CLOSES_AT,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Where?", promptTranslations: {}, maxChoices: null, options: [{ label: "Sea", labelTranslations: {} }, { label: "Hills", labelTranslations: {} }] }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const readers: Record<string, { youngPerson: { id: string }; board: { id: string } }> = {};
  const itemIds: string[] = [];
  for (const code of supportedLanguages) {
    const youngPerson = await createYoungPerson({ groupIds: [group.id], locale: code });
    const item = await createFeedbackItem({ authorId: youngPerson.id, groupId: group.id, status: "approved", themeKey: "school", decidedById: officer.id });
    itemIds.push(item.id);
    const board = await createStaff({ roles: ["board_member"] });
    await prisma.user.update({ where: { id: board.id }, data: { locale: code } });
    readers[code] = { youngPerson, board };
  }
  await createAsk(officer.id, { title: "More trips", body: "Young people asked for more trips.", feedbackIds: itemIds, dueAt: DUE_AT });
  return readers;
}

let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  world = await makeWorld();
});

/**
 * One page without JavaScript and one with it, kept for every language's test: only the session
 * changes between readers (a fresh context per reader spent most of this file's time opening).
 */
let shared: { withoutJs: Page; withJs: Page } | undefined;
async function sharedPages() {
  if (!shared) {
    const withoutJs = await app.newContext({ javaScriptEnabled: false, keepOpen: true });
    const withJs = await app.newContext({ keepOpen: true });
    shared = { withoutJs: await withoutJs.newPage(), withJs: await withJs.newPage() };
  }
  return shared;
}

/** The page holds this reader's session and nothing else (and nothing of the last reader's runs). */
async function signInAs(page: Page, userId: string) {
  await page.goto("about:blank");
  await page.context().clearCookies();
  await app.signInAs(page.context(), userId);
}

/**
 * What the server wrote (a page with JavaScript off) and what the browser wrote (the same screen
 * reached by a client-side navigation from `from`, so React renders it in Chromium).
 */
async function serverAndBrowser(userId: string, screen: { path: string; from: string; ready: string; selector: string }) {
  const { withoutJs: serverPage, withJs: page } = await sharedPages();
  await signInAs(serverPage, userId);
  await serverPage.goto(screen.path);
  const server = await texts(serverPage, screen.selector);

  await signInAs(page, userId);
  // Hydrating the server's page first: a date or number written differently would be a mismatch.
  await page.goto(screen.path);
  await waitForHydration(page);
  await page.goto(screen.from);
  await waitForHydration(page);
  const navigated = page.waitForURL((url) => url.pathname === screen.path);
  await page.locator(`nav a[href="${screen.path}"]`).click();
  await navigated;
  // The URL moves before React has rendered the new screen: wait for something only it has.
  await page.locator(`main ${screen.ready}`).first().waitFor();
  const browser = await texts(page, screen.selector);
  const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  return { server, browser, html, page };
}

test.each(supportedLanguages)("%s: a date and a number the server wrote are the ones Chromium writes", async (code) => {
  const { youngPerson, board } = world[code]!;
  const { dir } = languages.find((l) => l.code === code)!;

  // A young person's home page: the poll's closing date and time.
  const home = await serverAndBrowser(youngPerson.id, { path: "/me", from: "/me/things", ready: `time[datetime="${CLOSES_AT.toISOString()}"]`, selector: "time" });
  expect(home.html).toEqual({ lang: code, dir });
  expect(home.server).toEqual([formatDate(CLOSES_AT, code, true)]);
  expect(home.browser).toEqual(home.server);

  // The board's dashboard: the ask's due date and numbers (its tables; the small-number threshold).
  const boardPage = await serverAndBrowser(board.id, { path: "/board", from: "/board/polls", ready: "table.board-table", selector: "table.board-table td, .hint" });
  expect(boardPage.html).toEqual({ lang: code, dir });
  expect(boardPage.server.join(" | ")).toContain(formatDate(DUE_AT, code));
  expect(boardPage.server.join(" | ")).toContain(formatNumber(6, code));
  expect(boardPage.browser).toEqual(boardPage.server);

  // Staff are told when the language on screen has not been checked by a fluent speaker.
  const meta = localeFile(code, "meta") as { source: string };
  const notice = (localeFile(code, "common").translationStatus as { machineDrafted: string }).machineDrafted;
  const shown = await boardPage.page.getByRole("note").filter({ hasText: notice }).count();
  expect(shown, `${code}: the machine-drafted notice`).toBe(meta.source === "human" ? 0 : 1);
});

test("the join and sign-in pages offer every language in its own name, with its lang and dir, and choosing one sets the page's", async () => {
  const page = await app.newPage({ javaScriptEnabled: false });
  for (const path of ["/join", "/sign-in"]) {
    await page.goto(path);
    const options = await page.locator('select[name="locale"] option').evaluateAll((els) =>
      els.map((el) => ({ code: (el as HTMLOptionElement).value, name: el.textContent, lang: el.getAttribute("lang"), dir: el.getAttribute("dir") })),
    );
    expect(options, path).toEqual(languages.map((l) => ({ code: l.code, name: l.name, lang: l.code, dir: l.dir })));
  }
  for (const { code, dir } of languages) {
    await page.goto("/join");
    await page.locator('select[name="locale"]').selectOption(code);
    await Promise.all([page.waitForURL(/\/join$/), page.locator("form.language-switcher button[type=submit]").click()]);
    expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir })), code).toEqual({ lang: code, dir });
    expect(await page.locator('select[name="locale"]').inputValue(), code).toBe(code);
  }
});

test("a phone that asks for Dari, Farsi, Kurmanji or Sorani gets it, not its neighbour", async () => {
  for (const [locale, want] of [
    ["fa-AF", "fa-AF"],
    ["fa-IR", "fa"],
    ["ku", "kmr"],
    ["ckb-IQ", "ckb"],
    ["ps-AF", "ps"],
  ] as const) {
    const page = await app.newPage({ javaScriptEnabled: false, locale });
    await page.goto("/sign-in");
    expect(await page.evaluate(() => document.documentElement.lang), locale).toBe(want);
  }
});
