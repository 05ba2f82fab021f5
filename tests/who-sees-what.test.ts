import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCookie } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { addAskUpdate, createAsk } from "#app/models/asks.server.ts";
import { createFeedback } from "#app/models/feedback.server.ts";
import { createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { getOrganisation } from "#app/models/organisation.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { hashToken } from "#app/utils/session.server.ts";
import { ukDate } from "#app/validation/officer.ts";
import type { StaffRole } from "#app/utils/permissions.server.ts";
import * as root from "#app/root.tsx";
import * as index from "#app/routes/_index.tsx";
import * as accessibility from "#app/routes/accessibility.tsx";
import * as account from "#app/routes/account.tsx";
import * as adminIndex from "#app/routes/admin._index.tsx";
import * as adminGroups from "#app/routes/admin.groups.tsx";
import * as adminAudit from "#app/routes/admin.audit.tsx";
import * as adminEmail from "#app/routes/admin.email.tsx";
import * as adminRedaction from "#app/routes/admin.redaction.tsx";
import * as adminPhrases from "#app/routes/admin.safeguarding.tsx";
import * as adminSettings from "#app/routes/admin.settings.tsx";
import * as adminStaff from "#app/routes/admin.staff.tsx";
import * as boardIndex from "#app/routes/board._index.tsx";
import * as boardAsk from "#app/routes/board.asks.$askId.tsx";
import * as boardAccountability from "#app/routes/board.accountability.tsx";
import * as reminders from "#app/routes/reminders.tsx";
import * as boardPoll from "#app/routes/board.polls.$pollId.tsx";
import * as boardPollCsv from "#app/routes/board.polls.$pollId[.csv].ts";
import * as boardFeedbackCsv from "#app/routes/board.feedback[.csv].ts";
import * as boardPrint from "#app/routes/board.print.tsx";
import * as boardPolls from "#app/routes/board.polls._index.tsx";
import * as healthz from "#app/routes/healthz.ts";
import * as join from "#app/routes/join.tsx";
import * as language from "#app/routes/language.ts";
import * as meIndex from "#app/routes/me._index.tsx";
import * as meTimeline from "#app/routes/me.groups.$groupId.tsx";
import * as mePoll from "#app/routes/me.polls.$pollId.tsx";
import * as meSay from "#app/routes/me.say.tsx";
import * as meThings from "#app/routes/me.things.tsx";
import * as meThing from "#app/routes/me.things_.$feedbackId.tsx";
import * as officerConcern from "#app/routes/officer.concerns.$concernId.tsx";
import * as officerConcerns from "#app/routes/officer.concerns._index.tsx";
import * as leadConcern from "#app/routes/safeguarding.$concernId.tsx";
import * as leadConcerns from "#app/routes/safeguarding._index.tsx";
import * as officerIndex from "#app/routes/officer._index.tsx";
import * as officerAsk from "#app/routes/officer.asks.$askId.tsx";
import * as officerAsks from "#app/routes/officer.asks._index.tsx";
import * as officerNewAsk from "#app/routes/officer.asks.new.tsx";
import * as officerGroup from "#app/routes/officer.groups.$groupId.tsx";
import * as officerPoll from "#app/routes/officer.polls.$pollId.tsx";
import * as officerMeeting from "#app/routes/officer.polls.$pollId_.meeting.tsx";
import * as officerPolls from "#app/routes/officer.polls._index.tsx";
import * as officerNewPoll from "#app/routes/officer.polls.new.tsx";
import * as shortLink from "#app/routes/p.$code.tsx";
import * as resetPassword from "#app/routes/reset-password.tsx";
import * as signIn from "#app/routes/sign-in.tsx";
import * as signOut from "#app/routes/sign-out.ts";
import * as translateIndex from "#app/routes/translate._index.tsx";
import * as translateAsk from "#app/routes/translate.asks.$askId.tsx";
import * as translatePoll from "#app/routes/translate.polls.$pollId.tsx";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

/**
 * "Who sees what" (PRODUCT.md), tried from the outside: every route module's loader and action is
 * called as the server would call it, by every kind of person, signed out, and with forged or
 * stale cookies. The table below is the law as code: a route file that is not in it fails the
 * first test, so a route added later without a decision about who may use it cannot slip through.
 */

type Args = ReturnType<typeof args>;
type Fn = (a: Args) => Promise<unknown>;
type RouteModule = { loader?: Fn; action?: Fn };

type World = Awaited<ReturnType<typeof makeWorld>>;

/** Who may pass a route's gate. Anyone else is refused (403), or sent to sign in when signed out. */
type Access =
  | { kind: "signedIn" }
  | { kind: "youngPerson"; memberOfGroupA?: true }
  | { kind: "staff"; roles: StaffRole[]; officerOfGroupA?: true; anyGroupFor?: StaffRole[] };

type Protected = {
  public?: false;
  module: RouteModule;
  path: (w: World) => string;
  params: (w: World) => Record<string, string>;
  access: Access;
  /** Form fields that would change something if the action let the wrong person through. */
  attack?: (w: World) => Record<string, string | string[]>;
  /**
   * The only people the attack's target belongs to (group A's item, ypA's item). Anyone else who
   * passes the role gate must be refused by the data check (400, 404 or 409) and change nothing.
   */
  attackOwners?: PersonaName[];
};
type Public = { public: true; module: RouteModule; why: string };
type RouteSpec = Protected | Public;

const none = () => ({});
let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

const ROUTES: Record<string, RouteSpec> = {
  // Public pages: anyone may open them; what they reveal is tested elsewhere.
  "_index.tsx": { public: true, module: index, why: "landing page; a signed-in user is sent home" },
  "sign-in.tsx": { public: true, module: signIn, why: "signing in" },
  "sign-out.ts": { public: true, module: signOut, why: "ends this browser's session" },
  "join.tsx": { public: true, module: join, why: "joining with an invite code (rate limited)" },
  "language.ts": { public: true, module: language, why: "switching language, signed in or out" },
  "reset-password.tsx": { public: true, module: resetPassword, why: "a one-time code from an officer" },
  "healthz.ts": { public: true, module: healthz, why: "load balancer health check; says nothing" },
  "accessibility.tsx": { public: true, module: accessibility, why: "the accessibility statement UK public bodies must publish" },
  "p.$code.tsx": {
    public: true,
    module: shortLink,
    why: "a poll's short link only redirects (signed out: to sign in; a member: to the voting page, which checks again); never says the title (app/routes/p.test.ts)",
  },

  "account.tsx": {
    module: account,
    path: () => "/account",
    params: none,
    access: { kind: "signedIn" },
    attack: () => ({ intent: "sign-out-everywhere" }),
  },

  // "Mark all as read": only ever the signed-in young person's own notifications.
  "me._index.tsx": { module: meIndex, path: () => "/me", params: none, access: { kind: "youngPerson" }, attack: () => ({}) },
  "reminders.tsx": {
    module: reminders,
    path: () => "/reminders",
    params: none,
    access: { kind: "staff", roles: ["board_member", "officer"] },
    attack: () => ({}),
  },
  "me.say.tsx": {
    module: meSay,
    path: () => "/me/say",
    params: none,
    access: { kind: "youngPerson" },
    attack: (w) => ({
      groupId: w.groupA.id,
      text: `matrix words ${next()}`,
      identity: "team",
      mayQuote: "yes",
      clientRequestId: `matrix-${next()}`,
    }),
    attackOwners: ["ypA"],
  },
  "me.things.tsx": {
    module: meThings,
    path: () => "/me/things",
    params: none,
    access: { kind: "youngPerson" },
    attack: (w) => ({ feedbackId: w.toWithdraw.id }),
    attackOwners: ["ypA"],
  },
  "me.things_.$feedbackId.tsx": {
    module: meThing,
    path: (w) => `/me/things/${w.concern.feedbackId}`,
    params: (w) => ({ feedbackId: w.concern.feedbackId }),
    // Anyone else's item answers as if it did not exist.
    access: { kind: "youngPerson", memberOfGroupA: true },
    attack: () => ({ text: `matrix reply ${next()}`, clientRequestId: `matrix-${next()}` }),
  },
  "me.polls.$pollId.tsx": {
    module: mePoll,
    path: (w) => `/me/polls/${w.poll.id}`,
    params: (w) => ({ pollId: w.poll.id }),
    // A poll of another group answers as if it did not exist.
    access: { kind: "youngPerson", memberOfGroupA: true },
    attack: (w) => ({ [`q.${w.poll.questionId}`]: w.poll.optionId }),
  },
  "me.groups.$groupId.tsx": {
    module: meTimeline,
    path: (w) => `/me/groups/${w.groupA.id}`,
    params: (w) => ({ groupId: w.groupA.id }),
    access: { kind: "youngPerson", memberOfGroupA: true },
  },

  "officer._index.tsx": {
    module: officerIndex,
    path: () => "/officer",
    params: none,
    access: { kind: "staff", roles: ["officer"] },
    attack: (w) => ({ intent: "hold", id: w.toHold.id, version: String(w.toHold.version), reason: "matrix" }),
    attackOwners: ["officerA"],
  },
  "officer.asks._index.tsx": { module: officerAsks, path: () => "/officer/asks", params: none, access: { kind: "staff", roles: ["officer"] } },
  "officer.asks.new.tsx": {
    module: officerNewAsk,
    path: () => "/officer/asks/new",
    params: none,
    access: { kind: "staff", roles: ["officer"] },
    attack: (w) => ({ feedbackIds: [w.approved.id], title: `Matrix ask ${next()}`, body: "matrix" }),
    attackOwners: ["officerA"],
  },
  "officer.asks.$askId.tsx": {
    module: officerAsk,
    path: (w) => `/officer/asks/${w.ask.id}`,
    params: (w) => ({ askId: w.ask.id }),
    access: { kind: "staff", roles: ["officer"] },
    attack: () => ({ status: "done", text: `matrix update ${next()}` }),
  },
  "officer.groups.$groupId.tsx": {
    module: officerGroup,
    path: (w) => `/officer/groups/${w.groupA.id}`,
    params: (w) => ({ groupId: w.groupA.id }),
    access: { kind: "staff", roles: ["officer"], officerOfGroupA: true },
    attack: () => ({ intent: "create-invite", expiresOn: ukDate(3), maxUses: "5" }),
  },

  "officer.concerns._index.tsx": {
    module: officerConcerns,
    path: () => "/officer/concerns",
    params: none,
    access: { kind: "staff", roles: ["officer"] },
  },
  "officer.concerns.$concernId.tsx": {
    module: officerConcern,
    path: (w) => `/officer/concerns/${w.concern.id}`,
    params: (w) => ({ concernId: w.concern.id }),
    // Only the group's officers, and only once it escalated to them; the opening is logged.
    access: { kind: "staff", roles: ["officer"], officerOfGroupA: true },
    attack: () => ({}),
  },

  "safeguarding._index.tsx": {
    module: leadConcerns,
    path: () => "/safeguarding",
    params: none,
    access: { kind: "staff", roles: ["safeguarding_lead"] },
  },
  "safeguarding.$concernId.tsx": {
    module: leadConcern,
    path: (w) => `/safeguarding/${w.concern.id}`,
    params: (w) => ({ concernId: w.concern.id }),
    access: { kind: "staff", roles: ["safeguarding_lead"] },
    attack: () => ({ intent: "reveal", reason: "A matrix reveal that must be refused" }),
  },

  "officer.polls._index.tsx": { module: officerPolls, path: () => "/officer/polls", params: none, access: { kind: "staff", roles: ["officer"] } },
  "officer.polls.new.tsx": {
    module: officerNewPoll,
    path: () => "/officer/polls/new",
    params: none,
    access: { kind: "staff", roles: ["officer"] },
    // Aimed at group A: only its officer may; another officer is refused by the data check.
    attack: (w) => ({
      title: `Matrix poll ${next()}`,
      groupIds: w.groupA.id,
      resultsVisibility: "after_vote",
      "questions[0].kind": "single",
      "questions[0].prompt": "Yes or no?",
      "questions[0].options[0].label": "Yes",
      "questions[0].options[1].label": "No",
    }),
    attackOwners: ["officerA"],
  },
  "officer.polls.$pollId.tsx": {
    module: officerPoll,
    path: (w) => `/officer/polls/${w.poll.id}`,
    params: (w) => ({ pollId: w.poll.id }),
    // A poll of another officer's groups answers as if it did not exist.
    access: { kind: "staff", roles: ["officer"], officerOfGroupA: true },
    attack: () => ({ intent: "close" }),
  },
  "officer.polls.$pollId_.meeting.tsx": {
    module: officerMeeting,
    path: (w) => `/officer/polls/${w.closedPoll.id}/meeting`,
    params: (w) => ({ pollId: w.closedPoll.id }),
    // The big screen of a poll of another officer's groups answers as if it did not exist.
    access: { kind: "staff", roles: ["officer"], officerOfGroupA: true },
    attack: () => ({ intent: "reveal" }),
  },

  "board._index.tsx": { module: boardIndex, path: () => "/board", params: none, access: { kind: "staff", roles: ["board_member"] } },
  "board.asks.$askId.tsx": {
    module: boardAsk,
    path: (w) => `/board/asks/${w.ask.id}`,
    params: (w) => ({ askId: w.ask.id }),
    access: { kind: "staff", roles: ["board_member"] },
    attack: () => ({ intent: "update", status: "done", text: `matrix answer ${next()}` }),
  },
  "translate._index.tsx": {
    module: translateIndex,
    path: () => "/translate?lang=ar",
    params: none,
    access: { kind: "staff", roles: ["officer", "translator"] },
  },
  "translate.polls.$pollId.tsx": {
    module: translatePoll,
    path: (w) => `/translate/polls/${w.poll.id}?lang=ar`,
    params: (w) => ({ pollId: w.poll.id }),
    // Translators work on every poll; an officer on their groups' (another's answers as if it did not exist).
    access: { kind: "staff", roles: ["officer", "translator"], officerOfGroupA: true, anyGroupFor: ["translator"] },
    attack: () => ({ intent: "save", version: "1", title: `matrix translation ${next()}` }),
  },
  "translate.asks.$askId.tsx": {
    module: translateAsk,
    path: (w) => `/translate/asks/${w.ask.id}?lang=ar`,
    params: (w) => ({ askId: w.ask.id }),
    access: { kind: "staff", roles: ["officer", "translator"] },
    attack: (w) => ({ intent: "translate", updateId: w.update.id, locale: "ar", text: `ترجمة ${next()}` }),
  },
  "board.accountability.tsx": {
    module: boardAccountability,
    path: () => "/board/accountability",
    params: none,
    access: { kind: "staff", roles: ["board_member", "officer"] },
  },
  "board.polls._index.tsx": { module: boardPolls, path: () => "/board/polls", params: none, access: { kind: "staff", roles: ["board_member"] } },
  "board.polls.$pollId.tsx": {
    module: boardPoll,
    path: (w) => `/board/polls/${w.closedPoll.id}`,
    params: (w) => ({ pollId: w.closedPoll.id }),
    access: { kind: "staff", roles: ["board_member"] },
  },
  "board.print.tsx": { module: boardPrint, path: () => "/board/print", params: none, access: { kind: "staff", roles: ["board_member"] } },
  "board.feedback[.csv].ts": { module: boardFeedbackCsv, path: () => "/board/feedback.csv", params: none, access: { kind: "staff", roles: ["board_member"] } },
  "board.polls.$pollId[.csv].ts": {
    module: boardPollCsv,
    path: (w) => `/board/polls/${w.closedPoll.id}.csv`,
    params: (w) => ({ pollId: w.closedPoll.id }),
    access: { kind: "staff", roles: ["board_member"] },
  },

  "admin._index.tsx": { module: adminIndex, path: () => "/admin", params: none, access: { kind: "staff", roles: ["admin"] } },
  "admin.groups.tsx": {
    module: adminGroups,
    path: () => "/admin/groups",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({ intent: "create-group", name: `Matrix group ${next()}` }),
  },
  "admin.settings.tsx": {
    module: adminSettings,
    path: () => "/admin/settings",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({ name: `Renamed ${next()}`, suppressionThreshold: "6", overdueAfterDays: "28" }),
  },
  "admin.email.tsx": {
    module: adminEmail,
    path: () => "/admin/email",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({ intent: "save", smtpHost: "attacker.example", smtpPort: "25", mailFrom: "x@attacker.example" }),
  },
  "admin.safeguarding.tsx": {
    module: adminPhrases,
    path: () => "/admin/safeguarding",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({ intent: "add", language: "en", category: "bullying", phrase: `matrix phrase ${next()}` }),
  },
  "admin.redaction.tsx": {
    module: adminRedaction,
    path: () => "/admin/redaction",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({ intent: "add", kind: "school", text: `Matrix School ${next()}` }),
  },
  "admin.audit.tsx": { module: adminAudit, path: () => "/admin/audit", params: none, access: { kind: "staff", roles: ["admin"] } },
  "admin.staff.tsx": {
    module: adminStaff,
    path: () => "/admin/staff",
    params: none,
    access: { kind: "staff", roles: ["admin"] },
    attack: () => ({
      intent: "create-staff",
      name: "Matrix admin",
      email: `matrix-${next()}@example.org`,
      password: "a long enough password",
      roles: ["admin", "officer", "board_member"],
    }),
  },
};

const protectedRoutes = Object.entries(ROUTES).filter((entry): entry is [string, Protected] => !entry[1].public);

// ---------------------------------------------------------------------------------------------
// The people

type PersonaName = "signedOut" | "ypA" | "ypB" | "officerA" | "officerB" | "lead" | "board" | "admin" | "translator" | "noRoles";
const PERSONAS: PersonaName[] = ["signedOut", "ypA", "ypB", "officerA", "officerB", "lead", "board", "admin", "translator", "noRoles"];

type Expected = "pass" | 403 | 404 | "signIn";
type ExpectedAction = Expected | "refusedByData";

function expectedAction(spec: Protected, persona: PersonaName, w: World): ExpectedAction {
  const gate = expected(spec.access, persona, w);
  if (gate === "pass" && spec.attackOwners && !spec.attackOwners.includes(persona)) return "refusedByData";
  return gate;
}

/** What the table says should happen to this persona at this route's gate. */
function expected(access: Access, persona: PersonaName, w: World): Expected {
  if (persona === "signedOut") return "signIn";
  const who = w.people[persona];
  if (access.kind === "signedIn") return "pass";
  if (access.kind === "youngPerson") {
    if (who.kind !== "young_person") return 403;
    // Another group's resources answer as if they did not exist.
    if (access.memberOfGroupA && persona !== "ypA") return 404;
    return "pass";
  }
  if (who.kind !== "staff" || !access.roles.some((r) => who.roles.includes(r))) return 403;
  // Roles that work across groups (a translator) are not held to the officers' group check.
  if (access.officerOfGroupA && persona !== "officerA" && !access.anyGroupFor?.some((r) => who.roles.includes(r))) return 404;
  return "pass";
}

async function makeWorld() {
  await getOrganisation();
  const groupA = await createGroup({ name: `Group A ${next()}` });
  const groupB = await createGroup({ name: `Group B ${next()}` });
  const staff = async (roles: StaffRole[], groupIds: string[] = []) => ({
    ...(await createStaff({ roles, groupIds })),
    kind: "staff" as const,
    roles,
  });
  const youngPerson = async (groupIds: string[]) => ({ ...(await createYoungPerson({ groupIds })), kind: "young_person" as const, roles: [] as StaffRole[] });
  const people = {
    ypA: await youngPerson([groupA.id]),
    ypB: await youngPerson([groupB.id]),
    officerA: await staff(["officer"], [groupA.id]),
    officerB: await staff(["officer"], [groupB.id]),
    lead: await staff(["safeguarding_lead"]),
    board: await staff(["board_member"]),
    admin: await staff(["admin"]),
    translator: await staff(["translator"]),
    noRoles: await staff([]),
  };
  const author = await createYoungPerson({ groupIds: [groupA.id] });
  const toWithdraw = await createFeedbackItem({ authorId: people.ypA.id, groupId: groupA.id });
  const toHold = await createFeedbackItem({ authorId: author.id, groupId: groupA.id });
  const approved = await createFeedbackItem({ authorId: author.id, groupId: groupA.id, status: "approved", decidedById: people.officerA.id });
  const ask = await createAsk(people.officerA.id, { title: "Matrix ask", body: "", feedbackIds: [approved.id], dueAt: null });
  const update = await addAskUpdate(people.officerA.id, ask.id, { status: "agreed", text: "Matrix update" });
  const { id: pollId } = await createPoll(people.officerA.id, {
    title: "Matrix poll",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [groupA.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Yes or no?", promptTranslations: {}, maxChoices: null, options: [{ label: "Yes", labelTranslations: {} }, { label: "No", labelTranslations: {} }] }],
  });
  await setPollStatus(people.officerA.id, pollId, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId }, select: { id: true, options: { select: { id: true }, take: 1 } } });
  const poll = { id: pollId, questionId: question.id, optionId: question.options[0]!.id };
  // A closed poll of group A: the board's results and the meeting screen.
  const { id: closedPollId } = await createPoll(people.officerA.id, {
    title: "Matrix closed poll",
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: [groupA.id],
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [{ kind: "single", prompt: "This or that?", promptTranslations: {}, maxChoices: null, options: [{ label: "This", labelTranslations: {} }, { label: "That", labelTranslations: {} }] }],
  });
  await setPollStatus(people.officerA.id, closedPollId, "open");
  await setPollStatus(people.officerA.id, closedPollId, "closed");
  const closedPoll = { id: closedPollId };
  // ypA's words the screen sent to the leads, escalated to group A's officers (nobody acknowledged).
  const said = await createFeedback({
    authorId: people.ypA.id,
    groupId: groupA.id,
    text: "my carer hits me",
    language: "en",
    mood: null,
    themeId: null,
    identity: "safeguarding",
    mayQuote: false,
    clientRequestId: `matrix-${next()}`,
  });
  const concernRow = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { feedbackId: said.id }, select: { id: true } });
  await prisma.safeguardingConcern.update({ where: { id: concernRow.id }, data: { escalatedAt: new Date(), escalations: 1 } });
  const concern = { id: concernRow.id, feedbackId: said.id };
  return { groupA, groupB, people, author, toWithdraw, toHold, approved, ask, update: { id: update.id }, poll, closedPoll, concern };
}

