/**
 * The pre-commit hook, run by the real pre-commit against a scratch git repository that uses
 * this repository (at HEAD) as its hook source: pre-commit clones it, installs it as a node
 * package (npm install, npm pack, npm install -g: the prepare script builds it) and passes the
 * commit's JSON, YAML and Terraform files to `aslint`. Definitions are linted; package.json and
 * other files are skipped quietly.
 *
 * Skipped, with a message, when pre-commit is not installed; in CI (CI set) a missing
 * pre-commit fails. pre-commit's own cache lives in a temporary folder.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = join(__dirname, "..");
const found = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
const version = found.status === 0 ? found.stdout.trim() : undefined;
const MISSING = "pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit)";

const GOOD = JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" } } }, null, 2) + "\n";
const BAD = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Procss" }, Process: { Type: "Succeed" } } }, null, 2) + "\n";

describe("pre-commit", () => {
  if (!version) {
    if (process.env.CI) {
      it("pre-commit is installed", () => {
        throw new Error(`${MISSING}. CI must run this test.`);
      });
    } else {
      console.warn(`SKIPPED pre-commit test: ${MISSING}.`);
      it.skip(`(skipped: ${MISSING})`, () => undefined);
    }
    return;
  }

  it(`installs the hook from this repository and lints the definitions of a commit (${version})`, () => {
    const rev = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
    expect(rev).toMatch(/^[0-9a-f]{40}$/);
    const base = mkdtempSync(join(tmpdir(), "aslint-pre-commit-"));
    const repo = join(base, "repo");
    mkdirSync(join(repo, "workflows"), { recursive: true });
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    const env = { ...process.env, PRE_COMMIT_HOME: join(base, "cache"), PRE_COMMIT_COLOR: "never", NO_COLOR: "1", GIT_CONFIG_NOSYSTEM: "1", HOME: process.env.HOME ?? base };
    const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8", env });
    const preCommit = (...args: string[]) => spawnSync("pre-commit", args, { cwd: repo, encoding: "utf8", env, timeout: 600_000 });
    try {
      git("init", "-q");
      writeFileSync(join(repo, ".pre-commit-config.yaml"), `repos:\n  - repo: ${JSON.stringify(ROOT)}\n    rev: ${rev}\n    hooks:\n      - id: aslint\n`);
      writeFileSync(join(repo, "workflows", "good.asl.json"), GOOD);
      writeFileSync(join(repo, "workflows", "order.json"), BAD);
      writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", scripts: { test: "true" } }, null, 2));
      writeFileSync(join(repo, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true } }));
      writeFileSync(join(repo, ".github", "workflows", "ci.yml"), "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n");
      git("add", "-A");

      const run = preCommit("run", "--all-files");
      const out = run.stdout + run.stderr;
      expect(run.status, out).toBe(1);
      expect(out).toContain("aslint (AWS Step Functions)");
      expect(out).toContain('workflows/order.json:6:15  error  Next target "Procss" does not exist in this scope. Did you mean "Process"?  missing-transition-target');
      // package.json, tsconfig.json and the workflow YAML were passed and skipped without a word
      expect(out).toContain("✖ 1 problem (1 error, 0 warnings) in 2 files; 1 FAIL, 1 OK");
      expect(out).not.toMatch(/package\.json|tsconfig\.json|ci\.yml/);

      // the non-definitions alone pass
      const others = preCommit("run", "--files", "package.json", "tsconfig.json", ".github/workflows/ci.yml");
      expect(others.status, others.stdout + others.stderr).toBe(0);
      expect(others.stdout).toMatch(/aslint \(AWS Step Functions\)\.+Passed/);

      // fixed, the commit passes
      writeFileSync(join(repo, "workflows", "order.json"), BAD.replace("Procss", "Process"));
      git("add", "-A");
      const fixed = preCommit("run", "--all-files");
      expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
      expect(fixed.stdout).toMatch(/aslint \(AWS Step Functions\)\.+Passed/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 900_000);
});
