import { expect, test } from "vitest";
import { verifySignIn } from "#app/models/accounts.server.ts";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { decideFeedback } from "#app/models/feedback.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import * as root from "#app/root.tsx";
import * as account from "#app/routes/account.tsx";
import * as adminGroups from "#app/routes/admin.groups.tsx";
import * as adminIndex from "#app/routes/admin._index.tsx";
import * as adminSettings from "#app/routes/admin.settings.tsx";
import * as adminStaff from "#app/routes/admin.staff.tsx";
import * as boardIndex from "#app/routes/board._index.tsx";
import * as boardAsk from "#app/routes/board.asks.$askId.tsx";
import * as join from "#app/routes/join.tsx";
import * as language from "#app/routes/language.ts";
import * as meIndex from "#app/routes/me._index.tsx";
import * as meTimeline from "#app/routes/me.groups.$groupId.tsx";
import * as meSay from "#app/routes/me.say.tsx";
import * as meThings from "#app/routes/me.things.tsx";
import * as officerIndex from "#app/routes/officer._index.tsx";
import * as officerAsk from "#app/routes/officer.asks.$askId.tsx";
import * as officerAsks from "#app/routes/officer.asks._index.tsx";
import * as officerNewAsk from "#app/routes/officer.asks.new.tsx";
import * as officerGroup from "#app/routes/officer.groups.$groupId.tsx";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createInvite, createStaff, createYoungPerson, TEST_PASSWORD } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

/**
 * A young person trying to see another group, another child's words or name, or to act as staff.
 * Other young people see only their own group's timeline, with words whose author agreed to be
 * quoted, never a name (PRODUCT.md, "Who sees what").
 */

type Args = ReturnType<typeof args>;
type Fn = (a: Args) => Promise<unknown>;

let n = 0;
const tag = (what: string) => `${what}-${Date.now().toString(36)}-${(n++).toString(36)}`;

