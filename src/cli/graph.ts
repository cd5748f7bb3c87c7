/** `aslint graph`: the picture of a definition, or of a change to one. */
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UsageError, type CliIO } from "./run.js";
import { displayPath, quotePath } from "./files.js";
import { fileHost, lintSourceResults, sourcesOfInputs } from "./templates.js";
import { BulkSuppressions, SUPPRESSIONS_FILE, suppressByFile } from "./suppressions.js";
import { cliConfigFor, cliConfigLookup } from "./run.js";
import { settingsFor, suppressionsFor, type Config } from "../config.js";
import type { Diagnostic } from "../diagnostic.js";
import { LineIndex, syntaxFor } from "../parse/index.js";
import { rulesById } from "../rules/index.js";
import { applySuppressions } from "../suppress.js";
import { typeFromFilename, type RuleSetting } from "../lint.js";
import type { MachineType } from "../rules/types.js";
import type { DefinitionSource, SourceHost } from "../sources/index.js";
import {
  GRAPH_FORMATS,
  GraphTooLarge,
  diffGraph,
  diffOfSources,
  dotDocument,
  findMachine,
  graphOf,
  graphOfSource,
  isGraphFormat,
  machineName,
  markdownDocument,
  pairMachines,
  removedGraph,
  render,
  startLayoutEngine,
  stopLayoutEngine,
  svgDocument,
  type Graph,
  type GraphFormat,
  type Picture,
  type SourceGraphOptions,
} from "../graph/index.js";

export const GRAPH_USAGE = `Usage: aslint graph <file> [--machine NAME] [--format svg|mermaid|dot] [-o FILE|DIR/|PATTERN]
       aslint graph --diff <old file> <new file> [--machine NAME] [--format svg|mermaid|dot] [-o ...]
       aslint graph --diff <git revision> <file> [--machine NAME] [--format svg|mermaid|dot] [-o ...]

Draws a state machine with what aslint reports on it (after the suppressions: comments,
.aslintrc.json's "suppressions", aslint-suppressions.json): a state or transition with an error
in red, a warning in amber (the message is its tooltip), unreachable states in grey, a
transition to a missing state ending at a dashed ghost. Parallel and Map states are boxes
holding their branches or item processor; Catch transitions are dashed; ↻3 is a Retry with 3
attempts. "-" reads standard input.

With --diff, draws the new machine with the states and transitions the change added (green),
changed (yellow) and removed (red, dashed) marked. The old side is a file, or a git revision
(HEAD, main, origin/main, a commit) of the same file.

A template (SAM, CloudFormation, CDK output, serverless.yml, Terraform) gives one picture per
state machine, named by its resource (logical id, Serverless key, Terraform address); with
--diff, each is compared with the machine of the same name. Several pictures go to one
document (an SVG with each under its heading, Markdown with a Mermaid block each, DOT graphs
one after the other), or to one file each when -o is a directory or a pattern with {name}.

Options:
  --format svg|mermaid|dot  svg (default; from -o's extension when it is .svg, .mmd, .md,
                            .dot or .gv): a self-contained picture; mermaid: for pull
                            request comments and Markdown; dot: for Graphviz
  -o, --output FILE         write the picture to FILE instead of standard output (a .md
                            file gets Markdown; its directory is made when missing); DIR/
                            or a PATTERN such as graphs/{name}.svg: one file per state
                            machine. Also --output-file FILE, as when linting
  --machine NAME            only this state machine of a template (its logical id,
                            Serverless key or Terraform address)
  --diff                    draw a change (two files, or a git revision and a file)
  --type STANDARD|EXPRESS   limits to apply to the findings (default as for linting)
  --config FILE             configuration file (default: the file's nearest .aslintrc.json,
                            merged over those above it up to "root": true, as when linting)
  --stdin-filename NAME     name for "-" input (picks JSON or YAML)
  -h, --help                this help

Exit status: 0 drawn; 2 usage error (an unknown --machine lists the names), unreadable file,
no state machine in the file, a picture too large to lay out as SVG, or a file that cannot be
written.`;

const BY_EXTENSION: ReadonlyMap<string, GraphFormat> = new Map([[".svg", "svg"], [".mmd", "mermaid"], [".mermaid", "mermaid"], [".md", "mermaid"], [".dot", "dot"], [".gv", "dot"]]);

