/**
 * What the editor tells users about the parts of a definition: field meanings, state types,
 * integration ARNs, error names and the `$states` variable. The value rules (types, ranges,
 * allowed values) come from the JSON Schema (schema.ts); this file only explains.
 */
import { KNOWN_ERRORS } from "../src/aws/errors.js";
import { DISTRIBUTED_MAX_CONCURRENCY, EXPRESS_MAX_SECONDS, INLINE_MAX_CONCURRENCY, LABEL_MAX, PAYLOAD_MAX_BYTES, STATE_NAME_MAX } from "../src/aws/limits.js";
import { INTEGRATIONS, PATTERN_SUFFIX } from "../src/aws/integrations.js";
import { STATES_FIELD_INFO } from "../src/expr/jsonata-functions.js";
import { STATE_TYPES } from "./schema.js";

export const STATE_TYPE_DOCS: Record<string, string> = {
  Task: "Runs work: a Lambda function, an AWS service integration, an activity or an HTTP endpoint (`Resource`).",
  Pass: "Passes its input to its output, optionally adding fixed data (`Result`) or reshaping it. Useful for stubs and data shaping.",
  Choice: "Branches: the first rule in `Choices` whose condition holds names the next state; `Default` otherwise. Cannot end the workflow.",
  Wait: `Pauses for \`Seconds\` or until \`Timestamp\` (at most 1 year on STANDARD, ${EXPRESS_MAX_SECONDS / 60} minutes on EXPRESS).`,
  Succeed: "Ends the execution (or the branch / iteration) successfully.",
  Fail: "Ends the execution with an error name (`Error`) and a cause (`Cause`).",
  Parallel: "Runs every branch in `Branches` at once; the output is an array with one element per branch.",
  Map: "Runs `ItemProcessor` once for each item of an array (or each S3 object / CSV row in DISTRIBUTED mode).",
};

