/**
 * JSONPath parser for Amazon States Language paths (asl-facts §8).
 *
 * Accepts the Jayway-style syntax AWS accepts: `$`, `$.a.b`, hyphenated dot names
 * (`$.detail-type`), bracket names (`$['a b']`, `$.abc.['def ghi']`), indexes (`[0]`, `$.[0]`,
 * `[-1]`), slices, wildcards, unions, filters `[?(...)]`, recursive descent `..`, variables
 * (`$name.a`) and context-object paths (`$$.Execution.Id`).
 *
 * Hand-written scanner: linear in the input, never throws.
 */
import type { ExprError } from "./types.js";
import { Fail, Scanner } from "./scanner.js";
import { quote } from "./types.js";
import { checkContextNames } from "./context-fields.js";
import { RESERVED_VARIABLE, VARIABLE_NAME_MAX, codePointLength } from "./names.js";
import { memoize } from "./memo.js";

export { CONTEXT_FIELDS, contextChildren, contextField, checkContextNames } from "./context-fields.js";
export type { ContextFieldInfo, ContextFieldType } from "./context-fields.js";

export type PathRoot = "$" | "$$" | "variable";

interface SegmentBase {
  /** Start of the segment, including its leading "." / ".." or "[". */
  start: number;
  /** End of the segment (exclusive), including a closing "]". */
  end: number;
  /** True when the segment follows ".." (recursive descent). */
  deep: boolean;
}

export interface NameSegment extends SegmentBase {
  kind: "name";
  name: string;
  /** Written in bracket notation (`['a']`). */
  bracket: boolean;
  /** Range of the name itself (inside the quotes for bracket notation). */
  nameStart: number;
  nameEnd: number;
}
export interface IndexSegment extends SegmentBase {
  kind: "index";
  index: number;
}
export interface WildcardSegment extends SegmentBase {
  kind: "wildcard";
}
export interface SliceSegment extends SegmentBase {
  kind: "slice";
  from?: number;
  to?: number;
  step?: number;
}
export interface UnionSegment extends SegmentBase {
  kind: "union";
  names?: string[];
  indexes?: number[];
}
export interface FilterSegment extends SegmentBase {
  kind: "filter";
  /** The filter condition text between `[?(` and `)]`. */
  expression: string;
  exprStart: number;
  exprEnd: number;
}

export type PathSegment = NameSegment | IndexSegment | WildcardSegment | SliceSegment | UnionSegment | FilterSegment;

export interface PathOptions {
  /**
   * Parse as a Reference Path (ResultPath, ItemsPath, the `…Path` value fields): no filters,
   * wildcards, slices, unions, recursive descent, and no `@ , : ?`.
   */
  reference?: boolean;
  /** Field name used in messages, e.g. "ResultPath". */
  field?: string;
  /**
   * Apply the ResultPath rules as well: no `$$` and no variables.
   * Defaults to true when `field` is "ResultPath".
   */
  resultPath?: boolean;
}

export interface PathResult {
  /** True when there are no `errors` (warnings and contextErrors do not count). */
  ok: boolean;
  errors: ExprError[];
  /** Suspicious but probably accepted by AWS (e.g. trailing whitespace). */
  warnings: ExprError[];
  /**
   * Unknown context-object fields in `$$.` paths. Kept apart from `errors` because AWS may add
   * context fields at any time (DG-CTX); rules decide the severity.
   */
  contextErrors: ExprError[];
  root: PathRoot;
  variable?: { name: string; start: number; end: number };
  segments: PathSegment[];
  /** True when the path can only select a single node (no wildcard/slice/union/filter/..). */
  definite: boolean;
  /** Offset just past the parsed path (equals the text length for a whole-string parse). */
  end: number;
}

// ---------------------------------------------------------------------------------------
// Scanner

type Mode = "whole" | "arg" | "filter";

const MAX_DEPTH = 48;

