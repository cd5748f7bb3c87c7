/**
 * For each way a template embeds a definition, a mistake planted at a known character must be
 * reported exactly there in the template: through JSON string escapes, YAML quoting and block
 * scalars with their indentation, Fn::Join pieces and Fn::Sub, next to placeholders.
 */
import { describe, expect, it } from "vitest";
import { sourcesOf, type DefinitionSource } from "../../src/sources/index.js";
import { lintSource } from "../../src/lint-sources.js";
import { LineIndex } from "../../src/parse/lines.js";

const noFiles = { readFile: () => undefined };

function lintTemplate(name: string, text: string, files: Record<string, string> = {}) {
  const host = { readFile: (p: string) => files[p.replace(/\\/g, "/")], listDir: () => Object.keys(files) };
  const sources = sourcesOf(name, text, files ? host : noFiles);
  return { sources, results: sources.flatMap((s: DefinitionSource) => lintSource(s, { type: s.type })) };
}

/** The one diagnostic of `rule`, which must cover exactly `marker` (the n-th occurrence) in the file's text. */
function expectAt(results: ReturnType<typeof lintTemplate>["results"], file: string, rule: string, marker: string, nth = 0) {
  const found = results.filter((r) => r.file === file).flatMap((r) => r.diagnostics.map((d) => ({ d, text: r.text })));
  const hits = found.filter((f) => f.d.rule === rule);
  expect(hits.map((h) => h.d.message), `one ${rule} in ${file}; got ${found.map((f) => f.d.rule).join(", ")}`).toHaveLength(1);
  const { d, text } = hits[0];
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(marker, at + 1);
  expect(at, `marker ${marker}`).toBeGreaterThanOrEqual(0);
  expect(text.slice(d.offset!, d.offset! + d.length!)).toBe(marker);
  expect(d.offset).toBe(at);
  const lines = new LineIndex(text);
  expect(d.range).toEqual(lines.range(at, marker.length));
  return d;
}

const json = (o: unknown) => JSON.stringify(o, null, 2);

describe("CloudFormation JSON", () => {
  it("DefinitionString: through the escapes of a JSON string", () => {
    const definition = '{"StartAt":"A","States":{"A":{"Type":"Pass","Comment":"tab\\there \\u00e9","Next":"Nowhere"}}}';
    const text = json({ Resources: { M: { Type: "AWS::StepFunctions::StateMachine", Properties: { DefinitionString: definition } } } });
    const { results } = lintTemplate("t.json", text);
    expectAt(results, "t.json", "missing-transition-target", '\\"Nowhere\\"');
  });

  it("Fn::Join with \"\" (CDK): pieces around Ref and Fn::GetAtt", () => {
    const text = json({
      Resources: {
        Fn: { Type: "AWS::Lambda::Function" },
        SM: {
          Type: "AWS::StepFunctions::StateMachine",
          Properties: {
            DefinitionString: {
              "Fn::Join": ["", ['{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:', { Ref: "AWS::Partition" }, ':states:::lambda:invoke","Parameters":{"FunctionName":"', { "Fn::GetAtt": ["Fn", "Arn"] }, '"},"Next":"Gone"}}}']],
            },
          },
        },
      },
    });
    const { results, sources } = lintTemplate("cdk.template.json", text);
    expect(sources).toHaveLength(1);
    expectAt(results, "cdk.template.json", "missing-transition-target", '\\"Gone\\"');
  });

  it("Fn::Join with \"\\n\" (the SAM transform's output): one line per piece", () => {
    const lines = ["{", '  "StartAt": "A",', '  "States": {', '    "A": {', '      "Type": "Pass",', '      "Nxt": "B"', "    }", "  }", "}"];
    const text = json({ Resources: { M: { Type: "AWS::StepFunctions::StateMachine", Properties: { DefinitionString: { "Fn::Join": ["\n", lines] } } } } });
    const { results } = lintTemplate("out.json", text);
    expectAt(results, "out.json", "unknown-field", '\\"Nxt\\"');
  });

  it("Definition as an object: linted in place, an intrinsic function is a placeholder", () => {
    const text = json({
      Resources: {
        M: { Type: "AWS::StepFunctions::StateMachine", Properties: { Definition: { StartAt: "A", States: { A: { Type: "Task", Resource: { "Fn::GetAtt": ["F", "Arn"] }, TimeoutSeconds: { Ref: "T" }, Next: "Missing" } } } } },
      },
    });
    const { results } = lintTemplate("t.json", text);
    const d = expectAt(results, "t.json", "missing-transition-target", '"Missing"');
    expect(d.location).toBe("/States/A/Next");
    expect(results.flatMap((r) => r.diagnostics).filter((x) => x.severity === "ERROR")).toHaveLength(1);
  });
});

