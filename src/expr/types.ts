/**
 * Shared types for the expression parsers (JSONPath paths, intrinsic functions, JSONata).
 *
 * All offsets are 0-based UTF-16 offsets into the expression string (the decoded JSON
 * string value); `end` is exclusive.
 */
export interface ExprError {
  message: string;
  start: number;
  end: number;
  /** Optional machine-readable code (e.g. the JSONata error code "S0202"). */
  code?: string;
  /** The parser's own message, without its code (AWS quotes the JSONata parser's words). */
  raw?: string;
}

/** Keeps a range inside [0, length] and non-inverted. */
export function clampRange(start: number, end: number, length: number): { start: number; end: number } {
  let s = Number.isFinite(start) ? Math.trunc(start) : 0;
  let e = Number.isFinite(end) ? Math.trunc(end) : s;
  if (s < 0) s = 0;
  if (s > length) s = length;
  if (e < s) e = s;
  if (e > length) e = length;
  return { start: s, end: e };
}

/** Quotes a user value for a message, shortening very long values. */
export function quote(text: string, max = 60): string {
  const t = text.length > max ? text.slice(0, max - 1) + "…" : text;
  return JSON.stringify(t);
}
