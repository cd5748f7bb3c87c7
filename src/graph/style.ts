/** What every drawing shares: colours, class names and the words of tooltips. */
import type { Severity } from "../diagnostic.js";
import type { Fault, GraphEdge, GraphNode } from "./graph.js";

export const COLORS = {
  error: "#d1242f",
  warning: "#bf8700",
  info: "#0969da",
  edge: "#57606a",
  text: "#1f2328",
  muted: "#8c959f",
  unreachableFill: "#eaeef2",
  stateFill: "#ffffff",
  choiceFill: "#fff8e1",
  succeedFill: "#dafbe1",
  failFill: "#ffebe9",
  containerFill: "#f6f8fa",
  added: "#1a7f37",
  addedFill: "#dafbe1",
  removed: "#cf222e",
  changed: "#9a6700",
  changedFill: "#fff8c5",
} as const;

/** The worst severity among faults: ERROR, then WARNING, then INFO. */
export function worst(faults: readonly Fault[]): Severity | undefined {
  let out: Severity | undefined;
  for (const f of faults) {
    if (f.severity === "ERROR") return "ERROR";
    if (f.severity === "WARNING") out = "WARNING";
    else if (!out) out = "INFO";
  }
  return out;
}

/** `fault-error`, `fault-warning`, `fault-info`. */
export function faultClass(faults: readonly Fault[]): string | undefined {
  const w = worst(faults);
  return w ? `fault-${w.toLowerCase()}` : undefined;
}

export function faultColor(faults: readonly Fault[]): string | undefined {
  const w = worst(faults);
  return w === "ERROR" ? COLORS.error : w === "WARNING" ? COLORS.warning : w === "INFO" ? COLORS.info : undefined;
}

/** Class names of a node: its kind, its type, its faults, unreachable, its change. */
export function nodeClasses(node: GraphNode): string[] {
  const out = [node.kind === "state" ? "state" : node.kind];
  if (node.type) out.push(`type-${node.type.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`);
  if (node.holds) out.push("container");
  if (node.distributed) out.push("distributed");
  if (node.unreachable) out.push("unreachable");
  const f = faultClass(node.faults);
  if (f) out.push("fault", f);
  if (node.change) out.push(node.change);
  return out;
}

export function edgeClasses(edge: GraphEdge): string[] {
  const out = ["edge", edge.kind.toLowerCase()];
  const f = faultClass(edge.faults);
  if (f) out.push("fault", f);
  if (edge.change) out.push(edge.change);
  return out;
}

const SEVERITY_WORD: Record<Severity, string> = { ERROR: "Error", WARNING: "Warning", INFO: "Note" };

function faultLines(faults: readonly Fault[]): string[] {
  return faults.map((f) => `${SEVERITY_WORD[f.severity]} (${f.rule}): ${f.message}`);
}

const CHANGE_WORD = { added: "Added", removed: "Removed", changed: "Changed" } as const;

/** A node's tooltip: what it is, its retriers, what is wrong with it. */
export function nodeTitle(node: GraphNode): string {
  const lines: string[] = [];
  if (node.kind === "ghost") lines.push(`"${node.name}": no such state in this scope`);
  else if (node.kind === "state") lines.push(`${node.name} (${node.detail || node.type || "state"})`);
  else lines.push(node.name);
  if (node.change) lines.push(`${CHANGE_WORD[node.change]} in this change`);
  if (node.unreachable) lines.push("Unreachable from StartAt");
  if (node.retry) lines.push(node.retry.title);
  lines.push(...faultLines(node.faults));
  return lines.join("\n");
}

export function edgeTitle(edge: GraphEdge): string {
  const text = edge.fullLabel ?? edge.label;
  const lines = [`${edge.from.name} → ${edge.to.name} (${text && text !== edge.kind ? `${edge.kind}: ${text}` : edge.kind})`];
  if (edge.change) lines.push(`${CHANGE_WORD[edge.change]} in this change`);
  lines.push(...faultLines(edge.faults));
  return lines.join("\n");
}
