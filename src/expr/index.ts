/**
 * Expression toolkit: JSONPath paths, intrinsic functions, JSONata, and name helpers.
 * Pure functions of strings; offsets are 0-based UTF-16 offsets into the expression string.
 */
export type { ExprError } from "./types.js";
export * from "./names.js";
export * from "./path.js";
export * from "./intrinsic.js";
export * from "./jsonata.js";
