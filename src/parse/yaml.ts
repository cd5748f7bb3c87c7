import type * as YamlLibrary from "yaml";
import type { CST, Document, Node as YNode, Alias, YAMLMap } from "yaml";
import { asMember, makeNode, type Node } from "./tree.js";
import { MAX_NESTING_DEPTH, tooDeeplyNested, type ParseProblem } from "./problems.js";
import { DEFINITION_MAX_CHARS } from "../aws/limits.js";

export interface YamlParseResult {
  root: Node | undefined;
  problems: ParseProblem[];
}

let yamlLibrary: typeof YamlLibrary | undefined;

export interface YamlParseOptions {
  /**
   * Called for each node with a local tag (`!Ref X`, `!Sub [...]`), with the tag's offset; returns
   * the node that stands in the tree for the tagged one (templates read CloudFormation's short
   * tags as the long form). Without it, a tagged node is read as if it had no tag.
   */
  tagged?: (tag: string, node: Node, tagOffset: number) => Node;
}

/**
 * Deepest nesting of collections handed to the `yaml` composer. It recurses a few frames per
 * level and overflows the stack at about 800 levels; an overflow inside V8's regular
 * expression compiler aborts the process (uncatchable), so deeper text is never composed.
 */
export const YAML_MAX_DEPTH = 400;

/**
 * Parses YAML 1.2 (core schema: `Yes` and `No` stay strings) into the same node tree as JSON.
 *
 * Bounded in time and memory by the text: the `yaml` parser keeps its own stack; nesting is
 * measured on its token tree (without recursion) before the composer, which recurses, sees it;
 * duplicate keys are found with a Map per object (the composer's own check scans every earlier
 * key of the object for each key); aliases are resolved from a Map of anchors, in one pass (the
 * library searches the whole document for each one), and expanded only while the JSON form of
 * the document stays within AWS's definition size: an alias past it, or one inside the node it
 * names, is one finding and the document is not expanded.
 */
export function parseYaml(text: string, options: YamlParseOptions = {}): YamlParseResult {
  // the `yaml` package is loaded with the first YAML document: a run on JSON files does not pay for it
  const lib = (yamlLibrary ??= require("yaml") as typeof YamlLibrary);
  const problems: ParseProblem[] = [];
  const tokens = readTokens(lib, text, problems);
  if (!tokens) return { root: undefined, problems };
  const deep = tooDeep(tokens, YAML_MAX_DEPTH);
  if (deep) {
    problems.push(
      deep.depth > MAX_NESTING_DEPTH
        ? tooDeeplyNested(deep.offset)
        : {
            rule: "too-deeply-nested",
            severity: "WARNING",
            message: `The YAML nests more than ${YAML_MAX_DEPTH} levels deep here; aslint reads YAML up to ${YAML_MAX_DEPTH} levels and checked nothing else in this file (AWS accepts up to ${MAX_NESTING_DEPTH} in the JSON it becomes). Flatten the structure to have it checked.`,
            offset: deep.offset,
            length: 1,
          },
    );
    return { root: undefined, problems };
  }
  const document = compose(lib, tokens, text, problems);
  if (!document) return { root: undefined, problems };
  // YAML errors cascade (one bad indent yields several); the first one is the fault
  const syntax = document.errors;
  if (syntax.length) {
    const [start, end] = syntax[0].pos;
    const more = syntax.length > 1 ? ` (${syntax.length - 1} more YAML ${syntax.length === 2 ? "error follows" : "errors follow"} from it)` : "";
    problems.push({ rule: "invalid-yaml", message: `Invalid YAML: ${firstLine(syntax[0].message)}${more}`, offset: start, length: Math.max(0, end - start) });
  }
  const aliases = new Aliases(lib, document, text);
  if (!aliases.measure(document.contents as YNode | null, 0) && aliases.stop) {
    problems.push(aliases.stop);
    return { root: undefined, problems };
  }
  const root = new TreeBuilder(lib, text, problems, aliases, options.tagged).convert(document.contents as YNode | null, 0);
  return { root, problems };
}

