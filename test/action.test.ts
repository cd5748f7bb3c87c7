/**
 * The GitHub Action (action.yml, a composite action): its inputs and steps, and its lint step
 * (scripts/action-lint.sh) run as the runner runs it, on a scratch repository: the SARIF file,
 * the report in the log and the job summary, the annotations, the step's outputs and status.
 * (No GitHub runner here: the setup-node, npm ci and upload-sarif steps are GitHub's own.)
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));

function lintStep(inputs: Record<string, string>, files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "aslint-action-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const output = join(dir, "github-output");
  const summary = join(dir, "step-summary");
  writeFileSync(output, "");
  const r = spawnSync("bash", [join(ROOT, "scripts", "action-lint.sh")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ASLINT: join(ROOT, "dist", "aslint.cjs"), GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...inputs },
  });
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  return { ...r, dir, output: read(output), summary: read(summary) };
}

const GOOD = JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" } } });
const BAD = '{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Pass", "Next": "Bx" }, "B": { "Type": "Succeed" } }\n}\n';

describe("action.yml", () => {
  it("is a composite action: install from its own checkout, lint, upload the SARIF when asked", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["paths", "args", "sarif-file", "upload-sarif", "node-version"]);
    const steps = action.runs.steps as { uses?: string; run?: string; if?: string; with?: Record<string, string> }[];
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      "actions/setup-node@v4",
      "npm ci --no-audit --no-fund",
      'bash "${{ github.action_path }}/scripts/action-lint.sh"',
      "github/codeql-action/upload-sarif@v3",
    ]);
    // the upload runs when the lint step failed too, and only when asked
    expect(steps[3].if).toContain("always()");
    expect(steps[3].if).toContain("inputs.upload-sarif == 'true'");
    expect(steps[3].with?.sarif_file).toBe("${{ steps.lint.outputs.sarif-file }}");
  });

  it("the lint step: SARIF file, report in the log and the summary, annotations, outputs, exit 1 on a FAIL", () => {
    const r = lintStep({ INPUT_PATHS: "good.asl.json bad.asl.json", INPUT_ARGS: "--max-warnings 0", INPUT_SARIF_FILE: "reports/aslint.sarif" }, { "good.asl.json": GOOD, "bad.asl.json": BAD });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('bad.asl.json:3:46  error  Next target "Bx" does not exist in this scope. Did you mean "B"?  missing-transition-target');
    expect(r.stdout).toContain('::error file=bad.asl.json,line=3,col=46,endLine=3,endColumn=50,title=aslint missing-transition-target::Next target "Bx" does not exist in this scope. Did you mean "B"?\n');
    const sarif = JSON.parse(readFileSync(join(r.dir, "reports", "aslint.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(["missing-transition-target"]);
    expect(r.output).toBe("sarif-file=reports/aslint.sarif\nexit-code=1\n");
    expect(r.summary).toContain("### aslint\n\n```text\nbad.asl.json:3:46  error");
  });

  it("exit 0 and no annotation when every file is OK", () => {
    const r = lintStep({ INPUT_PATHS: "." }, { "good.asl.json": GOOD });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("✔ 1 file checked: OK\n");
    expect(r.output).toBe("sarif-file=aslint.sarif\nexit-code=0\n");
  });
});
