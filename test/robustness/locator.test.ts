/**
 * nodeLocator (bisection, for the many parse problems of a broken text) finds the node nodeAt
 * (a scan) finds, at every offset of texts with wide objects and arrays, JSON and YAML.
 */
import { describe, expect, it } from "vitest";
import { parseDocumentText } from "../../src/parse/index.js";
import { nodeAt, nodeLocator } from "../../src/report.js";

const wide = (n: number) => JSON.stringify({ StartAt: "A", States: Object.fromEntries(Array.from({ length: n }, (_, i) => [`S${i}`, { Type: "Pass", Next: `S${i + 1}`, Result: [i, [i], { k: i }] }])) }, null, 1);

describe("nodeLocator", () => {
  const texts: [string, string][] = [
    [wide(40), "a.json"],
    [wide(40).replace(/,\n/g, ",,\n"), "broken.json"],
    [`{"a": [${Array.from({ length: 50 }, (_, i) => i).join(", ")}], ` + '"b":,'.repeat(40), "garbage.json"],
    [["x: &r {Type: Pass, End: true}", "StartAt: S0", "States:", ...Array.from({ length: 30 }, (_, i) => `  S${i}: *r`)].join("\n"), "aliases.yaml"],
    [["StartAt: S0", "States:", ...Array.from({ length: 30 }, (_, i) => `  S${i}:\n    Type: Pass\n    Next: S${i + 1}`)].join("\r\n"), "block.yaml"],
  ];
  for (const [text, filename] of texts) {
    it(filename, () => {
      const { root } = parseDocumentText(text, filename);
      const locate = nodeLocator(root);
      for (let o = -1; o <= text.length + 1; o++) expect(locate(o), `${filename} @${o}`).toBe(nodeAt(root, o));
    });
  }
});
