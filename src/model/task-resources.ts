import { get, isObject, type Node } from "../parse/tree.js";
import type { Machine, State } from "./index.js";
import { MachineMap } from "./memo.js";

export interface TaskResource {
  state: State;
  resource: Node;
  text: string;
}

const resourcesOf = new MachineMap<TaskResource[]>();

/** The Task states with a string Resource (found once per machine: three rules read them). */
export function taskResources(machine: Machine): readonly TaskResource[] {
  let out = resourcesOf.get(machine);
  if (out) return out;
  out = [];
  resourcesOf.set(machine, out);
  for (const state of machine.states) {
    if (state.type !== "Task" || !isObject(state.node)) continue;
    const resource = get(state.node, "Resource");
    if (resource?.type !== "string") continue;
    out.push({ state, resource, text: resource.value as string });
  }
  return out;
}
