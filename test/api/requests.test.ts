/**
 * Request fixtures (see request-fixtures.ts): each file's diagnostics against `<file>.expected`,
 * one `line:col-endLine:endCol SEVERITY CODE rule message` per line (1-based).
 * Requests named `valid*` must be OK with no WARNING; `invalid*` must FAIL; `warn*` must be OK
 * with a WARNING. A describe-execution output must get the verdict its options.json names.
 * A missing `.expected` file fails; write it with
 * `UPDATE_FIXTURES=1 npx vitest run test/api/requests.test.ts` and review the diff.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { isApiName } from "../../src/requests/index.js";
import type { Diagnostic } from "../../src/diagnostic.js";
import { FIXTURES, fixtureRuns } from "./request-fixtures.js";

const UPDATE = process.env.UPDATE_FIXTURES === "1";

export function formatRequestExpected(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${d.code} ${d.rule} ${d.message}`)
    .join("\n") + (diagnostics.length ? "\n" : "");
}

describe("request fixtures", () => {
  it("cover every API and redrive", () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(["ListExecutions", "RedriveExecution", "StartExecution", "StartSyncExecution", "StartWorkflowExecution", "redrive"]);
    expect(readdirSync(FIXTURES).filter(isApiName).length).toBe(5);
  });
  for (const run of fixtureRuns()) {
    it(`${run.command}/${run.file}`, () => {
      for (const f of run.files) {
        const actual = formatRequestExpected(f.diagnostics);
        const expectedPath = `${f.path}.expected`;
        if (UPDATE) writeFileSync(expectedPath, actual);
        expect(existsSync(expectedPath), `${relative(FIXTURES, expectedPath)} is missing: run with UPDATE_FIXTURES=1 and review it`).toBe(true);
        expect(actual).toBe(readFileSync(expectedPath, "utf8"));
        for (const d of f.diagnostics) expect(d.length ?? 0, `${d.rule} covers the whole file`).toBeLessThan(Math.max(f.text.length, 2));
      }
      const all = run.files.flatMap((f) => f.diagnostics);
      if (run.status) expect(run.status.actual).toBe(run.status.expected);
      if (run.file.startsWith("valid")) {
        expect(run.result).toBe("OK");
        expect(all.filter((d) => d.severity !== "INFO")).toEqual([]);
      }
      if (run.file.startsWith("invalid")) expect(run.result).toBe("FAIL");
      if (run.file.startsWith("warn")) {
        expect(run.result).toBe("OK");
        expect(all.some((d) => d.severity === "WARNING")).toBe(true);
      }
    });
  }
});
