/**
 * `aslint --fix` and `--fix-dry-run`: the safe fixes (`Fix.safe`, src/parse/edits.ts) applied to a
 * text, pass after pass until none is left (at most 10 passes), so that a second run changes
 * nothing. A text that does not parse is never changed, and a pass whose result would not
 * parse is thrown away.
 */
import { lint, type LintOptions } from "../lint.js";
import { applyFixes, type Fix } from "../parse/edits.js";
import { parseDocumentText } from "../parse/index.js";

const MAX_PASSES = 10;

/** Parses completely, to an object: no syntax problem of any kind. */
function parses(text: string, filename: string | undefined): boolean {
  const doc = parseDocumentText(text, filename);
  return doc.problems.length === 0 && doc.root?.type === "object";
}

export interface FixOutcome {
  /** The text with the fixes applied (the input when none applies). */
  text: string;
  /** How many fixes were applied. */
  applied: number;
}

/** The safe fix of each finding that has one. */
export function safeFixes(diagnostics: readonly { fixes?: Fix[] }[]): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.safe);
    if (fix) out.push(fix);
  }
  return out;
}

export interface FixOptions {
  filename?: string;
  /** The findings of a text (with their fixes, in the text's offsets). */
  lint: (text: string) => readonly { fixes?: Fix[] }[];
  /** Does the text parse completely? (Default: as a definition, with no syntax problem.) */
  parses?: (text: string) => boolean;
}

/** A definition linted with these options, for fixText. */
export function definitionLinter(options: LintOptions): FixOptions {
  return { filename: options.filename, lint: (text) => lint(text, options).diagnostics };
}

/** Applies the safe fixes of the findings until none is left. */
export function fixText(text: string, options: FixOptions): FixOutcome {
  const ok = options.parses ?? ((t: string) => parses(t, options.filename));
  let current = text;
  let applied = 0;
  if (!ok(current)) return { text, applied };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = safeFixes(options.lint(current));
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes);
    if (next.applied === 0 || next.text === current || !ok(next.text)) break;
    current = next.text;
    applied += next.applied;
  }
  return { text: current, applied };
}
