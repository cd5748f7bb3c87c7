import { configDefaults, defineConfig } from "vitest/config";

/**
 * Suites of 3 seconds of CPU or more each (fuzzing; every fixture and corpus file many times over;
 * the bench's near-quota definitions; the bundled server over stdio; the package packed, installed
 * and type-checked; pre-commit installing the hook). `npm test` and CI run them
 * with the rest; `npm run test:fast` (the project "fast") leaves them out.
 */
export const SLOW_SUITES = [
  "test/expr/fuzz.test.ts",
  "test/parse/recycling.test.ts",
  "test/node-validators.test.ts",
  "test/bench.test.ts",
  "test/server/stdio.test.ts",
  "test/package.test.ts",
  "test/precommit.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // one line when ../shared is missing and the suites that read it are skipped (test/shared.ts)
    globalSetup: ["test/global-setup.ts"],
    projects: [
      // each project its own include: `extends` would add the root's to it
      { extends: true, test: { name: "fast", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...SLOW_SUITES] } },
      { extends: true, test: { name: "slow", include: SLOW_SUITES } },
    ],
  },
});
