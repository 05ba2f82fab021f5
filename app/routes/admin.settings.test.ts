import { expect, test } from "vitest";
import { getOrganisation, MIN_SUPPRESSION_THRESHOLD } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { MIN_THRESHOLD } from "#app/validation/admin.ts";
import { createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action, loader } from "./admin.settings.tsx";

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null; saved?: string };

async function signedInAdmin() {
  const admin = await createStaff({ roles: ["admin"] });
  return { admin, cookie: await sessionCookie(admin.id) };
}

const post = (cookie: string, fields: Record<string, string>) =>
  settle(() => action(args(postRequest("/admin/settings", fields, { cookie }))));

/** The settings form as the browser sends it: six helpline rows, spare ones empty. */
function settingsForm(overrides: Record<string, string> = {}) {
  const fields: Record<string, string> = {
    name: "Sandwell Children's Trust",
    suppressionThreshold: "6",
    overdueAfterDays: "28",
    escalateAfterMinutes: "15",
  };
  for (let i = 0; i < 6; i++) {
    for (const part of ["name", "phone", "hours"]) fields[`helplines[${i}].${part}`] = "";
    fields[`helplines[${i}].kind`] = "other";
  }
  return { ...fields, ...overrides };
}

test("the form's smallest k is the model's", () => {
  expect(MIN_THRESHOLD).toBe(MIN_SUPPRESSION_THRESHOLD);
});

test("an admin sees the settings and saves them; empty helpline rows are ignored; it is audited", async () => {
  const { admin, cookie } = await signedInAdmin();
  const page = (await loader(args(getRequest("/admin/settings", { cookie })))) as Awaited<ReturnType<typeof loader>>;
  expect(page.settings.suppressionThreshold).toBeGreaterThanOrEqual(6);

  const { status, value } = await post(
    cookie,
    settingsForm({
      name: "  Voices of Sandwell  ",
      suppressionThreshold: "10",
      overdueAfterDays: "14",
      escalateAfterMinutes: "30",
      "helplines[0].kind": "childline",
      "helplines[0].name": "Childline",
      "helplines[0].phone": "0800 1111",
      "helplines[0].hours": "Any time",
      "helplines[2].kind": "emergency",
      "helplines[2].name": "Emergency",
      // Digits typed in another script are kept as ASCII digits.
      "helplines[2].phone": "٩٩٩",
    }),
  );
  expect(status).toBe(200);
  expect((value as Reply).saved).toBe("settings");
  const org = await getOrganisation();
  expect(org).toMatchObject({ name: "Voices of Sandwell", suppressionThreshold: 10, overdueAfterDays: 14, escalateAfterMinutes: 30 });
  expect(org.helplines.map(({ kind, name, phone, hours }) => ({ kind, name, phone, hours }))).toEqual([
    { kind: "childline", name: "Childline", phone: "0800 1111", hours: "Any time" },
    { kind: "emergency", name: "Emergency", phone: "999", hours: "" },
  ]);
  expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "organisation.settings" } })).toBe(1);
});

test.each([
  ["k below 6", { suppressionThreshold: "5" }, "suppressionThreshold", "admin:errors.thresholdMin"],
  ["k of 0", { suppressionThreshold: "0" }, "suppressionThreshold", "admin:errors.thresholdMin"],
  ["k above 50", { suppressionThreshold: "51" }, "suppressionThreshold", "admin:errors.thresholdRange"],
  ["k not a whole number", { suppressionThreshold: "6.5" }, "suppressionThreshold", "admin:errors.thresholdRange"],
  ["k not a number", { suppressionThreshold: "six" }, "suppressionThreshold", "admin:errors.thresholdRange"],
  ["k missing", { suppressionThreshold: "" }, "suppressionThreshold", "admin:errors.thresholdRequired"],
  ["escalation after 2 minutes", { escalateAfterMinutes: "2" }, "escalateAfterMinutes", "admin:errors.escalateRange"],
  ["escalation after a day", { escalateAfterMinutes: "1440" }, "escalateAfterMinutes", "admin:errors.escalateRange"],
  ["escalation missing", { escalateAfterMinutes: "" }, "escalateAfterMinutes", "admin:errors.escalateRequired"],
  ["0 days", { overdueAfterDays: "0" }, "overdueAfterDays", "admin:errors.overdueRange"],
  ["366 days", { overdueAfterDays: "366" }, "overdueAfterDays", "admin:errors.overdueRange"],
  ["no name", { name: " " }, "name", "admin:errors.orgNameRequired"],
  ["a helpline without a phone", { "helplines[1].name": "Childline" }, "helplines[1].phone", "admin:errors.phoneRequired"],
  ["a helpline without a name", { "helplines[1].phone": "0800 1111" }, "helplines[1].name", "admin:errors.helplineNameRequired"],
  [
    "a phone that is not a phone number",
    { "helplines[0].name": "Childline", "helplines[0].phone": "call us" },
    "helplines[0].phone",
    "admin:errors.phoneInvalid",
  ],
  [
    "a phone of two digits",
    { "helplines[0].name": "Childline", "helplines[0].phone": "11" },
    "helplines[0].phone",
    "admin:errors.phoneInvalid",
  ],
  ["a seventh helpline", { "helplines[6].name": "Seventh", "helplines[6].phone": "0800 000 000" }, "helplines", "admin:errors.helplinesTooMany"],
])("settings with %s are refused with a message and nothing is saved", async (_, overrides, field, message) => {
  const { cookie } = await signedInAdmin();
  const before = await getOrganisation();
  const { status, value } = await post(cookie, settingsForm({ name: "Should not be saved", ...overrides }));
  expect(status).toBe(400);
  expect((value as Reply).error?.[field]).toEqual([message]);
  expect(await getOrganisation()).toEqual(before);
});

test("staff without the admin role and young people cannot open or change the settings", async () => {
  const staff = await createStaff({ roles: ["officer", "safeguarding_lead", "board_member"] });
  const yp = await createYoungPerson();
  const before = await getOrganisation();
  for (const user of [staff, yp]) {
    const cookie = await sessionCookie(user.id);
    expect((await settle(() => loader(args(getRequest("/admin/settings", { cookie }))))).status).toBe(403);
    expect((await post(cookie, settingsForm({ suppressionThreshold: "50" }))).status).toBe(403);
  }
  expect(await getOrganisation()).toEqual(before);
});
