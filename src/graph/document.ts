/**
 * Several pictures in one document, for a template that holds several state machines: one SVG
 * with each picture under its heading, a Markdown document with a Mermaid block per picture,
 * or DOT's several graphs one after the other (Graphviz draws each).
 */
import { escapeXml } from "./svg.js";

export interface Picture {
  /** The heading: the state machine's name and where it lives. */
  title: string;
  /** The picture, in the document's format. */
  text: string;
}

const HEADING = 28;
const GAP = 16;
const MARGIN = 8;

/** The width and height an SVG picture declares on its root element. */
function sizeOf(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 0);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
  return { width, height };
}

/**
 * One SVG holding the pictures one below the other, each under its heading. Each picture stays
 * a whole `<svg class="aslint-graph">` (placed with x and y), so its ids must differ from the
 * others' (draw each with its own `idPrefix`).
 */
export function svgDocument(pictures: readonly Picture[], title: string): string {
  const parts: string[] = [];
  let y = MARGIN;
  let width = 0;
  pictures.forEach((p, i) => {
    const size = sizeOf(p.text);
    parts.push(
      `<g class="picture" id="picture-${i}"><text x="${MARGIN}" y="${y + 18}" font-family="Helvetica, Arial, sans-serif" font-size="15" font-weight="600" fill="#1f2328">${escapeXml(p.title)}</text>`,
      p.text.trimEnd().replace(/^<svg\b/, `<svg x="0" y="${y + HEADING}"`),
      `</g>`,
    );
    y += HEADING + size.height + GAP;
    width = Math.max(width, size.width, MARGIN + 9 * p.title.length);
  });
  const height = y - GAP + MARGIN;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="aslint-graphs" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">\n` +
    `<title>${escapeXml(title)}</title>\n<rect width="100%" height="100%" fill="#ffffff"/>\n` +
    parts.join("\n") +
    `\n</svg>\n`
  );
}

/** A Markdown document: a heading and a ```` ```mermaid ```` block for each picture (GitHub draws them). */
export function markdownDocument(pictures: readonly Picture[]): string {
  return pictures.map((p) => `### ${p.title}\n\n\`\`\`mermaid\n${p.text.trimEnd()}\n\`\`\`\n`).join("\n");
}

/** DOT's graphs one after the other: `dot -Tsvg -O` writes one file per graph. */
export function dotDocument(pictures: readonly Picture[]): string {
  return pictures.map((p) => p.text.trimEnd() + "\n").join("\n");
}
