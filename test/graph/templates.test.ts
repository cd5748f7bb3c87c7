/**
 * Pictures of the state machines inside templates: one per machine, named by its resource, the
 * linter's diagnostics for it placed by their location (which a template does not change), in
 * `aslint graph` (with --machine, several pictures in one document or one file each, --diff per
 * machine, a git revision of a template and of the definition file it names) and in the HTML
 * report. The fixture template holds three machines: an inline YAML Definition, a JSON
 * DefinitionString and a DefinitionUri file, each with one planted mistake.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";
import { parseSvg } from "./xml.js";
import { fileHost, sourcesOfInputs } from "../../src/cli/templates.js";
import { definitionText, findMachine, graphOfSource, machineAt, machineName, pairMachines, removedGraph } from "../../src/graph/index.js";
import type { Graph } from "../../src/graph/index.js";
import type { DefinitionSource } from "../../src/sources/index.js";

const root = join(__dirname, "..", "..");
const fixture = join(__dirname, "templates", "sam");
const TEMPLATE = "test/graph/templates/sam/template.yaml";

async function sourcesOf(file: string, cwd = root): Promise<DefinitionSource[]> {
  return (await sourcesOfInputs([{ file, text: readFileSync(join(cwd, file), "utf8") }], fileHost(cwd)))[0];
}

/** The shapes each diagnostic is drawn on, as `name of the node` or `from->to` for a transition. */
function placed(graph: Graph): string[][] {
  const names = new Map<string, string>();
  for (const n of graph.nodes) names.set(n.id, n.kind === "state" || n.kind === "ghost" ? n.name : n.kind);
  for (const e of graph.edges) names.set(e.id, `${names.get(e.from.id)}->${names.get(e.to.id)}`);
  return graph.targets.map((ids) => ids.map((id) => names.get(id)!));
}

