/**
 * The picture as a self-contained SVG: no external font, script or stylesheet. Positions come
 * from the layout engine; shapes, classes and tooltips from the picture. Every state is one
 * `<g class="state …">` with `data-location` (its AWS location), every transition one
 * `<g class="edge …">` with `data-from` and `data-to`; a node or edge with a fault has the class
 * `fault fault-error` (or `-warning`, `-info`) and the diagnostics in its `<title>`.
 */
import type { Cluster, Graph, GraphEdge, GraphNode } from "./graph.js";
import { layOut, type Box, type Layout } from "./layout.js";
import { FONT_SIZE, labelLines } from "./dot.js";
import { COLORS, edgeClasses, edgeTitle, nodeClasses, nodeTitle } from "./style.js";

export interface SvgOptions {
  /** Prefix of every id, so that several pictures can share one page. */
  idPrefix?: string;
  /** The picture's title (the file). */
  title?: string;
  /** How long the layout may take, in milliseconds. */
  timeoutMs?: number;
}

const MARGIN = 8;
const LEGEND = 22;

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML (and HTML): markup escaped, characters XML cannot hold replaced by U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(NOT_XML, "\uFFFD");
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/** The stylesheet, inside the SVG (scoped to it). Faults and highlights by class. */
const STYLE = `
.aslint-graph { font-family: ${FONT_FAMILY}; }
.aslint-graph text { fill: ${COLORS.text}; }
.aslint-graph .shape { fill: ${COLORS.stateFill}; stroke: ${COLORS.text}; stroke-width: 1; }
.aslint-graph .type-choice > .shape { fill: ${COLORS.choiceFill}; }
.aslint-graph .type-succeed > .shape { fill: ${COLORS.succeedFill}; }
.aslint-graph .type-fail > .shape { fill: ${COLORS.failFill}; }
.aslint-graph .start > .shape, .aslint-graph .end > .shape { fill: ${COLORS.containerFill}; stroke: ${COLORS.muted}; }
.aslint-graph .ghost > .shape { stroke-dasharray: 4 3; fill: #fff; }
.aslint-graph .container > .frame { fill: ${COLORS.containerFill}; stroke: ${COLORS.text}; stroke-width: 1.2; }
.aslint-graph .container.distributed > .frame { stroke-dasharray: 6 3; }
.aslint-graph .container > .shape { stroke-width: 1.5; }
.aslint-graph .branch > .frame { fill: #fff; stroke: ${COLORS.muted}; stroke-dasharray: 3 3; }
.aslint-graph .branch > text, .aslint-graph .detail { fill: ${COLORS.muted}; }
.aslint-graph .retry { fill: ${COLORS.info}; }
.aslint-graph .unreachable > .shape, .aslint-graph .unreachable > .frame { fill: ${COLORS.unreachableFill}; }
.aslint-graph .unreachable text { fill: ${COLORS.muted}; }
.aslint-graph .edge path { fill: none; stroke: ${COLORS.edge}; stroke-width: 1.2; }
.aslint-graph .edge polygon { fill: ${COLORS.edge}; stroke: none; }
.aslint-graph .edge text { fill: ${COLORS.edge}; stroke: #fff; stroke-width: 3px; paint-order: stroke; stroke-linejoin: round; }
.aslint-graph .edge.catch path { stroke-dasharray: 5 3; }
.aslint-graph .edge.end path, .aslint-graph .edge.startat path { stroke: ${COLORS.muted}; }
.aslint-graph .fault-error > .shape, .aslint-graph .fault-error > .frame, .aslint-graph .edge.fault-error path { stroke: ${COLORS.error}; stroke-width: 2.5; }
.aslint-graph .fault-warning > .shape, .aslint-graph .fault-warning > .frame, .aslint-graph .edge.fault-warning path { stroke: ${COLORS.warning}; stroke-width: 2.5; }
.aslint-graph .fault-info > .shape, .aslint-graph .fault-info > .frame, .aslint-graph .edge.fault-info path { stroke: ${COLORS.info}; stroke-width: 1.5; stroke-dasharray: 2 2; }
.aslint-graph .edge.fault-error polygon { fill: ${COLORS.error}; }
.aslint-graph .edge.fault-warning polygon { fill: ${COLORS.warning}; }
.aslint-graph .edge.fault-error text { fill: ${COLORS.error}; }
.aslint-graph .added > .shape, .aslint-graph .added > .frame { fill: ${COLORS.addedFill}; stroke: ${COLORS.added}; stroke-width: 2; }
.aslint-graph .changed > .shape, .aslint-graph .changed > .frame { fill: ${COLORS.changedFill}; stroke: ${COLORS.changed}; stroke-width: 2; }
.aslint-graph .removed > .shape, .aslint-graph .removed > .frame { stroke: ${COLORS.removed}; stroke-dasharray: 5 3; stroke-width: 2; }
.aslint-graph .removed text { fill: ${COLORS.removed}; text-decoration: line-through; }
.aslint-graph .edge.added path { stroke: ${COLORS.added}; stroke-width: 2; }
.aslint-graph .edge.added polygon { fill: ${COLORS.added}; }
.aslint-graph .edge.removed path { stroke: ${COLORS.removed}; stroke-width: 2; stroke-dasharray: 5 3; }
.aslint-graph .edge.removed polygon { fill: ${COLORS.removed}; }
.aslint-graph .selected > .shape, .aslint-graph .selected > .frame, .aslint-graph .edge.selected path { stroke: #8250df; stroke-width: 4; }
.aslint-graph .legend text { fill: ${COLORS.text}; }
`;

