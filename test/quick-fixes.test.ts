/**
 * Quick fixes: applying the engine's fix must give a definition where the finding is gone
 * and no new error appears.
 */
import { describe, expect, it } from "vitest";
import { lintDocument } from "../src/lint.js";
import type { Fix } from "../src/diagnostic.js";
import { pathToJsonata } from "../src/expr/to-jsonata.js";

function apply(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

const JSONATA_TASK = `{
  "QueryLanguage": "JSONata",
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "f", "Payload": { "id.$": "$.order.id", "when.$": "$$.Execution.StartTime" } },
      "TimeoutSecondsPath": "$.limits['time out']",
      "OutputPath": "$.Payload",
      "End": true
    }
  }
}`;

describe("JSONPath fields in a JSONata state: mechanical rewrites", () => {
  it("paths become $states expressions", () => {
    expect(pathToJsonata("$.a.b[0]")).toBe("$states.input.a.b[0]");
    expect(pathToJsonata("$")).toBe("$states.input");
    expect(pathToJsonata("$$.Execution.Id")).toBe("$states.context.Execution.Id");
    expect(pathToJsonata("$['detail-type']")).toBe("$states.input.`detail-type`");
    expect(pathToJsonata("$.items[?(@.x == 1)]")).toBeUndefined();
    expect(pathToJsonata("$..deep")).toBeUndefined();
  });

  it("each fix removes its finding and adds no error", () => {
    const first = lintDocument(JSONATA_TASK, { filename: "t.asl.json" });
    const unknown = first.diagnostics.filter((d) => d.rule === "unknown-field");
    expect(unknown.map((d) => d.fixes?.[0]?.title)).toEqual([
      'Replace with "Arguments"',
      'Replace with "TimeoutSeconds": "{% $states.input.limits.`time out` %}"',
      'Replace with "Output": "{% $states.result.Payload %}"',
    ]);
    let text = JSONATA_TASK;
    // apply from the last to the first so earlier offsets stay valid
    for (const d of [...unknown].reverse()) text = apply(text, d.fixes![0]);
    const after = lintDocument(text, { filename: "t.asl.json" });
    expect(after.diagnostics.filter((d) => d.severity === "ERROR")).toEqual([]);
    expect(JSON.parse(text).States.Call).toEqual({
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "f", Payload: { id: "{% $states.input.order.id %}", when: "{% $states.context.Execution.StartTime %}" } },
      TimeoutSeconds: "{% $states.input.limits.`time out` %}",
      Output: "{% $states.result.Payload %}",
      End: true,
    });
  });

  it("no rewrite when the mapping needs judgement (intrinsic functions)", () => {
    const text = JSONATA_TASK.replace('"id.$": "$.order.id"', `"id.$": "States.Format('{}', $.order.id)"`);
    const d = lintDocument(text, { filename: "t.asl.json" }).diagnostics.find((x) => x.rule === "unknown-field" && x.message.includes("Parameters"));
    expect(d?.fixes?.map((f) => f.title)).toEqual(['Remove "Parameters"']);
  });
});

describe("other fixes", () => {
  it("a misspelt Next target is replaced by the closest state", () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Procss"},"Process":{"Type":"Succeed"}}}';
    const d = lintDocument(text).diagnostics.find((x) => x.rule === "missing-transition-target")!;
    const fixed = apply(text, d.fixes![0]);
    expect(lintDocument(fixed).diagnostics).toEqual([]);
  });
  it('a state with neither Next nor End gets "End": true (JSON and YAML)', () => {
    const json = '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass"\n    }\n  }\n}';
    const d = lintDocument(json).diagnostics.find((x) => x.rule === "next-or-end")!;
    expect(lintDocument(apply(json, d.fixes![0])).diagnostics).toEqual([]);
    const yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n# trailing comment\n";
    const y = lintDocument(yaml, { filename: "a.asl.yaml" }).diagnostics.find((x) => x.rule === "next-or-end")!;
    const fixedYaml = apply(yaml, y.fixes![0]);
    expect(fixedYaml).toBe("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n# trailing comment\n");
    expect(lintDocument(fixedYaml, { filename: "a.asl.yaml" }).diagnostics).toEqual([]);
  });
});

describe("fixes in YAML flow mappings", () => {
  it("removing a member keeps the rest of the mapping", () => {
    const yaml = "StartAt: A\nStates:\n  A: { Type: Pass, End: true, TimeoutSeconds: 5 }\n";
    const d = lintDocument(yaml, { filename: "a.asl.yaml" }).diagnostics.find((x) => x.rule === "unknown-field")!;
    const fixed = apply(yaml, d.fixes!.find((f) => f.title.startsWith("Remove"))!);
    expect(fixed).toBe("StartAt: A\nStates:\n  A: { Type: Pass, End: true }\n");
    expect(lintDocument(fixed, { filename: "a.asl.yaml" }).diagnostics).toEqual([]);
  });
  it('adding "End": true stays inside the braces', () => {
    const yaml = "StartAt: A\nStates:\n  A: { Type: Pass }\n";
    const d = lintDocument(yaml, { filename: "a.asl.yaml" }).diagnostics.find((x) => x.rule === "next-or-end")!;
    const fixed = apply(yaml, d.fixes![0]);
    expect(fixed).toBe('StartAt: A\nStates:\n  A: { Type: Pass, "End": true }\n');
    expect(lintDocument(fixed, { filename: "a.asl.yaml" }).diagnostics).toEqual([]);
  });
});
