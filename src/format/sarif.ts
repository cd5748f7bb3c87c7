import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileResult, FormatOptions } from "./types.js";
import type { Diagnostic } from "../diagnostic.js";
import { rules } from "../rules/index.js";
import { requestRules } from "../requests/index.js";
import { UNUSED_SUPPRESSION } from "../suppress.js";
import { HOMEPAGE, ruleDocsUrl } from "../version.js";

const LEVEL = { ERROR: "error", WARNING: "warning", INFO: "note" } as const;
const SRCROOT = "%SRCROOT%";

interface RuleInfo {
  id: string;
  description: string;
  rationale: string;
  severity: keyof typeof LEVEL;
  code: string;
  source?: string;
  helpUri: string;
}

/** Every rule a result can name: definition rules, request rules, unused-suppression. */
function ruleInfos(): Map<string, RuleInfo> {
  const out = new Map<string, RuleInfo>();
  for (const m of [...rules.map((r) => r.meta), ...requestRules.map((r) => r.meta)]) {
    out.set(m.id, { id: m.id, description: m.description, rationale: m.rationale, severity: m.severity, code: m.code ?? m.id.replace(/-/g, "_").toUpperCase(), source: m.source, helpUri: ruleDocsUrl(m.id) });
  }
  const u = UNUSED_SUPPRESSION;
  out.set(u.id, { id: u.id, description: u.description, rationale: u.rationale, severity: u.severity, code: "UNUSED_SUPPRESSION", helpUri: ruleDocsUrl(u.id, "docs/workflows.md") });
  return out;
}

/** A path as a URI reference: each segment percent-encoded, "/" between them. */
function uriPath(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/**
 * Where a result's file is: relative to the source root (the repository), with the root in
 * `originalUriBaseIds`, so that GitHub code scanning finds it in the checkout; an absolute
 * file URI when it lies outside the root.
 */
function artifactLocation(file: string, options: FormatOptions): { uri: string; uriBaseId?: string } {
  const cwd = options.cwd ?? process.cwd();
  const root = options.sourceRoot ?? cwd;
  const abs = resolve(cwd, file);
  const rel = relative(root, abs);
  if (file.startsWith("<") || rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    return file.startsWith("<") ? { uri: uriPath(file) } : { uri: pathToFileURL(abs).href };
  }
  return { uri: uriPath(rel.split(sep).join("/")), uriBaseId: SRCROOT };
}

/**
 * The same finding on later runs gets the same fingerprint: rule, file, location, the state
 * machine of a template it is in (its resource name; none for a definition file of its own, whose
 * fingerprints stay as they were), and its rank among equals.
 */
function fingerprint(rule: string, uri: string, location: string, rank: number, machine: string | undefined): string {
  const key = `${rule}\u0000${uri}\u0000${location}\u0000${rank}${machine === undefined ? "" : `\u0000${machine}`}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** The name of the template's state machine a result is about (a Terraform module's with its path). */
function machineOf(r: FileResult): string | undefined {
  const s = r.source;
  if (s?.name === undefined) return undefined;
  return s.via ? `${s.via}.${s.name}` : s.name;
}

function sarifFixes(d: Diagnostic, artifact: { uri: string; uriBaseId?: string }) {
  if (!d.fixes?.length) return undefined;
  return d.fixes.map((f) => ({
    description: { text: f.title },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: f.edits.map((e) => ({ deletedRegion: { charOffset: e.offset, charLength: e.length }, insertedContent: { text: e.newText } })),
      },
    ],
  }));
}

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: each rule with its help (text
 * and Markdown) and a link to its documentation, repository-relative file URIs, stable
 * fingerprints, and the fixes of the findings that have them.
 */
export function formatSarif(results: FileResult[], options: FormatOptions): string {
  const infos = ruleInfos();
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.rule)));
  const ruleList = [...infos.values()].filter((r) => used.has(r.id));
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  const root = options.sourceRoot ?? options.cwd ?? process.cwd();
  const ranksByFile = new Map<string, Map<string, number>>();
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "aslint",
            version: options.version ?? "0.0.0",
            ...(options.version ? { semanticVersion: options.version } : {}),
            informationUri: HOMEPAGE,
            rules: ruleList.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.rationale },
              help: {
                text: `${r.description} ${r.rationale}${r.source ? ` (Source: ${r.source}.)` : ""} See ${r.helpUri}`,
                markdown: `**${r.description}**\n\n${r.rationale}${r.source ? `\n\nSource: ${r.source}.` : ""}\n\n[Documentation of \`${r.id}\`](${r.helpUri})`,
              },
              helpUri: r.helpUri,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { awsCode: r.code, tags: ["aws-step-functions", r.severity === "ERROR" ? "correctness" : "reliability"] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(sep) ? root : root + sep).href } },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((r) => {
          const artifact = artifactLocation(r.file, options);
          // a template gives one result per state machine: equal findings of two machines (the
          // same rule at the same place in each definition) must not share a fingerprint, or code
          // scanning merges them into one alert. Ranks are counted per file, across its results.
          const machine = machineOf(r);
          let ranks = ranksByFile.get(artifact.uri);
          if (!ranks) ranksByFile.set(artifact.uri, (ranks = new Map()));
          return r.diagnostics.map((d) => {
            const key = `${d.rule}\u0000${d.location}\u0000${machine ?? ""}`;
            const rank = ranks.get(key) ?? 0;
            ranks.set(key, rank + 1);
            const fixes = sarifFixes(d, artifact);
            return {
              ruleId: d.rule,
              ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
              level: LEVEL[d.severity],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifact,
                    region: {
                      startLine: d.range.start.line + 1,
                      startColumn: d.range.start.character + 1,
                      endLine: d.range.end.line + 1,
                      endColumn: d.range.end.character + 1,
                    },
                  },
                  logicalLocations: [{ fullyQualifiedName: d.location, kind: "member" }],
                },
              ],
              partialFingerprints: { "aslintFindingHash/v1": fingerprint(d.rule, artifact.uri, d.location, rank, machine) },
              ...(fixes ? { fixes } : {}),
              properties: { code: d.code },
            };
          });
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
