/**
 * What StartExecution (and StartSyncExecution, and a Task's `states:startExecution`) makes
 * of a `stateMachineArn`, in words: shared by the request checks and the nested-execution
 * rule. Offsets are into the ARN string; the caller maps them to the file.
 */
import { classifyStateMachineArn, type StatesArnInfo } from "./arn.js";
import type { Severity } from "../diagnostic.js";

export interface ArnFinding {
  severity: Severity;
  /** AWS exception name (`InvalidArn`, `ValidationException`) or an upper-snake note code. */
  code: string;
  message: string;
  start: number;
  end: number;
  /** A corrected ARN, when the intent is clear. */
  replacement?: string;
  replacementTitle?: string;
}

export type StartApi = "StartExecution" | "StartSyncExecution" | "states:startExecution" | "ListExecutions";

function q(s: string): string {
  return JSON.stringify(s);
}

/** `arn:<p>:states:<r>:<a>:` of an ARN, as written. */
function prefixOf(info: StatesArnInfo): string | undefined {
  const a = info.arn;
  return a.account ? info.arn.text.slice(0, a.account.end + 1) : undefined;
}

/**
 * Findings for a state machine ARN given to StartExecution-like calls: errors for ARNs it
 * rejects, and (with `notes`) an INFO saying what kind of ARN it is and what runs.
 */
export function stateMachineArnFindings(text: string, api: StartApi, notes = true): { info: StatesArnInfo; findings: ArnFinding[] } {
  const info = classifyStateMachineArn(text);
  const findings: ArnFinding[] = [];
  const Call = api === "states:startExecution" ? "The task's StartExecution call" : api;
  for (const e of info.errors) {
    if (e.severity !== "error") continue; // CloudWatch hints about names inside an ARN are not the caller's to fix
    findings.push({ severity: "ERROR", code: "InvalidArn", message: `${e.message} ${Call} fails with InvalidArn.`, start: e.start, end: e.end });
  }
  if (info.kind === "state-machine" || info.kind === "version" || info.kind === "alias") {
    if (notes && !info.errors.length) findings.push({ severity: "INFO", code: "STATE_MACHINE_ARN", message: whatRuns(info, api), start: 0, end: text.length });
  } else {
    const wrong = notAStateMachine(text, info, api);
    if (wrong) findings.push(wrong);
  }
  return { info, findings };
}

/** What a call runs (or lists) for an unqualified, version or alias ARN. */
function whatRuns(info: StatesArnInfo, api: StartApi): string {
  const sm = info.stateMachineName?.value;
  const runs = api === "StartSyncExecution" ? "StartSyncExecution runs" : api === "states:startExecution" ? "the task starts" : "StartExecution runs";
  switch (info.kind) {
    case "version":
      return api === "ListExecutions"
        ? `Version ARN: ListExecutions lists the executions of version ${info.qualifier!.value} of ${q(sm ?? "")}.`
        : `Version ARN: ${runs} version ${info.qualifier!.value} of ${q(sm ?? "")} (and does not associate the execution with any alias that points to that version).`;
    case "alias":
      return api === "ListExecutions"
        ? `Alias ARN: ListExecutions lists the executions started through alias ${q(info.qualifier!.value)} of ${q(sm ?? "")}.`
        : `Alias ARN: ${runs} the version that alias ${q(info.qualifier!.value)} of ${q(sm ?? "")} routes to (by its routing weights) and associates the execution with the alias.`;
    default:
      return api === "ListExecutions"
        ? `Unqualified state machine ARN of ${q(sm ?? "")}: ListExecutions lists all its executions, whichever version or alias started them.`
        : `Unqualified state machine ARN of ${q(sm ?? "")}: ${runs} the latest revision of the state machine; the execution is not associated with any version or alias.`;
  }
}

