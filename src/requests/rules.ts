/**
 * The request rules: what `aslint request` and `aslint redrive` report, with the same metadata
 * as the definition rules (id, AWS code, default severity, rationale, source, examples). The
 * checks report with these objects (`ctx.report(node, message, { rule: executionName })`),
 * so a report cannot name a rule that does not exist; docs/rules.md and `aslint --list-rules`
 * are generated from this list, and test/api/request-rules.test.ts runs every example.
 *
 * Parse problems of a request file are request rules of their own (`request-syntax`,
 * `request-duplicate-key`), not the definition's syntax rules: the AWS CLI reads the file,
 * not Step Functions, so the code (ParamValidationError) and the severity (a duplicate key is
 * only a warning: the CLI keeps the last value) differ, and so may the user's settings.
 */
import type { MachineType, RuleMeta } from "../rules/types.js";
import { APIS, type ApiName } from "./apis.js";

/** Where a request rule is checked: `aslint request --api <API>`, or `aslint redrive`. */
export type RequestCommand = ApiName | "redrive";

/** What an example runs with besides its own file (docs/rules.md shows it). */
export interface ExampleSetup {
  /** `--definition`: the state machine's definition (JSON text). */
  definition?: string;
  /** `--type`. */
  type?: MachineType;
  /** redrive `--now`: the time the example is judged at. */
  now?: string;
  /** redrive: the example is the `--history` file of this describe-execution output. */
  describe?: string;
}

