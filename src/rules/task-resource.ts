import { NOT_A_RESOURCE_ARN, SCHEMA_VALIDATION_FAILED, resourceNotRecognized } from "../aws/messages.js";
import { taskResources } from "../model/task-resources.js";
import type { Rule, RuleContext } from "./types.js";
import type { Fix } from "../diagnostic.js";
import type { State } from "../model/index.js";
import { hasPlaceholder, type Node } from "../parse/tree.js";
import { classifyTaskResourceShared, type ArnField, type IntegrationPattern, type TaskResourceInfo } from "../expr/arn.js";
import { closest, quote } from "../expr/names.js";
import {
  INTEGRATIONS,
  INTEGRATIONS_BY_SERVICE,
  MAP_IO_RESOURCES,
  PATTERN_LABEL,
  PATTERN_SUFFIX,
  SDK_PATTERNS,
  describePatterns,
  integrationAction,
  supportsPattern,
} from "../aws/integrations.js";
import { replaceValueFix } from "../parse/edits.js";
import { looksLikeJsonataExpression } from "../expr/jsonata.js";

/** The SDK service ids whose optimized integration has another name. */
const SDK_TO_OPTIMIZED: Readonly<Record<string, string>> = {
  sfn: "states",
  eventbridge: "events",
  emr: "elasticmapreduce",
  emrcontainers: "emr-containers",
  emrserverless: "emr-serverless",
  sagemaker: "sagemaker",
};

const FORMS = 'a Lambda function ARN, an activity ARN, or an integration such as "arn:aws:states:::lambda:invoke"';

const span = (f: ArnField) => ({ start: f.start, end: f.end });

/** AWS's words for an integration resource it does not know. */
const notRecognized = (resource: string) => ({ code: SCHEMA_VALIDATION_FAILED, message: resourceNotRecognized(resource) });

const PLACEHOLDERS = /\$\{[^{}]*\}/g;

/** True when [start, end) overlaps or touches a `${...}` placeholder of the text. */
function touchesPlaceholder(text: string, start: number, end: number): boolean {
  if (!text.includes("${")) return false;
  for (const m of text.matchAll(PLACEHOLDERS)) {
    const ps = m.index!;
    const pe = ps + m[0].length;
    if (start <= pe && end >= ps) return true;
  }
  return false;
}

/** `arn:<partition>:states:::` as written in this ARN (the partition kept, placeholder or not). */
function prefix(info: TaskResourceInfo): string {
  return `arn:${info.arn.partition?.value ?? "aws"}:states:::`;
}

/** The resource with its suffix replaced (`suffix` "" = request-response). */
function withSuffix(text: string, info: TaskResourceInfo, suffix: string): string | undefined {
  if (!info.action) return undefined;
  const end = info.suffix ? info.suffix.end : info.action.end;
  return text.slice(0, info.action.end) + suffix + text.slice(end);
}

export const taskResource: Rule = {
  meta: {
    id: "task-resource",
    code: "INVALID_RESOURCE",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "unknown", what: "a service aslint does not know, another service's ARN, a malformed Region or account, an SDK action in PascalCase, a pattern AWS's documents disagree on" },
    ],
    description:
      "A Task Resource that is not a Lambda function ARN, an activity ARN, an AWS SDK integration or an optimized integration: an action the integration does not have, or a pattern (.sync, .sync:2, .waitForTaskToken) the action does not support. A service aslint does not know is a warning.",
    rationale:
      "AWS rejects a definition whose Task names a resource it does not recognize: an optimized-integration ARN with an action the integration does not have (arn:aws:states:::dynamodb:query) or a pattern the action does not support (lambda:invoke.sync, dynamodb:getItem.waitForTaskToken), and AWS SDK integrations never support .sync. Optimized integrations are added over time, so a service aslint does not know is only a warning, as are Region and account fields that cannot name a resource.",
    source: "REC (aws-validation-messages §2: arn:aws:states:::dynamodb:query is \"not recognized\", SCHEMA_VALIDATION_FAILED at the Resource); PASTE (S12: \"Value is not a valid resource ARN\"); DG-TASK; DG-INTEG (integration-pattern table); DG-SVC per-service pages; CDK SUPPORTED_INTEGRATION_PATTERNS; botocore partitions.json; DG-JSONATA (Resource is a constant string); asl-facts §3.2, §12",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.sync", "Parameters": { "FunctionName": "f" }, "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "f" }, "End": true } } }',
    },
  },
  check(ctx) {
    for (const { state, resource, text } of taskResources(ctx.machine)) {
      if (looksLikeJsonataExpression(text)) {
        ctx.report(
          resource,
          `The Resource of Task ${quote(state.name)} must be a constant string; AWS does not evaluate JSONata in Resource. ` +
            `To choose the target at run time, use a fixed integration and pass the target in ${state.queryLanguage === "JSONata" ? "Arguments" : "Parameters"} (e.g. "arn:aws:states:::lambda:invoke" with "FunctionName").`,
          { code: "SCHEMA_VALIDATION_FAILED" },
        );
        continue;
      }
      checkResource(ctx, state, resource, text);
    }
  },
};

