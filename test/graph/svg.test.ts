/**
 * The SVG of each example: well-formed XML, self-contained, every state drawn once, every
 * transition drawn between the right two shapes, faults with their class and tooltip.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleDefinitions, root } from "./examples.js";
import type { Element } from "@xmldom/xmldom";
import { parseSvg } from "./xml.js";
import { describe, expect, it } from "vitest";
import { graphOf, toSvg, GraphTooLarge, type Graph } from "../../src/graph/index.js";
import { generateDefinition } from "../../bench/generate.mjs";



function elements(root: Element, tag: string): Element[] {
  return Array.from(root.getElementsByTagName(tag)) as Element[];
}
const classes = (e: Element) => (e.getAttribute("class") ?? "").split(/\s+/);
const childrenOf = (e: Element) => Array.from(e.childNodes).filter((c): c is Element => c.nodeType === 1) as Element[];
const titleOf = (e: Element) => childrenOf(e).find((c) => c.tagName === "title")?.textContent ?? "";

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The bounding box of a state's drawn shape (a container's frame). */
function boxOf(g: Element): Box {
  const shape = childrenOf(g).find((c) => classes(c).includes(classes(g).includes("container") ? "frame" : "shape"))!;
  const num = (name: string) => Number(shape.getAttribute(name));
  if (shape.tagName === "rect") return { x1: num("x"), y1: num("y"), x2: num("x") + num("width"), y2: num("y") + num("height") };
  if (shape.tagName === "ellipse") return { x1: num("cx") - num("rx"), y1: num("cy") - num("ry"), x2: num("cx") + num("rx"), y2: num("cy") + num("ry") };
  const points = shape.getAttribute("points")!.split(" ").map((p) => p.split(",").map(Number));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
}

const near = (p: number[], b: Box, tolerance = 3) => p[0] >= b.x1 - tolerance && p[0] <= b.x2 + tolerance && p[1] >= b.y1 - tolerance && p[1] <= b.y2 + tolerance;

