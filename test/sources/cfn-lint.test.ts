/**
 * Side by side with cfn-lint's E3601 (the check its users run today) on the template corpus.
 * cfn-lint is not installed in CI: scripts/record-cfn-lint.py recorded what it says, in
 * cfn-lint-e3601.json beside this file (which definitions E3601 validates at all, found by
 * planting a broken one, and its findings). aslint must read every definition E3601 validates,
 * and also the ones E3601 skips because they are built with intrinsic functions (SAM inline
 * definitions, which the SAM transform turns into Fn::Join; CDK's Fn::Join; Fn::Sub), and agree
 * with it except where a cited fact settles the matter (DISAGREEMENTS, empty on this corpus).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileHost, sourcesOfInputs } from "../../src/cli/templates.js";
import { lintSource } from "../../src/lint-sources.js";
import { EXPECTED_ERRORS } from "./expected-errors.js";
import { CORPUS, SHARED_PRESENT } from "../shared.js";

const base = join(CORPUS, "templates");
const record = JSON.parse(readFileSync(join(__dirname, "cfn-lint-e3601.json"), "utf8")) as {
  tool: string;
  cases: { dir: string; file: string; validated: Record<string, boolean>; findings: { rule: string; message: string; path: (string | number)[] }[]; error?: string }[];
};

/** Machines on which aslint and cfn-lint differ (one says the definition is wrong, the other not), with the fact. None on this corpus. */
const DISAGREEMENTS: Record<string, string> = {};

/** Cases cfn-lint cannot read at all, and why aslint can. */
const CFN_LINT_CANNOT_READ: Record<string, string> = {
  "sam-wfc-parallelized-embedding-pipeline":
    '"- !GetAZs !Ref AWS::Region" puts two tags on one node, which a strict YAML parser rejects; aslint reads the state machine resource alone (its DefinitionUri), so the template\'s other resources do not stop it.',
};

describe.skipIf(!SHARED_PRESENT)(`side by side with ${record.tool} E3601`, () => {
  const host = fileHost(base);
  const rows: { key: string; validated: boolean; read: boolean; cfnBad: boolean; aslintBad: boolean }[] = [];

  it("reads every definition E3601 validates, and those built with intrinsic functions", async () => {
    for (const c of record.cases) {
      const file = join(c.dir, c.file);
      const [sources] = await sourcesOfInputs([{ file, text: readFileSync(join(base, file), "utf8") }], host);
      if (c.error) expect(CFN_LINT_CANNOT_READ[c.dir], `${c.dir}: cfn-lint ${c.error}`).toBeDefined();
      const names = new Set([...Object.keys(c.validated), ...sources.map((s) => s.name!)]);
      for (const name of names) {
        const mine = sources.filter((s) => s.name === name);
        const read = mine.some((s) => s.body !== undefined);
        const aslintBad = mine.some((s) => lintSource(s, { type: s.type }).some((r) => r.diagnostics.some((d) => d.severity === "ERROR")));
        const cfnBad = c.findings.some((f) => f.path[1] === name);
        rows.push({ key: `${c.dir}/${name}`, validated: c.validated[name] === true, read, cfnBad, aslintBad });
      }
    }
    const validated = rows.filter((r) => r.validated);
    expect(validated.length).toBeGreaterThan(0);
    for (const r of validated) expect(r.read, `${r.key}: E3601 validates it`).toBe(true);
    // and many more: every definition that is in the template or in a local file
    const more = rows.filter((r) => !r.validated && r.read);
    expect(more.length).toBeGreaterThan(validated.length * 10);
  });

  it("agrees with cfn-lint except where a cited fact settles it", () => {
    for (const r of rows) {
      // where cfn-lint looked (E3601 on a definition it validates, or E1029 on one it flags), the verdicts match
      if (!r.validated && !r.cfnBad) continue;
      if (DISAGREEMENTS[r.key]) expect(r.aslintBad, r.key).not.toBe(r.cfnBad);
      else expect(r.aslintBad, `${r.key}: cfn-lint says ${r.cfnBad ? "wrong" : "fine"}`).toBe(r.cfnBad);
    }
  });

  it("every ERROR beyond what cfn-lint checks is one the corpus test lists with its fact", () => {
    for (const r of rows) {
      if (r.validated || r.cfnBad || !r.aslintBad) continue;
      expect(EXPECTED_ERRORS[r.key.split("/")[0]], r.key).toBeDefined();
    }
  });
});