function checkResource(ctx: RuleContext, state: State, resource: Node, text: string): void {
  const info = classifyTaskResourceShared(text);
  if (info.kind === "placeholder") return;
  // `${LambdaArn}:live`, `${Prefix}.waitForTaskToken`: the shape is known only after substitution
  if (info.kind === "invalid" && hasPlaceholder(text)) return;
  const where = (): string => `Task ${quote(state.name)}`;
  // an issue next to or inside a `${...}` placeholder may vanish after substitution
  const errors = info.errors.length ? info.errors.filter((e) => e.severity === "error" && !touchesPlaceholder(text, e.start, e.end)) : info.errors;
  if (errors.length) {
    const notArn = info.kind === "invalid";
    for (const e of errors) {
      // A malformed Region or account cannot name a real resource, so every run fails; but no
      // AWS rejection of such a definition at create time is on record: a warning, not an error.
      const field = [info.arn?.region, info.arn?.account].find((f) => f && f.start <= e.start && e.end <= Math.max(f.end, f.start));
      ctx.report(
        resource,
        notArn
          ? `${e.message} The Resource of ${where()} is not a valid resource ARN: use ${FORMS}.`
          : field
            ? `${e.message} No such resource can exist, so every run of ${where()} would fail.`
            : e.message,
        {
          span: { start: e.start, end: e.end },
          code: notArn ? "SCHEMA_VALIDATION_FAILED" : undefined,
          severity: field ? "WARNING" : undefined,
          aws: notArn ? { message: NOT_A_RESOURCE_ARN } : undefined,
        },
      );
    }
    return;
  }
  const arn = info.arn;
  switch (info.kind) {
    case "lambda":
    case "activity":
      return;
    case "other": {
      const service = arn.service!;
      if (service.templated) return;
      const integration = INTEGRATIONS_BY_SERVICE.get(service.value);
      const hint = integration
        ? ` To call ${integration.title}, use ${prefix(info)}${service.value}:${integration.actions[0].name} and name the ${service.value} resource in ${state.queryLanguage === "JSONata" ? "Arguments" : "Parameters"}.`
        : ` To call an AWS API, use the AWS SDK integration ${prefix(info)}aws-sdk:${service.value}:<apiAction>.`;
      // documented Task resources are Lambda, activities and states integrations; whether AWS rejects
      // other services' ARNs at create time is not on record, so this is a warning
      ctx.report(resource, `A ${quote(service.value)} ARN cannot be the Resource of ${where()}: use ${FORMS}.${hint}`, { span: span(service), severity: "WARNING" });
      return;
    }
    case "states-other": {
      const type = arn.resourceType;
      if (!type || type.templated) return;
      if (type.value === "stateMachine") {
        ctx.report(
          resource,
          `A state machine ARN cannot be the Resource of ${where()}. Start it with ${prefix(info)}states:startExecution (add .sync:2 to wait for its result) and pass this ARN as "StateMachineArn" in ${state.queryLanguage === "JSONata" ? "Arguments" : "Parameters"}.`,
          { span: span(type), severity: "WARNING" },
        );
        return;
      }
      ctx.report(resource, `${quote(type.value)} ARNs cannot be the Resource of ${where()}: in the states service, a Task runs an activity (activity:<name>) or an integration (arn:aws:states:::<service>:<action>).`, {
        span: span(type),
        severity: "WARNING",
      });
      return;
    }
    case "integration":
      checkIntegration(ctx, state, resource, text, info);
      return;
    case "sdk":
      checkSdk(ctx, state, resource, text, info);
      return;
    default:
      return;
  }
}

