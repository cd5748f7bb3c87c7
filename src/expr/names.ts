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

let rows = new Int32Array(3 * 64);

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
  // three rows of scratch in one array, reused from call to call (a "Did you mean" search makes
  // thousands of calls): the rows start at prev2, prev and cur, and rotate
  const w = m + 1;
  if (rows.length < 3 * w) rows = new Int32Array(Math.max(3 * w, 2 * rows.length));
  const r = rows;
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= m; j++) {
    r[prev2 + j] = 0;
    r[prev + j] = j;
  }
  for (let i = 1; i <= n; i++) {
    r[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(r[prev + j] + 1, r[cur + j - 1] + 1, r[prev + j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, r[prev2 + j - 2] + 1);
      }
      r[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return r[prev + m];
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

/**
 * `closest(name, candidates)` over one long list asked many times (the states of a scope for
 * each misspelt transition): the same answer, with exact and case-insensitive matches from a
 * Map and the typo search over candidates of a near length only. The typo search does at most
 * `budget` comparisons in all: ten thousand misspelt targets among ten thousand states would
 * otherwise be a hundred million. Once it is spent, a name gets the closest candidate found
 * before the budget ran out (still within the typo threshold), or none.
 */
export class NameSuggester {
  /** First candidate of each lower-case spelling. */
  private readonly first = new Map<string, number>();
  /** Candidates of at most 200 characters, by the length of their lower-case spelling: indexes, in order. */
  private readonly byLength: number[][] = [];
  private readonly lower: string[];

  constructor(
    private readonly candidates: readonly string[],
    private budget = 250_000,
  ) {
    this.lower = candidates.map((c) => c.toLowerCase());
    for (let i = 0; i < candidates.length; i++) {
      const cl = this.lower[i];
      if (!this.first.has(cl)) this.first.set(cl, i);
      if (candidates[i].length <= 200) (this.byLength[cl.length] ??= []).push(i);
    }
  }

  closest(name: string): string | undefined {
    if (typeof name !== "string" || name.length === 0 || name.length > 200) return undefined;
    const lower = name.toLowerCase();
    // `closest` returns the first candidate equal to the name in any case (an exact match is one)
    const same = this.first.get(lower);
    if (same !== undefined) return this.candidates[same];
    const limit = suggestionThreshold(name.length);
    let best = -1;
    let bestDist = limit + 1;
    for (let len = Math.max(0, lower.length - limit); len <= lower.length + limit; len++) {
      const bucket = this.byLength[len];
      if (!bucket) continue;
      for (const i of bucket) {
        if (this.budget <= 0) return best >= 0 ? this.candidates[best] : undefined;
        this.budget--;
        // ties go to the earlier candidate, as in `closest`
        const d = osaDistance(lower, this.lower[i], Math.min(limit, bestDist));
        if (d < bestDist || (d === bestDist && i < best)) {
          best = i;
          bestDist = d;
        }
      }
    }
    return bestDist <= limit && best >= 0 ? this.candidates[best] : undefined;
  }
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
