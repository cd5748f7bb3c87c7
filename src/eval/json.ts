/** JSON values as the evaluators see them, and the serialisation AWS uses in its responses. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A deep copy: the pipeline never shares structure between its stages. */
export function clone<T extends Json | undefined>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Compact JSON, as the API returns `output` and the inspection data. */
export function stringify(v: Json | undefined): string {
  return JSON.stringify(v === undefined ? null : v);
}

/** A new object whose keys are own data properties (no prototype lookups, `__proto__` is a plain key). */
export function newObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

/** Own-property read: `hasOwn` so `__proto__` or `constructor` never reach the prototype. */
export function member(obj: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Sets an own property safely (a key `__proto__` becomes a plain property). */
export function setMember(obj: JsonObject, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** The JSON type name AWS's messages use. */
export function typeName(v: Json | undefined): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

/** Structural equality of two JSON values. */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEquals(x, b[i]));
  }
  if (typeof a === "object") {
    if (Array.isArray(b) || typeof b !== "object") return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b as JsonObject);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEquals((a as JsonObject)[k], (b as JsonObject)[k]));
  }
  return false;
}

/** Parses JSON text; undefined when it is not JSON. */
export function parseJson(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** JSON values are followed recursively (paths, templates, serialisation): deeper ones are refused first. */
export const MAX_DATA_DEPTH = 1000;

/** True when `v` nests objects and arrays deeper than `max` levels (checked without recursion). */
export function tooDeep(v: unknown, max = MAX_DATA_DEPTH): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    if (d >= max) return true;
    for (const c of Array.isArray(x) ? x : Object.values(x)) if (typeof c === "object" && c !== null) stack.push([c, d + 1]);
  }
  return false;
}
