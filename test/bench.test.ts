/**
 * Smoke test of the benchmark's definition generator (bench/generate.mjs): the generated
 * definitions are deterministic, have the promised state counts and lengths, hold the
 * promised mix, and are valid for aslint (no ERROR); how the bench pools the samples of its
 * processes; and what its reference walk reads. No timing here: see `npm run bench`.
 */
import { describe, expect, it } from "vitest";
import { lint } from "../src/lint.js";
import { generateDefinition, generateNearLimit, SCALING_SIZES, DEFINITION_LIMIT, countStates } from "../bench/generate.mjs";
import { poolProcesses, summarize } from "../bench/stats.mjs";
import { readOnlyWalk } from "../bench/walk.mjs";

function errorsOf(text: string) {
  return lint(text, { filename: "bench.asl.json", type: "STANDARD" }).diagnostics.filter((d) => d.severity === "ERROR");
}

describe("bench generator", () => {
  it("is deterministic", () => {
    expect(generateDefinition({ states: 300 }).text).toBe(generateDefinition({ states: 300 }).text);
    expect(generateDefinition({ states: 300, seed: 7 }).text).not.toBe(generateDefinition({ states: 300 }).text);
  });

  it("has the promised mix of states and expressions", () => {
    const { text } = generateDefinition({ states: 1000 });
    const types = new Set<string>();
    const walk = (scope: { States?: Record<string, { Type: string; Branches?: unknown[]; ItemProcessor?: unknown }> }) => {
      for (const s of Object.values(scope.States ?? {})) {
        types.add(s.Type);
        for (const b of (s.Branches ?? []) as (typeof scope)[]) walk(b);
        if (s.ItemProcessor) walk(s.ItemProcessor as typeof scope);
      }
    };
    walk(JSON.parse(text));
    expect([...types].sort()).toEqual(["Choice", "Fail", "Map", "Parallel", "Pass", "Succeed", "Task", "Wait"]);
    for (const needle of ['"QueryLanguage":"JSONata"', "{% ", "States.Format(", "States.Array(", "arn:aws:states:::lambda:invoke", "arn:aws:lambda:", "arn:aws:states:::dynamodb:", '"Retry":', '"Catch":', '"Mode":"DISTRIBUTED"', '"Assign":']) {
      expect(text).toContain(needle);
    }
  });

  it.each(SCALING_SIZES)("%i states: exact count, under the quota, no ERROR", (n) => {
    const d = generateDefinition({ states: n });
    expect(d.states).toBe(n);
    expect(countStates(JSON.parse(d.text))).toBe(n);
    expect(d.length).toBeLessThan(DEFINITION_LIMIT);
    expect(errorsOf(d.text)).toEqual([]);
  });

  it.each([0, 2])("near the quota (indent %i): exactly 1,048,575 characters, no ERROR", (indent) => {
    const d = generateNearLimit({ indent });
    expect(d.text.length).toBe(DEFINITION_LIMIT - 1);
    expect(d.length).toBe(1_048_575);
    expect(d.states).toBeGreaterThan(indent ? 2000 : 4000);
    expect(errorsOf(d.text)).toEqual([]);
  });
});

describe("bench statistics", () => {
  it("pools the scale children of one definition and keeps each one's median", () => {
    const runs = [
      { lintMs: [10, 12, 11], cpuMs: [10, 12, 11], parseMs: [2, 2], loadAverage: { before: "1", after: "1" } },
      { lintMs: [20, 22, 21, 23], cpuMs: [20, 22, 21, 23], parseMs: [3, 3], walkMs: [4], loadAverage: { before: "2", after: "2" } },
    ];
    const p = poolProcesses(runs);
    expect(p.lintMs).toEqual([10, 12, 11, 20, 22, 21, 23]);
    expect(p.parseMs).toEqual([2, 2, 3, 3]);
    expect(p.walkMs).toEqual([4]);
    expect(summarize(p.lintMs).median).toBe(20);
    expect(p.processes.map((x) => [x.median, x.parseMedian, x.walkMedian, x.n])).toEqual([
      [11, 2, undefined, 3],
      [21.5, 3, 4, 4],
    ]);
    // the anchors' children time no JSON.parse
    expect(poolProcesses([{ lintMs: [5], cpuMs: [5] }]).processes[0].parseMedian).toBeUndefined();
  });
});

describe("bench reference walk", () => {
  it("reads every member of every object and array, the same on every pass", () => {
    const value = JSON.parse('{"a":"x","b":[1,"y",{"c":"z","d":null}],"e":{},"f":[]}');
    const w = readOnlyWalk(value);
    expect(w.containers).toBe(5); // the root, b, b[2], e, f
    expect(w.members).toBe(9); // a b e f; b's 3; c d
    expect(w.pass()).toBe(3); // "x" "y" "z"
    expect(w.pass()).toBe(3);
  });

  it("grows with the tree: twice the states, about twice the members", () => {
    const small = readOnlyWalk(JSON.parse(generateDefinition({ states: 200 }).text));
    const large = readOnlyWalk(JSON.parse(generateDefinition({ states: 400 }).text));
    expect(large.members / small.members).toBeGreaterThan(1.8);
    expect(large.members / small.members).toBeLessThan(2.2);
    expect(large.pass()).toBeGreaterThan(small.pass());
  });

  it("takes a scalar or an empty document", () => {
    expect(readOnlyWalk("text").pass()).toBe(0);
    expect(readOnlyWalk({}).members).toBe(0);
  });
});
