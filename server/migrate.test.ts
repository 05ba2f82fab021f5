import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { migrate, readMigrations } from "#server/migrate.ts";

test("both engines have the same migrations, in order", () => {
  const sqlite = readMigrations("sqlite").map((m) => m.name);
  const postgres = readMigrations("postgresql").map((m) => m.name);
  expect(sqlite.length).toBeGreaterThan(0);
  expect(postgres).toEqual(sqlite);
});

test("a fresh SQLite file is migrated once, with Prisma-compatible records, and a changed migration is refused", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "voices-migrate-"));
  const file = path.join(dir, "fresh.db");
  try {
    const first = await migrate(`file:${file}`);
    expect(first).toEqual(readMigrations("sqlite").map((m) => m.name));
    expect(await migrate(`file:${file}`)).toEqual([]);

    const db = new Database(file);
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at FROM _prisma_migrations`).all() as {
      migration_name: string;
      checksum: string;
      finished_at: string;
    }[];
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations("sqlite").map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'tampered'`).run();
    db.close();
    await expect(migrate(`file:${file}`)).rejects.toThrow(/was changed after it was applied/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the schema has no change without a migration", async () => {
  const { readFileSync } = await import("node:fs");
  const root = path.resolve(import.meta.dirname, "..");
  const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const snapshot = readFileSync(path.join(root, "prisma/migrations/schema.snapshot.prisma"), "utf8");
  // `npm run db:migration -- <name>` writes both engines' SQL and refreshes the snapshot.
  expect(schema, "prisma/schema.prisma changed: run npm run db:migration -- <name>").toBe(snapshot);
});

test("a migration that rebuilds a SQLite table keeps the rows that point at it", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "voices-migrate-"));
  const file = path.join(dir, "data.db");
  try {
    const names = readMigrations("sqlite").map((m) => m.name);
    const rebuilding = names.find((n) => n.endsWith("_polls"))!;
    await migrate(`file:${file}`, { until: names[names.indexOf(rebuilding) - 1] });
    const db = new Database(file);
    db.exec(`
      INSERT INTO "User" (id, kind, displayName, loginKey, locale, createdAt, updatedAt) VALUES ('u', 'staff', 'U', 'u', 'en', 0, 0);
      INSERT INTO "Group" (id, name, description, createdAt, updatedAt) VALUES ('g', 'G', '', 0, 0);
      INSERT INTO "FeedbackItem" (id, groupId, authorId, text, language, identity, mayQuote, status, version, clientRequestId, createdAt, updatedAt)
        VALUES ('f', 'g', 'u', 'words', 'en', 'team', 1, 'approved', 1, 'c', 0, 0);
      INSERT INTO "Ask" (id, title, body, status, raisedById, raisedAt, version, updatedAt) VALUES ('a', 'T', '', 'raised', 'u', 0, 1, 0);
      INSERT INTO "AskItem" (askId, feedbackId, groupId) VALUES ('a', 'f', 'g');
    `);
    db.close();
    expect(await migrate(`file:${file}`)).toContain(rebuilding);
    const after = new Database(file);
    expect(after.prepare(`SELECT count(*) AS n FROM "AskItem"`).get()).toEqual({ n: 1 });
    expect(after.prepare(`SELECT text FROM "FeedbackItem"`).get()).toEqual({ text: "words" });
    after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
