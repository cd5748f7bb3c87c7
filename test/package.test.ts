/**
 * The installable package: `npm pack` packs dist/ (which the prepare script builds) with the type
 * declarations; installed into an empty directory from the tarball, it gives working `aslint`
 * and `aslint-language-server` commands and a typed library. npm installs the dependencies
 * from its cache (`--prefer-offline`: `npm ci` put the packages there), the npm registry for the rest.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const ROOT = join(__dirname, "..");
const npm = (args: string[], cwd: string) => spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });

let app: string;
let packed: string[];

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), "aslint-pack-"));
  // npm test has just built dist/: pack it as it is (prepare would rebuild it under the feet of the
  // suites running beside this one; test/precommit.test.ts packs a fresh clone, prepare and all)
  const pack = npm(["pack", "--json", "--ignore-scripts", "--pack-destination", out], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[")))[0];
  packed = info.files.map((f: { path: string }) => f.path);
  app = mkdtempSync(join(tmpdir(), "aslint-app-"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  // from the cache where it can (npm ci filled it); the registry only for what the cache lacks
  const install = npm(["install", "--prefer-offline", "--no-audit", "--no-fund", join(out, info.filename)], app);
  expect(install.status, install.stderr).toBe(0);
}, 240_000);

describe("npm pack, then npm install ./aslint-*.tgz", () => {
  it("the tarball holds the bundles, the declarations and the schemas", () => {
    for (const f of ["dist/aslint.cjs", "dist/aslint-cli.cjs", "dist/aslint-language-server.cjs", "dist/index.cjs", "dist/types/src/index.d.ts", "schemas/aslintrc.schema.json", "schemas/asl.schema.json", "README.md", "package.json"]) {
      expect(packed, f).toContain(f);
    }
    expect(packed.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);
  });

  it("aslint lints", () => {
    writeFileSync(join(app, "bad.asl.json"), JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }));
    const r = spawnSync(join(app, "node_modules", ".bin", "aslint"), ["--format", "json", "bad.asl.json"], { cwd: app, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).results[0].diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["missing-transition-target"]);
    expect(spawnSync(join(app, "node_modules", ".bin", "aslint"), ["--version"], { encoding: "utf8" }).stdout).toMatch(/^aslint \d+\.\d+\.\d+\n$/);
  });

  it("aslint-language-server answers initialize over stdio", async () => {
    const child = spawn(join(app, "node_modules", ".bin", "aslint-language-server"), ["--stdio"], { cwd: app, stdio: ["pipe", "pipe", "inherit"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
      expect(result.capabilities.codeActionProvider).toBeTruthy();
      expect(result.capabilities.completionProvider).toBeTruthy();
      await connection.sendRequest("shutdown");
      const exited = once(child, "exit");
      await connection.sendNotification("exit");
      expect((await exited)[0]).toBe(0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it("the library is typed: TypeScript accepts correct use and rejects wrong use", () => {
    writeFileSync(
      join(app, "use.ts"),
      [
        'import { lint, rules, type Diagnostic, type LintResult } from "aslint";',
        'const r: LintResult = lint(\'{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}\', { filename: "a.asl.json", type: "EXPRESS", rules: { "unreachable-state": "off" } });',
        "const first: Diagnostic | undefined = r.diagnostics[0];",
        'const ok: "OK" | "FAIL" = r.result;',
        "export const ids: string[] = rules.map((x) => x.meta.id);",
        "export { first, ok };",
        "",
      ].join("\n"),
    );
    writeFileSync(join(app, "wrong.ts"), 'import { lint } from "aslint";\nexport const n: number = lint("{}", { type: "FAST" }).result;\n');
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "false", "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types")];
    // one compile of both files: every error is in wrong.ts, and they are the two planted there
    const r = spawnSync(process.execPath, [tsc, ...flags, "use.ts", "wrong.ts"], { cwd: app, encoding: "utf8" });
    const errors = r.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(r.status).not.toBe(0);
    expect(errors.every((l) => l.startsWith("wrong.ts(2,")), r.stdout).toBe(true);
    expect(r.stdout).toContain('"FAST"');
    expect(r.stdout).toContain("is not assignable to type 'number'");
    // and it runs: the CommonJS bundle is the package's main
    expect(readdirSync(join(app, "node_modules", "aslint", "dist"))).toContain("index.cjs");
    const run = spawnSync(process.execPath, ["-e", 'const { lint } = require("aslint"); console.log(lint("{}").result)'], { cwd: app, encoding: "utf8" });
    expect(run.stdout).toBe("FAIL\n");
  });
});
