/**
 * Terraform, read with the real HCL grammar: a mistake planted in a heredoc, a quoted string,
 * jsonencode() of an HCL object, a templatefile() file (with `$${` and bare interpolations) and a
 * module called from the root is reported exactly there.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sourcesOfInputs } from "../../src/cli/templates.js";
import { lintSource } from "../../src/lint-sources.js";
import { loadTerraform } from "../../src/sources/terraform.js";
import { LineIndex } from "../../src/parse/lines.js";

beforeAll(() => loadTerraform());

async function lintTf(files: Record<string, string>, entry = "main.tf") {
  const host = {
    readFile: (p: string) => files[p.replace(/\\/g, "/").replace(/^\.\//, "")],
    listDir: (p: string) => {
      const dir = p.replace(/\\/g, "/").replace(/^\.\/?/, "").replace(/\/$/, "");
      const names = new Set<string>();
      for (const f of Object.keys(files)) {
        const rest = dir === "" || dir === "." ? f : f.startsWith(dir + "/") ? f.slice(dir.length + 1) : undefined;
        if (rest !== undefined) names.add(rest.split("/")[0]);
      }
      return [...names];
    },
  };
  const [sources] = await sourcesOfInputs([{ file: entry, text: files[entry] }], host);
  return { sources, results: sources.flatMap((s) => lintSource(s, { type: s.type })) };
}

function expectAt(results: Awaited<ReturnType<typeof lintTf>>["results"], file: string, rule: string, marker: string) {
  const hits = results.filter((r) => r.file === file).flatMap((r) => r.diagnostics.filter((d) => d.rule === rule).map((d) => ({ d, text: r.text })));
  expect(hits.map((h) => h.d.message), `one ${rule} in ${file}: ${JSON.stringify(results.map((r) => [r.file, r.diagnostics.map((d) => d.rule)]))}`).toHaveLength(1);
  const { d, text } = hits[0];
  const at = text.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(text.slice(d.offset!, d.offset! + d.length!)).toBe(marker);
  expect(d.range).toEqual(new LineIndex(text).range(at, marker.length));
}

const errors = (results: Awaited<ReturnType<typeof lintTf>>["results"]) => results.flatMap((r) => r.diagnostics.filter((d) => d.severity === "ERROR").map((d) => d.rule));

describe("Terraform", () => {
  it("a heredoc with interpolations (also unquoted ones) and $${ escapes", async () => {
    const main = [
      'resource "aws_sfn_state_machine" "flow" {',
      '  name     = "flow"',
      '  type     = "EXPRESS"',
      "  definition = <<EOF",
      "{",
      '  "StartAt": "Call",',
      '  "States": {',
      '    "Call": {"Type": "Task", "Resource": "${aws_lambda_function.fn.arn}", "TimeoutSeconds": ${var.timeout}, "Comment": "$${literal}", "Next": "Lost"}',
      "  }",
      "}",
      "EOF",
      "}",
    ].join("\n");
    const { sources, results } = await lintTf({ "main.tf": main });
    expect(sources.map((s) => [s.name, s.type])).toEqual([["aws_sfn_state_machine.flow", "EXPRESS"]]);
    expect(errors(results)).toEqual(["missing-transition-target"]);
    expectAt(results, "main.tf", "missing-transition-target", '"Lost"');
  });

  it("an indented heredoc (<<-) loses its indentation, positions stay in the file", async () => {
    const main = ['resource "aws_sfn_state_machine" "x" {', "  definition = <<-JSON", '    {"StartAt": "A",', '     "States": {"A": {"Type": "Pass", "Nxt": "B"}}}', "    JSON", "}"].join("\n");
    const { results } = await lintTf({ "main.tf": main });
    expectAt(results, "main.tf", "unknown-field", '"Nxt"');
  });

  it("jsonencode() of an HCL object: linted in place, expressions are placeholders", async () => {
    const main = [
      'resource "aws_sfn_state_machine" "x" {',
      "  definition = jsonencode({",
      '    StartAt = "Call"',
      "    States = {",
      "      Call = {",
      '        Type     = "Task"',
      "        Resource = aws_lambda_function.fn.arn",
      "        TimeoutSeconds = var.timeout",
      '        Parameters = { "Payload.$" = "$", Name = "run-${var.stage}" }',
      '        Next     = "Nowhere"',
      "      }",
      "    }",
      "  })",
      "}",
    ].join("\n");
    const { results } = await lintTf({ "main.tf": main });
    expect(errors(results)).toEqual(["missing-transition-target"]);
    expectAt(results, "main.tf", "missing-transition-target", '"Nowhere"');
  });

  it("templatefile(): the file, its variables checked against the map", async () => {
    const main = ['resource "aws_sfn_state_machine" "x" {', '  definition = templatefile("${path.module}/sm.asl.json", {', "    fn_arn  = aws_lambda_function.fn.arn", "    unused  = 1", "  })", "}"].join("\n");
    const asl = '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Task", "Resource": "${fn_arn}", "TimeoutSeconds": ${timeout}, "Next": "Z"}\n  }\n}\n';
    const { results } = await lintTf({ "main.tf": main, "sm.asl.json": asl });
    expectAt(results, "sm.asl.json", "missing-transition-target", '"Z"');
    // ${timeout} is not in the map: terraform plan fails
    expectAt(results, "sm.asl.json", "undefined-substitution", "${timeout}");
    expectAt(results, "main.tf", "unused-substitution", "unused");
  });

  it("templatefile(): ${expression} is filled in and uses its variables; %{ if } directives are blanks, %{ for } is not read", async () => {
    const main = ['resource "aws_sfn_state_machine" "x" {', '  definition = templatefile("${path.module}/sm.asl.json", {', "    names  = [\"a\"]", "    fn_arn = aws_lambda_function.fn.arn", "    debug  = true", "  })", "}"].join("\n");
    const asl = [
      "{",
      '  "StartAt": "A",',
      '  "States": {',
      '    "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",',
      '      "Parameters": {"FunctionName": "${upper(fn_arn)}", "Payload": {"names": ${jsonencode(names)},',
      "%{ if debug ~}",
      '        "debug": true,',
      "%{ endif ~}",
      '        "x": 1}},',
      '      "Next": "Z"}',
      "  }",
      "}",
    ].join("\n");
    const { results } = await lintTf({ "main.tf": main, "sm.asl.json": asl });
    expect(results.flatMap((r) => r.diagnostics.map((d) => d.rule))).toEqual(["missing-transition-target"]);
    expectAt(results, "sm.asl.json", "missing-transition-target", '"Z"');
    const loop = asl.replace("%{ if debug ~}", "%{ for n in names ~}").replace("%{ endif ~}", "%{ endfor ~}");
    const looped = await lintTf({ "main.tf": main, "sm.asl.json": loop });
    const diagnostics = looped.results.flatMap((r) => r.diagnostics);
    expect(diagnostics.map((d) => [d.rule, d.severity])).toEqual([["definition-not-found", "INFO"]]);
    expect(diagnostics[0].message).toContain("%{ for }");
  });

  it("data template_file .rendered, and a module's machine reached from the root with its variable", async () => {
    const root = ['module "flows" {', '  source = "./modules/sfn"', '  definition_file = "../../defs/flow.asl.json"', "}"].join("\n");
    const mod = [
      'variable "definition_file" {}',
      'data "template_file" "def" {',
      '  template = file("${path.module}/${var.definition_file}")',
      "  vars = { table = aws_dynamodb_table.t.name }",
      "}",
      'resource "aws_sfn_state_machine" "sm" {',
      "  definition = data.template_file.def.rendered",
      "}",
    ].join("\n");
    const asl = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${table}", "Next": "Q"}}}';
    const files = { "main.tf": root, "modules/sfn/main.tf": mod, "defs/flow.asl.json": asl };
    const fromRoot = await lintTf(files);
    expect(fromRoot.sources.map((s) => [s.name, s.via, s.file])).toEqual([["aws_sfn_state_machine.sm", "module.flows", "defs/flow.asl.json"]]);
    expectAt(fromRoot.results, "defs/flow.asl.json", "missing-transition-target", '"Q"');
    // the module file alone finds its caller above it
    const fromModule = await lintTf(files, "modules/sfn/main.tf");
    expect(fromModule.sources.map((s) => [s.name, s.via, s.file])).toEqual([["aws_sfn_state_machine.sm", "module.flows", "defs/flow.asl.json"]]);
  });

  it("a module called once per definition: a template variable any call's definition uses is used; one none uses is reported once", async () => {
    const call = (name: string, file: string) => [`module "${name}" {`, '  source = "./modules/sfn"', `  definition_file = "../../defs/${file}"`, "}"];
    const root = [...call("one", "a.asl.json"), ...call("two", "b.asl.json"), 'resource "aws_sfn_state_machine" "here" {', '  definition = "{}"', "}"].join("\n");
    const mod = [
      'variable "definition_file" {}',
      'data "template_file" "def" {',
      '  template = file("${path.module}/${var.definition_file}")',
      "  vars = {",
      "    fn_arn = aws_lambda_function.f.arn",
      "    table  = aws_dynamodb_table.t.name",
      "    stale  = 1",
      "  }",
      "}",
      'resource "aws_sfn_state_machine" "sm" {',
      "  definition = data.template_file.def.rendered",
      "}",
    ].join("\n");
    const a = '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${fn_arn}", "End": true}}}';
    const b = '{"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "${table}", "End": true}}}';
    const files = { "main.tf": root, "modules/sfn/main.tf": mod, "defs/a.asl.json": a, "defs/b.asl.json": b };
    for (const entry of ["modules/sfn/main.tf", "main.tf"]) {
      const { sources, results } = await lintTf(files, entry);
      expect(sources.filter((s) => s.via).map((s) => s.file)).toEqual(["defs/a.asl.json", "defs/b.asl.json"]);
      expectAt(results, "modules/sfn/main.tf", "unused-substitution", "stale");
    }
  });

  it("file(): the file as it is (no template: a bare ${x} stays invalid JSON)", async () => {
    const main = ['resource "aws_sfn_state_machine" "x" {', '  definition = file("flow.asl.json")', "}"].join("\n");
    const { results } = await lintTf({ "main.tf": main, "flow.asl.json": '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": ${s}, "End": true}}}' });
    expect(errors(results)).toContain("invalid-json");
  });
});
