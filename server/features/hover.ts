/**
 * Hover: what a field means and what values it takes; for a state name (key or reference),
 * its type, its scope, where it is reached from and where it goes; for a finding under the
 * cursor, the rule's explanation.
 */
import { MarkupKind, type Hover } from "vscode-languageserver";
import type { Diagnostic } from "../../src/diagnostic.js";
import type { Edge, State } from "../../src/model/index.js";
import { rulesById } from "../../src/rules/index.js";
import { contextField } from "../../src/expr/context-fields.js";
import { INTRINSICS_BY_NAME } from "../../src/expr/intrinsic.js";
import { JSONATA_FUNCTIONS_BY_NAME } from "../../src/expr/jsonata-functions.js";
import type { Node } from "../../src/parse/tree.js";
import { memberOf } from "../../src/parse/tree.js";
import type { Analysis } from "../analysis.js";
import { pathTo } from "../cursor.js";
import { roleAt } from "../roles.js";
import { choiceRuleFields, fieldsOf } from "../schema.js";
import { ERROR_DOC, FIELD_DOCS, STATE_TYPE_DOCS } from "../catalog.js";
import { stateAt } from "./navigation.js";

const EDGE_LABEL: Record<Edge["kind"], string> = { StartAt: "StartAt", Next: "Next", Default: "Default", Choice: "Choice rule", Catch: "Catch" };

export function hover(a: Analysis, offset: number, diagnostics: readonly Diagnostic[] | undefined, markdown: boolean): Hover | null {
  if (!a.applicable) return null;
  const sections: string[] = [];
  let range: { offset: number; length: number } | undefined;

  const hit = stateAt(a, offset);
  if (hit) {
    range = { offset: hit.offset, length: hit.length };
    sections.push(hit.state ? stateHover(hit.state) : `No state named \`${hit.edge!.target}\` in ${hit.edge!.scope.label}.`);
  } else {
    const found = nodeAt(a.doc.root, offset);
    if (found) {
      const text = found.onKey ? keyHover(a, found.node) : valueHover(a, found.node, offset);
      if (text) {
        sections.push(text);
        range = found.onKey ? { offset: memberOf(found.node)!.keyOffset, length: memberOf(found.node)!.keyLength } : { offset: found.node.offset, length: found.node.length };
      }
    }
  }

  for (const d of diagnostics ?? []) {
    if (d.offset === undefined || d.length === undefined) continue;
    if (offset < d.offset || offset > d.offset + Math.max(d.length, 1)) continue;
    const rule = rulesById.get(d.rule);
    const head = `**${d.rule}**${d.code && d.code !== d.rule.toUpperCase().replace(/-/g, "_") ? ` (${d.code})` : ""}: ${rule?.meta.description ?? d.message}`;
    sections.push([head, rule?.meta.rationale].filter(Boolean).join("\n\n"));
    range ??= { offset: d.offset, length: d.length };
  }
  if (sections.length === 0) return null;
  const value = sections.join("\n\n---\n\n");
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: value.replace(/[`*]/g, "") },
    range: range ? a.doc.lines.range(range.offset, range.length) : undefined,
  };
}

function stateHover(s: State): string {
  const lines = [`**${s.name}**: ${s.type ? `${s.type} state` : "state without a valid Type"} in ${s.scope.label}`];
  if (s.type && STATE_TYPE_DOCS[s.type]) lines.push(STATE_TYPE_DOCS[s.type]);
  const from = s.in.map((e) => (e.from ? `\`${e.from.name}\` (${EDGE_LABEL[e.kind]})` : "StartAt"));
  lines.push(from.length ? `Reached from: ${from.join(", ")}` : "Reached from: nothing (no transition names it)");
  const to = s.out.map((e) => `\`${e.target}\`${e.kind === "Next" ? "" : ` (${EDGE_LABEL[e.kind]})`}`);
  if (s.terminal) to.push(s.type === "Fail" ? "fails the execution" : "ends");
  if (to.length) lines.push(`Goes to: ${to.join(", ")}`);
  return lines.join("\n\n");
}

function keyHover(a: Analysis, node: Node): string | undefined {
  const key = memberOf(node)!.key;
  const path = pathTo(node);
  const owner = roleAt(a.doc.root, path.slice(0, -1));
  if (owner.role !== "object") return undefined;
  const fields = owner.kind === "choiceRule" ? choiceRuleFields(owner.ql, owner.top !== false) : fieldsOf(owner.def);
  const info = fields.find((f) => f.name === key);
  const meaning = FIELD_DOCS[key];
  if (!info && !meaning) return undefined;
  const lines = [`**${key}**${info?.required ? " (required)" : ""}`];
  if (meaning) lines.push(meaning);
  if (info?.description) lines.push(`Value: ${info.description}.`);
  if (!info && owner.kind === "state") lines.push(`Not a field of a ${owner.state?.type ?? ""} state in ${owner.ql}.`);
  return lines.join("\n\n");
}

function valueHover(a: Analysis, node: Node, offset: number): string | undefined {
  if (node.type !== "string") return undefined;
  const value = node.value as string;
  const key = memberOf(node)?.key;
  if (key === "Type" && STATE_TYPE_DOCS[value]) return `**${value}**\n\n${STATE_TYPE_DOCS[value]}`;
  if (memberOf(node.parent)?.key === "ErrorEquals" && ERROR_DOC.has(value)) return `**${value}**\n\n${ERROR_DOC.get(value)}`;
  // a word of an expression under the cursor
  const rel = Math.max(0, offset - node.offset - (a.text[node.offset] === '"' ? 1 : 0));
  const word = wordAround(value, rel);
  if (!word) return undefined;
  const intrinsic = INTRINSICS_BY_NAME.get(word);
  if (intrinsic) return `\`${intrinsic.signature}\`\n\n${intrinsic.description}`;
  if (word.startsWith("$$.") || word.startsWith("$states.context.")) {
    const path = word.replace(/^\$\$\.|^\$states\.context\./, "").split(".");
    const f = contextField(path);
    if (f) return `\`${word}\`: ${f.type}\n\n${f.description}`;
  }
  if (word.startsWith("$") && !word.includes(".")) {
    const fn = JSONATA_FUNCTIONS_BY_NAME.get(word.slice(1));
    if (fn && /\{%/.test(value)) return `\`${fn.signature}\`\n\n${fn.description}${fn.unsupported ? `\n\n${fn.unsupported}` : ""}`;
  }
  return undefined;
}

function wordAround(s: string, i: number): string | undefined {
  const re = /[A-Za-z0-9_$.]/;
  let start = Math.min(i, s.length);
  while (start > 0 && re.test(s[start - 1])) start--;
  let end = Math.min(i, s.length);
  while (end < s.length && re.test(s[end])) end++;
  const w = s.slice(start, end).replace(/\.$/, "");
  return w || undefined;
}

/** The deepest member or element whose key or value is under the cursor. */
export function nodeAt(root: Node | undefined, offset: number): { node: Node; onKey: boolean } | undefined {
  let n = root;
  while (n) {
    let next: Node | undefined;
    if (n.properties) {
      for (const p of n.properties) {
        if (offset >= p.keyOffset && offset <= p.keyOffset + p.keyLength) return { node: p, onKey: true };
        if (offset >= p.offset && offset <= p.offset + p.length) {
          next = p;
          break;
        }
      }
    } else if (n.items) {
      next = n.items.find((c) => offset >= c.offset && offset <= c.offset + c.length);
    }
    if (!next) break;
    if (!next.properties && !next.items) return { node: next, onKey: false };
    n = next;
  }
  return undefined;
}
