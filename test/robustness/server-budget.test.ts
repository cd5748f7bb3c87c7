/**
 * The language server's hard budget per lint: a lint in the worker that runs past it is stopped
 * (the worker is terminated), the document gets one "too large to analyse fully" warning, and the
 * next lint runs in a new worker.
 */
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LintBudgetExceeded, LintWorker, tooLargeAnswer } from "../../server/runner.js";
import { LintScheduler } from "../../server/scheduler.js";

const dir = mkdtempSync(join(tmpdir(), "aslint-budget-"));
// a stand-in for the lint worker: "hang" never answers (a lint that does not end); "late:A:B" is
// busy A ms before it starts the lint (as after a warm-up lint) and B ms in it; anything else
// answers at once, with one finding named after the text
const script = join(dir, "worker.cjs");
writeFileSync(
  script,
  `const { parentPort } = require("node:worker_threads");
const busy = (ms) => { for (const end = Date.now() + ms; Date.now() < end; ) {} };
parentPort.on("message", (m) => {
  const late = /^late:(\\d+):(\\d+)$/.exec(m.text);
  if (late) busy(Number(late[1]));
  parentPort.postMessage({ id: m.id, started: true });
  if (m.text === "hang") for (;;) {}
  if (late) busy(Number(late[2]));
  parentPort.postMessage({ id: m.id, diagnostics: m.text === "ok" ? [] : [{ rule: "found-in-" + m.text }], definition: true });
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lint budget", () => {
  it("a lint past its budget is stopped with LintBudgetExceeded; the one queued behind it and the next run in a new worker", async () => {
    const logged: string[] = [];
    const worker = new LintWorker(script, (m) => logged.push(m));
    try {
      const hang = worker.lint("hang", { filename: "x.asl.json" }, "", 300);
      // its budget is shorter than its wait behind "hang": the wait does not count
      const queued = worker.lint("small", { filename: "x.asl.json" }, "", 200);
      await expect(hang).rejects.toBeInstanceOf(LintBudgetExceeded);
      await expect(queued).resolves.toEqual({ diagnostics: [{ rule: "found-in-small" }], definition: true });
      expect(worker.usable).toBe(true);
      await expect(worker.lint("ok", { filename: "x.asl.json" }, "", 5_000)).resolves.toEqual({ diagnostics: [], definition: true });
      expect(logged).toEqual([]);
    } finally {
      worker.dispose();
    }
  });

  it("a lint's budget starts when the worker starts it, not when it was posted", async () => {
    const worker = new LintWorker(script, () => undefined);
    try {
      await expect(worker.lint("ok", { filename: "x.asl.json" }, "", 5_000)).resolves.toEqual({ diagnostics: [], definition: true });
      // 400 ms busy before it starts, 400 ms in it: 800 ms after posting, under a 700 ms budget
      await expect(worker.lint("late:400:400", { filename: "x.asl.json" }, "", 700)).resolves.toEqual({ diagnostics: [{ rule: "found-in-late:400:400" }], definition: true });
      await expect(worker.lint("late:0:1000", { filename: "x.asl.json" }, "", 700)).rejects.toBeInstanceOf(LintBudgetExceeded);
    } finally {
      worker.dispose();
    }
  });

  it("a stopped lint is one warning at the start of the document", () => {
    const answer = tooLargeAnswer(new LintBudgetExceeded("took more than 10 s"));
    expect(answer.diagnostics).toHaveLength(1);
    const d = answer.diagnostics[0];
    expect([d.rule, d.severity, d.range]).toEqual(["analysis-budget", "WARNING", { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
    expect(d.message).toContain("too large to analyse fully: the lint took more than 10 s and was stopped");
    expect(d.basis).toBe("internal");
  });

  it("follows the document's setting of the rule analysis-budget", () => {
    const e = new LintBudgetExceeded("took more than 10 s");
    expect(tooLargeAnswer(e, { rules: { "analysis-budget": "info" } }).diagnostics.map((d) => d.severity)).toEqual(["INFO"]);
    expect(tooLargeAnswer(e, { rules: { "analysis-budget": "off" } }).diagnostics).toEqual([]);
  });
});

describe("the scheduler", () => {
  it("a document queued behind one stopped at its budget gets its own findings, not the too-large warning", async () => {
    const docs = new Map([
      ["file:///big.asl.json", TextDocument.create("file:///big.asl.json", "json", 1, "hang")],
      ["file:///small.asl.json", TextDocument.create("file:///small.asl.json", "json", 1, "small")],
    ]);
    const answers = new Map<string, string[]>();
    const scheduler = new LintScheduler({
      log: { warn: () => undefined, error: () => undefined },
      workerScript: script,
      workerThreshold: 1,
      lintBudgetMs: 300,
      prewarm: false,
      debounce: () => 0,
      document: (uri) => docs.get(uri),
      jobFor: (d) => ({ uri: d.uri, version: d.version, text: d.getText(), options: { filename: d.uri.slice(8) } }),
      finished: async (job, a) => void answers.set(job.uri, a.diagnostics.map((d) => d.rule)),
    });
    try {
      scheduler.changed("file:///big.asl.json");
      scheduler.changed("file:///small.asl.json");
      for (const t0 = Date.now(); answers.size < 2 && Date.now() - t0 < 10_000; ) await new Promise((r) => setTimeout(r, 10));
      expect(answers.get("file:///big.asl.json")).toEqual(["analysis-budget"]);
      expect(answers.get("file:///small.asl.json")).toEqual(["found-in-small"]);
    } finally {
      scheduler.dispose();
    }
  });
});

describe("the server", () => {
  it("sends a document whose lint was slow on the main thread to the worker, and reports a stopped lint as too large", async () => {
    const { TestClient } = await import("../server/harness.js");
    // every lint counts as slow (0 ms), the worker never answers, the budget is 300 ms
    const hang = join(dir, "hang.cjs");
    writeFileSync(hang, 'require("node:worker_threads").parentPort.on("message", () => { for (;;) {} });\n');
    const client = await TestClient.start({ server: { workerScript: hang, workerThreshold: 1e9, slowLintMs: 0, lintBudgetMs: 300 } });
    try {
      const uri = "file:///budget/small.asl.json";
      const text = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }';
      await client.open(uri, text);
      // the first lint runs on the main thread
      expect((await client.diagnosticsFor(uri, 1, 15_000)).diagnostics.map((d) => d.code)).toContain("missing-transition-target");
      // the next one goes to the worker, which is stopped at the budget
      await client.change(uri, text.replace("Nowhere", "Elsewhere"));
      const second = await client.diagnosticsFor(uri, 2, 15_000);
      expect(second.diagnostics.map((d) => [d.code, d.severity])).toEqual([["analysis-budget", 2]]);
      expect(second.diagnostics[0].message).toContain("too large to analyse fully");
      await client.request("shutdown", undefined);
    } finally {
      client.dispose();
    }
  });
});
