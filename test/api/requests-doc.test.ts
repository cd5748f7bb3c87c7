/**
 * docs/requests.md shows real runs: every ```console block (`$ aslint ...`, its output, `$ echo $?`,
 * the exit code) is run again here, in-process, and must print the same.
 * Regenerate the page with `node scripts/build.mjs && node scripts/gen-requests-doc.mjs`.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers.js";
import { requestRules, requestRulesById } from "../../src/requests/index.js";

const root = join(__dirname, "..", "..");
const doc = readFileSync(join(root, "docs", "requests.md"), "utf8");
const PRETTY = "(one line, shown here pretty-printed)";

interface Run {
  args: string[];
  output: string;
  code: number;
  pretty: boolean;
}

const runs: Run[] = [];
for (const m of doc.matchAll(/```console\n\$ aslint (.*)\n([\s\S]*?)\n\$ echo \$\?\n(\d+)\n```/g)) {
  const pretty = m[2].startsWith(PRETTY + "\n");
  runs.push({ args: m[1].split(" "), output: pretty ? m[2].slice(PRETTY.length + 1) : m[2], code: Number(m[3]), pretty });
}

describe("docs/requests.md", () => {
  it("has the examples, and runs every console block of the page", () => {
    expect(runs.length).toBeGreaterThanOrEqual(12);
    // a block this test cannot read would otherwise go unchecked
    expect(runs.length).toBe(doc.split("```console\n").length - 1);
  });
  it("links every request rule to its page in rules.md, and no other", () => {
    const linked = new Set([...doc.matchAll(/\]\(rules\.md#([a-z0-9-]+)\)/g)].map((m) => m[1]));
    expect([...linked].filter((id) => id !== "request-rules" && !requestRulesById.has(id))).toEqual([]);
    expect(requestRules.map((r) => r.meta.id).filter((id) => !linked.has(id))).toEqual([]);
    expect(readFileSync(join(root, "docs", "rules.md"), "utf8")).toContain("\n# Request rules\n");
  });
  for (const r of runs) {
    it(`aslint ${r.args.join(" ")}`, async () => {
      const out = await runCli(r.args, { cwd: root });
      expect(out.code).toBe(r.code);
      if (r.pretty) expect(JSON.parse(out.stdout)).toEqual(JSON.parse(r.output));
      else expect((out.stdout + out.stderr).replace(/\n$/, "")).toBe(r.output);
    });
  }
});
