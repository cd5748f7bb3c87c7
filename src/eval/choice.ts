/**
 * Choice rules evaluated on data (asl-facts §6). JSONPath rules: a `Variable` with one
 * comparison operator, or `And`/`Or`/`Not`; a comparison between values of different types is
 * false; `IsPresent` on a missing path is false, any other operator on a missing path fails the
 * state. JSONata rules: a `Condition` that must give a boolean.
 */
import { runtimeError, queryError } from "./errors.js";
import { evaluateJsonataValue, type JsonataEnv } from "./jsonata.js";
import { isObject, type Json, type JsonObject } from "./json.js";
import { evaluatePath, type PathEnv } from "./path.js";
import { parseTimestamp } from "./wait.js";

const TYPE_TESTS = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];
const COMPARISONS = ["StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
  "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals",
  "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals"];

/**
 * `*` matches any run of characters; `\*` and `\\` are literal (asl-facts §6). Matched by the
 * two-pointer wildcard algorithm (no regular expression: at most pattern × value steps).
 */
export function stringMatches(value: string, pattern: string): boolean {
  // the pattern as tokens: a literal character, or STAR
  const STAR = -1;
  const tokens: (string | typeof STAR)[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\") {
      const n = chars[i + 1];
      if (n !== "*" && n !== "\\") throw runtimeError(`The StringMatches pattern '${pattern}' has a lone backslash; write \\\\ for a backslash.`);
      tokens.push(n);
      i++;
    } else tokens.push(c === "*" ? STAR : c);
  }
  const v = [...value];
  let vi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    if (ti < tokens.length && tokens[ti] !== STAR && tokens[ti] === v[vi]) {
      vi++;
      ti++;
    } else if (ti < tokens.length && tokens[ti] === STAR) {
      starAt = ti++;
      resumeAt = vi;
    } else if (starAt >= 0) {
      ti = starAt + 1;
      vi = ++resumeAt;
    } else return false;
  }
  while (ti < tokens.length && tokens[ti] === STAR) ti++;
  return ti === tokens.length;
}

function compare(op: string, a: Json, b: Json): boolean {
  const family = op.startsWith("String") ? "String" : op.startsWith("Numeric") ? "Numeric" : op.startsWith("Boolean") ? "Boolean" : "Timestamp";
  const rel = op.slice(family.length);
  if (op === "StringMatches") return typeof a === "string" && typeof b === "string" && stringMatches(a, b);
  let x: number | string | boolean;
  let y: number | string | boolean;
  if (family === "String") {
    if (typeof a !== "string" || typeof b !== "string") return false;
    x = a;
    y = b;
  } else if (family === "Numeric") {
    if (typeof a !== "number" || typeof b !== "number") return false;
    x = a;
    y = b;
  } else if (family === "Boolean") {
    return typeof a === "boolean" && typeof b === "boolean" && a === b;
  } else {
    const ta = parseTimestamp(a);
    const tb = parseTimestamp(b);
    if (ta === undefined || tb === undefined) return false;
    x = ta;
    y = tb;
  }
  switch (rel) {
    case "Equals":
      return x === y;
    case "LessThan":
      return x < y;
    case "GreaterThan":
      return x > y;
    case "LessThanEquals":
      return x <= y;
    default:
      return x >= y;
  }
}

function typeTest(op: string, v: Json | undefined): boolean {
  switch (op) {
    case "IsPresent":
      return v !== undefined;
    case "IsNull":
      return v === null;
    case "IsNumeric":
      return typeof v === "number";
    case "IsString":
      return typeof v === "string";
    case "IsBoolean":
      return typeof v === "boolean";
    default:
      return parseTimestamp(v) !== undefined;
  }
}

/** Evaluates one JSONPath Choice rule (or a nested rule) on the state's effective input. */
export function evaluateJsonPathRule(rule: JsonObject, data: Json, env: PathEnv): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => evaluateJsonPathRule(r as JsonObject, data, env));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => evaluateJsonPathRule(r as JsonObject, data, env));
  if (isObject(rule.Not)) return !evaluateJsonPathRule(rule.Not, data, env);
  const variable = rule.Variable;
  if (typeof variable !== "string") throw runtimeError("A Choice rule has no Variable.");
  const r = evaluatePath(variable, data, env);
  const value = r.found ? r.value : undefined;
  for (const op of TYPE_TESTS) {
    if (op in rule) {
      if (value === undefined && op !== "IsPresent") throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value.`);
      return typeTest(op, value) === rule[op];
    }
  }
  if (value === undefined) throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value.`);
  for (const op of COMPARISONS) {
    if (op in rule) return compare(op, value, rule[op]);
    const pathOp = `${op}Path`;
    if (op !== "StringMatches" && pathOp in rule) {
      const ref = rule[pathOp];
      const other = typeof ref === "string" ? evaluatePath(ref, data, env) : { found: false as const };
      if (!other.found) throw runtimeError(`Invalid path '${String(ref)}': The choice state's condition path references an invalid value.`);
      return compare(op, value, other.value);
    }
  }
  throw runtimeError("A Choice rule has no comparison operator.");
}

/** Evaluates a JSONata Choice rule's `Condition`: it must give a boolean. */
export async function evaluateCondition(condition: Json, env: JsonataEnv): Promise<boolean> {
  const v = await evaluateJsonataValue(condition, env, "Condition");
  if (typeof v !== "boolean") throw queryError(`The Condition of a Choice rule must evaluate to a boolean, got ${JSON.stringify(v)}.`);
  return v;
}