/** Lays the picture out and draws it. Throws GraphTooLarge above the size limit. */
export async function toSvg(graph: Graph, options: SvgOptions = {}): Promise<string> {
  return renderSvg(graph, await layOut(graph, { timeoutMs: options.timeoutMs }), options);
}

/** Draws a laid-out picture. */
export function renderSvg(graph: Graph, layout: Layout, options: SvgOptions = {}): string {
  const prefix = options.idPrefix ?? "";
  const top = graph.changes ? LEGEND : 0;
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN + top;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="aslint-graph" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-label="${escapeXml(options.title ?? "state machine")}">`,
  );
  out.push(`<title>${escapeXml(options.title ?? "state machine")}</title>`);
  out.push(`<style>${STYLE}</style>`);
  if (graph.changes) {
    const c = graph.changes;
    out.push(
      `<g class="legend"><text x="${MARGIN}" y="${MARGIN + 11}" font-size="11">Changes: ` +
        `<tspan fill="${COLORS.added}">${c.added} added</tspan>, <tspan fill="${COLORS.removed}">${c.removed} removed</tspan>, <tspan fill="${COLORS.changed}">${c.changed} changed</tspan></text></g>`,
    );
  }
  out.push(`<g transform="translate(${MARGIN},${MARGIN + top})">`);
  const id = (s: string) => escapeXml(prefix + s);

  // containers and branches, outer first, then transitions, then the states inside them
  const clusters = (cluster: Cluster) => {
    for (const sub of cluster.clusters) {
      const box = layout.clusters.get(sub.id);
      if (box) {
        if (sub.kind === "branch") {
          out.push(`<g class="branch" id="${id(sub.id)}">`);
          out.push(rect("frame", box, 4));
          if (box.label) out.push(`<text x="${n(box.x + 6)}" y="${n(box.label[1] + 3)}" font-size="${FONT_SIZE.cluster}">${escapeXml(sub.label)}</text>`);
          out.push(`</g>`);
        } else if (sub.owner) {
          const header = layout.nodes.get(sub.owner.id);
          out.push(openNode(sub.owner, id));
          out.push(rect("frame", box, 8));
          if (header) out.push(shapeOf(sub.owner, header), labelOf(sub.owner, header));
          out.push(`</g>`);
        }
      }
      clusters(sub);
    }
  };
  clusters(graph.root);

  out.push(`<g class="edges">`);
  for (const edge of graph.edges) {
    const geometry = layout.edges.get(edge.id);
    if (geometry) out.push(edgeOf(edge, geometry, id));
  }
  out.push(`</g>`);

  out.push(`<g class="nodes">`);
  for (const node of graph.nodes) {
    if (node.holds) continue;
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    out.push(openNode(node, id), shapeOf(node, box), labelOf(node, box), `</g>`);
  }
  out.push(`</g>`, `</g>`, `</svg>`);
  return out.join("\n") + "\n";
}

function openNode(node: GraphNode, id: (s: string) => string): string {
  const data = node.location !== undefined ? ` data-location="${escapeXml(node.location)}"` : "";
  const name = node.kind === "state" || node.kind === "ghost" ? ` data-name="${escapeXml(node.name)}"` : "";
  return `<g class="${nodeClasses(node).join(" ")}" id="${id(node.id)}"${data}${name}><title>${escapeXml(nodeTitle(node))}</title>`;
}

function rect(cls: string, box: Box, radius: number): string {
  return `<rect class="${cls}" x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${radius}"/>`;
}

