import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";

export const unknownField: Rule = {
  meta: {
    id: "unknown-field",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description:
      "A field that this kind of object does not have: a typo, a field of another state type, or a field of the other query language (Parameters in a JSONata state, Arguments in a JSONPath state).",
    rationale:
      'AWS rejects unknown fields (SCHEMA_VALIDATION_FAILED). A misspelt "TimeoutSecond" would otherwise be silently dropped by tools that ignore it, and JSONPath-only fields are disabled in JSONata states.',
    source: "SPEC state tables, §Query Languages; DG-JSONATA; asl-facts §2.2-§2.4, §3",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "TimeoutSeconds": 5, "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }',
    },
  },
  check(ctx) {
    ctx.reportAll(schemaFindings(ctx.machine, ctx.doc.text, "unknown-field"));
  },
};
