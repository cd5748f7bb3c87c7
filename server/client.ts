/**
 * What the client said it supports in `initialize`, reduced to the choices the server makes:
 * which form of answer each feature sends and which optional exchanges it starts.
 */
import type { ClientCapabilities } from "vscode-languageserver";

export interface ClientSupport {
  snippets: boolean;
  markdownCompletion: boolean;
  markdownHover: boolean;
  hierarchicalSymbols: boolean;
  /** `documentChanges` in workspace edits (edits tied to a document version). */
  versionedEdits: boolean;
  /** `textDocument/prepareRename`. */
  prepareRename: boolean;
  /** Code action literals (else the server announces a plain `codeActionProvider: true`). */
  codeActionLiterals: boolean;
  /** `workspace/configuration`: the server may pull its settings. */
  configurationPull: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchers: boolean;
}

export function clientSupport(c: ClientCapabilities): ClientSupport {
  const td = c.textDocument;
  return {
    snippets: td?.completion?.completionItem?.snippetSupport === true,
    markdownCompletion: td?.completion?.completionItem?.documentationFormat?.includes("markdown") === true,
    markdownHover: td?.hover?.contentFormat?.includes("markdown") === true,
    hierarchicalSymbols: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    versionedEdits: c.workspace?.workspaceEdit?.documentChanges === true,
    prepareRename: td?.rename?.prepareSupport === true,
    codeActionLiterals: td?.codeAction?.codeActionLiteralSupport !== undefined,
    configurationPull: c.workspace?.configuration === true,
    dynamicConfiguration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicWatchers: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}
