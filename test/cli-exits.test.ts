// Honest exits: a path that cannot be read is reported with what is wrong, the other files are
// still linted and printed, and the run exits 2; nothing named on the command line hangs the run;
// the summary and the exit status follow every ERROR; file names reach the terminal escaped.
import { describe, expect, it, beforeAll } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runCli } from "./helpers.js";

const root = join(__dirname, "..");
const bin = join(root, "dist", "aslint.cjs");
const posix = process.platform !== "win32";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const NOBODY = 65534;

const VALID = '{ "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }\n';
// one ERROR, at 3:50 (a Next to a state that does not exist)
const BROKEN = '{\n  "StartAt": "First",\n  "States": { "First": { "Type": "Pass", "Next": "Nowhere" } }\n}\n';
const NOW = ["--now", "2024-05-06T09:00:00Z"];
const describeOutput = (extra: Record<string, unknown>) =>
  JSON.stringify({
    executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e",
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    status: "FAILED",
    startDate: "2024-05-01T10:00:00Z",
    ...extra,
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "aslint-exits-"));
  // readable by the user the permission tests run as
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "ok.asl.json"), VALID);
  writeFileSync(join(dir, "broken.asl.json"), BROKEN);
  writeFileSync(join(dir, "redrivable.json"), describeOutput({ stopDate: "2024-05-05T10:00:00Z" }));
  writeFileSync(join(dir, "stop-1e308.json"), describeOutput({ stopDate: 1e308 }));
  writeFileSync(join(dir, "stop-year-275760.json"), describeOutput({ stopDate: "+275760-09-13T00:00:00.000Z" }));
  writeFileSync(join(dir, "stop-far.json"), describeOutput({ stopDate: "9999-12-31T00:00:00Z" }));
  writeFileSync(join(dir, "start.json"), JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", input: "{}" }));
});

