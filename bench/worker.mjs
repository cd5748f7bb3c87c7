// One benchmark child process: one tool, one scenario. Started by run.mjs with a JSON
// job as its only argument; prints `BENCH_RESULT <json>` on stdout when done.
// Scenarios: corpus, scale, memory, editor, adversarial.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { TOOLS } from "./tools.mjs";
import { loadCorpus, ROOT } from "./corpus.mjs";
import { LspClient, positionAt } from "./lsp-client.mjs";
import { readOnlyWalk } from "./walk.mjs";

const job = JSON.parse(process.argv[2] ?? "{}");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let sink = 0; // keeps results alive so no work can be skipped
// CPU time (user + system, all threads of this process) since `since`, in ms
const cpuMs = (since) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

function loadTool(name) {
  const t0 = performance.now();
  const tool = TOOLS[name].load();
  return { tool, loadMs: performance.now() - t0 };
}

async function runOnce(tool, entry) {
  const r = tool.lint(entry);
  return tool.async ? await r : r;
}

async function corpus() {
  const entries = loadCorpus({ every: job.every ?? 1 });
  const { tool, loadMs } = loadTool(job.tool);
  // warm-up: the same time budget for every tool, cycling through the definitions
  const w0 = performance.now();
  let warmupCalls = 0;
  while (warmupCalls < (job.warmupMinCalls ?? 1) || performance.now() - w0 < (job.warmupMs ?? 2000)) {
    sink += (await runOnce(tool, entries[warmupCalls % entries.length])) ? 1 : 0;
    warmupCalls++;
  }
  const warmupMs = performance.now() - w0;
  const last = new Array(entries.length);
  const rounds = [];
  const cpu = [];
  // at least `rounds` rounds and `budgetMs` of timed rounds (fast tools get more samples)
  const m0 = performance.now();
  for (let r = 0; r < job.rounds || (performance.now() - m0 < (job.budgetMs ?? 0) && r < (job.maxRounds ?? 200)); r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (tool.async) {
      for (let i = 0; i < entries.length; i++) last[i] = await tool.lint(entries[i]);
    } else {
      for (let i = 0; i < entries.length; i++) last[i] = tool.lint(entries[i]);
    }
    rounds.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  const verdicts = last.map((res, i) => ({ file: entries[i].rel, ...tool.verdict(res) }));
  return {
    definitions: entries.length,
    yaml: entries.filter((e) => e.yaml).length,
    bytes: entries.reduce((s, e) => s + e.text.length, 0),
    loadMs,
    warmupCalls,
    warmupMs,
    roundMs: rounds,
    perDefinitionMs: rounds.map((ms) => ms / entries.length),
    perDefinitionCpuMs: cpu.map((ms) => ms / entries.length),
    verdicts: verdicts.map((v) => ({ file: v.file, ok: v.ok, errors: v.errors, ...(v.digest ? { digest: v.digest } : {}), ...(v.thrown ? { thrown: v.thrown } : {}) })),
  };
}

async function scale() {
  const text = readFileSync(job.file, "utf8");
  const entry = { filename: `${job.key}.asl.json`, text, jsonText: text };
  const { tool, loadMs } = loadTool(job.tool);
  const first0 = performance.now();
  let result = await runOnce(tool, entry);
  const firstMs = performance.now() - first0;
  // warm-up: at least `warmupMinCalls` lints and `warmupMs` of linting, the same for every tool
  const w0 = performance.now();
  let warmupCalls = 1;
  while (warmupCalls < (job.warmupMinCalls ?? 2) || performance.now() - w0 < (job.warmupMs ?? 1000)) {
    result = await runOnce(tool, entry);
    warmupCalls++;
  }
  const lint = [];
  const cpu = [];
  const parse = [];
  const walk = [];
  const m0 = performance.now();
  for (let r = 0; r < job.rounds || (performance.now() - m0 < (job.budgetMs ?? 0) && r < (job.maxRounds ?? 200)); r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = tool.async ? await tool.lint(entry) : tool.lint(entry);
    lint.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  if (job.tool === "aslint") {
    // JSON.parse of the same text in the same process, after the lints (so the garbage of
    // one is not collected in the timing of the other): the floor the lint is compared with
    for (let r = 0; r < 2; r++) sink += Object.keys(JSON.parse(text)).length;
    for (let r = 0; r < Math.max(lint.length, 15); r++) {
      const p0 = performance.now();
      sink += Object.keys(JSON.parse(text)).length;
      parse.push(performance.now() - p0);
    }
    // then ten read-only passes over JSON.parse's tree (walk.mjs), after 300 ms of them: the
    // machine's own growth from one size to the next, measured in the lint's processes
    const { pass } = readOnlyWalk(JSON.parse(text));
    const ten = () => {
      for (let p = 0; p < 10; p++) sink += pass();
    };
    const k0 = performance.now();
    while (performance.now() - k0 < 300) ten();
    for (let r = 0; r < Math.max(lint.length, 15); r++) {
      const p0 = performance.now();
      ten();
      walk.push(performance.now() - p0);
    }
  }
  return { key: job.key, length: text.length, loadMs, firstMs, warmupCalls, lintMs: lint, cpuMs: cpu, parseMs: parse, walkMs: walk, verdict: tool.verdict(result) };
}

async function memory() {
  const text = readFileSync(job.file, "utf8");
  const vmhwm = () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  };
  if (job.tool === "baseline") {
    const before = process.memoryUsage().rss;
    sink += Object.keys(JSON.parse(text)).length;
    return { rssBefore: before, maxRss: process.resourceUsage().maxRSS * 1024, vmHwm: vmhwm() };
  }
  const { tool } = loadTool(job.tool);
  const entry = { filename: `${job.key}.asl.json`, text, jsonText: text };
  const before = process.memoryUsage().rss;
  const result = await runOnce(tool, entry);
  sink += result ? 1 : 0;
  return { rssBefore: before, maxRss: process.resourceUsage().maxRSS * 1024, vmHwm: vmhwm() };
}

// --- editor latency: time from didChange to the publishDiagnostics of that version ---

/** Offset of the first character of the top-level Comment's value (the edit point). */
function commentOffset(text) {
  const m = /"Comment"\s*:\s*"/.exec(text);
  if (!m) throw new Error("document has no Comment to edit");
  return m.index + m[0].length;
}

async function editor() {
  const client = new LspClient(process.execPath, [job.server, "--stdio"], { cwd: ROOT });
  const out = { docs: [], serverCommand: `node ${job.server} --stdio` };
  try {
    const t0 = performance.now();
    const init = await client.request("initialize", {
      processId: process.pid,
      clientInfo: { name: "aslint-bench" },
      rootUri: null,
      workspaceFolders: null,
      ...(job.initializationOptions ? { initializationOptions: job.initializationOptions } : {}),
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
        workspace: { configuration: true },
      },
    });
    client.notify("initialized", {});
    out.initializeMs = performance.now() - t0;
    const caps = init?.capabilities ?? {};
    const sync = typeof caps.textDocumentSync === "number" ? caps.textDocumentSync : caps.textDocumentSync?.change ?? 1;
    out.sync = sync === 2 ? "incremental" : sync === 1 ? "full" : `none (${sync})`;
    out.serverInfo = init?.serverInfo ?? null;

    for (const d of job.docs) {
      let text = readFileSync(d.file, "utf8");
      const uri = pathToFileURL(d.file).href;
      const forUri = (version) => (p) => p && p.uri === uri && (version === undefined || p.version === undefined || p.version === version);
      let version = 1;
      client.drain();
      const o0 = performance.now();
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: job.languageId ?? "json", version, text } });
      const opened = await client.waitFor("textDocument/publishDiagnostics", forUri(version), job.timeoutMs ?? 30_000);
      const openMs = opened.at - o0;
      const at = commentOffset(text);
      const pos = positionAt(text, at);
      const samples = [];
      let diagnostics = opened.params.diagnostics ?? [];
      for (let i = 0; i < job.changes + (job.warmupChanges ?? 2); i++) {
        await sleep(job.settleMs ?? 150);
        client.drain();
        const ch = text[at] === "G" ? "g" : "G";
        text = text.slice(0, at) + ch + text.slice(at + 1);
        version++;
        const change = sync === 2 ? { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: ch } : { text };
        const c0 = performance.now();
        client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
        const got = await client.waitFor("textDocument/publishDiagnostics", forUri(version), job.timeoutMs ?? 30_000);
        if (i >= (job.warmupChanges ?? 2)) samples.push(got.at - c0);
        diagnostics = got.params.diagnostics ?? [];
      }
      client.notify("textDocument/didClose", { textDocument: { uri } });
      out.docs.push({
        key: d.key,
        length: text.length,
        openMs,
        changeMs: samples,
        diagnostics: diagnostics.length,
        errors: diagnostics.filter((x) => x.severity === 1).length,
        errorSamples: diagnostics.filter((x) => x.severity === 1).slice(0, 3).map((x) => x.message),
      });
    }
  } catch (err) {
    out.error = String(err && err.message ? err.message : err);
  } finally {
    out.stderr = client.stderr.slice(0, 2000);
    await client.shutdown();
  }
  return out;
}

