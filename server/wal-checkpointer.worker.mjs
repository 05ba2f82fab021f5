import { setInterval } from "node:timers";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

// The checkpoint thread of server/wal-checkpointer.ts: its own connection, PASSIVE checkpoints only
// (they wait for nobody and nobody waits for them), so it never holds a lock a request needs.
// Plain JavaScript: a worker thread does not get the main thread's TypeScript loader (tsx).

/** @type {{ file: string, everyMs: number }} */
const { file, everyMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// A checkpoint that finds the database busy gives up at once and comes back next time.
db.pragma("busy_timeout = 0");

function checkpoint() {
  try {
    /** @type {{ busy: number, log: number, checkpointed: number }[]} */
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    return { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } catch {
    return { log: -1, checkpointed: -1 };
  }
}

setInterval(checkpoint, everyMs);
parentPort?.on("message", () => parentPort?.postMessage(checkpoint()));
