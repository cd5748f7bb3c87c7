import { UNSUPPORTED_JSONATA_EXPRESSION, statesFieldDoesNotExist } from "../aws/messages.js";
import type { Rule } from "./types.js";
import { expressionIndex, type ExprField } from "../model/expressions.js";
import { quote } from "../expr/names.js";

function resultMessage(field: ExprField): string {
  const type = field.state.type ?? "this";
  if (field.role === "error") return `$states.result is not available in a Catch: the state failed, so it has no result. The error is in $states.errorOutput.`;
  if (field.where === "rule") return `$states.result is not available in a Choice rule: a Choice state has no result. Use $states.input.`;
  if (type === "Task" || type === "Parallel" || type === "Map") {
    return `$states.result is not available in ${quote(field.label)}: it is evaluated before the ${type} state has a result. Use $states.input here, and read the result in the state's "Output" or "Assign".`;
  }
  return `$states.result is not available in a ${type} state: only Task, Parallel and Map states have a result (read it in their "Output" or "Assign"). Use $states.input.`;
}

export const statesVariable: Rule = {
  meta: {
    id: "states-variable",
    code: "INVALID_JSONATA_EXPRESSION",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "$states.context.Map outside ItemSelector, or a $states.context field AWS does not document" },
    ],
    description:
      "$states.result only in the Output and Assign of a Task, Parallel or Map state; $states.errorOutput only in a Catch's Output and Assign; $states has only input, result, errorOutput and context.",
    rationale:
      "AWS rejects a misplaced $states.result or $states.errorOutput when the state machine is created or validated: Arguments and every other field are evaluated before there is a result, and only a Catch has an error output. An unknown $states field is always undefined. The code is INVALID_JSONATA_EXPRESSION because the fault is in what the expression reads, as for the other JSONata checks.",
    source: "MEAS floci-test (aws-validation-messages §3.7: $states.errorOutput outside a Catch is refused); SPEC §Reserved \"states\" Variable, §Using Arguments and Output, §Using Assign; DG-JSONATA; DG-CTX (context fields, Map.Item only in ItemSelector); asl-facts §2.6, §9",
    examples: {
      fail: '{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "Payload": "{% $states.result %}" }, "End": true } } }',
      pass: '{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "Payload": "{% $states.input %}" }, "Output": "{% $states.result.Payload %}", "End": true } } }',
    },
  },
  check(ctx) {
    const index = expressionIndex(ctx.machine);
    for (const s of index.strings) {
      const parsed = s.parsed;
      if (!parsed || !parsed.ok) continue;
      const field = s.field;
      for (const ref of parsed.states) {
        const head = ref.segments[0];
        const span = { start: ref.start, end: head ? head.end : ref.end };
        if (ref.field === "result" && field.role !== "result") {
          ctx.report(s.node, resultMessage(field), { span });
        } else if (ref.field === "errorOutput" && field.role !== "error") {
          ctx.report(s.node, `$states.errorOutput is only available in the "Output" and "Assign" of a Catch, after an error was caught; in ${quote(field.label)} it is undefined.`, {
            span,
            aws: { code: UNSUPPORTED_JSONATA_EXPRESSION, message: statesFieldDoesNotExist("errorOutput") },
          });
        } else if (ref.field === "context" && ref.path[1] === "Map" && !(field.name === "ItemSelector" && field.label === "ItemSelector")) {
          const seg = ref.segments[1];
          ctx.report(
            s.node,
            `$states.context.Map is only set in a Map state's "ItemSelector", while each item is prepared; in ${quote(field.label)} of state ${quote(field.state.name)} it is undefined. Pass what you need from it in through "ItemSelector" (for example "index": "{% $states.context.Map.Item.Index %}").`,
            { span: { start: ref.start, end: seg.end }, severity: "WARNING" },
          );
        }
      }
      for (const issue of parsed.issues) {
        if (issue.code === "unknown-states-field") ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end } });
        else if (issue.code === "unknown-context-field") ctx.report(s.node, issue.message, { span: { start: issue.start, end: issue.end }, severity: "WARNING" });
      }
    }
  },
};
