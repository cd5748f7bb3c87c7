/**
 * Small name helpers: "Did you mean" suggestions and workflow-variable name syntax.
 */

import { VARIABLE_NAME_MAX } from "../aws/limits.js";
export { VARIABLE_NAME_MAX };

const VARIABLE_NAME_RE = /^\p{ID_Start}\p{ID_Continue}*$/u;

/** The variable name Step Functions keeps for itself: `$states` (asl-facts §2.6, §7; no state may assign it). */
export const RESERVED_VARIABLE = "states";

/**
 * True when `s` is a valid workflow variable name: UAX #31 identifier (ID_Start then
 * ID_Continue), at most VARIABLE_NAME_MAX code points, and not the reserved name `states`.
 */
export function isVariableName(s: string): boolean {
  if (typeof s !== "string" || s.length === 0) return false;
  if (s === RESERVED_VARIABLE) return false;
  if (codePointLength(s) > VARIABLE_NAME_MAX) return false;
  return VARIABLE_NAME_RE.test(s);
}

/**
 * Explains why `s` is not a valid variable name, or returns undefined when it is valid.
 * The message is meant to be embedded in a diagnostic.
 */
export function variableNameProblem(s: string): string | undefined {
  if (s.length === 0) return "a variable name cannot be empty";
  if (s === RESERVED_VARIABLE) return `the name "${RESERVED_VARIABLE}" is reserved by Step Functions`;
  const len = codePointLength(s);
  if (len > VARIABLE_NAME_MAX) return `variable names can be at most ${VARIABLE_NAME_MAX} characters long (this one has ${len})`;
  if (VARIABLE_NAME_RE.test(s)) return undefined;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  if (!/^\p{ID_Start}$/u.test(first)) {
    return `variable names must start with a letter, not ${JSON.stringify(first)}`;
  }
  for (const ch of s) {
    if (!/^\p{ID_Continue}$/u.test(ch)) {
      return `variable names may contain only letters, digits and "_" (found ${JSON.stringify(ch)})`;
    }
  }
  return "not a valid variable name";
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein restricted to adjacent
 * transpositions). Returns `limit + 1` as soon as the distance is known to exceed `limit`.
 */
export function osaDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** Suggestion threshold: how many edits are still considered "a typo" for a name of this length. */
export function suggestionThreshold(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * Returns the candidate closest to `name` for a "Did you mean …?" hint, or undefined when
 * nothing is close enough. A case-insensitive exact match always wins. Ties go to the
 * earlier candidate, so order candidates by preference.
 */
export function closest(
  name: string,
  candidates: Iterable<string>,
  opts: { maxDistance?: number } = {},
): string | undefined {
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return undefined;
  const lower = name.toLowerCase();
  const limit = opts.maxDistance ?? suggestionThreshold(name.length);
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const c of candidates) {
    if (c === name) return c;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    if (c.length > 200) continue;
    const d = osaDistance(lower, cl, Math.min(limit, bestDist - 1 < 0 ? 0 : bestDist - 1));
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return bestDist <= limit ? best : undefined;
}

/** Formats a "Did you mean …?" sentence (with a leading space) or returns "". */
export function didYouMean(name: string, candidates: Iterable<string>, render: (s: string) => string = (s) => `"${s}"`): string {
  const c = closest(name, candidates);
  return c === undefined ? "" : ` Did you mean ${render(c)}?`;
}

/** A name or value as messages show it: in double quotes, escaped as JSON. */
export function quote(s: string): string {
  return JSON.stringify(s);
}
