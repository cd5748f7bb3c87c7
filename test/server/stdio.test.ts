/**
 * The bundled server as a process over stdio, driven with JSON-RPC: what an editor does.
 * Needs the bundle: `node scripts/build.mjs` (npm test builds first).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { CompletionList, InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver";
import { TestClient, plainFixture, positionOf, withCursor } from "./harness.js";
import { LintWorker } from "../../server/runner.js";

const ROOT = join(__dirname, "..", "..");
const SERVER = join(ROOT, "dist", "aslint-language-server.cjs");
const CLI = join(ROOT, "dist", "aslint.cjs");

interface Session {
  child: ChildProcess;
  rpc: MessageConnection;
  published: PublishDiagnosticsParams[];
  next(uri: string, version?: number, timeout?: number): Promise<PublishDiagnosticsParams>;
  stderr: string[];
}

function startProcess(args: string[], cwd = ROOT): Session {
  const child = spawn(process.execPath, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  const stderr: string[] = [];
  child.stderr!.on("data", (d) => stderr.push(String(d)));
  rpc.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  rpc.onNotification("window/logMessage", () => undefined);
  rpc.onRequest("client/registerCapability", () => null);
  rpc.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
  rpc.listen();
  const next = async (uri: string, version?: number, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = published.find((p) => p.uri === uri && (version === undefined || p.version === version));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}; stderr: ${stderr.join("")}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 100);
        waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  };
  return { child, rpc, published, next, stderr };
}

async function initialize(s: Session, initializationOptions?: unknown): Promise<InitializeResult> {
  const result = (await s.rpc.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  })) as InitializeResult;
  await s.rpc.sendNotification("initialized", {});
  return result;
}

async function shutdown(s: Session): Promise<number | null> {
  const exited = new Promise<number | null>((r) => s.child.on("exit", (code) => r(code)));
  await s.rpc.sendRequest("shutdown");
  await s.rpc.sendNotification("exit");
  const code = await exited;
  s.rpc.dispose();
  return code;
}

/** A definition of about `bytes` characters: a chain of Task states with one misspelled Next. */
export function bigDefinition(bytes: number): string {
  const states: Record<string, unknown> = {};
  const per = 420;
  const n = Math.max(2, Math.floor(bytes / per));
  for (let i = 0; i < n; i++) {
    states[`Step ${i}`] = {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:worker", "Payload.$": "$", "Step.$": "$$.State.Name" },
      Retry: [{ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 1, MaxAttempts: 2 }],
      ...(i < n - 1 ? { Next: i === 7 ? `Stp ${i + 1}` : `Step ${i + 1}` } : { End: true }),
    };
  }
  return JSON.stringify({ StartAt: "Step 0", States: states }, null, 2);
}

const built = existsSync(SERVER) && existsSync(CLI);
if (!built && process.env.CI) throw new Error("dist/ is missing: run node scripts/build.mjs before the server tests");
if (!built) console.warn("SKIPPED stdio server tests: dist/ is missing; run node scripts/build.mjs first.");

