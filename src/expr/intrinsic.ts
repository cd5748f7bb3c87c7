/**
 * Intrinsic functions (`States.Format(...)` etc.), asl-facts §8 [SPEC App. B; DG-INTR].
 *
 * `parseIntrinsic` is a hand-written scanner (linear, never throws); `checkIntrinsic` applies
 * name, arity, argument-kind and literal-value rules to the parsed call tree.
 */
import type { ExprError } from "./types.js";
import { Fail, Scanner } from "./scanner.js";
import { quote } from "./types.js";
import { scanPathAt, parsePath } from "./path.js";
import { memoize } from "./memo.js";
import type { PathResult } from "./path.js";
import { closest } from "./names.js";

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
// Function table

export type IntrinsicValueType = "any" | "string" | "number" | "boolean" | "array" | "object";
/** Parameter kinds: value types plus "scalar" (not array/object) and "path" (must be a path). */
export type IntrinsicParamType = IntrinsicValueType | "scalar" | "path";

export interface IntrinsicParam {
  name: string;
  type: IntrinsicParamType;
}

export interface IntrinsicInfo {
  name: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  params: readonly IntrinsicParam[];
  /** Type of the variadic tail, when any. */
  rest?: IntrinsicParam;
  returns: IntrinsicValueType;
  signature: string;
  description: string;
}

export const INTRINSICS: readonly IntrinsicInfo[] = [
  {
    name: "States.Format",
    minArgs: 1,
    maxArgs: Infinity,
    params: [{ name: "template", type: "string" }],
    rest: { name: "value", type: "scalar" },
    returns: "string",
    signature: "States.Format(template, ...values)",
    description: "Builds a string from a template; each {} is replaced by the next value (strings, numbers, booleans or null).",
  },
  {
    name: "States.StringToJson",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "jsonString", type: "string" }],
    returns: "any",
    signature: "States.StringToJson(jsonString)",
    description: "Parses an escaped JSON string into a JSON value.",
  },
  {
    name: "States.JsonToString",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "path", type: "path" }],
    returns: "string",
    signature: "States.JsonToString(path)",
    description: "Serializes the JSON value selected by a path into an escaped string.",
  },
  {
    name: "States.Array",
    minArgs: 0,
    maxArgs: Infinity,
    params: [],
    rest: { name: "value", type: "any" },
    returns: "array",
    signature: "States.Array(...values)",
    description: "Returns a JSON array containing the given values (zero or more).",
  },
  {
    name: "States.ArrayPartition",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "array", type: "array" },
      { name: "chunkSize", type: "number" },
    ],
    returns: "array",
    signature: "States.ArrayPartition(array, chunkSize)",
    description: "Splits an array into chunks of chunkSize (a positive integer); the last chunk may be smaller.",
  },
  {
    name: "States.ArrayContains",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "array", type: "array" },
      { name: "value", type: "any" },
    ],
    returns: "boolean",
    signature: "States.ArrayContains(array, value)",
    description: "Returns true when the array contains the value.",
  },
  {
    name: "States.ArrayRange",
    minArgs: 3,
    maxArgs: 3,
    params: [
      { name: "start", type: "number" },
      { name: "end", type: "number" },
      { name: "step", type: "number" },
    ],
    returns: "array",
    signature: "States.ArrayRange(start, end, step)",
    description: "Returns the integers from start to end (inclusive) in increments of step (non-zero); at most 1,000 elements.",
  },
  {
    name: "States.ArrayGetItem",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "array", type: "array" },
      { name: "index", type: "number" },
    ],
    returns: "any",
    signature: "States.ArrayGetItem(array, index)",
    description: "Returns the element of the array at the zero-based index.",
  },
  {
    name: "States.ArrayLength",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "array", type: "array" }],
    returns: "number",
    signature: "States.ArrayLength(array)",
    description: "Returns the number of elements in the array.",
  },
  {
    name: "States.ArrayUnique",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "array", type: "array" }],
    returns: "array",
    signature: "States.ArrayUnique(array)",
    description: "Returns the array with duplicate values removed.",
  },
  {
    name: "States.Base64Encode",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "data", type: "string" }],
    returns: "string",
    signature: "States.Base64Encode(data)",
    description: "Base64-encodes a string of at most 10,000 characters.",
  },
  {
    name: "States.Base64Decode",
    minArgs: 1,
    maxArgs: 1,
    params: [{ name: "base64", type: "string" }],
    returns: "string",
    signature: "States.Base64Decode(base64)",
    description: "Decodes a Base64 string of at most 10,000 characters.",
  },
  {
    name: "States.Hash",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "data", type: "any" },
      { name: "algorithm", type: "string" },
    ],
    returns: "string",
    signature: "States.Hash(data, algorithm)",
    description: "Hashes the data (at most 10,000 characters once stringified) with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.",
  },
  {
    name: "States.JsonMerge",
    minArgs: 3,
    maxArgs: 3,
    params: [
      { name: "object1", type: "object" },
      { name: "object2", type: "object" },
      { name: "deepMerge", type: "boolean" },
    ],
    returns: "object",
    signature: "States.JsonMerge(object1, object2, false)",
    description: "Shallow-merges two JSON objects (keys of object2 win). Step Functions supports only false (shallow merge).",
  },
  {
    name: "States.MathRandom",
    minArgs: 2,
    maxArgs: 3,
    params: [
      { name: "start", type: "number" },
      { name: "end", type: "number" },
      { name: "seed", type: "number" },
    ],
    returns: "number",
    signature: "States.MathRandom(start, end[, seed])",
    description: "Returns a random integer from start (inclusive) to end (exclusive); an optional seed makes it repeatable.",
  },
  {
    name: "States.MathAdd",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "value1", type: "number" },
      { name: "value2", type: "number" },
    ],
    returns: "number",
    signature: "States.MathAdd(value1, value2)",
    description: "Adds two integers in the 32-bit signed range (non-integers are rounded to the nearest integer).",
  },
  {
    name: "States.StringSplit",
    minArgs: 2,
    maxArgs: 2,
    params: [
      { name: "string", type: "string" },
      { name: "delimiters", type: "string" },
    ],
    returns: "array",
    signature: "States.StringSplit(string, delimiters)",
    description: "Splits a string into an array; every character of delimiters is a separator.",
  },
  {
    name: "States.UUID",
    minArgs: 0,
    maxArgs: 0,
    params: [],
    returns: "string",
    signature: "States.UUID()",
    description: "Returns a version 4 UUID.",
  },
];

