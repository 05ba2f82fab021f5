import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import arAuth from "#app/locales/ar/auth.json" with { type: "json" };
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import arYouth from "#app/locales/ar/youth.json" with { type: "json" };
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createInvite, createStaff, createYoungPerson, TEST_PASSWORD } from "#tests/factories.ts";
import { nextLiveConnection, screenshot, setupE2E, signIn, waitForHydration } from "./harness.ts";

// "You said, we did" end to end, as four people on four phones: a new young person who reads
// Arabic, their participation officer, a board member, and another young person of the group.
const app = setupE2E();

const SAID = "نريد أن يفتح نادي الشباب يوم الأحد، لأنه لا يوجد شيء نفعله في عطلة نهاية الأسبوع.";
const SAID_IN_ENGLISH = "We want the youth club to open on Sundays, because there is nothing to do at the weekend.";
const ASK_TITLE = "Open the youth club on Sundays";
const UPDATE_EN = "The board agreed: the youth club will open on Sundays from March.";
const UPDATE_AR = "وافق المجلس: سيفتح نادي الشباب أيام الأحد ابتداءً من شهر مارس.";

/** The board's count of approved feedback in a theme, as the board member reads it. */
function themeCount(page: Page, theme: string) {
  // The first table with the theme is its total over the dashboard's months; the first cell, the number.
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: theme, exact: true }) }).first().getByRole("cell").first();
}

/** Counts the page's document loads from now on (a reload or a full navigation). */
function watchDocumentLoads(page: Page) {
  const loads: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads.push(`${request.method()} ${request.url()}`);
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) loads.push(`navigated to ${frame.url()}`);
  });
  return loads;
}

