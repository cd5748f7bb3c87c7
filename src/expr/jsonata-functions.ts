/**
 * JSONata function catalogue: the standard JSONata 2.0 library plus the six functions
 * Step Functions adds (asl-facts §2.5 [DG-JSONATA; LS functions.ts]). Used for completion,
 * hover and unknown-function checks.
 */
export interface JsonataFunctionInfo {
  /** Name without the leading "$". */
  name: string;
  signature: string;
  description: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** Added by Step Functions (not part of standard JSONata). */
  stepFunctions?: boolean;
  /** Set when Step Functions does not support the function; explains what to use instead. */
  unsupported?: string;
}

type Row = [name: string, params: string, min: number, max: number, description: string];

const STANDARD: Row[] = [
  // String
  ["string", "arg[, prettify]", 0, 2, "Casts the argument to a string."],
  ["length", "str", 1, 1, "Number of characters in the string."],
  ["substring", "str, start[, length]", 2, 3, "Part of the string starting at start (zero-based)."],
  ["substringBefore", "str, chars", 2, 2, "Part of the string before the first occurrence of chars."],
  ["substringAfter", "str, chars", 2, 2, "Part of the string after the first occurrence of chars."],
  ["uppercase", "str", 1, 1, "The string in upper case."],
  ["lowercase", "str", 1, 1, "The string in lower case."],
  ["trim", "str", 1, 1, "Removes leading/trailing whitespace and collapses inner runs."],
  ["pad", "str, width[, char]", 2, 3, "Pads the string to width (negative width pads on the left)."],
  ["contains", "str, pattern", 2, 2, "True when the string contains the pattern (string or regex)."],
  ["split", "str, separator[, limit]", 2, 3, "Splits the string into an array."],
  ["join", "array[, separator]", 1, 2, "Joins an array of strings."],
  ["match", "str, pattern[, limit]", 2, 3, "Regex matches in the string."],
  ["replace", "str, pattern, replacement[, limit]", 3, 4, "Replaces occurrences of pattern."],
  ["eval", "expr[, context]", 1, 2, "Parses and evaluates a JSONata expression."],
  ["base64encode", "str", 1, 1, "Base64-encodes an ASCII string."],
  ["base64decode", "str", 1, 1, "Decodes a Base64 string."],
  ["encodeUrlComponent", "str", 1, 1, "Encodes a URL component."],
  ["encodeUrl", "str", 1, 1, "Encodes a full URL."],
  ["decodeUrlComponent", "str", 1, 1, "Decodes a URL component."],
  ["decodeUrl", "str", 1, 1, "Decodes a full URL."],
  // Numeric
  ["number", "arg", 0, 1, "Casts the argument to a number."],
  ["abs", "number", 1, 1, "Absolute value."],
  ["floor", "number", 1, 1, "Rounds down."],
  ["ceil", "number", 1, 1, "Rounds up."],
  ["round", "number[, precision]", 1, 2, "Rounds half to even, to precision decimal places."],
  ["power", "base, exponent", 2, 2, "base raised to exponent."],
  ["sqrt", "number", 1, 1, "Square root."],
  ["formatNumber", "number, picture[, options]", 2, 3, "Formats a number with a decimal picture string."],
  ["formatBase", "number[, radix]", 1, 2, "Formats a number in the given radix."],
  ["formatInteger", "number, picture", 2, 2, "Formats an integer with a picture string (e.g. words, roman numerals)."],
  ["parseInteger", "string, picture", 2, 2, "Parses an integer using a picture string."],
  // Aggregation
  ["sum", "array", 1, 1, "Sum of an array of numbers."],
  ["max", "array", 1, 1, "Maximum of an array of numbers."],
  ["min", "array", 1, 1, "Minimum of an array of numbers."],
  ["average", "array", 1, 1, "Mean of an array of numbers."],
  // Boolean
  ["boolean", "arg", 1, 1, "Casts the argument to a boolean."],
  ["not", "arg", 1, 1, "Boolean negation."],
  ["exists", "arg", 1, 1, "True when the argument evaluates to a value."],
  // Array
  ["count", "array", 1, 1, "Number of items in the array."],
  ["append", "array1, array2", 2, 2, "Concatenates two arrays."],
  ["sort", "array[, function]", 1, 2, "Sorts the array, optionally with a comparator function."],
  ["reverse", "array", 1, 1, "The array in reverse order."],
  ["shuffle", "array", 1, 1, "The array in random order."],
  ["distinct", "array", 1, 1, "The array without duplicates."],
  ["zip", "array1, ...", 1, Infinity, "Convolves arrays into an array of tuples."],
  // Object
  ["keys", "object", 1, 1, "The keys of the object (or of every object in an array)."],
  ["lookup", "object, key", 2, 2, "The value of key in the object."],
  ["spread", "object", 1, 1, "Splits an object into an array of single-key objects."],
  ["merge", "array", 1, 1, "Merges an array of objects into one object."],
  ["sift", "object, function", 2, 2, "Keeps the key/value pairs for which the function returns true."],
  ["each", "object, function", 2, 2, "Applies the function to every key/value pair."],
  ["error", "message", 0, 1, "Throws an error with the message."],
  ["assert", "condition, message", 2, 2, "Throws an error with the message when condition is false."],
  ["type", "value", 1, 1, "The JSON type of the value."],
  // Date/time
  ["now", "[picture[, timezone]]", 0, 2, "Current timestamp (ISO 8601, or formatted with picture)."],
  ["millis", "", 0, 0, "Milliseconds since the Unix epoch."],
  ["fromMillis", "number[, picture[, timezone]]", 1, 3, "Formats epoch milliseconds as a timestamp string."],
  ["toMillis", "timestamp[, picture]", 1, 2, "Parses a timestamp string into epoch milliseconds."],
  // Higher-order
  ["map", "array, function", 2, 2, "Applies the function to every item."],
  ["filter", "array, function", 2, 2, "Keeps the items for which the function returns true."],
  ["single", "array[, function]", 1, 2, "The one item that matches (error when not exactly one)."],
  ["reduce", "array, function[, init]", 2, 3, "Folds the array with the function."],
];