export async function runGraph(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "output-file": { type: "string" },
        diff: { type: "boolean" },
        machine: { type: "string" },
        type: { type: "string" },
        config: { type: "string", short: "c" },
        "stdin-filename": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun "aslint graph --help" for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(GRAPH_USAGE + "\n");
    return 0;
  }
  // --output-file, as linting spells it, is --output
  if (values.output !== undefined && values["output-file"] !== undefined && values.output !== values["output-file"]) throw new UsageError("graph: --output and --output-file both name where the picture goes; give one.");
  values.output ??= values["output-file"];
  const format = values.format ?? (values.output ? BY_EXTENSION.get(extname(values.output).toLowerCase()) : undefined) ?? "svg";
  if (!isGraphFormat(format)) throw new UsageError(`graph: unknown format "${format}" (expected ${GRAPH_FORMATS.join(", ")}).`);
  let type: MachineType | undefined;
  if (values.type !== undefined) {
    const t = values.type.toUpperCase();
    if (t !== "STANDARD" && t !== "EXPRESS") throw new UsageError(`graph: --type must be STANDARD or EXPRESS, not "${values.type}".`);
    type = t;
  }
  // the layout engine loads in its own thread while the definition is read and linted; it is
  // stopped when the command is done, whether it drew or not
  if (format !== "svg") return draw(positionals, values, format, type, io);
  startLayoutEngine();
  try {
    return await draw(positionals, values, format, type, io);
  } finally {
    stopLayoutEngine();
  }
}

interface DrawValues {
  diff?: boolean;
  config?: string;
  output?: string;
  machine?: string;
  "stdin-filename"?: string;
}

/** A picture to write: its graph, its heading, and the stem of its file when each goes to its own. */
interface Drawn {
  stem: string;
  title: string;
  graph: Graph;
}

