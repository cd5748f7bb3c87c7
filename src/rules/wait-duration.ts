import type { Rule } from "./types.js";
import { has, isObject } from "../parse/tree.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";
import { WAIT_DURATIONS } from "../aws/states.js";


export const waitDuration: Rule = {
  meta: {
    id: "wait-duration",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: 'A Wait state must say how long or until when to wait: one of "Seconds", "Timestamp", "SecondsPath", "TimestampPath".',
    rationale:
      "A Wait state without a duration has nothing to wait for; AWS rejects it. (Giving more than one is reported by exclusive-fields.)",
    source: "SPEC §Wait (exactly one of Seconds, Timestamp, SecondsPath, TimestampPath); asl-facts §3.4",
    examples: {
      fail: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "End": true } } }',
      pass: '{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 0, "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of statesOfType(ctx.machine, "Wait")) {
      if (!isObject(state.node)) continue;
      let given = false;
      for (const f of WAIT_DURATIONS) if (has(state.node, f)) given = true;
      if (given) continue;
      const choices =
        state.queryLanguage === "JSONata"
          ? '"Seconds" (a number of seconds) or "Timestamp" (an RFC 3339 time such as "2016-03-14T01:59:00Z"); either may be a {% JSONata %} expression'
          : '"Seconds" (a number of seconds), "Timestamp" (an RFC 3339 time such as "2016-03-14T01:59:00Z"), "SecondsPath" or "TimestampPath" (a path into the state input)';
      ctx.report(state.node, `Wait state ${quote(state.name)} does not say how long to wait. Add one of ${choices}.`, { key: true });
    }
  },
};
