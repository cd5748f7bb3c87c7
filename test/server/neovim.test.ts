/**
 * A real editor: Neovim (0.7 or later) headless, with the bundled server attached through
 * its built-in LSP client. The Lua script (nvim-client.lua) writes what Neovim received.
 * Skipped, with a message, when nvim is not installed; in CI (CI set) a missing nvim fails.
 * ASLINT_NVIM names another nvim binary.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { positionOf } from "./harness.js";

const ROOT = join(__dirname, "..", "..");
const SERVER = join(ROOT, "dist", "aslint-language-server.cjs");
const SCRIPT = join(__dirname, "nvim-client.lua");

const NVIM = process.env.ASLINT_NVIM || "nvim";

function nvimVersion(): string | undefined {
  const r = spawnSync(NVIM, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0] : undefined;
}

const version = nvimVersion();
const MISSING = "nvim not found: install Neovim (apt-get install -y neovim) to run the editor test";

const DEFINITION = `{
  "StartAt": "Validate",
  "States": {
    "Validate": {
      "Type": "Pass",
      "Next": "Procss"
    },
    "Process": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Next": "Done"
    },
    "Done": {
      "Type": "Pass"
    }
  }
}
`;

interface NvimOut {
  steps: string[];
  error?: string;
  diagnostics?: { line: number; column: number; end_line: number; end_column: number; severity: number; source: string; code: string; message: string }[];
  completion?: string[];
  after_rename?: string[];
}

describe("Neovim (headless, built-in LSP client)", () => {
  if (!version) {
    if (process.env.CI) {
      it("nvim is installed", () => {
        throw new Error(`${MISSING}. CI must run this test.`);
      });
    } else {
      console.warn(`SKIPPED Neovim editor test: ${MISSING}.`);
      it.skip(`(skipped: ${MISSING})`, () => undefined);
    }
    return;
  }

  it(`shows diagnostics, completes and renames (${version})`, () => {
    expect(existsSync(SERVER), "run node scripts/build.mjs first").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "aslint-nvim-"));
    try {
      const file = join(dir, "order.asl.json");
      const outFile = join(dir, "out.json");
      writeFileSync(file, DEFINITION);
      const complete = positionOf(DEFINITION, '"Procss"', 1);
      const rename = positionOf(DEFINITION, '"Done": {', 2);
      const r = spawnSync(NVIM, ["--headless", "--clean", "-n", "-i", "NONE", "-c", `luafile ${SCRIPT}`], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
        env: {
          ...process.env,
          XDG_CONFIG_HOME: join(dir, "config"),
          XDG_DATA_HOME: join(dir, "data"),
          XDG_STATE_HOME: join(dir, "state"),
          XDG_CACHE_HOME: join(dir, "cache"),
          ASLINT_SERVER: JSON.stringify([process.execPath, SERVER, "--stdio"]),
          ASLINT_FILE: file,
          ASLINT_OUT: outFile,
          ASLINT_COMPLETE_AT: `${complete.line},${complete.character}`,
          ASLINT_RENAME_AT: `${rename.line},${rename.character}`,
          ASLINT_NEW_NAME: "Finish",
        },
      });
      expect(existsSync(outFile), `nvim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stderr}${r.stdout}`).toBe(true);
      const out = JSON.parse(readFileSync(outFile, "utf8")) as NvimOut;
      expect(out.error, `nvim script failed after steps ${out.steps.join(", ")}`).toBeUndefined();

      // diagnostics as Neovim shows them (0-based line and column)
      const target = positionOf(DEFINITION, '"Procss"');
      const done = positionOf(DEFINITION, '"Done": {');
      expect(out.diagnostics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            line: target.line,
            column: target.character,
            end_column: target.character + 8,
            severity: 1,
            source: "aslint",
            code: "missing-transition-target",
            message: 'Next target "Procss" does not exist in this scope. Did you mean "Process"?',
          }),
          expect.objectContaining({ line: done.line, column: done.character, code: "next-or-end", source: "aslint" }),
        ]),
      );

      // completion inside "Procss": the states of the top level
      expect(out.completion).toEqual(expect.arrayContaining(["Validate", "Process", "Done"]));

      // rename Done -> Finish, applied by Neovim and written with :w
      const saved = JSON.parse(readFileSync(file, "utf8"));
      expect(Object.keys(saved.States)).toEqual(["Validate", "Process", "Finish"]);
      expect(saved.States.Process.Next).toBe("Finish");
      expect(saved.States.Validate.Next).toBe("Procss");
      expect(out.after_rename!.some((m) => m.includes('"Finish"'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