/** One line per field: what it does. Limits come from the schema. */
export const FIELD_DOCS: Record<string, string> = {
  // top level and scopes
  StartAt: "The name of the state to run first. It must be a state of this `States` block.",
  States: `The states of this workflow (or branch / item processor), by name. Names are 1 to ${STATE_NAME_MAX} characters and unique across the whole machine.`,
  Comment: "A description for humans; ignored when the workflow runs.",
  Version: 'The Amazon States Language version; only "1.0" exists.',
  TimeoutSeconds: "The longest the state (or, at the top level, the whole execution) may run before it fails with `States.Timeout`.",
  QueryLanguage: "How fields are evaluated: `JSONPath` (paths, `.$` keys, intrinsic functions) or `JSONata` (`{% ... %}` expressions). The default is the machine's, and `JSONPath` at the top level.",
  ProcessorConfig: "How the Map runs its items: `Mode` INLINE (in this execution) or DISTRIBUTED (child executions, with `ExecutionType`).",
  // states
  Type: `The kind of state: ${STATE_TYPES.slice(0, -1).join(", ")} or ${STATE_TYPES[STATE_TYPES.length - 1]}.`,
  Next: "The name of the state to run after this one. It must be a state of the same `States` block (top level, branch or item processor).",
  End: "`true` makes this state end the workflow (or the branch / iteration). A state has either `Next` or `\"End\": true`.",
  Resource: "What a Task runs: an integration ARN such as `arn:aws:states:::lambda:invoke`, a Lambda function ARN, an activity ARN or `arn:aws:states:::http:invoke`.",
  InputPath: "JSONPath: selects the part of the state input the state works on (default `$`; `null` gives `{}`).",
  OutputPath: "JSONPath: selects the part of the state output passed on (default `$`; `null` gives `{}`).",
  Parameters: "JSONPath: the input sent to the task (a payload template: keys ending in `.$` take a path or an intrinsic function).",
  ResultSelector: "JSONPath: reshapes the task result before `ResultPath` applies (a payload template).",
  ResultPath: "JSONPath: where the result goes in the state input (`$` replaces the input, `null` discards the result).",
  Result: "JSONPath (Pass only): fixed data used as the state's result. It is not evaluated: paths in it stay strings.",
  Arguments: "JSONata: the input sent to the task or branches; JSON with `{% ... %}` expressions.",
  Output: "JSONata: the state output; any JSON with `{% ... %}` expressions (default: the result, or the input for states without one).",
  Assign: "Stores workflow variables, by name, readable as `$name` in later states. Values are evaluated with the state's input and result.",
  HeartbeatSeconds: "The longest gap between heartbeats (SendTaskHeartbeat) before the task fails with `States.HeartbeatTimeout`. Must be smaller than `TimeoutSeconds`.",
  TimeoutSecondsPath: "JSONPath: a reference path to the timeout, in seconds, in the state input.",
  HeartbeatSecondsPath: "JSONPath: a reference path to the heartbeat interval, in seconds, in the state input.",
  Credentials: "The IAM role the task assumes (`RoleArn`), for cross-account calls.",
  Retry: "Retriers: which errors to retry, how often and how long to wait. Tried in order; `States.ALL` must be last and alone.",
  Catch: "Catchers: which errors to handle and the state to go to (`Next`). Tried in order after retries are used up; `States.ALL` must be last and alone.",
  Choices: "The Choice rules, tried in order; the first that matches names the next state.",
  Default: "The state to run when no Choice rule matches. Without it an unmatched Choice fails the execution.",
  Seconds: "How long to wait, in seconds.",
  Timestamp: "When to stop waiting: an RFC 3339 timestamp such as `2024-03-14T01:59:00Z`.",
  SecondsPath: "JSONPath: a reference path to the number of seconds to wait.",
  TimestampPath: "JSONPath: a reference path to the timestamp to wait for.",
  Error: "The error name the Fail state reports (what a parent's `Catch` matches in `ErrorEquals`).",
  Cause: "A human-readable description of the failure.",
  ErrorPath: "JSONPath: a reference path or string-returning intrinsic function giving the error name.",
  CausePath: "JSONPath: a reference path or string-returning intrinsic function giving the cause.",
  Branches: "The branches of the Parallel state; each has its own `StartAt` and `States`, and cannot jump to states outside it.",
  ItemProcessor: "The workflow run for each item, with its own `StartAt`, `States` and `ProcessorConfig`.",
  Iterator: "Deprecated name of `ItemProcessor`.",
  ItemsPath: "JSONPath: a reference path to the array (or object) to iterate over (default `$`).",
  Items: "JSONata: the array (or object) to iterate over, or an expression giving it.",
  ItemSelector: "Reshapes each item before it enters the item processor; `$$.Map.Item.Index` and `$$.Map.Item.Value` are readable here.",
  MaxConcurrency: `How many iterations may run at once; 0 means no limit (up to ${INLINE_MAX_CONCURRENCY} inline, ${DISTRIBUTED_MAX_CONCURRENCY.toLocaleString("en-US")} distributed).`,
  MaxConcurrencyPath: "JSONPath: a reference path to MaxConcurrency.",
  ToleratedFailurePercentage: "DISTRIBUTED Map: the percentage of items that may fail before the Map Run fails.",
  ToleratedFailureCount: "DISTRIBUTED Map: the number of items that may fail before the Map Run fails.",
  ToleratedFailurePercentagePath: "JSONPath: a reference path to ToleratedFailurePercentage.",
  ToleratedFailureCountPath: "JSONPath: a reference path to ToleratedFailureCount.",
  ItemReader: "DISTRIBUTED Map: reads the items from Amazon S3 (a JSON, JSONL, CSV or Parquet file, a manifest or a bucket listing).",
  ItemBatcher: "DISTRIBUTED Map: groups items into batches for each child execution.",
  ResultWriter: "DISTRIBUTED Map: writes the results of the child executions to Amazon S3 instead of returning them.",
  Label: `DISTRIBUTED Map: a name for the Map Run (at most ${LABEL_MAX} characters, unique in the machine, no spaces or special characters).`,
  // retriers and catchers
  ErrorEquals: "The error names this retrier or catcher handles, such as `States.TaskFailed` or `Lambda.ServiceException`.",
  IntervalSeconds: "Seconds before the first retry (default 1).",
  MaxAttempts: "How many retries at most (default 3; 0 never retries).",
  BackoffRate: "The factor the interval grows by after each retry (default 2.0).",
  MaxDelaySeconds: "The longest interval between retries, whatever the backoff.",
  JitterStrategy: "`FULL` randomizes the retry intervals to spread load; `NONE` (default) does not.",
  // choice rules
  Condition: "JSONata: the rule matches when this is true (`{% ... %}` or a boolean).",
  Variable: "JSONPath: the path to the value the comparison tests.",
  And: "Matches when every rule in the array matches.",
  Or: "Matches when any rule in the array matches.",
  Not: "Matches when the rule it holds does not.",
  // Map configuration
  Mode: "INLINE runs the iterations inside this execution; DISTRIBUTED starts a child execution per item or batch.",
  ExecutionType: "DISTRIBUTED Map: STANDARD or EXPRESS child executions.",
  ReaderConfig: "How the items file is read (InputType, CSV options, MaxItems).",
  WriterConfig: "How the results are written (OutputType, Transformation).",
  MaxItems: "Reads at most this many items.",
  MaxItemsPerBatch: "The most items in one batch.",
  MaxInputBytesPerBatch: `The largest batch, in bytes (at most ${PAYLOAD_MAX_BYTES / 1024} KiB).`,
  BatchInput: "Fixed data added to every batch.",
  RoleArn: "The ARN of the IAM role to assume.",
};

