import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createInvite, createStaff, createYoungPerson, TEST_PASSWORD } from "#tests/factories.ts";
import { formResponse, screenshot, setupE2E, signIn } from "./harness.ts";
import { isolate } from "#app/utils/text.ts";

// The core forms as a phone with JavaScript switched off (or not yet loaded) uses them: plain HTML
// form posts, answered by the server with a redirect or the page with its messages.
const app = setupE2E();

const SESSION_COOKIE = "voices_session";
const SAY_TEXT_LABEL = "Say it in your own words, in any language";

async function itemsOf(authorId: string) {
  return prisma.feedbackItem.findMany({ where: { authorId }, select: { id: true, text: true, status: true, clientRequestId: true } });
}

async function youngPersonOnSay() {
  const group = await createGroup();
  const person = await createYoungPerson({ groupIds: [group.id] });
  const page = await app.newPage({ javaScriptEnabled: false });
  await signIn(page, person.displayName);
  await page.goto("/me/say");
  await page.getByRole("heading", { level: 1, name: "What's on your mind?" }).waitFor();
  return { group, person, page };
}

/** Fills the say-something form (everything but the text is a choice a person makes). */
async function fillSay(page: Page, text: string) {
  await page.getByLabel(SAY_TEXT_LABEL).fill(text);
  await page.getByLabel("The participation team may know it was me").check();
  await page.getByLabel("Yes, you can share my words").check();
}

