import { describe, expect, it } from "vitest";
import {
  INTRINSICS,
  STRING_INTRINSICS,
  checkIntrinsic,
  formatPlaceholders,
  looksLikeIntrinsic,
  parseIntrinsic,
  parsePayloadValue,
} from "../../src/expr/intrinsic.js";

describe("parseIntrinsic tree", () => {
  it("keeps offsets for every node", () => {
    const text = "States.Format('{} is {}', $.name, States.MathAdd(1, -2.5))";
    const r = parseIntrinsic(text);
    expect(r.ok).toBe(true);
    const call = r.call!;
    expect(call.name).toBe("States.Format");
    expect(text.slice(call.nameStart, call.nameEnd)).toBe("States.Format");
    expect([call.start, call.end]).toEqual([0, text.length]);
    const [tpl, path, nested] = call.args;
    expect(tpl).toMatchObject({ kind: "string", value: "{} is {}" });
    expect(text.slice(tpl.start, tpl.end)).toBe("'{} is {}'");
    expect(path.kind).toBe("path");
    expect(text.slice(path.start, path.end)).toBe("$.name");
    expect(nested.kind).toBe("call");
    if (nested.kind !== "call") throw new Error("kind");
    expect(text.slice(nested.start, nested.end)).toBe("States.MathAdd(1, -2.5)");
    expect(nested.args.map((a) => (a.kind === "number" ? a.value : null))).toEqual([1, -2.5]);
  });

  it("decodes escapes but keeps the raw text", () => {
    const r = parseIntrinsic("States.Format('a \\' \\{ \\} \\\\ b')");
    const s = r.call!.args[0];
    expect(s).toMatchObject({ kind: "string", value: "a ' { } \\ b", raw: "a \\' \\{ \\} \\\\ b" });
  });

  it("returns a partial tree for an unclosed call", () => {
    const r = parseIntrinsic("States.Format('x', $.a");
    expect(r.ok).toBe(false);
    expect(r.call?.closed).toBe(false);
    expect(r.call?.args).toHaveLength(2);
  });

  it("keeps parsing after a bad path argument and reports every path error", () => {
    const text = "States.Array($.a.., $.b[)";
    const r = parseIntrinsic(text);
    expect(r.errors.map((e) => text.slice(e.start, e.end))).toEqual(["..", "["]);
  });

  it("reports every bad escape in a string", () => {
    const text = "States.Format('\\n and \\t')";
    const r = parseIntrinsic(text);
    expect(r.errors.map((e) => text.slice(e.start, e.end))).toEqual(["\\n", "\\t"]);
  });
});

describe("checkIntrinsic", () => {
  it("does not count escaped braces as placeholders", () => {
    expect(formatPlaceholders("\\{\\} {} {}")).toEqual({ count: 2, lone: [] });
    const r = parseIntrinsic("States.Format('\\{{}\\}', $.a)");
    expect(checkIntrinsic(r.call!)).toEqual([]);
  });

  it("applies the allowed set only to the outermost call", () => {
    const r = parseIntrinsic("States.Format('{}', States.Array(1, 2))");
    const errs = checkIntrinsic(r.call!, { allowed: STRING_INTRINSICS });
    // States.Array is nested (allowed), but is not a valid Format value.
    expect(errs).toHaveLength(1);
    expect(errs[0].message).toContain("values must be strings");
  });

  it("rounds literals to the nearest integer like AWS", () => {
    expect(checkIntrinsic(parseIntrinsic("States.ArrayPartition($.a, 0.5)").call!)).toEqual([]);
    expect(checkIntrinsic(parseIntrinsic("States.ArrayPartition($.a, 0.4)").call!)).toHaveLength(1);
    expect(checkIntrinsic(parseIntrinsic("States.ArrayRange(1, 1000.4, 1)").call!)).toEqual([]);
    expect(checkIntrinsic(parseIntrinsic("States.ArrayRange(0, 1000, 1)").call!)).toHaveLength(1);
  });
});

describe("INTRINSICS table", () => {
  it("has the 18 documented functions with signatures and descriptions", () => {
    expect(INTRINSICS.map((f) => f.name).sort()).toEqual(
      [
        "States.Format",
        "States.StringToJson",
        "States.JsonToString",
        "States.Array",
        "States.ArrayPartition",
        "States.ArrayContains",
        "States.ArrayRange",
        "States.ArrayGetItem",
        "States.ArrayLength",
        "States.ArrayUnique",
        "States.Base64Encode",
        "States.Base64Decode",
        "States.Hash",
        "States.JsonMerge",
        "States.MathRandom",
        "States.MathAdd",
        "States.StringSplit",
        "States.UUID",
      ].sort(),
    );
    for (const f of INTRINSICS) {
      expect(f.signature.startsWith(f.name + "(")).toBe(true);
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.minArgs).toBeLessThanOrEqual(f.maxArgs);
    }
    expect(STRING_INTRINSICS.size).toBe(7);
  });
});

describe("looksLikeIntrinsic / parsePayloadValue", () => {
  it.each([
    ["States.Format('x')", true],
    ["States.UUID()", true],
    ["States.ALL", false],
    ["States.Timeout", false],
    ["$.a", false],
    ["Format('x')", false],
  ])("looksLikeIntrinsic(%j) → %s", (s, expected) => {
    expect(looksLikeIntrinsic(s)).toBe(expected);
  });

  it("classifies payload values", () => {
    expect(parsePayloadValue("$.a").kind).toBe("path");
    expect(parsePayloadValue("$$.Execution.Id").kind).toBe("path");
    expect(parsePayloadValue("States.UUID()").kind).toBe("intrinsic");
    expect(parsePayloadValue("states.uuid()").kind).toBe("intrinsic");
    expect(parsePayloadValue("hello").kind).toBe("none");
    expect(parsePayloadValue("States.ALL").kind).toBe("none");
    const p = parsePayloadValue("$.a..");
    expect(p.kind === "path" && p.path.ok).toBe(false);
  });
});
