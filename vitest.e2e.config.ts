import { defineConfig } from "vitest/config";

// Browser journeys (`npm run test:e2e`): each file starts the production server on its own fresh
// SQLite file and free port and drives its own Debian Chromium through playwright-core
// (tests/e2e/harness.ts), so files share nothing. Two files run at once: one file spends much of
// its time waiting on its browser or its server, and two kept a 2-core machine busy (the suite
// took about 60% of the time it took one file at a time). `npm run test:e2e -- --maxWorkers=1`
// runs them one by one.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    // A cold server start (tsx, migrations) and a browser launch sit in beforeAll.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    teardownTimeout: 30_000,
    restoreMocks: true,
  },
});
