#!/usr/bin/env node
// The `aslint` binary: loads the CLI bundle (aslint-cli.cjs beside this file) through a V8
// code cache, so that a run skips compiling it. Node 20 has no built-in compile cache
// (module.enableCompileCache came in 22.1); vm.Script's cachedData does the same job.
//
// Two caches, tried in this order:
// - the user's: $XDG_CACHE_HOME/aslint (or ~/.cache/aslint; without a usable home directory,
//   os.tmpdir()/aslint-<uid>), one file per install and Node version, written by a run that had no
//   cache V8 accepted;
// - the build's: aslint-cli.v8 beside the bundle, written by `npm run build` (scripts/build.mjs
//   calls writeBuildCache below), so that the first run on a fresh machine (a CI runner) is not
//   the slow one. V8 takes it only from the same V8 version and flags.
//
// A cache is only an optimisation, and its file is input like any other: it is used only when it
// is a regular file (opened without following a symbolic link and without blocking, so a FIFO or a
// device never hangs a run), of a sane size, in a directory that is the user's own and closed to
// others (mode 0700: the fallback under os.tmpdir() is shared with other users, who must not be able
// to plant a cache), and when its header names this very bundle (a SHA-256 of it), this V8 version
// and architecture, and a SHA-256 of the payload matches (V8 does not check its cached data: flipped
// bits crash it). Anything else means a plain compile, never an error. A new cache is written to a
// temporary file and renamed into place. Writing one also removes the files it replaces (same
// install and Node version, older names) and any left unwritten for 30 days (an install that is
// gone). ASLINT_NO_CACHE=1 turns both caches off.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");
const os = require("os");
const crypto = require("crypto");

const bundle = path.join(__dirname, "aslint-cli.cjs");
const buildCache = path.join(__dirname, "aslint-cli.v8");

const MAGIC = Buffer.from("aslint V8 cache\n", "latin1"); // 16 bytes
const HEADER = MAGIC.length + 32 + 32; // magic, key, SHA-256 of the payload
/** Far above a real cache (about 1 MB): a bigger file is not ours. */
const MAX_CACHE = 64 * 1024 * 1024;
const DAY = 24 * 60 * 60 * 1000;
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
// not on Windows (0: no such flag there)
const O_NOFOLLOW = fs.constants.O_NOFOLLOW || 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK || 0;
const uid = typeof process.getuid === "function" ? process.getuid() : undefined;

const sha256 = (...parts) => {
  const h = crypto.createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

/** What a cache must have been made from: this bundle, this V8, this architecture. */
function cacheKey(source) {
  return sha256(source, `\0${process.versions.v8}\0${process.arch}`);
}

/** The user's cache directory, and the directory to create first when it is missing. */
function userCacheDir(env) {
  // XDG: a relative path is to be ignored
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  let home = "";
  try {
    home = os.homedir();
  } catch {
    // no home directory for this user
  }
  const base = xdg || (home && path.isAbsolute(home) ? path.join(home, ".cache") : "");
  if (base) return { dir: path.join(base, "aslint"), parent: base };
  return { dir: path.join(os.tmpdir(), `aslint-${uid ?? "user"}`) };
}

/** A real directory (not a link to one), owned by this user and closed to everyone else. */
function isPrivateDir(dir) {
  return whyNotPrivate(dir) === undefined;
}

function whyNotPrivate(dir) {
  try {
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return "not a directory";
    if (uid !== undefined && st.uid !== uid) return `owned by uid ${st.uid}`;
    if (uid !== undefined && (st.mode & 0o077) !== 0) return `mode ${(st.mode & 0o777).toString(8)}, not 700`;
    return undefined;
  } catch (e) {
    return e.code || String(e);
  }
}

/** Creates the cache directory, one level at a time (no recursive mkdir: /proc makes it loop). */
function makePrivateDir({ dir, parent }) {
  if (isPrivateDir(dir)) return true;
  try {
    if (parent) fs.mkdirSync(parent, { mode: 0o700 });
  } catch {
    // there already, or cannot be: the next step finds out
  }
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch {
    // there already (then it is checked), or cannot be
  }
  return isPrivateDir(dir);
}

/**
 * The payload of a cache file when every check passes, else why not (a string). `owner`: the uid
 * the file must belong to (undefined: any).
 */
function readCache(file, key, owner) {
  let fd;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return "not a regular file";
    if (st.size < HEADER || st.size > MAX_CACHE) return `${st.size} bytes`;
    if (owner !== undefined && st.uid !== owner) return `owned by uid ${st.uid}`;
    // a file others may write is not ours to trust
    if (uid !== undefined && (st.mode & 0o022) !== 0) return "writable by others";
    const buf = Buffer.allocUnsafe(st.size);
    const fill = (from, to) => {
      for (let got = from; got < to; ) {
        const n = fs.readSync(fd, buf, got, to - got, got);
        if (n === 0) return false;
        got += n;
      }
      return true;
    };
    // the header first: a cache of an earlier build costs one small read, not a megabyte
    if (!fill(0, HEADER)) return "shorter than its size";
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return "not an aslint cache";
    if (!buf.subarray(MAGIC.length, MAGIC.length + 32).equals(key)) return "made from another bundle or V8";
    if (!fill(HEADER, buf.length)) return "shorter than its size";
    const payload = buf.subarray(HEADER);
    if (!buf.subarray(MAGIC.length + 32, HEADER).equals(sha256(payload))) return "checksum mismatch";
    return payload;
  } catch (e) {
    // ENOENT, ELOOP (a symbolic link), EACCES, ...
    return e.code || String(e);
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }
}

