import type { Machine, State } from "./index.js";
import { MachineMap } from "./memo.js";

const byType = new MachineMap<Map<string | undefined, State[]>>();
const NO_STATES: readonly State[] = [];

/** The states of one type, in model order (for rules about one type: no pass over every state). */
export function statesOfType(machine: Machine, type: string): readonly State[] {
  let groups = byType.get(machine);
  if (!groups) {
    groups = new Map();
    for (const s of machine.states) {
      const list = groups.get(s.type);
      if (list) list.push(s);
      else groups.set(s.type, [s]);
    }
    byType.set(machine, groups);
  }
  return groups.get(type) ?? NO_STATES;
}
