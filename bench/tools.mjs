// The tools under test, behind one small interface:
//   load() -> { lint(entry) -> result | Promise<result>, async, verdict(result) }
// An entry is `{ filename, text, jsonText }`: aslint lints `text` (JSON or YAML, as the
// file is written); the anchors get `jsonText` (YAML converted beforehand, untimed).
// Each tool runs in its own child process (see worker.mjs); load() is called once there.
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { basename, join } from "node:path";
import { ROOT } from "./corpus.mjs";

const require = createRequire(join(ROOT, "package.json"));

export const TOOLS = {
  aslint: {
    label: "aslint",
    /** The whole library (sources, lintSource, lint), from the run's snapshot of dist/. */
    library() {
      return require(join(process.env.ASLINT_BENCH_DIST ?? join(ROOT, "dist"), "index.cjs"));
    },
    load() {
      // run.mjs points this at its snapshot of dist/ (one build per run)
      const { lint } = require(join(process.env.ASLINT_BENCH_DIST ?? join(ROOT, "dist"), "index.cjs"));
      return {
        async: false,
        lint: (e) => lint(e.text, { filename: e.filename, type: "STANDARD" }),
        verdict(r) {
          const count = (s) => r.diagnostics.filter((d) => d.severity === s).length;
          return {
            ok: r.result === "OK",
            errors: count("ERROR"),
            warnings: count("WARNING"),
            infos: count("INFO"),
            errorSamples: r.diagnostics.filter((d) => d.severity === "ERROR").slice(0, 5).map((d) => `${d.rule}: ${d.message} @ ${d.location ?? ""}`),
          };
        },
      };
    },
  },
  "asl-validator": {
    label: "asl-validator (per call)",
    load() {
      const validator = require("asl-validator");
      return anchorValidator(validator);
    },
  },
  "asl-validator-prebuilt": {
    label: "asl-validator (schemas once)",
    load() {
      const validator = require(join(ROOT, "bench", "anchors", "asl-validator-prebuilt.cjs"));
      return anchorValidator(validator);
    },
  },
  asls: {
    label: "amazon-states-language-service",
    load() {
      const asls = require("amazon-states-language-service");
      // one service per process, as an editor host creates it
      const service = asls.getLanguageService({});
      let version = 0;
      return {
        async: true,
        lint(e) {
          const doc = asls.TextDocument.create(`file:///bench/${basename(e.filename)}`, "asl", ++version, e.jsonText);
          return service.doValidation(doc, service.parseJSONDocument(doc));
        },
        verdict(diags) {
          const errors = diags.filter((d) => d.severity === 1);
          return { ok: errors.length === 0, errors: errors.length, warnings: diags.length - errors.length, errorSamples: errors.slice(0, 5).map((d) => d.message) };
        },
      };
    },
  },
};

// asl-validator as users call it: parse the JSON, then validator(definition). The parse is
// inside the timing (aslint and the language service parse the text themselves too).
function anchorValidator(validator) {
  return {
    async: false,
    lint(e) {
      try {
        return validator(JSON.parse(e.jsonText));
      } catch (err) {
        return { thrown: String(err && err.message ? err.message : err).slice(0, 200) };
      }
    },
    verdict(r) {
      if (r.thrown) return { ok: false, thrown: r.thrown, errors: 1 };
      const text = r.errors.map((x) => `${x["Error code"]}: ${x.Message}`);
      return { ok: r.isValid, errors: r.errors.length, digest: createHash("sha1").update(text.join("\n")).digest("hex").slice(0, 12), errorSamples: text.slice(0, 5) };
    },
  };
}

export const TOOL_NAMES = Object.keys(TOOLS);
