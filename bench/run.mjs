// `npm run bench`: aslint side by side with asl-validator 4.0.0 and
// amazon-states-language-service 1.16.1. Each tool runs in child processes of its own
// (bench/worker.mjs: one per scenario, or per definition in the scaling scenario, where aslint
// gets several), one after the other, so no tool's JIT or GC disturbs another's. Prints
// markdown tables and PASS/MISS lines, and writes bench/results/latest.json (and latest.md,
// the same tables).
//
// Environment:
//   BENCH_QUICK=1          smoke run: every 8th corpus file, 2 rounds, few CLI/editor runs
//   BENCH_ROUNDS=N         minimum timed rounds per tool (corpus and scaling; default 7)
//   BENCH_BUDGET_MS=N      keep timing rounds until this much time is spent (default 3000),
//                          so fast tools get more samples; never fewer than BENCH_ROUNDS
//   BENCH_SLOW_ROUNDS=N    corpus rounds for asl-validator per call (default 3: ~15 s a round)
//   BENCH_CLI_RUNS=N       cold-start runs per command (default 30)
//   BENCH_EDITOR_CHANGES=N measured didChange per document (default 12)
//   BENCH_WARMUP_MS=N      warm-up time per child (default 2000 corpus, 1000 scaling)
//   BENCH_PROCESSES=N      scaling: aslint's child processes per definition (default 3)
//   BENCH_ONLY=a,b         scenarios to run: corpus, scaling, cli, editor, memory, templates, test-state, adversarial
//   BENCH_DIST=DIR         the build to measure (default dist/): another checkout's, to compare
//   BENCH_ADVERSARIAL=a,b  adversarial families to run (default all; bench/adversarial.mjs)
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, CORPUS_DIR } from "./corpus.mjs";
import { scalingDefinitions, generateDefinition, DEFINITION_LIMIT } from "./generate.mjs";
import { ADVERSARIAL, adversarialDefinition } from "./adversarial.mjs";
import { poolProcesses, summarize } from "./stats.mjs";
import { TOOLS } from "./tools.mjs";
import { templatesScenario } from "./templates.mjs";

const env = process.env;
const QUICK = env.BENCH_QUICK === "1" || env.BENCH_QUICK === "true";
const int = (v, d) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Math.max(1, Math.floor(Number(v))) : d);
const cfg = {
  quick: QUICK,
  rounds: int(env.BENCH_ROUNDS, QUICK ? 2 : 7),
  budgetMs: int(env.BENCH_BUDGET_MS, QUICK ? 300 : 3000),
  slowRounds: int(env.BENCH_SLOW_ROUNDS, QUICK ? 1 : 3),
  cliRuns: int(env.BENCH_CLI_RUNS, QUICK ? 5 : 30),
  editorChanges: int(env.BENCH_EDITOR_CHANGES, QUICK ? 3 : 12),
  corpusWarmupMs: int(env.BENCH_WARMUP_MS, QUICK ? 300 : 2000),
  scaleWarmupMs: int(env.BENCH_WARMUP_MS, QUICK ? 200 : 1000),
  scaleProcesses: int(env.BENCH_PROCESSES, QUICK ? 1 : 3),
  corpusEvery: QUICK ? 8 : 1,
  only: (env.BENCH_ONLY ?? "corpus,scaling,cli,editor,memory,templates,test-state,adversarial").split(",").map((s) => s.trim()).filter(Boolean),
  adversarialTimeoutMs: int(env.BENCH_ADVERSARIAL_TIMEOUT_MS, 60_000),
  adversarial: env.BENCH_ADVERSARIAL ? env.BENCH_ADVERSARIAL.split(",").map((s) => s.trim()) : ADVERSARIAL.map((f) => f[0]),
};
const WORKER = join(ROOT, "bench", "worker.mjs");
const RESULTS = join(ROOT, "bench", "results");
// Other work may rebuild dist/ while the bench runs: every scenario uses a copy taken at
// the start (bench/results/dist.tmp/), so one run measures one build.
const SNAPSHOT = join(RESULTS, "dist.tmp");
// generated inputs, written once per run (git ignores bench/results/*.tmp)
const INPUTS = join(RESULTS, "inputs.tmp");
const SERVER = join(SNAPSHOT, "aslint-language-server.cjs");
const SERVER_LABEL = "dist/aslint-language-server.cjs";
const ANCHOR_TOOLS = ["asl-validator", "asl-validator-prebuilt", "asls"];
const ALL_TOOLS = ["aslint", ...ANCHOR_TOOLS];
const loadavg = () => {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return undefined;
  }
};
const log = (...a) => process.stderr.write(`${a.join(" ")}\n`);

// ---------- helpers ----------

function runChild(job, { timeoutMs = 20 * 60_000 } = {}) {
  const loadBefore = loadavg();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (line) return resolve({ ...JSON.parse(line.slice("BENCH_RESULT ".length)), loadAverage: { before: loadBefore, after: loadavg() } });
      resolve({ error: `child exited (code ${code}, signal ${signal}): ${(err || out).trim().slice(-1500)}` });
    });
  });
}

const fmtMs = (ms) => {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return "–";
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
};
const num = (x) => (x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));
const spread = (s) => (s ? `${num(s.p25)}–${num(s.p75)}` : "–");
const cell = (s) => (s ? `${fmtMs(s.median)} (${spread(s)})` : "–");
const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);
const fmtX = (r, digits = 1) => (r === undefined || Number.isNaN(r) ? "–" : `${r >= 100 ? Math.round(r).toLocaleString("en-US") : r.toFixed(digits)}×`);
const mb = (bytes) => (bytes ? `${(bytes / 1048576).toFixed(1)} MB` : "–");