/** An exception of the `yaml` package as a problem. */
function invalid(e: unknown): ParseProblem {
  return { rule: "invalid-yaml", message: `Invalid YAML: ${firstLine((e as Error)?.message ?? String(e))}`, offset: 0, length: 0 };
}

/**
 * The token tree of the text: what Parser.parse does, watching the flow brackets on the way:
 * text nested past AWS's limit in flow style ("[[[[...") is refused at that point (the parser's
 * time on it grows fast). Undefined, with the problem, when it is refused or does not parse.
 */
function readTokens(lib: typeof YamlLibrary, text: string, problems: ParseProblem[]): CST.Token[] | undefined {
  const SCALAR = lib.CST.SCALAR;
  const tokens: CST.Token[] = [];
  try {
    const parser = new lib.Parser();
    // open flow collections, and block collections opened on this line ("- - - 1": each "-" nests)
    let flow = 0;
    let compact = 0;
    let scalar = false;
    for (const lexeme of new lib.Lexer().lex(text)) {
      if (scalar) scalar = false;
      else if (lexeme === SCALAR) scalar = true;
      else if (lexeme === "\n" || lexeme === "\r\n") compact = 0;
      else if (lexeme === "]" || lexeme === "}") flow = Math.max(0, flow - 1);
      else if (((lexeme === "[" || lexeme === "{") && ++flow > MAX_NESTING_DEPTH) || ((lexeme === "-" || lexeme === "?") && ++compact > MAX_NESTING_DEPTH)) {
        problems.push(tooDeeplyNested(parser.offset));
        return undefined;
      }
      for (const t of parser.next(lexeme)) tokens.push(t);
    }
    for (const t of parser.end()) tokens.push(t);
  } catch (e) {
    problems.push(invalid(e));
    return undefined;
  }
  return tokens;
}

/**
 * The first document of the tokens: what parseDocument does, on the tokens already read (keys
 * are compared by TreeBuilder, not by the composer). Undefined when there is none, or with the
 * problem when the composer throws.
 */
