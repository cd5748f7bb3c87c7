/**
 * The syntax tree of a JSONPath path and the options of a parse (path.ts parses; the scanner is
 * path-scanner.ts).
 */
import type { ExprError } from "./types.js";

export type PathRoot = "$" | "$$" | "variable";

interface SegmentBase {
  /** Start of the segment, including its leading "." / ".." or "[". */
  start: number;
  /** End of the segment (exclusive), including a closing "]". */
  end: number;
  /** True when the segment follows ".." (recursive descent). */
  deep: boolean;
}

export interface NameSegment extends SegmentBase {
  kind: "name";
  name: string;
  /** Written in bracket notation (`['a']`). */
  bracket: boolean;
  /** Range of the name itself (inside the quotes for bracket notation). */
  nameStart: number;
  nameEnd: number;
}
export interface IndexSegment extends SegmentBase {
  kind: "index";
  index: number;
}
export interface WildcardSegment extends SegmentBase {
  kind: "wildcard";
}
export interface SliceSegment extends SegmentBase {
  kind: "slice";
  from?: number;
  to?: number;
  step?: number;
}
export interface UnionSegment extends SegmentBase {
  kind: "union";
  names?: string[];
  indexes?: number[];
}
export interface FilterSegment extends SegmentBase {
  kind: "filter";
  /** The filter condition text between `[?(` and `)]`. */
  expression: string;
  exprStart: number;
  exprEnd: number;
}

export type PathSegment = NameSegment | IndexSegment | WildcardSegment | SliceSegment | UnionSegment | FilterSegment;

export interface PathOptions {
  /**
   * Parse as a Reference Path (ResultPath, ItemsPath, the `…Path` value fields): no filters,
   * wildcards, slices, unions, recursive descent, and no `@ , : ?`.
   */
  reference?: boolean;
  /** Field name used in messages, e.g. "ResultPath". */
  field?: string;
  /**
   * Apply the ResultPath rules as well: no `$$` and no variables.
   * Defaults to true when `field` is "ResultPath".
   */
  resultPath?: boolean;
}

export interface PathResult {
  /** True when there are no `errors` (warnings and contextErrors do not count). */
  ok: boolean;
  errors: ExprError[];
  /** Suspicious but probably accepted by AWS (e.g. trailing whitespace). */
  warnings: ExprError[];
  /**
   * Unknown context-object fields in `$$.` paths. Kept apart from `errors` because AWS may add
   * context fields at any time (DG-CTX); rules decide the severity.
   */
  contextErrors: ExprError[];
  root: PathRoot;
  variable?: { name: string; start: number; end: number };
  segments: PathSegment[];
  /** True when the path can only select a single node (no wildcard/slice/union/filter/..). */
  definite: boolean;
  /** Offset just past the parsed path (equals the text length for a whole-string parse). */
  end: number;
}
