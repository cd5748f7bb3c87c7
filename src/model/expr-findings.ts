/**
 * What a path or intrinsic function parser found in a string value, as located findings: the
 * invalid-path and payload-template rules report them.
 */
import type { Node } from "../parse/tree.js";
import type { ExprError } from "../expr/types.js";
import { quote } from "../expr/names.js";
import type { Finding, ReportOptions } from "../report.js";
import { spanOf } from "./jsonpath-fields.js";
import { replaceStringFix } from "../parse/edits.js";

const CONTEXT_NOTE = " AWS may add context object fields, so this is a warning; ignore it if the field is new.";

/**
 * The filter `[?(...)]` or script expression `[(...)]` around `pos`, when it is closed.
 * AWS accepts definitions whose filters do not parse for us (a deployed sample compares with
 * an unquoted word: `[?(@.status==Failure)]`), so what goes wrong inside one is a warning.
 */
function scriptAround(text: string, pos: number): { start: number; end: number } | undefined {
  const start = Math.max(text.lastIndexOf("[?(", pos), text.lastIndexOf("[(", pos));
  if (start < 0) return undefined;
  const close = text.indexOf(")]", start);
  if (close < 0 || pos > close + 1) return undefined;
  return { start, end: close + 2 };
}

/**
 * `scriptAround` for many positions of one text: the openings and closings found once, then a
 * binary search for each position (thousands of errors in one long path would each scan it).
 */
function scriptFinder(text: string): (pos: number) => { start: number; end: number } | undefined {
  if (!text.includes("[(") && !text.includes("[?(")) return () => undefined;
  const opens: number[] = [];
  for (let i = text.indexOf("[", 0); i >= 0; i = text.indexOf("[", i + 1)) {
    if (text.startsWith("[(", i) || text.startsWith("[?(", i)) opens.push(i);
  }
  const closes: number[] = [];
  for (let i = text.indexOf(")]", 0); i >= 0; i = text.indexOf(")]", i + 1)) closes.push(i);
  /** How many of the sorted list are at or before `pos`. */
  const upTo = (list: number[], pos: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (pos) => {
    const before = upTo(opens, pos);
    if (before === 0) return undefined;
    const start = opens[before - 1];
    const after = upTo(closes, start - 1);
    const close = after < closes.length ? closes[after] : -1;
    if (close < 0 || pos > close + 1) return undefined;
    return { start, end: close + 2 };
  };
}

/**
 * The findings of a path or intrinsic parser, located inside the string value. `reference` (the field name) marks
 * a Reference Path, where a filter or script expression is an error whatever it holds.
 */
export function exprFindings(
  node: Node,
  text: string,
  found: { errors: ExprError[]; warnings: ExprError[]; contextErrors: ExprError[] },
  reference?: string,
): Finding[] {
  const out: Finding[] = [];
  const report = (node: Node, message: string, options?: ReportOptions) => out.push({ node, message, options });
  const around = found.errors.length > 1 ? scriptFinder(text) : (pos: number) => scriptAround(text, pos);
  for (const e of found.errors) {
    const script = around(e.start);
    if (script && reference) {
      report(
        node,
        `${reference} takes a reference path, which cannot contain filters "[?(...)]" or script expressions "[(...)]"; a reference path must select a single node, such as "$.items[0]".`,
        { span: spanOf(script, text.length) },
      );
      break;
    }
    if (script) {
      // later errors of the same parse are likely to follow from this one
      const filter = text.startsWith("[?(", script.start);
      const message = filter
        ? `${e.message} AWS does not check filter expressions when it accepts the definition, but this one may fail or select nothing at run time.`
        : `Script expressions such as ${quote(text.slice(script.start, script.end))} are not documented for Step Functions paths and may fail at run time; select with an index such as "[-1]" or a filter "[?(...)]" instead.`;
      report(node, message, { span: spanOf(filter ? e : script, text.length), severity: "WARNING" });
      break;
    }
    report(node, e.message, { span: spanOf(e, text.length) });
  }
  for (const e of found.warnings) {
    const trim = /^Remove the whitespace/.test(e.message) ? [replaceStringFix("Remove the whitespace", node, text.trim())] : undefined;
    report(node, e.message, { span: spanOf(e, text.length), severity: "WARNING", fixes: trim });
  }
  for (const e of found.contextErrors) report(node, e.message + CONTEXT_NOTE, { span: spanOf(e, text.length), severity: "WARNING" });
  return out;
}

