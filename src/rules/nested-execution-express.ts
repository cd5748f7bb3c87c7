import { expressPattern } from "../aws/messages.js";
import type { Rule } from "./types.js";
import { nestedTasks } from "../model/nested.js";
import { executionContexts } from "../model/execution-contexts.js";
import { PATTERN_SUFFIX } from "../aws/integrations.js";

export const nestedExecutionExpress: Rule = {
  meta: {
    id: "nested-execution-express",
    severity: "ERROR",
    basis: "rejected",
    description: "An EXPRESS state machine can start a child execution only fire-and-forget (no .sync, .sync:2 or .waitForTaskToken).",
    rationale:
      "Express workflows support only the Request-Response integration pattern: they cannot wait for a child execution to finish (.sync, .sync:2) nor for a task token (.waitForTaskToken). Start the child with arn:aws:states:::states:startExecution, make the parent STANDARD, or call an Express child synchronously from a Standard parent.",
    source: "REC (aws-validation-messages §2: Express state machine does not support '.sync' / '.waitForTaskToken' service integration, at the Resource); DG-ARCHIVE concepts-standard-vs-express; DG-INTEG (Express: Request-Response only); asl-facts §10",
    examples: {
      fail: {
        definition: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child" }, "End": true } } }',
        type: "EXPRESS",
      },
      pass: {
        definition: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
        type: "EXPRESS",
      },
    },
  },
  check(ctx) {
    if (ctx.type !== "EXPRESS") return;
    const contexts = executionContexts(ctx.machine, ctx.type);
    for (const task of nestedTasks(ctx.machine)) {
      if (task.pattern === "request-response") continue;
      // inside a Distributed Map's child executions, express-limits judges by their ExecutionType
      const ec = contexts.get(task.state.scope);
      if (!ec || ec.map || ec.type !== "EXPRESS") continue;
      const suffix = PATTERN_SUFFIX[task.pattern];
      const text = task.resource.value as string;
      const at = text.lastIndexOf(suffix);
      ctx.report(
        task.resource,
        `This is an EXPRESS state machine: it supports only request-response integrations, so "${suffix}" (${task.pattern === "waitForTaskToken" ? "wait for a task token" : "wait for the child to finish"}) is not allowed. Use arn:aws:states:::states:startExecution (fire and forget), or make this workflow STANDARD.`,
        {
          span: at >= 0 ? { start: at, end: at + suffix.length } : undefined,
          fixes: at >= 0 ? [{ title: `Remove "${suffix}"`, edits: [{ offset: task.resource.offset, length: task.resource.length, newText: JSON.stringify(text.slice(0, at) + text.slice(at + suffix.length)) }] }] : undefined,
          aws: expressPattern(task.pattern),
        },
      );
    }
  },
};
