/**
 * Which workflow variables may have been assigned when a state is entered (asl-facts §7):
 * a forward "may" dataflow over the model's edges, one bitset per state, iterated to a fixed
 * point scope by scope (outer scopes first, since a branch or item processor starts with what
 * its Parallel/Map state sees on entry).
 *
 * - A state's own Assign applies on its Next/Default edges (visible from the next state on);
 *   a Catch's Assign on that Catch's edge (the state's Assign is then not evaluated); a Choice
 *   rule's Assign on that rule's edge (the state-level Assign only on Default).
 * - A Parallel branch / inline Map processor starts with the owner's entry set; a Distributed
 *   Map processor starts empty (it cannot read outer variables, DG-VARS).
 * - Nothing flows out of a child scope (its variables vanish when it ends).
 *
 * "May" semantics: a name is in the set when SOME path assigns it, so joins and loops that
 * assign on a later pass raise no false alarm.
 */
import { isDistributedProcessor } from "./map.js";
import type { Machine, Scope, State } from "./index.js";
import { expressionIndex, type AssignSite } from "./expressions.js";
import { perMachine } from "./memo.js";

export interface VariableFlow {
  /** Every assigned name, by id. */
  names: string[];
  ids: Map<string, number>;
  /** States reachable from their scope's StartAt: they have an entry set. */
  reachable(state: State): boolean;
  /** Is the name possibly assigned on entry to the (reachable) state? */
  assignedOnEntry(state: State, name: string): boolean;
  /** Assign sites by name. */
  sitesByName: Map<string, AssignSite[]>;
  /** True when the scope is the processor of a Distributed Map. */
  distributed(scope: Scope): boolean;
}

/** The machine's variable flow, computed once per lint. */
export const variableFlow: (machine: Machine) => VariableFlow = perMachine(compute);

function compute(machine: Machine): VariableFlow {
  const index = expressionIndex(machine);
  const { names, ids, sitesByName } = assignedNames(index.assigns);
  const words = Math.max(1, Math.ceil(names.length / 32));
  const adds = edgeAdds(index.assigns, ids);
  // a state's entry set is bits [n * words, (n + 1) * words) of `entry`, n its machine number
  const size = Math.max(1, machine.states.length);
  const flow: Flow = {
    words,
    adds,
    entry: new Uint32Array(size * words),
    reached: new Uint8Array(size),
    // scratch for every scope, sized for the whole machine (one allocation each, not one per scope)
    work: { order: [], states: [], next: new Int32Array(size) },
    edgeStart: new Int32Array(size + 1),
    edges: new Int32Array(2 * machine.edges.length),
    baseBits: new Uint32Array(words),
    scratch: new Uint32Array(words),
  };
  for (const scope of machine.scopes) flowScope(scope, flow);
  const { entry, reached } = flow;
  return {
    names,
    ids,
    sitesByName,
    distributed: isDistributedProcessor,
    reachable: (state) => reached[state.index] === 1,
    assignedOnEntry(state, name) {
      const n = state.index;
      const id = ids.get(name);
      return reached[n] === 1 && id !== undefined && (entry[n * words + (id >>> 5)] & (1 << (id & 31))) !== 0;
    },
  };
}

/** Every assigned name, numbered in the order of the sites, and the sites of each. */
function assignedNames(assigns: readonly AssignSite[]): { names: string[]; ids: Map<string, number>; sitesByName: Map<string, AssignSite[]> } {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const sitesByName = new Map<string, AssignSite[]>();
  for (const site of assigns) {
    for (const { name } of site.names) {
      if (!ids.has(name)) {
        ids.set(name, names.length);
        names.push(name);
        sitesByName.set(name, []);
      }
      const list = sitesByName.get(name)!;
      if (list[list.length - 1] !== site) list.push(site);
    }
  }
  return { names, ids, sitesByName };
}

/**
 * What each edge adds: state Assign (Next, Default), Catch Assign, Choice rule Assign; as the
 * ids each site assigns, site after site (`ids[start[k]..start[k + 1])` for site k): a bitset
 * per site would be sites × names bits, quadratic when every state assigns its own.
 */
interface EdgeAdds {
  ids: Int32Array;
  start: Int32Array;
  /** The site number of each state's own Assign... */
  byState: Map<State, number>;
  /** ...and of each Catcher's or Choice rule's. */
  byHolder: Map<unknown, number>;
}

function edgeAdds(assigns: readonly AssignSite[], ids: ReadonlyMap<string, number>): EdgeAdds {
  const addIds: number[] = [];
  const addStarts: number[] = [0];
  const byState = new Map<State, number>();
  const byHolder = new Map<unknown, number>();
  for (const site of assigns) {
    if (site.names.length === 0) continue;
    const at = addStarts.length - 1;
    for (const { name } of site.names) addIds.push(ids.get(name)!);
    addStarts.push(addIds.length);
    if (site.where === "state") byState.set(site.state, at);
    else byHolder.set(site.holder, at);
  }
  return { ids: Int32Array.from(addIds), start: Int32Array.from(addStarts), byState, byHolder };
}

