/**
 * Places the picture with Graphviz's `dot` (compiled to WebAssembly: @viz-js/viz), which lays
 * out nested clusters, edge labels and long edges well. The engine is about 1.4 MB of
 * WebAssembly: it is loaded on the first drawing only (never by a plain lint), from
 * node_modules, not from the CLI bundle.
 *
 * dot runs in a worker thread with a deadline: on dense pictures (hundreds of states whose
 * transitions cross everywhere) it can take minutes, and a drawing must never hang. Past the
 * deadline the worker is stopped and the picture is reported too large to lay out. Layouts take
 * turns in the worker, so that stopping it affects none but the one past its deadline.
 */
import type { Worker } from "node:worker_threads";
import type { Graph } from "./graph.js";
import { toDot } from "./dot.js";

/** Above this many states and transitions together the SVG is not laid out (see `GraphTooLarge`). */
export const MAX_LAYOUT_SIZE = 6000;
/** Above this many nodes, edge labels are placed after the layout. */
const XLABELS_ABOVE = 300;
/** How long a layout may take (loading the engine included), by default. */
export const LAYOUT_TIMEOUT_MS = 10_000;

const count = (n: number) => n.toLocaleString("en-US");

/** Thrown when a picture is too large to lay out, or took too long: DOT and Mermaid still work. */
export class GraphTooLarge extends Error {
  constructor(message: string) {
    super(`${message}. Use --format dot or --format mermaid, which have no limit.`);
  }
}

/** The worker: loads the engine once, then lays out each DOT text it is sent. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
require(workerData.viz).instance().then(
  (viz) => {
    parentPort.on("message", ({ id, dot, options }) => {
      try {
        parentPort.postMessage({ id, result: viz.render(dot, options) });
      } catch (e) {
        // Graphviz aborted (an assertion in its C code): this engine cannot be trusted any more
        parentPort.postMessage({ id, crashed: String((e && e.message) || e) });
        process.exit(1);
      }
    });
    parentPort.postMessage({ ready: true });
  },
  (e) => parentPort.postMessage({ failed: String((e && e.message) || e) }),
);
`;

interface RenderResult {
  status: "success" | "failure";
  output?: string;
  errors: { message: string }[];
}
interface Answer {
  id?: number;
  ready?: boolean;
  failed?: string;
  crashed?: string;
  result?: RenderResult;
}

interface Engine {
  worker: Worker;
  ready: Promise<void>;
  waiting: Map<number, (a: Answer) => void>;
}

let engine: Engine | undefined;
let sequence = 0;

/** Starts the layout engine (a worker thread) ahead of the first layout; harmless to call again. */
export function startLayoutEngine(): void {
  if (engine) return;
  // required here, not at the top: a plain lint (the same bundle) never loads worker_threads
  const { Worker: WorkerThread } = require("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new WorkerThread(WORKER, { eval: true, workerData: { viz: require.resolve("@viz-js/viz") } });
  const waiting = new Map<number, (a: Answer) => void>();
  const current: Engine = { worker, waiting, ready: undefined as unknown as Promise<void> };
  const stop = (why: string) => {
    if (engine === current) engine = undefined;
    for (const answer of waiting.values()) answer({ crashed: why });
    waiting.clear();
  };
  current.ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (a: Answer) => {
      if (a.ready) resolve();
      else if (a.failed !== undefined) {
        reject(new Error(`the layout engine could not start: ${a.failed}`));
        stop(a.failed);
        void worker.terminate();
      } else if (a.id !== undefined) {
        waiting.get(a.id)?.(a);
        waiting.delete(a.id);
      }
    });
    worker.on("error", (e) => {
      reject(new Error(`the layout engine could not start: ${e.message}`));
      stop(e.message);
    });
    worker.on("exit", () => stop("the layout engine stopped"));
  });
  // a failure to start is reported by the layout that waits for it
  current.ready.catch(() => undefined);
  // the worker keeps the process alive only while a layout is waited for (after its listeners:
  // adding a message listener refs the worker again)
  worker.unref();
  engine = current;
}

/** Stops the layout engine (the next layout starts a new one): a command that is done with it. */
export function stopLayoutEngine(): void {
  if (engine) discard(engine);
}

/** Stops an engine; the next layout starts a new one. */
function discard(current: Engine): void {
  if (engine === current) engine = undefined;
  void current.worker.terminate();
}

