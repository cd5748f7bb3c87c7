// The `aslint` binary: wires the real process streams to the CLI.
import { fstatSync, writeSync } from "node:fs";
import { run, type CliIO } from "./run.js";
import "./commands.js";

// the loader runs it before writing the code cache (see cli/warm-up.ts)
export { warmUp } from "./warm-up.js";

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

/**
 * Standard output. A file, a pipe or a socket (CI, pre-commit hooks, a parent process reading
 * the output) is written with `fs.writeSync`: `process.stdout` on a pipe or socket is a stream
 * whose modules take several milliseconds of a run of about 150 to load and set up, and the CLI
 * writes its report in one piece, synchronously either way. A reader that goes away early
 * (`aslint | head`) ends the output quietly instead of with an EPIPE stack trace. Anything else
 * (a terminal, whose text is converted for the console; /dev/null) gets `process.stdout`.
 */
function standardOutput(): CliIO["stdout"] {
  let direct = false;
  try {
    const stat = fstatSync(1);
    direct = stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    // no standard output to inspect: let process.stdout deal with it
  }
  if (!direct) return process.stdout;
  return {
    isTTY: false,
    write(s: string) {
      const bytes = Buffer.from(s, "utf8");
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(1, bytes, done, bytes.length - done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          // a non-blocking pipe that is full: wait a moment for the reader
          if (code === "EAGAIN") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
          // the reader is gone (`aslint | head`): there is no one left to show the rest
          else if (code === "EPIPE") return true;
          else throw e;
        }
      }
      return true;
    },
  };
}

run(process.argv.slice(2), {
  stdout: standardOutput(),
  // made only when something goes to it
  stderr: { write: (s: string) => process.stderr.write(s) },
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
