/**
 * One self-contained HTML page for a CI artifact: a summary (files, OK/FAIL, counts by rule),
 * then per file its diagnostics with code frames beside its picture with the faults marked.
 * Clicking a diagnostic highlights its state or transition on the picture, and clicking a state
 * highlights its diagnostics. No network: the styles, the script and the pictures are inline.
 */
import { LineIndex, type Range } from "../parse/lines.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { GraphTooLarge, escapeXml as escapeHtml, graphOf, graphOfSource, machineName, toSvg, type Graph } from "../graph/index.js";
import type { DefinitionSource } from "../sources/index.js";
import type { FileResult, FormatOptions } from "./types.js";

const WORD: Record<Severity, string> = { ERROR: "error", WARNING: "warning", INFO: "info" };

const CSS = `
:root { color-scheme: light; --error: #d1242f; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #f6f8fa; }
header, section.file { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 16px; padding: 16px 20px; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 0 0 12px; display: flex; gap: 8px; align-items: center; word-break: break-all; }
.badge { font-size: 12px; font-weight: 600; border-radius: 12px; padding: 1px 8px; color: #fff; }
.badge.FAIL { background: var(--error); } .badge.OK { background: var(--ok); }
.counts { display: flex; gap: 16px; flex-wrap: wrap; margin: 8px 0; }
.counts b.error { color: var(--error); } .counts b.warning { color: var(--warning); } .counts b.info { color: var(--info); }
table { border-collapse: collapse; margin-top: 8px; }
td, th { text-align: left; padding: 2px 12px 2px 0; border-bottom: 1px solid var(--line); }
nav ul { list-style: none; padding: 0; margin: 8px 0 0; columns: 2; }
nav a { color: inherit; }
.legend { color: var(--muted); font-size: 12px; margin-top: 8px; }
.body { display: flex; gap: 16px; align-items: flex-start; }
.diagnostics { flex: 1 1 40%; min-width: 280px; }
.picture { flex: 1 1 60%; overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.picture p { margin: 12px; color: var(--muted); }
ol { list-style: none; margin: 0; padding: 0; }
li.diagnostic { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; padding: 6px 10px; margin-bottom: 8px; cursor: pointer; }
li.diagnostic.error { border-left-color: var(--error); } li.diagnostic.warning { border-left-color: var(--warning); } li.diagnostic.info { border-left-color: var(--info); }
li.diagnostic:hover { background: #f6f8fa; }
li.diagnostic.selected { outline: 2px solid #8250df; background: #fbefff; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; margin-right: 6px; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.pos, .rule { color: var(--muted); font-size: 12px; }
.machine { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 600; }
.rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; margin-left: 6px; }
pre.frame { margin: 6px 0 0; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f6f8fa; border-radius: 4px; padding: 6px 8px; overflow-x: auto; }
pre.frame .no { color: var(--muted); user-select: none; }
pre.frame mark { background: #ffebe9; color: inherit; text-decoration: underline wavy var(--error); }
.clean { color: var(--ok); }
.aslint-graph .state, .aslint-graph .edge, .aslint-graph .ghost { cursor: pointer; }
`;

const SCRIPT = `
(function () {
  function clear() { document.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); }); }
  function show(el) { if (el && el.scrollIntoView) el.scrollIntoView({ block: "nearest", inline: "nearest" }); }
  function targetsOf(d) { return (d.getAttribute("data-targets") || "").split(" ").filter(Boolean); }
  function pickDiagnostic(d) {
    clear();
    d.classList.add("selected");
    var first;
    targetsOf(d).forEach(function (id) { var el = document.getElementById(id); if (el) { el.classList.add("selected"); first = first || el; } });
    show(first);
  }
  function pickShape(g) {
    clear();
    g.classList.add("selected");
    var first;
    // a template's findings about a machine whose definition is in another file point at that file's picture
    document.querySelectorAll("li.diagnostic").forEach(function (d) {
      if (targetsOf(d).indexOf(g.id) >= 0) { d.classList.add("selected"); first = first || d; }
    });
    show(first);
  }
  document.addEventListener("click", function (ev) {
    var d = ev.target.closest && ev.target.closest("li.diagnostic");
    if (d) return pickDiagnostic(d);
    var g = ev.target.closest && ev.target.closest(".aslint-graph .state, .aslint-graph .ghost, .aslint-graph .start, .aslint-graph .edge");
    if (g) pickShape(g);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var d = ev.target.closest && ev.target.closest("li.diagnostic");
    if (d) { ev.preventDefault(); pickDiagnostic(d); }
  });
})();
`;

