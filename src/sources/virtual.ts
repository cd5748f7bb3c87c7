/**
 * A definition a template holds as a string value: a plain string, an Fn::Sub string (or
 * `[string, {variables}]`), an Fn::Join of pieces (CDK's and the SAM transform's form), or any
 * nesting of these, read into one virtual text with its segment map. Intrinsic functions among
 * the pieces become `${...}` placeholders; so do Fn::Sub's `${Name}` references (recorded as
 * filled in by CloudFormation), while `${!Name}` is CloudFormation's escape for a literal
 * `${Name}` (left for DefinitionSubstitutions).
 */
import { type Node } from "../parse/tree.js";
import { readJsonString, readYamlScalar, yamlStyle, type ScalarSink } from "../parse/scalars.js";
import { VirtualText, quotePlaceholders, type SegmentMap } from "./segments.js";
import { intrinsicName, placeholderFor, referenceOf } from "./template.js";
import type { Resolved, SubReference } from "./types.js";

export interface VirtualDefinition {
  text: string;
  map: SegmentMap;
  resolved: Resolved[];
  subReferences: SubReference[];
  /** Only placeholders (values filled in at deploy time), no literal text: nothing to lint. */
  placeholdersOnly?: boolean;
}

/** A string node's value, each character mapped to the file characters it came from. */
export function readString(file: string, node: Node, syntax: "json" | "yaml"): VirtualText {
  const out = new VirtualText();
  readStringInto(file, node, syntax, out);
  return out;
}

/**
 * A JSON reader's output, written straight into a virtual text and checked as it goes against
 * the value the parser gave (one object, reused: a definition in Fn::Join pieces has hundreds).
 */
class CheckedSink implements ScalarSink {
  out!: VirtualText;
  expected = "";
  at = 0;
  ok = true;
  copy(file: string, fStart: number, length: number): void {
    if (length > 0) this.put(file.slice(fStart, fStart + length), fStart, length);
  }
  put(s: string, fStart: number, fLength: number): void {
    if (!this.ok || !this.expected.startsWith(s, this.at)) this.ok = false;
    else {
      this.at += s.length;
      this.out.put(s, fStart, fLength);
    }
  }
}
const checked = new CheckedSink();

/** A string node's value appended to `out`, each character mapped to the file characters it came from. */
function readStringInto(file: string, node: Node, syntax: "json" | "yaml", out: VirtualText): void {
  const value = String(node.value);
  if (node.type === "string") {
    if (syntax === "json") {
      const mark = out.mark();
      checked.out = out;
      checked.expected = value;
      checked.at = 0;
      checked.ok = true;
      const ok = readJsonString(file, node.offset, checked) && checked.ok && checked.at === value.length;
      checked.out = undefined!;
      if (ok) return;
      out.truncate(mark);
    } else if (readYamlScalar(file, node.offset, node.offset + node.length, yamlStyle(file, node.offset), value, out)) return;
  }
  // a form the readers do not know (or a number read as text): the whole value onto the whole scalar
  out.put(value, node.offset, node.length);
}

