/**
 * The JSON parser's two paths: the one-pass scanner for strict JSON (scan.ts) and the
 * recovering jsonc-parser builder it falls back to. Wherever the scanner accepts a text,
 * both must build the same tree and report the same problems.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJson, parseJsonRecovering, type JsonParseResult } from "../../src/parse/json.js";
import { scanStrictJson } from "../../src/parse/scan.js";
import { LineIndex, parseDocumentText, prop, toValue, walk, type Node, memberOf } from "../../src/parse/index.js";
import { MAX_NESTING_DEPTH } from "../../src/parse/problems.js";
import { INDEX_THRESHOLD } from "../../src/parse/tree.js";
import { filesUnder } from "../files.js";
import { CORPUS, SHARED_PRESENT } from "../shared.js";

const PROJECT = join(__dirname, "..", "..");
const FIXTURES = join(PROJECT, "fixtures");


/** The first difference between two trees, or undefined. Iterative: trees may be deep. */
function treeDifference(a: Node | undefined, b: Node | undefined): string | undefined {
  if (!a || !b) return a === b ? undefined : `root ${a?.type} vs ${b?.type}`;
  const pairs = new Map<Node, Node>();
  const stack: [Node, Node, string][] = [[a, b, "$"]];
  while (stack.length) {
    const [x, y, at] = stack.pop()!;
    pairs.set(x, y);
    if (x.type !== y.type) return `${at}: type ${x.type} vs ${y.type}`;
    if (!Object.is(x.value, y.value)) return `${at}: value ${String(x.value)} vs ${String(y.value)}`;
    if (x.offset !== y.offset || x.length !== y.length) return `${at}: span ${x.offset}+${x.length} vs ${y.offset}+${y.length}`;
    if (x.key !== y.key) return `${at}: key ${String(x.key)} vs ${String(y.key)}`;
    if ((x.parent === undefined) !== (y.parent === undefined) || (x.parent && pairs.get(x.parent) !== y.parent)) return `${at}: parent differs`;
    const [p, q] = [memberOf(x), memberOf(y)];
    if ((p === undefined) !== (q === undefined)) return `${at}: member presence differs`;
    if (p && q && (p.keyOffset !== q.keyOffset || p.keyLength !== q.keyLength)) return `${at}: key token ${p.key}@${p.keyOffset}+${p.keyLength} vs ${q.key}@${q.keyOffset}+${q.keyLength}`;
    if (!p && (x.keyOffset !== -1 || x.keyLength !== 0 || y.keyOffset !== -1 || y.keyLength !== 0)) return `${at}: a key token on a node that is not a member`;
    if (x.properties?.length !== y.properties?.length) return `${at}: ${x.properties?.length} vs ${y.properties?.length} members`;
    if (x.items?.length !== y.items?.length) return `${at}: ${x.items?.length} vs ${y.items?.length} items`;
    x.properties?.forEach((p, i) => {
      if (p.parent !== x) throw new Error(`${at}: member ${i} is not linked`);
      stack.push([p, y.properties![i], `${at}.${p.key}`]);
    });
    x.items?.forEach((n, i) => stack.push([n, y.items![i], `${at}[${i}]`]));
  }
  return undefined;
}

/** Same shape for every node, so property reads stay monomorphic. */
function shapeDifference(root: Node | undefined): string | undefined {
  if (!root) return undefined;
  const shape = Object.keys(root).join();
  let bad: string | undefined;
  walk(root, (n) => {
    if (Object.keys(n).join() !== shape) bad ??= `${Object.keys(n).join()} vs ${shape}`;
  });
  return bad;
}

function compare(text: string, where: string): JsonParseResult | undefined {
  const fast = scanStrictJson(text);
  if (!fast) return undefined;
  const slow = parseJsonRecovering(text);
  expect(fast.problems, where).toEqual(slow.problems);
  expect(treeDifference(fast.root, slow.root), where).toBeUndefined();
  expect(shapeDifference(fast.root), where).toBeUndefined();
  return fast;
}