export interface RequestRule {
  meta: RuleMeta & { code: string; source: string; examples: { fail: string; pass: string } };
  /** The commands that report it; the examples run with the first. */
  commands: readonly RequestCommand[];
  /** What each example runs with, when more than its file. */
  setup?: { fail?: ExampleSetup; pass?: ExampleSetup };
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

const START: readonly RequestCommand[] = ["StartExecution", "StartSyncExecution"];
const START_AND_LIST: readonly RequestCommand[] = ["StartExecution", "StartSyncExecution", "ListExecutions"];
const EVERY_API: readonly RequestCommand[] = APIS;
const EVERY_FILE: readonly RequestCommand[] = [...APIS, "redrive"];
const ORDERS = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
const EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:Orders:order-42";
const NOW = "2024-05-06T09:00:00Z";

const SWF_REQUEST = {
  domain: "orders",
  workflowId: "order-42",
  workflowType: { name: "ProcessOrder", version: "2.1" },
  taskList: { name: "order-deciders" },
  executionStartToCloseTimeout: "86400",
  taskStartToCloseTimeout: "NONE",
  childPolicy: "TERMINATE",
};

/** describe-execution output of an execution that failed on 2024-05-01. */
const FAILED = {
  executionArn: EXECUTION,
  stateMachineArn: ORDERS,
  status: "FAILED",
  startDate: "2024-05-01T10:15:02.331000+00:00",
  stopDate: "2024-05-01T10:15:09.874000+00:00",
};

const event = (id: number, type: string, details: Record<string, unknown> = {}) => ({ timestamp: `2024-05-01T10:15:0${Math.min(id, 9)}.000000+00:00`, type, id, ...details });

export const requestSyntax: RequestRule = {
  meta: {
    id: "request-syntax",
    code: "ParamValidationError",
    severity: "ERROR",
    basis: "rejected",
    description: "A request file the AWS CLI cannot read: not JSON or YAML, a comment or a trailing comma in JSON, empty, binary, or nested too deep.",
    rationale:
      "`--cli-input-json` and `--cli-input-yaml` read the file before anything is sent: a file they cannot parse stops the command, and the request never reaches AWS. This is the request's counterpart of the definition rules invalid-json, json-comment, trailing-comma, empty-definition and not-text.",
    source: "AWS CLI --cli-input-json / --cli-input-yaml; asl-facts §13",
    examples: {
      fail: `{\n  "stateMachineArn": "${ORDERS}",\n  "name": "order-42",\n}`,
      pass: json({ stateMachineArn: ORDERS, name: "order-42" }),
    },
  },
  commands: EVERY_FILE,
};

export const requestDuplicateKey: RequestRule = {
  meta: {
    id: "request-duplicate-key",
    code: "ParamValidationError",
    severity: "WARNING",
    basis: "accepted",
    description: "A member given twice in a request file.",
    rationale:
      "Reading a JSON request file, the AWS CLI keeps the last value and drops the others without a word (Python's json module does), so the request sent is not the one you read. Only a warning: the request itself is valid.",
    source: "AWS CLI --cli-input-json (Python json.loads keeps the last duplicate)",
    examples: {
      fail: `{\n  "stateMachineArn": "${ORDERS}",\n  "name": "order-42",\n  "name": "order-43"\n}`,
      pass: json({ stateMachineArn: ORDERS, name: "order-43" }),
    },
  },
  commands: EVERY_FILE,
};

export const requestShape: RequestRule = {
  meta: {
    id: "request-shape",
    code: "ParamValidationError",
    severity: "ERROR",
    basis: "rejected",
    description: "A member's value against the API model: its type, minimum and maximum length, pattern, enum and list size; and a file that is not an object.",
    rationale:
      "botocore refuses a wrong type or a value below a minimum length before sending (ParamValidationError); the service refuses a value over a maximum length, outside an enum or a pattern (ValidationException).",
    source: "aws-models (SFN-MODEL, SWF-MODEL shapes); asl-facts §13, §14",
    examples: {
      fail: json({ stateMachineArn: ORDERS, traceHeader: 42 }),
      pass: json({ stateMachineArn: ORDERS, traceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793" }),
    },
  },
  commands: EVERY_FILE,
};

export const unknownParameter: RequestRule = {
  meta: {
    id: "unknown-parameter",
    code: "ParamValidationError",
    severity: "ERROR",
    basis: "rejected",
    description: "A member the API does not have (a typo, or a member of another API), with a suggestion.",
    rationale: "botocore refuses the whole request: \"Unknown parameter in input\". Nothing is sent.",
    source: "aws-models (the operation's input shape); asl-facts §13",
    examples: {
      fail: json({ stateMachineArn: ORDERS, tracHeader: "Root=1-5759e988-bd862e3fe1be46a994272793" }),
      pass: json({ stateMachineArn: ORDERS, traceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793" }),
    },
  },
  commands: EVERY_API,
};

export const missingParameter: RequestRule = {
  meta: {
    id: "missing-parameter",
    code: "ParamValidationError",
    severity: "ERROR",
    basis: "rejected",
    description: "A required member is missing (stateMachineArn, executionArn, SWF's domain, workflowId, workflowType and its name and version...).",
    rationale: "botocore refuses the request: \"Missing required parameter in input\". Nothing is sent.",
    source: "aws-models (required members of the input shape); asl-facts §13, §14",
    examples: {
      fail: json({ name: "order-42", input: "{}" }),
      pass: json({ stateMachineArn: ORDERS, name: "order-42", input: "{}" }),
    },
  },
  commands: EVERY_API,
};

export const stateMachineArn: RequestRule = {
  meta: {
    id: "state-machine-arn",
    code: "InvalidArn",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "INFO", basis: "accepted", what: "what an unqualified, version or alias ARN runs" },
    ],
    description:
      "stateMachineArn: partition, Region, account and the kind of ARN (a Distributed Map label, an execution, activity or Map Run ARN is refused); notes what an unqualified, version or alias ARN runs (or lists).",
    rationale:
      "StartExecution refuses a malformed ARN or the ARN of something else with InvalidArn, and a labelled ARN (…:stateMachine:Name/Label) with ValidationException (API_DOES_NOT_SUPPORT_LABELED_ARNS). An unqualified ARN runs the latest revision, a version or alias ARN what it names: an INFO note says which.",
    source: "SFN-MODEL StartExecution.stateMachineArn, ValidationExceptionReason; asl-facts §12, §13",
    examples: {
      fail: json({ stateMachineArn: `${ORDERS}/ProcessItems`, input: "{}" }),
      pass: json({ stateMachineArn: `${ORDERS}:PROD`, input: "{}" }),
    },
  },
  commands: START_AND_LIST,
};

const MAP_RUN = "arn:aws:states:us-east-1:123456789012:mapRun:Orders/ProcessItems:0b5d1d7e-6d2f-4f3e-9c1b-2a7d5e8f9a10";

export const listExecutionsTarget: RequestRule = {
  meta: {
    id: "list-executions-target",
    code: "ValidationException",
    severity: "ERROR",
    basis: "rejected",
    description:
      'ListExecutions: exactly one of stateMachineArn and mapRunArn; a mapRunArn that is a Map Run ARN; statusFilter PENDING_REDRIVE only with mapRunArn; no EXPRESS state machine (with --type or --definition).',
    rationale:
      "ListExecutions lists the executions of a state machine (or of one version or alias) or the child executions of a Map Run, one or the other: with both, or with PENDING_REDRIVE for a state machine, it fails with ValidationException; another kind of ARN fails with InvalidArn; an EXPRESS state machine's executions are not listed (StateMachineTypeNotSupported). maxResults (0 to 1,000), statusFilter and redriveFilter are checked against the model by request-shape.",
    source: "SFN-MODEL ListExecutions (stateMachineArn, mapRunArn: either, not both; statusFilter PENDING_REDRIVE needs mapRunArn; not supported by EXPRESS state machines; PageSize 0..1000); asl-facts §13",
    examples: {
      fail: json({ stateMachineArn: ORDERS, mapRunArn: MAP_RUN, statusFilter: "FAILED" }),
      pass: json({ stateMachineArn: ORDERS, statusFilter: "FAILED", redriveFilter: "NOT_REDRIVEN", maxResults: 100 }),
    },
  },
  commands: ["ListExecutions"],
};

export const executionName: RequestRule = {
  meta: {
    id: "execution-name",
    code: "InvalidName",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "a name CloudWatch Logs logging cannot take" },
    ],
    description:
      "name: 1 to 80 characters, no white space, brackets, wildcards, the characters \" # % \\ ^ | ~ ` $ & , ; : / or control characters; a warning when CloudWatch Logs logging would not take it.",
    rationale:
      "StartExecution fails with InvalidName on a forbidden character and with ValidationException over 80 characters; an empty name is refused by the CLI. Names with other characters than 0-9 A-Z a-z - _ are accepted but break CloudWatch Logs logging (a warning).",
    source: "SFN-MODEL StartExecution.name (Name shape); DG-QUOTAS; asl-facts §11",
    examples: {
      fail: json({ stateMachineArn: ORDERS, name: "order 42" }),
      pass: json({ stateMachineArn: ORDERS, name: "order-42" }),
    },
  },
  commands: START,
};

export const executionInput: RequestRule = {
  meta: {
    id: "execution-input",
    code: "InvalidExecutionInput",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "WARNING", basis: "accepted", what: "a key repeated inside the input" },
    ],
    description: "input: a string holding JSON text (not an object, not empty), at most 262,144 bytes in UTF-8; a warning on a duplicate key inside it.",
    rationale:
      "StartExecution fails with InvalidExecutionInput when the input is not JSON (reported where the JSON breaks inside the string), with ValidationException over 256 KiB; the CLI refuses an object in place of the string. A duplicate key reaches the execution with its last value only.",
    source: "SFN-MODEL StartExecution.input (SensitiveData, max 262,144); DG-QUOTAS; asl-facts §10, §13",
    examples: {
      fail: json({ stateMachineArn: ORDERS, input: '{"order": {"id": "42",}}' }),
      pass: json({ stateMachineArn: ORDERS, input: '{"order": {"id": "42"}}' }),
    },
  },
  commands: START,
};