test("a young person's words in Arabic reach the board, and the board's answer comes back to them live", async () => {
  // ——— the data that was already there ———
  const group = await createGroup({ name: "Horizons" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Sam Officer" });
  const boardMember = await createStaff({ roles: ["board_member"], name: "Cllr Board" });
  await createInvite(group.id, officer.id, { code: "48217730" });
  const others = [];
  // Approved last month: the board's dashboard shows whole months that have ended (decision 012).
  const lastMonth = new Date();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCDate(-10);
  for (let i = 0; i < 6; i++) {
    const person = await createYoungPerson({ groupIds: [group.id] });
    await createFeedbackItem({ authorId: person.id, groupId: group.id, status: "approved", themeKey: "activities", decidedById: officer.id, decidedAt: lastMonth });
    others.push(person);
  }
  const peer = others[0]!;

  // Four phones.
  const [youth, officerPage, board, peerPage] = await Promise.all([app.newPage(), app.newPage(), app.newPage(), app.newPage()]);

  // ——— the board member has the board open: "activities" reads 6 ———
  await signIn(board, boardMember.email!);
  const boardLive = nextLiveConnection(board);
  await board.goto("/board");
  await boardLive;
  await expect.poll(() => themeCount(board, "Activities and hobbies").innerText()).toBe("6");
  await screenshot(board, "journey/01-board-activities-6");

  // ——— the officer has the moderation queue open ———
  await signIn(officerPage, officer.email!);
  const queueLive = nextLiveConnection(officerPage);
  await officerPage.goto("/officer");
  await queueLive;
  await officerPage.getByText("Nothing is waiting. New items appear here as they arrive.").waitFor();
  await screenshot(officerPage, "journey/02-officer-queue-empty");

  // ——— a new young person joins with the code, in Arabic ———
  await youth.goto("/join");
  await waitForHydration(youth);
  await youth.getByLabel("Language").selectOption({ label: "العربية" });
  await youth.getByRole("button", { name: "Change" }).click();
  await youth.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
  await youth.getByRole("heading", { level: 1, name: arAuth.join.title }).waitFor();
  await waitForHydration(youth);
  await screenshot(youth, "journey/03-join-ar");
  await youth.getByLabel(arAuth.fields.code).fill("48217730");
  await youth.getByLabel(arAuth.fields.nickname, { exact: true }).fill("ليلى");
  await youth.getByLabel(arAuth.fields.newPassword, { exact: true }).fill(TEST_PASSWORD);
  await youth.getByLabel(arAuth.fields.ageBand).selectOption({ label: arAuth.ageBands["13-15"] });
  await screenshot(youth, "journey/04-join-ar-filled");
  await youth.getByRole("button", { name: arAuth.join.submit, exact: true }).click();
  await youth.waitForURL((url) => url.pathname === "/me");
  await youth.getByRole("status").getByText(arYouth.home.joined).waitFor();
  expect(await youth.locator("html").getAttribute("dir")).toBe("rtl");
  await screenshot(youth, "journey/05-me-ar");

  // ——— says something, in Arabic ———
  await waitForHydration(youth);
  await youth.getByRole("main").getByRole("link", { name: arYouth.home.say }).click();
  await youth.waitForURL((url) => url.pathname === "/me/say");
  await youth.getByRole("heading", { level: 1, name: arYouth.say.title }).waitFor();
  await waitForHydration(youth);
  await youth.getByLabel(arYouth.say.text).fill(SAID);
  await youth.getByLabel(arYouth.say.theme).selectOption({ label: arYouth.themes.activities });
  await youth.getByLabel(arYouth.say.identityTeam).check();
  await youth.getByLabel(arYouth.say.mayQuoteYes).check();
  await screenshot(youth, "journey/06-say-ar");
  await youth.getByRole("button", { name: arYouth.say.submit, exact: true }).click();
  await youth.waitForURL((url) => url.pathname === "/me/things");
  await youth.getByRole("status").getByText(arYouth.things.sent).waitFor();
  const mine = youth.getByRole("listitem").filter({ hasText: SAID });
  await mine.getByText(arYouth.status.pending, { exact: true }).waitFor();
  await screenshot(youth, "journey/07-my-things-waiting-ar");

  // ——— …and keeps the group's timeline open on the phone ———
  await youth.getByRole("navigation").getByRole("link", { name: arCommon.nav.myGroups }).click();
  await youth.waitForURL((url) => url.pathname === "/me");
  await waitForHydration(youth);
  const timelineLive = nextLiveConnection(youth);
  await youth.getByRole("main").getByRole("link", { name: "Horizons" }).click();
  await youth.waitForURL((url) => url.pathname === `/me/groups/${group.id}`);
  await youth.getByRole("heading", { level: 1, name: arYouth.timeline.heading }).waitFor();
  await timelineLive;
  await youth.getByText(arYouth.timeline.empty).waitFor();
  // From here on the timeline must change without the page loading again.
  await youth.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const youthLoads = watchDocumentLoads(youth);
  await screenshot(youth, "journey/08-timeline-empty-ar");

  // Another young person of the group has the same timeline open, in English.
  await signIn(peerPage, peer.displayName);
  await waitForHydration(peerPage);
  const peerLive = nextLiveConnection(peerPage);
  await peerPage.getByRole("main").getByRole("link", { name: "Horizons" }).click();
  await peerPage.getByRole("heading", { level: 1, name: "You said, we did" }).waitFor();
  await peerLive;

  // ——— the officer finds the Arabic item in the queue (it arrived live) and approves it ———
  const queued = officerPage.getByRole("article").filter({ hasText: SAID });
  await queued.waitFor();
  await expect.poll(() => queued.getByRole("definition").allInnerTexts()).toEqual(
    expect.arrayContaining(["Arabic", "Activities and hobbies", "ليلى", "Yes, without a name"]),
  );
  await waitForHydration(officerPage);
  await screenshot(officerPage, "journey/09-officer-queue-arabic-item");
  await queued.getByLabel("Theme").selectOption({ label: "Activities and hobbies" });
  await queued.getByLabel("English translation (optional)").fill(SAID_IN_ENGLISH);
  await queued.getByRole("button", { name: "Approve and publish" }).click();
  await officerPage.getByRole("status").getByText("Approved. The young person has been told.").waitFor();
  await queued.waitFor({ state: "detached" });
  await screenshot(officerPage, "journey/10-officer-approved");

  // ——— the board's count does not move with one approval: this month is counted once it has
  // ended, so no board member can watch a single young person's words arrive (decision 012) ———
  await board.reload();
  await expect.poll(() => themeCount(board, "Activities and hobbies").innerText()).toBe("6");
  await screenshot(board, "journey/11-board-activities-still-6");
  // The board never sees who said it.
  expect(await board.getByText("ليلى").count()).toBe(0);

  // ——— the officer raises an ask with the Arabic item ———
  await officerPage.getByRole("navigation").getByRole("link", { name: "Asks" }).click();
  await officerPage.getByRole("heading", { level: 1, name: "Asks to the board" }).waitFor();
  await waitForHydration(officerPage);
  await officerPage.getByRole("link", { name: "Make a new ask" }).click();
  await officerPage.getByRole("heading", { level: 1, name: "Make a new ask" }).waitFor();
  await waitForHydration(officerPage);
  await officerPage.getByRole("checkbox", { name: SAID }).check();
  await officerPage.getByLabel("Title").fill(ASK_TITLE);
  await officerPage.getByLabel("What you are asking the board").fill("Young people in Horizons ask for the youth club to open on Sundays.");
  await screenshot(officerPage, "journey/12-officer-new-ask");
  await officerPage.getByRole("button", { name: "Raise the ask" }).click();
  await officerPage.waitForURL((url) => /^\/officer\/asks\/[^/]+$/.test(url.pathname));
  await officerPage.getByRole("status").getByText("The ask has been raised. The board can see it now.").waitFor();
  await officerPage.getByRole("heading", { level: 1, name: ASK_TITLE }).waitFor();
  const askId = new URL(officerPage.url()).pathname.split("/").pop()!;
  expect(await prisma.askItem.count({ where: { askId } })).toBe(1);

  // The ask shows on the open timelines at once, with the words the author agreed to share.
  const raised = youth.getByRole("article").filter({ has: youth.getByRole("heading", { name: ASK_TITLE }) });
  await raised.waitFor();
  await raised.getByText(arYouth.timeline.waiting).waitFor();
  await raised.getByText(SAID).waitFor();
  await peerPage.getByRole("article").filter({ hasText: ASK_TITLE }).getByText(SAID).waitFor();
  await screenshot(youth, "journey/13-timeline-ask-raised-ar");

  // ——— the officer posts the board's answer, with an Arabic translation ———
  await waitForHydration(officerPage);
  await officerPage.getByLabel("Status", { exact: true }).selectOption({ label: "Agreed" });
  await officerPage.getByLabel("Update in English").fill(UPDATE_EN);
  await officerPage.getByText("Translations (12 languages)").click();
  await officerPage.getByLabel("Update in Arabic").fill(UPDATE_AR);
  await screenshot(officerPage, "journey/14-officer-update");
  await officerPage.getByRole("button", { name: "Post the update" }).click();
  await officerPage.getByRole("status").getByText("The update has been posted and the young people have been told.").waitFor();
  await officerPage.getByRole("main").getByText(UPDATE_EN).waitFor();
  await screenshot(officerPage, "journey/15-officer-update-posted");

  // ——— the young person sees it appear, in Arabic, without reloading ———
  await raised.getByText(UPDATE_AR).waitFor();
  // The update carries its status, and the ask's own status follows it.
  await raised.getByRole("listitem").filter({ hasText: UPDATE_AR }).getByText(arYouth.askStatus.agreed, { exact: true }).waitFor();
  expect(await raised.getByText(arYouth.askStatus.agreed, { exact: true }).count()).toBe(2);
  expect(await raised.getByText(UPDATE_EN).count()).toBe(0);
  // The update is in Arabic: no "in English" mark on it. The ask's own title nobody translated
  // here is English, and says so, once.
  expect(await raised.locator("ul.list > li").filter({ hasText: UPDATE_AR }).getByText(arYouth.timeline.englishFallback).count()).toBe(0);
  expect(await raised.getByText(arYouth.timeline.englishFallback).count()).toBe(1);
  expect(youthLoads, "the timeline changed by itself, without a page load").toEqual([]);
  expect(await youth.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(new URL(youth.url()).pathname).toBe(`/me/groups/${group.id}`);
  expect(await youth.locator("html").getAttribute("dir")).toBe("rtl");
  await screenshot(youth, "journey/16-timeline-update-ar");

  // The group-mate reads the same answer in English.
  const peerAsk = peerPage.getByRole("article").filter({ hasText: ASK_TITLE });
  await peerAsk.getByText(UPDATE_EN).waitFor();
  await peerAsk.getByRole("listitem").filter({ hasText: UPDATE_EN }).getByText("Agreed", { exact: true }).waitFor();
  await screenshot(peerPage, "journey/17-peer-timeline-update-en");

  // And the board sees the ask with its answer.
  await board.getByRole("link", { name: ASK_TITLE }).click();
  await board.getByRole("heading", { level: 1, name: ASK_TITLE }).waitFor();
  await board.getByText(UPDATE_EN).waitFor();
  await screenshot(board, "journey/18-board-ask");
});