describe("without JavaScript", () => {
  test("joining with a code makes the account and lands on /me", async () => {
    const group = await createGroup({ name: "Voices of Sandwell" });
    const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
    await createInvite(group.id, officer.id, { code: "48217730" });

    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/join?code=48217730");
    // The group's name is isolated in the sentence (FSI…PDI), as every name put into one is.
    await page.getByText(`This code is for ${isolate("Voices of Sandwell")}.`).waitFor();
    // The link's code is already in the field.
    expect(await page.getByLabel("Group code").inputValue()).toBe("48217730");
    await page.getByLabel("Nickname", { exact: true }).fill("Sky Walker");
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel("How old are you?").selectOption("16-17");
    await screenshot(page, "no-js/join-filled");
    const [response] = await Promise.all([formResponse(page, "/join"), page.getByRole("button", { name: "Join", exact: true }).click()]);
    // A plain form post: the server answers with a redirect (the browser follows it).
    expect(response.status()).toBe(302);
    await page.waitForURL((url) => url.pathname === "/me");
    await page.getByRole("status").getByText("You're in. Welcome to your group.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Hello Sky Walker" }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "Voices of Sandwell" }).waitFor();
    expect((await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.httpOnly).toBe(true);
    const user = await prisma.user.findFirstOrThrow({ where: { displayName: "Sky Walker" }, select: { ageBand: true, memberships: true } });
    expect(user.ageBand).toBe("16-17");
    expect(user.memberships.map((m) => m.groupId)).toEqual([group.id]);
    await screenshot(page, "no-js/joined-me");
  });

  test("signing in: a wrong password says so, the right one lands on /me", async () => {
    const group = await createGroup();
    const person = await createYoungPerson({ groupIds: [group.id] });
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/sign-in");
    await page.getByLabel("Nickname (or email for staff)").fill(person.displayName);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    const [refused] = await Promise.all([
      formResponse(page, "/sign-in"),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.getByRole("alert").getByText("That nickname or password is not right. Check them and try again.").waitFor();
    expect(await page.getByLabel("Nickname (or email for staff)").inputValue()).toBe(person.displayName);
    expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "no-js/sign-in-refused");

    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    const [accepted] = await Promise.all([
      formResponse(page, "/sign-in"),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    expect(accepted.status()).toBe(302);
    await page.waitForURL((url) => url.pathname === "/me");
    await page.getByRole("heading", { level: 1, name: `Hello ${person.displayName}` }).waitFor();
    expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);
  });

  test("say something: empty text shows the message beside the field and saves nothing; then a real item shows in my things", async () => {
    const { person, page } = await youngPersonOnSay();
    // Only the choices, no words.
    await fillSay(page, "");
    const [empty] = await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    expect(empty.status()).toBe(400);
    const text = page.getByLabel(SAY_TEXT_LABEL);
    const field = page.locator(".field").filter({ has: text });
    await field.getByText("Write something first.").waitFor();
    expect(await text.getAttribute("aria-invalid")).toBe("true");
    // The message is tied to the field for screen readers.
    const describedBy = (await text.getAttribute("aria-describedby"))?.split(/\s+/) ?? [];
    const messageId = await field.locator("div", { hasText: "Write something first." }).last().getAttribute("id");
    expect(messageId).toBeTruthy();
    expect(describedBy).toContain(messageId);
    // What was chosen is still chosen.
    expect(await page.getByLabel("The participation team may know it was me").isChecked()).toBe(true);
    expect(await page.getByLabel("Yes, you can share my words").isChecked()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/me/say");
    expect(await itemsOf(person.id)).toEqual([]);
    await screenshot(page, "no-js/say-empty");

    await text.fill("The youth club should open on Sundays.");
    const [sent] = await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    expect(sent.status()).toBe(302);
    await page.waitForURL((url) => url.pathname === "/me/things");
    await page.getByRole("status").getByText("Sent. A participation officer will read it soon.").waitFor();
    const item = page.getByRole("listitem").filter({ hasText: "The youth club should open on Sundays." });
    await item.getByText("Waiting", { exact: true }).waitFor();
    expect((await itemsOf(person.id)).map((i) => [i.text, i.status])).toEqual([["The youth club should open on Sundays.", "pending"]]);
    await screenshot(page, "no-js/say-sent-my-things");
  });

  test("say something sent twice from the same page (the first answer lost) saves one item", async () => {
    const { person, page } = await youngPersonOnSay();
    await fillSay(page, "Please fix the wifi at the house.");

    const formRequestId = await page.locator('input[type="hidden"][name="clientRequestId"]').inputValue();
    // The first post reaches the server, but its answer never reaches the phone: the browser
    // stays on the form (a 204 leaves the page as it is), and the person taps Send again.
    let posts = 0;
    await page.route("**/me/say", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      posts += 1;
      if (posts > 1) return route.fallback();
      await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ status: 204 });
    });
    await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    expect(await itemsOf(person.id)).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe("/me/say");
    expect(await page.getByLabel(SAY_TEXT_LABEL).inputValue()).toBe("Please fix the wifi at the house.");

    const [second] = await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    expect(second.status()).toBe(302);
    await page.waitForURL((url) => url.pathname === "/me/things");
    expect(posts).toBe(2);
    await expect.poll(() => page.getByRole("listitem").filter({ hasText: "Please fix the wifi at the house." }).count()).toBe(1);
    const items = await itemsOf(person.id);
    expect(items).toHaveLength(1);
    expect(items[0]!.clientRequestId).toBe(formRequestId);
    await screenshot(page, "no-js/say-twice-my-things");
  });

  test("say something: going back after sending and sending the restored form again saves one item", async () => {
    const { person, page } = await youngPersonOnSay();
    await fillSay(page, "Can we have more trips in the holidays?");
    await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    await page.waitForURL((url) => url.pathname === "/me/things");
    expect(await itemsOf(person.id)).toHaveLength(1);

    // Back to the form: the browser shows it again with the words still typed in, and the
    // person, unsure it went, taps Send again.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/me/say");
    expect(await page.getByLabel(SAY_TEXT_LABEL).inputValue()).toBe("Can we have more trips in the holidays?");
    // NOTE: the reloaded page carries a new clientRequestId (browsers do not restore hidden inputs);
    // the server recognises the same words from the same person, still waiting, as a resend.
    await screenshot(page, "no-js/say-back-restored");
    await Promise.all([formResponse(page, "/me/say"), page.getByRole("button", { name: "Send" }).click()]);
    await page.waitForURL((url) => url.pathname === "/me/things");
    await screenshot(page, "no-js/say-back-sent-again");
    expect(
      (await itemsOf(person.id)).map((i) => i.text),
      "the same form sent twice must make one item",
    ).toEqual(["Can we have more trips in the holidays?"]);
  });
});
