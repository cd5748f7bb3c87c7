import { copyRange, get, isArray, isObject, stringValue, type Node, type Property } from "../parse/tree.js";

export type QueryLanguage = "JSONPath" | "JSONata";
/** The workflow type, whose limits apply. */
export type MachineType = "STANDARD" | "EXPRESS";
export { STATE_TYPES, type StateType } from "../aws/states.js";

export type ScopeKind = "root" | "branch" | "processor";

/** A `States` block with its `StartAt`: the whole machine, a Parallel branch or a Map processor. */
export interface Scope {
  /** Position in `machine.scopes`, parents before children. */
  index: number;
  machine: Machine;
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
  /** Position in `machine.states` (0 to machine.states.length - 1): rules keep per-state data in arrays by it. */
  index: number;
  /** Position in `scope.states`. */
  position: number;
  machine: Machine;
  name: string;
  /** The state's member of `States`: its value, with the name's key token (keyOffset, keyLength). */
  node: Property;
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
  /**
   * Values the rules compute once per lint and share, in slots (model/memo.ts): they
   * live and die with the machine, and no module keeps a machine alive after its lint. They are
   * the machine's own: `disposeMachine` empties them (and the arrays, Maps and Sets they hold
   * directly), so none may be a value shared with anything else.
   */
  memo: unknown[];
}

/** Another definition of the same run, by state machine name (for nested-execution checks). */
export interface PeerDefinition {
  name: string;
  type: MachineType;
  machine?: Machine;
  filename?: string;
}

/** A machine with what the lint around it knows: its workflow type, its file and the other definitions of the run. */
export interface MachineContext {
  readonly machine: Machine;
  readonly type: MachineType;
  readonly filename?: string;
  /** Other definitions in the same run, by state machine name. */
  readonly peers?: ReadonlyMap<string, PeerDefinition>;
}

/*
 * The model's objects are object literals and its arrays array literals (or `copyRange`), one
 * creation site each: like the tree's nodes (see newNode in parse/tree.ts), V8 allocates them
 * in the old generation once it sees they outlive young collections. The model lives as long
 * as the lint; in the young generation every collection during the rules copied it, and the
 * pretenured tree's pointers to it kept it there. (Class instances and `slice` are never
 * pretenured.) Measured on the 2,000-state definition with the tree's member arrays made the
 * same way: 26 -> 22 ms a lint (median), about a quarter less copied by young collections.
 */
/** Stands for "no array yet" in a state while the model is built; never left in the model. */
const UNSET: never[] = [];

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
  const machine: Machine = {
    root,
    top: undefined as unknown as Scope,
    scopes: [],
    states: [],
    statesByName: new Map(),
    edges: [],
    queryLanguage: languageOf(get(root, "QueryLanguage"), "JSONPath"),
    memo: [],
  };
  machine.top = buildScope(machine, root, "root", 0, "the top level");
  const edges = machine.edges;
  for (let k = 0; k < edges.length; k++) {
    const edge = edges[k];
    const to = edge.scope.byName.get(edge.target);
    if (to) {
      edge.to = to;
      // most states have one incoming edge: a one-element array, not an empty one grown by push
      if (to.in === UNSET) to.in = [edge];
      else to.in.push(edge);
    }
  }
  for (const state of machine.states) {
    if (state.children === UNSET) state.children = [];
    if (state.out === UNSET) state.out = [];
    if (state.in === UNSET) state.in = [];
  }
  return machine;
}

function addEdge(machine: Machine, scope: Scope, kind: EdgeKind, node: Node | undefined, from?: State): void {
  if (!node || node.type !== "string") return;
  machine.edges.push({ kind, scope, from, node, target: node.value as string, to: undefined });
}

