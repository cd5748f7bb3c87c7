/**
 * Which kind of execution runs each scope (asl-facts §3.8, §10): the machine's own type for the
 * top level, Parallel branches and inline Map processors; a Distributed Map's `ExecutionType`
 * for its item processor, whose items run as child executions.
 */
import { quote } from "../expr/names.js";
import type { Machine, MachineType, Scope, State } from "./index.js";
import { mapProcessing } from "./map.js";
import { MachineMap } from "./memo.js";

export interface ExecutionContext {
  /** STANDARD or EXPRESS; undefined when it cannot be told (a Distributed Map without a valid ExecutionType). */
  type?: MachineType;
  /** The Distributed Map whose child executions run these states (undefined: the machine itself). */
  map?: State;
}

const cache = new MachineMap<Map<Scope, ExecutionContext>>();

/** The execution context of every scope of the machine, when the machine itself is of `type`. */
export function executionContexts(machine: Machine, type: MachineType): Map<Scope, ExecutionContext> {
  let found = cache.get(machine);
  if (found && found.get(machine.top)?.type === type) return found;
  found = new Map();
  // scopes are listed parents first
  for (const scope of machine.scopes) {
    const owner = scope.owner;
    if (!owner) {
      found.set(scope, { type });
      continue;
    }
    const parent = found.get(owner.scope) ?? { type };
    if (owner.type === "Map") {
      const mp = mapProcessing(owner);
      if (mp.mode === "DISTRIBUTED") {
        found.set(scope, { type: mp.executionType, map: owner });
        continue;
      }
    }
    found.set(scope, parent);
  }
  cache.set(machine, found);
  return found;
}

/** Why these states run as Express executions, for messages. */
export function expressReason(ec: ExecutionContext): string {
  return ec.map
    ? `the items of Distributed Map ${quote(ec.map.name)} run as Express child executions ("ExecutionType": "EXPRESS")`
    : "this is an Express state machine";
}