async function twoGroups() {
  await getOrganisation();
  const mine = await createGroup({ name: tag("Mine") });
  const theirs = await createGroup({ name: tag("Theirs") });
  const officer = await createStaff({ roles: ["officer"], groupIds: [mine.id, theirs.id] });
  const me = await createYoungPerson({ groupIds: [mine.id], nickname: tag("me") });
  const friend = await createYoungPerson({ groupIds: [mine.id], nickname: tag("friend"), ageBand: "8-12" });
  const shy = await createYoungPerson({ groupIds: [mine.id], nickname: tag("shy") });
  const hidden = await createYoungPerson({ groupIds: [mine.id], nickname: tag("hidden") });
  const stranger = await createYoungPerson({ groupIds: [theirs.id], nickname: tag("stranger") });
  const approve = async (item: { id: string; version: number }, publishedText: string) => {
    const r = await decideFeedback(officer.id, item.id, item.version, { kind: "approve", publishedText, themeId: null, englishText: null });
    expect(r.ok).toBe(true);
  };

  const myWords = await createFeedbackItem({ authorId: me.id, groupId: mine.id, text: tag("MY-original") });
  const myPublished = tag("MY-published");
  await approve(myWords, myPublished);
  const friendWords = await createFeedbackItem({ authorId: friend.id, groupId: mine.id, text: tag("FRIEND-original phone 07700 900123") });
  const friendPublished = tag("FRIEND-published phone [removed]");
  await approve(friendWords, friendPublished);
  const shyWords = await createFeedbackItem({ authorId: shy.id, groupId: mine.id, text: tag("SHY-original"), mayQuote: false });
  const shyPublished = tag("SHY-published");
  await approve(shyWords, shyPublished);
  const hiddenWords = await createFeedbackItem({ authorId: hidden.id, groupId: mine.id, text: tag("HIDDEN-original"), identity: "safeguarding" });
  const hiddenPublished = tag("HIDDEN-published");
  await approve(hiddenWords, hiddenPublished);
  const strangerWords = await createFeedbackItem({ authorId: stranger.id, groupId: theirs.id, text: tag("STRANGER-original") });
  const strangerPublished = tag("STRANGER-published");
  await approve(strangerWords, strangerPublished);

  const friendPending = await createFeedbackItem({ authorId: friend.id, groupId: mine.id, text: tag("FRIEND-pending") });
  const friendHeld = await createFeedbackItem({ authorId: friend.id, groupId: mine.id, text: tag("FRIEND-held"), status: "held", decidedById: officer.id });
  const friendWithdrawn = await createFeedbackItem({ authorId: friend.id, groupId: mine.id, text: tag("FRIEND-withdrawn"), status: "withdrawn" });
  const strangerPending = await createFeedbackItem({ authorId: stranger.id, groupId: theirs.id, text: tag("STRANGER-pending") });

  // One ask gathers both groups' words; another only the other group's.
  const shared = await createAsk(officer.id, {
    title: "Shared ask",
    body: "From both groups",
    feedbackIds: [myWords.id, friendWords.id, shyWords.id, hiddenWords.id, strangerWords.id],
    dueAt: null,
  });
  await addAskUpdate(officer.id, shared.id, { status: "agreed", text: "Agreed by the board" });
  const theirsOnlyText = { title: tag("THEIRS-ONLY ask"), body: tag("THEIRS-ONLY body"), update: tag("THEIRS-ONLY update") };
  const theirsOnly = {
    ...(await createAsk(officer.id, { title: theirsOnlyText.title, body: theirsOnlyText.body, feedbackIds: [strangerWords.id], dueAt: null })),
    ...theirsOnlyText,
  };
  await addAskUpdate(officer.id, theirsOnly.id, { status: "done", text: theirsOnlyText.update });

  const others = [friend, shy, hidden, stranger];
  return {
    mine, theirs, officer, me, friend, shy, hidden, stranger, shared, theirsOnly,
    items: { myWords, friendWords, shyWords, hiddenWords, strangerWords, friendPending, friendHeld, friendWithdrawn, strangerPending },
    published: { myPublished, friendPublished, shyPublished, hiddenPublished, strangerPublished },
    /** Never in any young person's data: other children's names and ids, words not for them. */
    neverSeen: [
      ...others.flatMap((p) => [p.displayName, p.id, p.loginKey]),
      me.displayName, // not even their own name on the group's timeline (checked per page below)
      friendWords.text,
      shyWords.text,
      shyPublished,
      hiddenWords.text,
      strangerWords.text,
      strangerPublished,
      friendPending.text,
      friendHeld.text,
      friendWithdrawn.text,
      strangerPending.text,
      theirs.name,
      theirs.id,
      theirsOnly.title,
      theirsOnly.body,
      theirsOnly.update,
    ],
  };
}

test("another group's timeline, a group never joined, and odd ids are all 404, and say nothing", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  const archived = await createGroup();
  await prisma.membership.create({ data: { groupId: archived.id, userId: w.me.id } });
  await prisma.group.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  for (const groupId of [w.theirs.id, archived.id, w.stranger.id, w.shared.id, "x".repeat(65), "../../officer", `${w.theirs.id} `]) {
    const result = await settle(() => meTimeline.loader(args(getRequest(`/me/groups/${encodeURIComponent(groupId)}`, { cookie }), { groupId })));
    expect(result.status, groupId).toBe(404);
    const sent = JSON.stringify(result.value ?? null);
    expect(sent).not.toContain(w.theirs.name);
    expect(sent).not.toContain(w.published.strangerPublished);
    expect(sent).not.toContain(w.theirsOnly.title);
  }
});