function isWs(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0" || c === "\u2028" || c === "\u2029" || c === "\ufeff";
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** Characters that end an unquoted dot name. */
function isNameStop(c: string, mode: Mode): boolean {
  if (isWs(c)) return true;
  switch (c) {
    case ".":
    case "[":
    case "]":
    case "(":
    case ")":
    case "'":
    case '"':
    case ",":
      return true;
  }
  if (mode === "filter") {
    switch (c) {
      case "=":
      case "!":
      case "<":
      case ">":
      case "&":
      case "|":
        return true;
    }
  }
  return false;
}

interface ScanOutput {
  root: PathRoot | "@";
  variable?: { name: string; start: number; end: number };
  segments: PathSegment[];
  end: number;
}

class PathScanner extends Scanner {
  readonly segments: PathSegment[] = [];
  readonly warnings: ExprError[];
  root: PathRoot | "@" = "$";
  variable?: { name: string; start: number; end: number };

  constructor(
    text: string,
    start: number,
    readonly mode: Mode,
    readonly depth: number,
    warnings: ExprError[],
  ) {
    super(text, isWs);
    this.pos = start;
    this.warnings = warnings;
  }

  atStop(): boolean {
    // End of a path inside an intrinsic argument list or a filter expression.
    const c = this.ch();
    if (c === "") return true;
    if (this.mode === "arg") return c === "," || c === ")" || isWs(c);
    if (this.mode === "filter") {
      return isWs(c) || c === ")" || c === "," || c === "]" || c === "=" || c === "!" || c === "<" || c === ">" || c === "&" || c === "|";
    }
    return false;
  }

  run(): ScanOutput {
    this.scanRoot();
    this.scanSegments();
    return { root: this.root, variable: this.variable, segments: this.segments, end: this.pos };
  }

  scanRoot(): void {
    const t = this.text;
    const start = this.pos;
    const c = this.ch();
    if (this.mode === "filter" && c === "@") {
      this.root = "@";
      this.pos++;
      return;
    }
    if (c !== "$") {
      if (start >= t.length) this.fail('A path cannot be empty; it must start with "$" (for example "$.field").', start, start);
      if (this.mode === "whole" && isWs(c)) {
        let j = start;
        while (j < t.length && isWs(t[j])) j++;
        if (t[j] === "$") this.fail('Remove the whitespace before "$"; a path must start with "$".', start, j);
      }
      const cp = codePointAt(t, start);
      this.fail(`A path must start with "$" (for example "$.field"), not ${quote(cp)}.`, start, start + cp.length);
    }
    this.pos++;
    if (this.ch() === "$") {
      this.root = "$$";
      this.pos++;
      return;
    }
    const nc = this.ch();
    if (nc === "" || nc === "." || nc === "[" || this.atStop() || isNameStop(nc, this.mode)) {
      this.root = "$";
      return;
    }
    // Variable reference `$name`.
    const first = codePointAt(t, this.pos);
    if (ID_START.test(first)) {
      const nameStart = this.pos;
      let j = this.pos + first.length;
      while (j < t.length) {
        const cp = codePointAt(t, j);
        if (!ID_CONTINUE.test(cp)) break;
        j += cp.length;
      }
      const name = t.slice(nameStart, j);
      this.root = "variable";
      this.variable = { name, start: start, end: j };
      this.pos = j;
      if (name === RESERVED_VARIABLE) {
        this.fail(
          '"$states" is reserved for JSONata expressions. In a JSONPath path read the state input with "$." and the context object with "$$.".',
          start,
          j,
        );
      }
      const len = codePointLength(name);
      if (len > VARIABLE_NAME_MAX) {
        this.fail(`Variable names can be at most ${VARIABLE_NAME_MAX} characters long; "$${name.slice(0, 20)}…" has ${len}.`, nameStart, j);
      }
      const after = this.ch();
      if (after !== "" && !isNameStop(after, this.mode) && !this.atStop()) {
        const cp = codePointAt(t, j);
        let k = j;
        while (k < t.length && !isNameStop(t[k], this.mode)) k++;
        const rest = t.slice(nameStart, k);
        this.fail(
          `Unexpected ${quote(cp)} after variable "$${name}": variable names may contain only letters, digits and "_". To read a field of the state input write ${quote("$." + rest)}.`,
          j,
          j + cp.length,
        );
      }
      return;
    }
    // `$9`, `$_x`, `$-a`, ...
    let k = this.pos;
    while (k < t.length && !isNameStop(t[k], this.mode)) k++;
    const bad = t.slice(this.pos, k);
    this.fail(
      `${quote("$" + bad)} is not a valid path: after "$" write "." or "[" to select a field (for example ${quote("$." + bad)}), or a variable name that starts with a letter.`,
      start,
      k,
    );
  }

  scanSegments(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ".") {
        this.scanDot();
      } else if (c === "[") {
        this.scanBracket(this.pos, this.pos, false);
      } else {
        if (this.atStop()) return;
        if (isWs(c)) {
          this.scanWhitespace();
          return;
        }
        this.unexpected(this.pos);
      }
    }
  }

  scanWhitespace(): void {
    const t = this.text;
    const wsStart = this.pos;
    let j = wsStart;
    while (j < t.length && isWs(t[j])) j++;
    if (j >= t.length) {
      this.warnings.push({ message: "Remove the whitespace at the end of the path.", start: wsStart, end: j });
      this.pos = j;
      return;
    }
    // A dot name followed by a space: `$.first name`.
    const last = this.segments[this.segments.length - 1];
    if (last && last.kind === "name" && !last.bracket && last.end === wsStart) {
      let k = j;
      while (k < t.length && t[k] !== "." && t[k] !== "[") k++;
      let e = k;
      while (e > j && isWs(t[e - 1])) e--;
      const full = t.slice(last.nameStart, e);
      this.fail(
        `The field name ${quote(full)} contains whitespace; use bracket notation instead: ['${full.replace(/'/g, "\\'")}'].`,
        last.nameStart,
        e,
      );
    }
    this.fail('Unexpected whitespace in the path; paths cannot contain spaces outside bracket notation such as "[\'a b\']".', wsStart, j);
  }

  unexpected(i: number): never {
    const t = this.text;
    const cp = codePointAt(t, i);
    if (cp === "]") this.fail('Unbalanced "]": there is no matching "[".', i, i + 1);
    if (cp === ")") this.fail('Unbalanced ")": there is no matching "(".', i, i + 1);
    if (cp === "'" || cp === '"') {
      this.fail(`Unexpected quote: quoted field names must be written in brackets, for example ['a b'].`, i, i + 1);
    }
    if (this.segments.length === 0 && this.root === "$$" && /[\p{L}\p{N}_]/u.test(cp)) {
      let k = i;
      while (k < t.length && !isNameStop(t[k], this.mode)) k++;
      this.fail(`Unexpected ${quote(cp)} after "$$"; add a dot before the field name: ${quote("$$." + t.slice(i, k))}.`, i, i + cp.length);
    }
    this.fail(`Unexpected ${quote(cp)} in the path; expected "." or "[" here.`, i, i + cp.length);
  }

  scanDot(): void {
    const t = this.text;
    const dot = this.pos;
    if (t[dot + 1] === ".") {
      // Recursive descent.
      this.pos = dot + 2;
      if (t[this.pos] === ".") this.fail('Too many dots: use "." for a child field or ".." for recursive descent.', dot, this.pos + 1);
      const c = this.ch();
      if (c === "" || this.atStop() || isWs(c) || c === "]" || c === ")") {
        this.fail('".." must be followed by a field name, "*" or "[...]" (for example "$..name").', dot, dot + 2);
      }
      if (c === "[") return this.scanBracket(dot, this.pos, true);
      if (c === "*") {
        this.pos++;
        this.segments.push({ kind: "wildcard", start: dot, end: this.pos, deep: true });
        return;
      }
      this.scanDotName(dot, this.pos, true);
      return;
    }
    this.pos = dot + 1;
    const c = this.ch();
    if (c === "" || (this.mode !== "whole" && this.atStop())) {
      this.fail('A path cannot end with "."; add a field name after the dot (for example "$.field").', dot, dot + 1);
    }
    if (c === "[") return this.scanBracket(dot, this.pos, false);
    if (c === "*") {
      this.pos++;
      this.segments.push({ kind: "wildcard", start: dot, end: this.pos, deep: false });
      return;
    }
    if (isWs(c)) this.fail('Unexpected whitespace after "."; write the field name right after the dot, or use bracket notation such as "[\'a b\']".', this.pos, this.pos + 1);
    this.scanDotName(dot, this.pos, false);
  }

  scanDotName(segStart: number, nameStart: number, deep: boolean): void {
    const t = this.text;
    let j = nameStart;
    while (j < t.length && !isNameStop(t[j], this.mode)) j++;
    if (j === nameStart) {
      const cp = codePointAt(t, j);
      if (cp === "'" || cp === '"') {
        this.fail(`Quoted field names must be written in brackets, for example "['a b']"; remove the "${deep ? ".." : "."}" before the quote or add "[...]" around it.`, j, j + 1);
      }
      this.fail(`Expected a field name after "${deep ? ".." : "."}", found ${quote(cp)}.`, j, j + cp.length);
    }
    const name = t.slice(nameStart, j);
    if (t[j] === "(") {
      // Jayway functions such as length() are not supported by Step Functions.
      let k = j + 1;
      while (k < t.length && t[k] !== ")") k++;
      const end = k < t.length ? k + 1 : t.length;
      this.fail(
        `JSONPath functions such as ${quote(name + "()")} are not supported in Step Functions paths; use an intrinsic function instead (for example States.ArrayLength).`,
        nameStart,
        end,
      );
    }
    this.pos = j;
    this.segments.push({ kind: "name", name, bracket: false, nameStart, nameEnd: j, start: segStart, end: j, deep });
  }

  /** `[` at `open`; `segStart` includes a preceding "." or "..". */
  scanBracket(segStart: number, open: number, deep: boolean): void {
    const t = this.text;
    this.pos = open + 1;
    this.skipWs();
    const c = this.ch();
    if (c === "" || (this.mode === "arg" && (c === ")" || c === ","))) this.fail('Unclosed "[": add the matching "]".', open, open + 1);
    if (c === "]") this.fail('Empty brackets "[]": put an index, a quoted field name or "*" inside.', open, this.pos + 1);
    if (c === "'" || c === '"') return this.scanBracketNames(segStart, open, deep);
    if (c === "*") {
      this.pos++;
      this.skipWs();
      this.expectClose(open);
      this.segments.push({ kind: "wildcard", start: segStart, end: this.pos, deep });
      return;
    }
    if (c === "?") return this.scanFilter(segStart, open, deep);
    if (isDigit(c) || c === "-" || c === ":") return this.scanNumbers(segStart, open, deep);
    // Unquoted name in brackets: `$[abc]`.
    let k = this.pos;
    while (k < t.length && t[k] !== "]" && t[k] !== "[") k++;
    if (t[k] === "]") {
      const inner = t.slice(this.pos, k).trim();
      this.fail(`Field names in brackets must be quoted: write ['${inner}'].`, open, k + 1);
    }
    const cp = codePointAt(t, this.pos);
    this.fail(`Unexpected ${quote(cp)} after "["; expected an index, a quoted field name, "*" or a filter "?(...)".`, this.pos, this.pos + cp.length);
  }

  expectClose(open: number): void {
    const c = this.ch();
    if (c === "]") {
      this.pos++;
      return;
    }
    if (c === "") this.fail('Unclosed "[": add the matching "]".', open, open + 1);
    const cp = codePointAt(this.text, this.pos);
    this.fail(`Expected "]" to close the "[" but found ${quote(cp)}.`, this.pos, this.pos + cp.length);
  }

  /** Reads a quoted name at pos; returns the decoded name and its inner range. */
  readQuoted(): { value: string; innerStart: number; innerEnd: number } {
    const t = this.text;
    const q = t[this.pos];
    const openQuote = this.pos;
    let j = this.pos + 1;
    let value = "";
    while (j < t.length && t[j] !== q) {
      if (t[j] === "\\" && j + 1 < t.length) {
        const e = t[j + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) {
          value += String.fromCharCode(parseInt(t.slice(j + 2, j + 6), 16));
          j += 6;
          continue;
        }
        value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e === "b" ? "\b" : e === "f" ? "\f" : e;
        j += 2;
        continue;
      }
      value += t[j];
      j++;
    }
    if (j >= t.length) this.fail(`Unterminated quoted field name: add the closing ${q}.`, openQuote, t.length);
    this.pos = j + 1;
    return { value, innerStart: openQuote + 1, innerEnd: j };
  }

  scanBracketNames(segStart: number, open: number, deep: boolean): void {
    const names: string[] = [];
    let first: { value: string; innerStart: number; innerEnd: number } | undefined;
    for (;;) {
      const c = this.ch();
      if (c !== "'" && c !== '"') {
        if (c === "" || c === "]") this.fail('Expected a quoted field name after ","', this.pos - 1, this.pos);
        const cp = codePointAt(this.text, this.pos);
        this.fail(`Expected a quoted field name, found ${quote(cp)}; unions of names are written ['a','b'].`, this.pos, this.pos + cp.length);
      }
      const q = this.readQuoted();
      if (!first) first = q;
      names.push(q.value);
      this.skipWs();
      const n = this.ch();
      if (n === ",") {
        this.pos++;
        this.skipWs();
        continue;
      }
      if (n === "]") {
        this.pos++;
        break;
      }
      if (n === "") this.fail('Unclosed "[": add the matching "]".', open, open + 1);
      const cp = codePointAt(this.text, this.pos);
      this.fail(`Expected "]" or "," after the quoted name, found ${quote(cp)}.`, this.pos, this.pos + cp.length);
    }
    if (names.length === 1 && first) {
      this.segments.push({
        kind: "name",
        name: names[0],
        bracket: true,
        nameStart: first.innerStart,
        nameEnd: first.innerEnd,
        start: segStart,
        end: this.pos,
        deep,
      });
    } else {
      this.segments.push({ kind: "union", names, start: segStart, end: this.pos, deep });
    }
  }

  readInt(): { value: number; start: number; end: number } | undefined {
    const t = this.text;
    const s = this.pos;
    const { digits: ds, end: j } = this.signedDigits();
    if (j === ds) {
      if (j > s) this.fail('Expected digits after "-".', s, j);
      return undefined;
    }
    if (j - ds > 15) this.fail("Array index is too large.", s, j);
    this.pos = j;
    return { value: Number(t.slice(s, j)), start: s, end: j };
  }

  scanNumbers(segStart: number, open: number, deep: boolean): void {
    const t = this.text;
    // parts separated by ":" or ","; each part an optional integer.
    const parts: (number | undefined)[] = [];
    const seps: { c: string; at: number }[] = [];
    for (;;) {
      this.skipWs();
      const n = this.readInt();
      parts.push(n?.value);
      this.skipWs();
      const c = this.ch();
      if (c === ":" || c === ",") {
        seps.push({ c, at: this.pos });
        this.pos++;
        continue;
      }
      if (c === "]") {
        this.pos++;
        break;
      }
      if (c === "") this.fail('Unclosed "[": add the matching "]".', open, open + 1);
      const cp = codePointAt(t, this.pos);
      if (c === "." || c === "e" || c === "E") this.fail("Array indexes must be whole numbers.", this.pos, this.pos + 1);
      this.fail(`Unexpected ${quote(cp)} inside "[...]"; expected an integer, ":" or ",".`, this.pos, this.pos + cp.length);
    }
    const hasColon = seps.some((s) => s.c === ":");
    const hasComma = seps.some((s) => s.c === ",");
    if (hasColon && hasComma) {
      const at = seps.find((s) => s.c === ",")!.at;
      this.fail('A slice "[start:end]" cannot be combined with a union "[a,b]".', at, at + 1);
    }
    if (hasColon) {
      if (parts.length > 3) {
        const at = seps[2].at;
        this.fail('A slice has at most three parts: "[start:end:step]".', at, at + 1);
      }
      const step = parts[2];
      if (step === 0) this.fail("The slice step cannot be 0.", seps[1].at + 1, this.pos - 1);
      const seg: SliceSegment = { kind: "slice", start: segStart, end: this.pos, deep };
      if (parts[0] !== undefined) seg.from = parts[0];
      if (parts[1] !== undefined) seg.to = parts[1];
      if (step !== undefined) seg.step = step;
      this.segments.push(seg);
      return;
    }
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === undefined) {
        const at = i < seps.length ? seps[i].at : this.pos - 1;
        this.fail("Missing index in the union; write indexes separated by commas, e.g. [0,1].", at, at + 1);
      }
    }
    if (parts.length === 1) {
      this.segments.push({ kind: "index", index: parts[0]!, start: segStart, end: this.pos, deep });
    } else {
      this.segments.push({ kind: "union", indexes: parts as number[], start: segStart, end: this.pos, deep });
    }
  }

  scanFilter(segStart: number, open: number, deep: boolean): void {
    const t = this.text;
    const q = this.pos; // '?'
    this.pos++;
    this.skipWs();
    if (this.ch() !== "(") {
      this.fail('Filters must be written "[?(<condition>)]", for example "[?(@.price < 10)]".', q, q + 1);
    }
    const paren = this.pos;
    this.pos++;
    const exprStart = this.pos;
    const fp = new FilterParser(t, this.pos, this.depth + 1, this.warnings);
    fp.skipWs();
    if (fp.ch() === ")") this.fail("Empty filter: write a condition such as [?(@.price < 10)].", paren, fp.pos + 1);
    if (fp.ch() === "") this.fail('Unclosed filter: add ")]".', open, paren + 1);
    fp.parseOr();
    fp.skipWs();
    const c = fp.ch();
    if (c !== ")") {
      if (c === "") this.fail('Unclosed filter "(": add ")]" to close it.', paren, paren + 1);
      const cp = codePointAt(t, fp.pos);
      this.fail(`Unexpected ${quote(cp)} in the filter; expected an operator such as "==", "&&" or ")".`, fp.pos, fp.pos + cp.length);
    }
    const exprEnd = fp.pos;
    this.pos = fp.pos + 1;
    this.skipWs();
    this.expectClose(open);
    this.segments.push({
      kind: "filter",
      expression: t.slice(exprStart, exprEnd),
      exprStart,
      exprEnd,
      start: segStart,
      end: this.pos,
      deep,
    });
  }
}

