/**
 * The picture in Graphviz's DOT language: for those who have Graphviz, and the input of the
 * layout engine that places the SVG (the same text, so both pictures agree).
 *
 * A Parallel or Map state is a cluster: its header node on top (the state's name), its branches
 * (each a cluster) or its item processor inside, and an invisible join node at the bottom below
 * the branches' last states. Transitions into the state end at the cluster's border
 * (`lhead`), transitions out of it leave from the join, clipped at the border (`ltail`), so
 * what follows a Parallel is drawn below all of its branches.
 */
import type { Cluster, Graph, GraphEdge, GraphNode } from "./graph.js";
import { COLORS, edgeClasses, edgeTitle, faultColor, nodeClasses, nodeTitle } from "./style.js";

export const FONT = "Helvetica";
/** Font sizes (points) of the state's name, its detail line, and edge and cluster labels. */
export const FONT_SIZE = { name: 11, detail: 9, edge: 9, cluster: 9 } as const;

/**
 * DOT's quoted string: backslashes and quotes escaped, line breaks as `\n`, a tab as a space,
 * other control characters as U+FFFD (Graphviz would copy them raw into its JSON output).
 */
export function quote(s: string): string {
  const text = s
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, "\\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u001F\u007F]/g, "\uFFFD");
  return `"${text}"`;
}

function attrs(list: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(list)) if (v !== undefined && v !== "") parts.push(`${k}=${typeof v === "number" ? v : quote(v)}`);
  return parts.length ? ` [${parts.join(", ")}]` : "";
}

/** The lines of a node's label: its name, then its detail and retry badge. */
export function labelLines(node: GraphNode): string[] {
  const second = [node.detail, node.retry?.badge].filter(Boolean).join(" ");
  return second ? [node.name, second] : [node.name];
}

function nodeAttrs(node: GraphNode): Record<string, string | number | undefined> {
  const fault = faultColor(node.faults);
  const base: Record<string, string | number | undefined> = {
    id: node.id,
    class: nodeClasses(node).join(" "),
    label: labelLines(node).join("\n"),
    tooltip: nodeTitle(node),
  };
  let shape = "box";
  const style = ["filled"];
  let fill: string = COLORS.stateFill;
  if (node.kind === "start" || node.kind === "end") {
    shape = "oval";
    fill = COLORS.containerFill;
    base.height = 0.3;
    base.fontsize = FONT_SIZE.detail;
  } else if (node.kind === "ghost") {
    style.push("dashed");
  } else if (node.type === "Choice") {
    shape = "diamond";
    fill = COLORS.choiceFill;
  } else {
    style.push("rounded");
    if (node.type === "Succeed") fill = COLORS.succeedFill;
    if (node.type === "Fail") fill = COLORS.failFill;
    if (node.holds) style.push("bold");
  }
  if (node.unreachable) {
    fill = COLORS.unreachableFill;
    base.fontcolor = COLORS.muted;
  }
  if (node.change === "added") fill = COLORS.addedFill;
  if (node.change === "changed") fill = COLORS.changedFill;
  if (node.change === "removed") {
    style.push("dashed");
    base.fontcolor = COLORS.removed;
  }
  base.shape = shape;
  base.style = style.join(",");
  base.fillcolor = fill;
  base.color = fault ?? (node.change === "added" ? COLORS.added : node.change === "removed" ? COLORS.removed : node.change === "changed" ? COLORS.changed : undefined);
  if (fault || node.change) base.penwidth = 2;
  return base;
}

/** The join node at the bottom of a container, that transitions out of it leave from. */
export function joinId(node: GraphNode): string {
  return `${node.id}_join`;
}

export function clusterName(cluster: Cluster): string {
  return `cluster_${cluster.id}`;
}

/** The members of a scope's cluster: its states and ghosts, and the containers inside it (by their header node). */
function members(cluster: Cluster): GraphNode[] {
  const own = cluster.nodes.filter((n) => n !== cluster.owner && n.kind !== "start" && n.kind !== "end");
  if (cluster.kind === "parallel") return own;
  return [...own, ...cluster.clusters.map((c) => c.owner!).filter(Boolean)];
}

/** The scopes drawn inside a container: its branch clusters, or the container itself for a Map. */
function scopesOf(container: Cluster): Cluster[] {
  return container.kind === "parallel" ? container.clusters : [container];
}

export interface DotOptions {
  /** The graph's name (the file). */
  name?: string;
  /**
   * For the layout engine: only what changes the geometry (no colours, classes or tooltips), and
   * edge labels as `xlabel` when `xlabels` is set (placed after the layout instead of taking a
   * rank of their own: several times faster on large pictures).
   */
  layout?: { xlabels: boolean };
}

/** What the layout engine reads of a node: its label, shape and size. */
const GEOMETRY = new Set(["id", "label", "shape", "height", "width", "fontsize", "style"]);

