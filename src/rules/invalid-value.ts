import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";

export const invalidValue: Rule = {
  meta: {
    id: "invalid-value",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: "A field's value has the wrong type, is not one of the allowed values, or is out of range (an unknown Type, MaxAttempts 2.5, BackoffRate 0.5, JitterStrategy \"PARTIAL\", ...).",
    rationale: "AWS checks the type and range of every field when the state machine is created or updated and rejects the definition (SCHEMA_VALIDATION_FAILED).",
    source: "SPEC state tables, §Retry; DG-ERR; DG-WAIT; DG-DIST; asl-facts §1, §3, §4",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 2.5 } ], "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "BackoffRate": 2 } ], "End": true } } }',
    },
  },
  check(ctx) {
    ctx.reportAll(schemaFindings(ctx.machine, ctx.doc.text, "invalid-value"));
  },
};