/**
 * Everything an action could change, compared before and after a refused call. Sessions are
 * compared by id (a page view may refresh lastSeenAt), rate-limit counters not at all.
 */
async function snapshot() {
  const byId = { orderBy: { id: "asc" as const } };
  return {
    users: await prisma.user.findMany({ ...byId, select: { id: true, kind: true, displayName: true, locale: true, disabledAt: true, ageBand: true } }),
    passwords: await prisma.password.findMany({ orderBy: { userId: "asc" } }),
    roles: await prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] }),
    sessions: await prisma.session.findMany({ ...byId, select: { id: true, userId: true, expiresAt: true } }),
    groups: await prisma.group.findMany({ ...byId, select: { id: true, name: true, description: true, archivedAt: true } }),
    groupOfficers: await prisma.groupOfficer.findMany({ orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    memberships: await prisma.membership.findMany({ ...byId, select: { id: true, groupId: true, userId: true, removedAt: true } }),
    invites: await prisma.inviteCode.findMany({ ...byId, select: { id: true, code: true, groupId: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true } }),
    notes: await prisma.accountNote.findMany({ ...byId, select: { id: true, subjectId: true, text: true, authorId: true } }),
    resets: await prisma.passwordReset.findMany({ ...byId, select: { id: true, userId: true, usedAt: true } }),
    feedback: await prisma.feedbackItem.findMany({
      ...byId,
      select: { id: true, authorId: true, groupId: true, text: true, status: true, version: true, publishedText: true, englishText: true, heldReason: true, themeId: true, mayQuote: true, identity: true, decidedById: true },
    }),
    asks: await prisma.ask.findMany({ ...byId, select: { id: true, title: true, body: true, status: true, version: true, ownerId: true, raisedById: true, dueAt: true } }),
    askItems: await prisma.askItem.findMany({ orderBy: [{ askId: "asc" }, { feedbackId: "asc" }] }),
    askUpdates: await prisma.askUpdate.findMany({ ...byId, select: { id: true, askId: true, status: true, text: true } }),
    notifications: await prisma.notification.findMany({ ...byId, select: { id: true, userId: true, kind: true, readAt: true } }),
    askAcknowledgements: await prisma.askAcknowledgement.findMany({ orderBy: [{ askId: "asc" }, { userId: "asc" }] }),
    pollTranslations: [
      ...(await prisma.pollTranslation.findMany({ orderBy: [{ pollId: "asc" }, { locale: "asc" }] })),
      ...(await prisma.pollQuestionTranslation.findMany({ orderBy: [{ questionId: "asc" }, { locale: "asc" }] })),
      ...(await prisma.pollOptionTranslation.findMany({ orderBy: [{ optionId: "asc" }, { locale: "asc" }] })),
    ],
    askTexts: await prisma.askTranslation.findMany({ orderBy: [{ askId: "asc" }, { locale: "asc" }] }),
    askTranslations: await prisma.askUpdateTranslation.findMany({ orderBy: [{ updateId: "asc" }, { locale: "asc" }], select: { updateId: true, locale: true, text: true, checkedAt: true } }),
    organisation: await prisma.organisation.findMany({ ...byId, select: { id: true, name: true, suppressionThreshold: true, overdueAfterDays: true } }),
    helplines: await prisma.helpline.findMany({ ...byId, select: { id: true, name: true, phone: true } }),
    themes: await prisma.theme.findMany({ ...byId, select: { id: true, key: true, name: true, archivedAt: true } }),
    audit: await prisma.auditLog.findMany({ ...byId, select: { id: true } }),
    pollResponses: await prisma.pollResponse.findMany({ ...byId, select: { id: true, userId: true, questionId: true, changes: true } }),
    polls: await prisma.poll.findMany({ ...byId, select: { id: true, title: true, status: true, opensAt: true, closesAt: true, version: true, revealed: true } }),
    pollTallies: await prisma.pollTally.findMany({ orderBy: [{ questionId: "asc" }, { optionId: "asc" }, { groupId: "asc" }] }),
    concerns: await prisma.safeguardingConcern.findMany({ ...byId, select: { id: true, status: true, version: true, acknowledgedById: true, outcome: true } }),
    concernActions: await prisma.concernAction.findMany({ ...byId, select: { id: true } }),
    concernReveals: await prisma.concernReveal.findMany({ ...byId, select: { id: true } }),
    concernMessages: await prisma.concernMessage.findMany({ ...byId, select: { id: true } }),
    jobs: await prisma.job.findMany({ ...byId, select: { id: true, kind: true, status: true } }),
    phrases: await prisma.safeguardingPhrase.findMany({ ...byId, select: { id: true, removedAt: true } }),
    redactionTerms: await prisma.redactionTerm.findMany({ ...byId, select: { id: true } }),
    mail: await prisma.organisation.findMany({ ...byId, select: { smtpHost: true, smtpPort: true, mailFrom: true, smtpPassword: true, escalateAfterMinutes: true } }),
  };
}

