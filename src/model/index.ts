import { get, isArray, isObject, stringValue, type Node, type Property } from "../parse/tree.js";

export type QueryLanguage = "JSONPath" | "JSONata";
export const STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
export type StateType = (typeof STATE_TYPES)[number];

export type ScopeKind = "root" | "branch" | "processor";

/** A `States` block with its `StartAt`: the whole machine, a Parallel branch or a Map processor. */
export interface Scope {
  kind: ScopeKind;
  /** The object holding `StartAt` and `States`. */
  node: Node;
  /** The Parallel or Map state that owns this scope (undefined for the root). */
  owner?: State;
  /** Index of the branch in `Branches` (Parallel only). */
  branchIndex?: number;
  startAt?: Node;
  statesNode?: Node;
  states: State[];
  byName: Map<string, State>;
  /** Default query language for states of this scope: the machine's. */
  queryLanguage: QueryLanguage;
  /** 0 for the root, +1 for each Parallel/Map level. */
  depth: number;
  /** Human description used in messages: `the top level`, `branch 1 of "Fan out"`. */
  label: string;
}

export type EdgeKind = "StartAt" | "Next" | "Default" | "Choice" | "Catch";

/** A transition: from a state (or the scope's start) to a state named by a string node. */
export interface Edge {
  kind: EdgeKind;
  scope: Scope;
  from?: State;
  /** The string node naming the target. */
  node: Node;
  target: string;
  /** The target state, when it exists in the same scope. */
  to?: State;
}

export interface State {
  name: string;
  property: Property;
  node: Node;
  type?: string;
  scope: Scope;
  queryLanguage: QueryLanguage;
  /** Branches (Parallel) or the processor (Map). */
  children: Scope[];
  out: Edge[];
  in: Edge[];
  /** End: true, Succeed or Fail. */
  terminal: boolean;
}

export interface Machine {
  root: Node;
  top: Scope;
  scopes: Scope[];
  states: State[];
  /** Every state by name, across all scopes (more than one when names repeat). */
  statesByName: Map<string, State[]>;
  edges: Edge[];
  queryLanguage: QueryLanguage;
}

function languageOf(node: Node | undefined, fallback: QueryLanguage): QueryLanguage {
  const v = stringValue(node);
  return v === "JSONata" || v === "JSONPath" ? v : fallback;
}

/**
 * Builds the model in one walk over the definition: scopes, states, their query
 * language and every transition. Only `States`, `Branches`, `ItemProcessor`/`Iterator`
 * and the transition fields are read, so payload data (`Parameters`, `Result`, ...) never
 * becomes a state or an edge however its keys are named.
 */
export function buildMachine(root: Node): Machine {
  const machineLanguage = languageOf(get(root, "QueryLanguage"), "JSONPath");
  const machine: Machine = {
    root,
    top: undefined as unknown as Scope,
    scopes: [],
    states: [],
    statesByName: new Map(),
    edges: [],
    queryLanguage: machineLanguage,
  };

  const addEdge = (scope: Scope, kind: EdgeKind, node: Node | undefined, from?: State) => {
    if (!node || node.type !== "string") return;
    const edge: Edge = { kind, scope, from, node, target: node.value as string };
    machine.edges.push(edge);
    from?.out.push(edge);
  };

  const buildScope = (node: Node, kind: ScopeKind, depth: number, label: string, owner?: State, branchIndex?: number): Scope => {
    const scope: Scope = {
      kind,
      node,
      owner,
      branchIndex,
      startAt: get(node, "StartAt"),
      statesNode: get(node, "States"),
      states: [],
      byName: new Map(),
      queryLanguage: machineLanguage,
      depth,
      label,
    };
    machine.scopes.push(scope);
    addEdge(scope, "StartAt", scope.startAt);
    const statesNode = scope.statesNode;
    if (isObject(statesNode)) {
      for (const p of statesNode.properties) {
        const stateNode = p.value;
        const state: State = {
          name: p.key,
          property: p,
          node: stateNode,
          type: stringValue(get(stateNode, "Type")),
          scope,
          queryLanguage: languageOf(get(stateNode, "QueryLanguage"), machineLanguage),
          children: [],
          out: [],
          in: [],
          terminal: false,
        };
        scope.states.push(state);
        if (!scope.byName.has(p.key)) scope.byName.set(p.key, state);
        machine.states.push(state);
        const same = machine.statesByName.get(p.key);
        if (same) same.push(state);
        else machine.statesByName.set(p.key, [state]);
        if (!isObject(stateNode)) continue;
        state.terminal = state.type === "Succeed" || state.type === "Fail" || get(stateNode, "End")?.value === true;
        if (state.type !== "Choice") addEdge(scope, "Next", get(stateNode, "Next"), state);
        if (state.type === "Choice") {
          const choices = get(stateNode, "Choices");
          if (isArray(choices)) for (const rule of choices.items) addEdge(scope, "Choice", get(rule, "Next"), state);
          addEdge(scope, "Default", get(stateNode, "Default"), state);
        }
        if (state.type === "Task" || state.type === "Parallel" || state.type === "Map") {
          const catchers = get(stateNode, "Catch");
          if (isArray(catchers)) for (const c of catchers.items) addEdge(scope, "Catch", get(c, "Next"), state);
        }
        if (state.type === "Parallel") {
          const branches = get(stateNode, "Branches");
          if (isArray(branches)) {
            branches.items.forEach((b, i) => {
              if (isObject(b)) state.children.push(buildScope(b, "branch", depth + 1, `branch ${i} of "${state.name}"`, state, i));
            });
          }
        } else if (state.type === "Map") {
          const processor = get(stateNode, "ItemProcessor") ?? get(stateNode, "Iterator");
          if (isObject(processor)) state.children.push(buildScope(processor, "processor", depth + 1, `the item processor of "${state.name}"`, state));
        }
      }
    }
    return scope;
  };

  machine.top = buildScope(root, "root", 0, "the top level");
  for (const edge of machine.edges) {
    const to = edge.scope.byName.get(edge.target);
    if (to) {
      edge.to = to;
      to.in.push(edge);
    }
  }
  return machine;
}

/** The value node of a state's field. */
export function field(state: State, name: string): Node | undefined {
  return get(state.node, name);
}

/** States reachable from the scope's StartAt, following edges inside the scope. */
export function reachableStates(scope: Scope, resolveDangling?: (edge: Edge) => State | undefined): Set<State> {
  const seen = new Set<State>();
  const start = scope.startAt && scope.startAt.type === "string" ? scope.byName.get(scope.startAt.value as string) : undefined;
  if (!start) return seen;
  const stack = [start];
  seen.add(start);
  while (stack.length) {
    const s = stack.pop()!;
    for (const e of s.out) {
      const to = e.to ?? resolveDangling?.(e);
      if (to && !seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}
