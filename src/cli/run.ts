import { parseArgs } from "node:util";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { typeFromFilename, type LintOptions, type RuleSetting } from "../lint.js";
import { rules, rulesById } from "../rules/index.js";
import { requestRules, requestRulesById } from "../requests/index.js";
import { FORMATS, isFormatName, type FileResult, type FormatName } from "../format/index.js";
import { discover, displayPath, holdsDefinition, quotePath, readTextFile, repositoryRoot, type Discovery } from "./files.js";
import { buildPeers } from "./peers.js";
import { ConfigError, ConfigLookup, isIgnored, settingsFor, suppressionsFor, type Config, type ConfigSuppression } from "../config.js";
import { compareDiagnostics, resultOf, type Diagnostic } from "../diagnostic.js";
import { LineIndex, parseDocumentText, syntaxFor } from "../parse/index.js";
import { isTerraformFile, sourcesOf, type DefinitionSource, type SourceHost } from "../sources/index.js";
import { terraformSources } from "../sources/terraform.js";
import { severityUnder } from "../report.js";
import { applySuppressions, UNUSED_SUPPRESSION } from "../suppress.js";
import { fixText } from "./fix.js";
import { unifiedDiff } from "./diff.js";
import { BulkSuppressions, SUPPRESSIONS_FILE, suppressByFile, unusedConfigResults } from "./suppressions.js";
import { inputExamples } from "./input-examples.js";
import type { MachineType, RuleMeta } from "../rules/types.js";
import { VERSION } from "../version.js";
import { fileHost, lintSourceResults, readSubstitutions, sourcesOfInputs } from "./templates.js";

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
files whose top level has StartAt and States, CloudFormation/SAM/CDK templates and serverless.yml
files that declare state machines, and .tf files with aws_sfn_state_machine; it skips
node_modules and what .gitignore ignores.

Options:
  --type STANDARD|EXPRESS   limits to apply (default STANDARD; *.express.asl.json is EXPRESS)
  --rule ID=off|info|warn|error   change a rule's severity (repeatable)
  --format NAME             stylish (default), json, aws, sarif, github, html
  -o, --output-file FILE    write the report to FILE instead of standard output
  --max-warnings N          exit 1 when there are more than N warnings
  --quiet                   report errors only
  --no-color                plain output (also NO_COLOR=1)
  --stdin-filename NAME     name for "-" input (picks JSON or YAML)
  --max-results N           with --format aws: like the API's maxResults (default 100)
  --severity ERROR|WARNING  with --format aws: like the API's severity (default ERROR)
  --config FILE             configuration file for every file (default: each file's nearest
                            .aslintrc.json, merged over those above it up to "root": true)
  --substitution KEY=VALUE  fill in \${KEY} as at deploy time (repeatable)
  --substitutions FILE      fill in the KEY: VALUE pairs of a JSON or YAML file
  --fix                     apply the safe fixes to the files (never to one that does not parse)
  --fix-dry-run             print the safe fixes as a unified diff; write nothing
  --suppress-all            record every ERROR and WARNING in the suppressions file; later runs
                            report only new findings
  --suppress-rule ID        the same for one rule (repeatable)
  --prune-suppressions      drop the suppressions that no longer occur
  --suppressions-location FILE   the suppressions file (default aslint-suppressions.json)
  --no-error-on-empty       a path with no state machine definition (a named file that is none)
                            is no error, and is skipped quietly (what the pre-commit hook passes)
  --no-warn-ignored         a named file that "ignores" leaves out is skipped quietly (pre-commit)
  --list-rules              print the rules and exit
  -h, --help                this help
  -v, --version             the version

Commands:
  aslint request --api <StartExecution|StartSyncExecution|RedriveExecution|StartWorkflowExecution> <file>...
  aslint redrive <describe-execution.json> [--history <file>] [--now <ISO time>]
  aslint test-state --request <test-state request.json>   answer as the TestState API does, offline
  aslint run <definition> --mocks <file> [--input <file>]   run a whole execution offline with mocked Tasks
  aslint graph <file> [--format svg|mermaid|dot] [-o FILE]   draw the state machine
  aslint graph --diff <old file | git revision> <file>       draw a change
  aslint lsp --stdio        start the language server

