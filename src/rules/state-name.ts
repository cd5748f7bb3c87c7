import type { Rule } from "./types.js";
import { codePointLength, quote } from "../expr/names.js";

import { STATE_NAME_MAX as MAX } from "../aws/limits.js";

export const stateName: Rule = {
  meta: {
    id: "state-name",
    code: "INVALID_STATE_NAME",
    severity: "ERROR",
    basis: "rejected",
    description: "A state name that is empty or longer than 80 characters.",
    rationale: "AWS accepts state names of 1 to 80 characters (spaces included).",
    source: "SPEC §States; SFN-MODEL StateName 1..80; DG-QUOTAS",
    examples: {
      fail: '{ "StartAt": "", "States": { "": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      const length = state.name.length > MAX ? codePointLength(state.name) : state.name.length;
      if (length === 0) ctx.report(state.node, `A state name cannot be empty. Give the state a name of 1 to ${MAX} characters.`, { key: true });
      else if (length > MAX)
        ctx.report(state.node, `State name ${quote(state.name.slice(0, 30) + "...")} is ${length} characters long; AWS allows at most ${MAX}. Shorten it.`, { key: true });
    }
  },
};
