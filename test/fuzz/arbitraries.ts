/**
 * Inputs of the fuzz campaign (fast-check arbitraries): state machine definitions made from the
 * grammar of the Amazon States Language (valid and nearly valid), mutations of the shared
 * corpus's files, and API requests and redrive inputs.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";

// ---------------------------------------------------------------------------------------------
// names and strings

/** Object.prototype's members and other names that once reached a plain-object lookup. */
const ODD_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "prototype", "length", "then"];
const STATE_NAME = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("A", "B", "Process", "Done", "Fail", "Check", "Wait 1", "Map", "Ünïcode", "a.b", "x\ny") },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const FIELD_NAME = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("Comment", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result", "Next", "End", "Assign", "Output", "Arguments", "TimeoutSeconds", "HeartbeatSeconds", "Seconds", "Timestamp", "SecondsPath", "Retry", "Catch", "QueryLanguage", "Items", "ItemsPath", "MaxConcurrency", "Error", "Cause", "ErrorPath") },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_NAMES, "Resul", "Nxt", "type", "x.$", "Parameters.$") },
);

const PATH = fc.oneof(
  fc.constantFrom("$", "$.a", "$.a.b[0]", "$['a b']", "$..x", "$.a[?(@.b > 1)]", "$.a[(@.length-1)]", "$$.Execution.Id", "$$.Map.Item.Value", "$$.Task.Token", "$v", "$v.a", "$states.input", "$.a[*]", "$[0:2]", "$.", "$..", "$[", "a.b", ""),
  fc.array(fc.constantFrom(".a", ".b", "[0]", "..c", "['x']", "[*]", "[?(@.a)]", ".constructor"), { maxLength: 6 }).map((parts) => "$" + parts.join("")),
);
const INTRINSIC: fc.Arbitrary<string> = fc.letrec<{ call: string; arg: string }>((tie) => ({
  call: fc
    .tuple(fc.constantFrom("States.Format", "States.Array", "States.JsonToString", "States.StringToJson", "States.MathAdd", "States.ArrayGetItem", "States.UUID", "States.Hash", "States.Nope", "States.ArrayLength"), fc.array(tie("arg"), { maxLength: 3 }))
    .map(([f, args]) => `${f}(${args.join(", ")})`),
  arg: fc.oneof({ depthSize: "small", withCrossShrink: true }, PATH, fc.constantFrom("'{}'", "'a\\'b'", "1", "-2.5", "null", "true", "'SHA-256'"), tie("call")),
})).call;
const JSONATA = fc.oneof(
  fc.constantFrom("{% $states.input %}", "{% $states.input.a + 1 %}", "{% $v %}", "{% $count($states.input.items) %}", "{% ( %}", "{% $nope() %}", "{% 1 + %}", "{% $states.context.Execution.Id %}", "{%%}", "{% $x := 1; $x %}"),
  fc.array(fc.constantFrom("$states.input.a", "1", "'s'", "$v", "+", "&", "(", ")", "[", "]", "$string(", "?", ":", "and"), { maxLength: 8 }).map((t) => `{% ${t.join(" ")} %}`),
);

/** Any JSON value of a small size, with odd keys and values. */
const VALUE: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, "x", "", "${Param}", "arn:aws:lambda:us-east-1:123456789012:function:f"),
    PATH,
    JSONATA,
    fc.dictionary(fc.oneof(FIELD_NAME, fc.constantFrom("a", "a.$", "b.$")), tie("v"), { maxKeys: 4 }),
    fc.array(tie("v"), { maxLength: 3 }),
  ),
})).v;

const RESOURCE = fc.constantFrom(
  "arn:aws:states:::lambda:invoke",
  "arn:aws:states:::lambda:invoke.waitForTaskToken",
  "arn:aws:lambda:us-east-1:123456789012:function:f",
  "arn:aws:states:::sqs:sendMessage",
  "arn:aws:states:::aws-sdk:s3:getObject",
  "arn:aws:states:::states:startExecution.sync:2",
  "arn:aws:states:us-east-1:123456789012:activity:a",
  "arn:constructor:lambda:us-east-1:123456789012:function:f",
  "arn:aws:states:::constructor:invoke",
  "arn:aws:states:::lambda:invoke.nope",
  "${LambdaArn}",
);

