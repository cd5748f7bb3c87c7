/**
 * Which documents the server serves, and the parsed form of a document version that the
 * editor features read (tree, model, line index). Parsing is cheap next to a full lint,
 * so a request on a version that has not been linted yet parses it here and never waits
 * for the lint.
 */
import { fileURLToPath } from "node:url";
import { LineIndex, parseDocumentText, syntaxFor, type ParsedDocument, type Node } from "../src/parse/index.js";
import { buildMachine, type Machine } from "../src/model/index.js";
import { get } from "../src/parse/tree.js";
import { templateDefinitions } from "./templates.js";

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  /** File name handed to the engine (picks JSON or YAML, and EXPRESS for *.express.asl.json). */
  filename: string;
  doc: ParsedDocument;
  machine?: Machine;
  /** True when this document is a state machine definition the server should serve. */
  applicable: boolean;
  /** A template's inline definitions (features answer in the one at the cursor). */
  definitions?: Analysis[];
  /** For an inline definition: the path of its object in the template (`Resources/X/Properties/Definition`). */
  within?: (string | number)[];
}

const ASL_NAME = /\.asl(\.json|\.ya?ml)?$/i;
const JSON_OR_YAML = /\.(json|jsonc|ya?ml)$/i;
const LANGUAGES = new Set(["json", "jsonc", "yaml", "asl", "asl-yaml", "json.asl", "yaml.asl", "stepfunctions"]);

/** The path of a `file:` URI, else the URI's path part. */
export function uriPath(uri: string): string | undefined {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  const m = /^[a-z][a-z0-9+.-]*:(.*)$/i.exec(uri);
  return m ? decodeURIComponent(m[1].replace(/^\/\/[^/]*/, "")) : uri;
}

/** The file name the engine sees: the URI's base name, or one made from the language id. */
export function filenameFor(uri: string, languageId: string): string {
  const path = uriPath(uri) ?? uri;
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  if (/\.(json|jsonc|ya?ml|asl)$/i.test(base)) return base;
  return /yaml/i.test(languageId) ? `${base || "untitled"}.yaml` : `${base || "untitled"}.json`;
}

/** `*.asl.json`, `*.asl.yaml`, `*.asl.yml` (and the Toolkit's `*.asl`) are always served. */
export function isAslName(uri: string): boolean {
  return ASL_NAME.test(uri.replace(/[?#].*$/, ""));
}

/** Other JSON or YAML documents are served when their top level has StartAt and States. */
export function mayBeDefinition(uri: string, languageId: string): boolean {
  return isAslName(uri) || LANGUAGES.has(languageId) || JSON_OR_YAML.test(uri.replace(/[?#].*$/, ""));
}

/** The top level is an object with StartAt and States. */
export function isDefinitionRoot(root: Node | undefined): boolean {
  return root?.type === "object" && get(root, "StartAt") !== undefined && get(root, "States") !== undefined;
}

/** A quick look before parsing: a definition names both keys somewhere. */
export function sniff(text: string): boolean {
  return text.includes("StartAt") && text.includes("States");
}

export function analyze(uri: string, version: number, text: string, languageId: string): Analysis {
  const filename = filenameFor(uri, languageId);
  const named = isAslName(uri);
  if (!named && (!mayBeDefinition(uri, languageId) || !sniff(text))) {
    return { uri, version, text, filename, doc: emptyDoc(text, filename), applicable: false };
  }
  const doc = parseDocumentText(text, filename);
  const applicable = named || isDefinitionRoot(doc.root);
  if (!applicable) {
    // a template: its inline definitions, each linted in place
    const definitions = templateDefinitions(text, filename, uri.startsWith("file:") ? uriPath(uri) : undefined)?.map((d) => ({ uri, version, text, filename, ...d, applicable: true }));
    if (definitions) return { uri, version, text, filename, doc, applicable: true, definitions };
  }
  const machine = applicable && doc.root?.type === "object" ? buildMachine(doc.root) : undefined;
  return { uri, version, text, filename, doc, machine, applicable };
}

function emptyDoc(text: string, filename: string): ParsedDocument {
  // not a definition: not parsed
  return { text, syntax: syntaxFor(filename, text), root: undefined, problems: [], lines: new LineIndex(text) };
}


export function innerOffsets(text: string, offset: number, length: number): { offset: number; length: number; quote?: string } {
  const q = text[offset];
  if ((q === '"' || q === "'") && length >= 2 && text[offset + length - 1] === q) return { offset: offset + 1, length: length - 2, quote: q };
  return { offset, length };
}
