import { expect, test } from "vitest";
import { disconnectDb } from "#app/utils/db.server.ts";
import { loader } from "./healthz.ts";

test("healthz answers 200 with the database status when the database answers", async () => {
  const response = await loader();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("healthz answers 503 when the database does not answer", async () => {
  const working = process.env.DATABASE_URL!;
  process.env.DATABASE_URL = working.startsWith("file:")
    ? "file:/nonexistent-directory/voices.db"
    : "postgresql://postgres@127.0.0.1:1/voices";
  try {
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "unavailable" });
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = working;
  }
});
