import type { AwsDiagnostic, Result } from "../diagnostic.js";
import type { FileResult, FormatOptions } from "./types.js";
import { REQUIRED_ORDER, requiredFields } from "../aws/messages.js";

/** One diagnostic as ValidateStateMachineDefinition returns it (no location member when AWS has none). */
interface ApiDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

/** ValidateStateMachineDefinition's response. */
interface ApiResponse {
  result: Result;
  diagnostics: ApiDiagnostic[];
  truncated: boolean;
}


function requiredRank(field: string): number {
  const i = REQUIRED_ORDER.indexOf(field);
  return i < 0 ? REQUIRED_ORDER.length : i;
}

/**
 * AWS's answer for one file: only what AWS itself returns (the `aws` renderings of the
 * diagnostics, and the findings only AWS reports), the missing fields of one object in one
 * diagnostic, each diagnostic once, in AWS's order (errors first; then parsing, schema,
 * transition targets, terminal state, reachability; document order within each), then the
 * API's `severity` filter and `maxResults`.
 */
export function awsResponse(r: FileResult, options: Pick<FormatOptions, "maxResults" | "severity">): ApiResponse {
  const all: AwsDiagnostic[] = [];
  for (const d of r.diagnostics) if (d.aws) all.push(d.aws);
  if (r.awsOnly) all.push(...r.awsOnly);

  // "These fields are required: [States, StartAt]": one diagnostic per object
  const required = new Map<string, { first: AwsDiagnostic; fields: string[] }>();
  const merged: AwsDiagnostic[] = [];
  for (const d of all) {
    if (d.required === undefined) {
      merged.push(d);
      continue;
    }
    const key = `${d.severity}\u0000${d.location ?? ""}`;
    const group = required.get(key);
    if (group) {
      if (!group.fields.includes(d.required)) group.fields.push(d.required);
      continue;
    }
    const fresh = { first: { ...d }, fields: [d.required] };
    required.set(key, fresh);
    merged.push(fresh.first);
  }
  for (const { first, fields } of required.values()) {
    fields.sort((a, b) => requiredRank(a) - requiredRank(b));
    first.message = requiredFields(fields);
  }

  // each diagnostic once
  const seen = new Set<string>();
  const unique = merged.filter((d) => {
    const key = `${d.severity}\u0000${d.code}\u0000${d.message}\u0000${d.location ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "ERROR" ? -1 : 1) ||
      a.phase - b.phase ||
      a.offset - b.offset ||
      (a.required !== undefined ? 0 : 1) - (b.required !== undefined ? 0 : 1),
  );

  const result: Result = unique.some((d) => d.severity === "ERROR") ? "FAIL" : "OK";
  // severity ERROR (the API's default) returns errors only; WARNING returns both
  const kept = options.severity === "WARNING" ? unique : unique.filter((d) => d.severity === "ERROR");
  // maxResults 0 or absent means 100
  const max = options.maxResults && options.maxResults > 0 ? options.maxResults : 100;
  return {
    result,
    diagnostics: kept.slice(0, max).map((d) => {
      const out: ApiDiagnostic = { severity: d.severity, code: d.code, message: d.message };
      if (d.location !== undefined) out.location = d.location;
      return out;
    }),
    truncated: kept.length > max,
  };
}

/**
 * `--format aws`: AWS's ValidateStateMachineDefinition response (for request files, the API's
 * refusals in the same envelope). One file: exactly the API's shape,
 * `{ result, diagnostics: [{ severity, code, message, location }], truncated }`. Several files:
 * one JSON document, `{ results: [{ file, result, diagnostics, truncated }] }`.
 * `result` is AWS's verdict: FAIL when AWS would return an ERROR, whatever `--severity` shows.
 */
export function formatAws(results: FileResult[], options: FormatOptions): string {
  if (results.length === 1) return JSON.stringify(awsResponse(results[0], options), null, 2) + "\n";
  return JSON.stringify({ results: results.map((r) => ({ file: r.file, ...awsResponse(r, options) })) }, null, 2) + "\n";
}