/** The error for an ARN of another kind than a state machine (a labelled one, an execution, an activity, ...); none for a placeholder or an invalid ARN. */
function notAStateMachine(text: string, info: StatesArnInfo, api: StartApi): ArnFinding | undefined {
  const call = api === "states:startExecution" ? "the task's StartExecution call" : api;
  const whole = { start: 0, end: text.length };
  const typeSpan = info.arn.resourceType ? { start: info.arn.resourceType.start, end: info.arn.resourceType.end } : whole;
  const sm = info.stateMachineName?.value;
  const smArn = sm !== undefined && prefixOf(info) !== undefined ? `${prefixOf(info)}stateMachine:${sm}` : undefined;
  switch (info.kind) {
    case "labelled": {
      const label = info.label!;
      const code = api === "StartSyncExecution" ? "InvalidArn" : "ValidationException";
      return {
        severity: "ERROR",
        code,
        message: `This ARN names the Distributed Map state labelled ${q(label.value)} inside ${q(sm ?? "")}, not a state machine to start: ${call} rejects labelled ARNs with ${code}${code === "ValidationException" ? " (reason API_DOES_NOT_SUPPORT_LABELED_ARNS)" : ""}. Remove "/${label.value}".`,
        start: label.start - 1,
        end: label.end,
        replacement: smArn,
        replacementTitle: `Remove the label "/${label.value}"`,
      };
    }
    case "execution":
    case "express-execution":
    case "labelled-execution":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is ${info.kind === "express-execution" ? "an Express execution" : info.kind === "labelled-execution" ? "a Map Run child execution" : "an execution"} ARN (execution ${q(info.executionName?.value ?? "")} of ${q(sm ?? "")}), not a state machine ARN: ${call} fails with InvalidArn. Use the state machine's ARN${smArn ? ` (${smArn})` : ""}${info.kind === "execution" && api !== "ListExecutions" ? "; to continue a failed execution, use RedriveExecution" : ""}.`,
        ...typeSpan,
        replacement: smArn,
        replacementTitle: "Use the state machine ARN",
      };
    case "activity":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is an activity ARN, not a state machine ARN: ${call} fails with InvalidArn. Activities are run by a Task state whose Resource is the activity ARN.`,
        ...typeSpan,
      };
    case "map-run":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is a Map Run ARN, not a state machine ARN: ${call} fails with InvalidArn.${api === "ListExecutions" ? ' To list the child executions of a Map Run, pass it as "mapRunArn".' : ""}`,
        ...typeSpan,
      };
    case "integration":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is a service integration resource (arn:<partition>:states:::<service>:<action>), not a state machine ARN: ${call} fails with InvalidArn. A state machine ARN reads arn:<partition>:states:<region>:<account>:stateMachine:<name>.`,
        ...whole,
      };
    case "not-states":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is ${info.arn.service ? `an ARN of service ${q(info.arn.service.value)}` : "not a Step Functions ARN"}; ${call} needs a state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>) and fails with InvalidArn.`,
        ...(info.arn.service ? { start: info.arn.service.start, end: info.arn.service.end } : whole),
      };
    case "other":
      return {
        severity: "ERROR",
        code: "InvalidArn",
        message: `Unknown Step Functions resource type ${q(info.arn.resourceType?.value ?? "")}; ${call} needs a state machine ARN (…:stateMachine:<name>, optionally :<version> or :<alias>) and fails with InvalidArn.`,
        ...typeSpan,
      };
    default:
      return undefined;
  }
}

/** Findings for the `executionArn` of RedriveExecution. */
export function executionArnFindings(text: string): { info: StatesArnInfo; findings: ArnFinding[] } {
  const info = classifyStateMachineArn(text);
  const findings: ArnFinding[] = [];
  for (const e of info.errors) {
    if (e.severity !== "error") continue;
    findings.push({ severity: "ERROR", code: "InvalidArn", message: `${e.message} RedriveExecution fails with InvalidArn.`, start: e.start, end: e.end });
  }
  const typeSpan = info.arn.resourceType ? { start: info.arn.resourceType.start, end: info.arn.resourceType.end } : { start: 0, end: text.length };
  switch (info.kind) {
    case "execution":
    case "labelled-execution":
    case "placeholder":
    case "invalid":
      break;
    case "express-execution":
      findings.push({
        severity: "ERROR",
        code: "ExecutionNotRedrivable",
        message:
          "This is an Express execution (…:express:…): RedriveExecution is not supported for EXPRESS state machines. Express child executions of a Distributed Map are rerun by redriving the parent execution (its Map Run); other Express executions must be started again.",
        ...typeSpan,
      });
      break;
    case "state-machine":
    case "version":
    case "alias":
    case "labelled":
      findings.push({
        severity: "ERROR",
        code: "InvalidArn",
        message: `This is a state machine ARN; RedriveExecution needs the ARN of the execution to redrive (arn:<partition>:states:<region>:<account>:execution:${info.stateMachineName?.value ?? "<state machine>"}:<execution name>) and fails with InvalidArn.`,
        ...typeSpan,
      });
      break;
    default:
      findings.push({
        severity: "ERROR",
        code: "InvalidArn",
        message: `RedriveExecution needs an execution ARN (arn:<partition>:states:<region>:<account>:execution:<state machine>:<execution name>); this is ${info.kind === "activity" ? "an activity ARN" : info.kind === "map-run" ? "a Map Run ARN" : info.kind === "not-states" ? `an ARN of service ${q(info.arn.service?.value ?? "")}` : "not one"}.`,
        ...typeSpan,
      });
  }
  return { info, findings };
}