const STEP_FUNCTIONS: Row[] = [
  ["partition", "array, size", 2, 2, "Splits an array into chunks of size items (Step Functions)."],
  ["range", "start, end, step", 3, 3, "Array of numbers from start to end in increments of step; step may be negative (Step Functions)."],
  ["hash", "data, algorithm", 2, 2, "Hash of the data with MD5, SHA-1, SHA-256, SHA-384 or SHA-512 (Step Functions)."],
  ["random", "[seed]", 0, 1, "Random number 0 ≤ n < 1; an optional integer seed makes it repeatable (Step Functions)."],
  ["uuid", "", 0, 0, "A version 4 UUID (Step Functions)."],
  ["parse", "jsonString", 1, 1, "Parses a JSON string into a value (Step Functions; use instead of $eval)."],
];

function toInfo(row: Row, stepFunctions: boolean): JsonataFunctionInfo {
  const [name, params, minArgs, maxArgs, description] = row;
  const info: JsonataFunctionInfo = { name, signature: `$${name}(${params})`, description, minArgs, maxArgs };
  if (stepFunctions) info.stepFunctions = true;
  if (name === "eval") info.unsupported = "Step Functions does not support $eval; use $parse to turn a JSON string into a value.";
  return info;
}

export const JSONATA_FUNCTIONS: readonly JsonataFunctionInfo[] = [
  ...STANDARD.map((r) => toInfo(r, false)),
  ...STEP_FUNCTIONS.map((r) => toInfo(r, true)),
];

export const JSONATA_FUNCTIONS_BY_NAME: ReadonlyMap<string, JsonataFunctionInfo> = new Map(JSONATA_FUNCTIONS.map((f) => [f.name, f]));

/**
 * Fields of the reserved `$states` variable, and where each may be read [SPEC; DG-JSONATA;
 * asl-facts §2.6]: anywhere; only in the `Output` and `Assign` of a state with a result (Task,
 * Parallel, Map); only in a catcher's `Output` and `Assign`.
 */
export const STATES_FIELD_INFO: readonly { name: string; where: "any" | "result" | "error" }[] = [
  { name: "input", where: "any" },
  { name: "result", where: "result" },
  { name: "errorOutput", where: "error" },
  { name: "context", where: "any" },
];

/** The names of the `$states` fields. */
export const STATES_FIELDS: readonly string[] = STATES_FIELD_INFO.map((f) => f.name);
