import type { Rule } from "./types.js";
import { walk } from "../parse/tree.js";
import { placeholderSpans } from "../sources/references.js";

export const unusedSubstitution: Rule = {
  meta: {
    id: "unused-substitution",
    severity: "WARNING",
    basis: "accepted",
    description: "A DefinitionSubstitutions key (or Terraform template variable) that the definition never uses as ${Key}.",
    rationale:
      "AWS accepts it, but a substitution nothing uses is most often a placeholder whose name was mistyped in the definition (which then keeps the literal ${...}), or one left behind after an edit.",
    source: "CloudFormation AWS::StepFunctions::StateMachine DefinitionSubstitutions",
    examples: {
      fail: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FunctionArn: !GetAtt Fn.Arn\n      DefinitionString: '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}'\n", filename: "template.yaml" },
      pass: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FunctionArn: !GetAtt Fn.Arn\n      DefinitionString: '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${FunctionArn}\",\"End\":true}}}'\n", filename: "template.yaml" },
    },
  },
  check(ctx) {
    const t = ctx.template;
    const root = ctx.doc.root;
    if (!t || !t.substitutionMode || !root || t.substitutions.size === 0) return;
    const used = new Set<string>();
    walk(root, (n) => {
      if (typeof n.key === "string" && n.key.includes("${")) for (const p of placeholderSpans(n.key)) used.add(p.name);
      if (n.type === "string" && (n.value as string).includes("${")) for (const p of placeholderSpans(n.value as string)) used.add(p.name);
    });
    for (const s of t.substitutions.values()) {
      if (used.has(s.key) || t.usedNames?.has(s.key)) continue;
      ctx.report(root, `Substitution ${JSON.stringify(s.key)} is never used: the definition has no \${${s.key}}. Use it where it belongs, or remove it.`, {
        template: { offset: s.keyOffset, length: s.keyLength, segments: [t.substitutionMode === "templatefile" ? "vars" : "DefinitionSubstitutions", s.key] },
      });
    }
  },
};
