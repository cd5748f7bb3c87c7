/**
 * The model over the scanner's tree: the same as over the recovering parser's tree, and
 * consistent (every edge in its state's `out` and its target's `in`; no array shared; states
 * numbered by their place in the machine and in their scope).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJson, parseJsonRecovering } from "../../src/parse/json.js";
import { buildMachine, disposeMachine, reachableStates, type Machine } from "../../src/model/index.js";
import { generateDefinition } from "../../bench/generate.mjs";
import { filesUnder } from "../files.js";
import { CORPUS } from "../shared.js";

const PROJECT = join(__dirname, "..", "..");


/** The states reachable in a scope, by their number in the machine. */
function reachedIds(scope: Machine["scopes"][number], id: Map<unknown, number>): (number | undefined)[] {
  const flags = reachableStates(scope);
  return scope.states.filter((x) => flags[x.index]).map((x) => id.get(x));
}

function describeMachine(m: Machine): string {
  const id = new Map(m.states.map((s, i) => [s, i]));
  const sid = new Map(m.scopes.map((s, i) => [s, i]));
  const edge = (e: Machine["edges"][number]) => `${e.kind}:${sid.get(e.scope)}:${e.from ? id.get(e.from) : "-"}:${e.target}:${e.to ? id.get(e.to) : "-"}:${e.node.offset}`;
  return JSON.stringify({
    ql: m.queryLanguage,
    top: sid.get(m.top),
    scopes: m.scopes.map((s) => [s.kind, s.label, s.depth, s.branchIndex, s.owner ? id.get(s.owner) : -1, s.startAt?.offset, s.statesNode?.offset, s.queryLanguage, s.states.map((x) => id.get(x)), [...s.byName].map(([n, x]) => [n, id.get(x)]), reachedIds(s, id)]),
    states: m.states.map((s) => [s.name, s.type, sid.get(s.scope), s.queryLanguage, s.terminal, s.node.offset, s.node.keyOffset, s.children.map((c) => sid.get(c)), s.out.map(edge), s.in.map(edge)]),
    byName: [...m.statesByName].map(([n, xs]) => [n, xs.map((x) => id.get(x))]),
    edges: m.edges.map(edge),
  });
}

function checkConsistent(m: Machine, where: string): void {
  const arrays = new Set<unknown>();
  for (const s of m.states) {
    for (const a of [s.children, s.out, s.in]) {
      expect(Array.isArray(a), where).toBe(true);
      expect(arrays.has(a), `${where}: an array shared between states`).toBe(false);
      arrays.add(a);
    }
    for (const e of s.out) expect(e.from, where).toBe(s);
    for (const e of s.in) expect(e.to, where).toBe(s);
  }
  // the numbers rules index their per-state arrays by
  m.states.forEach((s, i) => {
    expect(s.index, `${where}: ${s.name}`).toBe(i);
    expect(s.machine, where).toBe(m);
  });
  for (const scope of m.scopes) scope.states.forEach((s, j) => expect(s.position, `${where}: ${s.name}`).toBe(j));
  for (const e of m.edges) {
    if (e.from) expect(e.from.out.includes(e), where).toBe(true);
    if (e.to) expect(e.to.in.includes(e), where).toBe(true);
  }
}

describe("model over the fast path's tree", () => {
  it("equals the model over the recovering parser's tree, on the corpus (when present), the fixtures, the examples and generated definitions", () => {
    const files = [CORPUS, join(PROJECT, "fixtures"), join(PROJECT, "examples")].flatMap((dir) => filesUnder(dir, /\.json$/));
    const texts: [string, string][] = files.map((f) => [f, readFileSync(f, "utf8")]);
    for (const states of [10, 200]) texts.push([`generated ${states}`, generateDefinition({ states }).text]);
    let compared = 0;
    for (const [where, text] of texts) {
      const fast = parseJson(text).root;
      const slow = parseJsonRecovering(text).root;
      if (!fast || fast.type !== "object" || !slow) continue;
      const a = buildMachine(fast);
      const b = buildMachine(slow);
      expect(describeMachine(a), where).toBe(describeMachine(b));
      checkConsistent(a, where);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe("disposeMachine", () => {
  it("leaves every model object pointing at nothing but empty values", () => {
    const root = parseJson(generateDefinition({ states: 200 }).text).root!;
    const m = buildMachine(root);
    // a rule cache in a memo slot, as StateCache makes them
    m.memo[0] = m.states.map((s) => ({ state: s }));
    const objects: object[] = [m, ...m.states, ...m.edges, ...m.scopes];
    // and the lists and Maps they hold: emptied, not only let go (a dead one may be in the old generation)
    const held = objects.flatMap((o) => Object.values(o).filter((v) => Array.isArray(v) || v instanceof Map));
    held.push(...m.statesByName.values());
    const memo = m.memo[0] as unknown[];
    expect(m.states.length).toBeGreaterThan(100);
    expect(held.filter((v) => (Array.isArray(v) ? v.length : v.size) > 0).length).toBeGreaterThan(500);
    disposeMachine(m);
    const empty = (v: unknown) => v === null || typeof v !== "object" || (Array.isArray(v) && v.length === 0) || (v instanceof Map && v.size === 0);
    for (const o of objects) for (const [k, v] of Object.entries(o)) expect(empty(v), `${k}: ${String(v)}`).toBe(true);
    for (const v of held) expect(empty(v)).toBe(true);
    expect(memo.length).toBe(0);
  });
});