describe("CloudFormation and SAM YAML", () => {
  it("DefinitionString: !Sub | block scalar, indentation and ${} references", () => {
    const text = [
      "Resources:",
      "  M:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      "      DefinitionString: !Sub |",
      "        {",
      '          "StartAt": "A",',
      '          "States": {',
      '            "A": { "Type": "Task", "Resource": "arn:${AWS::Partition}:states:::sqs:sendMessage", "Next": "Lost" }',
      "          }",
      "        }",
      "",
    ].join("\n");
    const { results } = lintTemplate("template.yaml", text);
    expectAt(results, "template.yaml", "missing-transition-target", '"Lost"');
  });

  it("DefinitionString: |- without Sub, after a bare placeholder that DefinitionSubstitutions fills", () => {
    const text = [
      "Resources:",
      "  M:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      "      DefinitionSubstitutions:",
      "        Wait: 10",
      "      DefinitionString: |-",
      '        {"StartAt": "W", "States": {',
      '          "W": {"Type": "Wait", "Seconds": ${Wait}, "Next": "Away"}}}',
    ].join("\n");
    const { results } = lintTemplate("template.yaml", text);
    expect(results.flatMap((r) => r.diagnostics).map((d) => d.rule)).not.toContain("invalid-json");
    expectAt(results, "template.yaml", "missing-transition-target", '"Away"');
  });

  it("DefinitionString: a single-quoted line (CDK output saved as YAML), through ''", () => {
    const text = [
      "Resources:",
      "  M:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      `      DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","Comment":"it''s","Next":"Gone"}}}'`,
    ].join("\n");
    const { results } = lintTemplate("t.yaml", text);
    expectAt(results, "t.yaml", "missing-transition-target", '"Gone"');
  });

  it("DefinitionString: a double-quoted scalar with escapes", () => {
    const text = ["Resources:", "  M:", "    Type: AWS::StepFunctions::StateMachine", "    Properties:", '      DefinitionString: "{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Pass\\", \\"Next\\": \\"Nope\\"}}}"'].join("\n");
    const { results } = lintTemplate("t.yaml", text);
    expectAt(results, "t.yaml", "missing-transition-target", '\\"Nope\\"');
  });

  it("Fn::Join pieces as YAML plain and quoted scalars (CDK YAML)", () => {
    const text = [
      "Resources:",
      "  SM:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      "      DefinitionString:",
      "        Fn::Join:",
      '          - ""',
      `          - - '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:'`,
      "            - Ref: AWS::Partition",
      '            - :states:::sqs:sendMessage","Parameters":{"QueueUrl":"',
      "            - Ref: Queue",
      `            - '"},"Next":"Void"}}}'`,
    ].join("\n");
    const { results } = lintTemplate("t.yaml", text);
    expectAt(results, "t.yaml", "missing-transition-target", '"Void"');
  });

  it("!Sub [ |- block, {vars} ] with nested !Sub and !If", () => {
    const text = [
      "Conditions:",
      "  Prod: !Equals [!Ref Stage, prod]",
      "Parameters:",
      "  Stage: {Type: String}",
      "Resources:",
      "  Fn: {Type: AWS::Lambda::Function}",
      "  M:",
      "    Type: AWS::StepFunctions::StateMachine",
      "    Properties:",
      "      DefinitionString: !Sub",
      "        - |-",
      "          {",
      '            "StartAt": "A",',
      '            "States": {',
      '              "A": {"Type": "Task", "Resource": "${FnArn}", "TimeoutSeconds": ${Timeout}, "Next": "Elsewhere"}',
      "            }",
      "          }",
      "        - FnArn: !GetAtt Fn.Arn",
      "          Timeout: !If [Prod, 60, !Sub '${Stage}']",
    ].join("\n");
    const { results } = lintTemplate("t.yaml", text);
    expect(results.flatMap((r) => r.diagnostics).filter((d) => d.severity === "ERROR").map((d) => d.rule)).toEqual(["missing-transition-target"]);
    expectAt(results, "t.yaml", "missing-transition-target", '"Elsewhere"');
  });

  it("Definition as a YAML block mapping with short tags", () => {
    const text = [
      "Transform: AWS::Serverless-2016-10-31",
      "Resources:",
      "  Fn: {Type: AWS::Serverless::Function}",
      "  M:",
      "    Type: AWS::Serverless::StateMachine",
      "    Properties:",
      "      Type: EXPRESS",
      "      Definition:",
      "        StartAt: A",
      "        States:",
      "          A:",
      "            Type: Task",
      "            Resource: !GetAtt Fn.Arn",
      "            Parameters:",
      "              Bucket: !Ref Bucket",
      "              Name: !Sub '${AWS::StackName}-x'",
      "            Next: Nothing",
    ].join("\n");
    const { results, sources } = lintTemplate("template.yaml", text);
    expect(sources[0].type).toBe("EXPRESS");
    const d = expectAt(results, "template.yaml", "missing-transition-target", "Nothing");
    expect(d.location).toBe("/States/A/Next");
  });

  it("Definition written as JSON flow style inside YAML", () => {
    const text = ["Resources:", "  M:", "    Type: AWS::Serverless::StateMachine", "    Properties:", '      Definition: {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}}'].join("\n");
    const { results } = lintTemplate("template.yaml", text);
    expectAt(results, "template.yaml", "missing-transition-target", '"Z"');
  });

  it("DefinitionUri: the file, with bare placeholders, diagnostics in that file", () => {
    const text = ["Resources:", "  M:", "    Type: AWS::Serverless::StateMachine", "    Properties:", "      DefinitionUri: sm/flow.asl.json", "      DefinitionSubstitutions:", "        Wait: 5"].join("\n");
    const asl = '{\n  "StartAt": "W",\n  "States": {\n    "W": { "Type": "Wait", "Seconds": ${Wait}, "Next": "Far" }\n  }\n}\n';
    const { results } = lintTemplate("template.yaml", text, { "sm/flow.asl.json": asl });
    expect(results.map((r) => r.file)).toEqual(["sm/flow.asl.json"]);
    expectAt(results, "sm/flow.asl.json", "missing-transition-target", '"Far"');
  });

  it("DefinitionString that is only deploy-time values (!Ref, !ImportValue, a Join of them): one INFO at the key, not a string", () => {
    const machine = (name: string, value: string) => [`  ${name}:`, "    Type: AWS::StepFunctions::StateMachine", "    Properties:", `      DefinitionString: ${value}`];
    const text = [
      "Parameters:",
      "  DefParam: {Type: String}",
      "Resources:",
      ...machine("A", "!Ref DefParam"),
      ...machine("B", "!ImportValue SharedDef"),
      ...machine("C", '{"Fn::Join": ["", [{"Fn::ImportValue": "x"}]]}'),
      ...machine("D", '!Join ["", [!Ref DefParam, !Ref DefParam]]'),
      ...machine("E", "!Sub '${DefParam}'"),
    ].join("\n");
    const { results } = lintTemplate("template.yaml", text);
    const diagnostics = results.flatMap((r) => r.diagnostics);
    expect(diagnostics.map((d) => [d.rule, d.severity])).toEqual(Array(5).fill(["definition-not-found", "INFO"]));
    for (const d of diagnostics) expect(text.slice(d.offset!, d.offset! + d.length!)).toBe("DefinitionString");
    expect(diagnostics[1].message).toContain("Fn::ImportValue");
  });

  it("a state machine without a definition: one ERROR naming the properties its type has", () => {
    const text = ["Resources:", "  Plain:", "    Type: AWS::StepFunctions::StateMachine", "    Properties:", "      RoleArn: x", "  Sam:", "    Type: AWS::Serverless::StateMachine", "    Properties:", "      Role: x"].join("\n");
    const diagnostics = lintTemplate("template.yaml", text).results.flatMap((r) => r.diagnostics);
    expect(diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([
      "ERROR The state machine has none of Definition, DefinitionString or DefinitionS3Location: CloudFormation rejects a state machine without a definition. Add one of them.",
      "ERROR The state machine has none of Definition or DefinitionUri: CloudFormation rejects a state machine without a definition. Add one of them.",
    ]);
  });
});

describe("Serverless Framework", () => {
  it("an inline definition with Fn::GetAtt and ${self:} variables", () => {
    const text = [
      "service: s",
      "functions:",
      "  hello: {handler: h.h}",
      "stepFunctions:",
      "  stateMachines:",
      "    first:",
      "      type: express",
      "      definition:",
      "        StartAt: A",
      "        States:",
      "          A:",
      "            Type: Task",
      "            Resource:",
      "              Fn::GetAtt: [hello, Arn]",
      "            Parameters:",
      "              Stage: ${self:provider.stage}",
      "            Next: Gone",
    ].join("\n");
    const { results, sources } = lintTemplate("serverless.yml", text);
    expect(sources.map((s) => [s.name, s.type])).toEqual([["first", "EXPRESS"]]);
    expectAt(results, "serverless.yml", "missing-transition-target", "Gone");
  });
});
