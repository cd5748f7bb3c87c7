/**
 * The picture of one definition, before it is drawn: every state as a node, every transition as
 * an edge, each Parallel and Map state as a cluster holding its branches or item processor, and
 * the linter's diagnostics placed on the node or edge they concern. The drawings (DOT, Mermaid,
 * SVG) only present this; the diff marks it.
 */
import { lintDocument, type LintOptions } from "../lint.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { buildMachine, reachableStates, type Edge, type Machine, type Scope, type State } from "../model/index.js";
import { get, isArray, isObject, locationOf, parseDocumentText, pathOf, stringValue, type Node } from "../parse/index.js";
import { RETRY_DEFAULTS } from "../aws/limits.js";

export type Change = "added" | "removed" | "changed";

/** A diagnostic as the picture shows it, with its position in the list it came from. */
export interface Fault {
  severity: Severity;
  rule: string;
  message: string;
  location: string;
  /** Position of the diagnostic in `Graph.diagnostics`. */
  index: number;
}

/** state: a state of the definition; ghost: a missing state a transition names; start/end: the machine's. */
export type NodeKind = "state" | "ghost" | "start" | "end";

export interface GraphNode {
  /** Unique in the picture, safe in DOT, Mermaid and XML ids: `n3`, `g0`, `start`, `end`. */
  id: string;
  kind: NodeKind;
  name: string;
  /** The state's `Type`, as written. */
  type?: string;
  /** The second line of the box: the type and, for a Task, what it calls. Empty for Choice, start, end. */
  detail: string;
  /** AWS's slash location of the state (`/States/Fan out/Branches[0]/States/Charge`). */
  location?: string;
  /** The cluster the node sits in. */
  cluster: Cluster;
  /** For Parallel and Map states: the cluster the state is drawn as (its branches or processor inside). */
  holds?: Cluster;
  /** Distributed Map. */
  distributed?: boolean;
  /** Retry badge (`↻3`, `↻3+2`) and what each retrier does. */
  retry?: { badge: string; title: string };
  /** No path from the scope's StartAt (or inside a container that has none). */
  unreachable: boolean;
  faults: Fault[];
  change?: Change;
}

/** root: the whole machine; parallel, map: a state drawn as a container; branch: one Parallel branch. */
export type ClusterKind = "root" | "parallel" | "map" | "branch";

export interface Cluster {
  id: string;
  kind: ClusterKind;
  /** `Branch 1` for a branch; empty otherwise (a container shows its state's name in its header node). */
  label: string;
  /** The Parallel or Map state's node, drawn as this cluster's header. */
  owner?: GraphNode;
  parent?: Cluster;
  /** Nodes directly inside (for a container, its header node first). */
  nodes: GraphNode[];
  clusters: Cluster[];
}

export type GraphEdgeKind = "StartAt" | "Next" | "Default" | "Choice" | "Catch" | "End";

export interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  from: GraphNode;
  to: GraphNode;
  /** Abbreviated: a Choice rule's condition, a Catch's error names, `Default`. */
  label?: string;
  /** The label in full, when abbreviated. */
  fullLabel?: string;
  /** Location of the field that makes the transition (`/States/A/Next`, `/States/C/Choices[0]`). */
  location?: string;
  faults: Fault[];
  change?: Change;
}

export interface Graph {
  root: Cluster;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The diagnostics the faults come from. */
  diagnostics: readonly Diagnostic[];
  /** Ids of the nodes and edges each diagnostic is drawn on, by its position in `diagnostics`. */
  targets: string[][];
  /** States in the definition (every level). */
  stateCount: number;
  /** Set by a diff: how many states were added, removed and changed. */
  changes?: Record<Change, number>;
}

export interface GraphOptions extends LintOptions {
  /**
   * The diagnostics to draw (the ones a report shows, with its settings). Without them the
   * definition is linted with the options given.
   */
  diagnostics?: readonly Diagnostic[];
}

/**
 * The picture of one definition's text: undefined when the text holds no state machine (not an
 * object with `States`, or YAML the parser could not read). One definition, one picture: a
 * template's state machines are each drawn from their own definition text.
 */
