// Times `aslint graph` (the built CLI, whole processes) on generated definitions: the SVG of a
// 200-state and a 2,000-state machine (targets: under 1 s and under 10 s), the refusal of a
// 4,000-state one, a dense machine stopped at the layout deadline, and Mermaid at 4,000 states.
//
//   npm run build && node bench/graph.mjs [runs]
//
// Wall time is the median of the runs; CPU time (user + system, every thread: the layout runs
// in a worker) comes from /usr/bin/time when it is there.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDefinition } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist", "aslint.cjs");
if (!existsSync(bin)) throw new Error("run npm run build first");
const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), "aslint-graph-bench-"));
const timer = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Every state a Choice whose rules go anywhere: dot needs minutes for its layout. */
function dense(n) {
  let seed = 7;
  const pick = () => `S${(seed = (seed * 1103515245 + 12345) % 2 ** 31) % n}`;
  const States = {};
  for (let i = 0; i < n; i++) States[`S${i}`] = { Type: "Choice", Choices: [0, 1].map((k) => ({ Variable: "$.x", NumericEquals: k, Next: pick() })), Default: i < n - 1 ? `S${i + 1}` : "Done" };
  States.Done = { Type: "Succeed" };
  return JSON.stringify({ StartAt: "S0", States });
}

const inputs = [
  ["200 states, SVG", generateDefinition({ states: 200, indent: 2 }).text, []],
  ["2,000 states, SVG", generateDefinition({ states: 2000, indent: 2 }).text, []],
  ["4,000 states, SVG (refused)", generateDefinition({ states: 4000, indent: 2 }).text, []],
  ["4,000 states, Mermaid", generateDefinition({ states: 4000, indent: 2 }).text, ["--format", "mermaid"]],
  ["300 dense Choice states, SVG (deadline)", dense(300), []],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| picture | wall median (${runs} runs) | CPU median | exit | stderr |`);
console.log("| --- | ---: | ---: | ---: | --- |");
for (const [name, text, args] of inputs) {
  const file = join(dir, `${name.replace(/\W+/g, "-")}.asl.json`);
  writeFileSync(file, text);
  const walls = [];
  const cpus = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const command = timer ? [timer, ["-f", "%U %S", process.execPath, bin, "graph", file, ...args, "-o", join(dir, "out")]] : [process.execPath, [bin, "graph", file, ...args, "-o", join(dir, "out")]];
    const start = process.hrtime.bigint();
    last = spawnSync(command[0], command[1], { encoding: "utf8" });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (timer) {
      const [user, system] = last.stderr.trim().split("\n").pop().split(" ").map(Number);
      cpus.push((user + system) * 1000);
    }
  }
  const message = (last.stderr ?? "").split("\n").filter((l) => l.startsWith("aslint")).join(" ").slice(0, 90);
  console.log(`| ${name} | ${median(walls).toFixed(0)} ms | ${cpus.length ? `${median(cpus).toFixed(0)} ms` : "-"} | ${last.status} | ${message} |`);
}