function table(headers, rows, align) {
  const lines = [`| ${headers.join(" | ")} |`, `| ${headers.map((_, i) => (align?.[i] === "r" ? "---:" : "---")).join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n");
}

function machine() {
  const sh = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  let cpuModel = cpus()[0]?.model;
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpuModel = m[1].trim();
  } catch {}
  return {
    nproc: sh("nproc", []) ?? String(availableParallelism()),
    cpuModel,
    memTotal: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    free: sh("free", ["-h"]),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: sh("cat", ["/proc/loadavg"]),
  };
}

function versions() {
  const v = (p) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, p), "utf8")).version;
    } catch {
      return undefined;
    }
  };
  return {
    aslint: v("package.json"),
    "asl-validator": v("node_modules/asl-validator/package.json"),
    "amazon-states-language-service": v("node_modules/amazon-states-language-service/package.json"),
    "vscode-json-languageservice": v("node_modules/vscode-json-languageservice/package.json"),
  };
}

/** The server's debounce as written in its source, when a constant can be found. */
function debounceFromSource() {
  const dir = join(ROOT, "server");
  if (!existsSync(dir)) return undefined;
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[cm]?[jt]s$/.test(name)) files.push(p);
    }
  };
  walk(dir);
  for (const f of files) {
    const lines = readFileSync(f, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const m = /\bdebounce\s*[:=]\s*(\d[\d_]*)/i.exec(lines[i]);
      if (m) return { ms: Number(m[1].replace(/_/g, "")), where: `${f.slice(ROOT.length + 1)}:${i + 1}`, line: lines[i].trim() };
    }
  }
  return undefined;
}

// ---------- scenarios ----------

async function corpusScenario(results) {
  log(`corpus: ≥ ${cfg.rounds} rounds and ≥ ${cfg.budgetMs} ms per tool (asl-validator per call: ${cfg.slowRounds} rounds), warm-up ${cfg.corpusWarmupMs} ms per tool`);
  const out = {};
  for (const tool of ALL_TOOLS) {
    const rounds = tool === "asl-validator" ? cfg.slowRounds : cfg.rounds;
    const t0 = performance.now();
    const r = await runChild({ scenario: "corpus", tool, rounds, budgetMs: tool === "asl-validator" ? 0 : cfg.budgetMs, every: cfg.corpusEvery, warmupMs: cfg.corpusWarmupMs, warmupMinCalls: 1 });
    if (r.error) log(`  ${tool}: ERROR ${r.error}`);
    else log(`  ${tool}: ${fmtMs(summarize(r.perDefinitionMs).median)} per definition (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    out[tool] = r;
  }
  const pre = out["asl-validator-prebuilt"]?.verdicts;
  const per = out["asl-validator"]?.verdicts;
  let identical;
  if (pre && per) identical = pre.length === per.length && pre.every((v, i) => JSON.stringify(v) === JSON.stringify(per[i]));
  results.corpus = {
    dir: CORPUS_DIR,
    every: cfg.corpusEvery,
    tools: Object.fromEntries(
      Object.entries(out).map(([tool, r]) => [
        tool,
        r.error
          ? { error: r.error }
          : {
              definitions: r.definitions,
              yaml: r.yaml,
              bytes: r.bytes,
              loadMs: r.loadMs,
              warmupCalls: r.warmupCalls,
              rounds: r.roundMs.length,
              perDefinition: summarize(r.perDefinitionMs),
              perDefinitionMs: r.perDefinitionMs,
              perDefinitionCpu: summarize(r.perDefinitionCpuMs),
              loadAverage: r.loadAverage,
              okCount: r.verdicts.filter((v) => v.ok).length,
              thrown: r.verdicts.filter((v) => v.thrown).map((v) => ({ file: v.file, error: v.thrown })),
            },
      ]),
    ),
    prebuiltVerdictsIdenticalToPerCall: identical,
  };
}

async function scalingScenario(results, defs) {
  log(`scaling: ≥ ${cfg.rounds} rounds and ≥ ${cfg.budgetMs} ms per tool and definition, warm-up ≥ ${cfg.scaleWarmupMs} ms; aslint in ${cfg.scaleProcesses} process(es) per definition`);
  const job = (d, tool) => ({ scenario: "scale", tool, key: d.key, file: d.file, rounds: cfg.rounds, budgetMs: cfg.budgetMs, warmupMs: cfg.scaleWarmupMs, warmupMinCalls: 2 });
  const rows = defs.map((d) => ({ key: d.key, label: d.label, length: d.length, states: d.states, topLevelStates: d.topLevelStates, indent: d.indent, tools: {} }));
  const record = (row, tool, r) => {
    row.tools[tool] = { lint: summarize(r.lintMs), lintMs: r.lintMs, cpu: summarize(r.cpuMs), loadAverage: r.loadAverage, firstMs: r.firstMs, loadMs: r.loadMs, warmupCalls: r.warmupCalls, verdict: r.verdict };
    log(`  ${row.key} ${tool}: ${fmtMs(row.tools[tool].lint.median)}${r.verdict && !r.verdict.ok ? `  (verdict: ${r.verdict.errors} error(s))` : ""}`);
  };
  // aslint, whose figures the targets compare with each other, in several processes per
  // definition: one process's median moves with where its heap and pages happen to fall (at
  // 2,000 states two modes, ±5 %), more than the rounds within it do. The definitions take
  // turns (all of them, then all again), so a slow spell of the machine falls on every size.
  const runs = rows.map(() => []);
  for (let p = 0; p < cfg.scaleProcesses; p++) {
    for (const [i, d] of defs.entries()) {
      const r = await runChild(job(d, "aslint"));
      if (r.error) log(`  ${d.key} aslint: ERROR ${r.error}`);
      else log(`  ${d.key} aslint (process ${p + 1}): ${fmtMs(summarize(r.lintMs).median)}`);
      runs[i].push(r);
    }
  }
  for (const [i, row] of rows.entries()) {
    const ok = runs[i].filter((r) => !r.error);
    if (ok.length < runs[i].length) {
      row.tools.aslint = { error: runs[i].find((r) => r.error).error };
    } else {
      // the samples of every process pooled: median and spread across processes
      const { lintMs, cpuMs, parseMs, walkMs, processes } = poolProcesses(ok);
      record(row, "aslint", { ...ok[0], lintMs, cpuMs });
      row.tools.aslint.processes = processes;
      row.jsonParse = { ...summarize(parseMs), samples: parseMs };
      if (walkMs.length) row.walk = { ...summarize(walkMs), samples: walkMs };
    }
  }
  for (const [i, d] of defs.entries()) {
    for (const tool of ANCHOR_TOOLS) {
      const r = await runChild(job(d, tool));
      if (r.error) {
        log(`  ${d.key} ${tool}: ERROR ${r.error}`);
        rows[i].tools[tool] = { error: r.error };
        continue;
      }
      record(rows[i], tool, r);
    }
  }
  results.scaling = rows;
}

async function cliScenario(results, smallFile) {
  // a small generated definition that every tool accepts, so each does its full work
  const small = smallFile;
  // A CI runner starts with an empty cache directory: each such run gets a new one. Without the
  // build's code cache (dist/aslint-cli.v8, for another Node.js), such a run compiles the CLI and
  // writes the user's cache; with ASLINT_NO_CACHE=1 it only compiles.
  const noBuildCache = join(INPUTS, "dist-without-build-cache");
  mkdirSync(noBuildCache, { recursive: true });
  for (const f of ["aslint.cjs", "aslint-cli.cjs"]) copyFileSync(join(SNAPSHOT, f), join(noBuildCache, f));
  const emptyCacheDirs = join(INPUTS, "cache-homes");
  let emptyCacheCount = 0;
  const emptyCache = () => {
    rmSync(emptyCacheDirs, { recursive: true, force: true });
    const home = join(emptyCacheDirs, String(emptyCacheCount++));
    mkdirSync(home, { recursive: true });
    return { XDG_CACHE_HOME: home };
  };
  const cmds = [
    { key: "node", label: "node -e 0", args: ["-e", "0"] },
    { key: "aslint", label: "node dist/aslint.cjs FILE", args: [join(SNAPSHOT, "aslint.cjs"), small] },
    { key: "aslint-empty-cache", label: "XDG_CACHE_HOME=<empty dir> node dist/aslint.cjs FILE", args: [join(SNAPSHOT, "aslint.cjs"), small], env: emptyCache },
    { key: "aslint-no-build-cache", label: "XDG_CACHE_HOME=<empty dir> node <dist without aslint-cli.v8>/aslint.cjs FILE", args: [join(noBuildCache, "aslint.cjs"), small], env: emptyCache },
    { key: "aslint-no-cache", label: "ASLINT_NO_CACHE=1 node dist/aslint.cjs FILE", args: [join(SNAPSHOT, "aslint.cjs"), small], env: () => ({ ASLINT_NO_CACHE: "1" }) },
    { key: "asl-validator", label: "asl-validator --json-path FILE", args: [join(ROOT, "node_modules", "asl-validator", "dist", "bin", "asl-validator.js"), "--json-path", small] },
  ];
  log(`cli: ${cfg.cliRuns} runs per command (interleaved), 3 warm-up runs each; file ${small}`);
  // through /usr/bin/time when present, for the CPU time (user + system, 10 ms resolution:
  // only its mean over the runs is meaningful) and the peak RSS of each process
  const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const timeOut = join(INPUTS, "time.txt");
  const once = (c) => {
    const cmd = TIME ?? process.execPath;
    const args = TIME ? ["-f", "%e %U %S %M", "-o", timeOut, process.execPath, ...c.args] : c.args;
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...env, NO_COLOR: "1", ...c.env?.() } });
    const ms = performance.now() - t0;
    let cpuMs;
    let maxRssKb;
    if (TIME) {
      const f = readFileSync(timeOut, "utf8").trim().split("\n").pop().split(" ").map(Number);
      cpuMs = (f[1] + f[2]) * 1000;
      maxRssKb = f[3];
    }
    return { ms, cpuMs, maxRssKb, status: r.status, out: `${r.stdout}${r.stderr}`.trim().slice(0, 300) };
  };
  const samples = Object.fromEntries(cmds.map((c) => [c.key, []]));
  const cpu = Object.fromEntries(cmds.map((c) => [c.key, []]));
  const rss = Object.fromEntries(cmds.map((c) => [c.key, []]));
  const loadBefore = loadavg();
  const first = {};
  for (const c of cmds) for (let i = 0; i < 3; i++) first[c.key] = once(c);
  // the definition is valid for every tool: a non-zero exit means the command failed, and its
  // timings would measure a crash
  for (const c of cmds) {
    if (first[c.key].status !== 0) throw new Error(`cli: "${c.label}" exited ${first[c.key].status}: ${first[c.key].out}`);
  }
  for (let i = 0; i < cfg.cliRuns; i++) {
    for (const c of cmds) {
      const o = once(c);
      samples[c.key].push(o.ms);
      if (o.cpuMs !== undefined) cpu[c.key].push(o.cpuMs);
      if (o.maxRssKb !== undefined) rss[c.key].push(o.maxRssKb);
    }
  }
  results.cli = {
    loadAverage: { before: loadBefore, after: loadavg() },
    file: relative(ROOT, small),
    states: results.editorSmall?.states,
    bytes: statSync(small).size,
    commands: Object.fromEntries(
      cmds.map((c) => [
        c.key,
        {
          label: c.label,
          ...summarize(samples[c.key]),
          samples: samples[c.key],
          cpuMeanMs: cpu[c.key].length ? summarize(cpu[c.key]).mean : undefined,
          maxRssMedianKb: rss[c.key].length ? summarize(rss[c.key]).median : undefined,
          exitStatus: first[c.key].status,
          output: first[c.key].out,
        },
      ]),
    ),
  };
  rmSync(emptyCacheDirs, { recursive: true, force: true });
  for (const c of cmds) log(`  ${c.label}: ${fmtMs(results.cli.commands[c.key].median)} (exit ${first[c.key].status})`);
}

