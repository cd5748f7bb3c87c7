import type { Rule } from "./types.js";
import { get, isTemplated } from "../parse/tree.js";
import { codePointLength, quote } from "../expr/names.js";
import { replaceValueFix } from "../parse/edits.js";
import { statesOfType } from "../model/by-type.js";

import { LABEL_MAX as MAX_LENGTH } from "../aws/limits.js";
import { isControlCharacter, LABEL_FORBIDDEN_PUNCTUATION } from "../aws/names.js";
const PLACEHOLDER = /\$\{[^{}]+\}/g;
/** Diagnostics per label, so a long label of spaces stays readable. */
const MAX_REPORTS = 5;

function isForbidden(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return LABEL_FORBIDDEN_PUNCTUATION.has(ch) || /\s/u.test(ch) || isControlCharacter(c);
}

function trimDashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === "-") a++;
  while (b > a && s[b - 1] === "-") b--;
  return s.slice(a, b);
}

function describe(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (ch === " ") return "a space";
  if (ch === "\t") return "a tab";
  if (ch === "\n" || ch === "\r") return "a line break";
  if (isControlCharacter(c)) return `the control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
  if (/\s/u.test(ch)) return `whitespace (U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
  return quote(ch);
}

export const mapLabel: Rule = {
  meta: {
    id: "map-label",
    code: "INVALID_LABEL_NAME",
    severity: "ERROR",
    basis: "rejected",
    description: "A Distributed Map Label that is empty, longer than 40 characters, or holds whitespace, control characters or any of ? * < > { } [ ] : ; , \\ | ^ ~ $ # % & ` \".",
    rationale:
      "The label becomes part of the Map Run ARN and of the child executions' names, so AWS restricts it like a resource name and rejects the definition otherwise.",
    source: "REC (aws-validation-messages §2: CreateStateMachine refuses a Label that is empty, over 40 characters, or holds a space, \"?\" or a control character; AWS's code and text are not on record); DG-DIST (Label); CDK DistributedMap label validation; SFN-MODEL INVALID_LABEL_NAME; asl-facts §3.8, §11",
    examples: {
      fail: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "Label": "process items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
      pass: '{ "StartAt": "M", "States": { "M": { "Type": "Map", "Label": "process-items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of statesOfType(ctx.machine, "Map")) {
      const label = get(state.node, "Label");
      if (label?.type !== "string") continue;
      const s = label.value as string;
      // deploy-time placeholders are filled in later: judge only the text around them
      const skip: [number, number][] = [];
      for (const m of s.matchAll(PLACEHOLDER)) skip.push([m.index!, m.index! + m[0].length]);
      const length = codePointLength(s);
      if (length === 0) {
        ctx.report(label, `The Label of Map ${quote(state.name)} is empty: give it 1 to ${MAX_LENGTH} characters (letters, digits, "-" and "_"), or remove "Label" and AWS generates one.`);
        continue;
      }
      if (!isTemplated(label) && length > MAX_LENGTH) {
        ctx.report(label, `Label ${quote(s.slice(0, 20) + "...")} of Map ${quote(state.name)} is ${length} characters long; AWS allows at most ${MAX_LENGTH}. Shorten it.`);
      }
      let sanitized = "";
      const bad: { start: number; end: number; ch: string }[] = [];
      let k = 0;
      for (let i = 0; i < s.length; ) {
        const ch = String.fromCodePoint(s.codePointAt(i)!);
        while (k < skip.length && skip[k][1] <= i) k++;
        const inPlaceholder = k < skip.length && skip[k][0] <= i;
        if (!inPlaceholder && isForbidden(ch)) {
          bad.push({ start: i, end: i + ch.length, ch });
          if (!sanitized.endsWith("-")) sanitized += "-";
        } else {
          sanitized += ch;
        }
        i += ch.length;
      }
      if (bad.length === 0) continue;
      sanitized = trimDashes(sanitized);
      const fix = sanitized ? replaceValueFix(`Change to ${quote(sanitized)}`, label, sanitized) : undefined;
      for (const b of bad.slice(0, MAX_REPORTS)) {
        ctx.report(
          label,
          `Label of Map ${quote(state.name)} cannot contain ${describe(b.ch)}: a Map Run label allows no whitespace, control characters or ${[...LABEL_FORBIDDEN_PUNCTUATION].join(" ")}. Use letters, digits, "-" and "_"${sanitized ? `, e.g. ${quote(sanitized)}` : ""}.`,
          { span: { start: b.start, end: b.end }, fixes: fix ? [fix] : undefined },
        );
      }
    }
  },
};