const WORD_OPERATORS = ["in", "nin", "subsetof", "anyof", "noneof", "size", "empty", "contains", "matches", "all", "type", "exists"];

/** Recursive-descent parser for Jayway filter conditions. Throws `Fail` on the first error. */
class FilterParser extends Scanner {
  constructor(
    text: string,
    start: number,
    readonly depth: number,
    readonly warnings: ExprError[],
  ) {
    super(text, isWs);
    this.pos = start;
    if (depth > MAX_DEPTH) throw new Fail({ message: "The path is nested too deeply.", start, end: start + 1 });
  }

  parseOr(): void {
    this.parseAnd();
    for (;;) {
      this.skipWs();
      if (this.ch() === "|" && this.ch(this.pos + 1) === "|") {
        this.pos += 2;
        this.parseAnd();
        continue;
      }
      if (this.ch() === "|") this.fail('Use "||" for "or" in a filter.', this.pos, this.pos + 1);
      return;
    }
  }

  parseAnd(): void {
    this.parseNot();
    for (;;) {
      this.skipWs();
      if (this.ch() === "&" && this.ch(this.pos + 1) === "&") {
        this.pos += 2;
        this.parseNot();
        continue;
      }
      if (this.ch() === "&") this.fail('Use "&&" for "and" in a filter.', this.pos, this.pos + 1);
      return;
    }
  }

