/**
 * YAML that used to hang, exhaust memory or abort the process: bounded now, with one finding
 * each. (Times are the benchmark's business: bench/run.mjs, the "robustness" scenario.)
 */
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { parseYaml, YAML_MAX_DEPTH } from "../../src/parse/yaml.js";

const yaml = (text: string) => lint(text, { filename: "x.asl.yaml" });
const rules = (text: string) => yaml(text).diagnostics.map((d) => `${d.severity} ${d.rule}`);

describe("aliases", () => {
  it("an alias inside its own anchor is one definition-size error", () => {
    const out = yaml("StartAt: A\nStates:\n  A: &a {Type: Pass, End: true, Result: [*a, *a, *a, *a, *a, *a, *a, *a, *a]}\n");
    expect(out.diagnostics.map((d) => [d.rule, d.severity, d.range.start])).toEqual([["definition-size", "ERROR", { line: 2, character: 41 }]]);
    expect(out.diagnostics[0].message).toContain("*a is inside the node its anchor names");
  });

  it("billion laughs is one definition-size error at the alias that passes the limit", () => {
    let text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n      l0: &l0 "lol"\n';
    for (let i = 1; i <= 12; i++) text += `      l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]\n`;
    const out = yaml(text);
    expect(out.diagnostics.map((d) => `${d.rule} ${d.severity}`)).toEqual(["definition-size ERROR"]);
    expect(text.slice(out.diagnostics[0].offset, out.diagnostics[0].offset! + out.diagnostics[0].length!)).toBe("*l5");
  });

  // a collection as a key is its source text (no JSON object has one): anchors in it are measured all the same
  const inKeys = (lines: string[]) => `StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n${lines.map((l) => `      ${l}\n`).join("")}`;

  it("a collection key is its text, with nothing reported", () => {
    expect(rules(inKeys(["? &a [1, {b: 2}]", ": 1", "v: *a"]))).toEqual([]);
  });

  it("an alias inside its own anchor in a collection key is the same definition-size error", () => {
    // unmeasured, *a was expanded level by level by the tree (1,000 of them for [*a]; 2^1,000 for [*a, *a])
    const text = inKeys(["? &a [*a]", ": 1", "v: *a"]);
    const out = yaml(text);
    expect(out.diagnostics.map((d) => [d.rule, d.severity, d.range.start])).toEqual([["definition-size", "ERROR", { line: 6, character: 12 }]]);
    expect(out.diagnostics[0].message).toContain("*a is inside the node its anchor names");
  });

  it("billion laughs in collection keys is one definition-size error at the value's alias", () => {
    // an alias of an unmeasured key counted 4 characters: *l9 passed, and the tree held 4^9 × 2 strings
    const lines = ['? &l0 ["lol", "lol"]', ": 1"];
    for (let i = 1; i <= 9; i++) lines.push(`? &l${i} [${Array(4).fill(`*l${i - 1}`).join(", ")}]`, ": 1");
    const text = inKeys([...lines, "v: *l9"]);
    const out = yaml(text);
    expect(out.diagnostics.map((d) => `${d.rule} ${d.severity}`)).toEqual(["definition-size ERROR"]);
    expect(text.slice(out.diagnostics[0].offset, out.diagnostics[0].offset! + out.diagnostics[0].length!)).toBe("*l9");
    expect(out.diagnostics[0].message).toContain("*l9 stands for 3,844,777 characters");
  });

  it("many aliases resolve to what the expanded text says", () => {
    const n = 3000;
    let aliased = "x: &r {Type: Pass, End: true}\nStartAt: S0\nStates:\n";
    let plain = "x: {Type: Pass, End: true}\nStartAt: S0\nStates:\n";
    for (let i = 0; i < n; i++) {
      aliased += `  S${i}: *r\n`;
      plain += `  S${i}: {Type: Pass, End: true}\n`;
    }
    const a = yaml(aliased).diagnostics.map((d) => `${d.rule} ${d.message}`);
    const p = yaml(plain).diagnostics.map((d) => `${d.rule} ${d.message}`);
    expect(a).toEqual(p);
    expect(a.length).toBe(n); // x is unknown, S1... unreachable
  });

  it("a redefined anchor: each alias takes the last one before it", () => {
    const { root } = parseYaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
    expect(root!.properties!.map((p) => p.value)).toEqual([1, 1, 2, 2]);
  });
});

describe("nesting", () => {
  it("100,000 [ linted twice: too deeply nested, and the process lives", () => {
    const text = "[".repeat(100_000);
    for (let i = 0; i < 2; i++) expect(rules(text)).toEqual(["ERROR too-deeply-nested"]);
  });

  it(`deeper than ${YAML_MAX_DEPTH} but within AWS's 1,000 levels: a warning that nothing was checked`, () => {
    const n = YAML_MAX_DEPTH + 50;
    const out = yaml(`StartAt: A\nStates:\n  A: {Type: Pass, End: true, Result: ${"[".repeat(n)}${"]".repeat(n)}}\n`);
    expect(out.diagnostics.map((d) => `${d.severity} ${d.rule}`)).toEqual(["WARNING too-deeply-nested"]);
    expect(out.result).toBe("OK");
  });

  it("block sequences nested on one line count too", () => {
    expect(rules(`StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n      ${"- ".repeat(5000)}1\n`)).toEqual(["ERROR too-deeply-nested"]);
  });

  it(`${YAML_MAX_DEPTH - 10} levels are read`, () => {
    const n = YAML_MAX_DEPTH - 10;
    expect(rules(`StartAt: A\nStates:\n  A: {Type: Pass, End: true, Result: ${"[".repeat(n)}${"]".repeat(n)}}\n`)).toEqual([]);
  });

  it("complex keys nested in complex keys are their source text, not a string that doubles per level", () => {
    const out = yaml(`StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result:\n      ${"? ".repeat(200)}1\n`);
    expect(out.diagnostics.filter((d) => d.rule === "internal-error")).toEqual([]);
  });
});

describe("duplicate keys", () => {
  it("in small and large objects, by value as YAML compares them", () => {
    const many = Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join(", ");
    const d = yaml(`StartAt: A\nStates:\n  A: {Type: Pass, End: true, Type: Pass}\nx: {${many}, k3: 0, "1": a, 1: b}\n`).diagnostics.filter((x) => x.rule === "duplicate-key");
    expect(d.map((x) => x.message.slice(0, 20))).toEqual(['Duplicate key "Type"', 'Duplicate key "k3": ']);
  });

  it("in a CRLF file, on the repeated key's line and within it", () => {
    const text = "StartAt: A\r\nStates:\r\n  A:\r\n    Type: Pass\r\n    Type: Pass\r\n    End: true\r\n";
    const d = yaml(text).diagnostics.filter((x) => x.rule === "duplicate-key");
    expect(d.map((x) => x.range)).toEqual([{ start: { line: 4, character: 4 }, end: { line: 4, character: 8 } }]);
  });
});
