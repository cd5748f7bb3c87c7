/**
 * `aslint redrive` on `aws stepfunctions describe-map-run` output. A Map Run is not redriven on
 * its own: RedriveExecution on its parent execution redrives it, and reruns the child executions
 * (and their items) that did not succeed, except those that cannot be redriven
 * (`failuresNotRedrivable`). The answer is the parent's verdict when its describe-execution output
 * is given too; the map run's own counts say how much a redrive would run again.
 * (SFN-MODEL DescribeMapRun, MapRunItemCounts, MapRunExecutionCounts; DG-QUOTAS: 1,000 Map Run
 * redrives; asl-facts §10, §13.)
 */
import { get, isObject, type Node } from "../parse/index.js";
import { SFN_MODEL } from "../aws/api-models.js";
import { MAP_RUN_REDRIVES_MAX } from "../aws/limits.js";
import { num, type RequestContext } from "./request.js";
import { iso, parseTime } from "./redrive-reasons.js";
import { redriveInput, redriveStatus } from "./rules.js";

/** What a redrive of the parent would do with the map run's child executions, or its items. */
export interface MapRunCounts {
  total: number;
  /** Failed, timed out or aborted. */
  unsuccessful: number;
  /** Of those, the ones a redrive runs again. */
  rerun: number;
  /** Of those, the ones that cannot be redriven (failuresNotRedrivable). */
  notRedrivable: number;
  /** Not started yet. */
  pending: number;
  /** Already waiting to be redriven (pendingRedrive). */
  pendingRedrive: number;
}

export interface MapRunPlan {
  /** The parent execution: the one to redrive. */
  executionArn?: string;
  status?: string;
  redriveCount: number;
  executions?: MapRunCounts;
  items?: MapRunCounts;
}

/** The parent's verdict, from its describe-execution output (when given). */
export interface ParentVerdict {
  executionArn?: string;
  status: string;
  reasons: string[];
  file?: string;
}

const MAP_RUN_STATUSES: readonly string[] = SFN_MODEL.shapes.MapRunStatus.enum ?? [];

/** describe-map-run output rather than describe-execution output. */
export function isMapRunOutput(root: Node): boolean {
  return get(root, "itemCounts") !== undefined || get(root, "executionCounts") !== undefined || (get(root, "mapRunArn") !== undefined && get(root, "stateMachineArn") === undefined && get(root, "executionArn") !== undefined);
}

function count(node: Node | undefined, name: string): number {
  const v = get(node, name)?.value;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
}

function countsOf(node: Node): MapRunCounts {
  const unsuccessful = count(node, "failed") + count(node, "timedOut") + count(node, "aborted");
  const notRedrivable = Math.min(count(node, "failuresNotRedrivable"), unsuccessful);
  return { total: count(node, "total"), unsuccessful, rerun: unsuccessful - notRedrivable, notRedrivable, pending: count(node, "pending"), pendingRedrive: count(node, "pendingRedrive") };
}

function describeCounts(c: MapRunCounts, what: "child executions" | "items"): string {
  const parts = [`a redrive of the parent runs ${num(c.rerun)} of them again`];
  if (c.notRedrivable) parts.push(`${num(c.notRedrivable)} cannot be redriven (failuresNotRedrivable)`);
  if (c.pending) parts.push(`${num(c.pending)} had not started (pending)`);
  if (c.pendingRedrive) parts.push(`${num(c.pendingRedrive)} already wait to be redriven (pendingRedrive)`);
  return `Of ${num(c.total)} ${what}, ${num(c.unsuccessful)} did not succeed (failed, timed out or aborted): ${parts.join("; ")}.`;
}

