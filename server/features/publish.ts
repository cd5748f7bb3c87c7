/**
 * The diagnostics feature: every open document that is a definition is linted as it
 * changes (scheduler.ts decides when), and the findings of its current version are
 * published; a document that stops being one, or closes, gets an empty list.
 */
import type { Connection } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isAslName, mayBeDefinition, sniff } from "../analysis.js";
import type { OpenDocuments } from "../documents.js";
import type { LintAnswer } from "../runner.js";
import type { LintJob, LintScheduler } from "../scheduler.js";
import type { Settings } from "../settings.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { mayBeTemplate } from "../templates.js";

export class Publisher {
  /** Documents whose last published list is not empty. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly open: OpenDocuments,
    private readonly settings: Settings,
  ) {}

  /** The lint this version needs: none when it is plainly not a definition (then cleared). */
  jobFor(doc: TextDocument): LintJob | undefined {
    const text = doc.getText();
    if ((!isAslName(doc.uri) && (!mayBeDefinition(doc.uri, doc.languageId) || !sniff(text)) && !mayBeTemplate(doc.uri, text)) || this.settings.ignores(doc)) {
      this.clear(doc.uri);
      return undefined;
    }
    return { uri: doc.uri, version: doc.version, text, options: this.settings.lintOptions(doc) };
  }

  /** Publishes the findings of a current version (or clears them: the text is no definition). */
  async finished(job: LintJob, answer: LintAnswer): Promise<void> {
    const { uri, version, text } = job;
    if (!isAslName(uri) && !answer.definition) {
      this.clear(uri);
      return;
    }
    // reuse the parse for the features
    const parsed = answer.output && { uri, version, text, filename: job.options.filename!, doc: answer.output.doc, machine: answer.output.machine, applicable: true };
    this.open.linted(uri, version, answer.diagnostics, parsed);
    this.published.add(uri);
    await this.connection.sendDiagnostics({ uri, version, diagnostics: answer.diagnostics.map(toLspDiagnostic) });
  }

  closed(uri: string): void {
    if (this.published.delete(uri) || isAslName(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private clear(uri: string): void {
    this.open.dropLint(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

/** Lints documents as they open, change and close, and publishes what the lints find. */
export function registerDiagnostics(open: OpenDocuments, scheduler: LintScheduler, publisher: Publisher): void {
  open.texts.onDidChangeContent(({ document }) => {
    open.changed(document.uri);
    scheduler.changed(document.uri);
  });
  open.texts.onDidClose(({ document }) => {
    const uri = document.uri;
    scheduler.closed(uri);
    open.closed(uri);
    publisher.closed(uri);
  });
}
