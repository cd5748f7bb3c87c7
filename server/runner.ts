/**
 * The two ways to run a lint: here, on the main thread (`lintHere`), or in a worker thread
 * (`LintWorker`), so that completion and hover keep answering while a 1 MB definition is
 * linted. scheduler.ts picks one for each lint.
 */
import { Worker } from "node:worker_threads";
import { lintDocument, type LintOptions, type LintOutput } from "../src/lint.js";
import type { Diagnostic } from "../src/diagnostic.js";
import { isDefinitionRoot, uriPath } from "./analysis.js";
import { lintTemplate } from "./templates.js";

export interface LintAnswer {
  diagnostics: Diagnostic[];
  /** The top level is an object with StartAt and States. */
  definition: boolean;
  /** Present when the lint ran on this thread: the parsed document and model, reused by features. */
  output?: LintOutput;
}

export function lintHere(text: string, options: LintOptions, uri = ""): LintAnswer {
  // a template: the findings of its state machines located in it
  const templated = lintTemplate((uri.startsWith("file:") ? uriPath(uri) : undefined) ?? options.filename ?? "", text, options);
  if (templated) return { diagnostics: templated.diagnostics, definition: true };
  const output = lintDocument(text, options);
  return { diagnostics: output.diagnostics, definition: isDefinitionRoot(output.doc.root), output };
}

interface Pending {
  resolve: (a: LintAnswer) => void;
  reject: (e: Error) => void;
}

/** Marks a worker started by `LintWorker` (the bundle checks it to run the worker loop). */
export const WORKER_FLAG = "aslintLintWorker";

export class LintWorker {
  private worker?: Worker;
  private broken = false;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  get usable(): boolean {
    return !this.broken;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true }, stdout: true, stderr: true });
    w.unref();
    w.on("message", (m: { id: number; diagnostics?: Diagnostic[]; definition?: boolean; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve({ diagnostics: m.diagnostics ?? [], definition: m.definition === true });
    });
    const fail = (e: Error) => {
      this.log(`aslint: the lint worker stopped (${e.message}); linting on the main thread from now on.`);
      this.broken = true;
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => {
      if (this.worker === w && code !== 0) fail(new Error(`exit code ${code}`));
      this.worker = undefined;
    });
    this.worker = w;
    return w;
  }

  lint(text: string, options: LintOptions, uri = ""): Promise<LintAnswer> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.start().postMessage({ id, text, uri, options: { filename: options.filename, type: options.type, rules: options.rules, inputs: options.inputs } });
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
