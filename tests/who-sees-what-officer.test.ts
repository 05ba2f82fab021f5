import { expect, test } from "vitest";
import { createAsk } from "#app/models/asks.server.ts";
import { decideFeedback } from "#app/models/feedback.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import * as officerIndex from "#app/routes/officer._index.tsx";
import * as officerAsk from "#app/routes/officer.asks.$askId.tsx";
import * as officerAsks from "#app/routes/officer.asks._index.tsx";
import * as officerNewAsk from "#app/routes/officer.asks.new.tsx";
import * as officerGroup from "#app/routes/officer.groups.$groupId.tsx";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createInvite, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

/**
 * Officers see everything of the groups they run, nothing of the others (which answer 404, as if
 * they did not exist), and never who wrote an item whose author chose "only someone keeping me
 * safe may know it was me" (PRODUCT.md, "Who sees what").
 */

type Args = ReturnType<typeof args>;
type Fn = (a: Args) => Promise<unknown>;

let n = 0;
const tag = (what: string) => `${what}-${Date.now().toString(36)}-${(n++).toString(36)}`;

async function twoGroups() {
  await getOrganisation();
  const theirs = await createGroup({ name: tag("Theirs") });
  const mine = await createGroup({ name: tag("Mine") });
  const theirOfficer = await createStaff({ roles: ["officer"], groupIds: [theirs.id] });
  const me = await createStaff({ roles: ["officer"], groupIds: [mine.id] });
  const child = await createYoungPerson({ groupIds: [theirs.id], nickname: tag("their-child") });
  const myChild = await createYoungPerson({ groupIds: [mine.id], nickname: tag("my-child") });
  const pending = await createFeedbackItem({ authorId: child.id, groupId: theirs.id, text: tag("THEIR-pending") });
  const approved = await createFeedbackItem({ authorId: child.id, groupId: theirs.id, text: tag("THEIR-original"), status: "approved", decidedById: theirOfficer.id });
  const invite = await createInvite(theirs.id, theirOfficer.id);
  await prisma.accountNote.create({ data: { subjectId: child.id, authorId: theirOfficer.id, text: tag("THEIR-note lives at 4 Elm Road") } });
  const note = (await prisma.accountNote.findUniqueOrThrow({ where: { subjectId: child.id } })).text;
  return { theirs, mine, theirOfficer, me, child, myChild, pending, approved, invite, note, cookie: await sessionCookie(me.id) };
}

async function state() {
  return {
    feedback: await prisma.feedbackItem.findMany({
      orderBy: { id: "asc" },
      select: { id: true, groupId: true, status: true, version: true, publishedText: true, heldReason: true, decidedById: true, themeId: true, englishText: true },
    }),
    invites: await prisma.inviteCode.findMany({ orderBy: { id: "asc" }, select: { id: true, groupId: true, revokedAt: true, uses: true, maxUses: true } }),
    memberships: await prisma.membership.findMany({ orderBy: { id: "asc" }, select: { id: true, groupId: true, userId: true, removedAt: true } }),
    notes: await prisma.accountNote.findMany({ orderBy: { id: "asc" }, select: { subjectId: true, text: true, authorId: true } }),
    resets: await prisma.passwordReset.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, usedAt: true } }),
    asks: await prisma.ask.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, raisedById: true, ownerId: true, version: true } }),
    askItems: await prisma.askItem.count(),
    updates: await prisma.askUpdate.findMany({ orderBy: { id: "asc" }, select: { id: true, authorId: true } }),
    notifications: await prisma.notification.count(),
    roles: await prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] }),
    groupOfficers: await prisma.groupOfficer.findMany({ orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    sessions: await prisma.session.findMany({ orderBy: { id: "asc" }, select: { id: true } }),
  };
}

