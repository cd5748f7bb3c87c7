/**
 * `aslint.showGraph` (workspace/executeCommand): the picture of an open definition, with the
 * faults of its last lint on it, for an editor extension to show in a panel. Arguments: the
 * document's URI (a string, or `{ uri, format, machine, position }` with format svg, mermaid or
 * dot). In a template, the picture is of one state machine: the one `machine` names, else the
 * one whose definition holds `position` (the cursor), else the first. Answers
 * `{ uri, version, format, picture }` (with `machine` and `machines`, the names a template
 * holds), `{ uri, version, error }` when there is no picture (too large to lay out, an unknown
 * machine, a definition that cannot be read), or null for a document that is not an open
 * definition or template.
 */
import type { Connection, ExecuteCommandParams, Position, ServerCapabilities } from "vscode-languageserver";
import type { Diagnostic } from "../../src/diagnostic.js";
import { lintSource } from "../../src/lint-sources.js";
import { LineIndex } from "../../src/parse/lines.js";
import type { DefinitionSource } from "../../src/sources/index.js";
import { GraphTooLarge, findMachine, graphOf, graphOfSource, isGraphFormat, machineAt, machineName, render, spanOf, type Graph, type GraphFormat } from "../../src/graph/index.js";
import { filenameFor, uriPath } from "../analysis.js";
import type { OpenDocuments } from "../documents.js";
import { templateSources } from "../templates.js";

export const SHOW_GRAPH = "aslint.showGraph";

export interface ShowGraphAnswer {
  uri: string;
  version: number;
  format?: GraphFormat;
  /** The picture (an SVG document by default). */
  picture?: string;
  /** Why there is no picture. */
  error?: string;
  /** In a template: the state machine drawn, and every one it holds (for a picker). */
  machine?: string;
  machines?: string[];
}

interface Arguments {
  uri?: string;
  format: GraphFormat;
  machine?: string;
  position?: Position;
}

function argumentsOf(params: ExecuteCommandParams): Arguments {
  const first = params.arguments?.[0] as unknown;
  if (typeof first === "string") return { uri: first, format: "svg" };
  if (first && typeof first === "object") {
    const { uri, format, machine, position } = first as { uri?: unknown; format?: unknown; machine?: unknown; position?: unknown };
    const p = position as { line?: unknown; character?: unknown } | undefined;
    return {
      uri: typeof uri === "string" ? uri : undefined,
      format: typeof format === "string" && isGraphFormat(format) ? format : "svg",
      machine: typeof machine === "string" ? machine : undefined,
      position: p && typeof p === "object" && Number.isInteger(p.line) && Number.isInteger(p.character) ? { line: p.line as number, character: p.character as number } : undefined,
    };
  }
  return { format: "svg" };
}

/** A diagnostic as the editor and a fresh lint both see it. */
const keyOf = (d: Diagnostic) => `${d.rule}\u0000${d.location}\u0000${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/**
 * The diagnostics of one state machine of a template. The editor's last lint of the template
 * (`shown`: its settings and suppressions applied) mixes those of all its machines: each is this
 * machine's when this machine's own lint finds it, or, found by no machine's lint with the
 * defaults (a rule the editor turned on), when it lies in this machine's definition. Findings in
 * another file (a DefinitionUri file) are this machine's lint's own.
 */
export function machineDiagnostics(sources: readonly DefinitionSource[], machine: DefinitionSource, path: string, shown: readonly Diagnostic[] | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const mine = new Set<string>();
  for (const group of lintSource(machine, { type: machine.type })) {
    if (group.file === path && shown) for (const d of group.diagnostics) mine.add(keyOf(d));
    else for (const d of group.diagnostics) out.push(d);
  }
  if (!shown) return out;
  const others = new Set<string>();
  for (const s of sources) {
    if (s === machine) continue;
    for (const group of lintSource(s, { type: s.type })) if (group.file === path) for (const d of group.diagnostics) others.add(keyOf(d));
  }
  const span = spanOf(machine);
  for (const d of shown) {
    const key = keyOf(d);
    if (mine.has(key) || (!others.has(key) && span && d.offset !== undefined && d.offset >= span.start && d.offset <= span.end)) out.push(d);
  }
  return out;
}

async function drawAnswer(graph: Graph, base: Omit<ShowGraphAnswer, "picture" | "error">, format: GraphFormat, title: string): Promise<ShowGraphAnswer> {
  try {
    return { ...base, format, picture: await render(graph, { format, title }) };
  } catch (e) {
    if (e instanceof GraphTooLarge) return { uri: base.uri, version: base.version, machine: base.machine, machines: base.machines, error: `The picture is ${e.message}` };
    throw e;
  }
}

/** The picture of one state machine of an open template. */
async function templateAnswer(ctx: { open: OpenDocuments }, uri: string, version: number, path: string, text: string, sources: DefinitionSource[], args: Arguments): Promise<ShowGraphAnswer> {
  const machines = [...new Set(sources.map((s) => machineName(s)).filter((n): n is string => n !== undefined))];
  if (sources.length === 0) return { uri, version, machines, error: "This template declares no state machine." };
  let chosen: DefinitionSource | undefined;
  if (args.machine !== undefined) {
    const found = findMachine(sources, args.machine);
    if ("error" in found) return { uri, version, machines, error: found.error };
    chosen = found.source;
  } else {
    const at = args.position && new LineIndex(text).offset(args.position);
    chosen = (at !== undefined ? machineAt(sources, at) : undefined) ?? sources.find((s) => s.body) ?? sources[0];
  }
  const machine = machineName(chosen);
  const diagnostics = machineDiagnostics(sources, chosen, path, ctx.open.currentLint(uri, version));
  const graph = graphOfSource(chosen, { diagnostics });
  if (!graph) return { uri, version, machine, machines, error: chosen.note ? chosen.note.message : `The definition of ${machine} is not a state machine.` };
  return drawAnswer(graph, { uri, version, machine, machines }, args.format, machine ?? path);
}

/** A feature (features/index.ts lists it), written against what it reads of the server. */
export const showGraph = {
  capabilities: (): ServerCapabilities => ({ executeCommandProvider: { commands: [SHOW_GRAPH] } }),
  register(connection: Connection, ctx: { open: OpenDocuments }): void {
    connection.onExecuteCommand(async (params): Promise<ShowGraphAnswer | null> => {
      if (params.command !== SHOW_GRAPH) return null;
      const args = argumentsOf(params);
      const doc = args.uri === undefined ? undefined : ctx.open.get(args.uri);
      if (!doc) return null;
      // a template: one of its state machines
      const { uri, version } = doc;
      const text = doc.getText();
      const path = (uri.startsWith("file:") ? uriPath(uri) : undefined) ?? filenameFor(uri, doc.languageId);
      const sources = await templateSources(path, text);
      if (sources) return templateAnswer(ctx, uri, version, path, text, sources, args);
      const a = ctx.open.served(uri);
      if (!a) return null;
      // the findings the editor shows, when the lint of this version has finished; else a lint with the defaults
      const diagnostics = ctx.open.currentLint(a.uri, a.version);
      const graph = graphOf(a.text, { filename: a.filename, diagnostics });
      if (!graph) return { uri: a.uri, version: a.version, error: "This document holds no state machine." };
      return drawAnswer(graph, { uri: a.uri, version: a.version }, args.format, a.filename);
    });
  },
};
