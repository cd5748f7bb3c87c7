import type { Rule } from "./types.js";

import { DEFINITION_MAX_CHARS as MAX } from "../aws/limits.js";

export const definitionSize: Rule = {
  meta: {
    id: "definition-size",
    severity: "ERROR",
    basis: "rejected",
    description: "A definition longer than 1,048,576 characters.",
    rationale: "The definition string of CreateStateMachine and UpdateStateMachine holds at most 1,048,576 characters (a hard quota). Move large static data to S3 or split the workflow into child state machines.",
    source: "SFN-MODEL Definition 1..1048576; DG-QUOTAS (1 MB, hard)",
    examples: {
      fail: {
        definition: () => '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }'.padEnd(1_048_577, " "),
        note: 'a definition of 1,048,577 characters: `{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }` followed by spaces',
      },
      pass: {
        definition: () => '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }'.padEnd(1_048_576, " "),
        note: "the same definition of 1,048,576 characters, the most AWS accepts",
      },
    },
  },
  check(ctx) {
    const length = ctx.doc.size ?? ctx.doc.text.length;
    if (length <= MAX) return;
    ctx.report(ctx.machine.root, `The definition is ${length.toLocaleString("en-US")} characters long; AWS accepts at most ${MAX.toLocaleString("en-US")}. Move large static data out or split the workflow into child state machines.`, {
      raw: ctx.doc.size === undefined ? { offset: MAX, length: Math.min(1, length - MAX) } : undefined,
    });
  },
};
