#!/usr/bin/env node
// The `aslint` binary: loads the CLI bundle (aslint-cli.cjs beside this file) through a V8
// code cache, so later runs skip compiling it. Node 20 has no built-in compile cache
// (module.enableCompileCache came in 22.1); vm.Script's cachedData does the same job. The
// cache lives in the user's cache directory ($XDG_CACHE_HOME or ~/.cache, else a private
// temporary directory), is keyed by Node version and bundle size and time, and is only an
// optimisation: any problem with it falls back to a plain load. ASLINT_NO_CACHE=1 turns it off.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");
const os = require("os");

const bundle = path.join(__dirname, "aslint-cli.cjs");

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), ".cache") : "");
  if (base && path.isAbsolute(base)) return path.join(base, "aslint");
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(os.tmpdir(), `aslint-${uid}`);
}

function load() {
  const source = fs.readFileSync(bundle, "utf8");
  const stat = fs.statSync(bundle);
  let file;
  let cached;
  if (!process.env.ASLINT_NO_CACHE) {
    try {
      const dir = cacheDir();
      file = path.join(dir, `cli-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8`);
      cached = fs.readFileSync(file);
    } catch {
      cached = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source.startsWith("#!") ? "//" + source.slice(2) : source), {
    filename: bundle,
    cachedData: cached,
  });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  const run = script.runInThisContext();
  if (file && (!cached || script.cachedDataRejected)) {
    // written when the process ends, so the cache holds the functions this run compiled too
    process.once("exit", () => {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        // a cache we cannot write only costs speed
      }
    });
  }
  run.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

load();
