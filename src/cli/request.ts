/**
 * The `aslint request` and `aslint redrive` subcommands. Same output formats and exit codes
 * as linting definitions (report() from cli.ts): 0 every file OK, 1 a file FAILs (or too many
 * warnings), 2 usage error or unreadable file.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { cliConfigFor, cliConfigLookup, COMMON_OPTIONS, parseCommon, parseRuleOptions, report, UsageError, type CliIO } from "./run.js";
import { displayPath, quotePath, readTextFile } from "./files.js";
import { escapeControls } from "../format/terminal.js";
import { settingsFor, type ConfigLookup } from "../config.js";
import { typeFromFilename, type RuleSetting } from "../lint.js";
import type { FileResult } from "../format/index.js";
import type { MachineType } from "../rules/types.js";
import { APIS, checkRequest, isApiName, type ApiName } from "../requests/index.js";
import { checkRedrive, parseTime, redriveFileFacts, type ListedExecution } from "../requests/redrive.js";

export const REQUEST_USAGE = `Usage: aslint request --api <API> [options] <file>...

Checks API request files offline, before they are sent. A request file holds the request's
members in the AWS CLI --cli-input-json shape (camelCase), as JSON or YAML; "-" reads stdin.

APIs: ${APIS.join(", ")}
      (also as the CLI spells them: start-execution, start-sync-execution, ...)

Options:
  --api NAME                the API the files are requests of (required)
  --definition FILE         StartExecution/StartSyncExecution: the state machine's definition;
                            the input is run through its first state's paths
                            (ListExecutions: only its type, from the file name or .aslintrc.json)
  --type STANDARD|EXPRESS   the state machine's type (default: from the definition's file
                            name, *.express.asl.json is EXPRESS, or .aslintrc.json; else STANDARD)
  --rule ID=off|info|warn|error   change a request rule's severity (repeatable; aslint --list-rules)
  --format NAME             stylish (default), json, aws, sarif, github
  --max-warnings N          exit 1 when there are more than N warnings
  --quiet                   report errors only
  --no-color                plain output
  --stdin-filename NAME     name for "-" input (picks JSON or YAML)
  --config FILE             configuration file (default: nearest .aslintrc.json)
  -h, --help                this help

Exit status: 0 every request OK, 1 a request FAILs, 2 usage error or a file that cannot be read
(the other files are still checked and reported).`;

export const REDRIVE_USAGE = `Usage: aslint redrive <describe-execution.json>... [--history <get-execution-history.json>] [--now <ISO time>]

Answers whether RedriveExecution would accept an execution, from the saved output of
"aws stepfunctions describe-execution" (and "get-execution-history"): REDRIVABLE or
NOT_REDRIVABLE with every reason, worded like AWS's redriveStatusReason; with the history,
the event count and which states a redrive would run again. Also reads the output of
"describe-map-run" (a Map Run is redriven through its parent: give the parent's
describe-execution output too for its verdict) and of "list-executions" (a verdict per
listed execution).

Options:
  --history FILE            get-execution-history output of the same execution (one describe file)
  --now TIME                judge at this time (ISO 8601, e.g. 2024-05-01T12:00:00Z; default: now)
  --format NAME             stylish (default), json (adds "redriveStatus" to each result), aws, sarif, github
  --rule ID=off|info|warn|error   change a request rule's severity (repeatable); the verdict stays
  --config FILE             configuration file for "rules" (default: nearest .aslintrc.json)
  --quiet, --no-color       as for linting
  -h, --help                this help

Exit status: 0 REDRIVABLE (for a listing: every listed execution), 1 NOT_REDRIVABLE, or UNKNOWN (a
file that is not such output, or with an error; a Map Run without its parent), 2 usage error or a
file that cannot be read.`;

const KEBAB: ReadonlyMap<string, ApiName> = new Map(APIS.map((a) => [a.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase(), a]));

function apiName(s: string | undefined): ApiName {
  if (s === undefined) throw new UsageError(`request needs --api (one of ${APIS.join(", ")}).`);
  if (isApiName(s)) return s;
  const k = KEBAB.get(s.toLowerCase()) ?? APIS.find((a) => a.toLowerCase() === s.toLowerCase());
  if (k) return k;
  throw new UsageError(`unknown API "${s}" (expected one of ${APIS.join(", ")}).`);
}

function parse(argv: string[], options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function readInput(file: string, io: CliIO): Promise<string> {
  if (file === "-") return io.readStdin();
  return readTextFile(resolve(io.cwd, file));
}

/** Reports a file that cannot be read; returns the exit status of a run that needs it (2). */
function cannotRead(file: string, e: unknown, io: CliIO): number {
  io.stderr.write(`aslint: Cannot read ${quotePath(file)}: ${(e as Error).message}.\n`);
  return 2;
}


