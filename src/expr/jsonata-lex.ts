/**
 * A small lexer that mirrors jsonata's tokenizer, used only to recover token start offsets (the
 * jsonata AST and errors carry the offset just past a token), and to measure an expression's
 * nesting before the jsonata parser, which recurses, sees it.
 */

export interface Token {
  kind: "op" | "string" | "number" | "name" | "variable" | "regex" | "value" | "bad";
  start: number;
  end: number;
  value: string;
}

const SINGLE_OPS = new Set([".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">", "^", "&", "!", "~"]);
const DOUBLE_OPS = new Set(["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]);
export const JSONATA_WS = " \t\n\r\v";

/** True when a "/" here starts a regular expression: at the start, or after an operator other than a closing bracket. */
function prefixPosition(tokens: readonly Token[]): boolean {
  const prev = tokens[tokens.length - 1];
  if (!prev) return true;
  if (prev.kind === "op") return !(prev.value === ")" || prev.value === "]" || prev.value === "}");
  return false;
}

/** The regular expression that starts at `s` (closing "/" at bracket depth 0, not escaped, then its flags); a "bad" token to the end when it is not closed. */
function regexToken(src: string, s: number): Token {
  const n = src.length;
  let j = s + 1;
  let depth = 0;
  let closed = false;
  while (j < n) {
    const d = src[j];
    if (d === "\\") {
      j += 2;
      continue;
    }
    if (d === "/" && depth === 0) {
      closed = true;
      break;
    }
    if (d === "(" || d === "[" || d === "{") depth++;
    if (d === ")" || d === "]" || d === "}") depth--;
    j++;
  }
  if (!closed) return { kind: "bad", start: s, end: n, value: src.slice(s) };
  j++;
  while (src[j] === "i" || src[j] === "m") j++;
  return { kind: "regex", start: s, end: j, value: src.slice(s, j) };
}

/** The string opened at `s` by the quote `q`; a "bad" token to the end when it is not closed. */
function stringToken(src: string, s: number, q: string): Token {
  const n = src.length;
  let j = s + 1;
  while (j < n && src[j] !== q) j += src[j] === "\\" ? 2 : 1;
  if (j >= n) return { kind: "bad", start: s, end: n, value: src.slice(s) };
  return { kind: "string", start: s, end: j + 1, value: src.slice(s, j + 1) };
}

/** The number that starts at `s` (a digit). */
function numberToken(src: string, s: number): Token {
  const n = src.length;
  const c = src[s];
  let j = s + 1;
  if (c !== "0") while (j < n && src[j] >= "0" && src[j] <= "9") j++;
  if (src[j] === "." && src[j + 1] >= "0" && src[j + 1] <= "9") {
    j += 2;
    while (j < n && src[j] >= "0" && src[j] <= "9") j++;
  }
  if ((src[j] === "e" || src[j] === "E") && /[-+0-9]/.test(src[j + 1] ?? "")) {
    let k = j + 1;
    if (src[k] === "-" || src[k] === "+") k++;
    if (src[k] >= "0" && src[k] <= "9") {
      while (k < n && src[k] >= "0" && src[k] <= "9") k++;
      j = k;
    }
  }
  return { kind: "number", start: s, end: j, value: src.slice(s, j) };
}

/** The name in backquotes that starts at `s`; a "bad" token to the end when it is not closed. */
function backquotedToken(src: string, s: number): Token {
  const close = src.indexOf("`", s + 1);
  if (close < 0) return { kind: "bad", start: s, end: src.length, value: src.slice(s) };
  return { kind: "name", start: s, end: close + 1, value: src.slice(s + 1, close) };
}

/** The word from `s` to `j`: a variable, a word operator, a literal or a name. */
function wordToken(src: string, s: number, j: number): Token {
  const word = src.slice(s, j);
  if (word[0] === "$") return { kind: "variable", start: s, end: j, value: word.slice(1) };
  if (word === "and" || word === "or" || word === "in") return { kind: "op", start: s, end: j, value: word };
  if (word === "true" || word === "false" || word === "null") return { kind: "value", start: s, end: j, value: word };
  return { kind: "name", start: s, end: j, value: word };
}

/** The tokens of an expression, up to the first one that is not closed ("bad", the last one then). */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (JSONATA_WS.includes(c)) {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    const two = src.slice(i, i + 2);
    let token: Token;
    if (c === "/" && prefixPosition(tokens)) token = regexToken(src, i);
    else if (DOUBLE_OPS.has(two)) token = { kind: "op", start: i, end: i + 2, value: two };
    else if (SINGLE_OPS.has(c)) token = { kind: "op", start: i, end: i + 1, value: c };
    else if (c === '"' || c === "'") token = stringToken(src, i, c);
    else if (c >= "0" && c <= "9") token = numberToken(src, i);
    else if (c === "`") token = backquotedToken(src, i);
    else {
      let j = i;
      while (j < n && !JSONATA_WS.includes(src[j]) && !SINGLE_OPS.has(src[j])) j++;
      if (j === i) {
        i++;
        continue;
      }
      token = wordToken(src, i, j);
    }
    tokens.push(token);
    if (token.kind === "bad") break;
    i = token.end;
  }
  return tokens;
}

/**
 * Deepest nesting handed to the jsonata parser, as `nestingOf` estimates it. The parser and its
 * AST pass recurse once per level, and run out of stack at about 1,240 nested arrays or
 * objects, 1,310 unary minus signs or 5,200 chained operators (default stack).
 */
export const MAX_PARSE_NESTING = 800;

/**
 * An upper estimate of the nesting of an expression's tree: the deepest bracket level plus the
 * longest run of operators inside one pair of brackets (an operator chain is a left-deep tree).
 */
export function nestingOf(tokens: readonly Token[]): number {
  let depth = 0;
  let deepest = 0;
  // operators counted at each open bracket level
  const ops: number[] = [0];
  let longest = 0;
  for (const t of tokens) {
    if (t.kind !== "op") continue;
    const v = t.value;
    if (v === "(" || v === "[" || v === "{") {
      depth++;
      if (depth > deepest) deepest = depth;
      ops[depth] = 0;
    } else if (v === ")" || v === "]" || v === "}") {
      if (depth > 0) depth--;
    } else if (v !== ",") {
      const n = ++ops[depth];
      if (n > longest) longest = n;
    }
  }
  return deepest + longest;
}
