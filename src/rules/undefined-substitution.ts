import type { Rule } from "./types.js";
import { prop, walk, type Node } from "../parse/tree.js";
import { schemaFindings } from "../model/schema.js";
import { unfilledPlaceholders } from "../sources/references.js";
import { didYouMean } from "../expr/names.js";

export const undefinedSubstitution: Rule = {
  meta: {
    id: "undefined-substitution",
    severity: "ERROR",
    basis: "deploy-rejected",
    findings: [{ severity: "WARNING", basis: "accepted", what: "a placeholder where AWS does not check the value: the state runs with the literal text" }],
    description: "A ${Name} placeholder in a template's definition that no DefinitionSubstitutions key (or Terraform template variable) fills in.",
    rationale:
      "CloudFormation replaces each ${Key} of the definition with DefinitionSubstitutions' value for Key and leaves any other ${...} as text. That text is rejected where AWS checks the value (a Task Resource, a number, a state Type, an unquoted placeholder that leaves invalid JSON): an ERROR there; elsewhere the state runs with the literal text (a WARNING). Terraform's templatefile() fails on a variable its map does not hold.",
    source: "CloudFormation AWS::StepFunctions::StateMachine DefinitionSubstitutions; Terraform templatefile function (\"vars ... must contain every variable the template uses\")",
    examples: {
      fail: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FunctionArn: !GetAtt Fn.Arn\n      DefinitionString: '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${FnArn}\",\"End\":true}}}'\n", filename: "template.yaml" },
      pass: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FunctionArn: !GetAtt Fn.Arn\n      DefinitionString: '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${FunctionArn}\",\"End\":true}}}'\n", filename: "template.yaml" },
    },
  },
  check(ctx) {
    const t = ctx.template;
    const root = ctx.doc.root;
    if (!t || !t.substitutionMode || !root) return;
    // where the schema wants a number, a boolean or a fixed value: the literal text is rejected there
    const strict = new Set<Node>();
    for (const f of schemaFindings(ctx.machine, ctx.doc.text, "deploy-time-placeholder")) strict.add(f.node);
    // a Task state's own Resource (an ARN AWS checks); a key named Resource elsewhere (an IAM
    // policy's Statement in Parameters) is data
    for (const state of ctx.machine.states) {
      const resource = state.type === "Task" ? prop(state.node, "Resource") : undefined;
      if (resource) strict.add(resource);
    }
    const keys = [...t.substitutions.keys()];
    const where = t.substitutionMode === "templatefile" ? "the template variables" : "DefinitionSubstitutions";
    walk(root, (n) => {
      for (const p of unfilledPlaceholders(t, ctx.doc.text, n)) {
        const value = n.value as string;
        const whole = p.start === 0 && p.end === value.length;
        const bare = t.bare?.has(n.offset) ?? false;
        const rejected = t.substitutionMode === "templatefile" || bare || (whole && strict.has(n));
        const known = keys.length ? ` (it has ${keys.map((k) => JSON.stringify(k)).join(", ")})` : " (there is none)";
        const hint = didYouMean(p.name, keys);
        const outcome =
          t.substitutionMode === "templatefile"
            ? "Terraform stops with an error: the vars map must hold every variable the template uses."
            : rejected
              ? `AWS receives the text \${${p.name}} here and rejects the definition.`
              : `the state runs with the text \${${p.name}} as it is.`;
        ctx.report(n, `\${${p.name}} is not filled in: no key ${JSON.stringify(p.name)} in ${where}${known}, so ${outcome}${hint} Add the key or fix the name.`, {
          span: { start: p.start, end: p.end },
          severity: rejected ? "ERROR" : "WARNING",
        });
      }
    });
  },
};
