/**
 * `aslint redrive` on `aws stepfunctions list-executions` output (as users run it, with
 * `--status-filter FAILED` or `--redrive-filter NOT_REDRIVEN`): a verdict per listed execution,
 * from what the listing holds (status, start and stop dates, the kind of ARN, the redrive count).
 * What only describe-execution (and the history) can tell is said once: the history event count
 * and whether the state machine is being deleted. (SFN-MODEL ListExecutions, ExecutionListItem;
 * asl-facts §10, §13.)
 */
import { get, isArray, isObject, type Node } from "../parse/index.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { classifyStateMachineArn } from "../expr/arn.js";
import { num, type RequestContext } from "./request.js";
import { parseTime, reasonsOf } from "./redrive-reasons.js";
import { redriveInput, redriveStatus } from "./rules.js";

/** One listed execution and its verdict. */
export interface ListedExecution {
  executionArn: string;
  name?: string;
  status: string;
  stopDate?: string;
  redriveCount?: number;
  redriveStatus: "REDRIVABLE" | "NOT_REDRIVABLE" | "REDRIVABLE_BY_MAP_RUN" | "UNKNOWN";
  /** Why not, in AWS's redriveStatusReason words. */
  reasons: string[];
}

const STATUSES: readonly string[] = SFN_MODEL.shapes.ExecutionStatus.enum ?? [];

/** list-executions output: an object with an "executions" array. */
export function isListingOutput(root: Node): boolean {
  return isArray(get(root, "executions"));
}

export function checkListing(ctx: RequestContext, root: Node, now: number): ListedExecution[] {
  const list = get(root, "executions")!;
  const next = get(root, "nextToken");
  if (next?.type === "string") {
    ctx.report(next, "The listing has a nextToken: it is only one page. Save every page (the AWS CLI pages through them unless --max-items is given) to judge every execution.", {
      rule: redriveInput,
      severity: "WARNING",
      key: true,
    });
  }
  const out: ListedExecution[] = [];
  for (const item of list.items ?? []) {
    if (!isObject(item)) continue;
    const listed = judge(ctx, item, now);
    if (listed) out.push(listed);
  }
  const redrivable = out.filter((e) => e.redriveStatus === "REDRIVABLE").length;
  ctx.report(
    list,
    out.length === 0
      ? "The listing holds no execution."
      : `${num(redrivable)} of the ${num(out.length)} listed executions can be redriven, as far as the listing tells: only describe-execution (and get-execution-history) tells whether the history holds fewer than 24,999 events and whether the state machine is being deleted.`,
    { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO", key: true },
  );
  return out;
}

function judge(ctx: RequestContext, item: Node, now: number): ListedExecution | undefined {
  const missing = ["executionArn", "status", "startDate"].filter((m) => !get(item, m));
  if (missing.length) {
    ctx.reportMissing(item, `This listed execution has no ${missing.join(", ")}: it is not list-executions output. Save the output of "aws stepfunctions list-executions".`, { rule: redriveInput });
    return undefined;
  }
  const arnNode = get(item, "executionArn")!;
  const statusNode = get(item, "status")!;
  const startNode = get(item, "startDate")!;
  const stopNode = get(item, "stopDate");
  const status = statusNode.value;
  const start = parseTime(startNode.value);
  const stop = stopNode ? parseTime(stopNode.value) : NaN;
  if (typeof arnNode.value !== "string" || typeof status !== "string" || !STATUSES.includes(status) || Number.isNaN(start) || (stopNode && Number.isNaN(stop))) {
    const bad = typeof arnNode.value !== "string" ? arnNode : typeof status !== "string" || !STATUSES.includes(status) ? statusNode : Number.isNaN(start) ? startNode : stopNode!;
    ctx.report(bad, `Cannot judge this listed execution: ${memberName(bad)} is not ${bad === statusNode ? `an execution status (${STATUSES.join(", ")})` : bad === arnNode ? "a string" : 'a time (ISO 8601 with a zone, or epoch seconds)'}.`, { rule: redriveInput });
    return undefined;
  }
  const arn = classifyStateMachineArn(arnNode.value);
  const express = arn.kind === "express-execution";
  const name = get(item, "name")?.value;
  const redriveCount = get(item, "redriveCount")?.value;
  const who = typeof name === "string" ? `Execution ${JSON.stringify(name)}` : "This execution";
  const reasons: string[] = [];
  for (const r of reasonsOf({ status, start, stop, express, mapRunChild: get(item, "mapRunArn") !== undefined }, now)) {
    reasons.push(r.reason);
    const node = r.member === "status" ? statusNode : r.member === "executionArn" ? arnNode : r.member === "startDate" ? startNode : stopNode!;
    ctx.report(node, `${who}: ${r.reason} ${r.detail}`, { rule: redriveStatus });
  }
  const byMapRun = express && get(item, "mapRunArn") !== undefined && reasons.length === 1 && status !== "SUCCEEDED" && status !== "RUNNING";
  return {
    executionArn: arnNode.value,
    ...(typeof name === "string" ? { name } : {}),
    status,
    ...(stopNode && typeof stopNode.value === "string" ? { stopDate: stopNode.value } : {}),
    ...(typeof redriveCount === "number" ? { redriveCount } : {}),
    redriveStatus: reasons.length === 0 ? "REDRIVABLE" : byMapRun ? "REDRIVABLE_BY_MAP_RUN" : "NOT_REDRIVABLE",
    reasons,
  };
}

function memberName(node: Node): string {
  return typeof node.key === "string" ? node.key : "the value";
}
