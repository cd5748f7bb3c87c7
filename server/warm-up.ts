/**
 * A definition for the lint worker to run before any document needs it. A new thread starts
 * with no compiled code: V8 interprets the linter until each function has run often enough to
 * be optimized, so the first lint of a 1 MB definition took 340-430 ms against 50-110 ms once
 * warm. Linting this definition a few times, as soon as the server starts, compiles the
 * parser, the model and every rule on the kinds of states and expressions definitions hold.
 */

/** A definition with `groups` copies of a group of states that covers each state type, both query languages, paths, intrinsic functions, JSONata and variables. */
export function warmUpDefinition(groups = 40): string {
  const states = new Map<string, unknown>();
  const name = (i: number, s: string) => `${s} ${i}`;
  for (let i = 0; i < groups; i++) {
    const next = i + 1 < groups ? name(i + 1, "Prepare") : "Done";
    states.set(name(i, "Prepare"), {
      Type: "Pass",
      Parameters: { "id.$": "$.order.id", "items.$": "$.order.items", "label.$": "States.Format('order {}', $.order.id)", fixed: [1, 2, 3] },
      ResultPath: "$.prepared",
      Assign: { [`count${i}`]: 1 },
      Next: name(i, "Invoke"),
    });
    states.set(name(i, "Invoke"), {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:process", "Payload.$": "$.prepared" },
      ResultSelector: { "body.$": "$.Payload.body", "status.$": "$.StatusCode" },
      ResultPath: "$.result",
      TimeoutSeconds: 60,
      Retry: [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: name(i, "Failed") }],
      Next: name(i, "Route"),
    });
    states.set(name(i, "Route"), {
      Type: "Choice",
      Choices: [
        { Variable: "$.result.status", NumericEquals: 200, Next: name(i, "Each") },
        { And: [{ Variable: "$.result.body", IsPresent: true }, { Not: { Variable: "$.result.body", StringMatches: "retry*" } }], Next: name(i, "Wait") },
        { Variable: "$.result.at", TimestampLessThanPath: "$.deadline", Next: name(i, "Wait") },
      ],
      Default: name(i, "Failed"),
    });
    states.set(name(i, "Wait"), { Type: "Wait", SecondsPath: "$.delay", Next: name(i, "Each") });
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
      Next: next,
    });
    states.set(name(i, "Failed"), { Type: "Fail", Error: "OrderFailed", CausePath: "$.error.Cause" });
  }
  states.set("Done", { Type: "Succeed" });
  return JSON.stringify({ Comment: "aslint's warm-up definition", StartAt: name(0, "Prepare"), States: Object.fromEntries(states) }, null, 2);
}
