import { defineConfig } from "vitest/config";

// Browser journeys (`npm run test:e2e`): each file starts the production server on its own fresh
// SQLite file and drives Debian's Chromium through playwright-core (tests/e2e/harness.ts).
// Files run one at a time: a server and a browser per file is plenty for one machine.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    // A cold server start (tsx, migrations) and a browser launch sit in beforeAll.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    teardownTimeout: 30_000,
    restoreMocks: true,
  },
});