/**
 * Reads each input (`-` is standard input, named by --stdin-filename) and hands it to `check`. A
 * file that cannot be read is reported and the others are still checked; returns how many could
 * not be read (the run then exits 2).
 */
async function eachInput(files: readonly string[], stdinName: unknown, io: CliIO, check: (file: string, name: string, text: string) => void): Promise<number> {
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readInput(file, io);
    } catch (e) {
      cannotRead(file, e, io);
      unreadable++;
      continue;
    }
    check(file, file === "-" ? ((stdinName as string | undefined) ?? "<stdin>") : file, text);
  }
  return unreadable;
}

/** The rule settings for one file: its .aslintrc.json "rules" (and its overrides for the file), then --rule. */
function rulesFor(lookup: ConfigLookup, file: string, cliRules: Record<string, RuleSetting>, io: CliIO): Record<string, RuleSetting> {
  return { ...settingsFor(cliConfigFor(lookup, file, io), file === "-" ? undefined : resolve(io.cwd, file)).rules, ...cliRules };
}

/** `aslint request --api <API> [--definition FILE] [--type T] <file>...` */
export async function runRequest(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON_OPTIONS,
    api: { type: "string" },
    definition: { type: "string" },
    type: { type: "string" },
    rule: { type: "string", multiple: true },
    config: { type: "string", short: "c" },
  });
  if (values.help) {
    io.stdout.write(REQUEST_USAGE + "\n");
    return 0;
  }
  const api = apiName(values.api as string | undefined);
  const common = parseCommon(values, io);
  if (positionals.length === 0) throw new UsageError("request needs one or more request files (or - for standard input).");
  const cliRules = parseRuleOptions((values.rule as string[] | undefined) ?? [], "request");
  const config = cliConfigLookup(values.config as string | undefined, io);
  // --config FILE: read before anything is checked, so that a broken one stops the run at once
  if (values.config !== undefined) cliConfigFor(config, undefined, io);
  let type: MachineType | undefined;
  if (values.type !== undefined) {
    const t = (values.type as string).toUpperCase();
    if (t !== "STANDARD" && t !== "EXPRESS") throw new UsageError(`--type must be STANDARD or EXPRESS, not "${values.type}".`);
    type = t;
  }
  const defFile = values.definition as string | undefined;
  if (defFile !== undefined && api !== "StartExecution" && api !== "StartSyncExecution" && api !== "ListExecutions") {
    throw new UsageError("--definition applies to StartExecution, StartSyncExecution and ListExecutions requests.");
  }
  let definition: { text: string; filename: string } | undefined;
  if (defFile !== undefined) {
    try {
      definition = { text: readTextFile(resolve(io.cwd, defFile)), filename: displayPath(defFile) };
    } catch (e) {
      return cannotRead(defFile, e, io);
    }
    type ??= typeFromFilename(defFile) ?? settingsFor(cliConfigFor(config, defFile, io), resolve(io.cwd, defFile)).type ?? "STANDARD";
  }
  const results: FileResult[] = [];
  const unreadable = await eachInput(positionals, values["stdin-filename"], io, (file, name, text) => {
    const rules = rulesFor(config, file, cliRules, io);
    const { result, diagnostics } = checkRequest(api, text, { filename: name, definition, type, rules });
    results.push({ file: displayPath(name), result, diagnostics, text });
  });
  return report(results, { ...common, unreadable }, io);
}

