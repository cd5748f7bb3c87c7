import type { Rule } from "./types.js";
import type { Fix } from "../diagnostic.js";
import type { State } from "../model/index.js";
import { get, hasPlaceholder, isObject, walk, type Node, memberOf } from "../parse/tree.js";
import { classifyTaskResourceShared, type TaskResourceInfo } from "../expr/arn.js";
import { parsePayloadValueShared, type IntrinsicArg } from "../expr/intrinsic.js";
import { plainNames, type PathResult } from "../expr/path.js";
import { looksLikeJsonataExpression, parseJsonataShared } from "../expr/jsonata.js";
import { integrationAction } from "../aws/integrations.js";
import { addMemberFix } from "../parse/edits.js";
import { quote } from "../expr/names.js";
import { taskResources } from "../model/task-resources.js";
import { executionContexts } from "../model/execution-contexts.js";
import { startsExecution } from "../model/nested.js";
import { TIMEOUT_SECONDS_MAX } from "../aws/limits.js";
import { contextMember } from "../expr/context-fields.js";

const TOKEN = ["Task", "Token"];

/** `names` is `Task.Token` or an object holding it (`$$`, `$$.Task`). */
function holdsToken(names: readonly string[]): boolean {
  return names.length <= TOKEN.length && names.every((n, i) => n === TOKEN[i]);
}

function pathHoldsToken(path: PathResult): boolean {
  if (path.root !== "$$") return false;
  const names = plainNames(path);
  return names !== undefined && holdsToken(names);
}

function argsHoldToken(args: readonly IntrinsicArg[]): boolean {
  for (const a of args) {
    if (a.kind === "path" && pathHoldsToken(a.path)) return true;
    if (a.kind === "call" && argsHoldToken(a.args)) return true;
  }
  return false;
}

/** A JSONPath payload template (`Parameters`) that passes `$$.Task.Token` somewhere; undefined: cannot tell. */
function templatePassesToken(node: Node): boolean | undefined {
  if (node.type === "string") return hasPlaceholder(node.value) ? undefined : false;
  let found = false;
  let unknown = false;
  walk(node, (n) => {
    if (found) return false;
    const key = memberOf(n)?.key;
    if (n.type !== "string" || key === undefined || !key.endsWith(".$")) return;
    const s = n.value as string;
    if (hasPlaceholder(s)) {
      unknown = true;
      return;
    }
    const v = parsePayloadValueShared(s);
    if (v.kind === "path" && pathHoldsToken(v.path)) found = true;
    else if (v.kind === "intrinsic" && v.intrinsic.call && argsHoldToken(v.intrinsic.call.args)) found = true;
    else if (/\$\$\.Task\.Token\b/.test(s)) found = true;
  });
  return found ? true : unknown ? undefined : false;
}

function jsonataPassesToken(s: string): boolean | undefined {
  const r = parseJsonataShared(s);
  for (const ref of r.states) {
    if (ref.field === null) return true;
    if (ref.path[0] === "context" && holdsToken(ref.path.slice(1))) return true;
  }
  if (/\$states\.context\.Task\.Token\b/.test(s)) return true;
  return hasPlaceholder(s) ? undefined : false;
}

/** JSONata `Arguments` (any JSON, strings may be `{% %}`) that pass `$states.context.Task.Token`. */
function argumentsPassToken(node: Node): boolean | undefined {
  let found = false;
  let unknown = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type !== "string") return;
    const s = n.value as string;
    if (!looksLikeJsonataExpression(s)) {
      if (hasPlaceholder(s) && n === node) unknown = true;
      return;
    }
    const r = jsonataPassesToken(s.trim());
    if (r === true) found = true;
    else if (r === undefined) unknown = true;
  });
  return found ? true : unknown ? undefined : false;
}

/** A plain string that names the token but is not evaluated (`"token": "$$.Task.Token"`). */
function literalToken(node: Node | undefined, jsonata: boolean): { key: string; value: string } | undefined {
  if (!node) return undefined;
  let out: { key: string; value: string } | undefined;
  walk(node, (n) => {
    if (out) return false;
    if (n.type !== "string" || typeof n.key !== "string" || n.key.endsWith(".$")) return;
    const s = n.value as string;
    if (looksLikeJsonataExpression(s)) return;
    if (jsonata ? /\$states\.context\.Task\.Token\b/.test(s) : /\$\$\.Task\.Token\b/.test(s)) out = { key: n.key, value: s };
  });
  return out;
}

/** Where each service's callback message carries the token, for the quick fix. */
const TOKEN_HOME: Readonly<Record<string, string[]>> = {
  lambda: ["Payload"],
  sqs: ["MessageBody"],
  sns: ["Message"],
};

function tokenFix(text: string, state: State, info: TaskResourceInfo, args: Node | undefined): Fix | undefined {
  if (info.kind !== "integration") return undefined;
  const home = TOKEN_HOME[info.service?.value ?? ""];
  if (!home) return undefined;
  let target = args;
  for (const k of home) target = get(target, k);
  if (!isObject(target)) return undefined;
  const member = contextMember("TaskToken", "Task.Token", state.queryLanguage);
  return addMemberFix(`Add "${member.key}": "${member.value}"`, text, target, member.key, member.value);
}

