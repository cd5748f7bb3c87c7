#!/usr/bin/env node
// The `aslint` binary: loads the CLI bundle (aslint-cli.cjs beside this file) through a V8
// code cache, so later runs skip compiling it. Node 20 has no built-in compile cache
// (module.enableCompileCache came in 22.1); vm.Script's cachedData does the same job. The
// cache lives in the user's cache directory ($XDG_CACHE_HOME or ~/.cache, else a private
// temporary directory), is keyed by the bundle's path, Node version and bundle size and time, and is
// only an optimisation: any problem with it falls back to a plain load. ASLINT_NO_CACHE=1 turns it
// off. Writing a new cache file (the first run after an install or upgrade) also removes the files
// it replaces (same bundle path and Node version) and any left unwritten for 30 days (an install
// that is gone), so the directory does not grow with every install.
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

const DAY = 24 * 60 * 60 * 1000;

/** A short, stable name for the bundle's location (FNV-1a): one cache slot per install. */
function slotOf(file) {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Removes what `keep` replaces: same slot (earlier builds), and anything not written for 30 days. */
function prune(dir, keep, slot) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !name.startsWith("cli-")) continue;
    const full = path.join(dir, name);
    try {
      if (name.startsWith(slot) && name.endsWith(".v8")) fs.unlinkSync(full);
      else if (now - fs.statSync(full).mtimeMs > (name.endsWith(".tmp") ? DAY : 30 * DAY)) fs.unlinkSync(full);
    } catch {
      // another process may be pruning too
    }
  }
}

function load() {
  const source = fs.readFileSync(bundle, "utf8");
  const stat = fs.statSync(bundle);
  let file;
  let cached;
  // cli-<install>-<node>-<arch>-: the files one install writes, build after build
  const slot = `cli-${slotOf(bundle)}-${process.version}-${process.arch}-`;
  if (!process.env.ASLINT_NO_CACHE) {
    try {
      file = path.join(cacheDir(), `${slot}${stat.size}-${Math.floor(stat.mtimeMs)}.v8`);
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
        // the cache holds what has been compiled: a lint, whatever this run was (src/cli/warm-up.ts)
        if (typeof mod.exports.warmUp === "function") mod.exports.warmUp();
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, file);
        prune(path.dirname(file), path.basename(file), slot);
      } catch {
        // a cache we cannot write only costs speed
      }
    });
  }
  run.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

load();
