/**
 * The board dashboard and a group's timeline on a seeded history (issue 5's benchmark):
 *   npx tsx bench/board.ts                 (RUNS, ITEMS, VOTES override)
 * Seeds, in an embedded SQLite file: 14,000 young people in 20 groups, 200,000 feedback items over
 * three years (85 % approved, by approval date), 50 closed polls of three questions with about
 * 2,000,000 votes (answers, choices and their running tallies) and 500 asks with their items.
 * Then calls the board dashboard's loader (a real Request with a board member's session) and
 * groupTimeline (app/models/asks.server.ts, the timeline's model) RUNS times each and prints
 * median and p95 server time. Bulk rows go straight through better-sqlite3 in the shapes Prisma
 * writes (dates as Prisma stores them, read back from a row it wrote). Nothing here asserts a time.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const PEOPLE = 14_000;
const GROUPS = 20;
const ITEMS = Number(process.env.ITEMS ?? 200_000);
const POLLS = 50;
const VOTES = Number(process.env.VOTES ?? 2_000_000);
const ASKS = 500;
const RUNS = Number(process.env.RUNS ?? 40);
const DAY = 86_400_000;

const dir = mkdtempSync(path.join(os.tmpdir(), "voices-bench-board-"));
const file = path.join(dir, "bench.db");
const databaseUrl = `file:${file}`;
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-123";

const { migrate } = await import("#server/migrate.ts");
await migrate(databaseUrl);
const { prisma, disconnectDb } = await import("#app/utils/db.server.ts");
const { getOrganisation } = await import("#app/models/organisation.server.ts");
const { createPoll, setPollStatus } = await import("#app/models/polls.server.ts");
const { groupTimeline } = await import("#app/models/asks.server.ts");
const { createSession } = await import("#app/utils/session.server.ts");
const { loader } = await import("#app/routes/board._index.tsx");

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const id = () => randomUUID().replace(/-/g, "").slice(0, 25);
const now = Date.now();
const t0 = performance.now();

// ---------------------------------------------------------------------------------------------
const org = await getOrganisation();
const themes = await prisma.theme.findMany({ select: { id: true } });
const groups = await Promise.all(Array.from({ length: GROUPS }, (_, g) => prisma.group.create({ data: { name: `Bench group ${g}` }, select: { id: true } })));
const officer = await prisma.user.create({ data: { kind: "staff", displayName: "Bench officer", loginKey: "bench-officer", roles: { create: [{ role: "officer" }] } }, select: { id: true } });
await prisma.groupOfficer.createMany({ data: groups.map((g) => ({ groupId: g.id, userId: officer.id })) });
const board = await prisma.user.create({ data: { kind: "staff", displayName: "Bench board", loginKey: "bench-board", roles: { create: [{ role: "board_member" }] } }, select: { id: true } });
// The stored form of a date, from a row Prisma wrote.
const probe = await prisma.feedbackItem.create({
  data: { groupId: groups[0]!.id, authorId: officer.id, text: "probe", language: "en", identity: "team", mayQuote: false, status: "held", clientRequestId: "probe", decidedAt: new Date(0) },
  select: { id: true },
});
const db = new Database(file);
db.pragma("journal_mode = WAL");
const stored = db.prepare(`SELECT "decidedAt" AS d FROM "FeedbackItem" WHERE id = ?`).get(probe.id) as { d: unknown };
const asStored = typeof stored.d === "number" ? (ms: number) => ms : (ms: number) => new Date(ms).toISOString();
db.prepare(`DELETE FROM "FeedbackItem" WHERE id = ?`).run(probe.id);

const people: { id: string; group: string }[] = [];
const insertUser = db.prepare(`INSERT INTO "User" (id, kind, displayName, loginKey, locale, createdAt, updatedAt) VALUES (?, 'young_person', ?, ?, 'en', ?, ?)`);
const insertMember = db.prepare(`INSERT INTO "Membership" (id, groupId, userId, joinedAt) VALUES (?, ?, ?, ?)`);
db.transaction(() => {
  for (let i = 0; i < PEOPLE; i++) {
    const user = { id: id(), group: groups[i % GROUPS]!.id };
    insertUser.run(user.id, `yp${i}`, `yp-${i}`, asStored(now), asStored(now));
    insertMember.run(id(), user.group, user.id, asStored(now));
    people.push(user);
  }
})();

// Feedback: three years, a young person at random, 85 % approved a day or two after writing.
const insertItem = db.prepare(`INSERT INTO "FeedbackItem" (id, groupId, authorId, text, language, mood, themeId, identity, mayQuote, status, publishedText, decidedAt, version, clientRequestId, createdAt, updatedAt)
  VALUES (?, ?, ?, ?, 'en', ?, ?, 'team', ?, ?, ?, ?, 1, ?, ?, ?)`);
const approvedItems: { id: string; group: string }[] = [];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
db.transaction(() => {
  for (let i = 0; i < ITEMS; i++) {
    const person = people[Math.floor(rand() * PEOPLE)]!;
    const created = now - Math.floor(rand() * 3 * 365 * DAY);
    const approved = rand() < 0.85;
    const text = `Bench feedback ${i}`;
    const itemId = id();
    insertItem.run(itemId, person.group, person.id, text, rand() < 0.7 ? 1 + Math.floor(rand() * 5) : null, rand() < 0.9 ? themes[Math.floor(rand() * themes.length)]!.id : null, rand() < 0.5 ? 1 : 0, approved ? "approved" : "pending", approved ? text : null, approved ? asStored(created + DAY + Math.floor(rand() * DAY)) : null, `b${i}`, asStored(created), asStored(created));
    if (approved && approvedItems.length < 20_000) approvedItems.push({ id: itemId, group: person.group });
  }
})();
console.log(`Seeded ${PEOPLE} young people and ${ITEMS} feedback items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// Polls: made by the model (tallies created zeroed), answered here in bulk, then tallied.
const perPoll = Math.round(VOTES / POLLS / 3);
const insertResponse = db.prepare(`INSERT INTO "PollResponse" (id, pollId, questionId, userId, groupId, changes, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`);
const insertChoice = db.prepare(`INSERT INTO "PollChoice" (responseId, optionId, rank) VALUES (?, ?, NULL)`);
let votes = 0;
for (let p = 0; p < POLLS; p++) {
  if (p % 10 === 0) console.log(`poll ${p}…`);
  const poll = await createPoll(officer.id, {
    title: `Bench poll ${p}`,
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: groups.map((g) => g.id),
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_close",
    askId: null,
    questions: [
      { kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B", "C"].map((label) => ({ label, labelTranslations: {} })) },
      { kind: "scale", prompt: "How?", promptTranslations: {}, maxChoices: null, options: [] },
      { kind: "multiple", prompt: "Which ones?", promptTranslations: {}, maxChoices: null, options: ["X", "Y", "Z"].map((label) => ({ label, labelTranslations: {} })) },
    ],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const questions = await prisma.pollQuestion.findMany({ where: { pollId: poll.id }, orderBy: { position: "asc" }, select: { id: true, kind: true, options: { select: { id: true } } } });
  const start = Math.floor(rand() * PEOPLE);
  db.transaction(() => {
    for (let v = 0; v < perPoll; v++) {
      const person = people[(start + v) % PEOPLE]!;
      for (const q of questions) {
        const responseId = id();
        insertResponse.run(responseId, poll.id, q.id, person.id, person.group, asStored(now), asStored(now));
        const picks = q.kind === "multiple" ? q.options.filter(() => rand() < 0.5) : [];
        for (const o of picks.length > 0 ? picks : [q.options[Math.floor(rand() * q.options.length)]!]) insertChoice.run(responseId, o.id);
        votes++;
      }
    }
  })();
  await setPollStatus(officer.id, poll.id, "closed");
  await prisma.poll.update({ where: { id: poll.id }, data: { closesAt: new Date(now - Math.floor(rand() * 3 * 365 * DAY)) } });
}
// The running tallies, as the vote path would have left them.
db.exec(`CREATE TEMP TABLE tally AS SELECT c.optionId AS o, r.groupId AS g, COUNT(*) AS n FROM "PollChoice" c JOIN "PollResponse" r ON r.id = c.responseId GROUP BY 1, 2;
  CREATE INDEX tally_og ON tally(o, g);
  UPDATE "PollTally" SET count = COALESCE((SELECT n FROM tally WHERE o = "PollTally".optionId AND g = "PollTally".groupId), 0);
  CREATE TEMP TABLE voters AS SELECT questionId AS q, groupId AS g, COUNT(*) AS n FROM "PollResponse" GROUP BY 1, 2;
  CREATE INDEX voters_qg ON voters(q, g);
  UPDATE "PollVoterCount" SET voters = COALESCE((SELECT n FROM voters WHERE q = "PollVoterCount".questionId AND g = "PollVoterCount".groupId), 0);`);
console.log(`Seeded ${POLLS} polls with ${votes} votes in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// Asks: 500 over three years, each with a few approved items of one group.
const insertAsk = db.prepare(`INSERT INTO "Ask" (id, title, body, status, raisedById, dueAt, raisedAt, version, updatedAt) VALUES (?, ?, '', ?, ?, ?, ?, 1, ?)`);
const insertAskItem = db.prepare(`INSERT OR IGNORE INTO "AskItem" (askId, feedbackId, groupId) VALUES (?, ?, ?)`);
const statuses = ["raised", "agreed", "in_progress", "done", "not_possible"];
db.transaction(() => {
  for (let a = 0; a < ASKS; a++) {
    const askId = id();
    const raised = now - Math.floor(rand() * 3 * 365 * DAY);
    insertAsk.run(askId, `Bench ask ${a}`, statuses[a % statuses.length], officer.id, rand() < 0.6 ? asStored(raised + 60 * DAY) : null, asStored(raised), asStored(raised));
    for (let j = 0; j < 4; j++) {
      const item = approvedItems[Math.floor(rand() * approvedItems.length)]!;
      insertAskItem.run(askId, item.id, item.group);
    }
  }
})();
// The dashboard's index (decision 012) is in the migrations: 20261201233002_feedback_dashboard_index.
db.exec("ANALYZE");
db.close();
console.log(`Seeded ${ASKS} asks; all seeding took ${((performance.now() - t0) / 1000).toFixed(0)} s`);

// ---------------------------------------------------------------------------------------------
const cookie = (await createSession(board.id)).split(";")[0]!;
const timings = async (label: string, run: () => Promise<unknown>) => {
  await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (${RUNS} runs)`);
};
const dashboard = () => loader({ request: new Request("http://localhost/board", { headers: { Cookie: cookie } }), params: {}, context: {} });
const first = (await dashboard()) as { dashboard: { feedback: { grandTotal: unknown }; asks: unknown[] } };
console.log(`dashboard check: grand total ${JSON.stringify(first.dashboard.feedback.grandTotal)}, ${first.dashboard.asks.length} asks listed`);
await timings("board dashboard loader", dashboard);
const busiest = groups[0]!.id;
await timings("group timeline (groupTimeline)", () => groupTimeline(busiest, "en"));
void org;
await disconnectDb();
