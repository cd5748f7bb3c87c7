/**
 * StartExecution and StartSyncExecution requests (asl-facts §10, §11, §13):
 * - `stateMachineArn`: what kind of ARN it is and what runs (unqualified, version, alias),
 *   or why the call fails (Distributed Map label, execution/activity ARN, malformed fields);
 * - `name`: 1..80 characters, none of the forbidden ones (InvalidName), and a warning when
 *   CloudWatch Logs logging would not accept it;
 * - `input`: a JSON text (InvalidExecutionInput) of at most 262,144 UTF-8 bytes, and, when the
 *   definition is given, run through the first state's paths;
 * - `traceHeader`, `includedData` and the rest from the model;
 * - StartSyncExecution: EXPRESS state machines only (StateMachineTypeNotSupported).
 */
import { parseDocumentText, get, type Node } from "../parse/index.js";
import { parseJson } from "../parse/json.js";
import { buildMachine } from "../model/index.js";
import { checkResourceName } from "../expr/arn.js";
import type { MachineType } from "../rules/types.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { checkShape, num, utf8Cut, utf8Length, type RequestContext } from "./request.js";
import { stateMachineArnFindings } from "../expr/arn-findings.js";
import { checkStartInput } from "../model/start-input.js";
import { executionInput, executionName, startInputPath, stateMachineArn, syncExecutionType } from "./rules.js";

export interface DefinitionInput {
  text: string;
  filename?: string;
}

export interface StartOptions {
  /** The state machine's definition, to run the input through its first state. */
  definition?: DefinitionInput;
  /** The state machine's type, when known (from --type, the file name or the config). */
  type?: MachineType;
}

const INPUT_MAX = SFN_MODEL.shapes.SensitiveData.max;

/** Parse problems inside the input string, in a few words. */
const INPUT_PROBLEM: Record<string, string> = {
  "trailing-comma": "a trailing comma (JSON does not allow it)",
  "json-comment": "a comment (JSON does not allow comments)",
  "too-deeply-nested": "it nests objects and arrays more than 1000 levels deep",
};

export function checkStartExecution(ctx: RequestContext, root: Node, api: "StartExecution" | "StartSyncExecution", opts: StartOptions = {}): void {
  const shape = SFN_MODEL.operations[api].input;
  checkShape(ctx, SFN_MODEL, shape, root, { skip: new Set(["name", "input"]) });

  const arnNode = get(root, "stateMachineArn");
  if (arnNode?.type === "string") checkArn(ctx, arnNode, api);

  const nameNode = get(root, "name");
  if (nameNode) checkName(ctx, nameNode);

  const inputNode = get(root, "input");
  const parsedInput = inputNode ? checkInput(ctx, inputNode) : undefined;

  if (api === "StartSyncExecution" && opts.type === "STANDARD") {
    const at = arnNode ?? root;
    ctx.report(
      at,
      `StartSyncExecution runs only EXPRESS state machines; ${opts.definition?.filename ? `${opts.definition.filename} is` : "this state machine is"} STANDARD, so the call fails with StateMachineTypeNotSupported. Use StartExecution, or mark the definition EXPRESS (--type EXPRESS, a *.express.asl.json name, or "type" in .aslintrc.json).`,
      { rule: syncExecutionType },
    );
  }

  if (opts.definition) checkAgainstDefinition(ctx, root, inputNode, parsedInput, opts.definition);
}

function checkArn(ctx: RequestContext, node: Node, api: "StartExecution" | "StartSyncExecution"): void {
  const text = node.value as string;
  // an empty ARN is below the model's minimum length: request-shape says so, once
  if (text.length === 0) return;
  const { findings } = stateMachineArnFindings(text, api);
  for (const f of findings) {
    ctx.report(node, f.message, {
      rule: stateMachineArn,
      code: f.code,
      severity: f.severity,
      span: { start: f.start, end: f.end },
      fixes: f.replacement ? [{ title: f.replacementTitle ?? "Fix the ARN", edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(f.replacement) }] }] : undefined,
    });
  }
}

