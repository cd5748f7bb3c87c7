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

/** A lint for the worker: waiting in the queue, or the one the worker has. */
interface Job {
  id: number;
  text: string;
  options: LintOptions;
  uri: string;
  budgetMs: number;
  resolve: (a: LintAnswer) => void;
  reject: (e: Error) => void;
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
  /**
   * Lints wait here and the worker is given one at a time, so that each one's budget counts its
   * own time only (not the time it waited behind others), and a lint stopped at its budget takes
   * no other down with it: the ones still queued run in the next worker.
   */
  private readonly queue: Job[] = [];
  /** The lint the worker has, and its budget timer. */
  private current?: { job: Job; timer: ReturnType<typeof setTimeout> };

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
    w.on("message", (m: { id: number; started?: boolean; diagnostics?: Diagnostic[]; definition?: boolean; error?: string }) => {
      const c = this.current;
      if (this.worker !== w || !c || c.job.id !== m.id) return;
      clearTimeout(c.timer);
      // the worker starts this lint now (it may have finished a warm-up lint first): its budget starts now
      if (m.started) {
        c.timer = this.budgetTimer(c.job);
        return;
      }
      this.current = undefined;
      if (m.error !== undefined) c.job.reject(new Error(m.error));
      else c.job.resolve({ diagnostics: m.diagnostics ?? [], definition: m.definition === true });
      this.next();
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
      const c = this.current;
      this.current = undefined;
      if (c) {
        clearTimeout(c.timer);
        c.job.reject(memory ? new LintBudgetExceeded(`needed more than ${WORKER_HEAP_MB} MB`) : e);
      }
      // the queued ones: in a new worker, or (the worker is broken) here, by the scheduler
      if (memory) this.next();
      else for (const job of this.queue.splice(0)) job.reject(e);
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
   * Lints in the worker. Past `budgetMs` (counted from when the worker starts this lint) the
   * worker is stopped (a lint cannot be interrupted any other way) and the answer is a
   * LintBudgetExceeded; the lints queued behind it run in a new worker.
   */
  lint(text: string, options: LintOptions, uri = "", budgetMs = LINT_BUDGET_MS): Promise<LintAnswer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, text, options, uri, budgetMs, resolve, reject });
      this.next();
    });
  }

  /** Gives the worker the next queued lint, when it has none. */
  private next(): void {
    while (!this.current && this.queue.length > 0) {
      const job = this.queue.shift()!;
      try {
        this.start().postMessage({ id: job.id, text: job.text, uri: job.uri, options: workerOptions(job.options) });
      } catch (e) {
        job.reject(e as Error);
        continue;
      }
      // armed now too, in case the worker never says it started: restarted when it does
      this.current = { job, timer: this.budgetTimer(job) };
    }
  }

  private budgetTimer(job: Job): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      if (this.current?.job !== job) return;
      this.current = undefined;
      const w = this.worker;
      this.worker = undefined;
      void w?.terminate();
      job.reject(new LintBudgetExceeded(`took more than ${job.budgetMs / 1000} s`));
      this.next();
    }, job.budgetMs);
    timer.unref?.();
    return timer;
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
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    this.queue.length = 0;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
