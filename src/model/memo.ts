/**
 * Per-state values computed once per lint and shared by several rules (a state's path fields,
 * its retriers and catchers, ...). The model numbers every state (`state.index`, its place in
 * `machine.states`); a cache keeps its values in an array by that number, held in its own slot
 * of `machine.memo`. So a lookup is two array reads, and the values go away with the machine
 * (nothing here refers to a machine once its lint is over). Per-machine values (MachineMap, below)
 * live in the same slots; `disposeMachine` empties them all when `lint()` is done.
 */
import type { Machine, Scope, State } from "./index.js";

/** Slots of `machine.memo` handed out so far. */
let slots = 0;

export class StateCache<T> {
  private readonly slot = slots++;

  /** The cached value of the state, computing it on first use. */
  get(state: State, compute: (state: State) => T): T {
    const machine = state.machine;
    let values = machine.memo[this.slot] as (T | undefined)[] | undefined;
    if (values === undefined) machine.memo[this.slot] = values = new Array<T | undefined>(machine.states.length);
    let value = values[state.index];
    if (value === undefined) {
      value = compute(state);
      values[state.index] = value;
    }
    return value;
  }
}

/**
 * A per-machine value (an index a rule builds once per lint), kept in a slot of `machine.memo`
 * like StateCache's arrays, with the get/set of the WeakMap it replaces. In the memo, the value
 * is emptied with the model when `lint()` is done (disposeMachine), so once dead it keeps no
 * young object alive; a WeakMap's value would, until the next full collection.
 */
export class MachineMap<V> {
  private readonly slot = slots++;

  get(machine: Machine): V | undefined {
    return machine.memo[this.slot] as V | undefined;
  }

  set(machine: Machine, value: V): void {
    machine.memo[this.slot] = value;
  }
}

/**
 * The memoization rules and analyses use: `const eventsOf = perState((state) => ...)` at module
 * level, then `eventsOf(state)` computes once per state and lint. The value lives and dies with
 * the machine (see StateCache); `compute` must not return undefined (it would run again).
 */
export function perState<T>(compute: (state: State) => T): (state: State) => T {
  const cache = new StateCache<T>();
  return (state) => cache.get(state, compute);
}

/** Like perState, for a value computed once per scope (`scope.index`) and lint. */
export function perScope<T>(compute: (scope: Scope) => T): (scope: Scope) => T {
  const slot = slots++;
  return (scope) => {
    const machine = scope.machine;
    let values = machine.memo[slot] as (T | undefined)[] | undefined;
    if (values === undefined) machine.memo[slot] = values = new Array<T | undefined>(machine.scopes.length);
    let value = values[scope.index];
    if (value === undefined) values[scope.index] = value = compute(scope);
    return value;
  };
}

/** Like perState, for a value computed once per machine and lint (an index over its states). */
export function perMachine<T>(compute: (machine: Machine) => T): (machine: Machine) => T {
  const slot = slots++;
  return (machine) => {
    let value = machine.memo[slot] as T | undefined;
    if (value === undefined) machine.memo[slot] = value = compute(machine);
    return value;
  };
}
