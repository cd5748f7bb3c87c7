/**
 * Fixes: every fix a fixture's finding offers (the language server's quick fixes) removes that
 * finding; `aslint --fix` applies the safe ones only, adds no finding, changes nothing on a
 * second run and never touches a file that does not parse; `--fix-dry-run` prints the same
 * change as a unified diff.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { lint, type LintOptions } from "../src/lint.js";
import { applyFixes } from "../src/parse/edits.js";
import { rules } from "../src/rules/index.js";
import { definitionLinter, fixText, safeFixes } from "../src/cli/fix.js";
import { unifiedDiff } from "../src/cli/diff.js";
import { runCli } from "./helpers.js";

const FIXTURES = join(__dirname, "..", "fixtures");
const CASE = /\.(json|ya?ml|asl)$/;
const ruleIds = new Set(rules.map((r) => r.meta.id));

/** The definition fixtures: fixtures/<rule-id>/*, as test/fixtures.test.ts lints them. */
function fixtures(): { name: string; text: string; options: LintOptions }[] {
  const out: { name: string; text: string; options: LintOptions }[] = [];
  for (const dir of readdirSync(FIXTURES).filter((d) => ruleIds.has(d) && statSync(join(FIXTURES, d)).isDirectory())) {
    for (const file of readdirSync(join(FIXTURES, dir)).filter((f) => CASE.test(f))) {
      out.push({ name: `${dir}/${file}`, text: readFileSync(join(FIXTURES, dir, file), "utf8"), options: { filename: file } });
    }
  }
  return out;
}

const all = fixtures();
const same = (a: { rule: string; location: string; message: string }, b: { rule: string; location: string; message: string }) => a.rule === b.rule && a.location === b.location && a.message === b.message;

describe("every fixture's fixes", () => {
  it("each fix offered removes the finding it is offered for", () => {
    let fixes = 0;
    const failures: string[] = [];
    for (const { name, text, options } of all) {
      const before = lint(text, options).diagnostics;
      for (const d of before) {
        for (const fix of d.fixes ?? []) {
          fixes++;
          const after = lint(applyFixes(text, [fix]).text, options).diagnostics;
          if (after.some((x) => same(x, d))) failures.push(`${name}: ${d.rule} at ${d.location}: "${fix.title}" leaves it`);
        }
      }
    }
    expect(failures).toEqual([]);
    // the fixtures hold well over a hundred fixes; fewer means this test lost its input
    expect(fixes).toBeGreaterThan(150);
  });

  it("--fix: the safe fixes remove their findings, add none, and a second run changes nothing", () => {
    let fixedFiles = 0;
    const failures: string[] = [];
    for (const { name, text, options } of all) {
      const before = lint(text, options).diagnostics;
      const safe = before.filter((d) => d.fixes?.some((f) => f.safe));
      const { text: fixed, applied } = fixText(text, definitionLinter(options));
      if (safe.length === 0) {
        if (fixed !== text) failures.push(`${name}: changed without a safe fix`);
        continue;
      }
      fixedFiles++;
      expect(applied, name).toBeGreaterThan(0);
      const after = lint(fixed, options).diagnostics;
      for (const d of safe) if (after.some((x) => same(x, d))) failures.push(`${name}: ${d.rule} at ${d.location} is still there`);
      for (const x of after) if (!before.some((d) => d.rule === x.rule && d.message === x.message)) failures.push(`${name}: the fix added ${x.rule}: ${x.message}`);
      expect(fixText(fixed, definitionLinter(options)).text, `${name}: a second --fix changes it again`).toBe(fixed);
    }
    expect(failures).toEqual([]);
    // next-or-end, unmatched-error, timestamp and payload-template fixtures have safe fixes
    expect(fixedFiles).toBeGreaterThanOrEqual(4);
  });

  it("a file that does not parse is never changed", () => {
    const broken = all.filter(({ text, options }) => lint(text, options).diagnostics.some((d) => ["invalid-json", "invalid-yaml", "duplicate-key", "json-comment", "trailing-comma"].includes(d.rule)));
    expect(broken.length).toBeGreaterThan(5);
    // with a safe fix planted next to the syntax error
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B", "End": false },\n    "B": { "Type": "Succeed", }\n  }\n}\n';
    expect(safeFixes(lint(text).diagnostics).length).toBe(1);
    expect(fixText(text, definitionLinter({})).text).toBe(text);
    for (const { name, text: t, options } of broken) expect(fixText(t, definitionLinter(options)).text, name).toBe(t);
  });

  it("only safe fixes are applied: a guess at a state name is not", () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Procss"},"Process":{"Type":"Succeed"}}}';
    const d = lint(text).diagnostics.find((x) => x.rule === "missing-transition-target")!;
    expect(d.fixes?.length).toBe(1);
    expect(fixText(text, definitionLinter({})).text).toBe(text);
  });
});

