/** The lint worker thread: lints what the server posts and answers with the findings. */
import { parentPort, type MessagePort } from "node:worker_threads";
import { lintHere } from "./runner.js";
import type { LintOptions } from "../src/lint.js";

/**
 * Lints the worker runs after answering its first one: the same text again, the answer thrown
 * away. A new thread starts with no compiled code, and V8 optimizes the linter only once it has
 * run a few times, so the first two lints of a 1 MB definition take 340-430 ms each and later
 * ones 50-110 ms. The first lint answers the document just opened; the extra one runs while its
 * user reads it, so their first edit is answered by warmer code. (A message that arrives
 * meanwhile waits for it: no longer than the cold lint it would otherwise have had.)
 */
const WARM_UP_LINTS = 1;

/** Answers the lints posted to `port` (the thread's parent port; tests pass a channel and a lint). */
export function runLintWorker(port: Pick<MessagePort, "on" | "postMessage"> | null = parentPort, lint: typeof lintHere = lintHere): void {
  if (!port) return;
  let warmUps = WARM_UP_LINTS;
  port.on("message", (m: { id: number; text: string; options: LintOptions; uri?: string }) => {
    try {
      const { diagnostics, definition } = lint(m.text, m.options, m.uri);
      port.postMessage({ id: m.id, diagnostics, definition });
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error)?.stack ?? String(e) });
    }
    if (warmUps > 0) {
      warmUps--;
      // setImmediate: a message already waiting is answered first
      setImmediate(() => {
        try {
          lint(m.text, m.options, m.uri);
        } catch {
          // the answer above already carried the error
        }
      });
    }
  });
}