function git(dir: string, ...args: string[]) {
  execFileSync("git", args, { cwd: dir, stdio: "pipe", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
}

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "aslint-graph-template-"));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe("the pictures of a template's state machines", () => {
  it("draws each machine from its own definition, the linter's diagnostics placed by location", async () => {
    const sources = await sourcesOf(TEMPLATE);
    expect(sources.map(machineName)).toEqual(["OrdersStateMachine", "RefundsStateMachine", "AuditStateMachine"]);
    // inline YAML (a subtree of the template), a JSON string read out of !Sub, a file of its own
    expect(sources.map((s) => s.body?.kind)).toEqual(["tree", "text", "text"]);
    const [orders, refunds, audit] = sources.map((s) => graphOfSource(s, { type: s.type })!);

    // the Next to "Recrod": the transition and the ghost it ends at, though the diagnostic is located in the template
    expect(orders.diagnostics.map((d) => [d.rule, d.location, d.range.start.line + 1])).toEqual([["missing-transition-target", "/States/Charge/Next", 37]]);
    expect(placed(orders)).toEqual([["Charge->Recrod", "Recrod"]]);
    expect(orders.nodes.filter((n) => n.kind === "state").map((n) => n.name)).toEqual(["Check", "Review", "Charge", "Record"]);
    // the !GetAtt read as a placeholder: Charge still calls a Lambda function, with its Retry
    expect(orders.nodes.find((n) => n.name === "Charge")?.retry?.badge).toBe("↻3");

    // inside the JSON string: on the state Refund
    expect(refunds.diagnostics.map((d) => [d.rule, d.location])).toEqual([["heartbeat-timeout", "/States/Refund/HeartbeatSeconds"]]);
    expect(placed(refunds)).toEqual([["Refund"]]);
    expect(refunds.nodes.find((n) => n.name === "Refund")?.faults.map((f) => f.severity)).toEqual(["ERROR"]);

    // the definition file's picture carries the template's finding about it, on Start (it is about no state)
    expect(audit.diagnostics.map((d) => [d.rule, d.location])).toEqual([["unused-substitution", "/DefinitionSubstitutions/Unused"]]);
    expect(placed(audit)).toEqual([["start"]]);
    expect(audit.nodes.filter((n) => n.kind === "state").map((n) => n.name)).toEqual(["Load", "Audit all", "Audit one"]);
  });

  it("writes an inline definition out in its own order, repeated names kept", async () => {
    const text = `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: "2"\n        States:\n          "2": { Type: Pass, Next: "1" }\n          "1": { Type: Pass, End: true }\n          "1": { Type: Succeed }\n`;
    const [source] = (await sourcesOfInputs([{ file: "t.yaml", text }], fileHost(root)))[0];
    expect(definitionText(source)?.text).toBe('{"StartAt":"2","States":{"2":{"Type":"Pass","Next":"1"},"1":{"Type":"Pass","End":true},"1":{"Type":"Succeed"}}}');
    const graph = graphOfSource(source)!;
    expect(graph.nodes.filter((n) => n.kind === "state").map((n) => n.name)).toEqual(["2", "1", "1"]);
    expect(graph.diagnostics.map((d) => d.rule)).toContain("duplicate-key");
  });

  it("finds a machine by its name, or says which names there are and which is closest", async () => {
    const sources = await sourcesOf(TEMPLATE);
    const name = (r: ReturnType<typeof findMachine>) => ("source" in r ? machineName(r.source) : r.error);
    expect(name(findMachine(sources, "RefundsStateMachine"))).toBe("RefundsStateMachine");
    expect(name(findMachine(sources, "RefundStateMachine"))).toBe('there is no state machine "RefundStateMachine": did you mean "RefundsStateMachine"? The file holds "OrdersStateMachine", "RefundsStateMachine", "AuditStateMachine".');
    expect(name(findMachine(sources, "Audit"))).toMatch(/^there is no state machine "Audit": did you mean "AuditStateMachine"\?/);
    expect(name(findMachine(sources, "Shipping"))).toBe('there is no state machine "Shipping". The file holds "OrdersStateMachine", "RefundsStateMachine", "AuditStateMachine".');
    // Terraform: the address, or its end after a dot when only one ends so
    const tf = [
      { kind: "terraform", template: "main.tf", file: "main.tf", fileText: "", name: "aws_sfn_state_machine.main", via: "module.orders" },
      { kind: "terraform", template: "main.tf", file: "main.tf", fileText: "", name: "aws_sfn_state_machine.main", via: "module.refunds" },
      { kind: "terraform", template: "main.tf", file: "main.tf", fileText: "", name: "aws_sfn_state_machine.audit" },
    ] as DefinitionSource[];
    expect(tf.map(machineName)).toEqual(["module.orders.aws_sfn_state_machine.main", "module.refunds.aws_sfn_state_machine.main", "aws_sfn_state_machine.audit"]);
    expect(name(findMachine(tf, "audit"))).toBe("aws_sfn_state_machine.audit");
    expect(name(findMachine(tf, "module.refunds.aws_sfn_state_machine.main"))).toBe("module.refunds.aws_sfn_state_machine.main");
    expect(name(findMachine(tf, "main"))).toBe('"main" could be any of "module.orders.aws_sfn_state_machine.main", "module.refunds.aws_sfn_state_machine.main": give the full name.');
    // a definition of its own has no machine to name
    const definition = await sourcesOf("examples/order-processing.asl.json");
    expect(name(findMachine(definition, "x"))).toMatch(/this file is a definition of its own/);
  });

  it("pairs the machines of two versions by name, and tells the removed ones", async () => {
    const sources = await sourcesOf(TEMPLATE);
    const [orders, refunds, audit] = sources;
    const { pairs, removed } = pairMachines([refunds, orders], [orders, audit]);
    expect(pairs.map((p) => [p.before && machineName(p.before), machineName(p.now)])).toEqual([
      ["OrdersStateMachine", "OrdersStateMachine"],
      [undefined, "AuditStateMachine"],
    ]);
    expect(removed.map(machineName)).toEqual(["RefundsStateMachine"]);
    // one machine on each side: the same, whatever its name
    expect(pairMachines([refunds], [orders]).pairs[0].before).toBe(refunds);
    const gone = removedGraph(refunds)!;
    expect(gone.changes).toEqual({ added: 0, removed: 2, changed: 0 });
    expect(gone.nodes.filter((n) => n.kind === "state").every((n) => n.change === "removed")).toBe(true);
  });

  it("knows which machine a position of the template is in", async () => {
    const sources = await sourcesOf(TEMPLATE);
    const text = readFileSync(join(root, TEMPLATE), "utf8");
    const at = (s: string) => machineName(machineAt(sources, text.indexOf(s))!);
    expect(at("NumericGreaterThan")).toBe("OrdersStateMachine");
    expect(at("Definition:")).toBe("OrdersStateMachine");
    expect(at('"HeartbeatSeconds"')).toBe("RefundsStateMachine");
    expect(at("DefinitionUri")).toBe("AuditStateMachine");
    expect(machineAt(sources, text.indexOf("ChargeFunction:"))).toBeUndefined();
  });
});