/**
 * Definitions where they live: the templates read and linted (sourcesOf + lintSource), against
 * the same definitions linted directly (extracted beforehand, untimed). Rounds alternate.
 */
async function templates() {
  const { readdirSync } = await import("node:fs");
  const YAML = (await import("yaml")).default;
  const lib = TOOLS.aslint.library();
  // the files templates name are read once, as the texts linted directly are (what is compared is
  // reading the definitions out of the templates, not the disk)
  const files = new Map();
  const host = {
    readFile: (p) => {
      if (!files.has(p)) {
        try {
          files.set(p, readFileSync(p, "utf8"));
        } catch {
          files.set(p, undefined);
        }
      }
      return files.get(p);
    },
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
  };
  const inputs = job.files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const direct = [];
  const plain = (n) => (n.type === "object" ? Object.fromEntries(n.properties.map((p) => [p.key, plain(p)])) : n.type === "array" ? n.items.map(plain) : n.value);
  for (const i of inputs) {
    for (const s of lib.sourcesOf(i.file, i.text, host)) {
      if (!s.body) continue;
      const text = s.body.kind === "text" ? s.body.text : s.body.syntax === "yaml" ? YAML.stringify(plain(s.body.root)) : JSON.stringify(plain(s.body.root), null, 2);
      direct.push({ text, filename: s.body.syntax === "yaml" ? "definition.yaml" : "definition.json", type: s.type });
    }
  }
  const viaTemplates = () => {
    let n = 0;
    for (const i of inputs) for (const s of lib.sourcesOf(i.file, i.text, host)) for (const r of lib.lintSource(s, { type: s.type })) n += r.diagnostics.length;
    return n;
  };
  const directly = () => {
    let n = 0;
    for (const d of direct) n += lib.lint(d.text, { filename: d.filename, type: d.type ?? "STANDARD" }).diagnostics.length;
    return n;
  };
  const w0 = performance.now();
  while (performance.now() - w0 < (job.warmupMs ?? 2000)) sink += viaTemplates() + directly();
  const templateMs = [];
  const directMs = [];
  const templateCpu = [];
  const directCpu = [];
  const m0 = performance.now();
  for (let r = 0; r < job.rounds || (performance.now() - m0 < (job.budgetMs ?? 0) && r < 400); r++) {
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    sink += viaTemplates();
    templateMs.push(performance.now() - t0);
    templateCpu.push(cpuMs(c0));
    c0 = process.cpuUsage();
    t0 = performance.now();
    sink += directly();
    directMs.push(performance.now() - t0);
    directCpu.push(cpuMs(c0));
  }
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  return {
    templates: inputs.length,
    definitions: direct.length,
    rounds: templateMs.length,
    templateMs: { median: median(templateMs), cpuMedian: median(templateCpu), samples: templateMs },
    directMs: { median: median(directMs), cpuMedian: median(directCpu), samples: directMs },
  };
}

