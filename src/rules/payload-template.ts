import { invalidDollarValue } from "../aws/messages.js";
import type { ReportOptions, Rule, RuleContext } from "./types.js";
import type { Finding } from "../report.js";
import type { Fix } from "../diagnostic.js";
import { prop, type Node, type Property, isTemplated } from "../parse/tree.js";
import { parsePathShared } from "../expr/path.js";
import { checkIntrinsicShared, parseIntrinsicShared } from "../expr/intrinsic.js";
import { removeMemberFix, safeFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { exprFindings } from "../model/expr-findings.js";
import { eachTemplateMember, looksLikeCall, spanOf, templateSites, type TemplateSite } from "../model/jsonpath-fields.js";
import { renameKeyFix, replaceStringFix } from "../parse/edits.js";

const KIND: Record<string, string> = { object: "an object", array: "an array", number: "a number", boolean: "a boolean", null: "null" };

/** The value of a `key.$` member: a path or an intrinsic function, parsed and checked. */
function checkDynamic(ctx: RuleContext, member: Property, object: Node): void {
  const node = member;
  const key = member.key;
  // AWS says it of the payload object that holds the key (REC; S10)
  const aws = { message: invalidDollarValue(key), at: object };
  const say = (n: Node, message: string, options: ReportOptions = {}) => ctx.report(n, message, { ...options, aws });
  const sayAll = (findings: Iterable<Finding>) => {
    for (const f of findings) say(f.node, f.message, f.options);
  };
  // the fix that strips ".$" (built only when something is reported)
  const strip = (): Fix[] => {
    const bare = key.slice(0, -2);
    return bare.length > 0 && prop(object, bare) === undefined ? [renameKeyFix(ctx.doc.text, member, bare, `Remove ".$" from ${quote(key)}`)] : [];
  };
  if (node.type !== "string") {
    say(node, `The value of ${quote(key)} must be a string holding a path or an intrinsic function; it is ${KIND[node.type] ?? node.type}. Keys ending in ".$" are evaluated; remove ".$" from the key to pass this value as it is.`, {
      fixes: strip(),
    });
    return;
  }
  const text = node.value as string;
  if (isTemplated(node)) return; // ${Name}: judged after substitution
  if (text.startsWith("$")) {
    sayAll(exprFindings(node, text, parsePathShared(text)));
    return;
  }
  if (looksLikeCall(text)) {
    const parsed = parseIntrinsicShared(text);
    const trimmed = text.trim();
    const first = parsed.errors[0];
    if (trimmed !== text && first && first.start === 0 && /whitespace before/.test(first.message)) {
      say(node, `${first.message} A ".$" value must start with "$" or with the function name.`, {
        span: spanOf(first, text.length),
        fixes: [safeFix(replaceStringFix("Remove the whitespace", node, trimmed))],
      });
      return;
    }
    sayAll(exprFindings(node, text, parsed));
    if (parsed.ok && parsed.call) for (const e of checkIntrinsicShared(text)) say(node, e.message, { span: spanOf(e, text.length) });
    return;
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("$") && parsePathShared(trimmed).ok) {
    say(node, `Remove the whitespace around the path in ${quote(key)}: a path must start with "$".`, {
      fixes: [safeFix(replaceStringFix("Remove the whitespace", node, trimmed))],
    });
    return;
  }
  const fixes = strip();
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(text)) {
    fixes.push(replaceStringFix(`Change the value to ${quote("$." + text)}`, node, "$." + text));
  }
  say(
    node,
    `The value of ${quote(key)} must be a path (such as "$.field", "$$.Execution.Id" or "$variable") or an intrinsic function call (such as "States.Format('{}', $.name)"); ${text.length === 0 ? "it is empty" : `${quote(text)} is neither`}. Remove ".$" from the key to pass the text as it is.`,
    { fixes },
  );
}

/** Does the object have a member named like `key` without its ".$"? (No string is built.) */
function hasBareTwin(object: Node, key: string): boolean {
  const n = key.length - 2;
  for (const p of object.properties!) if (p.key.length === n && key.startsWith(p.key)) return true;
  return false;
}

/** The rule's visitor of template members, made once per lint. */
function visitorFor(ctx: RuleContext): (member: Property, object: Node, site: TemplateSite) => void {
  return (member, object, site) => {
    if (member.key.endsWith(".$")) {
      checkDynamic(ctx, member, object);
      // `x` beside `x.$`: the same field once ".$" is stripped
      if (!hasBareTwin(object, member.key)) return;
      const bare = member.key.slice(0, -2);
      const other = prop(object, bare);
      // top-level Assign keys are variable names: assign-name reports a variable assigned twice
      if (other && bare.length > 0 && !(site.assign && object === site.node)) {
        const later = other.keyOffset > member.keyOffset ? other : member;
        const earlier = later === other ? member : other;
        const fixes = [removeMemberFix(`Remove ${quote(later.key)}`, ctx.doc.text, later), removeMemberFix(`Remove ${quote(earlier.key)}`, ctx.doc.text, earlier)].filter(
          (f): f is Fix => f !== undefined,
        );
        ctx.report(later, `${quote(earlier.key)} and ${quote(later.key)} both become ${quote(bare)} once ".$" is stripped, so the field ${quote(bare)} would appear twice. AWS rejects the duplicate; keep one of them.`, {
          key: true,
          fixes,
        });
      }
    }
  };
}

export const payloadTemplate: Rule = {
  meta: {
    id: "payload-template",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "unknown", what: "a filter or script expression AWS does not check, surrounding whitespace, or a $$ context field AWS does not document" },
    ],
    description:
      'Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Credentials, ItemReader/ResultWriter Parameters, BatchInput, Assign): a key ending in ".$" holds a valid path or intrinsic function, and no key "x" sits beside "x.$".',
    rationale:
      'AWS evaluates the value of every ".$" key as a path or an intrinsic function and rejects a definition where it is neither, or where a path or a call does not parse; intrinsic names, arity and literal arguments are checked too. Stripping ".$" from "x.$" beside a plain "x" leaves two fields of the same name, which AWS rejects.',
    source: "REC (aws-validation-messages §2, S10: \"The value for the field '<key>.$' must be a valid JSONPath or a valid intrinsic function call\", at the payload object; PASTE for Assign); asl-facts §8 [SPEC §Payload Template, App. B; DG-INTR], §7 [SPEC §Using Assign]",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id.$": "id", "name": "x", "name.$": "$.name" }, "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "id.$": "$.detail-type", "list.$": "States.Array()", "Next": "static" }, "End": true } } }',
    },
  },
  check(ctx) {
    const visit = visitorFor(ctx);
    for (const state of ctx.machine.states) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      for (const site of templateSites(state)) eachTemplateMember(site.node, visit, site);
    }
  },
};