  parseNot(): void {
    this.skipWs();
    if (this.ch() === "!" && this.ch(this.pos + 1) !== "=") {
      this.pos++;
      const inner = new FilterParser(this.text, this.pos, this.depth + 1, this.warnings);
      inner.parseNot();
      this.pos = inner.pos;
      return;
    }
    this.parseRelation();
  }

  parseRelation(): void {
    this.skipWs();
    if (this.ch() === "(") {
      const open = this.pos;
      const inner = new FilterParser(this.text, this.pos + 1, this.depth + 1, this.warnings);
      inner.parseOr();
      inner.skipWs();
      if (inner.ch() !== ")") {
        if (inner.ch() === "") this.fail('Unclosed "(" in the filter.', open, open + 1);
        const cp = codePointAt(this.text, inner.pos);
        this.fail(`Expected ")" in the filter, found ${quote(cp)}.`, inner.pos, inner.pos + cp.length);
      }
      this.pos = inner.pos + 1;
      return;
    }
    this.parseOperand();
    this.skipWs();
    if (this.readRelOp()) {
      this.skipWs();
      this.parseOperand();
    }
  }

  readRelOp(): boolean {
    const t = this.text;
    const i = this.pos;
    const two = t.slice(i, i + 2);
    const three = t.slice(i, i + 3);
    if (three === "===" || three === "!==") {
      this.pos += 3;
      return true;
    }
    if (two === "==" || two === "!=" || two === "<=" || two === ">=" || two === "=~") {
      this.pos += 2;
      return true;
    }
    const c = t[i];
    if (c === "<" || c === ">") {
      this.pos++;
      return true;
    }
    if (c === "=") this.fail('Use "==" to compare values in a filter ("=" alone is not an operator).', i, i + 1);
    if (c !== undefined && /[A-Za-z]/.test(c)) {
      let j = i;
      while (j < t.length && /[A-Za-z]/.test(t[j])) j++;
      const word = t.slice(i, j).toLowerCase();
      if (WORD_OPERATORS.includes(word)) {
        this.pos = j;
        return true;
      }
      this.fail(`Unknown filter operator ${quote(t.slice(i, j))}; use ==, !=, <, <=, >, >= or =~.`, i, j);
    }
    return false;
  }

