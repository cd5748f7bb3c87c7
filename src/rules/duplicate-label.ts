import type { Rule } from "./types.js";
import type { State } from "../model/index.js";
import { get } from "../parse/tree.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";

export const duplicateLabel: Rule = {
  meta: {
    id: "duplicate-label",
    code: "DUPLICATE_LABEL_NAME",
    severity: "ERROR",
    basis: "rejected",
    description: "Two Map states with the same Label anywhere in the state machine.",
    rationale: "The label names the Map Runs of a Distributed Map; AWS requires labels to be unique within the state machine definition.",
    source: "DG-DIST (Label unique in the definition); SFN-MODEL DUPLICATE_LABEL_NAME; asl-facts §3.8",
    examples: {
      fail: '{ "StartAt": "A", "States": { "A": { "Type": "Map", "Label": "items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "Next": "B" }, "B": { "Type": "Map", "Label": "items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "Q", "States": { "Q": { "Type": "Pass", "End": true } } }, "End": true } } }',
      pass: '{ "StartAt": "A", "States": { "A": { "Type": "Map", "Label": "items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "Next": "B" }, "B": { "Type": "Map", "Label": "more-items", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "Q", "States": { "Q": { "Type": "Pass", "End": true } } }, "End": true } } }',
    },
  },
  check(ctx) {
    const first = new Map<string, State>();
    for (const state of statesOfType(ctx.machine, "Map")) {
      const label = get(state.node, "Label");
      if (label?.type !== "string") continue;
      const s = label.value as string;
      const owner = first.get(s);
      if (!owner) {
        first.set(s, state);
        continue;
      }
      ctx.report(label, `Label ${quote(s)} is already used by Map ${quote(owner.name)}; labels must be unique in the state machine. Rename this one.`);
    }
  },
};
