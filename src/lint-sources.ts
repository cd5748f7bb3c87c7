/**
 * Linting a definition where it lives: the engine runs on what a source (src/sources) gives,
 * a text or a template's subtree, and each diagnostic is taken back to the file the user edits
 * (its offsets through the segment map, its range recomputed on that file's lines).
 */
import { lint, type LintOptions } from "./lint.js";
import { LineIndex } from "./parse/lines.js";
import type { AwsDiagnostic, Diagnostic, Fix, LintResult } from "./diagnostic.js";
import { resultOf, upperSnake, type Result } from "./diagnostic.js";
import { basisFor, settle, severityUnder } from "./report.js";
import { rulesById } from "./rules/index.js";
import { placeholdersIn, type DefinitionBody, type DefinitionSource, type SegmentMap } from "./sources/index.js";

/** The diagnostics of one file for one source: the definition's file, and the template when a cross-check points there. */
export interface SourceFileResult {
  file: string;
  text: string;
  result: Result;
  diagnostics: Diagnostic[];
  /** Findings only AWS reports (`--format aws`), for the definition's file. */
  awsOnly?: AwsDiagnostic[];
}

/** Lints one source. The first group is the definition's file; a second one, when present, the template's. */
export function lintSource(source: DefinitionSource, options: Omit<LintOptions, "tree" | "template"> = {}): SourceFileResult[] {
  const own: Diagnostic[] = [];
  const elsewhere: Diagnostic[] = [];
  const fileLines = new LineIndex(source.fileText);
  let awsOnly: AwsDiagnostic[] | undefined;
  const body = source.body;
  if (body) {
    const opts: LintOptions = { ...options, template: source.context && { ...source.context, bare: bareAt(body) }, filename: options.filename ?? source.file };
    let linted: LintResult;
    if (body.kind === "tree") {
      linted = lint(source.fileText, { ...opts, tree: { root: body.root, syntax: body.syntax, problems: body.problems } });
    } else {
      // the syntax is the body's, whatever the file's name (a DefinitionString is JSON in a YAML template)
      linted = lint(body.text, { ...opts, filename: body.syntax === "yaml" ? "definition.yaml" : "definition.json" });
    }
    const diagnostics = linted.diagnostics;
    awsOnly = linted.awsOnly;
    for (const d of diagnostics) {
      // a template cross-check that points into the template is located there already
      if (d.file !== undefined && d.file !== source.file) elsewhere.push(d);
      else if (d.file !== undefined) {
        const { file: _file, ...rest } = d;
        own.push(rest);
      } else if (body.kind === "text" && body.map) own.push(mapped(d, body.map, fileLines));
      else own.push(d);
    }
  }
  const note = source.note;
  if (note) {
    const setting = options.rules && Object.hasOwn(options.rules, note.rule) ? options.rules[note.rule] : undefined;
    const severity = severityUnder(setting, note.severity);
    if (severity) {
      const lines = source.context?.lines ?? fileLines;
      const meta = rulesById.get(note.rule)?.meta;
      const basis = meta ? basisFor(meta, severity) : undefined;
      const d: Diagnostic = { rule: note.rule, code: upperSnake(note.rule), severity, message: note.message, location: "/", range: lines.range(note.offset, note.length), offset: note.offset, length: note.length, basis };
      // a note is about the template (the property that names the definition)
      if (source.context && source.context.file !== source.file) elsewhere.push(d);
      else own.push(d);
    }
  }
  const out: SourceFileResult[] = [{ file: source.file, text: source.fileText, result: resultOf(own), diagnostics: settle(own), ...(awsOnly?.length ? { awsOnly } : {}) }];
  if (elsewhere.length && source.context) {
    const list = settle(elsewhere.map(({ file: _file, ...d }) => d));
    out.push({ file: source.context.file, text: source.context.text, result: resultOf(list), diagnostics: list });
  }
  return out;
}

/** Where the reader quoted a bare placeholder: the quote it added stands for no character of the file. */
function bareAt(body: DefinitionBody): Set<number> {
  const out = new Set<number>();
  if (body.kind !== "text" || !body.map) return out;
  for (const p of placeholdersIn(body.text)) {
    if (body.text[p.offset - 1] === '"' && body.map.range(p.offset - 1, 1).length === 0) out.add(p.offset - 1);
  }
  return out;
}

/** Characters a fix may insert into a string form of the file unchanged (no quote, escape or line break to re-encode). */
const PLAIN_TEXT = /^[^"'\\\r\n]*$/;

/** A diagnostic of a virtual text, in the file. */
function mapped(d: Diagnostic, map: SegmentMap, lines: LineIndex): Diagnostic {
  const { offset, length } = map.range(d.offset ?? 0, d.length ?? 0);
  const out: Diagnostic = { ...d, range: lines.range(offset, length), offset, length };
  delete out.fixes;
  // a fix is kept when every edit falls on characters the file holds as they are
  const fixes = d.fixes?.filter((f) => f.edits.every((e) => map.linear(e.offset, Math.max(e.length, 1)) && PLAIN_TEXT.test(e.newText)));
  if (fixes && fixes.length) out.fixes = fixes.map((f): Fix => ({ title: f.title, edits: f.edits.map((e) => ({ ...map.range(e.offset, e.length), newText: e.newText })) }));
  return out;
}