test("an officer of another group: the group page, its invites, members, notes and reset codes are 404 and nothing changes", async () => {
  const w = await twoGroups();
  const path = `/officer/groups/${w.theirs.id}`;
  const params = { groupId: w.theirs.id };
  const page = await settle(() => officerGroup.loader(args(getRequest(path, { cookie: w.cookie }), params)));
  expect(page.status).toBe(404);
  const before = await state();
  const posts: Record<string, string>[] = [
    { intent: "create-invite", expiresOn: ukDate(5), maxUses: "10" },
    { intent: "revoke-invite", inviteId: w.invite.id },
    { intent: "note", memberId: w.child.id, note: "overwritten by a stranger" },
    { intent: "note", memberId: w.child.id, note: "" },
    { intent: "remove", memberId: w.child.id },
    { intent: "reset-code", memberId: w.child.id },
  ];
  for (const fields of posts) {
    const result = await settle(() => officerGroup.action(args(postRequest(path, fields, { cookie: w.cookie }), params)));
    expect(result.status, fields.intent).toBe(404);
    const sent = JSON.stringify(result.value ?? null);
    for (const secret of [w.theirs.name, w.child.displayName, w.invite.code, w.note]) expect(sent).not.toContain(secret);
  }
  expect(await state()).toEqual(before);
});

test("an officer's own group page cannot reach another group's members or invites through the form", async () => {
  const w = await twoGroups();
  const path = `/officer/groups/${w.mine.id}`;
  const params = { groupId: w.mine.id };
  const before = await state();
  const posts: Record<string, string>[] = [
    { intent: "revoke-invite", inviteId: w.invite.id, groupId: w.theirs.id },
    { intent: "note", memberId: w.child.id, note: "I can write on anyone", groupId: w.theirs.id },
    { intent: "note", memberId: w.child.id, note: "" },
    { intent: "remove", memberId: w.child.id, groupId: w.theirs.id },
    { intent: "reset-code", memberId: w.child.id, groupId: w.theirs.id, userId: w.child.id },
    // A staff member is nobody's member either.
    { intent: "reset-code", memberId: w.theirOfficer.id },
    { intent: "note", memberId: w.theirOfficer.id, note: "about a colleague" },
  ];
  for (const fields of posts) {
    const result = await settle(() => officerGroup.action(args(postRequest(path, fields, { cookie: w.cookie }), params)));
    expect(result.status, `${fields.intent} ${fields.memberId ?? fields.inviteId}`).toBe(404);
    expect(JSON.stringify(result.value ?? null)).not.toContain(w.note);
  }
  expect(await state()).toEqual(before);

  // "create-invite" naming the other group makes an invite for this page's group only.
  const made = await settle(() =>
    officerGroup.action(args(postRequest(path, { intent: "create-invite", expiresOn: ukDate(5), maxUses: "10", groupId: w.theirs.id }, { cookie: w.cookie }), params)),
  );
  expect(made.status).toBe(200);
  expect(await prisma.inviteCode.count({ where: { groupId: w.theirs.id } })).toBe(1);
  expect(await prisma.inviteCode.count({ where: { groupId: w.mine.id } })).toBe(1);

  // And the page itself lists only this group's members and invites, and no other group's note.
  const page = await settle(() => officerGroup.loader(args(getRequest(path, { cookie: w.cookie }), params)));
  const sent = JSON.stringify(page.value);
  for (const secret of [w.child.displayName, w.child.id, w.invite.code, w.note, w.theirs.name]) expect(sent).not.toContain(secret);
});

test("an officer of another group cannot decide its items (404), however the form is dressed up, and nothing changes", async () => {
  const w = await twoGroups();
  const before = await state();
  const forms: Record<string, string>[] = [
    { intent: "approve", id: w.pending.id, version: "1", publishedText: "approved by a stranger" },
    { intent: "hold", id: w.pending.id, version: "1", reason: "held by a stranger" },
    { intent: "approve", id: w.pending.id, version: "1", publishedText: "x", groupId: w.mine.id, status: "approved", decidedById: w.theirOfficer.id, role: "admin" },
    { intent: "hold", id: w.approved.id, version: "1", reason: "un-approve" },
  ];
  for (const fields of forms) {
    const result = await settle(() => officerIndex.action(args(postRequest("/officer", fields, { cookie: w.cookie }))));
    expect(result.status, `${fields.intent} ${fields.id}`).toBe(404);
    // A 409 would say the item exists and its state; a 404 says nothing.
    expect(JSON.stringify(result.value ?? null)).not.toMatch(/pending|approved|THEIR/);
  }
  expect(await state()).toEqual(before);
});

