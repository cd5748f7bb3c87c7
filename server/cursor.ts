/**
 * Where the cursor is in a definition being typed: the path of the value (or of the object
 * whose key is being typed) and the token the completion replaces. Works on broken text:
 * JSON through jsonc-parser's scanner-based `getLocation`, YAML by putting a marker where
 * the cursor is and parsing again (what yaml-language-server does).
 */
import { getLocation } from "jsonc-parser";
import { parseDocumentText, type Node } from "../src/parse/index.js";

export type Segment = string | number;

export interface Cursor {
  syntax: "json" | "yaml";
  /** Path to the value under the cursor; for a key, the path of the object that holds it. */
  path: Segment[];
  atKey: boolean;
  /** Source range the completion replaces (offsets). */
  start: number;
  end: number;
  /**
   * How the replaced token is written:
   * - "bare": nothing or an unquoted word (JSON: the item must bring its quotes);
   * - "inner": the inside of a quoted string (quotes stay);
   * - "key": a whole JSON key token, quotes included.
   */
  form: "bare" | "inner" | "key";
  /** The quote character of a quoted token ('"' or "'"). */
  quote?: string;
  /** Raw text of the token from its start to the cursor. */
  prefix: string;
  /** JSON: a ":" already follows the key. YAML: the key line already has ": value". */
  hasColon: boolean;
  /** JSON: the key starts a member after a value with no comma in between (insert one). */
  commaAt?: number;
  /** Indentation of the line, for multi-line insertions. */
  indent: string;
  /** YAML: the tree of the text with a marker at the cursor (JSON: undefined, use the real tree). */
  root?: Node;
}

const MARKER = "__aslint_cursor__";

export function cursorAt(text: string, offset: number, syntax: "json" | "yaml"): Cursor | undefined {
  return syntax === "json" ? jsonCursor(text, offset) : yamlCursor(text, offset);
}

function lineIndent(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== "\n" && text[s - 1] !== "\r") s--;
  let e = s;
  while (e < text.length && (text[e] === " " || text[e] === "\t")) e++;
  return text.slice(s, e);
}

const WORD = /[A-Za-z0-9_.:$-]/;

function jsonCursor(text: string, offset: number): Cursor {
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  const indent = lineIndent(text, offset);
  const base = { syntax: "json" as const, indent, hasColon: false };
  if (prev && prev.type === "property" && offset >= prev.offset && offset <= prev.offset + prev.length) {
    const end = prev.offset + prev.length;
    let after = end;
    while (after < text.length && /\s/.test(text[after])) after++;
    const quoted = text[prev.offset] === '"';
    return {
      ...base,
      path: loc.path.slice(0, -1),
      atKey: true,
      start: prev.offset,
      end,
      form: quoted ? "key" : "bare",
      prefix: text.slice(prev.offset + (quoted ? 1 : 0), offset),
      hasColon: text[after] === ":",
    };
  }
  if (prev && prev.type === "string" && offset > prev.offset) {
    const end = prev.offset + prev.length;
    const closed = prev.length >= 2 && text[end - 1] === '"' && text[end - 2] !== "\\";
    if (offset < end || (offset === end && !closed)) {
      return {
        ...base,
        path: loc.path,
        atKey: false,
        start: prev.offset + 1,
        end: closed ? end - 1 : end,
        form: "inner",
        quote: '"',
        prefix: text.slice(prev.offset + 1, offset),
      };
    }
  }
  // a bare word being typed (`tr` for true), or nothing yet
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end])) end++;
  if (loc.isAtPropertyKey) {
    return { ...base, path: loc.path.slice(0, -1), atKey: true, start, end, form: "bare", prefix: text.slice(start, offset) };
  }
  if (prev && offset > prev.offset + prev.length) {
    // after a complete value: a new line starts a new member (the comma is missing)
    const between = text.slice(prev.offset + prev.length, start);
    if (/\n/.test(between) && !/[,:]/.test(between) && loc.path.length > 0) {
      return { ...base, path: loc.path.slice(0, -1), atKey: true, start, end, form: "bare", prefix: text.slice(start, offset), commaAt: prev.offset + prev.length };
    }
  }
  return { ...base, path: loc.path, atKey: false, start, end, form: "bare", prefix: text.slice(start, offset) };
}

const OBJECT_ARRAYS = new Set(["Catch", "Retry", "Choices", "Branches", "And", "Or"]);

