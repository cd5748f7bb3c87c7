/**
 * The severity policy (docs/rules.md): ERROR only where AWS refuses the definition or the
 * request, or the state fails every time it runs; whatever AWS accepts, or where AWS's
 * behaviour is not on record, is at most a WARNING. Every rule declares the basis of its
 * default severity and of each other kind of finding it reports; this test holds the
 * declarations to the policy, and every diagnostic the rules actually give (fixtures, rule
 * examples, the parity set, the corpus, request fixtures) to the declarations.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { lint } from "../src/lint.js";
import { rules } from "../src/rules/index.js";
import { requestRules } from "../src/requests/index.js";
import { allowsError, BASES, type Basis, type Diagnostic, type Severity } from "../src/diagnostic.js";
import type { RuleMeta } from "../src/rules/types.js";
import { fixtureRuns } from "./api/request-fixtures.js";
import { filesUnder } from "./files.js";
import { CORPUS, SHARED_PRESENT } from "./shared.js";

const ROOT = join(__dirname, "..");

/** Every (severity, basis) a rule declares: its default, and its other kinds of finding. */
function kinds(meta: RuleMeta): { severity: Severity; basis: Basis }[] {
  return [{ severity: meta.severity, basis: meta.basis }, ...(meta.findings ?? [])];
}

const metas: RuleMeta[] = [...rules.map((r) => r.meta), ...requestRules.map((r) => r.meta)];
const byId = new Map(metas.map((m) => [m.id, m]));

describe("severity policy: what each rule declares", () => {
  for (const meta of metas) {
    it(meta.id, () => {
      expect(meta.source, `${meta.id} cites no fact`).toBeTruthy();
      for (const k of kinds(meta)) {
        expect(BASES, meta.id).toContain(k.basis);
        if (k.severity === "ERROR") expect(allowsError(k.basis), `${meta.id}: an ERROR needs a basis that allows it, not "${k.basis}"`).toBe(true);
        if (k.basis === "accepted" || k.basis === "unknown" || k.basis === "aws-warning") expect(k.severity, `${meta.id}: "${k.basis}" is at most a WARNING`).not.toBe("ERROR");
      }
      const keys = kinds(meta).map((k) => `${k.severity} ${k.basis}`);
      expect(new Set(keys).size, `${meta.id} declares a kind twice`).toBe(keys.length);
      for (const k of meta.findings ?? []) expect(k.what.length, meta.id).toBeGreaterThan(10);
    });
  }
});

/** A diagnostic breaks the policy when its rule does not declare its severity with its basis. */
function undeclared(diagnostics: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    const meta = byId.get(d.rule);
    if (!meta) {
      out.push(`${d.rule}: no such rule`);
      continue;
    }
    if (!kinds(meta).some((k) => k.severity === d.severity && k.basis === d.basis)) out.push(`${d.rule} ${d.severity} ${d.basis ?? "(no basis)"}: ${d.message}`);
    if (d.aws && d.basis !== "rejected" && d.basis !== "aws-warning") out.push(`${d.rule}: AWS does not report a finding on basis ${d.basis}`);
    if (d.aws && d.aws.severity !== (d.basis === "rejected" ? "ERROR" : "WARNING")) out.push(`${d.rule}: AWS's severity ${d.aws.severity} does not follow basis ${d.basis}`);
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

describe("severity policy: what the rules report", () => {
  it("the definition fixtures", () => {
    const bad: string[] = [];
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const dir of readdirSync(join(ROOT, "fixtures")).filter((d) => ids.has(d))) {
      for (const file of filesUnder(join(ROOT, "fixtures", dir), /\.(json|ya?ml|asl)$/)) {
        bad.push(...undeclared(lint(readFileSync(file, "utf8"), { filename: file }).diagnostics).map((m) => `${file}: ${m}`));
      }
    }
    expect(bad).toEqual([]);
  });

  it("the rule examples", () => {
    const bad: string[] = [];
    for (const r of rules) {
      for (const ex of [r.meta.examples?.fail, r.meta.examples?.pass]) {
        if (!ex) continue;
        const e = typeof ex === "string" ? { definition: ex } : ex;
        const text = typeof e.definition === "string" ? e.definition : e.definition();
        bad.push(...undeclared(lint(text, { filename: e.filename, type: e.type }).diagnostics).map((m) => `${r.meta.id} example: ${m}`));
      }
    }
    expect(bad).toEqual([]);
  });

  it("the parity set", () => {
    const bad: string[] = [];
    for (const file of walk(join(ROOT, "test", "parity")).filter((f) => f.endsWith(".json"))) {
      const c = JSON.parse(readFileSync(file, "utf8"));
      const text = c.text ?? JSON.stringify(c.definition, null, 2);
      bad.push(...undeclared(lint(text, { type: c.type }).diagnostics).map((m) => `${file}: ${m}`));
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(!SHARED_PRESENT)("the corpus", () => {
    const bad: string[] = [];
    for (const file of filesUnder(CORPUS, /\.(json|ya?ml)$/i)) {
      if (file.includes("/templates/") && !/\.asl\.(json|ya?ml)$/i.test(file)) continue;
      bad.push(...undeclared(lint(readFileSync(file, "utf8"), { filename: file }).diagnostics).map((m) => `${file}: ${m}`));
    }
    expect(bad).toEqual([]);
  });

  it("the request fixtures", () => {
    const bad: string[] = [];
    for (const run of fixtureRuns()) for (const f of run.files) bad.push(...undeclared(f.diagnostics).map((m) => `${f.path}: ${m}`));
    expect(bad).toEqual([]);
  });
});
