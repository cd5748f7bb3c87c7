// The external corpus (../shared/corpus from the project root): every JSON and YAML
// definition, with a JSON rendering for the anchors (which only take JSON). The YAML
// conversion happens here, before any timing.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CORPUS_DIR = process.env.BENCH_CORPUS ? join(process.cwd(), process.env.BENCH_CORPUS) : join(ROOT, "..", "shared", "corpus");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * `{ rel, filename, text, jsonText, yaml }` for each definition. `text` is the file as
 * written (what aslint lints); `jsonText` is what the anchors get: the file itself for
 * JSON, `JSON.stringify(YAML.parse(text), null, 2)` (YAML 1.2) for YAML. `subset` keeps
 * every n-th file (quick runs). The templates folder is left out (see below).
 */
export function loadCorpus({ dir = CORPUS_DIR, every = 1 } = {}) {
  // templates/ holds CloudFormation, SAM, Serverless and Terraform files and their manifest, not
  // definitions: the templates scenario (templates.mjs) reads them as templates
  const templates = join(dir, "templates");
  const files = walk(dir).filter((f) => /\.(json|ya?ml)$/i.test(f) && !f.startsWith(templates + "/"));
  const out = [];
  files.forEach((file, i) => {
    if (i % every !== 0) return;
    const text = readFileSync(file, "utf8");
    const yaml = /\.ya?ml$/i.test(file);
    let jsonText = text;
    if (yaml) {
      try {
        jsonText = JSON.stringify(YAML.parse(text, { version: "1.2" }), null, 2) ?? "";
      } catch {
        jsonText = text; // unparseable YAML: the anchors get it as is and fail on it
      }
    }
    out.push({ rel: relative(dir, file), filename: file, text, jsonText, yaml });
  });
  return out;
}
