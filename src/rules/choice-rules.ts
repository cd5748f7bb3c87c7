import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";

export const choiceRule: Rule = {
  meta: {
    id: "choice-rule",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description:
      'The shape of a JSONPath Choice rule: "Variable" with exactly one comparison operator, or one of "And", "Or", "Not"; "Next" only on top-level rules.',
    rationale:
      'A data-test rule compares one value in one way: AWS rejects a rule with two operators or none ("Each Choice rule can have only one comparison operator"), a rule that mixes a comparison with And/Or/Not, and "Next" inside nested rules.',
    source: "SPEC §Choice Rules; asl-facts §6",
    examples: {
      fail: '{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.n", "NumericGreaterThan": 1, "NumericLessThan": 9, "Next": "D" } ], "Default": "D" }, "D": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "And": [ { "Variable": "$.n", "NumericGreaterThan": 1 }, { "Variable": "$.n", "NumericLessThan": 9 } ], "Next": "D" } ], "Default": "D" }, "D": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    ctx.reportAll(schemaFindings(ctx.machine, ctx.doc.text, "choice-rule"));
  },
};
