/**
 * The small YAML reader of the template path (src/sources/yaml-lite.ts) against the `yaml`
 * package on every YAML file of the corpus and the fixtures: where it takes a file it gives the
 * same tree (values, keys, tags as long-form objects, and the positions of every key and of
 * every scalar but block scalars); and it takes most of them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYamlLite } from "../../src/sources/yaml-lite.js";
import { longForm, parseTemplate } from "../../src/sources/template.js";
import type { Node } from "../../src/parse/tree.js";
import { CORPUS } from "../shared.js";

const roots = [CORPUS, join(__dirname, "..", "..", "fixtures"), join(__dirname, "..", "..", "examples")];

function yamlFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/i.test(n) ? [p] : [];
  });
}

function compare(a: Node, b: Node, text: string, path: string): void {
  expect(a.type, path).toBe(b.type);
  expect(a.key, path).toBe(b.key);
  if (typeof a.key === "string") expect([a.keyOffset, a.keyLength], `${path} key`).toEqual([b.keyOffset, b.keyLength]);
  if (a.type === "object") {
    expect(a.properties!.map((p) => p.key), path).toEqual(b.properties!.map((p) => p.key));
    a.properties!.forEach((p, i) => compare(p, b.properties![i], text, `${path}/${p.key}`));
  } else if (a.type === "array") {
    expect(a.items!.length, path).toBe(b.items!.length);
    a.items!.forEach((x, i) => compare(x, b.items![i], text, `${path}[${i}]`));
  } else {
    if (Number.isNaN(b.value)) expect(Number.isNaN(a.value), path).toBe(true);
    else expect(a.value, path).toBe(b.value);
    if (text[a.offset] !== "|" && text[a.offset] !== ">") expect([a.offset, a.length], `${path} position`).toEqual([b.offset, b.length]);
  }
}

describe("yaml-lite", () => {
  const files = roots.flatMap(yamlFiles);
  it("gives the yaml package's tree wherever it takes a file, and takes most", () => {
    let taken = 0;
    let comparable = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const full = parseTemplate(text, "yaml");
      if (full.problems.length || !full.root) continue;
      comparable++;
      const lite = parseYamlLite(text, 0, text.length, longForm);
      if (!lite) continue;
      taken++;
      compare(lite, full.root, text, file);
    }
    expect(comparable).toBeGreaterThan(50);
    expect(taken / comparable).toBeGreaterThan(0.8);
  });

  it("gives up on what it does not read", () => {
    for (const text of ["a: &x 1\nb: *x\n", "? a\n: b\n", "a: 1\na: 2\n", "a: one\n  two\n", "%YAML 1.2\n---\na: 1\n", "a:\n\t- 1\n", "a: |+\n  x\n\n"]) {
      expect(parseYamlLite(text, 0, text.length, longForm), text).toBeUndefined();
    }
  });

  it("reads tags, flow collections, quoted and block scalars", () => {
    const text = "A: !Sub\n  - |-\n    {\"x\": ${V}}\n  - {V: !GetAtt F.Arn, W: [1, 'two', \"th\\\"ree\"]}\nB: null\nC: 0x1F\n";
    const lite = parseYamlLite(text, 0, text.length, longForm)!;
    const full = parseTemplate(text, "yaml").root!;
    compare(lite, full, text, "");
  });
});
