/**
 * The fuzz campaign on templates (docs/robustness.md): the definitions read out of CloudFormation,
 * SAM, CDK output and serverless.yml files (sourcesOf) and linted where they live (lintSource),
 * on the project's template examples and the shared corpus's templates, whole and mutated. The
 * invariants are the engine's (invariants.ts), on the file each result names: no throw, within
 * the budget, ranges inside that file, the verdict its severities give, a basis its rule declares.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sourcesOf, type SourceHost } from "../../src/sources/index.js";
import { lintSource } from "../../src/lint-sources.js";
import { EDITS, mutate } from "./arbitraries.js";
import { filesUnder } from "../files.js";
import { SEED, budgetMs, checkResult, cpuMs, explain, runs, tally } from "./invariants.js";

const ROOT = join(__dirname, "..", "..");
const params = (short: number) => ({ seed: SEED, numRuns: runs(short), endOnFailure: true });
const TIMEOUT = runs(1) > 1 ? 6 * 3_600_000 : 600_000;

/** The template files (JSON and YAML; Terraform needs its parser loaded, another campaign). */
function templateFiles(): { name: string; text: string }[] {
  const template = /^(?!.*\.asl\.(json|ya?ml)$).*\.(json|ya?ml)$/;
  return [join(ROOT, "examples", "templates"), join(ROOT, "..", "shared", "corpus", "templates")]
    .flatMap((dir) => filesUnder(dir, template))
    .filter((p) => statSync(p).size < 200_000)
    .map((name) => ({ name, text: readFileSync(name, "utf8") }));
}

/** Reads the files a template names, beside it (read-only). */
function hostFor(file: string): SourceHost {
  const dir = dirname(file);
  return {
    readFile: (p) => {
      try {
        return readFileSync(resolve(dir, p), "utf8");
      } catch {
        return undefined;
      }
    },
    listDir: (p) => {
      try {
        return readdirSync(resolve(dir, p));
      } catch {
        return [];
      }
    },
  };
}

/** The definitions of one template text, read and linted where they live. */
const lintTemplate = (name: string, text: string) => sourcesOf(name, text, hostFor(name)).flatMap((s) => lintSource(s, { type: s.type }));

/** Reads and lints every definition of one template text; the violations of the invariants. */
function checkTemplate(name: string, text: string, where: string): string[] {
  tally.inputs++;
  const c0 = process.cpuUsage();
  const bad: string[] = [];
  let results: ReturnType<typeof lintTemplate>;
  try {
    results = lintTemplate(name, text);
  } catch (e) {
    tally.violations++;
    return [`${where}: threw ${(e as Error)?.stack ?? e}`];
  }
  const ms = cpuMs(c0);
  tally.lints++;
  tally.worstMs = Math.max(tally.worstMs, ms);
  for (const r of results) bad.push(...checkResult(r.text, r, `${where} (${r.file === name ? "the template" : r.file})`));
  if (ms > budgetMs(text)) bad.push(`${where}: ${ms.toFixed(0)} ms of CPU for ${text.length} characters`);
  // the same text, the same answer
  if (JSON.stringify(lintTemplate(name, text)) !== JSON.stringify(results)) bad.push(`${where}: the same template gave another answer the second time`);
  tally.violations += bad.length;
  return bad;
}

describe("fuzz: templates", () => {
  const files = templateFiles();
  it("finds template files", () => expect(files.length).toBeGreaterThan(50));

  it(
    "whole templates, as themselves and with CRLF line breaks",
    () => {
      for (const { name, text } of files) {
        for (const t of [text, text.replace(/\r?\n/g, "\r\n")]) {
          const bad = checkTemplate(name, t, name);
          expect(bad, explain(bad, t)).toEqual([]);
        }
      }
    },
    TIMEOUT,
  );

  it(
    "every mutated template: the invariants hold",
    () => {
      fc.assert(
        fc.property(fc.nat(), EDITS, (pick, edits) => {
          const file = files[pick % files.length];
          const text = mutate(file.text, edits as [number, number, string, string][]);
          const bad = checkTemplate(file.name, text, `${file.name} mutated`);
          if (bad.length) throw new Error(explain(bad, text));
        }),
        params(400),
      );
    },
    TIMEOUT,
  );
});

afterAll(() => {
  console.log(`fuzz templates (seed ${SEED}, scale ${runs(1)}): ${tally.inputs} inputs, ${tally.lints} reads, ${tally.violations} violations, worst ${tally.worstMs.toFixed(0)} ms CPU`);
});
