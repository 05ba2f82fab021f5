import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Test databases: one migrated template per run, one fresh copy per test file, so files never see
 * each other's rows and run in parallel. SQLite by default; PostgreSQL (the server on this machine
 * or CI's) when TEST_DATABASE=postgresql.
 */
export const engine = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresUrl(database: string) {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export const sqliteDir = path.join(os.tmpdir(), "voices-tests");

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database copied from the run's template; returns its URL and a cleanup. */
export async function cloneTemplate(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `voices_t_${randomBytes(6).toString("hex")}`;
  if (engine === "postgresql") {
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    return {
      url: postgresUrl(name),
      drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
    };
  }
  mkdirSync(sqliteDir, { recursive: true });
  const file = path.join(sqliteDir, `${name}.db`);
  copyFileSync(template, file);
  return {
    url: `file:${file}`,
    drop: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}
