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
import { severityUnder } from "../src/report.js";
import { analysisBudget } from "../src/rules/analysis-budget.js";

export interface LintAnswer {
  diagnostics: Diagnostic[];
  /** The top level is an object with StartAt and States. */
  definition: boolean;
  /** Present when the lint ran on this thread: the parsed document and model, reused by features. */
  output?: LintOutput;
}

/** The file a lint reads the document as: its path for a file: URI, else the options' file name. */
export function lintPath(options: LintOptions, uri = ""): string {
  return (uri.startsWith("file:") ? uriPath(uri) : undefined) ?? options.filename ?? "";
}

export function lintHere(text: string, options: LintOptions, uri = ""): LintAnswer {
  // a template: the findings of its state machines located in it
  const templated = lintTemplate(lintPath(options, uri), text, options);
  if (templated) return { diagnostics: templated.diagnostics, definition: true };
  const output = lintDocument(text, options);
  return { diagnostics: output.diagnostics, definition: isDefinitionRoot(output.doc.root), output };
}

interface Pending {
  resolve: (a: LintAnswer) => void;
  reject: (e: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** How long one lint in the worker may take before it is stopped (the server's default). */
export const LINT_BUDGET_MS = 10_000;
/** The worker's heap limit: a document that needs more stops the lint, not the server. */
const WORKER_HEAP_MB = 1536;

/** A lint stopped because it ran past its time budget or out of the worker's memory. */
export class LintBudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(`the lint ${why}`);
  }
}

/**
 * What the editor shows for a document whose lint was stopped: one warning at its start, instead
 * of findings that would be incomplete (and instead of a server that no longer answers).
 */
export function tooLargeAnswer(e: LintBudgetExceeded, options: Pick<LintOptions, "rules"> = {}): LintAnswer {
  const { meta } = analysisBudget;
  const rules = options.rules;
  const severity = severityUnder(rules && Object.hasOwn(rules, meta.id) ? rules[meta.id] : undefined, meta.severity);
  if (!severity) return { definition: true, diagnostics: [] };
  return {
    definition: true,
    diagnostics: [
      {
        rule: meta.id,
        code: meta.code!,
        severity,
        message: `This document is too large to analyse fully: ${e.message} and was stopped, so no findings are shown for this version. Run \`aslint\` on the file for the full check, or split the definition.`,
        location: "/",
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        offset: 0,
        length: 0,
        basis: meta.basis,
      },
    ],
  };
}

/**
 * What a lint in the worker is told: the options the server sets (settings.ts), every one of
 * them, so that the worker's findings are the main thread's (suppressions included: inline
 * `# aslint-disable-next-line` comments and the config's apply only when they are given).
 */
export function workerOptions(options: LintOptions): LintOptions {
  return { filename: options.filename, type: options.type, rules: options.rules, inputs: options.inputs, suppressions: options.suppressions };
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
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true }, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.unref();
    w.on("message", (m: { id: number; diagnostics?: Diagnostic[]; definition?: boolean; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (p.timer) clearTimeout(p.timer);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve({ diagnostics: m.diagnostics ?? [], definition: m.definition === true });
    });
    const fail = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      // out of memory: that document's fault, not the worker's; the next lint starts a new one
      const memory = (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      if (!memory) {
        this.log(`aslint: the lint worker stopped (${e.message}); linting on the main thread from now on.`);
        this.broken = true;
      }
      for (const p of this.pending.values()) {
        if (p.timer) clearTimeout(p.timer);
        p.reject(memory ? new LintBudgetExceeded(`needed more than ${WORKER_HEAP_MB} MB`) : e);
      }
      this.pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => {
      if (this.worker === w && code !== 0) fail(new Error(`exit code ${code}`));
      if (this.worker === w) this.worker = undefined;
    });
    this.worker = w;
    return w;
  }

  /**
   * Lints in the worker. Past `budgetMs` the worker is stopped (a lint cannot be interrupted any
   * other way) and the answer is a LintBudgetExceeded; the next lint starts a new worker.
   */
  lint(text: string, options: LintOptions, uri = "", budgetMs = LINT_BUDGET_MS): Promise<LintAnswer> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        const w = this.worker;
        this.worker = undefined;
        // the other lints queued behind it die with the worker: they are asked again by their documents' next change
        for (const other of this.pending.values()) {
          if (other.timer) clearTimeout(other.timer);
          other.reject(new LintBudgetExceeded(`waited behind one that took more than ${budgetMs / 1000} s`));
        }
        this.pending.clear();
        void w?.terminate();
        p.reject(new LintBudgetExceeded(`took more than ${budgetMs / 1000} s`));
      }, budgetMs);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.start().postMessage({ id, text, uri, options: workerOptions(options) });
      } catch (e) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(e as Error);
      }
    });
  }

  /** Starts the worker, unless it runs already, and has it compile the linter on a definition of its own (see worker.ts), so that the first large document is linted by warm code. */
  prewarm(): void {
    if (this.broken || this.worker) return;
    try {
      this.start().postMessage({ warm: true });
    } catch (e) {
      this.log(`aslint: could not start the lint worker (${(e as Error).message}); linting on the main thread.`);
    }
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