/** Judges a map run: the verdict (its parent's, when given), its reasons, and what a redrive would run again. */
export function checkMapRun(ctx: RequestContext, root: Node, parent: ParentVerdict | undefined): { status: string; reasons: string[]; plan?: MapRunPlan } {
  const missing = ["mapRunArn", "executionArn", "status"].filter((m) => !get(root, m));
  if (missing.length) {
    ctx.reportMissing(root, `This is not describe-map-run output: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. Save the output of "aws stepfunctions describe-map-run --map-run-arn <arn>".`, {
      rule: redriveInput,
    });
    return { status: "UNKNOWN", reasons: [] };
  }
  const statusNode = get(root, "status")!;
  const status = statusNode.value;
  if (typeof status !== "string" || !MAP_RUN_STATUSES.includes(status)) {
    ctx.report(statusNode, `Unknown Map Run status ${JSON.stringify(status)} (expected one of ${MAP_RUN_STATUSES.join(", ")}).`, { rule: redriveInput });
    return { status: "UNKNOWN", reasons: [] };
  }
  const arnNode = get(root, "executionArn")!;
  const executionArn = typeof arnNode.value === "string" ? arnNode.value : undefined;
  const redriveCountNode = get(root, "redriveCount");
  const redriveCount = count(root, "redriveCount");
  const plan: MapRunPlan = { executionArn, status, redriveCount };
  const executions = get(root, "executionCounts");
  const items = get(root, "itemCounts");
  if (isObject(executions)) plan.executions = countsOf(executions);
  if (isObject(items)) plan.items = countsOf(items);

  const reasons: string[] = [];
  const notRedrivable = (node: Node, reason: string, detail: string) => {
    reasons.push(reason);
    ctx.report(node, `${reason} ${detail}`, { rule: redriveStatus });
  };
  if (status === "RUNNING") notRedrivable(statusNode, "Map Run is RUNNING and cannot be redriven.", "It is redriven with its parent execution once that has stopped.");
  else if (status === "SUCCEEDED") notRedrivable(statusNode, "Map Run is SUCCEEDED and cannot be redriven.", "Every child execution succeeded: a redrive of the parent does not run this Map again.");
  if (redriveCount >= MAP_RUN_REDRIVES_MAX) {
    notRedrivable(redriveCountNode!, `Map Run has been redriven ${num(redriveCount)} times.`, `AWS allows at most ${num(MAP_RUN_REDRIVES_MAX)} redrives of a Map Run (a hard quota).`);
  } else if (redriveCount > 0) {
    const date = parseTime(get(root, "redriveDate")?.value);
    ctx.report(redriveCountNode!, `The Map Run was redriven ${redriveCount === 1 ? "once" : `${num(redriveCount)} times`}${Number.isNaN(date) ? "" : `, last on ${iso(date)}`}; AWS allows ${num(MAP_RUN_REDRIVES_MAX)}.`, {
      rule: redriveStatus,
      code: "REDRIVE_STATUS",
      severity: "INFO",
    });
  }
  if (status === "FAILED" || status === "ABORTED") {
    if (isObject(executions)) ctx.report(executions, describeCounts(plan.executions!, "child executions"), { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO", key: true });
    if (isObject(items)) ctx.report(items, describeCounts(plan.items!, "items"), { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO", key: true });
  }

  // the verdict is the parent's: RedriveExecution takes an execution, not a Map Run
  const through = `A Map Run is redriven only through its parent execution: RedriveExecution on ${executionArn ? JSON.stringify(executionArn) : "the executionArn"} redrives it.`;
  if (!parent) {
    if (reasons.length === 0) {
      ctx.report(arnNode, `${through} Give the parent's describe-execution output too (aslint redrive THIS_FILE PARENT_FILE) for its verdict.`, { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO" });
      return { status: "UNKNOWN", reasons, plan };
    }
    return { status: "NOT_REDRIVABLE", reasons, plan };
  }
  if (parent.executionArn !== undefined && executionArn !== undefined && parent.executionArn !== executionArn) {
    ctx.report(arnNode, `The describe-execution output given with this Map Run (${parent.file ?? "the parent"}) is of another execution (${parent.executionArn}), not of its parent.`, { rule: redriveInput });
    return { status: "UNKNOWN", reasons, plan };
  }
  if (reasons.length) return { status: "NOT_REDRIVABLE", reasons, plan };
  ctx.report(
    arnNode,
    `${through} The parent${parent.file ? ` (${parent.file})` : ""} is ${parent.status}${parent.reasons.length ? `: ${parent.reasons.join(" ")}` : ""}.`,
    parent.status === "REDRIVABLE" ? { rule: redriveStatus, code: "REDRIVE_STATUS", severity: "INFO" } : { rule: redriveStatus },
  );
  return { status: parent.status === "REDRIVABLE" ? "REDRIVABLE" : "NOT_REDRIVABLE", reasons: parent.status === "REDRIVABLE" ? [] : parent.reasons, plan };
}
