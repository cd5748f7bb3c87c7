import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { lint, typeFromFilename, type RuleSetting } from "../lint.js";
import { rules, rulesById } from "../rules/index.js";
import { requestRules, requestRulesById } from "../requests/index.js";
import { FORMATS, isFormatName, type FileResult, type FormatName } from "../format/index.js";
import { discover, displayPath, loadConfigFile, quotePath, readTextFile } from "./files.js";
import { buildPeers } from "./peers.js";
import { findConfig, loadConfig, settingsFor, type Config } from "../config.js";
import type { MachineType, RuleMeta } from "../rules/types.js";
import { VERSION } from "../version.js";

/** Streams and environment, injected so tests run the CLI in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin: () => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

export const USAGE = `Usage: aslint [options] [paths...]

Lints AWS Step Functions definitions (Amazon States Language, JSON or YAML).
Paths may be files, directories or quoted globs; "-" reads standard input.
A directory walk takes *.asl.json, *.asl.yaml, *.asl.yml, *.asl and other .json/.yaml/.yml
files whose top level has StartAt and States; it skips node_modules and what .gitignore ignores.

Options:
  --type STANDARD|EXPRESS   limits to apply (default STANDARD; *.express.asl.json is EXPRESS)
  --rule ID=off|info|warn|error   change a rule's severity (repeatable)
  --format NAME             stylish (default), json, aws, sarif, github, html
  -o, --output FILE         write the report to FILE instead of standard output
  --max-warnings N          exit 1 when there are more than N warnings
  --quiet                   report errors only
  --no-color                plain output (also NO_COLOR=1)
  --stdin-filename NAME     name for "-" input (picks JSON or YAML)
  --max-results N           with --format aws: like the API's maxResults (default 100)
  --severity ERROR|WARNING  with --format aws: like the API's severity (default ERROR)
  --config FILE             configuration file (default: nearest .aslintrc.json)
  --list-rules              print the rules and exit
  -h, --help                this help
  -v, --version             the version

Commands:
  aslint request --api <StartExecution|StartSyncExecution|RedriveExecution|StartWorkflowExecution> <file>...
  aslint redrive <describe-execution.json> [--history <file>] [--now <ISO time>]
  aslint graph <file> [--format svg|mermaid|dot] [-o FILE]   draw the state machine
  aslint graph --diff <old file | git revision> <file>       draw a change
  aslint lsp --stdio        start the language server

Exit status: 0 every file OK, 1 a file FAILs (or too many warnings), 2 usage error or a path that
cannot be read (the other files are still linted and reported).`;

export class UsageError extends Error {}

type SubCommand = (args: string[], io: CliIO) => Promise<number>;
const subcommands = new Map<string, () => Promise<SubCommand>>();

/** Lets other modules (API requests, redrive, language server) plug a subcommand in. */
export function registerSubcommand(name: string, load: () => Promise<SubCommand>): void {
  subcommands.set(name, load);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const sub = argv[0] !== undefined ? subcommands.get(argv[0]) : undefined;
  if (sub) {
    try {
      return await (await sub())(argv.slice(1), io);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr.write(`aslint: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }
  try {
    return await lintCommand(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`aslint: ${e.message}\nRun "aslint --help" for usage.\n`);
      return 2;
    }
    io.stderr.write(`aslint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

/** Options every command shares: output format and colour, warnings, standard input. */
export const COMMON_OPTIONS = {
  format: { type: "string", short: "f" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "no-color": { type: "boolean" },
  color: { type: "boolean" },
  "stdin-filename": { type: "string" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CommonOptions {
  format: FormatName;
  color: boolean;
  maxWarnings?: number;
  quiet: boolean;
  /** -o: the file the report goes to, instead of standard output. */
  output?: string;
}

export function parseCommon(values: Record<string, unknown>, io: CliIO): CommonOptions {
  const format = (values.format as string | undefined) ?? "stylish";
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (expected ${Object.keys(FORMATS).join(", ")}).`);
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not "${values["max-warnings"]}".`);
  }
  const color = !values["no-color"] && !io.env.NO_COLOR && (Boolean(io.env.FORCE_COLOR) || Boolean(io.stdout.isTTY));
  const output = values.output as string | undefined;
  return { format, color: color && output === undefined, maxWarnings, quiet: Boolean(values.quiet), output };
}

/**
 * Prints results in the chosen format (to -o's file when given) and returns the exit status: 2
 * when a path could not be read (`unreadable`, already reported on stderr), else 1 when a file
 * FAILs or has an ERROR.
 */
export async function report(results: FileResult[], options: CommonOptions & { maxResults?: number; severity?: "ERROR" | "WARNING"; unreadable?: number }, io: CliIO): Promise<number> {
  const shown = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === "ERROR") })) : results;
  const text = await FORMATS[options.format](shown, { color: options.color, maxResults: options.maxResults, severity: options.severity, version: VERSION, unreadable: options.unreadable });
  if (options.output !== undefined) writeFileSync(resolve(io.cwd, options.output), text);
  else io.stdout.write(text);
  if (options.unreadable) return 2;
  const failed = results.some((r) => r.result === "FAIL" || r.diagnostics.some((d) => d.severity === "ERROR"));
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === "WARNING").length, 0);
  if (failed) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`aslint: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** The configuration a command runs with: --config FILE, else the nearest .aslintrc.json. */
export function loadCliConfig(file: string | undefined, io: CliIO): Config | undefined {
  try {
    const path = file !== undefined ? resolve(io.cwd, file) : findConfig(io.cwd);
    return path ? loadConfigFile(path, loadConfig) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The values of `--rule ID=off|info|warn|error`, for the definition rules (`aslint`) or the
 * request rules (`aslint request`, `aslint redrive`). An id of neither kind is a usage error.
 */
export function parseRuleOptions(values: readonly string[], kind: "definition" | "request"): Record<string, RuleSetting> {
  const [own, other] = kind === "definition" ? [rulesById, requestRulesById] : [requestRulesById, rulesById];
  const out: Record<string, RuleSetting> = {};
  for (const r of values) {
    const m = /^([a-z0-9-]+)\s*[=:]\s*(off|info|warn|error)$/.exec(r);
    if (!m) throw new UsageError(`--rule takes ID=off|info|warn|error, not "${r}".`);
    if (other.has(m[1]) && !own.has(m[1])) {
      const where = kind === "definition" ? "a request rule, for aslint request and aslint redrive" : "a definition rule, for aslint [paths]";
      throw new UsageError(`"${m[1]}" is ${where}; here --rule takes ${kind} rules (see aslint --list-rules).`);
    }
    if (!own.has(m[1])) throw new UsageError(`unknown rule "${m[1]}" (see aslint --list-rules).`);
    out[m[1]] = m[2] as RuleSetting;
  }
  return out;
}

async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...COMMON_OPTIONS,
        type: { type: "string" },
        rule: { type: "string", multiple: true },
        "max-results": { type: "string" },
        severity: { type: "string" },
        config: { type: "string", short: "c" },
        "list-rules": { type: "boolean" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE + "\n");
    return 0;
  }
  if (values.version) {
    io.stdout.write(`aslint ${VERSION}\n`);
    return 0;
  }
  if (values["list-rules"]) {
    const line = (m: RuleMeta) => `${m.id.padEnd(32)} ${m.severity.padEnd(8)} ${m.description}\n`;
    io.stdout.write("Definition rules (aslint [paths]):\n" + rules.map((r) => line(r.meta)).join(""));
    io.stdout.write("\nRequest rules (aslint request, aslint redrive):\n" + requestRules.map((r) => line(r.meta)).join(""));
    return 0;
  }
  const common = parseCommon(values, io);
  let type: MachineType | undefined;
  if (values.type !== undefined) {
    const t = values.type.toUpperCase();
    if (t !== "STANDARD" && t !== "EXPRESS") throw new UsageError(`--type must be STANDARD or EXPRESS, not "${values.type}".`);
    type = t;
  }
  const cliRules = parseRuleOptions(values.rule ?? [], "definition");
  let maxResults: number | undefined;
  if (values["max-results"] !== undefined) {
    maxResults = Number(values["max-results"]);
    if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 100) throw new UsageError(`--max-results takes a whole number from 0 to 100 (AWS's maxResults).`);
  }
  const severity = values.severity?.toUpperCase();
  if (severity !== undefined && severity !== "ERROR" && severity !== "WARNING") throw new UsageError(`--severity must be ERROR or WARNING (AWS's severity).`);

  const config = loadCliConfig(values.config, io);

  const args = positionals.length ? positionals : ["."];
  const results: FileResult[] = [];
  const fileArgs = args.filter((a) => a !== "-");
  // a path that cannot be read is reported, and the others are still linted: the exit status is 2
  const found = discover(fileArgs, io.cwd);
  let unreadable = found.errors.length;
  for (const e of found.errors) io.stderr.write(`aslint: ${e}\n`);
  const inputs: { file: string; read: () => Promise<string> }[] = [];
  if (args.includes("-")) {
    const name = values["stdin-filename"] ?? "<stdin>";
    inputs.push({ file: name, read: io.readStdin });
  }
  for (const f of found.files) inputs.push({ file: f, read: async () => readTextFile(resolve(io.cwd, f)) });
  if (inputs.length === 0 && positionals.length === 0 && unreadable === 0) {
    io.stderr.write("aslint: no state machine definitions found here. Name files or directories to lint.\n");
    return 2;
  }
  const loaded: { file: string; text: string; type: MachineType; settings: ReturnType<typeof settingsFor> }[] = [];
  for (const input of inputs) {
    let text: string;
    try {
      text = await input.read();
    } catch (e) {
      io.stderr.write(`aslint: Cannot read ${quotePath(input.file)}: ${(e as Error).message}.\n`);
      unreadable++;
      continue;
    }
    const settings = settingsFor(config, input.file === "<stdin>" ? undefined : resolve(io.cwd, input.file));
    // --type, then the *.express.asl.json convention, then the config file, then STANDARD
    loaded.push({ file: input.file, text, type: type ?? typeFromFilename(input.file) ?? settings.type ?? "STANDARD", settings });
  }
  // definitions linted together: a parent's nested-execution checks can read its child
  const peers = buildPeers(loaded);
  for (const { file, text, type: fileType, settings } of loaded) {
    const { result, diagnostics } = lint(text, {
      filename: file,
      type: fileType,
      rules: { ...settings.rules, ...cliRules },
      peers,
    });
    results.push({ file: displayPath(file), result, diagnostics, text });
  }
  return report(results, { ...common, maxResults, severity: severity as "ERROR" | "WARNING" | undefined, unreadable }, io);
}
