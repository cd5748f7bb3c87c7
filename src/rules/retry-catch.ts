import type { Rule } from "./types.js";
import { closest, quote } from "../expr/names.js";
import { replaceValueFix } from "../parse/edits.js";
import { isTemplated } from "../parse/tree.js";
import { handlersOf } from "../model/handlers.js";
import { KNOWN_ERRORS, isKnownError } from "../aws/errors.js";

/** "States." in any case. */
const STATES_PREFIX = /^states\./i;

export const retryCatch: Rule = {
  meta: {
    id: "retry-catch",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "an error name in the \"States.\" namespace that Step Functions does not define, or \"States.\" written in another case: AWS accepts it, and a Fail state may raise it" },
    ],
    description:
      'Retry and Catch error lists: "States.ALL" alone and in the last retrier or catcher; a warning on a name in the "States." namespace that Step Functions does not define. (An empty ErrorEquals is a schema error.)',
    rationale:
      'Retriers and catchers are tried in order, so a "States.ALL" before others would hide them; the spec and AWS\'s guide require it alone and last. A name such as "States.TaskFaild" is accepted (AWS accepts any name, and a Fail state may raise one in the "States." namespace), but it matches only what raises exactly that name: usually a misspelling.',
    source: "SPEC §Error names, §Retrying after an error, §Fallback states; DG-ERR (States.ALL must appear alone and last); REC (aws-validation-messages §2 and issue 21: AWS accepts States.QuorumMet, States.FauxFailure1, States.TaskFailedId in ErrorEquals); asl-facts §4, §5",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["States.Timeout"] } ], "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["States.Timeout"] }, { "ErrorEquals": ["States.ALL"] } ], "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      for (const h of handlersOf(state)) {
        const array = h.kind;
        for (const n of h.names) {
          const name = n.value as string;
          if (name === "States.ALL") {
            if (h.errorEquals!.items.length > 1) {
              ctx.report(n, `"States.ALL" must be the only name in its ErrorEquals: it already matches every error. Remove the other names, or move them to an earlier ${h.kind === "Retry" ? "retrier" : "catcher"}.`);
            }
            if (h.index < h.count - 1) {
              ctx.report(n, `A ${h.kind === "Retry" ? "retrier" : "catcher"} with "States.ALL" must be the last one in ${array}: the ones after it would never be used. Move it to the end of ${array}.`);
            }
            continue;
          }
          if (isTemplated(n) || isKnownError(name)) continue;
          if (name.startsWith("States.")) {
            const guess = closest(name, KNOWN_ERRORS);
            ctx.report(
              n,
              `${quote(name)} is not an error Step Functions raises: it matches only a Fail state or code that raises exactly this name (the "States." prefix is meant for Step Functions' own errors).` +
                (guess
                  ? ` Did you mean ${quote(guess)}?`
                  : ` For a custom error, a name without the prefix${name.length > 7 ? ` (${quote(name.slice(7))})` : ""} is clearer, in both the code that throws it and here.`),
              { severity: "WARNING", fixes: guess ? [replaceValueFix(`Change to ${quote(guess)}`, n, guess)] : undefined },
            );
          } else if (STATES_PREFIX.test(name)) {
            const guess = KNOWN_ERRORS.find((k) => k.toLowerCase() === name.toLowerCase()) ?? closest("States." + name.slice(7), KNOWN_ERRORS);
            ctx.report(
              n,
              `Error names are case-sensitive: ${quote(name)} is a custom error name and matches no Step Functions error.` +
                (guess ? ` Write ${quote(guess)}.` : ` Write the "States." prefix with an uppercase "S".`),
              { severity: "WARNING", fixes: guess ? [replaceValueFix(`Change to ${quote(guess)}`, n, guess)] : undefined },
            );
          }
        }
      }
    }
  },
};
