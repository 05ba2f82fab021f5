/**
 * Applies the committed migration SQL (prisma/migrations/<provider>/<name>/migration.sql) in order,
 * offline, and records each in `_prisma_migrations` exactly as `prisma migrate deploy` would, so the
 * two stay interchangeable wherever Prisma's native schema engine exists.
 *
 * Each migration runs in a transaction under a lock (BEGIN IMMEDIATE on SQLite, an advisory lock on
 * PostgreSQL), so two instances starting at once apply it once. A migration whose file changed
 * after it was applied is refused. See docs/decisions/002-database.md.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "#app/utils/database-url.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Migration = { name: string; sql: string; checksum: string };
type Applied = { migration_name: string; checksum: string; finished_at: unknown };

export function readMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const dir = path.join(root, "prisma", "migrations", provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(migrations: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(applied.map((row) => [row.migration_name, row]));
  const result: Migration[] = [];
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (!row || !row.finished_at) {
      result.push(migration);
      continue;
    }
    if (row.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied. Write a new migration instead.`,
      );
    }
  }
  return result;
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed 64-bit number; it names Voices' migration lock among a server's advisory locks.
const ADVISORY_LOCK_KEY = 7_140_520_261_123;

function migrateSqlite(file: string, until?: string): string[] {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(SQLITE_TABLE);
    // NOTE: Prisma's SQLite migrations rebuild a table to change it (create, copy, DROP, rename)
    // between `PRAGMA foreign_keys=OFF/ON`, but that pragma does nothing inside a transaction. With
    // foreign keys on (better-sqlite3's default), the DROP would run every ON DELETE CASCADE and
    // empty the tables that point at the rebuilt one. So foreign keys go off around the
    // transaction, and their integrity is checked before it commits.
    db.pragma("foreign_keys = OFF");
    const done: string[] = [];
    const run = db.transaction(() => {
      const applied = db
        .prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`)
        .all() as Applied[];
      for (const migration of pending(readMigrations("sqlite"), applied).filter((m) => !until || m.name <= until)) {
        const startedAt = new Date().toISOString();
        db.exec(migration.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, migration.name, startedAt, new Date().toISOString());
        done.push(migration.name);
      }
      const broken = db.prepare("PRAGMA foreign_key_check").all();
      if (broken.length) throw new Error(`Migration left ${broken.length} broken foreign key(s); nothing was applied.`);
    });
    // IMMEDIATE takes the write lock at once: a second instance waits instead of racing.
    run.immediate();
    db.pragma("foreign_keys = ON");
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(connectionString: string, until?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<Applied>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`,
    );
    const done: string[] = [];
    for (const migration of pending(readMigrations("postgresql"), rows).filter((m) => !until || m.name <= until)) {
      await client.query("BEGIN");
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
        done.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/**
 * Brings the database named by `databaseUrl` up to date (or up to the migration named `until`, for
 * tests of a migration on data); returns the names of what it applied.
 */
export async function migrate(databaseUrl: string, options: { until?: string } = {}): Promise<string[]> {
  return databaseProvider(databaseUrl) === "postgresql"
    ? migratePostgres(databaseUrl, options.until)
    : migrateSqlite(sqliteFilePath(databaseUrl), options.until);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { DEFAULT_DATABASE_URL } = await import("#app/utils/database-url.ts");
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const applied = await migrate(url);
  console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
}
