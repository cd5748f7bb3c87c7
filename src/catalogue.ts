import type { Rule } from "./rules/types.js";
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
      out += "Fails:\n\n```json\n" + m.examples.fail + "\n```\n\nPasses:\n\n```json\n" + m.examples.pass + "\n```\n\n";
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

export const README_START = "<!-- rules:start (generated by npm run docs) -->";
export const README_END = "<!-- rules:end -->";

export function spliceReadme(readme: string, table: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error("README.md lacks the rule catalogue markers");
  return readme.slice(0, a + README_START.length) + "\n\n" + table + "\n" + readme.slice(b);
}
