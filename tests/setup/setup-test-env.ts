import { afterAll, beforeEach, inject, vi } from "vitest";
import { cloneTemplate } from "./databases.ts";

// Each test file gets its own migrated database, set before any app module reads the env.
const database = await cloneTemplate(inject("templateDatabase"));
process.env.DATABASE_URL = database.url;
process.env.SESSION_SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NODE_ENV = "test";

// An error logged is a failure: nothing in a passing test should log one.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { disconnectDb } = await import("#app/utils/db.server.ts");
  await disconnectDb();
  await database.drop();
});
