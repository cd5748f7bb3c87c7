import { describe, expect, it } from "vitest";
import { parseArn, classifyStateMachineArn, classifyTaskResource, checkResourceName, NAME_MAX, stateMachineNameOf } from "../../src/expr/arn.js";

/** The text an issue points at. */
const at = (s: string, i: { start: number; end: number }) => s.slice(i.start, i.end);

describe("parseArn", () => {
  it("splits the six fields with offsets", () => {
    const s = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders:PROD";
    const a = parseArn(s);
    expect(a.errors).toEqual([]);
    expect([a.partition!.value, a.service!.value, a.region!.value, a.account!.value, a.resource!.value, a.resourceType!.value]).toEqual([
      "aws",
      "states",
      "us-east-1",
      "123456789012",
      "stateMachine:Orders:PROD",
      "stateMachine",
    ]);
    expect(at(s, a.region!)).toBe("us-east-1");
    expect(a.resourceParts.map((p) => p.value)).toEqual(["stateMachine", "Orders", "PROD"]);
  });

  it("reports unknown partitions, Regions of another partition, bad account ids, at their offsets", () => {
    const s = "arn:aws-foo:states:us-east-1:123:stateMachine:X";
    const a = parseArn(s);
    expect(a.errors.map((e) => [at(s, e), e.message])).toEqual([
      ["aws-foo", 'Unknown partition "aws-foo": expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.'],
      ["123", 'The account id must be 12 digits; "123" is not.'],
    ]);
    const b = "arn:aws-us-gov:states:eu-west-1:123456789012:stateMachine:X";
    expect(parseArn(b).errors.map((e) => [at(b, e), e.message])).toEqual([["eu-west-1", 'Region "eu-west-1" belongs to partition "aws", not "aws-us-gov".']]);
    const c = "arn:aws:states:mars-north-1:123456789012:stateMachine:X";
    expect(parseArn(c).errors.map((e) => at(c, e))).toEqual(["mars-north-1"]);
  });

  it("accepts every partition's Region pattern", () => {
    for (const [p, r] of [["aws-cn", "cn-northwest-1"], ["aws-us-gov", "us-gov-west-1"], ["aws-iso", "us-iso-east-1"], ["aws-iso-b", "us-isob-east-1"], ["aws-iso-e", "eu-isoe-west-1"], ["aws-iso-f", "us-isof-south-1"], ["aws-eusc", "eusc-de-east-1"], ["aws", "il-central-1"]]) {
      expect(parseArn(`arn:${p}:states:${r}:123456789012:stateMachine:X`).errors, `${p} ${r}`).toEqual([]);
    }
  });

  it("keeps placeholders whole, colons included, and does not judge them", () => {
    const s = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${Name}";
    const a = parseArn(s);
    expect(a.errors).toEqual([]);
    expect(a.fields.map((f) => f.value)).toEqual(["arn", "${AWS::Partition}", "states", "${AWS::Region}", "${AWS::AccountId}", "stateMachine", "${Name}"]);
    expect(parseArn("${ChildArn}").placeholder).toBe(true);
  });

  it("says what is missing in a short or foreign string", () => {
    expect(parseArn("arn:aws:states").errors[0].message).toBe("The ARN has 3 of the 6 colon-separated fields arn:partition:service:region:account-id:resource.");
    expect(parseArn("states:us-east-1").errors[0].message).toBe('An ARN starts with "arn:"; this one starts with "states".');
    expect(parseArn(" arn:aws:states:us-east-1:123456789012:stateMachine:X").errors[0].message).toBe("The ARN starts with white space; remove it.");
    expect(parseArn("").errors[0].message).toBe("The ARN is empty.");
  });
});

describe("classifyStateMachineArn", () => {
  const base = "arn:aws:states:us-east-1:123456789012:";
  it.each([
    ["stateMachine:Orders", "state-machine"],
    ["stateMachine:Orders:7", "version"],
    ["stateMachine:Orders:PROD", "alias"],
    ["stateMachine:Orders:v1.2-beta_x", "alias"],
    ["stateMachine:Orders/ProcessItems", "labelled"],
    ["execution:Orders:order-42", "execution"],
    ["execution:Orders/ProcessItems:0a7c3e5d", "labelled-execution"],
    ["express:Orders:order-42:0a7c3e5d", "express-execution"],
    ["activity:Review", "activity"],
    ["mapRun:Orders/ProcessItems:0a7c3e5d", "map-run"],
    ["stateMachines:Orders", "other"],
  ])("%s is %s", (resource, kind) => {
    const c = classifyStateMachineArn(base + resource);
    expect(c.kind).toBe(kind);
    expect(c.errors).toEqual([]);
  });

  it("gives the names, qualifier and label with offsets", () => {
    const s = base + "stateMachine:Orders:PROD";
    const c = classifyStateMachineArn(s);
    expect(stateMachineNameOf(c)).toBe("Orders");
    expect(at(s, c.qualifier!)).toBe("PROD");
    const l = base + "stateMachine:Orders/Items";
    expect(at(l, classifyStateMachineArn(l).label!)).toBe("Items");
  });

  it("checks version numbers, alias names and labels", () => {
    const v0 = base + "stateMachine:Orders:0";
    expect(classifyStateMachineArn(v0).errors.map((e) => e.message)).toEqual(["Version numbers start at 1; no version 0 exists."]);
    const bad = base + "stateMachine:Orders:PR@D";
    expect(classifyStateMachineArn(bad).errors.map((e) => at(bad, e))).toEqual(["@"]);
    const long = base + "stateMachine:Orders/" + "L".repeat(41);
    expect(classifyStateMachineArn(long).errors[0].message).toBe("The Distributed Map label is 41 characters long; at most 40 are allowed.");
    const extra = base + "stateMachine:Orders:1:2";
    expect(classifyStateMachineArn(extra).errors[0].message).toMatch(/at most one qualifier/);
  });

  it("checks the state machine name inside the ARN", () => {
    const s = base + "stateMachine:My Orders";
    const c = classifyStateMachineArn(s);
    expect(c.errors.map((e) => [at(s, e), e.severity])).toEqual([[" ", "error"]]);
  });

  it("optimized integration resources and other services", () => {
    expect(classifyStateMachineArn("arn:aws:states:::states:startExecution").kind).toBe("integration");
    expect(classifyStateMachineArn("arn:aws:lambda:us-east-1:123456789012:function:f").kind).toBe("not-states");
    expect(classifyStateMachineArn("${Arn}").kind).toBe("placeholder");
  });
});

