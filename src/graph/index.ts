/**
 * Pictures of a state machine: `draw(text, options)` for one definition, `drawDiff(old, new)`
 * for a change. The layout engine (for SVG) is loaded on the first SVG only.
 */
import { graphOf, type Graph, type GraphOptions } from "./graph.js";
import { toDot } from "./dot.js";
import { toMermaid } from "./mermaid.js";
import { toSvg } from "./svg.js";
import { diffGraph, type DiffOptions } from "./diff.js";

export { graphOf, graphOfMachine, type Graph, type GraphNode, type GraphEdge, type Cluster, type Fault, type GraphOptions } from "./graph.js";
export { toDot } from "./dot.js";
export { toMermaid } from "./mermaid.js";
export { toSvg, renderSvg, escapeXml, type SvgOptions } from "./svg.js";
export { diffGraph, type DiffOptions } from "./diff.js";
export { machineName, definitionText, diagnosticsOfSource, graphOfSource, diffOfSources, removedGraph, findMachine, pairMachines, machineAt, spanOf, type SourceGraphOptions } from "./sources.js";
export { svgDocument, markdownDocument, dotDocument, type Picture } from "./document.js";
export { GraphTooLarge, MAX_LAYOUT_SIZE, LAYOUT_TIMEOUT_MS, layOut, startLayoutEngine, stopLayoutEngine } from "./layout.js";

export const GRAPH_FORMATS = ["svg", "mermaid", "dot"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(s: string): s is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(s);
}

export interface DrawOptions extends GraphOptions {
  format?: GraphFormat;
  /** The picture's name (the file or resource). */
  title?: string;
  /** Prefix of every SVG id. */
  idPrefix?: string;
  /** How long the SVG layout may take, in milliseconds. */
  timeoutMs?: number;
}

/** A picture in one format. */
export async function render(graph: Graph, options: Omit<DrawOptions, keyof GraphOptions> = {}): Promise<string> {
  switch (options.format ?? "svg") {
    case "mermaid":
      return toMermaid(graph);
    case "dot":
      return toDot(graph, { name: options.title });
    default:
      return toSvg(graph, { title: options.title, idPrefix: options.idPrefix, timeoutMs: options.timeoutMs });
  }
}

/**
 * The picture of one definition's text, with the linter's findings on it; undefined when the
 * text holds no state machine. Throws GraphTooLarge for an SVG too large to lay out.
 */
export async function draw(text: string, options: DrawOptions = {}): Promise<string | undefined> {
  const graph = graphOf(text, options);
  return graph && render(graph, options);
}

/** The picture of a change: `newText` with what changed since `oldText` marked. */
export async function drawDiff(oldText: string, newText: string, options: DrawOptions & DiffOptions = {}): Promise<string | undefined> {
  const graph = diffGraph(oldText, newText, options);
  return graph && render(graph, options);
}
