/**
 * The template corpus (../shared/corpus/templates, read in place): real SAM, CloudFormation,
 * SAM-translator output, CDK, Serverless and Terraform files. Every case finds exactly the state
 * machines its manifest lists (and reads the definition files it names), and lints with no
 * ERROR except the ones listed here, each with the AWS fact that says the definition is wrong.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fileHost, sourcesOfInputs } from "../../src/cli/templates.js";
import { lintSource } from "../../src/lint-sources.js";
import { EXPECTED_ERRORS } from "./expected-errors.js";
import { CORPUS, SHARED_PRESENT } from "../shared.js";

const base = join(CORPUS, "templates");
const manifestPath = join(base, "manifest.json");

interface Case {
  dir: string;
  file: string;
  kind: string;
  machines: number;
  names: string[];
  types: (string | null)[];
  definition_files: string[];
  label: string;
}

const manifest: Case[] = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : [];

describe.skipIf(!SHARED_PRESENT)("template corpus", () => {
  it("has its manifest", () => expect(manifest.length).toBeGreaterThan(0));
  const host = fileHost(base);
  it.each(manifest.map((c) => [c.dir, c] as const))("%s", async (_dir, c) => {
    const file = join(c.dir, c.file);
    const [sources] = await sourcesOfInputs([{ file, text: readFileSync(join(base, file), "utf8") }], host);
    // the state machines of the manifest, each once (a Terraform module called three times is one resource)
    expect([...new Set(sources.map((s) => s.name))].sort()).toEqual([...c.names].sort());
    expect(sources.filter((s) => s.via === undefined).length || c.machines).toBe(c.machines);
    // the types the template states
    const types = new Map(sources.map((s) => [s.name, s.type ?? null]));
    c.names.forEach((name, i) => expect(types.get(name), name).toBe(c.types[i]));
    // the definition files it names are read
    const read = [...new Set(sources.filter((s) => s.file !== s.template && s.body).map((s) => relative(c.dir, s.file).split("\\").join("/")))];
    expect(read.sort()).toEqual([...c.definition_files].sort());
    const errors = new Set<string>();
    for (const s of sources) for (const r of lintSource(s, { type: s.type })) for (const d of r.diagnostics) if (d.severity === "ERROR") errors.add(d.rule);
    expect([...errors].sort()).toEqual(EXPECTED_ERRORS[c.dir]?.rules ?? []);
  });
});
