import type { Rule } from "./types.js";
import { walk, type Node, memberOf } from "../parse/tree.js";
import { nestedTasks, holdsJsonataExpression } from "../model/nested.js";
import { executionContexts } from "../model/execution-contexts.js";
import { contextMember } from "../expr/context-fields.js";

/** Where the task token appears in an Input, and whether it is evaluated there. */
function findToken(input: Node, language: "JSONPath" | "JSONata"): "evaluated" | "literal" | undefined {
  let found: "evaluated" | "literal" | undefined;
  const wholeContext = (s: string) => /(^|[^\w.])\$\$(?![.\w])/.test(s);
  walk(input, (n) => {
    if (found === "evaluated") return false;
    if (n.type !== "string") return;
    const s = n.value as string;
    if (language === "JSONata") {
      if (/\$states\.context\.Task\.Token/.test(s) || /\$states\.context(?![.\w])/.test(s)) found = holdsJsonataExpression(n) ? "evaluated" : (found ?? "literal");
      return;
    }
    const key = memberOf(n)?.key ?? "";
    const evaluated = key.endsWith(".$") || (n === input && memberOf(input)?.key.endsWith(".$"));
    if (s.includes("$$.Task.Token") || (evaluated && wholeContext(s))) found = evaluated ? "evaluated" : (found ?? "literal");
  });
  return found;
}

export const nestedExecutionTaskToken: Rule = {
  meta: {
    id: "nested-execution-task-token",
    severity: "WARNING",
    basis: "accepted",
    description: "A states:startExecution.waitForTaskToken task must pass the task token into the child's Input.",
    rationale:
      "With .waitForTaskToken the parent waits until someone calls SendTaskSuccess or SendTaskFailure with the task's token. The token only exists in the context object ($$.Task.Token; JSONata $states.context.Task.Token): if Input does not carry it, the child cannot answer and the parent waits until the task times out (by default 99999999 seconds, longer than an execution may live). AWS accepts the definition, so this is a warning.",
    source: "REC (issue 21: AWS accepts a .waitForTaskToken Task that never passes the token); DG-SFN (Wait for a Callback with Task Token); CDK start-execution.ts (throws when the token is absent); asl-facts §12",
    examples: {
      fail: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
      pass: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "TaskToken.$": "$$.Task.Token", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
    },
  },
  check(ctx) {
    const contexts = executionContexts(ctx.machine, ctx.type);
    for (const task of nestedTasks(ctx.machine)) {
      if (task.pattern !== "waitForTaskToken") continue;
      // in Express executions the callback itself is the error (nested-execution-express, express-limits)
      if (contexts.get(task.state.scope)?.type === "EXPRESS") continue;
      if (task.args && task.args.type !== "object") continue; // JSONata Arguments expression: cannot tell
      const { key, value: token } = contextMember("TaskToken", "Task.Token", task.language);
      if (!task.input) {
        ctx.report(task.args ?? task.resource, `The task waits for a task token (.waitForTaskToken) but passes no Input, so the child never receives the token and the parent waits until it times out. Add "Input": { "${key}": "${token}" }.`, { key: true });
        continue;
      }
      const found = findToken(task.input.node, task.language);
      if (found === "evaluated") continue;
      if (found === "literal") {
        ctx.report(task.input.node, `The task token is written as plain text in Input: without ${task.language === "JSONata" ? "{% %}" : 'a key ending in ".$"'} the child receives the text "${task.language === "JSONata" ? "$states.context.Task.Token" : "$$.Task.Token"}", not the token. Write "${key}": "${token}".`, { key: true });
        continue;
      }
      ctx.report(task.input.node, `The task waits for a task token (.waitForTaskToken) but Input does not pass ${task.language === "JSONata" ? "$states.context.Task.Token" : "$$.Task.Token"}: the child cannot call SendTaskSuccess and the parent waits until it times out. Add "${key}": "${token}" to Input.`, { key: true });
    }
  },
};
