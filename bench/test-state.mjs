// The offline TestState answer for one state, in-process and warm: median time per answer, and
// its ratio to a lint of the same state as a one-state machine (the bar: as fast as a
// lint, well under 10 ms). Run by bench/run.mjs (BENCH_ONLY=test-state), on the build snapshot.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { ROOT } from "./corpus.mjs";
import { summarize } from "./stats.mjs";

const REQUESTS = [
  ["JSONPath Task (mocked, DEBUG)", JSON.parse(readFileSync(join(ROOT, "examples", "run", "test-state-request.json"), "utf8"))],
  [
    "JSONata Task with Catch (mocked error, TRACE)",
    {
      definition: JSON.stringify({
        Type: "Task",
        QueryLanguage: "JSONata",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: "f", Payload: "{% $states.input.items[price > 10] %}" },
        Catch: [{ ErrorEquals: ["States.ALL"], Output: "{% $states.errorOutput %}", Next: "Handle" }],
        End: true,
      }),
      input: JSON.stringify({ items: [{ price: 5 }, { price: 50 }] }),
      inspectionLevel: "TRACE",
      mock: { errorOutput: { error: "Boom", cause: "mocked" } },
    },
  ],
  [
    "JSONPath Choice (DEBUG)",
    {
      definition: JSON.stringify({ Type: "Choice", Choices: [{ And: [{ Variable: "$.value", NumericGreaterThanEquals: 20 }, { Variable: "$.value", NumericLessThan: 30 }], Next: "In" }], Default: "Out" }),
      input: '{"value": 22}',
      inspectionLevel: "DEBUG",
    },
  ],
];

export async function measureTestState(dist, log, { runs = 400 } = {}) {
  const lib = createRequire(import.meta.url)(join(dist, "index.cjs"));
  const out = {};
  for (const [label, request] of REQUESTS) {
    const machine = JSON.stringify({ StartAt: "S", States: { S: JSON.parse(request.definition) } });
    for (let i = 0; i < 100; i++) {
      await lib.testState(request);
      lib.lint(machine);
    }
    const answer = [];
    const lint = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const r = await lib.testState(request);
      answer.push(performance.now() - t);
      if (!r.ok) throw new Error(`test-state bench: ${label}: ${JSON.stringify(r.error)}`);
      t = performance.now();
      lib.lint(machine);
      lint.push(performance.now() - t);
    }
    const a = summarize(answer);
    const l = summarize(lint);
    out[label] = { answer: a, lint: l, ratioToLint: a.median / l.median };
    log(`  test-state ${label}: ${a.median.toFixed(3)} ms an answer (lint of the state ${l.median.toFixed(3)} ms)`);
  }
  return out;
}
