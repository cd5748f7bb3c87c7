/**
 * `.aslintrc.json`: one lookup for the CLI and the language server (the nearest config to each
 * file, merged over those above it up to `"root": true`), `extends`, `ignores`, errors that name
 * the file and the key, and the JSON Schema shipped for editors (schemas/aslintrc.schema.json).
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv from "ajv";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigLookup, configSchema, loadConfig, validateConfig, ConfigError } from "../src/config.js";
import { lint } from "../src/lint.js";
import { Settings } from "../server/settings.js";
import { runCli } from "./helpers.js";

const ROOT = join(__dirname, "..");
const UPDATE = process.env.UPDATE_DOCS === "1";

// unreachable-state (ERROR by default) and a Pass with "End": false beside "Next" (next-or-end WARNING)
const DEFINITION = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B", End: false }, B: { Type: "Succeed" }, C: { Type: "Succeed" } } }, null, 2);

function tree(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "aslint-config-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

async function rulesFound(args: string[], cwd: string): Promise<Record<string, string[]>> {
  const r = await runCli(["--format", "json", ...args], { cwd });
  expect(r.stderr).toBe("");
  const out: Record<string, string[]> = {};
  for (const res of JSON.parse(r.stdout).results) out[res.file] = res.diagnostics.map((d: { rule: string; severity: string }) => `${d.rule}:${d.severity}`);
  return out;
}

describe("one lookup: the nearest config to each file", () => {
  const dir = tree({
    ".aslintrc.json": { rules: { "next-or-end": "off" } },
    "svc-a/.aslintrc.json": { rules: { "unreachable-state": "warn" } },
    "svc-a/flow.asl.json": DEFINITION,
    "svc-b/.aslintrc.json": { root: true, rules: { "unreachable-state": "off" } },
    "svc-b/flow.asl.json": DEFINITION,
    "top.asl.json": DEFINITION,
  });

  it("the CLI, from the root, applies each file's own config, merged over the one above unless root: true", async () => {
    expect(await rulesFound(["."], dir)).toEqual({
      // svc-a: its own unreachable-state: warn, and next-or-end: off from the root's config
      "svc-a/flow.asl.json": ["unreachable-state:WARNING"],
      // svc-b says root: true: the root's next-or-end: off does not reach it
      "svc-b/flow.asl.json": ["next-or-end:WARNING"],
      "top.asl.json": ["unreachable-state:ERROR"],
    });
  });

  it("the same from inside the directory, and from anywhere else", async () => {
    expect(await rulesFound(["flow.asl.json"], join(dir, "svc-a"))).toEqual({ "flow.asl.json": ["unreachable-state:WARNING"] });
    expect(await rulesFound([join(dir, "svc-a", "flow.asl.json")], tmpdir())).toEqual({ [join(dir, "svc-a", "flow.asl.json")]: ["unreachable-state:WARNING"] });
  });

  it("the language server gives the editor the same settings for the same file", () => {
    const settings = new Settings(() => undefined);
    for (const [file, expected] of [
      ["svc-a/flow.asl.json", ["unreachable-state:WARNING"]],
      ["svc-b/flow.asl.json", ["next-or-end:WARNING"]],
    ] as const) {
      const doc = TextDocument.create(pathToFileURL(join(dir, file)).href, "json", 1, DEFINITION);
      const options = settings.lintOptions(doc);
      expect(lint(DEFINITION, options).diagnostics.map((d) => `${d.rule}:${d.severity}`), file).toEqual(expected);
    }
  });

  it("--config FILE applies one file to every file, without the lookup", async () => {
    writeFileSync(join(dir, "strict.json"), JSON.stringify({ rules: { "next-or-end": "error" } }));
    expect(await rulesFound(["--config", "strict.json", "svc-a", "svc-b"], dir)).toEqual({
      "svc-a/flow.asl.json": ["next-or-end:ERROR", "unreachable-state:ERROR"],
      "svc-b/flow.asl.json": ["next-or-end:ERROR", "unreachable-state:ERROR"],
    });
  });
});

describe("extends", () => {
  it("starts from a shared file (a path, or a package's file); the extending file wins", async () => {
    const dir = tree({
      "shared/base.json": { type: "EXPRESS", rules: { "unreachable-state": "off", "next-or-end": "error" }, overrides: [{ files: "flows/**", rules: { "next-or-end": "info" } }] },
      "node_modules/team-config/aslint.json": { rules: { "unreachable-state": "warn" } },
      "app/.aslintrc.json": { extends: ["../shared/base.json", "team-config/aslint.json"], rules: { "next-or-end": "warn" } },
      "app/flow.asl.json": DEFINITION,
      "app/flows/x.asl.json": DEFINITION,
    });
    const config = new ConfigLookup().forFile(join(dir, "app", "flow.asl.json"))!;
    expect(config.type).toBe("EXPRESS");
    expect(config.sources).toEqual([join(dir, "app", ".aslintrc.json"), join(dir, "node_modules", "team-config", "aslint.json"), join(dir, "shared", "base.json")]);
    // the extended file's override glob reads relative to the extending file (app/); the
    // extending file's own rules win over it, as over everything it extends
    expect(await rulesFound(["app"], dir)).toEqual({
      "app/flow.asl.json": ["next-or-end:WARNING", "unreachable-state:WARNING"],
      "app/flows/x.asl.json": ["next-or-end:WARNING", "unreachable-state:WARNING"],
    });
    const own = tree({
      "shared/base.json": { overrides: [{ files: "flows/**", rules: { "next-or-end": "info" } }] },
      "app/.aslintrc.json": { extends: ["../shared/base.json"] },
      "app/flows/x.asl.json": DEFINITION,
    });
    expect(await rulesFound(["app"], own)).toEqual({ "app/flows/x.asl.json": ["next-or-end:INFO", "unreachable-state:ERROR"] });
  });

  it("a nearer config's rules win over the overrides of a config further up", async () => {
    const dir = tree({
      ".aslintrc.json": { overrides: [{ files: "wf/**", rules: { "unreachable-state": "warn" } }] },
      "wf/legacy/.aslintrc.json": { rules: { "unreachable-state": "off" } },
      "wf/legacy/a.asl.json": DEFINITION,
      "wf/new/b.asl.json": DEFINITION,
    });
    expect(await rulesFound(["wf"], dir)).toEqual({
      "wf/legacy/a.asl.json": ["next-or-end:WARNING"],
      "wf/new/b.asl.json": ["next-or-end:WARNING", "unreachable-state:WARNING"],
    });
  });

  it("a loop or a missing file is an error naming the file", () => {
    const dir = tree({ "a.json": { extends: "./b.json" }, "b.json": { extends: "./a.json" }, "c.json": { extends: "./nope.json" }, "d.json": { extends: "no-such-package/x.json" } });
    expect(() => loadConfig(join(dir, "a.json"))).toThrow(`${join(dir, "b.json")}: "extends" makes a loop: ${join(dir, "a.json")} -> ${join(dir, "b.json")} -> ${join(dir, "a.json")}.`);
    expect(() => loadConfig(join(dir, "c.json"))).toThrow(`Cannot read the config it extends, "${join(dir, "nope.json")}": no such file.`);
    expect(() => loadConfig(join(dir, "d.json"))).toThrow(`${join(dir, "d.json")}: "extends": cannot find "no-such-package/x.json"`);
  });
});

describe("ignores", () => {
  const dir = tree({
    ".aslintrc.json": { ignores: ["generated", "**/*.draft.asl.json"] },
    "generated/out.asl.json": DEFINITION,
    "flows/ok.asl.json": JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" } } }),
    "flows/wip.draft.asl.json": DEFINITION,
  });

  it("a directory walk and a glob leave ignored files out", async () => {
    expect(Object.keys(await rulesFound(["."], dir))).toEqual(["flows/ok.asl.json"]);
    expect(Object.keys(await rulesFound(["**/*.asl.json"], dir))).toEqual(["flows/ok.asl.json"]);
  });

  it("a named directory that ignores leaves out says so (exit 2, as for a path with no definition)", async () => {
    const r = await runCli(["generated"], { cwd: dir });
    expect(r.stderr).toBe(`aslint: generated: ignored by "ignores" in ".aslintrc.json"; nothing linted. Pass --no-error-on-empty to allow this.\n`);
    expect(r.code).toBe(2);
  });

  it("a named ignored file is skipped with one line (none with --no-warn-ignored), and the run is not failed", async () => {
    const r = await runCli(["flows/wip.draft.asl.json", "flows/ok.asl.json"], { cwd: dir });
    expect(r.stderr).toBe(`aslint: "flows/wip.draft.asl.json" is ignored by "ignores" in ".aslintrc.json"; not linted (--no-warn-ignored hides this line).\n`);
    expect(r.code).toBe(0);
    const quiet = await runCli(["--no-warn-ignored", "flows/wip.draft.asl.json"], { cwd: dir });
    expect(quiet).toEqual({ code: 0, stdout: "✔ 0 files checked: OK\n", stderr: "" });
  });

  it("the editor publishes nothing for an ignored file", () => {
    const settings = new Settings(() => undefined);
    expect(settings.ignores(TextDocument.create(pathToFileURL(join(dir, "generated", "out.asl.json")).href, "json", 1, DEFINITION))).toBe(true);
    expect(settings.ignores(TextDocument.create(pathToFileURL(join(dir, "flows", "ok.asl.json")).href, "json", 1, DEFINITION))).toBe(false);
  });
});

