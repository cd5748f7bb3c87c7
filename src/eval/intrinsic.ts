/**
 * Intrinsic functions evaluated with AWS's semantics (asl-facts §8): States.Format escaping,
 * integer arguments rounded to the nearest integer, States.MathAdd bounded to 32-bit integers,
 * States.JsonMerge shallow only, States.ArrayRange at most 1000 elements, the five hash
 * algorithms, and so on. A failure is a `States.Runtime` error whose cause names the function.
 */
import { randomUUID } from "node:crypto";
import { hashHex, seededRandom } from "./digest.js";
import {
  HASH_ALGORITHMS,
  MAX_ARRAY_RANGE_ELEMENTS,
  MAX_INTRINSIC_INPUT_CHARS,
  parseIntrinsicShared,
  type IntrinsicArg,
  type IntrinsicCall,
} from "../expr/intrinsic.js";
import { runtimeError, StatesError } from "./errors.js";
import { isObject, jsonEquals, newObject, setMember, typeName, type Json } from "./json.js";
import { evaluateParsedPath, type PathEnv } from "./path.js";

/** Hooks for what is not a function of the arguments: the UUID and the random numbers. */
export interface IntrinsicEnv extends PathEnv {
  uuid?: () => string;
  random?: () => number;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function fail(name: string, message: string): StatesError {
  return runtimeError(`The function '${name}' had the following error: ${message}`);
}

/** Evaluates an intrinsic function written as text (the value of a `.$` key). */
export function evaluateIntrinsicText(text: string, data: Json, env: IntrinsicEnv = {}): Json {
  const parsed = parseIntrinsicShared(text);
  if (!parsed.ok || !parsed.call) throw runtimeError(`The value '${text}' is not a valid intrinsic function call: ${parsed.errors[0]?.message ?? "it does not parse"}`);
  return evaluateCall(parsed.call, text, data, env);
}

function argValue(arg: IntrinsicArg, text: string, data: Json, env: IntrinsicEnv): Json {
  switch (arg.kind) {
    case "string":
      return arg.value;
    case "number":
      return arg.value;
    case "boolean":
      return arg.value;
    case "null":
      return null;
    case "path": {
      const r = evaluateParsedPath(arg.path, data, env);
      if (!r.found) throw runtimeError(`The JSONPath '${arg.text}' specified in the intrinsic function '${text}' could not be found in the input '${JSON.stringify(data)}'`);
      return r.value;
    }
    case "call":
      return evaluateCall(arg, text, data, env);
  }
}

function integer(name: string, v: Json, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw fail(name, `${what} must be a number, got ${typeName(v)}.`);
  return Math.round(v);
}

function array(name: string, v: Json, what = "The first argument"): Json[] {
  if (!Array.isArray(v)) throw fail(name, `${what} must be an array, got ${typeName(v)}.`);
  return v;
}

function string(name: string, v: Json, what = "The argument"): string {
  if (typeof v !== "string") throw fail(name, `${what} must be a string, got ${typeName(v)}.`);
  return v;
}

/** States.Format's template: `{}` takes the next value; `\{`, `\}`, `\'`, `\\` are literal. */
function format(name: string, raw: string, values: Json[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\") {
      if (i + 1 >= raw.length) throw fail(name, "The template ends with a lone backslash.");
      out += raw[++i];
    } else if (c === "{" && raw[i + 1] === "}") {
      if (next >= values.length) throw fail(name, "Number of arguments in format string does not match number of arguments passed.");
      const v = values[next++];
      if (typeof v === "object" && v !== null) throw fail(name, `The value of argument ${next + 1} must be a string, number, boolean or null, got ${typeName(v)}.`);
      out += typeof v === "string" ? v : JSON.stringify(v);
      i++;
    } else {
      out += c;
    }
  }
  if (next !== values.length) throw fail(name, "Number of arguments in format string does not match number of arguments passed.");
  return out;
}

function unique(values: Json[]): Json[] {
  const out: Json[] = [];
  for (const v of values) if (!out.some((o) => jsonEquals(o, v))) out.push(v);
  return out;
}

/** One call being evaluated: its name and arguments, where it is written, the data and hooks it reads. */
interface Call {
  name: string;
  args: IntrinsicArg[];
  text: string;
  data: Json;
  env: IntrinsicEnv;
}

