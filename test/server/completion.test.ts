import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, CompletionList } from "vscode-languageserver";
import { TestClient, applyEdits, fixture, withCursor, type Fixture } from "./harness.js";

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.dispose());

async function complete(f: Fixture): Promise<CompletionItem[]> {
  await client.open(f.uri, f.text);
  const list = await client.request<CompletionList | CompletionItem[] | null>("textDocument/completion", { textDocument: { uri: f.uri }, position: f.position });
  await client.close(f.uri);
  if (!list) return [];
  return Array.isArray(list) ? list : list.items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** The text after applying an item's edit (text edit plus additional edits). */
function applied(f: Fixture, item: CompletionItem): string {
  const te = item.textEdit as { range: never; newText: string };
  return applyEdits(f.text, [te, ...(item.additionalTextEdits ?? [])]);
}

describe("completion: state names", () => {
  it("offers the states of the same scope in Next (inside quotes)", async () => {
    const f = fixture("next.asl.json");
    const items = await complete(f);
    expect(labels(items)).toEqual(expect.arrayContaining(["Done", "Fan out"]));
    expect(labels(items)).not.toContain("Inner");
    const done = items.find((i) => i.label === "Done")!;
    expect(done.detail).toBe("Succeed state");
    expect(applied(f, done)).toContain('"Next": "Done"');
  });

  it("quotes the name when the value has no quotes yet", async () => {
    const f = fixture("next-bare.asl.json");
    const items = await complete(f);
    const item = items.find((i) => i.label === "Process order")!;
    expect(applied(f, item)).toContain('"Next": "Process order"');
  });

  it("offers only the branch's states in a Catch Next inside a branch", async () => {
    const f = fixture("catch-next.asl.json");
    const items = await complete(f);
    expect(labels(items).sort()).toEqual(["Call", "Recover", "Report"]);
    expect(applied(f, items.find((i) => i.label === "Recover")!)).toContain('"Next": "Recover"');
  });

  it("offers states in a Choice rule Next", async () => {
    const f = fixture("choice-next.asl.json");
    expect(labels(await complete(f))).toEqual(expect.arrayContaining(["Big", "Small"]));
  });

  it("offers states in a YAML StartAt", async () => {
    const f = fixture("startat.asl.yaml");
    const items = await complete(f);
    expect(labels(items)).toEqual(["First step", "Last step"]);
    expect(applied(f, items[0])).toContain("StartAt: First step\n");
  });
});

describe("completion: fields", () => {
  it("offers the fields of a JSONPath Task that are not there yet", async () => {
    const f = fixture("task-fields.asl.json");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["TimeoutSeconds", "HeartbeatSeconds", "Parameters", "ResultPath", "Retry", "Catch", "Comment"]));
    expect(l).not.toContain("Resource"); // already there
    expect(l).not.toContain("Next");
    expect(l).not.toContain("End"); // Next is there
    expect(l).not.toContain("Arguments"); // JSONata only
    const timeout = items.find((i) => i.label === "TimeoutSeconds")!;
    expect(timeout.insertTextFormat).toBe(2);
    expect((timeout.textEdit as { newText: string }).newText).toBe('"TimeoutSeconds": ${1:300},');
    expect(timeout.detail ?? "").toContain("1 to 99999999");
    // a comma is added before the next member
    expect(applied(f, timeout)).toMatch(/"TimeoutSeconds": \$\{1:300\},\s*"Next"/);
  });

  it("offers JSONata fields in a JSONata Task, replacing the typed key", async () => {
    const f = fixture("task-fields-jsonata.asl.json");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["Arguments", "Output", "Assign", "Next", "End"]));
    expect(l).not.toContain("Parameters");
    expect(l).not.toContain("ResultPath");
    const req = items.find((i) => i.label === "Required fields of Task");
    expect(req).toBeDefined();
    const next = items.find((i) => i.label === "Next")!;
    expect(next.sortText!.startsWith("0")).toBe(true); // required: Next or End
    expect(applied(f, next)).toContain('"Next": "$1"\n');
  });

  it("offers Wait fields in YAML", async () => {
    const f = fixture("wait-fields.asl.yaml");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Next", "End"]));
    expect(l).not.toContain("Type");
    const seconds = items.find((i) => i.label === "Seconds")!;
    expect(applied(f, seconds)).toContain("    Seconds: ${1:10}\n  Done:");
  });

  it("offers the keys of a new catcher in a YAML sequence item", async () => {
    const f = fixture("catch-item.asl.yaml");
    const l = labels(await complete(f));
    expect(l).toEqual(expect.arrayContaining(["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]));
  });

  it("offers new-state snippets inside States", async () => {
    const f = fixture("new-state.asl.json");
    const items = await complete(f);
    expect(labels(items)).toEqual(expect.arrayContaining(["Task state", "Choice state", "Map state"]));
    const task = items.find((i) => i.label === "Task state")!;
    const text = applied(f, task);
    expect(text).toContain('"${1:TaskState}": {\n      "Type": "Task",\n      "Resource": "${2:arn:aws:states:::lambda:invoke}",\n      "Next": "$3"\n    }');
    // the missing comma after the previous state is added
    expect(text).toContain('"End": true },\n');
  });

  it("plain text without snippet support", async () => {
    const plain = await TestClient.start({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });
    const f = fixture("task-fields.asl.json");
    await plain.open(f.uri, f.text);
    const list = await plain.request<CompletionList>("textDocument/completion", { textDocument: { uri: f.uri }, position: f.position });
    const timeout = list.items.find((i) => i.label === "TimeoutSeconds")!;
    expect((timeout.textEdit as { newText: string }).newText).toBe('"TimeoutSeconds": 300,');
    expect(timeout.insertTextFormat).toBe(1);
    plain.dispose();
  });
});

describe("completion: values", () => {
  it("offers the state types", async () => {
    const f = fixture("type.asl.json");
    expect(labels(await complete(f))).toEqual(["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]);
  });

  it("offers integration ARNs for Resource", async () => {
    const f = fixture("resource.asl.json");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:aws:states:::states:startExecution.sync:2"]));
    expect(l).not.toContain("arn:aws:states:::lambda:invoke.sync");
    const item = items.find((i) => i.label === "arn:aws:states:::states:startExecution.sync:2")!;
    expect(applied(f, item)).toContain('"Resource": "arn:aws:states:::states:startExecution.sync:2"');
  });

  it("offers error names in ErrorEquals, with the machine's own Fail errors first", async () => {
    const f = fixture("error-equals.asl.json");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["States.ALL", "States.TaskFailed", "States.Timeout", "Order.Rejected"]));
    expect(items.find((i) => i.label === "Order.Rejected")!.sortText! < items.find((i) => i.label === "States.ALL")!.sortText!).toBe(true);
  });

  it("offers intrinsic functions with their signature in .$ values", async () => {
    const f = fixture("intrinsic.asl.json");
    const items = await complete(f);
    const format = items.find((i) => i.label === "States.Format")!;
    expect(format.detail).toBe("States.Format(template, ...values)");
    expect(labels(items)).toEqual(expect.arrayContaining(["States.Array", "States.UUID", "States.JsonMerge"]));
    expect(applied(f, format)).toContain('"id.$": "States.Format(${1:template})"');
  });

  it("offers context-object fields after $$.", async () => {
    const f = fixture("context.asl.json");
    const items = await complete(f);
    expect(labels(items).sort()).toEqual(["Id", "Input", "Name", "RedriveCount", "RedriveTime", "RoleArn", "StartTime"]);
    expect(applied(f, items.find((i) => i.label === "Id")!)).toContain('"$$.Execution.Id"');
  });

  it("offers $states fields in JSONata, with result only where it exists", async () => {
    const f = fixture("jsonata-states.asl.json");
    expect(labels(await complete(f)).sort()).toEqual(["context", "input", "result"]);
    const c = fixture("jsonata-catch.asl.json");
    const items = await complete(c);
    expect(labels(items).sort()).toEqual(["context", "errorOutput", "input"]);
    expect(applied(c, items.find((i) => i.label === "errorOutput")!)).toContain('"{% $states.errorOutput %}"');
  });

  it("offers JSONata functions and workflow variables after $", async () => {
    const f = fixture("jsonata-functions.asl.json");
    const items = await complete(f);
    const l = labels(items);
    expect(l).toEqual(expect.arrayContaining(["$uppercase", "$states", "$orderId", "$partition", "$uuid"]));
    expect(l).not.toContain("$eval");
    const up = items.find((i) => i.label === "$uppercase")!;
    expect(applied(f, up)).toContain('"{% \\$uppercase(${1:str}) %}"');
  });

  it("offers nothing outside a definition", async () => {
    const f = withCursor('{ "name": "x", "version": "|" }', "package.json");
    expect(await complete(f)).toEqual([]);
  });
});

describe("completion while typing (broken text)", () => {
  it("completes a Next whose string is not closed yet", async () => {
    const f = withCursor('{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Fi|\n    },\n    "Finish": { "Type": "Succeed" }\n  }\n}\n', "unclosed.asl.json");
    const items = await complete(f);
    expect(labels(items)).toContain("Finish");
  });

  it("completes the fields of a state that has no Type yet", async () => {
    const f = withCursor('{ "StartAt": "A", "States": { "A": { | } } }', "notype.asl.json");
    const items = await complete(f);
    expect(labels(items)).toEqual(expect.arrayContaining(["Type", "Comment", "QueryLanguage"]));
    const type = items.find((i) => i.label === "Type")!;
    expect((type.textEdit as { newText: string }).newText).toBe('"Type": "${1|Task,Pass,Choice,Wait,Succeed,Fail,Parallel,Map|}"');
  });

  it("completes Type values and JSONata in YAML", async () => {
    const t = withCursor("StartAt: A\nStates:\n  A:\n    Type: Su|\n", "t.asl.yaml");
    const types = await complete(t);
    expect(labels(types)).toContain("Succeed");
    expect(applied(t, types.find((i) => i.label === "Succeed")!)).toBe("StartAt: A\nStates:\n  A:\n    Type: Succeed\n");
    const j = withCursor('QueryLanguage: JSONata\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Output: "{% $states.| %}"\n    End: true\n', "j.asl.yaml");
    expect(labels(await complete(j)).sort()).toEqual(["context", "input"]);
    const e = withCursor("StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    Retry:\n      - ErrorEquals:\n          - States.|\n    End: true\n", "e.asl.yaml");
    expect(labels(await complete(e))).toContain("States.TaskFailed");
  });

  it("completes Mode values of a Map's ProcessorConfig from the schema", async () => {
    const f = withCursor('{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "|" }, "StartAt": "X", "States": { "X": { "Type": "Succeed" } } }, "End": true } } }', "mode.asl.json");
    expect(labels(await complete(f))).toEqual(["INLINE", "DISTRIBUTED"]);
  });

  it("completes Retry fields inside a retrier", async () => {
    const f = withCursor('{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "x", "Retry": [{ "ErrorEquals": ["States.ALL"], | }], "End": true } } }', "retry.asl.json");
    const l = labels(await complete(f));
    expect(l).toEqual(expect.arrayContaining(["IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy"]));
    expect(l).not.toContain("ErrorEquals");
  });
});
