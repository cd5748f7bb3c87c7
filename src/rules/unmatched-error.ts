import type { Rule } from "./types.js";
import { safeFix } from "../parse/edits.js";
import { has, type Node, isTemplated } from "../parse/tree.js";
import type { Fix } from "../diagnostic.js";
import { quote } from "../expr/names.js";
import { handlerLabel, handlersOf, type Handler } from "../model/handlers.js";
import { RESERVED, UNCATCHABLE } from "../aws/errors.js";
import { PAYLOAD_MAX_BYTES } from "../aws/limits.js";

/*
 * The names of the handler being checked, and the names the earlier handlers of the same kind took
 * (with the handler that took each), in arrays reused for every list and searched by a scan: a list
 * holds a few handlers of a few names. Not a Map and a Set per list (thousands per lint), nor one
 * long-lived pair cleared before each list: `clear()` gives a Map a new table and leaves the old
 * one pointing to it, so once one table had been promoted, all later ones (two per state) stayed
 * alive through young collections until the next full one.
 */
const seenNames: string[] = [];
const seenBy: Handler[] = [];
let seenCount = 0;
const hereNames: string[] = [];
let hereCount = 0;

const KINDS = ["Retry", "Catch"] as const;

/** Position of `name` among the first `count` of `names`, or -1. */
function find(names: readonly string[], count: number, name: string): number {
  for (let i = 0; i < count; i++) if (names[i] === name) return i;
  return -1;
}

export const unmatchedError: Rule = {
  meta: {
    id: "unmatched-error",
    severity: "WARNING",
    basis: "accepted",
    findings: [
      { severity: "INFO", basis: "accepted", what: "a name reserved for future use; States.HeartbeatTimeout on a task without a heartbeat" },
    ],
    description:
      "An error name in a retrier or catcher that can never match: States.Runtime and States.DataLimitExceeded, a name already handled by an earlier retrier or catcher (or by an earlier States.TaskFailed), States.HeartbeatTimeout on a task without a heartbeat, names AWS reserves for future use.",
    rationale:
      "Step Functions tries retriers and catchers in order and uses the first that matches, so a later duplicate is dead code. States.Runtime and States.DataLimitExceeded fail the execution at once, even with States.ALL. A handler that never fires gives false confidence that an error is handled.",
    source: "DG-ERR (States.ALL does not match States.Runtime/DataLimitExceeded; States.TaskFailed matches all but States.Timeout); SPEC §Retrying after an error; asl-facts §4, §5",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["Lambda.ServiceException"] }, { "ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 6 } ], "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], "MaxAttempts": 6 } ], "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of ctx.machine.states) {
      const handlers = handlersOf(state);
      if (handlers.length === 0) continue;
      const hasHeartbeat = has(state.node, "HeartbeatSeconds") || has(state.node, "HeartbeatSecondsPath");
      for (const kind of KINDS) {
        const verb = kind === "Retry" ? "retried" : "caught";
        seenCount = 0;
        let taskFailed: Handler | undefined;
        for (const h of handlers) {
          if (h.kind !== kind) continue;
          hereCount = 0;
          for (const n of h.names) {
            const name = n.value as string;
            if (name === "States.ALL" || isTemplated(n)) continue;
            if (UNCATCHABLE.has(name)) {
              ctx.report(
                n,
                `${quote(name)} is never ${verb}: Step Functions fails the execution at once on it, even with "States.ALL". Remove it and prevent the cause instead` +
                  (name === "States.Runtime" ? " (e.g. a path that selects nothing, a bad intrinsic call)." : ` (keep state input, output and payloads under ${PAYLOAD_MAX_BYTES / 1024} KiB, e.g. pass S3 references).`),
              );
              continue;
            }
            if (find(hereNames, hereCount, name) >= 0) {
              const fix = removeElementFix(ctx.doc.text, n);
              ctx.report(n, `${quote(name)} is listed twice in this ErrorEquals. Remove the repeat.`, { fixes: fix ? [safeFix(fix)] : undefined });
              continue;
            }
            hereNames[hereCount++] = name;
            const at = find(seenNames, seenCount, name);
            if (at >= 0) {
              const earlier = seenBy[at];
              ctx.report(
                n,
                `${quote(name)} is already handled by ${handlerLabel(earlier)} of ${quote(state.name)}, so it never reaches ${handlerLabel(h)}: the first ${kind === "Retry" ? "retrier" : "catcher"} that matches wins. Remove it here, or merge the two.`,
              );
              continue;
            }
            if (taskFailed && !name.toLowerCase().startsWith("states.")) {
              ctx.report(
                n,
                `${quote(name)} never reaches ${handlerLabel(h)}: "States.TaskFailed" in ${handlerLabel(taskFailed)} of ${quote(state.name)} already matches every error except "States.Timeout". Move this ${kind === "Retry" ? "retrier" : "catcher"} before that one.`,
              );
              continue;
            }
            if (RESERVED.has(name)) {
              ctx.report(
                n,
                `${quote(name)} is reserved for future use: AWS reports this condition as "States.Runtime", which cannot be ${verb}, so this name likely never matches.`,
                { severity: "INFO" },
              );
            } else if (name === "States.HeartbeatTimeout" && state.type === "Task" && !hasHeartbeat) {
              ctx.report(
                n,
                `"States.HeartbeatTimeout" only happens on a task with "HeartbeatSeconds" or "HeartbeatSecondsPath", and ${quote(state.name)} has neither. Add a heartbeat, or remove this name.`,
                { severity: "INFO" },
              );
            }
          }
          for (let i = 0; i < hereCount; i++) {
            if (find(seenNames, seenCount, hereNames[i]) >= 0) continue;
            seenNames[seenCount] = hereNames[i];
            seenBy[seenCount++] = h;
          }
          if (!taskFailed && find(hereNames, hereCount, "States.TaskFailed") >= 0) taskFailed = h;
        }
      }
    }
    // (the handlers reach the document: keep none past the lint)
    seenNames.length = seenBy.length = hereNames.length = 0;
  },
};

/** Removes an array element with its separating comma (JSON flow arrays and YAML flow sequences). */
function removeElementFix(text: string, node: Node): Fix | undefined {
  const parent = node.parent;
  if (!parent || !parent.items) return undefined;
  const i = parent.items.indexOf(node);
  if (i <= 0) return undefined;
  const prev = parent.items[i - 1];
  const start = prev.offset + prev.length;
  const end = node.offset + node.length;
  const between = text.slice(start, node.offset);
  if (!/^\s*,\s*$/.test(between)) return undefined; // block sequences: leave it to the user
  return { title: `Remove the repeated ${JSON.stringify(node.value)}`, edits: [{ offset: start, length: end - start, newText: "" }] };
}