async function editorScenario(results, defs, small) {
  if (!existsSync(SERVER)) {
    const msg = "skipped: dist/aslint-language-server.cjs does not exist (the language server has not landed yet; `npm run build` bundles server/main.ts once it exists, and this scenario then runs)";
    log(`editor: ${msg}`);
    results.editor = { skipped: msg };
    return;
  }
  const docs = [{ key: small.key, file: small.file }, ...defs.filter((d) => d.key.startsWith("near-1mb")).map((d) => ({ key: d.key, file: d.file }))];
  const debounce = debounceFromSource();
  results.editor = { debounceFromSource: debounce, runs: {} };
  // as shipped (the server's default debounce), then with `debounce: 0` to see the rest
  const variants = [
    { key: "default", label: `default settings (debounce ${debounce ? `${debounce.ms} ms` : "as shipped"})` },
    { key: "debounce0", label: "initializationOptions { debounce: 0 }", initializationOptions: { debounce: 0 } },
  ];
  for (const v of variants) {
    log(`editor (${v.label}): ${cfg.editorChanges} changes per document (+2 warm-up), server ${SERVER_LABEL}`);
    const r = await runChild(
      { scenario: "editor", server: SERVER, docs, changes: cfg.editorChanges, warmupChanges: 2, settleMs: 150, initializationOptions: v.initializationOptions },
      { timeoutMs: 10 * 60_000 },
    );
    if (r.error && !r.docs) {
      log(`  ERROR ${r.error}`);
      results.editor.runs[v.key] = { label: v.label, error: r.error };
      continue;
    }
    const run = {
      label: v.label,
      sync: r.sync,
      serverInfo: r.serverInfo,
      initializeMs: r.initializeMs,
      error: r.error,
      stderr: r.stderr || undefined,
      docs: r.docs.map((d) => ({ ...d, change: d.changeMs.length ? summarize(d.changeMs) : undefined })),
    };
    results.editor.runs[v.key] = run;
    if (r.error) log(`  ERROR ${r.error}`);
    for (const d of run.docs) log(`  ${d.key}: open ${fmtMs(d.openMs)}, change→diagnostics ${cell(d.change)}, ${d.errors} error(s)`);
  }
}

