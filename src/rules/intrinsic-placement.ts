import type { Rule } from "./types.js";
import { quote } from "../expr/names.js";
import { isTemplated } from "../parse/tree.js";
import { eachTemplateMember, looksLikeStatesCall, pathFields, templateSites, type PathField, type TemplateSite } from "../model/jsonpath-fields.js";
import type { Node, Property } from "../parse/tree.js";

const WHERE =
  'Intrinsic functions run only as the value of a ".$" key in Parameters, ResultSelector, ItemSelector or Credentials, and in a Fail state\'s ErrorPath/CausePath';

function hint(f: PathField): string {
  const name = f.name;
  if (name === "InputPath") return 'compute the value in "Parameters" (for example "value.$": "States.Format(...)") and select it there';
  if (name === "OutputPath" || name === "ResultPath")
    return f.state.type === "Pass"
      ? 'compute the value in "Parameters" (for example "value.$": "States.Format(...)")'
      : 'compute the value in "ResultSelector" (for example "value.$": "States.Format(...)")';
  if (f.state.type === "Choice") return 'compute the value in an earlier Pass state\'s "Parameters" and compare that path here';
  return 'compute the value in an earlier state\'s "Parameters" or "ResultSelector" and point this field at it';
}

function callSpan(text: string): { start: number; end: number } {
  const start = text.length - text.trimStart().length;
  let end = start;
  while (end < text.length && /[A-Za-z0-9_.]/.test(text[end])) end++;
  return { start, end: Math.max(end, start + 1) };
}

export const intrinsicPlacement: Rule = {
  meta: {
    id: "intrinsic-placement",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "INFO", basis: "unknown", what: "an intrinsic function where AWS does not document that it is evaluated" },
    ],
    description:
      "Intrinsic functions only where AWS evaluates them: an intrinsic in a path-only field (InputPath, OutputPath, ResultPath, ItemsPath, …Path fields, Choice Variable) is an error; one in JSONPath Assign, ItemReader/ResultWriter Parameters or ItemBatcher BatchInput is noted, as AWS does not document it there.",
    rationale:
      'Path fields take a path, not an expression: AWS rejects "InputPath": "States.Format(...)". DG-INTR lists the fields that evaluate intrinsic functions (Parameters, ResultSelector, Credentials, Map ItemSelector; Fail ErrorPath/CausePath per DG-FAIL); elsewhere support is unconfirmed, so that case is only information.',
    source: "asl-facts §8 [DG-INTR; DG-FAIL; SPEC App. B], §17 item 9",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "InputPath": "States.Format(\'{}\', $.id)", "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id.$": "States.Format(\'{}\', $.id)" }, "End": true } } }',
    },
  },
  check(ctx) {
    const visit = (member: Property, _object: Node, site: TemplateSite): void => {
      const v = member;
      if (!member.key.endsWith(".$") || v.type !== "string" || isTemplated(v) || !looksLikeStatesCall(v.value as string)) return;
      ctx.report(
        v,
        `AWS's list of fields that evaluate intrinsic functions (Parameters, ResultSelector, ItemSelector, Credentials) does not include ${site.field}. Check that ${quote(member.key)} is evaluated as you expect, or compute the value in ${site.assign ? '"Parameters" or "ResultSelector" first' : 'an earlier state\'s "Parameters" and read it here with a path'}.`,
        { span: callSpan(v.value as string), severity: "INFO" },
      );
    };
    for (const state of ctx.machine.states) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      for (const f of pathFields(state)) {
        if (f.kind === "error" || f.node.type !== "string" || isTemplated(f.node)) continue;
        const text = f.node.value as string;
        if (!looksLikeStatesCall(text)) continue;
        const kind = f.kind === "path" ? "a path" : "a reference path";
        ctx.report(f.node, `${f.field} takes ${kind}, not an intrinsic function. ${WHERE}; ${hint(f)}.`, { span: callSpan(text) });
      }
      for (const site of templateSites(state)) {
        if (!site.intrinsicsDocumented) eachTemplateMember(site.node, visit, site);
      }
    }
  },
};
