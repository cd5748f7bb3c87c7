import { passResultIsStatic as awsPassResultIsStatic } from "../aws/messages.js";
import type { Rule } from "./types.js";
import type { Fix } from "../diagnostic.js";
import { has, prop } from "../parse/tree.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";
import { eachTemplateMember, hasDollarKey } from "../model/jsonpath-fields.js";
import { renameKeyFix } from "../parse/edits.js";

export const passResultIsStatic: Rule = {
  meta: {
    id: "pass-result-is-static",
    code: "PASS_RESULT_IS_STATIC",
    severity: "WARNING",
    basis: "aws-warning",
    description: 'A Pass state\'s "Result" containing keys that end in ".$": Result is never evaluated.',
    rationale:
      'Result is output exactly as written, so "c.$": "$.x" yields a field named "c.$" holding the text "$.x". To build the output from the input, "Parameters" was meant. AWS\'s ValidateStateMachineDefinition warns about this (PASS_RESULT_IS_STATIC).',
    source: "DOC (API_ValidateStateMachineDefinition example: PASS_RESULT_IS_STATIC warning, at the Result); asl-facts §3.1 [SFN-MODEL ValidateStateMachineDefinition PASS_RESULT_IS_STATIC; DG-PASS]",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Result": { "id.$": "$.id" }, "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id.$": "$.id" }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of statesOfType(ctx.machine, "Pass")) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      const result = prop(state.node, "Result");
      if (!result || !hasDollarKey(result)) continue;
      let fixes: Fix[] | undefined;
      eachTemplateMember(result, (member) => {
        if (!member.key.endsWith(".$")) return;
        fixes ??= has(state.node, "Parameters") ? [] : [renameKeyFix(ctx.doc.text, result, "Parameters", 'Rename "Result" to "Parameters"')];
        const v = member;
        const value = v.type === "string" ? ` and ${quote(v.value as string)} stays text` : "";
        ctx.report(
          v,
          `${quote(member.key)} in "Result" is not evaluated: Result is output as written, so the key keeps its ".$"${value}. Use "Parameters" instead of "Result" to read values from the input.`,
          { key: true, fixes: fixes.length ? fixes : undefined, aws: { message: awsPassResultIsStatic(member.key), at: result } },
        );
      });
    }
  },
};
