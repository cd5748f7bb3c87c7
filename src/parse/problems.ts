import type { Node } from "./tree.js";
/** A finding of the parsing layer: syntax, not meaning. The engine turns these into diagnostics. */
export interface ParseProblem {
  rule: "invalid-json" | "invalid-yaml" | "duplicate-key" | "json-comment" | "trailing-comma" | "byte-order-mark" | "empty-definition" | "not-text" | "too-deeply-nested" | "definition-size";
  /** When not the rule's own: a limit of aslint's rather than AWS's is a warning. */
  severity?: "WARNING";
  message: string;
  offset: number;
  length: number;
}

/** Deepest nesting of objects and arrays accepted (the Jackson parser default that AWS's JSON stack uses). */
import { MAX_NESTING_DEPTH } from "../aws/limits.js";
export { MAX_NESTING_DEPTH };

export function tooDeeplyNested(offset: number): ParseProblem {
  return {
    rule: "too-deeply-nested",
    message: `The document nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep; AWS rejects it. Flatten the structure.`,
    offset,
    length: 1,
  };
}

/** `offset` and `length` are those of the key token, quotes included. */
export function duplicateKey(key: string, offset: number, length: number): ParseProblem {
  return {
    rule: "duplicate-key",
    message: `Duplicate key "${key}": AWS rejects a definition with a key repeated in one object. Remove or rename one of them.`,
    offset,
    length,
  };
}

/** A parsed JSON text: the tree (undefined when nothing could be read) and what is wrong with it. */
export interface JsonParseResult {
  root: Node | undefined;
  problems: ParseProblem[];
}
