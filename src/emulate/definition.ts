/** Finding the state a request or an execution runs, with its query language (asl-facts §2.1). */
import { isObject, type JsonObject } from "../eval/json.js";
import type { QueryLanguage } from "./state.js";

/** TestState's name for a definition that is one state (recorded: `/States/StateName/...`). */
export const SINGLE_STATE_NAME = "StateName";

export interface Located {
  name: string;
  state: JsonObject;
  language: QueryLanguage;
  /** The definition is the state itself, not a state machine. */
  single: boolean;
}

/** A state's query language: its own, else the machine's (also inside Map and Parallel). */
export function languageOf(state: JsonObject, machineLanguage: QueryLanguage): QueryLanguage {
  return state.QueryLanguage === "JSONata" || state.QueryLanguage === "JSONPath" ? state.QueryLanguage : machineLanguage;
}

export function machineLanguage(machine: JsonObject): QueryLanguage {
  return machine.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
}

/** The scopes below a state: Parallel branches, the Map's item processor. */
export function childScopes(state: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (Array.isArray(state.Branches)) for (const b of state.Branches) if (isObject(b)) out.push(b);
  const p = state.ItemProcessor ?? state.Iterator;
  if (isObject(p)) out.push(p);
  return out;
}

function search(scope: JsonObject, name: string, language: QueryLanguage, depth: number): Located | undefined {
  if (!isObject(scope.States) || depth > 64) return undefined;
  const states = scope.States;
  if (Object.prototype.hasOwnProperty.call(states, name) && isObject(states[name])) {
    return { name, state: states[name], language: languageOf(states[name], language), single: false };
  }
  for (const k of Object.keys(states)) {
    const s = states[k];
    if (!isObject(s)) continue;
    for (const child of childScopes(s)) {
      const found = search(child, name, language, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The state under test: the definition itself when it is one state, else the state named
 * `stateName` anywhere in the machine (nested scopes included).
 */
export function findState(definition: JsonObject, stateName: string | undefined): Located | undefined {
  if (stateName === undefined) {
    if (typeof definition.Type !== "string") return undefined;
    return { name: SINGLE_STATE_NAME, state: definition, language: languageOf(definition, "JSONPath"), single: true };
  }
  return search(definition, stateName, machineLanguage(definition), 0);
}
