import type { Rule, RuleExample } from "./rules/types.js";
import { parseDocumentText, syntaxFor, type Node } from "./parse/index.js";
import { APIS, requestRules as allRequestRules, type ExampleSetup, type RequestCommand, type RequestRule } from "./requests/index.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

const byId = (rules: readonly RequestRule[]): RequestRule[] => [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Where a request rule is checked, in a few words. */
function commandsText(commands: readonly RequestCommand[]): string {
  const apis = commands.filter((c) => c !== "redrive");
  const parts = apis.length === APIS.length ? ["every API"] : apis;
  if (commands.includes("redrive")) parts.push("redrive");
  return parts.join(", ");
}

/**
 * The rule tables for the README, from the rules' own metadata: one line a rule, the
 * definition rules, then the request rules.
 */
export function renderRuleTable(rules: readonly Rule[], requestRules: readonly RequestRule[] = allRequestRules): string {
  const lines = ["| Rule | AWS code | Severity | What it checks |", "| --- | --- | --- | --- |"];
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    lines.push(`| [\`${r.meta.id}\`](docs/rules.md#${r.meta.id}) | \`${r.meta.code ?? r.meta.id.replace(/-/g, "_").toUpperCase()}\` | ${r.meta.severity} | ${cell(r.meta.description)} |`);
  }
  lines.push("", "Request rules, reported by `aslint request` and `aslint redrive` ([docs/requests.md](docs/requests.md)):", "");
  lines.push("| Rule | Checked for | AWS code | Severity | What it checks |", "| --- | --- | --- | --- | --- |");
  for (const r of byId(requestRules)) {
    const m = r.meta;
    lines.push(`| [\`${m.id}\`](docs/rules.md#${m.id}) | ${commandsText(r.commands)} | \`${m.code}\` | ${m.severity} | ${cell(m.description)} |`);
  }
  return lines.join("\n") + "\n";
}

/** A request rule's page head: the same items as a definition rule's, and where it is checked. */
function requestRuleHead(r: RequestRule): string {
  const m = r.meta;
  let out = `## ${m.id}\n\n`;
  out += `- AWS code: \`${m.code}\`\n- Default severity: ${m.severity}\n- Checked for: ${commandsText(r.commands)}\n- Source: ${m.source}\n`;
  return out + `\n${m.description}\n\n${m.rationale}\n\n`;
}

/**
 * The command an example of a request rule runs with, and the files it reads besides the
 * example (each shown once: the pass example reuses the fail example's definition).
 */
function exampleRun(rule: RequestRule, setup: ExampleSetup | undefined, shown: Set<string>): { command: string; files: string } {
  const c = rule.commands[0];
  let files = "";
  const show = (name: string, text: string) => {
    if (!shown.has(`${name}\n${text}`)) files += `\`${name}\`:\n\n\`\`\`json\n${text}\n\`\`\`\n\n`;
    shown.add(`${name}\n${text}`);
  };
  if (c === "redrive") {
    const now = setup?.now ? ` --now ${setup.now}` : "";
    if (setup?.describe === undefined) return { command: `aslint redrive FILE${now}`, files };
    show("describe-execution.json", setup.describe);
    return { command: `aslint redrive describe-execution.json --history FILE${now}`, files };
  }
  let options = "";
  if (setup?.definition !== undefined) {
    options += " --definition definition.asl.json";
    show("definition.asl.json", setup.definition);
  }
  if (setup?.type) options += ` --type ${setup.type}`;
  return { command: `aslint request --api ${c}${options} FILE`, files };
}

function requestExamples(rule: RequestRule): string {
  let out = "";
  const shown = new Set<string>();
  for (const which of ["fail", "pass"] as const) {
    const { command, files } = exampleRun(rule, rule.setup?.[which], shown);
    out += `${which === "fail" ? "Fails" : "Passes"} (\`${command}\`):\n\n${files}` + "```json\n" + rule.meta.examples[which] + "\n```\n\n";
  }
  return out;
}

/** docs/rules.md: every rule with its rationale, source and examples; the request rules after the definition rules. */
export function renderRulesDoc(rules: readonly Rule[], requestRules: readonly RequestRule[] = allRequestRules): string {
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
  out += "# Request rules\n\n";
  out += "Reported by `aslint request` and `aslint redrive` on API request files and saved AWS CLI output (see [requests.md](requests.md)). ";
  out += "Their severity is set the same way: `aslint request --rule ID=off|info|warn|error`, or `\"rules\"` in `.aslintrc.json`. ";
  out += "In the examples, FILE is the example itself.\n\n";
  for (const r of byId(requestRules)) {
    out += requestRuleHead(r);
    out += requestExamples(r);
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
