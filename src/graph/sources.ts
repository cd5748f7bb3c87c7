/**
 * Pictures of the state machines a file holds (src/sources): a template's machines are each
 * drawn from their own definition, one at a time, with the diagnostics `lintSource` reports for
 * it. Those diagnostics are located in the template, but the picture places each one by its
 * `location`, AWS's path inside the definition, which a template does not change.
 */
import type { Diagnostic } from "../diagnostic.js";
import { closest } from "../expr/names.js";
import type { LintOptions } from "../lint.js";
import { lintSource } from "../lint-sources.js";
import type { Node } from "../parse/index.js";
import type { DefinitionSource } from "../sources/index.js";
import { diffGraph } from "./diff.js";
import { graphOf, type Graph } from "./graph.js";

export type SourceLintOptions = Omit<LintOptions, "tree" | "template">;

export interface SourceGraphOptions extends SourceLintOptions {
  /** The diagnostics to draw (a report's, after its suppressions); else the source is linted with the options. */
  diagnostics?: readonly Diagnostic[];
}

/**
 * The name a source's picture goes by: the logical id (CloudFormation, SAM, CDK), the Serverless
 * key, or the Terraform address (`module.orders.aws_sfn_state_machine.main` for a module's
 * resource); undefined for a standalone definition file.
 */
export function machineName(source: DefinitionSource): string | undefined {
  if (source.name === undefined) return undefined;
  return source.via ? `${source.via}.${source.name}` : source.name;
}

/**
 * The definition's text as the engine reads it, with a file name that tells its syntax; undefined
 * when the template names a definition that cannot be read (in S3, a missing file: see `note`). An
 * object inside the template (a YAML or JSON `Definition`, Terraform `jsonencode()`) is written out
 * as JSON, its members in their order (repeated names kept), its intrinsic functions as the
 * placeholders the linter read them as.
 */
export function definitionText(source: DefinitionSource): { text: string; filename: string } | undefined {
  const body = source.body;
  if (!body) return undefined;
  if (body.kind === "text") return { text: body.text, filename: body.syntax === "yaml" ? "definition.yaml" : "definition.json" };
  const out: string[] = [];
  writeJson(body.root, out);
  return { text: out.join(""), filename: "definition.json" };
}

function writeJson(node: Node, out: string[]): void {
  if (node.type === "object") {
    out.push("{");
    node.properties!.forEach((p, i) => {
      out.push(i ? "," : "", JSON.stringify(p.key), ":");
      writeJson(p, out);
    });
    out.push("}");
  } else if (node.type === "array") {
    out.push("[");
    node.items!.forEach((item, i) => {
      if (i) out.push(",");
      writeJson(item, out);
    });
    out.push("]");
  } else out.push(JSON.stringify(node.value ?? null));
}

/** Every diagnostic the linter reports for a source: those in its definition's file, then those in the template. */
export function diagnosticsOfSource(source: DefinitionSource, options: SourceLintOptions = {}): Diagnostic[] {
  return lintSource(source, options).flatMap((r) => r.diagnostics);
}

/**
 * The picture of one source's definition, its diagnostics on it; undefined when the definition
 * cannot be read or holds no state machine.
 */
export function graphOfSource(source: DefinitionSource, options: SourceGraphOptions = {}): Graph | undefined {
  const definition = definitionText(source);
  if (!definition) return undefined;
  const { diagnostics, ...lintOptions } = options;
  return graphOf(definition.text, { filename: definition.filename, diagnostics: diagnostics ?? diagnosticsOfSource(source, lintOptions) });
}

/**
 * The picture of a change to one state machine: `now` with what changed since `before` marked
 * (every state added when there was none before).
 */
export function diffOfSources(before: DefinitionSource | undefined, now: DefinitionSource, options: SourceGraphOptions = {}): Graph | undefined {
  const definition = definitionText(now);
  if (!definition) return undefined;
  const old = before && definitionText(before);
  const { diagnostics, ...lintOptions } = options;
  return diffGraph(old?.text ?? "", definition.text, {
    filename: definition.filename,
    oldFilename: old?.filename,
    diagnostics: diagnostics ?? diagnosticsOfSource(now, lintOptions),
  });
}

