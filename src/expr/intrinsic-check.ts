/**
 * The checks of a parsed intrinsic function call (intrinsic-parse.ts): known function names
 * (with "Did you mean"), arity, argument kinds, literal values against AWS's limits, nesting
 * depth, and which functions a field accepts.
 */
import type { ExprError } from "./types.js";
import { quote } from "./types.js";
import { closest } from "./names.js";
import type { IntrinsicArg, IntrinsicCall, NumberArg } from "./intrinsic-parse.js";
import {
  HASH_ALGORITHMS,
  INTRINSICS,
  INTRINSICS_BY_NAME,
  MAX_ARRAY_RANGE_ELEMENTS,
  MAX_INTRINSIC_INPUT_CHARS,
  MAX_INTRINSIC_NESTING,
  type IntrinsicInfo,
  type IntrinsicParamType,
  type IntrinsicValueType,
} from "./intrinsic-functions.js";

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

/** Checks of the literal arguments of one function, against what AWS accepts. */
type LiteralCheck = (info: IntrinsicInfo, c: IntrinsicCall, errors: ExprError[]) => void;

/** The literal argument at `i` when it is a number. */
function numberAt(a: readonly IntrinsicArg[], i: number): number | undefined {
  return a[i]?.kind === "number" ? (a[i] as NumberArg).value : undefined;
}

/** States.Format: lone braces in the template, and as many values as placeholders. */
const formatLiterals: LiteralCheck = (_info, c, errors) => {
  const a = c.args;
  const tpl = a[0];
  if (tpl?.kind !== "string") return;
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
  if (!c.closed) return;
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
};

/** States.ArrayPartition: a positive chunk size. */
const arrayPartitionLiterals: LiteralCheck = (_info, c, errors) => {
  const a = c.args;
  const size = numberAt(a, 1);
  if (size !== undefined && roundNearest(size) < 1) {
    errors.push({ message: `The chunk size of States.ArrayPartition must be a positive integer, not ${a[1].kind === "number" ? a[1].raw : size}.`, start: a[1].start, end: a[1].end });
  }
};

/** States.ArrayRange: a step other than 0, and at most MAX_ARRAY_RANGE_ELEMENTS elements. */
const arrayRangeLiterals: LiteralCheck = (_info, c, errors) => {
  const a = c.args;
  const step = numberAt(a, 2);
  if (step !== undefined && roundNearest(step) === 0) {
    errors.push({ message: "The step of States.ArrayRange cannot be 0; use a positive or negative integer.", start: a[2].start, end: a[2].end });
    return;
  }
  const s = numberAt(a, 0);
  const e = numberAt(a, 1);
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
};

/** States.Base64Encode and States.Base64Decode: at most MAX_INTRINSIC_INPUT_CHARS characters. */
const base64Literals: LiteralCheck = (info, c, errors) => {
  const d = c.args[0];
  if (d?.kind === "string" && d.value.length > MAX_INTRINSIC_INPUT_CHARS) {
    errors.push({
      message: `${info.name} accepts at most ${MAX_INTRINSIC_INPUT_CHARS.toLocaleString("en-US")} characters; this string has ${d.value.length.toLocaleString("en-US")}.`,
      start: d.start,
      end: d.end,
    });
  }
};

/** States.Hash: input of at most MAX_INTRINSIC_INPUT_CHARS characters, one of the five algorithms. */
const hashLiterals: LiteralCheck = (_info, c, errors) => {
  const a = c.args;
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
};

/** States.JsonMerge: shallow merges only. */
const jsonMergeLiterals: LiteralCheck = (_info, c, errors) => {
  const deep = c.args[2];
  if (deep?.kind === "boolean" && deep.value) {
    errors.push({
      message: "Step Functions supports only shallow merging: the third argument of States.JsonMerge must be false.",
      start: deep.start,
      end: deep.end,
    });
  }
};

/** States.MathAdd: 32-bit signed integers. */
const mathAddLiterals: LiteralCheck = (_info, c, errors) => {
  const a = c.args;
  for (let i = 0; i < 2; i++) {
    const v = numberAt(a, i);
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
};

/** The functions whose literal arguments AWS limits, and their checks. */
const LITERAL_CHECKS: ReadonlyMap<string, LiteralCheck> = new Map([
  ["States.Format", formatLiterals],
  ["States.ArrayPartition", arrayPartitionLiterals],
  ["States.ArrayRange", arrayRangeLiterals],
  ["States.Base64Encode", base64Literals],
  ["States.Base64Decode", base64Literals],
  ["States.Hash", hashLiterals],
  ["States.JsonMerge", jsonMergeLiterals],
  ["States.MathAdd", mathAddLiterals],
]);

function checkLiterals(info: IntrinsicInfo, c: IntrinsicCall, errors: ExprError[]): void {
  LITERAL_CHECKS.get(info.name)?.(info, c, errors);
}
