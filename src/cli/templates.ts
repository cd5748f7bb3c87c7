/**
 * The CLI's side of templates: every input file becomes the definitions it holds (src/sources),
 * each is linted where it lives (src/lint-sources.ts), and each gives one result per file it
 * has diagnostics in, naming its source so that two machines of one template are told apart.
 */
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { lintSource } from "../lint-sources.js";
import { sourcesOf, substitute, isTerraformFile, type DefinitionSource, type SourceHost } from "../sources/index.js";
import { loadTerraform, terraformSources } from "../sources/terraform.js";
import type { FileResult } from "../format/index.js";
import type { LintOptions } from "../lint.js";
import type { MachineType } from "../rules/types.js";
import { displayPath, readTextFile } from "./files.js";


export function fileHost(cwd: string): SourceHost {
  return {
    readFile(path) {
      try {
        // a regular file only: a FIFO named by a template must not block the run
        return readTextFile(resolve(cwd, path));
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        return readdirSync(resolve(cwd, path));
      } catch {
        return [];
      }
    },
  };
}

export interface TemplateInput {
  file: string;
  text: string;
}

/** The sources of every input (Terraform's parser is loaded when a .tf file comes). */
export async function sourcesOfInputs(inputs: readonly TemplateInput[], host: SourceHost): Promise<DefinitionSource[][]> {
  if (inputs.some((i) => isTerraformFile(i.file))) await loadTerraform();
  const seen = new Set<string>();
  const all = inputs.map((input) => (isTerraformFile(input.file) ? terraformSources(input.file, input.text, host) : sourcesOf(input.file, input.text, host)));
  // a definition file that a template of this run names is linted with that template's type and substitutions, not alone
  const named = new Set(all.flat().filter((s) => s.kind !== "asl" && s.file !== s.template).map((s) => resolve(s.file)));
  return all.map((sources) =>
    sources.filter((s) => {
      if (s.kind === "asl" && named.has(resolve(s.file))) return false;
      // one definition reached from two inputs (a module from its caller and by itself) is linted once
      const key = `${resolve(s.file)}\u0000${resolve(s.template)}\u0000${s.name ?? ""}\u0000${s.via ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

/** What the JSON output says of a source. */
export function describeSource(s: DefinitionSource): Record<string, unknown> | undefined {
  if (s.kind === "asl") return undefined;
  return {
    source: {
      kind: s.kind,
      template: displayPath(s.template),
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.via !== undefined ? { via: s.via } : {}),
      ...(s.context?.property ? { property: s.context.property.name } : {}),
      type: s.type ?? null,
    },
  };
}

/** Lints a source; one result per file it has diagnostics in (the definition's file always). */
export function lintSourceResults(
  source: DefinitionSource,
  options: { type: MachineType; rules: LintOptions["rules"]; peers?: LintOptions["peers"]; substitutions?: ReadonlyMap<string, string>; inputs?: LintOptions["inputs"] },
): FileResult[] {
  const filled = options.substitutions?.size ? substitute(source, options.substitutions) : source;
  const extra = describeSource(source);
  return lintSource(filled, { type: options.type, rules: options.rules, peers: options.peers, inputs: options.inputs, filename: source.file }).map((r) => ({
    file: displayPath(r.file),
    result: r.result,
    diagnostics: r.diagnostics,
    ...(r.awsOnly ? { awsOnly: r.awsOnly } : {}),
    text: r.text,
    ...(extra ? { extra } : {}),
    ...(source.kind !== "asl" ? { source: filled } : {}),
  }));
}

/** `--substitution KEY=VALUE` (repeatable) and `--substitutions FILE` (a JSON or YAML map); a string is a usage error. */
export function readSubstitutions(pairs: readonly string[], file: string | undefined, cwd: string): Map<string, string> | string {
  const out = new Map<string, string>();
  if (file !== undefined) {
    let data: unknown;
    try {
      data = (require("yaml") as typeof import("yaml")).parse(readFileSync(resolve(cwd, file), "utf8"));
    } catch (e) {
      return `--substitutions ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) return `--substitutions ${file}: expected a map of KEY: VALUE.`;
    for (const [k, v] of Object.entries(data)) out.set(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  for (const p of pairs) {
    const eq = p.indexOf("=");
    if (eq <= 0) return `--substitution takes KEY=VALUE, not "${p}".`;
    out.set(p.slice(0, eq), p.slice(eq + 1));
  }
  return out;
}