/** Waits for `promise` until `deadline` (ms since the epoch); undefined when time ran out. */
function until<T>(promise: Promise<T>, deadline: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** The end of the last layout asked for: the next one starts after it. */
let turn: Promise<void> = Promise.resolve();

/**
 * Lays out a DOT text in the worker, or stops the worker at the deadline (undefined). Layouts
 * run one at a time, each with its own deadline from when its turn comes: the worker lays out
 * one picture after the other anyway, and stopping it at one layout's deadline would otherwise
 * fail every other layout waiting in it at that moment (and a layout queued behind a slow one
 * would spend its time waiting).
 */
async function renderDot(dot: string, options: Record<string, unknown>, timeoutMs: number): Promise<RenderResult | undefined> {
  const previous = turn;
  let done!: () => void;
  turn = new Promise<void>((resolve) => (done = resolve));
  try {
    await previous;
    return await renderAlone(dot, options, timeoutMs);
  } finally {
    done();
  }
}

/** One layout, the only one in the worker. */
async function renderAlone(dot: string, options: Record<string, unknown>, timeoutMs: number): Promise<RenderResult | undefined> {
  const deadline = Date.now() + timeoutMs;
  startLayoutEngine();
  const current = engine!;
  current.worker.ref();
  try {
    if ((await until(current.ready.then(() => true), deadline)) === undefined) {
      discard(current);
      return undefined;
    }
    const id = sequence++;
    const answer = new Promise<Answer>((resolve) => current.waiting.set(id, resolve));
    current.worker.postMessage({ id, dot, options });
    const a = await until(answer, deadline);
    if (a === undefined) {
      // still laying out: the only way to stop WebAssembly is to stop its thread
      discard(current);
      return undefined;
    }
    if (a.crashed !== undefined || !a.result) throw new Error(`the layout engine failed: ${a.crashed ?? "no answer"}`);
    return a.result;
  } finally {
    if (current.waiting.size === 0) current.worker.unref();
  }
}

export interface Box {
  /** Left, top (y grows down), width, height, in points. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeGeometry {
  /** Cubic Bézier control points: the start, then three per segment. */
  points: [number, number][];
  /** Where the arrowhead's tip is, when the edge has one. */
  tip?: [number, number];
  label?: [number, number];
}

export interface Layout {
  width: number;
  height: number;
  /** By DOT node name. */
  nodes: Map<string, Box>;
  /** By cluster id. */
  clusters: Map<string, Box & { label?: [number, number] }>;
  /** By edge id. */
  edges: Map<string, EdgeGeometry>;
}

/** Size of a picture for the limit: its nodes and edges. */
export function sizeOf(graph: Graph): number {
  return graph.nodes.length + graph.edges.length;
}

interface GvObject {
  name: string;
  id?: string;
  bb?: string;
  lp?: string;
  pos?: string;
  width?: string;
  height?: string;
  nodes?: number[];
}
interface GvEdge {
  id?: string;
  pos?: string;
  lp?: string;
  xlp?: string;
}

const pair = (s: string): [number, number] => {
  const [x, y] = s.split(",");
  return [Number(x), Number(y)];
};

export interface LayoutOptions {
  /** How long the layout may take, in milliseconds (default LAYOUT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Lays the picture out. Throws GraphTooLarge above the size limit or past the deadline. */
export async function layOut(graph: Graph, options: LayoutOptions = {}): Promise<Layout> {
  const size = sizeOf(graph);
  if (size > MAX_LAYOUT_SIZE) throw new GraphTooLarge(`too large to draw as SVG: ${count(size)} states and transitions (at most ${count(MAX_LAYOUT_SIZE)})`);
  // Edge labels are laid out with the picture up to a few hundred states, and placed after it
  // beyond (a label of its own rank doubles the ranks: about 4 times the time at 200 states, 3
  // at 2,000). The search limits keep large pictures within seconds; smaller ones are laid out
  // as thoroughly as dot can.
  // A dense picture (far more transitions than states, crossing everywhere) gets straight edges:
  // routing splines around hundreds of long edges is what takes dot minutes.
  const dense = graph.edges.length > 1.6 * graph.nodes.length;
  const xlabels = graph.nodes.length > XLABELS_ABOVE || dense;
  const attributes: Record<string, string | number> = {};
  if (graph.nodes.length > 500 || dense) Object.assign(attributes, { mclimit: 0.3, nslimit: 2, nslimit1: 2, searchsize: 10 });
  if (dense) attributes.splines = "line";
  const timeoutMs = options.timeoutMs ?? LAYOUT_TIMEOUT_MS;
  const result = await renderDot(toDot(graph, { layout: { xlabels } }), { format: "json0", yInvert: true, graphAttributes: attributes }, timeoutMs);
  if (!result) throw new GraphTooLarge(`too large to lay out as SVG within ${timeoutMs / 1000} s (${count(size)} states and transitions)`);
  if (result.status !== "success" || result.output === undefined) throw new Error(`the layout engine failed: ${result.errors.map((e) => e.message).join("; ")}`);
  const json = JSON.parse(result.output) as { bb: string; objects?: GvObject[]; edges?: GvEdge[] };
  const [x1, y1, x2, y2] = json.bb.split(",").map(Number);
  const layout: Layout = { width: Math.abs(x2 - x1), height: Math.abs(y2 - y1), nodes: new Map(), clusters: new Map(), edges: new Map() };
  for (const o of json.objects ?? []) {
    if (o.bb !== undefined) {
      const [a, b, c, d] = o.bb.split(",").map(Number);
      layout.clusters.set(o.id ?? o.name, { x: Math.min(a, c), y: Math.min(b, d), width: Math.abs(c - a), height: Math.abs(d - b), label: o.lp ? pair(o.lp) : undefined });
    } else if (o.pos !== undefined) {
      const [cx, cy] = pair(o.pos);
      const w = Number(o.width) * 72;
      const h = Number(o.height) * 72;
      layout.nodes.set(o.name, { x: cx - w / 2, y: cy - h / 2, width: w, height: h });
    }
  }
  for (const e of json.edges ?? []) {
    if (!e.id || !e.pos) continue;
    const geometry: EdgeGeometry = { points: [] };
    for (const part of e.pos.split(" ")) {
      if (part.startsWith("e,")) geometry.tip = pair(part.slice(2));
      else if (!part.startsWith("s,")) geometry.points.push(pair(part));
    }
    const lp = e.lp ?? e.xlp;
    if (lp) geometry.label = pair(lp);
    layout.edges.set(e.id, geometry);
  }
  return layout;
}