  parseOperand(): void {
    const t = this.text;
    this.skipWs();
    const c = this.ch();
    const s = this.pos;
    if (c === "@" || c === "$") {
      const sc = new PathScanner(t, s, "filter", this.depth + 1, this.warnings);
      const out = sc.run();
      this.pos = out.end;
      return;
    }
    if (c === "'" || c === '"') {
      let j = s + 1;
      while (j < t.length && t[j] !== c) j += t[j] === "\\" ? 2 : 1;
      if (j >= t.length) this.fail(`Unterminated string in the filter: add the closing ${c}.`, s, t.length);
      this.pos = j + 1;
      return;
    }
    if (isDigit(c) || (c === "-" && isDigit(this.ch(s + 1)))) {
      let j = s + 1;
      while (j < t.length && isDigit(t[j])) j++;
      if (t[j] === "." && isDigit(t[j + 1] ?? "")) {
        j++;
        while (j < t.length && isDigit(t[j])) j++;
      }
      if ((t[j] === "e" || t[j] === "E") && /[-+0-9]/.test(t[j + 1] ?? "")) {
        j += 2;
        while (j < t.length && isDigit(t[j])) j++;
      }
      this.pos = j;
      return;
    }
    if (c === "/") {
      let j = s + 1;
      while (j < t.length && t[j] !== "/") j += t[j] === "\\" ? 2 : 1;
      if (j >= t.length) this.fail('Unterminated regular expression: add the closing "/".', s, t.length);
      j++;
      while (j < t.length && /[a-z]/.test(t[j])) j++;
      this.pos = j;
      return;
    }
    if (c === "[") {
      const open = s;
      this.pos++;
      this.skipWs();
      if (this.ch() === "]") {
        this.pos++;
        return;
      }
      for (;;) {
        const inner = new FilterParser(t, this.pos, this.depth + 1, this.warnings);
        inner.parseOperand();
        this.pos = inner.pos;
        this.skipWs();
        if (this.ch() === ",") {
          this.pos++;
          continue;
        }
        if (this.ch() === "]") {
          this.pos++;
          return;
        }
        if (this.ch() === "") this.fail('Unclosed "[" in the filter.', open, open + 1);
        const cp = codePointAt(t, this.pos);
        this.fail(`Expected "," or "]" in the array, found ${quote(cp)}.`, this.pos, this.pos + cp.length);
      }
    }
    if (c === "{") {
      // JSON object literal: skip to the balancing brace, honouring strings.
      let depth = 0;
      let j = s;
      while (j < t.length) {
        const d = t[j];
        if (d === '"' || d === "'") {
          j++;
          while (j < t.length && t[j] !== d) j += t[j] === "\\" ? 2 : 1;
          j++;
          continue;
        }
        if (d === "{") depth++;
        else if (d === "}") {
          depth--;
          if (depth === 0) break;
        }
        j++;
      }
      if (j >= t.length) this.fail('Unclosed "{" in the filter.', s, s + 1);
      this.pos = j + 1;
      return;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = s;
      while (j < t.length && /[A-Za-z0-9_]/.test(t[j])) j++;
      const word = t.slice(s, j);
      if (word === "true" || word === "false" || word === "null") {
        this.pos = j;
        return;
      }
      this.fail(
        `Unexpected ${quote(word)} in the filter: refer to fields with "@." (for example "@.${word}") and quote strings ('${word}').`,
        s,
        j,
      );
    }
    if (c === "") this.fail("The filter condition is incomplete; expected a value.", Math.max(0, s - 1), s);
    const cp = codePointAt(t, s);
    this.fail(`Unexpected ${quote(cp)} in the filter; expected a value such as @.field, a 'string' or a number.`, s, s + cp.length);
  }
}

