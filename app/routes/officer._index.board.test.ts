import { expect, test } from "vitest";
import { boardFeedbackByTheme } from "#app/models/feedback.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, postRequest, sessionCookie, settle } from "#tests/request.ts";
import { action } from "./officer._index.tsx";

// Its own file (its own database): the board's numbers are suppressed, and any other approved item
// in the database could hide the cell this test reads.

test("an item held back never reaches the board's numbers; the same item approved does", async () => {
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id] });
  const cookie = await sessionCookie(officer.id);
  const money = await prisma.theme.findUniqueOrThrow({ where: { key: "money" }, select: { id: true } });
  // Enough young people on one theme for the board to see an exact number (k = 6).
  for (let i = 0; i < 6; i++) {
    const yp = await createYoungPerson({ groupIds: [group.id] });
    await createFeedbackItem({ authorId: yp.id, groupId: group.id, status: "approved", themeKey: "money", decidedById: officer.id });
  }
  const board = async () => (await boardFeedbackByTheme()).rows.find((r) => r.themeId === money.id)!.shown;
  expect(await board()).toEqual({ kind: "exact", value: 6 });

  const held = await createYoungPerson({ groupIds: [group.id] });
  const heldItem = await createFeedbackItem({ authorId: held.id, groupId: group.id, themeKey: "money" });
  const hold = { intent: "hold", id: heldItem.id, version: String(heldItem.version), reason: "Names a carer" };
  expect((await settle(() => action(args(postRequest("/officer", hold, { cookie }))))).status).toBe(200);
  expect(await board()).toEqual({ kind: "exact", value: 6 });

  const approved = await createYoungPerson({ groupIds: [group.id] });
  const approvedItem = await createFeedbackItem({ authorId: approved.id, groupId: group.id, themeKey: "money" });
  const approve = {
    intent: "approve",
    id: approvedItem.id,
    version: String(approvedItem.version),
    publishedText: "Pocket money is late",
    themeId: money.id,
  };
  expect((await settle(() => action(args(postRequest("/officer", approve, { cookie }))))).status).toBe(200);
  expect(await board()).toEqual({ kind: "exact", value: 7 });
});
