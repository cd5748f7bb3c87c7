import type { Rule } from "./types.js";
import type { Fix } from "../diagnostic.js";
import { get, isObject, memberOf } from "../parse/tree.js";
import { nestedTasks, parentIdMember, holdsJsonataExpression } from "../model/nested.js";
import { addMemberFix } from "../parse/edits.js";
import { PARENT_EXECUTION_ID_KEY as KEY } from "../aws/integrations.js";

export const nestedExecutionParentId: Rule = {
  meta: {
    id: "nested-execution-parent-id",
    severity: "WARNING",
    basis: "accepted",
    description: `A child execution should receive the parent's execution id in Input ("${KEY}").`,
    rationale:
      `With "${KEY}" set to the parent's execution id in the child's Input, the console links the child execution to its parent and back. JSONPath: "${KEY}.$": "$$.Execution.Id"; JSONata: "${KEY}": "{% $states.context.Execution.Id %}". Written without ".$" in JSONPath, the child receives the literal text "$$.Execution.Id".`,
    source: "DG-SFN (concepts-nested-workflows: associate the child with the parent); asl-facts §12",
    examples: {
      fail: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "orderId.$": "$.orderId" } }, "End": true } } }',
      pass: '{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input": { "orderId.$": "$.orderId", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const task of nestedTasks(ctx.machine)) {
      if (!isObject(task.args)) continue;
      const member = parentIdMember(task.language);
      const text = ctx.doc.text;
      const input = task.input;
      if (!input) {
        const fix = addMemberFix(`Add "Input" with ${KEY}`, text, task.args, "Input", { [member.key]: member.value });
        ctx.report(task.args, `The child execution gets no Input, so it is not linked to this (parent) execution. Add "Input": { "${member.key}": "${member.value}" }.`, {
          key: true,
          fixes: fix ? [fix] : undefined,
        });
        continue;
      }
      if (input.dynamic || !isObject(input.node)) continue; // built at run time: cannot tell
      const node = input.node;
      const withPath = get(node, `${KEY}.$`);
      const literal = get(node, KEY);
      if (task.language === "JSONPath") {
        if (withPath) {
          if (withPath.type === "string" && withPath.value !== "$$.Execution.Id") {
            ctx.report(withPath, `"${KEY}.$" should be "$$.Execution.Id" (the parent's execution id), not ${JSON.stringify(withPath.value)}.`, {
              fixes: [{ title: 'Use "$$.Execution.Id"', edits: [{ offset: withPath.offset, length: withPath.length, newText: '"$$.Execution.Id"' }] }],
            });
          }
          continue;
        }
        if (literal) {
          const p = memberOf(literal);
          if (literal.type === "string" && literal.value === "$$.Execution.Id" && p) {
            const keyText = text.slice(p.keyOffset, p.keyOffset + p.keyLength);
            const fix: Fix = { title: `Rename the key to "${KEY}.$"`, edits: [{ offset: p.keyOffset, length: p.keyLength, newText: keyText.startsWith('"') ? `"${KEY}.$"` : `${KEY}.$` }] };
            ctx.report(literal, `Without ".$" the child receives the literal text "$$.Execution.Id", not the parent's execution id. Name the key "${KEY}.$".`, { key: true, fixes: [fix] });
          }
          continue;
        }
      } else if (literal) {
        if (!holdsJsonataExpression(literal) || !/\$states\.context\.Execution\.Id/.test(literal.value as string)) {
          ctx.report(literal, `"${KEY}" should be "{% $states.context.Execution.Id %}" (the parent's execution id).`, {});
        }
        continue;
      }
      const fixes: Fix[] = [];
      if (node.properties!.length) {
        const f = addMemberFix(`Add ${KEY}`, text, node, member.key, member.value);
        if (f) fixes.push(f);
      } else if (text[node.offset] === "{") {
        fixes.push({ title: `Add ${KEY}`, edits: [{ offset: node.offset, length: node.length, newText: `{ ${JSON.stringify(member.key)}: ${JSON.stringify(member.value)} }` }] });
      }
      ctx.report(node, `The child's Input has no "${KEY}", so the child execution is not linked to this (parent) execution. Add "${member.key}": "${member.value}".`, {
        key: true,
        fixes,
      });
    }
  },
};
