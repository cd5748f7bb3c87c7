/** `aslint request` and `aslint redrive`, in-process with injected streams. */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers.js";

const EXAMPLES = join(__dirname, "..", "..", "examples", "requests");
const NOW = ["--now", "2024-05-06T09:00:00Z"];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "aslint-api-"));
  for (const f of [
    "start-execution.json",
    "start-execution-broken.json",
    "start-execution.yaml",
    "start-execution-no-customer.json",
    "order-intake.asl.json",
    "quote.express.asl.json",
    "start-sync-execution.json",
    "redrive-execution.json",
    "redrive-execution-broken.json",
    "start-workflow-execution.json",
    "start-workflow-execution-broken.json",
    "describe-execution-failed.json",
    "describe-execution-not-redrivable.json",
    "get-execution-history.json",
    "describe-map-run.json",
    "list-executions-failed.json",
    "list-executions.json",
    "list-executions-broken.json",
  ]) {
    copyFileSync(join(EXAMPLES, f), join(dir, f));
  }
});

describe("aslint request", () => {
  it("exit 0 for a valid request; the stylish output names the ARN kind", async () => {
    const r = await runCli(["request", "--api", "StartExecution", "start-execution.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('start-execution.json:2:23  info  Alias ARN: StartExecution runs the version that alias "PROD" of "OrderProcessing" routes to');
    expect(r.stderr).toBe("");
  });

  it("exit 1 for a broken one, with every finding located", async () => {
    const r = await runCli(["request", "--api", "StartExecution", "--no-color", "start-execution-broken.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("start-execution-broken.json:2:89  error  This ARN names the Distributed Map state labelled");
    expect(r.stdout).toContain("start-execution-broken.json:3:17  error  The execution name contains a space");
    expect(r.stdout).toContain("start-execution-broken.json:4:40  error  input is not valid JSON: a trailing comma");
    expect(r.stdout).toContain('start-execution-broken.json:5:3  error  Unknown parameter in input: "tracHeader"');
    expect(r.stdout).toContain("✖ 4 problems (4 errors, 0 warnings) in 1 file; 1 FAIL, 0 OK");
  });

  it("--format json: the definition linter's contract with AWS exception names as codes", async () => {
    const r = await runCli(["request", "--api", "StartExecution", "--format", "json", "start-execution-broken.json", "start-execution.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.results.map((x: { file: string; result: string }) => [x.file, x.result])).toEqual([
      ["start-execution-broken.json", "FAIL"],
      ["start-execution.yaml", "OK"],
    ]);
    expect(doc.results[0].diagnostics.map((d: { code: string; location: string }) => [d.code, d.location])).toEqual([
      ["ValidationException", "/stateMachineArn"],
      ["InvalidName", "/name"],
      ["InvalidExecutionInput", "/input"],
      ["ParamValidationError", "/tracHeader"],
    ]);
    expect(doc.results[0].diagnostics[0].range).toEqual({ start: { line: 1, character: 88 }, end: { line: 1, character: 101 } });
    expect(Object.keys(doc.results[0].diagnostics[0])).toEqual(["rule", "code", "severity", "message", "location", "range"]);
  });

  it("API names as the AWS CLI spells them", async () => {
    const r = await runCli(["request", "--api", "start-workflow-execution", "start-workflow-execution.json"], { cwd: dir });
    expect(r.code).toBe(0);
    const s = await runCli(["request", "--api", "redrive-execution", "redrive-execution.json", "redrive-execution-broken.json"], { cwd: dir });
    expect(s.code).toBe(1);
    expect(s.stdout).toContain("1 FAIL, 1 OK");
  });

  it("--definition runs the input through the first state; the type comes from the file name", async () => {
    const bad = await runCli(["request", "--api", "StartExecution", "--definition", "order-intake.asl.json", "start-execution-no-customer.json"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Parameters field "email.$" of "Validate order" is "$.customer.email", which selects nothing in this input (no "customer")');
    const ok = await runCli(["request", "--api", "StartSyncExecution", "--definition", "quote.express.asl.json", "start-sync-execution.json"], { cwd: dir });
    expect(ok.code).toBe(0);
    const standard = await runCli(["request", "--api", "StartSyncExecution", "--definition", "order-intake.asl.json", "--format", "json", "start-sync-execution.json"], { cwd: dir });
    expect(standard.code).toBe(1);
    expect(JSON.parse(standard.stdout).results[0].diagnostics.map((d: { code: string }) => d.code)).toContain("StateMachineTypeNotSupported");
    const typed = await runCli(["request", "--api", "StartSyncExecution", "--type", "STANDARD", "start-sync-execution.json"], { cwd: dir });
    expect(typed.code).toBe(1);
    const express = await runCli(["request", "--api", "StartSyncExecution", "--type", "express", "start-sync-execution.json"], { cwd: dir });
    expect(express.code).toBe(0);
  });

  it("the config's type applies to the definition", async () => {
    const sub = mkdtempSync(join(tmpdir(), "aslint-api-config-"));
    copyFileSync(join(EXAMPLES, "start-sync-execution.json"), join(sub, "req.json"));
    writeFileSync(join(sub, "quote.asl.json"), JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }));
    writeFileSync(join(sub, ".aslintrc.json"), JSON.stringify({ type: "EXPRESS" }));
    const r = await runCli(["request", "--api", "StartSyncExecution", "--definition", "quote.asl.json", "req.json"], { cwd: sub });
    expect(r.code).toBe(0);
  });

  it("reads standard input", async () => {
    const r = await runCli(["request", "--api", "RedriveExecution", "--stdin-filename", "r.yaml", "-"], { cwd: dir, stdin: "executionArn: arn:aws:states:us-east-1:123456789012:stateMachine:Orders\n" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("r.yaml:1:53  error  This is a state machine ARN; RedriveExecution needs the ARN of the execution");
  });

  it("exit 2 for usage errors and unreadable files", async () => {
    expect((await runCli(["request", "start-execution.json"], { cwd: dir })).code).toBe(2);
    const unknown = await runCli(["request", "--api", "StopExecution", "x.json"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown API "StopExecution"');
    expect((await runCli(["request", "--api", "StartExecution"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["request", "--api", "RedriveExecution", "--definition", "order-intake.asl.json", "redrive-execution.json"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["request", "--api", "StartExecution", "--type", "FAST", "start-execution.json"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["request", "--api", "StartExecution", "--bogus", "start-execution.json"], { cwd: dir })).code).toBe(2);
    const missing = await runCli(["request", "--api", "StartExecution", "nope.json"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read "nope.json": no such file or directory.');
  });

  it("--rule changes a request rule's severity; .aslintrc.json rules (and its overrides) apply, --rule wins", async () => {
    const plain = await runCli(["request", "--api", "StartExecution", "--format", "json", "start-execution-broken.json"], { cwd: dir });
    expect(plain.code).toBe(1);
    const severities = (out: string) => Object.fromEntries(JSON.parse(out).results[0].diagnostics.map((d: { rule: string; severity: string }) => [d.rule, d.severity]));
    expect(severities(plain.stdout)).toEqual({ "state-machine-arn": "ERROR", "execution-name": "ERROR", "execution-input": "ERROR", "unknown-parameter": "ERROR" });
    const args = ["request", "--api", "StartExecution", "--format", "json", "--rule", "state-machine-arn=off", "--rule", "execution-name=warn", "--rule", "execution-input=info", "--rule", "unknown-parameter:off"];
    const relaxed = await runCli([...args, "start-execution-broken.json"], { cwd: dir });
    expect(relaxed.code).toBe(0);
    expect(severities(relaxed.stdout)).toEqual({ "execution-name": "WARNING", "execution-input": "INFO" });

    const sub = mkdtempSync(join(tmpdir(), "aslint-api-rules-"));
    copyFileSync(join(EXAMPLES, "start-execution-broken.json"), join(sub, "broken.json"));
    copyFileSync(join(EXAMPLES, "start-execution-broken.json"), join(sub, "strict.json"));
    writeFileSync(
      join(sub, ".aslintrc.json"),
      JSON.stringify({ rules: { "state-machine-arn": "off", "execution-input": "warn", "unknown-parameter": "off" }, overrides: [{ files: ["strict.json"], rules: { "unknown-parameter": "error" } }] }),
    );
    const configured = await runCli(["request", "--api", "StartExecution", "--format", "json", "broken.json", "strict.json"], { cwd: sub });
    const results = JSON.parse(configured.stdout).results.map((r: { diagnostics: { rule: string; severity: string }[] }) => Object.fromEntries(r.diagnostics.map((d) => [d.rule, d.severity])));
    expect(results).toEqual([
      { "execution-name": "ERROR", "execution-input": "WARNING" },
      { "execution-name": "ERROR", "execution-input": "WARNING", "unknown-parameter": "ERROR" },
    ]);
    const cli = await runCli(["request", "--api", "StartExecution", "--format", "json", "--rule", "execution-input=error", "broken.json"], { cwd: sub });
    expect(severities(cli.stdout)["execution-input"]).toBe("ERROR");
  });

  it("--rule takes request rules only: an unknown or a definition rule is a usage error", async () => {
    const unknown = await runCli(["request", "--api", "StartExecution", "--rule", "execution-nam=off", "start-execution.json"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('aslint: unknown rule "execution-nam" (see aslint --list-rules).\n');
    const definition = await runCli(["request", "--api", "StartExecution", "--rule", "trailing-comma=off", "start-execution.json"], { cwd: dir });
    expect(definition.code).toBe(2);
    expect(definition.stderr).toContain('"trailing-comma" is a definition rule, for aslint [paths]; here --rule takes request rules');
    const lint = await runCli(["--rule", "execution-name=off", "order-intake.asl.json"], { cwd: dir });
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('"execution-name" is a request rule, for aslint request and aslint redrive; here --rule takes definition rules');
    expect((await runCli(["request", "--api", "StartExecution", "--rule", "execution-name=loud", "start-execution.json"], { cwd: dir })).code).toBe(2);
  });

  it("--list-rules lists the definition rules, then the request rules", async () => {
    const r = await runCli(["--list-rules"], { cwd: dir });
    expect(r.code).toBe(0);
    const [definitions, requests] = r.stdout.split("\n\n");
    expect(definitions.split("\n")[0]).toBe("Definition rules (aslint [paths]):");
    expect(definitions).toMatch(/\nmissing-transition-target +ERROR /);
    expect(definitions).not.toMatch(/\nexecution-name /);
    expect(requests.split("\n")[0]).toBe("Request rules (aslint request, aslint redrive):");
    expect(requests).toMatch(/\nexecution-name +ERROR +name: 1 to 80 characters/);
    expect(requests).toMatch(/\nredrive-rerun +INFO /);
    expect(requests.trimEnd().split("\n").length).toBe(1 + 20);
  });

  it("--help", async () => {
    const r = await runCli(["request", "--help"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: aslint request --api <API>");
  });
});

describe("aslint request --api ListExecutions", () => {
  it("exactly one of stateMachineArn and mapRunArn, PENDING_REDRIVE with mapRunArn, maxResults up to 1,000", async () => {
    expect((await runCli(["request", "--api", "list-executions", "list-executions.json"], { cwd: dir })).code).toBe(0);
    const r = await runCli(["request", "--api", "ListExecutions", "--format", "json", "list-executions-broken.json"], { cwd: dir });
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).results[0].diagnostics.filter((d: { severity: string }) => d.severity === "ERROR").map((d: { rule: string; location: string }) => `${d.rule} ${d.location}`);
    expect(rules).toEqual(["list-executions-target /mapRunArn", "request-shape /maxResults"]);
  });
  it("an EXPRESS state machine cannot be listed: the type from --type or --definition", async () => {
    const r = await runCli(["request", "--api", "ListExecutions", "--definition", "quote.express.asl.json", "list-executions.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("StateMachineTypeNotSupported");
  });
});

describe("aslint redrive", () => {
  it("REDRIVABLE: exit 0; with the history, the states a redrive re-runs", async () => {
    const r = await runCli(["redrive", "describe-execution-failed.json", "--history", "get-execution-history.json", ...NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("describe-execution-failed.json:5:15  info  REDRIVABLE: the execution is FAILED");
    expect(r.stdout).toContain('get-execution-history.json:265:25  info  A redrive re-runs Task state "Charge", which failed with PaymentDeclined.');
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("describe-execution-failed.json: REDRIVABLE");
  });

  it("NOT_REDRIVABLE: exit 1 and every reason", async () => {
    const r = await runCli(["redrive", "describe-execution-not-redrivable.json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(
      "describe-execution-not-redrivable.json: NOT_REDRIVABLE (Execution is SUCCEEDED and cannot be redriven. Execution was started before the launch of RedriveExecution. Execution redrivable period exceeded.)",
    );
  });

  it("--format json carries redriveStatus, the reasons and the re-run plan", async () => {
    const r = await runCli(["redrive", "--format", "json", "describe-execution-failed.json", "--history", "get-execution-history.json", "--now", "2024-05-26T00:00:00Z"], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0]).toMatchObject({ file: "describe-execution-failed.json", result: "FAIL", redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution redrivable period exceeded." });
    expect(doc.results[1]).toMatchObject({ file: "get-execution-history.json", redriveStatus: "NOT_REDRIVABLE" });
    const ok = JSON.parse((await runCli(["redrive", "--format", "json", "describe-execution-failed.json", "--history", "get-execution-history.json", ...NOW], { cwd: dir })).stdout);
    expect(ok.results[0].redriveStatus).toBe("REDRIVABLE");
    expect(ok.results[0].rerun).toEqual([
      { state: "Charge items", type: "Map", count: 1, iterations: [1] },
      { state: "Charge", type: "Task", count: 1, error: "PaymentDeclined" },
    ]);
  });

  it("--rule and .aslintrc.json change the severities of the redrive rules; the verdict and exit code stay", async () => {
    const r = await runCli(["redrive", "--format", "json", "--rule", "redrive-status=warn", "describe-execution-not-redrivable.json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout).results[0];
    expect(result.redriveStatus).toBe("NOT_REDRIVABLE");
    expect(result.diagnostics.map((d: { severity: string }) => d.severity)).toEqual(["WARNING", "WARNING", "WARNING"]);
    const sub = mkdtempSync(join(tmpdir(), "aslint-api-redrive-rules-"));
    copyFileSync(join(EXAMPLES, "describe-execution-failed.json"), join(sub, "d.json"));
    copyFileSync(join(EXAMPLES, "get-execution-history.json"), join(sub, "h.json"));
    writeFileSync(join(sub, ".aslintrc.json"), JSON.stringify({ rules: { "redrive-rerun": "off" } }));
    const quiet = await runCli(["redrive", "--format", "json", "d.json", "--history", "h.json", ...NOW], { cwd: sub });
    expect(quiet.code).toBe(0);
    const doc = JSON.parse(quiet.stdout);
    expect(doc.results[1].diagnostics).toEqual([]);
    expect(doc.results[0].rerun).toHaveLength(2);
    expect((await runCli(["redrive", "--rule", "no-terminal-path=off", "d.json", ...NOW], { cwd: sub })).code).toBe(2);
  });

  it("a Map Run: its parent's verdict when the parent's describe-execution output is given too, and what a redrive runs again", async () => {
    const alone = await runCli(["redrive", "describe-map-run.json", ...NOW], { cwd: dir });
    expect(alone.code).toBe(1);
    expect(alone.stdout.trimEnd().split("\n").pop()).toBe("describe-map-run.json: UNKNOWN");
    expect(alone.stdout).toContain("A Map Run is redriven only through its parent execution");
    const both = await runCli(["redrive", "--format", "json", "describe-map-run.json", "describe-execution-failed.json", ...NOW], { cwd: dir });
    expect(both.code).toBe(0);
    const doc = JSON.parse(both.stdout);
    expect(doc.results[0]).toMatchObject({ file: "describe-map-run.json", result: "OK", redriveStatus: "REDRIVABLE" });
    expect(doc.results[0].mapRun.executions).toEqual({ total: 100, unsuccessful: 5, rerun: 5, notRedrivable: 0, pending: 12, pendingRedrive: 0 });
    expect(doc.results[0].mapRun.items).toMatchObject({ unsuccessful: 50, rerun: 48, notRedrivable: 2 });
    // three weeks later the parent is past its redrivable period, and so is the Map Run
    const late = JSON.parse((await runCli(["redrive", "--format", "json", "describe-map-run.json", "describe-execution-failed.json", "--now", "2024-05-26T00:00:00Z"], { cwd: dir })).stdout);
    expect(late.results[0]).toMatchObject({ redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution redrivable period exceeded." });
  });

  it("list-executions output: a verdict per listed execution, a table in stylish, an array in json", async () => {
    const r = await runCli(["redrive", "list-executions-failed.json", ...NOW], { cwd: dir });
    expect(r.code).toBe(1);
    const tail = r.stdout.trimEnd().split("\n").slice(-5);
    expect(tail[0]).toBe("list-executions-failed.json: NOT_REDRIVABLE");
    expect(tail[1]).toMatch(/^  execution +status +stopped +verdict$/);
    expect(tail[2]).toMatch(/^  order-2024-05-01-0042 +FAILED +2024-05-01T10:15:09.874000\+00:00 +REDRIVABLE$/);
    expect(tail[4]).toContain("NOT_REDRIVABLE  Execution was started before the launch of RedriveExecution.");
    const doc = JSON.parse((await runCli(["redrive", "--format", "json", "list-executions-failed.json", ...NOW], { cwd: dir })).stdout);
    expect(doc.results[0].executions.map((x: { name: string; redriveStatus: string }) => `${x.name} ${x.redriveStatus}`)).toEqual([
      "order-2024-05-01-0042 REDRIVABLE",
      "order-2024-04-12-0007 NOT_REDRIVABLE",
      "order-2023-11-02-0001 NOT_REDRIVABLE",
    ]);
  });

  it("exit 2 for usage errors", async () => {
    expect((await runCli(["redrive"], { cwd: dir })).code).toBe(2);
    const now = await runCli(["redrive", "describe-execution-failed.json", "--now", "tomorrow"], { cwd: dir });
    expect(now.code).toBe(2);
    expect(now.stderr).toContain("--now takes an ISO 8601 time");
    expect((await runCli(["redrive", "a.json", "b.json", "--history", "get-execution-history.json"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["redrive", "nope.json", ...NOW], { cwd: dir })).code).toBe(2);
  });
});

describe("definitions linted together (peers)", () => {
  const parent = (input: object) =>
    JSON.stringify(
      {
        StartAt: "Run child",
        States: {
          "Run child": {
            Type: "Task",
            Resource: "arn:aws:states:::states:startExecution.waitForTaskToken",
            Parameters: {
              StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
              Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id", "token.$": "$$.Task.Token", ...input },
            },
            End: true,
          },
        },
      },
      null,
      2,
    );
  const child = JSON.stringify({ StartAt: "Read", States: { Read: { Type: "Pass", InputPath: "$.order", End: true } } }, null, 2);

  it("a child in the same run is found by its file name and checked", async () => {
    const sub = mkdtempSync(join(tmpdir(), "aslint-peers-"));
    writeFileSync(join(sub, "Parent.asl.json"), parent({}));
    writeFileSync(join(sub, "Child.express.asl.json"), child);
    const r = await runCli(["--format", "json", "Parent.asl.json", "Child.express.asl.json"], { cwd: sub });
    const diags = JSON.parse(r.stdout).results[0].diagnostics.filter((d: { rule: string }) => d.rule === "nested-execution-child");
    expect(diags.map((d: { severity: string; message: string }) => [d.severity, d.message])).toEqual([
      [
        "WARNING",
        'Child "Child" (Child.express.asl.json) is EXPRESS: it runs asynchronously (at least once) for at most 5 minutes; if it ends without SendTaskSuccess or SendTaskFailure the parent waits until the task times out, and this task has no TimeoutSeconds or HeartbeatSeconds (default 99999999 seconds). Add "TimeoutSeconds".',
      ],
      [
        "ERROR",
        'Child "Child" (Child.express.asl.json): InputPath of "Read" is "$.order", which selects nothing in the Input this task passes (no "order"): the execution fails at once with States.Runtime.',
      ],
    ]);
    expect(r.code).toBe(1);
    // alone, the parent knows nothing of the child
    const alone = await runCli(["--format", "json", "Parent.asl.json"], { cwd: sub });
    expect(JSON.parse(alone.stdout).results[0].diagnostics.filter((d: { rule: string }) => d.rule === "nested-execution-child")).toEqual([]);
    // and a parent that passes the order is fine
    writeFileSync(join(sub, "Parent.asl.json"), parent({ order: { "id.$": "$.id" } }));
    const fixed = await runCli(["--format", "json", "Parent.asl.json", "Child.express.asl.json"], { cwd: sub });
    expect(JSON.parse(fixed.stdout).results[0].diagnostics.filter((d: { rule: string; severity: string }) => d.rule === "nested-execution-child" && d.severity === "ERROR")).toEqual([]);
  });
});