export const INTRINSICS_BY_NAME: ReadonlyMap<string, IntrinsicInfo> = new Map(INTRINSICS.map((f) => [f.name, f]));

/** The seven string-returning intrinsics accepted in Fail `ErrorPath` / `CausePath` [DG-FAIL; LS]. */
export const STRING_INTRINSICS: ReadonlySet<string> = new Set([
  "States.ArrayGetItem",
  "States.Base64Decode",
  "States.Base64Encode",
  "States.Format",
  "States.JsonToString",
  "States.Hash",
  "States.UUID",
]);

export const HASH_ALGORITHMS: readonly string[] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/** Maximum nesting depth of intrinsic functions in one field [DG-INTR]. */
export const MAX_INTRINSIC_NESTING = 10;
/** Maximum input length of Base64Encode / Base64Decode / Hash [DG-INTR]. */
export const MAX_INTRINSIC_INPUT_CHARS = 10_000;
/** Maximum number of elements States.ArrayRange may generate [DG-INTR]. */
export const MAX_ARRAY_RANGE_ELEMENTS = 1000;

// ---------------------------------------------------------------------------------------
// Parser

const PARSE_DEPTH_LIMIT = 64;

function isWs(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0";
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
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
      this.errors.push(...path.errors);
      this.warnings.push(...path.warnings);
      this.contextErrors.push(...path.contextErrors);
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

// ---------------------------------------------------------------------------------------
// Checker

export interface CheckIntrinsicOptions {
  /** Only these functions may be the outermost call (e.g. STRING_INTRINSICS for ErrorPath/CausePath). */
  allowed?: ReadonlySet<string>;
  /** Field name used in messages, e.g. "ErrorPath". */
  field?: string;
}

type ArgType = IntrinsicValueType | "null" | "unknown";

function argType(arg: IntrinsicArg): ArgType {
  switch (arg.kind) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "path":
      return "unknown";
    case "call":
      return INTRINSICS_BY_NAME.get(arg.name)?.returns ?? "unknown";
  }
}

