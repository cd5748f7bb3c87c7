/**
 * `aslint run`: a whole execution offline, with mocked Task results (aslint's mock file, Step
 * Functions Local's mock configuration, or the task results of a recorded execution). Prints
 * the path taken and the final output or error; `--format json` prints it as one JSON document
 * for a test to assert on.
 */
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { UsageError, type CliIO } from "./run.js";
import { readDocument } from "./test-state.js";
import { lint } from "../lint.js";
import { runExecution, RunError, DEFAULT_MAX_TRANSITIONS, type ExecutionResult, type MockSource } from "../emulate/execution.js";
import { rejectsDefinition } from "../emulate/test-state.js";
import { MockFormatError, mocksFromHistory, parseMockConfig, parseMocks } from "../emulate/mocks.js";
import { MAX_DATA_DEPTH, tooDeep, type Json, type JsonObject } from "../eval/json.js";

export const RUN_USAGE = `Usage: aslint run DEFINITION [--input FILE] (--mocks FILE | --mock-config FILE --test-case NAME | --mocks-from-history FILE) [options]

Runs a whole execution offline, state after state, and prints the path taken and the final
output or error. Task results come from mocks: nothing is ever called. Waits are not slept but
counted; retries take their mocked responses per attempt.

Options:
  --input FILE              the execution input (JSON; default {}, or the recorded input with --mocks-from-history)
  --mocks FILE              {"<state>": {"result": ...} | {"error": "...", "cause": "..."} | [per invocation, ...]}
  --mock-config FILE        a Step Functions Local mock configuration file (MockConfigFile.json) ...
  --test-case NAME          ... and the test case of it to run
  --state-machine NAME      the state machine of the mock configuration (default: the one with the test case)
  --mocks-from-history FILE get-execution-history output: replay its task results and failures
  --max-transitions N       stop a loop after N state transitions (default ${DEFAULT_MAX_TRANSITIONS})
  --start-time TIME         the execution's start (ISO 8601; default 2024-01-01T00:00:00Z)
  --format stylish|json     the path and result as text (default) or as JSON
  -h, --help                this help

Exit status: 0 the execution SUCCEEDED, 1 it FAILED, 2 the run could not be made (usage, an
invalid definition, a missing mock, too many transitions).`;

function read(file: string, io: CliIO): string {
  try {
    return readFileSync(resolve(io.cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function stylish(result: ExecutionResult): string {
  const lines: string[] = [];
  const width = Math.min(48, Math.max(8, ...result.path.map((s) => s.state.length)));
  for (const s of result.path) {
    let line = `  ${s.state.padEnd(width)}  ${s.type.padEnd(8)}  ${s.status}`;
    if (s.next) line += ` -> ${s.next}`;
    if (s.error) line += `  ${s.error}${s.cause ? `: ${s.cause}` : ""}`;
    if (s.waitedSeconds !== undefined) line += `  (${s.status === "RETRIABLE" ? "retry after" : "waits"} ${s.waitedSeconds} s, skipped)`;
    lines.push(line);
  }
  lines.push("");
  lines.push(`${result.status} after ${result.transitions} transition${result.transitions === 1 ? "" : "s"}${result.waitedSeconds ? `, ${result.waitedSeconds} s of waiting skipped` : ""}`);
  if (result.status === "SUCCEEDED") lines.push(JSON.stringify(result.output, null, 2));
  else {
    if (result.error) lines.push(`error: ${result.error}`);
    if (result.cause) lines.push(`cause: ${result.cause}`);
  }
  return lines.join("\n") + "\n";
}

export async function runRun(argv: string[], io: CliIO): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: "string" },
        mocks: { type: "string" },
        "mock-config": { type: "string" },
        "test-case": { type: "string" },
        "state-machine": { type: "string" },
        "mocks-from-history": { type: "string" },
        "max-transitions": { type: "string" },
        "start-time": { type: "string" },
        format: { type: "string", short: "f" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    io.stdout.write(RUN_USAGE + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("run needs one definition file.");
  const format = (values.format as string | undefined) ?? "stylish";
  if (format !== "stylish" && format !== "json") throw new UsageError(`--format must be stylish or json, not "${format}".`);
  const sources = ["mocks", "mock-config", "mocks-from-history"].filter((k) => values[k] !== undefined);
  if (sources.length > 1) throw new UsageError("give one of --mocks, --mock-config, --mocks-from-history.");
  if (values["mock-config"] !== undefined && values["test-case"] === undefined) throw new UsageError("--mock-config needs --test-case NAME.");
  if (values["test-case"] !== undefined && values["mock-config"] === undefined) throw new UsageError("--test-case goes with --mock-config FILE.");
  let maxTransitions: number | undefined;
  if (values["max-transitions"] !== undefined) {
    maxTransitions = Number(values["max-transitions"]);
    if (!Number.isInteger(maxTransitions) || maxTransitions < 1) throw new UsageError("--max-transitions must be a positive integer.");
  }
  let startTime: number | undefined;
  if (values["start-time"] !== undefined) {
    startTime = Date.parse(values["start-time"] as string);
    if (Number.isNaN(startTime)) throw new UsageError(`--start-time must be an ISO 8601 time, not "${values["start-time"]}".`);
  }

  const file = positionals[0];
  const text = read(file, io);
  const verdict = lint(text, { filename: file });
  // a failure on every run (basis fails-every-run) is what the run is for: only what AWS refuses stops it
  const errors = verdict.diagnostics.filter(rejectsDefinition);
  if (errors.length > 0) {
    io.stderr.write(`aslint run: AWS would reject ${file}; fix it first:\n${errors.map((d) => `  ${d.location}: ${d.message}`).join("\n")}\n`);
    return 2;
  }
  const machine = readDocument(text, file) as JsonObject;

  let mocks: MockSource = { response: () => undefined };
  let input: Json | undefined;
  try {
    if (typeof values.mocks === "string") mocks = parseMocks(readDocument(read(values.mocks, io), values.mocks) as Json);
    if (typeof values["mock-config"] === "string") {
      mocks = parseMockConfig(readDocument(read(values["mock-config"], io), values["mock-config"]) as Json, values["test-case"] as string, values["state-machine"] as string | undefined);
    }
    if (typeof values["mocks-from-history"] === "string") {
      const h = mocksFromHistory(readDocument(read(values["mocks-from-history"], io), values["mocks-from-history"]) as Json);
      mocks = h.mocks;
      input = h.input;
    }
  } catch (e) {
    if (e instanceof MockFormatError) throw new UsageError(e.message);
    throw e;
  }
  if (typeof values.input === "string") input = readDocument(read(values.input, io), values.input) as Json;
  if (tooDeep(input)) throw new UsageError(`the input nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);

  let result: ExecutionResult;
  try {
    result = await runExecution(machine, input ?? {}, {
      mocks,
      maxTransitions,
      startTime,
      stateMachineName: basename(file).replace(/\.(asl\.)?(json|ya?ml)$/i, "").replace(/[^A-Za-z0-9_-]/g, "-") || "StateMachine",
    });
  } catch (e) {
    if (e instanceof RunError) {
      io.stderr.write(`aslint run: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  io.stdout.write(format === "json" ? JSON.stringify(result, null, 2) + "\n" : stylish(result));
  return result.status === "SUCCEEDED" ? 0 : 1;
}
