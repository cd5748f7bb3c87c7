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
import type { Machine, Scope, State } from "../model/index.js";
import { get } from "../parse/tree.js";
import { expressionIndex, type AssignSite } from "./expressions.js";

export interface VariableFlow {
  /** Every assigned name, by id. */
  names: string[];
  ids: Map<string, number>;
  /** Names possibly assigned on entry, for states reachable from their scope's StartAt. */
  entry: Map<State, Uint32Array>;
  /** Assign sites by name. */
  sitesByName: Map<string, AssignSite[]>;
  /** True when the scope is the processor of a Distributed Map. */
  distributed(scope: Scope): boolean;
  has(set: Uint32Array, name: string): boolean;
}

const cache = new WeakMap<Machine, VariableFlow>();

export function isDistributed(scope: Scope): boolean {
  return scope.kind === "processor" && get(get(scope.node, "ProcessorConfig"), "Mode")?.value === "DISTRIBUTED";
}

export function variableFlow(machine: Machine): VariableFlow {
  let flow = cache.get(machine);
  if (!flow) {
    flow = compute(machine);
    cache.set(machine, flow);
  }
  return flow;
}

function compute(machine: Machine): VariableFlow {
  const index = expressionIndex(machine);
  const names: string[] = [];
  const ids = new Map<string, number>();
  const sitesByName = new Map<string, AssignSite[]>();
  for (const site of index.assigns) {
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
  const words = Math.max(1, Math.ceil(names.length / 32));
  const bits = (site: AssignSite | undefined): Uint32Array | undefined => {
    if (!site || site.names.length === 0) return undefined;
    const b = new Uint32Array(words);
    for (const { name } of site.names) {
      const id = ids.get(name)!;
      b[id >>> 5] |= 1 << (id & 31);
    }
    return b;
  };
  // what each edge adds: state Assign (Next, Default), Catch Assign, Choice rule Assign
  const stateBits = new Map<State, Uint32Array>();
  const holderBits = new Map<unknown, Uint32Array>();
  for (const site of index.assigns) {
    const b = bits(site);
    if (!b) continue;
    if (site.where === "state") stateBits.set(site.state, b);
    else holderBits.set(site.holder, b);
  }

  const entry = new Map<State, Uint32Array>();
  const empty = new Uint32Array(words);
  for (const scope of machine.scopes) {
    const start = scope.startAt?.type === "string" ? scope.byName.get(scope.startAt.value as string) : undefined;
    if (!start) continue;
    let base: Uint32Array;
    if (scope.owner) {
      const ownerIn = entry.get(scope.owner);
      if (!ownerIn) continue; // owner unreachable: nothing to judge inside
      base = isDistributed(scope) ? empty : ownerIn;
    } else base = empty;
    // reverse postorder of the states reachable from StartAt, then rounds in that order until
    // nothing changes: a handful of rounds (loop nesting + 2), each linear in the edges
    const order = reversePostorder(start);
    const position = new Map<State, number>();
    order.forEach((st, i) => position.set(st, i));
    for (const st of order) entry.set(st, new Uint32Array(words));
    entry.get(start)!.set(base);
    const scratch = new Uint32Array(words);
    for (let changed = true; changed; ) {
      changed = false;
      for (const st of order) {
        scratch.fill(0);
        if (st === start) scratch.set(base);
        for (const e of st.in) {
          const from = e.from;
          if (!from || !position.has(from)) continue;
          const cur = entry.get(from)!;
          let add: Uint32Array | undefined;
          if (e.kind === "Next" || e.kind === "Default") add = stateBits.get(from);
          else if (e.kind === "Catch" || e.kind === "Choice") add = holderBits.get(e.node.parent);
          for (let i = 0; i < words; i++) scratch[i] |= cur[i] | (add ? add[i] : 0);
        }
        const target = entry.get(st)!;
        for (let i = 0; i < words; i++) {
          if (scratch[i] !== target[i]) {
            target.set(scratch);
            changed = true;
            break;
          }
        }
      }
    }
  }

  return {
    names,
    ids,
    entry,
    sitesByName,
    distributed: isDistributed,
    has(set, name) {
      const id = ids.get(name);
      return id !== undefined && (set[id >>> 5] & (1 << (id & 31))) !== 0;
    },
  };
}

/** States reachable from `start` along the scope's edges, in reverse postorder. */
function reversePostorder(start: State): State[] {
  const post: State[] = [];
  const seen = new Set<State>([start]);
  const stack: { state: State; next: number }[] = [{ state: start, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const out = top.state.out;
    if (top.next < out.length) {
      const to = out[top.next++].to;
      if (to && !seen.has(to)) {
        seen.add(to);
        stack.push({ state: to, next: 0 });
      }
    } else {
      post.push(top.state);
      stack.pop();
    }
  }
  return post.reverse();
}
