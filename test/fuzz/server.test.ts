/**
 * The fuzz campaign on the language server (docs/robustness.md): the bundled server over stdio
 * under random edits of a definition, with requests at random places and malformed JSON-RPC in
 * between. It must answer every request, survive every frame, and publish for the last version
 * what lint() says of that text. `npm test`: 150 edits; `npm run fuzz`: 5,000, with the
 * server's memory sampled (FUZZ_EDITS sets the count).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { mutate } from "./arbitraries.js";
import { LONG, SEED } from "./invariants.js";

const ROOT = join(__dirname, "..", "..");
const SERVER = process.env.FUZZ_SERVER ?? join(ROOT, "dist", "aslint-language-server.cjs");
const EDITS = Number(process.env.FUZZ_EDITS ?? (LONG ? 5000 : 150));

/** The campaign's random numbers in [0, 1), from the seed (fast-check's generator). */
function randomNumbers(seed: number, count: number): () => number {
  // without fast-check's bias towards small values: uniform
  const values = fc.sample(fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })), { seed, numRuns: count });
  let i = 0;
  return () => values[i++ % values.length] / 2 ** 30;
}

interface Message {
  id?: number | string | null;
  method?: string;
  params?: { uri?: string; version?: number; diagnostics?: { message: string; range: unknown; code?: unknown }[] };
  result?: unknown;
  error?: { code: number; message: string };
}

/** A raw stdio client: frames written by hand, so that broken ones can be written too. */
class RawClient {
  readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  readonly messages: Message[] = [];
  private waiters: (() => void)[] = [];
  exited: number | null | undefined;
  stderr = "";

  constructor() {
    this.child = spawn(process.execPath, [SERVER, "--stdio"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => this.read(d));
    this.child.stderr!.on("data", (d) => (this.stderr += String(d)));
    this.child.on("exit", (code) => {
      this.exited = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  private read(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString("ascii"));
      if (!m) throw new Error(`bad header from the server: ${this.buffer.subarray(0, end)}`);
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(end + 4 + length);
      const message = JSON.parse(body) as Message;
      // the server asks for settings and registrations: answer as an editor would
      if (message.method && message.id !== undefined) this.send({ jsonrpc: "2.0", id: message.id, result: message.method === "workspace/configuration" ? [null] : null });
      else this.messages.push(message);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  raw(body: string | Buffer): void {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, "ascii"), bytes]));
  }

  send(message: object): void {
    this.raw(JSON.stringify(message));
  }

  private seq = 0;
  request(method: string, params: unknown): number {
    const id = ++this.seq;
    this.send({ jsonrpc: "2.0", id, method, params });
    return id;
  }

