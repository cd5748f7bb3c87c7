/**
 * JSONPath parser for Amazon States Language paths (asl-facts §8).
 *
 * Accepts the Jayway-style syntax AWS accepts: `$`, `$.a.b`, hyphenated dot names
 * (`$.detail-type`), bracket names (`$['a b']`, `$.abc.['def ghi']`), indexes (`[0]`, `$.[0]`,
 * `[-1]`), slices, wildcards, unions, filters `[?(...)]`, recursive descent `..`, variables
 * (`$name.a`) and context-object paths (`$$.Execution.Id`).
 *
 * Hand-written scanner (path-scanner.ts, filters in path-filter.ts): linear in the input.
 * Here: the entry points, which never throw, and the checks of a parsed path against what a
 * field accepts (Reference Paths, ResultPath, context-object fields). The syntax tree is in
 * path-types.ts.
 */
import type { ExprError } from "./types.js";
import { Fail } from "./scanner.js";
import { quote } from "./types.js";
import { checkContextNames } from "./context-fields.js";
import { memoize } from "./memo.js";
import type { NameSegment, PathOptions, PathResult, PathRoot, PathSegment } from "./path-types.js";
import { PathScanner, type ScanOutput } from "./path-scanner.js";

export { CONTEXT_FIELDS, contextChildren, contextField, checkContextNames } from "./context-fields.js";
export type { ContextFieldInfo, ContextFieldType } from "./context-fields.js";
export type { FilterSegment, IndexSegment, NameSegment, PathOptions, PathResult, PathRoot, PathSegment, SliceSegment, UnionSegment, WildcardSegment } from "./path-types.js";

function referenceWhat(opts: PathOptions): string {
  return opts.field ? opts.field : "a reference path";
}

function referenceErrors(text: string, segments: PathSegment[], opts: PathOptions): ExprError[] {
  const errs: ExprError[] = [];
  const must = `${referenceWhat(opts)} must select a single node.`;
  for (const s of segments) {
    if (s.deep) {
      const dd = s.start;
      errs.push({
        message: `Reference paths cannot use recursive descent ".."; ${must} Write the full path to the field, such as "$.a.b".`,
        start: dd,
        end: dd + 2,
      });
      continue;
    }
    switch (s.kind) {
      case "filter":
        errs.push({ message: `Reference paths cannot contain filters "[?(...)]"; ${must} Use a plain path such as "$.result".`, start: s.start, end: s.end });
        break;
      case "wildcard":
        errs.push({ message: `Reference paths cannot contain wildcards "*"; ${must} Name the field or index instead, such as "$.items[0]".`, start: s.start, end: s.end });
        break;
      case "slice":
        errs.push({ message: `Reference paths cannot contain array slices "[start:end]"; ${must} Use a single index such as "[0]".`, start: s.start, end: s.end });
        break;
      case "union":
        errs.push({ message: `Reference paths cannot contain unions "[a,b]"; ${must} Select one field or index.`, start: s.start, end: s.end });
        break;
      case "name":
        if (!s.bracket) {
          for (let i = s.nameStart; i < s.nameEnd; i++) {
            const c = text[i];
            if (c === "@" || c === "," || c === ":" || c === "?") {
              errs.push({
                message: `Reference paths cannot contain ${quote(c)} outside bracket notation. If ${quote(c)} is part of the field name, write ['${s.name}'].`,
                start: i,
                end: i + 1,
              });
              break;
            }
          }
        }
        break;
      default:
        break;
    }
  }
  return errs;
}

function contextErrorsFor(segments: PathSegment[]): ExprError[] {
  const names: string[] = [];
  const segs: NameSegment[] = [];
  for (const s of segments) {
    if (s.kind !== "name" || s.deep) break;
    names.push(s.name);
    segs.push(s);
  }
  if (names.length === 0) return [];
  const p = checkContextNames(names, "$$");
  if (!p) return [];
  const seg = segs[p.index];
  return [{ message: p.message, start: seg.nameStart, end: seg.nameEnd }];
}

/**
 * Scans a path that starts at `start` inside a larger string (used by the intrinsic-function
 * parser). In "arg" mode the path ends at whitespace, "," or ")" without an error.
 * All offsets are into `text`.
 */
