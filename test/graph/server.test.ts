/** The language server's `aslint.showGraph` command: the picture of an open definition. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../server/harness.js";
import { parseSvg } from "./xml.js";
import type { ShowGraphAnswer } from "../../server/features/graph.js";

const text = readFileSync(join(__dirname, "..", "..", "examples", "common-mistakes.asl.json"), "utf8");
const uri = "file:///project/flows/common-mistakes.asl.json";
let client: TestClient;

const show = (args: unknown[]) => client.request<ShowGraphAnswer | null>("workspace/executeCommand", { command: "aslint.showGraph", arguments: args });

beforeAll(async () => {
  // the editor turns one rule off: the picture shows what the editor shows
  client = await TestClient.start({ initializationOptions: { aslint: { rules: { "unreachable-state": "off" } } } });
  await client.open(uri, text);
  await client.diagnosticsFor(uri, 1);
});
afterAll(() => client.dispose());

describe("aslint.showGraph", () => {
  it("is announced", () => {
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toContain("aslint.showGraph");
  });

  it("returns the SVG of the open document with the faults the editor shows", async () => {
    const answer = (await show([uri]))!;
    expect(answer).toMatchObject({ uri, version: 1, format: "svg" });
    const svg = parseSvg(answer.picture!);
    const groups = Array.from(svg.getElementsByTagName("g"));
    const cleanup = groups.find((g) => g.getAttribute("data-name") === "Cleanup")!;
    const title = cleanup.getElementsByTagName("title")[0].textContent!;
    expect(title).toContain('Pass state "Cleanup" has neither "Next" nor "End"');
    // unreachable-state is off in the editor's settings: not in the picture either (the state is still grey)
    expect(title).not.toContain("cannot be reached");
    expect(cleanup.getAttribute("class")).toContain("unreachable");
    expect(groups.some((g) => (g.getAttribute("class") ?? "").startsWith("ghost fault fault-error"))).toBe(true);
  });

  it("follows the document's changes and draws Mermaid or DOT on request", async () => {
    const version = await client.change(uri, text.replace('"Next": "Procss"', '"Next": "Process"'));
    await client.diagnosticsFor(uri, version);
    const answer = (await show([{ uri, format: "mermaid" }]))!;
    expect(answer.version).toBe(version);
    expect(answer.picture).toMatch(/^flowchart TD\n/);
    expect(answer.picture).not.toContain("Procss");
    expect((await show([{ uri, format: "dot" }]))!.picture).toMatch(/^digraph /);
  });

  it("answers null for a document that is not an open definition", async () => {
    expect(await show(["file:///project/flows/closed.asl.json"])).toBeNull();
    expect(await show([])).toBeNull();
    await client.open("file:///project/package.json", '{"name": "x", "version": "1.0.0"}');
    expect(await show(["file:///project/package.json"])).toBeNull();
  });
});
