import { describe, expect, it } from "vitest";
import {
  CONTEXT_FIELDS,
  contextChildren,
  looksLikePath,
  parsePath,
  plainNames,
  scanPathAt,
} from "../../src/expr/path.js";

describe("parsePath structure", () => {
  it("returns segments with ranges", () => {
    const text = "$.store['book shelf'][0].*";
    const r = parsePath(text);
    expect(r.ok).toBe(true);
    expect(r.root).toBe("$");
    expect(r.definite).toBe(false);
    expect(r.segments.map((s) => s.kind)).toEqual(["name", "name", "index", "wildcard"]);
    const [a, b, c, d] = r.segments;
    expect(text.slice(a.start, a.end)).toBe(".store");
    expect(text.slice(b.start, b.end)).toBe("['book shelf']");
    if (b.kind !== "name") throw new Error("kind");
    expect(b.bracket).toBe(true);
    expect(text.slice(b.nameStart, b.nameEnd)).toBe("book shelf");
    expect(text.slice(c.start, c.end)).toBe("[0]");
    expect(text.slice(d.start, d.end)).toBe(".*");
  });

  it("decodes escaped bracket names", () => {
    const r = parsePath("$['it\\'s']");
    expect(r.ok).toBe(true);
    expect(r.segments[0]).toMatchObject({ kind: "name", name: "it's" });
  });

  it("marks recursive descent segments as deep", () => {
    const r = parsePath("$..a.b");
    expect(r.segments.map((s) => [s.kind, s.deep])).toEqual([
      ["name", true],
      ["name", false],
    ]);
    expect(r.definite).toBe(false);
  });

  it("reports slices, unions and filters with their parts", () => {
    expect(parsePath("$.a[1:5:2]").segments[1]).toMatchObject({ kind: "slice", from: 1, to: 5, step: 2 });
    expect(parsePath("$.a[-2:]").segments[1]).toMatchObject({ kind: "slice", from: -2 });
    expect(parsePath("$.a[0, 3]").segments[1]).toMatchObject({ kind: "union", indexes: [0, 3] });
    expect(parsePath("$['x','y']").segments[0]).toMatchObject({ kind: "union", names: ["x", "y"] });
    const f = parsePath("$.a[?(@.b > 1)]").segments[1];
    expect(f).toMatchObject({ kind: "filter", expression: "@.b > 1" });
  });

  it("recognises variables with their range", () => {
    const r = parsePath("$order.total");
    expect(r.root).toBe("variable");
    expect(r.variable).toEqual({ name: "order", start: 0, end: 6 });
    expect(plainNames(r)).toEqual(["total"]);
  });

  it("recognises non-ASCII variable names", () => {
    const r = parsePath("$größe.x");
    expect(r.ok).toBe(true);
    expect(r.variable?.name).toBe("größe");
  });

  it("recognises the context object", () => {
    const r = parsePath("$$.Execution.Input.a");
    expect(r.root).toBe("$$");
    expect(r.contextErrors).toEqual([]);
    expect(plainNames(r)).toEqual(["Execution", "Input", "a"]);
  });

  it("definite is true for plain and single-index paths", () => {
    expect(parsePath("$.a[0].b").definite).toBe(true);
    expect(parsePath("$.a[-1]").definite).toBe(true);
    expect(parsePath("$.a[0,1]").definite).toBe(false);
  });

  it("collects several reference-path errors, each on its own range", () => {
    const text = "$.a[*].b[?(@.x)]";
    const r = parsePath(text, { reference: true, field: "ItemsPath" });
    expect(r.errors.map((e) => text.slice(e.start, e.end))).toEqual(["[*]", "[?(@.x)]"]);
    expect(r.errors[1].message).toContain("ItemsPath must select a single node");
  });

  it("keeps unknown context fields out of errors (AWS may add fields)", () => {
    const r = parsePath("$$.Execution.Foo");
    expect(r.ok).toBe(true);
    expect(r.contextErrors).toHaveLength(1);
  });

  it("does not check context fields below open fields or after non-name segments", () => {
    expect(parsePath("$$.Map.Item.Value.anything.at.all").contextErrors).toEqual([]);
    expect(parsePath("$$.Execution.Input[0].x").contextErrors).toEqual([]);
    expect(parsePath("$$[0]").contextErrors).toEqual([]);
  });
});

describe("scanPathAt (argument mode)", () => {
  it("stops at ',' and ')' and reports offsets into the whole string", () => {
    const text = "States.Format('{}', $.a['b c'], 1)";
    const start = text.indexOf("$");
    const r = scanPathAt(text, start, {}, "arg");
    expect(r.ok).toBe(true);
    expect(text.slice(start, r.end)).toBe("$.a['b c']");
    const seg = r.segments[1];
    expect(seg.kind === "name" && text.slice(seg.nameStart, seg.nameEnd)).toBe("b c");
  });

  it("shifts error offsets into the whole string", () => {
    const text = "States.Array(1, $.a..)";
    const start = text.indexOf("$");
    const r = scanPathAt(text, start, {}, "arg");
    expect(r.ok).toBe(false);
    expect(text.slice(r.errors[0].start, r.errors[0].end)).toBe("..");
    expect(text[r.end]).toBe(")");
  });
});

describe("looksLikePath", () => {
  it.each([
    ["$.a", true],
    ["$", true],
    ["$$.Execution.Id", true],
    ["$var", true],
    ["$100", false],
    ["$5.00", false],
    ["$ per month", false],
    ["a.b", false],
    ["", false],
  ])("%j → %s", (s, expected) => {
    expect(looksLikePath(s)).toBe(expected);
  });
});

describe("CONTEXT_FIELDS", () => {
  it("lists the documented fields", () => {
    const paths = CONTEXT_FIELDS.map((f) => f.path);
    for (const p of [
      "Execution.Id",
      "Execution.Input",
      "Execution.Name",
      "Execution.RoleArn",
      "Execution.StartTime",
      "Execution.RedriveCount",
      "Execution.RedriveTime",
      "State.EnteredTime",
      "State.Name",
      "State.RetryCount",
      "StateMachine.Id",
      "StateMachine.Name",
      "Task.Token",
      "Map.Item.Index",
      "Map.Item.Value",
      "Map.Item.Key",
      "Map.Item.Source",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("contextChildren lists direct children for completion", () => {
    expect(contextChildren([]).map((f) => f.path)).toEqual(["Execution", "State", "StateMachine", "Task", "Map"]);
    expect(contextChildren(["Map", "Item"]).map((f) => f.path)).toEqual([
      "Map.Item.Index",
      "Map.Item.Value",
      "Map.Item.Key",
      "Map.Item.Source",
    ]);
  });
});
