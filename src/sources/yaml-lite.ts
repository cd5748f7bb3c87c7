/**
 * A small reader for the YAML that templates are written in: block mappings and sequences,
 * flow collections, plain, quoted and block scalars, comments and tags (read as
 * CloudFormation's long form, as template.ts does). The `yaml` package costs about 90 µs a call
 * even for one line, and a template's state machine properties are a few short entries: this
 * reader takes them in a few microseconds. It gives up (undefined) on everything else (anchors,
 * aliases, explicit keys, multi-line plain scalars, tabs, duplicate keys, directives, anything
 * odd): the caller then parses with the `yaml` package, which says what is wrong.
 * test/sources/yaml-lite.test.ts checks it against the `yaml` package on every YAML file of the
 * corpus and the fixtures.
 */
import { asMember, makeNode, type Node } from "../parse/tree.js";
import { decodeYamlScalar } from "../parse/scalars.js";

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

export type Tagged = (tag: string, node: Node, tagOffset: number) => Node;

/** Parses text[start, end) as one YAML block node; undefined when this reader does not take it. */
export function parseYamlLite(text: string, start: number, end: number, tagged: Tagged): Node | undefined {
  try {
    const r = new Reader(text, start, end, tagged);
    const first = r.nextContent(start);
    if (first < 0) return undefined;
    const node = r.block(first, -1);
    if (r.nextContent(r.after) >= 0) return undefined;
    return node;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

const isSpace = (c: string | undefined) => c === " ";
const isBreak = (c: string | undefined) => c === "\n" || c === "\r";

class Reader {
  /** Where the last node read ends (the next content is looked for from here). */
  after = 0;
  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly tagged: Tagged,
  ) {}

  /** The offset of the next character that is not a space, a line break or in a comment; -1 at the end. */
  nextContent(from: number): number {
    const t = this.text;
    let i = from;
    while (i < this.end) {
      const c = t[i];
      if (c === " " || c === "\n" || c === "\r") i++;
      else if (c === "\t") giveUp();
      else if (c === "#" && (i === this.start || isSpace(t[i - 1]) || isBreak(t[i - 1]))) {
        while (i < this.end && !isBreak(t[i])) i++;
      } else return i;
    }
    return -1;
  }

  /** The column of an offset. */
  column(at: number): number {
    let i = at;
    while (i > 0 && !isBreak(this.text[i - 1])) i--;
    return at - i;
  }

  /** Does a line hold only spaces before `at`? */
  startsLine(at: number): boolean {
    let i = at;
    while (i > this.start && isSpace(this.text[i - 1])) i--;
    return i === this.start || isBreak(this.text[i - 1]);
  }

  /** A block node starting at `at`, inside a parent at column `parent`. */
  block(at: number, parent: number): Node {
    const t = this.text;
    const c = t[at];
    if (c === "-" && (isSpace(t[at + 1]) || isBreak(t[at + 1]) || at + 1 >= this.end)) return this.sequence(at);
    if (this.keyEnd(at) >= 0) return this.mapping(at);
    return this.inline(at, parent);
  }

  /** If a mapping key starts at `at`: the offset of its `:`; else -1. */
  keyEnd(at: number): number {
    const t = this.text;
    const c = t[at];
    let i = at;
    if (c === '"' || c === "'") {
      i = this.quotedEnd(at);
      if (i < 0 || this.crossesLine(at, i)) return -1;
      return t[i] === ":" && (isSpace(t[i + 1]) || isBreak(t[i + 1]) || i + 1 >= this.end) ? i : -1;
    }
    if ("[]{},#&*!|>'\"%@`?".includes(c) || (c === "-" && (isSpace(t[at + 1]) || isBreak(t[at + 1])))) return -1;
    while (i < this.end && !isBreak(t[i])) {
      if (t[i] === ":" && (isSpace(t[i + 1]) || isBreak(t[i + 1]) || i + 1 >= this.end)) return i;
      if (t[i] === "#" && isSpace(t[i - 1])) return -1;
      i++;
    }
    return -1;
  }

  mapping(at: number): Node {
    const t = this.text;
    const col = this.column(at);
    const node = makeNode("object", at, 0);
    const seen = new Set<string>();
    let i = at;
    let last = at;
    for (;;) {
      const colon = this.keyEnd(i);
      if (colon < 0) giveUp();
      const raw = t.slice(i, colon).trimEnd();
      const key = raw[0] === '"' || raw[0] === "'" ? (decodeYamlScalar(t, i, i + raw.length, raw[0] === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE") ?? giveUp()) : raw;
      if (raw === "<<" || seen.has(key)) giveUp();
      seen.add(key);
      let value: Node;
      const v = this.nextContent(colon + 1);
      const sameLine = v >= 0 && !this.crossesLine(colon + 1, v);
      if (sameLine) {
        value = this.inline(v, col);
      } else if (v >= 0 && (this.column(v) > col || (this.column(v) === col && t[v] === "-" && (isSpace(t[v + 1]) || isBreak(t[v + 1]))))) {
        value = this.block(v, col);
      } else {
        let n = colon + 1;
        while (isSpace(t[n])) n++;
        value = makeNode("null", n, 0, null);
        this.after = n;
      }
      value.parent = node;
      node.properties!.push(asMember(value, key, i, raw.length));
      last = Math.max(this.after, value.offset + value.length);
      const next = this.nextContent(this.after);
      if (next < 0 || this.column(next) !== col || !this.startsLine(next)) {
        if (next >= 0 && this.column(next) > col && this.startsLine(next)) giveUp();
        break;
      }
      if (this.column(next) === col && t[next] === "-" && (isSpace(t[next + 1]) || isBreak(t[next + 1]))) break;
      i = next;
    }
    node.length = last - at;
    this.after = last;
    return node;
  }

  sequence(at: number): Node {
    const t = this.text;
    const col = this.column(at);
    const node = makeNode("array", at, 0);
    let i = at;
    let last = at;
    for (;;) {
      const v = this.nextContent(i + 1);
      let item: Node;
      if (v >= 0 && !this.crossesLine(i + 1, v)) item = this.block(v, col);
      else if (v >= 0 && this.column(v) > col) item = this.block(v, col);
      else {
        let n = i + 1;
        while (isSpace(t[n])) n++;
        item = makeNode("null", n, 0, null);
        this.after = n;
      }
      item.parent = node;
      item.key = node.items!.length;
      node.items!.push(item);
      last = Math.max(this.after, item.offset + item.length);
      const next = this.nextContent(this.after);
      if (next < 0 || this.column(next) !== col || !this.startsLine(next) || t[next] !== "-" || !(isSpace(t[next + 1]) || isBreak(t[next + 1]))) {
        if (next >= 0 && this.column(next) > col && this.startsLine(next)) giveUp();
        break;
      }
      i = next;
    }
    node.length = last - at;
    this.after = last;
    return node;
  }

  crossesLine(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (isBreak(this.text[i])) return true;
    return false;
  }

  /** A value that starts on its key's (or dash's) line: a tag, a flow collection, a quoted, block or plain scalar. */
  inline(at: number, parent: number): Node {
    const t = this.text;
    const c = t[at];
    if (c === "!") {
      const { tag, e } = this.tagAt(at);
      const v = this.nextContent(e);
      let inner: Node;
      if (v >= 0 && !this.crossesLine(e, v)) inner = this.inline(v, parent);
      else if (v >= 0 && this.column(v) > parent) inner = this.block(v, parent);
      else giveUp();
      return this.tagged(tag, inner!, at);
    }
    if (c === "[" || c === "{") {
      const node = this.flow(at);
      this.expectLineEnd(this.after);
      return node;
    }
    if (c === "|" || c === ">") return this.blockScalar(at, parent);
    if (c === '"' || c === "'") {
      const node = this.quoted(at);
      this.expectLineEnd(this.after);
      return node;
    }
    if ("&*?%@`".includes(c) || (c === "-" && (isSpace(t[at + 1]) || isBreak(t[at + 1])))) giveUp();
    // a plain scalar: to the end of the line or a comment
    let e = at;
    while (e < this.end && !isBreak(t[e]) && !(t[e] === "#" && isSpace(t[e - 1]))) e++;
    while (e > at && isSpace(t[e - 1])) e--;
    const raw = t.slice(at, e);
    if (/: |:$/.test(raw)) giveUp();
    this.after = e;
    // a more indented line after it would fold into this scalar: not read here
    const next = this.nextContent(e);
    if (next >= 0 && this.column(next) > parent && this.startsLine(next)) giveUp();
    return plainNode(raw, at);
  }

  expectLineEnd(from: number): void {
    const next = this.nextContent(from);
    if (next >= 0 && !this.crossesLine(from, next)) giveUp();
  }

  /** A local tag at `at` (`!Ref`): its text and where it ends. */
  tagAt(at: number): { tag: string; e: number } {
    const t = this.text;
    let e = at + 1;
    while (e < this.end && !isSpace(t[e]) && !isBreak(t[e])) e++;
    const tag = t.slice(at, e);
    if (!/^![A-Za-z]+$/.test(tag)) giveUp();
    return { tag, e };
  }

  /** A quoted scalar at `at`. */
  quoted(at: number): Node {
    const t = this.text;
    const e = this.quotedEnd(at);
    if (e < 0) giveUp();
    this.after = e;
    return makeNode("string", at, e - at, decodeYamlScalar(t, at, e, t[at] === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE") ?? giveUp());
  }

  /** The offset after the closing quote of a quoted scalar at `at`, or -1. */
  quotedEnd(at: number): number {
    const t = this.text;
    const q = t[at];
    for (let i = at + 1; i < this.end; i++) {
      if (q === '"' && t[i] === "\\") i++;
      else if (t[i] === q) {
        if (q === "'" && t[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }

  blockScalar(at: number, parent: number): Node {
    const t = this.text;
    // "keep" chomping (|+) holds the empty lines after the text: not read here
    for (let h = at + 1; h < this.end && !isBreak(t[h]) && t[h] !== " " && t[h] !== "#"; h++) if (t[h] === "+") giveUp();
    // the scalar runs over the lines more indented than its parent (and the empty lines among them)
    let lineEnd = at;
    while (lineEnd < this.end && !isBreak(t[lineEnd])) lineEnd++;
    let e = lineEnd;
    let i = lineEnd;
    while (i < this.end) {
      let j = i + (t[i] === "\r" && t[i + 1] === "\n" ? 2 : 1);
      const lineStart = j;
      while (j < this.end && isSpace(t[j])) j++;
      if (j >= this.end) break;
      if (!isBreak(t[j]) && j - lineStart <= parent) break;
      while (j < this.end && !isBreak(t[j])) j++;
      if (!/^\s*$/.test(t.slice(lineStart, j))) e = j;
      i = j;
    }
    const type = t[at] === "|" ? "BLOCK_LITERAL" : "BLOCK_FOLDED";
    // the reader takes the text to the end of the last content line and its line break
    const stop = e < this.end && isBreak(t[e]) ? e + (t[e] === "\r" && t[e + 1] === "\n" ? 2 : 1) : e;
    const value = decodeYamlScalar(t, at, stop, type) ?? giveUp();
    this.after = e;
    return makeNode("string", at, stop - at, value);
  }

  /** A flow collection at `at` ([...] or {...}), over as many lines as it takes. */
  flow(at: number): Node {
    const t = this.text;
    const close = t[at] === "[" ? "]" : "}";
    const node = makeNode(t[at] === "[" ? "array" : "object", at, 0);
    const seen = new Set<string>();
    let i = this.nextContent(at + 1);
    if (i < 0) giveUp();
    while (t[i] !== close) {
      if (node.type === "object") {
        const keyStart = i;
        let key: string;
        let keyEnd: number;
        if (t[i] === '"' || t[i] === "'") {
          keyEnd = this.quotedEnd(i);
          if (keyEnd < 0) giveUp();
          key = decodeYamlScalar(t, i, keyEnd, t[i] === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE") ?? giveUp();
        } else {
          keyEnd = i;
          while (keyEnd < this.end && !":,[]{}#\n\r".includes(t[keyEnd])) keyEnd++;
          while (keyEnd > i && isSpace(t[keyEnd - 1])) keyEnd--;
          key = t.slice(i, keyEnd);
          if (!key) giveUp();
        }
        const colon = this.nextContent(keyEnd);
        if (t[colon] !== ":" || seen.has(key)) giveUp();
        seen.add(key);
        const v = this.nextContent(colon + 1);
        if (v < 0) giveUp();
        const value = this.flowValue(v);
        value.parent = node;
        node.properties!.push(asMember(value, key, keyStart, keyEnd - keyStart));
      } else {
        const value = this.flowValue(i);
        value.parent = node;
        value.key = node.items!.length;
        node.items!.push(value);
      }
      i = this.nextContent(this.after);
      if (i < 0) giveUp();
      if (t[i] === ",") {
        i = this.nextContent(i + 1);
        if (i < 0) giveUp();
        continue;
      }
      if (t[i] !== close) giveUp();
    }
    node.length = i + 1 - at;
    this.after = i + 1;
    return node;
  }

  flowValue(at: number): Node {
    const t = this.text;
    const c = t[at];
    if (c === "[" || c === "{") return this.flow(at);
    if (c === "!") {
      const { tag, e } = this.tagAt(at);
      const v = this.nextContent(e);
      if (v < 0) giveUp();
      return this.tagged(tag, this.flowValue(v), at);
    }
    if (c === '"' || c === "'") return this.quoted(at);
    if ("&*?%@`|>,]}#".includes(c)) giveUp();
    let e = at;
    while (e < this.end && !",[]{}\n\r".includes(t[e]) && !(t[e] === ":" && (isSpace(t[e + 1]) || ",[]{}".includes(t[e + 1] ?? ""))) && !(t[e] === "#" && isSpace(t[e - 1]))) e++;
    if (isBreak(t[e])) {
      // a plain scalar that goes on on the next line folds: not read here
      const next = this.nextContent(e);
      if (next >= 0 && !",]}".includes(t[next])) giveUp();
    }
    let v = e;
    while (v > at && isSpace(t[v - 1])) v--;
    this.after = v;
    return plainNode(t.slice(at, v), at);
  }
}

/** A plain scalar as YAML 1.2's core schema reads it. */
function plainNode(raw: string, at: number): Node {
  const n = raw.length;
  if (raw === "" || raw === "~" || raw === "null" || raw === "Null" || raw === "NULL") return makeNode("null", at, n, null);
  if (raw === "true" || raw === "True" || raw === "TRUE") return makeNode("boolean", at, n, true);
  if (raw === "false" || raw === "False" || raw === "FALSE") return makeNode("boolean", at, n, false);
  if (/^[-+]?[0-9]+$/.test(raw)) return makeNode("number", at, n, Number(raw));
  if (/^0o[0-7]+$/.test(raw)) return makeNode("number", at, n, parseInt(raw.slice(2), 8));
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return makeNode("number", at, n, parseInt(raw.slice(2), 16));
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(raw)) return makeNode("number", at, n, Number(raw));
  if (/^[-+]?\.(inf|Inf|INF)$/.test(raw)) return makeNode("number", at, n, raw.startsWith("-") ? -Infinity : Infinity);
  if (/^\.(nan|NaN|NAN)$/.test(raw)) return makeNode("number", at, n, NaN);
  return makeNode("string", at, n, raw);
}
