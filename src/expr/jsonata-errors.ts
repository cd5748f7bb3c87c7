/**
 * The errors of the jsonata parser, mapped to precise ranges of the expression and to messages
 * that say how to fix them (its positions are just past the offending token; the tokens of
 * jsonata-lex.ts give their starts).
 */
import type { ExprError } from "./types.js";
import { quote } from "./types.js";
import { JSONATA_WS, type Token } from "./jsonata-lex.js";

interface RawJsonataError {
  code?: string;
  position?: number;
  token?: unknown;
  message?: string;
  value?: unknown;
}

function ownMessage(err: RawJsonataError): string | undefined {
  switch (err.code) {
    case "S0103":
      return `Unsupported escape sequence "\\${String(err.token ?? "")}" in a string; JSONata strings allow \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`;
    case "S0104":
      return "The escape sequence \\u must be followed by 4 hex digits";
    default:
      return undefined;
  }
}

function hintFor(err: RawJsonataError, src: string, start: number): string {
  const tok = typeof err.token === "string" ? err.token : undefined;
  if (tok === "=" && src[start - 1] === "=") return ' JSONata compares with a single "=" (not "=="); use "!=" for "not equal".';
  if (tok === "&" && src[start - 1] === "&") return ' Use "and" for a logical AND ("&" joins strings).';
  if (tok === "|" && src[start - 1] === "|") return ' Use "or" for a logical OR.';
  if (err.code === "S0103" && tok === "'") return " JSONata strings cannot escape a single quote; put the string in double quotes instead.";
  if (err.code === "S0203" && typeof err.value === "string") return ` Add the missing ${quote(err.value)}.`;
  if (err.code === "S0101") return " Close the string with a matching quote.";
  if (err.code === "S0105") return " Close the name with a backquote (`).";
  if (err.code === "S0106") return ' Close the comment with "*/".';
  return "";
}

/**
 * Maps a jsonata error to a range in `src` (the inner expression). Returns null for
 * "end of expression" errors, which the caller places on the closing `%}`.
 */
function errorRange(err: RawJsonataError, src: string, tokens: Token[]): { start: number; end: number } | null {
  const n = src.length;
  const p = typeof err.position === "number" && Number.isFinite(err.position) ? Math.max(0, Math.min(err.position, n)) : undefined;
  const code = err.code ?? "";
  if (err.token === "(end)") return null;
  if (p === undefined) return wholeTrimmed(src);
  const badFrom = (pos: number): { start: number; end: number } | undefined => {
    const bad = tokens.find((t) => t.kind === "bad" && t.start <= pos);
    return bad ? { start: bad.start, end: n } : undefined;
  };
  switch (code) {
    case "S0101": // unterminated string: from the opening quote to the end
    case "S0105":
    case "S0302":
      return badFrom(p) ?? { start: Math.max(0, p - 1), end: n };
    case "S0106":
      return { start: p, end: Math.min(n, p + 2) };
    case "S0102":
      return { start: p, end: Math.min(n, p + (String(err.token ?? "").length || 1)) };
    case "S0103":
      return { start: Math.max(0, p - 1), end: Math.min(n, p + 1) };
    case "S0104": {
      let e = p + 1;
      while (e < n && e < p + 5 && /[0-9a-fA-F]/.test(src[e])) e++;
      return { start: Math.max(0, p - 1), end: e };
    }
    case "S0301":
      return { start: Math.max(0, p - 1), end: Math.min(n, p + 1) };
    default:
      break;
  }
  // Parser errors: the position is just past the offending token.
  let tok: Token | undefined;
  for (const t of tokens) {
    if (t.end === p) tok = t;
    if (t.start >= p) break;
  }
  if (tok) return { start: tok.start, end: tok.end };
  const containing = tokens.find((t) => t.start < p && p <= t.end);
  if (containing) return { start: containing.start, end: containing.end };
  if (p > 0) return { start: p - 1, end: p };
  return { start: 0, end: Math.min(1, n) };
}

function wholeTrimmed(src: string): { start: number; end: number } {
  let s = 0;
  let e = src.length;
  while (s < e && JSONATA_WS.includes(src[s])) s++;
  while (e > s && JSONATA_WS.includes(src[e - 1])) e--;
  return s === e ? { start: 0, end: src.length } : { start: s, end: e };
}

/**
 * The error the jsonata parser threw on `inner` (the expression inside `s`'s `{%` and `%}`), or
 * the nesting check before it, as one located error; offsets into the whole string `s`.
 */
export function parserError(e: unknown, s: string, inner: string, tokens: Token[]): ExprError {
  const offset = 2;
  const err = (e && typeof e === "object" ? e : {}) as RawJsonataError;
  if (!(typeof err.code === "string")) {
    const r = wholeTrimmed(inner);
    const tooDeep = e instanceof RangeError;
    return {
      message: tooDeep ? "The JSONata expression is nested too deeply to parse." : `The JSONata expression could not be parsed: ${String((e as Error)?.message ?? e)}`,
      start: r.start + offset,
      end: r.end + offset,
    };
  }
  const range = errorRange(err, inner, tokens);
  const base = ownMessage(err) ?? String(err.message ?? "Syntax error").replace(/\s+$/, "");
  let start: number;
  let end: number;
  let message: string;
  if (range === null) {
    start = s.length - 2;
    end = s.length;
    message = `JSONata syntax error: ${base} (before the closing %}).${hintFor(err, inner, inner.length)}`;
  } else {
    start = range.start + offset;
    end = Math.max(range.end, range.start) + offset;
    message = `JSONata syntax error: ${base}.${hintFor(err, inner, range.start)}`.replace(/\.\.(\s|$)/, ".$1");
  }
  return { message, start, end, code: err.code, raw: String(err.message ?? "Syntax error").replace(/\s+$/, "") };
}