/** The values of all the arguments, in order. */
function values(c: Call): Json[] {
  return c.args.map((a) => argValue(a, c.text, c.data, c.env));
}

/** Fails unless the call has from `min` to `max` arguments (checked before any is evaluated). */
function arity(c: Call, min: number, max = min): void {
  if (c.args.length < min || c.args.length > max) {
    throw fail(c.name, `It takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, got ${c.args.length}.`);
  }
}

type Evaluator = (c: Call) => Json;

function evaluateCall(call: IntrinsicCall, text: string, data: Json, env: IntrinsicEnv): Json {
  const evaluate = EVALUATORS.get(call.name);
  if (!evaluate) throw runtimeError(`The intrinsic function '${call.name}' is not supported.`);
  return evaluate({ name: call.name, args: call.args, text, data, env });
}

// ----- strings and JSON

const formatCall: Evaluator = (c) => {
  const { name, args } = c;
  if (args.length < 1) throw fail(name, "It needs a template string.");
  const first = args[0];
  if (first.kind !== "string") {
    const v = argValue(first, c.text, c.data, c.env);
    const rest = args.slice(1).map((a) => argValue(a, c.text, c.data, c.env));
    return format(name, string(name, v, "The template"), rest);
  }
  return format(name, first.raw, args.slice(1).map((a) => argValue(a, c.text, c.data, c.env)));
};

const stringToJson: Evaluator = (c) => {
  arity(c, 1);
  const s = string(c.name, values(c)[0]);
  try {
    return JSON.parse(s) as Json;
  } catch {
    throw fail(c.name, `The argument is not a valid JSON string: ${JSON.stringify(s)}.`);
  }
};

const jsonToString: Evaluator = (c) => {
  arity(c, 1);
  if (c.args[0].kind !== "path") throw fail(c.name, "The argument must be a path.");
  return JSON.stringify(values(c)[0]);
};

const jsonMerge: Evaluator = (c) => {
  const name = c.name;
  arity(c, 3);
  const [a, b, deep] = values(c);
  if (!isObject(a)) throw fail(name, `The first argument must be an object, got ${typeName(a)}.`);
  if (!isObject(b)) throw fail(name, `The second argument must be an object, got ${typeName(b)}.`);
  if (typeof deep !== "boolean") throw fail(name, `The third argument must be a boolean, got ${typeName(deep)}.`);
  if (deep) throw fail(name, "Deep merge is not supported: the third argument must be false.");
  const out = newObject();
  for (const [k, v] of Object.entries(a)) setMember(out, k, v);
  for (const [k, v] of Object.entries(b)) setMember(out, k, v);
  return out;
};

