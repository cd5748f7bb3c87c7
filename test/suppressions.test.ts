/**
 * Adopting aslint gradually: inline `# aslint-disable-next-line` comments (YAML), `"suppressions"`
 * in .aslintrc.json (by location, for JSON), the bulk file of known findings (`--suppress-all`,
 * `--prune-suppressions`), and unused suppressions reported as WARNINGs.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lint } from "../src/lint.js";
import { locationSegments } from "../src/suppress.js";
import { runCli } from "./helpers.js";

const YAML = `StartAt: A
States:
  A:
    Type: Pass
    # aslint-disable-next-line missing-transition-target -- B is added by the deploy script
    Next: Bx
  # aslint-disable-next-line unreachable-state
  # (a second comment line between the directive and its line)
  C:
    Type: Succeed
`;

const findings = (text: string, filename = "flow.asl.yaml") => lint(text, { filename, suppressions: [] }).diagnostics.map((d) => `${d.range.start.line + 1} ${d.rule} ${d.severity}`);

describe("inline: # aslint-disable-next-line", () => {
  it("silences the named rules on the next line that is not blank or a comment (lint: when asked, with suppressions)", () => {
    expect(lint(YAML, { filename: "flow.asl.yaml" }).diagnostics.map((d) => d.rule)).toEqual(["missing-transition-target", "unreachable-state"]);
    expect(findings(YAML.replace(/ *#.*\n/g, ""))).toEqual(["5 missing-transition-target ERROR", "6 unreachable-state ERROR"]);
    const r = lint(YAML, { filename: "flow.asl.yaml", suppressions: [] });
    expect(r.diagnostics).toEqual([]);
    expect(r.result).toBe("OK");
    expect(r.suppressed?.map((d) => [d.rule, d.suppressedBy, d.reason])).toEqual([
      ["missing-transition-target", "inline", "B is added by the deploy script"],
      ["unreachable-state", "inline", undefined],
    ]);
  });

  it("without rule ids it silences every rule on that line; other lines and rules are not touched", () => {
    expect(findings(YAML.replace("missing-transition-target -- B is added by the deploy script", ""))).toEqual([]);
    expect(findings(YAML.replace("# aslint-disable-next-line missing-transition-target", "# aslint-disable-next-line unreachable-state"))).toEqual([
      "5 unused-suppression WARNING",
      "6 missing-transition-target ERROR",
    ]);
  });

  it("a directive that silences nothing, names an unknown rule, or has no line after it is a WARNING", () => {
    const r = lint(YAML.replace("Next: Bx", "Next: C").replace("unreachable-state\n", "unreachable-stat\n") + "# aslint-disable-next-line\n", { filename: "flow.asl.yaml", suppressions: [] });
    expect(r.diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.rule, d.severity, d.message])).toEqual([
      [5, 5, "unused-suppression", "WARNING", 'Nothing to suppress: no "missing-transition-target" on line 6. Remove this aslint-disable-next-line comment.'],
      [7, 3, "unused-suppression", "WARNING", 'Unknown rule "unreachable-stat" in this aslint-disable-next-line comment; did you mean "unreachable-state"?'],
      [11, 1, "unused-suppression", "WARNING", "This aslint-disable-next-line comment has no line after it to apply to; remove it."],
    ]);
    // each rule a directive names must have silenced something
    const partly = lint(YAML.replace("unreachable-state\n", "unreachable-state, next-or-end\n"), { filename: "flow.asl.yaml", suppressions: [] });
    expect(partly.diagnostics.map((d) => d.message)).toEqual(['Nothing to suppress: no "next-or-end" on line 9. Remove it from this aslint-disable-next-line comment.']);
    // the warning is a rule setting like any other
    expect(lint(YAML.replace("Next: Bx", "Next: C"), { filename: "f.asl.yaml", suppressions: [], rules: { "unused-suppression": "off" } }).diagnostics).toEqual([]);
    expect(lint(YAML.replace("Next: Bx", "Next: C"), { filename: "f.asl.yaml", suppressions: [], rules: { "unused-suppression": "error" } }).result).toBe("FAIL");
  });

  it("unused-suppression is a rule setting: --rule, --list-rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-unused-"));
    writeFileSync(join(dir, "f.asl.yaml"), YAML.replace("Next: Bx", "Next: C"));
    expect((await runCli(["f.asl.yaml"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["--rule", "unused-suppression=error", "f.asl.yaml"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["--format", "json", "--rule", "unused-suppression=off", "f.asl.yaml"], { cwd: dir })).stdout).toContain('"diagnostics":[]');
    expect((await runCli(["--list-rules"], { cwd: dir })).stdout).toMatch(/\nSuppressions \(comments, \.aslintrc\.json, the bulk suppressions file\):\nunused-suppression +WARNING +A suppression/);
  });

  it("JSON has no comments: a # in a JSON definition is a syntax error, not a directive", () => {
    const json = '{\n  "StartAt": "A",\n  # aslint-disable-next-line\n  "States": { "A": { "Type": "Succeed" } }\n}';
    expect(lint(json, { filename: "f.asl.json" }).diagnostics.map((d) => d.rule)).toContain("invalid-json");
  });
});

describe('.aslintrc.json "suppressions": by file and location', () => {
  it("locations are AWS's slash paths or JSON pointers", () => {
    expect(locationSegments("/States/Check/Choices[0]/Next")).toEqual(["States", "Check", "Choices", "0", "Next"]);
    expect(locationSegments("/States/Check/Choices/0/Next")).toEqual(["States", "Check", "Choices", "0", "Next"]);
    expect(locationSegments("/States/a~1b~0c")).toEqual(["States", "a/b~c"]);
    expect(locationSegments("/")).toEqual([]);
  });

  const DEF = JSON.stringify({ StartAt: "A", States: { A: { Type: "Choice", Choices: [{ Variable: "$.x", BooleanEquals: true, Next: "Bx" }], Default: "Cx" }, B: { Type: "Succeed" }, C: { Type: "Succeed" } } }, null, 2);

  it("an entry covers its location and what lies under it, for the rule it names, in the files it names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-supp-"));
    mkdirSync(join(dir, "legacy"));
    writeFileSync(join(dir, "legacy", "old.asl.json"), DEF);
    writeFileSync(join(dir, "new.asl.json"), DEF);
    writeFileSync(
      join(dir, ".aslintrc.json"),
      JSON.stringify({
        suppressions: [
          { files: "legacy/**", location: "/States/A/Choices/0", rule: "missing-transition-target", reason: "B is renamed in a later change" },
          { files: ["legacy/*.asl.json"], location: "/States/A/Default", rules: ["missing-transition-target"] },
          { files: "legacy/**", location: "/States/Z", rule: "unreachable-state" },
        ],
      }, null, 2),
    );
    const r = await runCli(["--format", "json", "."], { cwd: dir });
    const results = Object.fromEntries(JSON.parse(r.stdout).results.map((x: { file: string; diagnostics: { rule: string; location: string; range: { start: { line: number } } }[] }) => [x.file, x.diagnostics.map((d) => `${d.location} ${d.rule}`)]));
    expect(results).toEqual({
      "legacy/old.asl.json": [],
      "new.asl.json": ["/States/A/Choices[0]/Next missing-transition-target", "/States/A/Default missing-transition-target"],
      // the third entry matched legacy/old.asl.json and silenced nothing: reported where it is written
      ".aslintrc.json": ["/suppressions[2] unused-suppression"],
    });
    const config = JSON.parse(r.stdout).results.find((x: { file: string }) => x.file === ".aslintrc.json");
    // on the entry itself: the third object of the list (line 18 of the file)
    expect(config.diagnostics[0].range.start.line + 1).toBe(18);
    expect(r.code).toBe(1);
  });
});

describe("the bulk suppressions file", () => {
  const OLD = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" }, B: { Type: "Succeed" }, Orphan: { Type: "Succeed" } } }, null, 2);

  function repo() {
    const dir = mkdtempSync(join(tmpdir(), "aslint-bulk-"));
    mkdirSync(join(dir, "flows"));
    writeFileSync(join(dir, "flows", "old.asl.json"), OLD);
    writeFileSync(join(dir, "flows", "gone.asl.json"), OLD);
    return dir;
  }

  it("--suppress-all records the findings by file, rule and location; the next run passes", async () => {
    const dir = repo();
    const first = await runCli(["--suppress-all", "flows"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "aslint-suppressions.json"), "utf8"))).toEqual({
      version: 1,
      files: {
        "flows/gone.asl.json": { "missing-transition-target": { "/States/A/Next": 1 }, "unreachable-state": { "/States/B": 1, "/States/Orphan": 1 } },
        "flows/old.asl.json": { "missing-transition-target": { "/States/A/Next": 1 }, "unreachable-state": { "/States/B": 1, "/States/Orphan": 1 } },
      },
    });
    const again = await runCli(["flows"], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: "✔ 2 files checked: OK\n", stderr: "" });
  });

  it("unrelated edits keep the entries; a new finding still fails", async () => {
    const dir = repo();
    await runCli(["--suppress-all", "flows"], { cwd: dir });
    // a state added before the others, lines moved: the entries still match
    const edited = OLD.replace('"States": {', '"States": {\n    "New": { "Type": "Pass", "Next": "Nowhere" },').replace('"StartAt": "A"', '"StartAt": "New"').replace('"Type": "Pass", "Next": "Missing"', '"Type": "Pass", "Next": "Missing", "Comment": "x"');
    writeFileSync(join(dir, "flows", "old.asl.json"), edited);
    const r = await runCli(["--format", "json", "flows/old.asl.json"], { cwd: dir });
    expect(JSON.parse(r.stdout).results[0].diagnostics.map((d: { location: string; rule: string }) => `${d.location} ${d.rule}`)).toEqual(["/States/New/Next missing-transition-target", "/States/A unreachable-state"]);
    expect(r.code).toBe(1);
  });

  it("more findings at a location than its count: all of them are reported", async () => {
    const dir = repo();
    await runCli(["--suppress-all", "flows/old.asl.json"], { cwd: dir });
    const bulk = JSON.parse(readFileSync(join(dir, "aslint-suppressions.json"), "utf8"));
    expect(bulk.files["flows/old.asl.json"]["missing-transition-target"]).toEqual({ "/States/A/Next": 1 });
    bulk.files["flows/old.asl.json"]["unreachable-state"] = { "/States/B": 1 };
    writeFileSync(join(dir, "aslint-suppressions.json"), JSON.stringify(bulk));
    const r = await runCli(["--format", "json", "flows/old.asl.json"], { cwd: dir });
    expect(JSON.parse(r.stdout).results[0].diagnostics.map((d: { location: string }) => d.location)).toEqual(["/States/Orphan"]);
  });

  it("entries that no longer occur are WARNINGs in the file; --prune-suppressions drops them", async () => {
    const dir = repo();
    await runCli(["--suppress-all", "flows"], { cwd: dir });
    writeFileSync(join(dir, "flows", "old.asl.json"), OLD.replace('"Next": "Missing"', '"Next": "B"'));
    rmSync(join(dir, "flows", "gone.asl.json"));
    const r = await runCli(["--format", "json", "flows"], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const bulk = doc.results.find((x: { file: string }) => x.file === "aslint-suppressions.json");
    expect(bulk.diagnostics.map((d: { severity: string; message: string; range: { start: { line: number } } }) => [d.severity, d.range.start.line + 1, d.message])).toEqual([
      ["WARNING", 6, "Suppressed, but flows/gone.asl.json is gone. Run aslint --prune-suppressions to drop it."],
      ["WARNING", 9, "Suppressed, but flows/gone.asl.json is gone. Run aslint --prune-suppressions to drop it."],
      ["WARNING", 10, "Suppressed, but flows/gone.asl.json is gone. Run aslint --prune-suppressions to drop it."],
      ["WARNING", 15, 'Suppressed, but no "missing-transition-target" finding at /States/A/Next in flows/old.asl.json any more. Run aslint --prune-suppressions to drop it.'],
      // A -> B now: B is reachable
      ["WARNING", 18, 'Suppressed, but no "unreachable-state" finding at /States/B in flows/old.asl.json any more. Run aslint --prune-suppressions to drop it.'],
    ]);
    expect((await runCli(["--max-warnings", "0", "flows"], { cwd: dir })).code).toBe(1);
    const pruned = await runCli(["--prune-suppressions", "flows"], { cwd: dir });
    expect(pruned.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "aslint-suppressions.json"), "utf8"))).toEqual({
      version: 1,
      files: { "flows/old.asl.json": { "unreachable-state": { "/States/Orphan": 1 } } },
    });
    expect((await runCli(["flows"], { cwd: dir })).stdout).toBe("✔ 1 file checked: OK\n");
  });

  it("--suppress-rule records one rule; --suppressions-location picks the file; a broken file is a usage error", async () => {
    const dir = repo();
    await runCli(["--suppress-rule", "unreachable-state", "--suppressions-location", "ci/known.json", "flows/old.asl.json"], { cwd: dir });
    expect(existsSync(join(dir, "aslint-suppressions.json"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "ci", "known.json"), "utf8")).files).toEqual({ "../flows/old.asl.json": { "unreachable-state": { "/States/B": 1, "/States/Orphan": 1 } } });
    const r = await runCli(["--format", "json", "--suppressions-location", "ci/known.json", "flows/old.asl.json"], { cwd: dir });
    expect(JSON.parse(r.stdout).results[0].diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["missing-transition-target"]);
    writeFileSync(join(dir, "ci", "known.json"), '{"version": 2}');
    const bad = await runCli(["--suppressions-location", "ci/known.json", "flows"], { cwd: dir });
    expect(bad.code).toBe(2);
    // named as the run's directory sees it
    expect(bad.stderr).toMatch(/^aslint: ci\/known\.json: "version" must be 1/m);
    expect((await runCli(["--suppress-rule", "no-such-rule", "flows"], { cwd: dir })).code).toBe(2);
  });
});

describe("templates: suppressions and fixes over every state machine of the file", () => {
  const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  First:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A:
            Type: Pass
            # aslint-disable-next-line missing-transition-target -- added by a later change
            Next: Missing
  Second:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: B
        States:
          B:
            Type: Pass
            Next: C
            End: false
          C:
            # aslint-disable-next-line unreachable-state
            Type: Succeed
`;

  it("a comment in a template silences its line; one that silences nothing is reported once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-template-supp-"));
    writeFileSync(join(dir, "template.yaml"), TEMPLATE);
    const r = await runCli(["--format", "json", "template.yaml"], { cwd: dir });
    const found = JSON.parse(r.stdout).results.flatMap((x: { diagnostics: { rule: string; range: { start: { line: number } } }[] }) => x.diagnostics.map((d) => `${d.range.start.line + 1} ${d.rule}`));
    // missing-transition-target on line 12 is silenced; the directive above C (reachable) is unused
    expect(found.sort()).toEqual(["22 next-or-end", "24 unused-suppression"]);
  });

  it("--fix applies the safe fixes inside a template's definitions; a second run changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-template-fix-"));
    writeFileSync(join(dir, "template.yaml"), TEMPLATE);
    const dry = await runCli(["--fix-dry-run", "template.yaml"], { cwd: dir });
    expect(dry.stdout).toContain("--- a/template.yaml\n+++ b/template.yaml\n");
    expect(dry.stdout).toContain("             Next: C\n-            End: false\n");
    await runCli(["--fix", "template.yaml"], { cwd: dir });
    expect(readFileSync(join(dir, "template.yaml"), "utf8")).toBe(TEMPLATE.replace("            End: false\n", ""));
    const again = await runCli(["--fix-dry-run", "template.yaml"], { cwd: dir });
    expect(again.stdout).not.toContain("--- a/");
  });
});
