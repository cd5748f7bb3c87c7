/**
 * The picture as a Mermaid flowchart, for pull request comments and Markdown (GitHub renders
 * a ```mermaid block). Parallel and Map states are subgraphs; faults, unreachable states and a
 * diff's changes are classes (`classDef`), faulty and changed transitions coloured with
 * `linkStyle`. A node's label starts with ✖ (error) or ⚠ (warning) when something is wrong
 * with it, since Mermaid has no tooltips on GitHub.
 */
import type { Cluster, Graph, GraphEdge, GraphNode } from "./graph.js";
import { abbreviate } from "./graph.js";
import { COLORS, worst } from "./style.js";

/** Mermaid's quoted text: quotes, `<`, `>` and `#` as its entity codes. */
function text(s: string): string {
  return `"${s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n|\r/g, " ")}"`;
}

function marker(node: GraphNode | GraphEdge): string {
  const w = worst(node.faults);
  return w === "ERROR" ? "✖ " : w === "WARNING" ? "⚠ " : "";
}

function nodeLine(node: GraphNode): string {
  const label = text(`${marker(node)}${node.name}${node.retry ? ` ${node.retry.badge}` : ""}`);
  if (node.kind === "start" || node.kind === "end") return `${mermaidId(node)}([${label}])`;
  if (node.kind === "ghost") return `${mermaidId(node)}[${label}]`;
  switch (node.type) {
    case "Choice":
      return `${mermaidId(node)}{${label}}`;
    case "Succeed":
    case "Fail":
      return `${mermaidId(node)}([${label}])`;
    case "Pass":
    case "Wait":
      return `${mermaidId(node)}[${label}]`;
    default:
      return `${mermaidId(node)}(${label})`;
  }
}

/** Mermaid reserves `end` (and dislikes ids that start like keywords): every id gets a prefix. */
function mermaidId(node: GraphNode): string {
  return `s_${node.id}`;
}

function clusterId(cluster: Cluster): string {
  return cluster.kind === "branch" ? `b_${cluster.id}` : mermaidId(cluster.owner!);
}

const CLASS_DEFS: [string, string][] = [
  // later classes win where two set the same property: grey over a type's fill, faults last
  ["choice", `fill:${COLORS.choiceFill}`],
  ["succeed", `fill:${COLORS.succeedFill}`],
  ["fail", `fill:${COLORS.failFill}`],
  ["terminal", `fill:${COLORS.containerFill},stroke:${COLORS.muted}`],
  ["ghost", `stroke-dasharray:5 5,fill:#ffffff`],
  ["unreachable", `fill:${COLORS.unreachableFill},color:${COLORS.muted}`],
  ["added", `fill:${COLORS.addedFill},stroke:${COLORS.added},stroke-width:2px`],
  ["removed", `stroke:${COLORS.removed},stroke-dasharray:5 5,color:${COLORS.removed}`],
  ["changed", `fill:${COLORS.changedFill},stroke:${COLORS.changed},stroke-width:2px`],
  ["warning", `stroke:${COLORS.warning},stroke-width:3px`],
  ["error", `stroke:${COLORS.error},stroke-width:3px`],
];

function classesOf(node: GraphNode): string[] {
  const out: string[] = [];
  if (node.kind === "start" || node.kind === "end") out.push("terminal");
  if (node.kind === "ghost") out.push("ghost");
  if (node.type === "Choice") out.push("choice");
  if (node.type === "Succeed") out.push("succeed");
  if (node.type === "Fail") out.push("fail");
  if (node.unreachable) out.push("unreachable");
  if (node.change) out.push(node.change);
  const w = worst(node.faults);
  if (w === "ERROR") out.push("error");
  else if (w === "WARNING") out.push("warning");
  return out;
}

export function toMermaid(graph: Graph): string {
  const out: string[] = ["flowchart TD"];
  if (graph.changes) {
    const c = graph.changes;
    out.push(`  %% changes: ${c.added} added, ${c.removed} removed, ${c.changed} changed`);
  }
  const classOf = new Map<string, string[]>();
  const starts = new Map<Cluster, string>();
  const writeCluster = (cluster: Cluster, indent: string) => {
    for (const node of cluster.nodes) {
      if (node === cluster.owner) continue;
      out.push(`${indent}${nodeLine(node)}`);
      const c = classesOf(node);
      if (c.length) classOf.set(mermaidId(node), c);
    }
    for (const sub of cluster.clusters) {
      const owner = sub.owner;
      const title =
        sub.kind === "branch" ? sub.label : `${owner ? marker(owner) : ""}${owner?.name ?? ""} (${owner?.detail ?? ""})${owner?.retry ? ` ${owner.retry.badge}` : ""}`;
      out.push(`${indent}subgraph ${clusterId(sub)} [${text(title)}]`);
      out.push(`${indent}  direction TB`);
      // each scope inside gets a start point, since an edge from a subgraph to its own node is not drawn well
      if (sub.kind !== "parallel") {
        const start = `${clusterId(sub)}_start`;
        starts.set(sub, start);
        out.push(`${indent}  ${start}(( ))`);
        classOf.set(start, ["terminal"]);
      }
      writeCluster(sub, indent + "  ");
      out.push(`${indent}end`);
      if (owner) {
        const c = classesOf(owner).filter((x) => x !== "choice");
        if (c.length) classOf.set(clusterId(sub), c);
      }
    }
  };
  writeCluster(graph.root, "  ");

  const styles: string[] = [];
  let index = 0;
  for (const edge of graph.edges) {
    let from: string;
    if (edge.kind === "StartAt" && edge.from.holds) {
      // from the start point of the branch (or item processor) the target is in
      const scope = edge.to.holds ? edge.to.holds.parent : edge.to.cluster;
      from = (scope && starts.get(scope)) ?? clusterId(edge.from.holds);
    } else from = edge.from.holds ? clusterId(edge.from.holds) : mermaidId(edge.from);
    const to = edge.to.holds ? clusterId(edge.to.holds) : mermaidId(edge.to);
    const label = edge.label ? `|${text(`${marker(edge)}${abbreviate(edge.label, 24)}`)}|` : marker(edge) ? `|${text(marker(edge).trim())}|` : "";
    const arrow = edge.kind === "Catch" || edge.change === "removed" ? "-.->" : "-->";
    out.push(`  ${from} ${arrow}${label} ${to}`);
    const w = worst(edge.faults);
    const color = w === "ERROR" ? COLORS.error : w === "WARNING" ? COLORS.warning : edge.change === "added" ? COLORS.added : edge.change === "removed" ? COLORS.removed : edge.change === "changed" ? COLORS.changed : undefined;
    if (color) styles.push(`  linkStyle ${index} stroke:${color},stroke-width:2px`);
    index++;
  }
  out.push(...styles);
  // `class a,b name` applies one class to several nodes (the list is of nodes, not classes)
  const members = new Map<string, string[]>();
  for (const [id, list] of classOf) for (const c of list) members.set(c, [...(members.get(c) ?? []), id]);
  for (const [name, style] of CLASS_DEFS) if (members.has(name)) out.push(`  classDef ${name} ${style}`);
  for (const [name] of CLASS_DEFS) if (members.has(name)) out.push(`  class ${members.get(name)!.join(",")} ${name}`);
  return out.join("\n") + "\n";
}
