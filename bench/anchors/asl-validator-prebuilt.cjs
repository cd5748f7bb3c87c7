// asl-validator 4.0.0 with its JSON Schemas compiled once.
//
// asl-validator's public API (`validator(definition, opts)`) constructs a new Ajv instance
// and compiles its schemas on every call; it offers no way to reuse them. This shim changes
// nothing in asl-validator: it hands the Ajv module that asl-validator loads a constructor
// that returns one shared instance for the same set of schemas, so Ajv's own cache of
// compiled schemas (getSchema) is reused from the second call on. asl-validator re-adds its
// formats and keywords on the shared instance on every call: formats are replaced, and a
// keyword that is already defined is kept.
//
// Assumes every call passes the same validator options (the benchmark does): the formats
// compiled into the shared validator are those of the first call. Load this module only in
// a process that measures this variant (the benchmark runs each tool in its own child
// process): it changes Ajv for asl-validator in the whole process.
"use strict";
const { createRequire } = require("node:module");

const entry = require.resolve("asl-validator");
const fromSchemaCheck = createRequire(createRequire(entry).resolve("./checks/json-schema-errors"));
const ajvModule = fromSchemaCheck("ajv");
const Ajv = ajvModule.default;

const shared = new Map();
function SharedAjv(options = {}) {
  const key = JSON.stringify({ ...options, schemas: (options.schemas ?? []).map((s) => s.$id) });
  let instance = shared.get(key);
  if (!instance) {
    instance = new Ajv(options);
    // plugins such as ajv-formats add keywords on every call: a keyword already there stays
    const addKeyword = instance.addKeyword.bind(instance);
    instance.addKeyword = (definition, ...rest) => {
      const names = [].concat(typeof definition === "string" ? definition : definition.keyword);
      return names.every((n) => instance.getKeyword(n)) ? instance : addKeyword(definition, ...rest);
    };
    shared.set(key, instance);
  }
  return instance; // returned from a constructor: `new SharedAjv(...)` yields the shared instance
}
SharedAjv.prototype = Ajv.prototype;
// asl-validator reads `require("ajv").default` at call time
ajvModule.default = SharedAjv;

/** Same signature and result as asl-validator's default export. */
module.exports = require("asl-validator");
