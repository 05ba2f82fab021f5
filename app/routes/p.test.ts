import { expect, test } from "vitest";
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, sessionCookie, settle } from "#tests/request.ts";
import { loader } from "./p.$code.tsx";

const TITLE = "Should the Tuesday group move to Thursdays?";

async function pollWithCode(status: "open" | "closed" | "draft" = "open") {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const poll = await createPoll(officer.id, {
    title: TITLE,
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [group.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Move?", promptTranslations: {}, maxChoices: null, options: ["Yes", "No"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  if (status !== "draft") await setPollStatus(officer.id, poll.id, "open");
  if (status === "closed") await setPollStatus(officer.id, poll.id, "closed");
  return { group, pollId: poll.id, code: poll.shortCode };
}

const open = (code: string, cookie?: string) => settle(() => loader(args(getRequest(`/p/${encodeURIComponent(code)}`, { cookie }), { code })));

/** Where a short link leads, or its status; and nothing in the answer may name the poll. */
async function follow(code: string, cookie?: string) {
  const result = await open(code, cookie);
  const body = result.value instanceof Response ? await result.value.clone().text() : JSON.stringify(result.value ?? null);
  expect(body).not.toContain(TITLE);
  return result.status === 302 ? result.headers.get("Location") : result.status;
}

const arabicIndic = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
const persian = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x6f0 + Number(d)));
const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

test("a young person of the poll's group goes to the voting page, whatever digits they typed", async () => {
  const p = await pollWithCode();
  const member = await sessionCookie((await createYoungPerson({ groupIds: [p.group.id] })).id);
  for (const code of [p.code, arabicIndic(p.code), persian(p.code), fullWidth(p.code), `${p.code.slice(0, 3)} ${p.code.slice(3)}`]) {
    expect(await follow(code, member), code).toBe(`/me/polls/${p.pollId}`);
  }
});

test("someone signed out is sent to sign in and back to the link, which says nothing about the poll", async () => {
  const p = await pollWithCode();
  const location = await follow(arabicIndic(p.code));
  expect(location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/p/${p.code}`)}`);
  // An unknown code looks the same signed out: guessing codes learns nothing.
  expect(await follow("000001")).toBe(`/sign-in?redirectTo=${encodeURIComponent("/p/000001")}`);
  expect(location).not.toContain(p.pollId);
});

test("a closed poll's link still leads its young people to it (its results)", async () => {
  const p = await pollWithCode("closed");
  const member = await sessionCookie((await createYoungPerson({ groupIds: [p.group.id] })).id);
  expect(await follow(p.code, member)).toBe(`/me/polls/${p.pollId}`);
});

test("a young person outside the poll's groups, or removed from it, gets the same 404 as an unknown code, and never the title", async () => {
  const p = await pollWithCode();
  const otherGroup = await createGroup();
  const outsider = await sessionCookie((await createYoungPerson({ groupIds: [otherGroup.id] })).id);
  expect(await follow(p.code, outsider)).toBe(404);

  const removed = await createYoungPerson({ groupIds: [p.group.id] });
  await prisma.membership.updateMany({ where: { userId: removed.id }, data: { removedAt: new Date() } });
  expect(await follow(p.code, await sessionCookie(removed.id))).toBe(404);
});

test("unknown, malformed and draft codes are 404 for everyone", async () => {
  const draft = await pollWithCode("draft");
  const member = await sessionCookie((await createYoungPerson({ groupIds: [draft.group.id] })).id);
  const taken = new Set((await prisma.poll.findMany({ select: { shortCode: true } })).map((p) => p.shortCode));
  const unknown = ["000000", "999999", "123456", "654321"].find((c) => !taken.has(c))!;
  for (const code of [draft.code, unknown, "12345", "1234567", "abcdef", ""]) {
    expect(await follow(code, member), `${code} as a member`).toBe(404);
  }
});

test("staff are told short links are for young people (403), without the poll", async () => {
  const p = await pollWithCode();
  for (const roles of [["officer"], ["board_member"], ["admin"]] as const) {
    const staff = await createStaff({ roles: [...roles], groupIds: roles[0] === "officer" ? [p.group.id] : [] });
    expect(await follow(p.code, await sessionCookie(staff.id))).toBe(403);
  }
});