/** The lines around a diagnostic, its range marked. */
function codeFrame(lines: LineIndex, range: Range): string {
  const line = range.start.line;
  const first = Math.max(0, line - 1);
  const last = Math.min(lines.lineCount - 1, line + 1);
  const width = String(last + 1).length;
  let out = "";
  for (let l = first; l <= last; l++) {
    const text = lines.lineText(l);
    let body: string;
    if (l === line) {
      const start = Math.min(range.start.character, text.length);
      const end = range.end.line === line ? Math.max(start, Math.min(range.end.character, text.length)) : text.length;
      body = `${escapeHtml(clip(text.slice(0, start)))}<mark>${escapeHtml(clip(text.slice(start, end) || " "))}</mark>${escapeHtml(clip(text.slice(end)))}`;
    } else body = escapeHtml(clip(text));
    out += `<span class="no">${String(l + 1).padStart(width)} │ </span>${body}\n`;
  }
  return `<pre class="frame">${out}</pre>`;
}

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}

async function pictureOf(r: FileResult, prefix: string): Promise<{ svg: string; targets: string[][] }> {
  if (r.text === undefined) return { svg: "", targets: [] };
  const graph = graphOf(r.text, { filename: r.file, diagnostics: r.diagnostics });
  // a request
  if (!graph) return { svg: `<p>No picture: this file is not itself a state machine definition.</p>`, targets: [] };
  return drawn(graph, prefix, r.file, graph.targets.map((ids) => ids.map((id) => prefix + id)));
}

async function drawn(graph: Graph, prefix: string, title: string, targets: string[][]): Promise<{ svg: string; targets: string[][] }> {
  try {
    return { svg: await toSvg(graph, { idPrefix: prefix, title }), targets };
  } catch (e) {
    if (e instanceof GraphTooLarge) return { svg: `<p>No picture: ${escapeHtml(e.message)}</p>`, targets: [] };
    throw e;
  }
}

/** Where each template machine's picture goes, and what each of its results' diagnostics point at. */
interface MachinePlan {
  name: string;
  /** The section that shows the picture: the one of the file that holds the definition. */
  home: number;
  graph?: Graph;
  /** By section: the ids (in the home picture) of each diagnostic's shapes. */
  targets: Map<number, string[][]>;
}

/**
 * A template's state machines, each drawn once from its own definition with every diagnostic
 * of it (those in its definition's file and those in the template, which may be two sections).
 */
function planMachines(results: readonly FileResult[]): Map<DefinitionSource, MachinePlan> {
  const sections = new Map<DefinitionSource, number[]>();
  results.forEach((r, i) => {
    if (r.source) sections.set(r.source, [...(sections.get(r.source) ?? []), i]);
  });
  const plans = new Map<DefinitionSource, MachinePlan>();
  for (const [source, indexes] of sections) {
    const home = indexes.find((i) => results[i].text === source.fileText) ?? indexes[0];
    const graph = graphOfSource(source, { diagnostics: indexes.flatMap((i) => results[i].diagnostics) });
    const targets = new Map<number, string[][]>();
    let k = 0;
    for (const i of indexes) {
      const n = results[i].diagnostics.length;
      targets.set(i, graph ? graph.targets.slice(k, k + n).map((ids) => ids.map((id) => `f${home}-${id}`)) : []);
      k += n;
    }
    plans.set(source, { name: machineName(source) ?? source.file, home, graph, targets });
  }
  return plans;
}

/** A section's picture: its own file's, or its template machine's (drawn in one section, pointed at from the others). */
async function sectionPicture(r: FileResult, i: number, plans: Map<DefinitionSource, MachinePlan>): Promise<{ svg: string; targets: string[][] }> {
  const plan = r.source && plans.get(r.source);
  if (!plan) return pictureOf(r, `f${i}-`);
  const targets = plan.targets.get(i) ?? [];
  const name = `<code>${escapeHtml(plan.name)}</code>`;
  if (!plan.graph) return { svg: `<p>No picture: the definition of ${name} ${r.source!.body ? "is not a state machine" : "could not be read"}.</p>`, targets: [] };
  if (plan.home !== i) return { svg: `<p>The picture of ${name} is with <a href="#file-${plan.home}">its definition</a>.</p>`, targets };
  return drawn(plan.graph, `f${i}-`, `${plan.name} (${r.file})`, targets);
}