function yamlCursor(text: string, offset: number): Cursor | undefined {
  const { start, end, quote, asKey, hasColon, dashed } = yamlToken(text, offset);
  // parse the text with a marker in place of the token: a key needs its colon, while
  // `- word` under a sequence stays a scalar (resolved below)
  const marker = asKey && !hasColon && !dashed ? `${MARKER}:` : MARKER;
  const probe = text.slice(0, start) + marker + text.slice(end);
  const parsed = parseDocumentText(probe, "cursor.yaml");
  const found = findMarker(parsed.root);
  if (!found) return undefined;
  const form: Cursor["form"] = quote ? "inner" : "bare";
  const base = { syntax: "yaml" as const, start, end, form, quote, prefix: text.slice(start, offset), hasColon, indent: lineIndent(text, offset), root: parsed.root };
  if (found.asKey) return { ...base, path: pathTo(found.node), atKey: true };
  const path = pathTo(found.node);
  // `- Err|` below Catch: a new object in the array, not a string item
  const parent = found.node.parent;
  if (dashed && asKey && parent?.type === "array" && typeof parent.key === "string" && OBJECT_ARRAYS.has(parent.key)) {
    return { ...base, path, atKey: true };
  }
  return { ...base, path, atKey: false };
}

interface YamlToken {
  start: number;
  end: number;
  /** The quote character when the token is quoted (start and end are inside the quotes). */
  quote?: string;
  /** A key or a sequence item is being typed (else the value of `key: ...`). */
  asKey: boolean;
  /** The key line already has its colon. */
  hasColon: boolean;
  /** The line starts with `- `. */
  dashed: boolean;
}

/** The token the cursor is in, read from its line alone (the rest may not parse yet). */
function yamlToken(text: string, offset: number): YamlToken {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== "\n") lineStart--;
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
  const before = text.slice(lineStart, offset);
  const lead = /^[ \t]*(?:-[ \t]+)*/.exec(before)![0];
  const dashed = lead.includes("-");
  const keyValue = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?))[ \t]*:(?:[ \t]+|$)(.*)$/.exec(before.slice(lead.length));

  if (keyValue) {
    // value of "key: ...", or an element of its flow sequence: ErrorEquals: [States.ALL, Sta|
    const valueText = keyValue[2];
    const flow = /^\[(?:[^\]]*,)?[ \t]*/.exec(valueText);
    const { start, quote } = openQuote(text, offset - valueText.length + (flow ? flow[0].length : 0));
    let end = offset;
    if (quote) {
      while (end < lineEnd && text[end] !== quote) end++;
    } else {
      while (end < lineEnd && !/[,\]#]/.test(text[end])) end++;
      while (end > offset && /[ \t]/.test(text[end - 1])) end--;
    }
    return { start, end, quote, asKey: false, hasColon: false, dashed };
  }

  // a key (or a sequence item) being typed
  const { start, quote } = openQuote(text, lineStart + lead.length);
  let end = offset;
  while (end < lineEnd && text[end] !== ":" && !(quote && text[end] === quote)) end++;
  let colon = end;
  if (quote && text[colon] === quote) colon++;
  while (colon < lineEnd && (text[colon] === " " || text[colon] === "\t")) colon++;
  if (!quote) while (end > offset && /[ \t]/.test(text[end - 1])) end--;
  return { start, end, quote, asKey: true, hasColon: text[colon] === ":", dashed };
}

/** A token starting at `start`: past its opening quote when it has one. */
function openQuote(text: string, start: number): { start: number; quote?: string } {
  const q = text[start];
  return q === '"' || q === "'" ? { start: start + 1, quote: q } : { start };
}

function findMarker(root: Node | undefined): { node: Node; asKey: boolean } | undefined {
  if (!root) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.properties) {
      for (const p of n.properties) {
        if (p.key.includes(MARKER)) return { node: n, asKey: true };
        stack.push(p);
      }
    } else if (n.items) stack.push(...n.items);
    else if (typeof n.value === "string" && n.value.includes(MARKER)) return { node: n, asKey: false };
  }
  return undefined;
}

/** The keys and indices from the root down to a node. */
export function pathTo(node: Node): Segment[] {
  const out: Segment[] = [];
  for (let n: Node | undefined = node; n && n.key !== undefined; n = n.parent) out.push(n.key);
  return out.reverse();
}

