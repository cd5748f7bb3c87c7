/**
 * Loops in the state graph: strongly connected components of each scope's transitions
 * (Next, Default, Choice and Catch edges). Shared by the nested-execution and history rules.
 */
import type { Machine, Scope, State } from "../model/index.js";

export interface Loop {
  scope: Scope;
  /** The states of the loop, in source order. */
  states: State[];
}

const cache = new WeakMap<Machine, { loops: Loop[]; loopOf: Map<State, Loop> }>();

/** Tarjan's algorithm, iterative (no recursion depth limit on long chains). */
function componentsOf(scope: Scope): State[][] {
  const index = new Map<State, number>();
  const low = new Map<State, number>();
  const onStack = new Set<State>();
  const stack: State[] = [];
  const out: State[][] = [];
  let counter = 0;
  for (const root of scope.states) {
    if (index.has(root)) continue;
    const work: { state: State; edge: number }[] = [{ state: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const s = frame.state;
      if (frame.edge < s.out.length) {
        const to = s.out[frame.edge++].to;
        if (!to || to.scope !== scope) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ state: to, edge: 0 });
        } else if (onStack.has(to)) low.set(s, Math.min(low.get(s)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].state;
        low.set(parent, Math.min(low.get(parent)!, low.get(s)!));
      }
      if (low.get(s) === index.get(s)) {
        const comp: State[] = [];
        let t: State;
        do {
          t = stack.pop()!;
          onStack.delete(t);
          comp.push(t);
        } while (t !== s);
        out.push(comp);
      }
    }
  }
  return out;
}

function analyse(machine: Machine) {
  let found = cache.get(machine);
  if (found) return found;
  const loops: Loop[] = [];
  const loopOf = new Map<State, Loop>();
  for (const scope of machine.scopes) {
    for (const comp of componentsOf(scope)) {
      const cyclic = comp.length > 1 || comp[0].out.some((e) => e.to === comp[0]);
      if (!cyclic) continue;
      const order = new Map(scope.states.map((s, i) => [s, i]));
      const loop: Loop = { scope, states: comp.sort((a, b) => order.get(a)! - order.get(b)!) };
      loops.push(loop);
      for (const s of comp) loopOf.set(s, loop);
    }
  }
  found = { loops, loopOf };
  cache.set(machine, found);
  return found;
}

/** Every loop of the machine, scope by scope. */
export function loopsOf(machine: Machine): Loop[] {
  return analyse(machine).loops;
}

/** The loop a state belongs to, if any (its own scope only). */
export function loopOf(machine: Machine, state: State): Loop | undefined {
  return analyse(machine).loopOf.get(state);
}

/** Can the state run more than once in one execution: in a loop, or inside a Parallel/Map that is? */
export function repeats(machine: Machine, state: State): { loop?: Loop; map?: State } {
  for (let s: State | undefined = state; s; s = s.scope.owner) {
    const loop = loopOf(machine, s);
    if (loop) return { loop };
    if (s.scope.kind === "processor" && s.scope.owner) return { map: s.scope.owner };
  }
  return {};
}
