/**
 * The rule catalogue in README.md and docs/rules.md is generated from rule metadata.
 * This test fails when either is stale; `npm run docs` regenerates both.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { rules } from "../src/rules/index.js";
import { renderRuleTable, renderRulesDoc, spliceReadme } from "../src/catalogue.js";

const root = join(__dirname, "..");
const UPDATE = process.env.UPDATE_DOCS === "1";

describe("generated docs", () => {
  it("docs/rules.md matches the rule metadata", () => {
    const path = join(root, "docs", "rules.md");
    const want = renderRulesDoc(rules);
    if (UPDATE) writeFileSync(path, want);
    expect(existsSync(path), "docs/rules.md is missing: run npm run docs").toBe(true);
    expect(readFileSync(path, "utf8"), "docs/rules.md is stale: run npm run docs").toBe(want);
  });

  it("README rule catalogue matches the rule metadata", () => {
    const path = join(root, "README.md");
    const readme = readFileSync(path, "utf8");
    const want = spliceReadme(readme, renderRuleTable(rules));
    if (UPDATE) writeFileSync(path, want);
    expect(readFileSync(path, "utf8"), "README.md rule catalogue is stale: run npm run docs").toBe(want);
  });

  it("every rule has complete metadata", () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(10);
      expect(r.meta.rationale.length, r.meta.id).toBeGreaterThan(10);
    }
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });
});
