/**
 * A definition for the lint worker to run before any document needs it. A new thread starts
 * with no compiled code: V8 interprets the linter until each function has run often enough to
 * be optimized, so the first lint of a 1 MB definition took 340-430 ms against 50-110 ms once
 * warm. Linting this definition a few times, as soon as the server starts, compiles the
 * parser, the model and every rule on the kinds of states and expressions definitions hold.
 */

/** A definition with `groups` copies of a group of states that covers each state type, both query languages, paths, intrinsic functions, JSONata and variables. */
export function warmUpDefinition(groups = 20): string {
  const states = new Map<string, unknown>();
  for (let i = 0; i < groups; i++) {
    const next = i + 1 < groups ? name(i + 1, "Prepare") : "Done";
    jsonPathStates(states, i);
    containerStates(states, i);
    jsonataStates(states, i, next);
  }
  states.set("Done", { Type: "Succeed" });
  return JSON.stringify({ Comment: "aslint's warm-up definition", StartAt: name(0, "Prepare"), States: Object.fromEntries(states) }, null, 2);
}

const name = (i: number, s: string) => `${s} ${i}`;

/** Pass, Task, Choice and Wait states of a group in JSONPath: paths, intrinsic functions, Choice operators, retries, a callback and a nested execution. */
function jsonPathStates(states: Map<string, unknown>, i: number): void {
  states.set(name(i, "Prepare"), {
    Type: "Pass",
    Parameters: { "id.$": "$.order.id", "items.$": "$.order.items", "label.$": "States.Format('order {}', $.order.id)", fixed: [1, 2, 3] },
    ResultPath: "$.prepared",
    Assign: { [`count${i}`]: 1, "started.$": "$$.State.EnteredTime" },
    Next: name(i, "Compute"),
  });
  // intrinsic functions with every kind of argument (paths, strings, numbers, booleans, null, variables)
  states.set(name(i, "Compute"), {
    Type: "Pass",
    Parameters: {
      "next.$": "States.MathAdd($.order.count, 1)",
      "range.$": "States.ArrayRange(1, 9, 2)",
      "parts.$": "States.StringSplit($.order.csv, ',')",
      "hash.$": "States.Hash($.order.id, 'SHA-256')",
      "has.$": "States.ArrayContains($.order.items, 3)",
      "first.$": "States.ArrayGetItem($.order.items, 0)",
      "chunks.$": "States.ArrayPartition($.order.items, 2)",
      "size.$": "States.ArrayLength($.order.items)",
      "unique.$": "States.ArrayUnique($.order.items)",
      "merged.$": "States.JsonMerge($.order.a, $.order.b, false)",
      "parsed.$": "States.StringToJson($.order.json)",
      "encoded.$": "States.Base64Encode($.order.id)",
      "mixed.$": "States.Array(1, 2.5, true, null, 'x', $.order.id)",
      "id.$": "States.UUID()",
      "pick.$": "States.MathRandom(1, 100)",
      "seen.$": `$count${i}`,
      "context.$": "$$.Execution.Id",
      literal: { rate: 1.5, on: false, none: null, list: [0.25, -3, "s", true] },
    },
    ResultPath: "$.computed",
    Next: name(i, "Invoke"),
  });
  states.set(name(i, "Invoke"), {
    Type: "Task",
    Resource: "arn:aws:states:::lambda:invoke",
    Parameters: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:process", "Payload.$": "$.prepared" },
    ResultSelector: { "body.$": "$.Payload.body", "status.$": "$.StatusCode" },
    ResultPath: "$.result",
    TimeoutSeconds: 60,
    HeartbeatSeconds: 30,
    Retry: [
      { ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 1.5, MaxDelaySeconds: 30, JitterStrategy: "FULL" },
      { ErrorEquals: ["States.Timeout"], MaxAttempts: 1 },
    ],
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: name(i, "Failed") }],
    Next: name(i, "Route"),
  });
  states.set(name(i, "Route"), {
    Type: "Choice",
    Choices: [
      { Variable: "$.result.status", NumericEquals: 200, Next: name(i, "Each") },
      { And: [{ Variable: "$.result.body", IsPresent: true }, { Not: { Variable: "$.result.body", StringMatches: "retry*" } }], Next: name(i, "Wait") },
      { Variable: "$.result.at", TimestampLessThanPath: "$.deadline", Next: name(i, "Wait") },
      {
        Or: [
          { Variable: "$.result.ratio", NumericGreaterThanEquals: 0.5 },
          { Variable: "$.result.ok", BooleanEquals: true },
          { Variable: "$.result.when", TimestampGreaterThan: "2024-01-01T00:00:00Z" },
          { Variable: "$.result.name", StringLessThanEquals: "m" },
          { Variable: "$.result.n", NumericEqualsPath: "$.expected" },
          { Variable: "$.result.nothing", IsNull: true },
          { Variable: "$.result.n", IsNumeric: true },
        ],
        Next: name(i, "Callback"),
      },
    ],
    Default: name(i, "Failed"),
  });
  states.set(name(i, "Wait"), { Type: "Wait", SecondsPath: "$.delay", Next: name(i, "Until") });
  states.set(name(i, "Until"), { Type: "Wait", Timestamp: "2030-01-01T00:00:00Z", Next: name(i, "Each") });
  // a callback, and a nested execution that waits for its child
  states.set(name(i, "Callback"), {
    Type: "Task",
    Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", MessageBody: { "token.$": "$$.Task.Token", "order.$": "$.order" } },
    HeartbeatSeconds: 600,
    TimeoutSeconds: 3600,
    ResultPath: "$.approval",
    Next: name(i, "Child"),
  });
  states.set(name(i, "Child"), {
    Type: "Task",
    Resource: "arn:aws:states:::states:startExecution.sync:2",
    Parameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:child", Input: { "order.$": "$.order", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } },
    OutputPath: "$.Output",
    Next: name(i, "Each"),
  });
}