const stringSplit: Evaluator = (c) => {
  arity(c, 2);
  const [a, b] = values(c);
  const s = string(c.name, a, "The first argument");
  const delims = string(c.name, b, "The second argument");
  const out: string[] = [];
  let cur = "";
  for (const ch of s) {
    if (delims.includes(ch)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
};

// ----- arrays

const arrayPartition: Evaluator = (c) => {
  arity(c, 2);
  const [a, s] = values(c);
  const arr = array(c.name, a);
  const size = integer(c.name, s, "The chunk size");
  if (size <= 0) throw fail(c.name, "The chunk size must be a positive integer.");
  const out: Json[] = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
};

const arrayContains: Evaluator = (c) => {
  arity(c, 2);
  const [a, v] = values(c);
  return array(c.name, a).some((x) => jsonEquals(x, v));
};

const arrayRange: Evaluator = (c) => {
  const name = c.name;
  arity(c, 3);
  const [a, b, s] = values(c);
  const start = integer(name, a, "The start");
  const end = integer(name, b, "The end");
  const step = integer(name, s, "The step");
  if (step === 0) throw fail(name, "The step cannot be 0.");
  const count = Math.max(0, Math.floor((end - start) / step) + 1);
  if (count > MAX_ARRAY_RANGE_ELEMENTS) throw fail(name, `The range would have ${count} elements; at most ${MAX_ARRAY_RANGE_ELEMENTS} are allowed.`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(start + i * step);
  return out;
};

const arrayGetItem: Evaluator = (c) => {
  arity(c, 2);
  const [a, i] = values(c);
  const arr = array(c.name, a);
  const k = integer(c.name, i, "The index");
  if (k < 0 || k >= arr.length) throw fail(c.name, `The index ${k} is out of bounds for an array of ${arr.length} elements.`);
  return arr[k];
};

const arrayLength: Evaluator = (c) => {
  arity(c, 1);
  return array(c.name, values(c)[0], "The argument").length;
};

const arrayUnique: Evaluator = (c) => {
  arity(c, 1);
  return unique(array(c.name, values(c)[0], "The argument"));
};

// ----- encodings and hashes

const base64Encode: Evaluator = (c) => {
  arity(c, 1);
  const s = string(c.name, values(c)[0]);
  if (s.length > MAX_INTRINSIC_INPUT_CHARS) throw fail(c.name, `The input is longer than ${MAX_INTRINSIC_INPUT_CHARS} characters.`);
  return Buffer.from(s, "utf8").toString("base64");
};

const base64Decode: Evaluator = (c) => {
  arity(c, 1);
  const s = string(c.name, values(c)[0]);
  if (s.length > MAX_INTRINSIC_INPUT_CHARS) throw fail(c.name, `The input is longer than ${MAX_INTRINSIC_INPUT_CHARS} characters.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) throw fail(c.name, "The argument is not a valid base64 string.");
  return Buffer.from(s, "base64").toString("utf8");
};

const hash: Evaluator = (c) => {
  const name = c.name;
  arity(c, 2);
  const [d, alg] = values(c);
  const algorithm = string(name, alg, "The algorithm");
  if (!HASH_ALGORITHMS.includes(algorithm)) throw fail(name, `The algorithm '${algorithm}' is not supported; use one of ${HASH_ALGORITHMS.join(", ")}.`);
  if (d === null) throw fail(name, "The data to hash cannot be null.");
  const s = typeof d === "string" ? d : JSON.stringify(d);
  if (s.length > MAX_INTRINSIC_INPUT_CHARS) throw fail(name, `The input is longer than ${MAX_INTRINSIC_INPUT_CHARS} characters.`);
  return hashHex(s, algorithm)!;
};

// ----- numbers and identifiers

const mathRandom: Evaluator = (c) => {
  const name = c.name;
  arity(c, 2, 3);
  const vs = values(c);
  const start = integer(name, vs[0], "The start");
  const end = integer(name, vs[1], "The end");
  if (end <= start) throw fail(name, "The end must be greater than the start.");
  const r = vs.length === 3 ? seededRandom(integer(name, vs[2], "The seed")) : (c.env.random ?? Math.random)();
  return start + Math.floor(r * (end - start));
};

const mathAdd: Evaluator = (c) => {
  const name = c.name;
  arity(c, 2);
  const [a, b] = values(c);
  const x = integer(name, a, "The first argument");
  const y = integer(name, b, "The second argument");
  for (const v of [x, y]) {
    if (v < INT_MIN || v > INT_MAX) throw fail(name, `The value ${v} is outside the integer range [${INT_MIN}, ${INT_MAX}].`);
  }
  const sum = x + y;
  if (sum < INT_MIN || sum > INT_MAX) throw fail(name, `The sum ${sum} is outside the integer range [${INT_MIN}, ${INT_MAX}].`);
  return sum;
};

const uuid: Evaluator = (c) => {
  arity(c, 0);
  return (c.env.uuid ?? randomUUID)();
};

/** Each intrinsic function's evaluation, by name. */
const EVALUATORS: ReadonlyMap<string, Evaluator> = new Map([
  ["States.Format", formatCall],
  ["States.StringToJson", stringToJson],
  ["States.JsonToString", jsonToString],
  ["States.Array", values],
  ["States.ArrayPartition", arrayPartition],
  ["States.ArrayContains", arrayContains],
  ["States.ArrayRange", arrayRange],
  ["States.ArrayGetItem", arrayGetItem],
  ["States.ArrayLength", arrayLength],
  ["States.ArrayUnique", arrayUnique],
  ["States.Base64Encode", base64Encode],
  ["States.Base64Decode", base64Decode],
  ["States.Hash", hash],
  ["States.JsonMerge", jsonMerge],
  ["States.MathRandom", mathRandom],
  ["States.MathAdd", mathAdd],
  ["States.StringSplit", stringSplit],
  ["States.UUID", uuid],
]);
