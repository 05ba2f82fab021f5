import { expect, test } from "vitest";
import { resetPasswordWithCode, verifySignIn } from "#app/models/accounts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { ukDate } from "#app/validation/officer.ts";
import { createGroup, createInvite, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, BASE_URL, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./officer.groups.$groupId.tsx";

async function groupWithOfficer() {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  return { group, officer, cookie: await sessionCookie(officer.id) };
}

type Page = Awaited<ReturnType<typeof loader>>;

function open(cookie: string, groupId: string) {
  return settle(() => loader(args(getRequest(`/officer/groups/${groupId}`, { cookie }), { groupId })));
}

function post(cookie: string, groupId: string, fields: Record<string, string>) {
  return settle(() => action(args(postRequest(`/officer/groups/${groupId}`, fields, { cookie }), { groupId })));
}

const DAY = 24 * 3600 * 1000;

test("the group page shows its members with their private notes, and each invite's state", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const amira = await createYoungPerson({ groupIds: [group.id], nickname: "أميرة", ageBand: "16-17" });
  const gone = await createYoungPerson({ groupIds: [group.id] });
  await prisma.membership.updateMany({ where: { userId: gone.id }, data: { removedAt: new Date() } });
  await prisma.accountNote.create({ data: { subjectId: amira.id, authorId: officer.id, text: "Lives with foster carer J." } });
  const live = await createInvite(group.id, officer.id, { code: "48217730" });
  await createInvite(group.id, officer.id, { expiresAt: new Date(Date.now() - DAY) });
  await createInvite(group.id, officer.id, { revokedAt: new Date() });
  await createInvite(group.id, officer.id, { maxUses: 2, uses: 2 });

  const { status, value } = await open(cookie, group.id);
  expect(status).toBe(200);
  const page = value as Page;
  expect(page.group).toEqual({ id: group.id, name: group.name });
  // NOTE: not in a fixed order: listMembers sorts by removedAt, and the engines put nulls at
  // opposite ends. The screen splits current and removed members itself.
  expect(page.members).toHaveLength(2);
  expect(page.members).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: amira.id, nickname: "أميرة", ageBand: "16-17", removedAt: null, note: "Lives with foster carer J." }),
      expect.objectContaining({ id: gone.id, removedAt: expect.any(Date), note: "" }),
    ]),
  );
  expect(page.invites.map((i) => i.state).sort()).toEqual(["expired", "live", "revoked", "usedUp"]);
  const shown = page.invites.find((i) => i.id === live.id)!;
  expect(shown.link).toBe(`${BASE_URL}/join?code=48217730`);
  // A QR code of the link, as SVG markup with no script and no inline style (the CSP forbids both).
  expect(shown.qrSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(shown.qrSvg).not.toMatch(/<script|style=|on\w+=/i);
  for (const dead of page.invites.filter((i) => i.state !== "live")) expect(dead).toMatchObject({ link: null, qrSvg: null });
  // The invite form starts at 14 days and 30 uses.
  expect(page.defaultExpiry).toBe(ukDate(14));
});

test("an officer makes an invite with the defaults, and it shows as live", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const result = await post(cookie, group.id, { intent: "create-invite", expiresOn: ukDate(14), maxUses: "30" });
  expect(result.status).toBe(200);
  expect(result.value).toMatchObject({ done: "inviteCreated" });
  const invite = await prisma.inviteCode.findFirstOrThrow({ where: { groupId: group.id }, select: { code: true, maxUses: true, expiresAt: true, createdById: true } });
  expect(invite).toMatchObject({ maxUses: 30, createdById: officer.id });
  expect(invite.code).toMatch(/^\d{8}$/);
  // Works until the end of that day in the UK.
  expect(invite.expiresAt.getTime()).toBeGreaterThan(Date.now() + 14 * DAY - 2 * DAY);
  expect(invite.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * DAY + 3600_000);
  expect(await prisma.auditLog.count({ where: { actorId: officer.id, action: "invite.create" } })).toBe(1);

  const page = (await open(cookie, group.id)).value as Page;
  expect(page.invites).toEqual([expect.objectContaining({ code: invite.code, state: "live", uses: 0, maxUses: 30 })]);
});

