import { describe, expect, it } from "vitest";
import { JSONATA_FUNCTIONS, isJsonataExpression, looksLikeJsonataExpression, parseJsonata } from "../../src/expr/jsonata.js";

const slice = (s: string, r: { start: number; end: number }) => s.slice(r.start, r.end);

describe("isJsonataExpression, and looksLikeJsonataExpression (white space around allowed)", () => {
  it.each([
    ["{% $x %}", true, true],
    ["{%$x%}", true, true],
    ["{% %}", true, true],
    ["{%}", false, false],
    [" {% $x %}", false, true],
    ["{% $x %} ", false, true],
    ["\t{%%}\n", false, true],
    ["$x", false, false],
    ["prefix {% $x %}", false, false],
    [" {% $x", false, false],
    ["{% $x %} y", false, false],
  ])("%j → %s, %s", (s, exact, loose) => {
    expect(isJsonataExpression(s)).toBe(exact);
    expect(looksLikeJsonataExpression(s)).toBe(loose);
  });
});

describe("parseJsonata errors (positions into the whole string)", () => {
  const cases: { input: string; at: string; nth?: number; msg: string; code?: string }[] = [
    { input: "{% $foo( %}", at: "%}", msg: 'Expected ")" before end of expression' },
    { input: "{% [1, 2 %}", at: "%}", msg: 'Add the missing "]"' },
    { input: '{% $x & "abc %}', at: '"abc ', msg: "String literal must be terminated" },
    { input: "{% $states.input.a == 1 %}", at: "=", nth: 2, msg: 'single "="' },
    { input: "{% $a && $b %}", at: "&", nth: 2, msg: '"and"' },
    { input: "{% $f(1 2) %}", at: "2", msg: 'Expected ")", got 2' },
    { input: "{% foo bar %}", at: "bar", msg: "Syntax error" },
    { input: '{% "a\\q" %}', at: "\\q", msg: "Unsupported escape sequence" },
    { input: "{% 'it\\'s' %}", at: "\\'", msg: "double quotes" },
    { input: '{% "\\u12" %}', at: "\\u12", msg: "4 hex digits" },
    { input: "{% /* never closed %}", at: "/*", msg: "Comment has no closing tag" },
    { input: "{% `abc %}", at: "`abc ", msg: "backquote" },
    { input: "{% 1e999 %}", at: "1e999", msg: "Number out of range" },
    { input: "{% 1 := 2 %}", at: "1", msg: "left side of :=" },
    { input: "{% function(a){1} %}", at: "a", msg: "must be a variable name" },
    { input: '{% {"a" 1} %}', at: "1", msg: 'Expected ":"' },
    { input: "{% $x.1 %}", at: "1", msg: "cannot be used as a step" },
    { input: '{% "😀" + + %}', at: "+", nth: 2, msg: "unary operator" },
    { input: "{% $x[ %}", at: "%}", msg: 'Expected "]"' },
    { input: "{% ) %}", at: ")", msg: "unary operator" },
  ];
  for (const c of cases) {
    it(`${c.input} → error on ${JSON.stringify(c.at)}`, () => {
      const r = parseJsonata(c.input);
      expect(r.ok).toBe(false);
      expect(r.errors).toHaveLength(1);
      let idx = -1;
      for (let k = 0; k < (c.nth ?? 1); k++) idx = c.input.indexOf(c.at, idx + 1);
      expect(idx).toBeGreaterThanOrEqual(0);
      const e = r.errors[0];
      expect([e.start, e.end], e.message).toEqual([idx, idx + c.at.length]);
      expect(e.message).toContain(c.msg);
      expect(e.message).toMatch(/^JSONata syntax error: /);
      expect(e.code).toMatch(/^S0\d{3}$/);
    });
  }

  it("reports delimiter problems", () => {
    expect(parseJsonata("{% $x").errors[0]).toMatchObject({ start: 0, end: 2 });
    expect(parseJsonata("{% $x %} ").errors[0]).toMatchObject({ start: 8, end: 9 });
    expect(parseJsonata("{% $x %}abc").errors[0].message).toContain("Remove the text after %}");
    expect(parseJsonata("  {% $x %}").errors[0]).toMatchObject({ start: 0, end: 2 });
    expect(parseJsonata("$x").errors[0]).toMatchObject({ start: 0, end: 2 });
    expect(parseJsonata("{%   %}").errors[0].message).toContain("Empty JSONata expression");
  });

  it("never evaluates the expression", () => {
    // $error() would throw at evaluation time; parsing must succeed silently.
    const r = parseJsonata('{% $error("boom") %}');
    expect(r.ok).toBe(true);
    expect(r.calls.map((c) => c.name)).toEqual(["error"]);
  });
});

