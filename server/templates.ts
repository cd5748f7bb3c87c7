/**
 * Templates in the editor: a SAM or CloudFormation template, CDK output, a serverless.yml or a
 * Terraform file is linted through its sources (src/sources) as it changes, and the findings
 * located in it are published on it; completion, hover and the other features work inside
 * each inline `Definition` object (YAML or JSON), whose nodes carry the template's offsets.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { lintSource } from "../src/lint-sources.js";
import type { LintOptions } from "../src/lint.js";
import { LineIndex } from "../src/parse/lines.js";
import { buildMachine } from "../src/model/index.js";
import { isTerraformFile, mayHoldStateMachines, sourcesOf, type DefinitionSource, type SourceHost } from "../src/sources/index.js";
import { loadTerraform, terraformSources } from "../src/sources/terraform.js";
import type { Diagnostic } from "../src/diagnostic.js";
import { applySuppressions } from "../src/suppress.js";
import { syntaxFor } from "../src/parse/index.js";
import { rulesById } from "../src/rules/index.js";
import type { ParsedDocument } from "../src/parse/index.js";
import type { Machine } from "../src/model/index.js";

/** The HCL parser is loaded on this thread (each thread loads its own: the lint worker too, see worker.ts). */
let terraformReady = false;

/** Loads the HCL parser on this thread; Terraform files are read as templates from then on. */
export async function loadTerraformHere(): Promise<void> {
  await loadTerraform();
  terraformReady = true;
}

/** Does linting this file need the HCL parser, not loaded yet on this thread (a Terraform file would be read as YAML)? */
export function needsTerraform(path: string): boolean {
  return !terraformReady && isTerraformFile(path.replace(/[?#].*$/, ""));
}

/** Reads the files a template names (DefinitionUri, templatefile()...) from the disk. */
const diskHost: SourceHost = {
  readFile(path) {
    try {
      // a regular file only: a FIFO named by a template must not block the server
      return statSync(path).isFile() ? readFileSync(path, "utf8") : undefined;
    } catch {
      return undefined;
    }
  },
  listDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
};

/** Could this document be a template that declares a state machine (a quick look, no parse)? */
export function mayBeTemplate(uri: string, text: string): boolean {
  const name = uri.replace(/[?#].*$/, "");
  if (isTerraformFile(name)) return /\baws_sfn_state_machine\b/.test(text);
  return mayHoldStateMachines(text);
}

function sourcesOfDocument(path: string, text: string): DefinitionSource[] | undefined {
  if (isTerraformFile(path)) return terraformReady ? terraformSources(path, text, diskHost) : undefined;
  const sources = sourcesOf(path, text, diskHost);
  return sources.length === 1 && sources[0].kind === "asl" ? undefined : sources;
}

/**
 * The state machines of a template document (the HCL parser loaded first for a Terraform file);
 * undefined when the document is not a template that may hold one.
 */
export async function templateSources(path: string, text: string): Promise<DefinitionSource[] | undefined> {
  if (!mayBeTemplate(path, text)) return undefined;
  if (!isTerraformFile(path)) return sourcesOfDocument(path, text);
  await loadTerraform();
  return terraformSources(path, text, diskHost);
}

/**
 * The findings in this template (those of its state machines that are located in it), or
 * undefined when the document is not a template that holds a state machine.
 */
export function lintTemplate(path: string, text: string, options: LintOptions): { diagnostics: Diagnostic[] } | undefined {
  if (!mayBeTemplate(path, text)) return undefined;
  const sources = sourcesOfDocument(path, text);
  if (!sources || sources.length === 0) return undefined;
  const diagnostics: Diagnostic[] = [];
  for (const s of sources) {
    for (const r of lintSource(s, { type: options.type ?? s.type, rules: options.rules })) {
      // the findings in this document; a DefinitionUri file's own are shown when it is opened
      if (r.file === path) for (const d of r.diagnostics) diagnostics.push(d);
    }
  }
  if (options.suppressions === undefined) return { diagnostics };
  // the template's comments and the config's suppressions, over the findings of all its machines (as the CLI does)
  const suppressed = applySuppressions(diagnostics, {
    text,
    lines: new LineIndex(text),
    filename: path,
    syntax: syntaxFor(path, text),
    suppressions: options.suppressions,
    setting: options.rules?.["unused-suppression"],
    knownRules: rulesById,
  });
  return { diagnostics: suppressed.diagnostics };
}

/** An inline definition of a template: its tree (a subtree of the template, with its offsets) and model. */
export interface InlineDefinition {
  doc: ParsedDocument;
  machine?: Machine;
  /** The path of the definition object in the template. */
  within: (string | number)[];
}

/** The inline definitions of a template (YAML or JSON `Definition` objects); undefined when there is none. */
export function templateDefinitions(text: string, filename: string, path = filename): InlineDefinition[] | undefined {
  if (!mayBeTemplate(path, text) || isTerraformFile(path)) return undefined;
  const sources = sourcesOfDocument(path, text);
  const lines = new LineIndex(text);
  const out: InlineDefinition[] = [];
  for (const s of sources ?? []) {
    if (s.body?.kind !== "tree" || s.file !== path) continue;
    const root = s.body.root;
    const property = s.context?.property?.name ?? "Definition";
    const within = s.kind === "serverless" ? ["stepFunctions", "stateMachines", s.name!, property] : ["Resources", s.name!, "Properties", property];
    out.push({ doc: { text, syntax: s.body.syntax, root, problems: s.body.problems, lines }, machine: root.type === "object" ? buildMachine(root) : undefined, within });
  }
  return out.length ? out : undefined;
}

/** The inline definition of a template that holds `offset`. */
export function definitionAt<T extends { doc: ParsedDocument }>(definitions: readonly T[], offset: number): T | undefined {
  return definitions.find((d) => d.doc.root && offset >= d.doc.root.offset && offset <= d.doc.root.offset + d.doc.root.length);
}

/** Loads the HCL parser when the first Terraform file opens, then lints the open ones again. */
export function watchTerraform(texts: TextDocuments<TextDocument>, relint: (uris: string[]) => void): void {
  texts.onDidOpen(({ document }) => {
    if (terraformReady || !isTerraformFile(document.uri.replace(/[?#].*$/, ""))) return;
    void loadTerraformHere().then(() => {
      relint(texts.keys().filter((u) => isTerraformFile(u.replace(/[?#].*$/, ""))));
    });
  });
}