test("an invite with an expiry in the past, too far ahead or an impossible number of uses is refused", async () => {
  const { group, cookie } = await groupWithOfficer();
  const cases = [
    [{ expiresOn: ukDate(-1), maxUses: "30" }, { expiresOn: ["officer:errors.dateInPast"] }],
    [{ expiresOn: ukDate(400), maxUses: "30" }, { expiresOn: ["officer:errors.expiryTooFar"] }],
    [{ expiresOn: "", maxUses: "30" }, { expiresOn: ["officer:errors.dateRequired"] }],
    [{ expiresOn: ukDate(3), maxUses: "0" }, { maxUses: ["officer:errors.maxUsesRange"] }],
    [{ expiresOn: ukDate(3), maxUses: "501" }, { maxUses: ["officer:errors.maxUsesRange"] }],
    [{ expiresOn: ukDate(3), maxUses: "lots" }, { maxUses: ["officer:errors.maxUsesRange"] }],
  ] as const;
  for (const [fields, error] of cases) {
    const result = await post(cookie, group.id, { intent: "create-invite", ...fields });
    expect(result.status).toBe(400);
    // What was typed comes back (conform leaves out what was left empty).
    expect(result.value).toMatchObject({ formId: "create-invite", error, initialValue: { maxUses: fields.maxUses } });
  }
  expect(await prisma.inviteCode.count({ where: { groupId: group.id } })).toBe(0);
});

test("an officer revokes an invite; another group's invite cannot be revoked from here", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const invite = await createInvite(group.id, officer.id);
  const other = await groupWithOfficer();
  const othersInvite = await createInvite(other.group.id, other.officer.id);

  expect((await post(cookie, group.id, { intent: "revoke-invite", inviteId: invite.id })).value).toMatchObject({ done: "inviteRevoked" });
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toBeInstanceOf(Date);
  // A second tap is not an error.
  expect((await post(cookie, group.id, { intent: "revoke-invite", inviteId: invite.id })).status).toBe(200);

  expect((await post(cookie, group.id, { intent: "revoke-invite", inviteId: othersInvite.id })).status).toBe(404);
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { id: othersInvite.id } })).revokedAt).toBeNull();
  expect(((await open(cookie, group.id)).value as Page).invites[0]).toMatchObject({ state: "revoked", link: null, qrSvg: null });
});

test("an officer removes a member from the group, and only from this group", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const other = await createGroup();
  const yp = await createYoungPerson({ groupIds: [group.id, other.id] });
  const outsider = await createYoungPerson({ groupIds: [other.id] });

  const result = await post(cookie, group.id, { intent: "remove", memberId: yp.id });
  expect(result.value).toMatchObject({ done: "memberRemoved" });
  const memberships = await prisma.membership.findMany({ where: { userId: yp.id }, select: { groupId: true, removedAt: true, removedById: true } });
  expect(memberships.find((m) => m.groupId === group.id)).toMatchObject({ removedAt: expect.any(Date), removedById: officer.id });
  expect(memberships.find((m) => m.groupId === other.id)).toMatchObject({ removedAt: null });

  expect((await post(cookie, group.id, { intent: "remove", memberId: outsider.id })).status).toBe(404);
  expect(await prisma.membership.findFirstOrThrow({ where: { userId: outsider.id }, select: { removedAt: true } })).toEqual({ removedAt: null });
});

