/**
 * An LSP client talking to the server in-process over a pair of in-memory streams, plus
 * `|` cursor-marker fixtures (as vscode-json-languageservice's tests use).
 */
import { PassThrough } from "node:stream";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createConnection } from "vscode-languageserver/node";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { ClientCapabilities, InitializeResult, Position, PublishDiagnosticsParams } from "vscode-languageserver";
import { startServer, type ServerOptions } from "../../server/server.js";

export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
    hover: { contentFormat: ["markdown", "plaintext"] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
    publishDiagnostics: { versionSupport: true },
  },
  workspace: { workspaceEdit: { documentChanges: true } },
};

export interface StartOptions {
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  server?: ServerOptions;
  /** Answer workspace/configuration requests with this (per item). */
  configuration?: unknown;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  initializeResult!: InitializeResult;
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  private constructor(readonly connection: MessageConnection) {}

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const up = new PassThrough();
    const down = new PassThrough();
    const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    startServer(server, opts.server);
    const connection = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const client = new TestClient(connection);
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      const w = client.waiters;
      client.waiters = [];
      for (const f of w) f();
    });
    connection.onNotification("window/logMessage", (p: { message: string }) => client.logs.push(p.message));
    connection.onNotification("window/showMessage", (p: { message: string }) => client.shown.push(p.message));
    connection.onRequest("window/showMessageRequest", (p: { message: string }) => {
      client.shown.push(p.message);
      return null;
    });
    connection.onRequest("client/registerCapability", (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...p.registrations.map(({ method, registerOptions }) => ({ method, registerOptions })));
      return null;
    });
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => opts.configuration ?? null));
    connection.listen();
    client.initializeResult = await connection.sendRequest("initialize", {
      processId: null,
      rootUri: null,
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, languageId = languageFor(uri)): Promise<void> {
    this.versions.set(uri, 1);
    await this.notify("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (one full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental change. */
  async edit(uri: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.notify("textDocument/didClose", { textDocument: { uri } });
  }

  /** The next (or an already received) publishDiagnostics for the URI that satisfies `accept`. */
  async diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeout = 5000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = [...this.published].reverse().find((p) => p.uri === uri && accept(p));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no publishDiagnostics for ${uri} within ${timeout} ms (got ${JSON.stringify(this.published.filter((p) => p.uri === uri))})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Diagnostics published for a given document version. */
  diagnosticsFor(uri: string, version: number, timeout = 5000): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (p) => p.version === version, timeout);
  }

  dispose(): void {
    this.connection.dispose();
  }
}

export function languageFor(uri: string): string {
  return /\.ya?ml$/.test(uri) ? "yaml" : "json";
}

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "server");

export interface Fixture {
  name: string;
  uri: string;
  /** The text without the marker. */
  text: string;
  offset: number;
  position: Position;
}

/** A fixture text with `|` where the cursor is: strips the marker and computes the position. */
export function withCursor(marked: string, name = "cursor.asl.json"): Fixture {
  const offset = marked.indexOf("|");
  if (offset < 0) throw new Error(`${name}: no | cursor marker`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  const character = offset - (before.lastIndexOf("\n") + 1);
  return { name, uri: `file:///fixtures/server/${name}`, text, offset, position: { line, character } };
}

/** fixtures/server/<name>.txt: `<name>` is the document's file name (e.g. next.asl.json). */
export function fixture(name: string): Fixture {
  return withCursor(readFileSync(join(FIXTURES, `${name}.txt`), "utf8"), name);
}

/** Position of the n-th occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not found`);
  }
  const offset = i + delta;
  const before = text.slice(0, offset);
  return { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: { range: { start: Position; end: Position }; newText: string }[]): string {
  const lines = text.split("\n");
  const offsetOf = (p: Position) => {
    let o = 0;
    for (let l = 0; l < p.line; l++) o += lines[l].length + 1;
    return o + p.character;
  };
  const sorted = edits.map((e) => ({ s: offsetOf(e.range.start), e: offsetOf(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

/** fixtures/server/<name>.txt without a cursor marker. */
export function plainFixture(name: string): { uri: string; text: string } {
  return { uri: `file:///fixtures/server/${name}`, text: readFileSync(join(FIXTURES, `${name}.txt`), "utf8") };
}
