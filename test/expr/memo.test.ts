/**
 * The rules parse expressions through size-bounded caches (src/expr/memo.ts): the results are
 * shared between callers and lints, so they must equal a fresh parse, and under the test runner
 * they are frozen (a caller that writes to one fails here rather than corrupting later lints).
 */
import { describe, expect, it } from "vitest";
import { deepFreeze, memoize } from "../../src/expr/memo.js";
import { parseJsonata, parseJsonataShared } from "../../src/expr/jsonata.js";
import { parsePath, parsePathShared } from "../../src/expr/path.js";
import { checkIntrinsic, checkIntrinsicShared, parseIntrinsic, parseIntrinsicShared, parsePayloadValue, parsePayloadValueShared } from "../../src/expr/intrinsic.js";
import { classifyTaskResource, classifyTaskResourceShared } from "../../src/expr/arn.js";

describe("shared parse results", () => {
  it("equal a fresh parse, and are the same object on the next call", () => {
    for (const s of ["{% $states.input.a + $x %}", "{% $foo( %}", "{% $$ %}"]) {
      const { ast: _ast, ...fresh } = parseJsonata(s);
      expect(parseJsonataShared(s)).toEqual(fresh);
      expect(parseJsonataShared(s)).toBe(parseJsonataShared(s));
    }
    for (const s of ["$.a.b[0]", "$$.Execution.Idd", "$.a[?(@.b == 1)]", "$x.y", "not a path"]) {
      expect(parsePathShared(s)).toEqual(parsePath(s));
      expect(parsePathShared(s, { reference: true, field: "ItemsPath" })).toEqual(parsePath(s, { reference: true, field: "ItemsPath" }));
      expect(parsePathShared(s, { field: "ResultPath" })).toEqual(parsePath(s, { field: "ResultPath" }));
      expect(parsePayloadValueShared(s)).toEqual(parsePayloadValue(s));
    }
    for (const s of ["States.Format('{}', $.a)", "States.ArrayRange(1, 5000, 1)", "States.Foo(", "States.Hash($.a, 'MD4')"]) {
      expect(parseIntrinsicShared(s)).toEqual(parseIntrinsic(s));
      const p = parseIntrinsic(s);
      expect(checkIntrinsicShared(s)).toEqual(p.ok && p.call ? checkIntrinsic(p.call) : []);
    }
    for (const s of ["arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:aws:lambda:us-east-1:123456789012:function:f:1", "arn:aws:s3:::b"]) {
      expect(classifyTaskResourceShared(s)).toEqual(classifyTaskResource(s));
    }
  });

  it("are frozen under the test runner", () => {
    const r = parsePathShared("$.a.b");
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.segments)).toBe(true);
    expect(Object.isFrozen(r.segments[0])).toBe(true);
    expect(() => (r.errors as unknown[]).push(1)).toThrow();
    expect(Object.isFrozen(deepFreeze({ a: [{ b: 1 }] }).a[0])).toBe(true);
  });

  it("keep at most twice the bound, and recompute what was dropped", () => {
    let calls = 0;
    const f = memoize((s) => ({ s, n: ++calls }), 4);
    const first = f("a");
    for (const s of ["b", "c", "d", "e", "f", "g", "h", "i"]) f(s);
    const again = f("a");
    expect(again).toEqual({ s: "a", n: calls });
    expect(again).not.toBe(first);
    expect(f("i")).toBe(f("i"));
    // strings longer than the key limit are parsed every time
    const long = "x".repeat(5000);
    expect(f(long)).not.toBe(f(long));
  });
});