test("their own group's timeline has only quotable approved words of their group, never a name or an original", async () => {
  const w = await twoGroups();
  for (const reader of [w.me, w.friend]) {
    const cookie = await sessionCookie(reader.id);
    const result = await settle(() => meTimeline.loader(args(getRequest(`/me/groups/${w.mine.id}`, { cookie }), { groupId: w.mine.id })));
    expect(result.status).toBe(200);
    const sent = JSON.stringify(result.value);
    for (const secret of [...w.neverSeen, w.me.id, w.me.loginKey, w.items.myWords.text]) expect(sent, `${reader.displayName} sees ${secret}`).not.toContain(secret);
    // What may be there: the group's quotable words (redacted), including an author who stays
    // anonymous to the team, since they agreed to be quoted.
    expect(sent).toContain(w.published.friendPublished);
    expect(sent).toContain(w.published.myPublished);
    expect(sent).not.toContain("07700 900123");
    // Asks made only of another group's words are not on this group's timeline.
    expect(sent).not.toContain(w.theirsOnly.id);
  }
});

test("a young person's other pages (home, say, my things, and the root data) hold nothing of anyone else", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  const pages: [string, Fn][] = [
    ["/me", meIndex.loader],
    ["/me/say", meSay.loader],
    ["/me/things", meThings.loader],
    ["/account", account.loader],
    ["/join", join.loader],
  ];
  // Their own nickname may be on their own pages (home says hello); nobody else's.
  const secrets = w.neverSeen.filter((s) => s !== w.me.displayName);
  for (const [path, loader] of pages) {
    const result = await settle(() => loader(args(getRequest(path, { cookie }))));
    expect(result.status, path).toBe(200);
    const sent = JSON.stringify(result.value);
    for (const secret of [...secrets, w.published.friendPublished]) expect(sent, `${path} leaks ${secret}`).not.toContain(secret);
  }
  const rootData = JSON.stringify(await root.loader(args(getRequest("/me", { cookie })) as never));
  for (const secret of secrets) expect(rootData).not.toContain(secret);
});

test("withdrawing someone else's item — same group, other group, with the author's id in the form — changes nothing", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  const before = await prisma.feedbackItem.findMany({ orderBy: { id: "asc" } });
  for (const [item, author] of [
    [w.items.friendPending, w.friend],
    [w.items.strangerPending, w.stranger],
    [w.items.friendWords, w.friend],
  ] as const) {
    const extras: Record<string, string>[] = [{}, { authorId: author.id }, { authorId: author.id, userId: author.id, status: "withdrawn" }];
    for (const extra of extras) {
      const result = await settle(() => meThings.action(args(postRequest("/me/things", { feedbackId: item.id, ...extra }, { cookie }))));
      expect(result.status, item.text).toBe(404);
      expect(JSON.stringify(result.value ?? null)).not.toContain(item.text);
    }
  }
  expect(await prisma.feedbackItem.findMany({ orderBy: { id: "asc" } })).toEqual(before);
});

