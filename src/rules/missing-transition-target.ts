import type { Rule } from "./types.js";
import { missingTarget } from "../aws/messages.js";
import { closest, quote } from "../expr/names.js";
import { replaceValueFix } from "../parse/edits.js";
import { isObject, isTemplated } from "../parse/tree.js";
import type { Edge, Scope } from "../model/index.js";

const FIELD: Record<Edge["kind"], string> = {
  StartAt: "StartAt",
  Next: "Next",
  Default: "Default",
  Choice: "Next",
  Catch: "Next",
};

export const missingTransitionTarget: Rule = {
  meta: {
    id: "missing-transition-target",
    code: "MISSING_TRANSITION_TARGET",
    severity: "ERROR",
    basis: "rejected",
    description: "StartAt, Next, Default, a Choice rule's Next or a Catch's Next names a state that is not in the same scope.",
    rationale:
      "A transition must name a state of the same States block: the top level, one Parallel branch or one Map item processor. AWS rejects the definition otherwise.",
    source: "PASTE localstack#11978, serverless-step-functions#250; MEAS floci-test (aws-validation-messages M1: Missing 'Next' target, for every transition field); SPEC §Transitions, §Parallel, §Map; SFN-MODEL MISSING_TRANSITION_TARGET",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Procss" }, "Process": { "Type": "Succeed" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Process" }, "Process": { "Type": "Succeed" } } }',
    },
  },
  check(ctx) {
    // per scope: its state names, and the suggestion for each missing target (a misspelling is often repeated)
    const namesOf = new Map<Scope, string[]>();
    const guesses = new Map<Scope, Map<string, string | undefined>>();
    for (const edge of ctx.machine.edges) {
      if (edge.to || isTemplated(edge.node)) continue;
      // without "States" there is nothing to name: required-field says so (and so does AWS, alone)
      if (edge.kind === "StartAt" && !isObject(edge.scope.statesNode)) continue;
      const field = FIELD[edge.kind];
      // AWS's words for every transition field (M1)
      const aws = { message: missingTarget(edge.target), phase: 2 };
      const elsewhere = ctx.machine.statesByName.get(edge.target);
      if (elsewhere && elsewhere.length > 0) {
        const other = elsewhere[0].scope;
        ctx.report(
          edge.node,
          `${field} target ${quote(edge.target)} is a state of ${other.label}, not of ${edge.scope.label}. ` +
            `A transition cannot leave or enter a Parallel branch or a Map item processor; move the state or name one in this scope.`,
          { aws },
        );
        continue;
      }
      let names = namesOf.get(edge.scope);
      if (!names) namesOf.set(edge.scope, (names = [...edge.scope.byName.keys()]));
      let known = guesses.get(edge.scope);
      if (!known) guesses.set(edge.scope, (known = new Map()));
      let guess = known.get(edge.target);
      if (guess === undefined && !known.has(edge.target)) known.set(edge.target, (guess = closest(edge.target, names)));
      if (edge.target === "") {
        ctx.report(edge.node, `${field} is empty. Name a state of ${edge.scope.label}.`, { aws });
      } else if (guess) {
        ctx.report(edge.node, `${field} target ${quote(edge.target)} does not exist in this scope. Did you mean ${quote(guess)}?`, {
          fixes: [replaceValueFix(`Change to ${quote(guess)}`, edge.node, guess)],
          aws,
        });
      } else {
        ctx.report(edge.node, `${field} target ${quote(edge.target)} does not exist in this scope. Name one of the states of ${edge.scope.label}${names.length ? ` (${names.slice(0, 5).map(quote).join(", ")}${names.length > 5 ? ", ..." : ""})` : ""}.`, { aws });
      }
    }
  },
};
