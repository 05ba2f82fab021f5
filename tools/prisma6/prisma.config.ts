// Prisma 6 config for writing migration SQL offline with `migrate diff` between two schema files.
// Not used by the app. engine "js" needs an adapter; a diff never runs a query through it.
import { defineConfig } from "prisma/config";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    process.env.DIFF_PROVIDER === "postgresql"
      ? // NOTE: the pg adapter connects (it reads nothing): any reachable server will do.
        new PrismaPg({ connectionString: process.env.DIFF_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" })
      : new PrismaBetterSqlite3({ url: ":memory:" }),
});
