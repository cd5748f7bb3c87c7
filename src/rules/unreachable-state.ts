import type { Rule } from "./types.js";
import { notReachable } from "../aws/messages.js";
import { reachableStates, type State } from "../model/index.js";
import { isTemplated } from "../parse/tree.js";
import { closest, quote } from "../expr/names.js";

export const unreachableState: Rule = {
  meta: {
    id: "unreachable-state",
    code: "MISSING_TRANSITION_TARGET",
    wholeDocument: true,
    severity: "ERROR",
    basis: "rejected",
    description: "A state that no path from StartAt reaches.",
    rationale:
      'AWS rejects a definition with a state that cannot be reached ("State \\"C\\" is not reachable."). aslint follows the transitions from StartAt, so an island of states that only point at each other is found too.',
    source: "PASTE localstack#11978, MEAS floci-test (aws-validation-messages M2: State \"C\" is not reachable., at the state, at every level); SFN-MODEL MISSING_TRANSITION_TARGET",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" }, "B": { "Type": "Pass", "Next": "C" }, "C": { "Type": "Pass", "Next": "B" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    // reachability flags by state number, for every scope (they have no state in common)
    const flags = new Uint8Array(ctx.machine.states.length);
    let plain: Uint8Array | undefined;
    const awsOnly = (state: State) => ctx.report(state.node, "", { key: true, aws: { only: true, message: awsMessage(state), at: state.node, phase: 4 } });
    for (const scope of ctx.machine.scopes) {
      const startName = scope.startAt?.type === "string" ? (scope.startAt.value as string) : undefined;
      if (startName === undefined || isTemplated(scope.startAt)) continue;
      // AWS reports the missing terminal state of the top level and skips this pass there; so do
      // we (one fault, one diagnostic). It checks nested scopes for reachability only.
      if (!scope.owner && !scope.states.some((s) => s.terminal)) continue;
      // a templated transition could lead anywhere: reachability is unknowable before deployment
      if (scope.states.some((s) => s.out.some((e) => !e.to && isTemplated(e.node)))) continue;
      if (!scope.byName.has(startName)) {
        // missing-transition-target reports the StartAt; AWS also reports every state unreachable
        for (const state of scope.states) if (scope.byName.get(state.name) === state) awsOnly(state);
        continue;
      }
      // a misspelt target (reported by missing-transition-target) counts as its likely state, so the
      // state it meant is not reported as unreachable too
      let names: string[] | undefined;
      const guesses = new Map<string, string | undefined>();
      const reached = reachableStates(scope, (e) => {
        names ??= [...scope.byName.keys()];
        if (guesses.has(e.target)) {
          const known = guesses.get(e.target);
          return known === undefined ? undefined : scope.byName.get(known);
        }
        const guess = closest(e.target, names);
        guesses.set(e.target, guess);
        return guess === undefined ? undefined : scope.byName.get(guess);
      }, flags);
      // AWS does not guess: a state reached only through a misspelt target is unreachable to it
      const exact = scope.states.some((st) => st.out.some((e) => !e.to)) ? reachableStates(scope, undefined, (plain ??= new Uint8Array(ctx.machine.states.length))) : reached;
      for (const state of scope.states) {
        if (reached[state.index] && !exact[state.index] && scope.byName.get(state.name) === state) awsOnly(state);
        if (reached[state.index] || scope.byName.get(state.name) !== state) continue;
        const from = state.in.filter((e) => e.from && !reached[e.from.index]).map((e) => e.from!.name);
        const hint = from.length
          ? ` It is only reached from ${[...new Set(from)].map(quote).join(", ")}, which ${from.length > 1 ? "are" : "is"} not reachable either.`
          : " No transition leads to it.";
        ctx.report(state.node, `State ${quote(state.name)} cannot be reached from StartAt (${quote(startName)}).${hint} Add a transition to it or remove it.`, {
          key: true,
          aws: { message: awsMessage(state), at: state.node, phase: 4 },
        });
      }
    }
  },
};

const awsMessage = (state: State) => notReachable(state.name);
