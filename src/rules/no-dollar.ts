import { noDollar as awsNoDollar } from "../aws/messages.js";
import type { Rule } from "./types.js";
import { prop, type Node, type Property } from "../parse/tree.js";
import { parseIntrinsicShared } from "../expr/intrinsic.js";
import { quote } from "../expr/names.js";
import { eachTemplateMember, meantAsPath, templateSites, type TemplateSite } from "../model/jsonpath-fields.js";
import { renameKeyFix } from "../parse/edits.js";

/** `States.Format(...)` and friends that parse as a call (a sentence such as "States.Foo (see docs)" may not). */
function meantAsIntrinsic(s: string): boolean {
  if (!/^States\.[A-Za-z0-9_.]*\(/.test(s)) return false;
  return parseIntrinsicShared(s).ok;
}

const PATH_NAME = /path/i;

/**
 * Some service APIs take JSONPath text as data (EventBridge InputPathsMap, a "JsonPath"
 * parameter): a key or an enclosing key of the template naming a path means the literal is
 * wanted.
 */
function namesAPath(key: string, object: Node, top: Node): boolean {
  if (PATH_NAME.test(key)) return true;
  for (let n: Node | undefined = object; n && n !== top; n = n.parent) {
    if (typeof n.key === "string" && PATH_NAME.test(n.key)) return true;
  }
  return false;
}

export const noDollar: Rule = {
  meta: {
    id: "no-dollar",
    code: "NO_DOLLAR",
    severity: "WARNING",
    basis: "aws-warning",
    description: 'A payload-template key without ".$" whose string value looks like a path ("$.x", "$$.Execution.Id") or an intrinsic function ("States.Format(...)").',
    rationale:
      'Only keys ending in ".$" are evaluated; any other value is passed as the literal text, so "id": "$.id" sends the string "$.id". AWS\'s ValidateStateMachineDefinition warns about this (NO_DOLLAR). Strings that are not paths ("$", "$5.00", sentences) are not reported.',
    source: "DOC (API_ValidateStateMachineDefinition example: NO_DOLLAR warning, at the payload object); asl-facts §8 [SFN-MODEL ValidateStateMachineDefinition NO_DOLLAR; SPEC §Payload Template]",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id": "$.order.id" }, "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id.$": "$.order.id", "price": "$5.00" }, "End": true } } }',
    },
  },
  check(ctx) {
    const visit = (member: Property, object: Node, site: TemplateSite): void => {
      const v = member;
      if (member.key.endsWith(".$") || v.type !== "string") return;
      const text = v.value as string;
      const path = meantAsPath(text);
      if (!path && !meantAsIntrinsic(text)) return;
      const renamed = member.key + ".$";
      if (prop(object, renamed)) return; // both forms present: payload-template reports the duplicate
      if (namesAPath(member.key, object, site.node)) return;
      const what = path ? "a path" : "an intrinsic function";
      const role = site.assign ? `variable ${quote(member.key)} is assigned` : `${quote(member.key)} gets`;
      ctx.report(
        v,
        `The value of ${quote(member.key)} looks like ${what}, but the key does not end in ".$", so ${role} the literal text ${quote(text)}. Rename the key to ${quote(renamed)} to evaluate it.`,
        {
          key: true,
          fixes: [renameKeyFix(ctx.doc.text, member, renamed)],
          // AWS says it of the payload object (DOC); its words are on record for paths
          aws: path ? { message: awsNoDollar(member.key), at: object } : { at: object },
        },
      );
    };
    for (const state of ctx.machine.states) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      for (const site of templateSites(state)) eachTemplateMember(site.node, visit, site);
    }
  },
};
