/**
 * Fixture-driven rule tests. Each case under fixtures/<rule-id>/ is a definition file
 * (`*.json`, `*.yaml`, `*.yml`; `*.express.asl.json` lints as EXPRESS) with its expected
 * diagnostics beside it in `<file>.expected`: one `line:col-endLine:endCol severity rule message`
 * per line (1-based). Cases named `invalid*` must produce a diagnostic of their rule; cases
 * named `valid*` must produce none of it.
 * Regenerate with `UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts` and review the diff;
 * a case without its `.expected` fails until then.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { inputExamples } from "../src/cli/input-examples.js";
import { join } from "node:path";
import { lint } from "../src/lint.js";
import { lintSource } from "../src/lint-sources.js";
import { sourcesOf } from "../src/sources/index.js";
import { rules } from "../src/rules/index.js";
import type { Diagnostic } from "../src/diagnostic.js";

const ROOT = join(__dirname, "..", "fixtures");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

export function formatExpected(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${d.rule} ${d.message}`)
    .join("\n") + (diagnostics.length ? "\n" : "");
}

const CASE = /\.(json|ya?ml|asl)$/;
/** `<case>.input.json`: the input example of a case (the data-flow rule follows it), not a case. */
const isCase = (f: string) => CASE.test(f) && !f.endsWith(".input.json");
const ruleIds = new Set(rules.map((r) => r.meta.id));
// rule folders only: fixtures/requests and fixtures/server belong to their own tests
const dirs = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => ruleIds.has(d) && statSync(join(ROOT, d)).isDirectory()) : [];

/** A definition is linted as it is; a template (the template cross-check rules' cases), through its sources. */
function lintFixture(text: string, file: string, inputs: unknown[] | undefined): { diagnostics: Diagnostic[] } {
  const sources = sourcesOf(file, text, { readFile: () => undefined });
  if (sources.length === 1 && sources[0].kind === "asl") return lint(text, { filename: file, inputs });
  const diagnostics = sources.flatMap((s) => lintSource(s, { type: s.type }).filter((r) => r.file === file).flatMap((r) => r.diagnostics));
  return { diagnostics: diagnostics.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0)) };
}

describe("fixtures", () => {
  for (const dir of dirs) {
    const files = readdirSync(join(ROOT, dir)).filter(isCase);
    describe(dir, () => {
      for (const file of files) {
        it(file, () => {
          const path = join(ROOT, dir, file);
          const text = readFileSync(path, "utf8");
          const { diagnostics } = lintFixture(text, file, inputExamples(path));
          const actual = formatExpected(diagnostics);
          const expectedPath = `${path}.expected`;
          if (UPDATE) writeFileSync(expectedPath, actual);
          expect(existsSync(expectedPath), `${dir}/${file}.expected is missing: run UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts and review it`).toBe(true);
          expect(actual).toBe(readFileSync(expectedPath, "utf8"));
          const own = diagnostics.filter((d) => d.rule === dir);
          if (file.startsWith("invalid")) expect(own.length, `${file} should trigger ${dir}`).toBeGreaterThan(0);
          if (file.startsWith("valid")) expect(own, `${file} should not trigger ${dir}`).toEqual([]);
          for (const d of diagnostics) {
            // on the key or value at fault: never the whole document
            expect(d.length, `${d.rule} at ${d.location} covers the whole file`).toBeLessThan(Math.max(text.length, 2));
          }
        });
      }
    });
  }
});

describe("every rule has fixtures", () => {
  for (const rule of rules) {
    it(rule.meta.id, () => {
      const dir = join(ROOT, rule.meta.id);
      expect(existsSync(dir), `fixtures/${rule.meta.id}/ is missing`).toBe(true);
      const files = readdirSync(dir).filter(isCase);
      expect(files.some((f) => f.startsWith("invalid")), "needs an invalid* case").toBe(true);
      if (!["not-text", "empty-definition", "byte-order-mark", "too-deeply-nested", "invalid-json", "invalid-yaml", "definition-size"].includes(rule.meta.id)) {
        expect(files.some((f) => f.startsWith("valid")), "needs a valid* case").toBe(true);
      }
    });
  }
});
