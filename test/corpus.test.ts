/**
 * The external corpus (../shared/corpus, read in place, never copied): real-world
 * definitions must give no ERROR; the labelled suites of two other linters must agree with
 * our verdict, except the reviewed disagreements in corpus-disagreements.ts, each settled
 * by an AWS fact.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { lint } from "../src/lint.js";
import { DISAGREEMENTS } from "./corpus-disagreements.js";
import { filesUnder } from "./files.js";
import { CORPUS, SHARED_PRESENT } from "./shared.js";


const rel = (f: string) => relative(CORPUS, f).split("\\").join("/");

describe.skipIf(!SHARED_PRESENT)("corpus", () => {
  it("is present beside the project", () => {
    expect(existsSync(CORPUS), `${CORPUS} is missing: the corpus lives in ../shared/corpus`).toBe(true);
  });

  const realWorld = filesUnder(join(CORPUS, "real-world"), /\.(json|ya?ml)$/i);
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

  /** How many definitions each labelled suite holds: a suite that moved would otherwise test nothing. */
  const LABELLED = { "asl-validator": { valid: 62, invalid: 50 }, statelint: { valid: 37, invalid: 32 } };
  for (const suite of ["asl-validator", "statelint"] as const) {
    for (const label of ["valid", "invalid"] as const) {
      const list = filesUnder(join(CORPUS, suite, label), /\.(json|ya?ml)$/i);
      it(`has the ${LABELLED[suite][label]} definitions of ${suite}/${label}`, () => {
        expect(list.length).toBe(LABELLED[suite][label]);
      });
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
