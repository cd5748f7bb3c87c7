/** `aslint graph`: the picture of a definition, or of a change to one. */
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { UsageError, type CliIO } from "./run.js";
import { displayPath } from "./files.js";
import { findConfig, loadConfig, settingsFor, type Config } from "../config.js";
import { typeFromFilename } from "../lint.js";
import type { MachineType } from "../rules/types.js";
import { GRAPH_FORMATS, GraphTooLarge, diffGraph, graphOf, isGraphFormat, render, startLayoutEngine, stopLayoutEngine, type GraphFormat } from "../graph/index.js";

export const GRAPH_USAGE = `Usage: aslint graph <file> [--format svg|mermaid|dot] [-o FILE]
       aslint graph --diff <old file> <new file> [--format svg|mermaid|dot] [-o FILE]
       aslint graph --diff <git revision> <file> [--format svg|mermaid|dot] [-o FILE]

Draws a state machine with what aslint finds wrong on it: a state or transition with an error
in red, a warning in amber (the message is its tooltip), unreachable states in grey, a
transition to a missing state ending at a dashed ghost. Parallel and Map states are boxes
holding their branches or item processor; Catch transitions are dashed; ↻3 is a Retry with 3
attempts. "-" reads standard input.

With --diff, draws the new machine with the states and transitions the change added (green),
changed (yellow) and removed (red, dashed) marked. The old side is a file, or a git revision
(HEAD, main, origin/main, a commit) of the same file.

Options:
  --format svg|mermaid|dot  svg (default; from -o's extension when it is .svg, .mmd, .md,
                            .dot or .gv): a self-contained picture; mermaid: for pull
                            request comments and Markdown; dot: for Graphviz
  -o, --output FILE         write the picture to FILE instead of standard output
  --diff                    draw a change (two files, or a git revision and a file)
  --type STANDARD|EXPRESS   limits to apply to the findings (default as for linting)
  --config FILE             configuration file (default: nearest .aslintrc.json)
  --stdin-filename NAME     name for "-" input (picks JSON or YAML)
  -h, --help                this help

Exit status: 0 drawn; 2 usage error, unreadable file, no state machine in the file, or a
picture too large to lay out as SVG.`;

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
        diff: { type: "boolean" },
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

async function draw(
  positionals: string[],
  values: { diff?: boolean; config?: string; output?: string; "stdin-filename"?: string },
  format: GraphFormat,
  type: MachineType | undefined,
  io: CliIO,
): Promise<number> {
  const wanted = values.diff ? 2 : 1;
  if (positionals.length !== wanted) {
    throw new UsageError(values.diff ? "graph --diff takes two arguments: the old file (or a git revision) and the new file." : "graph takes one file (or - for standard input).");
  }
  let config: Config | undefined;
  try {
    const path = values.config ? resolve(io.cwd, values.config) : findConfig(io.cwd);
    config = path ? loadConfig(path) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const file = positionals[wanted - 1];
  const name = file === "-" ? (values["stdin-filename"] ?? "<stdin>") : file;
  const read = async (f: string) => (f === "-" ? io.readStdin() : readFileSync(resolve(io.cwd, f), "utf8"));
  let text: string;
  try {
    text = await read(file);
  } catch (e) {
    io.stderr.write(`aslint graph: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const settings = settingsFor(config, file === "-" ? undefined : resolve(io.cwd, file));
  const options = { filename: name, type: type ?? typeFromFilename(name) ?? settings.type ?? "STANDARD", rules: settings.rules };

  let graph;
  if (values.diff) {
    const old = positionals[0];
    let oldText: string;
    let oldName = old;
    try {
      if (old === "-" || existsSync(resolve(io.cwd, old))) oldText = await read(old);
      else {
        if (file === "-") throw new UsageError("graph --diff: with a git revision, the new side must be a file, not standard input.");
        oldText = atRevision(old, resolve(io.cwd, file));
        oldName = file;
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.stderr.write(`aslint graph: cannot read "${old}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    graph = diffGraph(oldText, text, { ...options, oldFilename: oldName });
  } else graph = graphOf(text, options);
  if (!graph) {
    io.stderr.write(`aslint graph: ${displayPath(name)} is not itself a state machine definition (a JSON or YAML object with "States"; definitions inside templates are not drawn yet).\n`);
    return 2;
  }
  let picture: string;
  try {
    picture = await render(graph, { format, title: displayPath(name) });
  } catch (e) {
    if (e instanceof GraphTooLarge) {
      io.stderr.write(`aslint graph: ${displayPath(name)} is ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values.output) writeFileSync(resolve(io.cwd, values.output), picture);
  else io.stdout.write(picture);
  return 0;
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
