import { run, type CliIO } from "../src/cli/run.js";
import "../src/cli/commands.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams. */
export async function runCli(argv: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => opts.stdin ?? "",
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
