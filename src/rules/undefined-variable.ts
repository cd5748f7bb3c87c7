import type { Rule } from "./types.js";
import type { Scope, State } from "../model/index.js";
import { RESERVED_VARIABLE, closest, quote } from "../expr/names.js";
import { expressionIndex, type VariableRead } from "../model/expressions.js";
import { variableFlow } from "../model/variable-flow.js";
import { isDistributedProcessor } from "../model/map.js";

/** The reader's scope and every scope around it, innermost first. */
function chain(state: State): Scope[] {
  const out: Scope[] = [];
  for (let s: Scope | undefined = state.scope; s; s = s.owner?.scope) out.push(s);
  return out;
}

/** True when `from` can run before `reader` (in the scope of `from`, or around the reader's scope). */
function leadsTo(from: State, reader: State, memo: Memo): boolean {
  let target: State | undefined = reader;
  while (target && target.scope !== from.scope) target = target.scope.owner;
  if (!target) return false;
  let seen = memo.reach.get(from);
  if (!seen) {
    if (memo.reach.size >= MAX_WALKS) return false;
    seen = new Set<State>();
    const stack = [from];
    while (stack.length) {
      const s = stack.pop()!;
      for (const e of s.out) {
        const to = e.to;
        if (to && !seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
      }
    }
    memo.reach.set(from, seen);
  }
  return seen.has(target);
}

function names(list: string[]): string {
  const q = list.slice(0, 3).map(quote);
  if (list.length > 3) q.push(`${list.length - 3} more`);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

export const undefinedVariable: Rule = {
  meta: {
    id: "undefined-variable",
    severity: "WARNING",
    basis: "unknown",
    wholeDocument: true,
    description: "A workflow variable ($name) read where no state on any path from StartAt can have assigned it.",
    rationale:
      "A variable exists only once an Assign has set it, only from the next state on, only in its own scope and the scopes inside it (not in Distributed Map item processors). Reading it earlier gives undefined: a JSONata expression fails with States.QueryEvaluationError, a JSONPath path fails the state. Often it is a typo, or \"$input\" written for \"$.input\". The check warns only when NO path assigns the variable first, so joins and loops stay quiet.",
    source: "SPEC §Variables, §Variable Scope; DG-VARS (scope, evaluation order, Distributed Map); asl-facts §7",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "id.$": "$orderId" }, "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "orderId.$": "$.id" }, "Next": "B" }, "B": { "Type": "Pass", "Parameters": { "id.$": "$orderId" }, "End": true } } }',
    },
  },
  check(ctx) {
    const index = expressionIndex(ctx.machine);
    const flow = variableFlow(ctx.machine);
    const memo: Memo = { reach: new Map(), near: new Map() };
    for (const read of index.reads) {
      if (read.name === RESERVED_VARIABLE) continue; // reserved: reported by the path and JSONata checks
      if (read.functionName && !flow.ids.has(read.name)) continue; // the built-in function
      if (!flow.reachable(read.state)) continue; // unreachable: unreachable-state's finding
      if (flow.assignedOnEntry(read.state, read.name)) continue;
      ctx.report(read.node, message(read, flow.sitesByName.get(read.name) ?? [], flow.names, memo), { span: { start: read.start, end: read.end } });
    }
  },
};

interface Memo {
  /** States reachable from a state, by state (computed for a bounded number of states). */
  reach: Map<State, Set<State>>;
  near: Map<string, string | undefined>;
}

/** At most this many reachability walks per lint (each linear in the scope). */
const MAX_WALKS = 64;
/** At most this many "Did you mean" searches per lint. */
const MAX_SUGGESTIONS = 100;

function message(read: VariableRead, sites: { state: State }[], assigned: string[], memo: Memo): string {
  const v = `$${read.name}`;
  if (sites.length === 0) {
    let near = memo.near.get(read.name);
    // suggestions for a bounded number of names (each is a scan of every assigned name)
    // (not for one- or two-letter names: every short name is "close" to every other)
    if (read.name.length > 2 && !memo.near.has(read.name) && memo.near.size < MAX_SUGGESTIONS) memo.near.set(read.name, (near = closest(read.name, assigned)));
    let hint = "";
    if (near) hint = ` Did you mean $${near}?`;
    else if (!read.jsonata && read.path) hint = ` To read the state input, write ${quote("$." + read.path.slice(1))}.`;
    else if (read.jsonata) hint = ` To read the state input, write $states.input.${read.name}.`;
    return `Variable ${v} is read here but no state assigns it.${hint}`;
  }
  const scopes = chain(read.state);
  const enclosing = new Set(scopes);
  // a Distributed Map processor around the reader cuts it off from everything outside
  const cut = scopes.findIndex((s) => isDistributedProcessor(s));
  if (cut >= 0) {
    const inside = new Set(scopes.slice(0, cut + 1));
    const outside = sites.filter((s) => !inside.has(s.state.scope) && enclosing.has(s.state.scope));
    if (outside.length && !sites.some((s) => inside.has(s.state.scope))) {
      const owner = scopes[cut].owner!;
      return `Variable ${v} is assigned outside the Distributed Map ${quote(owner.name)}, and a Distributed Map's item processor cannot read variables of outer scopes. Pass the value in through the Map's "ItemSelector" and read it from the item.`;
    }
  }
  const visible = sites.filter((s) => enclosing.has(s.state.scope));
  if (visible.length === 0) {
    const where = [...new Set(sites.map((s) => s.state.scope.label))];
    return `Variable ${v} is read here but is assigned only inside ${where.slice(0, 2).join(" and ")}${where.length > 2 ? " and elsewhere" : ""}; variables assigned in a branch or item processor vanish when it ends. Assign it in this scope, or return the value in the branch's output.`;
  }
  if (visible.every((s) => s.state === read.state)) {
    return `Variable ${v} is assigned by this state's own Assign, which takes effect only from the next state on; here it still holds the value from before the state, and no earlier state assigns it.`;
  }
  const others = visible.filter((s) => s.state !== read.state);
  // only a state with Catch or Choice-rule transitions can run before the reader without its Assign applying
  const leading = others.filter((s) => s.state.out.some((e) => e.kind === "Catch" || e.kind === "Choice") && leadsTo(s.state, read.state, memo));
  if (leading.length) {
    const by = [...new Set(leading.map((s) => s.state.name))];
    return `Variable ${v} is read here but is not assigned on any path that leads here: ${names(by)} ${by.length === 1 ? "runs" : "run"} before this point, but ${by.length === 1 ? "its" : "their"} Assign does not apply on the way here (a state's Assign applies only when it goes on by "Next" or "Default"; a Catch's or Choice rule's Assign only on its own transition).`;
  }
  const by = [...new Set(others.map((s) => s.state.name))];
  return `Variable ${v} is read here but no state before it assigns it (${names(by)} ${by.length === 1 ? "assigns it but cannot run" : "assign it but cannot run"} before this point).`;
}