/**
 * One adversarial definition (adversarial.mjs): its first lint, then timed rounds after a short
 * warm-up, each with the expression caches emptied first (`clearCaches`, when the build has it):
 * a new document's cost, not a re-lint's (the caches hold a few thousand expressions, so a
 * 100 KB text would be served from them and a 1 MB one not).
 */
async function adversarial() {
  const text = readFileSync(job.file, "utf8");
  const { tool, loadMs } = loadTool("aslint");
  const { clearCaches } = createRequire(join(ROOT, "package.json"))(join(process.env.ASLINT_BENCH_DIST ?? join(ROOT, "dist"), "index.cjs"));
  const entry = { filename: job.filename, text, jsonText: text };
  // the same warm-up in every child of a family: the small text, for a while, so the JIT has
  // compiled the same paths whatever size is measured next (a 1 MB text allows few rounds)
  const small = job.warmupFile ? { filename: job.filename, text: readFileSync(job.warmupFile, "utf8") } : entry;
  const w0 = performance.now();
  let warmupCalls = 0;
  while (warmupCalls < 5 || performance.now() - w0 < (job.warmupMs ?? 300)) {
    clearCaches?.();
    tool.lint(small);
    warmupCalls++;
  }
  clearCaches?.();
  const f0 = performance.now();
  let result = tool.lint(entry);
  const firstMs = performance.now() - f0;
  const lint = [];
  const m0 = performance.now();
  const cpu = [];
  for (let r = 0; r < job.rounds || (performance.now() - m0 < (job.budgetMs ?? 0) && r < (job.maxRounds ?? 50)); r++) {
    clearCaches?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = tool.lint(entry);
    lint.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  const v = tool.verdict(result);
  // the machine's floor for this text: JSON.parse of it, when it is JSON (CPU time, many rounds:
  // it is fast), so that the growth of a family can be read against the growth of reading its text
  let parseCpuMs;
  try {
    JSON.parse(text);
    parseCpuMs = [];
    const p0 = performance.now();
    for (let r = 0; r < 20 || (performance.now() - p0 < 300 && r < 2000); r++) {
      const c0 = process.cpuUsage();
      sink += JSON.parse(text) ? 1 : 0;
      parseCpuMs.push(cpuMs(c0));
    }
  } catch {
    // not JSON (a YAML family, or broken on purpose): no floor
  }
  return { key: job.key, length: text.length, loadMs, firstMs, warmupCalls, lintMs: lint, cpuMs: cpu, parseCpuMs, result: v.ok ? "OK" : "FAIL", errors: v.errors, warnings: v.warnings, maxRss: process.resourceUsage().maxRSS * 1024 };
}

const scenarios = { corpus, scale, memory, editor, templates, adversarial };
const run = scenarios[job.scenario];
if (!run) {
  console.error(`unknown scenario ${job.scenario}`);
  process.exit(2);
}
const result = await run();
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...result, sink: sink > 0 })}\n`);
