import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createInvite, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, postRequest, settle } from "#tests/request.ts";
import { action } from "./join.tsx";

async function invite(options: Parameters<typeof createInvite>[2] = {}) {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  return { group, invite: await createInvite(group.id, officer.id, options) };
}

const form = (code: string, nickname: string) => ({ code, nickname, password: "long enough pass", ageBand: "16-17" });

test("a join with a code signs the new young person in and keeps only what was asked", async () => {
  const { group } = await invite({ code: "31415926" });
  const result = await settle(() => action(args(postRequest("/join", form("٣١٤١٥٩٢٦", "Layla")))));
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe("/me?joined=1");
  expect(result.headers.get("Set-Cookie")).toMatch(/voices_session=.+HttpOnly/i);
  expect(result.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
  const user = await prisma.user.findUniqueOrThrow({ where: { loginKey: "layla" }, select: { memberships: { select: { groupId: true } } } });
  expect(user.memberships).toEqual([{ groupId: group.id }]);
});

test("bad input is answered beside each field, keeps what was typed (not the password) and saves nothing", async () => {
  const before = await prisma.user.count();
  const result = await settle(() => action(args(postRequest("/join", { code: "12", nickname: "x", password: "short", ageBand: "99" }))));
  expect(result.status).toBe(400);
  const reply = result.value as { error: Record<string, string[]>; initialValue: Record<string, string> };
  expect(reply.error.code).toEqual(["auth:errors.codeFormat"]);
  expect(reply.error.nickname).toEqual(["auth:errors.nicknameShort"]);
  expect(reply.error.password).toEqual(["auth:errors.passwordShort"]);
  expect(reply.error.ageBand).toEqual(["auth:errors.ageBandRequired"]);
  expect(reply.initialValue.nickname).toBe("x");
  expect(reply.initialValue.password).toBeUndefined();
  expect(await prisma.user.count()).toBe(before);
});

test("expired, revoked and used-up codes each get their own message", async () => {
  const expired = await invite({ expiresAt: new Date(Date.now() - 60_000) });
  const revoked = await invite({ revokedAt: new Date() });
  const usedUp = await invite({ maxUses: 1, uses: 1 });
  for (const [code, reason] of [
    [expired.invite.code, "codeExpired"],
    [revoked.invite.code, "codeRevoked"],
    [usedUp.invite.code, "codeUsedUp"],
    ["99999999", "codeInvalid"],
  ] as const) {
    const result = await settle(() => action(args(postRequest("/join", form(code, `n${reason}`)))));
    expect(result.status).toBe(400);
    expect((result.value as { error: Record<string, string[]> }).error.code).toEqual([`auth:errors.${reason}`]);
  }
});

test("a nickname taken in the group is refused with a message beside the nickname", async () => {
  const { group, invite: code } = await invite();
  await createYoungPerson({ groupIds: [group.id], nickname: "Yonas" });
  const result = await settle(() => action(args(postRequest("/join", form(code.code, "yonas")))));
  expect(result.status).toBe(400);
  expect((result.value as { error: Record<string, string[]> }).error.nickname).toEqual(["auth:errors.nicknameTaken"]);
});

test("the same join form posted twice makes one account and signs in both times", async () => {
  const { invite: code } = await invite();
  const first = await settle(() => action(args(postRequest("/join", form(code.code, "Twice")))));
  const second = await settle(() => action(args(postRequest("/join", form(code.code, "Twice")))));
  expect([first.status, second.status]).toEqual([302, 302]);
  expect(await prisma.user.count({ where: { loginKey: "twice" } })).toBe(1);
  expect((await prisma.inviteCode.findUniqueOrThrow({ where: { code: code.code } })).uses).toBe(1);
});

test("joining is rate limited per address, with a message and the typed nickname kept", async () => {
  const { invite: code } = await invite({ maxUses: 100 });
  let last;
  for (let i = 0; i < 11; i++) {
    last = await settle(() => action(args(postRequest("/join", form(code.code, `rate${i}`)), {}, "203.0.113.9")));
  }
  expect(last!.status).toBe(429);
  const reply = last!.value as { error: Record<string, string[]>; initialValue: Record<string, string> };
  expect(reply.error[""]).toEqual(["common:errors.tooManyTries"]);
  expect(reply.initialValue.nickname).toBe("rate10");
});