  async waitFor(match: (m: Message) => boolean, what: string, timeout = 30_000): Promise<Message> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const i = this.messages.findIndex(match);
      if (i >= 0) return this.messages.splice(i, 1)[0];
      if (this.exited !== undefined) throw new Error(`the server exited (${this.exited}) while waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeout} ms; stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  response(id: number, what: string): Promise<Message> {
    return this.waitFor((m) => m.id === id && m.method === undefined, `the answer to ${what}`);
  }

  rssKb(): number {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, "utf8"));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  }
}

/** Frames no editor sends: the server must answer the next request as if they had not come. */
const MALFORMED: ((c: RawClient) => number | undefined)[] = [
  (c) => (c.raw("{not json"), undefined),
  (c) => (c.raw("[1, 2, 3]"), undefined),
  (c) => (c.raw(Buffer.from([0xff, 0xfe, 0x00, 0x7b])), undefined),
  (c) => (c.send({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri: 42 }, contentChanges: "x" } }), undefined),
  (c) => (c.send({ jsonrpc: "2.0", method: "textDocument/didOpen", params: null }), undefined),
  (c) => (c.send({ jsonrpc: "2.0", method: "$/cancelRequest", params: { id: -1 } }), undefined),
  (c) => c.request("aslint/nope", { x: 1 }),
  (c) => c.request("textDocument/hover", null),
  (c) => c.request("textDocument/completion", { textDocument: { uri: "file:///nowhere.asl.json" }, position: { line: -5, character: 1e9 } }),
  (c) => c.request("textDocument/definition", { textDocument: { uri: URI }, position: { line: 1e9, character: -1 } }),
  (c) => c.request("textDocument/rename", { textDocument: { uri: URI }, position: { line: 2, character: 5 }, newName: "\u0000\"}" }),
  (c) => c.request("textDocument/codeAction", { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, context: { diagnostics: [{ message: 1 }] } }),
];

const URI = pathToFileURL(join(ROOT, "fuzz", "edited.asl.json")).href;

describe.skipIf(!existsSync(SERVER))("fuzz: the language server", () => {
  it(
    `${EDITS} random edits with requests and malformed frames between them`,
    async () => {
      const rand = randomNumbers(SEED, EDITS * 8 + 100);
      const int = (n: number) => Math.floor(rand() * n);
      const c = new RawClient();
      const samples: number[] = [];
      try {
        await c.response(c.request("initialize", { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } }), "initialize");
        c.send({ jsonrpc: "2.0", method: "initialized", params: {} });
        let text = readFileSync(join(ROOT, "examples", "order-processing.asl.json"), "utf8");
        let version = 1;
        c.send({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri: URI, languageId: "json", version, text } } });
        let requests = 0;
        let malformed = 0;
        for (let i = 0; i < EDITS; i++) {
          const pieces = ["{", "}", '"', ",", ":", "\n", "\r\n", "Next", "States", "..", "$.", "constructor", "{%", "[", "]", " "];
          text = mutate(text, [[int(1 << 30), int(1 << 30), ["delete", "insert", "repeat", "insert", "insert"][int(5)], pieces[int(pieces.length)]]]);
          // keep the document from growing or shrinking without bound
          if (text.length > 40_000 || text.length < 50) text = readFileSync(join(ROOT, "examples", "order-processing.asl.json"), "utf8");
          version++;
          c.send({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri: URI, version }, contentChanges: [{ text }] } });
          if (rand() < 0.1) {
            const method = ["textDocument/hover", "textDocument/completion", "textDocument/documentSymbol", "textDocument/definition", "textDocument/foldingRange"][int(5)];
            const lines = text.split(/\r\n|\r|\n/);
            const line = int(lines.length);
            const id = c.request(method, { textDocument: { uri: URI }, position: { line, character: int(lines[line].length + 2) } });
            await c.response(id, method);
            requests++;
          }
          if (rand() < 0.03) {
            const id = MALFORMED[int(MALFORMED.length)](c);
            if (id !== undefined) await c.response(id, "a malformed request");
            malformed++;
          }
          if (i % 50 === 0) samples.push(c.rssKb());
          if (i % 25 === 0) await new Promise((r) => setTimeout(r, 5)); // let the debounce fire now and then
        }
        // every malformed frame once, each followed by a request the server must answer
        for (const frame of MALFORMED) {
          const id = frame(c);
          if (id !== undefined) await c.response(id, "a malformed request");
          await c.response(c.request("textDocument/documentSymbol", { textDocument: { uri: URI } }), "documentSymbol after a malformed frame");
          malformed++;
        }
        // the last version's diagnostics are lint()'s
        const published = await c.waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === URI && m.params?.version === version, `diagnostics of version ${version}`);
        const expected = lint(text, { filename: "edited.asl.json" }).diagnostics.map((d) => `${d.rule} ${JSON.stringify(d.range)} ${d.message}`);
        const got = published.params!.diagnostics!.map((d) => `${String(d.code)} ${JSON.stringify(d.range)} ${d.message}`);
        expect(got).toEqual(expected);
        samples.push(c.rssKb());
        await c.response(c.request("shutdown", null), "shutdown");
        c.send({ jsonrpc: "2.0", method: "exit" });
        const mb = (kb: number) => Math.round(kb / 1024);
        console.log(
          `fuzz server (seed ${SEED}): ${EDITS} edits, ${requests} requests, ${malformed} malformed frames; server RSS ${mb(samples[0])} MB after opening, peak ${mb(Math.max(...samples))} MB, last ${mb(samples[samples.length - 1])} MB; every 500 edits: ${samples.filter((_, i) => i % 10 === 0).map(mb).join(", ")} MB`,
        );
      } finally {
        if (c.exited === undefined) c.child.kill();
      }
    },
    LONG ? 3_600_000 : 120_000,
  );
});
