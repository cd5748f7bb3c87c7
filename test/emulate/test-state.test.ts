/** TestState behaviour beyond the recordings: Wait, Retry, JSONPath Catch, no match, intrinsics, variables, Map/Parallel results. */
import { describe, expect, it } from "vitest";
import { testState } from "../../src/index.js";
import type { TestStateResponse } from "../../src/emulate/index.js";

const ROLE = "arn:aws:iam::123456789012:role/R";

async function answer(req: Record<string, unknown>): Promise<TestStateResponse> {
  const r = await testState({ inspectionLevel: "DEBUG", roleArn: ROLE, ...req, definition: JSON.stringify(req.definition) });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.response;
}

const parsed = (s: unknown) => JSON.parse(s as string);

describe("TestState offline", () => {
  it("computes a Wait and moves on", async () => {
    const r = await answer({ definition: { Type: "Wait", SecondsPath: "$.s", Next: "B" }, input: '{"s": 5}' });
    expect(r).toMatchObject({ status: "SUCCEEDED", nextState: "B", output: '{"s":5}' });
    const bad = await answer({ definition: { Type: "Wait", SecondsPath: "$.s", Next: "B" }, input: '{"s": "5"}' });
    expect(bad).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });

  it("answers RETRIABLE while a retrier has attempts left, then catches", async () => {
    const definition = {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "f" },
      Retry: [{ ErrorEquals: ["Boom"], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.err", Next: "Handle" }],
      End: true,
    };
    const mock = { errorOutput: { error: "Boom", cause: "it broke" } };
    const first = await answer({ definition, mock, input: '{"a": 1}' });
    expect(first).toMatchObject({ status: "RETRIABLE", error: "Boom", cause: "it broke" });
    expect(first.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 3 });
    expect(first.output).toBeUndefined();
    const second = await answer({ definition, mock, input: '{"a": 1}', stateConfiguration: { retrierRetryCount: 1 } });
    expect(second.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 6 });
    const spent = await answer({ definition, mock, input: '{"a": 1}', stateConfiguration: { retrierRetryCount: 2 } });
    expect(spent).toMatchObject({ status: "CAUGHT_ERROR", nextState: "Handle", error: "Boom" });
    expect(parsed(spent.output)).toEqual({ a: 1, err: { Error: "Boom", Cause: "it broke" } });
    expect(spent.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
  });

  it("fails when no Choice rule matches and there is no Default", async () => {
    const r = await answer({ definition: { Type: "Choice", Choices: [{ Variable: "$.x", NumericEquals: 1, Next: "A" }] }, input: '{"x": 2}' });
    expect(r).toMatchObject({ status: "FAILED", error: "States.NoChoiceMatched" });
  });

  it("evaluates intrinsics in Parameters, and fails on a path that selects nothing", async () => {
    const definition = { Type: "Pass", Parameters: { "id.$": "States.Format('order-{}', $.n)", "sum.$": "States.MathAdd($.n, 1)" }, End: true };
    expect(parsed((await answer({ definition, input: '{"n": 41}' })).output)).toEqual({ id: "order-41", sum: 42 });
    const r = await answer({ definition: { Type: "Pass", Parameters: { "v.$": "$.missing" }, End: true }, input: '{"n": 1}' });
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: `The JSONPath '$.missing' specified for the field 'v.$' could not be found in the input '{"n":1}'` });
    expect(r.inspectionData?.afterInputPath).toBe('{"n":1}');
  });

  it("takes Error and Cause from paths in a Fail state", async () => {
    const r = await answer({ definition: { Type: "Fail", ErrorPath: "$.e", CausePath: "States.Format('bad {}', $.id)" }, input: '{"e": "Oops", "id": 7}' });
    expect(r).toMatchObject({ status: "FAILED", error: "Oops", cause: "bad 7" });
  });

  it("assigns variables from values at entry, reported in the inspection data", async () => {
    const r = await answer({
      definition: { Type: "Pass", QueryLanguage: "JSONata", Assign: { n: "{% $n + 1 %}" }, Output: { old: "{% $n %}" }, End: true },
      variables: '{"n": 1}',
    });
    expect(parsed(r.output)).toEqual({ old: 1 });
    expect(parsed(r.inspectionData?.variables)).toEqual({ n: 2 });
  });

  it("catches a JSONata evaluation error of the Task's Output", async () => {
    const r = await answer({
      definition: {
        Type: "Task",
        QueryLanguage: "JSONata",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: "f" },
        Output: "{% $states.result.nothing %}",
        Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Next: "H" }],
        End: true,
      },
      mock: { result: '{"a": 1}' },
    });
    expect(r).toMatchObject({ status: "CAUGHT_ERROR", error: "States.QueryEvaluationError", nextState: "H" });
    expect(parsed(r.output).Error).toBe("States.QueryEvaluationError");
  });

  it("applies a Parallel's mocked result and a Map's tolerated failures", async () => {
    const parallel = await answer({
      definition: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], ResultPath: "$.r", End: true },
      input: '{"x": 1}',
      mock: { result: '[{"b": 1}]' },
    });
    expect(parsed(parallel.output)).toEqual({ x: 1, r: [{ b: 1 }] });
    const map = {
      Type: "Map",
      ItemsPath: "$.items",
      ToleratedFailureCount: 1,
      ItemProcessor: { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
      End: true,
    };
    const tolerated = await answer({ definition: map, input: '{"items": [1, 2, 3]}', mock: { result: "[1, 2, 3]" }, stateConfiguration: { mapIterationFailureCount: 1 } });
    expect(tolerated.status).toBe("SUCCEEDED");
    expect(tolerated.inspectionData).toMatchObject({ afterItemsPath: "[1,2,3]", toleratedFailureCount: 1, maxConcurrency: 0 });
    const exceeded = await answer({ definition: map, input: '{"items": [1, 2, 3]}', mock: { result: "[1, 2, 3]" }, stateConfiguration: { mapIterationFailureCount: 2 } });
    expect(exceeded).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
  });

  it("leaves the inspection data out at INFO", async () => {
    const r = await answer({ definition: { Type: "Pass", End: true }, inspectionLevel: "INFO" });
    expect(r).toEqual({ status: "SUCCEEDED", output: "{}" });
  });

  it("says that a Task without a mock cannot run offline", async () => {
    const r = await testState({ definition: JSON.stringify({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true }), roleArn: ROLE });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.__type).toBe("aslint.CannotRunOffline");
      expect(r.error.message).toMatch(/mock/);
    }
  });

  it("rejects what AWS rejects", async () => {
    const bad = await testState({ definition: "{not json" });
    expect(!bad.ok && bad.error.__type).toBe("InvalidDefinition");
    const level = await testState({ definition: '{"Type": "Pass", "End": true}', inspectionLevel: "LOUD" });
    expect(!level.ok && level.error.__type).toBe("ValidationException");
    const missing = await testState({ definition: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}', stateName: "B" });
    expect(!missing.ok && missing.error.__type).toBe("ValidationException");
    const strict = await testState({
      definition: JSON.stringify({ Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" }, End: true }),
      mock: { result: '{"ExecutionArn": "a", "StateMachineArn": "b", "Status": "DONE", "StartDate": "2024-01-01T00:00:00Z"}' },
    });
    expect(!strict.ok && strict.error.message).toBe("Mock result schema validation error: Field 'Status' is not an expected value");
    const none = await testState({
      definition: JSON.stringify({ Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" }, End: true }),
      mock: { result: "{}", fieldValidationMode: "NONE" },
    });
    expect(none.ok).toBe(true);
  });
});

describe("errors in a Task's own input processing", () => {
  it("are caught when JSONata fails (States.QueryEvaluationError), never when a path fails (States.Runtime)", async () => {
    const base = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "H" }], End: true };
    const jsonata = await answer({ definition: { ...base, QueryLanguage: "JSONata", Arguments: { FunctionName: "{% $states.input.nope %}" } }, mock: { result: "{}" } });
    expect(jsonata).toMatchObject({ status: "CAUGHT_ERROR", error: "States.QueryEvaluationError", nextState: "H" });
    const jsonPath = await answer({ definition: { ...base, Parameters: { "FunctionName.$": "$.nope" } }, mock: { result: "{}" } });
    expect(jsonPath).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });
});

describe("deeply nested data", () => {
  const deep = "[".repeat(50_000) + "]".repeat(50_000);
  it("is refused, never a crash", async () => {
    const input = await testState({ definition: '{"Type": "Pass", "End": true}', input: deep });
    expect(!input.ok && input.error.__type).toBe("InvalidExecutionInput");
    const definition = await testState({ definition: `{"Type": "Pass", "Result": ${deep}, "End": true}` });
    expect(!definition.ok && definition.error.__type).toBe("InvalidDefinition");
    const mock = await testState({ definition: '{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}', mock: { result: deep } });
    expect(!mock.ok && mock.error.__type).toBe("ValidationException");
  });
  it("in an input example is not followed by the linter", async () => {
    const { lint } = await import("../../src/lint.js");
    const text = '{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.x", "End": true}}}';
    expect(lint(text, { inputs: [JSON.parse(deep)] }).diagnostics).toEqual([]);
    expect(lint(text, { inputs: [{}] }).diagnostics.map((d) => d.rule)).toEqual(["data-flow"]);
  });
});
