import type { Rule } from "./types.js";
import { variableNameProblem, quote } from "../expr/names.js";
import { expressionIndex } from "../model/expressions.js";

export const assignName: Rule = {
  meta: {
    id: "assign-name",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description:
      'Keys of "Assign" must be variable names: a letter first, then letters, digits or "_", at most 80 characters, not "states", no sub-paths ("x.y", "x[0]").',
    rationale:
      "Each Assign key names a workflow variable. AWS accepts only Unicode identifiers (UAX #31) up to 80 characters, reserves $states, and cannot assign a part of a variable. In JSONPath states a key may end in \".$\" to take a path; the name is what comes before it.",
    source: "SPEC §Assigning variables; DG-VARS (variable names); asl-facts §7",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "order-id": 1 }, "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "orderId": 1, "total.$": "$.total" }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const site of expressionIndex(ctx.machine).assigns) {
      const jsonata = site.state.queryLanguage === "JSONata";
      const seen = new Map<string, string>();
      for (const { name, property } of site.names) {
        const key = property.key;
        const report = (message: string, newName?: string) =>
          ctx.report(property, message, {
            key: true,
            fixes: newName !== undefined ? [{ title: `Rename to ${quote(newName)}`, edits: [{ offset: property.keyOffset, length: property.keyLength, newText: JSON.stringify(newName) }] }] : [],
          });
        if (jsonata && key.endsWith(".$")) {
          const base = key.slice(0, -2);
          report(
            `${quote(key)}: the ".$" suffix belongs to JSONPath states. In a JSONata state write the variable name alone, ${quote(base)}, with a {% … %} expression as its value.`,
            variableNameProblem(base) ? undefined : base,
          );
          continue;
        }
        if (name.startsWith("$") && name.length > 1) {
          const bare = name.slice(1);
          const ok = variableNameProblem(bare) === undefined;
          report(`Variable names are written without "$" in Assign: ${quote(bare)} (it is read as $${bare}).`, ok ? bare + (key.endsWith(".$") && !jsonata ? ".$" : "") : undefined);
          continue;
        }
        const dot = name.search(/[.[]/);
        if (dot > 0) {
          const base = name.slice(0, dot);
          report(
            `Assign cannot set a part of a variable (${quote(name)}): assign the whole variable ${quote(base)} instead${jsonata ? `, for example with {% $merge([$${base}, {…}]) %}` : ""}.`,
          );
          continue;
        }
        const problem = variableNameProblem(name);
        if (problem) {
          report(`${quote(name)} is not a valid variable name: ${problem}.`);
          continue;
        }
        const other = seen.get(name);
        if (other !== undefined) report(`Variable ${quote(name)} is assigned twice in this Assign (${quote(other)} and ${quote(key)}); keep one.`);
        else seen.set(name, key);
      }
    }
  },
};
