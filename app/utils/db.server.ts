import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
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

function createClient(url: string): Db {
  if (databaseProvider(url) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_SIZE });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

const globalForDb = globalThis as unknown as { __voicesDb?: { url: string; client: Db } };

/**
 * NOTE: kept on globalThis so that Vite's dev SSR module graph and the Express server (which load
 * this file separately) share one connection pool.
 */
export function getDb(): Db {
  const url = env().DATABASE_URL;
  const cached = globalForDb.__voicesDb;
  if (cached && cached.url === url) return cached.client;
  const client = createClient(url);
  globalForDb.__voicesDb = { url, client };
  return client;
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
