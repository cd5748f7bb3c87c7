/** StartExecution details the fixtures do not show well: sizes, escapes, the library entry point. */
import { describe, expect, it } from "vitest";
import { checkRequest } from "../../src/index.js";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";

describe("StartExecution input", () => {
  it("at most 262,144 UTF-8 bytes: the range starts at the first character past the limit", () => {
    const filler = "é".repeat(131_072); // 2 bytes each: 262,144 bytes of filler alone
    const input = JSON.stringify({ a: filler });
    const text = JSON.stringify({ stateMachineArn: SM, input });
    const { result, diagnostics } = checkRequest("StartExecution", text);
    expect(result).toBe("FAIL");
    const d = diagnostics.find((x) => x.rule === "execution-input")!;
    expect(d.code).toBe("ValidationException");
    expect(d.message).toBe("input is 262,152 bytes in UTF-8; StartExecution takes at most 262,144 bytes (256 KiB). Pass a reference (an S3 key) instead of the data.");
    // 6 bytes of {"a":" then 131,069 two-byte characters fit
    const value = text.indexOf('"input":"') + '"input":"'.length;
    expect(d.offset).toBe(value + '{\\"a\\":\\"'.length + 131_069);
    const fits = JSON.stringify({ stateMachineArn: SM, input: JSON.stringify({ a: "é".repeat(131_060) }) });
    expect(checkRequest("StartExecution", fits).result).toBe("OK");
  });

  it("points into the input through JSON escapes", () => {
    const text = `{"stateMachineArn": "${SM}", "input": "{\\"n\\u00e4me\\": \\"x\\", }"}`;
    const [d] = checkRequest("StartExecution", text).diagnostics.filter((x) => x.rule === "execution-input");
    expect(d.message).toBe("input is not valid JSON: a trailing comma (JSON does not allow it). The call fails with InvalidExecutionInput.");
    expect(text.slice(d.offset!, d.offset! + d.length!)).toBe(",");
  });

  it("any JSON text is an input; duplicate keys warn", () => {
    expect(checkRequest("StartExecution", JSON.stringify({ stateMachineArn: SM, input: "42" })).result).toBe("OK");
    const dup = checkRequest("StartExecution", JSON.stringify({ stateMachineArn: SM, input: '{"a": 1, "a": 2}' }));
    expect(dup.result).toBe("OK");
    expect(dup.diagnostics.filter((d) => d.severity === "WARNING").map((d) => d.message)).toEqual([
      'Duplicate key "a" in input: only the last value reaches the execution. Remove the other.',
    ]);
  });

  it("the object-input fix turns it into a JSON string", () => {
    const text = `{"stateMachineArn": "${SM}", "input": {"a": [1, 2]}}`;
    const d = checkRequest("StartExecution", text).diagnostics.find((x) => x.rule === "execution-input")!;
    const e = d.fixes![0].edits[0];
    const fixed = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
    expect(JSON.parse(fixed).input).toBe('{"a":[1,2]}');
    expect(checkRequest("StartExecution", fixed).result).toBe("OK");
  });

  it("an execution ARN gets a fix to the state machine ARN", () => {
    const text = `{"stateMachineArn": "arn:aws:states:us-east-1:123456789012:execution:Orders:order-42"}`;
    const d = checkRequest("StartExecution", text).diagnostics.find((x) => x.code === "InvalidArn")!;
    expect(d.fixes![0].edits[0].newText).toBe(JSON.stringify(SM));
  });

  it("a name of 80 characters is fine, 81 is not; a lone surrogate is refused", () => {
    expect(checkRequest("StartExecution", JSON.stringify({ stateMachineArn: SM, name: "n".repeat(80) })).result).toBe("OK");
    expect(checkRequest("StartExecution", JSON.stringify({ stateMachineArn: SM, name: "n".repeat(81) })).result).toBe("FAIL");
    const lone = checkRequest("StartExecution", `{"stateMachineArn": "${SM}", "name": "a\\ud800b"}`);
    expect(lone.diagnostics.map((d) => d.code)).toContain("InvalidName");
  });

  it("an ARN longer than 256 characters", () => {
    const long = `${SM}${"x".repeat(200)}`;
    const { diagnostics } = checkRequest("StartExecution", JSON.stringify({ stateMachineArn: long }));
    expect(diagnostics.map((d) => [d.code, d.message])).toContainEqual(["ValidationException", "stateMachineArn is 257 characters long; at most 256 are allowed (member must have length less than or equal to 256)."]);
  });
});
