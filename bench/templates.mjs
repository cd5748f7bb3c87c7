// The templates line of `npm run bench` (BENCH_ONLY=templates): definitions read where they
// live, over the CloudFormation, SAM and CDK cases of ../shared/corpus/templates.
//   1. extraction: reading the definitions out of the templates and linting them there,
//      against linting the same definitions given directly (the texts extracted beforehand,
//      untimed; an inline YAML Definition as YAML, a DefinitionString as its JSON), in one
//      child process (worker.mjs, scenario "templates");
//   2. against cfn-lint (when it is installed: it is never a dependency): both CLIs on all the
//      templates in one process each, interleaved runs, time per template: wall time, and CPU
//      time (user + system, through /usr/bin/time), which other work on a shared machine
//      disturbs less; the target is judged on CPU time.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CORPUS_DIR, ROOT } from "./corpus.mjs";

/** The manifest cases cfn-lint reads (it reads neither serverless.yml nor Terraform). */
export function templateCases() {
  const dir = join(CORPUS_DIR, "templates");
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  return manifest.filter((c) => ["sam", "sam-translator-output", "cfn-yaml", "cfn-json"].includes(c.kind)).map((c) => join(dir, c.dir, c.file));
}

function cfnLintVersion() {
  const r = spawnSync("cfn-lint", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export async function templatesScenario(results, { runChild, snapshot, cfg, log, summarize }) {
  const files = templateCases();
  log(`templates: ${files.length} CloudFormation/SAM/CDK templates`);
  const inProcess = await runChild({ scenario: "templates", files, rounds: cfg.rounds, budgetMs: cfg.budgetMs, warmupMs: cfg.corpusWarmupMs });
  const out = { templates: files.length, inProcess };
  // the CLIs, each on every template in one run
  const version = cfnLintVersion();
  const runs = cfg.quick ? 2 : 5;
  const aslint = [];
  const cfn = [];
  const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const timeOut = join(ROOT, "bench", "results", "templates-time.tmp");
  const aslintCpu = [];
  const cfnCpu = [];
  const once = (cmd, args) => {
    const t0 = performance.now();
    const r = spawnSync(TIME ?? cmd, TIME ? ["-f", "%U %S", "-o", timeOut, cmd, ...args] : args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    const cpu = TIME ? readFileSync(timeOut, "utf8").trim().split("\n").pop().split(" ").map(Number) : undefined;
    return { ms, cpuMs: cpu ? (cpu[0] + cpu[1]) * 1000 : undefined, status: r.status };
  };
  const aslintArgs = [join(snapshot, "aslint.cjs"), "--format", "json", ...files];
  once(process.execPath, aslintArgs);
  for (let i = 0; i < runs; i++) {
    const a = once(process.execPath, aslintArgs);
    aslint.push(a.ms / files.length);
    if (a.cpuMs !== undefined) aslintCpu.push(a.cpuMs / files.length);
    if (version) {
      const c = once("cfn-lint", ["--format", "json", "--", ...files]);
      cfn.push(c.ms / files.length);
      if (c.cpuMs !== undefined) cfnCpu.push(c.cpuMs / files.length);
    }
  }
  const cpuOf = (a) => (a.length ? summarize(a) : undefined);
  out.cli = {
    runs,
    aslintPerTemplate: summarize(aslint),
    aslintCpuPerTemplate: cpuOf(aslintCpu),
    cfnLint: version ? { version, perTemplate: summarize(cfn), cpuPerTemplate: cpuOf(cfnCpu) } : { skipped: "cfn-lint is not installed" },
  };
  results.templates = out;
  log(`  aslint CLI ${out.cli.aslintPerTemplate.median.toFixed(1)} ms per template${version ? `; ${version} ${out.cli.cfnLint.perTemplate.median.toFixed(0)} ms` : "; cfn-lint not installed"}`);
  log(`  in process: templates ${inProcess.templateMs?.median?.toFixed(2)} ms vs the same definitions directly ${inProcess.directMs?.median?.toFixed(2)} ms a round`);
}