async function memoryScenario(results, defs) {
  const targets = defs.filter((d) => d.key.startsWith("near-1mb"));
  log(`memory: peak RSS linting each 1 MB definition once, one child per tool`);
  const out = [];
  for (const d of targets) {
    const row = { key: d.key, label: d.label, tools: {} };
    for (const tool of ["baseline", ...ALL_TOOLS]) {
      const r = await runChild({ scenario: "memory", tool, key: d.key, file: d.file });
      row.tools[tool] = r.error ? { error: r.error } : { maxRss: r.maxRss, rssBefore: r.rssBefore, vmHwm: r.vmHwm };
      log(`  ${d.key} ${tool}: ${r.error ? `ERROR ${r.error}` : mb(r.maxRss)}`);
    }
    out.push(row);
  }
  results.memory = out;
}

/** Sizes of the adversarial scenario: 100 KB and AWS's limit on a definition (1 MB). */
const ADVERSARIAL_SIZES = [102_400, DEFINITION_LIMIT];
/** Growth allowed over the machine's own (JSON.parse of the same texts, in the same process): the project's rule for growth. */
const FLOOR_FACTOR = 1.15;
/** Most growth per doubling of the text allowed on an adversarial shape. */
const MAX_GROWTH = 2.3;

async function adversarialScenario(results) {
  log(`adversarial: ${cfg.adversarial.length} families at ${ADVERSARIAL_SIZES.map((b) => `${Math.round(b / 1024)} KB`).join(" and ")}, one child each, the smaller text linted for ${cfg.quick ? 0.3 : 1.5} s first, then ≥ ${cfg.quick ? 2 : 5} rounds and ≥ ${cfg.quick ? 0.3 : 2} s of rounds (limit ${cfg.adversarialTimeoutMs / 1000} s a child)`);
  const rows = [];
  for (const key of cfg.adversarial) {
    const row = { key, sizes: [] };
    let warmupFile;
    for (const bytes of ADVERSARIAL_SIZES) {
      const d = adversarialDefinition(key, bytes);
      row.stresses = d.stresses;
      const file = join(INPUTS, d.filename.replace(/(\.asl\.)/, `-${bytes}$1`));
      writeFileSync(file, d.text);
      warmupFile ??= file; // the smallest size warms every child of the family up
      const r = await runChild(
        { scenario: "adversarial", key, file, filename: d.filename, warmupFile, rounds: cfg.quick ? 2 : 5, budgetMs: cfg.quick ? 300 : 2000, warmupMs: cfg.quick ? 300 : 1500 },
        { timeoutMs: cfg.adversarialTimeoutMs },
      );
      if (r.error) {
        const timedOut = /signal SIGKILL/.test(r.error);
        row.sizes.push({ bytes: d.text.length, error: timedOut ? `over ${cfg.adversarialTimeoutMs / 1000} s` : r.error, timedOut });
        log(`  ${key} ${d.text.length}: ${timedOut ? `TIMEOUT (> ${cfg.adversarialTimeoutMs / 1000} s)` : `ERROR ${r.error}`}`);
        continue;
      }
      const lint = summarize(r.lintMs);
      row.sizes.push({ bytes: r.length, lint, lintMs: r.lintMs, cpu: summarize(r.cpuMs), cpuMs: r.cpuMs, parse: r.parseCpuMs ? summarize(r.parseCpuMs) : undefined, firstMs: r.firstMs, result: r.result, errors: r.errors, warnings: r.warnings, maxRss: r.maxRss, loadAverage: r.loadAverage });
      log(`  ${key} ${r.length}: ${fmtMs(lint.median)} (first ${fmtMs(r.firstMs)}), ${r.result}`);
    }
    const [small, large] = row.sizes;
    if (small?.lint && large?.lint) {
      // growth per doubling of the text, from the two sizes' median CPU times (the wall time of a
      // loaded machine includes the time other processes had the CPU), and from the wall medians
      const per = (a, b) => Math.pow(b / a, 1 / Math.log2(large.bytes / small.bytes));
      row.growth = per(small.cpu.median, large.cpu.median);
      row.wallGrowth = per(small.lint.median, large.lint.median);
      row.msPerMb = (large.cpu.median / large.bytes) * 1_048_576;
      if (small.parse && large.parse) row.parseGrowth = per(small.parse.median, large.parse.median);
    }
    rows.push(row);
  }
  results.adversarial = { sizes: ADVERSARIAL_SIZES, maxGrowth: MAX_GROWTH, rows };
}

// ---------- report ----------

const LABEL = { ...Object.fromEntries(Object.entries(TOOLS).map(([k, v]) => [k, v.label])), baseline: "node + read + JSON.parse (floor)" };

