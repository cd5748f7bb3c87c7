/**
 * The request fixtures, run: fixtures/requests/<API>/<case>.request.(json|yaml) through
 * checkRequest, and fixtures/requests/redrive/<case>.describe.json (with <case>.history.json
 * when there is one) through checkRedrive. Each file's diagnostics are expected beside it in
 * `<file>.expected`.
 *
 * Options: `<case>.options.json` beside a request may give `{ "definition": "<file beside it>",
 * "type": "STANDARD|EXPRESS" }`; beside a describe-execution output it gives
 * `{ "now": "<ISO time>", "status": "<the expected verdict>" }`. A `<case>.describe.json` may also
 * hold describe-map-run or list-executions output; beside a map run, `<case>.parent.json` is the
 * describe-execution output of its parent.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkRequest, isApiName, type RequestCommand, type RequestOptions } from "../../src/requests/index.js";
import { checkRedrive } from "../../src/requests/redrive.js";
import { typeFromFilename } from "../../src/lint.js";
import type { Diagnostic, Result } from "../../src/diagnostic.js";

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "requests");

export interface FixtureRun {
  command: RequestCommand;
  /** The case's file name (the describe-execution output for redrive). */
  file: string;
  /** Every file of the case with its text, diagnostics and `.expected` path. */
  files: { path: string; text: string; diagnostics: Diagnostic[] }[];
  result: Result;
  /** redrive: the verdict, and the one options.json expects. */
  status?: { actual: string; expected: string };
}

function options(dir: string, file: string, suffix: RegExp): Record<string, string> | undefined {
  const path = join(dir, file.replace(suffix, ".options.json"));
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

function requestRun(api: Exclude<RequestCommand, "redrive">, file: string): FixtureRun {
  const dir = join(FIXTURES, api);
  const text = readFileSync(join(dir, file), "utf8");
  const opts: RequestOptions = { filename: file };
  const o = options(dir, file, /\.request\.(json|ya?ml)$/);
  if (o?.definition) {
    opts.definition = { text: readFileSync(join(dir, o.definition), "utf8"), filename: o.definition };
    opts.type = typeFromFilename(o.definition) ?? "STANDARD";
  }
  if (o?.type) opts.type = o.type as RequestOptions["type"];
  const { result, diagnostics } = checkRequest(api, text, opts);
  return { command: api, file, files: [{ path: join(dir, file), text, diagnostics }], result };
}

function redriveRun(file: string): FixtureRun {
  const dir = join(FIXTURES, "redrive");
  const text = readFileSync(join(dir, file), "utf8");
  const o = options(dir, file, /\.describe\.json$/);
  if (!o?.now || !o.status) throw new Error(`${file}: its options.json must give "now" and "status"`);
  const historyFile = file.replace(/\.describe\.json$/, ".history.json");
  const history = existsSync(join(dir, historyFile)) ? { text: readFileSync(join(dir, historyFile), "utf8"), filename: historyFile } : undefined;
  // describe-map-run output is judged with its parent's describe-execution output, <case>.parent.json, when there is one
  const parentFile = file.replace(/\.describe\.json$/, ".parent.json");
  const parent = existsSync(join(dir, parentFile)) ? { text: readFileSync(join(dir, parentFile), "utf8"), filename: parentFile } : undefined;
  const check = checkRedrive(text, { filename: file, history, now: new Date(o.now), parent });
  const files = [{ path: join(dir, file), text, diagnostics: check.describe.diagnostics }];
  if (history && check.history) files.push({ path: join(dir, historyFile), text: history.text, diagnostics: check.history.diagnostics });
  return { command: "redrive", file, files, result: check.describe.result, status: { actual: check.status, expected: o.status } };
}

/** Every request fixture, run. */
export function fixtureRuns(): FixtureRun[] {
  const runs: FixtureRun[] = [];
  for (const api of readdirSync(FIXTURES).filter(isApiName).sort()) {
    for (const file of readdirSync(join(FIXTURES, api)).filter((f) => /\.request\.(json|ya?ml)$/.test(f))) runs.push(requestRun(api, file));
  }
  for (const file of readdirSync(join(FIXTURES, "redrive")).filter((f) => f.endsWith(".describe.json"))) runs.push(redriveRun(file));
  return runs;
}
