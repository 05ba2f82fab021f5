import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./admin.groups.tsx";

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null; saved?: string };

async function signedInAdmin() {
  const admin = await createStaff({ roles: ["admin"] });
  return { admin, cookie: await sessionCookie(admin.id) };
}

const post = (cookie: string, fields: Record<string, string | string[]>) =>
  settle(() => action(args(postRequest("/admin/groups", fields, { cookie }))));

test("an admin makes a group with a name and a description, audited", async () => {
  const { admin, cookie } = await signedInAdmin();
  const { status, value } = await post(cookie, { intent: "create-group", name: "  Voices of Sandwell  ", description: "Our council" });
  expect(status).toBe(200);
  expect((value as Reply).saved).toBe("create-group");
  const group = await prisma.group.findFirstOrThrow({ where: { name: "Voices of Sandwell" }, select: { id: true, description: true } });
  expect(group.description).toBe("Our council");
  expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "group.create", entityId: group.id } })).toBe(1);
});

test.each([
  ["no name", { name: "   " }, "name", "admin:errors.groupNameRequired"],
  ["a name over 80 characters", { name: "n".repeat(81) }, "name", "admin:errors.groupNameLong"],
  ["a description over 500 characters", { name: "Fine name", description: "d".repeat(501) }, "description", "admin:errors.descriptionLong"],
])("a group with %s is refused with a message and nothing is saved", async (_, fields, field, message) => {
  const { cookie } = await signedInAdmin();
  const before = await prisma.group.count();
  const { status, value } = await post(cookie, { intent: "create-group", ...fields });
  expect(status).toBe(400);
  expect((value as Reply).error?.[field]).toEqual([message]);
  expect(await prisma.group.count()).toBe(before);
});

test("an admin chooses a group's officers from staff holding the officer role only", async () => {
  const { admin, cookie } = await signedInAdmin();
  const group = await createGroup();
  const first = await createStaff({ roles: ["officer"], name: "First Officer" });
  const second = await createStaff({ roles: ["officer", "safeguarding_lead"], name: "Second Officer" });
  const boardOnly = await createStaff({ roles: ["board_member"], name: "Board Only" });

  const page = (await loader(args(getRequest("/admin/groups", { cookie })))) as Awaited<ReturnType<typeof loader>>;
  const offered = page.officers.map((o) => o.id);
  expect(offered).toEqual(expect.arrayContaining([first.id, second.id]));
  expect(offered).not.toContain(boardOnly.id);
  expect(offered).not.toContain(admin.id);

  const { status, value } = await post(cookie, { intent: "set-officers", groupId: group.id, officerIds: [first.id, second.id, boardOnly.id] });
  expect(status).toBe(200);
  expect((value as Reply).saved).toBe(`set-officers:${group.id}`);
  const assigned = await prisma.groupOfficer.findMany({ where: { groupId: group.id }, select: { userId: true } });
  expect(assigned.map((a) => a.userId).sort()).toEqual([first.id, second.id].sort());

  const after = (await loader(args(getRequest("/admin/groups", { cookie })))) as Awaited<ReturnType<typeof loader>>;
  expect(after.groups.find((g) => g.id === group.id)?.officerIds.sort()).toEqual([first.id, second.id].sort());

  // No box ticked: the group has no officers.
  expect((await post(cookie, { intent: "set-officers", groupId: group.id })).status).toBe(200);
  expect(await prisma.groupOfficer.count({ where: { groupId: group.id } })).toBe(0);
});

test("officers for a group that does not exist: not found, nothing saved", async () => {
  const { cookie } = await signedInAdmin();
  const officer = await createStaff({ roles: ["officer"] });
  expect((await post(cookie, { intent: "set-officers", groupId: "no-such-group", officerIds: [officer.id] })).status).toBe(404);
  expect(await prisma.groupOfficer.count({ where: { userId: officer.id } })).toBe(0);
});

test("the admin's group list carries no young person's name", async () => {
  const { cookie } = await signedInAdmin();
  const group = await createGroup();
  await createYoungPerson({ groupIds: [group.id], nickname: "Nadia-in-group" });
  const page = await loader(args(getRequest("/admin/groups", { cookie })));
  expect(JSON.stringify(page)).not.toContain("Nadia-in-group");
});

test("staff without the admin role and young people cannot open or use the groups screen", async () => {
  const officer = await createStaff({ roles: ["officer", "safeguarding_lead", "board_member"] });
  const group = await createGroup();
  const yp = await createYoungPerson({ groupIds: [group.id] });
  const before = await prisma.group.count();
  for (const user of [officer, yp]) {
    const cookie = await sessionCookie(user.id);
    expect((await settle(() => loader(args(getRequest("/admin/groups", { cookie }))))).status).toBe(403);
    expect((await post(cookie, { intent: "create-group", name: "Sneaky" })).status).toBe(403);
    expect((await post(cookie, { intent: "set-officers", groupId: group.id, officerIds: [officer.id] })).status).toBe(403);
  }
  expect(await prisma.group.count()).toBe(before);
  expect(await prisma.groupOfficer.count({ where: { groupId: group.id } })).toBe(0);
});
