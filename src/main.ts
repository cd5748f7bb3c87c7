// The `aslint` binary: wires the real process streams to the CLI.
import { run } from "./cli.js";
import "./commands.js";

// the loader runs it before writing the code cache (see cli/warm-up.ts)
export { warmUp } from "./cli/warm-up.js";

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`aslint: internal error: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