// ---------------------------------------------------------------------------------------------
// definitions from the grammar

type Obj = Record<string, unknown>;

function stateArb(names: string[], depth: number): fc.Arbitrary<Obj> {
  const target = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: STATE_NAME });
  const transition = fc.oneof(target.map((t) => ({ Next: t })), fc.constant({ End: true }), fc.constant({}));
  const handlers = fc.record(
    {
      Retry: fc.array(fc.record({ ErrorEquals: fc.array(fc.constantFrom("States.ALL", "States.TaskFailed", "States.Timeout", "Lambda.ServiceException", "States.Runtime", "Custom"), { maxLength: 3 }), MaxAttempts: fc.integer({ min: -1, max: 5 }), IntervalSeconds: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ["ErrorEquals"] }), { maxLength: 3 }),
      Catch: fc.array(fc.record({ ErrorEquals: fc.constant(["States.ALL"]), Next: target, ResultPath: PATH, Assign: fc.dictionary(fc.constantFrom("v", "w", "constructor"), VALUE, { maxKeys: 2 }) }, { requiredKeys: ["ErrorEquals", "Next"] }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  const common = fc.record(
    {
      Comment: fc.string({ maxLength: 10 }),
      QueryLanguage: fc.constantFrom("JSONPath", "JSONata", "JSONPAth"),
      InputPath: PATH,
      OutputPath: PATH,
      Assign: fc.dictionary(fc.constantFrom("v", "w", "x.$", "states", "constructor"), fc.oneof(VALUE, PATH), { maxKeys: 3 }),
      Output: fc.oneof(JSONATA, VALUE),
    },
    { requiredKeys: [] },
  );
  const kinds: fc.Arbitrary<Obj>[] = [
    fc.tuple(common, transition, fc.record({ Result: VALUE, ResultPath: PATH, Parameters: fc.dictionary(fc.constantFrom("a", "a.$", "b.$", "c"), fc.oneof(PATH, INTRINSIC, VALUE), { maxKeys: 4 }) }, { requiredKeys: [] })).map(([c, t, x]) => ({ Type: "Pass", ...c, ...t, ...x })),
    fc.tuple(common, transition, handlers, fc.record({ Resource: RESOURCE, TimeoutSeconds: fc.oneof(fc.integer({ min: -5, max: 100000000 }), fc.constant("10")), HeartbeatSeconds: fc.integer({ min: 0, max: 100 }), Parameters: fc.dictionary(fc.constantFrom("Payload", "Payload.$", "TaskToken.$", "FunctionName"), fc.oneof(PATH, INTRINSIC, VALUE), { maxKeys: 3 }), Arguments: fc.oneof(JSONATA, VALUE) }, { requiredKeys: ["Resource"] })).map(([c, t, h, x]) => ({ Type: "Task", ...c, ...t, ...h, ...x })),
    fc.tuple(common, fc.array(fc.oneof(fc.record({ Variable: PATH, StringEquals: fc.string({ maxLength: 4 }), Next: target }), fc.record({ Variable: PATH, NumericGreaterThanPath: PATH, Next: target }), fc.record({ Not: fc.record({ Variable: PATH, IsPresent: fc.boolean() }), Next: target }), fc.record({ And: fc.array(fc.record({ Variable: PATH, TimestampEquals: fc.constantFrom("2024-01-01T00:00:00Z", "2024-13-01", "x") }), { maxLength: 2 }), Next: target }), fc.record({ Condition: JSONATA, Next: target })), { maxLength: 4 }), fc.option(target, { nil: undefined })).map(([c, choices, d]) => ({ Type: "Choice", ...c, Choices: choices, ...(d === undefined ? {} : { Default: d }) })),
    fc.tuple(common, transition, fc.oneof(fc.record({ Seconds: fc.integer({ min: -1, max: 40000000 }) }), fc.record({ Timestamp: fc.constantFrom("2024-01-01T00:00:00Z", "2024-01-01", "soon") }), fc.record({ SecondsPath: PATH }), fc.record({ Seconds: fc.constant(1), SecondsPath: PATH }))).map(([c, t, w]) => ({ Type: "Wait", ...c, ...t, ...w })),
    fc.constantFrom({ Type: "Succeed" }, { Type: "Fail", Error: "E", Cause: "c" }, { Type: "Fail", ErrorPath: "$.e" }, { Type: "Nope" }, { Type: "constructor" }, { Type: 1 }, {}),
  ];
  if (depth < 2) {
    const sub = fc.constant(null).chain(() => machineArb(depth + 1));
    kinds.push(fc.tuple(common, transition, handlers, fc.array(sub, { minLength: 1, maxLength: 2 })).map(([c, t, h, b]) => ({ Type: "Parallel", ...c, ...t, ...h, Branches: b })));
    kinds.push(
      fc
        .tuple(common, transition, handlers, sub, fc.record({ ItemsPath: PATH, MaxConcurrency: fc.integer({ min: -1, max: 50 }), ItemSelector: fc.dictionary(fc.constantFrom("v.$", "i.$"), fc.constantFrom("$$.Map.Item.Value", "$$.Map.Item.Index", "$.x"), { maxKeys: 2 }), ProcessorConfig: fc.constantFrom({ Mode: "INLINE" }, { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, { Mode: "X" }) }, { requiredKeys: [] }))
        .map(([c, t, h, p, x]) => ({ Type: "Map", ...c, ...t, ...h, ItemProcessor: p, ...x })),
    );
  }
  return fc.oneof(...kinds);
}

/** A state machine (or a branch): a few states named from a small list, transitions mostly among them. */
export function machineArb(depth = 0): fc.Arbitrary<Obj> {
  return fc.uniqueArray(STATE_NAME, { minLength: 1, maxLength: depth === 0 ? 6 : 3 }).chain((names) =>
    fc.tuple(fc.tuple(...names.map(() => stateArb(names, depth))), fc.oneof({ weight: 5, arbitrary: fc.constant(names[0]) }, { weight: 1, arbitrary: STATE_NAME }), fc.option(fc.constantFrom("JSONata", "JSONPath"), { nil: undefined })).map(([states, startAt, lang]) => {
      const out: Obj = { StartAt: startAt };
      if (lang && depth === 0) out.QueryLanguage = lang;
      const map: Obj = {};
      names.forEach((n, i) => Object.defineProperty(map, n, { value: states[i], enumerable: true, writable: true, configurable: true }));
      out.States = map;
      return out;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// mutations of real files

const ROOT = join(__dirname, "..", "..");
const CORPUS = join(ROOT, "..", "shared", "corpus");

/** Every definition of the shared corpus, the examples and the fixtures (the corpus is read in place). */
export function seedFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(json|ya?ml|asl)$/.test(n) && statSync(p).size < 200_000) out.push({ name: p.slice(ROOT.length - 0), text: readFileSync(p, "utf8") });
    }
  };
  walk(CORPUS);
  walk(join(ROOT, "examples"));
  walk(join(ROOT, "fixtures"));
  return out;
}

const PIECES = ["{", "}", "[", "]", '"', ":", ",", "\r\n", "\n", "\r", "\t", " ", "\u0000", "\\", "\\u12", "..", ".$", "$.", "$$.", "{%", "%}", "States.Format(", ")", "'", "constructor", "__proto__", "&a ", "*a", "<<: ", "- ", "? ", "#", "!Ref ", "|\n", "null", "1e999", "-0", "\u2028", "\uD800", "😀", "Type", "Next", "End", "StartAt", "States", "Choices", "\"Type\": \"Pass\"", "\"Next\": \"", "\"End\": true"];

/** One edit of a text: delete, insert a piece, repeat or move a slice. */
const EDIT = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("delete", "insert", "repeat", "swap", "crlf"), fc.constantFrom(...PIECES));

export function mutate(text: string, edits: [number, number, string, string][]): string {
  let t = text;
  for (const [a, b, kind, piece] of edits) {
    const n = t.length;
    const i = n ? a % (n + 1) : 0;
    const len = Math.min(n - i, b % 40);
    switch (kind) {
      case "delete":
        t = t.slice(0, i) + t.slice(i + len);
        break;
      case "insert":
        t = t.slice(0, i) + piece + t.slice(i);
        break;
      case "repeat":
        t = t.slice(0, i + len) + t.slice(i, i + len) + t.slice(i + len);
        break;
      case "swap": {
        const j = n ? b % (n + 1) : 0;
        const [x, y] = i < j ? [i, j] : [j, i];
        t = t.slice(0, x) + t.slice(y, Math.min(n, y + 5)) + t.slice(x + 5, y) + t.slice(x, x + 5) + t.slice(Math.min(n, y + 5));
        break;
      }
      case "crlf":
        t = t.replace(/\r?\n/g, "\r\n");
        break;
    }
  }
  return t;
}

export const EDITS = fc.array(EDIT, { minLength: 1, maxLength: 6 });

// ---------------------------------------------------------------------------------------------
// requests and redrive inputs

const TIME = fc.oneof(fc.constantFrom("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.000000+00:00", "2024-05-01", "+275760-09-13T00:00:00.000Z", "x", ""), fc.double({ noNaN: false }), fc.integer());
export const REQUEST = fc.record(
  {
    stateMachineArn: fc.constantFrom("arn:aws:states:us-east-1:123456789012:stateMachine:m", "arn:aws:states:us-east-1:123456789012:stateMachine:m:alias", "x", "constructor"),
    executionArn: fc.constantFrom("arn:aws:states:us-east-1:123456789012:execution:m:e", "nope"),
    name: fc.oneof(fc.string({ maxLength: 90 }), fc.constantFrom("a b", "ok-name", "__proto__")),
    input: fc.oneof(fc.constantFrom('{"a": 1}', "{", "", '{"__proto__": 1}', "[1,2"), fc.json()),
    traceHeader: fc.string({ maxLength: 5 }),
    clientToken: fc.string({ maxLength: 70 }),
    domain: fc.string({ maxLength: 5 }),
    workflowId: fc.string({ maxLength: 5 }),
    workflowType: fc.record({ name: fc.string({ maxLength: 3 }), version: fc.string({ maxLength: 3 }) }),
    constructor: fc.constant(1),
  },
  { requiredKeys: [] },
);
export const DESCRIBE = fc.record(
  {
    executionArn: fc.constantFrom("arn:aws:states:us-east-1:123456789012:execution:m:e", "arn:aws:states:us-east-1:123456789012:express:m:e:f", "x"),
    stateMachineArn: fc.constantFrom("arn:aws:states:us-east-1:123456789012:stateMachine:m"),
    status: fc.constantFrom("FAILED", "SUCCEEDED", "RUNNING", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE", "constructor", 1),
    startDate: TIME,
    stopDate: TIME,
    redriveCount: fc.integer({ min: -1, max: 1001 }),
    redriveStatus: fc.constantFrom("REDRIVABLE", "NOT_REDRIVABLE"),
  },
  { requiredKeys: [] },
);
export const HISTORY = fc.record({
  events: fc.array(
    fc.record(
      {
        id: fc.integer({ min: 0, max: 30000 }),
        previousEventId: fc.integer({ min: 0, max: 30000 }),
        timestamp: TIME,
        type: fc.constantFrom("ExecutionStarted", "TaskStateEntered", "TaskFailed", "TaskStateExited", "MapRunFailed", "ParallelStateEntered", "ExecutionFailed", "MapIterationFailed", "constructor"),
        stateEnteredEventDetails: fc.record({ name: fc.constantFrom("A", "B", "constructor") }),
        taskFailedEventDetails: fc.record({ error: fc.constantFrom("States.TaskFailed", "x"), cause: fc.string({ maxLength: 5 }) }),
        mapIterationFailedEventDetails: fc.record({ name: fc.constantFrom("M"), index: fc.integer({ min: -1, max: 5 }) }),
      },
      { requiredKeys: ["type"] },
    ),
    { maxLength: 12 },
  ),
});