function describeArg(arg: IntrinsicArg): string {
  switch (arg.kind) {
    case "string":
      return `the string '${arg.raw.length > 30 ? arg.raw.slice(0, 29) + "…" : arg.raw}'`;
    case "number":
      return `the number ${arg.raw}`;
    case "boolean":
      return `the boolean ${arg.value}`;
    case "null":
      return "null";
    case "path":
      return `the path ${arg.text}`;
    case "call": {
      const t = argType(arg);
      return `${arg.name}(...), which returns ${t === "array" || t === "object" ? "an " + t : "a " + t}`;
    }
  }
}

const TYPE_WORD: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  array: "an array",
  object: "a JSON object",
  scalar: "a string, number, boolean or null",
  path: "a path (for example $.data)",
  any: "any value",
};

function accepts(param: IntrinsicParamType, arg: IntrinsicArg): boolean {
  if (param === "any") return true;
  if (param === "path") return arg.kind === "path";
  const t = argType(arg);
  if (t === "unknown" || t === "any") return true;
  if (param === "scalar") return t !== "array" && t !== "object";
  return t === param;
}

/** Rounds half away from zero for positives like Java's Math.round (AWS rounds to nearest). */
function roundNearest(x: number): number {
  return Math.floor(x + 0.5);
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Counts `{}` placeholders in a Format template; reports lone braces. */
export function formatPlaceholders(raw: string): { count: number; lone: number[] } {
  let count = 0;
  const lone: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") {
      if (raw[i + 1] === "}") {
        count++;
        i++;
      } else lone.push(i);
    } else if (c === "}") lone.push(i);
  }
  return { count, lone };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Checks a parsed intrinsic call: known function names (with "Did you mean"), arity,
 * argument kinds and literal values, nesting depth ≤ 10, and the `allowed` set.
 */
export function checkIntrinsic(call: IntrinsicCall, opts: CheckIntrinsicOptions = {}): ExprError[] {
  const errors: ExprError[] = [];
  let depthReported = false;

  if (opts.allowed && !opts.allowed.has(call.name) && INTRINSICS_BY_NAME.has(call.name)) {
    const where = opts.field ? `${opts.field} accepts` : "Only";
    const list = [...opts.allowed].sort().join(", ");
    errors.push({
      message: `${where === "Only" ? "Only these intrinsic functions can be used here" : `${where} only these intrinsic functions`}: ${list}. ${call.name} returns ${TYPE_WORD[INTRINSICS_BY_NAME.get(call.name)!.returns] ?? "a value"}.`,
      start: call.nameStart,
      end: call.nameEnd,
    });
  }

  const visit = (c: IntrinsicCall, depth: number): void => {
    if (depth > MAX_INTRINSIC_NESTING && !depthReported) {
      depthReported = true;
      errors.push({
        message: `Intrinsic functions can be nested at most ${MAX_INTRINSIC_NESTING} levels deep; this call is at level ${depth}. Split the work across several states.`,
        start: c.nameStart,
        end: c.nameEnd,
      });
    }
    checkCall(c, errors);
    for (const a of c.args) if (a.kind === "call") visit(a, depth + 1);
  };
  visit(call, 1);
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return errors;
}