test("a young person gets 403 from every officer, board and admin loader and action — even to approve their own words", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  const own = await createFeedbackItem({ authorId: w.me.id, groupId: w.mine.id, text: tag("approve me") });
  const gid = { groupId: w.mine.id };
  const aid = { askId: w.shared.id };
  const calls: [string, Fn, Record<string, string>, Record<string, string | string[]> | null][] = [
    ["/officer", officerIndex.loader, {}, null],
    ["/officer", officerIndex.action, {}, { intent: "approve", id: own.id, version: "1", publishedText: "self-approved" }],
    ["/officer", officerIndex.action, {}, { intent: "hold", id: w.items.friendPending.id, version: "1", reason: "spite" }],
    ["/officer/asks", officerAsks.loader, {}, null],
    ["/officer/asks/new", officerNewAsk.loader, {}, null],
    ["/officer/asks/new", officerNewAsk.action, {}, { feedbackIds: [w.items.myWords.id], title: "mine", body: "mine" }],
    [`/officer/asks/${w.shared.id}`, officerAsk.loader, aid, null],
    [`/officer/asks/${w.shared.id}`, officerAsk.action, aid, { status: "done", text: "we did it ourselves" }],
    [`/officer/groups/${w.mine.id}`, officerGroup.loader, gid, null],
    [`/officer/groups/${w.mine.id}`, officerGroup.action, gid, { intent: "create-invite", expiresOn: ukDate(2), maxUses: "500" }],
    [`/officer/groups/${w.mine.id}`, officerGroup.action, gid, { intent: "remove", memberId: w.friend.id }],
    [`/officer/groups/${w.mine.id}`, officerGroup.action, gid, { intent: "reset-code", memberId: w.friend.id }],
    [`/officer/groups/${w.mine.id}`, officerGroup.action, gid, { intent: "note", memberId: w.friend.id, note: "I know who you are" }],
    ["/board", boardIndex.loader, {}, null],
    [`/board/asks/${w.shared.id}`, boardAsk.loader, aid, null],
    ["/admin", adminIndex.loader, {}, null],
    ["/admin/groups", adminGroups.loader, {}, null],
    ["/admin/groups", adminGroups.action, {}, { intent: "set-officers", groupId: w.mine.id, officerIds: [] }],
    ["/admin/settings", adminSettings.loader, {}, null],
    ["/admin/settings", adminSettings.action, {}, { name: "Kids rule", suppressionThreshold: "6", overdueAfterDays: "1" }],
    ["/admin/staff", adminStaff.loader, {}, null],
    ["/admin/staff", adminStaff.action, {}, { intent: "set-roles", userId: w.me.id, roles: "admin" }],
  ];
  const before = await state();
  for (const [path, fn, params, fields] of calls) {
    const request = fields ? postRequest(path, fields, { cookie }) : getRequest(path, { cookie });
    const result = await settle(() => fn(args(request, params)));
    expect(result.status, `${fields ? "POST" : "GET"} ${path} ${fields?.intent ?? ""}`).toBe(403);
    const sent = JSON.stringify(result.value ?? null);
    for (const secret of w.neverSeen) expect(sent).not.toContain(secret);
  }
  expect(await state()).toEqual(before);
});

async function state() {
  return {
    feedback: await prisma.feedbackItem.findMany({ orderBy: { id: "asc" }, select: { id: true, authorId: true, groupId: true, status: true, version: true, publishedText: true, mayQuote: true, identity: true } }),
    asks: await prisma.ask.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, raisedById: true } }),
    updates: await prisma.askUpdate.count(),
    invites: await prisma.inviteCode.findMany({ orderBy: { id: "asc" }, select: { id: true, groupId: true, uses: true, revokedAt: true } }),
    memberships: await prisma.membership.findMany({ orderBy: { id: "asc" }, select: { id: true, groupId: true, userId: true, removedAt: true } }),
    resets: await prisma.passwordReset.count(),
    notes: await prisma.accountNote.findMany({ orderBy: { id: "asc" } }),
    groupOfficers: await prisma.groupOfficer.findMany({ orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    roles: await prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] }),
    users: await prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, kind: true, displayName: true, locale: true, disabledAt: true } }),
    passwords: await prisma.password.findMany({ orderBy: { userId: "asc" } }),
    org: await prisma.organisation.findMany({ select: { name: true, suppressionThreshold: true, overdueAfterDays: true } }),
  };
}

// ---------------------------------------------------------------------------------------------
// Privilege by form fields

