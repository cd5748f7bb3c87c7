/**
 * The aslint language server: wires the engine and the editor features to an LSP
 * connection. Transport-agnostic: main.ts (the bin, which `aslint lsp` runs too) and the
 * tests each bring their own connection.
 *
 * The parts: client.ts (what the client supports), settings.ts (editor settings over
 * `.aslintrc.json`), documents.ts (the open documents and what is known of their current
 * versions), scheduler.ts (when and where each lint runs), features/publish.ts (what the
 * lints find, published) and features/index.ts (one registration per request feature).
 */
import { TextDocumentSyncKind, type Connection, type InitializeResult } from "vscode-languageserver";
import { VERSION } from "../src/version.js";
import { clientSupport, type ClientSupport } from "./client.js";
import { OpenDocuments } from "./documents.js";
import { LintScheduler, type SchedulerOptions } from "./scheduler.js";
import { Settings, registerSettings, settingsWarnings } from "./settings.js";
import { Publisher, registerDiagnostics } from "./features/publish.js";
import { FEATURES } from "./features/index.js";
import { watchTerraform } from "./templates.js";

export type ServerOptions = Pick<SchedulerOptions, "workerScript" | "workerThreshold" | "lintBudgetMs" | "slowLintMs" | "prewarm">;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  let client: ClientSupport = clientSupport({});
  const settings = new Settings(settingsWarnings(connection));
  const open = new OpenDocuments();
  const publisher = new Publisher(connection, open, settings);
  const scheduler = new LintScheduler({
    document: (uri) => open.get(uri),
    jobFor: (doc) => publisher.jobFor(doc),
    finished: (job, answer) => publisher.finished(job, answer),
    debounce: () => settings.editor.debounce,
    log: connection.console,
    workerScript: options.workerScript,
    workerThreshold: options.workerThreshold,
    lintBudgetMs: options.lintBudgetMs,
    slowLintMs: options.slowLintMs,
    prewarm: options.prewarm,
  });

  connection.onInitialize((params): InitializeResult => {
    client = clientSupport(params.capabilities);
    settings.initialize(params.initializationOptions);
    return {
      capabilities: Object.assign(
        { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } },
        ...FEATURES.map((f) => f.capabilities(client)),
      ),
      serverInfo: { name: "aslint-language-server", version: VERSION },
    };
  });
  connection.onShutdown(() => scheduler.dispose());

  registerSettings(connection, settings, open.texts, () => client, () => scheduler.relint(open.texts.keys()));
  registerDiagnostics(open, scheduler, publisher);
  watchTerraform(open.texts, (uris) => scheduler.relint(uris));
  for (const feature of FEATURES) feature.register(connection, { open, client: () => client });

  open.texts.listen(connection);
  connection.listen();
}