export const taskToken: Rule = {
  meta: {
    id: "task-token",
    code: "TASK_TOKEN",
    severity: "WARNING",
    basis: "accepted",
    findings: [
      { severity: "INFO", basis: "accepted", what: "a callback or activity Task without HeartbeatSeconds or TimeoutSeconds" },
    ],
    description:
      "A .waitForTaskToken Task that never passes the task token ($$.Task.Token in Parameters, $states.context.Task.Token in Arguments); callback and activity Tasks without HeartbeatSeconds or TimeoutSeconds (note).",
    rationale:
      "A callback Task pauses until someone calls SendTaskSuccess or SendTaskFailure with its token. If the token is not sent out, nobody can, and the execution waits until the task times out (by default 99999999 seconds, i.e. up to the one-year execution limit); CDK refuses such tasks. AWS accepts the definition, so this is a warning. Without HeartbeatSeconds or TimeoutSeconds, a lost worker is noticed just as late.",
    source: "REC (issue 21: AWS creates a .waitForTaskToken Task that never passes the token; the execution waits until it times out); DG-INTEG (Wait for a Callback with Task Token); DG-CTX ($$.Task.Token); DG-TASK (TimeoutSeconds/HeartbeatSeconds defaults); sfn-stuck-execution; CDK integration-pattern validation; asl-facts §3.2, §9, §12",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": { "QueueUrl": "q", "MessageBody": { "order.$": "$.order" } }, "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 60, "TimeoutSeconds": 3600, "Parameters": { "QueueUrl": "q", "MessageBody": { "order.$": "$.order", "token.$": "$$.Task.Token" } }, "End": true } } }',
    },
  },
  check(ctx) {
    const contexts = executionContexts(ctx.machine, ctx.type);
    for (const { state, resource, text } of taskResources(ctx.machine)) {
      // in Express executions the callback itself is the error (express-limits)
      if (contexts.get(state.scope)?.type === "EXPRESS") continue;
      const info = classifyTaskResourceShared(text);
      const callback = (info.kind === "integration" || info.kind === "sdk") && info.pattern === "waitForTaskToken" && info.suffix !== undefined;
      const activity = info.kind === "activity";
      if (!callback && !activity) continue;
      // a callback the integration does not support is task-resource's finding
      if (info.kind === "integration" && info.service && info.action) {
        const known = integrationAction(info.service.value, info.action.value);
        if (known && !known.patterns.includes("waitForTaskToken")) continue;
      }
      const at = callback ? { start: info.suffix!.start, end: info.suffix!.end } : info.arn.resourceType ? { start: info.arn.resourceType.start, end: info.arn.resourceType.end } : undefined;

      const nested = startsExecution(info);
      if (callback && !nested) {
        const params = get(state.node, "Parameters");
        const args = get(state.node, "Arguments");
        let passes: boolean | undefined = false;
        if (params) passes = templatePassesToken(params);
        if (passes === false && args) passes = argumentsPassToken(args);
        if (passes === false) {
          const jsonata = state.queryLanguage === "JSONata";
          const field = jsonata ? "Arguments" : "Parameters";
          const token = jsonata ? '"{% $states.context.Task.Token %}"' : '"$$.Task.Token" (a key ending in ".$", e.g. "TaskToken.$": "$$.Task.Token")';
          const fix = tokenFix(ctx.doc.text, state, info, jsonata ? args : params);
          const literal = literalToken(jsonata ? args : params, jsonata);
          ctx.report(
            resource,
            `Task ${quote(state.name)} waits for a task token (.waitForTaskToken) but never sends it: pass ${token} in ${field}, so that the worker can call SendTaskSuccess or SendTaskFailure with it. Without it, the execution waits until the task times out.${literal ? ` (${quote(literal.key)} holds the text ${quote(literal.value)}, which is sent as is: ${jsonata ? "write it inside {% %}" : `name the key ${quote(literal.key + ".$")}`}.)` : ""}`,
            { span: at, fixes: fix ? [fix] : undefined },
          );
        }
      }

      const heartbeat = get(state.node, "HeartbeatSeconds") ?? get(state.node, "HeartbeatSecondsPath");
      const timeout = get(state.node, "TimeoutSeconds") ?? get(state.node, "TimeoutSecondsPath");
      if (heartbeat && timeout) continue;
      const kind = activity ? "an activity worker" : "a callback (.waitForTaskToken)";
      const message = !heartbeat && !timeout
        ? `Task ${quote(state.name)} waits for ${kind} without "HeartbeatSeconds" or "TimeoutSeconds": if the worker is lost, the task waits for the default timeout of ${TIMEOUT_SECONDS_MAX} seconds (up to the one-year execution limit). Set TimeoutSeconds to the longest the work may take, and HeartbeatSeconds if the worker can call SendTaskHeartbeat.`
        : !heartbeat
          ? `Task ${quote(state.name)} waits for ${kind} without "HeartbeatSeconds": a lost worker is noticed only when TimeoutSeconds expires. Set HeartbeatSeconds, and have the worker call SendTaskHeartbeat, to fail fast.`
          : `Task ${quote(state.name)} waits for ${kind} without "TimeoutSeconds": as long as heartbeats arrive, it may wait for the default timeout of ${TIMEOUT_SECONDS_MAX} seconds (up to the one-year execution limit). Set TimeoutSeconds to the longest the work may take.`;
      ctx.report(
        resource,
        message,
        { span: at, severity: "INFO" },
      );
    }
  },
};
