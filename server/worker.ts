/** The lint worker thread: lints what the server posts and answers with the findings. */
import { parentPort } from "node:worker_threads";
import { lintHere } from "./runner.js";
import type { LintOptions } from "../src/lint.js";

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on("message", (m: { id: number; text: string; options: LintOptions }) => {
    try {
      const { diagnostics, definition } = lintHere(m.text, m.options);
      port.postMessage({ id: m.id, diagnostics, definition });
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error)?.stack ?? String(e) });
    }
  });
}
