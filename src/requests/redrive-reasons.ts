/**
 * Why RedriveExecution would refuse an execution, from what describe-execution and
 * list-executions both show (status, start and stop dates, the kind of ARN), in the words of
 * AWS's `redriveStatusReason` (SFN-MODEL DescribeExecution; API-REDRIVE; asl-facts §10, §13).
 * Times: ISO 8601 with a zone as AWS CLI v2 prints them, or epoch seconds. Pure: `now` is given.
 */
export const DAY = 86_400_000;
/** RedriveExecution's redrivable period: 14 days after the execution stops. */
export const REDRIVABLE_DAYS = 14;
/** Maximum open time of a Standard execution: one year. */
export const MAX_OPEN_DAYS = 365;
/** RedriveExecution launch date (AWS What's New, 2023-11-15). */
export const REDRIVE_LAUNCH = Date.UTC(2023, 10, 15);

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** Parses an ISO 8601 time with a zone (or a date), or epoch seconds. NaN when neither, or out of range. */
export function parseTime(value: unknown): number {
  const ms = typeof value === "number" ? value * 1000 : typeof value === "string" && ISO.test(value) ? Date.parse(value) : NaN;
  // a Date holds ±8.64e15 ms: beyond that there is no time to print or compare
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : NaN;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

export function days(ms: number): string {
  const d = ms / DAY;
  return d >= 2 ? `${Math.floor(d)} days` : d >= 1 ? "1 day" : `${Math.max(0, Math.round(ms / 3_600_000))} hours`;
}

/** What the reasons rest on: one execution as describe-execution or a list-executions item shows it. */
export interface ExecutionFacts {
  status: string;
  /** Epoch milliseconds; NaN when unknown. */
  start: number;
  stop: number;
  express: boolean;
  /** A child execution of a Distributed Map (it has a mapRunArn). */
  mapRunChild: boolean;
}

export interface Reason {
  /** AWS's redriveStatusReason. */
  reason: string;
  /** What it means here and what to do, in aslint's words. */
  detail: string;
  /** The member it rests on. */
  member: "status" | "startDate" | "stopDate" | "executionArn";
}

/** Every reason RedriveExecution would refuse the execution, in order. */
export function reasonsOf(e: ExecutionFacts, now: number): Reason[] {
  const out: Reason[] = [];
  const { status, start, stop } = e;
  if (status === "RUNNING") out.push({ reason: "Execution is RUNNING and cannot be redriven.", detail: "Wait for it to stop (or stop it) first.", member: "status" });
  else if (status === "SUCCEEDED")
    out.push({ reason: "Execution is SUCCEEDED and cannot be redriven.", detail: "Only failed, aborted or timed-out executions can be redriven; start a new execution instead.", member: "status" });
  else if (status === "PENDING_REDRIVE") out.push({ reason: "Execution is PENDING_REDRIVE and cannot be redriven.", detail: "A redrive has been requested and is starting.", member: "status" });
  if (e.express) {
    out.push({
      reason: "Execution is of an EXPRESS state machine and cannot be redriven.",
      detail: e.mapRunChild
        ? "RedriveExecution does not support EXPRESS executions; this one is a child of a Distributed Map: redrive the parent execution to rerun its failed children through the Map Run."
        : "RedriveExecution does not support EXPRESS executions; start a new execution instead.",
      member: "executionArn",
    });
  }
  if (start < REDRIVE_LAUNCH) {
    out.push({
      reason: "Execution was started before the launch of RedriveExecution.",
      detail: `It started ${iso(start)}; RedriveExecution works for executions started from ${iso(REDRIVE_LAUNCH).slice(0, 10)} on.`,
      member: "startDate",
    });
  }
  if (now - start > MAX_OPEN_DAYS * DAY) {
    out.push({
      reason: "Execution has exceeded the max execution time.",
      detail: `It started ${iso(start)}, more than one year before ${iso(now)}; an execution cannot be open for longer than a year, redrives included.`,
      member: "startDate",
    });
  }
  if (!Number.isNaN(stop) && status !== "RUNNING" && now - stop > REDRIVABLE_DAYS * DAY) {
    out.push({
      reason: "Execution redrivable period exceeded.",
      detail: `It stopped ${iso(stop)}, ${days(now - stop)} before ${iso(now)}; an execution can be redriven for ${REDRIVABLE_DAYS} days after it stops.`,
      member: "stopDate",
    });
  }
  return out;
}

/** Until when a redrivable execution can be redriven: 14 days after it stopped, and within a year of its start. */
export function redrivableUntil(e: ExecutionFacts): number {
  return Math.min(Number.isNaN(e.stop) ? Infinity : e.stop + REDRIVABLE_DAYS * DAY, e.start + MAX_OPEN_DAYS * DAY);
}

/**
 * Whether a NOT_REDRIVABLE reason AWS itself reported still stands: any reason it gave stands
 * (the history only grows, time only passes, the start date and a deletion do not come back),
 * except one about a status the output no longer shows. Returns why it stands, or undefined.
 */
export function awsReasonStands(said: string, status: string): string | undefined {
  const about = /^Execution is ([A-Z_]+) and cannot be redriven/.exec(said);
  if (about) return about[1] === status ? "(reported by AWS in this output)" : undefined;
  if (/history event limit/i.test(said)) return "(reported by AWS in this output; a history only grows, so it stands: aslint cannot count the events without --history)";
  if (/redrivable period|max execution time/i.test(said)) return "(reported by AWS in this output; time only adds to it, so it stands)";
  if (/before the launch/i.test(said)) return "(reported by AWS in this output; a start date does not change)";
  return "(reported by AWS in this output; aslint cannot check it offline, so it stands)";
}
