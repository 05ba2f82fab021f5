import path from "node:path";

/** The embedded SQLite file that `npm run quickstart` uses when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = "file:./data/voices.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.slice(0, 12)}…")`);
}

/** `file:./data/voices.db` → an absolute path, relative to the working directory. */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(file);
}
