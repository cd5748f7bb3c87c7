// Deterministic generator of large, valid ASL definitions for the scaling benchmark.
//
// A top-level JSONPath machine (the default query language) whose states form one
// forward chain with a realistic mix: Lambda tasks (optimized `lambda:invoke` and direct
// function ARNs) and other optimized integrations (DynamoDB, SNS, SQS, EventBridge,
// Glue .sync) with Retry/Catch, Choice (JSONPath rules and JSONata `Condition`), inline
// and distributed Map, Parallel, Pass with intrinsic functions, Wait, and states that
// switch to JSONata with `QueryLanguage: "JSONata"` and `{% %}` expressions. Variables
// are assigned by the first state and read later. Every state is reachable and reaches a
// terminal state; every name is unique in the whole document.
//
// Same seed, same size => same text (seeded PRNG, no clock, no Math.random).

/** State counts of the scaling scenario. */
export const SCALING_SIZES = [100, 1000, 2000, 4000];
/** AWS quota on the definition string (ValidateStateMachineDefinition `definition`: 1..1,048,576 chars). */
export const DEFINITION_LIMIT = 1_048_576;
export const DEFAULT_SEED = 20240611;

/** mulberry32: small, fast, good enough for picking templates. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const LAMBDA_RETRY = {
  ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
};
const HANDLER = "Handle failure";
const DONE = "Done";

// [kind, weight, states it adds]. Weights give a mix of roughly 40 % tasks, 15 % choices,
// 15 % pass, 10 % wait, the rest Map/Parallel (with their inner states); about 1 state in 5 is JSONata.
const KINDS = [
  ["lambdaTask", 8, 1],
  ["directLambda", 4, 1],
  ["dynamoGet", 3, 1],
  ["dynamoPut", 3, 1],
  ["snsPublish", 3, 1],
  ["sqsSend", 3, 1],
  ["eventBridge", 2, 1],
  ["glueSync", 1, 1],
  ["jsonataTask", 5, 1],
  ["choice", 7, 1],
  ["jsonataChoice", 4, 1],
  ["passIntrinsic", 6, 1],
  ["passSimple", 6, 1],
  ["jsonataPass", 4, 1],
  ["wait", 6, 1],
  ["jsonataWait", 2, 1],
  ["map", 3, 4],
  ["jsonataMap", 2, 3],
  ["distributedMap", 1, 3],
  ["parallel", 3, 5],
];
const TOTAL_WEIGHT = KINDS.reduce((s, k) => s + k[1], 0);

const INTRINSICS = [
  ["greeting.$", "States.Format('Hello, {}! Your order {} is {}.', $.customer.name, $.orderId, $.status)"],
  ["ids.$", "States.Array($.orderId, $.customer.id)"],
  ["nextCount.$", "States.MathAdd($.count, 1)"],
  ["requestId.$", "States.UUID()"],
  ["itemCount.$", "States.ArrayLength($.items)"],
  ["tags.$", "States.StringSplit($.csv, ',')"],
  ["digest.$", "States.Hash($.orderId, 'SHA-256')"],
  ["pages.$", "States.ArrayPartition($.items, 10)"],
  ["merged.$", "States.JsonMerge($.defaults, $.overrides, false)"],
  ["encoded.$", "States.Base64Encode($.customer.name)"],
  ["payload.$", "States.StringToJson($.raw)"],
  ["serialized.$", "States.JsonToString($.customer)"],
  ["firstItem.$", "States.ArrayGetItem($.items, 0)"],
  ["hasGift.$", "States.ArrayContains($.flags, 'gift')"],
  ["uniqueSkus.$", "States.ArrayUnique($.skus)"],
  ["slots.$", "States.ArrayRange(1, 9, 2)"],
  ["jitter.$", "States.MathRandom(1, 100)"],
  ["key.$", "States.Format('{}#{}', $orderId, $$.State.EnteredTime)"],
];

const JSONATA_OUTPUTS = [
  "{% $merge([$states.input, {'total': $sum($states.input.items.price), 'label': $uppercase($states.input.customer.name)}]) %}",
  "{% $merge([$states.input, {'skus': $states.input.items.sku, 'count': $count($states.input.items)}]) %}",
  "{% $merge([$states.input, {'orderId': $orderId, 'checkedAt': $now()}]) %}",
  "{% {'order': $orderId, 'status': $states.input.status, 'expensive': $states.input.items[price > 100].sku} %}",
];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function pickKind(rand) {
  let r = rand() * TOTAL_WEIGHT;
  for (const k of KINDS) {
    r -= k[1];
    if (r < 0) return k;
  }
  return KINDS[KINDS.length - 1];
}

const lambdaArn = (n) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:order-step-${n % 50}`;

/** One top-level segment: returns { name, state, extra } where extra holds nested states. */
function buildState(kind, i, name, next, skip, rand, usesCatch) {
  const catchJsonPath = () => {
    usesCatch.value = true;
    return [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: HANDLER }];
  };
  switch (kind) {
    case "lambdaTask":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn(i), "Payload.$": "$" },
        ...(i % 2 === 0 ? { ResultSelector: { "body.$": "$.Payload.body" } } : {}),
        ResultPath: `$.step${i}`,
        Retry: [LAMBDA_RETRY],
        ...(i % 3 === 0 ? { Catch: catchJsonPath() } : {}),
        Next: next,
      };
    case "directLambda":
      return {
        Type: "Task",
        Resource: lambdaArn(i),
        InputPath: "$.order",
        ResultPath: "$.order.enriched",
        TimeoutSeconds: 30,
        Retry: [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 2, BackoffRate: 1.5 }],
        Next: next,
      };
    case "dynamoGet":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:getItem",
        Parameters: { TableName: "Orders", Key: { pk: { "S.$": "$.orderId" }, sk: { S: `STEP#${i}` } } },
        ResultSelector: { "item.$": "$.Item" },
        ResultPath: "$.record",
        Catch: catchJsonPath(),
        Next: next,
      };
    case "dynamoPut":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:putItem",
        Parameters: {
          TableName: "Orders",
          Item: { pk: { "S.$": "$.orderId" }, sk: { S: `STEP#${i}` }, status: { "S.$": "States.Format('step-{}-{}', $.status, $.count)" } },
        },
        ResultPath: null,
        Next: next,
      };
    case "snsPublish":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:order-events`, "Message.$": "States.Format('Order {} reached step {}', $.orderId, $$.State.Name)" },
        ResultPath: null,
        Next: next,
      };
    case "sqsSend":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage",
        Parameters: { QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/order-queue`, "MessageBody.$": "States.JsonToString($.order)" },
        ResultPath: null,
        Next: next,
      };
    case "eventBridge":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::events:putEvents",
        Parameters: { Entries: [{ Source: "com.example.orders", DetailType: "OrderUpdated", "Detail.$": "$.order", EventBusName: "default" }] },
        ResultPath: null,
        Next: next,
      };
    case "glueSync":
      return {
        Type: "Task",
        Resource: "arn:aws:states:::glue:startJobRun.sync",
        Parameters: { JobName: `order-etl-${i % 7}`, Arguments: { "--order_id.$": "$.orderId" } },
        TimeoutSeconds: 3600,
        ResultPath: "$.etl",
        Retry: [{ ErrorEquals: ["Glue.AWSGlueException"], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 300 }],
        Catch: catchJsonPath(),
        Next: next,
      };
    case "jsonataTask":
      usesCatch.value = true;
      return {
        Type: "Task",
        QueryLanguage: "JSONata",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: lambdaArn(i), Payload: "{% $merge([$states.input, {'orderId': $orderId}]) %}" },
        Output: "{% $states.result.Payload %}",
        Assign: { lastStatus: "{% $states.result.StatusCode %}" },
        TimeoutSeconds: 60,
        Catch: [{ ErrorEquals: ["States.ALL"], Output: "{% {'error': $states.errorOutput} %}", Next: HANDLER }],
        Next: next,
      };
    case "choice":
      return {
        Type: "Choice",
        Choices: [
          { Variable: "$.status", StringEquals: "SKIPPED", Next: skip },
          { And: [{ Variable: "$.count", IsPresent: true }, { Variable: "$.count", NumericGreaterThan: 100 }], Next: skip },
        ],
        Default: next,
      };
    case "jsonataChoice":
      return {
        Type: "Choice",
        QueryLanguage: "JSONata",
        Choices: [{ Condition: "{% $states.input.count > 10 and $lastStatus != 'FAILED' %}", Next: skip }],
        Default: next,
      };
    case "passIntrinsic": {
      const params = {};
      const n = 2 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) {
        const [key, value] = pick(rand, INTRINSICS);
        params[key] = value;
      }
      return { Type: "Pass", Parameters: params, ResultPath: `$.computed.step${i}`, Next: next };
    }
    case "passSimple":
      return { Type: "Pass", Result: { stage: i, ok: true }, ResultPath: "$.stage", Next: next };
    case "jsonataPass":
      return {
        Type: "Pass",
        QueryLanguage: "JSONata",
        Output: pick(rand, JSONATA_OUTPUTS),
        Assign: { counter: "{% $counter + 1 %}" },
        Next: next,
      };
    case "wait": {
      const w = pick(rand, [{ Seconds: 5 + (i % 60) }, { SecondsPath: "$.delaySeconds" }, { TimestampPath: "$.resumeAt" }, { Timestamp: "2030-01-01T00:00:00Z" }]);
      return { Type: "Wait", ...w, Next: next };
    }
    case "jsonataWait":
      return { Type: "Wait", QueryLanguage: "JSONata", Seconds: "{% $states.input.delaySeconds %}", Next: next };
    case "map":
      return {
        Type: "Map",
        ItemsPath: "$.items",
        ItemSelector: { "item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "orderId.$": "$orderId" },
        MaxConcurrency: 10,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: `Check item ${i}`,
          States: {
            [`Check item ${i}`]: {
              Type: "Choice",
              Choices: [{ Variable: "$.item.qty", NumericGreaterThan: 0, Next: `Reserve item ${i}` }],
              Default: `Skip item ${i}`,
            },
            [`Reserve item ${i}`]: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: lambdaArn(i + 1), "Payload.$": "$" },
              OutputPath: "$.Payload",
              Retry: [LAMBDA_RETRY],
              End: true,
            },
            [`Skip item ${i}`]: { Type: "Succeed" },
          },
        },
        ResultPath: `$.results.map${i}`,
        Catch: catchJsonPath(),
        Next: next,
      };
    case "jsonataMap":
      return {
        Type: "Map",
        QueryLanguage: "JSONata",
        Items: "{% $states.input.items %}",
        MaxConcurrency: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: `Price item ${i}`,
          States: {
            [`Price item ${i}`]: {
              Type: "Pass",
              QueryLanguage: "JSONata",
              Output: "{% {'sku': $states.input.sku, 'total': $states.input.qty * $states.input.price} %}",
              Next: `Priced item ${i}`,
            },
            [`Priced item ${i}`]: { Type: "Succeed" },
          },
        },
        Output: "{% $merge([$states.input, {'priced': $states.result}]) %}",
        Next: next,
      };
    case "distributedMap":
      return {
        Type: "Map",
        ItemReader: {
          Resource: "arn:aws:states:::s3:getObject",
          ReaderConfig: { InputType: "JSONL", MaxItems: 10000 },
          Parameters: { Bucket: "order-archive", "Key.$": "$.manifestKey" },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
          StartAt: `Archive record ${i}`,
          States: {
            [`Archive record ${i}`]: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: lambdaArn(i + 2), "Payload.$": "$" },
              Retry: [LAMBDA_RETRY],
              Next: `Archived ${i}`,
            },
            [`Archived ${i}`]: { Type: "Succeed" },
          },
        },
        Label: `Archive${i}`,
        MaxConcurrency: 100,
        ToleratedFailurePercentage: 5,
        ResultPath: null,
        Next: next,
      };
    case "parallel":
      return {
        Type: "Parallel",
        Branches: [
          {
            StartAt: `Notify customer ${i}`,
            States: {
              [`Notify customer ${i}`]: {
                Type: "Task",
                Resource: "arn:aws:states:::sns:publish",
                Parameters: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:customer-notifications`, "Message.$": "States.Format('Order {} update', $.orderId)" },
                End: true,
              },
            },
          },
          {
            StartAt: `Prepare audit ${i}`,
            States: {
              [`Prepare audit ${i}`]: { Type: "Pass", Parameters: { "orderId.$": "$.orderId", "at.$": "$$.State.EnteredTime" }, Next: `Pause audit ${i}` },
              [`Pause audit ${i}`]: { Type: "Wait", Seconds: 1, Next: `Write audit ${i}` },
              [`Write audit ${i}`]: {
                Type: "Task",
                Resource: "arn:aws:states:::dynamodb:putItem",
                Parameters: { TableName: "Audit", Item: { pk: { "S.$": "$.orderId" }, at: { "S.$": "$.at" } } },
                End: true,
              },
            },
          },
        ],
        ResultSelector: { "notified.$": "$[0]", "audit.$": "$[1]" },
        ResultPath: `$.results.parallel${i}`,
        Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }],
        Catch: catchJsonPath(),
        Next: next,
      };
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const PREFIX = {
  lambdaTask: "Invoke step",
  directLambda: "Enrich order",
  dynamoGet: "Load record",
  dynamoPut: "Save record",
  snsPublish: "Publish event",
  sqsSend: "Queue order",
  eventBridge: "Emit event",
  glueSync: "Run ETL",
  jsonataTask: "Call service",
  choice: "Route order",
  jsonataChoice: "Check order",
  passIntrinsic: "Compute fields",
  passSimple: "Mark stage",
  jsonataPass: "Shape output",
  wait: "Wait",
  jsonataWait: "Back off",
  map: "Process items",
  jsonataMap: "Price items",
  distributedMap: "Archive records",
  parallel: "Fan out",
};

/**
 * A definition with exactly `states` states (all levels counted). `indent` 0 (default)
 * gives compact JSON on one line, the way CDK, SAM and Terraform's jsonencode emit
 * definitions (the only way 4,000 realistic states fit in the 1 MB quota); 2 gives the
 * pretty-printed form of hand-edited files. Returns the text and some facts about it.
 * @param {{ states: number, seed?: number, comment?: string, indent?: number }} options
 */
export function generateDefinition({ states, seed = DEFAULT_SEED, comment, indent = 0 } = {}) {
  if (!Number.isInteger(states) || states < 10) throw new Error("states must be an integer >= 10");
  const rand = prng(seed);
  // Init, Done and (when some state catches) the handler: 3 fixed states
  const budget = states - 3;
  const kinds = [];
  let used = 0;
  while (used < budget) {
    let k = pickKind(rand);
    if (used + k[2] > budget) k = KINDS.find((x) => x[0] === "passSimple");
    kinds.push(k[0]);
    used += k[2];
  }
  const names = kinds.map((k, i) => `${PREFIX[k]} ${i + 1}`);
  const nameAt = (j) => (j < names.length ? names[j] : DONE);
  const usesCatch = { value: false };
  const body = {};
  body.Init = {
    Type: "Pass",
    Comment: "Sets the workflow variables read by later states",
    Assign: { "orderId.$": "$.orderId", counter: 0, lastStatus: "NEW" },
    Next: nameAt(0),
  };
  for (let i = 0; i < kinds.length; i++) {
    body[names[i]] = buildState(kinds[i], i + 1, names[i], nameAt(i + 1), nameAt(i + 2), rand, usesCatch);
  }
  body[DONE] = { Type: "Succeed" };
  // the handler exists only when something catches into it (else it would be unreachable)
  if (usesCatch.value) body[HANDLER] = { Type: "Fail", Error: "OrderFailed", Cause: "A step failed; see the execution history" };
  else body[`${PREFIX.passSimple} extra`] = { Type: "Pass", Next: DONE }; // keeps the count exact
  if (!usesCatch.value) {
    // the extra Pass must be reachable: put it before Done
    const last = names.length ? names[names.length - 1] : "Init";
    redirect(body[last], DONE, `${PREFIX.passSimple} extra`);
  }
  const definition = {
    Comment: comment ?? `Generated by bench/generate.mjs: ${states} states, seed ${seed}`,
    StartAt: "Init",
    TimeoutSeconds: 86400,
    States: body,
  };
  const text = JSON.stringify(definition, null, indent || undefined);
  return { text, states: countStates(definition), topLevelStates: Object.keys(body).length, length: text.length, indent };
}

function redirect(state, from, to) {
  for (const key of ["Next", "Default"]) if (state[key] === from) state[key] = to;
  for (const c of state.Choices ?? []) if (c.Next === from) c.Next = to;
}

/** Counts states at every level (top level, Parallel branches, Map processors). */
export function countStates(definition) {
  let n = 0;
  const walk = (scope) => {
    for (const s of Object.values(scope.States ?? {})) {
      n++;
      for (const b of s.Branches ?? []) walk(b);
      if (s.ItemProcessor) walk(s.ItemProcessor);
      if (s.Iterator) walk(s.Iterator);
    }
  };
  walk(definition);
  return n;
}

/**
 * The largest definition of this mix that fits under the AWS limit, padded (through its
 * top-level Comment) to exactly `limit - 1` characters: just under 1,048,576.
 * @param {{ seed?: number, limit?: number, indent?: number }} [options]
 */
export function generateNearLimit({ seed = DEFAULT_SEED, limit = DEFINITION_LIMIT, indent = 0 } = {}) {
  const target = limit - 1;
  const sizeOf = (n) => generateDefinition({ states: n, seed, comment: "", indent }).length;
  // grow, then binary search the state count whose text is the longest under the target
  let lo = 100;
  let hi = 200;
  while (sizeOf(hi) < target - 64) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sizeOf(mid) < target - 64) lo = mid;
    else hi = mid;
  }
  const base = generateDefinition({ states: lo, seed, comment: "", indent });
  const padding = target - base.length;
  const head = `Generated by bench/generate.mjs: ${lo} states, seed ${seed}, padded to ${target} characters `;
  const comment = padding > head.length ? head + ".".repeat(padding - head.length) : ".".repeat(padding);
  const out = generateDefinition({ states: lo, seed, comment, indent });
  if (out.length !== target) throw new Error(`near-limit definition is ${out.length} characters, wanted ${target}`);
  return out;
}

/**
 * Every definition of the scaling scenario: the four sizes (compact), the largest compact
 * definition under the quota, and a pretty-printed (2-space) one under the quota.
 */
export function scalingDefinitions({ seed = DEFAULT_SEED, sizes = SCALING_SIZES } = {}) {
  const list = sizes.map((n) => ({ key: `states-${n}`, label: `${n.toLocaleString("en-US")} states`, ...generateDefinition({ states: n, seed }) }));
  list.push(nearLimitEntry("near-1mb", seed, 0));
  list.push(nearLimitEntry("near-1mb-pretty", seed, 2));
  return list;
}

function nearLimitEntry(key, seed, indent) {
  const d = generateNearLimit({ seed, indent });
  return { key, label: `1 MB${indent ? " pretty" : ""} (${d.states.toLocaleString("en-US")} st.)`, ...d };
}

/** One definition of the scaling scenario by key (`states-2000`, `near-1mb`, ...). */
export function scalingDefinition(key, { seed = DEFAULT_SEED } = {}) {
  if (key === "near-1mb") return nearLimitEntry(key, seed, 0);
  if (key === "near-1mb-pretty") return nearLimitEntry(key, seed, 2);
  const m = /^states-(\d+)$/.exec(key);
  if (!m) throw new Error(`unknown scaling definition ${key}`);
  const n = Number(m[1]);
  return { key, label: `${n.toLocaleString("en-US")} states`, ...generateDefinition({ states: n, seed }) };
}