function checkCall(c: IntrinsicCall, errors: ExprError[]): void {
  const info = INTRINSICS_BY_NAME.get(c.name);
  if (!info) {
    const names = INTRINSICS.map((f) => f.name);
    let suggestion = closest(c.name, names);
    if (!suggestion && !c.name.startsWith("States.")) suggestion = closest("States." + c.name.replace(/^[^.]*\./, ""), names);
    const hint = suggestion ? ` Did you mean ${suggestion}?` : "";
    const prefix = c.name.startsWith("States.") ? "" : ' Intrinsic function names start with "States.".';
    errors.push({ message: `Unknown intrinsic function ${quote(c.name)}.${prefix}${hint}`, start: c.nameStart, end: c.nameEnd });
    return;
  }
  const args = c.args;
  const n = args.length;
  const paramList = info.params.map((p) => p.name).join(", ") + (info.rest ? `${info.params.length ? ", " : ""}...${info.rest.name}s` : "");
  if (c.closed) {
    if (n > info.maxArgs) {
      const surplus = args.slice(info.maxArgs);
      const expected =
        info.maxArgs === 0
          ? `${info.name} takes no arguments`
          : info.minArgs === info.maxArgs
            ? `${info.name} takes ${plural(info.maxArgs, "argument", "arguments")} (${paramList})`
            : `${info.name} takes at most ${plural(info.maxArgs, "argument", "arguments")} (${paramList})`;
      errors.push({
        message: `${expected} but ${plural(n, "was", "were")} given; remove the extra ${surplus.length === 1 ? "argument" : "arguments"}.`,
        start: surplus[0].start,
        end: surplus[surplus.length - 1].end,
      });
    } else if (n < info.minArgs) {
      const expected =
        info.minArgs === info.maxArgs
          ? `${info.name} takes ${plural(info.minArgs, "argument", "arguments")} (${paramList})`
          : `${info.name} takes at least ${plural(info.minArgs, "argument", "arguments")} (${paramList})`;
      errors.push({
        message: `${expected} but ${n === 0 ? "none were" : n === 1 ? "1 was" : `${n} were`} given.`,
        start: c.nameStart,
        end: c.nameEnd,
      });
    }
  }
  // Argument kinds.
  for (let i = 0; i < n; i++) {
    const param = i < info.params.length ? info.params[i] : info.rest;
    if (!param) break;
    const a = args[i];
    if (accepts(param.type, a)) continue;
    let message: string;
    if (param.type === "path") {
      message = `${info.name} takes a path such as $.data as its argument, not ${describeArg(a)}.`;
    } else if (param.type === "scalar") {
      message = `${info.name} values must be strings, numbers, booleans or null, but got ${describeArg(a)}. Use States.JsonToString to embed JSON.`;
    } else {
      message = `Argument ${i + 1} of ${info.name} (${param.name}) must be ${TYPE_WORD[param.type]}, but got ${describeArg(a)}.`;
    }
    errors.push({ message, start: a.start, end: a.end });
  }
  checkLiterals(info, c, errors);
}

