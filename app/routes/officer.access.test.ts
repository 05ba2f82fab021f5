import { expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ukDate } from "#app/validation/officer.ts";
import { createFeedbackItem, createGroup, createInvite, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";
import * as ask from "./officer.asks.$askId.tsx";
import * as asks from "./officer.asks._index.tsx";
import * as newAsk from "./officer.asks.new.tsx";
import * as group from "./officer.groups.$groupId.tsx";
import * as queue from "./officer._index.tsx";

type Args = ReturnType<typeof args>;
type Screen = {
  path: string;
  params: Record<string, string>;
  loader: (a: Args) => Promise<unknown>;
  /** A form post that would change something if it were allowed. */
  post: { action: (a: Args) => Promise<unknown>; fields: Record<string, string> } | null;
};

/** Every officer screen, and the data its forms would change. */
async function officerWorld() {
  const g = await createGroup();
  const officer = await createStaff({ roles: ["officer"], groupIds: [g.id] });
  const yp = await createYoungPerson({ groupIds: [g.id] });
  const pending = await createFeedbackItem({ authorId: yp.id, groupId: g.id });
  const approved = await createFeedbackItem({ authorId: yp.id, groupId: g.id, status: "approved", decidedById: officer.id });
  const invite = await createInvite(g.id, officer.id);
  const raised = await prisma.ask.create({ data: { title: "An ask", raisedById: officer.id }, select: { id: true } });
  const screens: Screen[] = [
    {
      path: "/officer",
      params: {},
      loader: queue.loader,
      post: { action: queue.action, fields: { intent: "hold", id: pending.id, version: "1", reason: "no" } },
    },
    { path: "/officer/asks", params: {}, loader: asks.loader, post: null },
    {
      path: "/officer/asks/new",
      params: {},
      loader: newAsk.loader,
      post: { action: newAsk.action, fields: { feedbackIds: approved.id, title: "Sneaky", body: "Sneaky" } },
    },
    {
      path: `/officer/asks/${raised.id}`,
      params: { askId: raised.id },
      loader: ask.loader,
      post: { action: ask.action, fields: { status: "done", text: "Sneaky" } },
    },
    {
      path: `/officer/groups/${g.id}`,
      params: { groupId: g.id },
      loader: group.loader,
      post: { action: group.action, fields: { intent: "create-invite", expiresOn: ukDate(3), maxUses: "5" } },
    },
  ];
  return { g, yp, pending, invite, raised, screens };
}

async function nothingChanged(world: Awaited<ReturnType<typeof officerWorld>>) {
  expect(await prisma.feedbackItem.findUniqueOrThrow({ where: { id: world.pending.id }, select: { status: true } })).toEqual({ status: "pending" });
  expect(await prisma.ask.count({ where: { title: "Sneaky" } })).toBe(0);
  expect(await prisma.askUpdate.count({ where: { askId: world.raised.id } })).toBe(0);
  expect(await prisma.inviteCode.count({ where: { groupId: world.g.id } })).toBe(1);
}

test("a young person, even a member of the group, gets 403 on every officer screen and form", async () => {
  const world = await officerWorld();
  const cookie = await sessionCookie(world.yp.id);
  for (const screen of world.screens) {
    const page = await settle(() => screen.loader(args(getRequest(screen.path, { cookie }), screen.params)));
    expect(page.status, screen.path).toBe(403);
    if (screen.post) {
      const { action, fields } = screen.post;
      const posted = await settle(() => action(args(postRequest(screen.path, fields, { cookie }), screen.params)));
      expect(posted.status, screen.path).toBe(403);
    }
  }
  await nothingChanged(world);
});

test("a board member and an admin who are not officers get 403 on every officer screen and form", async () => {
  const world = await officerWorld();
  for (const roles of [["board_member"], ["admin"]] as const) {
    const staff = await createStaff({ roles: [...roles] });
    const cookie = await sessionCookie(staff.id);
    for (const screen of world.screens) {
      const page = await settle(() => screen.loader(args(getRequest(screen.path, { cookie }), screen.params)));
      expect(page.status, `${roles[0]} ${screen.path}`).toBe(403);
      if (screen.post) {
        const { action, fields } = screen.post;
        const posted = await settle(() => action(args(postRequest(screen.path, fields, { cookie }), screen.params)));
        expect(posted.status, `${roles[0]} ${screen.path}`).toBe(403);
      }
    }
  }
  await nothingChanged(world);
});

test("someone signed out is sent to sign in and comes back to the screen", async () => {
  const world = await officerWorld();
  for (const screen of world.screens) {
    const page = await settle(() => screen.loader(args(getRequest(screen.path), screen.params)));
    expect(page.status, screen.path).toBe(302);
    expect(page.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(screen.path)}`);
  }
  await nothingChanged(world);
});
