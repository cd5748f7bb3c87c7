import type { Rule } from "./types.js";
import { quote } from "../expr/names.js";
import { duplicateStateName as awsDuplicateStateName } from "../aws/messages.js";

export const duplicateStateName: Rule = {
  meta: {
    id: "duplicate-state-name",
    code: "DUPLICATE_STATE_NAME",
    severity: "ERROR",
    basis: "rejected",
    description: "Two states with the same name anywhere in the machine, Parallel branches and Map processors included.",
    rationale: "State names must be unique across the whole state machine, not only within one States block; AWS rejects the definition.",
    source: "SPEC §States; SFN-MODEL DUPLICATE_STATE_NAME",
    examples: {
      fail: '{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "Branches": [{ "StartAt": "P", "States": { "P": { "Type": "Succeed" } } }], "End": true } } }',
      pass: '{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "Branches": [{ "StartAt": "Inner", "States": { "Inner": { "Type": "Succeed" } } }], "End": true } } }',
    },
  },
  check(ctx) {
    for (const states of ctx.machine.statesByName.values()) {
      if (states.length < 2) continue;
      const name = states[0].name;
      const first = states[0];
      for (const state of states.slice(1)) {
        // the same key twice in one States object is already a duplicate-key error
        if (state.scope === first.scope) continue;
        const where = first.scope === state.scope ? "this scope" : first.scope.label;
        ctx.report(state.node, `State name ${quote(name)} is already used in ${where}. State names must be unique across the whole machine, including Parallel branches and Map processors; rename one.`, {
          key: true,
          aws: { message: awsDuplicateStateName(name) },
        });
      }
    }
  },
};