/** A scope (the top level, a Parallel branch, a Map's item processor) and its states, with the scopes inside them. */
function buildScope(machine: Machine, node: Node, kind: ScopeKind, depth: number, label: string, owner?: State, branchIndex?: number): Scope {
  const scope: Scope = {
    index: machine.scopes.length,
    machine,
    kind,
    node,
    owner,
    branchIndex,
    startAt: get(node, "StartAt"),
    statesNode: get(node, "States"),
    states: [],
    byName: new Map(),
    queryLanguage: machine.queryLanguage,
    depth,
    label,
  };
  machine.scopes.push(scope);
  addEdge(machine, scope, "StartAt", scope.startAt);
  const statesNode = scope.statesNode;
  if (isObject(statesNode)) for (const p of statesNode.properties) buildState(machine, scope, p, depth);
  return scope;
}

/** One member of a scope's `States`: the state, its edges, the scopes it holds. */
function buildState(machine: Machine, scope: Scope, p: Property, depth: number): void {
  // the fields the model reads, in one pass over the state's members (the last one wins
  // for a repeated key, as in `get`)
  let type: Node | undefined, language: Node | undefined, end: Node | undefined, next: Node | undefined;
  let choices: Node | undefined, otherwise: Node | undefined, catchers: Node | undefined;
  let branches: Node | undefined, processor: Node | undefined, iterator: Node | undefined;
  if (isObject(p)) {
    const members = p.properties;
    for (let k = 0; k < members.length; k++) {
      const m = members[k];
      switch (m.key) {
        case "Type": type = m; break;
        case "QueryLanguage": language = m; break;
        case "End": end = m; break;
        case "Next": next = m; break;
        case "Choices": choices = m; break;
        case "Default": otherwise = m; break;
        case "Catch": catchers = m; break;
        case "Branches": branches = m; break;
        case "ItemProcessor": processor = m; break;
        case "Iterator": iterator = m; break;
      }
    }
  }
  const state: State = {
    index: machine.states.length,
    position: scope.states.length,
    machine,
    name: p.key,
    node: p,
    type: stringValue(type),
    scope,
    queryLanguage: languageOf(language, machine.queryLanguage),
    children: UNSET,
    out: UNSET,
    in: UNSET,
    terminal: false,
  };
  scope.states.push(state);
  machine.states.push(state);
  const same = machine.statesByName.get(p.key);
  if (same) {
    same.push(state);
    if (!scope.byName.has(p.key)) scope.byName.set(p.key, state);
  } else {
    // a name not seen anywhere yet is not in this scope either
    machine.statesByName.set(p.key, [state]);
    scope.byName.set(p.key, state);
  }
  if (!isObject(p)) return;
  state.terminal = state.type === "Succeed" || state.type === "Fail" || end?.value === true;
  // the state's own edges are added one after the other: `out` is an exact-size copy of them
  const firstEdge = machine.edges.length;
  if (state.type === "Choice") {
    if (isArray(choices)) for (const rule of choices.items) addEdge(machine, scope, "Choice", get(rule, "Next"), state);
    addEdge(machine, scope, "Default", otherwise, state);
  } else addEdge(machine, scope, "Next", next, state);
  if (state.type === "Task" || state.type === "Parallel" || state.type === "Map") {
    if (isArray(catchers)) for (const c of catchers.items) addEdge(machine, scope, "Catch", get(c, "Next"), state);
  }
  if (machine.edges.length > firstEdge) state.out = copyRange(machine.edges, firstEdge, machine.edges.length);
  if (state.type === "Parallel") {
    if (isArray(branches)) {
      state.children = [];
      for (let i = 0; i < branches.items.length; i++) {
        const b = branches.items[i];
        if (isObject(b)) state.children.push(buildScope(machine, b, "branch", depth + 1, `branch ${i} of "${state.name}"`, state, i));
      }
    }
  } else if (state.type === "Map") {
    const items = processor ?? iterator;
    if (isObject(items)) state.children = [buildScope(machine, items, "processor", depth + 1, `the item processor of "${state.name}"`, state)];
  }
}