const ORDER_INTAKE = json({
  StartAt: "Validate order",
  States: {
    "Validate order": { Type: "Pass", Parameters: { "orderId.$": "$.order.id", "email.$": "$.customer.email" }, End: true },
  },
});

export const startInputPath: RequestRule = {
  meta: {
    id: "start-input-path",
    code: "States.Runtime",
    severity: "ERROR",
    basis: "fails-every-run",
    description: "With --definition: the input (or {} when there is none) run through the first state's InputPath and Parameters paths; a path that selects nothing.",
    rationale:
      "The call succeeds, but the execution fails at once with States.Runtime in its very first state. Located in the input where the path stops. JSONata states and paths with wildcards or filters are not evaluated.",
    source: "SPEC and DG-ERR (a payload template path that fails is States.ParameterPathFailure, reported by AWS as States.Runtime; InputPath likewise); asl-facts §5, §8",
    examples: {
      fail: json({ stateMachineArn: ORDERS, input: '{"order": {"id": "42"}, "customer": {"name": "Ana"}}' }),
      pass: json({ stateMachineArn: ORDERS, input: '{"order": {"id": "42"}, "customer": {"email": "ana@example.com"}}' }),
    },
  },
  commands: START,
  setup: { fail: { definition: ORDER_INTAKE }, pass: { definition: ORDER_INTAKE } },
};

