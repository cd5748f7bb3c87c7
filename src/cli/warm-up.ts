// What the binary's code cache is made from. dist/aslint.cjs (src/loader.cjs) keeps V8's compiled
// code between runs, but V8 compiles a function only when it first runs: a cache written after
// `aslint --version` held almost none of the linter, and every later lint compiled it again (a
// small definition: 179 ms a run against 161 ms with a cache written after a lint of it). The loader
// calls warmUp() before it writes the cache, so the cache holds the code a lint and its report
// need, whatever the run that wrote it did.
import { lint, type LintOptions } from "../lint.js";
import { FORMATS } from "../format/index.js";
import { buildPeers } from "./peers.js";
import type { MachineType } from "../rules/types.js";

// Small definitions with the common shapes of both query languages, JSON and YAML, each with a
// few faults so that the reporting code runs too.
const JSONPATH = `{
  "Comment": "warm-up",
  "StartAt": "Get",
  "States": {
    "Get": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:get", "Payload": { "id.$": "$.id", "at.$": "States.Format('{}-{}', $.id, $$.Execution.Name)" } },
      "ResultSelector": { "body.$": "$.Payload" },
      "ResultPath": "$.got",
      "Retry": [{ "ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 }],
      "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed" }],
      "Next": "Route"
    },
    "Route": {
      "Type": "Choice",
      "Choices": [
        { "And": [{ "Variable": "$.got.body.count", "NumericGreaterThan": 0 }, { "Not": { "Variable": "$.kind", "StringEquals": "none" } }], "Next": "Each" },
        { "Variable": "$.wait", "IsPresent": true, "Next": "Pause" }
      ],
      "Default": "Done"
    },
    "Pause": { "Type": "Wait", "SecondsPath": "$.wait", "Next": "Missing" },
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.got.body.items",
      "ItemSelector": { "item.$": "$$.Map.Item.Value" },
      "ItemProcessor": { "StartAt": "One", "States": { "One": { "Type": "Pass", "Result": { "ok": true }, "End": true } } },
      "Next": "Both"
    },
    "Both": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child", "Input": { "id.$": "$.id" } }, "End": true } } },
        { "StartAt": "Note", "States": { "Note": { "Type": "Pass", "Parameters": { "note": "$.id" }, "End": true } } }
      ],
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" },
    "Failed": { "Type": "Fail", "Error": "GetFailed", "Cause": "the lambda failed" }
  }
}
`;

const JSONATA = `{
  "QueryLanguage": "JSONata",
  "StartAt": "Put",
  "States": {
    "Put": {
      "Type": "Task",
      "Resource": "arn:aws:states:::dynamodb:putItem",
      "Arguments": { "TableName": "t", "Item": { "id": { "S": "{% $states.input.id %}" }, "n": { "N": "{% $string($count($states.input.items)) %}" } } },
      "Assign": { "total": "{% $sum($states.input.items.price) %}" },
      "Output": "{% $merge([$states.input, { 'saved': true }]) %}",
      "Next": "Check"
    },
    "Check": {
      "Type": "Choice",
      "Choices": [{ "Condition": "{% $total > 100 and $states.input.saved %}", "Next": "Big" }],
      "Default": "Small"
    },
    "Big": { "Type": "Pass", "Output": { "size": "big", "total": "{% $totl %}" }, "End": true },
    "Small": { "Type": "Wait", "Seconds": "{% 1 + 1 %}", "Next": "Nowhere" }
  }
}
`;

const YAML = `StartAt: First
States:
  First:
    Type: Pass
    Parameters:
      value.$: $.input
    Next: Second
  Second:
    Type: Task
    Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
    Parameters:
      QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q
      MessageBody:
        token.$: $$.Task.Token
    End: true
`;

export const WARM_UP_SAMPLES: readonly { file: string; text: string; type: MachineType }[] = [
  { file: "warm-up.asl.json", text: JSONPATH, type: "STANDARD" },
  { file: "warm-up-jsonata.asl.json", text: JSONATA, type: "STANDARD" },
  { file: "child.express.asl.yaml", text: YAML, type: "EXPRESS" },
];

/** Lints and reports the samples (the output is dropped). Never throws: it only makes code run. */
export function warmUp(): void {
  try {
    const peers = buildPeers(WARM_UP_SAMPLES);
    const results = WARM_UP_SAMPLES.map(({ file, text, type }) => {
      const options: LintOptions = { filename: file, type, rules: {}, peers };
      return { file, text, ...lint(text, options) };
    });
    FORMATS.stylish(results, { color: false, version: "" });
  } catch {
    // a failed warm-up only makes the cache smaller
  }
}
