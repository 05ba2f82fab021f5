import { pooledRandomBytes } from "#app/utils/random-pool.server.ts";
import type SqliteDatabase from "better-sqlite3";

/**
 * Plain SQL on Prisma's own better-sqlite3 connection (db.server.ts sqliteConnection), for the few
 * hot paths where a Prisma 7 query's ~1 ms matters (decision 007, addendum): the session lookup
 * and the vote.
 * NOTE: better-sqlite3 is synchronous: a transaction written with these runs start to commit
 * without yielding, so no other request's statements interleave with it.
 */

type Db = SqliteDatabase.Database;
type Statement = SqliteDatabase.Statement;

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, once per connection; integers as numbers, not BigInt (Prisma's setting). */
export function sql(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    if (statement.reader) statement.safeIntegers(false);
    cache.set(text, statement);
  }
  return statement;
}

/** A time as Prisma's SQLite adapter writes it (ISO 8601, "+00:00"), so that comparisons agree. */
export const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** A stored time back to a Date: Prisma's ISO text, SQLite's CURRENT_TIMESTAMP text, or epoch ms. */
export function fromSqliteTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
}

/** A new row id in the shape of Prisma's cuid(): "c", time, randomness, lower-case letters and digits. */
export function newId() {
  return `c${Date.now().toString(36)}${BigInt(`0x${pooledRandomBytes(10).toString("hex")}`).toString(36).padStart(16, "0")}`;
}

type Queued = { fn: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
const queues = new WeakMap<Db, { waiting: Queued[]; scheduled: boolean }>();

/**
 * Runs `fn` in a transaction of its own and resolves once it is committed; `fn` throwing rolls back
 * only what `fn` wrote. NOTE: group commit: every `fn` queued in the same turn of the event loop
 * runs, each in its own savepoint, inside one IMMEDIATE transaction with one commit, which is most
 * of a vote's cost in SQLite; a savepoint released is still undone if that commit fails, and then
 * every `fn` of the batch is refused. Starts only once Prisma has no interactive transaction open
 * on this connection (its statements would otherwise become part of Prisma's), waiting up to the
 * connection's busy timeout, as Prisma's own transactions do.
 */
export function inSqliteTransaction<T>(db: Db, fn: () => T): Promise<T> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], scheduled: false };
    queues.set(db, queue);
  }
  const entry = queue;
  return new Promise<T>((resolve, reject) => {
    entry.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    if (entry.scheduled) return;
    entry.scheduled = true;
    setImmediate(() => void flush(db, entry, Date.now()));
  });
}

async function flush(db: Db, queue: { waiting: Queued[]; scheduled: boolean }, since: number) {
  if (db.inTransaction) {
    if (Date.now() - since > 10_000) {
      queue.scheduled = false;
      for (const q of queue.waiting.splice(0)) q.reject(new Error("The database stayed busy for 10 s."));
      return;
    }
    setTimeout(() => void flush(db, queue, since), 1);
    return;
  }
  queue.scheduled = false;
  const batch = queue.waiting.splice(0);
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    db.transaction(() => {
      for (const q of batch) {
        try {
          // A nested better-sqlite3 transaction is a savepoint, rolled back when fn throws.
          outcomes.push({ ok: true, value: db.transaction(q.fn)() });
        } catch (error) {
          outcomes.push({ ok: false, value: error });
        }
      }
    }).immediate();
  } catch (error) {
    for (const q of batch) q.reject(error);
    return;
  }
  batch.forEach((q, i) => (outcomes[i]!.ok ? q.resolve(outcomes[i]!.value) : q.reject(outcomes[i]!.value)));
}