const QUOTE = json({ StartAt: "Quote", States: { Quote: { Type: "Pass", End: true } } });

export const syncExecutionType: RequestRule = {
  meta: {
    id: "sync-execution-type",
    code: "StateMachineTypeNotSupported",
    severity: "ERROR",
    basis: "rejected",
    description: "StartSyncExecution of a STANDARD state machine (the type from --type, the definition's file name or .aslintrc.json).",
    rationale: "StartSyncExecution runs EXPRESS state machines only; for a STANDARD one the call fails with StateMachineTypeNotSupported.",
    source: "SFN-MODEL StartSyncExecution (errors); asl-facts §10, §13",
    examples: {
      fail: json({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Quote", input: "{}" }),
      pass: json({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Quote", input: "{}" }),
    },
  },
  commands: ["StartSyncExecution"],
  setup: { fail: { definition: QUOTE, type: "STANDARD" }, pass: { definition: QUOTE, type: "EXPRESS" } },
};

export const executionArn: RequestRule = {
  meta: {
    id: "execution-arn",
    code: "InvalidArn",
    severity: "ERROR",
    basis: "rejected",
    description: "RedriveExecution's executionArn: the ARN of a Standard execution, not of a state machine, not of an Express execution.",
    rationale:
      "RedriveExecution fails with InvalidArn on a malformed ARN or the ARN of something else, and with ExecutionNotRedrivable on an Express execution (Express children of a Distributed Map are redriven through their parent).",
    source: "SFN-MODEL RedriveExecution; API-REDRIVE; asl-facts §12, §13",
    examples: {
      fail: json({ executionArn: ORDERS }),
      pass: json({ executionArn: EXECUTION }),
    },
  },
  commands: ["RedriveExecution"],
};

export const swfName: RequestRule = {
  meta: {
    id: "swf-name",
    code: "ValidationException",
    severity: "ERROR",
    basis: "rejected",
    description: "SWF domain, workflowId, taskList.name, workflowType.name and version: no : / | or control characters, not the literal \"arn\".",
    rationale:
      "SWF refuses such names; a workflowType with them cannot have been registered, so the call fails with UnknownResourceFault.",
    source: "SWF-MODEL StartWorkflowExecution (member documentation); asl-facts §14",
    examples: {
      fail: json({ ...SWF_REQUEST, workflowId: "order/42" }),
      pass: json(SWF_REQUEST),
    },
  },
  commands: ["StartWorkflowExecution"],
};

export const swfTimeout: RequestRule = {
  meta: {
    id: "swf-timeout",
    code: "ValidationException",
    severity: "ERROR",
    basis: "rejected",
    description: "executionStartToCloseTimeout: whole seconds as a string, not NONE, at most one year; taskStartToCloseTimeout: whole seconds or NONE.",
    rationale: "SWF refuses other values: an execution runs at most one year (31,536,000 seconds), and only the task timeout may be NONE.",
    source: "SWF-MODEL DurationInSecondsOptional; SWF-DG limits; asl-facts §14",
    examples: {
      fail: json({ ...SWF_REQUEST, executionStartToCloseTimeout: "NONE" }),
      pass: json({ ...SWF_REQUEST, executionStartToCloseTimeout: "31536000" }),
    },
  },
  commands: ["StartWorkflowExecution"],
};

export const swfTaskPriority: RequestRule = {
  meta: {
    id: "swf-task-priority",
    code: "ValidationException",
    severity: "ERROR",
    basis: "rejected",
    description: "taskPriority: an integer written as a string, within Java's int range.",
    rationale: "SWF reads the priority as a Java int; anything else is refused.",
    source: "SWF-MODEL StartWorkflowExecution.taskPriority; asl-facts §14",
    examples: {
      fail: json({ ...SWF_REQUEST, taskPriority: "high" }),
      pass: json({ ...SWF_REQUEST, taskPriority: "10" }),
    },
  },
  commands: ["StartWorkflowExecution"],
};

export const swfLambdaRole: RequestRule = {
  meta: {
    id: "swf-lambda-role",
    code: "SWF_LAMBDA_ROLE",
    severity: "WARNING",
    basis: "accepted",
    description: "lambdaRole: an IAM role ARN (arn:aws:iam::<account>:role/<name>).",
    rationale:
      "The execution starts with any ARN, but its Lambda tasks fail with ScheduleLambdaFunctionFailed when SWF cannot assume the role. A warning: the start itself succeeds.",
    source: "SWF-MODEL StartWorkflowExecution.lambdaRole; SWF-DG (Lambda tasks); asl-facts §14",
    examples: {
      fail: json({ ...SWF_REQUEST, lambdaRole: "arn:aws:lambda:us-east-1:123456789012:function:decide" }),
      pass: json({ ...SWF_REQUEST, lambdaRole: "arn:aws:iam::123456789012:role/swf-lambda" }),
    },
  },
  commands: ["StartWorkflowExecution"],
};

export const swfDefaultUndefined: RequestRule = {
  meta: {
    id: "swf-default-undefined",
    code: "DefaultUndefinedFault",
    severity: "WARNING",
    basis: "unknown",
    description: "taskList, childPolicy or a timeout left out: the call relies on defaults registered with the workflow type.",
    rationale:
      "Without a default registered by RegisterWorkflowType the call fails with DefaultUndefinedFault. The registration cannot be seen offline, so this is a warning.",
    source: "SWF-MODEL StartWorkflowExecution (DefaultUndefinedFault); SWF-DG register-workflow; asl-facts §14",
    examples: {
      fail: json({ domain: "orders", workflowId: "order-42", workflowType: { name: "ProcessOrder", version: "2.1" } }),
      pass: json(SWF_REQUEST),
    },
  },
  commands: ["StartWorkflowExecution"],
};

export const redriveInput: RequestRule = {
  meta: {
    id: "redrive-input",
    code: "REDRIVE_INPUT",
    severity: "ERROR",
    basis: "unreadable",
    findings: [
      { severity: "WARNING", basis: "unreadable", what: "a history or a listing with a nextToken: only one page" },
      { severity: "INFO", basis: "accepted", what: "an event type the model does not list" },
    ],
    description:
      "aslint redrive's files: describe-execution output with executionArn, status and startDate (times as ISO 8601 or epoch seconds); describe-map-run output with mapRunArn, executionArn and status; list-executions output whose executions have executionArn, status and startDate; get-execution-history output with its events. A history or a listing with a nextToken is one page only (a warning).",
    rationale: "The verdict rests on these members; without them aslint cannot judge, and a history page without the rest gives a wrong event count.",
    source: "SFN-MODEL DescribeExecution, DescribeMapRun, ListExecutions and GetExecutionHistory outputs; asl-facts §13",
    examples: {
      fail: json({ executionArn: EXECUTION, startDate: FAILED.startDate }),
      pass: json(FAILED),
    },
  },
  commands: ["redrive"],
  setup: { fail: { now: NOW }, pass: { now: NOW } },
};

export const redriveStatus: RequestRule = {
  meta: {
    id: "redrive-status",
    code: "ExecutionNotRedrivable",
    severity: "ERROR",
    basis: "rejected",
    findings: [
      { severity: "INFO", basis: "accepted", what: "a redrivable execution: until when; a Map Run: its parent and what a redrive runs again; a listing: how many can be redriven" },
    ],
    description:
      "Whether RedriveExecution would take the execution, with each reason in AWS's redriveStatusReason words: RUNNING or SUCCEEDED, more than 14 days since it stopped, open over a year, 24,999 history events, started before 2023-11-15, EXPRESS; a NOT_REDRIVABLE reason AWS itself gave stands. For a Map Run, its parent's verdict and what a redrive would run again; for a listing, a verdict per execution. A note says until when a redrivable one can be redriven.",
    rationale:
      "RedriveExecution fails with ExecutionNotRedrivable for each of these; the reasons are the ones DescribeExecution documents. A reason AWS reported stands: a history only grows and time only passes. A Map Run is redriven only through its parent execution: it reruns the child executions that did not succeed, except those that cannot be redriven, at most 1,000 times. The verdict (REDRIVABLE, NOT_REDRIVABLE, REDRIVABLE_BY_MAP_RUN) decides the exit code whatever this rule's severity is set to.",
    source: "SFN-MODEL DescribeExecution.redriveStatusReason, DescribeMapRun (itemCounts, executionCounts: failuresNotRedrivable, pendingRedrive; redriveCount), ListExecutions; API-REDRIVE; DG-QUOTAS (Map Run redrives: 1,000); asl-facts §10, §13",
    examples: {
      fail: json({ ...FAILED, status: "SUCCEEDED" }),
      pass: json(FAILED),
    },
  },
  commands: ["redrive"],
  setup: { fail: { now: NOW }, pass: { now: NOW } },
};

export const redriveRerun: RequestRule = {
  meta: {
    id: "redrive-rerun",
    code: "REDRIVE_RERUN",
    severity: "INFO",
    basis: "accepted",
    description: "With --history: the states a redrive runs again (entered and not exited in the last attempt), and for a Map only its failed iterations.",
    rationale:
      "RedriveExecution restarts from the unsuccessful states with the same input and definition; knowing which run again tells what a redrive will repeat. A note (INFO): it never fails a check; the pass example is a history with no state left open.",
    source: "API-REDRIVE; SFN-MODEL HistoryEventType; asl-facts §13",
    examples: {
      fail: json({
        events: [
          event(1, "ExecutionStarted"),
          event(2, "TaskStateEntered", { stateEnteredEventDetails: { name: "Charge card" } }),
          event(3, "TaskFailed", { taskFailedEventDetails: { error: "Payment.Declined" } }),
          event(4, "ExecutionFailed", { executionFailedEventDetails: { error: "Payment.Declined" } }),
        ],
      }),
      pass: json({
        events: [
          event(1, "ExecutionStarted"),
          event(2, "PassStateEntered", { stateEnteredEventDetails: { name: "Prepare" } }),
          event(3, "PassStateExited", { stateExitedEventDetails: { name: "Prepare" } }),
          event(4, "ExecutionAborted", { executionAbortedEventDetails: { error: "Manual", cause: "stopped between two states" } }),
        ],
      }),
    },
  },
  commands: ["redrive"],
  setup: { fail: { now: NOW, describe: json(FAILED) }, pass: { now: NOW, describe: json({ ...FAILED, status: "ABORTED" }) } },
};

/** Every request rule: the order of the catalogue in `aslint --list-rules`. */
export const requestRules: readonly RequestRule[] = [
  requestSyntax,
  requestDuplicateKey,
  requestShape,
  unknownParameter,
  missingParameter,
  stateMachineArn,
  executionName,
  executionInput,
  startInputPath,
  syncExecutionType,
  listExecutionsTarget,
  executionArn,
  swfName,
  swfTimeout,
  swfTaskPriority,
  swfLambdaRole,
  swfDefaultUndefined,
  redriveInput,
  redriveStatus,
  redriveRerun,
];

export const requestRulesById: ReadonlyMap<string, RequestRule> = new Map(requestRules.map((r) => [r.meta.id, r]));
