import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentSymbol, FoldingRange, Hover, Location, Range, ResponseError, SymbolInformation, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { TestClient, applyEdits, plainFixture, positionOf } from "./harness.js";

const nav = plainFixture("nav.asl.json");
const yaml = plainFixture("nav.asl.yaml");
let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
  await client.open(nav.uri, nav.text);
  await client.open(yaml.uri, yaml.text);
  await client.diagnosticsFor(nav.uri, 1);
});
afterAll(() => client.dispose());

const at = (needle: string, delta = 1, nth = 0) => positionOf(nav.text, needle, delta, nth);
const keyRange = (name: string): Range => {
  const start = positionOf(nav.text, `"${name}": {`);
  return { start, end: { line: start.line, character: start.character + name.length + 2 } };
};
const tokenRange = (needle: string, nth = 0): Range => {
  const start = positionOf(nav.text, needle, 0, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
};
const req = <T>(method: string, position: unknown, extra: object = {}, uri = nav.uri) => client.request<T>(method, { textDocument: { uri }, position, ...extra });

describe("go to definition", () => {
  it("jumps from Next, Default, StartAt, Catch Next and Choice Next to the state key", async () => {
    const cases: [string, number, string][] = [
      ['"Next": "Route"', 10, "Route"],
      ['"Default": "Report"', 13, "Report"],
      ['"StartAt": "Validate"', 13, "Validate"],
      ['"Next": "Report" }', 10, "Report"],
      ['"Next": "Fan out"', 11, "Fan out"],
      ['"Next": "Notify"', 10, "Notify"],
    ];
    for (const [needle, delta, target] of cases) {
      const locs = await req<Location[]>("textDocument/definition", at(needle, delta));
      expect(locs, needle).toEqual([{ uri: nav.uri, range: keyRange(target) }]);
    }
  });

  it("ignores payload keys named Next", async () => {
    expect(await req("textDocument/definition", at('{ "Next": "Validate"', 13))).toBeNull();
  });
});

describe("references", () => {
  it("lists every transition to a state, from its key or from a reference", async () => {
    const fromKey = await req<Location[]>("textDocument/references", at('"Report": {', 2), { context: { includeDeclaration: true } });
    expect(fromKey.map((l) => l.range)).toEqual([keyRange("Report"), tokenRange('"Report"', 0), tokenRange('"Report"', 1)]);
    const fromRef = await req<Location[]>("textDocument/references", at('"Default": "Report"', 13), { context: { includeDeclaration: false } });
    expect(fromRef.map((l) => l.range)).toEqual([tokenRange('"Report"', 0), tokenRange('"Report"', 1)]);
  });
});

describe("rename", () => {
  it("prepares on a state key or reference, with the name inside the quotes", async () => {
    const r = await req<{ range: Range; placeholder: string }>("textDocument/prepareRename", at('"Route": {', 3));
    const k = keyRange("Route");
    expect(r).toEqual({ range: { start: { line: k.start.line, character: k.start.character + 1 }, end: { line: k.end.line, character: k.end.character - 1 } }, placeholder: "Route" });
    expect(await req("textDocument/prepareRename", at('"Comment"', 3))).toBeNull();
  });

  it("renames the key and every reference in its scope as one edit", async () => {
    const edit = await req<WorkspaceEdit>("textDocument/rename", at('"Next": "Report" }', 12), { newName: "Report failure" });
    const change = edit.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    expect(change.textDocument).toEqual({ uri: nav.uri, version: 1 });
    expect(change.edits).toHaveLength(3);
    const renamed = JSON.parse(applyEdits(nav.text, change.edits));
    expect(Object.keys(renamed.States)).toContain("Report failure");
    expect(renamed.States.Validate.Catch[0].Next).toBe("Report failure");
    expect(renamed.States.Route.Default).toBe("Report failure");
    expect(renamed.States.Validate.Parameters.Next).toBe("Validate"); // payload untouched
  });

  it("refuses empty, too long and taken names with a clear message", async () => {
    const pos = at('"Route": {', 3);
    const fail = async (newName: string) => {
      try {
        await req("textDocument/rename", pos, { newName });
      } catch (e) {
        return (e as ResponseError).message;
      }
      throw new Error(`rename to ${JSON.stringify(newName)} was accepted`);
    };
    expect(await fail("")).toBe('Cannot rename "Route": A state name cannot be empty.');
    expect(await fail("x".repeat(81))).toMatch(/at most 80 characters/);
    expect(await fail("Notify")).toBe('Cannot rename "Route": A state named "Notify" already exists in branch 0 of "Fan out"; state names must be unique across the whole state machine.');
    expect(await fail("Validate")).toMatch(/already exists in the top level/);
  });

  it("keeps YAML quoting styles", async () => {
    const edit = await req<WorkspaceEdit>("textDocument/rename", positionOf(yaml.text, "Route:", 2), { newName: "Go on" }, yaml.uri);
    const change = edit.documentChanges![0] as { edits: TextEdit[] };
    expect(applyEdits(yaml.text, change.edits)).toBe(yaml.text.replace("  Route:", "  Go on:").replace('Next: "Route"', 'Next: "Go on"').replace("Default: 'Route'", "Default: 'Go on'"));
  });

  it("uses plain changes for clients without versioned edits", async () => {
    const plain = await TestClient.start({ capabilities: {} });
    await plain.open(nav.uri, nav.text);
    const edit = await plain.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri: nav.uri }, position: at('"Route": {', 3), newName: "Decide" });
    expect(edit.changes![nav.uri]).toHaveLength(2);
    plain.dispose();
  });
});

