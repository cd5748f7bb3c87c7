/**
 * What the template cross-check rules share: the `${...}` placeholders of a string, whether the
 * template fills one in itself, and what a `Ref` or `Fn::GetAtt` of a resource gives (its name,
 * its ARN, its URL), from CloudFormation's "Return values" of each resource type.
 */
import type { Reference, Resolved, TemplateContext } from "./types.js";
import type { Node } from "../parse/tree.js";
import { stringOffsetMapper } from "../parse/strings.js";

/** The `${...}` placeholders of a decoded string: indexes (end exclusive) and names. `${!Name}` is Fn::Sub's literal, not a placeholder. */
export function placeholderSpans(value: string): { start: number; end: number; name: string }[] {
  const out: { start: number; end: number; name: string }[] = [];
  for (let i = value.indexOf("${"); i >= 0; i = value.indexOf("${", i + 2)) {
    const close = value.indexOf("}", i + 2);
    if (close < 0) break;
    if (value[i + 2] !== "!") out.push({ start: i, end: close + 1, name: value.slice(i + 2, close).trim() });
    i = close - 1;
  }
  return out;
}

/** The range of the linted text, if any, that the template fills in itself and that holds `offset`. */
export function resolvedAt(context: TemplateContext, offset: number): Resolved | undefined {
  for (const r of context.resolved) if (offset >= r.offset && offset < r.offset + Math.max(r.length, 1)) return r;
  return undefined;
}

/**
 * The placeholders of a string node of the linted text that nothing fills in: no substitution
 * key (or template variable) names them and the template does not fill that spot itself. Empty
 * outside a template that substitutes.
 */
export function unfilledPlaceholders(context: TemplateContext | undefined, text: string, node: Node): { start: number; end: number; name: string }[] {
  if (!context?.substitutionMode || node.type !== "string") return [];
  const value = node.value as string;
  if (!value.includes("${")) return [];
  const map = stringOffsetMapper(text, node);
  return placeholderSpans(value).filter((p) => !context.substitutions.has(p.name) && !resolvedAt(context, map(p.start)) && !resolvedAt(context, node.offset));
}

/** CloudFormation's pseudo parameters. */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set(["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);

/**
 * What Ref and Fn::GetAtt give for the resource types whose values a Task field takes:
 * `kind:what`, from each type's CloudFormation "Return values" (SAM's serverless types are the
 * ones they become).
 */
const RETURNS: Record<string, { ref?: string; attributes: Record<string, string> }> = Object.assign(Object.create(null), {
  "AWS::Lambda::Function": { ref: "function:name", attributes: { Arn: "function:arn" } },
  "AWS::Serverless::Function": { ref: "function:name", attributes: { Arn: "function:arn" } },
  "AWS::Lambda::Alias": { ref: "function:arn", attributes: {} },
  "AWS::Lambda::Version": { ref: "function:arn", attributes: {} },
  "AWS::StepFunctions::Activity": { ref: "activity:arn", attributes: { Name: "activity:name" } },
  "AWS::StepFunctions::StateMachine": { ref: "state machine:arn", attributes: { Arn: "state machine:arn", Name: "state machine:name" } },
  "AWS::Serverless::StateMachine": { ref: "state machine:arn", attributes: { Arn: "state machine:arn", Name: "state machine:name" } },
  "AWS::DynamoDB::Table": { ref: "table:name", attributes: { Arn: "table:arn", StreamArn: "table stream:arn" } },
  "AWS::Serverless::SimpleTable": { ref: "table:name", attributes: {} },
  "AWS::SQS::Queue": { ref: "queue:URL", attributes: { Arn: "queue:arn", QueueName: "queue:name", QueueUrl: "queue:URL" } },
  "AWS::SNS::Topic": { ref: "topic:arn", attributes: { TopicArn: "topic:arn", TopicName: "topic:name" } },
  "AWS::S3::Bucket": { ref: "bucket:name", attributes: { Arn: "bucket:arn", DomainName: "bucket:domain name" } },
  "AWS::Events::EventBus": { ref: "event bus:name", attributes: { Arn: "event bus:arn", Name: "event bus:name" } },
  "AWS::ECS::Cluster": { ref: "cluster:name", attributes: { Arn: "cluster:arn" } },
});

/** What a reference gives (`function:name`, `table:arn`...), when the resource type is one of the known ones. */
export function yieldOf(resources: ReadonlyMap<string, string>, ref: Reference | undefined): string | undefined {
  if (!ref?.target) return undefined;
  const type = resources.get(ref.target);
  const returns = type ? RETURNS[type] : undefined;
  if (!returns) return undefined;
  if (ref.fn === "Ref") return returns.ref;
  if (ref.fn === "GetAtt" && ref.attribute) return Object.hasOwn(returns.attributes, ref.attribute) ? returns.attributes[ref.attribute] : undefined;
  return undefined;
}

/**
 * How the template can give one of `accepts` from the resource `target`: `Ref X` or
 * `Fn::GetAtt X.Attr`, as its type's return values allow; undefined when none of them does.
 */
export function referenceGiving(resources: ReadonlyMap<string, string>, target: string, accepts: readonly string[]): string | undefined {
  const type = resources.get(target);
  const returns = type ? RETURNS[type] : undefined;
  if (!returns) return undefined;
  if (returns.ref && accepts.includes(returns.ref)) return `Ref ${target}`;
  for (const [attribute, gives] of Object.entries(returns.attributes)) if (accepts.includes(gives)) return `Fn::GetAtt ${target}.${attribute}`;
  return undefined;
}

/** `function:name` as words: "the function's name". */
export function describeYield(y: string): string {
  const [kind, what] = y.split(":");
  return `the ${kind}'s ${what === "arn" ? "ARN" : what}`;
}

/** `Ref X` or `Fn::GetAtt X.Attr`, as the template writes it. */
export function describeReference(ref: Reference): string {
  return ref.fn === "GetAtt" ? `Fn::GetAtt ${ref.target}.${ref.attribute ?? ""}` : `Ref ${ref.target}`;
}
