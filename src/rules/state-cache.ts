/**
 * Per-state values computed once per lint and shared by several rules (a state's path fields,
 * its retriers and catchers, ...). Every state of a machine gets a number the first time one of
 * these caches meets the machine (found from the state's top scope); each cache keeps its values
 * in an array by that number. So the values go away with the machine, and a lookup is one Map
 * read shared by all caches: a module-level WeakMap keyed by every state would grow across
 * lints until a full GC, and cost more to update than the values cost to compute.
 */
import type { Scope, State } from "../model/index.js";

interface Numbering {
  /** The number of each state of the machine. */
  of: Map<State, number>;
  size: number;
}

const numberings = new WeakMap<Scope, Numbering>();
/** The machine met last (rules go through one machine at a time). */
let lastTop: Scope | undefined;
let lastNumbering: Numbering | undefined;

/**
 * The number of a state in its machine (0 to `machineSize - 1`), for rules that keep per-state
 * data in arrays. The states of one scope have consecutive numbers, in source order: a state's
 * position in its scope is `stateNumber(state) - stateNumber(scope.states[0])`.
 */
export function stateNumber(state: State): number {
  return numberingOf(state).of.get(state)!;
}

/** How many states the machine of this state has (the bound of `stateNumber`). */
export function machineSize(state: State): number {
  return numberingOf(state).size;
}

function numberingOf(state: State): Numbering {
  let top = state.scope;
  for (let owner = top.owner; owner; owner = top.owner) top = owner.scope;
  if (top === lastTop) return lastNumbering!;
  let numbering = numberings.get(top);
  if (!numbering) {
    // every state of every scope, depth first
    const of = new Map<State, number>();
    const scopes: Scope[] = [top];
    while (scopes.length) {
      const scope = scopes.pop()!;
      for (const s of scope.states) {
        of.set(s, of.size);
        for (const child of s.children) scopes.push(child);
      }
    }
    numbering = { of, size: of.size };
    numberings.set(top, numbering);
  }
  lastTop = top;
  lastNumbering = numbering;
  return numbering;
}

export class StateCache<T> {
  private readonly byMachine = new WeakMap<Numbering, (T | undefined)[]>();
  private lastNumbering: Numbering | undefined;
  private last: (T | undefined)[] = [];

  /** The cached value of the state, computing it on first use. */
  get(state: State, compute: (state: State) => T): T {
    const numbering = numberingOf(state);
    let values = this.last;
    if (numbering !== this.lastNumbering) {
      let found = this.byMachine.get(numbering);
      if (!found) {
        found = new Array<T | undefined>(numbering.size);
        this.byMachine.set(numbering, found);
      }
      this.lastNumbering = numbering;
      this.last = values = found;
    }
    const i = numbering.of.get(state);
    // a state the numbering does not know (not reachable from its top scope): no caching
    if (i === undefined) return compute(state);
    let value = values[i];
    if (value === undefined) {
      value = compute(state);
      values[i] = value;
    }
    return value;
  }
}
