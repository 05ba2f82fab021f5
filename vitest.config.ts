import { defineConfig } from "vitest/config";

// Model, loader, action and realtime tests, against a real database: SQLite by default,
// PostgreSQL when TEST_DATABASE=postgresql. Browser journeys are in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}", "server/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    restoreMocks: true,
  },
});
