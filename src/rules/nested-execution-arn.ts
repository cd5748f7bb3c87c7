import type { Rule } from "./types.js";
import { nestedTasks } from "../model/nested.js";
import { stateMachineArnFindings } from "../expr/arn-findings.js";

export const nestedExecutionArn: Rule = {
  meta: {
    id: "nested-execution-arn",
    severity: "ERROR",
    basis: "fails-every-run",
    description: 'A Task that starts a child execution (states:startExecution) needs a "StateMachineArn" naming a state machine, version or alias.',
    rationale:
      "The task calls StartExecution with its arguments. Without StateMachineArn, or with an ARN StartExecution refuses (a Distributed Map label ARN: ValidationException API_DOES_NOT_SUPPORT_LABELED_ARNS; an execution, activity or malformed ARN: InvalidArn), the task fails every time it runs.",
    source: "DG-SFN (startExecution parameters); SFN-MODEL StartExecution.stateMachineArn; asl-facts §12",
    examples: {
      fail: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child/Fanout" }, "End": true } } }',
      pass: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const task of nestedTasks(ctx.machine)) {
      if (!task.arn) {
        const where = task.args && task.args.type === "object" ? task.args : task.resource;
        if (task.args && task.args.type !== "object") continue; // a JSONata expression or a schema error
        ctx.report(
          where,
          `The task starts a child execution but ${task.args ? `its ${task.argsField} have` : `it has no ${task.argsField}, so it has`} no "StateMachineArn": StartExecution fails with a missing required parameter. Add "StateMachineArn"${task.language === "JSONPath" ? ' (or "StateMachineArn.$" for a path)' : ""}.`,
          { key: true },
        );
        continue;
      }
      if (task.arn.dynamic || task.arn.node.type !== "string") continue;
      const node = task.arn.node;
      const { findings } = stateMachineArnFindings(node.value as string, "states:startExecution", false);
      for (const f of findings) {
        if (f.severity !== "ERROR") continue;
        ctx.report(node, f.message, {
          span: { start: f.start, end: f.end },
          fixes: f.replacement ? [{ title: f.replacementTitle ?? "Fix the ARN", edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(f.replacement) }] }] : undefined,
        });
      }
    }
  },
};
