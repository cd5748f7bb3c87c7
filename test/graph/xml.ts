import { DOMParser } from "@xmldom/xmldom";

/** Parses an SVG strictly: any well-formedness error throws. */
export function parseSvg(svg: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`not well-formed XML: ${message}`);
    },
  }).parseFromString(svg, "image/svg+xml");
  return doc.documentElement!;
}
