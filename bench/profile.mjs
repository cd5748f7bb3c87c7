// CPU profile of aslint's lint on one benchmark definition, and its top self-time functions.
//
//   node bench/profile.mjs cli [file]   one CLI run (startup included), profiled at 50 µs
//   node bench/profile.mjs editor [definition] [changes]
//                                       the language server (debounce 0) over LSP: didOpen, then
//                                       one-character didChange edits; main thread and lint worker
//   node bench/profile.mjs rules [definition] [runs]
//                                       time of each rule's check (wrapped), the rest is parse +
//                                       model + reporting; JSON.parse of the same text for scale
//   node bench/profile.mjs [definition] [runs]
//     definition: states-2000 (default), states-4000, near-1mb, near-1mb-pretty, states-N,
//                 or a path to a file
//     runs:       lints to profile after 3 warm-up lints (default 20)
//
// Bundles src/index.ts unminified (so functions keep their names), runs the lints in a
// child under `node --cpu-prof`, then reads the .cpuprofile and prints self time by
// function and by source file (bench/results/profile.tmp/ holds the bundle and profile).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./corpus.mjs";
import { scalingDefinition } from "./generate.mjs";

const DIR = join(ROOT, "bench", "results", "profile.tmp");

if (process.argv[2] === "--rules-child") {
  const [, , , bundle, file, runs] = process.argv;
  const { createRequire } = await import("node:module");
  const { lint, rules } = createRequire(import.meta.url)(bundle);
  const text = readFileSync(file, "utf8");
  const spent = new Map();
  for (const r of rules) {
    const check = r.check;
    r.check = function (ctx) {
      const t0 = performance.now();
      try {
        return check.call(this, ctx);
      } finally {
        spent.set(r.meta.id, (spent.get(r.meta.id) ?? 0) + performance.now() - t0);
      }
    };
  }
  for (let i = 0; i < 3; i++) lint(text, { filename: "profile.asl.json" });
  spent.clear();
  const n = Number(runs);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) lint(text, { filename: "profile.asl.json" });
  const total = (performance.now() - t0) / n;
  const p0 = performance.now();
  for (let i = 0; i < n; i++) JSON.parse(text);
  const parse = (performance.now() - p0) / n;
  const inRules = [...spent.values()].reduce((a, b) => a + b, 0) / n;
  console.log(`lint ${total.toFixed(1)} ms per lint (JSON.parse ${parse.toFixed(2)} ms): rules ${inRules.toFixed(1)} ms, parse + model + reporting ${(total - inRules).toFixed(1)} ms`);
  for (const [id, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25))) console.log(`${(ms / n).toFixed(2).padStart(8)} ms  ${((100 * ms) / n / total).toFixed(1).padStart(5)}%  ${id}`);
  process.exit(0);
}

if (process.argv[2] === "--child") {
  // the profiled process: lint the file `runs` times
  const [, , , bundle, file, runs] = process.argv;
  const { createRequire } = await import("node:module");
  const { lint } = createRequire(import.meta.url)(bundle);
  const text = readFileSync(file, "utf8");
  for (let i = 0; i < 3; i++) lint(text, { filename: "profile.asl.json" });
  const t0 = performance.now();
  for (let i = 0; i < Number(runs); i++) lint(text, { filename: "profile.asl.json" });
  console.log(`${runs} lints, ${((performance.now() - t0) / Number(runs)).toFixed(1)} ms per lint`);
  process.exit(0);
}

const which = process.argv[2] ?? "states-2000";
const runs = Number(process.argv[3] ?? 20);
const cli = which === "cli";
const perRule = which === "rules";
const editor = which === "editor";
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