function diagnosticItem(d: Diagnostic, id: string, targets: string[], lines: LineIndex | undefined): string {
  const sev = WORD[d.severity];
  return (
    `<li class="diagnostic ${sev}" id="${id}" tabindex="0" data-targets="${escapeHtml(targets.join(" "))}" data-location="${escapeHtml(d.location)}">` +
    `<div><span class="sev ${sev}">${sev}</span><span class="pos">${d.range.start.line + 1}:${d.range.start.character + 1}</span> ` +
    `<span class="msg">${escapeHtml(d.message)}</span><code class="rule">${escapeHtml(d.rule)}</code></div>` +
    (lines ? codeFrame(lines, d.range) : "") +
    `</li>`
  );
}

/** The state machine of a template a result is of, after its file's name. */
function machineOf(r: FileResult): string {
  const name = r.source && machineName(r.source);
  return name === undefined ? "" : ` <span class="machine">· ${escapeHtml(name)}</span>`;
}

/** The HTML report. Lays out each file's picture (the layout engine loads on the first). */
export async function formatHtml(results: FileResult[], options: FormatOptions): Promise<string> {
  const count: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  const byRule = new Map<string, { n: number; severity: Severity }>();
  for (const r of results) {
    for (const d of r.diagnostics) {
      count[d.severity]++;
      const entry = byRule.get(d.rule);
      if (entry) entry.n++;
      else byRule.set(d.rule, { n: 1, severity: d.severity });
    }
  }
  const failed = results.filter((r) => r.result === "FAIL").length;
  const files = results.length === 1 ? "1 file" : `${results.length} files`;
  const out: string[] = [];
  out.push(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<title>aslint report: ${failed ? `${failed} FAIL` : "OK"}</title><style>${CSS}</style></head><body>`);
  out.push(`<header><h1>aslint report</h1>`);
  out.push(
    `<div class="counts"><span>${files}: <b>${failed} FAIL</b>, <b>${results.length - failed} OK</b></span>` +
      `<span><b class="error">${count.ERROR}</b> ${count.ERROR === 1 ? "error" : "errors"}</span>` +
      `<span><b class="warning">${count.WARNING}</b> ${count.WARNING === 1 ? "warning" : "warnings"}</span>` +
      `<span><b class="info">${count.INFO}</b> info</span>` +
      (options.unreadable ? `<span><b class="error">${options.unreadable}</b> ${options.unreadable === 1 ? "path" : "paths"} could not be read</span>` : "") +
      (options.version ? `<span class="pos">aslint ${escapeHtml(options.version)}</span>` : "") +
      `</div>`,
  );
  if (byRule.size) {
    out.push(`<table class="rules"><thead><tr><th>rule</th><th>severity</th><th>count</th></tr></thead><tbody>`);
    for (const [rule, { n, severity }] of [...byRule].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
      out.push(`<tr><td><code>${escapeHtml(rule)}</code></td><td class="sev ${WORD[severity]}">${WORD[severity]}</td><td>${n}</td></tr>`);
    }
    out.push(`</tbody></table>`);
  }
  out.push(`<nav><ul>`);
  results.forEach((r, i) => out.push(`<li><span class="badge ${r.result}">${r.result}</span> <a href="#file-${i}">${escapeHtml(r.file)}</a>${machineOf(r)} <span class="pos">${r.diagnostics.length || ""}</span></li>`));
  out.push(`</ul></nav>`);
  out.push(
    `<p class="legend">On the pictures: red is an error, amber a warning, blue a note; grey states are unreachable; ` +
      `a dashed box is a missing state a transition names; dashed arrows are Catch; ↻3 is a Retry with 3 attempts. ` +
      `Click a diagnostic to find it on the picture, or a state to find its diagnostics.</p></header>`,
  );

  const plans = planMachines(results);
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const prefix = `f${i}-`;
    const { svg, targets } = await sectionPicture(r, i, plans);
    const lines = r.text !== undefined ? new LineIndex(r.text) : undefined;
    out.push(`<section class="file" id="file-${i}" data-result="${r.result}"><h2><span class="badge ${r.result}">${r.result}</span> ${escapeHtml(r.file)}${machineOf(r)}</h2><div class="body">`);
    out.push(`<div class="diagnostics">`);
    if (r.diagnostics.length === 0) out.push(`<p class="clean">✔ No problems.</p>`);
    else {
      out.push(`<ol>`);
      r.diagnostics.forEach((d, k) => out.push(diagnosticItem(d, `${prefix}d${k}`, targets[k] ?? [], lines)));
      out.push(`</ol>`);
    }
    out.push(`</div>`);
    if (svg) out.push(`<div class="picture">${svg}</div>`);
    out.push(`</div></section>`);
  }
  out.push(`<script>${SCRIPT}</script></body></html>`);
  return out.join("\n") + "\n";
}
