import { expect, test } from "vitest";
import { verifySignIn } from "#app/models/accounts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { STAFF_ROLES } from "#app/utils/permissions.server.ts";
import { STAFF_ROLE_OPTIONS } from "#app/validation/admin.ts";
import { createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./admin.staff.tsx";

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null; saved?: string };

async function signedInAdmin() {
  const admin = await createStaff({ roles: ["admin"] });
  return { admin, cookie: await sessionCookie(admin.id) };
}

const post = (cookie: string, fields: Record<string, string | string[]>) =>
  settle(() => action(args(postRequest("/admin/staff", fields, { cookie }))));

const newStaff = (overrides: Record<string, string | string[]> = {}) => ({
  intent: "create-staff",
  name: "Priya Shah",
  email: "priya.shah@example.org",
  password: "a long first password",
  roles: ["officer", "safeguarding_lead"],
  ...overrides,
});

test("the form's roles are the roles the server knows", () => {
  expect([...STAFF_ROLE_OPTIONS]).toEqual([...STAFF_ROLES]);
});

test("an admin sees every staff account with its roles and state, and nothing of young people", async () => {
  const { admin, cookie } = await signedInAdmin();
  const officer = await createStaff({ roles: ["officer", "board_member"], name: "Olu Officer" });
  const yp = await createYoungPerson({ nickname: "Kofi" });
  const { status, value } = await settle(() => loader(args(getRequest("/admin/staff", { cookie }))));
  expect(status).toBe(200);
  const data = value as Awaited<ReturnType<typeof loader>>;
  expect(data.myId).toBe(admin.id);
  expect(data.staff.find((s) => s.id === officer.id)).toEqual({
    id: officer.id,
    name: "Olu Officer",
    email: officer.email,
    disabled: false,
    roles: expect.arrayContaining(["officer", "board_member"]),
  });
  expect(data.staff.some((s) => s.id === yp.id)).toBe(false);
  expect(JSON.stringify(data)).not.toContain("Kofi");
});

test("an admin makes a staff account that can sign in with its first password, and it is audited", async () => {
  const { admin, cookie } = await signedInAdmin();
  const { status, value } = await post(cookie, newStaff({ email: "Made.Here@Example.org" }));
  expect(status).toBe(200);
  expect((value as Reply).saved).toBe("create-staff");
  const made = await prisma.user.findFirstOrThrow({
    where: { email: "Made.Here@Example.org" },
    select: { id: true, kind: true, displayName: true, roles: { select: { role: true } } },
  });
  expect(made.kind).toBe("staff");
  expect(made.displayName).toBe("Priya Shah");
  expect(made.roles.map((r) => r.role).sort()).toEqual(["officer", "safeguarding_lead"]);
  expect(await verifySignIn("made.here@example.org", "a long first password")).toEqual({ id: made.id });
  expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "staff.create", entityId: made.id } })).toBe(1);
});

test.each([
  ["a short password", { password: "only11chars" }, "password", "admin:errors.passwordShort"],
  ["no role", { roles: [] }, "roles", "admin:errors.rolesRequired"],
  ["an unknown role", { roles: ["superuser"] }, "roles[0]", "admin:errors.rolesRequired"],
  ["no name", { name: "   " }, "name", "admin:errors.nameRequired"],
  ["a bad email", { email: "priya at example" }, "email", "admin:errors.emailInvalid"],
])("a new account with %s is refused with a message, the password is not sent back, nothing is saved", async (_, overrides, field, message) => {
  const { cookie } = await signedInAdmin();
  const before = await prisma.user.count();
  const { status, value } = await post(cookie, newStaff({ email: `bad-${field.replace(/\W/g, "")}@example.org`, ...overrides }));
  expect(status).toBe(400);
  const reply = value as Reply;
  expect(reply.error?.[field]).toEqual([message]);
  expect(reply.initialValue?.password).toBeUndefined();
  expect(await prisma.user.count()).toBe(before);
});

test("an email already in use is refused beside the email field, whatever its case", async () => {
  const { cookie } = await signedInAdmin();
  await createStaff({ roles: ["officer"], email: "taken@example.org" });
  const before = await prisma.user.count();
  const { status, value } = await post(cookie, newStaff({ email: "Taken@Example.org" }));
  expect(status).toBe(400);
  const reply = value as Reply;
  expect(reply.error?.email).toEqual(["admin:errors.emailTaken"]);
  expect(reply.initialValue?.password).toBeUndefined();
  expect(reply.initialValue?.name).toBe("Priya Shah");
  expect(await prisma.user.count()).toBe(before);
});

