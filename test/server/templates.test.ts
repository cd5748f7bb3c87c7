/**
 * Templates in the editor: diagnostics inside a SAM template as it is edited (a DefinitionUri
 * file read from the disk, a Terraform file once the HCL parser has loaded), and completion and
 * hover inside its inline YAML or JSON Definition.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CompletionItem, CompletionList, Hover } from "vscode-languageserver";
import { TestClient, positionOf } from "./harness.js";

let client: TestClient;
let dir: string;
beforeAll(async () => {
  client = await TestClient.start();
  dir = mkdtempSync(join(tmpdir(), "aslint-server-templates-"));
  mkdirSync(join(dir, "sm"));
  writeFileSync(join(dir, "sm", "flow.asl.json"), '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}');
});
afterAll(() => client.dispose());

const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
  Inline:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Fn.Arn
            Next: Finish
          Finish:
            Type: Succeed
  FromFile:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: sm/missing.asl.json
`;

describe("language server on templates", () => {
  it("publishes the diagnostics of a template's state machines where they are, as it changes", async () => {
    const uri = pathToFileURL(join(dir, "template.yaml")).href;
    await client.open(uri, SAM);
    const first = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    // the DefinitionUri that cannot be read, on its value
    expect(first.diagnostics.map((d) => [d.code, d.range.start])).toEqual([["definition-not-found", positionOf(SAM, "sm/missing.asl.json")]]);
    const broken = SAM.replace("Next: Finish", "Next: Finnish").replace("sm/missing.asl.json", "sm/flow.asl.json");
    const version = await client.change(uri, broken);
    const second = await client.diagnosticsFor(uri, version);
    expect(second.diagnostics.map((d) => [d.code, d.range.start])).toEqual([["missing-transition-target", positionOf(broken, "Finnish")]]);
    await client.close(uri);
  });

  it("completes state names and hovers inside an inline YAML Definition", async () => {
    const uri = pathToFileURL(join(dir, "complete.yaml")).href;
    const text = SAM.replace("Next: Finish", "Next: ");
    await client.open(uri, text);
    const at = positionOf(text, "Next: ", "Next: ".length);
    const list = await client.request<CompletionList | CompletionItem[] | null>("textDocument/completion", { textDocument: { uri }, position: at });
    const items = list ? (Array.isArray(list) ? list : list.items) : [];
    expect(items.map((i) => i.label)).toContain("Finish");
    const hover = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: positionOf(text, "Type: Succeed", 1) });
    expect(JSON.stringify(hover?.contents)).toContain("Succeed");
    // outside any Definition: nothing
    const outside = await client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: positionOf(text, "Transform", 1) });
    expect(outside).toBeNull();
    await client.close(uri);
  });

  it("completes in a JSON template's Definition", async () => {
    const uri = pathToFileURL(join(dir, "template.json")).href;
    const text = JSON.stringify({ Resources: { M: { Type: "AWS::StepFunctions::StateMachine", Properties: { Definition: { StartAt: "A", States: { A: { Type: "Pass", Next: "" }, B: { Type: "Succeed" } } } } } } }, null, 2);
    await client.open(uri, text);
    const list = await client.request<CompletionList | CompletionItem[] | null>("textDocument/completion", { textDocument: { uri }, position: positionOf(text, '"Next": ""', '"Next": "'.length) });
    const items = list ? (Array.isArray(list) ? list : list.items) : [];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["A", "B"]));
    await client.close(uri);
  });

  it("lints a Terraform file once the HCL parser has loaded", async () => {
    const uri = pathToFileURL(join(dir, "main.tf")).href;
    const text = ['resource "aws_sfn_state_machine" "x" {', "  definition = <<EOF", '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}', "EOF", "}"].join("\n");
    await client.open(uri, text, "terraform");
    const got = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(got.diagnostics.map((d) => [d.code, d.range.start])).toEqual([["missing-transition-target", positionOf(text, '"Nowhere"')]]);
    await client.close(uri);
  });
});
