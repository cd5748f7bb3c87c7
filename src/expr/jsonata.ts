/**
 * JSONata expressions in ASL (`"{% ... %}"`), asl-facts §2.5, §2.6.
 *
 * `parseJsonata` parses the inside with the `jsonata` package's parser (compiling only — it
 * never evaluates), maps its errors to precise ranges, and walks the AST to report variable
 * references, `$states.…` uses, function calls and Step Functions restrictions (no `$$`, no `$`
 * or bare field names at the top level, no `$eval`, no JSONata ≥ 2.1 operators).
 *
 * All offsets are into the WHOLE string, including the `{%` / `%}` delimiters.
 */
import type jsonataModule from "jsonata";
import type { ExprError } from "./types.js";
import { quote } from "./types.js";
import { JSONATA_FUNCTIONS_BY_NAME, STATES_FIELDS } from "./jsonata-functions.js";
import { checkContextNames } from "./context-fields.js";
import { RESERVED_VARIABLE, closest } from "./names.js";
import { memoize } from "./memo.js";

export { JSONATA_FUNCTIONS, JSONATA_FUNCTIONS_BY_NAME, STATES_FIELDS } from "./jsonata-functions.js";
export type { JsonataFunctionInfo } from "./jsonata-functions.js";

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

/** A reference to a workflow variable, e.g. `$total`. */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
}

export type StatesField = "input" | "result" | "errorOutput" | "context";

/** A use of the reserved `$states` variable, e.g. `$states.result.Payload`. */
export interface StatesRef {
  /** First field after `$states` (one of STATES_FIELDS when valid); null for a bare `$states`. */
  field: StatesField | (string & {}) | null;
  /** Field names after `$states`, as far as they are plain names (`["result","Payload"]`). */
  path: string[];
  /** Ranges of each name in `path`. */
  segments: { name: string; start: number; end: number }[];
  /** From the `$` of `$states` to the end of the last name in `path`. */
  start: number;
  end: number;
}

/** A function call or function reference, e.g. `$string(...)` or `$map(..., $string)`. */
export interface FunctionRef {
  name: string;
  start: number;
  end: number;
  /** In the JSONata + Step Functions catalogue. */
  known: boolean;
  /** Called with `(...)` (false when passed around as a value). */
  invoked: boolean;
}

export type JsonataIssueCode =
  | "dollar-dollar"
  | "top-level-input"
  | "unsupported-function"
  | "unsupported-operator"
  | "unknown-states-field"
  | "unknown-context-field";

