/**
 * The filter conditions of JSONPath paths (`$.items[?(@.price < 10 && @.tags anyof ['a'])]`),
 * as Jayway reads them: a recursive-descent parser that throws `Fail` on the first error. The
 * paths inside a condition (`@.price`, `$.limit`) are scanned by the function the path scanner
 * gives it (path-scanner.ts), so each parser stays in its own file.
 */
import type { ExprError } from "./types.js";
import { Fail, Scanner } from "./scanner.js";
import { quote } from "./types.js";
import { MAX_DEPTH, codePointAt, isDigit, isWs } from "./path-chars.js";

/** Scans the path that starts at `start` inside a filter; returns where it ends. */
export type FilterPathScan = (text: string, start: number, depth: number, warnings: ExprError[]) => number;

const WORD_OPERATORS = ["in", "nin", "subsetof", "anyof", "noneof", "size", "empty", "contains", "matches", "all", "type", "exists"];

/** Recursive-descent parser for Jayway filter conditions. Throws `Fail` on the first error. */
export class FilterParser extends Scanner {
  constructor(
    text: string,
    start: number,
    readonly depth: number,
    readonly warnings: ExprError[],
    private readonly scanPath: FilterPathScan,
  ) {
    super(text, isWs);
    this.pos = start;
    if (depth > MAX_DEPTH) throw new Fail({ message: "The path is nested too deeply.", start, end: start + 1 });
  }

  private inner(start: number): FilterParser {
    return new FilterParser(this.text, start, this.depth + 1, this.warnings, this.scanPath);
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
      const inner = this.inner(this.pos);
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
      const inner = this.inner(this.pos + 1);
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

  /** One value of a condition: a path, a string, a number, a regular expression, an array, an object, true, false or null. */
  parseOperand(): void {
    const t = this.text;
    this.skipWs();
    const c = this.ch();
    const s = this.pos;
    if (c === "@" || c === "$") this.pos = this.scanPath(t, s, this.depth + 1, this.warnings);
    else if (c === "'" || c === '"') this.pos = this.stringEnd(s, c);
    else if (isDigit(c) || (c === "-" && isDigit(this.ch(s + 1)))) this.pos = numberEnd(t, s);
    else if (c === "/") this.pos = this.regexEnd(s);
    else if (c === "[") this.parseArray(s);
    else if (c === "{") this.pos = this.objectEnd(s);
    else if (/[A-Za-z]/.test(c)) this.pos = this.literalEnd(s);
    else {
      if (c === "") this.fail("The filter condition is incomplete; expected a value.", Math.max(0, s - 1), s);
      const cp = codePointAt(t, s);
      this.fail(`Unexpected ${quote(cp)} in the filter; expected a value such as @.field, a 'string' or a number.`, s, s + cp.length);
    }
  }

  /** Past the string opened at `s` by the quote `q`. */
  private stringEnd(s: number, q: string): number {
    const t = this.text;
    let j = s + 1;
    while (j < t.length && t[j] !== q) j += t[j] === "\\" ? 2 : 1;
    if (j >= t.length) this.fail(`Unterminated string in the filter: add the closing ${q}.`, s, t.length);
    return j + 1;
  }

  /** Past the regular expression `/.../flags` that starts at `s`. */
  private regexEnd(s: number): number {
    const t = this.text;
    let j = s + 1;
    while (j < t.length && t[j] !== "/") j += t[j] === "\\" ? 2 : 1;
    if (j >= t.length) this.fail('Unterminated regular expression: add the closing "/".', s, t.length);
    j++;
    while (j < t.length && /[a-z]/.test(t[j])) j++;
    return j;
  }

  /** An array of values `[a, b]` that starts at `open`. */
  private parseArray(open: number): void {
    const t = this.text;
    this.pos++;
    this.skipWs();
    if (this.ch() === "]") {
      this.pos++;
      return;
    }
    for (;;) {
      const inner = this.inner(this.pos);
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

  /** Past the JSON object literal that starts at `s`: to the balancing brace, honouring strings. */
  private objectEnd(s: number): number {
    const t = this.text;
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
    return j + 1;
  }

  /** Past the word `true`, `false` or `null` that starts at `s`; any other word is an error. */
  private literalEnd(s: number): number {
    const t = this.text;
    let j = s;
    while (j < t.length && /[A-Za-z0-9_]/.test(t[j])) j++;
    const word = t.slice(s, j);
    if (word === "true" || word === "false" || word === "null") return j;
    this.fail(`Unexpected ${quote(word)} in the filter: refer to fields with "@." (for example "@.${word}") and quote strings ('${word}').`, s, j);
  }
}

/** Past the number that starts at `s` (a digit, or "-" and a digit). */
function numberEnd(t: string, s: number): number {
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
  return j;
}
