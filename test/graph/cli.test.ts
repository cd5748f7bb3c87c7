/** `aslint graph` and `aslint --format html -o`: in-process, and once through the built binary. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";
import { parseSvg } from "./xml.js";
import { generateDefinition } from "../../bench/generate.mjs";

const root = join(__dirname, "..", "..");
const example = (name: string) => join(root, "examples", name);

describe("aslint graph", () => {
  it("draws SVG by default, Mermaid and DOT on request", async () => {
    const svg = await runCli(["graph", example("common-mistakes.asl.json")]);
    expect(svg.code).toBe(0);
    expect(parseSvg(svg.stdout).tagName).toBe("svg");
    expect(svg.stdout).toContain('class="ghost fault fault-error"');
    const mermaid = await runCli(["graph", "--format", "mermaid", example("common-mistakes.asl.json")]);
    expect(mermaid.stdout).toBe(readFileSync(join(__dirname, "golden", "common-mistakes.asl.json.mmd"), "utf8"));
    const dot = await runCli(["graph", "-f", "dot", "examples/order-processing.asl.json"], { cwd: root });
    expect(dot.stdout).toMatch(/^digraph "examples\/order-processing\.asl\.json" \{/);
    expect(dot.stdout).toContain("subgraph cluster_c_n2 {");
  });

  it("writes to -o, taking the format from its extension", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    for (const [file, start] of [
      ["out.mmd", "flowchart TD\n"],
      ["out.dot", "digraph "],
      ["out.svg", "<svg "],
    ]) {
      const r = await runCli(["graph", example("image-batch.asl.yaml"), "-o", file], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe("");
      expect(readFileSync(join(dir, file), "utf8").startsWith(start), file).toBe(true);
    }
  });

  it("makes -o's directory, takes --output-file as linting does, and says in one line when it cannot write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    const made = await runCli(["graph", example("order-processing.asl.json"), "-o", "nodir/deeper/x.svg"], { cwd: dir });
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(readFileSync(join(dir, "nodir", "deeper", "x.svg"), "utf8").startsWith("<svg ")).toBe(true);
    const spelled = await runCli(["graph", example("order-processing.asl.json"), "--output-file", "out/x.mmd"], { cwd: dir });
    expect(spelled.code).toBe(0);
    expect(readFileSync(join(dir, "out", "x.mmd"), "utf8").startsWith("flowchart TD\n")).toBe(true);
    writeFileSync(join(dir, "afile"), "");
    for (const output of ["afile/x.svg", "afile/{name}.mmd"]) {
      const r = await runCli(["graph", example("order-processing.asl.json"), "-o", output], { cwd: dir });
      expect(r.code, output).toBe(2);
      expect(r.stderr, output).toMatch(/^aslint graph: Cannot write the picture to ".*afile[\\/]\S+": E[A-Z]+\.\n$/);
    }
  });

  it("reads standard input, with a name that picks YAML", async () => {
    const r = await runCli(["graph", "-", "--format", "mermaid", "--stdin-filename", "x.asl.yaml"], { stdin: readFileSync(example("image-batch.asl.yaml"), "utf8") });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('subgraph s_n0 ["Resize all (Map)"]');
  });

  it("draws the faults the config file asks for", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    writeFileSync(join(dir, "m.asl.json"), readFileSync(example("common-mistakes.asl.json")));
    const before = await runCli(["graph", "--format", "mermaid", "m.asl.json"], { cwd: dir });
    expect(before.stdout).toContain('s_n3["✖ Cleanup"]');
    writeFileSync(join(dir, ".aslintrc.json"), JSON.stringify({ rules: { "unreachable-state": "off", "next-or-end": "off" } }));
    const after = await runCli(["graph", "--format", "mermaid", "m.asl.json"], { cwd: dir });
    expect(after.stdout).toContain('s_n3["Cleanup"]');
  });

  it("draws what the lint reports: each file's nearest config (not the working directory's), its suppressions and inline ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "m.asl.json"), readFileSync(example("common-mistakes.asl.json")));
    writeFileSync(
      join(dir, "sub", ".aslintrc.json"),
      JSON.stringify({ rules: { "unreachable-state": "off", "next-or-end": "off" }, suppressions: [{ files: ["m.asl.json"], location: "/States/Wait a bit", rules: ["exclusive-fields"] }] }),
    );
    // a definition, and a template of two machines with the same mistake, one of them suppressed in a comment
    const wait = (indent: string, suppressed: boolean) =>
      `${indent}StartAt: W\n${indent}States:\n${indent}  W:\n${indent}    Type: Wait\n${indent}    Seconds: 10\n${suppressed ? `${indent}    # aslint-disable-next-line exclusive-fields\n` : ""}${indent}    SecondsPath: $.delay\n${indent}    End: true\n`;
    writeFileSync(join(dir, "sub", "y.asl.yaml"), wait("", true));
    const resource = (name: string, suppressed: boolean) => `  ${name}:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n${wait("        ", suppressed)}`;
    writeFileSync(join(dir, "sub", "template.yaml"), `Resources:\n${resource("Quiet", true)}${resource("Loud", false)}`);
    const lint = await runCli(["--format", "json", "sub"], { cwd: dir });
    const reported = JSON.parse(lint.stdout).results.flatMap((r: { file: string; diagnostics: { rule: string }[] }) => r.diagnostics.map((d) => `${r.file} ${d.rule}`));
    expect(reported.sort()).toEqual(["sub/m.asl.json missing-transition-target", "sub/template.yaml exclusive-fields"]);

    const m = await runCli(["graph", "--format", "mermaid", "sub/m.asl.json"], { cwd: dir });
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('s_n3["Cleanup"]'); // unreachable-state off in sub/.aslintrc.json
    expect(m.stdout).toContain('s_n2["Wait a bit"]'); // its "suppressions"
    expect(m.stdout).toContain('s_g0["✖ Procss"]');
    const y = await runCli(["graph", "--format", "mermaid", "sub/y.asl.yaml"], { cwd: dir });
    expect(y.stdout).toContain('s_n0["W"]');
    expect(y.stdout).not.toMatch(/[✖⚠]/);
    const t = await runCli(["graph", "--format", "mermaid", "sub/template.yaml"], { cwd: dir });
    expect(t.code).toBe(0);
    const [quiet, loud] = t.stdout.split(/^### /m).slice(1);
    expect(quiet).toMatch(/^Quiet/);
    expect(quiet).not.toMatch(/[✖⚠]/);
    expect(loud).toMatch(/^Loud/);
    expect(loud).toContain('s_n0["✖ W"]');
  });

  it("draws a change between two files, or between a git revision and the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    const file = join(dir, "flow.asl.json");
    const old = readFileSync(example("order-processing.asl.json"), "utf8");
    writeFileSync(file, old);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "first");
    const d = JSON.parse(old);
    d.States["Notify customer"].Next = "Done";
    delete d.States["Notify customer"].End;
    d.States.Done = { Type: "Succeed" };
    writeFileSync(file, JSON.stringify(d, null, 2));
    writeFileSync(join(dir, "old.asl.json"), old);

    const files = await runCli(["graph", "--diff", "old.asl.json", "flow.asl.json", "--format", "mermaid"], { cwd: dir });
    expect(files.code).toBe(0);
    expect(files.stdout).toContain("%% changes: 1 added, 0 removed, 1 changed");
    const revision = await runCli(["graph", "--diff", "HEAD", "flow.asl.json", "--format", "mermaid"], { cwd: dir });
    expect(revision.stdout).toBe(files.stdout);
    const svg = await runCli(["graph", "--diff", "HEAD", "flow.asl.json"], { cwd: dir });
    expect(svg.stdout).toContain("Changes: <tspan");
    const bad = await runCli(["graph", "--diff", "no-such-revision", "flow.asl.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-revision" is not a file, and git cannot show flow.asl.json at that revision');
  });

  it("says what is wrong with its arguments or input, with exit status 2", async () => {
    const cases: [string[], RegExp][] = [
      [["graph"], /graph takes one file/],
      [["graph", "a", "b"], /graph takes one file/],
      [["graph", "--diff", example("order-processing.asl.json")], /graph --diff takes two arguments/],
      [["graph", "--format", "png", example("order-processing.asl.json")], /unknown format "png" \(expected svg, mermaid, dot\)/],
      [["graph", "--bogus"], /Unknown option '--bogus'/],
      [["graph", join(root, "no-such.asl.json")], /cannot read ".*no-such\.asl\.json": ENOENT/],
      [["graph", join(root, "examples", "requests", "start-execution.json")], /is not itself a state machine definition/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
    const help = await runCli(["graph", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: aslint graph <file>");
  });
});

describe("--format html", () => {
  it("writes one self-contained report to -o with every file, its diagnostics and its picture", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-html-"));
    const r = await runCli(["--format", "html", "-o", join(dir, "report.html"), "examples"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    // no network: nothing loaded from elsewhere
    expect(html).not.toMatch(/<script[^>]+src=|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const sections = html.match(/<section class="file"/g) ?? [];
    const lint = JSON.parse((await runCli(["--format", "json", "examples"], { cwd: root })).stdout);
    expect(sections).toHaveLength(lint.results.length);
    expect(html).toContain('<span class="badge FAIL">FAIL</span> examples/common-mistakes.asl.json');
    // every diagnostic of a file with a picture points at shapes of that picture
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const items = [...html.matchAll(/<li class="diagnostic[^"]*" id="[^"]+" tabindex="0" data-targets="([^"]*)"/g)];
    const total = lint.results.reduce((n: number, x: { diagnostics: unknown[] }) => n + x.diagnostics.length, 0);
    expect(items).toHaveLength(total);
    const parts = html.split('<section class="file"').slice(1);
    expect(parts.filter((p) => p.includes('<svg xmlns="http://www.w3.org/2000/svg" class="aslint-graph"')).length).toBeGreaterThanOrEqual(8);
    for (const part of parts) {
      const pictured = part.includes('class="aslint-graph"');
      for (const [, targets] of part.matchAll(/<li class="diagnostic[^"]*" id="[^"]+" tabindex="0" data-targets="([^"]*)"/g)) {
        if (!pictured) {
          expect(targets).toBe("");
          continue;
        }
        expect(targets.length).toBeGreaterThan(0);
        for (const id of targets.split(" ")) expect(ids.has(id), id).toBe(true);
      }
    }
    expect(html).toContain("<mark>&quot;Procss&quot;</mark>");
  });

  it("reports request files without a picture", async () => {
    const r = await runCli(["request", "--api", "StartExecution", "--format", "html", join(root, "examples", "requests", "start-execution-broken.json")]);
    expect(r.stdout).toContain("<section class=\"file\"");
    expect(r.stdout).toContain("No picture: this file is not itself a state machine definition.");
  });
});

describe("the built binary draws", () => {
  const bin = join(root, "dist", "aslint.cjs");
  it("an SVG with the layout engine from node_modules, and HTML", () => {
    expect(existsSync(bin), "run npm run build first (npm test does)").toBe(true);
    const home = mkdtempSync(join(tmpdir(), "aslint-cache-"));
    const env = { ...process.env, XDG_CACHE_HOME: home };
    const svg = spawnSync(process.execPath, [bin, "graph", example("order-processing.asl.json")], { encoding: "utf8", env });
    expect(svg.stderr).toBe("");
    expect(svg.status).toBe(0);
    expect(parseSvg(svg.stdout).getElementsByTagName("g").length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(tmpdir(), "aslint-html-"));
    const html = spawnSync(process.execPath, [bin, "--format", "html", "-o", join(dir, "r.html"), example("order-processing.asl.json")], { encoding: "utf8", env });
    expect(html.status).toBe(0);
    expect(readFileSync(join(dir, "r.html"), "utf8")).toContain('class="aslint-graph"');
  });

  it("and exits when it draws nothing: a picture too large, a file with no state machine, a usage error", () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-"));
    writeFileSync(join(dir, "huge.asl.json"), generateDefinition({ states: 4000 }).text);
    const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "aslint-cache-")) };
    for (const args of [["huge.asl.json"], [example("requests/start-execution.json")], ["a", "b"]]) {
      // the layout engine starts with the command: it must not keep the process alive
      const r = spawnSync(process.execPath, [bin, "graph", ...args], { encoding: "utf8", env, cwd: dir, timeout: 30_000 });
      expect(r.signal, `aslint graph ${args.join(" ")} exits by itself`).toBeNull();
      expect(r.status).toBe(2);
    }
  });
});
