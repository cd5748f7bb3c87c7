/**
 * JSONata expressions in ASL (`"{% ... %}"`), asl-facts §2.5, §2.6.
 *
 * `parseJsonata` parses the inside with the `jsonata` package's parser (compiling only — it
 * never evaluates), maps its errors to precise ranges, and walks the AST to report variable
 * references, `$states.…` uses, function calls and Step Functions restrictions (no `$$`, no `$`
 * or bare field names at the top level, no `$eval`, no JSONata ≥ 2.1 operators).
 *
 * All offsets are into the WHOLE string, including the `{%` / `%}` delimiters.
 * The lexer is jsonata-lex.ts, the error mapping jsonata-errors.ts, the AST walk jsonata-walk.ts.
 */
import type jsonataModule from "jsonata";
import type { ExprError } from "./types.js";
import { memoize } from "./memo.js";
import { lex, nestingOf, MAX_PARSE_NESTING, type Token } from "./jsonata-lex.js";
import { parserError } from "./jsonata-errors.js";
import { Walker, type FunctionRef, type JsonataIssue, type StatesRef, type VariableRef } from "./jsonata-walk.js";

export { JSONATA_FUNCTIONS, JSONATA_FUNCTIONS_BY_NAME, STATES_FIELDS } from "./jsonata-functions.js";
export type { JsonataFunctionInfo } from "./jsonata-functions.js";
export type { FunctionRef, JsonataIssue, JsonataIssueCode, StatesField, StatesRef, VariableRef } from "./jsonata-walk.js";

export type JsonataNode = jsonataModule.ExprNode;

let jsonataParser: typeof jsonataModule | undefined;
/**
 * The `jsonata` package, loaded when the first expression is parsed: building its function
 * library takes a few milliseconds, which a CLI run on JSONPath definitions need not pay.
 */
function jsonata(expression: string): jsonataModule.Expression {
  jsonataParser ??= require("jsonata") as typeof jsonataModule;
  return jsonataParser(expression);
}

export interface JsonataResult {
  /** True when the expression is well delimited and parses (issues do not count). */
  ok: boolean;
  errors: ExprError[];
  ast?: JsonataNode;
  /** Workflow-variable references (not bound inside the expression, not built-in functions). */
  refs: VariableRef[];
  /** `$states` uses. */
  states: StatesRef[];
  /** Function calls and references to functions. */
  calls: FunctionRef[];
  issues: JsonataIssue[];
}

/** True when `s` is wholly a JSONata expression: starts with `{%` and ends with `%}`. */
export function isJsonataExpression(s: unknown): s is string {
  return typeof s === "string" && s.length >= 4 && s.startsWith("{%") && s.endsWith("%}");
}

const DELIMITED = /^\s*\{%[\s\S]*%\}\s*$/;

/**
 * True when `s` is a JSONata expression but for white space around it (`" {% $x %} "`): what
 * a check that must not judge an expression as a literal asks. The white space itself is
 * jsonata-expression's finding (AWS evaluates only an exact `{% … %}`).
 */
export function looksLikeJsonataExpression(s: string): boolean {
  return DELIMITED.test(s);
}

// ---------------------------------------------------------------------------------------
// Public API

function empty(errors: ExprError[]): JsonataResult {
  return { ok: false, errors, refs: [], states: [], calls: [], issues: [] };
}

/**
 * Parses a whole `{% ... %}` string. Errors and references carry offsets into the whole
 * string. Never evaluates the expression and never throws.
 */
export function parseJsonata(s: string): JsonataResult {
  if (typeof s !== "string") return empty([{ message: "A JSONata expression must be a string.", start: 0, end: 0 }]);
  // Delimiters.
  if (!s.startsWith("{%")) {
    let j = 0;
    while (j < s.length && /\s/.test(s[j])) j++;
    if (j > 0 && s.startsWith("{%", j)) {
      return empty([{ message: "Remove the whitespace before {%: a JSONata expression must start with {% and end with %}.", start: 0, end: j }]);
    }
    return empty([{ message: "A JSONata expression must be written as {% ... %}.", start: 0, end: s.length }]);
  }
  if (s.length < 4 || !s.endsWith("%}")) {
    const close = s.lastIndexOf("%}");
    if (close >= 2) {
      const after = s.slice(close + 2);
      const what = /^\s+$/.test(after) ? "whitespace" : "text";
      return empty([{ message: `Remove the ${what} after %}: a JSONata expression must end with %}.`, start: close + 2, end: s.length }]);
    }
    return empty([{ message: "This JSONata expression is not closed: end it with %}.", start: 0, end: 2 }]);
  }
  const offset = 2;
  const inner = s.slice(2, s.length - 2);
  if (inner.trim().length === 0) {
    return empty([{ message: "Empty JSONata expression: write an expression between {% and %}.", start: 0, end: s.length, raw: "Unexpected end of expression" }]);
  }
  let tokens: Token[];
  try {
    tokens = lex(inner);
  } catch {
    tokens = [];
  }
  let ast: JsonataNode | undefined;
  try {
    // the jsonata parser recurses once per level: deeper text is refused before it sees it
    if (nestingOf(tokens) > MAX_PARSE_NESTING) throw new RangeError("nested too deeply");
    ast = jsonata(inner).ast();
  } catch (e) {
    return empty([parserError(e, s, inner, tokens)]);
  }
  const w = new Walker(inner, tokens, offset);
  try {
    w.walk(ast, { names: new Set() }, true);
  } catch {
    // The walk is best effort; never let an unexpected AST shape escape.
  }
  const byStart = <T extends { start: number }>(a: T, b: T) => a.start - b.start;
  return {
    ok: true,
    errors: [],
    ast,
    refs: w.refs.sort(byStart),
    states: w.states.sort(byStart),
    calls: w.calls.sort(byStart),
    issues: w.issues.sort(byStart),
  };
}

/**
 * `parseJsonata`, cached by string (size-bounded): the rules parse through this. The result is
 * shared and frozen, and has no `ast`.
 */
export const parseJsonataShared: (s: string) => Readonly<JsonataResult> = memoize((s) => {
  const r = parseJsonata(s);
  delete r.ast;
  return r;
}, 1024);
