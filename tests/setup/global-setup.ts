import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { migrate } from "#server/migrate.ts";
import { engine, postgresUrl, sqliteDir, withAdmin } from "./databases.ts";

/** Migrates one template database for the run, the same way the server does at start-up. */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  if (engine === "postgresql") {
    const name = `voices_template_${randomBytes(4).toString("hex")}`;
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    await migrate(postgresUrl(name));
    provide("templateDatabase", name);
    return async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
  }
  mkdirSync(sqliteDir, { recursive: true });
  const file = path.join(sqliteDir, `template-${randomBytes(4).toString("hex")}.db`);
  await migrate(`file:${file}`);
  provide("templateDatabase", file);
  return async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