test("a one-time password code is shown once, works once, and only for a member of this group", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id], nickname: "Dawit" });
  const stranger = await createYoungPerson({ groupIds: [(await createGroup()).id] });

  const result = await post(cookie, group.id, { intent: "reset-code", memberId: yp.id });
  expect(result.status).toBe(200);
  const { resetCode } = result.value as { resetCode: { memberId: string; code: string } };
  expect(resetCode.memberId).toBe(yp.id);
  expect(resetCode.code).toMatch(/^\d{8}$/);
  // Only its hash is kept, and the page never shows it again.
  expect(await prisma.passwordReset.count({ where: { userId: yp.id, createdById: officer.id } })).toBe(1);
  expect(JSON.stringify((await open(cookie, group.id)).value)).not.toContain(resetCode.code);

  expect(await resetPasswordWithCode("dawit", resetCode.code, "a brand new password")).toEqual({ id: yp.id });
  expect(await verifySignIn("dawit", "a brand new password")).toEqual({ id: yp.id });

  expect((await post(cookie, group.id, { intent: "reset-code", memberId: stranger.id })).status).toBe(404);
  expect(await prisma.passwordReset.count({ where: { userId: stranger.id } })).toBe(0);
});

test("the private note of who an account belongs to is saved, cleared, and kept to this group's members", async () => {
  const { group, officer, cookie } = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const stranger = await createYoungPerson({ groupIds: [(await createGroup()).id] });
  const note = () => prisma.accountNote.findUnique({ where: { subjectId: yp.id }, select: { text: true, authorId: true } });

  const saved = await post(cookie, group.id, { intent: "note", memberId: yp.id, note: "  Sara K., placed with carers in Tipton " });
  expect(saved.value).toMatchObject({ done: "noteSaved", formId: `note-${yp.id}` });
  expect(await note()).toEqual({ text: "Sara K., placed with carers in Tipton", authorId: officer.id });
  // The audit log says that the note changed, never what it says.
  const entries = await prisma.auditLog.findMany({ where: { entityId: yp.id, action: { startsWith: "note." } }, select: { before: true, after: true } });
  expect(entries).toEqual([{ before: null, after: null }]);

  const tooLong = await post(cookie, group.id, { intent: "note", memberId: yp.id, note: "x".repeat(1001) });
  expect(tooLong.status).toBe(400);
  expect(tooLong.value).toMatchObject({ error: { note: ["officer:errors.noteLong"] } });
  expect(await note()).toMatchObject({ text: "Sara K., placed with carers in Tipton" });

  expect((await post(cookie, group.id, { intent: "note", memberId: yp.id, note: "" })).status).toBe(200);
  expect(await note()).toBeNull();

  expect((await post(cookie, group.id, { intent: "note", memberId: stranger.id, note: "not mine to write" })).status).toBe(404);
  expect(await prisma.accountNote.count({ where: { subjectId: stranger.id } })).toBe(0);
});

test("an officer of another group gets 404 for the page and every action on it, and nothing changes", async () => {
  const { group, officer } = await groupWithOfficer();
  const outsider = await groupWithOfficer();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const invite = await createInvite(group.id, officer.id);

  expect((await open(outsider.cookie, group.id)).status).toBe(404);
  expect((await open(outsider.cookie, "no-such-group")).status).toBe(404);
  const attempts: Record<string, string>[] = [
    { intent: "create-invite", expiresOn: ukDate(14), maxUses: "30" },
    { intent: "revoke-invite", inviteId: invite.id },
    { intent: "remove", memberId: yp.id },
    { intent: "reset-code", memberId: yp.id },
    { intent: "note", memberId: yp.id, note: "nosy" },
  ];
  for (const fields of attempts) expect((await post(outsider.cookie, group.id, fields)).status).toBe(404);

  expect(await prisma.inviteCode.findMany({ where: { groupId: group.id }, select: { revokedAt: true } })).toEqual([{ revokedAt: null }]);
  expect(await prisma.membership.findFirstOrThrow({ where: { userId: yp.id }, select: { removedAt: true } })).toEqual({ removedAt: null });
  expect(await prisma.passwordReset.count({ where: { userId: yp.id } })).toBe(0);
  expect(await prisma.accountNote.count({ where: { subjectId: yp.id } })).toBe(0);
});

test("an unknown intent is a 400 and changes nothing", async () => {
  const { group, cookie } = await groupWithOfficer();
  const result = await post(cookie, group.id, { intent: "delete-group" });
  expect(result.status).toBe(400);
  expect(await prisma.group.count({ where: { id: group.id } })).toBe(1);
});
