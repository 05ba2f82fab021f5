import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import ar from "#app/locales/ar/youth.json" with { type: "json" };
import ckb from "#app/locales/ckb/youth.json" with { type: "json" };
import en from "#app/locales/en/youth.json" with { type: "json" };
import enSafeguarding from "#app/locales/en/safeguarding.json" with { type: "json" };
import faAF from "#app/locales/fa-AF/youth.json" with { type: "json" };
import ps from "#app/locales/ps/youth.json" with { type: "json" };
import ti from "#app/locales/ti/youth.json" with { type: "json" };
import { createFeedback } from "#app/models/feedback.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { startSmtpServer, useSmtpServer } from "#tests/smtp.ts";
import { nextLiveConnection, screenshot, setupE2E, signIn, waitForHydration } from "./harness.ts";

// Issue 4 in a real browser: disclosures in six languages reach a safeguarding lead's screen live
// and the lead's inbox (a real SMTP server); an officer clears a queue of 50 on a phone without a
// page load; a lead acknowledges, reveals and writes to the young person, who answers; a concern
// nobody picks up escalates to the group's officer, live. The job runner looks every 200 ms here.
const app = setupE2E({ serverEnv: { JOBS_POLL_MS: "200" } });
const smtp = await startSmtpServer();
beforeAll(() => useSmtpServer(smtp.port));
afterAll(() => smtp.close());

/** The strings these tests read, the same in every locale's youth.json. */
type Youth = {
  say: { text: string; identityTeam: string; mayQuoteNo: string; submit: string };
  help: { title: string };
  thing: { noMessages: string; reply: string; send: string; sent: string };
};

/** Each disclosure as a young person might type it: misspelt, leetspeak, a zero-width space, dialect. */
const DISCLOSURES: { locale: string; strings: Youth; text: string; variant: string }[] = [
  { locale: "en", strings: en, text: "my step dad h1ts me wen he is drunkkk", variant: "leetspeak and repeated letters" },
  { locale: "ar", strings: ar, text: "زوج أمي يضر\u200bبني كل يوم", variant: "a zero-width space inside the verb" },
  { locale: "ps", strings: ps, text: "زه غواړم ځان ووژنم", variant: "Pashto" },
  { locale: "fa-AF", strings: faAF, text: "کاکایم مرا لت میکند هر شب", variant: "Dari, colloquial" },
  { locale: "ti", strings: ti, text: "ክሞት ደልየ ኣለኹ", variant: "Tigrinya" },
  { locale: "ckb", strings: ckb, text: "دەمەوێت خۆم بکوژم", variant: "Sorani" },
];

async function youngPersonPage(userId: string, locale: string) {
  const context = await app.newContext({ locale });
  await app.signInAs(context, userId);
  return context.newPage();
}

/** A young person says something through the form, as they would, in their language. */
async function say(page: Page, strings: Youth, text: string) {
  await page.goto("/me/say");
  await waitForHydration(page);
  await page.getByLabel(strings.say.text).fill(text);
  await page.getByLabel(strings.say.identityTeam).check();
  await page.getByLabel(strings.say.mayQuoteNo).check();
  await page.getByRole("button", { name: strings.say.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/me/things");
}

/** Counts the page's document loads from now on. */
function watchDocumentLoads(page: Page) {
  const loads: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) loads.push(frame.url());
  });
  return loads;
}

