/**
 * The VS Code extension (editors/vscode): no VS Code runs here, so it is tested by what it
 * declares and by its package. Its settings are the language server's; `.aslintrc.json` is
 * checked against the shipped schema; the `.vsix` that `npm run package` (@vscode/vsce) makes
 * holds the client, this build's language server and the schema. The server itself is tested
 * by test/server/. CI (.ci/run) packages the extension before the tests: there a missing .vsix
 * fails; elsewhere the package checks are skipped with a message.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { DEFAULT_SETTINGS } from "../server/settings.js";

const ROOT = join(__dirname, "..");
const EXT = join(ROOT, "editors", "vscode");
const manifest = JSON.parse(readFileSync(join(EXT, "package.json"), "utf8"));
const VSIX = join(EXT, "aslint-vscode.vsix");

/** The files of a zip archive (stored or deflated), by name. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive");
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const data = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(data, data + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

describe("editors/vscode: what the extension declares", () => {
  it("its settings are the language server's settings", () => {
    const keys = Object.keys(manifest.contributes.configuration.properties);
    expect(keys.filter((k) => k !== "aslint.trace.server").sort()).toEqual(Object.keys(DEFAULT_SETTINGS).concat("type").map((k) => `aslint.${k}`).sort());
    const props = manifest.contributes.configuration.properties;
    expect(props["aslint.debounce"].default).toBe(DEFAULT_SETTINGS.debounce);
    expect(props["aslint.configFile"].default).toBe(DEFAULT_SETTINGS.configFile);
    expect(props["aslint.type"].enum).toEqual(["STANDARD", "EXPRESS", null]);
    expect(props["aslint.rules"].additionalProperties.enum).toEqual(["off", "info", "warn", "error"]);
  });

  it("registers the .aslintrc.json schema, starts on JSON and YAML documents, runs the bundled server", () => {
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: [".aslintrc.json"], url: "./schemas/aslintrc.schema.json" }]);
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(["onLanguage:json", "onLanguage:yaml"]));
    expect(manifest.main).toBe("./dist/extension.js");
    expect(readFileSync(join(EXT, "src", "extension.ts"), "utf8")).toContain('context.asAbsolutePath("server/aslint-language-server.cjs")');
    // its own package.json and lockfile
    expect(existsSync(join(EXT, "package-lock.json"))).toBe(true);
    expect(manifest.dependencies).toEqual({ "vscode-languageclient": expect.any(String) });
  });
});

describe("editors/vscode: the packaged .vsix", () => {
  if (!existsSync(VSIX)) {
    const why = "editors/vscode/aslint-vscode.vsix is missing (cd editors/vscode && npm ci && npm run package)";
    if (process.env.CI) {
      it("is packaged", () => {
        throw new Error(`${why}. CI must package it.`);
      });
    } else {
      console.warn(`SKIPPED .vsix checks: ${why}.`);
      it.skip(`(skipped: ${why})`, () => undefined);
    }
    return;
  }

  it("holds the client, this build's language server and the config schema", () => {
    const files = unzip(readFileSync(VSIX));
    expect([...files.keys()].sort()).toEqual(
      ["[Content_Types].xml", "extension.vsixmanifest", "extension/LICENSE.txt", "extension/package.json", "extension/readme.md", "extension/dist/extension.js", "extension/server/aslint-language-server.cjs", "extension/schemas/aslintrc.schema.json"].sort(),
    );
    expect(files.get("extension/server/aslint-language-server.cjs")!.equals(readFileSync(join(ROOT, "dist", "aslint-language-server.cjs")))).toBe(true);
    expect(files.get("extension/schemas/aslintrc.schema.json")!.toString()).toBe(readFileSync(join(ROOT, "schemas", "aslintrc.schema.json"), "utf8"));
    const client = files.get("extension/dist/extension.js")!.toString();
    expect(client).toContain("server/aslint-language-server.cjs");
    expect(client).not.toMatch(/require\("vscode-languageclient/);
    expect(JSON.parse(files.get("extension/package.json")!.toString()).contributes).toEqual(manifest.contributes);
    expect(files.get("extension.vsixmanifest")!.toString()).toContain(`Version="${manifest.version}"`);
  });
});
