/**
 * The intrinsic function parser (`States.Format('{}', $.name)` and the rest): a hand-written
 * scanner, linear, that never throws, and the call tree it builds. The function table is in
 * intrinsic-functions.ts, the checks of a parsed call in intrinsic-check.ts.
 */
import type { ExprError } from "./types.js";
import { Fail, Scanner } from "./scanner.js";
import { quote } from "./types.js";
import { scanPathAt } from "./path.js";
import { isDigit, isWs } from "./path-chars.js";
import type { PathResult } from "./path.js";

// ---------------------------------------------------------------------------------------
// Syntax tree

interface ArgBase {
  start: number;
  end: number;
}
export interface StringArg extends ArgBase {
  kind: "string";
  /** Decoded value (escapes removed). */
  value: string;
  /** Source text between the quotes, escapes kept. */
  raw: string;
}
export interface NumberArg extends ArgBase {
  kind: "number";
  value: number;
  raw: string;
}
export interface BooleanArg extends ArgBase {
  kind: "boolean";
  value: boolean;
}
export interface NullArg extends ArgBase {
  kind: "null";
}
export interface PathArg extends ArgBase {
  kind: "path";
  text: string;
  path: PathResult;
}
export interface IntrinsicCall extends ArgBase {
  kind: "call";
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Offset of "(". */
  open: number;
  /** Offset of the matching ")" when the call is closed. */
  close?: number;
  closed: boolean;
  args: IntrinsicArg[];
}
export type IntrinsicArg = StringArg | NumberArg | BooleanArg | NullArg | PathArg | IntrinsicCall;

export interface IntrinsicResult {
  ok: boolean;
  errors: ExprError[];
  /** Suspicious but probably harmless (e.g. trailing whitespace). */
  warnings: ExprError[];
  /** Unknown context-object fields in `$$.` path arguments (see PathResult.contextErrors). */
  contextErrors: ExprError[];
  /** The call tree, as far as it could be parsed (present once a name and "(" were read). */
  call?: IntrinsicCall;
}

// ---------------------------------------------------------------------------------------
// Parser

const PARSE_DEPTH_LIMIT = 64;

function isNameChar(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || isDigit(c) || c === "." || c === "_";
}

class IntrinsicParser extends Scanner {
  readonly errors: ExprError[] = [];
  readonly warnings: ExprError[] = [];
  readonly contextErrors: ExprError[] = [];
  /** The outermost call, available even when parsing failed midway. */
  top?: IntrinsicCall;

  constructor(text: string) {
    super(text, isWs);
  }

  charAt(i: number): string {
    const cp = this.text.codePointAt(i);
    return cp === undefined ? "" : String.fromCodePoint(cp);
  }

  parseTop(): void {
    const t = this.text;
    if (t.length === 0) this.fail("Empty intrinsic function call; write for example States.Format('{}', $.name).", 0, 0);
    if (isWs(t[0])) {
      let j = 0;
      while (j < t.length && isWs(t[j])) j++;
      this.fail("Remove the whitespace before the intrinsic function name.", 0, j);
    }
    this.top = this.parseCall(1, undefined);
    const afterCall = this.pos;
    this.skipWs();
    if (this.pos < t.length) {
      const cp = this.charAt(this.pos);
      if (cp === ")") this.fail('Unbalanced ")": there is no matching "(".', this.pos, this.pos + 1);
      this.fail(`Unexpected ${quote(t.slice(this.pos, this.pos + 20))} after the closing ")" of the intrinsic function.`, this.pos, t.length);
    }
    if (afterCall < t.length) this.warnings.push({ message: "Remove the whitespace after the intrinsic function.", start: afterCall, end: t.length });
  }

