import { expect, test } from "vitest";
import { createFeedback } from "#app/models/feedback.server.ts";
import { castVote, createPoll, setPollStatus } from "#app/models/polls.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createFeedbackItem, createGroup, createStaff, createYoungPerson } from "#tests/factories.ts";
import { args, getRequest, postRequest, sessionCookie, settle } from "#tests/request.ts";

// Trying to read a possible disclosure, or a held-back item, as someone who must not: a board
// member, a young person of another group (and of the same group), an officer of another group,
// the group's own officer before it escalated to them, and staff without the safeguarding role
// (an admin). Every loader of every route, with every id that could point at the words, and every
// action posted with those ids; the words, the author's nickname and the private note must never
// come back. (Sockets: server/safeguarding-live.test.ts.)

type Fn = (a: ReturnType<typeof args>) => Promise<unknown>;
const routes = import.meta.glob<{ loader?: Fn; action?: Fn }>(["../app/routes/*.{ts,tsx}", "!../app/routes/*.test.{ts,tsx}"], { eager: true });

const CONCERN_WORDS = "my carer hits me and locks me in my room";
const POLL_CONCERN_WORDS = "i want to die every day";
const HELD_WORDS = "a held back sentence naming Oak Lane";
const NOTE = "Lives at Willow House with foster carer";

async function world() {
  const groupA = await createGroup();
  const groupB = await createGroup();
  const author = await createYoungPerson({ groupIds: [groupA.id], nickname: `secret-author-${Date.now()}` });
  const officerA = await createStaff({ roles: ["officer"], groupIds: [groupA.id] });
  await prisma.accountNote.create({ data: { subjectId: author.id, authorId: officerA.id, text: NOTE } });
  const said = await createFeedback({
    authorId: author.id, groupId: groupA.id, text: CONCERN_WORDS, language: "en", mood: 1, themeId: null,
    identity: "team", mayQuote: true, clientRequestId: "adversarial-concern",
  });
  const concern = await prisma.safeguardingConcern.findUniqueOrThrow({ where: { feedbackId: said.id }, select: { id: true } });
  const held = await createFeedbackItem({ authorId: author.id, groupId: groupA.id, text: HELD_WORDS, status: "held", decidedById: officerA.id });
  // A poll whose short-text answer was a disclosure; closed, so the board has its results and CSV.
  const { id: pollId } = await createPoll(officerA.id, {
    title: "Adversarial poll", intro: "", titleTranslations: {}, introTranslations: {}, groupIds: [groupA.id],
    opensAt: null, closesAt: null, resultsVisibility: "after_vote", askId: null,
    questions: [{ kind: "text", prompt: "Anything else?", promptTranslations: {}, maxChoices: null, options: [] }],
  });
  await setPollStatus(officerA.id, pollId, "open");
  const question = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId }, select: { id: true } });
  await castVote(author.id, pollId, [{ questionId: question.id, kind: "text", text: POLL_CONCERN_WORDS, identity: "team", mayQuote: true, clientRequestId: "adversarial-poll" }], "en");
  await setPollStatus(officerA.id, pollId, "closed");
  const pollConcern = await prisma.feedbackItem.findFirstOrThrow({ where: { pollQuestionId: question.id }, select: { id: true, status: true, concern: { select: { id: true } } } });
  expect(pollConcern.status).toBe("safeguarding");

  const attackers = {
    board: await createStaff({ roles: ["board_member"] }),
    youngPersonOfAnotherGroup: await createYoungPerson({ groupIds: [groupB.id] }),
    youngPersonOfTheSameGroup: await createYoungPerson({ groupIds: [groupA.id] }),
    officerOfAnotherGroup: await createStaff({ roles: ["officer"], groupIds: [groupB.id] }),
    // Not escalated yet: the group's own officer sees only that it is "with safeguarding".
    officerOfTheGroup: officerA,
    adminWithoutSafeguardingRole: await createStaff({ roles: ["admin"] }),
    boardMemberAndAdmin: await createStaff({ roles: ["board_member", "admin"] }),
  };
  const ids = {
    concernId: [concern.id, pollConcern.concern!.id],
    feedbackId: [said.id, held.id, pollConcern.id],
    groupId: [groupA.id],
    pollId: [pollId],
    askId: ["none"],
    code: ["000000"],
  };
  return { attackers, ids, author };
}

/** "me.things_.$feedbackId.tsx" with { feedbackId } → "/me/things/<id>" (the URL only matters to a few loaders). */
function pathOf(file: string, params: Record<string, string>) {
  const name = file.replace(/^.*\/routes\//, "").replace(/\.(tsx?|jsx?)$/, "");
  const segments = name
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, "").replace(/\[(.*)\]/, "$1"))
    .map((s) => (s.startsWith("$") ? (params[s.slice(1)] ?? s) : s));
  return `/${segments.join("/")}`.replace(/\/\.csv$/, ".csv");
}

function paramsFor(file: string, ids: Record<string, string[]>): Record<string, string>[] {
  const names = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
  let combos: Record<string, string>[] = [{}];
  for (const name of names) combos = combos.flatMap((c) => (ids[name] ?? ["x"]).map((value) => ({ ...c, [name]: value })));
  return combos;
}

async function body(result: { value: unknown }) {
  const value = result.value;
  if (value instanceof Response) return value.text().catch(() => "");
  return JSON.stringify(value ?? null);
}

test("no loader, action or export gives a possible disclosure or a held-back item to anyone who must not read it", { timeout: 180_000 }, async () => {
  const { attackers, ids, author } = await world();
  let tried = 0;
  for (const [who, person] of Object.entries(attackers)) {
    // The group's own officer may read its held-back items, its members and their notes; the words
    // of a concern only once it escalated to them (not here).
    const secrets = who === "officerOfTheGroup" ? [CONCERN_WORDS, POLL_CONCERN_WORDS] : [CONCERN_WORDS, POLL_CONCERN_WORDS, HELD_WORDS, NOTE, author.displayName];
    for (const [file, route] of Object.entries(routes)) {
      for (const params of paramsFor(file, ids)) {
        const path = pathOf(file, params);
        if (route.loader) {
          const result = await settle(async () => route.loader!(args(getRequest(path, { cookie: await sessionCookie(person.id) }), params)));
          const text = await body(result);
          for (const secret of secrets) expect(text, `${who} GET ${path} (${file})`).not.toContain(secret);
          tried++;
        }
        if (route.action) {
          // Every form field name that could carry an id, pointing at the words.
          const fields: Record<string, string> = { intent: "open", id: params.feedbackId ?? ids.feedbackId[0]!, feedbackId: ids.feedbackId[0]!, concernId: ids.concernId[0]!, version: "1" };
          const result = await settle(async () => route.action!(args(postRequest(path, fields, { cookie: await sessionCookie(person.id) }), params)));
          const text = await body(result);
          for (const secret of secrets) expect(text, `${who} POST ${path} (${file})`).not.toContain(secret);
          tried++;
        }
      }
    }
  }
  expect(tried).toBeGreaterThan(300);
  // And nothing they did changed the concerns.
  expect(await prisma.safeguardingConcern.count({ where: { status: "open" } })).toBe(2);
  expect(await prisma.auditLog.count({ where: { action: { in: ["concern.opened_by_officer", "concern.reveal_author"] } } })).toBe(0);
});
