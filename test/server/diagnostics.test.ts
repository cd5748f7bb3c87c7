import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from "vscode-languageserver";
import { lint } from "../../src/lint.js";
import { TestClient, applyEdits, plainFixture, positionOf } from "./harness.js";

const broken = plainFixture("broken.asl.json");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("diagnostics", () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await TestClient.start({ initializationOptions: { debounce: 50 } });
  });
  afterAll(() => client.dispose());

  it("publishes the CLI's findings on open: same rules, messages and ranges", async () => {
    await client.open(broken.uri, broken.text);
    const p = await client.diagnosticsFor(broken.uri, 1);
    const cli = lint(broken.text, { filename: "broken.asl.json" }).diagnostics;
    expect(cli.length).toBeGreaterThan(0);
    expect(p.diagnostics.map((d) => [d.code, d.message, d.range])).toEqual(cli.map((d) => [d.rule, d.message, d.range]));
    for (const d of p.diagnostics) expect(d.source).toBe("aslint");
    const target = p.diagnostics.find((d) => d.code === "missing-transition-target")!;
    expect(target.severity).toBe(1);
    expect(target.range).toEqual({ start: positionOf(broken.text, '"Procss"'), end: positionOf(broken.text, '"Procss"', 8) });
    expect(target.data).toEqual({ awsCode: "MISSING_TRANSITION_TARGET", location: "/States/Validate/Next" });
  });

  it("re-lints on incremental changes, debounced, and only the last version is published", async () => {
    // a debounce that a loaded machine cannot outlast between the open and the burst (after a
    // longer pause the first change is linted at once, and v2 would be published by design)
    const c = await TestClient.start({ initializationOptions: { debounce: 1_000 } });
    try {
      await c.open(broken.uri, broken.text);
      await c.diagnosticsFor(broken.uri, 1);
      const at = positionOf(broken.text, "Procss", 0);
      const v2 = await c.edit(broken.uri, { start: at, end: { line: at.line, character: at.character + 6 } }, "Proc");
      const v3 = await c.edit(broken.uri, { start: at, end: { line: at.line, character: at.character + 4 } }, "Process");
      await sleep(300);
      expect(c.published.some((x) => x.uri === broken.uri && x.version === v3), "the burst did not wait for the debounce").toBe(false);
      const p = await c.diagnosticsFor(broken.uri, v3);
      expect(p.diagnostics.map((d) => d.code)).not.toContain("missing-transition-target");
      expect(c.published.some((x) => x.uri === broken.uri && x.version === v2)).toBe(false);
    } finally {
      c.dispose();
    }
  });

  it("clears diagnostics on close", async () => {
    await client.close(broken.uri);
    const p = await client.diagnostics(broken.uri, (x) => x.diagnostics.length === 0 && x.version === undefined);
    expect(p.diagnostics).toEqual([]);
  });

  it("serves any JSON or YAML whose top level has StartAt and States, and stays silent on others", async () => {
    const wf = "file:///project/workflow.json";
    await client.open(wf, '{ "StartAt": "A", "States": { "A": { "Type": "Pass" } } }');
    const p = await client.diagnosticsFor(wf, 1);
    expect(p.diagnostics.map((d) => d.code)).toContain("next-or-end");

    const yml = "file:///project/sam/statemachine.yml";
    await client.open(yml, "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n");
    expect((await client.diagnosticsFor(yml, 1)).diagnostics.map((d) => d.code)).toContain("missing-transition-target");

    const pkg = "file:///project/package.json";
    await client.open(pkg, '{ "name": "x", "scripts": { "StartAt": "States" } }');
    const compose = "file:///project/docker-compose.yaml";
    await client.open(compose, "services:\n  web:\n    image: x\n");
    const other = "file:///project/notes.md";
    await client.open(other, "StartAt States", "markdown");
    await sleep(300);
    for (const uri of [pkg, compose, other]) expect(client.published.filter((x) => x.uri === uri)).toEqual([]);
    // features are silent too
    expect(await client.request("textDocument/hover", { textDocument: { uri: pkg }, position: { line: 0, character: 4 } })).toBeNull();
    expect(await client.request("textDocument/documentSymbol", { textDocument: { uri: pkg } })).toBeNull();

    // a served document that stops being a definition is cleared once
    await client.change(wf, '{ "name": "not a workflow" }');
    await client.diagnostics(wf, (x) => x.diagnostics.length === 0);
    for (const uri of [wf, yml, pkg, compose, other]) await client.close(uri);
  });

  it("serves broken *.asl.json files even when they are not objects", async () => {
    const uri = "file:///project/empty.asl.json";
    await client.open(uri, "");
    expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).toEqual(["empty-definition"]);
    await client.change(uri, "[1, 2");
    const p = await client.diagnosticsFor(uri, 2);
    expect(p.diagnostics.map((d) => d.code).sort()).toEqual(["invalid-json", "not-an-object"]);
    await client.close(uri);
  });
});

