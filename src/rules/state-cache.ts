/**
 * Per-state values computed once per lint and shared by several rules (a state's path fields,
 * its retriers and catchers, ...). The model numbers every state (`state.index`, its place in
 * `machine.states`); a cache keeps its values in an array by that number, one array per
 * machine. So a lookup is an array read, and the values go away with the machine.
 */
import type { Machine, State } from "../model/index.js";

export class StateCache<T> {
  private readonly byMachine = new WeakMap<Machine, (T | undefined)[]>();
  private lastMachine: Machine | undefined;
  private last: (T | undefined)[] = [];

  /** The cached value of the state, computing it on first use. */
  get(state: State, compute: (state: State) => T): T {
    const machine = state.machine;
    let values = this.last;
    if (machine !== this.lastMachine) {
      let found = this.byMachine.get(machine);
      if (!found) {
        found = new Array<T | undefined>(machine.states.length);
        this.byMachine.set(machine, found);
      }
      this.lastMachine = machine;
      this.last = values = found;
    }
    let value = values[state.index];
    if (value === undefined) {
      value = compute(state);
      values[state.index] = value;
    }
    return value;
  }
}