describe("parseJsonata references", () => {
  it("finds workflow variables with exact ranges", () => {
    const s = "{% $foo + $bar.baz[0] %}";
    const r = parseJsonata(s);
    expect(r.ok).toBe(true);
    expect(r.refs.map((x) => [x.name, slice(s, x)])).toEqual([
      ["foo", "$foo"],
      ["bar", "$bar"],
    ]);
  });

  it("offsets are UTF-16 and account for non-ASCII text before the reference", () => {
    const s = '{% "😀 café" & $x %}';
    const r = parseJsonata(s);
    expect(r.refs).toHaveLength(1);
    expect(slice(s, r.refs[0])).toBe("$x");
  });

  it("excludes built-in function calls and records them as calls", () => {
    const s = "{% $string($x) & $uppercase($y) %}";
    const r = parseJsonata(s);
    expect(r.refs.map((x) => x.name)).toEqual(["x", "y"]);
    expect(r.calls.map((c) => [c.name, slice(s, c), c.known, c.invoked])).toEqual([
      ["string", "$string", true, true],
      ["uppercase", "$uppercase", true, true],
    ]);
  });

  it("treats the Step Functions functions as built-ins", () => {
    const s = "{% [$partition($a, 2), $range(0, 10, 2), $hash($b, 'MD5'), $random(), $uuid(), $parse($c)] %}";
    const r = parseJsonata(s);
    expect(r.refs.map((x) => x.name)).toEqual(["a", "b", "c"]);
    expect(r.calls.every((c) => c.known)).toBe(true);
    expect(r.calls.map((c) => c.name)).toEqual(["partition", "range", "hash", "random", "uuid", "parse"]);
  });

  it("records unknown functions as calls, not variable references", () => {
    const r = parseJsonata("{% $myFunc(1) %}");
    expect(r.refs).toEqual([]);
    expect(r.calls[0]).toMatchObject({ name: "myFunc", known: false, invoked: true });
  });

  it("records built-ins passed as values", () => {
    const s = "{% $map($xs, $string) %}";
    const r = parseJsonata(s);
    expect(r.refs.map((x) => x.name)).toEqual(["xs"]);
    expect(r.calls.map((c) => [c.name, c.invoked])).toEqual([
      ["map", true],
      ["string", false],
    ]);
  });

  it("excludes variables bound with := in a block (after the binding)", () => {
    const s = "{% ( $y := $x + 1; $x := 2; $x + $y + $z ) %}";
    const r = parseJsonata(s);
    expect(r.refs.map((x) => [x.name, x.start])).toEqual([
      ["x", s.indexOf("$x")],
      ["z", s.indexOf("$z")],
    ]);
  });

  it("block bindings do not leak out of the block", () => {
    const s = "{% ( $a := 1; $a ) + $a %}";
    const r = parseJsonata(s);
    expect(r.refs).toHaveLength(1);
    expect(r.refs[0].start).toBe(s.lastIndexOf("$a"));
  });

  it("excludes lambda parameters but not free variables in the body", () => {
    const s = "{% $map($states.input.items, function($v, $i) { $v.price * $rate + $i }) %}";
    const r = parseJsonata(s);
    expect(r.refs.map((x) => x.name)).toEqual(["rate"]);
  });

  it("excludes user-defined functions bound in a block", () => {
    const r = parseJsonata("{% ( $double := function($n) { $n * 2 }; $double($k) ) %}");
    expect(r.refs.map((x) => x.name)).toEqual(["k"]);
    expect(r.calls).toEqual([]);
  });

  it("excludes tuple bindings (@$x, #$i)", () => {
    const r = parseJsonata("{% $orders@$o.items#$i[$i < 2].{ 'o': $o.id, 'n': $n } %}");
    expect(r.refs.map((x) => x.name)).toEqual(["orders", "n"]);
  });

  it("excludes $ and $$ from refs", () => {
    const r = parseJsonata("{% $states.input.items[$.price > 1] %}");
    expect(r.refs).toEqual([]);
    expect(r.issues).toEqual([]);
  });
});

