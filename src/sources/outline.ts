/**
 * The block outline of a YAML template, from its lines alone: the top-level keys and, inside a
 * block, the keys of its mapping, each with the text range of its entry. A YAML parse costs
 * about a microsecond per character, and a SAM template is mostly IAM roles and functions: the
 * readers parse only the entries that matter (the state machine resources, serverless.yml's
 * stepFunctions) and read the other resources' `Type` from their lines. Returns undefined for
 * anything that is not plain block style (flow style, anchors, directives, documents): the
 * caller then parses the whole text.
 */

export interface Entry {
  key: string;
  keyOffset: number;
  keyLength: number;
  /** The entry's text: from the start of its key's line to the end of its last line. */
  start: number;
  end: number;
}

const KEY = /([ ]*)(?:"([^"\\]*)"|'([^']*)'|([^\s#'"{[\]},&*!|>%@`-][^:#\n]*?|-[^\s:#][^:#\n]*?))[ \t]*:(?:[ \t]|\r?$|\r?\n)/y;

/**
 * The lines of a text: where each starts, and whether the text holds no tab and no `%` (then
 * no line is a tab-indented or directive line, and a line's indentation needs to be read only
 * as far as the block's: a deeper line is skipped whatever it holds).
 */
interface Lines {
  text: string;
  starts: Int32Array;
  count: number;
  plain: boolean;
}

/** The lines of the last text asked about (the readers ask several questions of one template). */
let cached: Lines | undefined;

function linesOf(text: string): Lines {
  if (cached && cached.text === text) return cached;
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  const starts = new Int32Array(n);
  let line = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts[++line] = i + 1;
  cached = { text, starts, count: n, plain: text.indexOf("\t") < 0 && text.indexOf("%") < 0 };
  return cached;
}

/**
 * The indentation of the line starting at `start` (-1: blank or a comment, -2: a tab or a
 * directive), its spaces counted no further than `limit`: `limit` when there are that many.
 */
function indentOf(text: string, start: number, limit: number): number {
  const stop = start + limit;
  let j = start;
  while (j < stop && text.charCodeAt(j) === 32) j++;
  if (j === stop) return limit;
  const c = text.charCodeAt(j);
  return j >= text.length || c === 10 || c === 13 || c === 35 ? -1 : c === 9 || c === 37 ? -2 : j - start;
}

/** Lets go of the last text's lines (a reader calls it when it is done with a template). */
export function forgetLines(): void {
  cached = undefined;
}

/** The index of the line holding offset `at`. */
function lineAt(lines: Lines, at: number): number {
  let lo = 0;
  let hi = lines.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The mapping entries at the block's first indentation, for text [start, end); undefined when the block is not plain block style. */
export function entries(text: string, start = 0, end = text.length): Entry[] | undefined {
  const lines = linesOf(text);
  const first = lineAt(lines, start);
  let indent = -1;
  const out: Entry[] = [];
  const unbounded = text.length + 1;
  for (let l = first; l < lines.count && lines.starts[l] < end; l++) {
    const lineStart = lines.starts[l];
    // a line deeper than the block is skipped: in a plain text its indentation is read only that far
    const spaces = indentOf(text, lineStart, indent >= 0 && lines.plain ? indent + 1 : unbounded);
    if (spaces === -1) continue;
    if (spaces === -2) return undefined;
    const j = lineStart + spaces;
    if (indent < 0) {
      // a document start before the first entry
      if (start === 0 && spaces === 0 && text.startsWith("---", j)) continue;
      indent = spaces;
    }
    if (spaces < indent) return undefined;
    if (spaces > indent) continue;
    let lineEnd = l + 1 < lines.count ? lines.starts[l + 1] - 1 : text.length;
    if (lineEnd > end) lineEnd = end;
    const c = text.charCodeAt(j);
    if ((c === 45 && (text.charCodeAt(j + 1) === 32 || j + 1 >= lineEnd)) || text.startsWith("---", j) || text.startsWith("...", j)) return undefined;
    // most keys are words: read without the regular expression, to the same result
    let colon = wordKeyColon(text, j);
    let key: string;
    let v: number;
    if (colon >= 0) {
      key = text.slice(j, colon);
      v = afterColon(text, colon);
    } else {
      KEY.lastIndex = lineStart;
      const k = KEY.exec(text);
      if (!k || k.index !== lineStart || k[4] === "<<") return undefined;
      key = k[2] ?? k[3] ?? k[4];
      v = KEY.lastIndex;
      colon = lineStart + k[0].length - 1;
      while (text[colon] !== ":") colon--;
    }
    // anchors, aliases and merge keys tie entries together: parse the whole text
    while (v < lineEnd && text.charCodeAt(v) === 32) v++;
    const vc = text[v];
    if (vc === "&" || vc === "*") return undefined;
    if (out.length) out[out.length - 1].end = contentEnd(text, lines, out[out.length - 1].start, lineStart);
    out.push({ key, keyOffset: j, keyLength: colon - j, start: lineStart, end });
  }
  if (out.length) out[out.length - 1].end = contentEnd(text, lines, out[out.length - 1].start, end);
  return out;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * The offset of the colon after a key of word characters at `at` when what follows the colon
 * is a space, a tab, a line break or the end (so KEY would match there with that key); else -1.
 */
function wordKeyColon(text: string, at: number): number {
  let i = at;
  while (isWordChar(text.charCodeAt(i))) i++;
  if (i === at || text.charCodeAt(i) !== 58) return -1;
  return afterColon(text, i) < 0 ? -1 : i;
}

/** Where KEY's match ends after the colon at `colon` (`[ \t]`, `\r?$` or `\r?\n`); -1 when none of these follows it. */
function afterColon(text: string, colon: number): number {
  const n = text.charCodeAt(colon + 1);
  if (n === 32 || n === 9 || n === 10) return colon + 2;
  if (colon + 1 >= text.length) return colon + 1;
  if (n === 13) {
    if (colon + 2 >= text.length) return colon + 2;
    if (text.charCodeAt(colon + 2) === 10) return colon + 3;
  }
  return -1;
}

/** The end of the last content line before `before` (blank and comment lines after an entry are not its own). */
function contentEnd(text: string, lines: Lines, from: number, before: number): number {
  let e = before;
  for (;;) {
    while (e > from && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32)) e--;
    // the start of the line holding e - 1 (never before `from`), from the line table: a long line is not scanned back
    const s = e > from ? Math.max(lines.starts[lineAt(lines, e - 1)], from) : e;
    let k = s;
    while (k < e && text.charCodeAt(k) === 32) k++;
    if (s > from && text.charCodeAt(k) === 35) {
      e = s;
      continue;
    }
    return e;
  }
}

/** The scalar value of `key:` on its own line in an entry (a resource's `Type: AWS::...`), or undefined. */
export function scalarOf(text: string, entry: Entry, key: string): string | undefined {
  const inner = childEntries(text, entry);
  const e = inner?.find((x) => x.key === key);
  if (!e) return undefined;
  const rest = text.slice(e.keyOffset + e.keyLength + 1, text.indexOf("\n", e.keyOffset) < 0 ? e.end : Math.min(e.end, text.indexOf("\n", e.keyOffset))).trim();
  const value = rest.replace(/\s+#.*$/, "");
  const m = /^"([^"\\]*)"$|^'([^']*)'$|^([^\s'"{[&*!|>][^#]*)$/.exec(value);
  return m ? (m[1] ?? m[2] ?? m[3]).trim() : undefined;
}

/** The entries of an entry's value block (the lines after its key's line). */
export function childEntries(text: string, entry: Entry): Entry[] | undefined {
  const nl = text.indexOf("\n", entry.keyOffset);
  if (nl < 0 || nl >= entry.end) return [];
  return entries(text, nl + 1, entry.end);
}

/** A member of a JSON object, found without parsing its value. */
export interface JsonMember {
  key: string;
  keyOffset: number;
  keyLength: number;
  valueStart: number;
  valueEnd: number;
  /** The members of the value, when the caller asked for them (`expand`). */
  members?: JsonMember[];
}

/** The end (exclusive) of the JSON string whose opening quote is at `at`; -1 when it does not end. */
function jsonStringEnd(text: string, at: number): number {
  // the next quote (a native search), unless an odd run of backslashes escapes it
  for (let q = text.indexOf('"', at + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let b = q;
    while (text.charCodeAt(b - 1) === 92) b--;
    if (((q - b) & 1) === 0) return q + 1;
  }
  return -1;
}

/** The end (exclusive) of the JSON value at `at`, brackets matched and strings skipped; -1 when it does not end. */
function jsonValueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 34) return jsonStringEnd(text, at);
  if (c === 123 || c === 91) return jsonContainerEnd(text, at);
  let i = at;
  while (i < text.length && !",}] \t\r\n".includes(text[i])) i++;
  return i;
}

/**
 * The end (exclusive) of the object or array whose bracket is at `at`; -1 when it does not end.
 * The next quote and the next of each bracket are found by native searches (kept until passed),
 * so the white space and the strings between them are never looked at character by character.
 */
function jsonContainerEnd(text: string, at: number): number {
  const n = text.length;
  const next = (ch: string, from: number) => {
    const k = text.indexOf(ch, from);
    return k < 0 ? n : k;
  };
  let quote = next('"', at);
  let openBrace = next("{", at);
  let openBracket = next("[", at);
  let closeBrace = next("}", at);
  let closeBracket = next("]", at);
  let depth = 0;
  for (;;) {
    const m = Math.min(quote, openBrace, openBracket, closeBrace, closeBracket);
    if (m >= n) return -1;
    let i = m + 1;
    if (m === quote) {
      i = jsonStringEnd(text, m);
      if (i < 0) return -1;
    } else if (m === openBrace || m === openBracket) depth++;
    else if (--depth === 0) return m + 1;
    // the searches that found a character before `i` (the one just read, or one inside the string) look again from there
    if (quote < i) quote = next('"', i);
    if (openBrace < i) openBrace = next("{", i);
    if (openBracket < i) openBracket = next("[", i);
    if (closeBrace < i) closeBrace = next("}", i);
    if (closeBracket < i) closeBracket = next("]", i);
  }
}

const isJsonSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * The members of the JSON object whose `{` is at `at`, each value's extent found by matching
 * brackets (not parsed); undefined when the text there is not a well-formed object.
 */
export function jsonMembers(text: string, at: number, expand?: (key: string) => boolean): JsonMember[] | undefined {
  return jsonObject(text, at, expand)?.members;
}

/** jsonMembers, and where the object ends; the values of the keys `expand` accepts are read as objects too (one pass). */
function jsonObject(text: string, at: number, expand?: (key: string) => boolean): { members: JsonMember[]; end: number } | undefined {
  if (text.charCodeAt(at) !== 123) return undefined;
  const out: JsonMember[] = [];
  let i = at + 1;
  for (;;) {
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 125) return { members: out, end: i + 1 };
    if (text.charCodeAt(i) !== 34) return undefined;
    const keyEnd = jsonStringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const raw = text.slice(i, keyEnd);
    let key: string;
    try {
      key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    } catch {
      return undefined;
    }
    let j = keyEnd;
    while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 58) return undefined;
    j++;
    while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
    const inner = expand?.(key) && text.charCodeAt(j) === 123 ? jsonObject(text, j) : undefined;
    const valueEnd = inner ? inner.end : jsonValueEnd(text, j);
    if (valueEnd < 0 || valueEnd === j) return undefined;
    out.push({ key, keyOffset: i, keyLength: keyEnd - i, valueStart: j, valueEnd, ...(inner ? { members: inner.members } : {}) });
    i = valueEnd;
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 44) i++;
    else if (text.charCodeAt(i) !== 125) return undefined;
  }
}