test("an officer of another group cannot gather its approved words into an ask", async () => {
  const w = await twoGroups();
  const mine = await createFeedbackItem({ authorId: w.myChild.id, groupId: w.mine.id, status: "approved", decidedById: w.me.id });
  const before = await state();
  for (const feedbackIds of [[w.approved.id], [mine.id, w.approved.id], [w.pending.id]]) {
    const result = await settle(() => officerNewAsk.action(args(postRequest("/officer/asks/new", { feedbackIds, title: "mixed", body: "mixed" }, { cookie: w.cookie }))));
    expect(result.status, feedbackIds.join(",")).toBe(400);
  }
  expect(await state()).toEqual(before);
});

test("the moderation queue and the new-ask list never contain another group's items, names or group", async () => {
  const w = await twoGroups();
  await createFeedbackItem({ authorId: w.myChild.id, groupId: w.mine.id, text: tag("MINE-pending") });
  const secrets = [w.pending.text, w.pending.id, w.approved.text, w.approved.id, w.child.displayName, w.child.id, w.theirs.name, w.theirs.id];
  const pages: [string, Fn][] = [
    ["/officer", officerIndex.loader],
    ["/officer/asks/new", officerNewAsk.loader],
    ["/officer/asks", officerAsks.loader],
  ];
  for (const query of ["", `?groupId=${w.theirs.id}`, `?group=${w.theirs.id}&all=1`]) {
    for (const [path, loader] of pages) {
      const result = await settle(() => loader(args(getRequest(`${path}${query}`, { cookie: w.cookie }))));
      expect(result.status, path).toBe(200);
      const sent = JSON.stringify(result.value);
      for (const secret of secrets) expect(sent, `${path}${query} leaks ${secret}`).not.toContain(secret);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// "Only someone keeping me safe may know it was me"

async function anonymousAuthor() {
  await getOrganisation();
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  // The only 8-12 year old in the group: their age band beside an item would name them.
  const author = await createYoungPerson({ groupIds: [group.id], nickname: tag("anon"), ageBand: "8-12" });
  const open = await createYoungPerson({ groupIds: [group.id], nickname: tag("open"), ageBand: "16-17" });
  for (let i = 0; i < 3; i++) await createYoungPerson({ groupIds: [group.id], ageBand: "13-15" });
  const waiting = await createFeedbackItem({ authorId: author.id, groupId: group.id, identity: "safeguarding", text: tag("ANON-waiting") });
  const toApprove = await createFeedbackItem({ authorId: author.id, groupId: group.id, identity: "safeguarding", text: tag("ANON-approved") });
  await decideFeedback(officer.id, toApprove.id, toApprove.version, { kind: "approve", publishedText: tag("ANON-published"), themeId: null, englishText: null });
  const openItem = await createFeedbackItem({ authorId: open.id, groupId: group.id, identity: "team", text: tag("OPEN-waiting") });
  const ask = await createAsk(officer.id, { title: "Anon ask", body: "", feedbackIds: [toApprove.id], dueAt: null });
  const cookie = await sessionCookie(officer.id);
  // The age band as a JSON value: a random tag may hold the letters "8-12".
  const marks = [author.displayName, author.id, author.loginKey, '"8-12"'];
  return { group, officer, author, open, waiting, toApprove, openItem, ask, cookie, marks };
}

test("no officer loader ties an anonymous author's nickname, id or age band to their words", async () => {
  const w = await anonymousAuthor();
  const pages: [string, Fn, Record<string, string>][] = [
    ["/officer", officerIndex.loader, {}],
    ["/officer/asks", officerAsks.loader, {}],
    ["/officer/asks/new", officerNewAsk.loader, {}],
    [`/officer/asks/${w.ask.id}`, officerAsk.loader, { askId: w.ask.id }],
  ];
  for (const [path, loader, params] of pages) {
    const result = await settle(() => loader(args(getRequest(path, { cookie: w.cookie }), params)));
    expect(result.status, path).toBe(200);
    const sent = JSON.stringify(result.value);
    for (const mark of w.marks) expect(sent, `${path} shows ${mark}`).not.toContain(mark);
  }
  // Control: the queue does carry the words, and the name of an author who let the team know.
  const queue = JSON.stringify((await settle(() => officerIndex.loader(args(getRequest("/officer", { cookie: w.cookie }))))).value);
  expect(queue).toContain(w.waiting.text);
  expect(queue).toContain(w.open.displayName);
});

test("the group page lists the anonymous author as a member, with nothing that links them to their words", async () => {
  const w = await anonymousAuthor();
  const result = await settle(() => officerGroup.loader(args(getRequest(`/officer/groups/${w.group.id}`, { cookie: w.cookie }), { groupId: w.group.id })));
  expect(result.status).toBe(200);
  const sent = JSON.stringify(result.value);
  for (const secret of [w.waiting.id, w.waiting.text, w.toApprove.id, w.toApprove.text, w.ask.id]) expect(sent).not.toContain(secret);
  const entry = JSON.stringify((result.value as { members: { id: string }[] }).members.find((m) => m.id === w.author.id));
  expect(entry).not.toMatch(/feedback|item|said|wrote|pending|safeguard/i);
});

test("deciding an anonymous item answers without the author's name, id or age band", async () => {
  const w = await anonymousAuthor();
  const forms: Record<string, string>[] = [
    { intent: "hold", id: w.waiting.id, version: "1", reason: "check" },
    // The second try is a conflict: its answer says what the item is now, never who wrote it.
    { intent: "approve", id: w.waiting.id, version: "1", publishedText: "again" },
  ];
  for (const fields of forms) {
    const result = await settle(() => officerIndex.action(args(postRequest("/officer", fields, { cookie: w.cookie }))));
    const sent = JSON.stringify(result.value ?? null);
    for (const mark of w.marks) expect(sent, `${fields.intent}: ${mark}`).not.toContain(mark);
  }
});

// ---------------------------------------------------------------------------------------------
// Privilege by form fields, in an officer's own groups

test("an officer's decision, ask and update are theirs, whatever officer, status, owner or role the form names", async () => {
  const w = await twoGroups();
  const item = await createFeedbackItem({ authorId: w.myChild.id, groupId: w.mine.id });
  const board = await createStaff({ roles: ["board_member"] });

  const held = await settle(() =>
    officerIndex.action(
      args(postRequest("/officer", { intent: "hold", id: item.id, version: "1", reason: "names a school", status: "approved", publishedText: "sneaked out", decidedById: w.theirOfficer.id, role: "admin" }, { cookie: w.cookie })),
    ),
  );
  expect(held.status).toBe(200);
  expect(await prisma.feedbackItem.findUniqueOrThrow({ where: { id: item.id }, select: { status: true, publishedText: true, decidedById: true } })).toEqual({
    status: "held",
    publishedText: null,
    decidedById: w.me.id,
  });

  const approved = await createFeedbackItem({ authorId: w.myChild.id, groupId: w.mine.id, status: "approved", decidedById: w.me.id });
  const raised = await settle(() =>
    officerNewAsk.action(
      args(postRequest("/officer/asks/new", { feedbackIds: [approved.id], title: tag("forged ask"), body: "b", raisedById: w.theirOfficer.id, status: "done", ownerId: board.id, answeredAt: "2020-01-01" }, { cookie: w.cookie })),
    ),
  );
  expect(raised.status).toBe(302);
  const askId = raised.headers.get("Location")!.split("/").pop()!.split("?")[0]!;
  // An owner is the form's to choose (a board member here); who raised it, its status and answer are not.
  expect(await prisma.ask.findUniqueOrThrow({ where: { id: askId }, select: { raisedById: true, status: true, ownerId: true, answeredAt: true } })).toEqual({
    raisedById: w.me.id,
    status: "raised",
    ownerId: board.id,
    answeredAt: null,
  });

  const updated = await settle(() =>
    officerAsk.action(args(postRequest(`/officer/asks/${askId}`, { status: "agreed", text: "ok", authorId: w.theirOfficer.id, askId: "another" }, { cookie: w.cookie }), { askId })),
  );
  expect(updated.status).toBe(200);
  expect(await prisma.askUpdate.findMany({ where: { askId }, select: { authorId: true } })).toEqual([{ authorId: w.me.id }]);
  expect(await prisma.userRole.findMany({ where: { userId: w.me.id }, select: { role: true } })).toEqual([{ role: "officer" }]);
});
