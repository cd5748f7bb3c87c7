/**
 * `aslint.showGraph` (workspace/executeCommand): the picture of an open definition, with the
 * faults of its last lint on it, for an editor extension to show in a panel. Arguments: the
 * document's URI (a string, or `{ uri, format }` with format svg, mermaid or dot). Answers
 * `{ uri, version, format, picture }`, `{ uri, version, error }` when the picture is too large to
 * lay out, or null for a document that is not an open definition.
 */
import type { Connection, ExecuteCommandParams, ServerCapabilities } from "vscode-languageserver";
import { GraphTooLarge, graphOf, isGraphFormat, render, type GraphFormat } from "../../src/graph/index.js";
import type { OpenDocuments } from "../documents.js";

export const SHOW_GRAPH = "aslint.showGraph";

export interface ShowGraphAnswer {
  uri: string;
  version: number;
  format?: GraphFormat;
  /** The picture (an SVG document by default). */
  picture?: string;
  /** Why there is no picture. */
  error?: string;
}

function argumentsOf(params: ExecuteCommandParams): { uri?: string; format: GraphFormat } {
  const first = params.arguments?.[0] as unknown;
  if (typeof first === "string") return { uri: first, format: "svg" };
  if (first && typeof first === "object") {
    const { uri, format } = first as { uri?: unknown; format?: unknown };
    return { uri: typeof uri === "string" ? uri : undefined, format: typeof format === "string" && isGraphFormat(format) ? format : "svg" };
  }
  return { format: "svg" };
}

/** A feature (features/index.ts lists it), written against what it reads of the server. */
export const showGraph = {
  capabilities: (): ServerCapabilities => ({ executeCommandProvider: { commands: [SHOW_GRAPH] } }),
  register(connection: Connection, ctx: { open: OpenDocuments }): void {
    connection.onExecuteCommand(async (params): Promise<ShowGraphAnswer | null> => {
      if (params.command !== SHOW_GRAPH) return null;
      const { uri, format } = argumentsOf(params);
      const a = uri === undefined ? undefined : ctx.open.served(uri);
      if (!a) return null;
      // the findings the editor shows, when the lint of this version has finished; else a lint with the defaults
      const diagnostics = ctx.open.currentLint(a.uri, a.version);
      const graph = graphOf(a.text, { filename: a.filename, diagnostics });
      if (!graph) return { uri: a.uri, version: a.version, error: "This document holds no state machine." };
      try {
        return { uri: a.uri, version: a.version, format, picture: await render(graph, { format, title: a.filename }) };
      } catch (e) {
        if (e instanceof GraphTooLarge) return { uri: a.uri, version: a.version, error: `The picture is ${e.message}` };
        throw e;
      }
    });
  },
};