async function draw(positionals: string[], values: DrawValues, format: GraphFormat, type: MachineType | undefined, io: CliIO): Promise<number> {
  const wanted = values.diff ? 2 : 1;
  if (positionals.length !== wanted) {
    throw new UsageError(values.diff ? "graph --diff takes two arguments: the old file (or a git revision) and the new file." : "graph takes one file (or - for standard input).");
  }
  const file = positionals[wanted - 1];
  const name = file === "-" ? (values["stdin-filename"] ?? "<stdin>") : file;
  // as linting: --config for every file, else each file's nearest .aslintrc.json (merged over
  // those above it up to "root": true); standard input with a name: that name's
  const lookup = cliConfigLookup(values.config, io);
  const configOf = (f: string | undefined) => cliConfigFor(lookup, f, io);
  const config = configOf(file === "-" ? values["stdin-filename"] : file);
  let bulk: BulkSuppressions;
  try {
    bulk = BulkSuppressions.read(resolve(io.cwd, SUPPRESSIONS_FILE), io.cwd);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const read = async (f: string) => (f === "-" ? io.readStdin() : readFileSync(resolve(io.cwd, f), "utf8"));
  let text: string;
  try {
    text = await read(file);
  } catch (e) {
    io.stderr.write(`aslint graph: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const settings = settingsFor(config, file === "-" ? undefined : resolve(io.cwd, file));
  const fileType = type ?? typeFromFilename(name) ?? settings.type ?? "STANDARD";
  // the state machines the file holds: itself, or those of a template
  const [sources] = await sourcesOfInputs([{ file: name, text }], fileHost(io.cwd));
  // the findings of each machine as the lint reports them, after the suppressions
  const reported = reportedDiagnostics(sources, (s) => ({ type: type ?? s.type ?? fileType, rules: settings.rules }), {
    stdin: file === "-" ? displayPath(name) : undefined,
    configOf,
    bulk,
    io,
  });
  const options = { filename: name, type: fileType, rules: settings.rules, diagnostics: sources.length ? reported.get(sources[0]) : undefined };

  let old: { text: string; name: string; host: SourceHost } | undefined;
  if (values.diff) {
    const before = positionals[0];
    try {
      if (before === "-" || existsSync(resolve(io.cwd, before))) old = { text: await read(before), name: before === "-" ? (values["stdin-filename"] ?? "<stdin>") : before, host: fileHost(io.cwd) };
      else {
        if (file === "-") throw new UsageError("graph --diff: with a git revision, the new side must be a file, not standard input.");
        old = { text: atRevision(before, resolve(io.cwd, file)), name: file, host: gitHost(before, io.cwd) };
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.stderr.write(`aslint graph: cannot read "${before}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const oldSources = old ? (await sourcesOfInputs([{ file: old.name, text: old.text }], old.host))[0] : undefined;

  let pictures: Drawn[];
  if (isDefinition(sources) && (!oldSources || isDefinition(oldSources))) {
    if (values.machine !== undefined) throw new UsageError(`graph --machine: ${displayPath(name)} is a definition of its own, not a template that holds several; draw it without --machine.`);
    const graph = old ? diffGraph(old.text, text, { ...options, oldFilename: old.name }) : graphOf(text, options);
    pictures = graph ? [{ stem: stemOf(name), title: displayPath(name), graph }] : [];
  } else {
    pictures = templatePictures(sources, oldSources, values.machine, (s) => ({ diagnostics: reported.get(s) ?? [] }), io);
  }
  if (pictures.length === 0) {
    if (sources.length === 0) io.stderr.write(`aslint graph: ${displayPath(name)} holds no state machine (no AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine, stepFunctions.stateMachines or aws_sfn_state_machine).\n`);
    else if (isDefinition(sources)) io.stderr.write(`aslint graph: ${displayPath(name)} is not itself a state machine definition (a JSON or YAML object with "States") nor a template that declares one.\n`);
    else io.stderr.write(`aslint graph: nothing to draw in ${displayPath(name)}.\n`);
    return 2;
  }
  return write(pictures, format, values.output, displayPath(name), io);
}

/**
 * The diagnostics of each source as `aslint [paths]` reports them (src/cli/run.ts): each machine
 * linted where it lives, then, file by file over the findings of every machine in it, the
 * suppressions of the file (its comments and the "suppressions" of its .aslintrc.json), then the
 * suppressions file's. A comment that silences nothing is reported with the file's first machine,
 * as the lint does.
 */
function reportedDiagnostics(
  sources: readonly DefinitionSource[],
  lintOptions: (s: DefinitionSource) => { type: MachineType; rules: Record<string, RuleSetting> },
  context: { stdin?: string; configOf: (file: string | undefined) => Config | undefined; bulk: BulkSuppressions; io: CliIO },
): Map<DefinitionSource, Diagnostic[]> {
  const { stdin, configOf, bulk, io } = context;
  const linted = sources.flatMap((source) => lintSourceResults(source, lintOptions(source)).map((result) => ({ source, result })));
  const pathOf = (file: string) => (file === stdin ? undefined : resolve(io.cwd, file));
  const kept = suppressByFile(
    linted.map((l) => l.result),
    {
      apply: (file, text, all) => {
        const path = pathOf(file);
        const config = configOf(path);
        const setting = settingsFor(config, path).rules["unused-suppression"];
        return applySuppressions(all, { text, lines: new LineIndex(text), filename: file, syntax: syntaxFor(file, text), suppressions: suppressionsFor(config, path), setting, knownRules: rulesById }).diagnostics;
      },
      pathOf,
      bulk,
    },
  );
  const out = new Map<DefinitionSource, Diagnostic[]>(sources.map((s) => [s, []]));
  linted.forEach(({ source }, i) => out.get(source)!.push(...kept[i]));
  return out;
}

/** A file that is one definition (not a template). */
function isDefinition(sources: readonly DefinitionSource[]): boolean {
  return sources.length === 1 && sources[0].kind === "asl";
}

/**
 * A template's pictures, one per state machine (the one `--machine` names), named by the
 * resource; with an old version, each drawn as a change from the machine of the same name, and
 * the machines the change removed drawn removed. A machine whose definition cannot be read is
 * said on standard error and left out.
 */
function templatePictures(
  sources: DefinitionSource[],
  oldSources: DefinitionSource[] | undefined,
  machine: string | undefined,
  lintOptions: (s: DefinitionSource) => SourceGraphOptions,
  io: CliIO,
): Drawn[] {
  let { pairs, removed } = oldSources ? pairMachines(oldSources, sources) : { pairs: sources.map((now) => ({ now, before: undefined as DefinitionSource | undefined })), removed: [] as DefinitionSource[] };
  if (machine !== undefined) {
    const found = findMachine(sources, machine);
    const gone = "error" in found && removed.length ? findMachine(removed, machine) : undefined;
    if ("source" in found) {
      pairs = pairs.filter((p) => p.now === found.source);
      removed = [];
    } else if (gone && "source" in gone) {
      pairs = [];
      removed = [gone.source];
    } else throw new UsageError(`graph --machine: ${found.error}`);
  }
  const out: Drawn[] = [];
  // the machine and the file it is declared in (a definition file of its own: that file)
  const titleOf = (s: DefinitionSource, suffix = "") => {
    const name = machineName(s);
    return name === undefined ? `${displayPath(s.file)}${suffix}` : `${name}${suffix} (${displayPath(s.template)})`;
  };
  for (const { before, now } of pairs) {
    const graph = oldSources ? diffOfSources(before, now, lintOptions(now)) : graphOfSource(now, lintOptions(now));
    if (graph) out.push({ stem: machineName(now) ?? stemOf(now.file), title: titleOf(now), graph });
    else io.stderr.write(`aslint graph: ${titleOf(now)} is not drawn: ${now.note ? now.note.message : `its definition is not a state machine (an object with "States").`}\n`);
  }
  for (const s of removed) {
    const graph = removedGraph(s);
    if (graph) out.push({ stem: machineName(s)!, title: titleOf(s, ", removed"), graph });
  }
  return out;
}

const EXTENSION: Record<GraphFormat, string> = { svg: ".svg", mermaid: ".mmd", dot: ".dot" };

/** The file name part of a definition's path, without its extensions (`order.asl.json` is `order`). */
function stemOf(file: string): string {
  return basename(file).replace(/(\.asl)?\.(json|ya?ml|tf)$/i, "") || "state-machine";
}

/**
 * Writes the pictures: to standard output or the -o file, one picture as it is, several as one
 * document (an SVG with each under its heading, Markdown with a Mermaid block each, DOT's graphs
 * one after the other); to one file each when -o is a directory or a pattern with {name}. A -o
 * file ending in .md gets Markdown.
 */
async function write(pictures: Drawn[], format: GraphFormat, output: string | undefined, title: string, io: CliIO): Promise<number> {
  const target = output === undefined ? undefined : resolve(io.cwd, output);
  const each = target !== undefined && (output!.includes("{name}") || /[\\/]$/.test(output!) || isDirectory(target));
  const rendered: Picture[] = [];
  const stems: string[] = [];
  let status = 0;
  for (const [i, p] of pictures.entries()) {
    try {
      // pictures in one document need ids of their own
      const idPrefix = pictures.length > 1 && !each ? `m${i}-` : undefined;
      rendered.push({ title: p.title, text: await render(p.graph, { format, title: p.title, idPrefix }) });
      stems.push(p.stem);
    } catch (e) {
      if (!(e instanceof GraphTooLarge)) throw e;
      io.stderr.write(`aslint graph: ${p.title} is ${e.message}\n`);
      status = 2;
    }
  }
  if (rendered.length === 0) return 2;
  const markdown = (path: string | undefined) => path !== undefined && extname(path).toLowerCase() === ".md";
  if (each) {
    const used = new Set<string>();
    rendered.forEach((p, i) => {
      let stem = stems[i].replace(/[^A-Za-z0-9._-]+/g, "_");
      for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${stems[i].replace(/[^A-Za-z0-9._-]+/g, "_")}-${n}`;
      used.add(stem.toLowerCase());
      const path = output!.includes("{name}") ? resolve(io.cwd, output!.split("{name}").join(stem)) : join(target!, stem + EXTENSION[format]);
      if (!writeOut(path, markdown(path) && format === "mermaid" ? markdownDocument([p]) : p.text, io)) status = 2;
    });
    return status;
  }
  let text: string;
  if (markdown(target) && format === "mermaid") text = markdownDocument(rendered);
  else if (rendered.length === 1) text = rendered[0].text;
  else text = format === "svg" ? svgDocument(rendered, title) : format === "mermaid" ? markdownDocument(rendered) : dotDocument(rendered);
  if (target === undefined) io.stdout.write(text);
  else if (!writeOut(target, text, io)) return 2;
  return status;
}

/** Writes a picture's file, making its directory, as linting writes -o's report; false when it cannot (said in one line). */
function writeOut(path: string, text: string, io: CliIO): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return true;
  } catch (e) {
    io.stderr.write(`aslint graph: Cannot write the picture to ${quotePath(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.\n`);
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the files a template names (DefinitionUri, Terraform's file() and modules) as they were at a git revision. */
function gitHost(revision: string, cwd: string): SourceHost {
  const git = (args: string[], dir: string) => execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  return {
    readFile(path) {
      const full = resolve(cwd, path);
      try {
        return git(["show", `${revision}:./${basename(full)}`], dirname(full));
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        return git(["ls-tree", "-z", "--name-only", revision, "./"], resolve(cwd, path)).split("\0").filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

/** The text of `file` at a git revision (`git show REV:./name`, run beside the file). */
function atRevision(revision: string, file: string): string {
  if (revision.startsWith("-")) throw new UsageError(`graph --diff: "${revision}" is neither a file nor a git revision.`);
  try {
    return execFileSync("git", ["show", `${revision}:./${basename(file)}`], { cwd: dirname(file), encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split("\n")[0];
    throw new UsageError(`graph --diff: "${revision}" is not a file, and git cannot show ${displayPath(basename(file))} at that revision (${detail}).`);
  }
}
