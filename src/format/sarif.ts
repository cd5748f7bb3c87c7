import type { FileResult, FormatOptions } from "./types.js";
import { rules } from "../rules/index.js";

const LEVEL = { ERROR: "error", WARNING: "warning", INFO: "note" } as const;

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export function formatSarif(results: FileResult[], options: FormatOptions): string {
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.rule)));
  const ruleList = rules.filter((r) => used.has(r.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "aslint",
            version: options.version ?? "0.0.0",
            rules: ruleList.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.rationale },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { awsCode: r.meta.code ?? r.meta.id.replace(/-/g, "_").toUpperCase() },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.rule,
            ruleIndex: index.get(d.rule),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file },
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
            properties: { code: d.code },
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