/** The picture of a state machine a change removed: all of it marked removed, no diagnostics. */
export function removedGraph(before: DefinitionSource): Graph | undefined {
  const graph = graphOfSource(before, { diagnostics: [] });
  if (!graph) return undefined;
  for (const node of graph.nodes) if (node.kind === "state") node.change = "removed";
  for (const edge of graph.edges) edge.change = "removed";
  // as a diff counts a removed container: once
  graph.changes = { added: 0, removed: graph.root.nodes.filter((n) => n.kind === "state").length, changed: 0 };
  return graph;
}

/**
 * The state machine of `sources` that `wanted` names: its full name, or the end of it after a
 * dot (`main` or `aws_sfn_state_machine.main` for `module.orders.aws_sfn_state_machine.main`),
 * when only one ends so. Otherwise why not, with the names there are and the closest one.
 */
export function findMachine<S extends DefinitionSource>(sources: readonly S[], wanted: string): { source: S } | { error: string } {
  const named = sources.filter((s) => machineName(s) !== undefined);
  const names = [...new Set(named.map((s) => machineName(s)!))];
  if (names.length === 0) return { error: `--machine names a state machine of a template; this file is a definition of its own (draw it without --machine).` };
  const exact = named.find((s) => machineName(s) === wanted);
  if (exact) return { source: exact };
  const ending = named.filter((s) => machineName(s)!.endsWith(`.${wanted}`));
  if (ending.length === 1) return { source: ending[0] };
  if (ending.length > 1) return { error: `"${wanted}" could be any of ${list(ending.map((s) => machineName(s)!))}: give the full name.` };
  const lower = wanted.toLowerCase();
  const near = closest(wanted, names) ?? names.find((n) => n.toLowerCase().includes(lower));
  return { error: `there is no state machine "${wanted}"${near ? `: did you mean "${near}"?` : "."} The file holds ${list(names)}.` };
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/**
 * The machines of two versions of a file, paired for a diff: each of `now` with the one of
 * `before` of the same name (or, when each side holds exactly one, with that one), and the
 * machines of `before` that `now` no longer has.
 */
export function pairMachines<S extends DefinitionSource>(before: readonly S[], now: readonly S[]): { pairs: { before?: S; now: S }[]; removed: S[] } {
  if (before.length === 1 && now.length === 1) return { pairs: [{ before: before[0], now: now[0] }], removed: [] };
  const byName = new Map<string, S>();
  for (const s of before) {
    const name = machineName(s);
    if (name !== undefined && !byName.has(name)) byName.set(name, s);
  }
  const used = new Set<S>();
  const pairs = now.map((s) => {
    const name = machineName(s);
    const old = name === undefined ? undefined : byName.get(name);
    if (old) used.add(old);
    return { before: old, now: s };
  });
  return { pairs, removed: before.filter((s) => !used.has(s) && machineName(s) !== undefined && !now.some((n) => machineName(n) === machineName(s))) };
}

/**
 * Which machine of a template the offset `at` (in the template's text) is in: the one whose
 * definition property, from its key to the end of its value, holds it. Undefined when none does
 * (the cursor between resources, or in a definition read from another file).
 */
export function machineAt<S extends DefinitionSource>(sources: readonly S[], at: number): S | undefined {
  for (const s of sources) {
    const span = spanOf(s);
    if (span && at >= span.start && at <= span.end) return s;
  }
  return undefined;
}

/** From the definition property's key to the end of its value, in the template. */
export function spanOf(source: DefinitionSource): { start: number; end: number } | undefined {
  const property = source.context?.property;
  const body = source.body;
  let start = property ? property.offset : Infinity;
  let end = property ? property.offset + property.length : -Infinity;
  if (body && source.file === source.template) {
    if (body.kind === "tree") {
      start = Math.min(start, body.root.offset);
      end = Math.max(end, body.root.offset + body.root.length);
    } else if (body.map) {
      const r = body.map.range(0, body.text.length);
      start = Math.min(start, r.offset);
      end = Math.max(end, r.offset + r.length);
    }
  }
  return start <= end ? { start, end } : undefined;
}
