/**
 * The intrinsic functions of Step Functions (asl-facts §8 [SPEC App. B; DG-INTR]): each
 * function's name, arity, parameter kinds, result type, signature and description, and the
 * limits AWS puts on them. Read by the checker (intrinsic-check.ts), the evaluator
 * (src/eval/intrinsic.ts), and the language server's completion and hover.
 */

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
