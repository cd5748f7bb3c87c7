/**
 * The VS Code extension: a thin client that starts aslint's language server (bundled beside it,
 * server/aslint-language-server.cjs) for JSON and YAML documents. The server decides which
 * documents are definitions, reads `.aslintrc.json` and the "aslint" settings, and does the
 * rest: diagnostics, quick fixes, completion, hover, navigation.
 */
import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath("server/aslint-language-server.cjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const clientOptions: LanguageClientOptions = {
    // every JSON and YAML document: the server answers only for definitions (by name or content)
    documentSelector: ["json", "jsonc", "yaml", "asl", "asl-yaml"].flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    synchronize: {
      configurationSection: "aslint",
      // project files, and input examples (a definition is linted with its <name>.input.json)
      fileEvents: [workspace.createFileSystemWatcher("**/.aslintrc.json"), workspace.createFileSystemWatcher("**/*.input.json")],
    },
  };
  client = new LanguageClient("aslint", "aslint", serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
