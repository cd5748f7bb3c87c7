/**
 * The examples of every rule's metadata (printed in docs/rules.md) are linted: the fail example
 * fires its rule (at any severity the rule reports), the pass example fires neither its rule nor
 * any ERROR or WARNING (notes of other rules may remain). The docs print JSON laid out over lines: that text lints the same as the source.
 */
import { describe, expect, it } from "vitest";
import { lint } from "../src/lint.js";
import { rules } from "../src/rules/index.js";
import type { ExampleDefinition, RuleExample } from "../src/rules/types.js";
import type { Diagnostic } from "../src/diagnostic.js";
import { buildPeers } from "../src/cli/peers.js";
import { printedExample } from "../src/catalogue.js";
import { sourcesOf } from "../src/sources/index.js";
import { lintSource } from "../src/lint-sources.js";

function definitionOf(example: RuleExample): ExampleDefinition {
  return typeof example === "string" ? { definition: example } : example;
}

function textOf(ex: ExampleDefinition): string {
  return typeof ex.definition === "string" ? ex.definition : ex.definition();
}

/** Lints an example as the CLI would lint its files together: with its type, file name and peers. */
function lintExample(ex: ExampleDefinition, text = textOf(ex)): Diagnostic[] {
  const type = ex.type ?? "STANDARD";
  const peers = ex.peers?.length
    ? buildPeers([{ file: ex.filename ?? "<stdin>", text, type }, ...ex.peers.map((p) => ({ file: p.filename, text: p.definition, type: p.type ?? "STANDARD" }))])
    : undefined;
  // a template (the template cross-checks' examples) is linted through its sources
  const sources = sourcesOf(ex.filename ?? "definition.json", text, { readFile: () => undefined });
  if (!(sources.length === 1 && sources[0].kind === "asl")) return sources.flatMap((s) => lintSource(s, { type: s.type ?? type }).flatMap((r) => r.diagnostics));
  return lint(text, { filename: ex.filename, type, peers }).diagnostics;
}

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.rule}: ${d.message}`);

describe("rule examples", () => {
  for (const rule of rules) {
    const { id } = rule.meta;
    describe(id, () => {
      it("has a fail and a pass example", () => {
        expect(rule.meta.examples, `${id} has no examples`).toBeDefined();
      });
      if (!rule.meta.examples) return;
      const fail = definitionOf(rule.meta.examples.fail);
      const pass = definitionOf(rule.meta.examples.pass);

      it("the fail example fires it", () => {
        const found = lintExample(fail);
        expect(found.filter((d) => d.rule === id).length, `${id} does not fire on its fail example; it gives:\n${show(found).join("\n")}`).toBeGreaterThan(0);
      });

      it("the pass example fires neither it nor any ERROR or WARNING", () => {
        expect(show(lintExample(pass).filter((d) => d.rule === id || d.severity !== "INFO"))).toEqual([]);
      });

      for (const [which, ex] of [["fail", fail], ["pass", pass]] as const) {
        if (typeof ex.definition === "string") {
          it(`the ${which} example as docs/rules.md prints it lints the same`, () => {
            const printed = printedExample(ex.definition as string, ex.filename);
            expect(show(lintExample(ex, printed))).toEqual(show(lintExample(ex)));
          });
        } else {
          it(`the built ${which} example says what it is`, () => {
            expect(ex.note?.length ?? 0, "a built example needs a note for the docs").toBeGreaterThan(10);
          });
        }
      }
    });
  }
});

describe("printedExample", () => {
  it("lays clean JSON out over lines, keys and scalars as written", () => {
    const text = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": { "n": 1.50, "s": "\\u0041" }, "End": true } } }';
    expect(printedExample(text)).toBe('{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Result": { "n": 1.50, "s": "\\u0041" }, "End": true }\n  }\n}');
  });

  it("breaks what does not fit in 80 columns", () => {
    const long = "x".repeat(70);
    const text = `{ "Comment": "a", "States": { "A": { "Type": "Pass", "Comment": "${long}" } } }`;
    expect(printedExample(text)).toBe(`{\n  "Comment": "a",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "Comment": "${long}"\n    }\n  }\n}`);
  });

  it("keeps repeated keys", () => {
    expect(printedExample('{ "A": 1, "A": 2 }')).toBe('{\n  "A": 1,\n  "A": 2\n}');
  });

  it("shows broken JSON and YAML as written", () => {
    for (const [text, filename] of [['{ "StartAt": "A", }', undefined], ['{ "A": 1 // one\n}', undefined], ["StartAt: A\nStates: {}\n", "x.asl.yaml"]] as const) {
      expect(printedExample(text, filename)).toBe(text);
    }
  });
});