export function graphOf(text: string, options: GraphOptions = {}): Graph | undefined {
  let machine: Machine | undefined;
  let diagnostics: readonly Diagnostic[];
  if (options.diagnostics) {
    const doc = parseDocumentText(text, options.filename);
    // as the linter does: YAML that failed to parse is not guessed at
    const broken = doc.syntax === "yaml" && doc.problems.some((p) => p.rule === "invalid-yaml");
    machine = doc.root?.type === "object" && !broken ? buildMachine(doc.root) : undefined;
    diagnostics = options.diagnostics;
  } else {
    const out = lintDocument(text, options);
    machine = out.machine;
    diagnostics = out.diagnostics;
  }
  if (!machine || !isObject(get(machine.root, "States"))) return undefined;
  return graphOfMachine(machine, diagnostics);
}

/** The picture of a model, with the diagnostics placed on it. */
export function graphOfMachine(machine: Machine, diagnostics: readonly Diagnostic[]): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const root: Cluster = { id: "root", kind: "root", label: "", nodes: [], clusters: [] };
  const addNode = (cluster: Cluster, node: Omit<GraphNode, "cluster" | "faults" | "unreachable"> & { unreachable?: boolean }): GraphNode => {
    const n: GraphNode = { unreachable: false, ...node, cluster, faults: [] };
    cluster.nodes.push(n);
    nodes.push(n);
    return n;
  };
  const addEdge = (kind: GraphEdgeKind, from: GraphNode, to: GraphNode, extra: Partial<GraphEdge> = {}): GraphEdge => {
    const e: GraphEdge = { id: `e${edges.length}`, kind, from, to, faults: [], ...extra };
    edges.push(e);
    return e;
  };

  const start = addNode(root, { id: "start", kind: "start", name: "Start", detail: "", location: "/" });
  const reached = new Uint8Array(machine.states.length);
  for (const scope of machine.scopes) reachableStates(scope, undefined, reached);

  const clusterOf: Cluster[] = [root];
  const byState: GraphNode[] = [];
  // scopes come parents first, so a scope's cluster exists before its states are placed
  for (const scope of machine.scopes) {
    const cluster = clusterOf[scope.index];
    for (const state of scope.states) {
      const unreachable = !reached[state.index] || (scope.owner !== undefined && byState[scope.owner.index].unreachable);
      const holds = state.type === "Parallel" || state.type === "Map" ? state.children.length > 0 : false;
      let home = cluster;
      let holder: Cluster | undefined;
      if (holds) {
        holder = { id: `c_n${state.index}`, kind: state.type === "Parallel" ? "parallel" : "map", label: "", parent: cluster, nodes: [], clusters: [] };
        cluster.clusters.push(holder);
        home = holder;
      }
      const distributed = state.type === "Map" && isDistributed(state);
      const node = addNode(home, {
        id: `n${state.index}`,
        kind: "state",
        name: state.name,
        type: state.type,
        detail: detailOf(state, distributed),
        location: locationOf(pathOf(state.node)),
        holds: holder,
        distributed: distributed || undefined,
        retry: retryOf(state.node),
        unreachable,
      });
      byState[state.index] = node;
      if (holder) {
        holder.owner = node;
        for (const child of state.children) {
          if (state.type === "Parallel") {
            const branch: Cluster = { id: `c_n${state.index}_${child.branchIndex ?? 0}`, kind: "branch", label: `Branch ${(child.branchIndex ?? 0) + 1}`, parent: holder, nodes: [], clusters: [] };
            holder.clusters.push(branch);
            clusterOf[child.index] = branch;
          } else clusterOf[child.index] = holder;
        }
      }
    }
  }

  // a transition to a name the scope does not have ends at a ghost, one per scope and name
  const ghosts = new Map<string, GraphNode>();
  const ghostFor = (scope: Scope, name: string): GraphNode => {
    const key = `${scope.index}\u0000${name}`;
    let g = ghosts.get(key);
    if (!g) {
      g = addNode(clusterOf[scope.index], { id: `g${ghosts.size}`, kind: "ghost", name, detail: "missing" });
      ghosts.set(key, g);
    }
    return g;
  };
  // where a diagnostic on each state or transition field lands
  const targets = new Map<string, (GraphNode | GraphEdge)[]>();
  const place = (location: string, target: GraphNode | GraphEdge) => {
    const list = targets.get(location);
    if (list) list.push(target);
    else targets.set(location, [target]);
  };
  for (const n of nodes) if (n.kind === "state" && n.location) place(n.location, n);

  for (const edge of machine.edges) {
    const from = edge.from ? byState[edge.from.index] : edge.scope.owner ? byState[edge.scope.owner.index] : start;
    const to = edge.to ? byState[edge.to.index] : ghostFor(edge.scope, edge.target);
    const { label, full } = transitionLabel(edge);
    const e = addEdge(edge.kind, from, to, { label, fullLabel: full !== label ? full : undefined, location: fieldLocation(edge) });
    place(e.location!, e);
  }
  const terminals = machine.top.states.filter((s) => s.terminal);
  if (terminals.length) {
    const end = addNode(root, { id: "end", kind: "end", name: "End", detail: "" });
    for (const s of terminals) addEdge("End", byState[s.index], end);
  }

  for (const n of nodes) if (n.kind === "ghost") n.unreachable = false;
  const graph: Graph = { root, nodes, edges, diagnostics, targets: [], stateCount: machine.states.length };
  placeFaults(graph, targets, start);
  return graph;
}

