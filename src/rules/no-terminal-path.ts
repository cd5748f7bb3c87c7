import type { Rule } from "./types.js";
import { reachableStates, type State } from "../model/index.js";
import { quote } from "../expr/names.js";

/** A state that neither ends nor moves on by itself: only Catch edges lead out (a Choice always has rules). */
function stuckByItself(s: State): boolean {
  if (s.terminal || s.type === "Choice") return false;
  for (const e of s.out) if (e.kind !== "Catch") return false;
  return true;
}

function hasDanglingEdge(s: State): boolean {
  for (const e of s.out) if (!e.to) return true;
  return false;
}

export const noTerminalPath: Rule = {
  meta: {
    id: "no-terminal-path",
    wholeDocument: true,
    severity: "WARNING",
    basis: "accepted",
    description: "States from which no path leads to a terminal state: a loop with no way out.",
    rationale:
      "An execution that enters such a loop can only end by failing or timing out (Standard workflows run up to a year and fill the 25,000-event history). Add a Choice that leaves the loop.",
    source: "SPEC §Transitions; DG-QUOTAS execution history and duration",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Wait", "Seconds": 5, "Next": "B" }, "B": { "Type": "Pass", "Next": "A" }, "C": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Wait", "Seconds": 5, "Next": "B" }, "B": { "Type": "Choice", "Choices": [{ "Variable": "$.done", "BooleanEquals": true, "Next": "C" }], "Default": "A" }, "C": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    // flags by state number, for every scope (they have no state in common): can finish, is reachable
    const exits = new Uint8Array(ctx.machine.states.length);
    const reachable = new Uint8Array(ctx.machine.states.length);
    const stack: State[] = [];
    for (const scope of ctx.machine.scopes) {
      if (!scope.states.some((s) => s.terminal)) continue; // missing-end-state
      // states that can finish: terminal ones, those with a dangling transition (reported elsewhere),
      // and those with an unknown Type; then everything that leads to them
      for (const s of scope.states) {
        if (s.terminal || s.type === undefined || stuckByItself(s) || hasDanglingEdge(s)) {
          exits[s.index] = 1;
          stack.push(s);
        }
      }
      while (stack.length) {
        const s = stack.pop()!;
        for (const e of s.in) {
          if (e.from && !exits[e.from.index]) {
            exits[e.from.index] = 1;
            stack.push(e.from);
          }
        }
      }
      const reached = reachableStates(scope, undefined, reachable);
      let stuck: State[] | undefined;
      for (const s of scope.states) if (reached[s.index] && !exits[s.index]) (stuck ??= []).push(s);
      if (stuck === undefined) continue;
      const names = stuck.slice(0, 5).map((s) => quote(s.name)).join(", ") + (stuck.length > 5 ? `, and ${stuck.length - 5} more` : "");
      ctx.report(
        stuck[0].node,
        `No path from ${stuck.length === 1 ? "state" : "states"} ${names} leads to a terminal state: once entered, the execution loops until it fails or times out. Add a Choice that leaves the loop.`,
        { key: true },
      );
    }
  },
};