export function scanPathAt(text: string, start: number, opts: PathOptions = {}, mode: "whole" | "arg" = "whole"): PathResult {
  const errors: ExprError[] = [];
  const warnings: ExprError[] = [];
  let out: ScanOutput;
  const sc = new PathScanner(text, start, mode, 0, warnings);
  try {
    out = sc.run();
  } catch (e) {
    if (e instanceof Fail) {
      errors.push(e.error);
    } else {
      errors.push({ message: "The path could not be parsed.", start, end: text.length });
    }
    out = { root: sc.root, variable: sc.variable, segments: sc.segments, end: mode === "whole" ? text.length : Math.max(sc.pos, start + 1) };
    if (mode === "arg") {
      // Skip to the end of the argument so the caller can continue.
      let j = Math.max(sc.pos, start + 1);
      while (j < text.length && text[j] !== "," && text[j] !== ")") j++;
      out.end = Math.min(j, text.length);
    }
  }
  const root: PathRoot = out.root === "@" ? "$" : out.root;
  const segments = out.segments;
  if (errors.length === 0 && opts.reference) for (const e of referenceErrors(text, segments, opts)) errors.push(e);
  const resultPath = opts.resultPath ?? opts.field === "ResultPath";
  if (errors.length === 0 && resultPath) {
    const f = opts.field ?? "ResultPath";
    if (root === "$$") {
      errors.push({
        message: `${f} cannot start with "$$": the result can only be placed into the state's data, for example "$.result".`,
        start,
        end: start + 2,
      });
    } else if (root === "variable" && out.variable) {
      errors.push({
        message: `${f} cannot reference a variable; write a path into the state's data such as "$.result", and use Assign to set variables.`,
        start: out.variable.start,
        end: out.variable.end,
      });
    }
  }
  const contextErrors = root === "$$" && errors.length === 0 ? contextErrorsFor(segments) : [];
  const definite = !segments.some((s) => s.deep || s.kind === "wildcard" || s.kind === "slice" || s.kind === "union" || s.kind === "filter");
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  const result: PathResult = {
    ok: errors.length === 0,
    errors,
    warnings,
    contextErrors,
    root,
    segments,
    definite,
    end: out.end,
  };
  if (out.variable) result.variable = out.variable;
  return result;
}

/**
 * Parses a whole string as a JSONPath path (`reference: true` for a Reference Path).
 * Never throws.
 */
export function parsePath(text: string, opts: PathOptions = {}): PathResult {
  if (typeof text !== "string") {
    return { ok: false, errors: [{ message: "A path must be a string.", start: 0, end: 0 }], warnings: [], contextErrors: [], root: "$", segments: [], definite: true, end: 0 };
  }
  return scanPathAt(text, 0, opts, "whole");
}

const sharedParsers = new Map<string, (text: string) => PathResult>();

/**
 * `parsePath`, cached by text and options (size-bounded): the rules parse through this. The
 * result is shared and frozen.
 */
export function parsePathShared(text: string, opts?: PathOptions): Readonly<PathResult> {
  return opts === undefined ? parseDefault(text) : pathParser(opts)(text);
}

const parseDefault = memoize((t) => parsePath(t), 2048);

/** The cached `parsePath` for these options (one cache per distinct options). */
export function pathParser(opts: PathOptions): (text: string) => Readonly<PathResult> {
  const key = `${opts.reference ? 1 : 0}${opts.resultPath === undefined ? "u" : opts.resultPath ? 1 : 0}${opts.field ?? ""}`;
  let parse = sharedParsers.get(key);
  if (!parse) {
    const o: PathOptions = { ...opts };
    parse = memoize((t) => parsePath(t, o), 2048);
    sharedParsers.set(key, parse);
  }
  return parse;
}

/** True when `s` starts with "$" and parses as a path (used for the NO_DOLLAR / NO_PATH warnings). */
export function looksLikePath(s: string): boolean {
  return typeof s === "string" && s.startsWith("$") && parsePath(s).ok;
}

/** Field names of a definite path made only of name segments, e.g. `$.a['b']` → ["a","b"]. */
export function plainNames(result: PathResult): string[] | undefined {
  const names: string[] = [];
  for (const s of result.segments) {
    if (s.kind !== "name" || s.deep) return undefined;
    names.push(s.name);
  }
  return names;
}
