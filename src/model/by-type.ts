import type { Machine, State } from "./index.js";
import { perMachine } from "./memo.js";

const NO_STATES: readonly State[] = [];

/** The states of each type, in model order (grouped once per lint). */
const byType = perMachine((machine: Machine): Map<string | undefined, State[]> => {
  const groups = new Map<string | undefined, State[]>();
  for (const s of machine.states) {
    const list = groups.get(s.type);
    if (list) list.push(s);
    else groups.set(s.type, [s]);
  }
  return groups;
});

/** The states of one type, in model order (for rules about one type: no pass over every state). */
export function statesOfType(machine: Machine, type: string): readonly State[] {
  return byType(machine).get(type) ?? NO_STATES;
}