export interface ResourceItem {
  /** The ARN, or a snippet with placeholders for the parts the user fills in. */
  label: string;
  snippet?: string;
  detail: string;
}

const PATTERN_DETAIL: Record<string, string> = {
  "request-response": "request-response (also on EXPRESS)",
  sync: "run a job and wait for it (STANDARD only)",
  "sync:2": "wait, output as parsed JSON (STANDARD only)",
  waitForTaskToken: "wait for a callback with the task token (STANDARD only)",
};

/** Task resources: the optimized integrations of the engine's table (src/expr/integrations.ts), then the other forms. */
export const TASK_RESOURCES: ResourceItem[] = (() => {
  const out: ResourceItem[] = [];
  for (const s of INTEGRATIONS) {
    for (const a of s.actions) {
      for (const p of a.patterns) {
        if (a.doubtful?.[p]) continue;
        out.push({
          label: `arn:aws:states:::${s.service}:${a.name}${PATTERN_SUFFIX[p]}`,
          detail: `${s.title} ${a.name}: ${PATTERN_DETAIL[p] ?? p}${a.note ? `. ${a.note}` : ""}`,
        });
      }
    }
  }
  out.push(
    { label: "arn:aws:states:::aws-sdk:service:apiAction", snippet: "arn:aws:states:::aws-sdk:${1:service}:${2:apiAction}", detail: "AWS SDK integration: any API action of any service (parameters in PascalCase)" },
    { label: "arn:aws:lambda:region:account:function:name", snippet: "arn:aws:lambda:${1:us-east-1}:${2:123456789012}:function:${3:name}", detail: "A Lambda function called directly (legacy form; prefer lambda:invoke)" },
    { label: "arn:aws:states:region:account:activity:name", snippet: "arn:aws:states:${1:us-east-1}:${2:123456789012}:activity:${3:name}", detail: "An activity run by your own workers (STANDARD only)" },
  );
  return out;
})();

export const ITEM_READER_RESOURCES: ResourceItem[] = [
  { label: "arn:aws:states:::s3:getObject", detail: "Read the items from one S3 object (JSON, JSONL, CSV, Parquet or a manifest)" },
  { label: "arn:aws:states:::s3:listObjectsV2", detail: "Iterate over the objects of an S3 bucket / prefix" },
];

