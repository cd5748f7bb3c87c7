/**
 * `aslint test-state`: the TestState API answered offline. The request file is the AWS CLI's
 * `--cli-input-json` for `aws stepfunctions test-state` (JSON, or YAML as --cli-input-yaml);
 * options may supply or override members. The answer is the API's response JSON on standard
 * output, or the exception AWS would raise (`{"__type": ..., "message": ...}`).
 */
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError, type CliIO } from "./run.js";
import { testState } from "../index.js";
import { MAX_DATA_DEPTH, tooDeep } from "../eval/json.js";

export const TEST_STATE_USAGE = `Usage: aslint test-state --request FILE [options]
       aslint test-state --definition FILE [--input FILE] [--state-name NAME] [options]

Runs one state offline and answers as the TestState API does: status (SUCCEEDED, FAILED,
RETRIABLE, CAUGHT_ERROR), output, error, cause, nextState and inspectionData. A Task's result
comes from "mock"; nothing is ever called.

Options:
  --request FILE            the request: aws stepfunctions test-state --cli-input-json (or YAML); "-" reads stdin
  --definition FILE         the definition (one state, or a state machine with --state-name)
  --input FILE              the state's input (JSON)
  --state-name NAME         the state to test in a whole state machine
  --inspection-level LEVEL  INFO (default), DEBUG or TRACE
  --mock-result FILE        mock.result: the JSON result the Task (or Map, Parallel) returns
  --mock-error ERROR        mock.errorOutput.error (with --mock-cause TEXT)
  --variables FILE          the variables (JSON object)
  --region R, --account ID  of the generated ARNs (default us-east-1, the role's account)
  -h, --help                this help

Exit status: 0 answered (SUCCEEDED, CAUGHT_ERROR, RETRIABLE), 1 answered FAILED,
2 a request AWS would reject (the exception is printed), usage error or unreadable file.`;

function readText(file: string, io: CliIO): Promise<string> | string {
  if (file === "-") return io.readStdin();
  try {
    return readFileSync(resolve(io.cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** A JSON or YAML document (by name; JSON is YAML too, so text that is not JSON is read as YAML). */
export function readDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!/\.ya?ml$/i.test(file)) throw new UsageError(`"${file}" is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw new UsageError(`"${file}" is not valid YAML: ${(e as Error).message}`);
  }
}

/** Reads a JSON file and returns its text, checked (TestState members are JSON strings). */
async function jsonText(file: string, io: CliIO): Promise<string> {
  const text = await readText(file, io);
  const value = readDocument(text, file);
  if (tooDeep(value)) throw new UsageError(`"${file}" nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels.`);
  return JSON.stringify(value);
}

export async function runTestState(argv: string[], io: CliIO): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        request: { type: "string" },
        definition: { type: "string" },
        input: { type: "string" },
        "state-name": { type: "string" },
        "inspection-level": { type: "string" },
        "mock-result": { type: "string" },
        "mock-error": { type: "string" },
        "mock-cause": { type: "string" },
        variables: { type: "string" },
        region: { type: "string" },
        account: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    io.stdout.write(TEST_STATE_USAGE + "\n");
    return 0;
  }
  if (values.request === undefined && values.definition === undefined) throw new UsageError("test-state needs --request FILE or --definition FILE.");
  let request: Record<string, unknown> = {};
  if (typeof values.request === "string") {
    const doc = readDocument(await readText(values.request, io), values.request);
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new UsageError(`"${values.request}" must hold a JSON object of TestState members.`);
    request = { ...(doc as Record<string, unknown>) };
  }
  if (typeof values.definition === "string") request.definition = await jsonText(values.definition, io);
  if (typeof values.input === "string") request.input = await jsonText(values.input, io);
  if (typeof values.variables === "string") request.variables = await jsonText(values.variables, io);
  if (typeof values["state-name"] === "string") request.stateName = values["state-name"];
  if (typeof values["inspection-level"] === "string") request.inspectionLevel = values["inspection-level"].toUpperCase();
  if (typeof values["mock-result"] === "string") request.mock = { ...(request.mock as object), result: await jsonText(values["mock-result"], io) };
  if (typeof values["mock-error"] === "string") {
    request.mock = { ...(request.mock as object), errorOutput: { error: values["mock-error"], cause: typeof values["mock-cause"] === "string" ? values["mock-cause"] : "" } };
  }
  const answer = await testState(request, {
    region: typeof values.region === "string" ? values.region : undefined,
    account: typeof values.account === "string" ? values.account : undefined,
  });
  if (!answer.ok) {
    io.stdout.write(JSON.stringify(answer.error, null, 2) + "\n");
    return 2;
  }
  io.stdout.write(JSON.stringify(answer.response, null, 2) + "\n");
  return answer.response.status === "FAILED" ? 1 : 0;
}
