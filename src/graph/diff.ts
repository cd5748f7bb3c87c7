/**
 * The picture of a change: the new machine, with its states and transitions marked added or
 * changed, and what the change removed drawn back in, marked removed, where it was. States are
 * matched by location (scope and name): a renamed state is one removed and one added.
 */
import { buildMachine, type Edge, type Machine, type State } from "../model/index.js";
import { get, isObject, locationOf, parseDocumentText, pathOf, toValue } from "../parse/index.js";
import { detailOf, graphOf, isDistributed, transitionLabel, type Change, type Cluster, type Graph, type GraphEdgeKind, type GraphNode, type GraphOptions } from "./graph.js";

export interface DiffOptions extends GraphOptions {
  /** File name of the old text (picks JSON or YAML). Defaults to `filename`. */
  oldFilename?: string;
}

function machineOf(text: string, filename: string | undefined): Machine | undefined {
  const doc = parseDocumentText(text, filename);
  if (doc.syntax === "yaml" && doc.problems.some((p) => p.rule === "invalid-yaml")) return undefined;
  return doc.root?.type === "object" ? buildMachine(doc.root) : undefined;
}

const locationOfState = (s: State) => locationOf(pathOf(s.node));

/** What a state says, without the states inside it (those are compared on their own). */
function signature(state: State): string {
  const value = toValue(state.node);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const bare = (scope: unknown) => (scope && typeof scope === "object" && !Array.isArray(scope) ? { ...(scope as object), States: undefined } : scope);
    if (Array.isArray(v.Branches)) v.Branches = v.Branches.map(bare);
    if (v.ItemProcessor !== undefined) v.ItemProcessor = bare(v.ItemProcessor);
    if (v.Iterator !== undefined) v.Iterator = bare(v.Iterator);
  }
  return JSON.stringify(value);
}

interface Transition {
  key: string;
  label?: string;
  from: string;
  /** Location of the target state, when it exists. */
  to?: string;
  kind: GraphEdgeKind;
  target: string;
}

/** A transition by where it leaves from, its kind and the name it goes to. */
function transitionsOf(machine: Machine): Transition[] {
  const out: Transition[] = [];
  for (const e of machine.edges) {
    const from = e.from ? locationOfState(e.from) : e.scope.owner ? locationOfState(e.scope.owner) : "/";
    out.push({ key: `${from}\u0000${e.kind}\u0000${e.target}`, label: transitionLabel(e as Edge).full, from, to: e.to ? locationOfState(e.to) : undefined, kind: e.kind, target: e.target });
  }
  for (const s of machine.top.states) if (s.terminal) out.push({ key: `${locationOfState(s)}\u0000End\u0000`, from: locationOfState(s), kind: "End", target: "End" });
  return out;
}

/**
 * The picture of `newText` with the changes from `oldText` marked. Undefined when the new text
 * holds no state machine; an old text that holds none counts as an empty machine.
 */
export function diffGraph(oldText: string, newText: string, options: DiffOptions = {}): Graph | undefined {
  const graph = graphOf(newText, options);
  const now = machineOf(newText, options.filename);
  if (!graph || !now) return undefined;
  const before = machineOf(oldText, options.oldFilename ?? options.filename);
  const oldStates = new Map<string, State>();
  if (before && isObject(get(before.root, "States"))) for (const s of before.states) if (!oldStates.has(locationOfState(s))) oldStates.set(locationOfState(s), s);
  const newStates = new Map<string, State>();
  for (const s of now.states) if (!newStates.has(locationOfState(s))) newStates.set(locationOfState(s), s);

  const changes: Record<Change, number> = { added: 0, removed: 0, changed: 0 };
  const byLocation = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (node.kind !== "state" || !node.location) continue;
    byLocation.set(node.location, node);
    const old = oldStates.get(node.location);
    const current = newStates.get(node.location);
    if (!old) node.change = "added";
    else if (current && signature(old) !== signature(current)) node.change = "changed";
    if (node.change) changes[node.change]++;
  }
  byLocation.set("/", graph.nodes.find((n) => n.kind === "start")!);

  // removed states, drawn in the scope they were in (a removed container as one box)
  let removedCount = 0;
  for (const [location, old] of oldStates) {
    if (newStates.has(location)) continue;
    const owner = old.scope.owner;
    if (owner && !newStates.has(locationOfState(owner))) continue; // inside a removed container: not drawn on its own
    let cluster: Cluster | undefined = graph.root;
    if (owner) {
      const holder = byLocation.get(locationOfState(owner))?.holds;
      // a removed branch's states are drawn in the Parallel itself
      cluster = holder?.kind === "parallel" ? (holder.clusters[old.scope.branchIndex ?? 0] ?? holder) : holder;
    }
    changes.removed++;
    if (!cluster) continue;
    const node: GraphNode = {
      id: `r${removedCount++}`,
      kind: "state",
      name: old.name,
      type: old.type,
      detail: detailOf(old, old.type === "Map" && isDistributed(old)),
      location,
      cluster,
      unreachable: false,
      faults: [],
      change: "removed",
    };
    cluster.nodes.push(node);
    graph.nodes.push(node);
    byLocation.set(location, node);
  }

  // transitions: new ones added, ones with a new label changed, old ones drawn back in as removed
  const oldTransitions = new Map<string, Transition>();
  if (before) for (const t of transitionsOf(before)) oldTransitions.set(t.key, t);
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const key = `${edge.from.location ?? ""}\u0000${edge.kind}\u0000${edge.kind === "End" ? "" : edge.to.name}`;
    seen.add(key);
    const old = oldTransitions.get(key);
    if (!old) edge.change = "added";
    else if ((old.label ?? "") !== (edge.fullLabel ?? edge.label ?? "") && edge.kind !== "Default") edge.change = "changed";
  }
  const end = graph.nodes.find((n) => n.kind === "end");
  for (const [key, t] of oldTransitions) {
    if (seen.has(key)) continue;
    const from = byLocation.get(t.from);
    const to = t.kind === "End" ? end : t.to !== undefined ? byLocation.get(t.to) : undefined;
    if (!from || !to) continue;
    graph.edges.push({ id: `e${graph.edges.length}`, kind: t.kind, from, to, label: t.label, faults: [], change: "removed" });
  }
  graph.changes = changes;
  return graph;
}
