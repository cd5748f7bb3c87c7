import { exprFindings } from "../model/expr-findings.js";
import type { Rule, RuleContext } from "./types.js";
import { pathParser, type PathResult } from "../expr/path.js";
import { checkIntrinsic, parseIntrinsicShared, STRING_INTRINSICS } from "../expr/intrinsic.js";
import { isTemplated } from "../parse/tree.js";
import { looksLikeStatesCall, pathFields, spanOf, type PathField } from "../model/jsonpath-fields.js";
import { replaceStringFix } from "../parse/edits.js";

/** A value that is not a path at all: suggest the path the user probably meant. */
function suggestion(text: string): string | undefined {
  const t = text.trim();
  if (t.startsWith("$")) return t;
  if (t.startsWith(".") || t.startsWith("[")) return "$" + t;
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(t)) return "$." + t;
  return undefined;
}

function what(field: PathField): string {
  switch (field.kind) {
    case "path":
      return 'a path starting with "$"';
    case "result":
    case "reference":
      return 'a reference path starting with "$"';
    case "error":
      return 'a reference path starting with "$" or a string intrinsic function such as "States.Format(\'{}\', $.code)"';
  }
}

/** The path parser of a field: by kind, then by field name (a few dozen in all). */
const parsers = new Map<PathField["kind"], Map<string, (text: string) => Readonly<PathResult>>>();

function parserFor(kind: PathField["kind"], name: string): (text: string) => Readonly<PathResult> {
  let byName = parsers.get(kind);
  if (!byName) parsers.set(kind, (byName = new Map()));
  let parse = byName.get(name);
  if (!parse) byName.set(name, (parse = pathParser({ reference: kind !== "path", field: name, resultPath: kind === "result" })));
  return parse;
}

function checkField(ctx: RuleContext, f: PathField): void {
  const node = f.node;
  if (node.type !== "string") return; // null and wrong types: schema
  const text = node.value as string;
  if (isTemplated(node)) return; // ${Name}: judged after substitution
  const name = f.name;

  if (f.kind === "error" && looksLikeStatesCall(text)) {
    const parsed = parseIntrinsicShared(text);
    ctx.reportAll(exprFindings(node, text, parsed));
    if (parsed.ok && parsed.call) {
      for (const e of checkIntrinsic(parsed.call, { allowed: STRING_INTRINSICS, field: name })) ctx.report(node, e.message, { span: spanOf(e, text.length) });
    }
    return;
  }
  // an intrinsic function where only a path is accepted: intrinsic-placement's finding
  if (looksLikeStatesCall(text)) return;

  const parse = parserFor(f.kind, name);
  const result = parse(text);
  if (!result.ok && !text.trimStart().startsWith("$")) {
    const guess = suggestion(text);
    const meant = guess !== undefined && parse(guess).ok ? guess : undefined;
    const nullable = f.nullable ? ` (or null${f.field.endsWith("ResultPath") ? " to discard the result" : ""})` : "";
    const empty = text.length === 0;
    const message = `${f.field} must be ${what(f)}${nullable}; ${empty ? "it is empty" : `${JSON.stringify(text)} ${f.kind === "error" ? "is neither" : "is not a path"}`}.${
      meant ? ` Did you mean ${JSON.stringify(meant)}?` : f.kind === "error" ? "" : ' For example "$.field".'
    }`;
    ctx.report(node, message, {
      fixes: meant ? [replaceStringFix(`Change to ${JSON.stringify(meant)}`, node, meant)] : undefined,
    });
    return;
  }
  ctx.reportAll(exprFindings(node, text, result, f.kind === "path" ? undefined : f.field));
}

export const invalidPath: Rule = {
  meta: {
    id: "invalid-path",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "unknown", what: "a filter or script expression AWS does not check, surrounding whitespace, or a $$ context field AWS does not document" },
    ],
    description:
      "Every path field of a JSONPath state is a path AWS accepts: InputPath/OutputPath and Choice Variable/…Path operators (full paths), ResultPath (reference path, no $$ or variables), ItemsPath and the …Path value fields (reference paths), Fail ErrorPath/CausePath (reference path or string intrinsic).",
    rationale:
      "AWS rejects a definition whose path fields do not parse, or use filters, wildcards or slices where a single node is needed (SCHEMA_VALIDATION_FAILED). Accepted syntax follows AWS, so hyphenated names ($.detail-type), bracket names ($.detail['flow-name'], $.abc.['def ghi']), $.[0], filters and slices in full paths are not reported. Unknown $$ context fields are only warnings: AWS may add fields.",
    source: "asl-facts §8 [SPEC §Paths; DG-PATHS], §3.6 [DG-FAIL], §6, §9 [DG-CTX]",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.items[*]", "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.detail[\'flow-name\']", "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      if (state.queryLanguage !== "JSONPath" || state.node.type !== "object") continue;
      for (const f of pathFields(state)) checkField(ctx, f);
    }
  },
};