/** Each diagnostic as a fault on the nodes and edges at its location (the start node when none is), and their ids in `graph.targets`. */
function placeFaults(graph: Graph, targets: Map<string, (GraphNode | GraphEdge)[]>, start: GraphNode): void {
  graph.diagnostics.forEach((d, index) => {
    const fault: Fault = { severity: d.severity, rule: d.rule, message: d.message, location: d.location, index };
    const on = targetsOf(targets, d.location) ?? [start];
    for (const t of on) t.faults.push(fault);
    // a transition's fault also marks where it leads when that is a missing state
    const ids = on.map((t) => t.id);
    for (const t of on) if ("kind" in t && "to" in t && t.to.kind === "ghost" && !ids.includes(t.to.id)) {
      t.to.faults.push(fault);
      ids.push(t.to.id);
    }
    graph.targets.push(ids);
  });
}

/** The targets of the longest known location that `location` starts with (at a `/` or `[` boundary). */
function targetsOf(targets: Map<string, (GraphNode | GraphEdge)[]>, location: string): (GraphNode | GraphEdge)[] | undefined {
  let end = location.length;
  while (end > 0) {
    const hit = targets.get(location.slice(0, end));
    if (hit) return hit;
    // back to the previous segment boundary
    let k = end - 1;
    while (k > 0 && location[k] !== "/" && location[k] !== "[") k--;
    end = k;
  }
  return undefined;
}

/** The field that makes an edge: `Next`, `Default`, `StartAt` themselves; a Choice rule or a catcher as a whole. */
function fieldLocation(edge: Edge): string {
  const path = pathOf(edge.node);
  if (edge.kind === "Choice" || edge.kind === "Catch") path.pop();
  return locationOf(path);
}

const MAX_LABEL = 32;

export function abbreviate(s: string, max = MAX_LABEL): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? one.slice(0, max - 1) + "…" : one;
}

/** An edge's label: a Choice rule's condition, a Catch's error names, `Default`; abbreviated and in full. */
export function transitionLabel(edge: Edge): { label?: string; full?: string } {
  if (edge.kind === "Default") return { label: "Default" };
  const owner = edge.node.parent;
  if (edge.kind === "Choice" && owner) {
    const full = conditionOf(owner);
    return { label: abbreviate(full), full };
  }
  if (edge.kind === "Catch" && owner) {
    const errors = get(owner, "ErrorEquals");
    const names = isArray(errors) ? errors.items.map((i) => stringValue(i) ?? "?") : [];
    const full = names.join(", ") || "Catch";
    return { label: abbreviate(full), full };
  }
  return {};
}

const COMPARISONS: ReadonlyMap<string, string> = new Map([
  ["Equals", "=="],
  ["LessThan", "<"],
  ["GreaterThan", ">"],
  ["LessThanEquals", "<="],
  ["GreaterThanEquals", ">="],
]);
const COMPARISON = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;
const TEST = /^Is(Present|Null|Numeric|String|Boolean|Timestamp)$/;