Exit status: 0 every file OK, 1 a file FAILs (or too many warnings), 2 usage or config error, a
path that cannot be read, or a named file that is not a definition (the other files are still
linted and reported).`;

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
  "output-file": { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CommonOptions {
  format: FormatName;
  color: boolean;
  maxWarnings?: number;
  quiet: boolean;
  /** `--output-file`: the report goes there (absolute), not to standard output. */
  outputFile?: string;
}

export function parseCommon(values: Record<string, unknown>, io: CliIO): CommonOptions {
  const format = (values.format as string | undefined) ?? "stylish";
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (expected ${Object.keys(FORMATS).join(", ")}).`);
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not "${values["max-warnings"]}".`);
  }
  const outputFile = values["output-file"] !== undefined ? resolve(io.cwd, values["output-file"] as string) : undefined;
  // a file is not a terminal: no colour unless asked
  const color = !values["no-color"] && !io.env.NO_COLOR && (Boolean(io.env.FORCE_COLOR) || (!outputFile && Boolean(io.stdout.isTTY)));
  return { format, color, maxWarnings, quiet: Boolean(values.quiet), outputFile };
}

/**
 * Prints results in the chosen format (to -o's file when given) and returns the exit status: 2
 * when a path could not be read (`unreadable`, already reported on stderr), else 1 when a file
 * FAILs or has an ERROR.
 */
export async function report(results: FileResult[], options: CommonOptions & { maxResults?: number; severity?: "ERROR" | "WARNING"; unreadable?: number }, io: CliIO): Promise<number> {
  const shown = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === "ERROR") })) : results;
  const text = await FORMATS[options.format](shown, { color: options.color, maxResults: options.maxResults, severity: options.severity, version: VERSION, unreadable: options.unreadable, cwd: io.cwd, sourceRoot: options.format === "sarif" ? (repositoryRoot(io.cwd) ?? io.cwd) : undefined });
  if (options.outputFile) {
    try {
      mkdirSync(dirname(options.outputFile), { recursive: true });
      writeFileSync(options.outputFile, text);
    } catch (e) {
      io.stderr.write(`aslint: Cannot write the report to ${quotePath(options.outputFile)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.\n`);
      return 2;
    }
  } else io.stdout.write(text);
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

/**
 * The configuration lookup a command runs with: `--config FILE` for every file, else each
 * file's nearest .aslintrc.json (src/config.ts, the language server's lookup too).
 */
export function cliConfigLookup(file: string | undefined, io: CliIO): ConfigLookup {
  return new ConfigLookup(file !== undefined ? resolve(io.cwd, file) : undefined);
}

/** The config of a file (standard input: of the working directory); a config error is a usage error. */
export function cliConfigFor(lookup: ConfigLookup, file: string | undefined, io: CliIO): Config | undefined {
  try {
    return file === undefined || file === "-" ? lookup.forDirectory(io.cwd) : lookup.forFile(resolve(io.cwd, file));
  } catch (e) {
    throw e instanceof ConfigError ? new UsageError(e.message) : e;
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
    if (!own.has(m[1]) && m[1] !== UNUSED_SUPPRESSION.id) throw new UsageError(`unknown rule "${m[1]}" (see aslint --list-rules).`);
    out[m[1]] = m[2] as RuleSetting;
  }
  return out;
}

/** The options of `aslint [paths]`. */
const LINT_OPTIONS = {
  ...COMMON_OPTIONS,
  type: { type: "string" },
  rule: { type: "string", multiple: true },
  "max-results": { type: "string" },
  severity: { type: "string" },
  config: { type: "string", short: "c" },
  "list-rules": { type: "boolean" },
  version: { type: "boolean", short: "v" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  "suppress-all": { type: "boolean" },
  "suppress-rule": { type: "string", multiple: true },
  "prune-suppressions": { type: "boolean" },
  "suppressions-location": { type: "string" },
  "no-warn-ignored": { type: "boolean" },
  substitution: { type: "string", multiple: true },
  substitutions: { type: "string" },
  "no-error-on-empty": { type: "boolean" },
} as const;

function parseLintArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: LINT_OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type LintValues = ReturnType<typeof parseLintArgs>["values"];

async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseLintArgs(argv);
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
    io.stdout.write("\nSuppressions (comments, .aslintrc.json, the bulk suppressions file):\n" + line(UNUSED_SUPPRESSION));
    return 0;
  }
  return new LintRun(values, positionals, io).run();
}

/** A file to lint, read, with its settings. */
interface LoadedFile {
  file: string;
  text: string;
  type: MachineType;
  options: LintOptions;
  config?: Config;
  stdin: boolean;
}

/** What the definitions of a run are linted with: the sources each file holds, the definitions beside them, the substitutions. */
interface Linting {
  sources: DefinitionSource[][];
  peers: ReturnType<typeof buildPeers>;
  substitutions: Map<string, string>;
  host: SourceHost;
}

/**
 * One run of `aslint [paths]`: the settings (checked when it is made, a bad one is a usage
 * error), then the files found and read, each definition linted (fixed first with --fix), the
 * suppressions of each file applied, and the report.
 */
class LintRun {
  private readonly common: CommonOptions;
  private readonly type: MachineType | undefined;
  private readonly cliRules: Record<string, RuleSetting>;
  private readonly maxResults: number | undefined;
  private readonly severity: string | undefined;
  private readonly fix: boolean;
  private readonly dryRun: boolean;
  private readonly suppressRules: Set<string>;
  private readonly lookup: ConfigLookup;
  private readonly bulkPath: string;
  private readonly bulk: BulkSuppressions;
  private readonly args: string[];
  private readonly fileArgs: string[];
  /** Paths that could not be read (or the fixes not written), said so: the exit status is 2. */
  private unreadable = 0;
  /** Files named on the command line that are not linted (the hook passes every JSON and YAML file). */
  private notDefinitions = 0;
  /** Named files left out (ignored, or no definition), said so already. */
  private readonly skipped = new Set<string>();
  private readonly loaded: LoadedFile[] = [];
  /** The suppressions of the config files, and whether one silenced a finding. */
  private readonly configSuppressions = new Map<ConfigSuppression, { rules: Record<string, RuleSetting>; used: boolean }>();
  private readonly results: FileResult[] = [];

  constructor(
    private readonly values: LintValues,
    private readonly positionals: string[],
    private readonly io: CliIO,
  ) {
    this.common = parseCommon(values, io);
    if (values.type !== undefined) {
      const t = values.type.toUpperCase();
      if (t !== "STANDARD" && t !== "EXPRESS") throw new UsageError(`--type must be STANDARD or EXPRESS, not "${values.type}".`);
      this.type = t;
    }
    this.cliRules = parseRuleOptions(values.rule ?? [], "definition");
    if (values["max-results"] !== undefined) {
      this.maxResults = Number(values["max-results"]);
      if (!Number.isInteger(this.maxResults) || this.maxResults < 0 || this.maxResults > 100) throw new UsageError(`--max-results takes a whole number from 0 to 100 (AWS's maxResults).`);
    }
    this.severity = values.severity?.toUpperCase();
    if (this.severity !== undefined && this.severity !== "ERROR" && this.severity !== "WARNING") throw new UsageError(`--severity must be ERROR or WARNING (AWS's severity).`);

    this.fix = Boolean(values.fix);
    this.dryRun = Boolean(values["fix-dry-run"]);
    if (this.fix && this.dryRun) throw new UsageError("--fix writes the fixes and --fix-dry-run shows them; give one.");
    if (this.fix && positionals.includes("-")) throw new UsageError("--fix cannot write standard input back; use --fix-dry-run to see the fixes.");
    // the diff and a machine-readable report would mix on standard output
    if (this.dryRun && this.common.format !== "stylish" && !this.common.outputFile) throw new UsageError(`--fix-dry-run prints a diff; with --format ${this.common.format}, write the report to a file with --output-file.`);
    this.suppressRules = new Set(values["suppress-rule"] ?? []);
    for (const id of this.suppressRules) if (!rulesById.has(id)) throw new UsageError(`--suppress-rule: unknown rule "${id}" (see aslint --list-rules).`);
    this.lookup = cliConfigLookup(values.config, io);
    // --config FILE: read before anything is linted, so that a broken one stops the run at once
    if (values.config !== undefined) this.configOf(undefined);
    this.bulkPath = resolve(io.cwd, values["suppressions-location"] ?? SUPPRESSIONS_FILE);
    try {
      this.bulk = BulkSuppressions.read(this.bulkPath, this.io.cwd);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    this.args = positionals.length ? positionals : ["."];
    this.fileArgs = this.args.filter((a) => a !== "-");
  }

  private configOf(file: string | undefined): Config | undefined {
    return cliConfigFor(this.lookup, file, this.io);
  }

  async run(): Promise<number> {
    const { io, values } = this;
    // a path that cannot be read is reported, and the others are still linted: the exit status is 2
    const found = discover(this.fileArgs, io.cwd, (path, isDir) => isIgnored(this.configOf(isDir ? join(path, "*") : path), isDir ? join(path, "*") : path));
    this.unreadable = found.errors.length;
    for (const e of found.errors) io.stderr.write(`aslint: ${e}\n`);
    const inputs: { file: string; read: () => Promise<string>; named: boolean }[] = [];
    if (this.args.includes("-")) {
      const name = values["stdin-filename"] ?? "<stdin>";
      inputs.push({ file: name, read: io.readStdin, named: false });
    }
    for (const f of found.files) inputs.push({ file: f, read: async () => readTextFile(resolve(io.cwd, f)), named: found.named.has(f) });
    if (inputs.length === 0 && this.positionals.length === 0 && this.unreadable === 0) {
      io.stderr.write("aslint: no state machine definitions found here. Name files or directories to lint.\n");
      return 2;
    }
    for (const input of inputs) await this.load(input);
    const substitutions = readSubstitutions(values.substitution ?? [], values.substitutions, io.cwd);
    if (typeof substitutions === "string") throw new UsageError(substitutions);
    // each file holds definitions: itself, or the state machines of a template (src/sources)
    const sources = await sourcesOfInputs(this.loaded, fileHost(io.cwd));
    // definitions linted together: a parent's nested-execution checks can read its child
    const peers = buildPeers(this.loaded.filter((_, i) => sources[i].length === 1 && sources[i][0].kind === "asl"));
    const linting: Linting = { sources, peers, substitutions, host: fileHost(io.cwd) };
    const { linted, diff } = this.lintAll(linting);
    this.suppressByFile(linted);
    if (!values["no-error-on-empty"] && this.noDefinitionIn(found, sources)) return 2;
    this.writeBulk();
    // suppressions that silenced nothing: findings in the suppressions file and in the config files
    const unusedSetting = this.cliRules["unused-suppression"] ?? this.configOf(undefined)?.rules?.["unused-suppression"];
    const unusedBulk = this.bulk.unusedResult(displayPath(relative(io.cwd, this.bulkPath) || this.bulkPath), severityUnder(unusedSetting, "WARNING"));
    if (unusedBulk) this.results.push(unusedBulk);
    this.results.push(...unusedConfigResults(this.configSuppressions, io.cwd));
    if (diff) io.stdout.write(diff);
    const code = await report(this.results, { ...this.common, maxResults: this.maxResults, severity: this.severity as "ERROR" | "WARNING" | undefined, unreadable: this.unreadable }, io);
    return this.notDefinitions ? 2 : code;
  }

  /** Reads one input and its settings into `loaded`; a named file that is ignored or holds no definition is left out, and said so. */
  private async load(input: { file: string; read: () => Promise<string>; named: boolean }): Promise<void> {
    const { io, values } = this;
    const stdin = input.read === io.readStdin;
    const path = stdin ? undefined : resolve(io.cwd, input.file);
    const config = this.configOf(stdin ? (values["stdin-filename"] !== undefined ? input.file : undefined) : input.file);
    if (input.named && path && isIgnored(config, path)) {
      if (!values["no-warn-ignored"]) io.stderr.write(`aslint: ${quotePath(input.file)} is ignored by "ignores" in ${configName(config, io)}; not linted (--no-warn-ignored hides this line).\n`);
      this.skipped.add(input.file);
      return;
    }
    let text: string;
    try {
      text = await input.read();
    } catch (e) {
      io.stderr.write(`aslint: Cannot read ${quotePath(input.file)}: ${(e as Error).message}.\n`);
      this.unreadable++;
      return;
    }
    if (input.named && !holdsDefinition(text, input.file, true)) {
      this.skipped.add(input.file);
      if (!values["no-error-on-empty"]) {
        io.stderr.write(`aslint: ${input.file}: no state machine definition found (neither "StartAt" nor "States" at its top level, and no AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine, stepFunctions.stateMachines or aws_sfn_state_machine in it). Pass --no-error-on-empty to allow this.\n`);
        this.notDefinitions++;
      }
      return;
    }
    const settings = settingsFor(config, path);
    const fileRules = { ...settings.rules, ...this.cliRules };
    // --type, then the *.express.asl.json convention, then the config file, then STANDARD
    const fileType = this.type ?? typeFromFilename(input.file) ?? settings.type ?? "STANDARD";
    // the input examples beside the definition (<name>.input.json, examples/): the data-flow rule follows them
    const inputs = path ? inputExamples(path, (m) => io.stderr.write(m)) : undefined;
    this.loaded.push({ file: input.file, text, type: fileType, config, stdin, options: { filename: input.file, type: fileType, rules: fileRules, suppressions: suppressionsFor(config, path), inputs } });
  }

  /** An input's results: each definition it holds linted where it lives (one result a file it has findings in). */
  private lintInput(i: number, text: string, linting: Linting): FileResult[] {
    const { file, type: fileType, options } = this.loaded[i];
    const { sources, peers, substitutions, host } = linting;
    const own = text === this.loaded[i].text ? sources[i] : isTerraformFile(file) ? terraformSources(file, text, host) : sourcesOf(file, text, host);
    // examples of the execution input beside a definition file, for the data-flow rule
    const inputs = own[0]?.kind === "asl" ? options.inputs : undefined;
    // --type, then the template's own type, then the file's
    return own.flatMap((source) => lintSourceResults(source, { type: this.type ?? source.type ?? fileType, rules: options.rules, peers, substitutions, inputs }));
  }

  /** Suppressions are applied file by file, over the findings of every definition the file holds. */
  private suppress(file: string, text: string, diagnostics: Diagnostic[], track: boolean): Diagnostic[] {
    const { io, values, configSuppressions } = this;
    const stdin = file === (values["stdin-filename"] ?? "<stdin>") && this.args.includes("-") && !existsSync(resolve(io.cwd, file));
    const path = stdin ? undefined : resolve(io.cwd, file);
    const config = this.configOf(stdin ? undefined : file);
    const entries = suppressionsFor(config, path);
    const rules = { ...settingsFor(config, path).rules, ...this.cliRules };
    const lines = new LineIndex(text);
    const out = applySuppressions(diagnostics, { text, lines, filename: file, syntax: syntaxFor(file, text), suppressions: entries, setting: rules["unused-suppression"], knownRules: rulesById });
    if (track) {
      for (const entry of entries) if (!configSuppressions.has(entry)) configSuppressions.set(entry, { rules, used: false });
      for (const d of out.suppressed) if (typeof d.suppressedBy === "number") configSuppressions.get(entries[d.suppressedBy])!.used = true;
    }
    return out.diagnostics;
  }

  /** Every loaded file linted, after its safe fixes with --fix (written) or --fix-dry-run (the diff). */
  private lintAll(linting: Linting): { linted: FileResult[]; diff: string } {
    let diff = "";
    const linted: FileResult[] = [];
    for (let i = 0; i < this.loaded.length; i++) {
      const item = this.loaded[i];
      let text = item.text;
      if ((this.fix || this.dryRun) && linting.sources[i].length > 0) {
        const shown = displayPath(item.file);
        // the safe fixes of the findings in this file (those of a template's machines too), suppressed ones left alone
        const fixed = fixText(text, {
          filename: item.file,
          lint: (t) => this.suppress(item.file, t, this.lintInput(i, t, linting).filter((r) => r.file === shown).flatMap((r) => r.diagnostics), false),
          parses: (t) => parsesAsBefore(item.file, t),
        });
        if (fixed.text !== text) {
          if (this.dryRun) diff += unifiedDiff(shown, text, fixed.text);
          else {
            try {
              writeFileSync(resolve(this.io.cwd, item.file), fixed.text);
            } catch (e) {
              this.io.stderr.write(`aslint: Cannot write the fixes to ${quotePath(item.file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.\n`);
              this.unreadable++;
            }
          }
          text = fixed.text;
        }
      }
      linted.push(...this.lintInput(i, text, linting));
    }
    return { linted, diff };
  }

  /** The results of each file, with its suppressions applied (comments, config, then the bulk suppressions file). */
  private suppressByFile(linted: FileResult[]): void {
    const { io, values, bulk, results } = this;
    const stdinName = values["stdin-filename"] ?? "<stdin>";
    const kept = suppressByFile(linted, {
      apply: (file, text, all) => this.suppress(file, text, all, true),
      pathOf: (file) => (file === stdinName && !existsSync(resolve(io.cwd, file)) ? undefined : resolve(io.cwd, file)),
      bulk,
      record: (path, everything) => {
        if (values["suppress-all"] || this.suppressRules.size) bulk.record(path, everything, values["suppress-all"] ? undefined : this.suppressRules);
      },
    });
    // file by file, in the order files first appear (a file's results together)
    const groups = new Map<string, number[]>();
    linted.forEach((r, i) => groups.set(r.file, [...(groups.get(r.file) ?? []), i]));
    for (const group of groups.values()) for (const i of group) results.push({ ...linted[i], diagnostics: kept[i], result: resultOf(kept[i]) });
  }

  /** A path that yields no definition is an error, as ESLint says of a pattern that matches nothing: true when one does (said on stderr). */
  private noDefinitionIn(found: Discovery, sources: DefinitionSource[][]): boolean {
    for (const arg of this.positionals.length ? this.fileArgs : []) {
      const from = this.loaded.map((l, i) => (found.origin.get(l.file) === arg ? i : -1)).filter((i) => i >= 0);
      if (from.some((i) => sources[i].length > 0)) continue;
      // a path that could not be read has said so already, and so has a named file that is no definition
      if (from.length === 0 && (this.unreadable > 0 || this.skipped.has(arg))) continue;
      // a directory "ignores" leaves out: say so, not that it holds no definition
      const full = resolve(this.io.cwd, arg);
      const dirConfig = from.length === 0 && existsSync(full) && statSync(full).isDirectory() ? this.configOf(join(full, "*")) : undefined;
      if (dirConfig && isIgnored(dirConfig, join(full, "*"))) {
        this.io.stderr.write(`aslint: ${arg}: ignored by "ignores" in ${configName(dirConfig, this.io)}; nothing linted. Pass --no-error-on-empty to allow this.\n`);
        return true;
      }
      const why = from.length ? " (no AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine, stepFunctions.stateMachines or aws_sfn_state_machine in it)" : "";
      this.io.stderr.write(`aslint: ${arg}: no state machine definition found${why}. Pass --no-error-on-empty to allow this.\n`);
      return true;
    }
    return false;
  }

  /** Writes the bulk suppressions file when the run records or prunes. */
  private writeBulk(): void {
    const values = this.values;
    if (values["prune-suppressions"]) this.bulk.prune();
    if (values["suppress-all"] || this.suppressRules.size || values["prune-suppressions"]) {
      try {
        this.bulk.write();
      } catch (e) {
        throw new UsageError(`Cannot write ${quotePath(values["suppressions-location"] ?? SUPPRESSIONS_FILE)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
      }
    }
  }
}

/**
 * May --fix touch this text: it parses completely, to an object (a template's YAML tags are
 * data, not problems)? Terraform files are left alone: their definitions are HCL or strings.
 */
function parsesAsBefore(file: string, text: string): boolean {
  if (isTerraformFile(file)) return false;
  const doc = parseDocumentText(text, file);
  return doc.problems.length === 0 && doc.root?.type === "object";
}

/** How a message names the config that applies to a file. */
function configName(config: Config | undefined, io: CliIO): string {
  const file = config?.sources?.[0];
  return file ? quotePath(displayPath(relative(io.cwd, file) || file)) : ".aslintrc.json";
}

