/**
 * Golden pictures of the examples, in Mermaid and DOT: each example's picture is compared with
 * the file under test/graph/golden/. Regenerate with `UPDATE_GOLDEN=1 npx vitest run
 * test/graph/golden.test.ts` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleDefinitions, root } from "./examples.js";
import { describe, expect, it } from "vitest";
import { graphOf, toDot, toMermaid } from "../../src/graph/index.js";

const goldenDir = join(__dirname, "golden");
const update = Boolean(process.env.UPDATE_GOLDEN);


const examples = exampleDefinitions();

describe("golden pictures of the examples", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });
  for (const file of examples) {
    it(file, () => {
      const graph = graphOf(readFileSync(join(root, file), "utf8"), { filename: file });
      expect(graph, `${file} is a state machine`).toBeDefined();
      const base = join(goldenDir, file.replace(/^examples\//, "").replace(/\//g, "__"));
      for (const [ext, text] of [
        ["mmd", toMermaid(graph!)],
        ["dot", toDot(graph!, { name: file })],
      ] as const) {
        const golden = `${base}.${ext}`;
        if (update) writeFileSync(golden, text);
        expect(existsSync(golden), `${golden} exists (UPDATE_GOLDEN=1 to write it)`).toBe(true);
        expect(text, `${golden} (UPDATE_GOLDEN=1 to regenerate)`).toBe(readFileSync(golden, "utf8"));
      }
    });
  }

  it("the README shows the Mermaid golden of common-mistakes", () => {
    const readme = join(root, "README.md");
    const text = readFileSync(readme, "utf8");
    const block = /(`examples\/common-mistakes\.asl\.json` in Mermaid[^\n]*\n\n```mermaid\n)([\s\S]*?)(```)/;
    const golden = readFileSync(join(goldenDir, "common-mistakes.asl.json.mmd"), "utf8");
    if (update) writeFileSync(readme, text.replace(block, (_, a, __, c) => a + golden + c));
    expect(block.exec(readFileSync(readme, "utf8"))?.[2], "README.md (UPDATE_GOLDEN=1 to regenerate)").toBe(golden);
  });
});
