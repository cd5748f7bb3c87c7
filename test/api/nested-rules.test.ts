/** The nested-execution rules' quick fixes, and behaviour the single-file fixtures cannot show. */
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import type { Diagnostic, Fix } from "../../src/diagnostic.js";

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of edits) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}
const only = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule);

const task = (params: object, resource = "arn:aws:states:::states:startExecution.sync:2") =>
  JSON.stringify({ StartAt: "Child", States: { Child: { Type: "Task", Resource: resource, Parameters: params, End: true } } }, null, 2);
const ARN = { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Child" };

describe("nested-execution-parent-id fixes", () => {
  it.each([
    ["no Input", task(ARN)],
    ["Input without the key", task({ ...ARN, Input: { "orderId.$": "$.orderId" } })],
    ["empty Input", task({ ...ARN, Input: {} })],
    ["key without .$", task({ ...ARN, Input: { AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: "$$.Execution.Id" } })],
    ["wrong path", task({ ...ARN, Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Name" } })],
  ])("%s: the fix links the child", (_, text) => {
    const [d] = only(lint(text).diagnostics, "nested-execution-parent-id");
    expect(d.fixes?.length).toBe(1);
    const fixed = apply(text, d.fixes![0]);
    expect(() => JSON.parse(fixed)).not.toThrow();
    expect(only(lint(fixed).diagnostics, "nested-execution-parent-id")).toEqual([]);
  });

  it("YAML: the fix adds a line", () => {
    const text = "StartAt: Child\nStates:\n  Child:\n    Type: Task\n    Resource: arn:aws:states:::states:startExecution\n    Parameters:\n      StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:Child\n      Input:\n        orderId.$: $.orderId\n    End: true\n";
    const [d] = only(lint(text, { filename: "p.asl.yaml" }).diagnostics, "nested-execution-parent-id");
    const fixed = apply(text, d.fixes![0]);
    expect(fixed).toContain('        orderId.$: $.orderId\n        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$: "$$.Execution.Id"\n');
    expect(only(lint(fixed, { filename: "p.asl.yaml" }).diagnostics, "nested-execution-parent-id")).toEqual([]);
  });
});

describe("nested-execution-arn", () => {
  it("the label fix removes the label", () => {
    const text = task({ ...ARN, StateMachineArn: ARN.StateMachineArn + "/Items", Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } });
    const [d] = only(lint(text).diagnostics, "nested-execution-arn");
    expect(text.slice(d.offset!, d.offset! + d.length!)).toBe("/Items");
    expect(apply(text, d.fixes![0])).toContain(`"StateMachineArn": "${ARN.StateMachineArn}"`);
  });

  it("locates errors inside an ARN written with escapes", () => {
    const text = '{"StartAt":"C","States":{"C":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:\\u004frders/Items","Input":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}';
    const [d] = only(lint(text).diagnostics, "nested-execution-arn");
    expect(text.slice(d.offset!, d.offset! + d.length!)).toBe("/Items");
  });
});

describe("nested-execution-express", () => {
  it("only for EXPRESS machines; the fix removes the suffix", () => {
    const text = task({ ...ARN, Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } });
    expect(only(lint(text).diagnostics, "nested-execution-express")).toEqual([]);
    const [d] = only(lint(text, { type: "EXPRESS" }).diagnostics, "nested-execution-express");
    expect(text.slice(d.offset!, d.offset! + d.length!)).toBe(".sync:2");
    const fixed = apply(text, d.fixes![0]);
    expect(fixed).toContain('"Resource": "arn:aws:states:::states:startExecution"');
    expect(only(lint(fixed, { type: "EXPRESS" }).diagnostics, "nested-execution-express")).toEqual([]);
  });
});

describe("nested-execution-name", () => {
  it("a fixed name inside a Parallel that loops is a risk too", () => {
    const text = JSON.stringify({
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          Branches: [{ StartAt: "C", States: { C: { Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { ...ARN, Name: "fixed", Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, End: true } } }],
          Next: "Again?",
        },
        "Again?": { Type: "Choice", Choices: [{ Variable: "$.again", BooleanEquals: true, Next: "Fan" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });
    const ds = only(lint(text).diagnostics, "nested-execution-name");
    expect(ds.map((d) => d.severity)).toEqual(["WARNING"]);
    expect(ds[0].message).toContain('it is in a loop ("Fan" → "Again?")');
  });

  it("placeholders and dynamic names are not judged", () => {
    expect(only(lint(task({ ...ARN, Name: "${Stage} run" })).diagnostics, "nested-execution-name")).toEqual([]);
    expect(only(lint(task({ ...ARN, "Name.$": "$.name" })).diagnostics, "nested-execution-name")).toEqual([]);
  });
});