function compose(lib: typeof YamlLibrary, tokens: CST.Token[], text: string, problems: ParseProblem[]): Document.Parsed | undefined {
  let doc: Document.Parsed | undefined;
  try {
    const composer = new lib.Composer({ version: "1.2", schema: "core", uniqueKeys: false, prettyErrors: false, merge: false });
    for (const d of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(new lib.YAMLParseError(d.range.slice(0, 2) as [number, number], "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
        break;
      }
    }
  } catch (e) {
    problems.push(invalid(e));
    return undefined;
  }
  return doc;
}

/** A member's key as the tree holds it (a string; a collection key becomes its source text), its range, and what makes it the same key as another. */
interface YamlKey {
  key: string;
  start: number;
  end: number;
  id: unknown;
}

/**
 * The aliases of a document: resolved in document order, and measured as the JSON they expand
 * to, so that a document whose JSON form passes AWS's definition size (or never ends) is not
 * expanded.
 */
class Aliases {
  /** The node each alias names (the last anchor of its name before it). */
  private readonly aliasTarget = new Map<Alias, YNode>();
  /** Length of the compact JSON of each anchored node, once measured. */
  private readonly anchoredSize = new Map<YNode, number>();
  private readonly anchors = new Map<string, YNode>();
  private readonly open = new Set<YNode>();
  /** Characters of compact JSON written so far, in document order, aliases expanded (within a collection key: of that key). */
  private written = 0;
  /** Whether `measure` is inside a collection key: its size counts toward its anchors, not toward the document's. */
  private inKey = false;
  /** Why the document must not be expanded, once `measure` found it. */
  stop: ParseProblem | undefined;

  constructor(
    private readonly lib: typeof YamlLibrary,
    private readonly document: Document.Parsed,
    private readonly text: string,
  ) {}

  resolve(a: Alias): YNode | undefined {
    let target = this.aliasTarget.get(a);
    if (target === undefined) {
      // an anchor on a node measure() does not visit (nested past its depth): the library's search
      target = this.anchors.get(a.source) ?? (a.resolve(this.document) as YNode | undefined);
      if (target) this.aliasTarget.set(a, target);
    }
    return target;
  }

  /** The key of a member as the tree holds it (a string; a collection key becomes its source text). */
  keyOf(k: YNode | null, start: number): YamlKey {
    const { isScalar, isAlias } = this.lib;
    if (isScalar(k)) {
      const [s, e] = k.range ?? [start, start, start];
      return { key: k.value === null ? "" : String(k.value), start: s, end: e, id: k.value };
    }
    if (isAlias(k)) {
      const target = this.resolve(k);
      const [s, e] = k.range ?? [start, start, start];
      if (isScalar(target)) return { key: target.value === null ? "" : String(target.value), start: s, end: e, id: target.value };
      return { key: this.text.slice(s, e), start: s, end: e, id: k };
    }
    if (k && k.range) {
      // a collection as a key: no JSON object has one; its text stands for it (never expanded)
      const [s, e] = k.range;
      return { key: this.text.slice(s, e), start: s, end: e, id: k };
    }
    return { key: "", start, end: start, id: null };
  }

  /** Adds the JSON length of `y` (aliases expanded) to `written`; false once the document must not be expanded. */
  measure(y: YNode | null | undefined, depth: number): boolean {
    if (this.stop) return false;
    if (y == null) {
      this.written += 4; // null
      return true;
    }
    if (depth > MAX_NESTING_DEPTH + 1) return true; // convert() reports it
    const { isMap, isSeq, isScalar, isAlias, isPair } = this.lib;
    if (isAlias(y)) return this.measureAlias(y);
    const before = this.written;
    const anchor = (y as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, y);
      this.open.add(y);
    }
    if (isMap(y)) {
      this.written += 1 + Math.max(0, y.items.length - 1) + 1; // braces and commas
      for (const pair of y.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YNode | null;
        if (!this.measureKey(k, depth + 1)) return false;
        this.written += JSON.stringify(this.keyOf(k, 0).key).length + 1;
        if (!this.measure(pair.value as YNode | null, depth + 1)) return false;
      }
    } else if (isSeq(y)) {
      this.written += 1 + Math.max(0, y.items.length - 1) + 1;
      for (const item of y.items) if (!this.measure(item as YNode, depth + 1)) return false;
    } else if (isScalar(y)) {
      this.written += jsonLength(y.value);
    }
    if (anchor) {
      this.open.delete(y);
      this.anchoredSize.set(y, this.written - before);
    }
    return true;
  }

  /**
   * Registers the anchors of a member's key with their sizes, and finds an alias inside the node
   * its anchor names there. A key is never JSON (a collection key is its source text), so nothing
   * of it counts in `written`, nor against the size: a value that aliases a node of the key does.
   */
  private measureKey(k: YNode | null, depth: number): boolean {
    const { isScalar, isMap, isSeq } = this.lib;
    if (isScalar(k)) {
      if (k.anchor) {
        this.anchors.set(k.anchor, k);
        this.anchoredSize.set(k, jsonLength(k.value));
      }
      return true;
    }
    if (!isMap(k) && !isSeq(k)) return true; // none, or an alias: a key takes no anchor of its own from it
    const written = this.written;
    const inKey = this.inKey;
    this.written = 0;
    this.inKey = true;
    const measured = this.measure(k, depth);
    this.written = written;
    this.inKey = inKey;
    return measured;
  }

  /**
   * An alias adds the size of the node it names; false (with `stop`) when it is inside that node,
   * passes the size (outside keys), or names a node `measure` did not reach.
   */
  private measureAlias(y: Alias): boolean {
    const text = this.text;
    const target = this.resolve(y);
    if (!target) return true;
    const [s, e] = y.range ?? [0, 0, 0];
    if (this.open.has(target)) {
      this.stop = {
        rule: "definition-size",
        message: `The alias ${text.slice(s, e)} is inside the node its anchor names: expanded, it never ends, so this YAML has no JSON form (AWS reads the JSON a YAML definition becomes). Point the alias at another node, or write the data out.`,
        offset: s,
        length: Math.max(1, e - s),
      };
      return false;
    }
    const size = this.anchoredSize.get(target);
    if (size === undefined) {
      // its size is unknown, so is what expanding it costs: it is not expanded
      this.stop = {
        rule: "definition-size",
        severity: "WARNING",
        message: `The alias ${text.slice(s, e).slice(0, 40)} names a node aslint did not measure, so aslint did not expand it and checked nothing else in this file. Write the data out to have it checked.`,
        offset: s,
        length: Math.max(1, e - s),
      };
      return false;
    }
    if (this.inKey) {
      this.written += size;
      return true;
    }
    if (this.written + size > DEFINITION_MAX_CHARS) {
      this.stop = {
        rule: "definition-size",
        message: `With this alias expanded (${text.slice(s, e).slice(0, 40)} stands for ${size.toLocaleString("en-US")} characters), the JSON this YAML becomes is longer than ${DEFINITION_MAX_CHARS.toLocaleString("en-US")} characters, the most AWS accepts (AWS reads the JSON, not the YAML). Repeat less data, or move it out of the definition.`,
        offset: s,
        length: Math.max(1, e - s),
      };
      return false;
    }
    this.written += size;
    return true;
  }
}

