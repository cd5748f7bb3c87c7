import type { Rule } from "./types.js";
import { schemaFindings } from "../model/schema.js";
import { statesOfType } from "../model/by-type.js";
import { get, has, isObject } from "../parse/tree.js";
import { closest, quote } from "../expr/names.js";
import { requiredButMissing } from "../aws/messages.js";

export const requiredField: Rule = {
  meta: {
    id: "required-field",
    code: "SCHEMA_VALIDATION_FAILED",
    severity: "ERROR",
    basis: "rejected",
    description:
      'A field the state type, the machine, a branch, a retrier, a catcher, a Choice rule or a Task\'s Credentials must have is missing ("Type", "Resource", "Choices", "StartAt", "ErrorEquals", "Next", "RoleArn", ...).',
    rationale:
      'AWS rejects a definition whose objects lack a required field (SCHEMA_VALIDATION_FAILED, "These fields are required: [...]", one message per object): a Task without Resource has nothing to run, a catcher without Next nowhere to go, Credentials without RoleArn no role to assume.',
    source:
      "REC (aws-validation-messages §2: \"These fields are required: [States, StartAt]\" at /; \"The field 'RoleArn' is required but was missing\" for Credentials {} or with only an unknown key); PASTE (S1, a state's missing field at the state); SPEC §Top-level fields, §State types, §Retry, §Catch, §Choice Rules; asl-facts §1, §3, §4, §6",
    examples: {
      fail: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "End": true } } }',
      pass: '{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } } }',
    },
  },
  check(ctx) {
    ctx.reportAll(schemaFindings(ctx.machine, ctx.doc.text, "required-field"));
    // Credentials: any object to the schema, but AWS wants the role (REC)
    for (const state of statesOfType(ctx.machine, "Task")) {
      const credentials = get(state.node, "Credentials");
      if (!isObject(credentials) || has(credentials, "RoleArn")) continue;
      const jsonPath = state.queryLanguage === "JSONPath";
      if (jsonPath && has(credentials, "RoleArn.$")) continue;
      // {"Ref": ...} / {"Fn::GetAtt": ...}: CloudFormation fills it in at deploy time
      if (credentials.properties.length === 1 && /^(Ref|Fn::[A-Za-z]+)$/.test(credentials.properties[0].key)) continue;
      const keys = credentials.properties.map((p) => p.key);
      const guess = keys.find((k) => closest(k, jsonPath ? ["RoleArn", "RoleArn.$"] : ["RoleArn"]) !== undefined);
      ctx.report(
        credentials,
        `The Credentials of Task ${quote(state.name)} name no role: add "RoleArn" with the ARN of the IAM role the task runs as${jsonPath ? ' (or "RoleArn.$" with a path)' : ""}.` +
          (guess ? ` Did you mean "RoleArn" instead of ${quote(guess)}? Field names are case-sensitive.` : keys.length ? ` It holds only ${keys.map(quote).join(", ")}.` : ""),
        { key: true, aws: { message: requiredButMissing("RoleArn"), at: credentials } },
      );
    }
  },
};