/** Map (inline and distributed, with a reader, a batcher and a writer) and Parallel states of a group, JSONPath and JSONata inside. */
function containerStates(states: Map<string, unknown>, i: number): void {
  states.set(name(i, "Each"), {
    Type: "Map",
    ItemsPath: "$.prepared.items",
    ItemSelector: { "item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
    MaxConcurrency: 4,
    ItemProcessor: {
      ProcessorConfig: { Mode: "INLINE" },
      StartAt: name(i, "Check"),
      States: {
        [name(i, "Check")]: { Type: "Task", Resource: "arn:aws:states:::dynamodb:getItem", Parameters: { TableName: "items", Key: { id: { "S.$": "$.item.id" } } }, OutputPath: "$.Item", End: true },
      },
    },
    ResultPath: "$.checked",
    Next: name(i, "Both"),
  });
  states.set(name(i, "Both"), {
    Type: "Parallel",
    Branches: [
      {
        StartAt: name(i, "Notify"),
        States: { [name(i, "Notify")]: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn: "arn:aws:sns:us-east-1:123456789012:topic", "Message.$": "States.JsonToString($.result)" }, End: true } },
      },
      {
        StartAt: name(i, "Summarise"),
        States: {
          [name(i, "Summarise")]: {
            Type: "Pass",
            QueryLanguage: "JSONata",
            Output: { total: "{% $sum($states.input.prepared.items.price) %}", names: "{% $states.input.prepared.items.name ~> $join(', ') %}", count: `{% $count${i} %}` },
            End: true,
          },
        },
      },
    ],
    ResultPath: null,
    Next: name(i, "Batch"),
  });
  states.set(name(i, "Batch"), {
    Type: "Map",
    QueryLanguage: "JSONata",
    Items: "{% $states.input.prepared.items %}",
    ItemProcessor: {
      ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
      StartAt: name(i, "Handle"),
      States: {
        [name(i, "Handle")]: {
          Type: "Task",
          QueryLanguage: "JSONata",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:handle", Payload: "{% $states.input %}" },
          Output: "{% $states.result.Payload %}",
          End: true,
        },
      },
    },
    Label: `Batch${i}`,
    ToleratedFailurePercentage: 5,
    Output: "{% $states.input %}",
    Next: name(i, "Files"),
  });
  states.set(name(i, "Files"), {
    Type: "Map",
    ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW", MaxItems: 1000 }, Parameters: { Bucket: "orders", "Key.$": "$.key" } },
    ItemBatcher: { MaxItemsPerBatch: 50, BatchInput: { "source.$": "$.key" } },
    ItemProcessor: {
      ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
      StartAt: name(i, "Rows"),
      States: { [name(i, "Rows")]: { Type: "Pass", Parameters: { "rows.$": "$.Items", "count.$": "States.ArrayLength($.Items)" }, End: true } },
    },
    ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "results", Prefix: "runs" } },
    MaxConcurrency: 100,
    ToleratedFailureCount: 10,
    ResultPath: "$.files",
    Next: name(i, "Decide"),
  });
  // JSONata Choice and Wait, with functions over numbers and strings
}

/** JSONata Choice and Wait states of a group, and its Fail state. */
function jsonataStates(states: Map<string, unknown>, i: number, next: string): void {
  states.set(name(i, "Decide"), {
    Type: "Choice",
    QueryLanguage: "JSONata",
    Choices: [
      { Condition: "{% $states.input.files.count > 2 and $exists($states.input.key) %}", Next: name(i, "Pause") },
      { Condition: "{% $contains($string($states.input.key), 'x') or $count($states.input.items) = 0 %}", Next: next },
    ],
    Default: next,
    Assign: { [`seenAt${i}`]: "{% $now() %}" },
  });
  states.set(name(i, "Pause"), {
    Type: "Wait",
    QueryLanguage: "JSONata",
    Seconds: "{% $round($number($states.input.delay) * 1.5) %}",
    Next: next,
  });
  states.set(name(i, "Failed"), { Type: "Fail", Error: "OrderFailed", CausePath: "States.Format('failed: {}', $.error.Cause)" });
}