/** The node tree of a composed document, aliases expanded, with the duplicate keys and the nesting past AWS's limit as problems. */
class TreeBuilder {
  /** Where each block collection's value ends (its range runs over the blank and comment lines after it). */
  private readonly trimmed = new Map<number, number>();

  constructor(
    private readonly lib: typeof YamlLibrary,
    private readonly text: string,
    private readonly problems: ParseProblem[],
    private readonly aliases: Aliases,
    private readonly tagged: YamlParseOptions["tagged"],
  ) {}

  convert(y: YNode | null | undefined, depth: number): Node | undefined {
    const node = this.convertUntagged(y, depth);
    const tagged = this.tagged;
    if (!tagged || !node || !y || this.lib.isAlias(y) || !y.tag?.startsWith("!")) return node;
    // the tag token sits before the value: `!Sub |`, `!GetAtt [a, b]`
    const at = this.text.lastIndexOf(y.tag, node.offset);
    return tagged(y.tag, node, at >= 0 ? at : node.offset);
  }

  private convertUntagged(y: YNode | null | undefined, depth: number): Node | undefined {
    if (y == null) return undefined;
    if (depth > MAX_NESTING_DEPTH) {
      this.problems.push(tooDeeplyNested((y.range ?? [0])[0]));
      return undefined;
    }
    const { isMap, isSeq, isScalar, isAlias } = this.lib;
    if (isAlias(y)) return this.convert(this.aliases.resolve(y), depth);
    const [start, rawEnd] = y.range ?? [0, 0, 0];
    let valueEnd = rawEnd;
    if (isMap(y) || isSeq(y)) {
      // nested collections that end together share the trimming (each would scan the same tail again)
      const known = this.trimmed.get(rawEnd);
      valueEnd = known !== undefined && known > start ? known : trimEnd(this.text, start, rawEnd);
      this.trimmed.set(rawEnd, valueEnd);
    }
    if (isMap(y)) return this.object(y, start, valueEnd, depth);
    if (isSeq(y)) {
      const node = makeNode("array", start, Math.max(0, valueEnd - start));
      for (const item of y.items) {
        const child = this.convert(item as YNode, depth + 1) ?? makeNode("null", valueEnd, 0, null);
        child.parent = node;
        child.key = node.items!.length;
        node.items!.push(child);
      }
      return node;
    }
    if (isScalar(y)) {
      const v = y.value;
      if (v === null || v === undefined) return makeNode("null", start, valueEnd - start, null);
      if (typeof v === "string") return makeNode("string", start, valueEnd - start, v);
      if (typeof v === "number") return makeNode("number", start, valueEnd - start, v);
      if (typeof v === "boolean") return makeNode("boolean", start, valueEnd - start, v);
      if (typeof v === "bigint") return makeNode("number", start, valueEnd - start, Number(v));
      return makeNode("string", start, valueEnd - start, String(v));
    }
    return undefined;
  }

