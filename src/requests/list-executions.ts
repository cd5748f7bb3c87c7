/**
 * ListExecutions requests (asl-facts §13; SFN-MODEL ListExecutions): `stateMachineArn` (a state
 * machine, version or alias ARN) or `mapRunArn` (a Map Run's child executions), never both;
 * `maxResults` 0..1,000, `statusFilter` and `redriveFilter` from the model; PENDING_REDRIVE only
 * with `mapRunArn`; an EXPRESS state machine cannot be listed (the type from --type or the
 * definition's file name).
 */
import { get, type Node } from "../parse/index.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { classifyStateMachineArn } from "../expr/arn.js";
import { stateMachineArnFindings } from "../expr/arn-findings.js";
import type { MachineType } from "../rules/types.js";
import { checkShape, type RequestContext } from "./request.js";
import { listExecutionsTarget, stateMachineArn } from "./rules.js";

export function checkListExecutions(ctx: RequestContext, root: Node, type: MachineType | undefined): void {
  checkShape(ctx, SFN_MODEL, SFN_MODEL.operations.ListExecutions.input!, root);
  const machine = get(root, "stateMachineArn");
  const mapRun = get(root, "mapRunArn");

  if (!machine && !mapRun) {
    ctx.reportMissing(root, 'ListExecutions needs "stateMachineArn" (the executions of a state machine, a version or an alias) or "mapRunArn" (the child executions of a Map Run).', {
      rule: listExecutionsTarget,
    });
  } else if (machine && mapRun) {
    const second = machine.keyOffset > mapRun.keyOffset ? machine : mapRun;
    ctx.report(second, 'ListExecutions takes "stateMachineArn" or "mapRunArn", not both: the call fails with ValidationException. Keep the one whose executions you want.', {
      rule: listExecutionsTarget,
      key: true,
    });
  }

  if (machine?.type === "string" && machine.value !== "") {
    for (const f of stateMachineArnFindings(machine.value as string, "ListExecutions").findings) {
      ctx.report(machine, f.message, { rule: stateMachineArn, code: f.code, severity: f.severity, span: { start: f.start, end: f.end } });
    }
    if (type === "EXPRESS") {
      ctx.report(machine, "ListExecutions does not list the executions of an EXPRESS state machine (StateMachineTypeNotSupported): their history is in CloudWatch Logs. The child executions of a Distributed Map are listed with its mapRunArn.", {
        rule: listExecutionsTarget,
        code: "StateMachineTypeNotSupported",
      });
    }
  }

  if (mapRun?.type === "string" && mapRun.value !== "") {
    const info = classifyStateMachineArn(mapRun.value as string);
    if (info.kind !== "map-run" && info.kind !== "placeholder") {
      const typeSpan = info.arn.resourceType ? { start: info.arn.resourceType.start, end: info.arn.resourceType.end } : undefined;
      ctx.report(mapRun, `mapRunArn must be a Map Run ARN (arn:<partition>:states:<region>:<account>:mapRun:<state machine>/<label>:<id>): ListExecutions fails with InvalidArn.${info.kind === "state-machine" || info.kind === "version" || info.kind === "alias" ? ' To list the executions of a state machine, pass it as "stateMachineArn".' : ""}`, {
        rule: listExecutionsTarget,
        code: "InvalidArn",
        span: typeSpan,
      });
    }
  }

  const status = get(root, "statusFilter");
  if (status?.value === "PENDING_REDRIVE" && !mapRun) {
    ctx.report(status, 'statusFilter "PENDING_REDRIVE" lists the child executions of a Map Run that wait to be redriven: it needs "mapRunArn"; with "stateMachineArn" the call fails with ValidationException.', {
      rule: listExecutionsTarget,
    });
  }
}
