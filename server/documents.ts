/**
 * The open documents and what the server knows of each one's current version: its parsed
 * form (read by every feature) and the findings of its last lint (read by hover and quick
 * fixes). Both are kept only for the version they were made from.
 */
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../src/diagnostic.js";
import { analyze, type Analysis } from "./analysis.js";

interface LintRecord {
  version: number;
  diagnostics: Diagnostic[];
}

export class OpenDocuments {
  /** The texts, kept in sync with the editor once `listen` is called on them. */
  readonly texts = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis>();
  private readonly lints = new Map<string, LintRecord>();

  get(uri: string): TextDocument | undefined {
    return this.texts.get(uri);
  }

  /** The parsed current version of a document (parsed here if the lint has not run yet). */
  analysisFor(uri: string): Analysis | undefined {
    const doc = this.texts.get(uri);
    if (!doc) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const a = analyze(uri, doc.version, doc.getText(), doc.languageId);
    this.analyses.set(uri, a);
    return a;
  }

  /** The analysis of a document served by the features: undefined when it is not a definition. */
  served(uri: string): Analysis | undefined {
    const a = this.analysisFor(uri);
    return a?.applicable ? a : undefined;
  }

  /** Findings of the lint of this version, when that lint has finished. */
  currentLint(uri: string, version: number): Diagnostic[] | undefined {
    const l = this.lints.get(uri);
    return l && l.version === version ? l.diagnostics : undefined;
  }

  /** A finished lint, and the parse it made (reused by the features) when it ran on this thread. */
  linted(uri: string, version: number, diagnostics: Diagnostic[], analysis?: Analysis): void {
    if (analysis) this.analyses.set(uri, analysis);
    this.lints.set(uri, { version, diagnostics });
  }

  /** The document is no longer linted (it is not a definition). */
  dropLint(uri: string): void {
    this.lints.delete(uri);
  }

  changed(uri: string): void {
    this.analyses.delete(uri);
  }

  closed(uri: string): void {
    this.analyses.delete(uri);
    this.lints.delete(uri);
  }
}
