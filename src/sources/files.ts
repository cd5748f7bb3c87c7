/** Definition files a template names (SAM DefinitionUri, Terraform file() and templatefile(), Serverless ${file()}). */
import { basename, dirname, join } from "node:path";
import { VirtualText } from "./segments.js";
import { finish } from "./virtual.js";
import type { DefinitionBody, SourceHost, SourceNote } from "./types.js";

/**
 * The file at `path`; when it is missing but one name of its folder differs only in letter
 * case, that one, with a warning: the template works only on a case-insensitive file system.
 */
export function definitionFile(host: SourceHost, path: string): { path: string; text: string; note?: Omit<SourceNote, "offset" | "length"> } | undefined {
  const text = host.readFile(path);
  if (text !== undefined) return { path, text };
  const dir = dirname(path);
  const name = basename(path).toLowerCase();
  const match = host.listDir?.(dir).find((n) => n.toLowerCase() === name);
  const other = match && host.readFile(join(dir, match));
  if (!match || other === undefined) return undefined;
  return {
    path: join(dir, match),
    text: other,
    note: {
      rule: "definition-not-found",
      severity: "WARNING",
      message: `The template names "${basename(path)}" but the file is "${match}": the letters' case differs, so this works only on a case-insensitive file system (macOS, Windows), not on Linux CI. Rename one of them.`,
    },
  };
}

/** YAML by extension; JSON otherwise. */
export function syntaxOfPath(path: string): "json" | "yaml" {
  return /\.ya?ml$/i.test(path) ? "yaml" : "json";
}

/**
 * A definition file that is filled in at deploy time: its bare `${Name}` placeholders
 * (`"Seconds": ${Wait}`) are valid once substituted, so they are read as quoted placeholders;
 * positions stay those of the file.
 */
export function templatedBody(text: string, syntax: "json" | "yaml"): DefinitionBody {
  if (syntax === "yaml" || !text.includes("${")) return { kind: "text", text, syntax };
  const vt = new VirtualText();
  vt.copy(text, 0, text.length);
  const read = finish(vt, [], []);
  return { kind: "text", text: read.text, map: read.map, syntax };
}

/** A definition file found by `definitionFile`, as a source's file text and body. */
export function definitionBody(found: { path: string; text: string }): { fileText: string; body: DefinitionBody } {
  return { fileText: found.text, body: templatedBody(found.text, syntaxOfPath(found.path)) };
}
