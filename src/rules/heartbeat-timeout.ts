import type { Rule } from "./types.js";
import { get } from "../parse/tree.js";
import { statesOfType } from "../model/by-type.js";
import { quote } from "../expr/names.js";
import { TIMEOUT_SECONDS_MAX } from "../aws/limits.js";

const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= TIMEOUT_SECONDS_MAX;

export const heartbeatTimeout: Rule = {
  meta: {
    id: "heartbeat-timeout",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description: 'A Task whose "HeartbeatSeconds" is not smaller than its "TimeoutSeconds".',
    rationale:
      "The heartbeat interval must fit inside the task timeout, or the timeout fires before the first heartbeat is due; AWS rejects the definition. Without TimeoutSeconds the AWS default is 99999999 s, so a lone HeartbeatSeconds is fine.",
    source: "SPEC §Task (HeartbeatSeconds MUST be smaller than TimeoutSeconds); DG-TASK; asl-facts §3.2",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } }, "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } }, "TimeoutSeconds": 300, "HeartbeatSeconds": 60, "End": true } } }',
    },
  },
  check(ctx) {
    for (const state of statesOfType(ctx.machine, "Task")) {
      const heartbeat = get(state.node, "HeartbeatSeconds");
      const timeout = get(state.node, "TimeoutSeconds");
      if (heartbeat?.type !== "number" || timeout?.type !== "number") continue;
      const h = heartbeat.value as number;
      const t = timeout.value as number;
      if (h < t) continue;
      // a value outside 1..TIMEOUT_SECONDS_MAX is invalid-value's finding; comparing it adds nothing
      if (!inRange(h) || !inRange(t)) continue;
      ctx.report(
        heartbeat,
        `"HeartbeatSeconds" (${h}) must be smaller than "TimeoutSeconds" (${t}) in Task ${quote(state.name)}: the task would time out no later than its first heartbeat is due. Lower HeartbeatSeconds below ${t}, or raise TimeoutSeconds.`,
      );
    }
  },
};