test("an admin changes someone's roles; at least one role is required", async () => {
  const { admin, cookie } = await signedInAdmin();
  const staff = await createStaff({ roles: ["officer"] });
  const none = await post(cookie, { intent: "set-roles", userId: staff.id });
  expect(none.status).toBe(400);
  expect((none.value as Reply).error?.roles).toEqual(["admin:errors.rolesRequired"]);

  const { status, value } = await post(cookie, { intent: "set-roles", userId: staff.id, roles: ["board_member", "safeguarding_lead"] });
  expect(status).toBe(200);
  expect((value as Reply).saved).toBe(`set-roles:${staff.id}`);
  const roles = await prisma.userRole.findMany({ where: { userId: staff.id }, select: { role: true } });
  expect(roles.map((r) => r.role).sort()).toEqual(["board_member", "safeguarding_lead"]);
  expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "staff.roles", entityId: staff.id } })).toBe(1);
});

test("an admin cannot remove their own admin role, and is told why", async () => {
  const { admin, cookie } = await signedInAdmin();
  const { status, value } = await post(cookie, { intent: "set-roles", userId: admin.id, roles: ["officer"] });
  expect(status).toBe(400);
  expect((value as Reply).error?.[""]).toEqual(["admin:errors.cannotRemoveOwnAdmin"]);
  const roles = await prisma.userRole.findMany({ where: { userId: admin.id }, select: { role: true } });
  expect(roles.map((r) => r.role)).toEqual(["admin"]);
  // Adding a role to themself is fine.
  expect((await post(cookie, { intent: "set-roles", userId: admin.id, roles: ["admin", "board_member"] })).status).toBe(200);
});

test("an admin disables an account (its sessions end at once) and enables it again", async () => {
  const { cookie } = await signedInAdmin();
  const staff = await createStaff({ roles: ["officer"] });
  const theirCookie = await sessionCookie(staff.id);
  expect((await post(cookie, { intent: "set-disabled", userId: staff.id, disabled: "true" })).status).toBe(200);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).disabledAt).not.toBeNull();
  expect(await prisma.session.count({ where: { userId: staff.id } })).toBe(0);
  const theirs = await settle(() => loader(args(getRequest("/admin/staff", { cookie: theirCookie }))));
  expect(theirs.status).toBe(302);

  expect((await post(cookie, { intent: "set-disabled", userId: staff.id, disabled: "false" })).status).toBe(200);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).disabledAt).toBeNull();
});

test("an admin cannot disable themself", async () => {
  const { admin, cookie } = await signedInAdmin();
  const { status, value } = await post(cookie, { intent: "set-disabled", userId: admin.id, disabled: "true" });
  expect(status).toBe(400);
  expect((value as Reply).error?.[""]).toEqual(["admin:errors.cannotDisableSelf"]);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
});

test("a young person's account cannot be given roles or disabled through the staff screen", async () => {
  const { cookie } = await signedInAdmin();
  const yp = await createYoungPerson();
  expect((await post(cookie, { intent: "set-roles", userId: yp.id, roles: ["admin"] })).status).toBe(404);
  expect((await post(cookie, { intent: "set-disabled", userId: yp.id, disabled: "true" })).status).toBe(404);
  expect(await prisma.userRole.count({ where: { userId: yp.id } })).toBe(0);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: yp.id } })).disabledAt).toBeNull();
});

test("an unknown intent is a bad request", async () => {
  const { cookie } = await signedInAdmin();
  expect((await post(cookie, { intent: "delete-everyone" })).status).toBe(400);
});

test("staff without the admin role and young people cannot open or use the staff screen", async () => {
  const officer = await createStaff({ roles: ["officer", "safeguarding_lead", "board_member"] });
  const yp = await createYoungPerson();
  const before = await prisma.user.count();
  for (const user of [officer, yp]) {
    const cookie = await sessionCookie(user.id);
    expect((await settle(() => loader(args(getRequest("/admin/staff", { cookie }))))).status).toBe(403);
    expect((await post(cookie, newStaff({ email: `sneaky-${user.id}@example.org`, roles: ["admin"] }))).status).toBe(403);
    expect((await post(cookie, { intent: "set-roles", userId: user.id, roles: ["admin"] })).status).toBe(403);
  }
  expect(await prisma.user.count()).toBe(before);
  expect(await prisma.userRole.count({ where: { userId: officer.id, role: "admin" } })).toBe(0);
  const signedOut = await settle(() => loader(args(getRequest("/admin/staff"))));
  expect(signedOut.status).toBe(302);
  expect(signedOut.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fadmin%2Fstaff");
});