describe("quick fixes", () => {
  let client: TestClient;
  let published: PublishDiagnosticsParams;
  beforeAll(async () => {
    client = await TestClient.start();
    await client.open(broken.uri, broken.text);
    published = await client.diagnosticsFor(broken.uri, 1);
  });
  afterAll(() => client.dispose());

  async function actionsFor(d: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: broken.uri }, range: d.range, context: { diagnostics: [d] } });
  }
  function editsOf(a: CodeAction): TextEdit[] {
    const change = a.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    expect(change.textDocument.version).toBe(1);
    return change.edits;
  }

  it("changes a misspelled Next to the closest state name (preferred)", async () => {
    const d = published.diagnostics.find((x) => x.code === "missing-transition-target")!;
    const actions = await actionsFor(d);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ title: 'Change to "Process"', kind: "quickfix", isPreferred: true });
    expect(actions[0].diagnostics).toEqual([d]);
    expect(applyEdits(broken.text, editsOf(actions[0]))).toContain('"Next": "Process"');
  });

  it("removes a field that is not allowed", async () => {
    const d = published.diagnostics.find((x) => x.code === "unknown-field")!;
    const [action] = await actionsFor(d);
    expect(action.title).toBe('Remove "Result"');
    const fixed = applyEdits(broken.text, editsOf(action));
    expect(fixed).not.toContain('"Result"');
    expect(() => JSON.parse(fixed)).not.toThrow();
  });

  it("adds End: true to a state without Next or End", async () => {
    const d = published.diagnostics.find((x) => x.code === "next-or-end")!;
    const actions = await actionsFor(d);
    const end = actions.find((a) => a.title === 'Add "End": true')!;
    const fixed = applyEdits(broken.text, editsOf(end));
    expect(JSON.parse(fixed).States.Done.End).toBe(true);
  });

  it("adds AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID to a child execution's Input", async () => {
    const f = plainFixture("parent-id.asl.json");
    await client.open(f.uri, f.text);
    const p = await client.diagnosticsFor(f.uri, 1);
    const d = p.diagnostics.find((x) => x.code === "nested-execution-parent-id")!;
    expect(d).toBeDefined();
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: f.uri }, range: d.range, context: { diagnostics: [d] } });
    const add = actions.find((a) => a.title.startsWith("Add AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"))!;
    const change = add.edit!.documentChanges![0] as { edits: TextEdit[] };
    const fixed = JSON.parse(applyEdits(f.text, change.edits));
    expect(fixed.States.Child.Parameters.Input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$"]).toBe("$$.Execution.Id");
    await client.close(f.uri);
  });

  it("answers for the range when the client sends no diagnostics, and respects context.only", async () => {
    const d = published.diagnostics.find((x) => x.code === "missing-transition-target")!;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: broken.uri }, range: d.range, context: { diagnostics: [] } });
    expect(actions.map((a) => a.title)).toEqual(['Change to "Process"']);
    const none = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: broken.uri }, range: d.range, context: { diagnostics: [d], only: ["refactor"] } });
    expect(none).toEqual([]);
  });

  it("gives no fixes for a version that has not been linted yet", async () => {
    const d = published.diagnostics.find((x) => x.code === "missing-transition-target")!;
    await client.edit(broken.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, " ");
    const actions = await actionsFor(d);
    expect(actions).toEqual([]);
  });
});