function checkIntegration(ctx: RuleContext, state: State, resource: Node, text: string, info: TaskResourceInfo): void {
  const service = info.service!;
  const action = info.action;
  if (service.templated) return;
  const integration = INTEGRATIONS_BY_SERVICE.get(service.value);
  const where = (): string => `Task ${quote(state.name)}`;
  if (!integration) {
    if (action && MAP_IO_RESOURCES.has(`${service.value}:${action.value}`)) {
      const sdk = `${prefix(info)}aws-sdk:${service.value}:${action.value}`;
      ctx.report(
        resource,
        `${quote(`${service.value}:${action.value}`)} is a resource of a Distributed Map's ItemReader or ResultWriter, not of a Task. To call S3 from ${where()}, use the AWS SDK integration ${quote(sdk)}.`,
        { span: span(service), fixes: info.pattern === "request-response" ? [replaceValueFix(`Change to ${quote(sdk)}`, resource, sdk)] : undefined, aws: notRecognized(text) },
      );
      return;
    }
    const guess = closest(service.value, INTEGRATIONS.map((s) => s.service));
    const fix = guess ? [replaceValueFix(`Change to ${quote(guess)}`, resource, text.slice(0, service.start) + guess + text.slice(service.end))] : undefined;
    ctx.report(
      resource,
      `${quote(service.value)} is not an optimized integration aslint knows${guess ? `. Did you mean ${quote(guess)}?` : "."} ` +
        `To call an AWS API without one, use the AWS SDK integration ${prefix(info)}aws-sdk:${service.value}:<apiAction>. (AWS adds integrations over time: if this one is new, ignore this warning.)`,
      { span: span(service), fixes: fix, severity: "WARNING" },
    );
    return;
  }
  if (!action || action.templated) return;
  const known = integrationAction(service.value, action.value);
  if (!known) {
    const names = integration.actions.map((a) => a.name);
    const guess = closest(action.value, names);
    const fix = guess ? [replaceValueFix(`Change to ${quote(guess)}`, resource, text.slice(0, action.start) + guess + text.slice(action.end))] : undefined;
    ctx.report(
      resource,
      `${quote(action.value)} is not an action of the ${integration.title} integration, so AWS does not recognize the resource${guess ? `; did you mean ${quote(guess)}?` : "."} ` +
        `Its actions: ${names.join(", ")}. For another ${service.value} API, use the AWS SDK integration ${prefix(info)}aws-sdk:${service.value}:${action.value}.`,
      { span: span(action), fixes: fix, aws: notRecognized(text) },
    );
    return;
  }
  const pattern = info.pattern;
  if (!pattern || pattern === "request-response") return;
  const suffix = info.suffix!;
  const name = `${service.value}:${action.value}`;
  const supported = known.patterns.includes(pattern);
  const doubt = known.doubtful?.[pattern];
  if (supported && !doubt) return;
  // remove the suffix (request-response is always supported); .sync:2 → .sync where .sync exists
  const fixes = suffixFixes(resource, text, info, pattern === "sync:2" && supportsPattern(known, "sync") ? ["sync", "request-response"] : ["request-response"]);
  if (!supported) {
    const hint =
      pattern === "sync:2" && known.patterns.includes("sync")
        ? "use .sync (.sync:2 exists only for states:startExecution)"
        : pattern === "sync:2"
          ? "remove .sync:2 (it exists only for states:startExecution)"
          : `remove ${PATTERN_LABEL[pattern]}`;
    ctx.report(resource, `${name} supports ${describePatterns(known.patterns.filter((p) => !known.doubtful?.[p]))}; ${hint}.`, { span: span(suffix), fixes, aws: notRecognized(text) });
    return;
  }
  if (doubt) {
    ctx.report(resource, `${name}${PATTERN_SUFFIX[pattern]} may not be supported: ${doubt}. Prefer ${describePatterns(known.patterns.filter((p) => !known.doubtful?.[p]))}.`, {
      span: span(suffix),
      severity: "WARNING",
      fixes,
    });
  }
}

function suffixFixes(resource: Node, text: string, info: TaskResourceInfo, patterns: IntegrationPattern[]): Fix[] {
  const out: Fix[] = [];
  for (const p of patterns) {
    const next = withSuffix(text, info, PATTERN_SUFFIX[p]);
    if (next === undefined) continue;
    out.push(replaceValueFix(p === "request-response" ? `Remove ${info.suffix ? quote(info.suffix.value) : "the suffix"}` : `Use ${PATTERN_LABEL[p]}`, resource, next));
  }
  return out;
}

function checkSdk(ctx: RuleContext, state: State, resource: Node, text: string, info: TaskResourceInfo): void {
  const action = info.action;
  const sdkService = info.sdkService;
  if (action && !action.templated && /^[A-Z]/.test(action.value)) {
    const camel = action.value[0].toLowerCase() + action.value.slice(1);
    ctx.report(resource, `AWS SDK integrations name the API action in camelCase: ${quote(camel)}, not ${quote(action.value)}.`, {
      span: span(action),
      severity: "WARNING",
      fixes: [replaceValueFix(`Change to ${quote(camel)}`, resource, text.slice(0, action.start) + camel + text.slice(action.end))],
    });
  }
  const pattern = info.pattern;
  if (pattern !== "sync" && pattern !== "sync:2") return;
  const suffix = info.suffix!;
  const fixes: Fix[] = [];
  let alternative = "";
  if (sdkService && !sdkService.templated && action && !action.templated) {
    const svc = SDK_TO_OPTIMIZED[sdkService.value] ?? sdkService.value;
    const camel = action.value[0].toLowerCase() + action.value.slice(1);
    const optimized = integrationAction(svc, camel);
    if (optimized && optimized.patterns.includes(pattern) && !optimized.doubtful?.[pattern]) {
      const replacement = `${prefix(info)}${svc}:${camel}${PATTERN_SUFFIX[pattern]}`;
      alternative = ` The optimized integration ${quote(replacement)} waits for it to finish.`;
      fixes.push(replaceValueFix(`Change to ${quote(replacement)}`, resource, replacement));
    }
  }
  const rr = withSuffix(text, info, "");
  if (rr !== undefined) fixes.push(replaceValueFix(`Remove ${quote(suffix.value)}`, resource, rr));
  ctx.report(
    resource,
    `AWS SDK integrations support ${describePatterns(SDK_PATTERNS)}, never ${PATTERN_LABEL[pattern]}: remove ${quote(suffix.value)} from the Resource of Task ${quote(state.name)}.${alternative}`,
    { span: span(suffix), fixes },
  );
}