function checkPicture(graph: Graph, svg: string) {
  const doc = parseSvg(svg);
  expect(doc.tagName).toBe("svg");
  expect(doc.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
  // self-contained: no script, no link, no font or image from elsewhere
  expect(svg).not.toMatch(/<script|href=|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

  const groups = elements(doc, "g");
  const byId = new Map(groups.map((g) => [g.getAttribute("id"), g]));
  const stateGroups = groups.filter((g) => classes(g).includes("state"));
  const states = graph.nodes.filter((n) => n.kind === "state");
  // every state once, with its location
  expect(stateGroups.map((g) => g.getAttribute("data-location")).sort()).toEqual(states.map((s) => s.location).sort());
  for (const s of states) {
    const g = byId.get(s.id)!;
    expect(g, s.name).toBeDefined();
    expect(g.getAttribute("data-name")).toBe(s.name);
    const box = boxOf(g);
    expect(box.x2 - box.x1, s.name).toBeGreaterThan(0);
    expect(box.y2 - box.y1, s.name).toBeGreaterThan(0);
  }
  // every transition once, from its source's shape to its target's
  const edgeGroups = groups.filter((g) => classes(g).includes("edge"));
  expect(edgeGroups).toHaveLength(graph.edges.length);
  for (const e of graph.edges) {
    const g = byId.get(e.id)!;
    expect(g.getAttribute("data-from")).toBe(e.from.id);
    expect(g.getAttribute("data-to")).toBe(e.to.id);
    expect(classes(g)).toContain(e.kind.toLowerCase());
    const d = childrenOf(g).find((c) => c.tagName === "path")!.getAttribute("d")!;
    const start = /^M([\d.-]+),([\d.-]+)/.exec(d)!.slice(1).map(Number);
    const tip = childrenOf(g).find((c) => c.tagName === "polygon")!.getAttribute("points")!.split(" ")[0].split(",").map(Number);
    const what = `${e.from.name} → ${e.to.name} (${e.kind})`;
    expect(near(start, boxOf(byId.get(e.from.id)!)), `${what} starts at its source`).toBe(true);
    expect(near(tip, boxOf(byId.get(e.to.id)!)), `${what} ends at its target`).toBe(true);
  }
  // faults: their class and their messages in the tooltip
  for (const item of [...graph.nodes, ...graph.edges]) {
    const g = byId.get(item.id);
    if (!g) continue;
    if (item.faults.length === 0) {
      expect(classes(g)).not.toContain("fault");
      continue;
    }
    const worst = item.faults.some((f) => f.severity === "ERROR") ? "error" : item.faults.some((f) => f.severity === "WARNING") ? "warning" : "info";
    expect(classes(g)).toContain("fault");
    expect(classes(g)).toContain(`fault-${worst}`);
    for (const f of item.faults) expect(titleOf(g)).toContain(f.message);
  }
  return { doc, byId };
}

describe("SVG", () => {
  for (const file of exampleDefinitions()) {
    it(`draws ${file}`, async () => {
      const graph = graphOf(readFileSync(join(root, file), "utf8"), { filename: file })!;
      checkPicture(graph, await toSvg(graph, { title: file }));
    });
  }

  it("marks errors red and warnings amber, greys unreachable states and draws the ghost of a missing state", async () => {
    const text = readFileSync(join(root, "examples/common-mistakes.asl.json"), "utf8");
    const graph = graphOf(text, { filename: "common-mistakes.asl.json" })!;
    const { byId } = checkPicture(graph, await toSvg(graph, { idPrefix: "p-" }).then((s) => s.replace(/id="p-/g, 'id="').replace(/data-(from|to)="p-/g, 'data-$1="')));
    const cleanup = graph.nodes.find((n) => n.name === "Cleanup")!;
    expect(classes(byId.get(cleanup.id)!)).toEqual(expect.arrayContaining(["state", "unreachable", "fault", "fault-error"]));
    expect(titleOf(byId.get(cleanup.id)!)).toContain("cannot be reached from StartAt");
    const ghost = graph.nodes.find((n) => n.kind === "ghost")!;
    expect(classes(byId.get(ghost.id)!)).toEqual(expect.arrayContaining(["ghost", "fault-error"]));
    expect(titleOf(byId.get(ghost.id)!)).toContain('"Procss": no such state in this scope');
    const fetch = graph.nodes.find((n) => n.name === "Fetch")!;
    expect(classes(byId.get(fetch.id)!)).not.toContain("unreachable");
  });

  it("stays well-formed whatever the state names hold", async () => {
    const names = ['Quote "it" <b> & </b>', "Tab\there\u0001bell", "]]> <!-- x -->", "emoji 🚀 \ud800 lone", "a/b[0]"];
    const states: Record<string, unknown> = {};
    names.forEach((name, i) => (states[name] = i < names.length - 1 ? { Type: "Pass", Next: names[i + 1] } : { Type: "Succeed" }));
    const graph = graphOf(JSON.stringify({ StartAt: names[0], States: states }))!;
    const doc = parseSvg(await toSvg(graph));
    const drawn = elements(doc, "g").filter((g) => classes(g).includes("state")).map((g) => g.getAttribute("data-name"));
    // (an XML parser reads a tab in an attribute as a space)
    expect(drawn).toEqual([names[0], "Tab here\ufffdbell", names[2], "emoji 🚀 \ufffd lone", names[4]]);
  });

  it("prefixes every id, so that several pictures share a page", async () => {
    const graph = graphOf(readFileSync(join(root, "examples/order-processing.asl.json"), "utf8"))!;
    const doc = parseSvg(await toSvg(graph, { idPrefix: "f3-" }));
    const ids = elements(doc, "g").map((g) => g.getAttribute("id")).filter(Boolean);
    expect(ids.length).toBeGreaterThan(graph.nodes.length);
    for (const id of ids) expect(id).toMatch(/^f3-/);
  });

  it("refuses a picture too large to lay out, with a message, and stops a layout past its deadline", async () => {
    const huge = graphOf(generateDefinition({ states: 4000 }).text)!;
    await expect(toSvg(huge)).rejects.toThrow(GraphTooLarge);
    await expect(toSvg(huge)).rejects.toThrow(/too large to draw as SVG: [\d,]+ states and transitions \(at most 6,000\)\. Use --format dot or --format mermaid/);
    // a dense machine whose layout takes dot minutes: stopped at the deadline
    const states: Record<string, unknown> = {};
    let seed = 7;
    const pick = () => `S${(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 300}`;
    for (let i = 0; i < 300; i++) {
      states[`S${i}`] = { Type: "Choice", Choices: [0, 1].map((k) => ({ Variable: "$.x", NumericEquals: k, Next: pick() })), Default: i < 299 ? `S${i + 1}` : "Done" };
    }
    states.Done = { Type: "Succeed" };
    const dense = graphOf(JSON.stringify({ StartAt: "S0", States: states }))!;
    const began = Date.now();
    await expect(toSvg(dense, { timeoutMs: 300 })).rejects.toThrow(/too large to lay out as SVG within 0\.3 s/);
    expect(Date.now() - began).toBeLessThan(5000);
    // and the engine works again afterwards
    const small = graphOf(readFileSync(join(root, "examples/order-processing.asl.json"), "utf8"))!;
    expect(await toSvg(small)).toContain("<svg");
    // a layout waiting while another one passes its deadline is laid out all the same
    const [late, waiting] = await Promise.allSettled([toSvg(dense, { timeoutMs: 300 }), toSvg(small)]);
    expect(late.status === "rejected" && late.reason).toBeInstanceOf(GraphTooLarge);
    expect(waiting.status === "fulfilled" ? waiting.value : String((waiting as PromiseRejectedResult).reason)).toContain("<svg");
  });
});
