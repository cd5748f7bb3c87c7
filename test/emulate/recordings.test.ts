/**
 * Every recorded AWS TestState call in ../shared/reference/test-state-recordings, answered by
 * the offline emulator and compared with AWS's response: status, output, error, cause,
 * nextState and inspection data exactly (JSON text members compared parsed, as the recordings
 * store them), values AWS generates afresh (ARNs, names, dates) by shape. The recordings the
 * emulator cannot answer offline are listed in UNANSWERABLE with the reason (docs/test-state.md).
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testState } from "../../src/index.js";
import { SHARED, SHARED_PRESENT } from "../shared.js";

const dir = join(SHARED, "reference", "test-state-recordings");

/** Recordings the emulator cannot answer, and why (kept in step with docs/test-state.md). */
export const UNANSWERABLE: Record<string, string> = {};
const NO_MODEL = "mock result validated against a service API model aslint does not carry";
for (const f of [
  "aws_sdk_kms_task_wrong_blob_length_less_than_minimum",
  "aws_sdk_kms_task_wrong_blob_type_number",
  "aws_sdk_lambda_get_function_task_integer_less_than_minimum_allowed",
  "aws_sdk_lambda_get_function_task_integer_more_than_maximum_allowed",
  "aws_sdk_s3_task_non_existent_enum_value",
  "aws_sdk_s3_task_wrong_long_type_string",
  "dynamodb_task_wrong_float_type_string",
  "eventbridge_task_wrong_type_2nd_array_element",
  "eventbridge_task_wrong_type_nested_field",
  "eventbridge_task_wrong_type_top_level_field",
  "lambda_task_wrong_integer_type_string",
]) {
  UNANSWERABLE[`test_field_validation_mode__test_strict_mode_${f}___validation-exception.json`] = NO_MODEL;
}

interface Recording {
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  judgeable: boolean;
  placeholders?: string[];
  apiError?: { code: string; message: string };
}

/** JSON text members appear parsed in the recordings where they began with "{". */
function parsedLikeRecording(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (!v.startsWith("{")) return v;
  return JSON.parse(v);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Compares an answer with a recording; placeholders (`<resource:N>`, `date`) match by shape. */
function sameAs(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  if (typeof expected === "string" && typeof actual === "string") {
    if (expected === "date") {
      if (!ISO.test(actual)) problems.push(`${path}: ${actual} is not a date`);
      return;
    }
    if (expected.includes("<resource:")) {
      const re = new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/<resource:\d+>/g, "[0-9a-f-]{36}")}$`);
      // the account and region are the caller's: compare ARNs with any account
      const loose = new RegExp(re.source.replace(/111111111111/g, "\\d{12}"));
      if (!loose.test(actual)) problems.push(`${path}: ${actual} does not have the shape of ${expected}`);
      return;
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => sameAs(actual[i], e, `${path}[${i}]`, problems));
    return;
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) {
      problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (JSON.stringify(ek) !== JSON.stringify(ak)) problems.push(`${path}: members ${JSON.stringify(ak)}, expected ${JSON.stringify(ek)}`);
    for (const k of ek) sameAs((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, problems);
    return;
  }
  if (actual !== expected) problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "manifest.json").sort() : [];

describe.skipIf(!SHARED_PRESENT)("recorded TestState responses", () => {
  it("finds the recordings", () => {
    expect(files.length).toBe(85);
  });
  for (const file of files) {
    const rec = JSON.parse(readFileSync(join(dir, file), "utf8")) as Recording;
    if (!rec.judgeable) {
      // AWS called the service: offline, aslint says it cannot, naming the resource
      it(`${file}: needs a real service call, answered aslint.CannotRunOffline`, async () => {
        const answer = await testState(rec.request);
        expect(answer.ok).toBe(false);
        if (answer.ok) return;
        expect(answer.error.__type).toBe("aslint.CannotRunOffline");
        expect(answer.error.message).toMatch(/^The Task state calls "arn:aws:(states:::|lambda:)/);
      });
      continue;
    }
    if (UNANSWERABLE[file] !== undefined) {
      // AWS validates the mock against the service's API model, which aslint does not carry: aslint
      // accepts the mock where AWS refuses it. Pinned, so that the list and docs/test-state.md stay true.
      it(`${file}: ${UNANSWERABLE[file]}: aslint accepts the mock, AWS answers ${rec.apiError?.code}`, async () => {
        expect(rec.apiError?.code).toBe("ValidationException");
        const answer = await testState(rec.request);
        expect(answer.ok && answer.response.status).toBe("SUCCEEDED");
      });
      continue;
    }
    it(file, async () => {
      const answer = await testState(rec.request);
      if (rec.apiError) {
        expect(answer.ok).toBe(false);
        if (answer.ok) return;
        expect(answer.error.__type).toBe(rec.apiError.code);
        if (rec.apiError.message.startsWith("Invalid State Machine Definition: '") && rec.apiError.code === "InvalidDefinition" && rec.apiError.message.includes(" at /")) {
          // the linter's own wording: the code and location are AWS's
          const [, code, location] = /^Invalid State Machine Definition: '(\w+): .* at (\S+)'$/.exec(rec.apiError.message)!;
          expect(answer.error.message).toMatch(new RegExp(`^Invalid State Machine Definition: '${code}: .* at ${location.replace(/\//g, "\\/")}'$`));
        } else {
          expect(answer.error.message).toBe(rec.apiError.message);
        }
        return;
      }
      expect(answer.ok, answer.ok ? "" : JSON.stringify(answer.error)).toBe(true);
      if (!answer.ok) return;
      const got: Record<string, unknown> = { ...answer.response };
      if (got.output !== undefined) got.output = parsedLikeRecording(got.output);
      if (got.inspectionData) {
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(got.inspectionData as Record<string, unknown>)) data[k] = parsedLikeRecording(v);
        got.inspectionData = data;
      }
      const problems: string[] = [];
      sameAs(got, rec.response, "response", problems);
      expect(problems).toEqual([]);
    });
  }
});