test("'say something' with another author, another group, a status, published words and a role: none of them is acted on", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  const text = tag("forged say");
  const base = { text, identity: "team", mayQuote: "yes" };
  const forged = {
    authorId: w.friend.id,
    userId: w.friend.id,
    status: "approved",
    publishedText: "published without an officer",
    decidedById: w.officer.id,
    version: "99",
    role: "admin",
    roles: "admin",
    kind: "staff",
  };
  // Into their own group, with everything else forged.
  const ok = await settle(() => meSay.action(args(postRequest("/me/say", { ...base, ...forged, groupId: w.mine.id, clientRequestId: tag("c") }, { cookie }))));
  expect(ok.status).toBe(302);
  const saved = await prisma.feedbackItem.findMany({ where: { text }, select: { authorId: true, groupId: true, status: true, publishedText: true, decidedById: true, version: true } });
  expect(saved).toEqual([{ authorId: w.me.id, groupId: w.mine.id, status: "pending", publishedText: null, decidedById: null, version: 1 }]);
  // Into the other group, alone and smuggled beside their own.
  for (const groupId of [w.theirs.id, [w.theirs.id, w.mine.id], [w.mine.id, w.theirs.id]]) {
    const result = await settle(() =>
      meSay.action(args(postRequest("/me/say", { ...base, ...forged, text: `${text} again`, groupId, clientRequestId: tag("c") }, { cookie }))),
    );
    expect([302, 400], JSON.stringify(groupId)).toContain(result.status);
  }
  expect(await prisma.feedbackItem.count({ where: { groupId: w.theirs.id, text: { startsWith: text } } })).toBe(0);
  const again = await prisma.feedbackItem.findMany({ where: { text: `${text} again` }, select: { authorId: true, groupId: true, status: true } });
  for (const item of again) expect(item).toEqual({ authorId: w.me.id, groupId: w.mine.id, status: "pending" });
  expect(await prisma.userRole.count({ where: { userId: w.me.id } })).toBe(0);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: w.me.id } })).kind).toBe("young_person");
});

test("a clientRequestId already used by another child does not hand over, or reveal, their item", async () => {
  const w = await twoGroups();
  const theirs = await prisma.feedbackItem.findUniqueOrThrow({ where: { id: w.items.friendPending.id }, select: { clientRequestId: true } });
  const cookie = await sessionCookie(w.me.id);
  const text = tag("mine, same request id");
  const result = await settle(() =>
    meSay.action(args(postRequest("/me/say", { groupId: w.mine.id, text, identity: "team", mayQuote: "yes", clientRequestId: theirs.clientRequestId }, { cookie }))),
  );
  expect(result.status).toBe(302);
  expect(await prisma.feedbackItem.count({ where: { authorId: w.me.id, text } })).toBe(1);
  const things = await meThings.loader(args(getRequest("/me/things", { cookie })));
  expect(JSON.stringify(things)).not.toContain(w.items.friendPending.text);
});

test("the account page's actions act only on the signed-in person, whatever user id the form names", async () => {
  const w = await twoGroups();
  const victimCookie = await sessionCookie(w.friend.id);
  const cookie = await sessionCookie(w.me.id);
  const victimHash = (await prisma.password.findUniqueOrThrow({ where: { userId: w.friend.id } })).hash;
  const changed = await settle(() =>
    account.action(
      args(postRequest("/account", { userId: w.friend.id, id: w.friend.id, nickname: w.friend.displayName, currentPassword: TEST_PASSWORD, newPassword: "taken over 123" }, { cookie })),
    ),
  );
  expect(changed.status).toBe(200);
  expect((await prisma.password.findUniqueOrThrow({ where: { userId: w.friend.id } })).hash).toBe(victimHash);
  expect(await verifySignIn(w.friend.displayName, "taken over 123")).toBeNull();

  const second = await sessionCookie(w.me.id);
  const out = await settle(() => account.action(args(postRequest("/account", { intent: "sign-out-everywhere", userId: w.friend.id }, { cookie: second }))));
  expect(out.status).toBe(302);
  const stillIn = await settle(() => meIndex.loader(args(getRequest("/me", { cookie: victimCookie }))));
  expect(stillIn.status).toBe(200);
});

