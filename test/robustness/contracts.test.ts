/**
 * The engine's contracts: `lint`, `checkRequest` and `checkRedrive` never throw. A failure
 * inside one rule is one ERROR `internal-error` diagnostic naming the rule, and every other rule
 * still reports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { rules } from "../../src/rules/index.js";
import type { Rule } from "../../src/rules/types.js";
import { checkRedrive, checkRequest } from "../../src/requests/index.js";

const ROBUSTNESS = join(__dirname, "..", "..", "..", "shared", "robustness");
const shared = (name: string): string | undefined => {
  try {
    return readFileSync(join(ROBUSTNESS, name), "utf8");
  } catch {
    return undefined;
  }
};

const DEFINITION = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" } } });

describe("a rule that throws", () => {
  const failing: Rule = {
    meta: { id: "zz-failing", severity: "ERROR", basis: "rejected", description: "throws", rationale: "test" },
    check() {
      throw new TypeError("something is not iterable");
    },
  };
  afterEach(() => {
    const i = rules.indexOf(failing);
    if (i >= 0) rules.splice(i, 1);
  });

  it("becomes one internal-error diagnostic naming it, and the other rules still report", () => {
    const before = lint(DEFINITION, { filename: "x.asl.json" });
    rules.splice(rules.length >> 1, 0, failing);
    const after = lint(DEFINITION, { filename: "x.asl.json" });
    const internal = after.diagnostics.filter((d) => d.rule === "internal-error");
    expect(internal).toHaveLength(1);
    expect(internal[0].severity).toBe("ERROR");
    expect(internal[0].message).toContain('the rule "zz-failing"');
    expect(internal[0].message).toContain("TypeError: something is not iterable");
    expect(internal[0].message).toContain("please report it");
    expect(internal[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(after.diagnostics.filter((d) => d.rule !== "internal-error")).toEqual(before.diagnostics);
    expect(after.result).toBe("FAIL");
    expect(internal[0].basis).toBe("internal");
  });

  it("is a rule like the others: its setting changes its severity or turns it off", () => {
    rules.splice(rules.length >> 1, 0, failing);
    const warned = lint(DEFINITION, { filename: "x.asl.json", rules: { "internal-error": "warn" } });
    expect(warned.diagnostics.filter((d) => d.rule === "internal-error").map((d) => d.severity)).toEqual(["WARNING"]);
    const off = lint(DEFINITION, { filename: "x.asl.json", rules: { "internal-error": "off" } });
    expect(off.diagnostics.filter((d) => d.rule === "internal-error")).toEqual([]);
  });
});

describe("inputs that made lint() throw", () => {
  const cases: [string, string, string | undefined][] = [
    ["a key named like an Object.prototype member", "x.asl.json", '{"isPrototypeOf": 1}'],
    ["the reproducer with isPrototypeOf", "x.asl.json", shared("throw-schema-instead-of.json")],
    ["a state of Type constructor", "x.asl.json", shared("throw-exclusive-fields-type.json")],
    ["Type valueOf", "x.asl.json", JSON.stringify({ StartAt: "A", States: { A: { Type: "valueOf", End: true, TimeoutSeconds: 1 } } })],
    ["an ARN of partition constructor", "x.asl.json", JSON.stringify({ StartAt: "A", States: { A: { Type: "Task", Resource: "arn:constructor:lambda:us-east-1:123456789012:function:f", End: true } } })],
    ["250,000 members without values", "x.asl.json", "{" + '"a":,'.repeat(250000)],
  ];
  for (const [what, filename, text] of cases) {
    it.skipIf(text === undefined)(what, () => {
      const out = lint(text!, { filename });
      expect(out.diagnostics.filter((d) => d.rule === "internal-error")).toEqual([]);
      expect(out.result).toBe("FAIL");
    });
  }

  it("a key named constructor is an unknown field like any other", () => {
    const text = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true, constructor: 1 } } });
    const d = lint(text, { filename: "x.asl.json" }).diagnostics;
    expect(d.map((x) => [x.rule, x.message])).toEqual([["unknown-field", 'Field "constructor" is not allowed in a Pass state.']]);
  });
});

describe("requests", () => {
  it("checkRedrive does not throw on a stop date of 1e308 seconds", () => {
    const text = shared("crash-redrive-stopdate-1e308.describe.json") ?? JSON.stringify({ executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e", status: "FAILED", startDate: 1714557600, stopDate: 1e308 });
    const check = checkRedrive(text, { now: new Date("2024-05-06T09:00:00Z") });
    const messages = check.describe.diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.startsWith("stopDate is not a time"))).toBe(true);
    expect(check.describe.diagnostics.filter((d) => d.rule === "internal-error")).toEqual([]);
  });

  it("checkRequest and checkRedrive answer every text", () => {
    for (const text of ["", "\u0000", "[", '{"input": ', "{" + '"a":,'.repeat(50000), '{"__proto__": {"x": 1}, "constructor": 2}']) {
      for (const api of ["StartExecution", "StartSyncExecution", "RedriveExecution", "StartWorkflowExecution"] as const) {
        expect(() => checkRequest(api, text, { filename: "r.json" })).not.toThrow();
      }
      expect(() => checkRedrive(text, { now: new Date("2024-05-06T09:00:00Z"), history: { text } })).not.toThrow();
    }
  });
});
