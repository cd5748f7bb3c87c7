/**
 * Redrivability from real-shaped `aws stepfunctions describe-execution` and
 * `get-execution-history` outputs (member names and enums from the SFN model), judged at a
 * fixed time.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkRedrive, parseTime, type RedriveCheck } from "../../src/requests/redrive.js";

const DIR = join(__dirname, "..", "..", "fixtures", "requests", "redrive");
const read = (f: string) => readFileSync(join(DIR, f), "utf8");
const at = (iso: string) => new Date(iso);
const lines = (c: RedriveCheck, which: "describe" | "history" = "describe") =>
  (c[which]?.diagnostics ?? []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);

describe("redrive: describe-execution", () => {
  it("a FAILED execution five days after it stopped is REDRIVABLE, until 14 days after stopDate", () => {
    const c = checkRedrive(read("failed.describe.json"), { filename: "failed.describe.json", now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("REDRIVABLE");
    expect(c.reasons).toEqual([]);
    expect(c.describe.result).toBe("OK");
    expect(lines(c)).toEqual([
      "2:21 INFO REDRIVE_STATUS Without --history (the output of get-execution-history), the history event count (a redrive needs fewer than 24,999) and the states a redrive re-runs are not checked.",
      "5:15 INFO REDRIVE_STATUS REDRIVABLE: the execution is FAILED, stopped 2024-05-01T10:15:09.874Z; it can be redriven until 2024-05-15T10:15:09.874Z. RedriveExecution continues from the unsuccessful states with the same input and definition.",
    ]);
  });

  it("the same execution 14 days and one second after it stopped is past the redrivable period", () => {
    const c = checkRedrive(read("failed.describe.json"), { now: at("2024-05-15T10:15:10.875Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["Execution redrivable period exceeded."]);
    expect(c.describe.result).toBe("FAIL");
    expect(c.describe.diagnostics.map((d) => [d.location, d.code, d.severity])).toEqual([["/stopDate", "ExecutionNotRedrivable", "ERROR"]]);
    // exactly at the 14-day mark it is still redrivable
    expect(checkRedrive(read("failed.describe.json"), { now: at("2024-05-15T10:15:09.874Z") }).status).toBe("REDRIVABLE");
  });

  it("SUCCEEDED, started before RedriveExecution existed, stopped long ago: every reason, each on its member", () => {
    const c = checkRedrive(read("succeeded-2023.describe.json"), { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual([
      "Execution is SUCCEEDED and cannot be redriven.",
      "Execution was started before the launch of RedriveExecution.",
      "Execution redrivable period exceeded.",
    ]);
    expect(lines(c)).toEqual([
      "5:15 ERROR ExecutionNotRedrivable Execution is SUCCEEDED and cannot be redriven. Only failed, aborted or timed-out executions can be redriven; start a new execution instead.",
      "6:18 ERROR ExecutionNotRedrivable Execution was started before the launch of RedriveExecution. It started 2023-10-30T08:00:00Z; RedriveExecution works for executions started from 2023-11-15 on.",
      "7:17 ERROR ExecutionNotRedrivable Execution redrivable period exceeded. It stopped 2023-10-30T08:00:05.120Z, 189 days before 2024-05-06T09:00:00Z; an execution can be redriven for 14 days after it stops.",
    ]);
  });

  it("RUNNING: not redrivable, and no period reason without a stopDate", () => {
    const c = checkRedrive(read("running.describe.json"), { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["Execution is RUNNING and cannot be redriven."]);
  });

  it("an Express child of a Distributed Map: redrivable through its Map Run only", () => {
    const c = checkRedrive(read("express-child.describe.json"), { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("REDRIVABLE_BY_MAP_RUN");
    expect(c.reasons).toEqual(["Execution is of an EXPRESS state machine and cannot be redriven."]);
    const d = c.describe.diagnostics.find((x) => x.code === "ExecutionNotRedrivable")!;
    expect(d.location).toBe("/executionArn");
    // the range is on "express" inside the ARN
    const text = read("express-child.describe.json");
    expect(text.slice(d.offset!, d.offset! + d.length!)).toBe("express");
    expect(d.message).toContain("redrive the parent execution");
  });

  it("open longer than a year (epoch-second dates, as boto3 prints them)", () => {
    const c = checkRedrive(read("timed-out-old.describe.json"), { now: at("2025-01-03T00:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["Execution has exceeded the max execution time."]);
    expect(c.describe.diagnostics[0].location).toBe("/startDate");
  });

  it("not describe-execution output: missing members are reported, status UNKNOWN", () => {
    const c = checkRedrive('{\n  "executionArn": "arn:aws:states:us-east-1:123456789012:execution:A:b"\n}\n', { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("UNKNOWN");
    expect(c.describe.diagnostics.map((d) => d.message)).toEqual([
      'This is not describe-execution output: status, startDate are missing. Save the output of "aws stepfunctions describe-execution --execution-arn <arn>".',
    ]);
    expect(c.describe.result).toBe("FAIL");
  });

  it("AWS's own reason for a state the offline check cannot see is kept", () => {
    const text = read("failed.describe.json").replace('"redriveStatus": "REDRIVABLE"', '"redriveStatus": "NOT_REDRIVABLE",\n    "redriveStatusReason": "State machine is in DELETING status"');
    const c = checkRedrive(text, { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["State machine is in DELETING status."]);
  });

  it("AWS's own reason stands when it can only have got worse: the history only grows", () => {
    const text = read("failed.describe.json").replace('"redriveStatus": "REDRIVABLE"', '"redriveStatus": "NOT_REDRIVABLE",\n    "redriveStatusReason": "Execution history event limit exceeded."');
    const c = checkRedrive(text, { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["Execution history event limit exceeded."]);
    expect(c.describe.result).toBe("FAIL");
  });

  it("a reason about a status the output no longer shows is only a note", () => {
    const text = read("failed.describe.json").replace('"redriveStatus": "REDRIVABLE"', '"redriveStatus": "NOT_REDRIVABLE",\n    "redriveStatusReason": "Execution is RUNNING and cannot be redriven."');
    const c = checkRedrive(text, { now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("REDRIVABLE");
    expect(c.describe.diagnostics.some((d) => d.severity === "INFO" && d.message.includes("the status in this output is FAILED"))).toBe(true);
  });
});

describe("redrive: with the history", () => {
  it("lists what a redrive re-runs: the failed Map and only its failed iteration, the failed Task", () => {
    const c = checkRedrive(read("failed.describe.json"), {
      history: { text: read("failed.history.json"), filename: "failed.history.json" },
      now: at("2024-05-06T09:00:00Z"),
    });
    expect(c.status).toBe("REDRIVABLE");
    expect(c.rerun).toEqual([
      { state: "Charge items", type: "Map", count: 1, iterations: [1] },
      { state: "Charge", type: "Task", count: 1, error: "PaymentDeclined" },
    ]);
    expect(lines(c, "history")).toEqual([
      '84:25 INFO REDRIVE_RERUN A redrive re-runs Map state "Charge items", which failed. Only its failed or aborted iterations run again: index 1 of 3; the 2 that succeeded are kept.',
      '265:25 INFO REDRIVE_RERUN A redrive re-runs Task state "Charge", which failed with PaymentDeclined.',
    ]);
    expect(c.describe.diagnostics.map((d) => d.message).join("\n")).toContain("its history holds 30 events");
  });

  it("after an earlier redrive, only the last attempt counts; events may come in reverse order", () => {
    const c = checkRedrive(read("aborted.describe.json"), { history: { text: read("aborted.history.json") }, now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("REDRIVABLE");
    expect(c.rerun).toEqual([
      { state: "Build reports", type: "Parallel", count: 1 },
      { state: "Stock report", type: "Task", count: 1 },
    ]);
    // in file order: this history was saved with --reverse-order
    expect(c.history!.diagnostics.map((d) => d.message)).toEqual([
      'A redrive re-runs Task state "Stock report", which was aborted.',
      'A redrive re-runs Parallel state "Build reports", which was aborted. Only the branches that failed or were aborted run again; the others keep their results.',
    ]);
  });

  it("24,999 events: the history is too long to redrive", () => {
    const events = Array.from({ length: 24_999 }, (_, i) => ({ timestamp: "2024-05-05T10:00:00+00:00", type: i === 0 ? "ExecutionStarted" : "PassStateEntered", id: i + 1, previousEventId: i, stateEnteredEventDetails: i === 0 ? undefined : { name: "Loop" } }));
    events.push({ timestamp: "2024-05-05T10:00:01+00:00", type: "ExecutionFailed", id: 25_000, previousEventId: 24_999, stateEnteredEventDetails: undefined });
    const c = checkRedrive(read("failed.describe.json"), { history: { text: JSON.stringify({ events }), filename: "big.json" }, now: at("2024-05-06T09:00:00Z") });
    expect(c.status).toBe("NOT_REDRIVABLE");
    expect(c.reasons).toEqual(["Execution history event limit exceeded."]);
    expect(c.history!.result).toBe("FAIL");
    expect(c.history!.diagnostics[0].message).toMatch(/^Execution history event limit exceeded\. The history holds 25,000 events; a redrive needs fewer than 24,999/);
    expect(c.describe.result).toBe("FAIL");
    // 24,998 events still fit
    const fewer = checkRedrive(read("failed.describe.json"), { history: { text: JSON.stringify({ events: events.slice(0, 24_998) }) }, now: at("2024-05-06T09:00:00Z") });
    expect(fewer.status).toBe("REDRIVABLE");
  });

  it("a paged history (nextToken) is flagged as incomplete", () => {
    const c = checkRedrive(read("failed.describe.json"), { history: { text: '{"events": [], "nextToken": "AAAA"}' }, now: at("2024-05-06T09:00:00Z") });
    expect(c.history!.diagnostics.map((d) => [d.severity, d.location])).toEqual([["WARNING", "/nextToken"]]);
  });
});

describe("parseTime", () => {
  it("reads ISO 8601 with a zone, dates, epoch seconds; refuses local times", () => {
    expect(parseTime("2024-05-01T10:15:02.331000+00:00")).toBe(Date.UTC(2024, 4, 1, 10, 15, 2, 331));
    expect(parseTime("2024-05-01")).toBe(Date.UTC(2024, 4, 1));
    expect(parseTime(1704067200.5)).toBe(1704067200500);
    expect(parseTime("2024-05-01 10:00:00")).toBeNaN();
    expect(parseTime("yesterday")).toBeNaN();
  });
});
