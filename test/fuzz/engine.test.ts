/**
 * The fuzz campaign on the engine (docs/robustness.md): lint, checkRequest and checkRedrive on
 * generated and mutated inputs, with the invariants of invariants.ts. `npm test` runs the short,
 * deterministic campaign; `npm run fuzz` the long one (FUZZ=long; FUZZ_SEED, FUZZ_SCALE).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkRedrive, checkRequest, APIS } from "../../src/requests/index.js";
import { DESCRIBE, EDITS, HISTORY, REQUEST, machineArb, mutate, seedFiles } from "./arbitraries.js";
import { SEED, budgetMs, checkLint, checkResult, explain, runs, shape, tally } from "./invariants.js";

const params = (short: number) => ({ seed: SEED, numRuns: runs(short), endOnFailure: true });
const TIMEOUT = runs(1) > 1 ? 6 * 3_600_000 : 600_000;

describe("fuzz: definitions from the grammar", () => {
  it(
    "JSON: the invariants hold, and the YAML form has the same findings",
    () => {
      fc.assert(
        fc.property(machineArb(), fc.boolean(), (machine, pretty) => {
          const json = JSON.stringify(machine, null, pretty ? 2 : 0);
          const a = checkLint(json, { filename: "f.asl.json" }, "json");
          if (a.violations.length) throw new Error(explain(a.violations, json));
          // the same definition written as YAML: the same findings, positions aside
          const yaml = stringify(machine, { version: "1.2", aliasDuplicateObjects: false, lineWidth: 0 });
          const b = checkLint(yaml, { filename: "f.asl.yaml" }, "yaml");
          if (b.violations.length) throw new Error(explain(b.violations, yaml));
          const sa = shape(a.result!).join("\n");
          const sb = shape(b.result!).join("\n");
          if (sa !== sb) throw new Error(`JSON and YAML differ:\n${sa}\n--- yaml ---\n${sb}\n--- json ---\n${json}\n--- yaml text ---\n${yaml}`);
        }),
        params(300),
      );
    },
    TIMEOUT,
  );

  it(
    "EXPRESS and rule settings: the invariants hold",
    () => {
      fc.assert(
        fc.property(machineArb(), fc.dictionary(fc.constantFrom("unknown-field", "next-or-end", "constructor", "__proto__"), fc.constantFrom("off", "info", "warn", "error", "toString") as fc.Arbitrary<"off">), (machine, rules) => {
          const json = JSON.stringify(machine);
          const r = checkLint(json, { filename: "f.asl.json", type: "EXPRESS", rules }, "express");
          if (r.violations.length) throw new Error(explain(r.violations, json));
        }),
        params(100),
      );
    },
    TIMEOUT,
  );
});

describe("fuzz: mutations of the corpus, the examples and the fixtures", () => {
  const files = seedFiles();
  it("finds seed files", () => expect(files.length).toBeGreaterThan(100));

  it(
    "every mutated text: the invariants hold",
    () => {
      fc.assert(
        fc.property(fc.nat(), EDITS, fc.boolean(), (pick, edits, asYaml) => {
          const file = files[pick % files.length];
          const text = mutate(file.text, edits as [number, number, string, string][]);
          const filename = asYaml || /\.ya?ml$/.test(file.name) ? "m.asl.yaml" : "m.asl.json";
          const r = checkLint(text, { filename }, `${file.name} mutated`);
          if (r.violations.length) throw new Error(explain(r.violations, text));
        }),
        params(1500),
      );
    },
    TIMEOUT,
  );

  it(
    "whole files, as themselves and with CRLF line breaks",
    () => {
      const step = runs(1) > 1 ? 1 : 4; // every file in the long campaign, every fourth in the short one
      for (let i = 0; i < files.length; i += step) {
        const { name, text } = files[i];
        for (const t of [text, text.replace(/\r?\n/g, "\r\n")]) {
          const r = checkLint(t, { filename: name }, name);
          expect(r.violations, explain(r.violations, t)).toEqual([]);
        }
      }
    },
    TIMEOUT,
  );
});

describe("fuzz: requests and redrive inputs", () => {
  const check = (what: string, fn: () => { result: string; diagnostics: unknown[] }, text: string) => {
    tally.inputs++;
    const c0 = process.cpuUsage();
    let out: ReturnType<typeof fn>;
    try {
      out = fn();
    } catch (e) {
      tally.violations++;
      throw new Error(`${what} threw ${(e as Error)?.stack}\n${text}`);
    }
    const d = process.cpuUsage(c0);
    const ms = (d.user + d.system) / 1000;
    tally.worstMs = Math.max(tally.worstMs, ms);
    const bad = checkResult(text, out as never, what);
    if (ms > budgetMs(text)) bad.push(`${what}: ${ms.toFixed(0)} ms`);
    if (bad.length) {
      tally.violations += bad.length;
      throw new Error(explain(bad, text));
    }
  };

  it(
    "checkRequest: every API on generated and mutated requests",
    () => {
      fc.assert(
        fc.property(REQUEST, fc.constantFrom(...APIS), fc.option(EDITS, { nil: undefined }), fc.boolean(), (req, api, edits, yaml) => {
          let text = yaml ? stringify(req) : JSON.stringify(req, null, 1);
          if (edits) text = mutate(text, edits as [number, number, string, string][]);
          check(api, () => checkRequest(api, text, { filename: yaml ? "r.yaml" : "r.json" }), text);
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    "checkRedrive: describe and history outputs",
    () => {
      fc.assert(
        fc.property(DESCRIBE, fc.option(HISTORY, { nil: undefined }), fc.option(EDITS, { nil: undefined }), (describe, history, edits) => {
          let text = JSON.stringify(describe);
          if (edits) text = mutate(text, edits as [number, number, string, string][]);
          const historyText = history ? JSON.stringify(history) : undefined;
          tally.inputs++;
          let out;
          try {
            out = checkRedrive(text, { now: new Date("2024-05-06T09:00:00Z"), history: historyText ? { text: historyText } : undefined });
          } catch (e) {
            tally.violations++;
            throw new Error(`checkRedrive threw ${(e as Error)?.stack}\n${text}\n${historyText}`);
          }
          const bad = [...checkResult(text, out.describe, "describe", false), ...(out.history && historyText ? checkResult(historyText, out.history, "history", false) : [])];
          if (!["REDRIVABLE", "NOT_REDRIVABLE", "REDRIVABLE_BY_MAP_RUN", "UNKNOWN"].includes(out.status)) bad.push(`status ${out.status}`);
          // the verdict: OK exactly when REDRIVABLE, and never REDRIVABLE beside an error
          if ((out.describe.result === "OK") !== (out.status === "REDRIVABLE")) bad.push(`result ${out.describe.result} with status ${out.status}`);
          const errors = [...out.describe.diagnostics, ...(out.history?.diagnostics ?? [])].filter((d) => d.severity === "ERROR");
          if (out.status === "REDRIVABLE" && errors.length) bad.push(`REDRIVABLE beside an error: ${errors[0].message}`);
          if (bad.length) {
            tally.violations += bad.length;
            throw new Error(explain(bad, text));
          }
        }),
        params(400),
      );
    },
    TIMEOUT,
  );
});

afterAll(() => {
  // one line for docs/robustness.md: what this campaign tried and the worst it saw
  console.log(`fuzz engine (seed ${SEED}, scale ${runs(1)}): ${tally.inputs} inputs, ${tally.lints} lints, ${tally.violations} violations, worst ${tally.worstMs.toFixed(0)} ms CPU, worst ${tally.worstPerMb.toFixed(0)} ms per MB (inputs of 10 KB or more)`);
});
