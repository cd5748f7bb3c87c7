/**
 * Parity with AWS (issue 21): `--format aws` against AWS's own recorded answers.
 *
 * - `recorded/*.json`: one case per AWS response in ../shared/reference/aws-validation-messages.md
 *   (REC: recorded against AWS; MEAS: measured against AWS; PASTE: AWS output a user pasted;
 *   DOC: AWS's documentation). The definition is ours, written from the fragment the reference
 *   gives; `response` is AWS's answer. It must be `--format aws`'s answer exactly. Where AWS's
 *   code or message is not on record, the expected diagnostic leaves the member out and only the
 *   rest is compared (count, order and the members given); a case with no `diagnostics` is a
 *   recorded verdict only.
 * - `accepted/*.json`: definitions AWS accepted (each with its source): aslint gives no ERROR,
 *   and `--format aws` answers OK with no diagnostic.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "../../src/lint.js";
import { awsResponse, formatAws } from "../../src/format/aws.js";
import type { MachineType } from "../../src/rules/types.js";

interface ApiDiagnostic {
  severity?: string;
  code?: string;
  message?: string;
  location?: string;
}

interface RecordedCase {
  confidence: "REC" | "MEAS" | "PASTE" | "DOC";
  source: string;
  type: MachineType;
  note?: string;
  /** The definition as an object, or (`text`) as a string when it is not one. */
  definition?: unknown;
  text?: string;
  request?: { severity?: "ERROR" | "WARNING"; maxResults?: number };
  response: { result: "OK" | "FAIL"; diagnostics?: ApiDiagnostic[]; truncated?: boolean };
}

interface AcceptedCase {
  source: string;
  type: MachineType;
  definition: unknown;
}

const DIR = __dirname;

function load<T>(set: string): [string, T][] {
  return readdirSync(join(DIR, set))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(DIR, set, f), "utf8")) as T]);
}

function textOf(c: { definition?: unknown; text?: string }): string {
  return c.text ?? JSON.stringify(c.definition, null, 2);
}

/** `--format aws` of one definition, as the CLI prints it (one file: the API's shape). */
function answer(text: string, type: MachineType, request: RecordedCase["request"] = {}) {
  const { result, diagnostics, awsOnly } = lint(text, { type });
  return JSON.parse(formatAws([{ file: "definition.asl.json", result, diagnostics, awsOnly }], { color: false, ...request }));
}

const recorded = load<RecordedCase>("recorded");
const accepted = load<AcceptedCase>("accepted");

describe("parity with AWS's recorded answers", () => {
  it("holds every recorded case of the reference", () => {
    expect(recorded.length).toBeGreaterThanOrEqual(80);
    for (const [f, c] of recorded) {
      expect(["REC", "MEAS", "PASTE", "DOC"], f).toContain(c.confidence);
      expect(c.source.length, f).toBeGreaterThan(10);
    }
  });

  for (const [file, c] of recorded) {
    it(`${file} (${c.confidence})`, () => {
      const text = textOf(c);
      const got = answer(text, c.type, c.request);
      // aslint's own verdict agrees with AWS's
      expect(lint(text, { type: c.type }).result, "aslint's verdict").toBe(c.response.result);
      expect(got.result).toBe(c.response.result);
      if (!c.response.diagnostics) return;
      expect(got.truncated).toBe(c.response.truncated ?? false);
      // members not on record are not compared
      const compared = got.diagnostics.map((d: ApiDiagnostic, i: number) => {
        const want = c.response.diagnostics![i];
        if (!want) return d;
        const out: ApiDiagnostic = {};
        for (const k of ["severity", "code", "message", "location"] as const) if (k in want) out[k] = d[k];
        return out;
      });
      expect(compared).toEqual(c.response.diagnostics);
    });
  }
});