export function toDot(graph: Graph, options: DotOptions = {}): string {
  const out: string[] = [];
  out.push(`digraph ${quote(options.name ?? "state machine")} {`);
  out.push(`  graph [rankdir=TB, compound=true, nodesep=0.3, ranksep=0.35, fontname=${quote(FONT)}, fontsize=${FONT_SIZE.cluster}, fontcolor=${quote(COLORS.muted)}];`);
  out.push(`  node [fontname=${quote(FONT)}, fontsize=${FONT_SIZE.name}, margin="0.12,0.05", height=0.4, color=${quote(COLORS.text)}, fontcolor=${quote(COLORS.text)}];`);
  out.push(`  edge [fontname=${quote(FONT)}, fontsize=${FONT_SIZE.edge}, color=${quote(COLORS.edge)}, fontcolor=${quote(COLORS.edge)}, arrowsize=0.6];`);

  // the nodes with a way on inside their scope: the others are the last of their branch (the join goes below them)
  const leaves = new Set<string>();
  for (const e of graph.edges) if (e.kind !== "StartAt" && e.kind !== "End" && e.from !== e.to) leaves.add(e.from.id);

  const layout = options.layout;
  const geometry = (list: Record<string, string | number | undefined>) => {
    if (!layout) return list;
    return Object.fromEntries(Object.entries(list).filter(([k]) => GEOMETRY.has(k)));
  };
  const writeCluster = (cluster: Cluster, indent: string) => {
    for (const node of cluster.nodes) out.push(`${indent}${node.id}${attrs(geometry(nodeAttrs(node)))};`);
    for (const sub of cluster.clusters) {
      const inner = indent + "  ";
      out.push(`${indent}subgraph ${clusterName(sub)} {`);
      const owner = sub.owner;
      const fault = owner && sub.kind !== "branch" ? faultColor(owner.faults) : undefined;
      const style = ["rounded", "filled"];
      if (owner?.distributed) style.push("dashed");
      const clusterAttrs = layout
        ? { id: sub.id, label: sub.label, labeljust: sub.label ? "l" : undefined }
        : {
            id: sub.id,
            label: sub.label,
            labeljust: sub.label ? "l" : undefined,
            style: style.join(","),
            fillcolor: sub.kind === "branch" ? COLORS.stateFill : owner?.unreachable ? COLORS.unreachableFill : COLORS.containerFill,
            color: fault ?? (sub.kind === "branch" ? COLORS.muted : COLORS.text),
            penwidth: fault ? 2 : undefined,
          };
      out.push(`${inner}graph${attrs(clusterAttrs)};`);
      writeCluster(sub, inner);
      if (owner && sub.kind !== "branch") {
        out.push(`${inner}${joinId(owner)} [shape=point, width=0.01, height=0.01, style=invis, label=""];`);
        // the join sits below the last states of every branch (or of the item processor)
        for (const scope of scopesOf(sub)) {
          const list = members(scope);
          let ends = list.filter((m) => !leaves.has(m.id));
          if (ends.length === 0 && list.length) ends = [list[list.length - 1]];
          for (const m of ends) out.push(`${inner}${m.holds ? joinId(m) : m.id} -> ${joinId(owner)} [style=invis];`);
          if (list.length === 0) out.push(`${inner}${owner.id} -> ${joinId(owner)} [style=invis];`);
        }
      }
      out.push(`${indent}}`);
    }
  };
  writeCluster(graph.root, "  ");
  for (const edge of graph.edges) out.push(`  ${edgeLine(edge, layout)}`);
  out.push("}");
  return out.join("\n") + "\n";
}

function edgeLine(edge: GraphEdge, layout: DotOptions["layout"]): string {
  const { from, to } = edge;
  const self = from === to;
  // out of a container: from its join (below its branches); into one: to its header, ending at its border
  const fromContainer = from.holds !== undefined && edge.kind !== "StartAt" && !self;
  const tail = fromContainer ? joinId(from) : from.id;
  const fault = faultColor(edge.faults);
  const change = edge.change === "added" ? COLORS.added : edge.change === "removed" ? COLORS.removed : edge.change === "changed" ? COLORS.changed : undefined;
  const list: Record<string, string | number | undefined> = {
    id: edge.id,
    class: edgeClasses(edge).join(" "),
    label: edge.label,
    tooltip: edgeTitle(edge),
    ltail: fromContainer ? clusterName(from.holds!) : undefined,
    lhead: to.holds && !self ? clusterName(to.holds) : undefined,
    style: edge.kind === "Catch" || edge.change === "removed" ? "dashed" : edge.kind === "StartAt" || edge.kind === "End" ? "solid" : undefined,
    color: fault ?? change,
    fontcolor: fault ?? change,
    penwidth: fault || change ? 2 : undefined,
  };
  if (layout) {
    const lean = { id: list.id, ltail: list.ltail, lhead: list.lhead, [layout.xlabels ? "xlabel" : "label"]: list.label };
    return `${tail} -> ${to.id}${attrs(lean)};`;
  }
  return `${tail} -> ${to.id}${attrs(list)};`;
}
