/**
 * The aslint language server: wires the engine and the editor features to an LSP
 * connection. Transport-agnostic: main.ts (the bin), command.ts (`aslint lsp`) and the
 * tests each bring their own connection.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../src/diagnostic.js";
import type { LintOptions } from "../src/lint.js";
import { VERSION } from "../src/version.js";
import { analyze, filenameFor, isAslName, mayBeDefinition, sniff, uriPath, type Analysis } from "./analysis.js";
import { DEFAULT_SETTINGS, ProjectConfigs, parseSettings, type EditorSettings } from "./settings.js";
import { LintBudgetExceeded, LintWorker, lintHere, tooLargeAnswer, type LintAnswer } from "./runner.js";
import { toLspDiagnostic, codeActions } from "./features/diagnostics.js";
import { complete } from "./features/completion.js";
import { hover } from "./features/hover.js";
import { definition, prepareRename, references, rename } from "./features/navigation.js";
import { documentSymbols, flatSymbols, foldingRanges } from "./features/outline.js";

export interface ServerOptions {
  /** A script that runs the lint worker when started as a worker thread (the bundled server). */
  workerScript?: string;
  /** Documents at least this long (characters) are linted in the worker. Default 200,000. */
  workerThreshold?: number;
  /** How long a lint in the worker may run before it is stopped and the document reported too large to analyse. Default 10 s. */
  lintBudgetMs?: number;
  /** A lint on the main thread that takes at least this long sends the document's later lints to the worker, under its budget. Default 500 ms (a small document lints in a few). */
  slowLintMs?: number;
}

interface LintRecord {
  version: number;
  diagnostics: Diagnostic[];
}

interface Capabilities {
  snippets: boolean;
  markdownCompletion: boolean;
  markdownHover: boolean;
  hierarchicalSymbols: boolean;
  versionedEdits: boolean;
  configurationPull: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchers: boolean;
}

