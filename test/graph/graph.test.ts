/** The picture's model: states, clusters, transitions, and where each diagnostic lands. */
import { describe, expect, it } from "vitest";
import { graphOf, type Graph, type GraphNode } from "../../src/graph/index.js";
import type { Diagnostic } from "../../src/diagnostic.js";

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
function diag(location: string, severity: Diagnostic["severity"] = "ERROR", rule = "some-rule"): Diagnostic {
  return { rule, code: "X", severity, message: `at ${location}`, location, range: RANGE };
}

const node = (g: Graph, name: string): GraphNode => {
  const found = g.nodes.filter((n) => n.name === name);
  expect(found, name).toHaveLength(1);
  return found[0];
};
const edgesFrom = (g: Graph, name: string) =>
  g.edges.filter((e) => e.from.name === name).map((e) => `${e.kind}:${e.to.name}${e.label ? `[${e.fullLabel ?? e.label}]` : ""}`);

const PARALLEL = JSON.stringify({
  StartAt: "Check",
  States: {
    Check: {
      Type: "Choice",
      Choices: [
        { Variable: "$.total", NumericGreaterThan: 100, Next: "Fan out" },
        { And: [{ Variable: "$.a", StringEquals: "x" }, { Not: { Variable: "$.b", IsPresent: true } }], Next: "Each" },
      ],
      Default: "Done",
    },
    "Fan out": {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } } },
        { StartAt: "C", States: { C: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } },
      ],
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }, { ErrorEquals: ["X"] }],
      Catch: [{ ErrorEquals: ["States.Timeout", "Custom.Error"], Next: "Done" }],
      Next: "Done",
    },
    Each: {
      Type: "Map",
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Inner", States: { Inner: { Type: "Succeed" } } },
      End: true,
    },
    Done: { Type: "Succeed" },
  },
});

