import type { Rule } from "./types.js";

/**
 * Said by the template readers (src/sources), not by a check over a definition: a state
 * machine whose definition aslint cannot read. A rule so that it has metadata and can be
 * configured like any other.
 */
export const definitionNotFound: Rule = {
  meta: {
    id: "definition-not-found",
    severity: "WARNING",
    basis: "unknown",
    findings: [
      { severity: "INFO", basis: "unknown", what: "a definition in S3, or built by a function aslint cannot read: not checked offline" },
      { severity: "ERROR", basis: "deploy-rejected", what: "a Serverless state machine with no definition: serverless-step-functions refuses to deploy it" },
    ],
    description: "A template's state machine whose definition cannot be read here: in S3 (INFO), a local file that is missing or named with other letter case (WARNING), or no definition at all (ERROR).",
    rationale:
      "A definition in S3 (DefinitionS3Location, DefinitionUri in S3) is not checked offline. A DefinitionUri, file() or templatefile() path that does not resolve fails sam build or terraform plan; a path that resolves only on a case-insensitive file system breaks on Linux CI. CloudFormation rejects a state machine with no definition.",
    source: "CloudFormation AWS::StepFunctions::StateMachine (Definition, DefinitionString or DefinitionS3Location); SAM AWS::Serverless::StateMachine DefinitionUri",
    examples: {
      fail: { definition: "Resources:\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionS3Location:\n        Bucket: my-bucket\n        Key: flow.asl.json\n", filename: "template.yaml" },
      pass: { definition: "Resources:\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Pass, End: true}\n", filename: "template.yaml" },
    },
  },
  check() {},
};