function checkLiterals(info: IntrinsicInfo, c: IntrinsicCall, errors: ExprError[]): void {
  const a = c.args;
  const num = (i: number): number | undefined => (a[i]?.kind === "number" ? (a[i] as NumberArg).value : undefined);
  switch (info.name) {
    case "States.Format": {
      const tpl = a[0];
      if (tpl?.kind !== "string") break;
      const { count, lone } = formatPlaceholders(tpl.raw);
      for (const off of lone.slice(0, 1)) {
        const at = tpl.start + 1 + off;
        const ch = tpl.raw[off];
        errors.push({
          message: `Unescaped ${quote(ch)} in the States.Format template: use "{}" for a placeholder, or escape a literal brace as \\${ch} (written \\\\${ch} in JSON).`,
          start: at,
          end: at + 1,
        });
      }
      if (!c.closed) break;
      const values = a.slice(1);
      if (values.length > count) {
        const extra = values.slice(count);
        errors.push({
          message: `The States.Format template has ${plural(count, "placeholder", "placeholders")} "{}" but ${plural(values.length, "value follows", "values follow")}; remove the extra ${extra.length === 1 ? "value" : "values"} or add "{}" to the template.`,
          start: extra[0].start,
          end: extra[extra.length - 1].end,
        });
      } else if (values.length < count) {
        errors.push({
          message: `The States.Format template has ${plural(count, "placeholder", "placeholders")} "{}" but ${values.length === 0 ? "no values follow" : plural(values.length, "value follows", "values follow")}; pass one value per placeholder.`,
          start: tpl.start,
          end: tpl.end,
        });
      }
      break;
    }
    case "States.ArrayPartition": {
      const size = num(1);
      if (size !== undefined && roundNearest(size) < 1) {
        errors.push({ message: `The chunk size of States.ArrayPartition must be a positive integer, not ${a[1].kind === "number" ? a[1].raw : size}.`, start: a[1].start, end: a[1].end });
      }
      break;
    }
    case "States.ArrayRange": {
      const step = num(2);
      if (step !== undefined && roundNearest(step) === 0) {
        errors.push({ message: "The step of States.ArrayRange cannot be 0; use a positive or negative integer.", start: a[2].start, end: a[2].end });
        break;
      }
      const s = num(0);
      const e = num(1);
      if (s !== undefined && e !== undefined && step !== undefined) {
        const rs = roundNearest(s);
        const re = roundNearest(e);
        const rstep = roundNearest(step);
        const count = Math.max(0, Math.floor((re - rs) / rstep) + 1);
        if (count > MAX_ARRAY_RANGE_ELEMENTS) {
          errors.push({
            message: `States.ArrayRange(${rs}, ${re}, ${rstep}) would generate ${count.toLocaleString("en-US")} elements; the limit is ${MAX_ARRAY_RANGE_ELEMENTS.toLocaleString("en-US")}. Narrow the range or raise the step.`,
            start: a[0].start,
            end: a[2].end,
          });
        }
      }
      break;
    }
    case "States.Base64Encode":
    case "States.Base64Decode": {
      const d = a[0];
      if (d?.kind === "string" && d.value.length > MAX_INTRINSIC_INPUT_CHARS) {
        errors.push({
          message: `${info.name} accepts at most ${MAX_INTRINSIC_INPUT_CHARS.toLocaleString("en-US")} characters; this string has ${d.value.length.toLocaleString("en-US")}.`,
          start: d.start,
          end: d.end,
        });
      }
      break;
    }
    case "States.Hash": {
      const d = a[0];
      if (d && (d.kind === "string" || d.kind === "number") && (d.kind === "string" ? d.value.length : d.raw.length) > MAX_INTRINSIC_INPUT_CHARS) {
        errors.push({
          message: `States.Hash accepts at most ${MAX_INTRINSIC_INPUT_CHARS.toLocaleString("en-US")} characters of input; this value is longer.`,
          start: d.start,
          end: d.end,
        });
      }
      const alg = a[1];
      if (alg?.kind === "string" && !HASH_ALGORITHMS.includes(alg.value)) {
        const s = closest(alg.value, HASH_ALGORITHMS) ?? closest(alg.value.replace(/^(SHA)(\d)/i, "$1-$2"), HASH_ALGORITHMS);
        errors.push({
          message: `Unsupported hash algorithm ${quote(alg.value)}; use one of ${HASH_ALGORITHMS.join(", ")} (exactly as written).${s ? ` Did you mean ${s}?` : ""}`,
          start: alg.start,
          end: alg.end,
        });
      }
      break;
    }
    case "States.JsonMerge": {
      const deep = a[2];
      if (deep?.kind === "boolean" && deep.value) {
        errors.push({
          message: "Step Functions supports only shallow merging: the third argument of States.JsonMerge must be false.",
          start: deep.start,
          end: deep.end,
        });
      }
      break;
    }
    case "States.MathAdd": {
      for (let i = 0; i < 2; i++) {
        const v = num(i);
        if (v === undefined) continue;
        const r = roundNearest(v);
        if (r < INT32_MIN || r > INT32_MAX) {
          errors.push({
            message: `States.MathAdd works on 32-bit signed integers (${INT32_MIN} to ${INT32_MAX}); ${(a[i] as NumberArg).raw} is out of range.`,
            start: a[i].start,
            end: a[i].end,
          });
        }
      }
      break;
    }
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------
// Payload template values (`"key.$": "..."`)

export type PayloadValue =
  | { kind: "path"; path: PathResult }
  | { kind: "intrinsic"; intrinsic: IntrinsicResult }
  | { kind: "none" };

/**
 * Decides what the value of a `.$` key is: a path (starts with "$"), an intrinsic function
 * (an identifier followed by "("), or neither — and parses it accordingly.
 */
export function parsePayloadValue(text: string): PayloadValue {
  if (typeof text !== "string") return { kind: "none" };
  if (text.startsWith("$")) return { kind: "path", path: parsePath(text) };
  if (/^[A-Za-z][A-Za-z0-9_.]*\s?\(/.test(text)) return { kind: "intrinsic", intrinsic: parseIntrinsic(text) };
  return { kind: "none" };
}

/** `parseIntrinsic`, cached by text: the rules parse through this. The result is shared and frozen. */
export const parseIntrinsicShared: (text: string) => Readonly<IntrinsicResult> = memoize(parseIntrinsic, 1024);

/** `parsePayloadValue`, cached by text: the rules parse through this. The result is shared and frozen. */
export const parsePayloadValueShared: (text: string) => Readonly<PayloadValue> = memoize(parsePayloadValue, 1024);

/**
 * `checkIntrinsic` with the default options on the call `parseIntrinsicShared(text)` parsed,
 * cached by text (no findings when it does not parse). Shared and frozen.
 */
export const checkIntrinsicShared: (text: string) => readonly ExprError[] = memoize((text) => {
  const parsed = parseIntrinsicShared(text);
  return parsed.ok && parsed.call ? checkIntrinsic(parsed.call) : [];
}, 1024);
