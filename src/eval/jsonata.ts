/**
 * JSONata evaluation as Step Functions does it (asl-facts §2.5, §2.6): a string that is wholly
 * `{% … %}` is an expression, evaluated by the `jsonata` package's own sandboxed evaluator with
 * `$states` and the workflow variables bound, the Step Functions functions added ($partition,
 * $range, $hash, $random with a seed, $uuid, $parse) and `$eval` refused. Evaluation is bounded
 * in time and depth, so a runaway expression fails with `States.QueryEvaluationError` instead of
 * hanging. Every other string is a literal.
 */
import type jsonataModule from "jsonata";
import { randomUUID } from "node:crypto";
import { hashHex, seededRandom } from "./digest.js";
import { isJsonataExpression } from "../expr/jsonata.js";
import { queryError, StatesError } from "./errors.js";
import { isObject, newObject, setMember, type Json } from "./json.js";

/** What an expression may read. */
export interface JsonataEnv {
  states: { input?: Json; result?: Json; errorOutput?: Json; context?: Json };
  variables?: Readonly<Record<string, Json>>;
  /** Milliseconds since the epoch that `$now()` and `$millis()` return (default: the clock). */
  now?: number;
  uuid?: () => string;
  random?: () => number;
}

/** Time and depth bounds of one evaluation. */
export const JSONATA_TIMEOUT_MS = 1000;
export const JSONATA_MAX_DEPTH = 500;

const HASHES = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

let jsonataLib: typeof jsonataModule | undefined;
const compiled = new Map<string, jsonataModule.Expression>();

function fail(message: string): never {
  throw { code: "SFN", message };
}

function compile(body: string): jsonataModule.Expression {
  let e = compiled.get(body);
  if (e) return e;
  jsonataLib ??= require("jsonata") as typeof jsonataModule;
  e = jsonataLib(body, { timeout: JSONATA_TIMEOUT_MS, stack: JSONATA_MAX_DEPTH } as never);
  e.registerFunction(
    "partition",
    (arr: unknown, size: unknown) => {
      if (!Array.isArray(arr)) fail("$partition: the first argument must be an array");
      if (typeof size !== "number" || Math.floor(size) < 1) fail("$partition: the size must be a positive integer");
      const n = Math.floor(size as number);
      const out: unknown[] = [];
      for (let i = 0; i < (arr as unknown[]).length; i += n) out.push((arr as unknown[]).slice(i, i + n));
      return out;
    },
    "<an:a>",
  );
  e.registerFunction(
    "range",
    (start: number, end: number, step?: number) => {
      const s = Math.floor(start);
      const t = Math.floor(end);
      const k = step === undefined ? 1 : Math.floor(step);
      if (k === 0) fail("$range: the step cannot be 0");
      const out: number[] = [];
      for (let i = s; k > 0 ? i <= t : i >= t; i += k) {
        out.push(i);
        if (out.length > 10_000_000) fail("$range: the range is too large");
      }
      return out;
    },
    "<nnn?:a>",
  );
  e.registerFunction(
    "hash",
    (data: unknown, algorithm: unknown) => {
      const s = typeof data === "string" ? data : JSON.stringify(data);
      const digest = typeof algorithm === "string" ? hashHex(s, algorithm) : undefined;
      return digest ?? fail(`$hash: the algorithm must be one of ${HASHES.join(", ")}`);
    },
    "<xs:s>",
  );
  e.registerFunction("parse", (s: unknown) => {
    if (typeof s !== "string") fail("$parse: the argument must be a string");
    try {
      return JSON.parse(s as string) as unknown;
    } catch {
      return fail(`$parse: the argument is not valid JSON: ${JSON.stringify(s)}`);
    }
  });
  e.registerFunction("eval", () => fail("$eval is not supported in Step Functions; use $parse"));
  if (compiled.size > 512) compiled.clear();
  compiled.set(body, e);
  return e;
}

/** Plain JSON from what jsonata returns (sequences, functions, undefined). */
function toJson(v: unknown): Json | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "function") return undefined;
  return JSON.parse(JSON.stringify(v)) as Json;
}

function describe(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { code?: string; message?: string; position?: number; token?: string };
    if (o.message) return o.code && o.code !== "SFN" ? `${o.message} (${o.code})` : o.message;
  }
  return String(e);
}

/** Evaluates one `{% … %}` expression; `field` names the field in a cause. */
export async function evaluateJsonata(expression: string, env: JsonataEnv, field: string): Promise<Json> {
  const body = expression.slice(2, -2);
  let expr: jsonataModule.Expression;
  try {
    expr = compile(body);
  } catch (e) {
    throw queryError(`The JSONata expression '${body.trim()}' specified for the field '${field}' could not be parsed: ${describe(e)}`);
  }
  const bindings: Record<string, unknown> = {};
  const vars = env.variables ?? {};
  for (const k of Object.keys(vars)) bindings[k] = vars[k];
  const states: Record<string, unknown> = {};
  for (const k of ["input", "result", "errorOutput", "context"] as const) if (env.states[k] !== undefined) states[k] = env.states[k];
  bindings.states = states;
  const rand = env.random ?? Math.random;
  bindings.random = (seed?: number) => (seed === undefined ? rand() : seededRandom(seed));
  bindings.uuid = () => (env.uuid ?? randomUUID)();
  if (env.now !== undefined) {
    const now = env.now;
    bindings.millis = () => now;
    bindings.now = () => new Date(now).toISOString();
  }
  let raw: unknown;
  try {
    raw = await expr.evaluate(undefined, bindings);
  } catch (e) {
    if (e instanceof StatesError) throw e;
    throw queryError(`An error occurred while evaluating the JSONata expression '${body.trim()}' specified for the field '${field}': ${describe(e)}`);
  }
  const value = toJson(raw);
  if (value === undefined) {
    throw queryError(`The JSONata expression '${body.trim()}' specified for the field '${field}' returned nothing (undefined).`);
  }
  return value;
}

/**
 * Evaluates a JSONata-accepting field: every string that is wholly `{% … %}`, at any depth of
 * objects and arrays, is replaced by its value; everything else is kept as written.
 */
export async function evaluateJsonataValue(value: Json, env: JsonataEnv, field: string): Promise<Json> {
  if (typeof value === "string") return isJsonataExpression(value) ? evaluateJsonata(value, env, field) : value;
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) out.push(await evaluateJsonataValue(v, env, field));
    return out;
  }
  if (isObject(value)) {
    const out = newObject();
    for (const k of Object.keys(value)) setMember(out, k, await evaluateJsonataValue(value[k], env, field));
    return out;
  }
  return value;
}
