/** The picture of a change: what was added, changed and removed, on the new machine. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffGraph, toMermaid, type Graph } from "../../src/graph/index.js";

const OLD = readFileSync(join(__dirname, "..", "..", "examples", "order-processing.asl.json"), "utf8");

/** The example, changed: a Retry changed, a state added before the Parallel, its second branch removed, a new end. */
function changed(): string {
  const d = JSON.parse(OLD);
  const s = d.States;
  s["Validate order"].Retry[0].MaxAttempts = 5;
  s["Is it valid?"].Choices[0].Next = "Check stock";
  s["Check stock"] = { Type: "Pass", Next: "Charge and reserve" };
  s["Charge and reserve"].Branches.pop();
  s["Notify customer"].Next = "Done";
  delete s["Notify customer"].End;
  s.Done = { Type: "Succeed" };
  return JSON.stringify(d, null, 2);
}

const marks = (g: Graph) => Object.fromEntries(g.nodes.filter((n) => n.change).map((n) => [n.name, n.change]));
const edgeMarks = (g: Graph) => g.edges.filter((e) => e.change).map((e) => `${e.change} ${e.from.name} -${e.kind}-> ${e.to.name}`);

describe("diffGraph", () => {
  it("marks added, changed and removed states and transitions", () => {
    const g = diffGraph(OLD, changed())!;
    expect(marks(g)).toEqual({
      "Validate order": "changed",
      "Is it valid?": "changed",
      "Charge and reserve": "changed",
      "Notify customer": "changed",
      "Check stock": "added",
      Done: "added",
      "Reserve stock": "removed",
    });
    expect(g.changes).toEqual({ added: 2, removed: 1, changed: 4 });
    expect(edgeMarks(g).sort()).toEqual(
      [
        "added Is it valid? -Choice-> Check stock",
        "added Check stock -Next-> Charge and reserve",
        "added Notify customer -Next-> Done",
        "added Done -End-> End",
        "removed Is it valid? -Choice-> Charge and reserve",
        "removed Notify customer -End-> End",
        "removed Charge and reserve -StartAt-> Reserve stock",
      ].sort(),
    );
    // the removed branch's state is drawn in the Parallel it was in
    const removed = g.nodes.find((n) => n.name === "Reserve stock")!;
    expect(removed.cluster).toBe(g.nodes.find((n) => n.name === "Charge and reserve")!.holds);
    expect(removed.location).toBe("/States/Charge and reserve/Branches[1]/States/Reserve stock");
  });

  it("draws the change in Mermaid with its classes and coloured transitions", () => {
    const text = toMermaid(diffGraph(OLD, changed())!);
    expect(text).toContain("%% changes: 2 added, 1 removed, 4 changed");
    expect(text).toMatch(/class [\w,]*s_n6[\w,]* added/);
    expect(text).toMatch(/class [\w,]*s_r0[\w,]* removed/);
    expect(text).toMatch(/s_n1 -\.->\|"\$\.validation\.order\.vali…"\| s_n2/);
    expect(text).toContain("stroke:#cf222e");
  });

  it("shows nothing changed between equal texts, however formatted", () => {
    const g = diffGraph(OLD, JSON.stringify(JSON.parse(OLD)))!;
    expect(marks(g)).toEqual({});
    expect(edgeMarks(g)).toEqual([]);
    expect(g.changes).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it("sees a renamed state as one removed and one added, and a Choice condition change on its transition", () => {
    const d = JSON.parse(OLD);
    d.States["Order refused"] = d.States["Order rejected"];
    delete d.States["Order rejected"];
    d.States["Validate order"].Catch[0].Next = "Order refused";
    d.States["Is it valid?"].Default = "Order refused";
    d.States["Is it valid?"].Choices[0].BooleanEquals = false;
    const g = diffGraph(OLD, JSON.stringify(d))!;
    expect(marks(g)).toMatchObject({ "Order refused": "added", "Order rejected": "removed" });
    const choice = g.edges.find((e) => e.kind === "Choice" && !e.change);
    expect(choice).toBeUndefined();
    expect(edgeMarks(g)).toContain("changed Is it valid? -Choice-> Charge and reserve");
  });

  it("takes an old text that holds no machine for an empty one, and a new one that holds none for no picture", () => {
    const g = diffGraph("", OLD)!;
    expect(Object.values(marks(g)).every((m) => m === "added")).toBe(true);
    expect(Object.keys(marks(g))).toHaveLength(g.stateCount);
    expect(diffGraph(OLD, "[]")).toBeUndefined();
  });
});
