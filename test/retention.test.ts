import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { lintDocument } from "../src/lint.js";
import { scalingDefinition } from "../bench/generate.mjs";

// A full collection on demand (the flag must be set before the function is looked up).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Lints in a frame of its own and keeps only weak references to what the lint built. */
function lintWeakly(text: string): { machine: WeakRef<object>; root: WeakRef<object> } {
  const out = lintDocument(text, { filename: "retention.asl.json" });
  expect(out.result).toBeDefined();
  return { machine: new WeakRef(out.machine!), root: new WeakRef(out.doc.root!) };
}

describe("what a lint leaves behind", () => {
  // The editor lints every open document on each change: a module that kept the last machine
  // (or a node of it: every node reaches the whole tree through `parent`) would hold a whole
  // document per cache, up to 1 MB of text as tens of thousands of objects.
  it("keeps no reference to the document or the model once the lint returns", async () => {
    const { text } = scalingDefinition("states-100");
    const refs = lintWeakly(text);
    // weak references stay alive until the current job ends
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(refs.machine.deref()).toBeUndefined();
    expect(refs.root.deref()).toBeUndefined();
  });
});
