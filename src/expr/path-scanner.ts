/**
 * The JSONPath scanner: one pass over a path (`$.a['b c'][0]`, `$$.Execution.Id`, `$var.x`,
 * `$..items[?(@.price < 10)]`), building its segments, linear in the input; throws `Fail` at the
 * first error (path.ts turns it into a result). Filter conditions are parsed by path-filter.ts.
 */
import type { ExprError } from "./types.js";
import { Scanner } from "./scanner.js";
import { quote } from "./types.js";
import { RESERVED_VARIABLE, VARIABLE_NAME_MAX, codePointLength } from "./names.js";
import type { PathRoot, PathSegment, SliceSegment } from "./path-types.js";
import { codePointAt, isDigit, isWs } from "./path-chars.js";
import { FilterParser } from "./path-filter.js";

export type Mode = "whole" | "arg" | "filter";

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

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

export interface ScanOutput {
  root: PathRoot | "@";
  variable?: { name: string; start: number; end: number };
  segments: PathSegment[];
  end: number;
}

export class PathScanner extends Scanner {
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
    const fp = new FilterParser(t, this.pos, this.depth + 1, this.warnings, scanFilterPath);
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

/** A path inside a filter condition, for the filter parser. */
function scanFilterPath(text: string, start: number, depth: number, warnings: ExprError[]): number {
  return new PathScanner(text, start, "filter", depth, warnings).run().end;
}
