/**
 * `aslint.showGraph` on an open template: the picture of one of its state machines (the one
 * named, else the one at the cursor, else the first), with the findings the editor shows for it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../server/harness.js";
import { parseSvg } from "./xml.js";
import type { ShowGraphAnswer } from "../../server/features/graph.js";

const path = join(__dirname, "templates", "sam", "template.yaml");
// a suppression comment inside Orders' definition that silences nothing: the editor reports it, in the template
const text = readFileSync(path, "utf8").replace("          Review:\n", "          # aslint-disable-next-line unknown-field\n          Review:\n");
const uri = pathToFileURL(path).href;
const MACHINES = ["OrdersStateMachine", "RefundsStateMachine", "AuditStateMachine"];
let client: TestClient;

const show = (args: unknown[]) => client.request<ShowGraphAnswer | null>("workspace/executeCommand", { command: "aslint.showGraph", arguments: args });
const positionOf = (s: string) => {
  const before = text.slice(0, text.indexOf(s)).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
};

beforeAll(async () => {
  // the editor turns one rule off: the pictures show what the editor shows
  client = await TestClient.start({ initializationOptions: { aslint: { rules: { "heartbeat-timeout": "off" } } } });
  await client.open(uri, text, "yaml");
  await client.diagnosticsFor(uri, 1);
});
afterAll(() => client.dispose());

describe("aslint.showGraph on a template", () => {
  it("draws the first state machine by default, and names them all", async () => {
    const answer = (await show([{ uri, format: "mermaid" }]))!;
    expect(answer).toMatchObject({ uri, version: 1, format: "mermaid", machine: "OrdersStateMachine", machines: MACHINES });
    expect(answer.picture).toMatch(/^flowchart TD\n/);
    expect(answer.picture).toContain('s_g0["✖ Recrod"]');
    // the unused suppression the editor shows inside this definition is this machine's (on Start: it is about no state)
    expect(answer.picture).toContain('s_start(["⚠ Start"])');
  });

  it("draws the machine at the cursor, with the editor's settings", async () => {
    const answer = (await show([{ uri, format: "mermaid", position: positionOf('"HeartbeatSeconds"') }]))!;
    expect(answer.machine).toBe("RefundsStateMachine");
    // heartbeat-timeout is off in the editor: Refund is drawn without a fault
    expect(answer.picture).toContain('s_n0("Refund")');
    expect(answer.picture).not.toContain("✖");
    // a cursor between resources: the first
    expect((await show([{ uri, format: "mermaid", position: positionOf("ChargeFunction:") }]))!.machine).toBe("OrdersStateMachine");
  });

  it("draws the machine an argument names, as SVG by default, its definition read from its own file", async () => {
    const answer = (await show([{ uri, machine: "AuditStateMachine" }]))!;
    expect(answer).toMatchObject({ machine: "AuditStateMachine", format: "svg" });
    const svg = parseSvg(answer.picture!);
    const groups = Array.from(svg.getElementsByTagName("g"));
    expect(groups.filter((g) => (g.getAttribute("class") ?? "").startsWith("state")).map((g) => g.getAttribute("data-name"))).toEqual(["Audit all", "Load", "Audit one"]);
    // the template's finding about it: the substitution nothing uses
    const start = groups.find((g) => (g.getAttribute("class") ?? "").split(" ").includes("start") && g.getAttribute("id") === "start")!;
    expect(start.getAttribute("class")).toContain("fault-warning");
    expect(start.getElementsByTagName("title")[0].textContent).toContain('Substitution "Unused" is never used');
  });

  it("answers an unknown machine with the names there are", async () => {
    const answer = (await show([{ uri, machine: "Audit" }]))!;
    expect(answer.picture).toBeUndefined();
    expect(answer.error).toContain('there is no state machine "Audit": did you mean "AuditStateMachine"?');
    expect(answer.machines).toEqual(MACHINES);
  });

  it("follows the template's changes", async () => {
    const version = await client.change(uri, text.replace("Next: Recrod", "Next: Record"));
    await client.diagnosticsFor(uri, version);
    const answer = (await show([{ uri, format: "mermaid", machine: "OrdersStateMachine" }]))!;
    expect(answer.version).toBe(version);
    expect(answer.picture).not.toContain("Recrod");
  });
});
