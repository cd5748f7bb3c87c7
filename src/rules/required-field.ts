import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";

export const requiredField: Rule = {
  meta: {
    id: "required-field",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: 'A field the state type, the machine, a branch, a retrier, a catcher or a Choice rule must have is missing ("Type", "Resource", "Choices", "StartAt", "ErrorEquals", "Next", ...).',
    rationale: "AWS rejects a definition whose objects lack a required field (SCHEMA_VALIDATION_FAILED): a Task without Resource has nothing to run, a catcher without Next nowhere to go.",
    source: "SPEC §Top-level fields, §State types, §Retry, §Catch, §Choice Rules; asl-facts §1, §3, §4, §6",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } } }',
    },
  },
  check(ctx) {
    ctx.reportAll(schemaFindings(ctx.machine, ctx.doc.text, "required-field"));
  },
};
