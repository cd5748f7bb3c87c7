/**
 * Suppressions: findings a project has decided to live with, written down where they are.
 *
 * - In a file that has comments (YAML; Terraform), a directive on its own line:
 *   `# aslint-disable-next-line rule-id[, rule-id] -- reason` silences those rules (every rule
 *   when none is named) on the next line that is not blank or a comment.
 * - In `.aslintrc.json`, `"suppressions"`: a file glob, a location and rules. The location is
 *   AWS's slash path (`/States/Fetch/Next`, `/States/Check/Choices[0]`) or a JSON pointer
 *   (`/States/Check/Choices/0`); it covers what lies under it. The caller (config.ts picks the
 *   entries whose files match) hands them to the engine as `LintOptions.suppressions`.
 *
 * The bulk file of known findings (`--suppress-all`) is the CLI's (src/cli/suppressions.ts).
 * A suppression that silences nothing is itself reported, as `unused-suppression` (a WARNING),
 * so that suppressions do not outlive the findings they were written for.
 */
import type { Diagnostic, Severity } from "./diagnostic.js";
import type { LineIndex } from "./parse/lines.js";
import { severityUnder, type RuleSetting } from "./report.js";
import type { RuleMeta } from "./rules/types.js";
import { closest } from "./expr/names.js";

export const UNUSED_SUPPRESSION: RuleMeta = {
  id: "unused-suppression",
  severity: "WARNING",
  // nothing AWS sees: a note to the repository's own readers
  basis: "accepted",
  description: "A suppression (an aslint-disable-next-line comment, a \"suppressions\" entry of .aslintrc.json, or an entry of the bulk suppressions file) that silences nothing.",
  rationale:
    "A suppression outlives its finding when the definition is fixed, or when the line, state or rule it names changes; left in place it would silence a new finding nobody has looked at. Remove it (aslint --prune-suppressions drops the bulk file's).",
};

/** A `"suppressions"` entry of a config, as the engine needs it: where, and which rules. */
export interface LocationSuppression {
  /** AWS's slash path or a JSON pointer; it covers the node there and everything under it. */
  location: string;
  /** Rule ids; every rule when empty or absent. */
  rules?: readonly string[];
}

/** A finding a suppression silenced, and which one: an inline directive, or the index of a `LintOptions.suppressions` entry. */
export interface SuppressedDiagnostic extends Diagnostic {
  suppressedBy: "inline" | number;
  /** The directive's reason (after `--`). */
  reason?: string;
}

export interface SuppressionOutcome {
  diagnostics: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
}

interface Directive {
  /** Offset and length of the comment (where an unused directive is reported). */
  offset: number;
  length: number;
  /** The line (0-based) it applies to, or -1 when no line follows. */
  target: number;
  rules: string[];
  reason?: string;
  /** The rules it silenced something of (any: "*"). */
  used: Set<string>;
}

const DIRECTIVE = "aslint-disable-next-line";

/**
 * The directives of a text: comments `# aslint-disable-next-line ...` alone on their line (also
 * `//` in Terraform). JSON has no comments, so a JSON text has none.
 */
function directivesOf(text: string, comments: "yaml" | "hcl"): Directive[] {
  const lines: { start: number; text: string }[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, text: text.slice(start) });
  const comment = comments === "hcl" ? /^[ \t]*(#|\/\/)/ : /^[ \t]*#/;
  const directive = comments === "hcl" ? /^([ \t]*)(?:#|\/\/)[ \t]*aslint-disable-next-line(?=\s|$)(.*)$/ : /^([ \t]*)#[ \t]*aslint-disable-next-line(?=\s|$)(.*)$/;
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = directive.exec(lines[i].text);
    if (!m) continue;
    let body = m[2];
    let reason: string | undefined;
    const dashes = body.search(/(^|\s)--(\s|$)/);
    if (dashes >= 0) {
      reason = body.slice(dashes).replace(/^\s*--\s*/, "").trim() || undefined;
      body = body.slice(0, dashes);
    }
    let target = -1;
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[j].text.trim() === "" || comment.test(lines[j].text)) continue;
      target = j;
      break;
    }
    const offset = lines[i].start + m[1].length;
    out.push({ offset, length: lines[i].text.trimEnd().length - m[1].length, target, rules: body.split(/[\s,]+/).filter(Boolean), reason, used: new Set() });
  }
  return out;
}

/** Which comment syntax a file has, by name and syntax; undefined for JSON (no comments). */
export function commentSyntax(filename: string | undefined, syntax: "json" | "yaml"): "yaml" | "hcl" | undefined {
  if (filename && /\.tf$/i.test(filename)) return "hcl";
  return syntax === "yaml" ? "yaml" : undefined;
}

