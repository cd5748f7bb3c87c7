/**
 * The `aslint-language-server` binary. `--stdio` (the default), `--node-ipc`,
 * `--socket=N` or `--pipe=NAME`. Bundled into dist/aslint-language-server.cjs; the same
 * file runs the lint worker thread when the server starts it.
 */
import { isMainThread, workerData } from "node:worker_threads";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";
import { runLintWorker } from "./worker.js";
import { WORKER_FLAG } from "./runner.js";
import { VERSION } from "../src/version.js";

const HELP = `Usage: aslint-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

The aslint language server for AWS Step Functions definitions (*.asl.json, *.asl.yaml,
*.asl.yml, and JSON/YAML files whose top level has StartAt and States). Speaks the
Language Server Protocol over standard input/output by default.`;

/** The file this code runs from, when it is the CommonJS bundle (the worker needs a file). */
function bundlePath(): string | undefined {
  const f = typeof __filename === "string" ? __filename : undefined;
  return f && f.endsWith(".cjs") ? f : undefined;
}

function main(argv: string[]): void {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return;
  }
  if (argv.includes("--version") || argv.includes("-v")) {
    process.stdout.write(`aslint-language-server ${VERSION}\n`);
    return;
  }
  const transport = argv.some((a) => a === "--stdio" || a === "--node-ipc" || /^--(socket|pipe)(=|$)/.test(a));
  // without a transport flag, default to stdio (createConnection would throw)
  if (!transport) process.argv.push("--stdio");
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { workerScript: bundlePath() });
}

if (!isMainThread && workerData?.[WORKER_FLAG]) runLintWorker();
else main(process.argv.slice(2));
