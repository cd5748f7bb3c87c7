/**
 * One registration per request feature: what it announces in the `initialize` answer and
 * the handlers it installs. The features themselves (the files beside this one) are plain
 * functions of a parsed document; these registrations only find the document, read what the
 * client supports and hand the answer back.
 */
import {
  CodeActionKind,
  type Connection,
  type ServerCapabilities,
  type TextDocumentPositionParams,
} from "vscode-languageserver";
import type { Analysis } from "../analysis.js";
import type { ClientSupport } from "../client.js";
import type { OpenDocuments } from "../documents.js";
import { complete } from "./completion.js";
import { codeActions } from "./diagnostics.js";
import { hover } from "./hover.js";
import { definition, prepareRename, references, rename } from "./navigation.js";
import { documentSymbols, flatSymbols, foldingRanges } from "./outline.js";
import { definitionAt } from "../templates.js";
import { showGraph } from "./graph.js";

export interface FeatureContext {
  open: OpenDocuments;
  /** What the client supports (known once `initialize` has run, before any request). */
  client(): ClientSupport;
}

export interface Feature {
  /** Its part of the server capabilities. */
  capabilities(client: ClientSupport): ServerCapabilities;
  register(connection: Connection, ctx: FeatureContext): void;
}

/** A handler of a request at a position in a definition; null for other documents. */
function atPosition<P extends TextDocumentPositionParams, R>(ctx: FeatureContext, answer: (a: Analysis, offset: number, params: P) => R): (params: P) => R | null {
  return (params) => {
    const a = ctx.open.served(params.textDocument.uri);
    if (!a) return null;
    const offset = a.doc.lines.offset(params.position);
    // in a template, the inline definition at the cursor
    const inner = a.definitions ? definitionAt(a.definitions, offset) : a;
    return inner ? answer(inner, offset, params) : null;
  };
}

export const completion: Feature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['"', ".", "$", " "], resolveProvider: false } }),
  register(connection, ctx) {
    connection.onCompletion(atPosition(ctx, (a, offset) => complete(a, offset, { snippets: ctx.client().snippets, markdown: ctx.client().markdownCompletion })));
  },
};

export const hovers: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register(connection, ctx) {
    connection.onHover(atPosition(ctx, (a, offset) => hover(a, offset, ctx.open.currentLint(a.uri, a.version), ctx.client().markdownHover)));
  },
};

/** Go to definition, references and rename of state names. */
export const navigation: Feature = {
  capabilities: (client) => ({
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: client.prepareRename ? { prepareProvider: true } : true,
  }),
  register(connection, ctx) {
    connection.onDefinition(atPosition(ctx, (a, offset) => definition(a, offset)));
    connection.onReferences(atPosition(ctx, (a, offset, params) => references(a, offset, params.context.includeDeclaration)));
    connection.onPrepareRename(atPosition(ctx, (a, offset) => prepareRename(a, offset)));
    connection.onRenameRequest(
      atPosition(ctx, (a, offset, params) => {
        const edits = rename(a, offset, params.newName);
        return ctx.client().versionedEdits
          ? { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits }] }
          : { changes: { [a.uri]: edits } };
      }),
    );
  },
};

/** Document symbols and folding ranges. */
export const outline: Feature = {
  capabilities: () => ({ documentSymbolProvider: { label: "aslint" }, foldingRangeProvider: true }),
  register(connection, ctx) {
    connection.onDocumentSymbol((params) => {
      const a = ctx.open.served(params.textDocument.uri);
      if (!a) return null;
      // a template's inline definitions, each outlined
      const all = a.definitions ?? [a];
      return ctx.client().hierarchicalSymbols ? all.flatMap((d) => documentSymbols(d)) : all.flatMap((d) => flatSymbols(d));
    });
    connection.onFoldingRanges((params) => {
      const a = ctx.open.served(params.textDocument.uri);
      return a ? (a.definitions ?? [a]).flatMap((d) => foldingRanges(d)) : null;
    });
  },
};

/** The fixes of the current version's findings, as quick-fix code actions. */
export const quickFixes: Feature = {
  capabilities: (client) => ({ codeActionProvider: client.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : true }),
  register(connection, ctx) {
    connection.onCodeAction((params) => {
      if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + "."))) return [];
      const doc = ctx.open.get(params.textDocument.uri);
      if (!doc) return null;
      const diagnostics = ctx.open.currentLint(doc.uri, doc.version);
      if (!diagnostics) return [];
      const a = ctx.open.served(doc.uri);
      if (!a) return [];
      return codeActions({
        uri: doc.uri,
        version: doc.version,
        diagnostics,
        lines: a.doc.lines,
        context: params.context.diagnostics,
        range: params.range,
        versioned: ctx.client().versionedEdits,
      });
    });
  },
};

/** In the order their capabilities are announced. */
export const FEATURES: readonly Feature[] = [completion, hovers, navigation, outline, quickFixes, showGraph];
