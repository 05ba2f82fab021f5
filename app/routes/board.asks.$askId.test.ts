import { expect, test } from "vitest";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, sessionCookie, settle } from "#tests/request.ts";
import { loader } from "./board.asks.$askId.tsx";

async function askWithItems() {
  const tag = Math.random().toString(36).slice(2, 8);
  const group = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [group.id], name: "Pat Officer" });
  const named = await createYoungPerson({ groupIds: [group.id], nickname: `Zainab-${tag}` });
  const anonymous = await createYoungPerson({ groupIds: [group.id], nickname: `Hamid-${tag}` });
  const quoted = await createFeedbackItem({
    authorId: named.id,
    groupId: group.id,
    status: "approved",
    themeKey: "school",
    text: "I need a laptop for college, my carer says no",
    mayQuote: true,
  });
  const unquoted = await createFeedbackItem({
    authorId: anonymous.id,
    groupId: group.id,
    status: "approved",
    themeKey: "school",
    identity: "safeguarding",
    mayQuote: false,
    text: "Nobody helps with homework at my placement",
  });
  const ask = await createAsk(officer.id, {
    title: "Laptops for everyone at college",
    body: "Young people in two groups asked for laptops.",
    feedbackIds: [quoted.id, unquoted.id],
    dueAt: new Date("2027-03-31T00:00:00Z"),
  });
  return { ask, officer, secrets: [named.displayName, anonymous.displayName, quoted.text, unquoted.text] };
}

async function open(askId: string, roles: Parameters<typeof createStaff>[0]["roles"] = ["board_member"]) {
  const member = await createStaff({ roles });
  const cookie = await sessionCookie(member.id);
  return settle(() => loader(args(getRequest(`/board/asks/${askId}`, { cookie }), { askId })));
}

test("a board member reads an ask and its dated updates, with no young person's name, words or count", async () => {
  const { ask, secrets } = await askWithItems();
  const director = await createStaff({ roles: ["board_member"], name: "Director of Children's Services" });
  await addAskUpdate(director.id, ask.id, { status: "agreed", text: "We will fund laptops from April." });
  await addAskUpdate(director.id, ask.id, { status: "in_progress", text: "Ordered." });

  const { status, value } = await open(ask.id);
  expect(status).toBe(200);
  const data = value as Awaited<ReturnType<typeof loader>>;
  expect(data.ask).toMatchObject({
    id: ask.id,
    title: "Laptops for everyone at college",
    body: "Young people in two groups asked for laptops.",
    status: "in_progress",
    owner: null,
    overdue: false,
  });
  expect(data.ask.dueAt).toEqual(new Date("2027-03-31T00:00:00Z"));
  expect(data.ask.updates.map((u) => [u.status, u.text, u.author])).toEqual([
    ["agreed", "We will fund laptops from April.", "Director of Children's Services"],
    ["in_progress", "Ordered.", "Director of Children's Services"],
  ]);
  expect(data.ask.updates.every((u) => u.createdAt instanceof Date)).toBe(true);

  // Only these fields, so no item, contributor or count can ride along.
  expect(Object.keys(data.ask).sort()).toEqual([
    "acknowledgedByMe",
    "acknowledgements",
    "body",
    "dueAt",
    "dueOn",
    "id",
    "overdue",
    "owner",
    "ownerId",
    "polls",
    "raisedAt",
    "status",
    "title",
    "updates",
    "version",
  ]);
  expect(data.ask.updates.flatMap((u) => Object.keys(u)).every((k) => ["id", "status", "text", "reason", "createdAt", "author", "translations"].includes(k))).toBe(true);
  const sent = JSON.stringify(data);
  for (const secret of secrets) expect(sent).not.toContain(secret);
});

test("an ask that does not exist is not found", async () => {
  expect((await open("no-such-ask")).status).toBe(404);
  expect((await open("x".repeat(65))).status).toBe(404);
});

test("young people, and officers without the board role, cannot open a board ask", async () => {
  const { ask, officer } = await askWithItems();
  const yp = await createYoungPerson();
  for (const user of [yp, officer]) {
    const cookie = await sessionCookie(user.id);
    const result = await settle(() => loader(args(getRequest(`/board/asks/${ask.id}`, { cookie }), { askId: ask.id })));
    expect(result.status).toBe(403);
  }
  expect((await open(ask.id, ["admin", "safeguarding_lead"])).status).toBe(403);
});