/** The route's outcome for a gate check: passed, refused with a status, or sent to sign in. */
function outcome(result: { status: number; headers: Headers }, routePath: string): Expected | number {
  const location = result.headers.get("Location");
  if (result.status >= 300 && result.status < 400 && location?.startsWith("/sign-in")) {
    expect(location, `${routePath}: comes back to the page after signing in`).toBe(`/sign-in?redirectTo=${encodeURIComponent(routePath)}`);
    return "signIn";
  }
  if (result.status === 401 || result.status === 403) return 403;
  if (result.status === 404) return 404;
  return "pass";
}

async function cookieFor(w: World, persona: PersonaName) {
  // A new session per call: an allowed "sign out everywhere" must not sign out later calls.
  return persona === "signedOut" ? undefined : sessionCookie(w.people[persona].id);
}

// ---------------------------------------------------------------------------------------------

test("every route file is in the who-sees-what table, and the table knows every loader and action it exports", () => {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../app/routes");
  // As app/routes.ts: tests and dot-files are not routes. A folder (flat routes' "x/route.tsx")
  // is a route too, and is listed by its name so that the table has to say something about it.
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && !/\.test\.(tsx?|jsx?)$/.test(e.name))
    .filter((e) => e.isDirectory() || /\.(tsx?|jsx?|mdx?)$/.test(e.name))
    .map((e) => e.name);
  expect(files.sort()).toEqual(Object.keys(ROUTES).sort());
  for (const [file, spec] of Object.entries(ROUTES)) {
    if (spec.public) continue;
    expect(typeof spec.module.loader, `${file} has a loader`).toBe("function");
    // An action the table has no attack for is an action nobody tried to break.
    expect(typeof spec.module.action === "function", `${file}: action in module vs attack in table`).toBe(spec.attack !== undefined);
  }
});