function report(results) {
  const parts = [];
  const m = results.machine;
  parts.push(`## Machine\n\n- CPU: ${m.cpuModel}, nproc ${m.nproc}, memory ${m.memTotal}\n- Node ${m.node} (${m.platform}); load average (1, 5, 15 min) at start ${m.loadAverageAtStart?.split(" ").slice(0, 3).join(" ")}, at end ${results.loadAverageAtEnd ?? "–"} (other processes on this machine add noise: compare within one run)\n- Tools: aslint ${results.versions.aslint}, asl-validator ${results.versions["asl-validator"]}, amazon-states-language-service ${results.versions["amazon-states-language-service"]} (vscode-json-languageservice ${results.versions["vscode-json-languageservice"]})\n- Settings: ${JSON.stringify({ quick: cfg.quick, rounds: cfg.rounds, slowRounds: cfg.slowRounds, scaleProcesses: cfg.scaleProcesses, cliRuns: cfg.cliRuns, editorChanges: cfg.editorChanges })}`);

  const c = results.corpus;
  if (c) {
    const base = c.tools.aslint?.perDefinition?.median;
    const any = Object.values(c.tools).find((t) => t.definitions);
    const rows = ALL_TOOLS.filter((t) => c.tools[t]).map((t) => {
      const x = c.tools[t];
      if (x.error) return [LABEL[t], "error", "", "", "", ""];
      return [LABEL[t], fmtMs(x.perDefinition.median), spread(x.perDefinition), `${num(x.perDefinition.min)}–${num(x.perDefinition.max)}`, t === "aslint" ? "1×" : fmtX(ratio(x.perDefinition.median, base)), `${x.okCount}/${x.definitions}`];
    });
    parts.push(
      `## 1. Corpus throughput\n\n${any ? `${any.definitions} definitions (${any.yaml} YAML) from \`${c.dir.replace(/.*\/shared\//, "../shared/")}\`${c.every > 1 ? `, every ${c.every}th file` : ""}, ${(any.bytes / 1024).toFixed(0)} KB; ` : ""}each linted once per round; time per definition, median of the rounds (at least ${cfg.rounds} rounds and ${(cfg.budgetMs / 1000).toFixed(0)} s per tool; asl-validator per call: ${cfg.slowRounds} rounds of ~15 s), after ${(cfg.corpusWarmupMs / 1000).toFixed(0)} s of warm-up.\n\n` +
        table(["tool", "per definition", "p25–p75", "min–max", "vs aslint", "passed"], rows, ["l", "r", "r", "r", "r", "r"]) +
        `\n\n"passed": definitions the tool accepts (aslint: result OK, no ERROR). asl-validator with schemas compiled once gives ${c.prebuiltVerdictsIdenticalToPerCall === undefined ? "(not compared)" : c.prebuiltVerdictsIdenticalToPerCall ? "the same verdict and the same errors on every definition as the per-call API" : "DIFFERENT verdicts from the per-call API (see latest.json)"}.`,
    );
  }

  const s = results.scaling;
  if (s) {
    const rows = s.map((r) => {
      const t = (k) => r.tools[k]?.lint;
      return [
        r.label,
        r.length.toLocaleString("en-US"),
        fmtMs(r.jsonParse?.median),
        cell(t("aslint")),
        fmtX(ratio(t("aslint")?.median, r.jsonParse?.median)),
        cell(t("asl-validator")),
        cell(t("asl-validator-prebuilt")),
        cell(t("asls")),
        fmtX(ratio(t("asls")?.median, t("aslint")?.median), 0),
      ];
    });
    const verdicts = s
      .map((r) => {
        const v = (k) => r.tools[k]?.verdict;
        const a = v("aslint");
        return `- ${r.label}: aslint ${a ? `${a.errors} error(s), ${a.warnings} warning(s), ${a.infos} info` : "–"}; asl-validator ${v("asl-validator")?.ok ? "valid" : `${v("asl-validator")?.errors ?? "?"} error(s)`}; language service ${v("asls") ? `${v("asls").errors} error(s), ${v("asls").warnings} warning(s)` : "–"}`;
      })
      .join("\n");
    // each size against half its size, for aslint and for the two references measured in its processes
    const byKey = (k) => s.find((r) => r.key === k);
    const growth = [["states-1000", "states-2000"], ["states-2000", "states-4000"]]
      .map(([a, b]) => [byKey(a), byKey(b)])
      .filter(([a, b]) => a?.tools.aslint?.lint && b?.tools.aslint?.lint)
      .map(([a, b]) => {
        const g = (f) => fmtX(ratio(f(b), f(a)), 2);
        const walk = a.walk && b.walk ? `, the walk ${g((r) => r.walk.median)} (${fmtMs(a.walk.median)} → ${fmtMs(b.walk.median)})` : "";
        return `- ${a.label} → ${b.label}: aslint ${g((r) => r.tools.aslint.lint.median)}, JSON.parse ${g((r) => r.jsonParse?.median)}${walk}`;
      })
      .join("\n");
    parts.push(
      `## 2. Scaling\n\nGenerated definitions (bench/generate.mjs, seeded): compact JSON for the state counts and the largest that fits the quota; one pretty-printed (2-space) definition just under the quota as well. Time per lint, median (p25–p75) of at least ${cfg.rounds} rounds and ${(cfg.budgetMs / 1000).toFixed(0)} s of rounds per process, after ≥ ${(cfg.scaleWarmupMs / 1000).toFixed(0)} s of warm-up; aslint (with JSON.parse) in ${cfg.scaleProcesses} process${cfg.scaleProcesses === 1 ? "" : "es"} per definition, the definitions in turn, their samples pooled; the other tools in one; "×parse" is aslint ÷ JSON.parse of the same text in the same process; the last column is the language service ÷ aslint.\n\n` +
        table(["definition", "chars", "JSON.parse", "aslint", "×parse", "asl-validator (per call)", "asl-validator (schemas once)", "language service", "LS÷aslint"], rows, ["l", "r", "r", "r", "r", "r", "r", "r", "r"]) +
        (growth
          ? `\n\nGrowth from one size to twice it, in aslint's processes. The walk is ten read-only passes over JSON.parse's tree of the same text (bench/walk.mjs): every member of every object and array, linear by construction and allocating nothing, so its growth is the machine's (its memory hierarchy), not an algorithm's:\n${growth}`
          : "") +
        `\n\nVerdicts on the generated definitions:\n${verdicts}`,
    );
  }

  const cl = results.cli;
  if (cl) {
    const base = cl.commands.node.median;
    const cpuBase = cl.commands.node.cpuMeanMs;
    const rows = Object.values(cl.commands).map((x) => [
      `\`${x.label}\``,
      fmtMs(x.median),
      spread(x),
      `${num(x.min)}–${num(x.max)}`,
      fmtX(ratio(x.median, base), 2),
      x.cpuMeanMs !== undefined ? `${fmtMs(x.cpuMeanMs)} (${fmtX(ratio(x.cpuMeanMs, cpuBase), 2)})` : "–",
      x.maxRssMedianKb ? mb(x.maxRssMedianKb * 1024) : "–",
      String(x.exitStatus),
    ]);
    parts.push(`## 3. CLI cold start\n\nWhole processes, ${cfg.cliRuns} runs each (interleaved, after 3 warm-up runs), FILE = \`${cl.file}\` (a generated definition of ${cl.states} states, ${cl.bytes.toLocaleString("en-US")} bytes, valid for all three tools).\n\n` + table(["command", "wall median", "p25–p75", "min–max", "vs node -e 0", "CPU mean (vs node)", "peak RSS", "exit"], rows, ["l", "r", "r", "r", "r", "r", "r", "r"]) + `\n\nWall time is measured around each process; CPU time (user + system) and peak RSS come from \`/usr/bin/time\`, whose CPU figures have a 10 ms resolution (hence the mean). The plain \`aslint\` line runs with this user's cache directory as the warm-up runs left it; \`<empty dir>\` is a new empty directory for each run, as on a CI runner (the build's code cache \`dist/aslint-cli.v8\` serves it); without that file (a Node.js whose V8 is not the build's) the run compiles the CLI and writes a cache to the empty directory; \`ASLINT_NO_CACHE=1\` only compiles.`);
  }

  const e = results.editor;
  if (e) {
    if (e.skipped) parts.push(`## 4. Editor latency\n\n${e.skipped}`);
    else {
      const deb = e.debounceFromSource ? `${e.debounceFromSource.ms} ms (\`${e.debounceFromSource.where}\`: \`${e.debounceFromSource.line}\`)` : "no constant found in server/";
      const rows = [];
      for (const run of Object.values(e.runs)) {
        if (!run.docs) {
          rows.push([run.label, "error", run.error ?? "", "", "", "", ""]);
          continue;
        }
        for (const d of run.docs) rows.push([run.label, d.key, d.length.toLocaleString("en-US"), fmtMs(d.openMs), cell(d.change), d.change ? `${num(d.change.min)}–${num(d.change.max)}` : "–", `${d.errors}/${d.diagnostics}`]);
      }
      const sync = Object.values(e.runs).find((r) => r.sync)?.sync ?? "?";
      parts.push(
        `## 4. Editor latency\n\n\`node ${SERVER_LABEL} --stdio\`, ${sync} sync, driven by a hand-written LSP client (bench/lsp-client.mjs). Time from writing \`textDocument/didChange\` (one character of the top-level Comment) to the \`publishDiagnostics\` of that version; ${cfg.editorChanges} changes per document after 2 warm-up changes, 150 ms apart. The server's debounce (from its source: ${deb}) is included in the default run; the second run sets it to 0 to show the rest (lint + transport). The small document (${results.editorSmall?.length} chars) shows the fixed part.\n\n` +
          table(["server settings", "document", "chars", "didOpen→diagnostics", "didChange→diagnostics", "min–max", "errors/diagnostics"], rows, ["l", "l", "r", "r", "r", "r", "r"]),
      );
    }
  }

  const mm = results.memory;
  if (mm) {
    const tools = ["baseline", ...ALL_TOOLS];
    const rows = tools.map((t) => [LABEL[t], ...mm.flatMap((r) => [mb(r.tools[t]?.maxRss), mb(r.tools[t]?.rssBefore)])]);
    parts.push(`## 5. Memory\n\nPeak RSS (\`process.resourceUsage().maxRSS\`) of a child that loads the tool, reads the file and lints it once; "before" is the RSS after loading and reading, before the lint.\n\n` + table(["tool", ...mm.flatMap((r) => [`${r.label} peak`, "before"])], rows, ["l", ...mm.flatMap(() => ["r", "r"])]));
  }

  const adv = results.adversarial;
  if (adv) {
    const cellOf = (x) => (!x ? "–" : x.error ? x.error : `${fmtMs(x.cpu.median)} (${fmtMs(x.lint.median)}) ${x.result}`);
    const rows = adv.rows.map((r) => [`\`${r.key}\``, r.stresses, cellOf(r.sizes[0]), cellOf(r.sizes[1]), r.msPerMb !== undefined ? fmtMs(r.msPerMb) : "–", r.growth !== undefined ? `${fmtX(r.growth, 2)} (${fmtX(r.wallGrowth, 2)})` : "–", r.parseGrowth !== undefined ? fmtX(r.parseGrowth, 2) : "–"]);
    parts.push(
      `## 6. Adversarial inputs\n\nThe worst shape found for each family of rules and parsers (bench/adversarial.mjs: one part repeated until the text is ${adv.sizes.map((b) => `${b.toLocaleString("en-US")}`).join(" or ")} characters), linted in a child of its own, after the same warm-up on the 100 KB text, with the expression caches emptied before each round (a new document): median CPU time of a lint (user + system, the collector's threads included; wall time in brackets), and the result. "Per MB" is the CPU median at 1 MB per 1,048,576 characters; "growth" is the growth per doubling of the text from the CPU medians of the two sizes (from the wall medians in brackets, which on a loaded machine include the time other processes had the CPU): at most ${adv.maxGrowth}× is the target, linear or n log n with the machine's own growth. "JSON.parse" is the growth per doubling of JSON.parse of the same two texts in the same children (CPU medians), where the text is JSON: the machine's floor for reading that much data; a family at most ${FLOOR_FACTOR}× that floor meets the target too, as the project judges growth.\n\n` +
        table(["family", "stresses", "100 KB", "1 MB", "per MB", "growth", "JSON.parse"], rows, ["l", "l", "r", "r", "r", "r", "r"]),
    );
  }

  parts.push(`## Targets\n\n${results.targets.map((t) => `- **${t.status}** ${t.text}: ${t.detail}`).join("\n")}`);
  return parts.join("\n\n");
}