/** Writes a cache file whole or not at all: a private temporary file, then a rename. */
function writeCache(file, key, data, mode = 0o600) {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd;
  try {
    fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    const buf = Buffer.concat([MAGIC, key, sha256(data), data]);
    let done = 0;
    while (done < buf.length) done += fs.writeSync(fd, buf, done, buf.length - done);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      if (fd !== undefined) fs.closeSync(fd);
      fs.unlinkSync(tmp);
    } catch {
      // never created, or gone
    }
    return false;
  }
}

/** A short, stable name for the bundle's location (FNV-1a): one cache slot per install. */
function slotOf(file) {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Removes what `keep` replaces: same slot (earlier names), and anything not written for 30 days. */
function prune(dir, keep, slot) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !name.startsWith("cli-")) continue;
    const full = path.join(dir, name);
    try {
      if (name.startsWith(slot) && name.endsWith(".v8")) fs.unlinkSync(full);
      else if (now - fs.lstatSync(full).mtimeMs > (name.endsWith(".tmp") ? DAY : 30 * DAY)) fs.unlinkSync(full);
    } catch {
      // another process may be pruning too
    }
  }
}

/** Compiles the bundle (with `cachedData` when there is some) and runs its top level. */
function compile(source, cachedData) {
  const text = source.toString("utf8");
  const script = new vm.Script(Module.wrap(text.startsWith("#!") ? "//" + text.slice(2) : text), { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  const run = script.runInThisContext();
  return { script, mod, start: () => run.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle)) };
}

/** What goes into a cache: the code this run compiled, and a lint's (src/cli/warm-up.ts). */
function cacheData(script, mod) {
  if (typeof mod.exports.warmUp === "function") mod.exports.warmUp();
  return script.createCachedData();
}

// ASLINT_CACHE_DEBUG=1: say on stderr which cache a run used, which it passed over and why
const debug = process.env.ASLINT_CACHE_DEBUG ? (s) => process.stderr.write(`aslint: code cache: ${s}\n`) : undefined;

function load() {
  const source = fs.readFileSync(bundle);
  if (process.env.ASLINT_NO_CACHE) {
    compile(source, undefined).start();
    return;
  }
  const key = cacheKey(source);
  const user = userCacheDir(process.env);
  const slot = `cli-${slotOf(bundle)}-${process.version}-${process.arch}`;
  const userFile = path.join(user.dir, `${slot}.v8`);
  let cached;
  let used;
  const notPrivate = whyNotPrivate(user.dir);
  if (notPrivate !== undefined) debug?.(`skipped ${user.dir}: ${notPrivate}`);
  for (const [file, owner] of notPrivate === undefined ? [[userFile, uid], [buildCache]] : [[buildCache]]) {
    const got = readCache(file, key, owner);
    if (typeof got !== "string") {
      cached = got;
      used = file;
      break;
    }
    debug?.(`skipped ${file}: ${got}`);
  }
  const { script, mod, start } = compile(source, cached);
  if (cached && script.cachedDataRejected) debug?.(`skipped ${used}: rejected by V8`);
  else if (cached) debug?.(`used ${used}`);
  if (!cached || script.cachedDataRejected) {
    // written when the process ends, after the output, so that it holds what this run compiled too
    process.once("exit", () => {
      try {
        if (!makePrivateDir(user)) return debug?.(`not written: ${user.dir}: ${whyNotPrivate(user.dir)}`);
        if (!writeCache(userFile, key, cacheData(script, mod))) return debug?.(`not written: ${userFile}`);
        debug?.(`wrote ${userFile}`);
        prune(user.dir, path.basename(userFile), slot);
      } catch {
        // a cache we cannot write only costs speed
      }
    });
  }
  start();
}

/** For scripts/build.mjs: writes the build's cache beside the bundle, after running the CLI with `argv`. */
function writeBuildCache(argv) {
  const source = fs.readFileSync(bundle);
  const { script, mod, start } = compile(source, undefined);
  process.argv = [process.argv[0], __filename, ...argv];
  process.once("exit", () => {
    // readable by all, like the bundle itself
    if (!writeCache(buildCache, cacheKey(source), cacheData(script, mod), 0o644)) {
      process.stderr.write(`aslint: could not write ${buildCache}\n`);
      process.exitCode = 1;
    }
  });
  start();
}

if (require.main === module) load();
else module.exports = { writeBuildCache };
