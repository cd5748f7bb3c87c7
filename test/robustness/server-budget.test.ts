/**
 * The language server's hard budget per lint: a lint in the worker that runs past it is stopped
 * (the worker is terminated), the document gets one "too large to analyse fully" warning, and the
 * next lint runs in a new worker.
 */
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LintBudgetExceeded, LintWorker, tooLargeAnswer } from "../../server/runner.js";

const dir = mkdtempSync(join(tmpdir(), "aslint-budget-"));
// a stand-in for the lint worker: "hang" never answers (a lint that does not end), anything else answers at once
const script = join(dir, "worker.cjs");
writeFileSync(
  script,
  `const { parentPort } = require("node:worker_threads");
parentPort.on("message", (m) => {
  if (m.text === "hang") for (;;) {}
  parentPort.postMessage({ id: m.id, diagnostics: [], definition: true });
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lint budget", () => {
  it("a lint past its budget is stopped with LintBudgetExceeded, and the next lint gets a new worker", async () => {
    const logged: string[] = [];
    const worker = new LintWorker(script, (m) => logged.push(m));
    try {
      const hang = worker.lint("hang", { filename: "x.asl.json" }, "", 300);
      const queued = worker.lint("ok", { filename: "x.asl.json" }, "", 5_000);
      await expect(hang).rejects.toBeInstanceOf(LintBudgetExceeded);
      await expect(queued).rejects.toBeInstanceOf(LintBudgetExceeded);
      expect(worker.usable).toBe(true);
      await expect(worker.lint("ok", { filename: "x.asl.json" }, "", 5_000)).resolves.toEqual({ diagnostics: [], definition: true });
      expect(logged).toEqual([]);
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