describe("aslint graph on a template", () => {
  it("draws every machine, in Markdown with a heading and a Mermaid block each", async () => {
    const r = await runCli(["graph", TEMPLATE, "--format", "mermaid"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect([...r.stdout.matchAll(/^### (.*)$/gm)].map((m) => m[1])).toEqual([
      `OrdersStateMachine (${TEMPLATE})`,
      `RefundsStateMachine (${TEMPLATE})`,
      `AuditStateMachine (${TEMPLATE})`,
    ]);
    expect(r.stdout.match(/^```mermaid\nflowchart TD\n/gm)).toHaveLength(3);
    expect(r.stdout).toContain('s_g0["✖ Recrod"]');
    expect(r.stdout).toContain('s_n0("✖ Refund")');
  });

  it("draws the one --machine names, as a plain picture; an unknown name is a usage error that lists the names", async () => {
    const one = await runCli(["graph", TEMPLATE, "--machine", "RefundsStateMachine", "--format", "mermaid"], { cwd: root });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^flowchart TD\n/);
    expect(one.stdout).toContain('s_n0("✖ Refund")');
    expect(one.stdout).not.toContain("Recrod");
    const dot = await runCli(["graph", TEMPLATE, "--machine", "OrdersStateMachine", "--format", "dot"], { cwd: root });
    expect(dot.stdout).toMatch(/^digraph "OrdersStateMachine \(test\/graph\/templates\/sam\/template\.yaml\)" \{/);

    const unknown = await runCli(["graph", TEMPLATE, "--machine", "Refunds"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no state machine "Refunds": did you mean "RefundsStateMachine"? The file holds "OrdersStateMachine", "RefundsStateMachine", "AuditStateMachine".');
    const standalone = await runCli(["graph", "examples/order-processing.asl.json", "--machine", "X"], { cwd: root });
    expect(standalone.code).toBe(2);
    expect(standalone.stderr).toMatch(/is a definition of its own/);
  });

  it("puts several SVG pictures in one well-formed SVG, each under its heading, ids apart", async () => {
    const r = await runCli(["graph", TEMPLATE], { cwd: root });
    expect(r.code).toBe(0);
    const svg = parseSvg(r.stdout);
    const pictures = Array.from(svg.getElementsByTagName("svg")).filter((e) => e.getAttribute("class") === "aslint-graph");
    expect(pictures.map((p) => p.getAttribute("aria-label"))).toEqual([`OrdersStateMachine (${TEMPLATE})`, `RefundsStateMachine (${TEMPLATE})`, `AuditStateMachine (${TEMPLATE})`]);
    // one below the other
    const ys = pictures.map((p) => Number(p.getAttribute("y")));
    expect(ys[0]).toBeLessThan(ys[1]);
    expect(ys[1]).toBeLessThan(ys[2]);
    const ids = [...r.stdout.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const refund = Array.from(svg.getElementsByTagName("g")).find((g) => g.getAttribute("data-name") === "Refund")!;
    expect(refund.getAttribute("class")).toContain("fault-error");
    expect(refund.getAttribute("id")).toMatch(/^m1-/);
  });

  it("writes one file per machine to a directory or a {name} pattern, one document to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-out-"));
    const intoDir = await runCli(["graph", join(root, TEMPLATE), "-o", "pictures/"], { cwd: dir });
    expect(intoDir.code).toBe(0);
    expect(readdirSync(join(dir, "pictures")).sort()).toEqual(["AuditStateMachine.svg", "OrdersStateMachine.svg", "RefundsStateMachine.svg"]);
    expect(parseSvg(readFileSync(join(dir, "pictures", "RefundsStateMachine.svg"), "utf8")).getAttribute("class")).toBe("aslint-graph");

    const pattern = await runCli(["graph", join(root, TEMPLATE), "-o", "mmd/{name}.mmd"], { cwd: dir });
    expect(pattern.code).toBe(0);
    expect(readdirSync(join(dir, "mmd")).sort()).toEqual(["AuditStateMachine.mmd", "OrdersStateMachine.mmd", "RefundsStateMachine.mmd"]);
    expect(readFileSync(join(dir, "mmd", "OrdersStateMachine.mmd"), "utf8")).toMatch(/^flowchart TD\n[\s\S]*Recrod/);

    const markdown = await runCli(["graph", join(root, TEMPLATE), "-o", "all.md"], { cwd: dir });
    expect(markdown.code).toBe(0);
    expect(readFileSync(join(dir, "all.md"), "utf8").match(/^```mermaid$/gm)).toHaveLength(3);
    // a .md file gets Markdown for one picture too, so that GitHub draws it
    await runCli(["graph", join(root, "examples", "order-processing.asl.json"), "-o", "one.md"], { cwd: dir });
    expect(readFileSync(join(dir, "one.md"), "utf8")).toMatch(/^### .*order-processing\.asl\.json\n\n```mermaid\nflowchart TD\n[\s\S]*```\n$/);

    const dot = await runCli(["graph", join(root, TEMPLATE), "--format", "dot"], { cwd: dir });
    expect(dot.stdout.match(/^digraph /gm)).toHaveLength(3);
  });

  it("draws the machines of CDK output, serverless.yml and Terraform, named by their resource", async () => {
    const cases: [string, string][] = [
      ["examples/templates/cdk.out/OrdersStack.template.json", "OrdersFlow7E8F9A0B"],
      ["examples/templates/serverless/serverless.yml", "resizeImage"],
      ["examples/templates/terraform/main.tf", "aws_sfn_state_machine.approval"],
    ];
    for (const [file, name] of cases) {
      const r = await runCli(["graph", file, "--format", "dot"], { cwd: root });
      expect(r.code, file).toBe(0);
      expect(r.stdout, file).toMatch(new RegExp(`^digraph "${name.replace(/\./g, "\\.")} \\(`));
      // each example's planted mistake is on the picture
      expect(r.stdout, file).toMatch(/color="#d1242f"/);
    }
    const tf = await runCli(["graph", "examples/templates/terraform/main.tf", "--machine", "approval", "--format", "mermaid"], { cwd: root });
    expect(tf.code).toBe(0);
    expect(tf.stdout).toMatch(/^flowchart TD\n/);
  });

  it("says when a template holds no state machine, or one whose definition cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-graph-template-"));
    writeFileSync(join(dir, "none.yaml"), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n");
    const none = await runCli(["graph", "none.yaml"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/none\.yaml holds no state machine/);
    writeFileSync(
      join(dir, "s3.yaml"),
      "Resources:\n  InS3:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionS3Location: { Bucket: b, Key: k }\n  Here:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition: { StartAt: A, States: { A: { Type: Succeed } } }\n",
    );
    const s3 = await runCli(["graph", "s3.yaml", "--format", "mermaid"], { cwd: dir });
    expect(s3.code).toBe(0);
    expect(s3.stderr).toMatch(/^aslint graph: InS3 \(s3\.yaml\) is not drawn: .*S3/);
    expect(s3.stdout).toMatch(/^flowchart TD\n/);
    const only = await runCli(["graph", "s3.yaml", "--machine", "InS3"], { cwd: dir });
    expect(only.code).toBe(2);
  });
});

describe("aslint graph --diff on templates", () => {
  it("compares two template files machine by machine, drawing a removed machine removed", async () => {
    const dir = copyFixture();
    const before = readFileSync(join(dir, "template.yaml"), "utf8");
    writeFileSync(join(dir, "old.yaml"), before);
    // Orders: the typo fixed and a state added; Refunds: gone; Audit: as it was
    const after = before
      .replace("Next: Recrod", "Next: Notify")
      .replace("          Record:\n            Type: Succeed\n", "          Notify:\n            Type: Pass\n            Next: Record\n          Record:\n            Type: Succeed\n")
      .replace(/  # a JSON string[\s\S]*?(?=  # a file of its own)/, "");
    writeFileSync(join(dir, "template.yaml"), after);
    const r = await runCli(["graph", "--diff", "old.yaml", "template.yaml", "--format", "mermaid"], { cwd: dir });
    expect(r.code).toBe(0);
    const sections = r.stdout.split(/^### /m).slice(1);
    expect(sections.map((s) => s.split("\n")[0])).toEqual(["OrdersStateMachine (template.yaml)", "AuditStateMachine (template.yaml)", "RefundsStateMachine, removed (old.yaml)"]);
    expect(sections[0]).toContain("%% changes: 1 added, 0 removed, 1 changed");
    expect(sections[1]).toContain("%% changes: 0 added, 0 removed, 0 changed");
    expect(sections[2]).toContain("%% changes: 0 added, 2 removed, 0 changed");
    // --machine picks one, a removed one too
    const one = await runCli(["graph", "--diff", "old.yaml", "template.yaml", "--machine", "RefundsStateMachine", "--format", "mermaid"], { cwd: dir });
    expect(one.stdout).toMatch(/^flowchart TD\n  %% changes: 0 added, 2 removed, 0 changed/);
  });

  it("compares a definition moved into a template with the file it was", async () => {
    const dir = copyFixture();
    const d = JSON.parse(readFileSync(join(dir, "statemachine", "audit.asl.json"), "utf8"));
    d.States["Audit all"].Next = "Done";
    delete d.States["Audit all"].End;
    d.States.Done = { Type: "Succeed" };
    writeFileSync(join(dir, "moved.json"), JSON.stringify({ Resources: { Audit: { Type: "AWS::StepFunctions::StateMachine", Properties: { Definition: d } } } }, null, 2));
    const r = await runCli(["graph", "--diff", "statemachine/audit.asl.json", "moved.json", "--format", "mermaid"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart TD\n  %% changes: 1 added, 0 removed, 1 changed\n/);
  });

  it("reads a template, and the definition file it names, at a git revision", async () => {
    const dir = copyFixture();
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "first");
    // only the DefinitionUri file changes: a state added after Load
    const file = join(dir, "statemachine", "audit.asl.json");
    const d = JSON.parse(readFileSync(file, "utf8"));
    d.States.Load.Next = "Check";
    d.States.Check = { Type: "Pass", Next: "Audit all" };
    writeFileSync(file, JSON.stringify(d, null, 2));
    const r = await runCli(["graph", "--diff", "HEAD", "template.yaml", "--machine", "AuditStateMachine", "--format", "mermaid"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("%% changes: 1 added, 0 removed, 1 changed");
    const all = await runCli(["graph", "--diff", "HEAD", "template.yaml", "--format", "mermaid"], { cwd: dir });
    expect(all.stdout.match(/%% changes: 0 added, 0 removed, 0 changed/g)).toHaveLength(2);
  });
});

describe("--format html with templates", () => {
  it("draws each machine, named by its resource; its diagnostics point at shapes of its picture", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-html-"));
    const r = await runCli(["--format", "html", "-o", join(dir, "report.html"), TEMPLATE, "examples/templates"], { cwd: root });
    expect(r.code).toBe(1);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).not.toContain("No picture");
    const sections = html.split('<section class="file"').slice(1);
    const heading = (s: string) => /<h2>.*?<\/span> (.*?)<\/h2>/.exec(s)![1].replace(/<[^>]+>/g, "");
    expect(sections.map(heading)).toEqual([
      `${TEMPLATE} · OrdersStateMachine`,
      `${TEMPLATE} · RefundsStateMachine`,
      `${TEMPLATE} · AuditStateMachine`,
      "test/graph/templates/sam/statemachine/audit.asl.json · AuditStateMachine",
      "examples/templates/cdk.out/OrdersStack.template.json · OrdersFlow7E8F9A0B",
      "examples/templates/sam/template.yaml · OrdersStateMachine",
      "examples/templates/serverless/serverless.yml · resizeImage",
      "examples/templates/terraform/main.tf · aws_sfn_state_machine.approval",
    ]);
    const pictureIds = (s: string) => new Set([...s.matchAll(/<g class="[^"]*" id="([^"]+)"/g)].map((m) => m[1]));
    const targets = (s: string) => [...s.matchAll(/<li class="diagnostic[^"]*" id="[^"]+" tabindex="0" data-targets="([^"]*)"/g)].map((m) => m[1].split(" "));
    // each section with a picture: its diagnostics point into its own picture
    for (const i of [0, 1, 4, 5, 6, 7]) {
      const ids = pictureIds(sections[i]);
      expect(ids.size, heading(sections[i])).toBeGreaterThan(3);
      expect(targets(sections[i]).length, heading(sections[i])).toBeGreaterThan(0);
      for (const list of targets(sections[i])) for (const id of list) expect(ids.has(id), `${heading(sections[i])}: ${id}`).toBe(true);
    }
    // Orders: the transition to the missing state and its ghost; Refunds: the state Refund
    const shape = (s: string, id: string) => new RegExp(`<g class="([^"]*)" id="${id}"[^>]*?(?: data-name="([^"]*)")?>`).exec(s)!;
    expect(targets(sections[0])[0].map((id) => shape(sections[0], id)[1].split(" ")[0])).toEqual(["edge", "ghost"]);
    expect(shape(sections[1], targets(sections[1])[0][0])[0]).toContain('data-name="Refund"');
    // Audit: the template's finding about it points at the picture beside its definition file
    expect(sections[2]).toContain('The picture of <code>AuditStateMachine</code> is with <a href="#file-3">its definition</a>.');
    expect(targets(sections[2])).toEqual([["f3-start"]]);
    expect(pictureIds(sections[3]).has("f3-start")).toBe(true);
  });

  it("says why a machine has no picture", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-html-"));
    writeFileSync(
      join(dir, "t.yaml"),
      "Resources:\n  InS3:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionS3Location: { Bucket: b, Key: k }\n  NoStates:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition: { StartAt: A }\n",
    );
    await runCli(["--format", "html", "-o", "r.html", "t.yaml"], { cwd: dir });
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain("<p>No picture: the definition of <code>InS3</code> could not be read.</p>");
    expect(html).toContain("<p>No picture: the definition of <code>NoStates</code> is not a state machine.</p>");
  });
});
