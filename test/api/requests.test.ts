/**
 * Request fixtures: fixtures/requests/<API>/<case>.request.(json|yaml) with the expected
 * diagnostics beside them in `<case>.request.<ext>.expected`, one
 * `line:col-endLine:endCol SEVERITY CODE rule message` per line (1-based).
 * `<case>.options.json` may give `{ "definition": "<file beside it>", "type": "STANDARD|EXPRESS" }`.
 * Cases named `valid*` must be OK with no WARNING; `invalid*` must FAIL; `warn*` must be OK with a WARNING.
 * Regenerate with `UPDATE_FIXTURES=1 npx vitest run test/api/requests.test.ts` and review the diff.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkRequest, isApiName, type RequestOptions } from "../../src/requests/index.js";
import { typeFromFilename } from "../../src/lint.js";
import type { Diagnostic } from "../../src/diagnostic.js";

const ROOT = join(__dirname, "..", "..", "fixtures", "requests");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

export function formatRequestExpected(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${d.code} ${d.rule} ${d.message}`)
    .join("\n") + (diagnostics.length ? "\n" : "");
}

const apis = readdirSync(ROOT).filter(isApiName);

describe("request fixtures", () => {
  it("cover every API", () => {
    expect(apis.sort()).toEqual(["RedriveExecution", "StartExecution", "StartSyncExecution", "StartWorkflowExecution"]);
  });
  for (const api of apis) {
    describe(api, () => {
      const dir = join(ROOT, api);
      for (const file of readdirSync(dir).filter((f) => /\.request\.(json|ya?ml)$/.test(f))) {
        it(file, () => {
          const text = readFileSync(join(dir, file), "utf8");
          const options: RequestOptions = { filename: file };
          const optionsFile = join(dir, file.replace(/\.request\.(json|ya?ml)$/, ".options.json"));
          if (existsSync(optionsFile)) {
            const o = JSON.parse(readFileSync(optionsFile, "utf8"));
            if (o.definition) {
              options.definition = { text: readFileSync(join(dir, o.definition), "utf8"), filename: o.definition };
              options.type = o.type ?? typeFromFilename(o.definition) ?? "STANDARD";
            }
            if (o.type) options.type = o.type;
          }
          const { result, diagnostics } = checkRequest(api, text, options);
          const actual = formatRequestExpected(diagnostics);
          const expectedPath = join(dir, `${file}.expected`);
          if (UPDATE) writeFileSync(expectedPath, actual);
          expect(existsSync(expectedPath), `${api}/${file}.expected is missing: run UPDATE_FIXTURES=1 npx vitest run test/api/requests.test.ts and review it`).toBe(true);
          expect(actual).toBe(readFileSync(expectedPath, "utf8"));
          if (file.startsWith("valid")) {
            expect(result).toBe("OK");
            expect(diagnostics.filter((d) => d.severity !== "INFO")).toEqual([]);
          }
          if (file.startsWith("invalid")) expect(result).toBe("FAIL");
          if (file.startsWith("warn")) {
            expect(result).toBe("OK");
            expect(diagnostics.some((d) => d.severity === "WARNING")).toBe(true);
          }
          for (const d of diagnostics) expect(d.length ?? 0, `${d.rule} covers the whole file`).toBeLessThan(Math.max(text.length, 2));
        });
      }
    });
  }
});
