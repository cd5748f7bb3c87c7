/**
 * When and where each open document is linted. A change is linted at once after a pause
 * and after the debounce in a burst; a large document is linted in the worker thread
 * (runner.ts), a small one on this thread but never inside a request handler; an answer
 * for a version that is no longer the document's current one is dropped. What to lint and
 * what to do with the answer are the caller's (features/publish.ts).
 *
 * Every lint in the worker runs under a budget (time, and the worker's heap): one past it is
 * stopped with the worker and the document gets one `analysis-budget` warning instead of a
 * dead server. A document whose lint on this thread was slow goes to the worker from then on,
 * so that it is under the budget too.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintOptions } from "../src/lint.js";
import { LintBudgetExceeded, LintWorker, lintHere, tooLargeAnswer, type LintAnswer } from "./runner.js";

/** One lint of one version of a document. */
export interface LintJob {
  uri: string;
  version: number;
  text: string;
  options: LintOptions;
}

export interface SchedulerOptions {
  /** The open document with this URI, in its current version. */
  document(uri: string): TextDocument | undefined;
  /** The lint this version of the document needs, or undefined when it needs none. */
  jobFor(doc: TextDocument): LintJob | undefined;
  /** Takes the answer of a lint whose version is still the document's current one. */
  finished(job: LintJob, answer: LintAnswer): Promise<void>;
  /** Milliseconds between the last change of a burst and its lint (read at each change). */
  debounce(): number;
  log: { warn(message: string): void; error(message: string): void };
  /** A script that runs the lint worker when started as a worker thread (the bundled server). */
  workerScript?: string;
  /** Documents at least this long (characters) are linted in the worker. Default 200,000. */
  workerThreshold?: number;
  /** How long a lint in the worker may run before it is stopped and the document reported too large to analyse. Default 10 s. */
  lintBudgetMs?: number;
  /** A lint on this thread that takes at least this long sends the document's later lints to the worker, under its budget. Default 500 ms (a small document lints in a few). */
  slowLintMs?: number;
  /**
   * Start the worker once a first definition has been linted here (a small one: a large one
   * starts it anyway) and warm it up on a definition of its own (worker.ts), so that a large
   * document opened later gets compiled code. Default true. A workspace without definitions
   * never starts the worker (a thread costs about 50-60 MB).
   */
  prewarm?: boolean;
}

export class LintScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each document last changed (leading-edge debounce). */
  private readonly lastChange = new Map<string, number>();
  private readonly seen = new Set<string>();
  /** Documents whose last lint on this thread took long: linted in the worker from then on, under its budget. */
  private readonly slow = new Set<string>();
  private readonly worker?: LintWorker;
  private readonly threshold: number;

  constructor(private readonly options: SchedulerOptions) {
    this.threshold = options.workerThreshold ?? 200_000;
    if (options.workerScript) this.worker = new LintWorker(options.workerScript, (m) => options.log.warn(m));
  }

  /** A document was opened or changed. */
  changed(uri: string): void {
    const first = !this.seen.has(uri);
    this.seen.add(uri);
    // the first change after a pause is linted at once; only a burst of changes waits for the
    // debounce, so a single edit gets its diagnostics in the time of one lint
    const debounce = this.options.debounce();
    const now = Date.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    const idle = previous === undefined || now - previous >= debounce;
    this.schedule(uri, first || (idle && !this.timers.has(uri)) ? 0 : debounce);
  }

  /** Lints these documents again as soon as possible (the settings changed). */
  relint(uris: Iterable<string>): void {
    for (const uri of uris) this.schedule(uri, 0);
  }

  /** A document was closed: its pending lint is dropped. */
  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.seen.delete(uri);
    this.slow.delete(uri);
    this.lastChange.delete(uri);
  }

  /** The server shuts down: pending lints are dropped and the worker stops. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.worker?.dispose();
  }

  private schedule(uri: string, delay: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintNow(uri).catch((e) => this.options.log.error(`aslint: lint failed for ${uri}: ${(e as Error)?.stack ?? e}`));
      }, delay),
    );
  }

  private async lintNow(uri: string): Promise<void> {
    const doc = this.options.document(uri);
    if (!doc) return;
    const job = this.options.jobFor(doc);
    if (!job) return;
    const answer = await this.run(job);
    const current = this.options.document(uri);
    if (!current || current.version !== job.version) return; // stale: a newer lint is scheduled
    await this.options.finished(job, answer);
  }

  /** Lints in the worker, under the budget, when the document is large or was slow and the worker works; else here. */
  private async run(job: LintJob): Promise<LintAnswer> {
    if (!this.worker?.usable || (job.text.length < this.threshold && !this.slow.has(job.uri))) {
      const t0 = Date.now();
      const answer = lintHere(job.text, job.options, job.uri);
      if (Date.now() - t0 >= (this.options.slowLintMs ?? 500)) this.slow.add(job.uri);
      if (answer.definition && this.options.prewarm !== false) this.worker?.prewarm();
      return answer;
    }
    try {
      return await this.worker.lint(job.text, job.options, job.uri, this.options.lintBudgetMs);
    } catch (e) {
      // a lint stopped at its budget is not run again here: that would stop the server instead
      if (e instanceof LintBudgetExceeded) return tooLargeAnswer(e, job.options);
      this.options.log.warn(`aslint: worker lint failed (${(e as Error).message}); linting here.`);
      return lintHere(job.text, job.options, job.uri);
    }
  }
}
