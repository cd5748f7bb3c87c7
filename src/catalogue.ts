import type { Rule, RuleExample } from "./rules/types.js";
import { parseDocumentText, syntaxFor, type Node } from "./parse/index.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The rule table for the README: one line a rule, from the rules' own metadata. */
export function renderRuleTable(rules: readonly Rule[]): string {
  const lines = ["| Rule | AWS code | Severity | What it checks |", "| --- | --- | --- | --- |"];
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    lines.push(`| [\`${r.meta.id}\`](docs/rules.md#${r.meta.id}) | \`${r.meta.code ?? r.meta.id.replace(/-/g, "_").toUpperCase()}\` | ${r.meta.severity} | ${cell(r.meta.description)} |`);
  }
  return lines.join("\n") + "\n";
}

/** docs/rules.md: every rule with its rationale, source and examples. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  let out = "# aslint rules\n\nGenerated from the rules' metadata (`npm run docs`); do not edit by hand.\n\n";
  out += "Change a rule's severity with `--rule ID=off|info|warn|error` or in `.aslintrc.json` (`\"rules\": { \"ID\": \"warn\" }`).\n\n";
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const m = r.meta;
    out += `## ${m.id}\n\n`;
    out += `- AWS code: \`${m.code ?? m.id.replace(/-/g, "_").toUpperCase()}\`\n- Default severity: ${m.severity}\n`;
    if (m.source) out += `- Source: ${m.source}\n`;
    out += `\n${m.description}\n\n${m.rationale}\n\n`;
    if (m.examples) {
      const shown = new Set<string>();
      out += renderExample("Fails", m.examples.fail, shown) + renderExample("Passes", m.examples.pass, shown);
    }
  }
  return out;
}

/** Lines of the docs' JSON are at most this long where a value can be broken. */
const WIDTH = 80;

/** A value on one line: `{ "a": 1 }`, `["x", "y"]`; keys and scalars as written. */
function inline(text: string, node: Node): string {
  if (node.type === "object") {
    const members = node.properties!.map((p) => `${text.slice(p.keyOffset, p.keyOffset + p.keyLength)}: ${inline(text, p)}`);
    return members.length ? `{ ${members.join(", ")} }` : "{}";
  }
  if (node.type === "array") return `[${node.items!.map((i) => inline(text, i)).join(", ")}]`;
  return text.slice(node.offset, node.offset + node.length);
}

/** A value laid out over lines where it does not fit on one; `used` columns are taken by what is on its line besides it. */
function layout(text: string, node: Node, indent: string, used: number, expand = false): string {
  const flat = inline(text, node);
  if (!expand && used + flat.length <= WIDTH) return flat;
  const inner = indent + "  ";
  if (node.type === "array" && node.items!.length) {
    const last = node.items!.length - 1;
    return `[\n${node.items!.map((i, n) => inner + layout(text, i, inner, inner.length + (n < last ? 1 : 0))).join(",\n")}\n${indent}]`;
  }
  if (node.type === "object" && node.properties!.length) {
    const last = node.properties!.length - 1;
    const members = node.properties!.map((p, n) => {
      const key = `${text.slice(p.keyOffset, p.keyOffset + p.keyLength)}: `;
      return inner + key + layout(text, p, inner, inner.length + key.length + (n < last ? 1 : 0));
    });
    return `{\n${members.join(",\n")}\n${indent}}`;
  }
  return flat;
}

/**
 * An example's text as the docs print it: JSON that parses (repeated keys included) is laid out
 * over lines, keys and scalars as written, so that it lints the same; anything else (broken
 * JSON, YAML) is shown as written.
 */
export function printedExample(text: string, filename?: string): string {
  const doc = parseDocumentText(text, filename);
  if (doc.syntax !== "json" || doc.problems.some((p) => p.rule !== "duplicate-key") || !doc.root) return text;
  return layout(text, doc.root, "", 0, true);
}

/** An example under its label; `shown` holds the peers printed before (a second time they are named only). */
function renderExample(label: string, example: RuleExample, shown: Set<string>): string {
  const ex = typeof example === "string" ? { definition: example } : example;
  const as = [ex.filename && `as \`${ex.filename}\``, ex.type === "EXPRESS" && "as an EXPRESS state machine"].filter(Boolean).join(", ");
  const code = (text: string, filename?: string) => `\`\`\`${syntaxFor(filename, text)}\n${printedExample(text, filename).replace(/\n$/, "")}\n\`\`\`\n\n`;
  if (typeof ex.definition !== "string") return `${label}${as ? `, ${as}` : ""}: ${ex.note}.\n\n`;
  let out = `${label}${as ? `, ${as}` : ""}:\n\n${ex.note ? `${ex.note}\n\n` : ""}${code(ex.definition, ex.filename)}`;
  for (const peer of ex.peers ?? []) {
    const what = `\`${peer.filename}\`${peer.type === "EXPRESS" ? " (EXPRESS)" : ""}`;
    const key = `${what}\n${peer.definition}`;
    out += shown.has(key) ? `Linted together with the same ${what}.\n\n` : `Linted together with ${what}:\n\n${code(peer.definition, peer.filename)}`;
    shown.add(key);
  }
  return out;
}

export const README_START = "<!-- rules:start (generated by npm run docs) -->";
export const README_END = "<!-- rules:end -->";

export function spliceReadme(readme: string, table: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error("README.md lacks the rule catalogue markers");
  return readme.slice(0, a + README_START.length) + "\n\n" + table + "\n" + readme.slice(b);
}
