import { describe, expect, it } from "vitest";
import { evaluatePath } from "../../src/eval/path.js";
import { evaluateIntrinsicText } from "../../src/eval/intrinsic.js";
import { evaluateTemplate } from "../../src/eval/template.js";
import { applyPathFilter, applyResultPath } from "../../src/eval/io.js";
import { evaluateJsonPathRule, evaluateCondition, stringMatches } from "../../src/eval/choice.js";
import { evaluateJsonata, evaluateJsonataValue } from "../../src/eval/jsonata.js";
import { waitDuration, waitSeconds } from "../../src/eval/wait.js";
import { StatesError } from "../../src/eval/errors.js";
import type { Json } from "../../src/eval/json.js";

const data = { a: { b: [1, 2, 3], "c d": "x" }, items: [{ p: 5, n: "x" }, { p: 15, n: "y" }, { n: "z" }], s: "1,2;3" } as Json;

function failure(f: () => unknown): StatesError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error("no failure");
}

async function failureAsync(f: () => Promise<unknown>): Promise<StatesError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error("no failure");
}

describe("path evaluation", () => {
  it("selects definite paths, or nothing", () => {
    expect(evaluatePath("$", data)).toEqual({ found: true, value: data });
    expect(evaluatePath("$.a.b[1]", data)).toEqual({ found: true, value: 2 });
    expect(evaluatePath("$.a.b[-1]", data)).toEqual({ found: true, value: 3 });
    expect(evaluatePath("$.a['c d']", data)).toEqual({ found: true, value: "x" });
    expect(evaluatePath("$.a.missing", data).found).toBe(false);
    expect(evaluatePath("$.a.b[9]", data).found).toBe(false);
  });
  it("selects lists with wildcards, slices, unions, filters and descent", () => {
    expect(evaluatePath("$.items[*].n", data)).toEqual({ found: true, value: ["x", "y", "z"] });
    expect(evaluatePath("$.a.b[0:2]", data)).toEqual({ found: true, value: [1, 2] });
    expect(evaluatePath("$.a.b[0,2]", data)).toEqual({ found: true, value: [1, 3] });
    expect(evaluatePath("$.items[?(@.p < 10)].n", data)).toEqual({ found: true, value: ["x"] });
    expect(evaluatePath("$.items[?(@.p)].n", data)).toEqual({ found: true, value: ["x", "y"] });
    expect(evaluatePath("$.items[?(@.n == 'y' || @.p == 5)].n", data)).toEqual({ found: true, value: ["x", "y"] });
    expect(evaluatePath("$..n", data)).toEqual({ found: true, value: ["x", "y", "z"] });
    expect(evaluatePath("$.items[?(@.p > 100)]", data)).toEqual({ found: true, value: [] });
  });
  it("reads the context object and variables", () => {
    expect(evaluatePath("$$.State.Name", data, { context: { State: { Name: "S" } } })).toEqual({ found: true, value: "S" });
    expect(evaluatePath("$v.k", data, { variables: { v: { k: 1 } } })).toEqual({ found: true, value: 1 });
    expect(evaluatePath("$w", data, { variables: { v: 1 } }).found).toBe(false);
  });
  it("never reads the prototype", () => {
    expect(evaluatePath("$.constructor", {}).found).toBe(false);
    expect(evaluatePath("$.__proto__", {}).found).toBe(false);
  });
});

