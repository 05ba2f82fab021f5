import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, sessionCookie, settle } from "#tests/request.ts";
import { loader } from "./admin._index.tsx";

test("an admin's start page names the organisation", async () => {
  const org = await getOrganisation();
  await prisma.organisation.update({ where: { id: org.id }, data: { name: "Sandwell Children's Trust" } });
  const admin = await createStaff({ roles: ["admin"] });
  const cookie = await sessionCookie(admin.id);
  const { status, value } = await settle(() => loader(args(getRequest("/admin", { cookie }))));
  expect(status).toBe(200);
  expect(value).toMatchObject({ organisationName: "Sandwell Children's Trust" });
});

test("staff without the admin role and young people get 403; signed-out visitors are sent to sign in", async () => {
  for (const user of [
    await createStaff({ roles: ["officer", "safeguarding_lead", "board_member"] }),
    await createYoungPerson(),
  ]) {
    const cookie = await sessionCookie(user.id);
    const result = await settle(() => loader(args(getRequest("/admin", { cookie }))));
    expect(result.status).toBe(403);
  }
  const signedOut = await settle(() => loader(args(getRequest("/admin"))));
  expect(signedOut.status).toBe(302);
  expect(signedOut.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fadmin");
});
