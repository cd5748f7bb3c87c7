// Build: compile the JSON Schemas ahead of time (ajv standalone code), then bundle the
// CLI, the language server and the library with esbuild into single CommonJS files.
import { build } from "esbuild";
import { existsSync, mkdirSync, chmodSync, copyFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemaBuilder = join(root, "scripts", "build-schema.mjs");
if (existsSync(schemaBuilder)) {
  const { buildSchemas } = await import(schemaBuilder);
  await buildSchemas();
}

mkdirSync(join(root, "dist"), { recursive: true });
copyFileSync(join(root, "src", "cli", "loader.cjs"), join(root, "dist", "aslint.cjs"));
chmodSync(join(root, "dist", "aslint.cjs"), 0o755);
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // jsonc-parser's UMD build hides its modules from bundlers; its ESM build does not
  mainFields: ["module", "main"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // the graph layout engine (WebAssembly, 1.4 MB) is required from node_modules when a picture
  // is drawn, never bundled: a plain lint does not read it
  external: ["@viz-js/viz"],
};
const entries = [
  // the CLI bundle; dist/aslint.cjs is the loader that runs it through a V8 code cache
  { in: "src/cli/main.ts", out: "dist/aslint-cli.cjs", bin: true },
  { in: "server/main.ts", out: "dist/aslint-language-server.cjs", bin: true },
  { in: "src/index.ts", out: "dist/index.cjs", bin: false },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map(async (e) => {
      await build({
        ...common,
        entryPoints: [join(root, e.in)],
        outfile: join(root, e.out),
        banner: e.bin ? { js: "#!/usr/bin/env node" } : undefined,
      });
      if (e.bin) chmodSync(join(root, e.out), 0o755);
    }),
);
// the build's code cache, dist/aslint-cli.v8 (see src/cli/loader.cjs): the first run on a new
// machine, a CI runner's, then need not compile the CLI
const loader = join(root, "dist", "aslint.cjs");
const cache = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(loader)}).writeBuildCache(["--version"])`], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, ASLINT_NO_CACHE: "" },
});
if (cache.status !== 0) throw new Error("could not write dist/aslint-cli.v8");
