import { describe, expect, it } from "vitest";
import { MessageChannel } from "node:worker_threads";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runLintWorker, START_WARM_UP } from "../../server/worker.js";
import { warmUpDefinition } from "../../server/warm-up.js";
import { lint } from "../../src/lint.js";
import { lintHere, workerOptions, type LintAnswer } from "../../server/runner.js";
import { Settings } from "../../server/settings.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { LintOptions } from "../../src/lint.js";

type Reply = { id: number; diagnostics?: { rule: string }[]; definition?: boolean; error?: string };

/** The worker loop on one end of a channel, with a lint that records the texts it was given. */
function startWorker() {
  const { port1, port2 } = new MessageChannel();
  const linted: string[] = [];
  runLintWorker(port1, (text: string, options: LintOptions): LintAnswer => {
    linted.push(text);
    return lintHere(text, options);
  });
  const replies: Reply[] = [];
  /** The ids of the lints the worker said it started (their budgets start then). */
  const started: number[] = [];
  port2.on("message", (m: Reply & { started?: boolean }) => {
    if (m.started) started.push(m.id);
    else replies.push(m);
  });
  /** Waits until `done()` holds (polling, up to 2 s: a loaded machine may take a while), then a little more for anything unasked. */
  const settle = async (done: () => boolean) => {
    for (const t0 = Date.now(); !done() && Date.now() - t0 < 2000; ) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
  };
  const close = () => {
    port1.close();
    port2.close();
  };
  return { port: port2, linted, replies, started, settle, close };
}

const A = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }';
const B = '{ "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }';
const options: LintOptions = { filename: "x.asl.json", type: "STANDARD" };

describe("lint worker", () => {
  it("lints its first document once more after answering it, and only the first", async () => {
    const w = startWorker();
    w.port.postMessage({ id: 1, text: A, options });
    await w.settle(() => w.linted.length >= 2);
    expect(w.replies.map((r) => r.id)).toEqual([1]);
    expect(w.replies[0].diagnostics!.map((d) => d.rule)).toContain("missing-transition-target");
    expect(w.linted).toEqual([A, A]);
    w.port.postMessage({ id: 2, text: B, options });
    await w.settle(() => w.replies.length >= 2);
    expect(w.replies.map((r) => r.id)).toEqual([1, 2]);
    expect(w.linted).toEqual([A, A, B]);
    w.close();
  });

  it("answers a message already waiting before the extra lint", async () => {
    const w = startWorker();
    w.port.postMessage({ id: 1, text: A, options });
    w.port.postMessage({ id: 2, text: B, options });
    await w.settle(() => w.linted.length >= 3);
    expect(w.replies.map((r) => r.id)).toEqual([1, 2]);
    expect(w.linted).toEqual([A, B, A]);
    expect(w.replies[1].diagnostics).toEqual([]);
    expect(w.started).toEqual([1, 2]);
    w.close();
  });

  it("warms up on the server's word: lints of its own definition, a document posted meanwhile answered between two of them", async () => {
    const w = startWorker();
    const warm = warmUpDefinition();
    w.port.postMessage({ warm: true });
    await w.settle(() => w.linted.length >= 2);
    w.port.postMessage({ id: 1, text: A, options });
    await w.settle(() => w.replies.length >= 1);
    expect(w.replies.map((r) => r.id)).toEqual([1]);
    // answered before the warm-up was over, and the warm-up went on after it
    const at = w.linted.indexOf(A);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(START_WARM_UP.lints);
    // it stops after START_WARM_UP.lints lints, or sooner on a slow machine (START_WARM_UP.ms)
    const count = () => w.linted.filter((t) => t === warm).length;
    await w.settle(() => count() >= START_WARM_UP.lints);
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBeLessThanOrEqual(START_WARM_UP.lints);
    expect(w.linted.slice(at + 1).some((t) => t === warm)).toBe(true);
    w.close();
  });
});

describe("a Terraform file in the worker", () => {
  it("is read as Terraform, the thread's HCL parser loaded first (not as YAML, which would lose its findings)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-worker-tf-"));
    const w = startWorker();
    try {
      const tf = `resource "aws_sfn_state_machine" "main" {\n  name     = "m"\n  role_arn = "arn:aws:iam::123456789012:role/r"\n  definition = <<EOF\n{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Missing" } } }\nEOF\n}\n`;
      const uri = pathToFileURL(join(dir, "main.tf")).href;
      w.port.postMessage({ id: 1, text: tf, uri, options: { filename: join(dir, "main.tf") } });
      await w.settle(() => w.replies.length >= 1);
      expect(w.replies[0].error).toBeUndefined();
      expect(w.replies[0].definition).toBe(true);
      expect(w.replies[0].diagnostics!.map((d) => d.rule)).toContain("missing-transition-target");
    } finally {
      w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what the worker is told", () => {
  it("every option the server lints with, suppressions included", () => {
    const settings = new Settings(() => undefined);
    const doc = TextDocument.create("file:///nowhere/s.asl.yaml", "yaml", 1, "StartAt: A\n");
    const options = settings.lintOptions(doc);
    expect(options.suppressions).toEqual([]);
    expect(workerOptions(options)).toStrictEqual(options);
  });
});

describe("the warm-up definition", () => {
  it("is a definition with every state type, both query languages and no ERROR, so warming it runs the rules to their end", () => {
    const text = warmUpDefinition(2);
    const r = lint(text, { filename: "warm.asl.json" });
    expect(r.diagnostics.filter((d) => d.severity === "ERROR")).toEqual([]);
    for (const type of ["Pass", "Task", "Choice", "Wait", "Map", "Parallel", "Succeed", "Fail"]) expect(text).toContain(`"Type": "${type}"`);
    expect(text).toContain('"QueryLanguage": "JSONata"');
    expect(text).toContain('"Mode": "DISTRIBUTED"');
  });
});