/** A Choice rule's condition in a short readable form: `$.total > 100`, `$x > 0` (JSONata), `not ($.a == "b")`. */
export function conditionOf(rule: Node): string {
  const condition = stringValue(get(rule, "Condition"));
  if (condition !== undefined) return condition.replace(/^\s*\{%\s*/, "").replace(/\s*%\}\s*$/, "");
  if (!isObject(rule)) return "?";
  for (const p of rule.properties) {
    if ((p.key === "And" || p.key === "Or") && isArray(p)) {
      const parts = p.items.map((i) => conditionOf(i));
      return parts.map((x) => (parts.length > 1 && / (and|or) /.test(x) ? `(${x})` : x)).join(` ${p.key.toLowerCase()} `);
    }
    if (p.key === "Not") return `not (${conditionOf(p)})`;
  }
  const variable = stringValue(get(rule, "Variable")) ?? "?";
  for (const p of rule.properties) {
    const c = COMPARISON.exec(p.key);
    if (c) return `${variable} ${COMPARISONS.get(c[2])} ${valueText(p, c[3] !== undefined)}`;
    if (p.key === "StringMatches") return `${variable} matches ${valueText(p, false)}`;
    const t = TEST.exec(p.key);
    if (t) {
      const what = t[1] === "Present" ? "present" : t[1] === "Null" ? "null" : `a ${t[1].toLowerCase()}`;
      return `${variable} is ${p.value === false ? "not " : ""}${what}`;
    }
  }
  return variable;
}

function valueText(node: Node, isPath: boolean): string {
  if (isPath) return String(node.value ?? "?");
  if (node.type === "string") return JSON.stringify(node.value);
  if (node.type === "object" || node.type === "array") return node.type;
  return String(node.value);
}

export function isDistributed(state: State): boolean {
  const processor = get(state.node, "ItemProcessor");
  return stringValue(get(get(processor, "ProcessorConfig"), "Mode")) === "DISTRIBUTED";
}

/** `Task · lambda:invoke`, `Distributed Map`, `Wait`. */
export function detailOf(state: State, distributed: boolean): string {
  if (state.type === "Choice") return "";
  if (state.type === "Map") return distributed ? "Distributed Map" : "Map";
  if (state.type === "Task") {
    const resource = stringValue(get(state.node, "Resource")) ?? "";
    let service = "";
    if (resource.startsWith("arn:aws:states:::")) service = resource.slice("arn:aws:states:::".length);
    else if (/^arn:aws[\w-]*:lambda:/.test(resource)) service = "lambda";
    else if (/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource)) service = "activity";
    return service ? abbreviate(`Task · ${service}`, 36) : "Task";
  }
  return state.type ?? "(no Type)";
}

/** The Retry badge: the attempts of each retrier (MaxAttempts, 3 when absent). */
function retryOf(node: Node): GraphNode["retry"] {
  const retry = get(node, "Retry");
  if (!isArray(retry) || retry.items.length === 0) return undefined;
  const attempts: string[] = [];
  const lines: string[] = [];
  for (const r of retry.items) {
    const max = get(r, "MaxAttempts");
    const n = max?.type === "number" ? Number(max.value) : RETRY_DEFAULTS.maxAttempts;
    attempts.push(String(n));
    const errors = get(r, "ErrorEquals");
    const names = isArray(errors) ? errors.items.map((i) => stringValue(i) ?? "?").join(", ") : "?";
    const interval = get(r, "IntervalSeconds");
    const backoff = get(r, "BackoffRate");
    const every = interval?.type === "number" ? interval.value : RETRY_DEFAULTS.intervalSeconds;
    const rate = backoff?.type === "number" ? backoff.value : RETRY_DEFAULTS.backoffRate;
    lines.push(`Retry ${names}: ${n} ${n === 1 ? "attempt" : "attempts"}, ${every} s then ×${rate}`);
  }
  return { badge: `↻${attempts.join("+")}`, title: lines.join("\n") };
}