describe.skipIf(!built)("bundled server over stdio", () => {
  beforeAll(() => {
    const age = (Date.now() - statSync(SERVER).mtimeMs) / 60_000;
    if (age > 60) console.warn(`dist/aslint-language-server.cjs is ${Math.round(age)} minutes old; run node scripts/build.mjs to test the current code.`);
  });

  it("aslint-language-server --stdio: initialize, diagnostics for a broken definition, shutdown, exit", async () => {
    const t0 = performance.now();
    const s = startProcess([SERVER, "--stdio"]);
    const init = await initialize(s);
    const startup = performance.now() - t0;
    expect(init.serverInfo?.name).toBe("aslint-language-server");
    expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, referencesProvider: true, foldingRangeProvider: true });
    const broken = plainFixture("broken.asl.json");
    const uri = "file:///stdio/broken.asl.json";
    await s.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "json", version: 1, text: broken.text } });
    const p = await s.next(uri, 1);
    expect(p.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["missing-transition-target", "next-or-end"]));
    expect(p.diagnostics.every((d) => d.source === "aslint")).toBe(true);
    const f = withCursor(broken.text.replace('"Next": "Procss"', '"Next": "|"'));
    await s.rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: f.text }] });
    const list = (await s.rpc.sendRequest("textDocument/completion", { textDocument: { uri }, position: f.position })) as CompletionList;
    expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(["Process", "Done"]));
    expect(await shutdown(s)).toBe(0);
    expect(s.stderr.join("")).toBe("");
    console.log(`bundled server: initialize answered ${startup.toFixed(0)} ms after spawn`);
  });

  it("aslint lsp --stdio works the same", async () => {
    const s = startProcess([CLI, "lsp", "--stdio"]);
    await initialize(s);
    const uri = "file:///stdio/w.asl.yaml";
    await s.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n" } });
    const p = await s.next(uri, 1);
    expect(p.diagnostics.map((d) => d.code)).toContain("missing-transition-target");
    expect(await shutdown(s)).toBe(0);
  });

  it("aslint lsp without --stdio defaults to stdio", async () => {
    const s = startProcess([CLI, "lsp"]);
    const init = await initialize(s);
    expect(init.serverInfo?.name).toBe("aslint-language-server");
    expect(await shutdown(s)).toBe(0);
  });

  it("aslint lsp rejects unknown options", () => {
    const r = spawnSync(process.execPath, [CLI, "lsp", "--bogus"], { encoding: "utf8", input: "" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/aslint lsp: unknown option/);
  });

  it("aslint-language-server --version and --help", () => {
    expect(spawnSync(process.execPath, [SERVER, "--version"], { encoding: "utf8" }).stdout).toMatch(/^aslint-language-server \d+\.\d+\.\d+/);
    expect(spawnSync(process.execPath, [SERVER, "--help"], { encoding: "utf8" }).stdout).toMatch(/Language Server Protocol/);
  });

  it("the in-process server lints in the bundle's worker thread above the size threshold", async () => {
    const client = await TestClient.start({ server: { workerScript: SERVER, workerThreshold: 10 } });
    const broken = plainFixture("broken.asl.json");
    await client.open(broken.uri, broken.text);
    const p = await client.diagnosticsFor(broken.uri, 1, 15_000);
    expect(p.diagnostics.map((d) => d.code)).toContain("missing-transition-target");
    // the worker's answer carries no parse: features parse the text themselves
    const h = await client.request<{ contents: { value: string } }>("textDocument/hover", { textDocument: { uri: broken.uri }, position: positionOf(broken.text, '"Process": {', 2) });
    expect(h.contents.value).toContain("**Process**: Task state");
    await client.request("shutdown", undefined);
    client.dispose();
  });

  it("a document linted in the worker keeps its suppressions: inline comments and the config's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-worker-sup-"));
    try {
      writeFileSync(join(dir, ".aslintrc.json"), JSON.stringify({ suppressions: [{ files: "*.asl.yaml", location: "/States/B", rule: "missing-transition-target" }] }));
      const client = await TestClient.start({ server: { workerScript: SERVER, workerThreshold: 10, prewarm: false } });
      const uri = pathToFileURL(join(dir, "s.asl.yaml")).href;
      const text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    # aslint-disable-next-line missing-transition-target\n    Next: Nowhere\n  B:\n    Type: Pass\n    Next: Elsewhere\n  C:\n    Type: Pass\n    Next: Gone\n";
      await client.open(uri, text);
      const p = await client.diagnosticsFor(uri, 1, 15_000);
      // A's by its comment, B's by the config: only C's is left
      expect(p.diagnostics.filter((d) => d.code === "missing-transition-target").map((d) => d.range.start.line)).toEqual([11]);
      await client.request("shutdown", undefined);
      client.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts and warms the worker once a first definition is linted, never for other JSON, and not when told not to", async () => {
    const prewarm = vi.spyOn(LintWorker.prototype, "prewarm");
    try {
      const client = await TestClient.start({ server: { workerScript: SERVER } });
      await client.open("file:///ws/package.json", '{ "name": "x", "version": "1.0.0" }');
      await new Promise((r) => setTimeout(r, 300));
      expect(prewarm).not.toHaveBeenCalled();
      const broken = plainFixture("broken.asl.json");
      await client.open(broken.uri, broken.text);
      await client.diagnosticsFor(broken.uri, 1, 15_000);
      expect(prewarm).toHaveBeenCalled();
      await client.request("shutdown", undefined);
      client.dispose();

      prewarm.mockClear();
      const off = await TestClient.start({ server: { workerScript: SERVER, prewarm: false } });
      await off.open(broken.uri, broken.text);
      await off.diagnosticsFor(broken.uri, 1, 15_000);
      expect(prewarm).not.toHaveBeenCalled();
      await off.request("shutdown", undefined);
      off.dispose();
    } finally {
      prewarm.mockRestore();
    }
  });

  it("a 1 MB definition is linted off the main thread: requests stay fast, diagnostics come quickly", async () => {
    const s = startProcess([SERVER, "--stdio"]);
    await initialize(s, { debounce: 0 });
    const big = bigDefinition(1_000_000);
    expect(big.length).toBeGreaterThan(950_000);
    const uri = "file:///stdio/big.asl.json";
    const small = withCursor('{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "|" }, "B": { "Type": "Succeed" } } }', "small.asl.json");
    const smallUri = "file:///stdio/small.asl.json";
    await s.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri: smallUri, languageId: "json", version: 1, text: small.text } });
    await s.next(smallUri, 1);

    let t = performance.now();
    await s.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "json", version: 1, text: big } });
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r0 = performance.now();
      const list = (await s.rpc.sendRequest("textDocument/completion", { textDocument: { uri: smallUri }, position: small.position })) as CompletionList;
      latencies.push(performance.now() - r0);
      expect(list.items.map((x) => x.label)).toContain("B");
    }
    const first = await s.next(uri, 1, 30_000);
    const openMs = performance.now() - t;
    expect(first.diagnostics.map((d) => d.code)).toContain("missing-transition-target");

    // a change: one character fixes the misspelled Next
    const fixed = big.replace('"Next": "Stp 8"', '"Next": "Step 8"');
    t = performance.now();
    await s.rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const second = await s.next(uri, 2, 30_000);
    const changeMs = performance.now() - t;
    expect(second.diagnostics.map((d) => d.code)).not.toContain("missing-transition-target");
    // and once more, warm
    t = performance.now();
    await s.rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: big }] });
    const third = await s.next(uri, 3, 30_000);
    const warmMs = performance.now() - t;
    expect(third.diagnostics.map((d) => d.code)).toContain("missing-transition-target");
    console.log(
      `1 MB definition: open → diagnostics ${openMs.toFixed(0)} ms, change → diagnostics ${changeMs.toFixed(0)} ms, then ${warmMs.toFixed(0)} ms; ` +
        `completion on another document meanwhile: ${latencies.map((x) => x.toFixed(0)).join(", ")} ms`,
    );
    expect(changeMs).toBeLessThan(5_000);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(await shutdown(s)).toBe(0);
  });
});

