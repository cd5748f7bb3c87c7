import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputExamples } from "../../src/cli/input-examples.js";
import { runCli } from "../helpers.js";

describe("input examples beside a definition", () => {
  it("are read from <name>.input.json and examples/<name>.input.json, and the linter follows them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aslint-inputs-"));
    const def = join(dir, "order.asl.json");
    writeFileSync(def, JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Parameters: { "id.$": "$.order.id" }, End: true } } }));
    expect(inputExamples(def)).toBeUndefined();
    expect((await runCli([def])).code).toBe(0);
    writeFileSync(join(dir, "order.input.json"), '{"order": {"id": 1}}');
    mkdirSync(join(dir, "examples"));
    writeFileSync(join(dir, "examples", "order.input.json"), '{"order": {}}');
    expect(inputExamples(def)).toEqual([{ order: { id: 1 } }, { order: {} }]);
    const r = await runCli([def, "--format", "json"]);
    const diagnostics = JSON.parse(r.stdout).results[0].diagnostics;
    expect(diagnostics.map((d: { rule: string; severity: string }) => `${d.rule} ${d.severity}`)).toEqual(["data-flow WARNING"]);
    writeFileSync(join(dir, "examples", "order.input.json"), "{nope");
    const warned = await runCli([def]);
    expect(warned.stderr).toMatch(/ignoring the input example/);
  });
});
