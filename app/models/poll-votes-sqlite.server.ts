import type SqliteDatabase from "better-sqlite3";
import { fromSqliteTime, newId, sql, sqliteTime } from "#app/utils/sqlite.server.ts";

/**
 * The vote's hot path on SQLite in plain SQL (decision 007, addendum): a Prisma 7 query costs about
 * 1 ms, the same statement here some microseconds. Only the reading and writing live here; the
 * rules (who may vote, which answers are valid, how a changed vote moves the tallies) are
 * polls.server.ts's, shared with the Prisma path, and run inside one inSqliteTransaction.
 */

type Db = SqliteDatabase.Database;

export type PollDefinition = {
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
  firstVoteAt: Date | null;
  version: number;
  questions: { id: string; kind: string; maxChoices: number | null; options: { id: string }[] }[];
};

/**
 * Questions and options change only with the poll's version (updatePoll increments it in the same
 * transaction), so they are kept per version; the poll's row (status, dates, version) is read every
 * time.
 */
const definitions = new WeakMap<Db, Map<string, PollDefinition["questions"]>>();

export function pollDefinition(db: Db, pollId: string): PollDefinition | null {
  const row = sql(db, 'SELECT "status", "opensAt", "closesAt", "firstVoteAt", "version" FROM "Poll" WHERE "id" = ?').get(pollId) as
    | { status: string; opensAt: unknown; closesAt: unknown; firstVoteAt: unknown; version: number }
    | undefined;
  if (!row) return null;
  let cache = definitions.get(db);
  if (!cache) {
    cache = new Map();
    definitions.set(db, cache);
  }
  const key = `${pollId}\u0000${row.version}`;
  let questions = cache.get(key);
  if (!questions) {
    const rows = sql(db, 'SELECT "id", "kind", "maxChoices" FROM "PollQuestion" WHERE "pollId" = ? ORDER BY "position"').all(pollId) as {
      id: string;
      kind: string;
      maxChoices: number | null;
    }[];
    const options = sql(
      db,
      'SELECT o."id", o."questionId" FROM "PollOption" o JOIN "PollQuestion" q ON q."id" = o."questionId" WHERE q."pollId" = ? ORDER BY o."position"',
    ).all(pollId) as { id: string; questionId: string }[];
    questions = rows.map((q) => ({ ...q, options: options.filter((o) => o.questionId === q.id).map((o) => ({ id: o.id })) }));
    if (cache.size > 1000) cache.clear();
    cache.set(key, questions);
  }
  return {
    status: row.status,
    opensAt: fromSqliteTime(row.opensAt),
    closesAt: fromSqliteTime(row.closesAt),
    firstVoteAt: fromSqliteTime(row.firstVoteAt),
    version: row.version,
    questions,
  };
}

/** The voter's group for a poll: the first of their current groups the poll is aimed at. */
export function voterGroup(db: Db, userId: string, pollId: string): string | null {
  const row = sql(
    db,
    `SELECT m."groupId" FROM "Membership" m
       JOIN "Group" g ON g."id" = m."groupId"
       JOIN "PollGroup" pg ON pg."groupId" = m."groupId" AND pg."pollId" = ?
     WHERE m."userId" = ? AND m."removedAt" IS NULL AND g."archivedAt" IS NULL
     ORDER BY m."joinedAt" ASC LIMIT 1`,
  ).get(pollId, userId) as { groupId: string } | undefined;
  return row?.groupId ?? null;
}

/** The questions of a poll this person has answered with at least one choice. */
export function answeredQuestions(db: Db, userId: string, pollId: string): Set<string> {
  const rows = sql(
    db,
    `SELECT r."questionId" FROM "PollResponse" r
     WHERE r."pollId" = ? AND r."userId" = ? AND EXISTS (SELECT 1 FROM "PollChoice" c WHERE c."responseId" = r."id")`,
  ).all(pollId, userId) as { questionId: string }[];
  return new Set(rows.map((r) => r.questionId));
}

export function existingResponse(db: Db, questionId: string, userId: string) {
  const row = sql(db, 'SELECT "id", "groupId" FROM "PollResponse" WHERE "questionId" = ? AND "userId" = ?').get(questionId, userId) as
    | { id: string; groupId: string }
    | undefined;
  if (!row) return null;
  const choices = sql(db, 'SELECT "optionId", "rank" FROM "PollChoice" WHERE "responseId" = ?').all(row.id) as { optionId: string; rank: number | null }[];
  return { ...row, choices };
}

/** A changed answer: its old choices go, its change is counted. */
export function replaceResponse(db: Db, responseId: string, now: Date) {
  sql(db, 'DELETE FROM "PollChoice" WHERE "responseId" = ?').run(responseId);
  sql(db, 'UPDATE "PollResponse" SET "changes" = "changes" + 1, "updatedAt" = ? WHERE "id" = ?').run(sqliteTime(now), responseId);
}

/** The same answer again: nothing moves; the row is touched as the Prisma path's lock does. */
export function touchResponse(db: Db, responseId: string, now: Date) {
  sql(db, 'UPDATE "PollResponse" SET "updatedAt" = ? WHERE "id" = ?').run(sqliteTime(now), responseId);
}

export function createResponse(db: Db, row: { pollId: string; questionId: string; userId: string; groupId: string }, now: Date) {
  const id = newId();
  const at = sqliteTime(now);
  sql(
    db,
    'INSERT INTO "PollResponse" ("id", "pollId", "questionId", "userId", "groupId", "changes", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  ).run(id, row.pollId, row.questionId, row.userId, row.groupId, at, at);
  expectOneRow(sql(db, 'UPDATE "PollVoterCount" SET "voters" = "voters" + 1 WHERE "questionId" = ? AND "groupId" = ?').run(row.questionId, row.groupId));
  return id;
}

export function addChoices(db: Db, responseId: string, choices: { optionId: string; rank: number | null }[]) {
  const insert = sql(db, 'INSERT INTO "PollChoice" ("responseId", "optionId", "rank") VALUES (?, ?, ?)');
  for (const c of choices) insert.run(responseId, c.optionId, c.rank);
}

export function moveTally(db: Db, d: { questionId: string; optionId: string; groupId: string; count: number; points: number }) {
  expectOneRow(
    sql(db, 'UPDATE "PollTally" SET "count" = "count" + ?, "points" = "points" + ? WHERE "questionId" = ? AND "optionId" = ? AND "groupId" = ?').run(
      d.count,
      d.points,
      d.questionId,
      d.optionId,
      d.groupId,
    ),
  );
}

export function markFirstVote(db: Db, pollId: string, now: Date) {
  const at = sqliteTime(now);
  sql(db, 'UPDATE "Poll" SET "firstVoteAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "firstVoteAt" IS NULL').run(at, at, pollId);
}

/** Like Prisma's update of a row that must exist (the zeroed tally rows are made with the poll). */
function expectOneRow(result: SqliteDatabase.RunResult) {
  if (result.changes !== 1) throw new Error("A running tally row is missing.");
}
