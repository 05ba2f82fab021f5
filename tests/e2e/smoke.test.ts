import { describe, expect, test } from "vitest";
import arCommon from "#app/locales/ar/common.json" with { type: "json" };
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createInvite, createStaff, createYoungPerson, TEST_PASSWORD } from "#tests/factories.ts";
import { axeViolations, formResponse, hasHorizontalOverflow, screenshot, setupE2E, signIn, waitForHydration } from "./harness.ts";

// Smoke tests of the pages every visitor meets first, in a real browser at phone size, against the
// production build.
const app = setupE2E();

const SESSION_COOKIE = "voices_session";

describe("landing page", () => {
  test("fits a 360×740 phone in English, then switches to Arabic, right to left", async () => {
    const page = await app.newPage();
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    await page.getByRole("heading", { level: 1, name: "Your voice, heard by the people in charge" }).waitFor();
    await page.getByRole("link", { name: "Join with a code" }).waitFor();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await screenshot(page, "smoke/landing-en");

    // The language form posts to /language and comes back to the same page, as a full page load.
    await page.getByLabel("Language").selectOption("ar");
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/" && r.request().method() === "GET"),
      page.getByRole("button", { name: "Change" }).click(),
    ]);
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await screenshot(page, "smoke/landing-ar");
    // The choice is remembered for the next page.
    await page.goto("/join");
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: "attached" });
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await screenshot(page, "smoke/join-ar");
  });
});

describe("joining", () => {
  // Found by this test: with Referrer-Policy no-referrer, Chromium sent `Origin: null` on form
  // posts and Remix refused them as cross-site (500). The policy is now same-origin.
  test("without JavaScript, an empty form shows what is missing and keeps the nickname typed", async () => {
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto("/join");
    await page.getByLabel("Nickname", { exact: true }).fill("Sky Walker");
    const [response] = await Promise.all([
      formResponse(page, "/join"),
      page.getByRole("button", { name: "Join", exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.getByText("Enter your group code.").waitFor();
    await page.getByText("Your password needs at least 8 letters or numbers.").or(page.getByText("Enter your password.")).waitFor();
    await page.getByText("Choose your age group.").waitFor();
    await expect.poll(() => page.getByLabel("Nickname", { exact: true }).inputValue()).toBe("Sky Walker");
    // The server said which fields are wrong, to screen readers too; it never sends a password back.
    expect(await page.getByLabel("Group code").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
    expect(new URL(page.url()).pathname).toBe("/join");
    await screenshot(page, "smoke/join-errors-no-js");
  });

  test("a code typed in Arabic-Indic digits makes the account and lands on /me", async () => {
    const group = await createGroup();
    const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
    await createInvite(group.id, officer.id, { code: "48217730" });

    const page = await app.newPage();
    await page.goto("/join");
    await waitForHydration(page);
    await page.getByLabel("Group code").fill("٤٨٢١٧٧٣٠");
    await page.getByLabel("Nickname", { exact: true }).fill("Noor");
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel("How old are you?").selectOption("13-15");
    const [actionResponse] = await Promise.all([
      formResponse(page, "/join"),
      page.getByRole("button", { name: "Join", exact: true }).click(),
    ]);
    // Remix's form post answers with a redirect to /me and sets the session cookie.
    expect(actionResponse.status()).toBeLessThan(400);
    await page.waitForURL((url) => url.pathname === "/me");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === SESSION_COOKIE)?.httpOnly).toBe(true);
    // /me is the young person's home: the signed-in navigation shows.
    await page.getByRole("navigation").getByRole("link", { name: "My groups" }).waitFor();
    await screenshot(page, "smoke/joined-me");
  });
});

describe("signing in", () => {
  test("a wrong password says so and keeps the nickname", async () => {
    const person = await createYoungPerson({ nickname: "River" });
    const page = await app.newPage();
    await page.goto("/sign-in");
    await waitForHydration(page);
    await page.getByLabel("Nickname (or email for staff)").fill(person.displayName);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    const [response] = await Promise.all([
      formResponse(page, "/sign-in"),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.getByRole("alert").getByText("That nickname or password is not right. Check them and try again.").waitFor();
    expect(await page.getByLabel("Nickname (or email for staff)").inputValue()).toBe("River");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
  });

  test("the right password signs in (the harness's signIn helper)", async () => {
    const person = await createYoungPerson();
    const page = await app.newPage();
    await signIn(page, person.displayName);
    expect(new URL(page.url()).pathname).toBe("/me");
    expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);
  });
});

describe("security and health", () => {
  test("pages carry a Content-Security-Policy and break none of it", async () => {
    const context = await app.newContext();
    // Recorded by the browser itself, whatever the page's own scripts do.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    for (const path of ["/", "/join", "/sign-in"]) {
      const response = await page.goto(path);
      const csp = response?.headers()["content-security-policy"];
      expect(csp, path).toBeTruthy();
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("default-src 'self'");
      await waitForHydration(page);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), path).toEqual([]);
    }
    // Console errors (where Chromium reports CSP violations) fail the test in the harness as well.
    expect(app.problems()).toEqual([]);
  });

  test("/healthz answers ok for the server and its database", async () => {
    const page = await app.newPage();
    const response = await page.goto("/healthz");
    expect(response?.status()).toBe(200);
    expect(await response?.json()).toEqual({ status: "ok", db: "ok" });
  });
});

describe("accessibility (axe: no serious or critical violations)", () => {
  for (const locale of ["en", "ar"]) {
    for (const path of ["/", "/join", "/sign-in"]) {
      test(`${path} in ${locale}`, async () => {
        const page = await app.newPage({ locale });
        await page.goto(path);
        await page.locator(`html[lang="${locale}"]`).waitFor({ state: "attached" });
        await waitForHydration(page);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }
});

describe("when the database fails under a signed-in reader", () => {
  test("the error page is in their browser's language, right to left, with no raw keys, before and after hydration", async () => {
    const group = await createGroup();
    const person = await createYoungPerson({ groupIds: [group.id], locale: "ar" });
    const context = await app.newContext({ locale: "ar" });
    await app.signInAs(context, person.id);
    const page = await context.newPage();
    // The sessions table goes away: the root loader's session lookup fails (a database that is
    // down, as far as the page can tell); put back afterwards.
    app.allowErrors(/no such table|Session|500|Internal Server Error|Unexpected Server Error/);
    await prisma.$executeRawUnsafe('ALTER TABLE "Session" RENAME TO "Session_away"');
    try {
      const response = await page.goto("/me");
      expect(response?.status()).toBe(500);
      await page.getByRole("heading", { level: 1, name: arCommon.errors.unexpected.title }).waitFor();
      await waitForHydration(page);
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(arCommon.errors.unexpected.title);
      const text = await page.locator("body").innerText();
      expect(text).toContain(arCommon.errors.unexpected.body);
      expect(text).not.toMatch(/\berrors\.\w+|common:/);
      await screenshot(page, "smoke/database-down-ar");
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "Session_away" RENAME TO "Session"');
    }
  });
});
