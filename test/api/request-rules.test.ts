/**
 * The request rules (src/requests/rules.ts): complete metadata, examples that do what they
 * say, fixtures for every rule, and severities the user can change like a definition rule's.
 */
import { describe, expect, it } from "vitest";
import { checkRequest, requestRules, requestRulesById, type ExampleSetup, type RequestRule } from "../../src/requests/index.js";
import { checkRedrive } from "../../src/requests/redrive.js";
import { rules } from "../../src/rules/index.js";
import type { Diagnostic, Severity } from "../../src/diagnostic.js";
import { fixtureRuns } from "./request-fixtures.js";

const RANK: Record<Severity, number> = { INFO: 0, WARNING: 1, ERROR: 2 };

/** Runs a rule's example the way docs/rules.md shows it. */
function runExample(rule: RequestRule, text: string, setup: ExampleSetup = {}): Diagnostic[] {
  const command = rule.commands[0];
  if (command === "redrive") {
    if (!setup.now) throw new Error(`${rule.meta.id}: a redrive example needs "now"`);
    const now = new Date(setup.now);
    if (setup.describe === undefined) return checkRedrive(text, { now }).describe.diagnostics;
    const check = checkRedrive(setup.describe, { now, history: { text } });
    return [...check.describe.diagnostics, ...(check.history?.diagnostics ?? [])];
  }
  const definition = setup.definition !== undefined ? { text: setup.definition, filename: "definition.asl.json" } : undefined;
  return checkRequest(command, text, { definition, type: setup.type ?? (definition ? "STANDARD" : undefined) }).diagnostics;
}

describe("request rules", () => {
  it("have complete metadata and ids of their own", () => {
    const definitionIds = new Set(rules.map((r) => r.meta.id));
    for (const r of requestRules) {
      const m = r.meta;
      expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(definitionIds.has(m.id), `${m.id} is also a definition rule`).toBe(false);
      expect(m.code.length, m.id).toBeGreaterThan(2);
      expect(m.description.length, m.id).toBeGreaterThan(10);
      expect(m.rationale.length, m.id).toBeGreaterThan(10);
      expect(m.source, m.id).toMatch(/asl-facts|MODEL|aws-models|AWS CLI/);
      expect(r.commands.length, m.id).toBeGreaterThan(0);
    }
    expect(requestRulesById.size).toBe(requestRules.length);
  });

  for (const rule of requestRules) {
    describe(rule.meta.id, () => {
      it("its fail example fires it", () => {
        const ds = runExample(rule, rule.meta.examples.fail, rule.setup?.fail);
        expect(ds.filter((d) => d.rule === rule.meta.id), JSON.stringify(ds, null, 1)).not.toEqual([]);
      });
      it("its pass example gives no ERROR, and nothing of the rule at its default severity", () => {
        const ds = runExample(rule, rule.meta.examples.pass, rule.setup?.pass);
        expect(ds.filter((d) => d.severity === "ERROR")).toEqual([]);
        expect(ds.filter((d) => d.rule === rule.meta.id && RANK[d.severity] >= RANK[rule.meta.severity])).toEqual([]);
      });
    });
  }
});

describe("every request rule has fixtures", () => {
  const runs = fixtureRuns();
  const seen = new Set(runs.flatMap((r) => r.files.flatMap((f) => f.diagnostics.map((d) => d.rule))));
  it("no fixture reports a rule that is not in the catalogue", () => {
    expect([...seen].filter((id) => !requestRulesById.has(id))).toEqual([]);
  });
  for (const rule of requestRules) {
    it(rule.meta.id, () => {
      const own = (d: Diagnostic) => d.rule === rule.meta.id;
      const mine = runs.filter((r) => rule.commands.includes(r.command));
      // failing: the rule reports at its default severity
      const failing = mine.filter((r) => r.files.some((f) => f.diagnostics.some((d) => own(d) && d.severity === rule.meta.severity)));
      expect(failing.length, "needs a fixture that fires it").toBeGreaterThan(0);
      // passing: a fixture it checks that is OK, where it neither fails nor warns
      const passing = mine.filter((r) => r.result === "OK" && !r.files.some((f) => f.diagnostics.some((d) => own(d) && d.severity !== "INFO")));
      expect(passing.length, "needs a fixture it passes").toBeGreaterThan(0);
    });
  }
});

describe("request rule severities", () => {
  const badName = '{ "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Orders:PROD", "name": "order 42" }';

  it("by default, as the rule says", () => {
    const r = checkRequest("StartExecution", badName);
    expect(r.result).toBe("FAIL");
    expect(r.diagnostics.filter((d) => d.rule === "execution-name").map((d) => d.severity)).toEqual(["ERROR"]);
  });

  it("warn, info, error and off, by rule id, as lint takes them", () => {
    const warn = checkRequest("StartExecution", badName, { rules: { "execution-name": "warn" } });
    expect(warn.result).toBe("OK");
    expect(warn.diagnostics.find((d) => d.rule === "execution-name")).toMatchObject({ severity: "WARNING", code: "InvalidName" });
    const off = checkRequest("StartExecution", badName, { rules: { "execution-name": "off", "state-machine-arn": "off" } });
    expect(off).toEqual({ result: "OK", diagnostics: [] });
    // a note raised to an error fails the request
    const strict = checkRequest("StartExecution", badName, { rules: { "execution-name": "off", "state-machine-arn": "error" } });
    expect(strict.result).toBe("FAIL");
    expect(strict.diagnostics.map((d) => [d.rule, d.severity])).toEqual([["state-machine-arn", "ERROR"]]);
  });

  it("parse problems are request rules too", () => {
    const text = '{ "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Orders:PROD", "name": "a", "name": "b", }';
    expect(checkRequest("StartExecution", text).diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ["state-machine-arn", "INFO"],
      ["request-duplicate-key", "WARNING"],
      ["request-syntax", "ERROR"],
    ]);
    const quiet = checkRequest("StartExecution", text, { rules: { "request-syntax": "off", "request-duplicate-key": "error", "state-machine-arn": "off" } });
    expect(quiet.diagnostics.map((d) => [d.rule, d.severity])).toEqual([["request-duplicate-key", "ERROR"]]);
  });

  it("redrive: the settings apply to both files; the verdict stays", () => {
    const describe = JSON.stringify({ executionArn: "arn:aws:states:us-east-1:123456789012:execution:A:b", status: "SUCCEEDED", startDate: "2024-05-01T00:00:00Z", stopDate: "2024-05-01T00:01:00Z" });
    const now = new Date("2024-05-06T09:00:00Z");
    const history = { text: '{"events": [], "nextToken": "AAAA"}' };
    const plain = checkRedrive(describe, { now, history });
    expect(plain.describe.diagnostics.map((d) => d.severity)).toEqual(["ERROR"]);
    expect(plain.history!.diagnostics.map((d) => [d.rule, d.severity])).toEqual([["redrive-input", "WARNING"]]);
    const set = checkRedrive(describe, { now, history, rules: { "redrive-status": "warn", "redrive-input": "off" } });
    expect(set.describe.diagnostics.map((d) => d.severity)).toEqual(["WARNING"]);
    expect(set.history!.diagnostics).toEqual([]);
    expect(set.status).toBe("NOT_REDRIVABLE");
    expect(set.describe.result).toBe("FAIL");
  });
});
