/**
 * `--format sarif`: valid against the SARIF 2.1.0 JSON Schema (test/schemas, with its licence),
 * and what GitHub code scanning wants: rule help and helpUri, the tool's informationUri,
 * repository-relative URIs under originalUriBaseIds, stable fingerprints, the fixes. And
 * `--output-file` for every format.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { runCli } from "./helpers.js";
import { FORMATS } from "../src/format/index.js";

const schema = JSON.parse(readFileSync(join(__dirname, "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));
// draft-04 spells $id "id"; nothing else it uses differs from draft-07 (see test/schemas/README.md)
schema.$id = schema.id;
delete schema.id;
delete schema.$schema;
// unicodeRegExp: false, as a draft-04 validator reads patterns: the language pattern has a stray "]" that the u flag rejects
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const BROKEN = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Bx", "End": false },\n    "B": { "Type": "Succeed" }\n  }\n}\n';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "aslint sarif-"));
  mkdirSync(join(dir, ".git"));
  mkdirSync(join(dir, "flows", "a b"), { recursive: true });
  writeFileSync(join(dir, "flows", "a b", "broken.asl.json"), BROKEN);
  writeFileSync(join(dir, "flows", "x.asl.yaml"), "StartAt: A\nStates:\n  A:\n    Type: Pass\n    # aslint-disable-next-line\n    End: true\n");
  writeFileSync(join(dir, "r.json"), JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x", inptu: "{}" }));
  return dir;
}

describe("SARIF", () => {
  it("is valid SARIF 2.1.0, with help, helpUri, informationUri, repository-relative URIs, fingerprints and fixes", async () => {
    const dir = repo();
    // run from a subdirectory: URIs are still relative to the repository's root
    const r = await runCli(["--format", "sarif", "."], { cwd: join(dir, "flows") });
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: pathToFileURL(dir).href + "/" } });
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(["missing-transition-target", "next-or-end", "unused-suppression"]);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*#${rule.id}$`));
      expect(rule.help.text.length).toBeGreaterThan(40);
      expect(rule.help.markdown).toContain(`](${rule.helpUri})`);
    }
    const [target, nextOrEnd] = run.results;
    expect(target.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "flows/a%20b/broken.asl.json", uriBaseId: "%SRCROOT%" });
    expect(target.ruleIndex).toBe(0);
    expect(target.fixes[0]).toEqual({
      description: { text: 'Change to "B"' },
      artifactChanges: [{ artifactLocation: { uri: "flows/a%20b/broken.asl.json", uriBaseId: "%SRCROOT%" }, replacements: [{ deletedRegion: { charOffset: BROKEN.indexOf('"Bx"'), charLength: 4 }, insertedContent: { text: '"B"' } }] }],
    });
    expect(nextOrEnd.ruleId).toBe("next-or-end");
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe("flows/x.asl.yaml");
  });

  it("fingerprints stay when unrelated lines move, and differ between findings", async () => {
    const dir = repo();
    const first = JSON.parse((await runCli(["--format", "sarif", "flows"], { cwd: dir })).stdout).runs[0].results;
    writeFileSync(join(dir, "flows", "a b", "broken.asl.json"), BROKEN.replace('"States": {', '"Comment": "moved",\n  "States": {\n    "New": { "Type": "Succeed" },'));
    const second = JSON.parse((await runCli(["--format", "sarif", "--rule", "unreachable-state=off", "flows"], { cwd: dir })).stdout).runs[0].results;
    const prints = (rs: { ruleId: string; partialFingerprints: Record<string, string> }[]) => rs.map((x) => `${x.ruleId} ${x.partialFingerprints["aslintFindingHash/v1"]}`);
    expect(prints(second)).toEqual(prints(first));
    expect(first[0].locations[0].physicalLocation.region.startLine).not.toBe(second[0].locations[0].physicalLocation.region.startLine);
    expect(new Set(prints(first)).size).toBe(first.length);
  });

  it("two state machines of one template with the same mistake get fingerprints of their own; a definition file's stay as they were", async () => {
    const dir = repo();
    const machine = "      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Pass\n            Next: Bx\n          B:\n            Type: Succeed\n";
    const resource = (name: string) => `  ${name}:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n${machine}`;
    writeFileSync(join(dir, "flows", "template.yaml"), `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resource("First")}${resource("Second")}`);
    const log = JSON.parse((await runCli(["--format", "sarif", "flows"], { cwd: dir })).stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] = log.runs[0].results;
    const inTemplate = results.filter((x) => x.ruleId === "missing-transition-target" && x.locations[0].physicalLocation.artifactLocation.uri === "flows/template.yaml");
    expect(inTemplate.map((x) => x.locations[0].physicalLocation.region.startLine)).toEqual([11, 22]);
    const [a, b] = inTemplate.map((x) => x.partialFingerprints["aslintFindingHash/v1"]);
    expect(a).not.toBe(b);
    expect(new Set(results.map((x) => x.partialFingerprints["aslintFindingHash/v1"])).size).toBe(results.length);
    // a definition file of its own: rule, file, location and rank, as before
    const broken = results.find((x) => x.ruleId === "missing-transition-target" && x.locations[0].physicalLocation.artifactLocation.uri === "flows/a%20b/broken.asl.json")!;
    const before = createHash("sha256").update("missing-transition-target\u0000flows/a%20b/broken.asl.json\u0000/States/A/Next\u00000").digest("hex").slice(0, 32);
    expect(broken.partialFingerprints["aslintFindingHash/v1"]).toBe(before);
  });

  it("request findings name their rules too; a file outside the repository gets an absolute URI", async () => {
    const dir = repo();
    const r = await runCli(["request", "--api", "StartExecution", "--format", "sarif", "r.json"], { cwd: dir });
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const typo = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "unknown-parameter");
    expect(log.runs[0].tool.driver.rules[typo.ruleIndex].id).toBe("unknown-parameter");
    const outside = mkdtempSync(join(tmpdir(), "aslint-outside-"));
    writeFileSync(join(outside, "o.asl.json"), BROKEN);
    const o = JSON.parse((await runCli(["--format", "sarif", join(outside, "o.asl.json")], { cwd: dir })).stdout);
    expect(validate(o)).toBe(true);
    expect(o.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(outside, "o.asl.json")).href });
  });
});

describe("--output-file", () => {
  for (const format of Object.keys(FORMATS)) {
    it(`${format}: the report goes to the file, the same as on standard output`, async () => {
      const dir = repo();
      const out = await runCli(["--format", format, "flows"], { cwd: dir });
      const toFile = await runCli(["--format", format, "-o", "reports/aslint.out", "flows"], { cwd: dir });
      expect(toFile.stdout).toBe("");
      expect(toFile.code).toBe(out.code);
      expect(readFileSync(join(dir, "reports", "aslint.out"), "utf8")).toBe(out.stdout);
    });
  }

  it("a file that cannot be written is exit 2 with the reason", async () => {
    const dir = repo();
    writeFileSync(join(dir, "blocker"), "");
    const r = await runCli(["--output-file", "blocker/report.txt", "flows"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^aslint: Cannot write the report to ".*blocker\/report\.txt": (ENOTDIR|EEXIST)\.\n$/);
  });
});