  parseCall(depth: number, parent: IntrinsicCall | undefined): IntrinsicCall {
    const t = this.text;
    const start = this.pos;
    if (depth > PARSE_DEPTH_LIMIT) this.fail("Intrinsic functions are nested far too deeply.", start, start + 1);
    let j = start;
    while (j < t.length && isNameChar(t[j])) j++;
    if (j === start) {
      const cp = this.charAt(start);
      this.fail(`Expected an intrinsic function name such as States.Format, found ${quote(cp)}.`, start, start + cp.length);
    }
    const name = t.slice(start, j);
    this.pos = j;
    this.skipWs();
    if (this.ch() !== "(") {
      if (this.pos >= t.length) this.fail(`Expected "(" after ${name}: intrinsic functions are called like ${name}(...).`, start, j);
      const cp = this.charAt(this.pos);
      this.fail(`Expected "(" after ${name}, found ${quote(cp)}.`, this.pos, this.pos + cp.length);
    }
    const call: IntrinsicCall = {
      kind: "call",
      name,
      nameStart: start,
      nameEnd: j,
      open: this.pos,
      closed: false,
      args: [],
      start,
      end: t.length,
    };
    if (parent) parent.args.push(call);
    else this.top = call;
    this.pos++;
    this.skipWs();
    if (this.ch() === ")") {
      this.closeCall(call);
      return call;
    }
    for (;;) {
      this.skipWs();
      const c = this.ch();
      if (c === ",") this.fail("Missing argument before \",\".", this.pos, this.pos + 1);
      if (c === ")") {
        // Only reachable after a comma: `f(a, )`.
        this.fail('Missing argument after ","; remove the trailing comma.', this.lastComma, this.lastComma + 1);
      }
      if (c === "") this.fail(`Unclosed "(" of ${name}: add the matching ")".`, call.open, call.open + 1);
      this.parseArg(depth, call);
      this.skipWs();
      const n = this.ch();
      if (n === ",") {
        this.lastComma = this.pos;
        this.pos++;
        continue;
      }
      if (n === ")") {
        this.closeCall(call);
        return call;
      }
      if (n === "") this.fail(`Unclosed "(" of ${name}: add the matching ")".`, call.open, call.open + 1);
      const prev = call.args[call.args.length - 1];
      const cp = this.charAt(this.pos);
      if (prev && prev.kind === "string" && prev.end === this.pos) {
        this.fail(
          `Unexpected ${quote(cp)} right after the string '${prev.raw}'. To put a single quote inside a string, escape it as \\' (written \\\\' in JSON).`,
          this.pos,
          this.pos + cp.length,
        );
      }
      if (prev && prev.kind === "path" && prev.end < this.pos && isNameChar(this.ch())) {
        this.fail(
          `Expected "," or ")" after the path ${prev.text}, found ${quote(cp)}. Field names containing spaces need bracket notation, for example $.a['b c'].`,
          this.pos,
          this.pos + cp.length,
        );
      }
      this.fail(`Expected "," or ")" after the argument, found ${quote(cp)}.`, this.pos, this.pos + cp.length);
    }
  }

  lastComma = 0;

  closeCall(call: IntrinsicCall): void {
    call.close = this.pos;
    call.closed = true;
    this.pos++;
    call.end = this.pos;
  }

  parseArg(depth: number, call: IntrinsicCall): void {
    const t = this.text;
    const s = this.pos;
    const c = this.ch();
    if (c === "'") {
      call.args.push(this.parseString());
      return;
    }
    if (c === "$") {
      const path = scanPathAt(t, s, {}, "arg");
      for (const e of path.errors) this.errors.push(e);
      for (const w of path.warnings) this.warnings.push(w);
      for (const e of path.contextErrors) this.contextErrors.push(e);
      const end = Math.max(path.end, s + 1);
      this.pos = end;
      call.args.push({ kind: "path", text: t.slice(s, end), path, start: s, end });
      return;
    }
    if (isDigit(c) || c === "-" || c === "+" || c === ".") {
      call.args.push(this.parseNumber());
      return;
    }
    if (c === '"') {
      let j = s + 1;
      while (j < t.length && t[j] !== '"') j++;
      const end = j < t.length ? j + 1 : t.length;
      const inner = t.slice(s + 1, j);
      this.fail(`Strings in intrinsic functions use single quotes: write '${inner}' instead of "${inner}".`, s, end);
    }
    if (isNameChar(c)) {
      let j = s;
      while (j < t.length && isNameChar(t[j])) j++;
      const word = t.slice(s, j);
      let k = j;
      while (k < t.length && isWs(t[k])) k++;
      if (t[k] === "(") {
        this.parseCall(depth + 1, call);
        return;
      }
      if (word === "null") {
        this.pos = j;
        call.args.push({ kind: "null", start: s, end: j });
        return;
      }
      if (word === "true" || word === "false") {
        this.pos = j;
        call.args.push({ kind: "boolean", value: word === "true", start: s, end: j });
        return;
      }
      const hint = /^(True|False|TRUE|FALSE|Null|NULL|None|nil|undefined)$/.test(word)
        ? ` Literals are lower-case: ${word.toLowerCase() === "none" || word === "nil" || word === "undefined" ? "null" : word.toLowerCase()}.`
        : ` Strings must be in single quotes ('${word}') and paths must start with "$" (for example $.${word}).`;
      this.fail(`Unexpected ${quote(word)} as an argument.${hint}`, s, j);
    }
    const cp = this.charAt(s);
    this.fail(
      `Unexpected ${quote(cp)}; an argument must be a 'string', a number, true, false, null, a path starting with "$", or an intrinsic function.`,
      s,
      s + cp.length,
    );
  }

