/**
 * The external corpus (../shared/corpus, read in place, never copied): real-world
 * definitions must give no ERROR; the labelled suites of two other linters must agree with
 * our verdict, except the reviewed disagreements in corpus-disagreements.ts, each settled
 * by an AWS fact.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { lint } from "../src/lint.js";
import { DISAGREEMENTS } from "./corpus-disagreements.js";

const CORPUS = join(__dirname, "..", "..", "shared", "corpus");

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(json|ya?ml)$/i.test(name)) out.push(full);
  }
  return out;
}

const rel = (f: string) => relative(CORPUS, f).split("\\").join("/");

describe("corpus", () => {
  it("is present beside the project", () => {
    expect(existsSync(CORPUS), `${CORPUS} is missing: the corpus lives in ../shared/corpus`).toBe(true);
  });

  const realWorld = files(join(CORPUS, "real-world"));
  it("has the 75 real-world definitions", () => {
    expect(realWorld.length).toBe(75);
  });
  describe("real-world definitions give no ERROR", () => {
    for (const file of realWorld) {
      it(rel(file), () => {
        const { diagnostics } = lint(readFileSync(file, "utf8"), { filename: file });
        const errors = diagnostics.filter((d) => d.severity === "ERROR").map((d) => `${d.location} ${d.rule}: ${d.message}`);
        expect(errors).toEqual([]);
      });
    }
  });

  for (const suite of ["asl-validator", "statelint"]) {
    for (const label of ["valid", "invalid"] as const) {
      const list = files(join(CORPUS, suite, label));
      describe(`${suite}/${label}`, () => {
        for (const file of list) {
          const name = rel(file);
          const disagreement = DISAGREEMENTS[name];
          const labelled = label === "valid" ? "OK" : "FAIL";
          const expected = disagreement ? disagreement.verdict : labelled;
          it(`${name}${disagreement ? " (disagreement: " + disagreement.verdict + ")" : ""}`, () => {
            if (disagreement) expect(disagreement.verdict, "a disagreement must differ from the label").not.toBe(labelled);
            const { result, diagnostics } = lint(readFileSync(file, "utf8"), { filename: file });
            const summary = diagnostics.filter((d) => d.severity === "ERROR").map((d) => `${d.location} ${d.rule}: ${d.message}`);
            expect({ result, errors: result === expected ? [] : summary }).toEqual({ result: expected, errors: [] });
          });
        }
      });
    }
  }

  it("every disagreement names a corpus file and the fact that settles it", () => {
    for (const [name, d] of Object.entries(DISAGREEMENTS)) {
      expect(existsSync(join(CORPUS, name)), name).toBe(true);
      expect(d.fact.length, name).toBeGreaterThan(20);
    }
  });
});