describe("settings", () => {
  it("takes type and rule severities from initializationOptions", async () => {
    const client = await TestClient.start({ initializationOptions: { aslint: { rules: { "unknown-field": "off", "next-or-end": "info" } } } });
    await client.open(broken.uri, broken.text);
    const p = await client.diagnosticsFor(broken.uri, 1);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("unknown-field");
    expect(p.diagnostics.find((d) => d.code === "next-or-end")!.severity).toBe(3);
    client.dispose();
  });

  it("applies workspace/didChangeConfiguration and re-lints open documents", async () => {
    const client = await TestClient.start();
    await client.open(broken.uri, broken.text);
    await client.diagnosticsFor(broken.uri, 1);
    const before = client.published.length;
    await client.notify("workspace/didChangeConfiguration", { settings: { aslint: { rules: { "next-or-end": "warn" } } } });
    const p = await client.diagnostics(broken.uri, () => client.published.length > before);
    expect(p.diagnostics.find((d) => d.code === "next-or-end")!.severity).toBe(2);
    client.dispose();
  });

  it("pulls the aslint section with workspace/configuration when the client supports it", async () => {
    const client = await TestClient.start({
      capabilities: { workspace: { configuration: true } },
      configuration: { rules: { "missing-transition-target": "off" } },
    });
    await client.notify("workspace/didChangeConfiguration", { settings: null });
    await sleep(50);
    await client.open(broken.uri, broken.text);
    const p = await client.diagnosticsFor(broken.uri, 1);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("missing-transition-target");
    client.dispose();
  });

  it("warns about bad settings without stopping", async () => {
    const client = await TestClient.start({ initializationOptions: { type: "LONG", rules: { "no-such-rule": "off", "next-or-end": "loud" } } });
    await client.open(broken.uri, broken.text);
    await client.diagnosticsFor(broken.uri, 1);
    expect(client.shown.join("\n")).toMatch(/"type" must be STANDARD or EXPRESS/);
    expect(client.shown.join("\n")).toMatch(/unknown rule "no-such-rule"/);
    client.dispose();
  });

  describe("project .aslintrc.json", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "aslint-lsp-"));
      mkdirSync(join(dir, "flows"));
      writeFileSync(join(dir, ".aslintrc.json"), JSON.stringify({ rules: { "unknown-field": "off", "next-or-end": "warn" } }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("is read for files below it; editor settings win", async () => {
      const uri = pathToFileURL(join(dir, "flows", "order.asl.json")).href;
      const client = await TestClient.start({ initializationOptions: { rules: { "next-or-end": "error" } } });
      await client.open(uri, broken.text);
      const p = await client.diagnosticsFor(uri, 1);
      expect(p.diagnostics.map((d) => d.code)).not.toContain("unknown-field");
      expect(p.diagnostics.find((d) => d.code === "next-or-end")!.severity).toBe(1);
      client.dispose();
    });

    it("the data-flow rule follows the input example beside a file", async () => {
      writeFileSync(join(dir, "flows", "pay.input.json"), '{"order": {}}');
      const uri = pathToFileURL(join(dir, "flows", "pay.asl.json")).href;
      const client = await TestClient.start();
      await client.open(uri, '{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.order.id", "End": true}}}');
      const p = await client.diagnosticsFor(uri, 1);
      expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([["data-flow", 2]]);
      client.dispose();
    });

    it("a broken input example is read once and reported once over several edits, and read again when it changes", async () => {
      writeFileSync(join(dir, "flows", "bad.input.json"), "{broken");
      const uri = pathToFileURL(join(dir, "flows", "bad.asl.json")).href;
      const text = '{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.order.id", "End": true}}}';
      const client = await TestClient.start();
      try {
        await client.open(uri, text);
        await client.diagnosticsFor(uri, 1);
        for (let n = 1; n <= 3; n++) await client.diagnosticsFor(uri, await client.change(uri, text + " ".repeat(n)));
        const warned = () => client.logs.filter((m) => m.includes("ignoring the input example") && m.includes("bad.input.json"));
        expect(warned()).toHaveLength(1);
        // fixed on disk: the editor's watcher says so, and the definition is linted with it
        writeFileSync(join(dir, "flows", "bad.input.json"), '{"order": {}}');
        const before = client.published.length;
        await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(dir, "flows", "bad.input.json")).href, type: 2 }] });
        const p = await client.diagnostics(uri, () => client.published.length > before);
        expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([["data-flow", 2]]);
        expect(warned()).toHaveLength(1);
      } finally {
        client.dispose();
      }
    });

    it("is re-read when it changes", async () => {
      const uri = pathToFileURL(join(dir, "flows", "order.asl.json")).href;
      const client = await TestClient.start();
      await client.open(uri, broken.text);
      expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).not.toContain("unknown-field");
      writeFileSync(join(dir, ".aslintrc.json"), JSON.stringify({ rules: {} }));
      const before = client.published.length;
      await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(dir, ".aslintrc.json")).href, type: 2 }] });
      const p = await client.diagnostics(uri, () => client.published.length > before);
      expect(p.diagnostics.map((d) => d.code)).toContain("unknown-field");
      client.dispose();
    });
  });
});

describe("debounce", () => {
  it("lints the first change after a pause at once, without waiting for the debounce", async () => {
    // a pause longer than the debounce, then one change: without the leading edge it would wait 3 s
    const c = await TestClient.start({ initializationOptions: { debounce: 3_000 } });
    try {
      await c.open(broken.uri, broken.text);
      await c.diagnosticsFor(broken.uri, 1);
      await sleep(3_100);
      const at = positionOf(broken.text, "Procss", 0);
      const v2 = await c.edit(broken.uri, { start: at, end: { line: at.line, character: at.character + 6 } }, "Process");
      const published = await Promise.race([c.diagnosticsFor(broken.uri, v2, 20_000), sleep(2_000).then(() => undefined)]);
      expect(published, "the change waited for the debounce").toBeDefined();
      expect(published!.diagnostics.map((d) => d.code)).not.toContain("missing-transition-target");
    } finally {
      c.dispose();
    }
  });
});
