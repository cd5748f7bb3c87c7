import { describe, expect, it } from "vitest";
import { MessageChannel } from "node:worker_threads";
import { runLintWorker } from "../../server/worker.js";
import { lintHere, type LintAnswer } from "../../server/runner.js";
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
  port2.on("message", (m: Reply) => replies.push(m));
  /** Waits until `done()` holds (polling, up to 2 s: a loaded machine may take a while), then a little more for anything unasked. */
  const settle = async (done: () => boolean) => {
    for (const t0 = Date.now(); !done() && Date.now() - t0 < 2000; ) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
  };
  const close = () => {
    port1.close();
    port2.close();
  };
  return { port: port2, linted, replies, settle, close };
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
    w.close();
  });
});