/** Reads a definition string value; undefined when it is built by a function that cannot be read (Fn::If, Fn::FindInMap...). */
export function readStringDefinition(file: string, node: Node, syntax: "json" | "yaml"): VirtualDefinition | undefined {
  const out = new VirtualText();
  const resolved: Resolved[] = [];
  const subReferences: SubReference[] = [];

  const copyFrom = (vt: VirtualText, from: number, to: number) => vt.map.each(from, to, (v, n, f, fl) => out.put(vt.text.slice(v, v + n), f, fl));

  /** A string; in Fn::Sub (with its variables) `${Name}` is filled in by CloudFormation. */
  const emitString = (n: Node, sub?: ReadonlySet<string>) => {
    if (!sub) {
      readStringInto(file, n, syntax, out);
      return;
    }
    const vt = readString(file, n, syntax);
    const text = vt.text;
    let at = 0;
    for (let i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 2)) {
      const close = text.indexOf("}", i + 2);
      if (close < 0) break;
      if (text[i + 2] === "!") {
        // ${!Name}: the literal text ${Name}
        copyFrom(vt, at, i + 2);
        at = i + 3;
        continue;
      }
      copyFrom(vt, at, close + 1);
      const length = close + 1 - i;
      const start = out.length - length;
      const name = text.slice(i + 2, close).trim();
      const dot = name.indexOf(".");
      resolved.push({ offset: start, length, reference: dot > 0 && !name.includes("::") ? { fn: "GetAtt", target: name.slice(0, dot), attribute: name.slice(dot + 1) } : { fn: "Ref", target: name } });
      subReferences.push({ offset: start + 2, length: length - 3, name, variables: sub });
      at = close + 1;
      i = close - 1;
    }
    copyFrom(vt, at, text.length);
  };

  const emit = (n: Node, sub?: ReadonlySet<string>): boolean => {
    if (n.type === "string") {
      emitString(n, sub);
      return true;
    }
    if (n.type === "number" || n.type === "boolean") {
      out.copy(file, n.offset, n.length);
      return true;
    }
    const fn = intrinsicName(n);
    if (fn === "Fn::Sub") {
      const arg = n.properties![0];
      if (arg.type === "string") return emit(arg, new Set());
      if (arg.type === "array" && arg.items![0]?.type === "string") {
        const vars = arg.items![1];
        const names = new Set(vars?.type === "object" ? vars.properties!.map((p) => p.key) : []);
        return emit(arg.items![0], names);
      }
      return false;
    }
    if (fn === "Fn::Join") {
      const arg = n.properties![0];
      const sep = arg.type === "array" ? arg.items![0] : undefined;
      const list = arg.type === "array" ? arg.items![1] : undefined;
      if (!sep || sep.type !== "string" || !list || list.type !== "array") return false;
      const separator = sep.value as string;
      let previousEnd = list.offset;
      for (let i = 0; i < list.items!.length; i++) {
        const piece = list.items![i];
        // the separator stands where the previous piece ends
        if (i > 0) out.put(separator, previousEnd, 0);
        if (!emit(piece, sub)) return false;
        previousEnd = piece.offset + piece.length;
      }
      return true;
    }
    if (fn) {
      // Ref, GetAtt and the rest: a value CloudFormation fills in
      const text = placeholderFor(n);
      resolved.push({ offset: out.length, length: text.length, reference: referenceOf(n) });
      out.put(text, n.offset, n.length);
      return true;
    }
    return false;
  };

  if (!emit(node)) return undefined;
  return { ...finish(out, resolved, subReferences), placeholdersOnly: placeholdersOnly(out.text, resolved) };
}

/**
 * Whether the text is only values filled in at deploy time (a `!Ref DefParam`, an
 * `!ImportValue`, a Join of them): no literal JSON text of the definition to read.
 */
function placeholdersOnly(text: string, resolved: Resolved[]): boolean {
  if (resolved.length === 0) return false;
  let rest = "";
  let at = 0;
  for (const r of [...resolved].sort((a, b) => a.offset - b.offset)) {
    if (r.offset > at) rest += text.slice(at, r.offset);
    at = Math.max(at, r.offset + r.length);
  }
  rest += text.slice(at);
  return rest.trim() === "";
}

/**
 * Quotes the placeholders that stand outside JSON strings (see quotePlaceholders) and moves the
 * recorded ranges with the text.
 */
export function finish(out: VirtualText, resolved: Resolved[], subReferences: SubReference[]): VirtualDefinition {
  const { text, map, moved } = quotePlaceholders(out.text, out.map);
  return {
    text,
    map,
    resolved: resolved.map((r) => {
      const offset = moved(r.offset);
      return { ...r, offset, length: moved(r.offset + r.length) - offset };
    }),
    subReferences: subReferences.map((r) => ({ ...r, offset: moved(r.offset) })),
  };
}
