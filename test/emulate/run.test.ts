/** `aslint run` and `aslint test-state` end to end (in-process), on the examples in examples/run. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { lint } from "../../src/lint.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers.js";
import { runExecution, RunError } from "../../src/emulate/execution.js";
import { parseMockConfig, parseMocks, MockFormatError, mocksFromHistory } from "../../src/emulate/mocks.js";

const DEF = "examples/run/charge-items.asl.json";
const INPUT = "examples/run/charge-items.input.json";

describe("aslint run", () => {
  it("runs with aslint's mocks: retries take their response per attempt, waits are skipped", async () => {
    const r = await runCli(["run", DEF, "--input", INPUT, "--mocks", "examples/run/charge-items.mocks.json", "--format", "json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual({ orderId: "42", message: "Order 42 charged for 3 items" });
    expect(result.path.map((s: { state: string; status: string }) => `${s.state} ${s.status}`)).toEqual([
      "Reserve stock SUCCEEDED",
      "Charge items[0]/Charge SUCCEEDED",
      "Charge items[1]/Charge RETRIABLE",
      "Charge items[1]/Charge SUCCEEDED",
      "Charge items[2]/Charge SUCCEEDED",
      "Charge items SUCCEEDED",
      "Wait for settlement SUCCEEDED",
      "Confirm SUCCEEDED",
    ]);
    expect(result.waitedSeconds).toBe(3602);
    // deterministic: the same run prints the same
    expect((await runCli(["run", DEF, "--input", INPUT, "--mocks", "examples/run/charge-items.mocks.json", "--format", "json"])).stdout).toBe(r.stdout);
  });

  it("runs a Step Functions Local test case", async () => {
    const ok = await runCli(["run", DEF, "--input", INPUT, "--mock-config", "examples/run/MockConfigFile.json", "--test-case", "HappyPath"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/SUCCEEDED after 7 transitions, 3600 s of waiting skipped/);
    const declined = await runCli(["run", DEF, "--input", INPUT, "--mock-config", "examples/run/MockConfigFile.json", "--test-case", "SecondItemDeclined"]);
    expect(declined.code).toBe(1);
    expect(declined.stdout).toMatch(/error: PaymentDeclined\ncause: Payment declined for item B-2/);
    const unknown = await runCli(["run", DEF, "--mock-config", "examples/run/MockConfigFile.json", "--test-case", "Nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No state machine of the mock configuration has a test case "Nope"/);
  });

  it("replays a recorded execution from its history", async () => {
    const r = await runCli(["run", DEF, "--mocks-from-history", "examples/requests/get-execution-history.json", "--format", "json"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: "FAILED", error: "PaymentDeclined", cause: "Payment declined for item B-2" });
    expect(result.path.at(-2).state).toBe("Charge items[1]/Charge");
  });

  it("stops a loop and says a Task has no mock", async () => {
    const loop = { StartAt: "Done?", States: { "Done?": { Type: "Choice", Choices: [{ Variable: "$.done", BooleanEquals: true, Next: "End" }], Default: "Again" }, Again: { Type: "Pass", Next: "Done?" }, End: { Type: "Succeed" } } };
    await expect(runExecution(loop, { done: false }, { mocks: parseMocks({}), maxTransitions: 20 })).rejects.toThrow(/Stopped after 20 state transitions/);
    expect((await runExecution(loop, { done: true }, { mocks: parseMocks({}) })).status).toBe("SUCCEEDED");
    const r = await runCli(["run", DEF, "--input", INPUT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No mock for the Task state "Reserve stock"/);
    await expect(runExecution({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::sns:publish", End: true } } }, {}, { mocks: parseMocks({}) })).rejects.toBeInstanceOf(RunError);
  });

  it("says it cannot run a Map that reads, batches or writes through S3, and runs it from a mock of its result", async () => {
    const processor = { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } };
    for (const [field, value] of [
      ["ItemReader", { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } }],
      ["ItemBatcher", { MaxItemsPerBatch: 2 }],
      ["ResultWriter", { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b", Prefix: "p" } }],
    ] as const) {
      const machine = { StartAt: "M", States: { M: { Type: "Map", ItemProcessor: processor, [field]: value, End: true } } };
      await expect(runExecution(machine as never, [1, 2, 3], { mocks: parseMocks({}) })).rejects.toThrow(new RegExp(`has an ${field}, which aslint cannot run offline`));
      expect((await runExecution(machine as never, [1, 2, 3], { mocks: parseMocks({ M: { result: { done: true } } }) })).output).toEqual({ done: true });
    }
  });

  it("runs Parallel branches and catches a branch's error", async () => {
    const machine = {
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Pass", Result: 1, End: true } } },
            { StartAt: "B", States: { B: { Type: "Task", Resource: "arn:aws:states:::sns:publish", End: true } } },
          ],
          Catch: [{ ErrorEquals: ["Nope"], ResultPath: "$.err", Next: "Handled" }],
          End: true,
        },
        Handled: { Type: "Succeed" },
      },
    };
    const ok = await runExecution(machine as never, {}, { mocks: parseMocks({ B: { result: 2 } }) });
    expect(ok.output).toEqual([1, 2]);
    const caught = await runExecution(machine as never, { k: 1 }, { mocks: parseMocks({ B: { error: "Nope", cause: "no" } }) });
    expect(caught.output).toEqual({ k: 1, err: { Error: "Nope", Cause: "no" } });
    expect(caught.path.map((s) => s.state)).toEqual(["P[0]/A", "P[1]/B", "P", "Handled"]);
  });

  it("refuses a definition AWS would reject, and bad mock files", async () => {
    const r = await runCli(["run", "examples/common-mistakes.asl.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AWS would reject/);
    expect(() => parseMocks({ S: { nothing: 1 } })).toThrow(MockFormatError);
    expect(() => parseMockConfig({ StateMachines: { M: { TestCases: { T: { S: "R" } } } }, MockedResponses: { R: { "1": { Return: 1 } } } }, "T")).toThrow(/no response for invocation 0/);
    expect(() => mocksFromHistory({ nope: [] })).toThrow(MockFormatError);
  });

  it("runs a definition AWS accepts whose state fails every run, and shows the failure (test-state too)", async () => {
    // $eval: the linter's ERROR rests on "fails every run", not on AWS refusing the definition
    const dir = mkdtempSync(join(tmpdir(), "aslint-run-"));
    const file = join(dir, "eval.asl.json");
    writeFileSync(file, JSON.stringify({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass", Output: '{% $eval("1") %}', End: true } } }));
    const text = readFileSync(file, "utf8");
    expect(lint(text, { filename: file }).diagnostics.map((d) => `${d.severity} ${d.basis}`)).toEqual(["ERROR fails-every-run"]);
    const run = await runCli(["run", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/error: States\.QueryEvaluationError/);
    const state = await runCli(["test-state", "--definition", file, "--state-name", "A"]);
    expect(state.code).toBe(1);
    expect(JSON.parse(state.stdout)).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
  });
});

describe("aslint test-state", () => {
  it("answers a request file", async () => {
    const r = await runCli(["test-state", "--request", "examples/run/test-state-request.json"]);
    expect(r.code).toBe(0);
    const response = JSON.parse(r.stdout);
    expect(response).toMatchObject({ status: "SUCCEEDED", nextState: "Confirm" });
    expect(JSON.parse(response.output)).toEqual({ item: { sku: "A-1" }, charge: { charged: true } });
  });

  it("prints AWS's exception with exit 2, and FAILED with exit 1", async () => {
    const rejected = await runCli(["test-state", "--request", "-"], { stdin: JSON.stringify({ definition: '{"Type": "Pass", "End": true}', mock: { result: "{}" } }) });
    expect(rejected.code).toBe(2);
    expect(JSON.parse(rejected.stdout)).toEqual({ __type: "ValidationException", message: "State type 'Pass' is not supported when a mock is specified" });
    const failed = await runCli(["test-state", "--definition", "examples/run/charge-items.asl.json", "--state-name", "Charge", "--mock-error", "Boom", "--mock-cause", "x"]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({ status: "FAILED", error: "Boom", cause: "x" });
  });
});

describe("callback tasks", () => {
  it("give a Task.Token in the context object, in a run and in TestState", async () => {
    const machine = {
      StartAt: "Ask",
      States: {
        Ask: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } },
          End: true,
        },
      },
    };
    const r = await runExecution(machine as never, {}, { mocks: parseMocks({ Ask: { result: { approved: true } } }) });
    expect(r).toMatchObject({ status: "SUCCEEDED", output: { approved: true } });
    const { testState } = await import("../../src/index.js");
    const answer = await testState({ definition: JSON.stringify(machine.States.Ask), mock: { result: "{}" }, inspectionLevel: "DEBUG" });
    expect(answer.ok && JSON.parse(answer.response.inspectionData!.afterParameters as string).MessageBody.token).toMatch(/^[0-9a-f-]{36}$/);
  });
});