describe("mistakes in a config are errors that name the file and the key", () => {
  const cases: [object, string][] = [
    [{ rulez: {} }, '"rulez": unknown key; did you mean "rules"? (a config has "$schema", "root", "extends", "type", "rules", "overrides", "ignores", "suppressions").'],
    [{ rules: { "unreachable-stat": "off" } }, '"rules"."unreachable-stat": unknown rule "unreachable-stat"; did you mean "unreachable-state"?'],
    [{ rules: { "no-such-thing-at-all": "off" } }, '"rules"."no-such-thing-at-all": unknown rule "no-such-thing-at-all" (aslint --list-rules lists them).'],
    [{ rules: { "unreachable-state": "warning" } }, '"rules"."unreachable-state": "warning" is not a severity: use off, info, warn or error.'],
    [{ type: "standard" }, '"type": must be "STANDARD" or "EXPRESS", not "standard".'],
    [{ overrides: [{ files: ["a/**"], rule: {} }] }, '"overrides"[0]."rule": unknown key (an override has "files", "type", "rules").'],
    [{ overrides: [{ files: ["a/**"], rules: { "next-or-end": "loud" } }] }, '"overrides"[0]."rules"."next-or-end": "loud" is not a severity: use off, info, warn or error.'],
    [{ ignores: "build" }, '"ignores": must be a list of globs, relative to the config\'s directory.'],
    [{ suppressions: [{ files: "*.json", location: "States/A", rule: "next-or-end" }] }, '"suppressions"[0]."location": must be a path such as "/States/Fetch/Next"'],
    [{ suppressions: [{ files: "*.json", location: "/States/A", rule: "nex-or-end" }] }, '"suppressions"[0]."rule": unknown rule "nex-or-end"; did you mean "next-or-end"?'],
  ];
  for (const [config, message] of cases) {
    it(JSON.stringify(config), async () => {
      const dir = tree({ ".aslintrc.json": config, "flow.asl.json": DEFINITION });
      const r = await runCli(["flow.asl.json"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")[0]).toContain(`aslint: ${join(dir, ".aslintrc.json")}: ${message}`);
    });
  }

  it("request and redrive read the same config and stop on the same errors", async () => {
    const dir = tree({ ".aslintrc.json": { rules: { "unknown-paramter": "off" } }, "r.json": { stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" } });
    const r = await runCli(["request", "--api", "StartExecution", "r.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"rules"."unknown-paramter": unknown rule "unknown-paramter"; did you mean "unknown-parameter"?');
  });

  it("the language server warns once and goes on without the broken file", () => {
    const dir = tree({ ".aslintrc.json": { rules: { "unreachable-state": "of" } } });
    const warnings: string[] = [];
    const settings = new Settings((m) => warnings.push(m));
    const doc = TextDocument.create(pathToFileURL(join(dir, "flow.asl.json")).href, "json", 1, DEFINITION);
    expect(settings.lintOptions(doc).rules).toEqual({});
    settings.lintOptions(doc);
    expect(warnings).toEqual([`aslint: ${join(dir, ".aslintrc.json")}: "rules"."unreachable-state": "of" is not a severity: use off, info, warn or error. The file is ignored until it is fixed.`]);
  });
});

describe("schemas/aslintrc.schema.json", () => {
  const path = join(ROOT, "schemas", "aslintrc.schema.json");
  const generated = JSON.stringify(configSchema(), null, 2) + "\n";

  it("is generated from the rules (UPDATE_DOCS=1 or npm run docs rewrites it)", () => {
    if (UPDATE) writeFileSync(path, generated);
    expect(readFileSync(path, "utf8")).toBe(generated);
  });

  it("accepts what the loader accepts and rejects what it rejects", () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path, "utf8")));
    const good = [
      {},
      { $schema: "./node_modules/aslint/schemas/aslintrc.schema.json", root: true, extends: "../base.json", type: "EXPRESS", rules: { "unreachable-state": "warn", "unused-suppression": "error", "unknown-parameter": "off" } },
      { overrides: [{ files: "x/**", type: "STANDARD", rules: { "next-or-end": "off" } }], ignores: ["build/**"] },
      { suppressions: [{ files: ["a.asl.json"], location: "/States/A", rule: "next-or-end", reason: "known" }, { files: "b/**", location: "/States/B/Next", rules: ["missing-transition-target"] }] },
    ];
    const bad = [{ rulez: {} }, { rules: { "no-such-rule": "off" } }, { rules: { "next-or-end": "warning" } }, { type: "standard" }, { overrides: [{ rules: {} }] }, { suppressions: [{ files: "a", location: "/States/A" }] }, { ignores: "build" }];
    for (const c of good) {
      expect(validate(c), JSON.stringify(validate.errors)).toBe(true);
      expect(() => validateConfig(c)).not.toThrow();
    }
    for (const c of bad) {
      expect(validate(c), JSON.stringify(c)).toBe(false);
      expect(() => validateConfig(c), JSON.stringify(c)).toThrow(ConfigError);
    }
  });

  it("ships in the package", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).files).toContain("schemas");
  });
});