/** The segments of an AWS slash path or a JSON pointer: `/A/B[0]/C` and `/A/B/0/C` both give A, B, 0, C. */
export function locationSegments(location: string): string[] {
  const out: string[] = [];
  if (location === "" || location === "/") return out;
  for (const raw of location.replace(/^\//, "").split("/")) {
    const part = raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw;
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(part);
    if (m && m[1] !== "") {
      out.push(m[1]);
      for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(i[1]);
    } else out.push(part);
  }
  return out;
}

function covers(prefix: readonly string[], location: readonly string[]): boolean {
  if (prefix.length > location.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== location[i]) return false;
  return true;
}

export interface SuppressionOptions {
  text: string;
  lines: LineIndex;
  filename?: string;
  syntax: "json" | "yaml";
  /** Entries of `"suppressions"` that apply to this file. */
  suppressions?: readonly LocationSuppression[];
  /** The user's setting of unused-suppression (`"rules"`, `--rule`). */
  setting?: RuleSetting;
  /** Every rule a directive may name (definition rules), by id. */
  knownRules: ReadonlyMap<string, unknown>;
}

/**
 * Applies the inline directives of the text and the location suppressions given to the
 * diagnostics; reports the directives that silenced nothing (or name no rule) as
 * `unused-suppression`. Config entries that silenced nothing are the caller's to report
 * (an entry may cover several files).
 */
export function applySuppressions(diagnostics: Diagnostic[], options: SuppressionOptions): SuppressionOutcome {
  const syntax = commentSyntax(options.filename, options.syntax);
  const directives = syntax && options.text.includes(DIRECTIVE) ? directivesOf(options.text, syntax) : [];
  const entries = (options.suppressions ?? []).map((s) => ({ segments: locationSegments(s.location), rules: s.rules && s.rules.length ? new Set(s.rules) : undefined }));
  if (directives.length === 0 && entries.length === 0) return { diagnostics, suppressed: [] };
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const d of diagnostics) {
    const directive = directives.find((x) => x.target === d.range.start.line && (x.rules.length === 0 || x.rules.includes(d.rule)));
    if (directive) {
      directive.used.add(directive.rules.length ? d.rule : "*");
      suppressed.push({ ...d, suppressedBy: "inline", ...(directive.reason ? { reason: directive.reason } : {}) });
      continue;
    }
    if (entries.length) {
      const segments = locationSegments(d.location);
      const i = entries.findIndex((e) => (!e.rules || e.rules.has(d.rule)) && covers(e.segments, segments));
      if (i >= 0) {
        suppressed.push({ ...d, suppressedBy: i });
        continue;
      }
    }
    kept.push(d);
  }
  const severity = severityUnder(options.setting, UNUSED_SUPPRESSION.severity);
  if (severity) {
    for (const x of directives) {
      const unknown = x.rules.filter((r) => !options.knownRules.has(r));
      // each rule it names must have silenced something (a directive without rules: anything)
      const idle = x.rules.length ? x.rules.filter((r) => options.knownRules.has(r) && !x.used.has(r)) : x.used.size ? [] : ["*"];
      let message: string;
      if (unknown.length) {
        const guess = closest(unknown[0], options.knownRules.keys());
        message = `Unknown rule ${JSON.stringify(unknown[0])} in this ${DIRECTIVE} comment${guess ? `; did you mean ${JSON.stringify(guess)}?` : " (aslint --list-rules lists them)."}`;
      } else if (idle.length === 0) continue;
      else if (x.target < 0) message = `This ${DIRECTIVE} comment has no line after it to apply to; remove it.`;
      else if (idle[0] === "*") message = `Nothing to suppress: no finding on line ${x.target + 1}. Remove this ${DIRECTIVE} comment.`;
      else message = `Nothing to suppress: no ${idle.map((r) => JSON.stringify(r)).join(", ")} on line ${x.target + 1}. Remove ${idle.length === x.rules.length ? `this ${DIRECTIVE} comment` : `${idle.length === 1 ? "it" : "them"} from this ${DIRECTIVE} comment`}.`;
      kept.push(unusedAt(options.lines, x.offset, x.length, "/", message, severity));
    }
  }
  return { diagnostics: kept, suppressed };
}

/** An unused-suppression finding at an offset of a text. */
export function unusedAt(lines: LineIndex, offset: number, length: number, location: string, message: string, severity: Severity = "WARNING"): Diagnostic {
  return { rule: UNUSED_SUPPRESSION.id, code: "UNUSED_SUPPRESSION", severity, message, location, range: lines.range(offset, length), offset, length };
}
