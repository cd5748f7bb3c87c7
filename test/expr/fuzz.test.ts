/**
 * Robustness: the parsers must never throw, must return ranges inside the input, and must stay
 * fast (linear) on long and pathological input.
 */
import { describe, expect, it } from "vitest";
import { looksLikePath, parsePath } from "../../src/expr/path.js";
import { checkIntrinsic, looksLikeIntrinsic, parseIntrinsic, parsePayloadValue } from "../../src/expr/intrinsic.js";
import { isJsonataExpression, parseJsonata } from "../../src/expr/jsonata.js";
import { closest, isVariableName } from "../../src/expr/names.js";
import type { ExprError } from "../../src/expr/types.js";

// Deterministic PRNG (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  "$", "$", "$$", ".", "..", "[", "]", "(", ")", "'", '"', ",", ":", "?", "@", "*", "-", "\\", "{", "}", "%", " ",
  "a", "b", "x", "0", "1", "9", "=", "==", "<", "&&", "||", "!", "/", "`", "#", ";", "~>", ":=", "é", "😀", "\u0000",
  "States.", "Format", "Array", "MathAdd", "true", "null", "function", "$states", ".input", ".result", "{%", "%}",
];

const SEEDS = [
  "$.a.b[0]",
  "$..book[?(@.price < 10 && @.a == 'x')]",
  "$$.Execution.Input['a b'][1:3]",
  "$var.items[*].name",
  "States.Format('Hello {} \\{\\}', $.name, States.MathAdd(1, 2))",
  "States.Array($.a['b c'], $$.Map.Item.Value, null, true, -1.5e3)",
  "{% $map($states.input.items, function($v) { $v.price * $rate }) %}",
  "{% ( $x := $states.result.Payload; $x.a ? $string($x.b) : $y ) %}",
];

function randomString(r: () => number, maxTokens: number): string {
  const n = Math.floor(r() * maxTokens);
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function mutate(r: () => number, s: string): string {
  const chars = [...s];
  const ops = 1 + Math.floor(r() * 4);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(r() * (chars.length + 1));
    const op = r();
    if (op < 0.4) chars.splice(i, 1);
    else if (op < 0.8) chars.splice(i, 0, ALPHABET[Math.floor(r() * ALPHABET.length)]);
    else chars.splice(i, 1, ALPHABET[Math.floor(r() * ALPHABET.length)]);
  }
  return chars.join("");
}

function checkRanges(text: string, list: ExprError[]): void {
  for (const e of list) {
    expect(typeof e.message).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeGreaterThanOrEqual(e.start);
    expect(e.end).toBeLessThanOrEqual(text.length);
  }
}

function exercise(text: string): void {
  for (const opts of [{}, { reference: true }, { reference: true, field: "ResultPath" }]) {
    const p = parsePath(text, opts);
    checkRanges(text, p.errors);
    checkRanges(text, p.warnings);
    checkRanges(text, p.contextErrors);
    expect(p.ok).toBe(p.errors.length === 0);
  }
  looksLikePath(text);
  const i = parseIntrinsic(text);
  checkRanges(text, i.errors);
  checkRanges(text, i.warnings);
  if (i.call) checkRanges(text, checkIntrinsic(i.call));
  looksLikeIntrinsic(text);
  parsePayloadValue(text);
  const wrapped = isJsonataExpression(text) ? text : `{% ${text} %}`;
  for (const s of [text, wrapped]) {
    const j = parseJsonata(s);
    checkRanges(s, j.errors);
    checkRanges(s, j.refs.map((x) => ({ ...x, message: x.name })));
    checkRanges(s, j.states.map((x) => ({ ...x, message: "states" })));
    checkRanges(s, j.calls.map((x) => ({ ...x, message: x.name })));
    checkRanges(s, j.issues);
    for (const ref of j.refs) expect(s.slice(ref.start, ref.end)).toBe("$" + ref.name);
  }
  isVariableName(text);
  closest(text, ["States.Format", "Execution", "input"]);
}

describe("fuzz", () => {
  it("never throws on 3,000 random token strings", () => {
    const r = rng(0xa51);
    for (let k = 0; k < 3000; k++) exercise(randomString(r, 24));
  });

  it("never throws on 3,000 mutations of valid expressions", () => {
    const r = rng(0x5f3);
    for (let k = 0; k < 3000; k++) exercise(mutate(r, SEEDS[k % SEEDS.length]));
  });

  it("never throws on 2,000 random raw character strings", () => {
    const r = rng(7);
    for (let k = 0; k < 2000; k++) {
      const n = Math.floor(r() * 20);
      let s = r() < 0.5 ? "$" : "";
      for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * 0x3000));
      exercise(s);
    }
  });

  it("handles non-string input without throwing", () => {
    for (const bad of [undefined, null, 42, {}, []] as unknown as string[]) {
      expect(parsePath(bad).ok).toBe(false);
      expect(parseIntrinsic(bad).ok).toBe(false);
      expect(parseJsonata(bad).ok).toBe(false);
      expect(looksLikePath(bad)).toBe(false);
      expect(looksLikeIntrinsic(bad)).toBe(false);
      expect(isJsonataExpression(bad)).toBe(false);
    }
  });
});

describe("long and pathological input stays fast", () => {
  const N = 200_000;
  const cases: [string, string][] = [
    ["long dotted path", "$" + ".a".repeat(N / 2)],
    ["long bracket path", "$" + "['x']".repeat(N / 5)],
    ["many open brackets", "$" + "[".repeat(N)],
    ["many dots", "$" + ".".repeat(N)],
    ["deep filter parens", "$.a[?(" + "(".repeat(N) + ")]"],
    ["many negations", "$.a[?(" + "!".repeat(N) + "@.x)]"],
    ["long name", "$." + "a".repeat(N)],
    ["long variable", "$" + "a".repeat(N)],
    ["deeply nested intrinsic", "States.Array(".repeat(N / 13) + ")".repeat(N / 13)],
    ["many intrinsic args", "States.Array(" + "1,".repeat(N / 2) + "1)"],
    ["long intrinsic string", "States.Format('" + "\\{".repeat(N / 2) + "')"],
    ["unterminated string", "States.Format('" + "a".repeat(N)],
    ["jsonata long sum", "{% " + "$x + ".repeat(N / 5) + "1 %}"],
    ["jsonata deep parens", "{% " + "(".repeat(N / 10) + "1" + ")".repeat(N / 10) + " %}"],
    ["jsonata unterminated", '{% "' + "a".repeat(N) + " %}"],
    ["quotes", "'".repeat(N)],
    ["jsonata many top-level names", "{% " + "a & ".repeat(N / 8) + "a %}"],
    ["jsonata many calls", "{% " + "$string(1) & ".repeat(N / 16) + "1 %}"],
    ["jsonata many $states", "{% " + "$states.input.a & ".repeat(N / 20) + "1 %}"],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const t0 = performance.now();
      exercise(text);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(5000);
    });
  }
});
