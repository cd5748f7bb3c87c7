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

/** The lines of a text: where each starts, and its indentation (-1: blank or a comment, -2: a tab or a directive). */
interface Lines {
  text: string;
  starts: Int32Array;
  indents: Int32Array;
  count: number;
}

/** The lines of the last text asked about (the readers ask several questions of one template). */
let cached: Lines | undefined;

function linesOf(text: string): Lines {
  if (cached && cached.text === text) return cached;
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  const starts = new Int32Array(n);
  const indents = new Int32Array(n);
  let line = 0;
  let i = 0;
  for (;;) {
    starts[line] = i;
    let j = i;
    while (text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    indents[line] = j >= text.length || c === 10 || c === 13 || c === 35 ? -1 : c === 9 || c === 37 ? -2 : j - i;
    const nl = text.indexOf("\n", j);
    if (nl < 0) break;
    i = nl + 1;
    line++;
  }
  cached = { text, starts, indents, count: line + 1 };
  return cached;
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
  for (let l = first; l < lines.count && lines.starts[l] < end; l++) {
    const spaces = lines.indents[l];
    if (spaces === -1) continue;
    if (spaces === -2) return undefined;
    const lineStart = lines.starts[l];
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
    KEY.lastIndex = lineStart;
    const k = KEY.exec(text);
    if (!k || k.index !== lineStart) return undefined;
    // anchors, aliases and merge keys tie entries together: parse the whole text
    let v = KEY.lastIndex;
    while (v < lineEnd && text.charCodeAt(v) === 32) v++;
    const vc = text[v];
    if (vc === "&" || vc === "*" || k[4] === "<<") return undefined;
    if (out.length) out[out.length - 1].end = contentEnd(text, out[out.length - 1].start, lineStart);
    let colon = lineStart + k[0].length - 1;
    while (text[colon] !== ":") colon--;
    out.push({ key: k[2] ?? k[3] ?? k[4], keyOffset: j, keyLength: colon - j, start: lineStart, end });
  }
  if (out.length) out[out.length - 1].end = contentEnd(text, out[out.length - 1].start, end);
  return out;
}

/** The end of the last content line before `before` (blank and comment lines after an entry are not its own). */
function contentEnd(text: string, from: number, before: number): number {
  let e = before;
  for (;;) {
    while (e > from && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32)) e--;
    let s = e;
    while (s > from && text.charCodeAt(s - 1) !== 10) s--;
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
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/** The end (exclusive) of the JSON value at `at`, brackets matched and strings skipped; -1 when it does not end. */
function jsonValueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 34) return jsonStringEnd(text, at);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 34) {
        i = jsonStringEnd(text, i) - 1;
        if (i < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = at;
  while (i < text.length && !",}] \t\r\n".includes(text[i])) i++;
  return i;
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
