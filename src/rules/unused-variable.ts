import type { Rule } from "./types.js";
import { closest, variableNameProblem, quote } from "../expr/names.js";
import { expressionIndex } from "../model/expressions.js";

export const unusedVariable: Rule = {
  meta: {
    id: "unused-variable",
    wholeDocument: true,
    severity: "INFO",
    basis: "accepted",
    description: "A variable that Assign sets but no state ever reads.",
    rationale:
      "Every assigned variable is stored for the rest of its scope and counts against the 10 MiB of variables an execution may hold. One that is never read is dead weight, or the sign of a typo in the name where it was meant to be read.",
    source: "DG-VARS (variables, size limits); asl-facts §7",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "orderId.$": "$.id" }, "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "orderId.$": "$.id" }, "Next": "B" }, "B": { "Type": "Pass", "Parameters": { "id.$": "$orderId" }, "End": true } } }',
    },
  },
  check(ctx) {
    const index = expressionIndex(ctx.machine);
    // an expression that does not parse may hold reads we cannot see
    if (index.strings.some((s) => s.parsed && !s.parsed.ok)) return;
    const read = new Set(index.reads.map((r) => r.name));
    // a name read nowhere but misspelt where it is read: undefined-variable's "Did you mean" says it
    const assigned = [...new Set(index.assigns.flatMap((a) => a.names.map((n) => n.name)))];
    const assignedSet = new Set(assigned);
    const misspelt = new Set<string>();
    let searches = 0;
    for (const name of read) {
      if (assignedSet.has(name) || name.length <= 2 || searches++ >= 100) continue;
      const near = closest(name, assigned);
      if (near !== undefined) misspelt.add(near);
    }
    for (const site of index.assigns) {
      const jsonata = site.state.queryLanguage === "JSONata";
      for (const { name, property } of site.names) {
        if (read.has(name) || misspelt.has(name) || variableNameProblem(name) !== undefined || (jsonata && property.key.endsWith(".$"))) continue;
        ctx.report(property, `Variable ${quote(name)} is assigned here but never read. Remove it from Assign, or read it as $${name} in a later state.`, { key: true });
      }
    }
  },
};
