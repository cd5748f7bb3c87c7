import type { Rule } from "./types.js";
import { get, isObject, memberOf } from "../parse/tree.js";
import { findChild, nestedTasks } from "../model/nested.js";
import { checkStartInput } from "../model/start-input.js";
import { quote } from "../expr/names.js";
import { EXPRESS_MAX_SECONDS, TIMEOUT_SECONDS_MAX } from "../aws/limits.js";

export const nestedExecutionChild: Rule = {
  meta: {
    id: "nested-execution-child",
    severity: "ERROR",
    basis: "fails-every-run",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "an EXPRESS child started with .waitForTaskToken by a task with no timeout" },
      { severity: "INFO", basis: "accepted", what: "an EXPRESS child started with .sync, or with .waitForTaskToken by a task with a timeout" },
    ],
    description: "When the child state machine is linted in the same run: its type fits the integration pattern, and its first state finds what a literal Input gives it.",
    rationale:
      "A child whose first state reads a path the parent's Input does not have fails at once with States.Runtime, and so does the parent's .sync task. An EXPRESS child started with .sync runs like StartSyncExecution (the parent waits, the child may run at most 5 minutes, at most once); with .waitForTaskToken it runs asynchronously (at least once) for at most 5 minutes, so a parent without TimeoutSeconds or HeartbeatSeconds waits for a token that may never come. The child is found by the state machine name in a literal StateMachineArn: the file name without .asl.json/.asl.yaml (and without .express).",
    source: "DG-SFN (nested workflows); asl-facts §10 (Standard vs Express), §12",
    examples: {
      fail: {
        definition: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "orderId.$": "$.id", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
        peers: [{ filename: "Child.asl.json", definition: '{ "StartAt": "Read", "States": { "Read": { "Type": "Pass", "Parameters": { "order.$": "$.orderId", "customer.$": "$.customer" }, "End": true } } }' }],
      },
      pass: {
        definition: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "orderId.$": "$.id", "customer.$": "$.customer", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
        peers: [{ filename: "Child.asl.json", definition: '{ "StartAt": "Read", "States": { "Read": { "Type": "Pass", "Parameters": { "order.$": "$.orderId", "customer.$": "$.customer" }, "End": true } } }' }],
      },
    },
  },
  check(ctx) {
    for (const task of nestedTasks(ctx.machine)) {
      const child = findChild(ctx, task);
      if (!child) continue;
      const peer = child.peer;
      const file = child.self ? " (this state machine)" : peer.filename ? ` (${peer.filename})` : "";
      if (peer.type === "EXPRESS" && (task.pattern === "sync" || task.pattern === "sync:2")) {
        ctx.report(
          task.resource,
          `Child ${quote(peer.name)}${file} is EXPRESS: with .${task.pattern} it runs like StartSyncExecution: the parent waits for it, and it must finish within ${EXPRESS_MAX_SECONDS / 60} minutes (at-most-once; its history is only in CloudWatch Logs).`,
          { severity: "INFO" },
        );
      }
      if (peer.type === "EXPRESS" && task.pattern === "waitForTaskToken") {
        const bounded = get(task.state.node, "TimeoutSeconds") || get(task.state.node, "TimeoutSecondsPath") || get(task.state.node, "HeartbeatSeconds") || get(task.state.node, "HeartbeatSecondsPath");
        ctx.report(
          task.resource,
          `Child ${quote(peer.name)}${file} is EXPRESS: it runs asynchronously (at least once) for at most ${EXPRESS_MAX_SECONDS / 60} minutes; if it ends without SendTaskSuccess or SendTaskFailure the parent waits ${bounded ? "until this task's timeout" : `until the task times out, and this task has no TimeoutSeconds or HeartbeatSeconds (default ${TIMEOUT_SECONDS_MAX} seconds). Add "TimeoutSeconds"`}.`,
          { severity: bounded ? "INFO" : "WARNING" },
        );
      }
      // the child's first state against a literal Input
      const input = task.input;
      if (!input || input.dynamic || !isObject(input.node) || !peer.machine) continue;
      const top = peer.machine.top;
      const startName = top.startAt?.type === "string" ? (top.startAt.value as string) : undefined;
      const start = startName !== undefined ? top.byName.get(startName) : undefined;
      if (!start || start.queryLanguage !== "JSONPath") continue;
      for (const issue of checkStartInput(start.node, start.type, input.node, { template: task.language, stateName: start.name })) {
        const reached = issue.reached;
        ctx.report(reached, `Child ${quote(peer.name)}${file}: ${issue.message.replace("this input", "the Input this task passes")}`, { key: reached === input.node || memberOf(reached) !== undefined });
      }
    }
  },
};