describe("intrinsic functions", () => {
  const ev = (t: string) => evaluateIntrinsicText(t, data);
  it("formats with escapes", () => {
    expect(ev("States.Format('Hello {} and {}', $.a['c d'], 3)")).toBe("Hello x and 3");
    expect(ev("States.Format('v={} b={} n={}', $.a.b[0], true, null)")).toBe("v=1 b=true n=null");
    expect(ev("States.Format('a \\{\\} {}', 'x')")).toBe("a {} x");
    expect(failure(() => ev("States.Format('{} {}', 'x')")).error).toBe("States.Runtime");
    expect(failure(() => ev("States.Format('{}', $.a)")).cause).toMatch(/States\.Format/);
  });
  it("computes arrays", () => {
    expect(ev("States.Array(1, 'a', $.a.b)")).toEqual([1, "a", [1, 2, 3]]);
    expect(ev("States.ArrayPartition($.a.b, 2)")).toEqual([[1, 2], [3]]);
    expect(ev("States.ArrayContains($.a.b, 2)")).toBe(true);
    expect(ev("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(ev("States.ArrayGetItem($.a.b, 1)")).toBe(2);
    expect(ev("States.ArrayLength($.a.b)")).toBe(3);
    expect(ev("States.ArrayUnique(States.Array(1, 1, 2))")).toEqual([1, 2]);
    expect(failure(() => ev("States.ArrayRange(0, 2000, 1)")).cause).toMatch(/1000/);
    expect(failure(() => ev("States.ArrayGetItem($.a.b, 5)")).error).toBe("States.Runtime");
  });
  it("does math with AWS's rounding and bounds", () => {
    expect(ev("States.MathAdd(1, 2)")).toBe(3);
    expect(ev("States.MathAdd(1.6, 2)")).toBe(4);
    expect(failure(() => ev("States.MathAdd(2147483647, 1)")).error).toBe("States.Runtime");
    expect(failure(() => ev("States.MathAdd($.s, 1)")).cause).toMatch(/number, got string/);
    const r = ev("States.MathRandom(1, 10)") as number;
    expect(r >= 1 && r < 10).toBe(true);
    expect(ev("States.MathRandom(1, 1000, 7)")).toBe(ev("States.MathRandom(1, 1000, 7)"));
  });
  it("encodes, hashes, splits, merges, parses", () => {
    expect(ev("States.Base64Encode('hi')")).toBe("aGk=");
    expect(ev("States.Base64Decode('aGk=')")).toBe("hi");
    expect(ev("States.Hash('abc', 'SHA-256')")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(ev("States.Hash('abc', 'MD5')")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(failure(() => ev("States.Hash('abc', 'sha256')")).cause).toMatch(/not supported/);
    expect(ev("States.StringSplit($.s, ',;')")).toEqual(["1", "2", "3"]);
    expect(ev("States.JsonMerge(States.StringToJson('{\"a\":{\"x\":1}}'), States.StringToJson('{\"a\":{\"y\":2}}'), false)")).toEqual({ a: { y: 2 } });
    expect(failure(() => ev("States.JsonMerge($.a, $.a, true)")).cause).toMatch(/Deep merge/);
    expect(ev("States.JsonToString($.a.b)")).toBe("[1,2,3]");
    expect(ev("States.UUID()")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("payload templates and the path pipeline", () => {
  it("evaluates .$ keys and keeps the rest", () => {
    expect(evaluateTemplate({ "x.$": "$.a.b[0]", y: "$.lit", z: { "n.$": "States.ArrayLength($.a.b)" }, "c.$": "$$.k" }, data, { context: { k: 7 } }, "Parameters")).toEqual({
      x: 1,
      y: "$.lit",
      z: { n: 3 },
      c: 7,
    });
    const e = failure(() => evaluateTemplate({ "x.$": "$.nope" }, { a: 1 }, {}, "Parameters"));
    expect(e.error).toBe("States.Runtime");
    expect(e.cause).toBe(`The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{"a":1}'`);
  });
  it("applies InputPath, ResultPath, OutputPath", () => {
    expect(applyPathFilter(undefined, data, {}, "InputPath")).toBe(data);
    expect(applyPathFilter(null, data, {}, "InputPath")).toEqual({});
    expect(failure(() => applyPathFilter("$.zz", data, {}, "InputPath")).cause).toBe("Invalid path '$.zz' : No results for path: $['zz']");
    expect(applyResultPath("$.r.s", { a: 1 }, 2)).toEqual({ a: 1, r: { s: 2 } });
    expect(applyResultPath(null, { a: 1 }, 2)).toEqual({ a: 1 });
    expect(applyResultPath(undefined, { a: 1 }, 2)).toBe(2);
    expect(failure(() => applyResultPath("$.a.b", { a: 1 }, 2)).error).toBe("States.Runtime");
  });
});

describe("choice rules", () => {
  const d = { type: "Private", value: 22, ts: "2024-01-01T00:00:00Z", s: "file.txt" };
  it("compares with AWS's typing", () => {
    expect(evaluateJsonPathRule({ Variable: "$.value", NumericGreaterThanEquals: 20 }, d, {})).toBe(true);
    expect(evaluateJsonPathRule({ Variable: "$.type", NumericEquals: 1 }, d, {})).toBe(false);
    expect(evaluateJsonPathRule({ Not: { Variable: "$.type", StringEquals: "Private" } }, d, {})).toBe(false);
    expect(evaluateJsonPathRule({ And: [{ Variable: "$.value", NumericLessThan: 30 }, { Variable: "$.ts", TimestampLessThan: "2025-01-01T00:00:00Z" }] }, d, {})).toBe(true);
    expect(evaluateJsonPathRule({ Variable: "$.value", NumericEqualsPath: "$.value" }, d, {})).toBe(true);
    expect(evaluateJsonPathRule({ Variable: "$.s", StringMatches: "*.txt" }, d, {})).toBe(true);
    expect(evaluateJsonPathRule({ Variable: "$.nope", IsPresent: false }, d, {})).toBe(true);
    expect(evaluateJsonPathRule({ Variable: "$.ts", IsTimestamp: true }, d, {})).toBe(true);
    expect(failure(() => evaluateJsonPathRule({ Variable: "$.nope", StringEquals: "x" }, d, {})).cause).toMatch(/condition path references an invalid value/);
    expect(stringMatches("a*b", "a\\*b")).toBe(true);
    expect(stringMatches("a\\b", "a\\\\b")).toBe(true);
    expect(stringMatches("log-2024-01.txt", "log-*-*.txt")).toBe(true);
    expect(stringMatches("log-2024.txt", "log-*-*.txt")).toBe(false);
    expect(stringMatches("", "*")).toBe(true);
    expect(stringMatches("😀x", "😀*")).toBe(true);
    expect(stringMatches("abc", "")).toBe(false);
    expect(failure(() => stringMatches("a", "a\\q")).error).toBe("States.Runtime");
    // linear: many stars on a long value that does not match
    const started = Date.now();
    expect(stringMatches("a".repeat(20_000), "*a*a*a*a*a*a*a*a*b")).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stringMatches("axb", "a\\*b")).toBe(false);
  });
  it("evaluates JSONata conditions", async () => {
    expect(await evaluateCondition("{% $states.input.cost < 10 %}", { states: { input: { cost: 9 } } })).toBe(true);
    expect((await failureAsync(() => evaluateCondition("{% $states.input.cost %}", { states: { input: { cost: 9 } } }))).error).toBe("States.QueryEvaluationError");
  });
});

describe("JSONata", () => {
  it("binds $states and variables, with the Step Functions functions", async () => {
    const env = { states: { input: { v: [1, 2, 3, 4, 5] } }, variables: { k: 10 } };
    expect(await evaluateJsonataValue({ a: "{% $sum($states.input.v) + $k %}", b: " {% 1 %} ", c: ["{% $partition($states.input.v, 2) %}"] }, env, "Output")).toEqual({
      a: 25,
      b: " {% 1 %} ",
      c: [[[1, 2], [3, 4], [5]]],
    });
    expect(await evaluateJsonata("{% $range(0, 10, 5) %}", env, "Output")).toEqual([0, 5, 10]);
    expect(await evaluateJsonata("{% $hash('abc', 'MD5') %}", env, "Output")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(await evaluateJsonata("{% $parse('{\"x\":1}') %}", env, "Output")).toEqual({ x: 1 });
    expect(await evaluateJsonata("{% $random(3) %}", env, "Output")).toBe(await evaluateJsonata("{% $random(3) %}", env, "Output"));
    expect(await evaluateJsonata("{% $uuid() %}", env, "Output")).toMatch(/^[0-9a-f-]{36}$/);
  });
  it("fails with States.QueryEvaluationError on undefined, errors and $eval", async () => {
    const env = { states: { input: {} } };
    const e = await failureAsync(() => evaluateJsonata("{% $states.input.missing %}", env, "Output"));
    expect(e.error).toBe("States.QueryEvaluationError");
    expect(e.cause).toMatch(/returned nothing/);
    expect((await failureAsync(() => evaluateJsonata("{% $eval('1') %}", env, "Output"))).cause).toMatch(/\$eval is not supported/);
    expect((await failureAsync(() => evaluateJsonata("{% $error('boom') %}", env, "Output"))).cause).toMatch(/boom/);
  });
  it("stops a runaway expression", async () => {
    const started = Date.now();
    const e = await failureAsync(() => evaluateJsonata("{% ($f := function($n) { $f($n + 1) }; $f(0)) %}", { states: {} }, "Output"));
    expect(e.error).toBe("States.QueryEvaluationError");
    const e2 = await failureAsync(() => evaluateJsonata("{% $count($range(0, 5000000)[$ > 3]) %}", { states: {} }, "Output"));
    expect(e2.error).toBe("States.QueryEvaluationError");
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("wait durations", () => {
  it("computes seconds and timestamps", () => {
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(waitDuration(now, { seconds: 30 })).toEqual({ seconds: 30, until: "2024-01-01T00:00:30.000Z" });
    expect(waitDuration(now, { timestamp: "2024-01-01T00:01:00.900Z", field: "Timestamp" })).toEqual({ seconds: 60, until: "2024-01-01T00:01:00.000Z" });
    expect(waitDuration(now, { timestamp: "2023-01-01T00:00:00Z", field: "Timestamp" }).seconds).toBe(0);
    expect(failure(() => waitSeconds(-1, "Seconds")).error).toBe("States.Runtime");
    expect(failure(() => waitSeconds("5" as Json, "SecondsPath")).error).toBe("States.Runtime");
  });
});