const bundle = join(DIR, "aslint.cjs");
await build({
  entryPoints: [editor ? join(ROOT, "server", "main.ts") : cli ? join(ROOT, "src", "cli", "main.ts") : join(ROOT, "src", "index.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  mainFields: ["module", "main"],
  minify: false, // function names stay readable; no keepNames (its __name calls would skew the profile)
  logLevel: "warning",
});

if (cli) {
  // the CLI on a small valid definition: where does the startup go?
  const file = process.argv[3] ?? join(DIR, "small.asl.json");
  if (!process.argv[3]) writeFileSync(file, (await import("./generate.mjs")).generateDefinition({ states: 20, indent: 2 }).text);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${DIR}`, "--cpu-prof-interval=50", bundle, file], { encoding: "utf8" });
  console.log(`cli: exit ${r.status}, ${(performance.now() - t0).toFixed(0)} ms wall (with profiling)`);
  const profFile = readdirSync(DIR).find((f) => f.endsWith(".cpuprofile"));
  printTop(JSON.parse(readFileSync(join(DIR, profFile), "utf8")), bundle);
  process.exit(0);
}

if (editor) {
  const { LspClient, positionAt } = await import("./lsp-client.mjs");
  const key = process.argv[3] ?? "near-1mb";
  const changes = Number(process.argv[4] ?? 10);
  const file = join(DIR, `${key}.asl.json`);
  let text = scalingDefinition(key).text;
  writeFileSync(file, text);
  const client = new LspClient(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${DIR}`, "--cpu-prof-interval=200", bundle, "--stdio"], { cwd: ROOT });
  await client.request("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounce: 0 } });
  client.notify("initialized", {});
  const uri = pathToFileURL(file).href;
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "json", version: 1, text } });
  await client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri, 60_000);
  const at = text.indexOf('"Comment"') + 11;
  const pos = positionAt(text, at);
  const times = [];
  for (let v = 2; v < changes + 2; v++) {
    await new Promise((r) => setTimeout(r, 150));
    const ch = text[at] === "G" ? "g" : "G";
    text = text.slice(0, at) + ch + text.slice(at + 1);
    const t0 = performance.now();
    client.notify("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: ch }] });
    const got = await client.waitFor("textDocument/publishDiagnostics", (p) => p.uri === uri && p.version === v, 60_000);
    times.push(got.at - t0);
  }
  await client.shutdown();
  console.log(`editor ${key}: didChange→diagnostics ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
  for (const f of readdirSync(DIR).filter((f) => f.endsWith(".cpuprofile")).sort()) {
    console.log(`\n=== ${f} (${/\.(\d+)\.\d+\.cpuprofile$/.exec(f)?.[1] === "0" ? "main thread" : "thread"})`);
    printTop(JSON.parse(readFileSync(join(DIR, f), "utf8")), bundle, 15);
  }
  process.exit(0);
}

if (perRule) {
  const key = process.argv[3] ?? "states-2000";
  const file = existsSync(key) ? key : join(DIR, `${key}.asl.json`);
  if (!existsSync(key)) writeFileSync(file, scalingDefinition(key).text);
  const r = spawnSync(process.execPath, [join(ROOT, "bench", "profile.mjs"), "--rules-child", bundle, file, process.argv[4] ?? "10"], { encoding: "utf8" });
  process.stdout.write(`${key}: ${r.stdout}${r.stderr}`);
  process.exit(r.status ?? 1);
}

let file = which;
if (!existsSync(which)) {
  file = join(DIR, `${which}.asl.json`);
  writeFileSync(file, scalingDefinition(which).text);
}
const child = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${DIR}`, "--cpu-prof-interval=200", join(ROOT, "bench", "profile.mjs"), "--child", bundle, file, String(runs)], {
  encoding: "utf8",
});
if (child.status !== 0) {
  console.error(child.stderr || child.stdout);
  process.exit(1);
}
process.stdout.write(`${which}: ${child.stdout}`);

const profFile = readdirSync(DIR).find((f) => f.endsWith(".cpuprofile"));
const profile = JSON.parse(readFileSync(join(DIR, profFile), "utf8"));
printTop(profile, bundle);

/** Self time per function and per source file (from the `// src/...` markers esbuild writes). */
function printTop(profile, bundlePath, top = 30) {
  const lines = readFileSync(bundlePath, "utf8").split("\n");
  const fileOfLine = [];
  let current = "(bundle)";
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:src|server|node_modules)\/\S+)$/.exec(lines[i]);
    if (m) current = m[1];
    fileOfLine[i] = current;
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map();
  const byFile = new Map();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const inBundle = cf.url.endsWith(".cjs") && cf.url.includes("profile.tmp");
    const src = inBundle ? fileOfLine[cf.lineNumber] ?? "(bundle)" : cf.url ? cf.url.replace(/^.*\//, "") : `(${cf.functionName || "native"})`;
    const key = `${cf.functionName || "(anonymous)"}  ${src}${inBundle ? `:${cf.lineNumber + 1}` : ""}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    const fileKey = inBundle ? src : cf.url ? "(node internals)" : `(${cf.functionName || "vm"})`;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + ms);
  }
  const show = (title, map, n) => {
    console.log(`\n${title}`);
    for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  };
  console.log(`profile: ${total.toFixed(0)} ms sampled`);
  show("self time by function", byFn, top);
  show("self time by source file", byFile, Math.min(20, top));
}