function targets(results) {
  const list = [];
  const add = (text, value, ok, detail, missing = "not measured") => list.push({ text, status: value === undefined ? "SKIP" : ok ? "PASS" : "MISS", value, detail: value === undefined ? missing : detail });
  const c = results.corpus?.tools;
  const a = c?.aslint?.perDefinition?.median;
  const per = c?.["asl-validator"]?.perDefinition?.median;
  const pre = c?.["asl-validator-prebuilt"]?.perDefinition?.median;
  const r1 = ratio(per, a);
  const cpuOf = (t) => c?.[t]?.perDefinitionCpu?.median;
  const cpuNote = (r) => (r === undefined ? "" : `; by CPU time ${fmtX(r, r >= 100 ? 0 : 2)}`);
  add("corpus: aslint ≥ 50× faster per definition than asl-validator as users call it", r1, r1 >= 50, `${fmtX(r1, 0)} (${fmtMs(a)} vs ${fmtMs(per)}${cpuNote(ratio(cpuOf("asl-validator"), cpuOf("aslint")))})`);
  const r2 = ratio(a, pre);
  add("corpus: aslint no slower than asl-validator with schemas built once", r2, r2 <= 1, `aslint ${fmtMs(a)} vs ${fmtMs(pre)} (aslint takes ${fmtX(r2, 2)} its time${cpuNote(ratio(cpuOf("aslint"), cpuOf("asl-validator-prebuilt")))})`);
  const row = (k) => results.scaling?.find((r) => r.key === k);
  const s2 = row("states-2000");
  const r3 = ratio(s2?.tools.asls?.lint?.median, s2?.tools.aslint?.lint?.median);
  add("2,000 states: aslint ≥ 20× faster than the AWS language service", r3, r3 >= 20, `${fmtX(r3, 1)} (${fmtMs(s2?.tools.aslint?.lint?.median)} vs ${fmtMs(s2?.tools.asls?.lint?.median)}${cpuNote(ratio(s2?.tools.asls?.cpu?.median, s2?.tools.aslint?.cpu?.median))})`);
  const s4 = row("states-4000");
  const r4 = ratio(s4?.tools.aslint?.lint?.median, s2?.tools.aslint?.lint?.median);
  // JSON.parse of the same two texts, and ten read-only passes over its tree (walk.mjs), in the
  // same processes: what the machine makes of doubling the input, with no linter in it
  const parse4 = ratio(s4?.jsonParse?.median, s2?.jsonParse?.median);
  const walk4 = ratio(s4?.walk?.median, s2?.walk?.median);
  // each process's own median, so a reader sees how far one process would have moved the line
  const perProcess = (r) => r?.tools.aslint?.processes?.map((p) => num(p.median)).join(", ");
  const processNote = (s2?.tools.aslint?.processes?.length ?? 0) > 1 ? `; process medians ${perProcess(s4)} vs ${perProcess(s2)} ms` : "";
  // the growth is judged against JSON.parse's in the same processes: the machine's own growth
  // for twice the data (its caches), which no linter reading the text can beat
  const g4 = r4 !== undefined && parse4 !== undefined ? r4 / parse4 : undefined;
  add(
    "growth from 2,000 to 4,000 states ≤ 1.15× JSON.parse's growth on the same texts (aslint)",
    g4,
    g4 !== undefined && g4 <= 1.15,
    `${fmtX(g4, 2)} (aslint ${fmtX(r4, 2)}: ${fmtMs(s4?.tools.aslint?.lint?.median)} vs ${fmtMs(s2?.tools.aslint?.lint?.median)}${processNote}${cpuNote(ratio(s4?.tools.aslint?.cpu?.median, s2?.tools.aslint?.cpu?.median))}; JSON.parse ${fmtX(parse4, 2)}${walk4 === undefined ? "" : `; a read-only walk of JSON.parse's tree ${fmtX(walk4, 2)}`})`,
  );
  for (const k of ["near-1mb", "near-1mb-pretty"]) {
    const r = row(k);
    const r5 = ratio(r?.tools.aslint?.lint?.median, r?.jsonParse?.median);
    add(`${r?.label ?? k}: full lint ≤ 10× JSON.parse of the same text`, r5, r5 <= 10, `${fmtX(r5, 1)} (${fmtMs(r?.tools.aslint?.lint?.median)} vs JSON.parse ${fmtMs(r?.jsonParse?.median)})`);
  }
  const cl = results.cli?.commands;
  const r6 = ratio(cl?.aslint?.median, cl?.node?.median);
  add("CLI cold start ≤ 1.5× bare `node -e 0`", r6, r6 <= 1.5, `${fmtX(r6, 2)} (medians ${fmtMs(cl?.aslint?.median)} vs ${fmtMs(cl?.node?.median)}; fastest runs ${fmtX(ratio(cl?.aslint?.min, cl?.node?.min), 2)}${cpuNote(ratio(cl?.aslint?.cpuMeanMs, cl?.node?.cpuMeanMs))}; asl-validator CLI ${fmtMs(cl?.["asl-validator"]?.median)})`);
  const e6 = cl?.["aslint-empty-cache"];
  const r7 = ratio(e6?.median, cl?.node?.median);
  add("CLI first run with an empty cache directory (a CI runner) ≤ 1.5× bare `node -e 0`", r7, r7 <= 1.5, `${fmtX(r7, 2)} (medians ${fmtMs(e6?.median)} vs ${fmtMs(cl?.node?.median)}${cpuNote(ratio(e6?.cpuMeanMs, cl?.node?.cpuMeanMs))}; without the build's cache ${fmtX(ratio(cl?.["aslint-no-build-cache"]?.median, cl?.node?.median), 2)}, no cache at all ${fmtX(ratio(cl?.["aslint-no-cache"]?.median, cl?.node?.median), 2)})`);
  const e = results.editor;
  for (const k of ["near-1mb-pretty", "near-1mb"]) {
    const label = row(k)?.label ?? k;
    for (const [variant, what] of [["default", "the server's debounce included"], ["debounce0", "debounce set to 0"]]) {
      const run = e?.runs?.[variant];
      const d = run?.docs?.find((x) => x.key === k);
      const v = d?.change?.median;
      const detail = `median ${fmtMs(v)}, p75 ${fmtMs(d?.change?.p75)}${variant === "default" && e?.debounceFromSource ? ` (debounce ${e.debounceFromSource.ms} ms)` : ""}`;
      add(`editor: diagnostics for the ${label} document within 100 ms of a change (${what})`, v, v <= 100, detail, e?.skipped ?? (run?.error ? `failed: ${run.error}` : "not measured"));
    }
  }
  const tp = results.templates;
  const perCfn = tp?.cli?.cfnLint?.perTemplate?.median;
  const perAslint = tp?.cli?.aslintPerTemplate?.median;
  const cpuCfn = tp?.cli?.cfnLint?.cpuPerTemplate?.median;
  const cpuAslint = tp?.cli?.aslintCpuPerTemplate?.median;
  // judged on CPU time when it was measured (a loaded machine stretches both wall times), else on wall time
  const rTemplates = ratio(cpuCfn ?? perCfn, cpuAslint ?? perAslint);
  add(
    "templates: aslint ≥ 20× faster per template than cfn-lint",
    rTemplates,
    rTemplates >= 20,
    `${fmtX(rTemplates, 0)} by ${cpuCfn !== undefined ? "CPU" : "wall"} time (${fmtMs(cpuAslint ?? perAslint)} vs ${fmtMs(cpuCfn ?? perCfn)} per template; wall ${fmtMs(perAslint)} vs ${fmtMs(perCfn)}, ${fmtX(ratio(perCfn, perAslint), 0)}; both CLIs on all ${tp?.templates} templates in one run)`,
    tp?.cli?.cfnLint?.skipped ?? "not measured",
  );
  // judged on CPU time (the rounds alternate in one process; a loaded machine stretches wall time)
  const ip = tp?.inProcess;
  const rExtract = ratio(ip?.templateMs?.cpuMedian ?? ip?.templateMs?.median, ip?.directMs?.cpuMedian ?? ip?.directMs?.median);
  add(
    "templates: reading definitions out of templates adds ≤ 30 % to linting them directly",
    rExtract,
    rExtract <= 1.3,
    `${fmtX(rExtract, 2)} by CPU time (${fmtMs(ip?.templateMs?.cpuMedian)} vs ${fmtMs(ip?.directMs?.cpuMedian)} a round of ${tp?.templates} templates, ${ip?.definitions} definitions; wall ${fmtMs(ip?.templateMs?.median)} vs ${fmtMs(ip?.directMs?.median)})`,
  );
  for (const r of results.adversarial?.rows ?? []) {
    const timedOut = r.sizes.find((x) => x.timedOut);
    const detail = timedOut
      ? `${timedOut.bytes.toLocaleString("en-US")} characters: ${timedOut.error}`
      : `${fmtX(r.growth, 2)} per doubling (CPU ${r.sizes.map((x) => fmtMs(x.cpu?.median)).join(" at 100 KB, ")} at 1 MB; wall ${r.sizes.map((x) => fmtMs(x.lint?.median)).join(" and ")}, ${fmtX(r.wallGrowth, 2)})`;
    const floor = r.parseGrowth !== undefined ? `; JSON.parse of the same texts ${fmtX(r.parseGrowth, 2)}: ${fmtX(r.growth / r.parseGrowth, 2)} of it` : "";
    const atFloor = r.parseGrowth !== undefined && r.growth <= FLOOR_FACTOR * r.parseGrowth;
    add(`adversarial ${r.key}: growth ≤ ${MAX_GROWTH}× per doubling, or ≤ ${FLOOR_FACTOR}× JSON.parse's on the same texts`, timedOut ? Infinity : r.growth, !timedOut && (r.growth <= MAX_GROWTH || atFloor), detail + (timedOut ? "" : floor));
  }
  return list;
}

