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

const base = join(__dirname, "..", "..", "..", "shared", "corpus", "templates");
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

/** ERRORs on the corpus, by case: rule ids, and the fact that makes each right. */
export const EXPECTED_ERRORS: Record<string, { rules: string[]; fact: string }> = {
  "sam-translator-embedded-connectors-sfn-to": {
    rules: ["missing-transition-target", "required-field"],
    fact: "The manifest notes that this translator fixture's Definition has StartAt but no States; the ASL specification requires States (asl-facts §3.1), so StartAt names no state.",
  },
  "samout-embedded-connectors-sfn-to": {
    rules: ["missing-transition-target", "required-field"],
    fact: "The SAM translator's output of the case above: the same definition, StartAt without States.",
  },
  "sam-translator-state-machine-with-api-and-propagate-tags": {
    rules: ["task-resource"],
    fact: "Resource: random-resource is not an ARN; a Task Resource is an activity, Lambda or states:::service ARN (asl-facts, Task Resource forms). Translator test data, never deployed.",
  },
  "samout-state-machine-with-api-and-propagate-tags": {
    rules: ["task-resource"],
    fact: "The SAM translator's output of the case above.",
  },
  "sam-translator-state-machine-with-sam-policy-templates": {
    rules: ["task-token"],
    fact: "sqs:sendMessage.waitForTaskToken without $$.Task.Token in the message: no worker can ever answer, so the task waits until it times out every time (DG-INTEG, Wait for a Callback with Task Token). Translator test data.",
  },
  "samout-state-machine-with-sam-policy-templates": {
    rules: ["task-token"],
    fact: "The SAM translator's output of the case above.",
  },
  "sam-wfc-distributed-batch-import": {
    rules: ["distributed-map"],
    fact: "ItemsPath beside ItemReader: in Distributed mode ItemsPath selects items from the state input only, not from what ItemReader reads (asl-facts §3.8, DG-DIST; CDK's DistributedMap rejects the pair).",
  },
  "cfn-cfnlint-bad-sub-needed": {
    rules: ["undefined-substitution"],
    fact: "cfn-lint's own 'bad' fixture: Resource is ${definition_substitution_1}, which no DefinitionSubstitutions key defines, so AWS receives the literal text as the Task's Resource and rejects it (CloudFormation DefinitionSubstitutions; asl-facts Task Resource forms).",
  },
};

const manifest: Case[] = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : [];

describe.skipIf(manifest.length === 0)("template corpus", () => {
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