// ---------------------------------------------------------------------------------------
// Public API

function referenceWhat(opts: PathOptions): string {
  return opts.field ? opts.field : "a reference path";
}

function referenceErrors(text: string, segments: PathSegment[], opts: PathOptions): ExprError[] {
  const errs: ExprError[] = [];
  const must = `${referenceWhat(opts)} must select a single node.`;
  for (const s of segments) {
    if (s.deep) {
      const dd = s.start;
      errs.push({
        message: `Reference paths cannot use recursive descent ".."; ${must} Write the full path to the field, such as "$.a.b".`,
        start: dd,
        end: dd + 2,
      });
      continue;
    }
    switch (s.kind) {
      case "filter":
        errs.push({ message: `Reference paths cannot contain filters "[?(...)]"; ${must} Use a plain path such as "$.result".`, start: s.start, end: s.end });
        break;
      case "wildcard":
        errs.push({ message: `Reference paths cannot contain wildcards "*"; ${must} Name the field or index instead, such as "$.items[0]".`, start: s.start, end: s.end });
        break;
      case "slice":
        errs.push({ message: `Reference paths cannot contain array slices "[start:end]"; ${must} Use a single index such as "[0]".`, start: s.start, end: s.end });
        break;
      case "union":
        errs.push({ message: `Reference paths cannot contain unions "[a,b]"; ${must} Select one field or index.`, start: s.start, end: s.end });
        break;
      case "name":
        if (!s.bracket) {
          for (let i = s.nameStart; i < s.nameEnd; i++) {
            const c = text[i];
            if (c === "@" || c === "," || c === ":" || c === "?") {
              errs.push({
                message: `Reference paths cannot contain ${quote(c)} outside bracket notation. If ${quote(c)} is part of the field name, write ['${s.name}'].`,
                start: i,
                end: i + 1,
              });
              break;
            }
          }
        }
        break;
      default:
        break;
    }
  }
  return errs;
}

