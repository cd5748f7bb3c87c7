import type { Rule } from "./types.js";
import { NO_TERMINAL_STATE } from "../aws/messages.js";

/** AWS's words (MEAS, floci #2735/#2786): no location at all. */
const AWS = { message: NO_TERMINAL_STATE, location: null, phase: 3 } as const;

export const missingEndState: Rule = {
  meta: {
    id: "missing-end-state",
    code: "MISSING_END_STATE",
    wholeDocument: true,
    severity: "ERROR",
    basis: "rejected",
    findings: [{ severity: "WARNING", basis: "accepted", what: "a Parallel branch or Map item processor with no terminal state: AWS checks the top level only" }],
    description: "A States block (top level, Parallel branch or Map processor) with no terminal state.",
    rationale:
      'Every workflow needs a state that ends it: "End": true, a Succeed or a Fail state. AWS rejects a state machine whose top level has none ("Workflow has no terminal state"). It does not check Parallel branches and Map item processors: there the definition is accepted, and the branch or iteration can only end by failing or timing out, so it is a warning.',
    source: "MEAS floci #2735/#2786 and floci-test (aws-validation-messages §3.3: top level only, no location); SPEC §Transitions; SFN-MODEL MISSING_END_STATE",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "A" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }',
    },
  },
  check(ctx) {
    for (const scope of ctx.machine.scopes) {
      if (!scope.statesNode || scope.statesNode.type !== "object" || scope.states.length === 0) continue;
      if (scope.states.some((s) => s.terminal)) continue;
      // a state without a known Type is reported by the schema; don't pile on
      if (scope.states.some((s) => s.type === undefined)) continue;
      // a transition to a missing state (reported on its own) may be the intended way out; AWS
      // reports the missing terminal state of the top level all the same
      if (scope.states.some((s) => s.out.some((e) => !e.to))) {
        if (!scope.owner) ctx.report(scope.statesNode, "", { key: true, aws: { ...AWS, only: true } });
        continue;
      }
      const label = `${scope.label[0].toUpperCase()}${scope.label.slice(1)}`;
      if (scope.owner) {
        ctx.report(
          scope.statesNode,
          `${label} has no terminal state, so it can only end by failing or timing out. AWS accepts this (it checks the top level only), but give one state "End": true, or add a Succeed or Fail state.`,
          { key: true, severity: "WARNING" },
        );
        continue;
      }
      ctx.report(scope.statesNode, `${label} has no terminal state. Give one state "End": true, or add a Succeed or Fail state.`, { key: true, aws: AWS });
    }
  },
};
