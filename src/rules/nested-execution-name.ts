import type { Rule } from "./types.js";
import { findChild, nestedTasks } from "../model/nested.js";
import { repeats } from "../model/loops.js";
import { checkResourceName } from "../expr/arn.js";
import { quote } from "../expr/names.js";

export const nestedExecutionName: Rule = {
  meta: {
    id: "nested-execution-name",
    severity: "ERROR",
    basis: "fails-every-run",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "a fixed name on a task that runs more than once, or a name CloudWatch Logs cannot take" },
    ],
    description: "A literal child execution Name must be a valid execution name, and unique each time the task runs.",
    rationale:
      "StartExecution refuses names longer than 80 characters or with white space, < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / or control characters (InvalidName). A Standard execution name must also be unique for 90 days: a task with a fixed Name that runs twice (in a loop, in a Map iteration) fails with StepFunctions.ExecutionAlreadyExistsException the second time, unless the first child is still running with the same input (Express children may reuse names: when the child is linted in the same run and is EXPRESS, no warning). Leave Name out (Step Functions generates a UUID) or build it per run, e.g. \"Name.$\": \"States.UUID()\".",
    source: "SFN-MODEL StartExecution.name and ExecutionAlreadyExists; DG-QUOTAS (names); asl-facts §11, §13",
    examples: {
      fail: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Name": "nightly run" }, "End": true } } }',
      pass: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Name.$": "$$.Execution.Name", "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const task of nestedTasks(ctx.machine)) {
      const name = task.name;
      if (!name || name.dynamic || name.node.type !== "string") continue;
      const value = name.node.value as string;
      if (value.includes("${")) continue; // filled in at deploy time
      let valid = true;
      for (const issue of checkResourceName(value, "execution name")) {
        if (issue.severity === "error") valid = false;
        ctx.report(name.node, issue.severity === "error" ? `${issue.message} The task fails with StepFunctions.InvalidNameException.` : issue.message, {
          span: { start: issue.start, end: issue.end },
          severity: issue.severity === "error" ? "ERROR" : "WARNING",
        });
      }
      if (!valid) continue;
      const again = repeats(ctx.machine, task.state);
      if (!again.loop && !again.map) continue;
      // Express executions may reuse names (SFN-MODEL StartExecution: not idempotent for EXPRESS)
      if (findChild(ctx, task)?.peer.type === "EXPRESS") continue;
      const why = again.map
        ? `it runs once per item of Map ${quote(again.map.name)}`
        : `it is in a loop (${again.loop!.states.slice(0, 4).map((s) => quote(s.name)).join(" → ")}${again.loop!.states.length > 4 ? " → …" : ""})`;
      ctx.report(
        name.node,
        `The child execution Name ${quote(value)} is fixed, but ${why}: the second StartExecution with the same name fails with StepFunctions.ExecutionAlreadyExistsException (names are unique per state machine for 90 days). Leave Name out (Step Functions then generates a UUID) or build it per run, e.g. ${task.language === "JSONata" ? '"Name": "{% $uuid() %}"' : '"Name.$": "States.UUID()"'}.`,
        { severity: "WARNING" },
      );
    }
  },
};
