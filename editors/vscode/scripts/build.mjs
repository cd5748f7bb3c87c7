// Builds the extension: type-checks src/extension.ts, bundles it with the client library into
// dist/extension.js, and copies in the language server bundle and the .aslintrc.json schema from
// the repository's own build (npm ci at the repository root builds them). esbuild and
// TypeScript are the repository's.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(here, "..", "..");
const fromRepo = createRequire(join(repo, "package.json"));

const server = join(repo, "dist", "aslint-language-server.cjs");
const schema = join(repo, "schemas", "aslintrc.schema.json");
if (!existsSync(server)) {
  console.error(`${server} is missing: run npm ci (or npm run build) at the repository root first.`);
  process.exit(1);
}

const tsc = spawnSync(process.execPath, [fromRepo.resolve("typescript/bin/tsc"), "-p", join(here, "tsconfig.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const { build } = fromRepo("esbuild");
await build({
  entryPoints: [join(here, "src", "extension.ts")],
  outfile: join(here, "dist", "extension.js"),
  bundle: true,
  platform: "node",
  // VS Code 1.82 runs extensions on Node.js 18
  target: "node18",
  format: "cjs",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});
for (const [from, to] of [
  [server, join(here, "server", "aslint-language-server.cjs")],
  [schema, join(here, "schemas", "aslintrc.schema.json")],
]) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
