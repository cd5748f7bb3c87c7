import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { VERSION } from "../../src/version.js";
import { TestClient, plainFixture } from "./harness.js";

const broken = plainFixture("broken.asl.json");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("initialize", () => {
  it("announces every capability the server has, shaped by what the client supports", async () => {
    const full = await TestClient.start();
    expect(full.initializeResult).toEqual({
      capabilities: {
        textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['"', ".", "$", " "], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: "aslint" },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        executeCommandProvider: { commands: ["aslint.showGraph"] },
      },
      serverInfo: { name: "aslint-language-server", version: VERSION },
    });
    full.dispose();

    // no prepareRename and no code action literals: the plain forms
    const bare = await TestClient.start({ capabilities: {} });
    expect(bare.initializeResult.capabilities.renameProvider).toBe(true);
    expect(bare.initializeResult.capabilities.codeActionProvider).toBe(true);
    expect(Object.keys(bare.initializeResult.capabilities)).toEqual(Object.keys(full.initializeResult.capabilities));
    bare.dispose();
  });

  it("registers for settings and .aslintrc.json changes when the client allows dynamic registration", async () => {
    const dynamic = await TestClient.start({
      capabilities: { workspace: { didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    // both registrations, however loaded the machine (a fixed sleep missed the second under load)
    for (let waited = 0; dynamic.registrations.length < 2 && waited < 5000; waited += 10) await sleep(10);
    expect(dynamic.registrations).toEqual([
      { method: "workspace/didChangeConfiguration", registerOptions: { section: "aslint" } },
      { method: "workspace/didChangeWatchedFiles", registerOptions: { watchers: [{ globPattern: "**/.aslintrc.json" }, { globPattern: "**/*.input.json" }] } },
    ]);
    dynamic.dispose();

    const fixed = await TestClient.start();
    await sleep(50);
    expect(fixed.registrations).toEqual([]);
    fixed.dispose();
  });
});

describe("lifecycle", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "aslint-lsp-life-"));
    writeFileSync(join(dir, ".aslintrc.json"), JSON.stringify({ rules: { "unknown-field": "off" } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("re-reads .aslintrc.json when the editor saves it", async () => {
    const uri = pathToFileURL(join(dir, "order.asl.json")).href;
    const rc = pathToFileURL(join(dir, ".aslintrc.json")).href;
    const client = await TestClient.start();
    await client.open(uri, broken.text);
    expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).not.toContain("unknown-field");
    const text = JSON.stringify({ rules: {} });
    await client.open(rc, text);
    writeFileSync(join(dir, ".aslintrc.json"), text);
    const before = client.published.length;
    await client.notify("textDocument/didSave", { textDocument: { uri: rc } });
    const p = await client.diagnostics(uri, () => client.published.length > before);
    expect(p.diagnostics.map((d) => d.code)).toContain("unknown-field");
    client.dispose();
  });

  it("drops the lints still waiting for their debounce on shutdown", async () => {
    const client = await TestClient.start({ initializationOptions: { debounce: 2_000 } });
    await client.open(broken.uri, broken.text);
    await client.diagnosticsFor(broken.uri, 1);
    // a change soon after the last one waits for the debounce
    const v2 = await client.change(broken.uri, broken.text + " ");
    await client.request("shutdown", undefined);
    await sleep(2_300);
    expect(client.published.filter((p) => p.uri === broken.uri).map((p) => p.version)).toEqual([1]);
    expect(v2).toBe(2);
    client.dispose();
  });
});
