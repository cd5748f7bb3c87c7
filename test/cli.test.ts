import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { runCli } from "./helpers.js";
import { lint } from "../src/lint.js";
import { WARM_UP_SAMPLES, warmUp } from "../src/cli/warm-up.js";

const root = join(__dirname, "..");
const VALID = JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" } } }, null, 2);
const BROKEN = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "Bx" },
    "B": { "Type": "Succeed" }
  }
}
`;
const LOOP = JSON.stringify(
  { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" }, C: { Type: "Succeed" } } },
  null,
  2,
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "aslint-cli-"));
  writeFileSync(join(dir, "ok.asl.json"), VALID);
  writeFileSync(join(dir, "broken.asl.json"), BROKEN);
  writeFileSync(join(dir, "loop.json"), LOOP);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "not-a-definition" }));
  mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "dep", "x.asl.json"), BROKEN);
  mkdirSync(join(dir, "build"));
  writeFileSync(join(dir, "build", "gen.asl.json"), BROKEN);
  writeFileSync(join(dir, ".gitignore"), "build/\n");
  mkdirSync(join(dir, "yaml"));
  writeFileSync(join(dir, "yaml", "flow.yaml"), "StartAt: 'Yes'\nStates:\n  Yes:\n    Type: Succeed\n");
});

describe("CLI: formats", () => {
  it("stylish: file:line:col, severity, message, rule, code frame with caret, summary", async () => {
    const r = await runCli(["broken.asl.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.asl.json:4:36  error  Next target "Bx" does not exist in this scope. Did you mean "B"?  missing-transition-target');
    expect(r.stdout).toMatch(/> 4 \|     "A": \{ "Type": "Pass", "Next": "Bx" \},\n\s+\|\s{36}\^{4}\n/);
    expect(r.stdout).toContain("✖ 1 problem (1 error, 0 warnings) in 1 file; 1 FAIL, 0 OK");
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("stylish: colour only when asked or on a terminal", async () => {
    const r = await runCli(["broken.asl.json"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(r.stdout).toContain("\x1b[31m");
    const plain = await runCli(["--no-color", "broken.asl.json"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\x1b[");
  });

  it("json: the stable contract", async () => {
    const r = await runCli(["--format", "json", "broken.asl.json", "ok.asl.json"], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.results).toHaveLength(2);
    expect(doc.results[0]).toEqual({
      file: "broken.asl.json",
      result: "FAIL",
      diagnostics: [
        {
          rule: "missing-transition-target",
          code: "MISSING_TRANSITION_TARGET",
          severity: "ERROR",
          message: 'Next target "Bx" does not exist in this scope. Did you mean "B"?',
          location: "/States/A/Next",
          range: { start: { line: 3, character: 35 }, end: { line: 3, character: 39 } },
        },
      ],
    });
    expect(doc.results[1]).toEqual({ file: "ok.asl.json", result: "OK", diagnostics: [] });
  });

  it("aws: exactly ValidateStateMachineDefinition's response; severity and maxResults as the API", async () => {
    const r = await runCli(["--format", "aws", "loop.json"], { cwd: dir });
    const errorsOnly = JSON.parse(r.stdout);
    expect(Object.keys(errorsOnly)).toEqual(["result", "diagnostics", "truncated"]);
    expect(errorsOnly.result).toBe("FAIL");
    expect(errorsOnly.diagnostics.every((d: { severity: string }) => d.severity === "ERROR")).toBe(true);
    expect(Object.keys(errorsOnly.diagnostics[0])).toEqual(["severity", "code", "message", "location"]);
    // AWS's own answer: the unreachable state, in AWS's words; not aslint's loop warning
    expect(errorsOnly.diagnostics).toEqual([{ severity: "ERROR", code: "MISSING_TRANSITION_TARGET", message: 'State "C" is not reachable.', location: "/States/C" }]);
    // an error and a NO_DOLLAR warning: WARNING shows both, maxResults 1 the first and truncated
    writeFileSync(join(dir, "warned.json"), JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Parameters: { id: "$.id" }, Next: "Gone" } } }));
    const both = JSON.parse((await runCli(["--format", "aws", "--severity", "WARNING", "warned.json"], { cwd: dir })).stdout);
    expect(both.diagnostics.map((d: { severity: string; code: string }) => `${d.severity} ${d.code}`)).toEqual(["ERROR MISSING_TRANSITION_TARGET", "ERROR MISSING_END_STATE", "WARNING NO_DOLLAR"]);
    const r2 = await runCli(["--format", "aws", "--severity", "WARNING", "--max-results", "1", "warned.json"], { cwd: dir });
    const one = JSON.parse(r2.stdout);
    expect(one.diagnostics).toHaveLength(1);
    expect(one.truncated).toBe(true);
  });

  it("aws: several files are one JSON document naming each file", async () => {
    const r = await runCli(["--format", "aws", "loop.json", "ok.asl.json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { file: string; result: string }) => `${x.file} ${x.result}`)).toEqual(["loop.json FAIL", "ok.asl.json OK"]);
    expect(Object.keys(out.results[1])).toEqual(["file", "result", "diagnostics", "truncated"]);
    expect(r.code).toBe(1);
  });

  it("sarif and github", async () => {
    const s = await runCli(["--format", "sarif", "broken.asl.json"], { cwd: dir });
    const log = JSON.parse(s.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: "missing-transition-target", level: "error" });
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 36, endLine: 4, endColumn: 40 });
    const g = await runCli(["--format", "github", "broken.asl.json"], { cwd: dir });
    expect(g.stdout).toBe(
      '::error file=broken.asl.json,line=4,col=36,endLine=4,endColumn=40,title=aslint missing-transition-target::Next target "Bx" does not exist in this scope. Did you mean "B"?\n',
    );
  });
});

describe("CLI: exit codes and options", () => {
  it("0 when every file is OK", async () => {
    const r = await runCli(["ok.asl.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ 1 file checked: OK");
  });
  it("2 for a usage error, with a one-line reason", async () => {
    const r = await runCli(["--format", "xml", "ok.asl.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe('aslint: unknown format "xml" (expected stylish, json, aws, sarif, github, html).');
    expect((await runCli(["--nope"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["--type", "FAST", "ok.asl.json"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["--rule", "no-such-rule=off", "ok.asl.json"], { cwd: dir })).code).toBe(2);
  });
  it("2 for an unreadable path", async () => {
    const r = await runCli(["missing.asl.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('aslint: Cannot read "missing.asl.json": no such file or directory.\n');
  });
  it("--max-warnings: warnings over the limit exit 1", async () => {
    const noLoop = join(dir, "warn.asl.json");
    writeFileSync(
      noLoop,
      JSON.stringify({ StartAt: "A", States: { A: { Type: "Choice", Choices: [{ Variable: "$.x", BooleanEquals: true, Next: "B" }], Default: "A" }, B: { Type: "Pass", Next: "A" }, C: { Type: "Succeed" } } }),
    );
    const r = await runCli(["--format", "json", "--rule", "unreachable-state=off", "warn.asl.json"], { cwd: dir });
    const warnings = JSON.parse(r.stdout).results[0].diagnostics.filter((d: { severity: string }) => d.severity === "WARNING");
    expect(warnings.length).toBeGreaterThan(0);
    expect(r.code).toBe(0);
    const strict = await runCli(["--max-warnings", "0", "--rule", "unreachable-state=off", "warn.asl.json"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("exceed --max-warnings 0");
  });
  it("--quiet shows errors only; --rule changes severities", async () => {
    const quiet = await runCli(["--quiet", "--format", "json", "loop.json"], { cwd: dir });
    expect(JSON.parse(quiet.stdout).results[0].diagnostics.every((d: { severity: string }) => d.severity === "ERROR")).toBe(true);
    const off = await runCli(["--rule", "missing-transition-target=off", "broken.asl.json"], { cwd: dir });
    expect(off.stdout).not.toContain("missing-transition-target");
    const warn = await runCli(["--rule", "missing-transition-target=warn", "--format", "json", "broken.asl.json"], { cwd: dir });
    expect(JSON.parse(warn.stdout).results[0].diagnostics[0].severity).toBe("WARNING");
  });
});

describe("CLI: inputs", () => {
  it("a directory walk takes *.asl.* and sniffed definitions, skips node_modules and .gitignore'd paths", async () => {
    const r = await runCli(["--format", "json", "."], { cwd: dir });
    const files = JSON.parse(r.stdout).results.map((x: { file: string }) => x.file).sort();
    expect(files).toContain("broken.asl.json");
    expect(files).toContain("ok.asl.json");
    expect(files).toContain("loop.json");
    expect(files).toContain("yaml/flow.yaml");
    expect(files).not.toContain("package.json");
    expect(files.some((f: string) => f.includes("node_modules"))).toBe(false);
    expect(files.some((f: string) => f.startsWith("build/"))).toBe(false);
  });
  it("a file named explicitly is always linted, even when ignored", async () => {
    const r = await runCli(["--format", "json", "build/gen.asl.json"], { cwd: dir });
    expect(JSON.parse(r.stdout).results[0].file).toBe("build/gen.asl.json");
  });
  it("globs are expanded", async () => {
    const r = await runCli(["--format", "json", "*.asl.json"], { cwd: dir });
    const files = JSON.parse(r.stdout).results.map((x: { file: string }) => x.file).sort();
    expect(files).toContain("broken.asl.json");
    expect(files).toContain("ok.asl.json");
    expect(files).not.toContain("loop.json");
    expect(files.some((f: string) => f.includes("/"))).toBe(false);
  });
  it('"-" reads standard input, named by --stdin-filename (YAML 1.2: Yes stays a string)', async () => {
    const r = await runCli(["--stdin-filename", "flow.asl.yaml", "--format", "json", "-"], {
      cwd: dir,
      stdin: "StartAt: Yes\nStates:\n  Yes:\n    Type: Succeed\n",
    });
    expect(JSON.parse(r.stdout).results[0]).toEqual({ file: "flow.asl.yaml", result: "OK", diagnostics: [] });
  });
  it("the .aslintrc.json config sets rules and per-file types", async () => {
    const cdir = mkdtempSync(join(tmpdir(), "aslint-cfg-"));
    writeFileSync(join(cdir, "loop.asl.json"), LOOP);
    writeFileSync(join(cdir, ".aslintrc.json"), JSON.stringify({ rules: { "unreachable-state": "off" } }));
    const r = await runCli(["--format", "json", "loop.asl.json"], { cwd: cdir });
    expect(JSON.parse(r.stdout).results[0].diagnostics.map((d: { rule: string }) => d.rule)).not.toContain("unreachable-state");
    writeFileSync(join(cdir, ".aslintrc.json"), JSON.stringify({ rules: { "unreachable-state": "loud" } }));
    const bad = await runCli(["loop.asl.json"], { cwd: cdir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.aslintrc.json: "rules"."unreachable-state": "loud" is not a severity: use off, info, warn or error');
  });
});

describe("the built binary", () => {
  const bin = join(root, "dist", "aslint.cjs");
  // the binary's code cache goes to a directory of the test's own, not the user's ~/.cache
  const cacheHome = () => mkdtempSync(join(tmpdir(), "aslint-cache-"));
  const runBin = (args: string[], home: string) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: home, ASLINT_NO_CACHE: "" } });

  it("runs end to end", () => {
    expect(existsSync(bin), "run npm run build first (npm test does)").toBe(true);
    const home = cacheHome();
    const r = runBin(["--format", "json", join(dir, "broken.asl.json"), join(dir, "ok.asl.json")], home);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results.map((x: { result: string }) => x.result)).toEqual(["FAIL", "OK"]);
    const v = runBin(["--version"], home);
    expect(v.stdout).toMatch(/^aslint \d+\.\d+\.\d+\n$/);
  });

  const SYNTAX = new Set(["invalid-json", "invalid-yaml", "empty-definition", "not-text", "too-deeply-nested", "not-an-object"]);
  it("stops quietly when the reader of its output goes away (aslint | head)", async () => {
    const home = cacheHome();
    const child = spawn(process.execPath, [bin, dir], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, XDG_CACHE_HOME: home } });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise((done) => child.on("close", done));
    // the lint's own verdict (a FAIL among the files), and no EPIPE stack trace
    expect(stderr).toBe("");
    expect(code).toBe(1);
  });

  it("warms the code cache up with both query languages, JSON and YAML, and findings to report", () => {
    // the loader compiles the linter by running these before it writes the cache: a sample that
    // no longer parses, or finds nothing, would leave code out of every later run's cache
    expect(WARM_UP_SAMPLES.some((s) => s.text.includes('"QueryLanguage": "JSONata"'))).toBe(true);
    expect(WARM_UP_SAMPLES.some((s) => /\.ya?ml$/.test(s.file))).toBe(true);
    for (const s of WARM_UP_SAMPLES) {
      const { diagnostics } = lint(s.text, { filename: s.file, type: s.type });
      expect(diagnostics.filter((d) => SYNTAX.has(d.rule)), s.file).toEqual([]);
      expect(diagnostics.length, s.file).toBeGreaterThan(0);
    }
    expect(() => warmUp()).not.toThrow();
  });
});