describe("parseJsonata $states uses", () => {
  it("reports $states.result with field and path", () => {
    const s = "{% $states.result.Payload.body %}";
    const r = parseJsonata(s);
    expect(r.states).toHaveLength(1);
    const st = r.states[0];
    expect(st.field).toBe("result");
    expect(st.path).toEqual(["result", "Payload", "body"]);
    expect(slice(s, st)).toBe("$states.result.Payload.body");
    expect(st.segments.map((g) => slice(s, g))).toEqual(["result", "Payload", "body"]);
  });

  it("stops the path at a predicate", () => {
    const s = "{% $states.input.items[0].name %}";
    const st = parseJsonata(s).states[0];
    expect(st.path).toEqual(["input", "items"]);
    expect(slice(s, st)).toBe("$states.input.items");
  });

  it("finds $states in nested positions and every field kind", () => {
    const s = '{% { "a": $states.input.a, "b": $count($states.errorOutput.Cause), "c": $states.context.Execution.Id } %}';
    const r = parseJsonata(s);
    expect(r.states.map((x) => x.field)).toEqual(["input", "errorOutput", "context"]);
    expect(r.refs).toEqual([]);
  });

  it("handles quoted field names after $states", () => {
    const s = "{% $states.`input`.'a b' %}";
    const st = parseJsonata(s).states[0];
    expect(st.path).toEqual(["input", "a b"]);
    expect(slice(s, st)).toBe("$states.`input`.'a b'");
  });

  it("reports a bare $states with a null field", () => {
    const r = parseJsonata("{% $keys($states) %}");
    expect(r.states).toEqual([{ field: null, path: [], segments: [], start: 9, end: 16 }]);
  });

  it("flags unknown $states fields and context fields", () => {
    const s = "{% $states.inputs & $states.context.Execution.Idd %}";
    const r = parseJsonata(s);
    expect(r.issues.map((i) => [i.code, slice(s, i)])).toEqual([
      ["unknown-states-field", "inputs"],
      ["unknown-context-field", "Idd"],
    ]);
    expect(r.issues[0].message).toContain("Did you mean $states.input?");
  });
});

describe("parseJsonata Step Functions restrictions", () => {
  it("flags $$ anywhere", () => {
    const s = "{% $states.input.items[$$.x = 1] %}";
    const r = parseJsonata(s);
    expect(r.issues.map((i) => [i.code, slice(s, i)])).toEqual([["dollar-dollar", "$$"]]);
  });

  it("flags top-level $ and bare field names, but not nested ones", () => {
    const s = "{% phone & $ & $states.input.items[price > 1].name %}";
    const r = parseJsonata(s);
    expect(r.issues.map((i) => [i.code, slice(s, i)])).toEqual([
      ["top-level-input", "phone"],
      ["top-level-input", "$"],
    ]);
  });

  it("flags top-level wildcards", () => {
    const r = parseJsonata("{% ** %}");
    expect(r.issues[0].code).toBe("top-level-input");
  });

  it("flags $eval and JSONata 2.1 operators", () => {
    const s = '{% $eval("1") & ($x ?: "d") & ($y ?? "e") %}';
    const r = parseJsonata(s);
    expect(r.issues.map((i) => [i.code, slice(s, i)])).toEqual([
      ["unsupported-function", "$eval"],
      ["unsupported-operator", "?:"],
      ["unsupported-operator", "??"],
    ]);
    expect(r.refs.map((x) => x.name)).toEqual(["x", "y"]);
  });

  it("does not flag the ternary operator", () => {
    expect(parseJsonata("{% $x ? 1 : 2 %}").issues).toEqual([]);
  });
});

describe("JSONATA_FUNCTIONS catalogue", () => {
  it("includes the standard functions and the six Step Functions ones", () => {
    const names = new Set(JSONATA_FUNCTIONS.map((f) => f.name));
    for (const n of ["string", "substring", "map", "reduce", "now", "formatNumber", "sift", "partition", "range", "hash", "random", "uuid", "parse"]) {
      expect(names.has(n), n).toBe(true);
    }
    const sfn = JSONATA_FUNCTIONS.filter((f) => f.stepFunctions).map((f) => f.name);
    expect(sfn.sort()).toEqual(["hash", "parse", "partition", "random", "range", "uuid"]);
    expect(JSONATA_FUNCTIONS.find((f) => f.name === "eval")?.unsupported).toContain("$parse");
    for (const f of JSONATA_FUNCTIONS) expect(f.signature.startsWith("$" + f.name + "(")).toBe(true);
  });
});
