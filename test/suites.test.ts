/**
 * `npm test` (the README's command, and CI's) runs every suite; `npm run test:fast` leaves out
 * the slow ones named in vitest.config.ts. A slow suite renamed or removed must not leave a name
 * behind that matches nothing.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SLOW_SUITES } from "../vitest.config.js";

const root = join(__dirname, "..");
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;

describe("test suites", () => {
  it("every slow suite named in vitest.config.ts exists", () => {
    expect(SLOW_SUITES.filter((f) => !existsSync(join(root, f)))).toEqual([]);
  });

  it("npm test runs every project, npm run test:fast the fast one only", () => {
    expect(scripts.test).toMatch(/vitest run$/);
    expect(scripts["test:fast"]).toMatch(/vitest run --project fast$/);
  });

  it("CI type-checks, then runs npm test", () => {
    const ci = readFileSync(join(root, ".ci", "run"), "utf8");
    const typecheck = ci.search(/^npm run typecheck$/m);
    expect(typecheck, ".ci/run has no `npm run typecheck` line").toBeGreaterThan(0);
    expect(ci.search(/^npm test$/m)).toBeGreaterThan(typecheck);
  });
});