test("disclosures in six languages reach the lead's screen live, and the lead's inbox; each young person sees, in their language, that they are not in trouble", async () => {
  const group = await createGroup({ name: "Horizons" });
  const lead = await createStaff({ roles: ["safeguarding_lead"], name: "Sam Safeguarding" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });

  const leadPage = await app.newPage({ contextOptions: { viewport: { width: 1280, height: 900 } } });
  await signIn(leadPage, lead.email!);
  const live = nextLiveConnection(leadPage);
  await leadPage.goto("/safeguarding");
  await live;
  await leadPage.getByRole("heading", { name: "Waiting for a lead: 0" }).waitFor();

  const latencies: string[] = [];
  for (const [index, d] of DISCLOSURES.entries()) {
    const person = await createYoungPerson({ groupIds: [group.id], locale: d.locale });
    const page = await youngPersonPage(person.id, d.locale);
    await say(page, d.strings, d.text);
    const saved = Date.now();
    // The lead's open screen moves by itself.
    await leadPage.getByRole("heading", { name: `Waiting for a lead: ${index + 1}` }).waitFor();
    latencies.push(`${d.locale} (${d.variant}): ${Date.now() - saved} ms`);
    // The young person: calm, in their language, with who can help now.
    await page.getByRole("heading", { name: d.strings.help.title }).waitFor();
    await page.getByRole("link", { name: "0800 1111" }).waitFor();
    await page.getByRole("link", { name: "999" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe(d.locale);
    await screenshot(page, `safeguarding/01-not-in-trouble-${d.locale}`);
    await page.context().close();
  }
  console.log(`From the young person's page leaving the form to the lead's screen showing it:\n  ${latencies.join("\n  ")}`);
  // Every staff page of the lead says so too.
  await leadPage.getByRole("alert").filter({ hasText: "A possible disclosure of harm is waiting" }).waitFor();
  await screenshot(leadPage, "safeguarding/02-lead-six-waiting");

  // One email per disclosure, through SMTP, with no words and no names in it.
  await smtp.waitFor((all) => all.filter((m) => m.to.includes(lead.email!)).length === DISCLOSURES.length, 20_000);
  for (const mail of smtp.received.filter((m) => m.to.includes(lead.email!))) {
    expect(mail.subject).toBe(enSafeguarding.email.alert.subject);
    for (const d of DISCLOSURES) expect(mail.text).not.toContain(d.text);
  }
  // The concerns are never in the officer's ordinary queue.
  expect(await prisma.feedbackItem.count({ where: { groupId: group.id, status: "pending" } })).toBe(0);
  expect(await prisma.safeguardingConcern.count({ where: { groupId: group.id } })).toBe(DISCLOSURES.length);
  void officer;
});

test("an officer clears a queue of 50 mixed items on a phone without the page loading again", { timeout: 240_000 }, async () => {
  const group = await createGroup({ name: "Voices of Sandwell" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const people = await Promise.all(Array.from({ length: 10 }, (_, i) => createYoungPerson({ groupIds: [group.id], nickname: `member${i}x` })));
  const texts = [
    (i: number) => ({ text: `The wifi keeps dropping in the evenings (${i})`, language: "en" }),
    (i: number) => ({ text: `نريد رحلات أكثر في العطلة ${i}`, language: "ar" }),
    (i: number) => ({ text: `call me on 07700 900${String(100 + i)} about the trip`, language: "en" }),
    (i: number) => ({ text: `Muốn có thêm giờ bóng đá ${i}`, language: "vi" }),
    (i: number) => ({ text: `my friend Kacper and member3x want more football ${i}`, language: "en" }),
  ];
  for (let i = 0; i < 50; i++) {
    const item = texts[i % texts.length]!(i);
    await createFeedbackItem({ authorId: people[i % people.length]!.id, groupId: group.id, ...item, identity: i % 7 === 0 ? "safeguarding" : "team" });
  }

  const page = await app.newPage();
  await signIn(page, officer.email!);
  const live = nextLiveConnection(page);
  await page.goto("/officer");
  await live;
  await waitForHydration(page);
  await page.getByRole("heading", { name: "Waiting for a decision: 50" }).waitFor();
  await screenshot(page, "safeguarding/03-officer-queue-50");
  const loads = watchDocumentLoads(page);

  for (let left = 50; left > 0; left--) {
    const item = page.getByRole("main").getByRole("article").first();
    if (left % 5 === 0) {
      // Every fifth is held back with a reason.
      await item.getByText("Hold back instead").click();
      await item.getByLabel("Why it is held back").fill("Not about the group");
      await item.getByRole("button", { name: "Hold back", exact: true }).click();
    } else {
      await item.getByRole("button", { name: "Approve and publish" }).click();
    }
    await page.getByRole("heading", { name: `Waiting for a decision: ${left - 1}` }).waitFor();
    if (left === 48) await screenshot(page, "safeguarding/04-officer-queue-deciding");
  }
  await page.getByText("Nothing is waiting. New items appear here as they arrive.").waitFor();
  expect(loads, "no page load while deciding 50 items").toEqual([]);
  expect(await prisma.feedbackItem.count({ where: { groupId: group.id, status: "approved" } })).toBe(40);
  expect(await prisma.feedbackItem.count({ where: { groupId: group.id, status: "held" } })).toBe(10);
  // The suggested redactions were applied: no phone number and no member's nickname was published.
  const published = await prisma.feedbackItem.findMany({ where: { groupId: group.id, status: "approved" }, select: { publishedText: true } });
  expect(published.filter((p) => /07700|member3x/.test(p.publishedText ?? ""))).toEqual([]);
  await screenshot(page, "safeguarding/05-officer-queue-empty");
});

test("a lead acknowledges, reveals who wrote it with a reason, and writes to the young person, who reads it and answers, live", async () => {
  const group = await createGroup({ name: "Horizons" });
  const lead = await createStaff({ roles: ["safeguarding_lead"], name: "Sam Safeguarding" });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const person = await createYoungPerson({ groupIds: [group.id], nickname: "Hidden Hamid", locale: "ar" });
  await prisma.accountNote.create({ data: { subjectId: person.id, authorId: officer.id, text: "Lives at Willow House" } });
  const { id: feedbackId } = await createFeedback({
    authorId: person.id, groupId: group.id, text: "زوج أمي يضربني كل يوم", language: "ar", mood: 1, themeId: null,
    identity: "safeguarding", mayQuote: false, clientRequestId: "e2e-lead-flow",
  });
  const concern = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { feedbackId }, select: { id: true } });

  // The officer of the group sees only that something is with safeguarding.
  const officerPage = await app.newPage();
  await signIn(officerPage, officer.email!);
  await officerPage.goto("/officer");
  await officerPage.getByRole("heading", { name: "With safeguarding: 1" }).waitFor();
  expect(await officerPage.getByText("زوج أمي").count()).toBe(0);

  // The young person keeps their item open.
  const youth = await youngPersonPage(person.id, "ar");
  const youthLive = nextLiveConnection(youth);
  await youth.goto(`/me/things/${feedbackId}`);
  await youthLive;
  await youth.getByText(ar.thing.noMessages).waitFor();
  const youthLoads = watchDocumentLoads(youth);

  const leadPage = await app.newPage({ contextOptions: { viewport: { width: 1280, height: 900 } } });
  await signIn(leadPage, lead.email!);
  const leadLive = nextLiveConnection(leadPage);
  await leadPage.goto(`/safeguarding/${concern.id}`);
  await leadLive;
  await waitForHydration(leadPage);
  await leadPage.locator("mark").filter({ hasText: "يضربني" }).waitFor();
  // Anonymous until revealed.
  expect(await leadPage.getByText("Hidden Hamid").count()).toBe(0);
  await leadPage.getByRole("button", { name: "I have this" }).click();
  await leadPage.getByRole("status").getByText("You have this concern. It will not escalate.").waitFor();

  await waitForHydration(leadPage);
  await leadPage.getByLabel("Why you need to know who wrote it").fill("Physical harm at home: I must refer to children's social care");
  await leadPage.getByRole("button", { name: "Show me who wrote it (recorded)" }).click();
  await leadPage.getByText("Hidden Hamid").waitFor();
  await leadPage.getByText("Lives at Willow House").waitFor();

  await waitForHydration(leadPage);
  await leadPage.getByLabel("Write to the young person").fill("شكرًا لأنك أخبرتنا. سنتصل بك اليوم.");
  await leadPage.getByRole("button", { name: "Send", exact: true }).click();
  await leadPage.getByRole("status").getByText("Sent. They will see it in Voices.").waitFor();

  // The young person's open page shows it without loading again.
  await youth.getByText("شكرًا لأنك أخبرتنا. سنتصل بك اليوم.").waitFor();
  expect(youthLoads).toEqual([]);
  await screenshot(youth, "safeguarding/06-young-person-message-ar");
  await waitForHydration(youth);
  await youth.getByLabel(ar.thing.reply).fill("شكرًا");
  await youth.getByRole("button", { name: ar.thing.send, exact: true }).click();
  await youth.getByRole("status").getByText(ar.thing.sent).waitFor();
  // …and it reaches the lead's open page.
  await leadPage.getByText("شكرًا", { exact: true }).waitFor();

  await waitForHydration(leadPage);
  await leadPage.getByLabel("What was done").selectOption({ label: "Referred to children's social care" });
  await leadPage.getByLabel("Reason and details").fill("Referral made by phone to the front door team.");
  await leadPage.getByLabel("This closes the concern").check();
  await leadPage.getByRole("button", { name: "Record it" }).click();
  await leadPage.getByRole("status").getByText("Recorded.").waitFor();
  await screenshot(leadPage, "safeguarding/07-lead-concern-closed");
  const log = await prisma.auditLog.findMany({ where: { entityId: concern.id }, select: { action: true, actorId: true }, orderBy: { createdAt: "asc" } });
  expect(log.map((l) => l.action)).toEqual([
    "concern.screened",
    "concern.acknowledge",
    "concern.reveal_author",
    "concern.message",
    "concern.young_person_reply",
    "concern.action.referred_social_care",
  ]);
});

test("a concern nobody acknowledges escalates to the group's officer, live, who may open it (recorded)", async () => {
  const group = await createGroup({ name: "Horizons" });
  await createStaff({ roles: ["safeguarding_lead"] });
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Olu Officer" });
  const person = await createYoungPerson({ groupIds: [group.id] });
  await createFeedback({
    authorId: person.id, groupId: group.id, text: "i want to die", language: "en", mood: null, themeId: null,
    identity: "team", mayQuote: false, clientRequestId: "e2e-escalation",
  });
  const concern = await prisma.safeguardingConcern.findFirstOrThrow({ where: { groupId: group.id }, select: { id: true } });

  const page = await app.newPage();
  await signIn(page, officer.email!);
  const live = nextLiveConnection(page);
  await page.goto("/officer");
  await live;
  expect(await page.getByRole("alert").filter({ hasText: "has not been picked up" }).count()).toBe(0);

  // Fifteen minutes pass with no lead acknowledging it.
  await prisma.job.updateMany({ where: { kind: "concern.escalate", key: { startsWith: `concern:${concern.id}:` } }, data: { runAt: new Date(Date.now() - 1000) } });
  const alert = page.getByRole("alert").filter({ hasText: "A safeguarding concern in your group has not been picked up by a lead" });
  await alert.waitFor();
  await screenshot(page, "safeguarding/08-officer-escalated-alert");
  await smtp.waitFor((all) => all.some((m) => m.to.includes(officer.email!) && m.subject.includes("has not been picked up")));

  await waitForHydration(page);
  await alert.getByRole("link", { name: "See it" }).click();
  await page.getByRole("heading", { level: 1, name: "Safeguarding concerns in your groups" }).waitFor();
  await waitForHydration(page);
  await page.getByRole("link", { name: "Open it" }).click();
  await page.getByRole("button", { name: "Open it (recorded)" }).waitFor();
  expect(await page.getByText("i want to die").count()).toBe(0);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Open it (recorded)" }).click();
  await page.getByText("i want to die").waitFor();
  await screenshot(page, "safeguarding/09-officer-opened");
  expect(await prisma.auditLog.count({ where: { entityId: concern.id, action: "concern.opened_by_officer", actorId: officer.id } })).toBe(1);
});