describe("definitions AWS accepted", () => {
  it("holds the accepted definitions of the reference and the issue", () => {
    expect(accepted.length).toBeGreaterThanOrEqual(20);
  });

  for (const [file, c] of accepted) {
    it(file, () => {
      const text = textOf(c);
      const { result, diagnostics } = lint(text, { type: c.type });
      expect(diagnostics.filter((d) => d.severity === "ERROR").map((d) => `${d.location} ${d.rule}: ${d.message}`)).toEqual([]);
      expect(result).toBe("OK");
      expect(answer(text, c.type)).toEqual({ result: "OK", diagnostics: [], truncated: false });
    });
  }
});

describe("--format aws", () => {
  const one = (text: string) => {
    const r = lint(text);
    return { file: "x.asl.json", result: r.result, diagnostics: r.diagnostics, awsOnly: r.awsOnly };
  };

  it("leaves out what AWS does not return (aslint's notes, history budget, unused variables)", () => {
    const r = one('{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "unused": 1 }, "End": true } } }');
    expect(r.diagnostics.some((d) => d.rule === "unused-variable")).toBe(true);
    expect(awsResponse(r, { severity: "WARNING" })).toEqual({ result: "OK", diagnostics: [], truncated: false });
  });

  it("answers OK where only aslint finds a run-time failure (AWS accepts the definition)", () => {
    const r = one('{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "big": "' + "x".repeat(300 * 1024) + '" }, "End": true } } }');
    expect(r.result).toBe("FAIL");
    expect(awsResponse(r, {})).toEqual({ result: "OK", diagnostics: [], truncated: false });
  });

  it("says AWS's code, never aslint's rule code, for what AWS refuses under no code of its own on record", () => {
    const text = JSON.stringify({
      StartAt: "M",
      States: { M: { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true } },
    });
    const r = lint(text, { type: "EXPRESS" });
    expect(r.diagnostics.map((d) => `${d.code} ${d.severity}`)).toContain("EXPRESS_LIMITS ERROR");
    const aws = awsResponse({ file: "x.asl.json", result: r.result, diagnostics: r.diagnostics, awsOnly: r.awsOnly }, {}) as { diagnostics: { code: string }[] };
    expect(aws.diagnostics.map((d) => d.code)).toEqual(["SCHEMA_VALIDATION_FAILED"]);
  });

  it("says AWS's words for a state name used again in a branch", () => {
    const r = lint(JSON.stringify({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "P", States: { P: { Type: "Succeed" } } }], End: true } } }));
    const aws = awsResponse({ file: "x.asl.json", result: r.result, diagnostics: r.diagnostics, awsOnly: r.awsOnly }, {}) as { diagnostics: { code: string; message: string }[] };
    expect(aws.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(["DUPLICATE_STATE_NAME: Duplicate State name: P"]);
  });

  it("prints one JSON document naming each file for several files", () => {
    const a = one("{}");
    const b = { ...one('{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }'), file: "y.asl.json" };
    const out = JSON.parse(formatAws([a, b], { color: false }));
    expect(out).toEqual({
      results: [
        { file: "x.asl.json", result: "FAIL", diagnostics: [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "These fields are required: [States, StartAt]", location: "/" }], truncated: false },
        { file: "y.asl.json", result: "OK", diagnostics: [], truncated: false },
      ],
    });
  });

  it("keeps the first parse error alone, as AWS's parser stops there", () => {
    const r = one("{not json");
    const got = awsResponse(r, {});
    expect(got.diagnostics).toHaveLength(1);
    expect(got.diagnostics[0]).toMatchObject({ code: "INVALID_JSON_DESCRIPTION", location: '[Source: (String)"{not json"; line: 1, column: 3]' });
  });

  it("maxResults 0 means 100, and truncated says whether more existed", () => {
    const states = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`S${i}`, { Type: "Pass", Next: `Missing${i}` }]));
    const r = one(JSON.stringify({ StartAt: "S0", States: { ...states, Done: { Type: "Succeed" } } }));
    expect(awsResponse(r, { maxResults: 0 }).diagnostics).toHaveLength(100);
    expect(awsResponse(r, { maxResults: 0 }).truncated).toBe(true);
    expect(awsResponse(r, { maxResults: 5 }).diagnostics).toHaveLength(5);
  });
});
