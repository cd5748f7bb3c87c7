import { parseJson } from "./json.js";
import { parseYaml } from "./yaml.js";
import type { Node } from "./tree.js";
import type { ParseProblem } from "./problems.js";
import { LineIndex } from "./lines.js";

export * from "./tree.js";
export * from "./lines.js";
export * from "./problems.js";
export { stringOffsetMapper } from "./strings.js";

export type Syntax = "json" | "yaml";

export interface ParsedDocument {
  text: string;
  syntax: Syntax;
  root: Node | undefined;
  problems: ParseProblem[];
  lines: LineIndex;
  /** Length of the definition as deployed, when `text` holds more than the definition (a template). */
  size?: number;
}

/** YAML by file name (`.yaml`, `.yml`); JSON otherwise, and for text with no name that does not start like JSON. */
export function syntaxFor(filename: string | undefined, text: string): Syntax {
  if (filename) {
    const lower = filename.toLowerCase();
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
    if (lower.endsWith(".json") || lower.endsWith(".asl")) return "json";
  }
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  if (first === undefined || first === "{" || first === "[" || first === '"') return "json";
  return "yaml";
}

/** Looks for signs that a text is not a text at all (NUL bytes, mostly control characters). */
function looksBinary(text: string): number {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  const nul = sample.indexOf("\u0000");
  if (nul >= 0) return nul;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? 0 : -1;
}

export function parseDocumentText(text: string, filename?: string): ParsedDocument {
  const lines = new LineIndex(text);
  const syntax = syntaxFor(filename, text);
  const problems: ParseProblem[] = [];
  if (text.trim().length === 0 || text === "\uFEFF") {
    problems.push({
      rule: "empty-definition",
      message: 'The file is empty. A definition is a JSON object with "StartAt" and "States".',
      offset: 0,
      length: 0,
    });
    return { text, syntax, root: undefined, problems, lines };
  }
  const binary = looksBinary(text);
  if (binary >= 0) {
    problems.push({
      rule: "not-text",
      message: "This file is not text (it holds NUL or other control bytes); it cannot be a state machine definition.",
      offset: binary,
      length: 1,
    });
    return { text, syntax, root: undefined, problems, lines };
  }
  let body = text;
  if (text.charCodeAt(0) === 0xfeff) {
    problems.push({
      rule: "byte-order-mark",
      message: "The file starts with a byte order mark (BOM). JSON parsers such as the one SAM and the AWS CLI use reject it; save the file as UTF-8 without BOM.",
      offset: 0,
      length: 1,
    });
    body = " " + text.slice(1); // keep offsets
  }
  const result = syntax === "yaml" ? parseYaml(body) : parseJson(body);
  problems.push(...result.problems);
  return { text, syntax, root: result.root, problems, lines };
}
