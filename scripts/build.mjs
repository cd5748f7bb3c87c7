// Build: compile the JSON Schemas ahead of time (ajv standalone code), then bundle the
// CLI, the language server and the library with esbuild into single CommonJS files, and emit
// the library's type declarations with tsc (dist/types) while esbuild works.
import { build } from "esbuild";
import { existsSync, mkdirSync, chmodSync, copyFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemaBuilder = join(root, "scripts", "build-schema.mjs");
if (existsSync(schemaBuilder)) {
  const { buildSchemas } = await import(schemaBuilder);
  await buildSchemas();
}

mkdirSync(join(root, "dist"), { recursive: true });

/** The newest modification time under a directory (or of a file). */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  // src/generated is rewritten by every build: schemas/ stands for it
  return readdirSync(path).reduce((t, name) => (name === "generated" ? t : Math.max(t, newest(join(path, name)))), st.mtimeMs);
}

/**
 * dist/types: the declarations of src/index.ts and what it exports (tsconfig.types.json), for
 * the typed library. Skipped when they are newer than every source; otherwise tsc runs beside
 * esbuild.
 */
function emitDeclarations() {
  // tsc leaves an unchanged declaration file as it was: a stamp says when it last ran
  const stamp = join(root, "dist", "types", ".built");
  const inputs = [join(root, "src"), join(root, "schemas"), join(root, "package.json"), join(root, "tsconfig.json"), join(root, "tsconfig.types.json")];
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newest))) return Promise.resolve();
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", join(root, "tsconfig.types.json")], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`tsc -p tsconfig.types.json exited with ${code}`));
      writeFileSync(stamp, "");
      resolve();
    });
  });
}
const declarations = emitDeclarations();
copyFileSync(join(root, "src", "cli", "loader.cjs"), join(root, "dist", "aslint.cjs"));
chmodSync(join(root, "dist", "aslint.cjs"), 0o755);
// Terraform's HCL parser (web-tree-sitter) loads two WebAssembly files: they sit beside the bundles
for (const [pkg, file] of [["web-tree-sitter", "tree-sitter.wasm"], ["@tree-sitter-grammars/tree-sitter-hcl", "tree-sitter-terraform.wasm"]]) {
  copyFileSync(join(root, "node_modules", pkg, file), join(root, "dist", file));
}
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
await declarations;
// the build's code cache, dist/aslint-cli.v8 (see src/cli/loader.cjs): the first run on a new
// machine, a CI runner's, then need not compile the CLI
const loader = join(root, "dist", "aslint.cjs");
const cache = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(loader)}).writeBuildCache(["--version"])`], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, ASLINT_NO_CACHE: "" },
});
if (cache.status !== 0) throw new Error("could not write dist/aslint-cli.v8");