describe("unifiedDiff", () => {
  it("is a patch that git applies, from random edits of random lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-diff-"));
    spawnSync("git", ["init", "-q"], { cwd: dir });
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let checked = 0;
    for (let t = 0; t < 60; t++) {
      const a = Array.from({ length: Math.floor(rnd() * 40) }, () => `line ${Math.floor(rnd() * 8)}\n`);
      const b = a.filter(() => rnd() > 0.15).flatMap((l) => (rnd() > 0.85 ? [l, `new ${Math.floor(rnd() * 4)}\n`] : [l]));
      const before = a.join("");
      const after = rnd() > 0.7 ? b.join("").replace(/\n$/, "") : b.join("");
      if (before === after) continue;
      writeFileSync(join(dir, "f.txt"), before);
      writeFileSync(join(dir, "p.diff"), unifiedDiff("f.txt", before, after));
      const r = spawnSync("git", ["apply", "p.diff"], { cwd: dir, encoding: "utf8" });
      expect(r.stderr, unifiedDiff("f.txt", before, after)).toBe("");
      expect(readFileSync(join(dir, "f.txt"), "utf8")).toBe(after);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
    expect(unifiedDiff("x", "same\n", "same\n")).toBe("");
  });
});

describe("aslint --fix and --fix-dry-run", () => {
  const JSON_TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B", "End": false },\n    "B": { "Type": "Succeed" }\n  }\n}\n';
  const YAML_TEXT = 'StartAt: W\nStates:\n  W:\n    Type: Wait\n    Timestamp: "2024-05-01 12:00:00Z"\n    End: true\n';
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-fix-"));
    writeFileSync(join(dir, "a.asl.json"), JSON_TEXT);
    writeFileSync(join(dir, "w.asl.yaml"), YAML_TEXT);
    writeFileSync(join(dir, "broken.asl.json"), JSON_TEXT.replace('"Succeed" }', '"Succeed", }'));
    return dir;
  };

  it("--fix-dry-run prints the diff, writes nothing, and reports what would remain", async () => {
    const dir = setup();
    const r = await runCli(["--fix-dry-run", "."], { cwd: dir });
    expect(r.stdout).toContain('--- a/a.asl.json\n+++ b/a.asl.json\n@@ -1,7 +1,7 @@\n {\n   "StartAt": "A",\n   "States": {\n-    "A": { "Type": "Pass", "Next": "B", "End": false },\n+    "A": { "Type": "Pass", "Next": "B" },\n');
    expect(r.stdout).toContain('-    Timestamp: "2024-05-01 12:00:00Z"\n+    Timestamp: "2024-05-01T12:00:00Z"\n');
    expect(r.stdout).not.toContain("+++ b/broken.asl.json");
    expect(readFileSync(join(dir, "a.asl.json"), "utf8")).toBe(JSON_TEXT);
    // the report is of the fixed texts: only the broken file's findings remain
    expect(r.stdout).not.toMatch(/^(a\.asl\.json|w\.asl\.yaml):/m);
    expect(r.stdout).toMatch(/^broken\.asl\.json:5:\d+ +error .*trailing-comma$/m);
    expect(r.code).toBe(1);
  });

  it("--fix writes what --fix-dry-run showed; a second run changes nothing", async () => {
    const dir = setup();
    // with the report in a file, standard output is the diff alone
    const dry = await runCli(["--fix-dry-run", "--format", "json", "-o", "report.json", "a.asl.json", "w.asl.yaml"], { cwd: dir });
    const check = mkdtempSync(join(tmpdir(), "aslint-fix-apply-"));
    for (const f of ["a.asl.json", "w.asl.yaml"]) writeFileSync(join(check, f), readFileSync(join(dir, f)));
    spawnSync("git", ["init", "-q"], { cwd: check });
    writeFileSync(join(check, "p.diff"), dry.stdout);
    expect(spawnSync("git", ["apply", "p.diff"], { cwd: check, encoding: "utf8" }).stderr).toBe("");
    const r = await runCli(["--fix", "a.asl.json", "w.asl.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("✔ 2 files checked: OK\n");
    for (const f of ["a.asl.json", "w.asl.yaml"]) expect(readFileSync(join(dir, f), "utf8")).toBe(readFileSync(join(check, f), "utf8"));
    const again = await runCli(["--fix-dry-run", "a.asl.json", "w.asl.yaml"], { cwd: dir });
    expect(again.stdout).toBe("✔ 2 files checked: OK\n");
  });

  it("--fix leaves a file that does not parse as it is", async () => {
    const dir = setup();
    const before = readFileSync(join(dir, "broken.asl.json"), "utf8");
    const r = await runCli(["--fix", "broken.asl.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, "broken.asl.json"), "utf8")).toBe(before);
    expect(existsSync(join(dir, "broken.asl.json"))).toBe(true);
  });

  it("usage errors: --fix with standard input, --fix-dry-run with a machine format on standard output", async () => {
    const dir = setup();
    const stdin = await runCli(["--fix", "-"], { cwd: dir, stdin: JSON_TEXT });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("--fix cannot write standard input back");
    const json = await runCli(["--fix-dry-run", "--format", "json", "a.asl.json"], { cwd: dir });
    expect(json.code).toBe(2);
    const toFile = await runCli(["--fix-dry-run", "--format", "json", "-o", "out/report.json", "a.asl.json"], { cwd: dir });
    expect(toFile.stdout.startsWith("--- a/a.asl.json\n")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")).results[0]).toEqual({ file: "a.asl.json", result: "OK", diagnostics: [] });
  });
});