export const RESULT_WRITER_RESOURCES: ResourceItem[] = [{ label: "arn:aws:states:::s3:putObject", detail: "Write the Map Run results to S3" }];

const ERROR_DOCS: Record<string, string> = {
  "States.ALL": "Matches any error except States.Runtime and States.DataLimitExceeded. Must be alone in its ErrorEquals and in the last retrier / catcher.",
  "States.TaskFailed": "Matches any task failure except States.Timeout.",
  "States.Timeout": "The task ran longer than TimeoutSeconds, or missed a heartbeat (see HeartbeatTimeout).",
  "States.HeartbeatTimeout": "The task sent no heartbeat for longer than HeartbeatSeconds.",
  "States.Permissions": "The execution role lacks a permission the task needs.",
  "States.ResultPathMatchFailure": "ResultPath could not be applied to the state input.",
  "States.ParameterPathFailure": "A path in Parameters matched nothing (AWS reports it as States.Runtime).",
  "States.QueryEvaluationError": "A JSONata expression failed: a type error, an undefined result or an out-of-range value.",
  "States.BranchFailed": "A branch of a Parallel state failed.",
  "States.NoChoiceMatched": "No Choice rule matched and there is no Default (AWS reports it as States.Runtime).",
  "States.IntrinsicFailure": "An intrinsic function failed (AWS reports it as States.Runtime).",
  "States.ExceedToleratedFailureThreshold": "More Map items failed than ToleratedFailureCount / ToleratedFailurePercentage allow.",
  "States.ItemReaderFailed": "The Map's ItemReader could not read its source.",
  "States.ResultWriterFailed": "The Map's ResultWriter could not write its results.",
  "States.DataLimitExceeded": `An input, output or result exceeded ${PAYLOAD_MAX_BYTES / 1024} KiB. Cannot be retried or caught.`,
  "States.Runtime": "A runtime error such as a path on null. Cannot be retried or caught.",
  "States.Http.Socket": "An HTTP Task timed out (about 60 seconds).",
};

export const ERROR_NAMES: { name: string; doc: string }[] = [
  ...KNOWN_ERRORS.map((name) => ({ name, doc: ERROR_DOCS[name] ?? "A predefined Step Functions error." })),
  { name: "Lambda.ServiceException", doc: "Lambda service error; AWS recommends retrying it." },
  { name: "Lambda.AWSLambdaException", doc: "Lambda error; AWS recommends retrying it." },
  { name: "Lambda.SdkClientException", doc: "Lambda client error; AWS recommends retrying it." },
  { name: "Lambda.TooManyRequestsException", doc: "Lambda throttling; AWS recommends retrying it." },
  { name: "Lambda.Unknown", doc: "The Lambda function failed without a named error (for example it ran out of memory or time)." },
  { name: "StepFunctions.ExecutionLimitExceeded", doc: "A nested startExecution hit the open-executions quota." },
];

export const ERROR_DOC: ReadonlyMap<string, string> = new Map(ERROR_NAMES.map((e) => [e.name, e.doc]));

const STATES_FIELD_DOCS: Record<string, string> = {
  input: "The state's original input.",
  context: "The context object: execution, state, state machine, task and Map item information.",
  result: "The task, Map or Parallel result; only in the state's own `Output` and `Assign`.",
  errorOutput: "The error output (`Error`, `Cause`); only in a catcher's `Output` and `Assign`.",
};
const WHERE_ORDER = { any: 0, result: 1, error: 2 };

/** `$states` in JSONata, and where each field may be read (src/expr/jsonata-functions.ts): those readable anywhere first. */
export const STATES_FIELDS: { name: string; doc: string; where: "any" | "result" | "error" }[] = [...STATES_FIELD_INFO]
  .sort((a, b) => WHERE_ORDER[a.where] - WHERE_ORDER[b.where])
  .map((f) => ({ ...f, doc: STATES_FIELD_DOCS[f.name] }));