test("switching language changes only one's own account", async () => {
  const w = await twoGroups();
  const cookie = await sessionCookie(w.me.id);
  await settle(() => language.action(args(postRequest("/language", { locale: "ar", userId: w.friend.id, redirectTo: "/me" }, { cookie }))));
  expect((await prisma.user.findUniqueOrThrow({ where: { id: w.friend.id } })).locale).toBe("en");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: w.me.id } })).locale).toBe("ar");
  // And signed out it changes nobody's.
  await settle(() => language.action(args(postRequest("/language", { locale: "fa", userId: w.friend.id }))));
  expect((await prisma.user.findUniqueOrThrow({ where: { id: w.friend.id } })).locale).toBe("en");
});

test("joining with a code joins only the code's group, as a young person with no role, whatever else the form says", async () => {
  const w = await twoGroups();
  const invite = await createInvite(w.mine.id, w.officer.id);
  const nickname = tag("newbie").slice(0, 28);
  const made = await settle(() =>
    join.action(
      args(
        postRequest("/join", {
          code: invite.code,
          nickname,
          password: "a good password",
          ageBand: "13-15",
          groupId: w.theirs.id,
          groupIds: [w.theirs.id],
          kind: "staff",
          role: "admin",
          roles: ["admin", "officer"],
        }),
      ),
    ),
  );
  expect(made.status).toBe(302);
  const user = await prisma.user.findFirstOrThrow({
    where: { displayName: nickname },
    select: { kind: true, roles: true, memberships: { select: { groupId: true } }, officerOf: true, email: true },
  });
  expect(user).toEqual({ kind: "young_person", roles: [], memberships: [{ groupId: w.mine.id }], officerOf: [], email: null });

  // Signed in, "join another group" with their own group's code and the other group's id.
  const cookie = await sessionCookie(w.me.id);
  await settle(() => join.action(args(postRequest("/join", { code: invite.code, groupId: w.theirs.id }, { cookie }))));
  expect(await prisma.membership.count({ where: { userId: w.me.id, groupId: w.theirs.id } })).toBe(0);
});

/**
 * Decision 003: "Guessing is slowed by the join rate limit (10 tries per 15 minutes per address)".
 * The join page's loader says which group a code is for. If it answers every guess, the limit on
 * the form is walked round: guess on the page, join with the one that names a group.
 */
test("guessing invite codes on the join page is limited like the join form: the 11th guess from one address learns nothing", async () => {
  const w = await twoGroups();
  const invite = await createInvite(w.mine.id, w.officer.id);
  const address = "203.0.113.77";
  const wrong = (i: number) => String((Number(invite.code) + 1 + i) % 100_000_000).padStart(8, "0");
  for (let i = 0; i < 10; i++) {
    await settle(() => join.action(args(postRequest("/join", { code: wrong(i), nickname: tag("g").slice(0, 20), password: "a good password", ageBand: "13-15" }), {}, address)));
  }
  // The form is now refused from this address.
  const formAgain = await settle(() =>
    join.action(args(postRequest("/join", { code: invite.code, nickname: tag("g").slice(0, 20), password: "a good password", ageBand: "13-15" }), {}, address)),
  );
  expect(formAgain.status).toBe(429);
  // The page must not answer the same guess for free.
  const page = await settle(() => join.loader(args(getRequest(`/join?code=${invite.code}`), {}, address)));
  const sent = JSON.stringify(page.value ?? null);
  expect(sent, "the join page confirms a code after the form's limit was reached").not.toContain(w.mine.name);
});

test("the join page alone, guessed many times from one address, stops confirming codes", async () => {
  const w = await twoGroups();
  const invite = await createInvite(w.mine.id, w.officer.id);
  const address = "203.0.113.78";
  for (let i = 1; i <= 50; i++) {
    const guess = String((Number(invite.code) + i) % 100_000_000).padStart(8, "0");
    await settle(() => join.loader(args(getRequest(`/join?code=${guess}`), {}, address)));
  }
  const page = await settle(() => join.loader(args(getRequest(`/join?code=${invite.code}`), {}, address)));
  expect(JSON.stringify(page.value ?? null), "50 wrong guesses, then the right one names the group").not.toContain(w.mine.name);
});