describe("graphOf", () => {
  it("draws states as nodes shaped by type, Parallel branches and Map processors as clusters", () => {
    const g = graphOf(PARALLEL)!;
    expect(g.stateCount).toBe(8);
    const fan = node(g, "Fan out");
    expect(fan.holds?.kind).toBe("parallel");
    expect(fan.holds?.clusters.map((c) => [c.label, c.nodes.map((n) => n.name)])).toEqual([
      ["Branch 1", ["A", "B"]],
      ["Branch 2", ["C"]],
    ]);
    const each = node(g, "Each");
    expect(each.holds?.kind).toBe("map");
    expect(each.distributed).toBe(true);
    expect(each.detail).toBe("Distributed Map");
    expect(each.holds?.nodes.map((n) => n.name)).toEqual(["Each", "Inner"]);
    expect(node(g, "C").detail).toBe("Task · lambda:invoke");
    expect(node(g, "Check").detail).toBe("");
    // the root holds the start, the end, the plain states and the containers
    expect(g.root.nodes.map((n) => n.name)).toEqual(["Start", "Check", "Done", "End"]);
    expect(g.root.clusters.map((c) => c.owner?.name)).toEqual(["Fan out", "Each"]);
  });

  it("labels transitions: Choice rules by their condition, Catch by its errors, Default, and a Retry badge", () => {
    const g = graphOf(PARALLEL)!;
    expect(edgesFrom(g, "Start")).toEqual(["StartAt:Check"]);
    expect(edgesFrom(g, "Check")).toEqual([
      "Choice:Fan out[$.total > 100]",
      'Choice:Each[$.a == "x" and not ($.b is present)]',
      "Default:Done[Default]",
    ]);
    expect(edgesFrom(g, "Fan out")).toEqual(["Next:Done", "Catch:Done[States.Timeout, Custom.Error]", "StartAt:A", "StartAt:C"]);
    expect(edgesFrom(g, "Done")).toEqual(["End:End"]);
    expect(edgesFrom(g, "Each")).toEqual(["StartAt:Inner", "End:End"]);
    expect(node(g, "Fan out").retry?.badge).toBe("↻2+3");
    expect(node(g, "Fan out").retry?.title).toContain("Retry States.ALL: 2 attempts");
  });

  it("abbreviates long conditions and keeps them whole for the tooltip; reads JSONata conditions", () => {
    const text = JSON.stringify({
      QueryLanguage: "JSONata",
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Condition: "{% $states.input.order.total > 100 and $states.input.order.express = true %}", Next: "D" }], Default: "D" },
        D: { Type: "Succeed" },
      },
    });
    const e = graphOf(text)!.edges.find((x) => x.kind === "Choice")!;
    expect(e.label).toBe("$states.input.order.total > 100…");
    expect(e.fullLabel).toBe("$states.input.order.total > 100 and $states.input.order.express = true");
  });

  it("ends a transition to a missing state at a ghost in the same scope, and marks both with the fault", () => {
    const text = `{
  "StartAt": "Fetch",
  "States": {
    "Fetch": { "Type": "Pass", "Next": "Procss" },
    "Process": { "Type": "Succeed" }
  }
}`;
    const g = graphOf(text, { filename: "x.asl.json" })!;
    const ghost = g.nodes.find((n) => n.kind === "ghost")!;
    expect(ghost.name).toBe("Procss");
    const edge = g.edges.find((e) => e.from.name === "Fetch")!;
    expect(edge.to).toBe(ghost);
    expect(edge.faults.map((f) => f.rule)).toContain("missing-transition-target");
    expect(ghost.faults.map((f) => f.rule)).toContain("missing-transition-target");
    const index = g.diagnostics.findIndex((d) => d.rule === "missing-transition-target");
    expect(g.targets[index]).toEqual([edge.id, ghost.id]);
    expect(node(g, "Process").unreachable).toBe(true);
    expect(node(g, "Fetch").unreachable).toBe(false);
  });

  it("greys every state inside an unreachable container", () => {
    const text = JSON.stringify({
      StartAt: "A",
      States: {
        A: { Type: "Succeed" },
        M: { Type: "Map", ItemProcessor: { StartAt: "In", States: { In: { Type: "Pass", End: true } } }, End: true },
      },
    });
    const g = graphOf(text)!;
    expect(node(g, "M").unreachable).toBe(true);
    expect(node(g, "In").unreachable).toBe(true);
    expect(node(g, "A").unreachable).toBe(false);
  });

  it("places each diagnostic on the state or transition its location names", () => {
    const text = JSON.stringify({
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.x", IsNull: false, Next: "a/b" }], Default: "a/b" },
        "a/b": { Type: "Parallel", Branches: [{ StartAt: "In", States: { In: { Type: "Pass", End: true } } }], End: true },
      },
    });
    const diagnostics = [
      diag("/States/C/Choices[0]/Variable", "WARNING"),
      diag("/States/C/Default"),
      diag("/States/a/b/Branches[0]/States/In/End", "INFO"),
      diag("/States/a/b/ResultPath"),
      diag("/TimeoutSeconds"),
      diag("/StartAt"),
    ];
    const g = graphOf(text, { diagnostics })!;
    const choice = g.edges.find((e) => e.kind === "Choice")!;
    const fallback = g.edges.find((e) => e.kind === "Default")!;
    const start = g.nodes.find((n) => n.kind === "start")!;
    const startEdge = g.edges.find((e) => e.kind === "StartAt" && e.from === start)!;
    expect(g.targets).toEqual([[choice.id], [fallback.id], [node(g, "In").id], [node(g, "a/b").id], [start.id], [startEdge.id]]);
    expect(choice.faults.map((f) => f.severity)).toEqual(["WARNING"]);
    expect(node(g, "In").faults[0].message).toBe("at /States/a/b/Branches[0]/States/In/End");
    // the diagnostics given are the ones drawn: the definition is not linted again
    expect(g.diagnostics).toBe(diagnostics);
  });

  it("finds no picture in what is not a state machine", () => {
    expect(graphOf('{"input": "{}", "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x"}')).toBeUndefined();
    expect(graphOf("[1, 2]")).toBeUndefined();
    expect(graphOf("StartAt: A\nStates:\n  A: [", { filename: "x.asl.yaml" })).toBeUndefined();
  });
});
