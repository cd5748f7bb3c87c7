import type { FindingKind, Rule, RuleExample, RuleMeta } from "./rules/types.js";
import type { Basis } from "./diagnostic.js";
import { parseDocumentText, syntaxFor, type Node } from "./parse/index.js";
import { APIS, requestRules as allRequestRules, type ExampleSetup, type RequestCommand, type RequestRule } from "./requests/index.js";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

const byId = (rules: readonly RequestRule[]): RequestRule[] => [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** What each basis means, as docs/rules.md says it. */
export const BASIS_TEXT: Record<Basis, string> = {
  rejected: "AWS refuses the definition or the request",
  "deploy-rejected": "the deploy tool refuses it first (CloudFormation or SAM rejects the template, Terraform's templatefile() fails)",
  "fails-every-run": "AWS accepts it, but the state fails every time it runs",
  "aws-warning": "AWS accepts it and ValidateStateMachineDefinition warns",
  accepted: "AWS accepts it",
  unknown: "what AWS does with it is not on record",
  unreadable: "the file is not the AWS CLI output aslint reads: no verdict",
};

/** The severity with its basis, for the tables: `ERROR (rejected)`. */
function severityCell(m: RuleMeta): string {
  return `${m.severity} (${m.basis})`;
}

/** A rule page's lines on its severity: the default's basis, and the other kinds of finding. */
function severityLines(m: RuleMeta): string {
  let out = `- Default severity: ${m.severity}, basis \`${m.basis}\` (${BASIS_TEXT[m.basis]})\n`;
  const kinds: readonly FindingKind[] = m.findings ?? [];
  for (const k of kinds) out += `- Also ${k.severity}, basis \`${k.basis}\`: ${k.what}\n`;
  return out;
}

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
    lines.push(`| [\`${r.meta.id}\`](docs/rules.md#${r.meta.id}) | \`${r.meta.code ?? r.meta.id.replace(/-/g, "_").toUpperCase()}\` | ${severityCell(r.meta)} | ${cell(r.meta.description)} |`);
  }
  lines.push("", "Request rules, reported by `aslint request` and `aslint redrive` ([docs/requests.md](docs/requests.md)):", "");
  lines.push("| Rule | Checked for | AWS code | Severity | What it checks |", "| --- | --- | --- | --- | --- |");
  for (const r of byId(requestRules)) {
    const m = r.meta;
    lines.push(`| [\`${m.id}\`](docs/rules.md#${m.id}) | ${commandsText(r.commands)} | \`${m.code}\` | ${severityCell(m)} | ${cell(m.description)} |`);
  }
  return lines.join("\n") + "\n";
}

/** A request rule's page head: the same items as a definition rule's, and where it is checked. */
function requestRuleHead(r: RequestRule): string {
  const m = r.meta;
  let out = `## ${m.id}\n\n`;
  out += `- AWS code: \`${m.code}\`\n${severityLines(m)}- Checked for: ${commandsText(r.commands)}\n- Source: ${m.source}\n`;
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
  out += "## Severity policy\n\n";
  out +=
    "ERROR only where AWS refuses the definition or the request (CreateStateMachine, ValidateStateMachineDefinition, the API call), " +
    "or where the state fails every time it runs; whatever AWS accepts is at most a WARNING, however likely a bug; where AWS's behaviour " +
    "is not on record, the finding is at most a WARNING too. Each rule says what its severity rests on (its basis) and cites the fact " +
    "(`../shared/reference/asl-facts.md`, `aws-validation-messages.md`: REC an AWS recording, MEAS measured against AWS, PASTE AWS output " +
    "pasted by a user, DOC AWS documentation, SPEC the States Language specification). `test/severity-policy.test.ts` enforces it.\n\n";
  out += "| Basis | Meaning | Severity at most | In `--format aws` |\n| --- | --- | --- | --- |\n";
  out += `| \`rejected\` | ${BASIS_TEXT.rejected} | ERROR | yes, as an ERROR |\n`;
  out += `| \`deploy-rejected\` | ${BASIS_TEXT["deploy-rejected"]} | ERROR | no (Step Functions never sees it) |\n`;
  out += `| \`fails-every-run\` | ${BASIS_TEXT["fails-every-run"]} | ERROR | no (AWS says OK) |\n`;
  out += `| \`aws-warning\` | ${BASIS_TEXT["aws-warning"]} | WARNING | yes, as a WARNING |\n`;
  out += `| \`accepted\` | ${BASIS_TEXT.accepted} | WARNING | no |\n`;
  out += `| \`unknown\` | ${BASIS_TEXT.unknown} | WARNING | no |\n`;
  out += `| \`unreadable\` | ${BASIS_TEXT.unreadable} (\`aslint redrive\`) | ERROR | no |\n\n`;
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const m = r.meta;
    out += `## ${m.id}\n\n`;
    out += `- AWS code: \`${m.code ?? m.id.replace(/-/g, "_").toUpperCase()}\`\n${severityLines(m)}`;
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
