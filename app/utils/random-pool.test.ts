import { expect, test } from "vitest";
import { pooledRandomBytes } from "#app/utils/random-pool.server.ts";

test("pooled random bytes are handed out once: no two values alike, and a refill never changes one already given", () => {
  const given = Array.from({ length: 2000 }, () => pooledRandomBytes(16));
  const copies = given.map((b) => b.toString("hex"));
  // 2,000 × 16 bytes is several refills of the 4 KB pool.
  expect(new Set(copies).size).toBe(given.length);
  expect(given.map((b) => b.toString("hex"))).toEqual(copies);
  expect(given.every((b) => b.length === 16)).toBe(true);
});
