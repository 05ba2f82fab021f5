import { expect, test } from "vitest";
import arYouth from "#app/locales/ar/youth.json" with { type: "json" };
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { hasHorizontalOverflow, nextLiveConnection, screenshot, setupE2E, signIn, waitForHydration } from "./harness.ts";

// Issue 5's "done when", on phones (360×740): items approved → ask raised → a board member
// acknowledges and answers → the contributing young person sees the notification live, in Arabic
// → the group timeline shows it → an officer translates the ask's own title, and the timeline
// follows. Nobody's notification says who else contributed.
const app = setupE2E();

const SAID = "نريد واي فاي في كل بيت، لا نستطيع أداء الواجبات";
const SAID_EN = "We want wifi in every home for homework";
const OTHER = "My placement has no internet at all, Kacper knows";
const ASK_TITLE = "Wifi in every home";
const ASK_TITLE_AR = "واي فاي في كل بيت";
const ANSWER_EN = "We agreed: every home gets wifi by March.";
const ANSWER_AR = "وافقنا: كل بيت سيحصل على واي فاي بحلول مارس.";

test("items approved, ask raised, a board member acknowledges and answers, the young person is told live in Arabic, and the timeline shows it", { timeout: 180_000 }, async () => {
  const group = await createGroup({ name: "Voices of Sandwell" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Olu Officer" });
  const board = await createStaff({ roles: ["board_member"], name: "Bea Board" });
  const amira = await createYoungPerson({ groupIds: [group.id], nickname: "أميرة", locale: "ar" });
  const other = await createYoungPerson({ groupIds: [group.id], nickname: "Kacper-quiet" });
  await createFeedbackItem({ authorId: amira.id, groupId: group.id, text: SAID, language: "ar", mayQuote: true });
  await createFeedbackItem({ authorId: other.id, groupId: group.id, text: OTHER, mayQuote: false, identity: "safeguarding" });

  // ——— the officer approves both items, on a phone ———
  const officerPage = await app.newPage();
  await signIn(officerPage, officer.email!);
  await officerPage.goto("/officer");
  await waitForHydration(officerPage);
  for (const [text, english] of [
    [SAID, SAID_EN],
    [OTHER, null],
  ] as const) {
    const queued = officerPage.getByRole("article").filter({ hasText: text });
    if (english) await queued.getByLabel("English translation (optional)").fill(english);
    if (!english) await queued.getByLabel("Words to publish").fill("My placement has no internet at all.");
    await queued.getByRole("button", { name: "Approve and publish" }).click();
    await queued.waitFor({ state: "detached" });
  }

  // ——— and raises an ask of them ———
  await officerPage.goto("/officer/asks/new");
  await waitForHydration(officerPage);
  await officerPage.getByRole("checkbox", { name: SAID }).check();
  await officerPage.getByRole("checkbox", { name: "My placement has no internet at all." }).check();
  await officerPage.getByLabel("Title").fill(ASK_TITLE);
  await officerPage.getByLabel("What you are asking the board").fill("Young people cannot do homework without wifi where they live.");
  await officerPage.getByLabel("Owner").selectOption({ label: "Bea Board" });
  await screenshot(officerPage, "asks/01-officer-new-ask");
  await officerPage.getByRole("button", { name: "Raise the ask" }).click();
  await officerPage.getByRole("status").getByText("The ask has been raised. The board can see it now.").waitFor();
  const askId = new URL(officerPage.url()).pathname.split("/").pop()!;
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: askId }, select: { ownerId: true, status: true } })).toEqual({ ownerId: board.id, status: "raised" });

  // ——— the young person waits on their home page, in Arabic, live ———
  const youthContext = await app.newContext({ locale: "ar" });
  await app.signInAs(youthContext, amira.id);
  const youth = await youthContext.newPage();
  const live = nextLiveConnection(youth);
  await youth.goto("/me");
  await live;
  expect(await youth.locator("html").getAttribute("dir")).toBe("rtl");
  const loads: string[] = [];
  youth.on("framenavigated", (frame) => {
    if (frame === youth.mainFrame()) loads.push(frame.url());
  });

  // ——— a board member acknowledges the ask and answers it, with an Arabic translation ———
  const boardPage = await app.newPage();
  await signIn(boardPage, board.email!);
  await boardPage.goto(`/board/asks/${askId}`);
  await boardPage.getByRole("heading", { level: 1, name: ASK_TITLE }).waitFor();
  await waitForHydration(boardPage);
  // The board sees the ask, never who asked or the words of someone who did not agree to be quoted.
  expect(await boardPage.getByText("Kacper-quiet").count()).toBe(0);
  expect(await boardPage.getByText("أميرة").count()).toBe(0);
  await boardPage.getByRole("button", { name: "I have received this ask" }).click();
  const received = boardPage.getByRole("region", { name: "Received by" });
  await received.getByText("Bea Board").waitFor();
  expect(await boardPage.getByRole("button", { name: "I have received this ask" }).count()).toBe(0);
  await boardPage.getByLabel("Status", { exact: true }).selectOption({ label: "Agreed" });
  await boardPage.getByLabel("Update in English").fill(ANSWER_EN);
  await boardPage.getByText("Translations (12 languages)").click();
  await boardPage.getByLabel("Update in Arabic").fill(ANSWER_AR);
  await screenshot(boardPage, "asks/02-board-answer");
  await boardPage.getByRole("button", { name: "Post the update" }).click();
  await boardPage.getByRole("status").getByText("The update has been posted and the young people have been told.").waitFor();
  await boardPage.getByRole("main").getByText(ANSWER_EN).waitFor();

  // ——— the young person sees the notification appear, in Arabic, without a page load ———
  const notice = youth.getByRole("listitem").filter({ hasText: ANSWER_AR });
  await notice.waitFor();
  await notice.getByText(arYouth.notifications.ask_update).waitFor();
  await notice.getByText(arYouth.notifications.new, { exact: true }).waitFor();
  await notice.getByText(arYouth.askStatus.agreed, { exact: true }).waitFor();
  expect(await notice.getByText(arYouth.timeline.englishFallback).count()).toBe(0);
  expect(loads, "the notification arrived live, without a page load").toEqual([]);
  // It never says who else contributed, nor shows their words.
  expect(await youth.getByText("Kacper-quiet").count()).toBe(0);
  expect(await youth.getByText("My placement has no internet", { exact: false }).count()).toBe(0);
  expect(await hasHorizontalOverflow(youth)).toBe(false);
  await screenshot(youth, "asks/03-youth-notification-ar");

  // ——— and the group's timeline shows it ———
  await notice.getByRole("link", { name: arYouth.notifications.open }).click();
  await youth.waitForURL((url) => url.pathname === `/me/groups/${group.id}`);
  await youth.getByRole("heading", { level: 1, name: arYouth.timeline.heading }).waitFor();
  const onTimeline = youth.getByRole("article").filter({ has: youth.getByRole("heading", { name: ASK_TITLE }) });
  await onTimeline.getByText(ANSWER_AR).waitFor();
  await onTimeline.getByText(SAID).waitFor();
  await onTimeline.getByText(arYouth.timeline.youSaid).waitFor();
  // The other item's author did not agree to be quoted: their words are not on the timeline.
  expect(await onTimeline.getByText("My placement has no internet", { exact: false }).count()).toBe(0);
  expect(await youth.locator("html").getAttribute("dir")).toBe("rtl");
  expect(await hasHorizontalOverflow(youth)).toBe(false);
  await screenshot(youth, "asks/04-youth-timeline-ar");

  // Nobody has translated the ask's own title yet: it is in English, marked, and read by an English voice.
  expect(await onTimeline.getByRole("heading", { name: ASK_TITLE }).locator("bdi").getAttribute("lang")).toBe("en");
  await onTimeline.getByText(arYouth.timeline.englishFallback).waitFor();

  // ——— the officer translates the ask's title and text into Arabic; the timeline follows live ———
  await officerPage.goto(`/officer/asks/${askId}`);
  await waitForHydration(officerPage);
  const arabic = officerPage.locator("details").filter({ has: officerPage.locator("summary", { hasText: "Arabic" }) });
  await arabic.locator("summary").click();
  await arabic.getByLabel("Title in Arabic").fill(ASK_TITLE_AR);
  await arabic.getByLabel("Text in Arabic").fill("لا يستطيع الشباب أداء الواجبات من دون واي فاي حيث يعيشون.");
  await arabic.getByRole("button", { name: "Save the translation (Arabic)" }).click();
  await arabic.getByRole("status").getByText("The translation (Arabic) is saved.").waitFor();
  await arabic.getByText("Not checked by an interpreter").waitFor();
  const translated = youth.getByRole("article").filter({ has: youth.getByRole("heading", { name: ASK_TITLE_AR }) });
  await translated.getByText(ANSWER_AR).waitFor();
  expect(await translated.getByText(arYouth.timeline.englishFallback).count()).toBe(0);
  expect(await translated.getByRole("heading", { name: ASK_TITLE_AR }).locator("bdi").getAttribute("lang")).toBeNull();

  // Opening it read the news; the anonymous contributor was told too.
  await expect.poll(() => prisma.notification.count({ where: { userId: amira.id, askId, readAt: null } })).toBe(0);
  expect(await prisma.notification.count({ where: { userId: other.id, askId, kind: "ask_update" } })).toBe(1);
  expect(await prisma.askAcknowledgement.count({ where: { askId, userId: board.id } })).toBe(1);
});