describe("hover", () => {
  it("shows a state's type, scope and where it is reached from", async () => {
    const h = await req<Hover>("textDocument/hover", at('"Report": {', 2));
    const value = (h.contents as { value: string }).value;
    expect(value).toContain("**Report**: Fail state in the top level");
    expect(value).toContain("Reached from: `Validate` (Catch), `Route` (Default)");
    expect(h.range).toEqual(keyRange("Report"));
    const ref = await req<Hover>("textDocument/hover", at('"Next": "Notify"', 11));
    expect((ref.contents as { value: string }).value).toContain('**Notify**: Succeed state in branch 0 of "Fan out"');
  });

  it("explains a field and its limits", async () => {
    const h = await req<Hover>("textDocument/hover", at('"TimeoutSeconds"', 3));
    const value = (h.contents as { value: string }).value;
    expect(value).toContain("**TimeoutSeconds**");
    expect(value).toContain("States.Timeout");
    expect(value).toContain("Value: an integer from 1 to 99999999.");
  });

  it("explains state types and error names", async () => {
    const h = await req<Hover>("textDocument/hover", at('"Type": "Parallel"', 12));
    expect((h.contents as { value: string }).value).toMatch(/^\*\*Parallel\*\*/);
    const e = await req<Hover>("textDocument/hover", at('"States.ALL"', 3));
    expect((e.contents as { value: string }).value).toContain("Must be alone in its ErrorEquals");
  });

  it("explains intrinsic functions, context paths and JSONata functions in values", async () => {
    const uri = "file:///hover/expr.asl.json";
    const text = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "id.$": "States.UUID()", "t.$": "$$.Execution.StartTime" }, "Next": "B" }, "B": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $uppercase($states.input.name) %}", "End": true } } }';
    await client.open(uri, text);
    const value = async (needle: string, delta: number) => ((await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: positionOf(text, needle, delta) })).contents as { value: string }).value;
    expect(await value("States.UUID", 9)).toContain("`States.UUID()`");
    expect(await value("$$.Execution.StartTime", 15)).toContain("`$$.Execution.StartTime`: string");
    expect(await value("$uppercase", 3)).toContain("`$uppercase(str)`");
    await client.close(uri);
  });

  it("explains the rule of a finding under the cursor", async () => {
    const uri = "file:///hover/broken.asl.json";
    const text = plainFixture("broken.asl.json").text;
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const h = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: positionOf(text, '"Result"', 2) });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain("**Result**");
    expect(value).toContain("**unknown-field**");
    const t = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: positionOf(text, '"Procss"', 2) });
    const tv = (t.contents as { value: string }).value;
    expect(tv).toContain("No state named `Procss` in the top level.");
    expect(tv).toContain("**missing-transition-target**: StartAt, Next, Default");
    expect(tv).toContain("A transition must name a state of the same States block");
    await client.close(uri);
  });
});

describe("outline", () => {
  it("nests branch and item-processor states under their state", async () => {
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: nav.uri } });
    const brief = (s: DocumentSymbol): unknown => (s.children?.length ? { [s.name]: s.children.map(brief) } : s.name);
    expect(symbols.map(brief)).toEqual([
      "Validate",
      "Route",
      { "Fan out": [{ "Branch 0": ["Ship", "Notify"] }, { "Branch 1": ["Bill"] }] },
      { "Each item": [{ ItemProcessor: ["Pack"] }] },
      "Report",
    ]);
    const validate = symbols[0];
    expect(validate.detail).toBe("Task");
    expect(validate.selectionRange).toEqual(keyRange("Validate"));
    expect(validate.range.start).toEqual(keyRange("Validate").start);
    expect(validate.range.end).toEqual(positionOf(nav.text, '"Route"\n    },', 13));
  });

  it("is flat with container names for clients without hierarchy", async () => {
    const plain = await TestClient.start({ capabilities: {} });
    await plain.open(nav.uri, nav.text);
    const symbols = await plain.request<SymbolInformation[]>("textDocument/documentSymbol", { textDocument: { uri: nav.uri } });
    expect(symbols.find((s) => s.name === "Ship")!.containerName).toBe("Fan out / Branch 0");
    plain.dispose();
  });

  it("folds objects and arrays that span lines", async () => {
    const ranges = await client.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: nav.uri } });
    const lines = nav.text.split("\n");
    const total = lines.length - 1;
    expect(ranges[0]).toEqual({ startLine: 0, endLine: total - 2 });
    const validate = positionOf(nav.text, '"Validate": {').line;
    expect(ranges).toContainEqual({ startLine: validate, endLine: validate + 6 });
    const y = await client.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: yaml.uri } });
    expect(y).toContainEqual({ startLine: 2, endLine: 4 });
  });
});
