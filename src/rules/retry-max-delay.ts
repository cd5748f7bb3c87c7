import type { Rule } from "./types.js";
import { get } from "../parse/tree.js";
import { handlerLabel, handlersOf } from "../model/handlers.js";
import { quote } from "../expr/names.js";

export const retryMaxDelay: Rule = {
  meta: {
    id: "retry-max-delay",
    severity: "WARNING",
    basis: "accepted",
    description: 'A retrier whose "MaxDelaySeconds" is smaller than its "IntervalSeconds".',
    rationale:
      "MaxDelaySeconds caps every wait between attempts, so a cap below the first interval shortens even the first retry: the interval and backoff you wrote have no effect.",
    source: "DG-ERR (MaxDelaySeconds caps the retry interval); asl-facts §4",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "MaxDelaySeconds": 5 } ], "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "MaxDelaySeconds": 60 } ], "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      for (const h of handlersOf(state)) {
        if (h.kind !== "Retry") continue;
        const interval = get(h.node, "IntervalSeconds");
        const maxDelay = get(h.node, "MaxDelaySeconds");
        if (interval?.type !== "number" || maxDelay?.type !== "number") continue;
        const i = interval.value as number;
        const m = maxDelay.value as number;
        if (m >= i) continue;
        ctx.report(
          maxDelay,
          `"MaxDelaySeconds" (${m}) is smaller than "IntervalSeconds" (${i}) in ${handlerLabel(h)} of ${quote(state.name)}, so every retry waits only ${m} s. Raise MaxDelaySeconds to at least ${i}, or lower IntervalSeconds.`,
        );
      }
    }
  },
};
