import type { Rule } from "./types.js";
import { get } from "../parse/tree.js";
import { addMemberFix, removeMemberFix, safeFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { NEEDS_TRANSITION } from "../aws/states.js";


export const nextOrEnd: Rule = {
  meta: {
    id: "next-or-end",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "unknown", what: "\"End\": false beside \"Next\": it has no effect" },
    ],
    description: 'A Task, Parallel, Map, Pass or Wait state must have exactly one of "Next" and "End": true.',
    rationale: "Without a transition the state has nowhere to go; with both, the definition is ambiguous. AWS rejects either.",
    source: "SPEC §States (Next xor End), §Transitions",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass" } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      if (!state.type || !NEEDS_TRANSITION.has(state.type) || state.node.type !== "object") continue;
      const next = get(state.node, "Next");
      const end = get(state.node, "End");
      if (next && end) {
        if (end.value === true) {
          ctx.report(end, `State ${quote(state.name)} has both "Next" and "End": true. Keep one: remove "End" to go on to ${quote(String(next.value))}, or remove "Next" to end here.`, {
            key: true,
            fixes: [removeMemberFix('Remove "End"', ctx.doc.text, end), removeMemberFix('Remove "Next"', ctx.doc.text, next)].filter((f) => f !== undefined),
          });
        } else if (end.value === false) {
          ctx.report(end, `"End": false has no effect beside "Next"; remove it.`, { key: true, severity: "WARNING", fixes: [safeFix(removeMemberFix('Remove "End"', ctx.doc.text, end))].filter((f) => f !== undefined) });
        }
        continue;
      }
      if (next) continue;
      if (end && end.value === true) continue;
      if (end && end.value === false) {
        ctx.report(end, `State ${quote(state.name)} has "End": false and no "Next", so it has nowhere to go. Set "End": true or add "Next".`, {
          fixes: [{ title: 'Set "End": true', edits: [{ offset: end.offset, length: end.length, newText: "true" }] }],
        });
        continue;
      }
      if (end) continue; // a non-boolean End is a schema error
      const fixes = [addMemberFix('Add "End": true', ctx.doc.text, state.node, "End", true)];
      const following = state.scope.states[state.position + 1];
      if (following) fixes.push(addMemberFix(`Add "Next": ${quote(following.name)}`, ctx.doc.text, state.node, "Next", following.name));
      ctx.report(
        state.node,
        `${state.type} state ${quote(state.name)} has neither "Next" nor "End": true. Add "Next" naming the state to run after it, or "End": true if the workflow ends here.`,
        { key: true, fixes: fixes.filter((f) => f !== undefined) },
      );
    }
  },
};