describe("fast path and recovering parser agree", () => {
  it.skipIf(!SHARED_PRESENT)("on every JSON file of the external corpus", () => {
    const list = filesUnder(CORPUS, /\.json$/);
    expect(list.length).toBeGreaterThan(100);
    let accepted = 0;
    for (const path of list) if (compare(readFileSync(path, "utf8"), path)) accepted++;
    // the corpus is mostly strict JSON: the fast path must take nearly all of it
    expect(accepted).toBeGreaterThan(list.length * 0.9);
  });

  it("on every JSON fixture (broken ones fall back)", () => {
    const list = filesUnder(FIXTURES, /\.(json|asl)$/);
    expect(list.length).toBeGreaterThan(100);
    for (const path of list) {
      const text = readFileSync(path, "utf8");
      const body = text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
      compare(body, path);
      // the public entry gives the recovering parser's result either way
      const viaEntry = parseJson(body);
      const slow = parseJsonRecovering(body);
      expect(viaEntry.problems, path).toEqual(slow.problems);
      expect(treeDifference(viaEntry.root, slow.root), path).toBeUndefined();
    }
  });

  it("on the syntax-problem fixtures, through parseDocumentText", () => {
    for (const dir of ["invalid-json", "json-comment", "trailing-comma", "duplicate-key", "too-deeply-nested", "byte-order-mark", "not-text", "empty-definition"]) {
      for (const path of filesUnder(join(FIXTURES, dir), /\.(json|asl)$/)) {
        const text = readFileSync(path, "utf8");
        const doc = parseDocumentText(text, path);
        const body = text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
        const slow = text.trim() && !doc.problems.some((p) => p.rule === "not-text") ? parseJsonRecovering(body) : undefined;
        if (slow) {
          expect(doc.problems.filter((p) => p.rule !== "byte-order-mark"), path).toEqual(slow.problems);
          expect(treeDifference(doc.root, slow.root), path).toBeUndefined();
        }
      }
    }
  });

  it("on hand-picked strict and almost-strict texts", () => {
    const texts = [
      "{}", "[]", "0", "-0", "1", "-1", "12.5", "1e3", "1E+3", "-1.5e-7", "123456789012345", "-99999999999999", "1234567890123456", "9007199254740993", "-9007199254740993", "12345678901234567890", "98765432109876543210987", "1e400", "-1e400", "4.35", "0.1e-2", "-0.0",
      "0.1", "true", "false", "null", '""', '"a"', '"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"', '"\\uD83D\\uDE00"', '"\\ud83d"', '"é😀"',
      '{"a":1,"a":2,"a":3}', '{"a":{"a":[1,{"a":null}]}}', ' \t\r\n{ "a" : [ 1 , 2 ] } \r\n', '[[[[]]]]', '{"":""}', '{"__proto__":{"x":1}}',
      '{"a\\"b":1,"a\\"b":2}', '{"\\u0061":1,"a":2}',
      JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i % 12}`, i]))),
      // repeated keys in large objects (checked when they close), among the first members and after them, with a large object inside
      `{${Array.from({ length: 20 }, (_, i) => `"k${i % 12}":${i}`).join(",")}}`,
      `{"a":1,"b":2,"a":3,${Array.from({ length: 12 }, (_, i) => `"m${i}":${i}`).join(",")},"in":{${Array.from({ length: 15 }, (_, i) => `"x${i % 10}":${i}`).join(",")}},"b":4,"m0":5}`,
      `[${Array.from({ length: 3 }, (_, j) => `{${Array.from({ length: 30 }, (_, i) => `"s${(i * 7 + j) % 25}":[${i}]`).join(",")}}`).join(",")}]`,
      // not strict: must be refused by the fast path
      "", " ", "{,}", "[1,]", '{"a":1,}', "// c\n{}", "/* c */{}", "{} x", "01", "-", "1.", ".5", "1e", "+1", "tru", "truex", "nul", "NaN", "'a'",
      '"\\x41"', '"\\u12"', '"a\nb"', '"a\tb"', '"unterminated', "[1 2]", '{"a" 1}', '{a:1}', "\u00a0{}", "\ufeff{}", "{\u2028}", "[", "{", '{"a":',
      '"a\u0000b"', '"\u001f"', '{"a\u0001":1}', '{"a":"\\n\u0002"}', "{\u000b}", '"a\rb"', '["\\', '"\\u00e9\n"',
    ];
    const refused = new Set(texts.slice(texts.indexOf("")));
    for (const text of texts) {
      const fast = compare(text, JSON.stringify(text));
      expect(fast === undefined, JSON.stringify(text)).toBe(refused.has(text));
      if (fast) expect(toValue(fast.root), JSON.stringify(text)).toEqual(JSON.parse(text));
    }
  });

  it("on thousands of random and mutated texts", () => {
    let seed = 0x2f6b1c3d;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
    const KEYS = ["a", "b", "Type", "Next", "__proto__", "constructor", "k\\u00e9", "x\\ny", "", "a", "b"];
    const STRINGS = ['""', '"text"', '"\\u0041\\t"', '"$.path"', '"{% $x %}"', '"é"', '"\\ud83d\\ude00"', '"\\/"'];
    const NUMBERS = ["0", "-0", "7", "-12", "3.25", "1e5", "-2.5E-3", "98765432109876543", "0.000001"];
    const gen = (depth: number): string => {
      const r = rand();
      if (depth > 5 || r < 0.45) return pick([...STRINGS, ...NUMBERS, "true", "false", "null"]);
      const ws = () => pick(["", "", "", " ", "\n  ", "\r\n", "\t"]);
      if (r < 0.75) {
        const n = Math.floor(rand() * (rand() < 0.2 ? 14 : 5));
        return `{${Array.from({ length: n }, () => `${ws()}"${pick(KEYS)}"${ws()}:${ws()}${gen(depth + 1)}${ws()}`).join(",")}}`;
      }
      const n = Math.floor(rand() * 5);
      return `[${Array.from({ length: n }, () => `${ws()}${gen(depth + 1)}${ws()}`).join(",")}]`;
    };
    const NOISE = [",", "}", "]", "{", "[", '"', "\\", ":", " ", "/", "*", "\n", "0", "-", ".", "e", "t", "\u0001", "\u00a0", "x"];
    const mutate = (text: string): string => {
      const at = Math.floor(rand() * (text.length + 1));
      const r = rand();
      if (r < 0.4) return text.slice(0, at) + text.slice(at + 1); // delete
      if (r < 0.8) return text.slice(0, at) + pick(NOISE) + text.slice(at); // insert
      return text.slice(0, at) + pick(NOISE) + text.slice(at + 1); // replace
    };
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 4000; round++) {
      let text = gen(0);
      const mutations = round % 3 === 0 ? 0 : 1 + Math.floor(rand() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(text);
      const fast = compare(text, JSON.stringify(text));
      if (fast) {
        accepted++;
        // what the fast path accepts is JSON: JSON.parse agrees on the value
        expect(JSON.stringify(toValue(fast.root)), JSON.stringify(text)).toBe(JSON.stringify(JSON.parse(text)));
      } else {
        refused++;
        expect(() => JSON.parse(text), JSON.stringify(text)).toThrow();
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });
});

describe("fast path details", () => {
  it("keeps __proto__ keys as plain data", () => {
    const { root, problems } = parseJson('{"__proto__":{"polluted":true},"a":{"__proto__":[1]}}');
    expect(problems).toEqual([]);
    const value = toValue(root) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: true });
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(value.a as object, "__proto__")?.value).toEqual([1]);
    expect(prop(root, "__proto__")?.type).toBe("object");
    expect(prop(root, "toString")).toBeUndefined();
    expect(prop(root, "constructor")).toBeUndefined();
  });

  it("looks members up in small and large objects, the last of repeated keys winning", () => {
    for (const n of [1, 8, 9, INDEX_THRESHOLD, INDEX_THRESHOLD + 1, 40]) {
      const members = Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
      const text = `{${members.join(",")},"k0":"again"}`;
      const { root, problems } = parseJson(text);
      expect(problems.map((p) => [p.rule, p.offset, p.length])).toEqual([["duplicate-key", text.lastIndexOf('"k0"'), 4]]);
      expect(prop(root, "k0")?.value).toBe("again");
      expect(prop(root, `k${n - 1}`)?.value).toBe(n === 1 ? "again" : n - 1);
      expect(prop(root, "missing")).toBeUndefined();
      expect(root!.index !== undefined).toBe(n + 1 > INDEX_THRESHOLD);
      // the recovering parser's tree answers the same
      const slow = parseJsonRecovering(text).root;
      for (let i = 0; i < n; i++) expect(prop(slow, `k${i}`)).toBeDefined();
      expect(prop(slow, "k0")?.value).toBe("again");
    }
  });

  it("reads every string right through the string cache: hits, moves within a set, evictions", () => {
    // more distinct short strings than the cache holds (16,384), each used as key and value and
    // read in several orders, some of one length with equal hashed characters (same set)
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}-${"x".repeat(i % 7)}`);
    const lookalikes = Array.from({ length: 12 }, (_, i) => `a${String.fromCharCode(98 + i)}cdef`);
    for (const order of [words, [...words].reverse(), words.filter((_, i) => i % 3 === 0), lookalikes, [...lookalikes].reverse()]) {
      const text = JSON.stringify(Object.fromEntries(order.map((w, i) => [w, [w, order[(i * 7) % order.length]]])));
      const root = scanStrictJson(text)!.root;
      expect(toValue(root)).toEqual(JSON.parse(text));
    }
  });

  it("reports nesting past the limit at the exact bracket, without exhausting the stack", () => {
    for (const depth of [MAX_NESTING_DEPTH, MAX_NESTING_DEPTH + 1, 10_000, 200_000]) {
      for (const [open, close, empty] of [["[", "]", "[]"], ['{"a":', "}", "{}"]]) {
        const text = open.repeat(depth - 1) + empty + close.repeat(depth - 1);
        const { root, problems } = parseJson(text);
        if (depth <= MAX_NESTING_DEPTH) {
          expect(problems).toEqual([]);
          expect(root?.type).toBe(open === "[" ? "array" : "object");
          continue;
        }
        expect(root).toBeUndefined();
        expect(problems).toHaveLength(1);
        expect(problems[0].rule).toBe("too-deeply-nested");
        expect(problems[0].offset).toBe(open.length * MAX_NESTING_DEPTH);
        expect(parseJsonRecovering(text).problems).toEqual(problems);
        // unclosed and broken deep texts too
        expect(parseJson(open.repeat(depth)).problems).toEqual(problems);
        expect(parseJson(open.repeat(depth) + "x").problems).toEqual(problems);
      }
    }
  });

  it("finds deep nesting behind a syntax error as the pre-scan does", () => {
    const text = '{"a":1,,"b":' + "[".repeat(MAX_NESTING_DEPTH + 5);
    expect(parseJson(text).problems.map((p) => p.rule)).toEqual(["too-deeply-nested"]);
  });
});

