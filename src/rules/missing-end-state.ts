import type { Rule } from "./types.js";

export const missingEndState: Rule = {
  meta: {
    id: "missing-end-state",
    code: "MISSING_END_STATE",
    wholeDocument: true,
    severity: "ERROR",
    description: "A States block (top level, Parallel branch or Map processor) with no terminal state.",
    rationale: 'Every workflow needs a state that ends it: "End": true, a Succeed or a Fail state. AWS rejects the definition with "Workflow has no terminal state".',
    source: "SPEC §Transitions; SFN-MODEL MISSING_END_STATE",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "A" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }',
    },
  },
  check(ctx) {
    for (const scope of ctx.machine.scopes) {
      if (!scope.statesNode || scope.statesNode.type !== "object" || scope.states.length === 0) continue;
      if (scope.states.some((s) => s.terminal)) continue;
      // a transition to a missing state (reported on its own) may be the intended way out
      if (scope.states.some((s) => s.out.some((e) => !e.to))) continue;
      // a state without a known Type is reported by the schema; don't pile on
      if (scope.states.some((s) => s.type === undefined)) continue;
      ctx.report(
        scope.statesNode,
        `${scope.label[0].toUpperCase()}${scope.label.slice(1)} has no terminal state. Give one state "End": true, or add a Succeed or Fail state.`,
        { key: true },
      );
    }
  },
};