// ---------- main ----------

async function main() {
  const started = performance.now();
  const dist = env.BENCH_DIST ? resolve(env.BENCH_DIST) : join(ROOT, "dist");
  if (!existsSync(join(dist, "index.cjs"))) {
    console.error("dist/index.cjs is missing: run `npm run bench` (it builds first) or `npm run build`.");
    process.exit(2);
  }
  mkdirSync(RESULTS, { recursive: true });
  rmSync(SNAPSHOT, { recursive: true, force: true });
  mkdirSync(SNAPSHOT);
  const build = {};
  // every file of the build: dist/aslint.cjs is a loader that runs dist/aslint-cli.cjs through
  // the code cache dist/aslint-cli.v8; the .wasm files are Terraform's HCL parser
  for (const f of readdirSync(dist).filter((n) => n.endsWith(".cjs") || n.endsWith(".v8") || n.endsWith(".wasm"))) {
    const src = join(dist, f);
    if (!existsSync(src)) continue;
    copyFileSync(src, join(SNAPSHOT, f));
    const bytes = readFileSync(src);
    build[f] = { bytes: bytes.length, sha1: createHash("sha1").update(bytes).digest("hex").slice(0, 12), mtime: statSync(src).mtime.toISOString() };
  }
  process.env.ASLINT_BENCH_DIST = SNAPSHOT; // read by tools.mjs in the children
  const results = { date: new Date().toISOString(), machine: machine(), versions: versions(), build, config: cfg };
  log(`aslint bench: ${results.machine.cpuModel}, ${results.machine.nproc} cpu, node ${results.machine.node}${cfg.quick ? " (QUICK)" : ""}`);

  // inputs, written once; the children read them (generation is never timed)
  rmSync(INPUTS, { recursive: true, force: true });
  mkdirSync(INPUTS);
  const defs = scalingDefinitions().map((d) => {
    const file = join(INPUTS, `${d.key}.asl.json`);
    writeFileSync(file, d.text);
    const { text, ...rest } = d;
    return { ...rest, file };
  });
  for (const d of defs) if (d.length >= DEFINITION_LIMIT) throw new Error(`${d.key} is ${d.length} characters: over the quota`);
  const smallDef = generateDefinition({ states: 20, indent: 2 });
  const small = { key: "small-pretty", file: join(INPUTS, "small-pretty.asl.json"), length: smallDef.length };
  writeFileSync(small.file, smallDef.text);
  results.definitions = defs.map(({ file, ...d }) => d);
  results.editorSmall = { length: small.length, states: smallDef.states };

  if (cfg.only.includes("corpus")) await corpusScenario(results);
  if (cfg.only.includes("scaling")) await scalingScenario(results, defs);
  if (cfg.only.includes("cli")) await cliScenario(results, small.file);
  if (cfg.only.includes("editor")) await editorScenario(results, defs, small);
  if (cfg.only.includes("memory")) await memoryScenario(results, defs);
  if (cfg.only.includes("test-state")) results.testState = await (await import("./test-state.mjs")).measureTestState(SNAPSHOT, log);
  if (cfg.only.includes("templates")) await templatesScenario(results, { runChild, snapshot: SNAPSHOT, cfg, log, summarize });
  if (cfg.only.includes("adversarial")) await adversarialScenario(results);

  results.loadAverageAtEnd = loadavg();
  results.targets = targets(results);
  results.durationS = (performance.now() - started) / 1000;
  const md = report(results);
  // no absolute paths of this machine in the committed figures
  const shared = resolve(ROOT, "..", "shared");
  const portable = (k, v) => (typeof v === "string" ? v.split(shared).join("../shared").split(ROOT).join(".") : v);
  writeFileSync(join(RESULTS, "latest.json"), `${JSON.stringify(results, portable, 2)}\n`);
  writeFileSync(join(RESULTS, "latest.md"), `${md}\n`);
  process.stdout.write(`\n${md}\n\nTotal ${results.durationS.toFixed(0)} s. Figures: bench/results/latest.json (tables: bench/results/latest.md)\n`);
}

await main();