function capabilitiesOf(c: ClientCapabilities): Capabilities {
  const td = c.textDocument;
  return {
    snippets: td?.completion?.completionItem?.snippetSupport === true,
    markdownCompletion: td?.completion?.completionItem?.documentationFormat?.includes("markdown") === true,
    markdownHover: td?.hover?.contentFormat?.includes("markdown") === true,
    hierarchicalSymbols: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    versionedEdits: c.workspace?.workspaceEdit?.documentChanges === true,
    configurationPull: c.workspace?.configuration === true,
    dynamicConfiguration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicWatchers: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  const lints = new Map<string, LintRecord>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each document last changed (leading-edge debounce). */
  const lastChange = new Map<string, number>();
  const published = new Set<string>();
  const seen = new Set<string>();
  /** Documents whose last lint on this thread took long: linted in the worker from then on, under its budget. */
  const slow = new Set<string>();
  const shownWarnings = new Set<string>();
  const warn = (message: string) => {
    connection.console.warn(message);
    if (!shownWarnings.has(message)) {
      shownWarnings.add(message);
      void connection.window.showWarningMessage(message);
    }
  };
  const configs = new ProjectConfigs(warn);
  const threshold = options.workerThreshold ?? 200_000;
  const worker = options.workerScript ? new LintWorker(options.workerScript, (m) => connection.console.warn(m)) : undefined;
  let initSettings: EditorSettings = DEFAULT_SETTINGS;
  let settings: EditorSettings = DEFAULT_SETTINGS;
  let caps: Capabilities = capabilitiesOf({});

  // -------------------------------------------------------------------------------------
  // lifecycle

  connection.onInitialize((params): InitializeResult => {
    caps = capabilitiesOf(params.capabilities);
    initSettings = parseSettings(params.initializationOptions, DEFAULT_SETTINGS, warn);
    settings = initSettings;
    const prepare = params.capabilities.textDocument?.rename?.prepareSupport === true;
    const literalActions = params.capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['"', ".", "$", " "], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: prepare ? { prepareProvider: true } : true,
        documentSymbolProvider: { label: "aslint" },
        foldingRangeProvider: true,
        codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
      },
      serverInfo: { name: "aslint-language-server", version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (caps.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "aslint" }).catch(() => undefined);
    }
    if (caps.dynamicWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/.aslintrc.json" }] }).catch(() => undefined);
    }
    // documents opened before the answer came are linted again with the pulled settings
    if (caps.configurationPull && (await pullSettings())) relintAll();
  });

  /** Asks the client for the "aslint" section; true when it answered with settings. */
  async function pullSettings(): Promise<boolean> {
    try {
      const pulled = await connection.workspace.getConfiguration("aslint");
      if (pulled && typeof pulled === "object" && Object.keys(pulled).length > 0) {
        settings = parseSettings(pulled, initSettings, warn);
        return true;
      }
    } catch {
      // the client does not answer workspace/configuration: keep what we have
    }
    return false;
  }

  connection.onDidChangeConfiguration(async (params) => {
    const raw = params.settings as Record<string, unknown> | null | undefined;
    if (raw && typeof raw === "object" && raw.aslint && typeof raw.aslint === "object") settings = parseSettings(raw.aslint, initSettings, warn);
    else if (caps.configurationPull) await pullSettings();
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith("/.aslintrc.json") || c.uri.endsWith("\\.aslintrc.json"))) {
      configs.clear();
      relintAll();
    }
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    worker?.dispose();
  });

  // -------------------------------------------------------------------------------------
  // documents and diagnostics

  documents.onDidChangeContent(({ document }) => {
    analyses.delete(document.uri);
    const first = !seen.has(document.uri);
    seen.add(document.uri);
    // the first change after a pause is linted at once; only a burst of changes waits for the
    // debounce, so a single edit gets its diagnostics in the time of one lint
    const now = Date.now();
    const previous = lastChange.get(document.uri);
    lastChange.set(document.uri, now);
    const idle = previous === undefined || now - previous >= settings.debounce;
    schedule(document.uri, first || (idle && !timers.has(document.uri)) ? 0 : settings.debounce);
  });

  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    analyses.delete(uri);
    lints.delete(uri);
    seen.delete(uri);
    slow.delete(uri);
    lastChange.delete(uri);
    if (published.delete(uri) || isAslName(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  documents.onDidSave(({ document }) => {
    if (/[\\/]\.aslintrc\.json$/.test(uriPath(document.uri) ?? "")) {
      configs.clear();
      relintAll();
    }
  });

  function relintAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  function schedule(uri: string, delay: number): void {
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void lintNow(uri).catch((e) => connection.console.error(`aslint: lint failed for ${uri}: ${(e as Error)?.stack ?? e}`));
      }, delay),
    );
  }

  function lintOptions(doc: TextDocument): LintOptions {
    const filename = filenameFor(doc.uri, doc.languageId);
    const path = doc.uri.startsWith("file:") ? uriPath(doc.uri) : undefined;
    const project = settings.configFile && path ? configs.settingsFor(path) : { type: undefined, rules: {} };
    return { filename, type: settings.type ?? project.type, rules: { ...project.rules, ...settings.rules } };
  }

  async function lintNow(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const named = isAslName(uri);
    const text = doc.getText();
    if (!named && (!mayBeDefinition(uri, doc.languageId) || !sniff(text))) {
      clear(uri);
      return;
    }
    const lintOpts = lintOptions(doc);
    let answer: LintAnswer;
    if (worker?.usable && (text.length >= threshold || slow.has(uri))) {
      try {
        answer = await worker.lint(text, lintOpts, options.lintBudgetMs);
      } catch (e) {
        // a lint stopped at its budget is not run again here: that would stop the server instead
        if (e instanceof LintBudgetExceeded) answer = tooLargeAnswer(e);
        else {
          connection.console.warn(`aslint: worker lint failed (${(e as Error).message}); linting here.`);
          answer = lintHere(text, lintOpts);
        }
      }
    } else {
      const t0 = Date.now();
      answer = lintHere(text, lintOpts);
      if (Date.now() - t0 >= (options.slowLintMs ?? 500)) slow.add(uri);
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // stale: a newer lint is scheduled
    if (!named && !answer.definition) {
      clear(uri);
      return;
    }
    if (answer.output) {
      // reuse the parse for the features
      const { doc: parsed, machine } = answer.output;
      analyses.set(uri, { uri, version, text, filename: lintOpts.filename!, doc: parsed, machine, applicable: true });
    }
    lints.set(uri, { version, diagnostics: answer.diagnostics });
    published.add(uri);
    await connection.sendDiagnostics({ uri, version, diagnostics: answer.diagnostics.map(toLspDiagnostic) });
  }

  function clear(uri: string): void {
    lints.delete(uri);
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The parsed current version of a document (parsed here if the lint has not run yet). */
  function analysisFor(uri: string): Analysis | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = analyses.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const a = analyze(uri, doc.version, doc.getText(), doc.languageId);
    analyses.set(uri, a);
    return a;
  }

  function currentLint(uri: string, version: number): Diagnostic[] | undefined {
    const l = lints.get(uri);
    return l && l.version === version ? l.diagnostics : undefined;
  }

  // -------------------------------------------------------------------------------------
  // features

  connection.onCompletion((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return complete(a, a.doc.lines.offset(params.position), { snippets: caps.snippets, markdown: caps.markdownCompletion });
  });

  connection.onHover((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return hover(a, a.doc.lines.offset(params.position), currentLint(a.uri, a.version), caps.markdownHover);
  });

  connection.onDefinition((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return definition(a, a.doc.lines.offset(params.position));
  });

  connection.onReferences((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return references(a, a.doc.lines.offset(params.position), params.context.includeDeclaration);
  });

  connection.onPrepareRename((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return prepareRename(a, a.doc.lines.offset(params.position));
  });

  connection.onRenameRequest((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    const edits = rename(a, a.doc.lines.offset(params.position), params.newName);
    return caps.versionedEdits
      ? { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits }] }
      : { changes: { [a.uri]: edits } };
  });

  connection.onDocumentSymbol((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return caps.hierarchicalSymbols ? documentSymbols(a) : flatSymbols(a);
  });

  connection.onFoldingRanges((params) => {
    const a = analysisFor(params.textDocument.uri);
    if (!a?.applicable) return null;
    return foldingRanges(a);
  });

  connection.onCodeAction((params) => {
    if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + "."))) return [];
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const diagnostics = currentLint(doc.uri, doc.version);
    if (!diagnostics) return [];
    const a = analysisFor(doc.uri);
    if (!a?.applicable) return [];
    return codeActions({
      uri: doc.uri,
      version: doc.version,
      diagnostics,
      lines: a.doc.lines,
      context: params.context.diagnostics,
      range: params.range,
      versioned: caps.versionedEdits,
    });
  });

  documents.listen(connection);
  connection.listen();
}
