/** A finding of the parsing layer: syntax, not meaning. The engine turns these into diagnostics. */
export interface ParseProblem {
  rule: "invalid-json" | "invalid-yaml" | "duplicate-key" | "json-comment" | "trailing-comma" | "byte-order-mark" | "empty-definition" | "not-text" | "too-deeply-nested";
  message: string;
  offset: number;
  length: number;
}

/** Deepest nesting of objects and arrays accepted (the Jackson parser default that AWS's JSON stack uses). */
export const MAX_NESTING_DEPTH = 1000;
