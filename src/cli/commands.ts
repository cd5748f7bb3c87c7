// Subcommands beyond linting definitions, registered with the CLI.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { registerSubcommand } from "./run.js";

registerSubcommand("request", async () => (await import("./request.js")).runRequest);
registerSubcommand("redrive", async () => (await import("./request.js")).runRedrive);
registerSubcommand("test-state", async () => (await import("./test-state.js")).runTestState);
registerSubcommand("run", async () => (await import("./execute.js")).runRun);
registerSubcommand("graph", async () => (await import("./graph.js")).runGraph);

const SERVER_ARG = /^(--stdio|--node-ipc|--(socket|pipe)(=.+)?|--clientProcessId(=\d+)?|-h|--help|-v|--version|[^-].*)$/;

/**
 * `aslint lsp`: runs the language server bundle that sits beside the CLI bundle
 * (dist/aslint-language-server.cjs). Loading it only here keeps the CLI small and quick
 * to start: the server's code is not part of dist/aslint.cjs.
 */
registerSubcommand("lsp", async () => async (args, io) => {
  const bad = args.find((a) => !SERVER_ARG.test(a));
  if (bad !== undefined) {
    io.stderr.write(`aslint lsp: unknown option "${bad}". Usage: aslint lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n`);
    return 2;
  }
  const here = typeof __filename === "string" ? __filename : "";
  const server = join(dirname(here), "aslint-language-server.cjs");
  if (!here.endsWith(".cjs") || !existsSync(server)) {
    io.stderr.write("aslint lsp: the language server bundle is missing; run npm run build (or use aslint-language-server).\n");
    return 2;
  }
  process.argv = [process.argv[0], server, ...args];
  // the server owns the process from here: it exits on the client's "exit" notification
  require(server);
  return new Promise<number>(() => undefined);
});