describe("the role × route matrix", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  test.each(protectedRoutes.map(([file, spec]) => ({ file, spec })))("$file: each kind of person gets what the table says", async ({ file, spec }) => {
    const routePath = spec.path(w);
    const params = spec.params(w);
    // The refused first, so that nothing an allowed call changed can hide a refused one's change.
    const mayChange = (p: PersonaName) => expectedAction(spec, p, w) === "pass";
    const order = [...PERSONAS].sort((a, b) => Number(mayChange(a)) - Number(mayChange(b)));
    for (const persona of order) {
      const want = expected(spec.access, persona, w);
      const label = `${file} as ${persona}`;

      const page = await settle(async () => spec.module.loader!(args(getRequest(routePath, { cookie: await cookieFor(w, persona) }), params)));
      expect(outcome(page, routePath), `${label}: loader`).toBe(want);
      if (want === "pass") expect(page.status, `${label}: loader`).toBe(200);

      if (spec.attack && spec.module.action) {
        const wantAction = expectedAction(spec, persona, w);
        const before = mayChange(persona) ? null : await snapshot();
        const fields = spec.attack(w);
        const cookie = await cookieFor(w, persona);
        const posted = await settle(() => spec.module.action!(args(postRequest(routePath, fields, { cookie }), params)));
        if (wantAction === "refusedByData") {
          expect([400, 404, 409], `${label}: action on someone else's data`).toContain(posted.status);
        } else {
          expect(outcome(posted, routePath), `${label}: action`).toBe(wantAction);
        }
        if (before) {
          // The session made for this call is the only difference allowed.
          const after = await snapshot();
          expect(after, `${label}: a refused action changed nothing`).toEqual({ ...before, sessions: after.sessions });
          expect(after.sessions.length - before.sessions.length, `${label}: sessions`).toBe(cookie ? 1 : 0);
        }
      }
    }
  });
});

