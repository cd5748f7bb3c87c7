import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";
import { unfilledPlaceholders } from "../sources/references.js";

export const deployTimePlaceholder: Rule = {
  meta: {
    id: "deploy-time-placeholder",
    code: "DEPLOY_TIME_PLACEHOLDER",
    severity: "INFO",
    basis: "accepted",
    description: "A value that is a deploy-time placeholder (${Name}) where the schema wants a number, a boolean or a fixed value: accepted, and checked only after substitution.",
    rationale:
      "CloudFormation/SAM DefinitionSubstitutions, Terraform templatefile and the Serverless Framework replace ${Name} before AWS sees the definition. The placeholder is not an error; its value simply cannot be checked here.",
    source: "CloudFormation AWS::StepFunctions::StateMachine DefinitionSubstitutions; corpus README",
    examples: {
      fail: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": "${WaitTime}", "End": true } } }',
      pass: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 10, "End": true } } }',
    },
  },
  check(ctx) {
    // a placeholder nothing fills in is undefined-substitution's finding: "checked after substitution" would contradict it
    const findings = [...schemaFindings(ctx.machine, ctx.doc.text, "deploy-time-placeholder")];
    ctx.reportAll(ctx.template?.substitutionMode ? findings.filter((f) => unfilledPlaceholders(ctx.template, ctx.doc.text, f.node).length === 0) : findings);
  },
};
