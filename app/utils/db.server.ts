import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type SqliteDatabase from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "#app/generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "#app/generated/postgresql/client.ts";
import { databaseProvider, sqliteFilePath } from "#app/utils/database-url.ts";
import { env } from "#app/utils/env.server.ts";

/**
 * The one PrismaClient. Both generated clients have the same model API (they come from one source
 * schema); the SQLite client's type is the one the code is written against.
 * NOTE: only app/models/* and a few utils may import this (STYLE.md: one layer owns the database).
 */
export type Db = SqliteClient;

type Connection = { url: string; client: Db; sqlite?: { db?: SqliteDatabase.Database } };

function createClient(url: string): Connection {
  if (databaseProvider(url) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_SIZE });
    return { url, client: new PostgresClient({ adapter }) as unknown as Db };
  }
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
  // Prisma's own connection, kept for the vote path's plain SQL (sqliteConnection below).
  const sqlite: Connection["sqlite"] = {};
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    const db = (connected as unknown as { client: SqliteDatabase.Database }).client;
    // NOTE: WAL (set by migrate) with synchronous=NORMAL: a commit no longer waits for an fsync
    // of the log, only checkpoints do. A committed vote survives the process crashing; only a
    // power cut within the last moments could lose it (decision 007, addendum).
    db.pragma("synchronous = NORMAL");
    // A 64 MB page cache and memory-mapped reads: the default 2 MB sent the session and membership
    // reads of a large database to the operating system on every vote (decision 007, addendum 3).
    db.pragma("cache_size = -65536");
    db.pragma("mmap_size = 268435456");
    sqlite.db = db;
    return connected;
  };
  return { url, client: new SqliteClient({ adapter }), sqlite };
}

const globalForDb = globalThis as unknown as { __voicesDb?: Connection };

/**
 * NOTE: kept on globalThis so that Vite's dev SSR module graph and the Express server (which load
 * this file separately) share one connection pool.
 */
export function getDb(): Db {
  const url = env().DATABASE_URL;
  const cached = globalForDb.__voicesDb;
  if (cached && cached.url === url) return cached.client;
  const connection = createClient(url);
  globalForDb.__voicesDb = connection;
  return connection.client;
}

/**
 * SQLite only: the very connection Prisma uses (better-sqlite3, synchronous), for the few hot paths
 * written in plain SQL (the vote, decision 007). One connection means a plain-SQL transaction never
 * races Prisma's across connections; it must only not start while Prisma's interactive
 * transaction is open on it (`inTransaction`). Null on PostgreSQL.
 * NOTE: better-sqlite3 returns integers as BigInt here (Prisma's setting): call
 * `.safeIntegers(false)` on each statement.
 */
export async function sqliteConnection(): Promise<SqliteDatabase.Database | null> {
  getDb();
  const connection = globalForDb.__voicesDb!;
  if (!connection.sqlite) return null;
  if (!connection.sqlite.db) await connection.client.$connect();
  return connection.sqlite.db ?? null;
}

export const prisma: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  const cached = globalForDb.__voicesDb;
  globalForDb.__voicesDb = undefined;
  await cached?.client.$disconnect();
}