/** The state of the dataflow, and its scratch, shared by the scopes of one machine. */
interface Flow {
  /** 32-bit words per set. */
  words: number;
  adds: EdgeAdds;
  /** The entry set of each state, by machine number. */
  entry: Uint32Array;
  /** States reachable from their scope's StartAt. */
  reached: Uint8Array;
  work: Work;
  /** Incoming edges of each state of the scope's order, flattened: `edges[2j]` the source's offset in `entry`, `edges[2j + 1]` the site it adds or -1... */
  edges: Int32Array;
  /** ...state k's from `edgeStart[k]` to `edgeStart[k + 1]`. */
  edgeStart: Int32Array;
  baseBits: Uint32Array;
  scratch: Uint32Array;
}

/** The entry sets of one scope's states, after those of the scopes around it. */
function flowScope(scope: Scope, flow: Flow): void {
  const start = scope.startAt?.type === "string" ? scope.byName.get(scope.startAt.value as string) : undefined;
  if (!start) return;
  const { words, entry, reached, work, baseBits } = flow;
  // a branch or item processor starts with what its owner sees on entry (nothing for a
  // Distributed Map's processor)
  let base = -1;
  if (scope.owner) {
    const owner = scope.owner.index;
    if (!reached[owner]) return; // owner unreachable: nothing to judge inside
    if (!isDistributedProcessor(scope)) base = owner * words;
  }
  // reverse postorder of the states reachable from StartAt, then rounds in that order until
  // nothing changes: a handful of rounds (loop nesting + 2), each linear in the edges
  postorder(start, reached, work);
  const order = work.order;
  const count = order.length;
  // reversed in place
  for (let i = 0, j = count - 1; i < j; i++, j--) {
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  flow.edgeStart[count] = incomingEdges(order, flow);
  for (let i = 0; i < words; i++) baseBits[i] = base >= 0 ? entry[base + i] : 0;
  entry.set(baseBits, order[0].index * words);
  fixedPoint(order, flow);
}

/** Flattens the incoming edges of the states of `order` into `flow.edges` and `flow.edgeStart`; returns how many. */
function incomingEdges(order: readonly State[], flow: Flow): number {
  const { words, reached, edges, edgeStart, adds } = flow;
  let pairs = 0;
  for (let k = 0; k < order.length; k++) {
    edgeStart[k] = pairs;
    for (const e of order[k].in) {
      const from = e.from;
      if (!from) continue;
      const n = from.index;
      if (!reached[n]) continue; // not reachable in this scope
      let add: number | undefined;
      if (e.kind === "Next" || e.kind === "Default") add = adds.byState.get(from);
      else if (e.kind === "Catch" || e.kind === "Choice") add = adds.byHolder.get(e.node.parent);
      edges[2 * pairs] = n * words;
      edges[2 * pairs + 1] = add ?? -1;
      pairs++;
    }
  }
  return pairs;
}

/** Rounds over the scope's states in `order` (the start first) until no entry set changes. */
function fixedPoint(order: readonly State[], flow: Flow): void {
  const { words, entry, edges, edgeStart, baseBits, scratch } = flow;
  const adds = flow.adds.ids;
  const addStart = flow.adds.start;
  const count = order.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < count; k++) {
      if (k === 0) scratch.set(baseBits); // order[0] is the start
      else scratch.fill(0);
      for (let j = edgeStart[k]; j < edgeStart[k + 1]; j++) {
        const from = edges[2 * j];
        const add = edges[2 * j + 1];
        for (let i = 0; i < words; i++) scratch[i] |= entry[from + i];
        if (add >= 0) {
          for (let a = addStart[add]; a < addStart[add + 1]; a++) {
            const id = adds[a];
            scratch[id >>> 5] |= 1 << (id & 31);
          }
        }
      }
      const to = order[k].index * words;
      for (let i = 0; i < words; i++) {
        if (scratch[i] !== entry[to + i]) {
          entry.set(scratch, to);
          changed = true;
          break;
        }
      }
    }
  }
}

/** Scratch of `postorder`: the order found, and the DFS (states and the next of their edges to follow). */
interface Work {
  order: State[];
  states: State[];
  next: Int32Array;
}

/**
 * States reachable from `start` along the scope's edges, in postorder (in `work.order`); marks
 * them in `reached` (by machine number). The function ends with its loop: code after a loop that
 * V8 compiled on the fly (on-stack replacement) had no type feedback, and that compiled code,
 * cached, was entered and thrown away again on every call (hundreds of deoptimisations a second).
 */
function postorder(start: State, reached: Uint8Array, work: Work): void {
  const post = work.order;
  post.length = 0;
  reached[start.index] = 1;
  const states = work.states;
  const next = work.next;
  states.length = 0;
  states.push(start);
  next[0] = 0;
  while (states.length) {
    const top = states.length - 1;
    const out = states[top].out;
    if (next[top] < out.length) {
      const to = out[next[top]++].to;
      if (to && !reached[to.index]) {
        reached[to.index] = 1;
        next[states.length] = 0;
        states.push(to);
      }
    } else {
      post.push(states.pop()!);
    }
  }
}