function contextErrorsFor(segments: PathSegment[]): ExprError[] {
  const names: string[] = [];
  const segs: NameSegment[] = [];
  for (const s of segments) {
    if (s.kind !== "name" || s.deep) break;
    names.push(s.name);
    segs.push(s);
  }
  if (names.length === 0) return [];
  const p = checkContextNames(names, "$$");
  if (!p) return [];
  const seg = segs[p.index];
  return [{ message: p.message, start: seg.nameStart, end: seg.nameEnd }];
}

/**
 * Scans a path that starts at `start` inside a larger string (used by the intrinsic-function
 * parser). In "arg" mode the path ends at whitespace, "," or ")" without an error.
 * All offsets are into `text`.
 */
export function scanPathAt(text: string, start: number, opts: PathOptions = {}, mode: "whole" | "arg" = "whole"): PathResult {
  const errors: ExprError[] = [];
  const warnings: ExprError[] = [];
  let out: ScanOutput;
  const sc = new PathScanner(text, start, mode, 0, warnings);
  try {
    out = sc.run();
  } catch (e) {
    if (e instanceof Fail) {
      errors.push(e.error);
    } else {
      errors.push({ message: "The path could not be parsed.", start, end: text.length });
    }
    out = { root: sc.root, variable: sc.variable, segments: sc.segments, end: mode === "whole" ? text.length : Math.max(sc.pos, start + 1) };
    if (mode === "arg") {
      // Skip to the end of the argument so the caller can continue.
      let j = Math.max(sc.pos, start + 1);
      while (j < text.length && text[j] !== "," && text[j] !== ")") j++;
      out.end = Math.min(j, text.length);
    }
  }
  const root: PathRoot = out.root === "@" ? "$" : out.root;
  const segments = out.segments;
  if (errors.length === 0 && opts.reference) errors.push(...referenceErrors(text, segments, opts));
  const resultPath = opts.resultPath ?? opts.field === "ResultPath";
  if (errors.length === 0 && resultPath) {
    const f = opts.field ?? "ResultPath";
    if (root === "$$") {
      errors.push({
        message: `${f} cannot start with "$$": the result can only be placed into the state's data, for example "$.result".`,
        start,
        end: start + 2,
      });
    } else if (root === "variable" && out.variable) {
      errors.push({
        message: `${f} cannot reference a variable; write a path into the state's data such as "$.result", and use Assign to set variables.`,
        start: out.variable.start,
        end: out.variable.end,
      });
    }
  }
  const contextErrors = root === "$$" && errors.length === 0 ? contextErrorsFor(segments) : [];
  const definite = !segments.some((s) => s.deep || s.kind === "wildcard" || s.kind === "slice" || s.kind === "union" || s.kind === "filter");
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: PathResult = {
    ok: errors.length === 0,
    errors,
    warnings,
    contextErrors,
    root,
    segments,
    definite,
    end: out.end,
  };
  if (out.variable) result.variable = out.variable;
  return result;
}

