/**
 * `lint()` recycles the nodes of its tree for the next lint (withRecycledNodes in
 * src/parse/tree.ts). A node that something kept past its lint, or a cache keyed by a node,
 * would show up here as a lint whose result differs from the same lint on new nodes.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lint, lintDocument } from "../../src/lint.js";
import { parseJson } from "../../src/parse/json.js";
import { parseDocumentText } from "../../src/parse/index.js";
import { recycledNodeCount, withRecycledNodes, type Node } from "../../src/parse/tree.js";
import { scalingDefinition } from "../../bench/generate.mjs";
import { filesUnder } from "../files.js";
import { CORPUS, SHARED_PRESENT } from "../shared.js";

const ROOT = join(__dirname, "..", "..");


/** Definitions of every kind: real-world and labelled ones, the fixtures (broken JSON and YAML included), generated large ones. */
function inputs(): { filename: string; text: string }[] {
  const out = [CORPUS, join(ROOT, "examples"), join(ROOT, "fixtures")]
    .flatMap((dir) => filesUnder(dir, /\.(json|ya?ml)$/i))
    .filter((f) => !f.includes(`${join("examples", "requests")}`))
    .map((f) => ({ filename: f, text: readFileSync(f, "utf8") }));
  for (const key of ["states-100", "states-1000"]) out.push({ filename: `${key}.asl.json`, text: scalingDefinition(key).text });
  return out;
}

/** Does anything reachable from `value` look like a tree node? */
function holdsNode(value: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if ("keyOffset" in v && "offset" in v) return true;
    for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

describe("recycled nodes", () => {
  const all = inputs();

  it("lint() gives, document after document, what a lint on new nodes gives", () => {
    // the fixtures and examples alone are about 280; the corpus adds about 300
    expect(all.length).toBeGreaterThan(SHARED_PRESENT ? 500 : 250);
    // forwards then backwards: large documents before small ones and the other way round
    for (const { filename, text } of [...all, ...[...all].reverse()]) {
      const recycled = lint(text, { filename });
      const { result, diagnostics, awsOnly } = lintDocument(text, { filename });
      expect(recycled, filename).toEqual(awsOnly ? { result, diagnostics, awsOnly } : { result, diagnostics });
      expect(holdsNode(recycled), filename).toBe(false);
    }
    expect(recycledNodeCount()).toBeGreaterThan(10_000);
  });

  it("hands out the same node objects again, emptied in between", () => {
    const first = withRecycledNodes(() => parseJson('{ "a": [1, "x"] }').root!);
    // after the scope the node keeps nothing of its document
    expect(first.properties).toBeUndefined();
    expect(first.value).toBeUndefined();
    const second = withRecycledNodes(() => {
      const root = parseJson('{ "b": true }').root!;
      expect(root.properties!.map((p) => [p.key, p.value])).toEqual([["b", true]]);
      return root;
    });
    expect(second).toBe(first);
  });

  it("never recycles outside a scope, nor the nodes of lintDocument()", () => {
    const kept = parseDocumentText('{ "StartAt": "A" }', "x.asl.json").root!;
    const doc = lintDocument('{ "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }', { filename: "y.asl.json" }).doc;
    withRecycledNodes(() => parseJson('{ "c": [1, 2, 3, 4] }'));
    lint('{ "StartAt": "C", "States": { "C": { "Type": "Pass", "End": true } } }', { filename: "z.asl.json" });
    expect(kept.properties!.map((p) => p.value)).toEqual(["A"]);
    expect((doc.root!.properties![0] as Node).value).toBe("B");
  });

  it("shares the outer scope when nested, and ends it when its function throws", () => {
    let inner: Node | undefined;
    const outer = withRecycledNodes(() => {
      const root = parseJson("[0]").root!;
      inner = withRecycledNodes(() => parseJson("[1]").root!);
      // the nested scope's end empties nothing: the outer one is still using its nodes
      expect(root.items![0].value).toBe(0);
      expect(inner.items![0].value).toBe(1);
      return root;
    });
    expect(outer.items).toBeUndefined();
    expect(inner!.items).toBeUndefined();

    expect(() => withRecycledNodes(() => {
      parseJson("[2]");
      throw new Error("a rule failed");
    })).toThrow("a rule failed");
    // the scope ended: a parse outside one makes nodes of its own
    const after = parseJson("[3]").root!;
    withRecycledNodes(() => parseJson("[4]"));
    expect(after.items![0].value).toBe(3);
  });
});