describe("an admin without other roles", () => {
  test("cannot read the moderation queue, the board's feedback, asks or a group's members (403), and cannot decide", async () => {
    const w = await makeWorld();
    const cookie = await sessionCookie(w.people.admin.id);
    const reads: [string, Fn, Record<string, string>][] = [
      ["/officer", officerIndex.loader, {}],
      ["/officer/asks", officerAsks.loader, {}],
      ["/officer/asks/new", officerNewAsk.loader, {}],
      [`/officer/asks/${w.ask.id}`, officerAsk.loader, { askId: w.ask.id }],
      [`/officer/groups/${w.groupA.id}`, officerGroup.loader, { groupId: w.groupA.id }],
      ["/board", boardIndex.loader, {}],
      [`/board/asks/${w.ask.id}`, boardAsk.loader, { askId: w.ask.id }],
      ["/me", meIndex.loader, {}],
      ["/me/things", meThings.loader, {}],
    ];
    for (const [routePath, loader, params] of reads) {
      const result = await settle(() => loader(args(getRequest(routePath, { cookie }), params)));
      expect(result.status, routePath).toBe(403);
      expect(JSON.stringify(result.value ?? null), routePath).not.toContain(w.toHold.text);
    }
    const before = await snapshot();
    const decided = await settle(() =>
      officerIndex.action(args(postRequest("/officer", { intent: "approve", id: w.toHold.id, version: "1", publishedText: "by an admin" }, { cookie }))),
    );
    expect(decided.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Forged and stale sessions: each is treated exactly as signed out.

const COOKIE = "voices_session";

/** The token inside a signed cookie ("voices_session=<base64 JSON>.<signature>"). */
function tokenOf(cookie: string) {
  const raw = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  return JSON.parse(Buffer.from(raw.slice(0, raw.lastIndexOf(".")), "base64").toString("utf8")) as string;
}

async function serialise(value: string, secrets?: string[]) {
  return (await createCookie(COOKIE, secrets ? { secrets } : {}).serialize(value)).split(";")[0]!;
}

type Forgery = { name: string; make: (userId: string) => Promise<string> };

const FORGERIES: Forgery[] = [
  {
    name: "a deleted session",
    make: async (userId) => {
      const cookie = await sessionCookie(userId);
      await prisma.session.deleteMany({ where: { tokenHash: hashToken(tokenOf(cookie)) } });
      return cookie;
    },
  },
  {
    name: "an expired session",
    make: async (userId) => {
      const cookie = await sessionCookie(userId);
      await prisma.session.updateMany({ where: { tokenHash: hashToken(tokenOf(cookie)) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      return cookie;
    },
  },
  {
    name: "a tampered signature",
    make: async (userId) => {
      const cookie = await sessionCookie(userId);
      const last = cookie.at(-1)!;
      return cookie.slice(0, -1) + (last === "A" ? "B" : "A");
    },
  },
  {
    name: "a tampered value",
    make: async (userId) => {
      const cookie = await sessionCookie(userId);
      const at = cookie.indexOf("=") + 3;
      return cookie.slice(0, at) + (cookie[at] === "x" ? "y" : "x") + cookie.slice(at + 1);
    },
  },
  { name: "a live token without a signature", make: async (userId) => serialise(tokenOf(await sessionCookie(userId))) },
  {
    name: "a live token signed with another secret",
    make: async (userId) => serialise(tokenOf(await sessionCookie(userId)), ["another-secret-that-is-at-least-32-characters"]),
  },
  {
    name: "the stored token hash (a copy of the database), signed with the real secret",
    make: async (userId) => {
      const cookie = await sessionCookie(userId);
      return serialise(hashToken(tokenOf(cookie)), [process.env.SESSION_SECRET!]);
    },
  },
  { name: "garbage", make: async () => `${COOKIE}=%E0%A4%A.not-base64!!` },
];

/** A staff member who may do everything, and a young person: what a forged cookie would unlock. */
async function victims() {
  const w = await makeWorld();
  const superStaff = await createStaff({ roles: ["officer", "safeguarding_lead", "board_member", "admin"], groupIds: [w.groupA.id, w.groupB.id] });
  return { w, superStaff, youngPerson: w.people.ypA };
}

async function expectSignedOutEverywhere(w: World, cookieFor: (access: Access) => string, label: string) {
  for (const [file, spec] of protectedRoutes) {
    const routePath = spec.path(w);
    const params = spec.params(w);
    const cookie = cookieFor(spec.access);
    const page = await settle(() => spec.module.loader!(args(getRequest(routePath, { cookie }), params)));
    expect(outcome(page, routePath), `${label}: ${file} loader`).toBe("signIn");
    if (spec.attack && spec.module.action) {
      const before = await snapshot();
      const posted = await settle(() => spec.module.action!(args(postRequest(routePath, spec.attack!(w), { cookie }), params)));
      expect(outcome(posted, routePath), `${label}: ${file} action`).toBe("signIn");
      expect(await snapshot(), `${label}: ${file} action changed nothing`).toEqual(before);
    }
  }
  // The root loader (sent with every page) knows nobody either.
  const rootData = (await root.loader(args(getRequest("/", { cookie: cookieFor({ kind: "signedIn" }) })) as never)) as { user: unknown };
  expect(rootData.user, `${label}: root loader`).toBeNull();
}

describe("forged or stale sessions are treated as signed out", () => {
  test.each(FORGERIES)("$name", async ({ make }) => {
    const { w, superStaff, youngPerson } = await victims();
    const staffCookie = await make(superStaff.id);
    const ypCookie = await make(youngPerson.id);
    await expectSignedOutEverywhere(w, (access) => (access.kind === "youngPerson" ? ypCookie : staffCookie), "forged");
  });

  test("a disabled staff account, and a disabled account of any kind, even with a live session row", async () => {
    const { w, superStaff, youngPerson } = await victims();
    const staffCookie = await sessionCookie(superStaff.id);
    const ypCookie = await sessionCookie(youngPerson.id);
    // Straight in the database: the session rows stay, so only the disabledAt check stands between.
    await prisma.user.updateMany({ where: { id: { in: [superStaff.id, youngPerson.id] } }, data: { disabledAt: new Date() } });
    await expectSignedOutEverywhere(w, (access) => (access.kind === "youngPerson" ? ypCookie : staffCookie), "disabled");
  });

  test("an admin disabling a staff account through the admin screen ends what that account can do at once", async () => {
    const { w, superStaff } = await victims();
    const staffCookie = await sessionCookie(superStaff.id);
    const admin = await createStaff({ roles: ["admin"] });
    const adminCookie = await sessionCookie(admin.id);
    const disabled = await settle(() =>
      adminStaff.action(args(postRequest("/admin/staff", { intent: "set-disabled", userId: superStaff.id, disabled: "true" }, { cookie: adminCookie }))),
    );
    expect(disabled.status).toBe(200);
    await expectSignedOutEverywhere(w, () => staffCookie, "disabled by admin");
  });

  test("a young person's old cookie stops working once a one-time code reset their password", async () => {
    const { w, youngPerson } = await victims();
    const stolen = await sessionCookie(youngPerson.id);
    const officer = await sessionCookie(w.people.officerA.id);
    const issued = await settle(() =>
      officerGroup.action(args(postRequest(`/officer/groups/${w.groupA.id}`, { intent: "reset-code", memberId: youngPerson.id }, { cookie: officer }), { groupId: w.groupA.id })),
    );
    const code = (issued.value as { resetCode: { code: string } }).resetCode.code;
    const reset = await settle(() =>
      resetPassword.action(args(postRequest("/reset-password", { nickname: youngPerson.displayName, code, password: "a brand new password" }))),
    );
    expect(reset.status).toBe(302);
    const page = await settle(() => meIndex.loader(args(getRequest("/me", { cookie: stolen }))));
    expect(outcome(page, "/me")).toBe("signIn");
  });

  test("after signing out, and after 'sign out everywhere', the old cookies are signed out", async () => {
    const { youngPerson } = await victims();
    const here = await sessionCookie(youngPerson.id);
    const elsewhere = await sessionCookie(youngPerson.id);
    const out = await settle(() => signOut.action(args(postRequest("/sign-out", {}, { cookie: here }))));
    expect(out.status).toBe(302);
    expect(outcome(await settle(() => meIndex.loader(args(getRequest("/me", { cookie: here })))), "/me")).toBe("signIn");
    expect(outcome(await settle(() => meIndex.loader(args(getRequest("/me", { cookie: elsewhere })))), "/me")).toBe("pass");

    const third = await sessionCookie(youngPerson.id);
    await settle(() => account.action(args(postRequest("/account", { intent: "sign-out-everywhere" }, { cookie: third }))));
    for (const cookie of [elsewhere, third]) {
      expect(outcome(await settle(() => meIndex.loader(args(getRequest("/me", { cookie })))), "/me")).toBe("signIn");
    }
  });
});

describe("stale privileges end at once", () => {
  test("a staff member whose officer role was taken away gets 403 on the next request, with the same session", async () => {
    const w = await makeWorld();
    const cookie = await sessionCookie(w.people.officerA.id);
    expect((await settle(() => officerIndex.loader(args(getRequest("/officer", { cookie }))))).status).toBe(200);
    const adminCookie = await sessionCookie((await createStaff({ roles: ["admin"] })).id);
    const changed = await settle(() =>
      adminStaff.action(args(postRequest("/admin/staff", { intent: "set-roles", userId: w.people.officerA.id, roles: "board_member" }, { cookie: adminCookie }))),
    );
    expect(changed.status).toBe(200);
    expect((await settle(() => officerIndex.loader(args(getRequest("/officer", { cookie }))))).status).toBe(403);
    const group = await settle(() => officerGroup.loader(args(getRequest(`/officer/groups/${w.groupA.id}`, { cookie }), { groupId: w.groupA.id })));
    expect(group.status).toBe(403);
  });

  test("an officer taken off a group by an admin gets 404 for it on the next request, and its items leave their queue", async () => {
    const w = await makeWorld();
    const cookie = await sessionCookie(w.people.officerA.id);
    const adminCookie = await sessionCookie((await createStaff({ roles: ["admin"] })).id);
    const changed = await settle(() =>
      adminGroups.action(args(postRequest("/admin/groups", { intent: "set-officers", groupId: w.groupA.id, officerIds: [] }, { cookie: adminCookie }))),
    );
    expect(changed.status).toBe(200);
    const group = await settle(() => officerGroup.loader(args(getRequest(`/officer/groups/${w.groupA.id}`, { cookie }), { groupId: w.groupA.id })));
    expect(group.status).toBe(404);
    const queue = await settle(() => officerIndex.loader(args(getRequest("/officer", { cookie }))));
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.value)).not.toContain(w.toHold.text);
    const before = await snapshot();
    const hold = await settle(() =>
      officerIndex.action(args(postRequest("/officer", { intent: "hold", id: w.toHold.id, version: "1", reason: "stale" }, { cookie }))),
    );
    expect(hold.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  test("a young person removed from a group loses its timeline at once (404), keeping their session", async () => {
    const w = await makeWorld();
    const cookie = await sessionCookie(w.people.ypA.id);
    const path_ = `/me/groups/${w.groupA.id}`;
    expect((await settle(() => meTimeline.loader(args(getRequest(path_, { cookie }), { groupId: w.groupA.id })))).status).toBe(200);
    const officer = await sessionCookie(w.people.officerA.id);
    const removed = await settle(() =>
      officerGroup.action(args(postRequest(`/officer/groups/${w.groupA.id}`, { intent: "remove", memberId: w.people.ypA.id }, { cookie: officer }), { groupId: w.groupA.id })),
    );
    expect(removed.status).toBe(200);
    expect((await settle(() => meTimeline.loader(args(getRequest(path_, { cookie }), { groupId: w.groupA.id })))).status).toBe(404);
    const say = await settle(() =>
      meSay.action(args(postRequest("/me/say", { groupId: w.groupA.id, text: "still here?", identity: "team", mayQuote: "yes", clientRequestId: `removed-${next()}` }, { cookie }))),
    );
    expect(say.status).toBe(400);
    expect(await prisma.feedbackItem.count({ where: { authorId: w.people.ypA.id, text: "still here?" } })).toBe(0);
    const home = await settle(() => meIndex.loader(args(getRequest("/me", { cookie }))));
    expect(JSON.stringify(home.value)).not.toContain(w.groupA.id);
  });
});
