// The built binary's V8 code cache (src/cli/loader.cjs): whatever is found in its place, a run
// gives the output it gives without a cache, in bounded time. Each test runs a copy of the build
// in a scratch directory, with a scratch XDG_CACHE_HOME; ASLINT_CACHE_DEBUG=1 makes the loader
// say which cache it used, which it passed over and why, and what it wrote.
import { describe, expect, it, beforeAll } from "vitest";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";

const root = join(__dirname, "..");
const dist = join(root, "dist");
const NODE_TAG = `${process.version}-${process.arch}`;
/** A hang fails the test instead of stalling the suite. */
const TIMEOUT_MS = 30_000;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const posix = process.platform !== "win32";

const DEFINITION = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "Bx" },
    "B": { "Type": "Succeed" }
  }
}
`;

let scratch: string;
let input: string;
/** A build without its own cache, so that runs use (and write) the user's cache. */
let bare: string;
/** What the CLI prints without any cache. */
let expected: { stdout: string; status: number | null };

/** A copy of the build: the loader and the bundle, and the build's cache when `withBuildCache`. */
function install(withBuildCache: boolean): string {
  const dir = mkdtempSync(join(scratch, "install-"));
  for (const f of ["aslint.cjs", "aslint-cli.cjs", ...(withBuildCache ? ["aslint-cli.v8"] : [])]) copyFileSync(join(dist, f), join(dir, f));
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The loader's ASLINT_CACHE_DEBUG lines, without the "aslint: code cache: " prefix. */
  notes: string[];
}

function runIn(installDir: string, env: Record<string, string | undefined>, args: string[] = ["--format", "json", input]): Run {
  const r = spawnSync(process.execPath, [join(installDir, "aslint.cjs"), ...args], {
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    env: { ...process.env, ASLINT_NO_CACHE: "", ASLINT_CACHE_DEBUG: "1", ...env },
  });
  expect(r.error, "the run hung or could not start").toBeUndefined();
  expect(r.signal, `the run died: ${r.stderr}`).toBeNull();
  const notes = r.stderr
    .split("\n")
    .filter((l) => l.startsWith("aslint: code cache: "))
    .map((l) => l.slice("aslint: code cache: ".length));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, notes };
}

const newHome = () => mkdtempSync(join(scratch, "cache-"));

/** The same output, exit status included, as a run without a cache. */
function expectSameOutput(r: Run) {
  expect(r.stdout).toBe(expected.stdout);
  expect(r.status).toBe(expected.status);
}

/** Deterministic bit flips (positions from SHA-256 of the seed), anywhere after the magic: header and payload. */
function flipBits(file: string, seed: number) {
  const pick = (i: number, n: number) => createHash("sha256").update(`${seed}/${i}`).digest().readUInt32LE(0) % n;
  const b = readFileSync(file);
  const flips = [1, 1, 4, 50][pick(0, 4)];
  for (let i = 1; i <= flips; i++) b[16 + pick(2 * i, b.length - 16)] ^= 1 << pick(2 * i + 1, 8);
  writeFileSync(file, b);
}

beforeAll(() => {
  expect(existsSync(join(dist, "aslint-cli.v8")), "run npm run build first (npm test does)").toBe(true);
  scratch = mkdtempSync(join(tmpdir(), "aslint-cache-test-"));
  input = join(scratch, "broken.asl.json");
  writeFileSync(input, DEFINITION);
  bare = install(false);
  const plain = runIn(bare, { ASLINT_NO_CACHE: "1" });
  expected = { stdout: plain.stdout, status: plain.status };
  expect(expected.status).toBe(1);
  expect(JSON.parse(expected.stdout).results[0].result).toBe("FAIL");
});

describe("the code cache: written and used", () => {
  it("a first run writes the cache atomically, private to the user; the next run uses it", () => {
    const home = newHome();
    const first = runIn(bare, { XDG_CACHE_HOME: home });
    expectSameOutput(first);
    const dir = join(home, "aslint");
    const files = readdirSync(dir);
    expect(files).toEqual([`cli-${files[0].slice(4, 12)}-${NODE_TAG}.v8`]);
    expect(first.notes).toContain(`wrote ${join(dir, files[0])}`);
    if (posix) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, files[0])).mode & 0o777).toBe(0o600);
    }
    const second = runIn(bare, { XDG_CACHE_HOME: home });
    expectSameOutput(second);
    expect(second.notes).toContain(`used ${join(dir, files[0])}`);
    expect(second.notes.some((n) => n.startsWith("wrote"))).toBe(false);
  });

  it("the build's cache serves the first run on a machine with an empty cache directory", () => {
    const built = install(true);
    const home = newHome();
    const r = runIn(built, { XDG_CACHE_HOME: home });
    expectSameOutput(r);
    expect(r.notes).toContain(`used ${join(built, "aslint-cli.v8")}`);
    // nothing to write: the user's cache is for when the build's does not fit (another Node.js)
    expect(existsSync(join(home, "aslint"))).toBe(false);
  });

  it("ASLINT_NO_CACHE=1 neither reads nor writes a cache", () => {
    const home = newHome();
    const r = runIn(install(true), { XDG_CACHE_HOME: home, ASLINT_NO_CACHE: "1" });
    expectSameOutput(r);
    expect(r.notes).toEqual([]);
    expect(existsSync(join(home, "aslint"))).toBe(false);
  });

  it("the cache holds the linter even when the run that wrote it did not lint", () => {
    // V8 caches only compiled functions: without the warm-up (src/cli/warm-up.ts), a cache written
    // by `--version` held about half of what one written by a lint holds
    const cacheSize = (args: string[]) => {
      const home = newHome();
      runIn(bare, { XDG_CACHE_HOME: home }, args);
      const [name] = readdirSync(join(home, "aslint"));
      return statSync(join(home, "aslint", name)).size;
    };
    expect(cacheSize(["--version"])).toBeGreaterThan(0.9 * cacheSize([input]));
  });

  it("keeps one file per install and Node.js, and removes the ones it replaces", () => {
    const home = newHome();
    const cache = join(home, "aslint");
    const first = runIn(bare, { XDG_CACHE_HOME: home }, ["--version"]);
    expect(first.status).toBe(0);
    const [name] = readdirSync(cache);
    const slot = name.slice(0, -".v8".length);
    // what a new build of this install finds: its cache under an older name, other installs'
    // caches (one in use, one not written for 40 days), a temporary file a crash left, a file
    // not ours
    const old = (file: string, days: number) => {
      writeFileSync(join(cache, file), "x");
      const t = new Date(Date.now() - days * 24 * 3600 * 1000);
      utimesSync(join(cache, file), t, t);
    };
    unlinkSync(join(cache, name));
    old(`${slot}-1-1.v8`, 0);
    old(`cli-00000000-${NODE_TAG}.v8`, 0);
    old(`cli-11111111-${NODE_TAG}.v8`, 40);
    old(`cli-v18.0.0-x64-1-1.v8`, 40);
    old(`${slot}.v8.123.tmp`, 2);
    old("notes.txt", 40);
    expect(runIn(bare, { XDG_CACHE_HOME: home }, ["--version"]).stdout).toBe(first.stdout);
    expect(readdirSync(cache).sort()).toEqual([name, `cli-00000000-${NODE_TAG}.v8`, "notes.txt"].sort());
  });
});

describe("the code cache: anything else in its place means a run without it", () => {
  /** A private cache directory holding a valid cache of `bare`; returns the cache file. */
  function validCache(): { home: string; file: string } {
    const home = newHome();
    runIn(bare, { XDG_CACHE_HOME: home });
    const [name] = readdirSync(join(home, "aslint"));
    return { home, file: join(home, "aslint", name) };
  }

  it("a corrupted cache gives the same output as none, and is replaced by a good one", () => {
    const { home, file } = validCache();
    const good = readFileSync(file);
    for (let seed = 1; seed <= 12; seed++) {
      writeFileSync(file, good);
      flipBits(file, seed);
      const r = runIn(bare, { XDG_CACHE_HOME: home });
      expectSameOutput(r);
      expect(r.notes.some((n) => n.startsWith(`skipped ${file}: `)), `seed ${seed}: ${r.notes.join("; ")}`).toBe(true);
      expect(r.notes, `seed ${seed}`).toContain(`wrote ${file}`);
      // the rewritten file is whole again: the next run uses it
      expect(runIn(bare, { XDG_CACHE_HOME: home }).notes, `seed ${seed}`).toContain(`used ${file}`);
    }
  });

  it("a truncated cache, an empty one, one from another bundle: passed over", () => {
    const { home, file } = validCache();
    const good = readFileSync(file);
    const cases: [Buffer, string][] = [
      [good.subarray(0, good.length >> 1), "checksum mismatch"],
      [good.subarray(0, 40), "40 bytes"],
      [Buffer.alloc(0), "0 bytes"],
      [Buffer.concat([Buffer.from("not a cache, at all. "), good.subarray(21)]), "not an aslint cache"],
    ];
    for (const [bytes, why] of cases) {
      writeFileSync(file, bytes);
      const r = runIn(bare, { XDG_CACHE_HOME: home });
      expectSameOutput(r);
      expect(r.notes).toContain(`skipped ${file}: ${why}`);
    }
    // another build of the same install: the same file name, a cache V8 would take by its own
    // checks (they look at the source's length only), made from other code
    const other = install(false);
    appendFileSync(join(other, "aslint-cli.cjs"), "\n// another build\n");
    const otherHome = newHome();
    runIn(other, { XDG_CACHE_HOME: otherHome });
    const otherFile = join(otherHome, "aslint", readdirSync(join(otherHome, "aslint"))[0]);
    writeFileSync(otherFile, good);
    const r = runIn(other, { XDG_CACHE_HOME: otherHome });
    expect(r.status).toBe(expected.status);
    expect(r.notes).toContain(`skipped ${otherFile}: made from another bundle or V8`);
  });

  it.skipIf(!posix)("a FIFO, a link to /dev/zero, a link to a good cache, a directory: no hang, the same output", () => {
    for (const kind of ["fifo", "dev-zero", "link-to-cache", "directory"]) {
      const { home, file } = validCache();
      const copy = join(home, "elsewhere.v8");
      copyFileSync(file, copy);
      unlinkSync(file);
      if (kind === "fifo") expect(spawnSync("mkfifo", [file]).status).toBe(0);
      else if (kind === "dev-zero") symlinkSync("/dev/zero", file);
      else if (kind === "link-to-cache") symlinkSync(copy, file);
      else mkdirSync(file);
      const r = runIn(bare, { XDG_CACHE_HOME: home });
      expectSameOutput(r);
      const skipped = r.notes.find((n) => n.startsWith(`skipped ${file}: `));
      expect(skipped, `${kind}: ${r.notes.join("; ")}`).toBe(`skipped ${file}: ${kind === "fifo" || kind === "directory" ? "not a regular file" : "ELOOP"}`);
      // the rename replaces a FIFO or a link by a regular file (a directory stays, and is passed over)
      if (kind !== "directory") {
        expect(r.notes).toContain(`wrote ${file}`);
        expect(lstatSync(file).isFile()).toBe(true);
      }
    }
  });

  it.skipIf(!posix)("a cache file others may write, or another user's, is passed over", () => {
    const { home, file } = validCache();
    chmodSync(file, 0o666);
    expect(runIn(bare, { XDG_CACHE_HOME: home }).notes).toContain(`skipped ${file}: writable by others`);
    if (isRoot) {
      const other = validCache();
      chownSync(other.file, 65534, 65534);
      expect(runIn(bare, { XDG_CACHE_HOME: other.home }).notes).toContain(`skipped ${other.file}: owned by uid 65534`);
    }
  });

  it.skipIf(!posix)("a cache directory open to others, or a link to a directory, is neither read nor written", () => {
    const { home, file } = validCache();
    const dir = join(home, "aslint");
    const writtenAt = statSync(file).mtimeMs;
    chmodSync(dir, 0o755);
    const open = runIn(bare, { XDG_CACHE_HOME: home });
    expectSameOutput(open);
    expect(open.notes).toContain(`skipped ${dir}: mode 755, not 700`);
    expect(open.notes).toContain(`not written: ${dir}: mode 755, not 700`);
    expect(statSync(file).mtimeMs).toBe(writtenAt);

    const linked = newHome();
    symlinkSync(validCache().home + "/aslint", join(linked, "aslint"));
    const r = runIn(bare, { XDG_CACHE_HOME: linked });
    expectSameOutput(r);
    expect(r.notes).toContain(`skipped ${join(linked, "aslint")}: not a directory`);
  });

  it("XDG_CACHE_HOME=/proc/self, a file, a missing parent: no hang, the same output", () => {
    const notDir = join(scratch, "a-file");
    writeFileSync(notDir, "");
    for (const home of ["/proc/self", notDir, join(scratch, "no", "such", "dir")]) {
      const r = runIn(bare, { XDG_CACHE_HOME: home });
      expectSameOutput(r);
      expect(r.notes.some((n) => n.startsWith("not written: ")), `${home}: ${r.notes.join("; ")}`).toBe(true);
    }
  });

  it.skipIf(!posix)("the fallback under os.tmpdir() (no usable home): only a directory of the user's own, mode 0700", () => {
    const tmp = mkdtempSync(join(scratch, "tmp-"));
    chmodSync(tmp, 0o1777);
    const uid = process.getuid!();
    const fallback = join(tmp, `aslint-${uid}`);
    // a relative HOME and no XDG_CACHE_HOME: the cache goes to TMPDIR/aslint-<uid>
    const env = { XDG_CACHE_HOME: "", HOME: "relative", TMPDIR: tmp };
    const first = runIn(bare, env);
    expectSameOutput(first);
    expect(first.notes.find((n) => n.startsWith("wrote "))).toMatch(new RegExp(`^wrote ${fallback}/cli-`));
    expect(statSync(fallback).mode & 0o777).toBe(0o700);
    expect(runIn(bare, env).notes.some((n) => n.startsWith(`used ${fallback}/`))).toBe(true);

    // another local user made the directory first, and planted a cache in it
    if (isRoot) {
      chownSync(fallback, 65534, 65534);
      const planted = runIn(bare, env);
      expectSameOutput(planted);
      expect(planted.notes).toContain(`skipped ${fallback}: owned by uid 65534`);
      expect(planted.notes).toContain(`not written: ${fallback}: owned by uid 65534`);
      chownSync(fallback, uid, process.getgid!());
    }
    // (without root, another owner cannot be arranged; a directory open to everyone shows the same check)
    chmodSync(fallback, 0o777);
    const shared = runIn(bare, env);
    expectSameOutput(shared);
    expect(shared.notes).toContain(`skipped ${fallback}: mode 777, not 700`);
  });

  it("a corrupted build cache is passed over, and the user's cache takes its place", () => {
    const built = install(true);
    const buildFile = join(built, "aslint-cli.v8");
    flipBits(buildFile, 7);
    const home = newHome();
    const r = runIn(built, { XDG_CACHE_HOME: home });
    expectSameOutput(r);
    expect(r.notes).toContain(`skipped ${buildFile}: checksum mismatch`);
    expect(r.notes.some((n) => n.startsWith(`wrote ${join(home, "aslint")}/`))).toBe(true);
    // from then on the user's cache serves, before the build's is even read
    const next = runIn(built, { XDG_CACHE_HOME: home });
    expect(next.notes.some((n) => n.startsWith(`used ${join(home, "aslint")}/`))).toBe(true);
  });
});