  /** A mapping, with a problem for each key it repeats. */
  private object(y: YAMLMap, start: number, valueEnd: number, depth: number): Node {
    const node = makeNode("object", start, Math.max(0, valueEnd - start));
    const count = y.items.length;
    // keys seen, by value (as the composer compares them: 1 and "1" differ); a scan for small objects
    const seen = count > 8 ? new Map<unknown, true>() : undefined;
    const ids: unknown[] = [];
    for (const pair of y.items) {
      if (!this.lib.isPair(pair)) continue;
      const { key, start: kStart, end: kEnd, id } = this.aliases.keyOf(pair.key as YNode | null, start);
      if (seen ? seen.has(id) : ids.includes(id)) {
        this.problems.push({
          rule: "duplicate-key",
          message: `Duplicate key ${JSON.stringify(this.text.slice(kStart, kEnd))}: AWS rejects a definition with a key repeated in one object. Remove or rename one of them.`,
          offset: kStart,
          length: Math.max(0, kEnd - kStart),
        });
      } else if (seen) seen.set(id, true);
      else ids.push(id);
      const valueNode = this.convert(pair.value as YNode | null, depth + 1) ?? makeNode("null", kEnd, 0, null);
      valueNode.parent = node;
      node.properties!.push(asMember(valueNode, key, kStart, Math.max(0, kEnd - kStart)));
    }
    return node;
  }
}

/** Length of a scalar's compact JSON. */
function jsonLength(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "string") return JSON.stringify(v).length;
  if (typeof v === "number") return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === "boolean") return v ? 4 : 5;
  if (typeof v === "bigint") return String(v).length;
  return JSON.stringify(String(v)).length;
}

/**
 * The first collection of the token tree nested deeper than `limit` (its offset, and how deep the
 * text goes there, counted up to MAX_NESTING_DEPTH + 1), or undefined. A walk with its own stack.
 */
function tooDeep(tokens: readonly CST.Token[], limit: number): { offset: number; depth: number } | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push({ token: tokens[i], depth: 0 });
  let found: { offset: number; depth: number } | undefined;
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case "document":
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection": {
        const d = depth + 1;
        if (d > limit) {
          if (!found) found = { offset: token.offset, depth: d };
          else if (d > found.depth) found.depth = d;
          if (found.depth > MAX_NESTING_DEPTH) return found;
        }
        const items = token.items as CST.CollectionItem[];
        for (let i = items.length - 1; i >= 0; i--) {
          const { key, value } = items[i];
          if (value) stack.push({ token: value, depth: d });
          if (key) stack.push({ token: key, depth: d });
        }
        break;
      }
      default:
        break;
    }
  }
  return found;
}

/** The end of the last non-blank, non-comment character before `end`. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    // drop a trailing comment line
    let lineStart = e;
    while (lineStart > start && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    let first = lineStart;
    while (first < e && isSpace(text.charCodeAt(first))) first++;
    if (first < e && text.charCodeAt(first) === 35 && lineStart > start) {
      e = lineStart;
      continue;
    }
    return e;
  }
}

/** What `/\s/` matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0];
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