describe("classifyTaskResource", () => {
  it("integration patterns with offsets of service, action and suffix", () => {
    const s = "arn:aws:states:::states:startExecution.sync:2";
    const t = classifyTaskResource(s);
    expect([t.kind, t.service!.value, t.action!.value, t.pattern, at(s, t.suffix!)]).toEqual(["integration", "states", "startExecution", "sync:2", ".sync:2"]);
    expect(classifyTaskResource("arn:aws:states:::lambda:invoke").pattern).toBe("request-response");
    expect(classifyTaskResource("arn:aws:states:::sqs:sendMessage.waitForTaskToken").pattern).toBe("waitForTaskToken");
    expect(classifyTaskResource("arn:aws:states:::batch:submitJob.sync").pattern).toBe("sync");
  });

  it("AWS SDK integrations", () => {
    const t = classifyTaskResource("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken");
    expect([t.kind, t.sdkService!.value, t.action!.value, t.pattern]).toEqual(["sdk", "s3", "getObject", "waitForTaskToken"]);
    expect(classifyTaskResource("arn:aws:states:::aws-sdk:s3").errors[0].message).toMatch(/action is missing/);
  });

  it("unknown suffixes and stray text are errors at their offsets", () => {
    const s = "arn:aws:states:::lambda:invoke.sync:3";
    expect(classifyTaskResource(s).errors.map((e) => at(s, e))).toEqual([":3"]);
    const w = "arn:aws:states:::lambda:invoke.waitForToken";
    expect(classifyTaskResource(w).errors.map((e) => at(w, e))).toEqual([".waitForToken"]);
  });

  it("Lambda function ARNs with version, alias or $LATEST", () => {
    const f = "arn:aws:lambda:us-east-1:123456789012:function:resize";
    expect(classifyTaskResource(f)).toMatchObject({ kind: "lambda", errors: [] });
    expect(classifyTaskResource(f + ":12").qualifierKind).toBe("version");
    expect(classifyTaskResource(f + ":live").qualifierKind).toBe("alias");
    expect(classifyTaskResource(f + ":$LATEST").qualifierKind).toBe("latest");
    expect(classifyTaskResource("arn:aws:lambda:us-east-1:123456789012:function:re.size").errors[0].message).toMatch(/Lambda function names hold only/);
    expect(classifyTaskResource("arn:aws:lambda:us-east-1:123456789012:layer:x").errors[0].message).toMatch(/function:<name>/);
  });

  it("activities, placeholders and the rest", () => {
    expect(classifyTaskResource("arn:aws:states:us-east-1:123456789012:activity:review")).toMatchObject({ kind: "activity", errors: [] });
    expect(classifyTaskResource("arn:aws:states:us-east-1:123456789012:stateMachine:X").kind).toBe("states-other");
    expect(classifyTaskResource("${LambdaArn}").kind).toBe("placeholder");
    expect(classifyTaskResource("arn:aws:states:::${Service}:${Action}")).toMatchObject({ kind: "integration", errors: [] });
    expect(classifyTaskResource("arn:aws:sns:us-east-1:123456789012:topic").kind).toBe("other");
  });
});

describe("checkResourceName", () => {
  it("accepts 1 to 80 characters without forbidden ones", () => {
    expect(checkResourceName("order-42_A")).toEqual([]);
    expect(checkResourceName("x".repeat(NAME_MAX))).toEqual([]);
    expect(checkResourceName("😀".repeat(80)).filter((i) => i.kind === "length")).toEqual([]); // code points, not UTF-16 units
  });

  it.each([" ", "\t", "<", ">", "{", "}", "[", "]", "?", "*", '"', "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/", "\u0000", "\u001f", "\u007f", "\u009f", "\ufffe", "\uffff", "\ud800", "\u{10ffff}"])(
    "refuses %j",
    (ch) => {
      const issues = checkResourceName(`a${ch}b`);
      expect(issues.map((i) => [i.kind, i.start, i.end])).toEqual([["character", 1, 1 + ch.length]]);
    },
  );

  it("counts the other forbidden characters and points at the first", () => {
    const [i] = checkResourceName("a b:c/d");
    expect(i.message).toMatch(/^The name contains a space \(and 2 more forbidden characters\)/);
    expect([i.start, i.end]).toEqual([1, 2]);
  });

  it("empty and too long", () => {
    expect(checkResourceName("")[0].kind).toBe("empty");
    const long = checkResourceName("x".repeat(81));
    expect(long.map((i) => [i.kind, i.start, i.end])).toEqual([["length", 80, 81]]);
  });

  it("warns about names CloudWatch Logs cannot take", () => {
    expect(checkResourceName("order.42").map((i) => [i.kind, i.severity, i.start])).toEqual([["logging", "warning", 5]]);
    expect(checkResourceName("café").map((i) => i.kind)).toEqual(["logging"]);
  });

  it("skips placeholders", () => {
    expect(checkResourceName("${Stage}-orders")).toEqual([]);
  });
});
