import type * as YamlLibrary from "yaml";
import type { Document, Node as YNode } from "yaml";
import { asMember, makeNode, type Node } from "./tree.js";
import { MAX_NESTING_DEPTH, type ParseProblem } from "./problems.js";

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

/** Parses YAML 1.2 (core schema: `Yes` and `No` stay strings) into the same node tree as JSON. */
export function parseYaml(text: string, options: YamlParseOptions = {}): YamlParseResult {
  // the `yaml` package is loaded with the first YAML document: a run on JSON files does not pay for it
  const { parseDocument, isMap, isSeq, isScalar, isAlias, isPair } = (yamlLibrary ??= require("yaml") as typeof YamlLibrary);
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false, merge: false, });
  } catch (e) {
    problems.push({ rule: "invalid-yaml", message: `Invalid YAML: ${(e as Error).message}`, offset: 0, length: 0 });
    return { root: undefined, problems };
  }
  // YAML errors cascade (one bad indent yields several); the first one is the fault
  const syntax = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  if (syntax.length) {
    const [start, end] = syntax[0].pos;
    const more = syntax.length > 1 ? ` (${syntax.length - 1} more YAML ${syntax.length === 2 ? "error follows" : "errors follow"} from it)` : "";
    problems.push({ rule: "invalid-yaml", message: `Invalid YAML: ${firstLine(syntax[0].message)}${more}`, offset: start, length: Math.max(0, end - start) });
  }
  for (const err of doc.errors) {
    if (err.code !== "DUPLICATE_KEY") continue;
    const start = err.pos[0];
    const key = /[^:\n]*[^:\s]/y;
    key.lastIndex = start;
    const m = key.exec(text);
    const end = m ? start + m[0].length : err.pos[1];
    problems.push({
      rule: "duplicate-key",
      message: `Duplicate key ${JSON.stringify(text.slice(start, end))}: AWS rejects a definition with a key repeated in one object. Remove or rename one of them.`,
      offset: start,
      length: Math.max(0, end - start),
    });
  }

  const tagged = options.tagged;
  const convert = (y: YNode | null | undefined, depth: number, aliasDepth: number): Node | undefined => {
    const node = convertUntagged(y, depth, aliasDepth);
    if (!tagged || !node || !y || isAlias(y) || !y.tag?.startsWith("!")) return node;
    // the tag token sits before the value: `!Sub |`, `!GetAtt [a, b]`
    const at = text.lastIndexOf(y.tag, node.offset);
    return tagged(y.tag, node, at >= 0 ? at : node.offset);
  };
  const convertUntagged = (y: YNode | null | undefined, depth: number, aliasDepth: number): Node | undefined => {
    if (y == null) return undefined;
    if (depth > MAX_NESTING_DEPTH) {
      const r = y.range ?? [0, 0, 0];
      problems.push({
        rule: "too-deeply-nested",
        message: `The document nests more than ${MAX_NESTING_DEPTH} levels deep; AWS rejects it. Flatten the structure.`,
        offset: r[0],
        length: 1,
      });
      return undefined;
    }
    if (isAlias(y)) {
      if (aliasDepth > 20) return undefined;
      const target = y.resolve(doc) as YNode | undefined;
      const node = convert(target, depth, aliasDepth + 1);
      return node;
    }
    const [start, rawEnd] = y.range ?? [0, 0, 0];
    // a block collection's range runs over the line breaks (and comments) after its last item
    const valueEnd = isMap(y) || isSeq(y) ? trimEnd(text, start, rawEnd) : rawEnd;
    if (isMap(y)) {
      const node = makeNode("object", start, Math.max(0, valueEnd - start));
      for (const pair of y.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YNode | null;
        let key: string;
        let kStart = start;
        let kEnd = start;
        if (isScalar(k)) {
          key = k.value === null ? "" : String(k.value);
          [kStart, kEnd] = k.range ?? [start, start, start];
        } else if (k && k.range) {
          key = String(k.toJSON?.() ?? "");
          [kStart, kEnd] = k.range;
        } else key = "";
        const valueNode = convert(pair.value as YNode | null, depth + 1, aliasDepth) ?? makeNode("null", kEnd, 0, null);
        valueNode.parent = node;
        node.properties!.push(asMember(valueNode, key, kStart, Math.max(0, kEnd - kStart)));
      }
      return node;
    }
    if (isSeq(y)) {
      const node = makeNode("array", start, Math.max(0, valueEnd - start));
      for (const item of y.items) {
        const child = convert(item as YNode, depth + 1, aliasDepth) ?? makeNode("null", valueEnd, 0, null);
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
  };

  const root = convert(doc.contents as YNode | null, 0, 0);
  return { root, problems };
}

/** The end of the last non-blank, non-comment character before `end`. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && /\s/.test(text[e - 1])) e--;
    // drop a trailing comment line
    let lineStart = e;
    while (lineStart > start && text[lineStart - 1] !== "\n") lineStart--;
    const line = text.slice(lineStart, e);
    if (/^\s*#/.test(line) && lineStart > start) {
      e = lineStart;
      continue;
    }
    return e;
  }
}

function firstLine(message: string): string {
  const line = message.split("\n")[0];
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
