import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { startWalCheckpointer } from "#server/wal-checkpointer.ts";

// The checkpoint thread copies the write-ahead log back while another connection keeps writing,
// without taking a lock the writer needs; the log is then reused instead of growing, and the writer's
// own commits no longer checkpoint. A real SQLite file, a real worker thread.

test("the log is copied back by the checkpoint thread while a connection writes, and reused", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "voices-checkpoint-"));
  const file = path.join(dir, "wal.db");
  const writer = new Database(file);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = NORMAL");
  // The writer would checkpoint inside its own commit only past 1,000,000 pages: all copying here is the thread's.
  writer.pragma("wal_autocheckpoint = 1000000");
  writer.exec("CREATE TABLE vote (id INTEGER PRIMARY KEY, words TEXT NOT NULL)");
  const insert = writer.prepare("INSERT INTO vote (words) VALUES (?)");
  const checkpointer = startWalCheckpointer(`file:${file}`, 60_000)!;
  try {
    const batch = writer.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run("x".repeat(500));
    });
    batch(2000);
    const first = await checkpointer.checkpointNow();
    expect(first.log).toBeGreaterThan(100);
    expect(first.checkpointed).toBe(first.log);
    const walAfterFirst = statSync(`${file}-wal`).size;

    // The next write starts the log again from its beginning: it does not grow past its first size.
    for (let round = 0; round < 5; round++) {
      batch(2000);
      const next = await checkpointer.checkpointNow();
      expect(next.checkpointed).toBe(next.log);
    }
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(walAfterFirst * 1.1);
    // Everything written is in the database file itself, read by a connection of its own.
    writer.close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare("SELECT count(*) AS n FROM vote").get()).toEqual({ n: 12_000 });
    reader.close();
  } finally {
    await checkpointer.stop();
    if (writer.open) writer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("nothing is started for PostgreSQL or an in-memory database", () => {
  expect(startWalCheckpointer("postgresql://localhost/test")).toBeNull();
  expect(startWalCheckpointer("file::memory:")).toBeNull();
});
