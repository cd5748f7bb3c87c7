import type { Rule } from "./types.js";
import type { State } from "../model/index.js";
import { get, isObject } from "../parse/tree.js";
import { classifyTaskResourceShared } from "../expr/arn.js";
import { startsExecution } from "../model/nested.js";
import { PATTERN_LABEL } from "../aws/integrations.js";
import { executionContexts, expressReason } from "../model/execution-contexts.js";
import { mapProcessing } from "../model/map.js";
import { EXPRESS_MAX_SECONDS } from "../aws/limits.js";
import { replaceValueFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { EXPRESS_ACTIVITY, SCHEMA_VALIDATION_FAILED, expressPattern } from "../aws/messages.js";
import { taskResources } from "../model/task-resources.js";

export const expressLimits: Rule = {
  meta: {
    id: "express-limits",
    code: "EXPRESS_LIMITS",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "ERROR", basis: "fails-every-run", what: "a Wait longer than 5 minutes in an Express workflow" },
      { severity: "WARNING", basis: "accepted", what: "TimeoutSeconds above 300 on an EXPRESS state machine" },
    ],
    description:
      "What Express workflows (an EXPRESS state machine, or the children of a Distributed Map with ExecutionType EXPRESS) cannot do: activities, .sync, .sync:2 and .waitForTaskToken, a Distributed Map, or waiting/running longer than 5 minutes.",
    rationale:
      "Express executions support only request-response integrations and no activities: AWS rejects such definitions (SCHEMA_VALIDATION_FAILED, \"Express state machine does not support ...\"). A Distributed Map is supported in Standard workflows only. An Express execution runs at most 5 minutes, so a longer Wait fails every run; a TimeoutSeconds above 300 is only a warning (the 5-minute limit applies first).",
    source: "REC (aws-validation-messages §2: the .waitForTaskToken, .sync and Activity ARN messages, at the Resource); DG-INTEG (Express: request-response only); DG-ARCHIVE concepts-standard-vs-express; DG-QUOTAS (Express 5 minutes); DG-WAIT; DG-DIST; asl-facts §3.8, §10, §12",
    examples: {
      fail: {
        definition: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "Token.$": "$$.Task.Token" } }, "End": true } } }',
        type: "EXPRESS",
      },
      pass: {
        definition: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": { "QueueUrl": "q", "MessageBody": "hi" }, "End": true } } }',
        type: "EXPRESS",
      },
    },
  },
  check(ctx) {
    const contexts = executionContexts(ctx.machine, ctx.type);
    const express = (state: State) => {
      const ec = contexts.get(state.scope);
      return ec?.type === "EXPRESS" ? ec : undefined;
    };

    if (ctx.type === "EXPRESS") {
      const timeout = get(ctx.machine.root, "TimeoutSeconds");
      if (timeout?.type === "number" && (timeout.value as number) > EXPRESS_MAX_SECONDS) {
        ctx.report(
          timeout,
          `An Express execution runs at most ${EXPRESS_MAX_SECONDS} seconds (${EXPRESS_MAX_SECONDS / 60} minutes), so "TimeoutSeconds": ${timeout.value} cannot be reached. Lower it to ${EXPRESS_MAX_SECONDS} or less, or make this a STANDARD state machine.`,
          { severity: "WARNING", fixes: [replaceValueFix(`Change to ${EXPRESS_MAX_SECONDS}`, timeout, EXPRESS_MAX_SECONDS)] },
        );
      }
    }

    for (const { state, resource, text } of taskResources(ctx.machine)) {
      const ec = express(state);
      if (!ec) continue;
      const info = classifyTaskResourceShared(text);
      if (info.kind === "activity" && info.arn.resourceType) {
        ctx.report(resource, `Task ${quote(state.name)} runs an activity, but ${expressReason(ec)}, and Express workflows cannot run activities. Use a Lambda function or another request-response integration, or a STANDARD workflow.`, {
          span: { start: info.arn.resourceType.start, end: info.arn.resourceType.end },
          aws: { code: SCHEMA_VALIDATION_FAILED, message: EXPRESS_ACTIVITY },
        });
        continue;
      }
      if ((info.kind !== "integration" && info.kind !== "sdk") || !info.suffix || !info.pattern || info.pattern === "request-response") continue;
      // .sync on an AWS SDK integration is never supported: task-resource says so
      if (info.kind === "sdk" && info.pattern !== "waitForTaskToken") continue;
      // states:startExecution in an EXPRESS machine: nested-execution-express says so
      if (!ec.map && startsExecution(info)) continue;
      const label = PATTERN_LABEL[info.pattern];
      const what = info.pattern === "waitForTaskToken" ? "wait for a callback" : info.service?.value === "states" ? "wait for the child execution to finish" : "wait for the job to finish";
      const rr = text.slice(0, info.suffix.start) + text.slice(info.suffix.end);
      ctx.report(
        resource,
        `Task ${quote(state.name)} uses ${label} to ${what}, but ${expressReason(ec)}, and Express workflows support only request-response integrations. Remove ${quote(info.suffix.value)}, or use a STANDARD workflow.`,
        { span: { start: info.suffix.start, end: info.suffix.end }, fixes: [replaceValueFix(`Remove ${quote(info.suffix.value)}`, resource, rr)], aws: expressPattern(info.pattern) },
      );
    }

    for (const state of ctx.machine.states) {
      const ec = express(state);
      if (!ec || !isObject(state.node)) continue;
      if (state.type === "Wait") {
        const seconds = get(state.node, "Seconds");
        if (seconds?.type === "number" && (seconds.value as number) > EXPRESS_MAX_SECONDS) {
          ctx.report(
            seconds,
            `Wait ${quote(state.name)} waits ${seconds.value} seconds, but ${expressReason(ec)}, and an Express execution runs at most ${EXPRESS_MAX_SECONDS} seconds (${EXPRESS_MAX_SECONDS / 60} minutes): it would time out first. Wait at most ${EXPRESS_MAX_SECONDS} seconds, or use a STANDARD workflow.`,
            { basis: "fails-every-run" },
          );
        }
      } else if (state.type === "Map") {
        const mp = mapProcessing(state);
        if (mp.mode === "DISTRIBUTED" && mp.modeNode) {
          ctx.report(
            mp.modeNode,
            `Map ${quote(state.name)} is a Distributed Map, but ${expressReason(ec)}, and Distributed Maps run in STANDARD workflows only. Use an inline Map ("Mode": "INLINE", without ItemReader, ItemBatcher and ResultWriter), or a STANDARD workflow.`,
          );
        }
      }
    }
  },
};
