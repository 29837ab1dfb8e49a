import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    setupFiles: ["./tests/setup/test-env.ts"],
    // Each worker gets its own database file (see tests/setup/test-env.ts);
    // two cores, so two forks keep the machine responsive.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