/** Execution name rules; shared with the nested-execution rule through expr/arn.ts. */
function checkName(ctx: RequestContext, node: Node): void {
  if (node.type !== "string") {
    checkShape(ctx, SFN_MODEL, "Name", node);
    return;
  }
  const name = node.value as string;
  if (name.length === 0) {
    ctx.report(node, "Invalid length for parameter name, value: 0, valid min length: 1. Leave name out to let Step Functions generate a UUID.", {
      rule: executionName,
      code: "ParamValidationError",
    });
    return;
  }
  for (const issue of checkResourceName(name, "execution name")) {
    const code = issue.kind === "length" ? "ValidationException" : issue.kind === "logging" ? "EXECUTION_NAME" : "InvalidName";
    ctx.report(node, issue.kind === "character" ? `${issue.message} StartExecution fails with InvalidName.` : issue.message, {
      rule: executionName,
      code,
      severity: issue.severity === "warning" ? "WARNING" : "ERROR",
      span: { start: issue.start, end: issue.end },
    });
  }
}

/** Checks `input` and returns its parsed tree (offsets into the decoded string) when it is JSON. */
function checkInput(ctx: RequestContext, node: Node): Node | undefined {
  if (node.type === "object" || node.type === "array") {
    let json = "";
    try {
      json = JSON.stringify(JSON.parse(ctx.text.slice(node.offset, node.offset + node.length)));
    } catch {
      json = "";
    }
    ctx.report(
      node,
      `input must be a string holding JSON text, not ${node.type === "object" ? "an object" : "an array"} (the AWS CLI refuses it: valid types: <class 'str'>). Write it as a string, for example "{\\"first_name\\": \\"Alejandro\\"}".`,
      {
        rule: executionInput,
        code: "ParamValidationError",
        fixes: json ? [{ title: "Turn input into a JSON string", edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(json) }] }] : undefined,
      },
    );
    return undefined;
  }
  if (node.type !== "string") {
    checkShape(ctx, SFN_MODEL, "SensitiveData", node);
    return undefined;
  }
  const text = node.value as string;
  const bytes = utf8Length(text);
  if (bytes > INPUT_MAX) {
    const cut = utf8Cut(text, INPUT_MAX);
    ctx.report(node, `input is ${num(bytes)} bytes in UTF-8; StartExecution takes at most ${num(INPUT_MAX)} bytes (256 KiB). Pass a reference (an S3 key) instead of the data.`, {
      rule: executionInput,
      code: "ValidationException",
      span: { start: cut, end: text.length },
    });
  }
  if (text.trim() === "") {
    ctx.report(node, `input is ${text === "" ? "empty" : "only white space"}, which is not JSON: the call fails with InvalidExecutionInput. Send "{}" for no input, or leave input out.`, {
      rule: executionInput,
    });
    return undefined;
  }
  const parsed = parseJson(text);
  let broken = false;
  for (const p of parsed.problems) {
    const dup = p.rule === "duplicate-key";
    if (!dup) broken = true;
    const message = dup
      ? `${/^Duplicate key "(?:[^"\\]|\\.)*"/.exec(p.message)?.[0] ?? "Duplicate key"} in input: only the last value reaches the execution. Remove the other.`
      : `input is not valid JSON: ${INPUT_PROBLEM[p.rule] ?? p.message}. The call fails with InvalidExecutionInput.`;
    ctx.report(node, message, {
      rule: executionInput,
      code: dup ? "EXECUTION_INPUT" : "InvalidExecutionInput",
      severity: dup ? "WARNING" : "ERROR",
      span: { start: p.offset, end: p.offset + Math.max(p.length, 1) },
    });
    if (!dup) break; // the first break is where the JSON stops making sense
  }
  return broken ? undefined : parsed.root;
}

function checkAgainstDefinition(ctx: RequestContext, root: Node, inputNode: Node | undefined, parsedInput: Node | undefined, definition: DefinitionInput): void {
  if (inputNode && !parsedInput) return; // the input is already wrong
  const doc = parseDocumentText(definition.text, definition.filename);
  if (!doc.root || doc.root.type !== "object") return;
  const machine = buildMachine(doc.root);
  const startName = machine.top.startAt?.type === "string" ? (machine.top.startAt.value as string) : undefined;
  const start = startName !== undefined ? machine.top.byName.get(startName) : undefined;
  if (!start || start.queryLanguage !== "JSONPath") return;
  // no input: Step Functions starts the execution with {}
  const input = parsedInput ?? parseJson("{}").root!;
  const issues = checkStartInput(start.node, start.type, input, { stateName: start.name });
  const where = definition.filename ? ` (${definition.filename})` : "";
  for (const issue of issues) {
    const message = `${issue.message}${where}`;
    if (inputNode && parsedInput) {
      ctx.report(inputNode, message, { rule: startInputPath, span: { start: issue.reached.offset, end: issue.reached.offset + issue.reached.length } });
    } else {
      ctx.reportMissing(root, `No input is given, so the execution starts with {}. ${message}`, { rule: startInputPath });
    }
  }
}