/** Something the JSONata parser accepts but Step Functions rejects or does not support. */
export interface JsonataIssue extends ExprError {
  code: JsonataIssueCode;
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
// A small lexer that mirrors jsonata's tokenizer, used only to recover token start offsets
// (the jsonata AST and errors carry the offset just past a token).

interface Token {
  kind: "op" | "string" | "number" | "name" | "variable" | "regex" | "value" | "bad";
  start: number;
  end: number;
  value: string;
}

const SINGLE_OPS = new Set([".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">", "^", "&", "!", "~"]);
const DOUBLE_OPS = new Set(["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]);
const JSONATA_WS = " \t\n\r\v";

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  const prefixPosition = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === "op") return !(prev.value === ")" || prev.value === "]" || prev.value === "}");
    return false;
  };
  while (i < n) {
    const c = src[i];
    if (JSONATA_WS.includes(c)) {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    const s = i;
    if (c === "/" && prefixPosition()) {
      // Regex: closing "/" at bracket depth 0, not escaped.
      let j = i + 1;
      let depth = 0;
      let closed = false;
      while (j < n) {
        const d = src[j];
        if (d === "\\") {
          j += 2;
          continue;
        }
        if (d === "/" && depth === 0) {
          closed = true;
          break;
        }
        if (d === "(" || d === "[" || d === "{") depth++;
        if (d === ")" || d === "]" || d === "}") depth--;
        j++;
      }
      if (!closed) {
        tokens.push({ kind: "bad", start: s, end: n, value: src.slice(s) });
        break;
      }
      j++;
      while (src[j] === "i" || src[j] === "m") j++;
      tokens.push({ kind: "regex", start: s, end: j, value: src.slice(s, j) });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (DOUBLE_OPS.has(two)) {
      tokens.push({ kind: "op", start: s, end: i + 2, value: two });
      i += 2;
      continue;
    }
    if (SINGLE_OPS.has(c)) {
      tokens.push({ kind: "op", start: s, end: i + 1, value: c });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      if (j >= n) {
        tokens.push({ kind: "bad", start: s, end: n, value: src.slice(s) });
        break;
      }
      tokens.push({ kind: "string", start: s, end: j + 1, value: src.slice(s, j + 1) });
      i = j + 1;
      continue;
    }
    if (c >= "0" && c <= "9") {
      let j = i + 1;
      if (c !== "0") while (j < n && src[j] >= "0" && src[j] <= "9") j++;
      if (src[j] === "." && src[j + 1] >= "0" && src[j + 1] <= "9") {
        j += 2;
        while (j < n && src[j] >= "0" && src[j] <= "9") j++;
      }
      if ((src[j] === "e" || src[j] === "E") && /[-+0-9]/.test(src[j + 1] ?? "")) {
        let k = j + 1;
        if (src[k] === "-" || src[k] === "+") k++;
        if (src[k] >= "0" && src[k] <= "9") {
          while (k < n && src[k] >= "0" && src[k] <= "9") k++;
          j = k;
        }
      }
      tokens.push({ kind: "number", start: s, end: j, value: src.slice(s, j) });
      i = j;
      continue;
    }
    if (c === "`") {
      const close = src.indexOf("`", i + 1);
      if (close < 0) {
        tokens.push({ kind: "bad", start: s, end: n, value: src.slice(s) });
        break;
      }
      tokens.push({ kind: "name", start: s, end: close + 1, value: src.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < n && !JSONATA_WS.includes(src[j]) && !SINGLE_OPS.has(src[j])) j++;
    if (j === i) {
      i++;
      continue;
    }
    const word = src.slice(i, j);
    if (word[0] === "$") tokens.push({ kind: "variable", start: s, end: j, value: word.slice(1) });
    else if (word === "and" || word === "or" || word === "in") tokens.push({ kind: "op", start: s, end: j, value: word });
    else if (word === "true" || word === "false" || word === "null") tokens.push({ kind: "value", start: s, end: j, value: word });
    else tokens.push({ kind: "name", start: s, end: j, value: word });
    i = j;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------
// Error mapping

interface RawJsonataError {
  code?: string;
  position?: number;
  token?: unknown;
  message?: string;
  value?: unknown;
}

function ownMessage(err: RawJsonataError): string | undefined {
  switch (err.code) {
    case "S0103":
      return `Unsupported escape sequence "\\${String(err.token ?? "")}" in a string; JSONata strings allow \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`;
    case "S0104":
      return "The escape sequence \\u must be followed by 4 hex digits";
    default:
      return undefined;
  }
}

function hintFor(err: RawJsonataError, src: string, start: number): string {
  const tok = typeof err.token === "string" ? err.token : undefined;
  if (tok === "=" && src[start - 1] === "=") return ' JSONata compares with a single "=" (not "=="); use "!=" for "not equal".';
  if (tok === "&" && src[start - 1] === "&") return ' Use "and" for a logical AND ("&" joins strings).';
  if (tok === "|" && src[start - 1] === "|") return ' Use "or" for a logical OR.';
  if (err.code === "S0103" && tok === "'") return " JSONata strings cannot escape a single quote; put the string in double quotes instead.";
  if (err.code === "S0203" && typeof err.value === "string") return ` Add the missing ${quote(err.value)}.`;
  if (err.code === "S0101") return " Close the string with a matching quote.";
  if (err.code === "S0105") return " Close the name with a backquote (`).";
  if (err.code === "S0106") return ' Close the comment with "*/".';
  return "";
}

/**
 * Maps a jsonata error to a range in `src` (the inner expression). Returns null for
 * "end of expression" errors, which the caller places on the closing `%}`.
 */
function errorRange(err: RawJsonataError, src: string, tokens: Token[]): { start: number; end: number } | null {
  const n = src.length;
  const p = typeof err.position === "number" && Number.isFinite(err.position) ? Math.max(0, Math.min(err.position, n)) : undefined;
  const code = err.code ?? "";
  if (err.token === "(end)") return null;
  if (p === undefined) return wholeTrimmed(src);
  const badFrom = (pos: number): { start: number; end: number } | undefined => {
    const bad = tokens.find((t) => t.kind === "bad" && t.start <= pos);
    return bad ? { start: bad.start, end: n } : undefined;
  };
  switch (code) {
    case "S0101": // unterminated string: from the opening quote to the end
    case "S0105":
    case "S0302":
      return badFrom(p) ?? { start: Math.max(0, p - 1), end: n };
    case "S0106":
      return { start: p, end: Math.min(n, p + 2) };
    case "S0102":
      return { start: p, end: Math.min(n, p + (String(err.token ?? "").length || 1)) };
    case "S0103":
      return { start: Math.max(0, p - 1), end: Math.min(n, p + 1) };
    case "S0104": {
      let e = p + 1;
      while (e < n && e < p + 5 && /[0-9a-fA-F]/.test(src[e])) e++;
      return { start: Math.max(0, p - 1), end: e };
    }
    case "S0301":
      return { start: Math.max(0, p - 1), end: Math.min(n, p + 1) };
    default:
      break;
  }
  // Parser errors: the position is just past the offending token.
  let tok: Token | undefined;
  for (const t of tokens) {
    if (t.end === p) tok = t;
    if (t.start >= p) break;
  }
  if (tok) return { start: tok.start, end: tok.end };
  const containing = tokens.find((t) => t.start < p && p <= t.end);
  if (containing) return { start: containing.start, end: containing.end };
  if (p > 0) return { start: p - 1, end: p };
  return { start: 0, end: Math.min(1, n) };
}

function wholeTrimmed(src: string): { start: number; end: number } {
  let s = 0;
  let e = src.length;
  while (s < e && JSONATA_WS.includes(src[s])) s++;
  while (e > s && JSONATA_WS.includes(src[e - 1])) e--;
  return s === e ? { start: 0, end: src.length } : { start: s, end: e };
}

// ---------------------------------------------------------------------------------------
// AST walk

/** AST depth walked (left-deep operator chains nest one level per operator). */
const MAX_WALK_DEPTH = 2500;

interface Frame {
  names: Set<string>;
  parent?: Frame;
}

function isBound(frame: Frame | undefined, name: string): boolean {
  for (let f = frame; f; f = f.parent) if (f.names.has(name)) return true;
  return false;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyNode = any;

class Walker {
  readonly refs: VariableRef[] = [];
  readonly states: StatesRef[] = [];
  readonly calls: FunctionRef[] = [];
  readonly issues: JsonataIssue[] = [];
  private readonly visited = new Set<AnyNode>();
  private readonly byEnd = new Map<number, Token>();
  private readonly handledStates = new Set<AnyNode>();

  constructor(
    readonly src: string,
    tokens: Token[],
    readonly offset: number,
  ) {
    for (const t of tokens) this.byEnd.set(t.end, t);
  }

  /** Range of a variable node (`$name`) in whole-string offsets. */
  varRange(node: AnyNode): { start: number; end: number } | undefined {
    const p = node?.position;
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    const start = t && (t.kind === "variable" || t.kind === "op") ? t.start : p - String(node.value ?? "").length - 1;
    return { start: Math.max(0, start) + this.offset, end: p + this.offset };
  }

  /** Range of a name node (`a`, `` `a b` ``, `"a"`). */
  nameRange(node: AnyNode): { start: number; end: number } | undefined {
    const p = node?.position;
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    const start = t ? t.start : p - String(node.value ?? "").length;
    return { start: Math.max(0, start) + this.offset, end: p + this.offset };
  }

  /** Range of an operator-like node: just the token that ends at its position. */
  tokenRange(p: unknown): { start: number; end: number } | undefined {
    if (typeof p !== "number") return undefined;
    const t = this.byEnd.get(p);
    return { start: (t ? t.start : Math.max(0, p - 1)) + this.offset, end: p + this.offset };
  }

  issue(code: JsonataIssueCode, message: string, r: { start: number; end: number } | undefined): void {
    if (!r) return;
    const key = `${code}:${r.start}:${r.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ code, message, start: r.start, end: r.end });
  }

  /** Dedupe keys (the `?:` / `??` desugaring shares nodes between branches). */
  private readonly seen = new Set<string>();
  /** Set when the AST was deeper than MAX_WALK_DEPTH and parts were not walked. */
  truncated = false;

  walk(node: AnyNode, frame: Frame, top: boolean, depth = 0): void {
    if (node === null || typeof node !== "object") return;
    if (depth > MAX_WALK_DEPTH) {
      this.truncated = true;
      return;
    }
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const d = depth + 1;
    switch (node.type) {
      case "path":
        this.walkPath(node, frame, top, d);
        break;
      case "variable":
        this.walkVariable(node, frame, top);
        break;
      case "name":
        if (top) {
          this.issue(
            "top-level-input",
            `Field ${quote(String(node.value))} is read from the implicit input, which Step Functions does not provide at the top level of an expression. Use $states.input.${String(node.value)} (or a variable) instead.`,
            this.nameRange(node),
          );
        }
        break;
      case "wildcard":
      case "descendant":
        if (top) {
          this.issue(
            "top-level-input",
            `${quote(String(node.value))} reads the implicit input, which Step Functions does not provide at the top level of an expression. Start from $states.input instead.`,
            this.tokenRange(node.position),
          );
        }
        break;
      case "binary":
      case "apply":
        this.walk(node.lhs, frame, top, d);
        this.walk(node.rhs, frame, top, d);
        break;
      case "bind":
        this.walk(node.rhs, frame, top, d);
        if (node.lhs && typeof node.lhs === "object") {
          this.visited.add(node.lhs);
          if (typeof node.lhs.value === "string") frame.names.add(node.lhs.value);
        }
        break;
      case "unary":
        if (node.value === "-") this.walk(node.expression, frame, top, d);
        else if (node.value === "[") for (const e of arr(node.expressions)) this.walk(e, frame, top, d);
        else if (node.value === "{") this.walkPairs(node.lhs, frame, top, d);
        break;
      case "condition":
        this.checkNewOperator(node);
        this.walk(node.condition, frame, top, d);
        this.walk(node.then, frame, top, d);
        this.walk(node.else, frame, top, d);
        break;
      case "block": {
        const inner: Frame = { names: new Set(), parent: frame };
        for (const e of arr(node.expressions)) this.walk(e, inner, top, d);
        break;
      }
      case "function":
      case "partial":
        this.walkCall(node, frame, top, d);
        break;
      case "lambda": {
        const inner: Frame = { names: new Set(), parent: frame };
        for (const a of arr(node.arguments)) {
          if (a && typeof a === "object") {
            this.visited.add(a);
            if (typeof a.value === "string") inner.names.add(a.value);
          }
        }
        this.walk(node.body, inner, top, d);
        break;
      }
      case "transform":
        this.walk(node.pattern, frame, false, d);
        this.walk(node.update, frame, false, d);
        this.walk(node.delete, frame, false, d);
        break;
      case "sort":
        for (const t of arr(node.terms)) this.walk(t?.expression, frame, false, d);
        break;
      case "filter":
        this.walk(node.expr, frame, false, d);
        break;
      default:
        break;
    }
    // Tuple bindings (`@$x`, `#$i`) and attached stages, predicates and group-by.
    if (typeof node.focus === "string") frame.names.add(node.focus);
    if (typeof node.index === "string") frame.names.add(node.index);
    for (const st of arr(node.stages)) this.walkStage(st, frame, d);
    for (const st of arr(node.predicate)) this.walkStage(st, frame, d);
    if (node.group && typeof node.group === "object") this.walkPairs(node.group.lhs, frame, false, d);
  }

  walkStage(st: AnyNode, frame: Frame, d: number): void {
    if (!st || typeof st !== "object") return;
    if (st.type === "index" && typeof st.value === "string") {
      frame.names.add(st.value);
      return;
    }
    if (this.visited.has(st)) return;
    this.visited.add(st);
    this.walk(st.expr, frame, false, d);
  }

  walkPairs(pairs: AnyNode, frame: Frame, top: boolean, d: number): void {
    for (const pair of arr(pairs)) {
      if (!Array.isArray(pair)) continue;
      this.walk(pair[0], frame, top, d);
      this.walk(pair[1], frame, top, d);
    }
  }

  walkPath(node: AnyNode, frame: Frame, top: boolean, d: number): void {
    const steps = arr(node.steps);
    const pathFrame: Frame = { names: new Set(), parent: frame };
    const first = steps[0];
    if (first && first.type === "variable" && first.value === RESERVED_VARIABLE && !isBound(frame, RESERVED_VARIABLE)) {
      this.recordStates(first, steps.slice(1));
      this.handledStates.add(first);
    }
    steps.forEach((step, i) => this.walk(step, pathFrame, i === 0 ? top : false, d));
    if (node.group && typeof node.group === "object") this.walkPairs(node.group.lhs, pathFrame, false, d);
  }

  recordStates(varNode: AnyNode, rest: AnyNode[]): void {
    const r = this.varRange(varNode);
    if (!r) return;
    const path: string[] = [];
    const segments: { name: string; start: number; end: number }[] = [];
    let end = r.end;
    for (const step of rest) {
      if (!step || step.type !== "name" || typeof step.value !== "string") break;
      const nr = this.nameRange(step);
      if (!nr) break;
      path.push(step.value);
      segments.push({ name: step.value, start: nr.start, end: nr.end });
      end = nr.end;
      if (step.stages || step.predicate || step.group || step.focus || step.index) break;
    }
    const field = path.length ? path[0] : null;
    if (this.seen.has(`states:${r.start}`)) return;
    this.seen.add(`states:${r.start}`);
    this.states.push({ field, path, segments, start: r.start, end });
    if (field !== null && !STATES_FIELDS.includes(field)) {
      const s = closest(field, STATES_FIELDS);
      this.issue(
        "unknown-states-field",
        `$states has no field ${quote(field)}; it has ${STATES_FIELDS.join(", ")}.${s ? ` Did you mean $states.${s}?` : ""}`,
        segments[0],
      );
    }
    if (field === "context" && path.length > 1) {
      const problem = checkContextNames(path.slice(1), "$states.context");
      if (problem) this.issue("unknown-context-field", problem.message, segments[problem.index + 1]);
    }
  }

  walkVariable(node: AnyNode, frame: Frame, top: boolean): void {
    const name = node.value;
    if (typeof name !== "string") return;
    const r = this.varRange(node);
    if (name === "$") {
      this.issue("dollar-dollar", '"$$" is not allowed in Step Functions JSONata expressions. Read the state input with $states.input and the context object with $states.context.', r);
      return;
    }
    if (name === "") {
      if (top) {
        this.issue(
          "top-level-input",
          '"$" at the top level of an expression refers to an implicit input that Step Functions does not provide. Use $states.input instead.',
          r,
        );
      }
      return;
    }
    if (isBound(frame, name)) return;
    if (name === RESERVED_VARIABLE) {
      if (!this.handledStates.has(node)) this.recordStates(node, []);
      return;
    }
    if (!r) return;
    if (JSONATA_FUNCTIONS_BY_NAME.has(name)) {
      if (!this.seen.has(`call:${r.start}`)) {
        this.seen.add(`call:${r.start}`);
        this.calls.push({ name, start: r.start, end: r.end, known: true, invoked: false });
      }
      return;
    }
    const key = `ref:${r.start}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.refs.push({ name, start: r.start, end: r.end });
  }

  walkCall(node: AnyNode, frame: Frame, top: boolean, d: number): void {
    const proc = node.procedure;
    if (proc && proc.type === "variable" && typeof proc.value === "string" && !proc.predicate && !proc.stages) {
      this.visited.add(proc);
      const name: string = proc.value;
      if (name === "$" || name === "") {
        this.walkVariable(proc, frame, top);
      } else if (!isBound(frame, name)) {
        const r = this.varRange(proc);
        if (r) {
          const info = JSONATA_FUNCTIONS_BY_NAME.get(name);
          this.seen.add(`call:${r.start}`);
          this.calls.push({ name, start: r.start, end: r.end, known: info !== undefined, invoked: true });
          if (info?.unsupported) this.issue("unsupported-function", info.unsupported, r);
        }
      }
    } else {
      this.walk(proc, frame, top, d);
    }
    for (const a of arr(node.arguments)) this.walk(a, frame, top, d);
  }

  checkNewOperator(node: AnyNode): void {
    const p = node.position;
    if (typeof p !== "number") return;
    const op = this.src.slice(p - 2, p);
    if (op === "?:" || op === "??") {
      const what = op === "??" ? 'The coalescing operator "??"' : 'The default operator "?:"';
      const alt = op === "??" ? "$exists(a) ? a : b" : "a ? a : b";
      this.issue(
        "unsupported-operator",
        `${what} needs JSONata 2.1, but Step Functions runs JSONata 2.0.6; write ${quote(alt)} instead.`,
        { start: p - 2 + this.offset, end: p + this.offset },
      );
    }
  }
}

function arr(v: unknown): AnyNode[] {
  return Array.isArray(v) ? v : [];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

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
    ast = jsonata(inner).ast();
  } catch (e) {
    const err = (e && typeof e === "object" ? e : {}) as RawJsonataError;
    if (!(typeof err.code === "string")) {
      const r = wholeTrimmed(inner);
      const tooDeep = e instanceof RangeError;
      return empty([
        {
          message: tooDeep ? "The JSONata expression is nested too deeply to parse." : `The JSONata expression could not be parsed: ${String((e as Error)?.message ?? e)}`,
          start: r.start + offset,
          end: r.end + offset,
        },
      ]);
    }
    const range = errorRange(err, inner, tokens);
    const base = ownMessage(err) ?? String(err.message ?? "Syntax error").replace(/\s+$/, "");
    let start: number;
    let end: number;
    let message: string;
    if (range === null) {
      start = s.length - 2;
      end = s.length;
      message = `JSONata syntax error: ${base} (before the closing %}).${hintFor(err, inner, inner.length)}`;
    } else {
      start = range.start + offset;
      end = Math.max(range.end, range.start) + offset;
      message = `JSONata syntax error: ${base}.${hintFor(err, inner, range.start)}`.replace(/\.\.(\s|$)/, ".$1");
    }
    return empty([{ message, start, end, code: err.code, raw: String(err.message ?? "Syntax error").replace(/\s+$/, "") }]);
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
