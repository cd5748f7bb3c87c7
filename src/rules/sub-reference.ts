import type { Rule } from "./types.js";
import { nodeAt } from "../report.js";
import { PSEUDO_PARAMETERS } from "../sources/references.js";
import { didYouMean } from "../expr/names.js";

export const subReference: Rule = {
  meta: {
    id: "sub-reference",
    severity: "ERROR",
    basis: "deploy-rejected",
    description: "An Fn::Sub ${Name} in a definition that names no parameter, resource, resource attribute, pseudo parameter or Fn::Sub variable of the template.",
    rationale:
      "CloudFormation resolves every ${Name} of an Fn::Sub string when it processes the template, and rejects the template when Name is none of these (\"Unresolved resource dependencies\"). To leave ${Name} for DefinitionSubstitutions, write ${!Name}.",
    source: "CloudFormation Fn::Sub (\"the names of template parameters, resources and their attributes, pseudo parameters, or the variables of the map\"; ${!Literal})",
    examples: {
      fail: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Sub '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${MissingFn.Arn}\",\"End\":true}}}'\n", filename: "template.yaml" },
      pass: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Sub '{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${Fn.Arn}\",\"End\":true}}}'\n", filename: "template.yaml" },
    },
  },
  check(ctx) {
    const t = ctx.template;
    const root = ctx.doc.root;
    if (!t || (t.kind !== "cloudformation" && t.kind !== "sam") || !root) return;
    // SAM makes resources of its own, named after the resource they belong to (FnRole, ServerlessRestApi)
    const generated = (name: string) => t.kind === "sam" && (name.startsWith("Serverless") || [...t.resources.keys()].some((id) => name.startsWith(id)));
    for (const r of t.subReferences) {
      const name = r.name;
      const dot = name.indexOf(".");
      const head = dot > 0 && !name.includes("::") ? name.slice(0, dot) : name;
      if (r.variables.has(name) || PSEUDO_PARAMETERS.has(name) || t.parameters.has(name) || t.resources.has(head) || generated(head)) continue;
      const hint = didYouMean(head, [...t.parameters, ...t.resources.keys(), ...r.variables]);
      ctx.report(nodeAt(root, r.offset) ?? root, `Fn::Sub cannot resolve \${${name}}: the template has no parameter, resource or variable ${JSON.stringify(head)}, so CloudFormation rejects the template.${hint} To pass \${${name}} on to DefinitionSubstitutions, write \${!${name}}.`, {
        raw: { offset: r.offset, length: r.length },
      });
    }
  },
};
