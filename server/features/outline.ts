/**
 * Document symbols (states as a tree: Parallel branches and Map item processors hold their
 * states) and folding ranges (every object and array that spans lines).
 */
import { SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from "vscode-languageserver";
import type { State } from "../../src/model/index.js";
import type { Node } from "../../src/parse/tree.js";
import { memberOf } from "../../src/parse/tree.js";
import type { Analysis } from "../analysis.js";

const KINDS: Record<string, SymbolKind> = Object.assign(Object.create(null), {
  Task: SymbolKind.Function,
  Pass: SymbolKind.Field,
  Choice: SymbolKind.Enum,
  Wait: SymbolKind.Event,
  Succeed: SymbolKind.Boolean,
  Fail: SymbolKind.Boolean,
  Parallel: SymbolKind.Module,
  Map: SymbolKind.Array,
});

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  if (!a.applicable || !a.machine) return [];
  const lines = a.doc.lines;
  const stateSymbol = (s: State): DocumentSymbol => {
    const start = s.node.keyOffset;
    const end = Math.max(s.node.offset + s.node.length, start + s.node.keyLength);
    const children: DocumentSymbol[] = [];
    for (const scope of s.children) {
      const states = scope.states.map(stateSymbol);
      const name = scope.kind === "branch" ? `Branch ${scope.branchIndex}` : memberOf(scope.node)?.key ?? "ItemProcessor";
      const node = scope.node;
      const member = memberOf(node);
      const sel = member ? { offset: member.keyOffset, length: member.keyLength } : { offset: node.offset, length: Math.min(1, node.length) };
      const from = member ? member.keyOffset : node.offset;
      children.push({
        name,
        detail: `${scope.states.length} state${scope.states.length === 1 ? "" : "s"}`,
        kind: scope.kind === "branch" ? SymbolKind.Namespace : SymbolKind.Package,
        range: lines.range(from, node.offset + node.length - from),
        selectionRange: lines.range(sel.offset, sel.length),
        children: states,
      });
    }
    return {
      name: s.name === "" ? '""' : s.name,
      detail: s.type ?? "",
      kind: (s.type && KINDS[s.type]) || SymbolKind.Object,
      range: lines.range(start, end - start),
      selectionRange: lines.range(start, s.node.keyLength),
      children,
    };
  };
  return a.machine.top.states.map(stateSymbol);
}

/** For clients without hierarchical symbols: a flat list with container names. */
export function flatSymbols(a: Analysis): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container?: string) => {
    for (const s of list) {
      out.push({ name: s.name, kind: s.kind, location: { uri: a.uri, range: s.range }, containerName: container });
      if (s.children) walk(s.children, s.kind === SymbolKind.Namespace || s.kind === SymbolKind.Package ? `${container ? container + " / " : ""}${s.name}` : s.name);
    }
  };
  walk(documentSymbols(a));
  return out;
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const root = a.doc.root;
  if (!a.applicable || !root) return [];
  const lines = a.doc.lines;
  const text = a.text;
  const json = a.doc.syntax === "json";
  const out: FoldingRange[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.properties && !n.items) continue;
    const from = memberOf(n) && !json ? n.keyOffset : n.offset;
    let endOffset = n.offset + n.length;
    while (endOffset > n.offset && /\s/.test(text[endOffset - 1] ?? "")) endOffset--;
    const startLine = lines.position(from).line;
    let endLine = lines.position(Math.max(from, endOffset - 1)).line;
    // JSON: keep the closing bracket visible when it sits on its own line
    if (json && endLine > startLine && /^\s*[}\]]/.test(lines.lineText(endLine))) endLine--;
    if (endLine > startLine) out.push({ startLine, endLine });
    if (n.properties) for (const p of n.properties) stack.push(p);
    else for (const c of n.items!) stack.push(c);
  }
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}

