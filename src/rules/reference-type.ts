import type { Rule } from "./types.js";
import { prop, stringValue, type Node } from "../parse/tree.js";
import { describeReference, describeYield, referenceGiving, resolvedAt, yieldOf } from "../sources/references.js";
import type { Reference } from "../sources/types.js";

/** The Task fields whose value a reference may fill in, and what each takes. */
const FIELDS: { field: string; resource?: RegExp; accepts: string[]; needs: string }[] = [
  { field: "FunctionName", resource: /:states:::lambda:invoke/, accepts: ["function:name", "function:arn"], needs: "a Lambda function's name or ARN" },
  { field: "StateMachineArn", resource: /:states:::states:startExecution/, accepts: ["state machine:arn"], needs: "a state machine's ARN" },
  { field: "TableName", resource: /:states:::dynamodb:/, accepts: ["table:name", "table:arn"], needs: "a DynamoDB table's name or ARN" },
  { field: "QueueUrl", resource: /:states:::sqs:/, accepts: ["queue:URL"], needs: "an SQS queue's URL" },
  { field: "TopicArn", resource: /:states:::sns:/, accepts: ["topic:arn"], needs: "an SNS topic's ARN" },
];

export const referenceType: Rule = {
  meta: {
    id: "reference-type",
    severity: "ERROR",
    basis: "rejected",
    findings: [{ severity: "ERROR", basis: "fails-every-run", what: "a parameter (FunctionName, StateMachineArn, TableName, QueueUrl, TopicArn) given the wrong attribute of its resource" }],
    description: "A Ref or Fn::GetAtt (directly or through a substitution) whose resource gives something other than what the Task field needs: a table's name where a Lambda ARN belongs.",
    rationale:
      "Ref and Fn::GetAtt give what each resource type's CloudFormation \"Return values\" say: Ref of a Lambda function is its name, not its ARN; Ref of an SQS queue is its URL. A Task Resource must be a Lambda function or activity ARN (or a states::: integration), so AWS rejects the definition; a wrong FunctionName, StateMachineArn, TableName, QueueUrl or TopicArn fails every time the state runs.",
    source: "CloudFormation resource reference, Return values of AWS::Lambda::Function, AWS::StepFunctions::Activity and ::StateMachine, AWS::DynamoDB::Table, AWS::SQS::Queue, AWS::SNS::Topic; asl-facts Task Resource forms",
    examples: {
      fail: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Task\n            Resource: !Ref Fn\n            End: true\n", filename: "template.yaml" },
      pass: { definition: "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Task\n            Resource: !GetAtt Fn.Arn\n            End: true\n", filename: "template.yaml" },
    },
  },
  check(ctx) {
    const t = ctx.template;
    if (!t || t.resources.size === 0) return;
    /** What a whole-placeholder value refers to: an intrinsic the template fills in, or a substitution's value. */
    const referenceOf = (node: Node | undefined): { ref: Reference; via?: string } | undefined => {
      const value = stringValue(node);
      const m = value !== undefined ? /^\$\{([^{}!]+)\}$/.exec(value) : null;
      if (!m || !node) return undefined;
      const resolved = resolvedAt(t, node.offset) ?? resolvedAt(t, node.offset + 1);
      if (resolved?.reference) return { ref: resolved.reference };
      if (resolved) return undefined;
      const s = t.substitutions.get(m[1].trim());
      return s?.reference ? { ref: s.reference, via: s.key } : undefined;
    };
    const judge = (node: Node, accepts: string[], needs: string, field: string) => {
      const found = referenceOf(node);
      if (!found) return;
      const gives = yieldOf(t.resources, found.ref);
      if (!gives || accepts.includes(gives)) return;
      const through = found.via ? ` (through substitution ${JSON.stringify(found.via)})` : "";
      const instead = referenceGiving(t.resources, found.ref.target!, accepts);
      const better = instead ? ` Use ${instead}${found.via ? ` in substitution ${JSON.stringify(found.via)}` : ""}.` : ` ${found.ref.target} cannot give that: reference a resource that can${field === "Resource" ? ", or reach this one through its arn:aws:states::: integration" : ""}.`;
      ctx.report(node, `${field} takes ${needs}, but ${describeReference(found.ref)}${through} gives ${describeYield(gives)} (${found.ref.target} is an ${t.resources.get(found.ref.target!)}).${better}`);
    };
    for (const state of ctx.machine.states) {
      if (stringValue(prop(state.node, "Type")) !== "Task") continue;
      const resource = prop(state.node, "Resource");
      if (!resource) continue;
      judge(resource, ["function:arn", "activity:arn"], "a Lambda function or activity ARN (or an arn:aws:states::: integration)", "Resource");
      const arn = stringValue(resource) ?? "";
      const args = prop(state.node, "Parameters") ?? prop(state.node, "Arguments");
      for (const f of FIELDS) {
        if (f.resource && !f.resource.test(arn)) continue;
        const value = prop(args, f.field);
        if (value) judge(value, f.accepts, f.needs, f.field);
      }
    }
  },
};
