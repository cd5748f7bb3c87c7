import { get, isObject, type Node } from "../parse/tree.js";
import type { Machine, State } from "./index.js";
import { perMachine } from "./memo.js";

export interface TaskResource {
  state: State;
  resource: Node;
  text: string;
}

/** The Task states with a string Resource (found once per machine: three rules read them). */
export const taskResources: (machine: Machine) => readonly TaskResource[] = perMachine((machine: Machine): TaskResource[] => {
  const out: TaskResource[] = [];
  for (const state of machine.states) {
    if (state.type !== "Task" || !isObject(state.node)) continue;
    const resource = get(state.node, "Resource");
    if (resource?.type !== "string") continue;
    out.push({ state, resource, text: resource.value as string });
  }
  return out;
});