/** Runs the built binary with a time limit: a hang fails the test instead of stalling it. */
function runBin(args: string[], options: { uid?: number; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? dir,
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: "1", ASLINT_NO_CACHE: "1" },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  expect(r.error, "the run hung or could not start").toBeUndefined();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("paths that cannot be read", () => {
  it("a missing file is reported, and the other files are still linted and printed (exit 2)", async () => {
    const r = await runCli(["broken.asl.json", "missing.asl.json", "ok.asl.json"], { cwd: dir });
    expect(r.stderr).toBe('aslint: Cannot read "missing.asl.json": no such file or directory.\n');
    expect(r.stdout).toContain("broken.asl.json:3:50  error");
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("✖ 1 problem (1 error, 0 warnings) in 2 files; 1 FAIL, 1 OK; 1 path could not be read");
    expect(r.code).toBe(2);
    // the machine formats carry the files that were read
    const json = await runCli(["--format", "json", "missing.asl.json", "ok.asl.json"], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).results.map((x: { file: string }) => x.file)).toEqual(["ok.asl.json"]);
  });

  it("with nothing else to lint, the summary does not say OK", async () => {
    const r = await runCli(["missing.asl.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("✖ 1 path could not be read; 0 files checked\n");
  });

  it.skipIf(!posix)("a symbolic link loop and a path through a file say so, not 'no such file'", async () => {
    const sub = mkdtempSync(join(dir, "links-"));
    symlinkSync(join(sub, "b.asl.json"), join(sub, "a.asl.json"));
    symlinkSync(join(sub, "a.asl.json"), join(sub, "b.asl.json"));
    const r = await runCli([join(sub, "a.asl.json"), "ok.asl.json/inner.asl.json", "ok.asl.json"], { cwd: dir });
    expect(r.stderr).toBe(
      `aslint: Cannot read "${join(sub, "a.asl.json")}": too many levels of symbolic links (a symbolic link loop?).\n` +
        'aslint: Cannot read "ok.asl.json/inner.asl.json": a part of the path is not a directory.\n',
    );
    expect(r.stdout).toBe("✖ 2 paths could not be read; 1 file checked: OK\n");
    expect(r.code).toBe(2);
  });

  it.skipIf(!posix)("a FIFO or a device named on the command line is refused, not read: no hang", () => {
    const sub = mkdtempSync(join(dir, "fifo-"));
    const fifo = join(sub, "pipe.asl.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const r = runBin([fifo, "/dev/zero", "ok.asl.json"]);
    expect(r.stderr).toBe(`aslint: Cannot read "${fifo}": not a regular file: a FIFO (named pipe).\naslint: Cannot read "/dev/zero": not a regular file: a character device.\n`);
    expect(r.stdout).toBe("✖ 2 paths could not be read; 1 file checked: OK\n");
    expect(r.code).toBe(2);
    // the same for the request and redrive commands
    const req = runBin(["request", "--api", "StartExecution", fifo, "start.json"]);
    expect(req.stderr).toBe(`aslint: Cannot read "${fifo}": not a regular file: a FIFO (named pipe).\n`);
    expect(req.stdout).toContain("0 FAIL, 1 OK; 1 path could not be read");
    expect(req.code).toBe(2);
    const redrive = runBin(["redrive", "--history", fifo, "redrivable.json", ...NOW]);
    expect(redrive.stderr).toBe(`aslint: Cannot read "${fifo}": not a regular file: a FIFO (named pipe).\n`);
    expect(redrive.code).toBe(2);
    // and a configuration file
    const config = runBin(["--config", fifo, "ok.asl.json"]);
    expect(config.stderr.split("\n")[0]).toBe(`aslint: Cannot read config "${fifo}": not a regular file: a FIFO (named pipe).`);
    expect(config.code).toBe(2);
  });

  it("a file name that is not UTF-8 is reported, and the others are linted", async () => {
    const sub = mkdtempSync(join(dir, "names-"));
    writeFileSync(Buffer.concat([Buffer.from(join(sub, "bad-")), Buffer.from([0xff, 0xfe]), Buffer.from(".asl.json")]), VALID);
    writeFileSync(join(sub, "good.asl.json"), BROKEN);
    const r = await runCli([sub], { cwd: dir });
    if (process.platform === "darwin") return; // APFS refuses such names
    expect(r.stderr).toMatch(/^aslint: Cannot read ".*bad-\uFFFD\uFFFD\.asl\.json": no such file or directory \(its name may not be valid UTF-8, which Node\.js cannot open\)\.\n$/);
    expect(r.stdout).toContain("good.asl.json:3:50  error");
    expect(r.code).toBe(2);
  });

  // Root reads any file whatever its mode: as root, the binary runs as nobody (uid 65534) so that
  // the modes apply; where that is not allowed, the test is skipped with the reason.
  it.skipIf(!posix)("permission denied: a file, a directory, a path under a closed directory; the rest is linted", (ctx) => {
    const sub = mkdtempSync(join(dir, "perm-"));
    chmodSync(sub, 0o755);
    writeFileSync(join(sub, "ok.asl.json"), VALID);
    writeFileSync(join(sub, "secret.asl.json"), BROKEN);
    chmodSync(join(sub, "secret.asl.json"), 0o000);
    mkdirSync(join(sub, "closed"));
    writeFileSync(join(sub, "closed", "inner.asl.json"), BROKEN);
    chmodSync(join(sub, "closed"), 0o000);
    mkdirSync(join(sub, "tree", "noperm"), { recursive: true });
    writeFileSync(join(sub, "tree", "broken.asl.json"), BROKEN);
    writeFileSync(join(sub, "tree", "noperm", "hidden.asl.json"), BROKEN);
    chmodSync(join(sub, "tree", "noperm"), 0o000);
    const uid = isRoot ? NOBODY : undefined;
    const probe = spawnSync(process.execPath, ["-e", "0"], { ...(uid !== undefined ? { uid, gid: uid } : {}) });
    if (probe.error) ctx.skip(`running as root and cannot run a process as uid ${NOBODY} (${probe.error.message}): file modes do not apply to root`);

    const files = runBin(["secret.asl.json", "closed/inner.asl.json", "ok.asl.json"], { uid, cwd: sub });
    expect(files.stderr).toBe('aslint: Cannot read "closed/inner.asl.json": permission denied.\naslint: Cannot read "secret.asl.json": permission denied.\n');
    expect(files.stdout).toBe("✖ 2 paths could not be read; 1 file checked: OK\n");
    expect(files.code).toBe(2);

    // a directory that cannot be listed is not "0 files checked: OK"
    const walk = runBin(["tree"], { uid, cwd: sub });
    expect(walk.stderr).toBe('aslint: Cannot read the directory "tree/noperm": permission denied.\n');
    expect(walk.stdout).toContain("tree/broken.asl.json:3:50  error");
    expect(walk.stdout.trimEnd().split("\n").pop()).toBe("✖ 1 problem (1 error, 0 warnings) in 1 file; 1 FAIL, 0 OK; 1 path could not be read");
    expect(walk.code).toBe(2);
    const alone = runBin(["tree/noperm"], { uid, cwd: sub });
    expect(alone.stdout).toBe("✖ 1 path could not be read; 0 files checked\n");
    expect(alone.code).toBe(2);
  });
});

describe("file names reach the terminal escaped", () => {
  it.skipIf(!posix)("stylish: escape sequences and newlines in a file name, raw control characters in a code frame", async () => {
    const sub = mkdtempSync(join(dir, "escape-"));
    const name = "evil\x1b]0;owned\x07\x1b[2J\nforged.asl.json";
    writeFileSync(join(sub, name), BROKEN);
    // a raw ESC inside a JSON string: invalid JSON, shown in the code frame
    writeFileSync(join(sub, "raw.asl.json"), '{"StartAt": "A\x1b[31m", "States": {}}\n');
    const r = await runCli([sub, join(sub, "missing\x1b[31m.asl.json")], { cwd: sub });
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stdout).toContain("evil\\x1b]0;owned\\x07\\x1b[2J\\nforged.asl.json:3:50  error");
    expect(r.stdout).toContain('{"StartAt": "A␛[31m", "States": {}}');
    expect(r.stderr).toContain('missing\\x1b[31m.asl.json"');
    expect(r.code).toBe(2);
  });

  it("redrive: the verdict line escapes the file name", async () => {
    const sub = mkdtempSync(join(dir, "escape-redrive-"));
    writeFileSync(join(sub, "exec\x1b[8m.json"), describeOutput({ stopDate: "2024-05-05T10:00:00Z" }));
    const r = await runCli(["redrive", "exec\x1b[8m.json", ...NOW], { cwd: sub });
    expect(r.stdout).not.toContain("\x1b");
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("exec\\x1b[8m.json: REDRIVABLE");
    expect(r.code).toBe(0);
  });
});

describe("the summary and the exit status follow every ERROR", () => {
  it('redrive: a stopDate of 1e308 is an error in the input, not a stack trace', async () => {
    const r = await runCli(["redrive", "stop-1e308.json", ...NOW], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('stop-1e308.json:1:208  error  stopDate is not a time');
    expect(r.stdout).not.toContain("REDRIVABLE:");
    expect(r.stdout.trimEnd().split("\n").slice(-2)).toEqual(["✖ 1 problem (1 error, 0 warnings) in 1 file; 1 FAIL, 0 OK", "stop-1e308.json: UNKNOWN (Not judged: the input has an error.)"]);
    expect(r.code).toBe(1);
  });

  it("redrive: a stopDate beyond what a date holds is not REDRIVABLE, and exits 1", async () => {
    const r = await runCli(["redrive", "--format", "json", "stop-year-275760.json", ...NOW], { cwd: dir });
    const [result] = JSON.parse(r.stdout).results;
    expect(result).toMatchObject({ result: "FAIL", redriveStatus: "UNKNOWN", redriveStatusReason: "Not judged: the input has an error." });
    expect(result.diagnostics.map((d: { severity: string; location: string }) => [d.severity, d.location])).toEqual([["ERROR", "/stopDate"]]);
    expect(r.code).toBe(1);
    const stylish = await runCli(["redrive", "stop-year-275760.json", ...NOW], { cwd: dir });
    expect(stylish.stdout).toContain("1 FAIL, 0 OK");
    expect(stylish.code).toBe(1);
  });

  it("redrive: a stopDate far ahead but a real date is still judged", async () => {
    const r = await runCli(["redrive", "stop-far.json", ...NOW], { cwd: dir });
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("stop-far.json: REDRIVABLE");
    expect(r.code).toBe(0);
  });

  it("redrive: any other ERROR in the input (an ARN that is not an execution's) turns REDRIVABLE into UNKNOWN", async () => {
    const sub = mkdtempSync(join(dir, "arn-"));
    writeFileSync(join(sub, "d.json"), describeOutput({ executionArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", stopDate: "2024-05-05T10:00:00Z" }));
    const r = await runCli(["redrive", "--format", "json", "d.json", ...NOW], { cwd: sub });
    const [result] = JSON.parse(r.stdout).results;
    expect(result.diagnostics.some((d: { severity: string }) => d.severity === "ERROR")).toBe(true);
    expect(result).toMatchObject({ result: "FAIL", redriveStatus: "UNKNOWN" });
    expect(r.code).toBe(1);
  });

  it("redrive and request: an unreadable file is reported and the others still checked (exit 2)", async () => {
    const redrive = await runCli(["redrive", "missing.json", "redrivable.json", ...NOW], { cwd: dir });
    expect(redrive.stderr).toBe('aslint: Cannot read "missing.json": no such file or directory.\n');
    expect(redrive.stdout.trimEnd().split("\n").pop()).toBe("redrivable.json: REDRIVABLE");
    expect(redrive.stdout).toContain("1 path could not be read");
    expect(redrive.code).toBe(2);
    const request = await runCli(["request", "--api", "StartExecution", "missing.json", "start.json"], { cwd: dir });
    expect(request.stderr).toBe('aslint: Cannot read "missing.json": no such file or directory.\n');
    expect(request.stdout.trimEnd().split("\n").pop()).toBe("✖ 1 problem (0 errors, 0 warnings, 1 info) in 1 file; 0 FAIL, 1 OK; 1 path could not be read");
    expect(request.code).toBe(2);
  });
});
