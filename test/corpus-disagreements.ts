/**
 * Where aslint's verdict differs from the label another linter's test suite gives a corpus
 * file. Each entry is reviewed and names the AWS fact (spec section, quota, API model) that
 * settles it, with its source tag from ../shared/reference/asl-facts.md §0. Never add an
 * entry without that reason.
 */
export interface Disagreement {
  /** aslint's verdict. */
  verdict: "OK" | "FAIL";
  /** The fact that settles it. */
  fact: string;
}

/** One fact can settle several files of a suite that share the same fixture pattern. */
function sameFact(files: string[], disagreement: Disagreement): Record<string, Disagreement> {
  return Object.fromEntries(files.map((f) => [f, disagreement]));
}

export const DISAGREEMENTS: Record<string, Disagreement> = {
  // statelint's specs use "Resource": "foo:bar" as a stand-in in every Task they test
  ...sameFact(
    [
      "statelint/valid/backoff-with-backoffrate-decimal.json",
      "statelint/valid/backoff-with-backoffrate-integer.json",
      "statelint/valid/backoff-with-jitter-on-retry.json",
      "statelint/valid/states-array-intrinsic-functions.json",
      "statelint/valid/states-array-invocation.json",
      "statelint/valid/states-encoding-decoding-intrinsic-functions.json",
      "statelint/valid/states-format-invocation.json",
      "statelint/valid/states-hash-intrinsic-functions.json",
      "statelint/valid/states-json-intrinsic-functions.json",
      "statelint/valid/states-jsontostring-invocation.json",
      "statelint/valid/states-math-intrinsic-functions.json",
      "statelint/valid/states-string-intrinsic-functions.json",
      "statelint/valid/states-stringtojson-invocation.json",
      "statelint/valid/states-uuid-intrinsic-functions.json",
      "statelint/valid/task-with-credentials.json",
      "statelint/valid/task-with-dynamic-timeouts.json",
      "statelint/valid/task-with-parameters.json",
      "statelint/valid/task-with-resultpath.json",
      "statelint/valid/task-with-resultselector.json",
    ],
    {
      verdict: "FAIL",
      fact:
        'A Task Resource must be a Lambda function ARN, an activity ARN or an arn:<partition>:states:::<service>:<action> integration ARN (DG-TASK; asl-facts §12 Task Resource forms); AWS rejects "foo:bar" with SCHEMA_VALIDATION_FAILED "Value is not a valid resource ARN" (anchor-language-service.md §4.3). statelint follows the spec, where Resource is any URI.',
    },
  ),
  "asl-validator/valid/valid-assign.asl.json": {
    verdict: "FAIL",
    fact: 'It assigns a variable named "top-level": variable names are Unicode identifiers (first character ID_Start, then ID_Continue), so "-" is not allowed (SPEC §Assigning; DG-VARS; asl-facts §7).',
  },
  "asl-validator/valid/valid-map-with-item-batcher-jsonata.json": {
    verdict: "FAIL",
    fact: 'A top-level JSONata state machine holds a state with "QueryLanguage": "JSONPath"; AWS does not let a JSONata machine revert states to JSONPath (DG-STRUCT; CDK QueryLanguage docs; asl-facts §2.1).',
  },
  "asl-validator/valid/valid-task-credentials.json": {
    verdict: "FAIL",
    fact: "Its Task's Credentials hold no RoleArn: AWS refuses Credentials without RoleArn, empty or with other keys only (\"The field 'RoleArn' is required but was missing\" at /States/<S>/Credentials; REC, aws-validation-messages.md §2).",
  },
  "asl-validator/invalid/invalid-jsonata-surround-syntax-no-spaces.json": {
    verdict: "OK",
    fact: 'Its expression "{%10%}" is well delimited: a JSONata string only has to start with "{%" and end with "%}" with nothing outside them; no spaces are required inside (SPEC §Expressions; LS pattern ^{%(.*)%}$; asl-facts §2.5).',
  },
  "asl-validator/invalid/invalid-json-surround-syntax-extra-spaces.json": {
    verdict: "OK",
    fact: "Extra spaces inside the {% %} delimiters are part of the JSONata text; only white space outside the delimiters is disallowed (SPEC §Expressions; DG-JSONATA; asl-facts §2.5).",
  },
};