function shapeOf(node: GraphNode, box: Box): string {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  if (node.kind === "start" || node.kind === "end") return `<ellipse class="shape" cx="${n(cx)}" cy="${n(cy)}" rx="${n(box.width / 2)}" ry="${n(box.height / 2)}"/>`;
  if (node.type === "Choice" && node.kind === "state") {
    return `<polygon class="shape" points="${n(cx)},${n(box.y)} ${n(box.x + box.width)},${n(cy)} ${n(cx)},${n(box.y + box.height)} ${n(box.x)},${n(cy)}"/>`;
  }
  const radius = node.type === "Succeed" || node.type === "Fail" ? box.height / 2 : node.type === "Pass" || node.type === "Wait" || node.kind === "ghost" ? 2 : 6;
  return rect("shape", box, radius);
}

function labelOf(node: GraphNode, box: Box): string {
  const cx = n(box.x + box.width / 2);
  const cy = box.y + box.height / 2;
  const lines = labelLines(node);
  const small = node.kind === "start" || node.kind === "end";
  const nameSize = small ? FONT_SIZE.detail : FONT_SIZE.name;
  if (lines.length === 1) return `<text x="${cx}" y="${n(cy + nameSize * 0.35)}" text-anchor="middle" font-size="${nameSize}">${escapeXml(lines[0])}</text>`;
  const detail = node.detail ? `<tspan class="detail">${escapeXml(node.detail)}</tspan>` : "";
  const badge = node.retry ? `${detail ? " " : ""}<tspan class="retry">${escapeXml(node.retry.badge)}</tspan>` : "";
  return (
    `<text x="${cx}" y="${n(cy - 2)}" text-anchor="middle" font-size="${nameSize}">${escapeXml(lines[0])}</text>` +
    `<text x="${cx}" y="${n(cy + 10)}" text-anchor="middle" font-size="${FONT_SIZE.detail}">${detail}${badge}</text>`
  );
}

function edgeOf(edge: GraphEdge, geometry: NonNullable<ReturnType<Layout["edges"]["get"]>>, id: (s: string) => string): string {
  const p = geometry.points;
  if (p.length === 0) return "";
  let d = `M${n(p[0][0])},${n(p[0][1])}`;
  for (let i = 1; i + 2 < p.length; i += 3) d += ` C${n(p[i][0])},${n(p[i][1])} ${n(p[i + 1][0])},${n(p[i + 1][1])} ${n(p[i + 2][0])},${n(p[i + 2][1])}`;
  const parts = [
    `<g class="${edgeClasses(edge).join(" ")}" id="${id(edge.id)}" data-from="${id(edge.from.id)}" data-to="${id(edge.to.id)}"${edge.location ? ` data-location="${escapeXml(edge.location)}"` : ""}>`,
    `<title>${escapeXml(edgeTitle(edge))}</title>`,
    `<path d="${d}"/>`,
  ];
  if (geometry.tip) parts.push(arrowhead(p[p.length - 1], geometry.tip));
  if (edge.label && geometry.label) parts.push(`<text x="${n(geometry.label[0])}" y="${n(geometry.label[1] + 3)}" text-anchor="middle" font-size="${FONT_SIZE.edge}">${escapeXml(edge.label)}</text>`);
  parts.push(`</g>`);
  return parts.join("");
}

/** A triangle from the end of the curve to the tip. */
function arrowhead(from: [number, number], tip: [number, number]): string {
  const dx = tip[0] - from[0];
  const dy = tip[1] - from[1];
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const w = 3.5;
  const a = [from[0] - uy * w, from[1] + ux * w];
  const b = [from[0] + uy * w, from[1] - ux * w];
  return `<polygon points="${n(tip[0])},${n(tip[1])} ${n(a[0])},${n(a[1])} ${n(b[0])},${n(b[1])}"/>`;
}
