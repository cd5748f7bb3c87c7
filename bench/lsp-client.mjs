// A minimal LSP client over stdio, written by hand: JSON-RPC 2.0 messages framed with
// `Content-Length` headers. Enough to drive a language server through initialize,
// didOpen/didChange and to time publishDiagnostics.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export class LspClient {
  constructor(command, args, { cwd, stderr = "ignore" } = {}) {
    this.proc = spawn(command, args, { cwd, stdio: ["pipe", "pipe", stderr === "inherit" ? "inherit" : "pipe"] });
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.notifications = [];
    this.stderr = "";
    this.exited = null;
    this.buffer = Buffer.alloc(0);
    this.proc.stdout.on("data", (chunk) => this.onData(chunk, performance.now()));
    this.proc.stderr?.on("data", (d) => {
      if (this.stderr.length < 20_000) this.stderr += d.toString();
    });
    this.proc.on("exit", (code, signal) => {
      this.exited = { code, signal };
      const err = new Error(`language server exited (code ${code}, signal ${signal})${this.stderr ? `: ${this.stderr.slice(0, 2000)}` : ""}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const w of this.waiters) w.reject(err);
      this.waiters = [];
    });
    this.proc.stdin.on("error", () => {}); // reported through "exit"
  }

  onData(chunk, at) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString("utf8");
      this.buffer = this.buffer.subarray(start + length);
      this.onMessage(JSON.parse(body), at);
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
        else p.resolve(msg.result);
      }
      return;
    }
    if (msg.id !== undefined) {
      // a request from the server: answer so it never blocks on us
      let result = null;
      if (msg.method === "workspace/configuration") result = (msg.params?.items ?? []).map(() => null);
      this.send({ jsonrpc: "2.0", id: msg.id, result });
      return;
    }
    const note = { method: msg.method, params: msg.params, at };
    for (let i = 0; i < this.waiters.length; i++) {
      const w = this.waiters[i];
      if (w.method === note.method && w.predicate(note.params)) {
        this.waiters.splice(i, 1);
        clearTimeout(w.timer);
        w.resolve(note);
        return;
      }
    }
    this.notifications.push(note);
    if (this.notifications.length > 1000) this.notifications.shift();
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), "utf8");
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params, timeoutMs = 30_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** Resolves with `{ params, at }` of the next matching notification (`at`: performance.now() on arrival). */
  waitFor(method, predicate = () => true, timeoutMs = 30_000) {
    const i = this.notifications.findIndex((n) => n.method === method && predicate(n.params));
    if (i >= 0) return Promise.resolve(this.notifications.splice(i, 1)[0]);
    if (this.exited) return Promise.reject(new Error("language server has exited"));
    return new Promise((resolve, reject) => {
      const w = { method, predicate, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Drops queued notifications (e.g. stale diagnostics before a measured change). */
  drain() {
    this.notifications = [];
  }

  async shutdown() {
    if (this.exited) return;
    try {
      await this.request("shutdown", null, 5_000);
      this.notify("exit", null);
    } catch {
      // fall through to kill
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill("SIGKILL");
        resolve();
      }, 3_000);
      this.proc.on("exit", () => (clearTimeout(t), resolve()));
    });
  }
}

/** Line/character (UTF-16) of an offset, as LSP positions count. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