/** `aslint redrive <describe-execution.json>... [--history FILE] [--now TIME]` */
export async function runRedrive(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON_OPTIONS,
    history: { type: "string" },
    now: { type: "string" },
    rule: { type: "string", multiple: true },
    config: { type: "string", short: "c" },
  });
  if (values.help) {
    io.stdout.write(REDRIVE_USAGE + "\n");
    return 0;
  }
  const common = parseCommon(values, io);
  if (positionals.length === 0) throw new UsageError("redrive needs the output of describe-execution, saved in a file (or - for standard input).");
  const historyFile = values.history as string | undefined;
  if (historyFile !== undefined && positionals.length > 1) throw new UsageError("--history goes with one describe-execution file.");
  const cliRules = parseRuleOptions((values.rule as string[] | undefined) ?? [], "request");
  const config = cliConfigLookup(values.config as string | undefined, io);
  // --config FILE: read before anything is checked, so that a broken one stops the run at once
  if (values.config !== undefined) cliConfigFor(config, undefined, io);
  let now: Date;
  if (values.now !== undefined) {
    const ms = parseTime(values.now);
    if (Number.isNaN(ms)) throw new UsageError(`--now takes an ISO 8601 time with a zone (2024-05-01T12:00:00Z) or a date, not "${values.now}".`);
    now = new Date(ms);
  } else now = new Date(); // the only clock read in aslint
  let history: { text: string; filename: string } | undefined;
  if (historyFile !== undefined) {
    try {
      history = { text: await readInput(historyFile, io), filename: displayPath(historyFile) };
    } catch (e) {
      return cannotRead(historyFile, e, io);
    }
  }
  const results: FileResult[] = [];
  const verdicts: string[] = [];
  const inputs: { file: string; name: string; text: string; facts: ReturnType<typeof redriveFileFacts> }[] = [];
  const unreadable = await eachInput(positionals, values["stdin-filename"], io, (file, name, text) => {
    inputs.push({ file, name, text, facts: redriveFileFacts(text, name) });
  });
  for (const { file, name, text, facts } of inputs) {
    // a Map Run is judged with its parent's describe-execution output, when that is given too
    const parent = facts.kind === "map-run" ? inputs.find((i) => i.facts.kind === "execution" && i.facts.executionArn === facts.executionArn) : undefined;
    const check = checkRedrive(text, { filename: name, history, now, rules: rulesFor(config, file, cliRules, io), parent: parent && { text: parent.text, filename: displayPath(parent.name) } });
    // An ERROR in the describe or history output (a stopDate that is not a time, ...) means a
    // fact the verdict needs was not read: not REDRIVABLE, whatever the other facts say.
    const errors = [check.describe, check.history].reduce((n, r) => n + (r?.diagnostics.filter((d) => d.severity === "ERROR").length ?? 0), 0);
    const status = errors > 0 && check.status === "REDRIVABLE" ? "UNKNOWN" : check.status;
    const reasons = status === "UNKNOWN" && errors > 0 ? [`Not judged: the input has ${errors === 1 ? "an error" : `${errors} errors`}.`] : check.reasons;
    const extra: Record<string, unknown> = { redriveStatus: status };
    if (reasons.length) extra.redriveStatusReason = reasons.join(" ");
    if (check.rerun && status === check.status) extra.rerun = check.rerun;
    if (check.mapRun) extra.mapRun = check.mapRun;
    if (check.executions) extra.executions = check.executions.map(({ reasons: why, ...x }) => (why.length ? { ...x, redriveStatusReason: why.join(" ") } : x));
    const describe = status === "REDRIVABLE" ? check.describe : { ...check.describe, result: "FAIL" as const };
    results.push({ file: displayPath(name), ...describe, text, extra });
    if (check.history && history) results.push({ file: history.filename, ...check.history, text: history.text, extra: { redriveStatus: status } });
    verdicts.push(`${escapeControls(displayPath(name))}: ${status}${reasons.length ? ` (${escapeControls(reasons.join(" "))})` : ""}`);
    if (check.executions?.length) verdicts.push(...executionTable(check.executions).map(escapeControls));
  }
  const code = await report(results, { ...common, unreadable }, io);
  if (common.format === "stylish" && verdicts.length) io.stdout.write(verdicts.join("\n") + "\n");
  return code;
}

/** The verdict of each listed execution, as a table: name (or ARN), status, stop date, verdict and why. */
function executionTable(executions: readonly ListedExecution[]): string[] {
  const rows = executions.map((x) => [x.name ?? x.executionArn, x.status, x.stopDate ?? "", x.redriveStatus + (x.reasons.length ? `  ${x.reasons.join(" ")}` : "")]);
  const head = ["execution", "status", "stopped", "verdict"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "  " + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  return [line(head), ...rows.map(line)];
}
