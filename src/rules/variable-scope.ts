import type { Rule } from "./types.js";
import type { Scope } from "../model/index.js";
import { variableNameProblem, quote } from "../expr/names.js";
import { expressionIndex, type AssignSite } from "../model/expressions.js";
import { isDistributedProcessor } from "../model/map.js";

export const variableScope: Rule = {
  meta: {
    id: "variable-scope",
    severity: "ERROR",
    basis: "rejected",
    description: "A Parallel branch or Map item processor that assigns a variable whose name is assigned in an outer scope.",
    rationale:
      "Inner scopes may read the variables of the scopes around them but must not assign a name that exists outside: variable names must be unique across outer and inner scopes. Rename the inner variable (a Distributed Map's item processor is a scope of its own and is not checked).",
    source: "SPEC §Variable Scope; DG-VARS (scope of variables); asl-facts §7",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "P" }, "P": { "Type": "Parallel", "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "total": 1 }, "End": true } } }], "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "P" }, "P": { "Type": "Parallel", "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "branchTotal": 1 }, "End": true } } }], "End": true } } }',
    },
  },
  check(ctx) {
    const sites = expressionIndex(ctx.machine).assigns;
    const byScope = new Map<Scope, Map<string, AssignSite>>();
    for (const site of sites) {
      let m = byScope.get(site.state.scope);
      if (!m) byScope.set(site.state.scope, (m = new Map()));
      for (const { name } of site.names) if (!m.has(name)) m.set(name, site);
    }
    for (const site of sites) {
      const scope = site.state.scope;
      if (!scope.owner) continue;
      for (const { name, property } of site.names) {
        if (variableNameProblem(name) !== undefined) continue;
        for (let s: Scope = scope; s.owner && !isDistributedProcessor(s); s = s.owner.scope) {
          const outer = byScope.get(s.owner.scope)?.get(name);
          if (!outer) continue;
          ctx.report(
            property,
            `Variable ${quote(name)} is also assigned in an outer scope (by state ${quote(outer.state.name)} ${outer.state.scope.owner ? "in" : "at"} ${outer.state.scope.label}). A branch or item processor may read outer variables but must not assign one of their names: rename this one.`,
            { key: true },
          );
          break;
        }
      }
    }
  },
};