  parseString(): StringArg {
    const t = this.text;
    const s = this.pos;
    let j = s + 1;
    let value = "";
    while (j < t.length && t[j] !== "'") {
      if (t[j] === "\\") {
        if (j + 1 >= t.length) break;
        const e = t[j + 1];
        if (e === "'" || e === "{" || e === "}" || e === "\\") {
          value += e;
        } else {
          const cp = this.charAt(j + 1);
          this.errors.push({
            message: `Invalid escape ${quote("\\" + cp)} in an intrinsic string: only \\', \\{, \\} and \\\\ are allowed. Write \\\\ for a literal backslash.`,
            start: j,
            end: j + 1 + cp.length,
          });
          value += cp;
          j += 1 + cp.length;
          continue;
        }
        j += 2;
        continue;
      }
      value += t[j];
      j++;
    }
    if (j >= t.length) this.fail("Unterminated string: add the closing single quote '.", s, t.length);
    this.pos = j + 1;
    return { kind: "string", value, raw: t.slice(s + 1, j), start: s, end: j + 1 };
  }

  parseNumber(): NumberArg {
    const t = this.text;
    const s = this.pos;
    const digits = this.signedDigits();
    const ds = digits.digits;
    let j = digits.end;
    if (j === ds) {
      if (t[j] === "." && isDigit(this.ch(j + 1))) this.fail("Numbers need a digit before the decimal point, for example 0.5.", s, j + 1);
      if (t[s] === "+") this.fail('Remove the "+": numbers are written without a plus sign.', s, s + 1);
      this.fail('Expected a number after "-".', s, j + 1);
    }
    if (t[j] === ".") {
      j++;
      const fs = j;
      while (j < t.length && isDigit(t[j])) j++;
      if (j === fs) this.fail("Expected digits after the decimal point.", s, j);
    }
    if (t[j] === "e" || t[j] === "E") {
      let k = j + 1;
      if (t[k] === "+" || t[k] === "-") k++;
      const es = k;
      while (k < t.length && isDigit(t[k])) k++;
      if (k === es) this.fail("Expected digits in the exponent.", s, k);
      j = k;
    }
    if (j < t.length && (isNameChar(t[j]) || t[j] === "$")) {
      let k = j;
      while (k < t.length && (isNameChar(t[k]) || t[k] === "$")) k++;
      this.fail(`${quote(t.slice(s, k))} is not a number; quote it as a string ('${t.slice(s, k)}') if it is text.`, s, k);
    }
    const raw = t.slice(s, j);
    const value = Number(raw);
    if (!Number.isFinite(value)) this.fail("Number out of range.", s, j);
    this.pos = j;
    return { kind: "number", value, raw, start: s, end: j };
  }
}

/** Parses a whole string as an intrinsic function call. Never throws. */
export function parseIntrinsic(text: string): IntrinsicResult {
  if (typeof text !== "string") {
    return { ok: false, errors: [{ message: "An intrinsic function must be a string.", start: 0, end: 0 }], warnings: [], contextErrors: [] };
  }
  const p = new IntrinsicParser(text);
  try {
    p.parseTop();
  } catch (e) {
    if (e instanceof Fail) p.errors.push(e.error);
    else p.errors.push({ message: "The intrinsic function could not be parsed.", start: 0, end: text.length });
  }
  p.errors.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: IntrinsicResult = { ok: p.errors.length === 0, errors: p.errors, warnings: p.warnings, contextErrors: p.contextErrors };
  if (p.top) result.call = p.top;
  return result;
}

/** True when `s` looks like an intrinsic function call: `States.<name>(`. */
export function looksLikeIntrinsic(s: string): boolean {
  return typeof s === "string" && /^States\.[A-Za-z0-9_.]*\s?\(/.test(s);
}
