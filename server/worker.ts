/** The lint worker thread: lints what the server posts and answers with the findings. */
import { parentPort, type MessagePort } from "node:worker_threads";
import { lintHere, lintPath } from "./runner.js";
import { loadTerraformHere, needsTerraform } from "./templates.js";
import { warmUpDefinition } from "./warm-up.js";
import type { LintOptions } from "../src/lint.js";

/**
 * Lints the worker runs after answering its first one: the same text again, the answer thrown
 * away. A new thread starts with no compiled code, and V8 optimizes the linter only once it has
 * run a few times; the warm-up at start (START_WARM_UP) does most of that, but a document's own
 * expressions are parsed (and cached) by its first lint, so the second lint of a 1 MB definition
 * is still faster than the first. The extra one runs while its user reads the first answer, so
 * their first edit is answered by warmer code. (A message that arrives meanwhile waits for it:
 * no longer than the cold lint it would otherwise have had.)
 */
const WARM_UP_LINTS = 1;

/**
 * What the `warm` message runs (the server posts it when it starts): lints of the warm-up
 * definition, one per turn of the event loop so that a document posted meanwhile is answered
 * between two of them, until this many have run or this much time has passed. Measured on the
 * bench's 1 MB definition (editor scenario, "open": didOpen to diagnostics): 380-400 ms with a
 * cold worker; 136-166 ms after 12 lints, 117-140 ms after 20 (about 0.6 s of one core).
 */
export const START_WARM_UP = { lints: 20, ms: 3000 };

/** Answers the lints posted to `port` (the thread's parent port; tests pass a channel and a lint). */
export function runLintWorker(port: Pick<MessagePort, "on" | "postMessage"> | null = parentPort, lint: typeof lintHere = lintHere): void {
  if (!port) return;
  let warmUps = WARM_UP_LINTS;
  port.on("message", (m: { id: number; text: string; options: LintOptions; uri?: string } | { warm: true }) => {
    if ("warm" in m) {
      warmUp(lint);
      return;
    }
    // a Terraform file needs the HCL parser, which this thread loads for itself (asynchronously)
    // before its first one: without it the file would be read as YAML and its findings lost
    if (needsTerraform(lintPath(m.options, m.uri))) {
      loadTerraformHere().then(
        () => answer(m),
        (e: unknown) => port.postMessage({ id: m.id, error: `the Terraform parser did not load: ${(e as Error)?.stack ?? String(e)}` }),
      );
      return;
    }
    answer(m);
  });

  function answer(m: { id: number; text: string; options: LintOptions; uri?: string }): void {
    // the lint's budget (runner.ts) starts now, not when it was posted
    port!.postMessage({ id: m.id, started: true });
    try {
      const { diagnostics, definition } = lint(m.text, m.options, m.uri);
      port!.postMessage({ id: m.id, diagnostics, definition });
    } catch (e) {
      port!.postMessage({ id: m.id, error: (e as Error)?.stack ?? String(e) });
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
  }
}

/** Lints the warm-up definition in the background (see START_WARM_UP); `done` is told how many ran. */
export function warmUp(lint: typeof lintHere, limits = START_WARM_UP, done?: (lints: number) => void): void {
  const text = warmUpDefinition();
  const until = Date.now() + limits.ms;
  let ran = 0;
  const step = () => {
    try {
      lint(text, { filename: "aslint-warm-up.asl.json" });
    } catch {
      // a warm-up that fails only leaves the code colder
    }
    ran++;
    if (ran < limits.lints && Date.now() < until) setImmediate(step);
    else done?.(ran);
  };
  setImmediate(step);
}