/**
 * Empties a model whose lint is over (`lint()` calls it; the language server keeps its model). The
 * model's objects are pretenured (see above), so once dead they stay in the old generation until
 * the next full collection, and a young collection treats every pointer from the old generation
 * as live: whatever young object they point to (a scope's Map, a cache's list, a string) survived
 * every young collection until then, and was copied and promoted each time. Emptied, they keep
 * nothing alive. Measured: 0.5 MB less surviving young collections per lint of the 2,000- and
 * 4,000-state definitions (of 1.3 and 1.7 MB), young-collection time per lint 2.0 -> 1.4 ms at
 * 4,000 states, full collections half as long.
 */
export function disposeMachine(machine: Machine): void {
  // Lists and Maps are emptied, not only let go: one that was pretenured or promoted would, dead,
  // still hold what it held (the machine's edges, its states' edge lists, ...) through young
  // collections. Letting go of them instead left 0.2 MB alive after a 4,000-state lint.
  for (const s of machine.states as Partial<State>[]) {
    s.out!.length = s.in!.length = s.children!.length = 0;
    s.out = s.in = s.children = UNSET;
    s.machine = undefined;
    s.node = undefined;
    s.scope = undefined;
  }
  for (const e of machine.edges as Partial<Edge>[]) {
    e.from = e.to = e.scope = e.node = undefined;
  }
  for (const scope of machine.scopes as Partial<Scope>[]) {
    scope.states!.length = 0;
    scope.byName!.clear();
    scope.states = UNSET;
    scope.byName = EMPTY_MAP;
    scope.owner = scope.node = scope.startAt = scope.statesNode = scope.machine = undefined;
  }
  for (const same of machine.statesByName.values()) same.length = 0;
  machine.statesByName.clear();
  // the per-state and per-machine values of rules and analyses (perState, perMachine, ...): the machine's own, made for it
  for (const value of machine.memo) empty(value, true);
  machine.memo.length = machine.states.length = machine.edges.length = machine.scopes.length = 0;
  const m = machine as Partial<Machine>;
  m.memo = m.states = m.edges = m.scopes = UNSET;
  m.statesByName = EMPTY_MAP as unknown as Map<string, State[]>;
  m.root = undefined;
  m.top = undefined;
}

const EMPTY_MAP = new Map<string, State>();

/** Empties an array, Map or Set; with `deep`, also those an object holds directly. */
function empty(value: unknown, deep: boolean): void {
  if (Array.isArray(value)) value.length = 0;
  else if (value instanceof Map || value instanceof Set) value.clear();
  else if (deep && value !== null && typeof value === "object") for (const v of Object.values(value)) empty(v, false);
}

/** The value node of a state's field. */
export function field(state: State, name: string): Node | undefined {
  return get(state.node, name);
}

/**
 * States reachable from the scope's StartAt, following edges inside the scope: a flag (1) per
 * state, by its number (`state.index`). A typed array, not a Set: a Set of a large scope's
 * states is rebuilt as it grows. The flags are set in `into` when given (one array for every
 * scope of a machine: scopes have no state in common, so their flags never meet).
 */
export function reachableStates(scope: Scope, resolveDangling?: (edge: Edge) => State | undefined, into?: Uint8Array): Uint8Array {
  const machine = scope.states[0]?.machine;
  const seen = into ?? new Uint8Array(machine ? machine.states.length : 0);
  const start = scope.startAt && scope.startAt.type === "string" ? scope.byName.get(scope.startAt.value as string) : undefined;
  if (!start) return seen;
  const stack = [start];
  seen[start.index] = 1;
  while (stack.length) {
    const s = stack.pop()!;
    for (const e of s.out) {
      const to = e.to ?? resolveDangling?.(e);
      if (to && !seen[to.index]) {
        seen[to.index] = 1;
        stack.push(to);
      }
    }
  }
  return seen;
}
