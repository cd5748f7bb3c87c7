/**
 * Loops in the state graph: strongly connected components of each scope's transitions
 * (Next, Default, Choice and Catch edges). Shared by the nested-execution and history rules.
 */
import type { Machine, Scope, State } from "./index.js";
import { perMachine } from "./memo.js";

export interface Loop {
  scope: Scope;
  /** The states of the loop, in source order. */
  states: State[];
}

/**
 * The loops of a scope: its strongly connected components with a cycle (more than one state, or
 * one that goes to itself), by Tarjan's algorithm, iterative (no recursion depth limit on long
 * chains), over the positions of the scope's states. Components come out in Tarjan's order, each
 * sorted in source order.
 */
function loopsIn(scope: Scope, w: Work): State[][] {
  const states = scope.states;
  const n = states.length;
  const out: State[][] = [];
  if (n === 0) return out;
  const { index, low, onStack, stack, workState, workEdge } = w;
  index.fill(-1, 0, n);
  onStack.fill(0, 0, n);
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let wp = 0;
    workState[wp] = root;
    workEdge[wp++] = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (wp > 0) {
      const s = workState[wp - 1];
      const edges = states[s].out;
      if (workEdge[wp - 1] < edges.length) {
        const to = edges[workEdge[wp - 1]++].to;
        if (!to || to.scope !== scope) continue;
        const t = to.position;
        if (index[t] < 0) {
          index[t] = low[t] = counter++;
          stack[sp++] = t;
          onStack[t] = 1;
          workState[wp] = t;
          workEdge[wp++] = 0;
        } else if (onStack[t]) low[s] = Math.min(low[s], index[t]);
        continue;
      }
      wp--;
      if (wp > 0) {
        const parent = workState[wp - 1];
        low[parent] = Math.min(low[parent], low[s]);
      }
      if (low[s] === index[s]) {
        if (stack[sp - 1] === s) {
          // a single state: a loop only when it goes to itself
          sp--;
          onStack[s] = 0;
          if (goesToItself(states[s])) out.push([states[s]]);
          continue;
        }
        const comp: number[] = [];
        let t: number;
        do {
          t = stack[--sp];
          onStack[t] = 0;
          comp.push(t);
        } while (t !== s);
        out.push(comp.sort((a, b) => a - b).map((i) => states[i]));
      }
    }
  }
  return out;
}

function goesToItself(state: State): boolean {
  for (const e of state.out) if (e.to === state) return true;
  return false;
}

/** Scratch space of `loopsIn`, sized for the largest scope and shared by all scopes of a machine. */
interface Work {
  index: Int32Array;
  low: Int32Array;
  onStack: Uint8Array;
  stack: Int32Array;
  /** The DFS: a state and the next of its edges to follow. */
  workState: Int32Array;
  workEdge: Int32Array;
}

/** The loops of the machine and the loop of each state in one, found once per lint. */
const analyse = perMachine((machine: Machine): { loops: Loop[]; loopOf: Map<State, Loop> } => {
  const loops: Loop[] = [];
  const loopOf = new Map<State, Loop>();
  let size = 0;
  for (const scope of machine.scopes) size = Math.max(size, scope.states.length);
  const w: Work = {
    index: new Int32Array(size),
    low: new Int32Array(size),
    onStack: new Uint8Array(size),
    stack: new Int32Array(size),
    workState: new Int32Array(size),
    workEdge: new Int32Array(size),
  };
  for (const scope of machine.scopes) {
    for (const comp of loopsIn(scope, w)) {
      const loop: Loop = { scope, states: comp };
      loops.push(loop);
      for (const s of comp) loopOf.set(s, loop);
    }
  }
  return { loops, loopOf };
});

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
