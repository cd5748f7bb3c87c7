/** The CLI on templates: discovery by content, one result per source, exit 2 on a path with no definition, substitutions. */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers.js";

let dir: string;
const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  First:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionUri: statemachine/first.asl.json
      DefinitionSubstitutions:
        Wait: 5
  Second:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: {Type: Pass, Next: Missing}
`;
const FIRST = `{
  "StartAt": "W",
  "States": {
    "W": { "Type": "Wait", "Seconds": \${Wait}, "End": true }
  }
}
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "aslint-templates-"));
  mkdirSync(join(dir, "infra", "statemachine"), { recursive: true });
  writeFileSync(join(dir, "infra", "template.yaml"), SAM);
  writeFileSync(join(dir, "infra", "statemachine", "first.asl.json"), FIRST);
  mkdirSync(join(dir, "empty"));
  writeFileSync(join(dir, "empty", "config.yaml"), "name: x\n");
  writeFileSync(join(dir, "empty", "bucket.yaml"), "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
  writeFileSync(join(dir, "subs.yaml"), "Wait: ten\n");
});

describe("CLI on templates", () => {
  it("a directory of templates: found by content, one result per source, each naming it", async () => {
    const r = await runCli(["--format", "json", "infra"], { cwd: dir });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).results as { file: string; source?: { kind: string; name: string; template: string; type: string | null }; diagnostics: { rule: string; range: { start: { line: number } } }[] }[];
    // the DefinitionUri file is linted once, as the template's First (EXPRESS, with its substitutions)
    expect(results.map((x) => [x.file, x.source?.name, x.source?.type])).toEqual([
      ["infra/statemachine/first.asl.json", "First", "EXPRESS"],
      ["infra/template.yaml", "Second", null],
    ]);
    expect(results[0].source?.template).toBe("infra/template.yaml");
    expect(results[0].diagnostics.filter((d) => d.rule === "invalid-json")).toEqual([]);
    expect(results[1].diagnostics.map((d) => [d.rule, d.range.start.line + 1])).toEqual([["missing-transition-target", 16]]);
  });

  it("stylish shows the template's own lines", async () => {
    const r = await runCli(["infra/template.yaml"], { cwd: dir });
    expect(r.stdout).toContain("infra/template.yaml:16:");
    expect(r.stdout).toContain("A: {Type: Pass, Next: Missing}");
  });

  it("a path that holds no definition is exit 2 with one line, unless --no-error-on-empty", async () => {
    const r = await runCli(["empty"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("empty: no state machine definition found");
    const file = await runCli(["empty/bucket.yaml"], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("no AWS::StepFunctions::StateMachine");
    const allowed = await runCli(["--no-error-on-empty", "empty"], { cwd: dir });
    expect(allowed.code).toBe(0);
  });

  it("--substitution fills placeholders in as at deploy time", async () => {
    const ok = await runCli(["--format", "json", "--substitution", "Wait=10", "infra/statemachine/first.asl.json"], { cwd: dir });
    expect(JSON.parse(ok.stdout).results[0].diagnostics).toEqual([]);
    const bad = await runCli(["--format", "json", "--substitutions", "subs.yaml", "infra/statemachine/first.asl.json"], { cwd: dir });
    const d = JSON.parse(bad.stdout).results[0].diagnostics;
    expect(d.map((x: { rule: string }) => x.rule)).toContain("invalid-json");
    // located on the placeholder in the file
    expect(d.find((x: { rule: string }) => x.rule === "invalid-json").range.start).toEqual({ line: 3, character: 38 });
    const usage = await runCli(["--substitution", "nokey", "infra"], { cwd: dir });
    expect(usage.code).toBe(2);
  });
});

describe("examples/templates", () => {
  it("each example holds one planted mistake, shown in the template", async () => {
    const root = join(__dirname, "..", "..");
    const r = await runCli(["--format", "json", "examples/templates"], { cwd: root });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).results as { file: string; source?: { kind: string }; diagnostics: { rule: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
    const errors = results.flatMap((x) => x.diagnostics.filter((d) => d.severity === "ERROR").map((d) => ({ file: x.file, kind: x.source?.kind, ...d })));
    const { readFileSync } = await import("node:fs");
    const at = (e: (typeof errors)[number]) => readFileSync(join(root, e.file), "utf8").split("\n")[e.range.start.line].slice(e.range.start.character);
    expect(errors.map((e) => [e.file, e.kind, e.rule])).toEqual([
      ["examples/templates/cdk.out/OrdersStack.template.json", "cloudformation", "unknown-field"],
      ["examples/templates/sam/template.yaml", "sam", "reference-type"],
      ["examples/templates/serverless/serverless.yml", "serverless", "invalid-value"],
      ["examples/templates/terraform/main.tf", "terraform", "heartbeat-timeout"],
    ]);
    expect(errors.map(at).map((s) => s.slice(0, 18))).toEqual(['\\"ResultSelectr\\":', "!Ref ChargeFunctio", "Wiat", "600"]);
  });
});
