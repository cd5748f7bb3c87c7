/** The lint worker thread: lints what the server posts and answers with the findings. */
import { parentPort, type MessagePort } from "node:worker_threads";
import { lintHere } from "./runner.js";
import type { LintOptions } from "../src/lint.js";

/**
 * Lints the worker runs after answering its first one: the same text again, the answer thrown
 * away. A new thread starts with no compiled code, and V8 optimizes the linter only once it has
 * run a few times, so the first two lints of a 1 MB definition take 340-430 ms each and later
 * ones 50-110 ms. The first lint answers the document just opened; the extra one runs while its
 * user reads it, so their first edit is answered by warmer code. (A message that arrives
 * meanwhile waits for it: no longer than the cold lint it would otherwise have had.)
 */
const WARM_UP_LINTS = 1;

/**
 * A definition of about 110 KB with every kind of state, field and expression, linted a few times
 * when the server starts (a `{ warmUp: n }` message): the first document the user opens is then
 * linted by compiled code, not by a thread that has never run the linter (a 1 MB definition:
 * 350-450 ms cold, 60-110 ms warm). Each lint is its own task, so a real lint that arrives
 * meanwhile waits for one of them at most.
 */
export function warmUpDefinition(copies = 40): string {
  const states: Record<string, unknown> = Object.create(null);
  for (let i = 0; i < copies; i++) {
    const next = i < copies - 1 ? `Call ${i + 1}` : "Done";
    states[`Call ${i}`] = {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f", "Payload.$": "States.JsonMerge($, States.StringToJson(States.Format('{}', $.extra)), false)", "Id.$": "$$.Execution.Id" },
      ResultSelector: { "body.$": "$.Payload.body" },
      ResultPath: "$.result",
      Retry: [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed", ResultPath: "$.error" }],
      Assign: { [`v${i}.$`]: "$.result.body" },
      Next: `Check ${i}`,
    };
    states[`Check ${i}`] = {
      Type: "Choice",
      Choices: [
        { And: [{ Variable: "$.result.body.ok", BooleanEquals: true }, { Variable: "$.n", NumericLessThanPath: "$.limit" }], Next: `Shape ${i}` },
        { Variable: "$.when", TimestampGreaterThan: "2024-01-01T00:00:00Z", Next: `Wait ${i}` },
      ],
      Default: `Shape ${i}`,
    };
    states[`Wait ${i}`] = { Type: "Wait", SecondsPath: "$.delay", Next: `Shape ${i}` };
    states[`Shape ${i}`] = {
      Type: "Pass",
      QueryLanguage: "JSONata",
      Output: `{% $merge([$states.input, {'count': $count($states.input.items), 'id': $states.context.Execution.Id, 'v': $v${i}}]) %}`,
      Next: `Each ${i}`,
    };
    states[`Each ${i}`] = {
      Type: "Map",
      ItemsPath: "$.items",
      ItemSelector: { "item.$": "$$.Map.Item.Value" },
      ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: `Inner ${i}`, States: { [`Inner ${i}`]: { Type: "Pass", Result: { a: [1, 2, 3] }, End: true } } },
      ResultPath: "$.each",
      Next: `Both ${i}`,
    };
    states[`Both ${i}`] = {
      Type: "Parallel",
      Branches: [{ StartAt: `L ${i}`, States: { [`L ${i}`]: { Type: "Succeed" } } }, { StartAt: `R ${i}`, States: { [`R ${i}`]: { Type: "Pass", End: true } } }],
      ResultPath: null,
      Next: next,
    };
  }
  states.Failed = { Type: "Fail", Error: "Failed", Cause: "A call failed" };
  states.Done = { Type: "Succeed" };
  return JSON.stringify({ Comment: "warm-up", StartAt: "Call 0", States: states }, null, 2);
}

/** Answers the lints posted to `port` (the thread's parent port; tests pass a channel and a lint). */
export function runLintWorker(port: Pick<MessagePort, "on" | "postMessage"> | null = parentPort, lint: typeof lintHere = lintHere): void {
  if (!port) return;
  let warmUps = WARM_UP_LINTS;
  port.on("message", (m: { id: number; text: string; options: LintOptions; warmUp?: number }) => {
    if (m.warmUp) {
      // its own tasks: a lint posted meanwhile is answered between two of them
      const text = warmUpDefinition();
      let left = m.warmUp;
      const step = () => {
        try {
          lint(text, { filename: "warm-up.asl.json" });
        } catch {
          // nothing to answer
        }
        if (--left > 0) setImmediate(step);
      };
      setImmediate(step);
      return;
    }
    try {
      const { diagnostics, definition } = lint(m.text, m.options);
      port.postMessage({ id: m.id, diagnostics, definition });
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error)?.stack ?? String(e) });
    }
    if (warmUps > 0) {
      warmUps--;
      // setImmediate: a message already waiting is answered first
      setImmediate(() => {
        try {
          lint(m.text, m.options);
        } catch {
          // the answer above already carried the error
        }
      });
    }
  });
}
