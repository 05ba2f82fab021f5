import { Worker } from "node:worker_threads";
import { databaseProvider, sqliteFilePath } from "#app/utils/database-url.ts";

/**
 * SQLite's write-ahead log copied back into the database file off the event loop (decision 007,
 * addendum 3). Left to itself, SQLite checkpoints inside the commit that takes the log past 1,000
 * pages: on the one synchronous connection that is a 50–70 ms pause of the whole server, every few
 * seconds under load, and every request in flight waits for it. A worker thread with a connection
 * of its own runs PASSIVE checkpoints a few times a second instead: they never block a writer or a
 * reader, the log is reset by the next write once it has been copied, and the commit's own
 * checkpoint then almost never comes (it stays as the safety net if this thread falls behind or
 * stops).
 * NOTE: PostgreSQL and `:memory:` need none: nothing is started for them.
 */
export function startWalCheckpointer(databaseUrl: string, everyMs = 250) {
  if (databaseProvider(databaseUrl) !== "sqlite") return null;
  const file = sqliteFilePath(databaseUrl);
  if (file === ":memory:") return null;
  const worker = new Worker(new URL("./wal-checkpointer.worker.mjs", import.meta.url), { workerData: { file, everyMs } });
  worker.on("error", (error) => console.error("The SQLite checkpoint thread stopped (commits checkpoint again):", error));
  // It never keeps the process alive on its own.
  worker.unref();
  return {
    /** A checkpoint now, for tests: pages in the log and pages copied back. */
    checkpointNow: () =>
      new Promise<{ log: number; checkpointed: number }>((resolve) => {
        worker.once("message", resolve);
        worker.postMessage("checkpoint");
      }),
    stop: () => worker.terminate(),
  };
}