/**
 * Parses a whole string as a JSONPath path (`reference: true` for a Reference Path).
 * Never throws.
 */
export function parsePath(text: string, opts: PathOptions = {}): PathResult {
  if (typeof text !== "string") {
    return { ok: false, errors: [{ message: "A path must be a string.", start: 0, end: 0 }], warnings: [], contextErrors: [], root: "$", segments: [], definite: true, end: 0 };
  }
  return scanPathAt(text, 0, opts, "whole");
}

const sharedParsers = new Map<string, (text: string) => PathResult>();

/**
 * `parsePath`, cached by text and options (size-bounded): the rules parse through this. The
 * result is shared and frozen.
 */
export function parsePathShared(text: string, opts?: PathOptions): Readonly<PathResult> {
  return opts === undefined ? parseDefault(text) : pathParser(opts)(text);
}

const parseDefault = memoize((t) => parsePath(t), 2048);

/** The cached `parsePath` for these options (one cache per distinct options). */
export function pathParser(opts: PathOptions): (text: string) => Readonly<PathResult> {
  const key = `${opts.reference ? 1 : 0}${opts.resultPath === undefined ? "u" : opts.resultPath ? 1 : 0}${opts.field ?? ""}`;
  let parse = sharedParsers.get(key);
  if (!parse) {
    const o: PathOptions = { ...opts };
    parse = memoize((t) => parsePath(t, o), 2048);
    sharedParsers.set(key, parse);
  }
  return parse;
}

/** True when `s` starts with "$" and parses as a path (used for the NO_DOLLAR / NO_PATH warnings). */
export function looksLikePath(s: string): boolean {
  return typeof s === "string" && s.startsWith("$") && parsePath(s).ok;
}

/** Field names of a definite path made only of name segments, e.g. `$.a['b']` → ["a","b"]. */
export function plainNames(result: PathResult): string[] | undefined {
  const names: string[] = [];
  for (const s of result.segments) {
    if (s.kind !== "name" || s.deep) return undefined;
    names.push(s.name);
  }
  return names;
}