describe("LineIndex", () => {
  it("gives the positions of an eager scan, whatever order offsets are asked in", () => {
    const texts = ["", "a", "\n", "\r", "\r\n", "a\nb\r\nc\rd\n\n\r\r\n", '{\r\n  "a": 1\r\n}\r\n', "x\r", "\r\n\r\n", "ab\r\ncd\ref\ngh"];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 40; t++) texts.push(Array.from({ length: 1 + Math.floor(rand() * 60) }, () => ["a", "b", "\n", "\r", "\r\n"][Math.floor(rand() * 5)]).join(""));
    // more lines than the index first has room for (it grows)
    for (let t = 0; t < 3; t++) texts.push(Array.from({ length: 300 + Math.floor(rand() * 400) }, () => ["a", "\n", "\r", "\r\n"][Math.floor(rand() * 4)]).join(""));
    for (const text of texts) {
      const eager: number[] = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) eager.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          eager.push(i + 1);
        }
      }
      const expected = (o: number) => {
        let line = 0;
        while (line + 1 < eager.length && eager[line + 1] <= o) line++;
        return { line, character: o - eager[line] };
      };
      const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);
      const shuffled = [...offsets].sort(() => rand() - 0.5);
      for (const order of [offsets, [...offsets].reverse(), offsets.filter((_, i) => i % 2).concat(offsets.filter((_, i) => i % 2 === 0)), shuffled]) {
        const lines = new LineIndex(text);
        for (const o of order) {
          const clamped = Math.max(0, Math.min(o, text.length));
          expect(lines.position(o), `${JSON.stringify(text)} @${o}`).toEqual(expected(clamped));
        }
        expect(lines.lineCount).toBe(eager.length);
        for (let l = 0; l < eager.length; l++) expect(lines.offset({ line: l, character: 0 })).toBe(eager[l]);
      }
    }
  });
});
