/**
 * The template corpus (../shared/corpus/templates, read in place): every state machine whose
 * definition can be read and has States is drawn, one picture per machine named by its resource,
 * with each of its diagnostics placed on the state or transition its location names.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileHost, sourcesOfInputs } from "../../src/cli/templates.js";
import { diagnosticsOfSource, graphOfSource, machineName, toMermaid, type Graph } from "../../src/graph/index.js";
import { runCli } from "../helpers.js";
import { CORPUS, SHARED_PRESENT } from "../shared.js";

const base = join(CORPUS, "templates");
const manifestPath = join(base, "manifest.json");
const manifest: { dir: string; file: string; names: string[] }[] = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : [];

let checked = 0;

/** The node or edge ids a diagnostic at `location` should be drawn on: those of the state it is in. */
function misplaced(graph: Graph): string[] {
  const out: string[] = [];
  graph.diagnostics.forEach((d, i) => {
    const on = graph.targets[i].map((id) => graph.nodes.find((n) => n.id === id) ?? graph.edges.find((e) => e.id === id)!);
    // a finding inside a state is on that state (or one of its transitions), never on Start
    if (!d.location.startsWith("/States/")) return;
    checked++;
    const ok =
      on.length > 0 &&
      on.every((t) =>
        "from" in t
          ? d.location.startsWith(t.from.location ?? "\u0000")
          : t.kind === "ghost" || (t.kind === "state" && t.location !== undefined && d.location.startsWith(t.location)),
      );
    if (!ok) out.push(`${d.rule} at ${d.location} drawn on ${on.map((t) => t.id).join(", ")}`);
  });
  return out;
}

describe.skipIf(!SHARED_PRESENT)("pictures of the template corpus", () => {
  it("has its manifest", () => expect(manifest.length).toBeGreaterThan(50));
  const host = fileHost(base);
  let pictures = 0;
  it.each(manifest.map((c) => [c.dir, c] as const))("%s", async (_dir, c) => {
    const file = join(c.dir, c.file);
    const [sources] = await sourcesOfInputs([{ file, text: readFileSync(join(base, file), "utf8") }], host);
    const drawable = [];
    for (const s of sources.filter((x) => x.body)) {
      const graph = graphOfSource(s, { type: s.type });
      if (!graph) {
        // no picture only for a definition with no States (translator test data): the linter says so
        expect(diagnosticsOfSource(s, { type: s.type }).map((d) => `${d.rule} ${d.location} ${d.message.split(".")[0]}`)).toContain('required-field / Field "States" is required in the state machine');
        continue;
      }
      drawable.push(s);
      expect(graph.stateCount, machineName(s)).toBeGreaterThan(0);
      expect(misplaced(graph), machineName(s)).toEqual([]);
      expect(toMermaid(graph)).toMatch(/^flowchart TD\n/);
      pictures++;
    }
    // the command: one picture per machine, named by it (a Mermaid block under a heading when there are several)
    const r = await runCli(["graph", file, "--format", "mermaid"], { cwd: base });
    if (drawable.length === 0) {
      expect(r.code).toBe(2);
      return;
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^(```mermaid\n)?flowchart TD$/gm)).toHaveLength(drawable.length);
    if (drawable.length > 1) {
      const headings = [...r.stdout.matchAll(/^### (.*) \(.*\)$/gm)].map((m) => m[1]);
      expect(headings).toEqual(drawable.map((s) => machineName(s)));
      for (const name of headings) expect(c.names.some((n) => name === n || name.endsWith(`.${n}`))).toBe(true);
    }
  });
  it("drew the machines, and placed their findings", () => {
    expect(pictures).toBeGreaterThan(90);
    expect(checked).toBeGreaterThan(50);
  });
});
