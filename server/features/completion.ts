/**
 * Completion: state names where a state is named, the fields an object of this kind may
 * have (from the JSON Schema), allowed values, Task resources, error names, intrinsic and
 * JSONata functions, `$states` fields, context-object paths and workflow variables.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from "vscode-languageserver";
import { get, isArray, isObject, type Node } from "../../src/parse/tree.js";
import { buildMachine, type Machine } from "../../src/model/index.js";
import { contextChildren } from "../../src/expr/context-fields.js";
import { INTRINSICS, STRING_INTRINSICS } from "../../src/expr/intrinsic.js";
import { JSONATA_FUNCTIONS } from "../../src/expr/jsonata-functions.js";
import type { Analysis } from "../analysis.js";
import { cursorAt, type Cursor } from "../cursor.js";
import { roleAt, type ObjectRole, type Role } from "../roles.js";
import { choiceRuleFields, fieldOf, fieldsOf, NEEDS_TRANSITION, STATE_TYPES, type FieldInfo } from "../schema.js";
import { ERROR_NAMES, FIELD_DOCS, ITEM_READER_RESOURCES, RESULT_WRITER_RESOURCES, STATES_FIELDS, STATE_TYPE_DOCS, TASK_RESOURCES, type ResourceItem } from "../catalog.js";
import { PAYLOAD_MAX_BYTES } from "../../src/aws/limits.js";
import { RESULT_STATE_TYPES } from "../../src/aws/states.js";
import { escapeSnippet, renderJson, renderJsonMembers, renderYamlMembers, renderYamlValue, Stop, yamlScalar, type Tpl } from "../snippet.js";

export interface CompletionOptions {
  snippets: boolean;
  markdown: boolean;
}

interface Ctx {
  a: Analysis;
  cursor: Cursor;
  offset: number;
  opts: CompletionOptions;
  root: Node | undefined;
}

export function complete(a: Analysis, offset: number, opts: CompletionOptions): CompletionList {
  const empty = { isIncomplete: false, items: [] };
  if (!a.applicable) return empty;
  const cursor = cursorAt(a.text, offset, a.doc.syntax);
  if (!cursor) return empty;
  // in a template, the path is the template's: keep the part inside the definition
  if (a.within) {
    if (a.within.some((s, i) => cursor.path[i] !== s)) return empty;
    cursor.path = cursor.path.slice(a.within.length);
    if (cursor.root) cursor.root = a.within.reduce<Node | undefined>((n, k) => get(n, String(k)), cursor.root);
  }
  const root = cursor.root ?? a.doc.root;
  const ctx: Ctx = { a, cursor, offset, opts, root };
  const role = roleAt(root, cursor.path);
  const items = cursor.atKey ? keyItems(ctx, role) : valueItems(ctx, role);
  return { isIncomplete: false, items };
}

// ---------------------------------------------------------------------------------------
// keys

function keyItems(ctx: Ctx, role: Role): CompletionItem[] {
  if (role.role === "states") return newStateItems(ctx, role.ql);
  if (role.role !== "object") return [];
  let fields: FieldInfo[];
  if (role.kind === "choiceRule") fields = choiceRuleFields(role.ql, role.top !== false);
  else fields = fieldsOf(role.def);
  if (role.kind === "state" && role.def === "stateHead") {
    fields = [...fields, ...["Comment", "QueryLanguage"].map((name) => fieldsOf("Pass.JSONPath").find((f) => f.name === name)!).filter(Boolean)];
  }
  const present = presentKeys(ctx, role.node);
  const type = role.state?.type;
  const needsTransition = role.kind === "state" && type !== undefined && NEEDS_TRANSITION.has(type);
  const hasTransition = present.has("Next") || present.has("End");
  const items: CompletionItem[] = [];
  for (const f of fields) {
    if (present.has(f.name)) continue;
    if (hasTransition && (f.name === "Next" || f.name === "End")) continue;
    const required = f.required || (needsTransition && !hasTransition && (f.name === "Next" || f.name === "End"));
    items.push(fieldItem(ctx, role, f, required));
  }
  // one item that adds every missing required field
  const missing = fields.filter((f) => !present.has(f.name) && f.required && f.name !== "Type");
  if (role.kind === "state" && type && (missing.length > 0 || (needsTransition && !hasTransition))) {
    const members: Record<string, Tpl> = {};
    let n = 1;
    for (const f of missing) members[f.name] = valueTemplate(f, role, () => n++);
    if (needsTransition && !hasTransition) members.Next = new Stop(n++);
    const all = membersItem(ctx, `Required fields of ${type}`, members, `Adds ${Object.keys(members).join(", ")}`);
    all.sortText = "00";
    items.unshift(all);
  }
  return items;
}

/** The keys already in the object, without the one being typed. */
function presentKeys(ctx: Ctx, node: Node | undefined): Set<string> {
  const out = new Set<string>();
  if (!node?.properties) return out;
  for (const p of node.properties) {
    if (p.key.includes("__aslint_cursor__")) continue;
    if (ctx.cursor.syntax === "json" && p.keyOffset <= ctx.offset && ctx.offset <= p.keyOffset + p.keyLength) continue;
    out.add(p.key);
  }
  return out;
}

const DEFAULT_NUMBERS: Record<string, string> = {
  TimeoutSeconds: "300",
  HeartbeatSeconds: "60",
  Seconds: "10",
  IntervalSeconds: "1",
  MaxAttempts: "3",
  BackoffRate: "2",
  MaxDelaySeconds: "60",
  MaxConcurrency: "0",
  ToleratedFailurePercentage: "0",
  ToleratedFailureCount: "0",
  MaxItems: "1000",
  MaxItemsPerBatch: "10",
  MaxInputBytesPerBatch: String(PAYLOAD_MAX_BYTES),
};

function valueTemplate(f: FieldInfo, role: ObjectRole, next: () => number): Tpl {
  const ql = role.ql;
  switch (f.name) {
    case "End":
      return true;
    case "Type":
      return new Stop(next(), "", true, [...STATE_TYPES]);
    case "Retry":
      return [{ ErrorEquals: [new Stop(next(), "States.ALL")] }];
    case "Catch":
      return [{ ErrorEquals: [new Stop(next(), "States.ALL")], Next: new Stop(next()) }];
    case "ErrorEquals":
      return [new Stop(next(), "States.ALL")];
    case "Branches":
      return [{ StartAt: new Stop(next()), States: {} }];
    case "ItemProcessor":
    case "Iterator":
      return { StartAt: new Stop(next()), States: {} };
    case "Choices":
      return ql === "JSONata"
        ? [{ Condition: new Stop(next(), "{% true %}"), Next: new Stop(next()) }]
        : [{ Variable: new Stop(next(), "$.value"), StringEquals: new Stop(next()), Next: new Stop(next()) }];
    case "Output":
    case "Condition":
    case "Items":
      if (ql === "JSONata") return new Stop(next(), f.name === "Condition" ? "{% true %}" : "{% $states.input %}");
      break;
    case "Arguments":
      return {};
    case "ProcessorConfig":
      return { Mode: new Stop(next(), "", true, fieldOf("processorConfig", "Mode")?.values ?? []) };
    case "Credentials":
      return { RoleArn: new Stop(next()) };
  }
  if (f.values && f.values.length) return new Stop(next(), "", true, f.values);
  switch (f.kind) {
    case "integer":
    case "number":
      return new Stop(next(), DEFAULT_NUMBERS[f.name] ?? "0", false);
    case "boolean":
      return new Stop(next(), "true", false, ["true", "false"]);
    case "object":
      return {};
    case "array":
      return [];
    case "string":
      return new Stop(next());
    default:
      return {};
  }
}

function fieldItem(ctx: Ctx, role: ObjectRole, f: FieldInfo, required: boolean): CompletionItem {
  let n = 1;
  const tpl = valueTemplate(f, role, () => n++);
  const item = membersItem(ctx, f.name, { [f.name]: tpl }, f.description);
  item.kind = CompletionItemKind.Property;
  item.sortText = `${required ? "0" : "1"}${f.name}`;
  item.documentation = doc(ctx, [FIELD_DOCS[f.name], f.description ? `Value: ${f.description}.` : undefined, required ? "Required." : undefined]);
  if (required) item.detail = `${f.description ?? ""} (required)`.trim();
  if (ctx.cursor.hasColon) {
    // only the key: the value is already there
    const text = ctx.cursor.syntax === "json" ? JSON.stringify(f.name) : yamlScalar(f.name);
    item.textEdit = edit(ctx, keyRange(ctx), text);
    item.insertTextFormat = InsertTextFormat.PlainText;
  }
  return item;
}

function keyRange(ctx: Ctx): { start: number; end: number } {
  const c = ctx.cursor;
  if (c.form === "inner" && c.quote) return { start: c.start - 1, end: ctx.a.text[c.end] === c.quote ? c.end + 1 : c.end };
  return { start: c.start, end: c.end };
}

/** An item inserting object members at the cursor (a key position). */
function membersItem(ctx: Ctx, label: string, members: Record<string, Tpl>, detail?: string): CompletionItem {
  const c = ctx.cursor;
  const snippet = ctx.opts.snippets;
  const { start, end } = keyRange(ctx);
  const col = " ".repeat(columnOf(ctx.a.text, start));
  const text = c.syntax === "json" ? renderJsonMembers(members, snippet, c.indent) : renderYamlMembers(members, snippet, col);
  const item: CompletionItem = {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    textEdit: edit(ctx, { start, end }, text + (c.syntax === "json" && !c.hasColon && memberFollows(ctx.a.text, end) ? "," : "")),
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    filterText: c.form === "key" ? JSON.stringify(label) : label,
  };
  const extra: TextEdit[] = [];
  if (c.commaAt !== undefined) extra.push({ range: ctx.a.doc.lines.range(c.commaAt, 0), newText: "," });
  if (extra.length) item.additionalTextEdits = extra;
  return item;
}

/** A member starts after the cursor: the inserted member needs a comma. */
function memberFollows(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && /\s/.test(text[i])) i++;
  return text[i] === '"';
}

function columnOf(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== "\n" && text[s - 1] !== "\r") s--;
  return offset - s;
}

function newStateItems(ctx: Ctx, ql: Role["ql"]): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const type of STATE_TYPES) {
    let n = 2;
    const next = () => n++;
    const def = `${type}.${ql}`;
    const body: Record<string, Tpl> = { Type: type };
    const role: ObjectRole = { role: "object", kind: "state", def, ql };
    for (const f of fieldsOf(def)) {
      if (f.required && f.name !== "Type") body[f.name] = f.name === "Resource" ? new Stop(next(), "arn:aws:states:::lambda:invoke") : valueTemplate(f, role, next);
    }
    if (type === "Wait") body.Seconds = new Stop(next(), "10", false);
    if (type === "Fail") body.Error = new Stop(next(), "MyError");
    if (NEEDS_TRANSITION.has(type)) body.Next = new Stop(next());
    const item = membersItem(ctx, `${type} state`, {}, STATE_TYPE_DOCS[type]);
    const snippet = ctx.opts.snippets;
    const c = ctx.cursor;
    const { start, end } = keyRange(ctx);
    let text: string;
    if (c.syntax === "json") {
      const nameText = snippet ? `"\${1:${type}State}"` : `"${type}State"`;
      text = `${nameText}: ${renderJson(body, snippet, c.indent, true)}`;
    } else {
      const col = " ".repeat(columnOf(ctx.a.text, start));
      const nameText = snippet ? `\${1:${type}State}` : `${type}State`;
      text = `${nameText}:${renderYamlValue(body, snippet, col)}`;
    }
    if (c.syntax === "json" && !c.hasColon && memberFollows(ctx.a.text, end)) text += ",";
    item.textEdit = edit(ctx, { start, end }, text);
    item.filterText = c.form === "key" ? `"${type}"` : type;
    item.sortText = `0${STATE_TYPES.indexOf(type)}`;
    item.documentation = doc(ctx, [STATE_TYPE_DOCS[type]]);
    items.push(item);
  }
  return items;
}

// ---------------------------------------------------------------------------------------
// values

function valueItems(ctx: Ctx, role: Role): CompletionItem[] {
  const c = ctx.cursor;
  switch (role.role) {
    case "transition":
      return stateNameItems(ctx, role.scope, role.state?.name);
    case "errorName":
      return errorItems(ctx);
    case "value": {
      const f = role.field;
      if (f === "Type" && role.owner.kind === "state") {
        return STATE_TYPES.map((t, i) => ({ ...valueItem(ctx, t, CompletionItemKind.EnumMember), documentation: doc(ctx, [STATE_TYPE_DOCS[t]]), sortText: String(i) }));
      }
      if (f === "Resource") {
        const list = role.owner.def.startsWith("itemReader") ? ITEM_READER_RESOURCES : role.owner.def.startsWith("resultWriter") ? RESULT_WRITER_RESOURCES : role.owner.kind === "state" ? TASK_RESOURCES : [];
        return resourceItems(ctx, list);
      }
      const info = fieldsOf(role.owner.def).find((x) => x.name === f);
      if (info?.values?.length) return info.values.map((v) => valueItem(ctx, v, CompletionItemKind.EnumMember));
      if (info?.kind === "boolean" && c.form === "bare") return ["true", "false"].map((v) => literalItem(ctx, v));
      return stringItems(ctx, role);
    }
    case "payload":
      return stringItems(ctx, role);
    default:
      return [];
  }
}

function replaceRange(ctx: Ctx): { start: number; end: number } {
  return { start: ctx.cursor.start, end: ctx.cursor.end };
}

function edit(ctx: Ctx, r: { start: number; end: number }, newText: string): TextEdit {
  return { range: ctx.a.doc.lines.range(r.start, r.end - r.start), newText };
}

/** A string value: quoted in JSON unless the cursor is inside quotes already. */
function valueText(ctx: Ctx, value: string): string {
  const c = ctx.cursor;
  if (c.form === "inner") {
    if (c.quote === "'") return value.replace(/'/g, "''");
    return JSON.stringify(value).slice(1, -1);
  }
  return c.syntax === "json" ? JSON.stringify(value) : yamlScalar(value);
}

function valueItem(ctx: Ctx, value: string, kind: CompletionItemKind): CompletionItem {
  const text = valueText(ctx, value);
  return {
    label: value,
    kind,
    textEdit: edit(ctx, replaceRange(ctx), text),
    filterText: ctx.cursor.form === "bare" && ctx.cursor.syntax === "json" ? text : value,
  };
}

function literalItem(ctx: Ctx, value: string): CompletionItem {
  return { label: value, kind: CompletionItemKind.Value, textEdit: edit(ctx, replaceRange(ctx), value) };
}

function stateNameItems(ctx: Ctx, scope: Node, self: string | undefined): CompletionItem[] {
  const states = get(scope, "States");
  if (!isObject(states)) return [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  states.properties.forEach((p, i) => {
    if (p.key.includes("__aslint_cursor__") || seen.has(p.key)) return;
    seen.add(p.key);
    const type = get(p, "Type");
    const item = valueItem(ctx, p.key, CompletionItemKind.Reference);
    item.detail = typeof type?.value === "string" ? `${type.value} state` : "state";
    item.sortText = `${p.key === self ? "1" : "0"}${String(i).padStart(5, "0")}`;
    items.push(item);
  });
  return items;
}

function errorItems(ctx: Ctx): CompletionItem[] {
  const items = ERROR_NAMES.map((e, i) => ({ ...valueItem(ctx, e.name, CompletionItemKind.Constant), documentation: doc(ctx, [e.doc]), sortText: `1${String(i).padStart(3, "0")}` }));
  // errors this machine raises itself (Fail states)
  const own = new Set<string>();
  const machine = machineOf(ctx);
  for (const s of machine?.states ?? []) {
    if (s.type !== "Fail") continue;
    const e = get(s.node, "Error");
    if (typeof e?.value === "string" && !e.value.startsWith("{%") && !ERROR_NAMES.some((x) => x.name === e.value)) own.add(e.value);
  }
  for (const name of own) items.unshift({ ...valueItem(ctx, name, CompletionItemKind.Constant), documentation: doc(ctx, ["Raised by a Fail state of this machine."]), sortText: `0${name}` });
  return items;
}

function resourceItems(ctx: Ctx, list: ResourceItem[]): CompletionItem[] {
  const c = ctx.cursor;
  const snippets = ctx.opts.snippets;
  return list.map((r, i) => {
    const item = valueItem(ctx, r.label, CompletionItemKind.Value);
    item.detail = r.detail;
    item.sortText = String(i).padStart(4, "0");
    if (r.snippet && snippets) {
      const body = r.snippet; // already a snippet: ARN parts hold no $ or }
      const text = c.form === "inner" ? body : c.syntax === "json" ? `"${body}"` : body;
      item.textEdit = edit(ctx, replaceRange(ctx), text);
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    return item;
  });
}

function machineOf(ctx: Ctx): Machine | undefined {
  if (!ctx.cursor.root) return ctx.a.machine;
  return ctx.root?.type === "object" ? buildMachine(ctx.root) : undefined;
}

// ---------------------------------------------------------------------------------------
// inside strings: JSONata, paths, intrinsic functions

function stringItems(ctx: Ctx, role: Role & { role: "value" | "payload" }): CompletionItem[] {
  const c = ctx.cursor;
  const a = ctx.a;
  if (c.syntax === "json" && c.form !== "inner") return [];
  const before = a.text.slice(c.start, ctx.offset);
  const jsonataOpen = before.lastIndexOf("{%");
  if (jsonataOpen >= 0 && before.indexOf("%}", jsonataOpen) < 0) return jsonataItems(ctx, role, before);
  if (role.ql === "JSONata") return [];
  // JSONPath: $$.context paths, intrinsic functions, $variables
  const ctxPath = /\$\$\.((?:[A-Za-z]+\.)*)([A-Za-z]*)$/.exec(before);
  if (ctxPath) return contextItems(ctx, ctxPath[1], ctxPath[2]);
  const key = role.role === "payload" ? role.key : undefined;
  const pathValued = (key !== undefined && key.endsWith(".$")) || role.field === "ErrorPath" || role.field === "CausePath";
  const pathField = role.role === "value" && /Path$|^Variable$/.test(role.field);
  if (!pathValued && !pathField) return [];
  const items: CompletionItem[] = [];
  const word = /(?:^|[(,\s])([A-Za-z][A-Za-z0-9.]*)$/.exec(before);
  const allowIntrinsics = pathValued && (role.field !== "ResultPath");
  if (allowIntrinsics && (before === "" || (word && ("States.".startsWith(word[1]) || word[1].startsWith("States."))))) {
    const stringOnly = role.field === "ErrorPath" || role.field === "CausePath";
    const start = ctx.offset - (word ? word[1].length : 0);
    for (const fn of INTRINSICS) {
      if (stringOnly && !STRING_INTRINSICS.has(fn.name)) continue;
      items.push(functionItem(ctx, fn.name, fn.signature, fn.description, fn.params.map((p) => p.name), start, fn.minArgs === 0 && !fn.rest));
    }
  }
  const variable = /(?:^|[^$\w])\$([A-Za-z0-9_]*)$/.exec(before);
  if (variable) items.push(...variableItems(ctx, ctx.offset - variable[1].length - 1, false));
  return items;
}

function contextItems(ctx: Ctx, parentText: string, word: string): CompletionItem[] {
  const parent = parentText.split(".").filter(Boolean);
  const start = ctx.offset - word.length;
  let end = ctx.offset;
  while (end < ctx.cursor.end && /[A-Za-z]/.test(ctx.a.text[end])) end++;
  return contextChildren(parent).map((f) => {
    const name = f.path.split(".").pop()!;
    return {
      label: name,
      kind: CompletionItemKind.Field,
      detail: f.type,
      documentation: doc(ctx, [f.description]),
      textEdit: edit(ctx, { start, end }, name),
    };
  });
}

function functionItem(ctx: Ctx, name: string, signature: string, description: string, params: string[], start: number, noArgs: boolean): CompletionItem {
  let end = ctx.offset;
  while (end < ctx.cursor.end && /[A-Za-z0-9_.]/.test(ctx.a.text[end])) end++;
  const snippet = ctx.opts.snippets;
  const args = params.map((p, i) => `\${${i + 1}:${escapeSnippet(p)}}`).join(", ");
  const text = snippet ? `${escapeSnippet(name)}(${noArgs ? "" : args})` : `${name}(`;
  return {
    label: name,
    kind: CompletionItemKind.Function,
    detail: signature,
    documentation: doc(ctx, [description]),
    textEdit: edit(ctx, { start, end }, text),
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
}

function jsonataItems(ctx: Ctx, role: Role & { role: "value" | "payload" }, before: string): CompletionItem[] {
  const ctxPath = /\$states\.context\.((?:[A-Za-z]+\.)*)([A-Za-z]*)$/.exec(before);
  if (ctxPath) return contextItems(ctx, ctxPath[1], ctxPath[2]);
  const statesField = /\$states\.([A-Za-z]*)$/.exec(before);
  if (statesField) {
    const start = ctx.offset - statesField[1].length;
    let end = ctx.offset;
    while (end < ctx.cursor.end && /[A-Za-z]/.test(ctx.a.text[end])) end++;
    const owner = role.owner;
    const resultField = role.field === "Output" || role.field === "Assign";
    const canResult = resultField && owner.kind === "state" && RESULT_STATE_TYPES.has(owner.state?.type ?? "");
    const canError = resultField && owner.kind === "catcher";
    return STATES_FIELDS.filter((f) => f.where === "any" || (f.where === "result" && canResult) || (f.where === "error" && canError)).map((f) => ({
      label: f.name,
      kind: CompletionItemKind.Field,
      documentation: doc(ctx, [f.doc]),
      textEdit: edit(ctx, { start, end }, f.name),
    }));
  }
  const dollar = /\$([A-Za-z0-9_]*)$/.exec(before);
  if (!dollar) return [];
  const start = ctx.offset - dollar[1].length - 1;
  const items: CompletionItem[] = [];
  items.push({
    label: "$states",
    kind: CompletionItemKind.Variable,
    detail: "input, context, result, errorOutput",
    documentation: doc(ctx, ["The reserved variable of JSONata states: `$states.input`, `$states.context`, and where allowed `$states.result` and `$states.errorOutput`."]),
    textEdit: edit(ctx, { start, end: wordEnd(ctx) }, "$states"),
    sortText: "0",
  });
  items.push(...variableItems(ctx, start, true));
  for (const fn of JSONATA_FUNCTIONS) {
    if (fn.unsupported) continue;
    const params = /\((.*)\)/.exec(fn.signature)?.[1] ?? "";
    const names = params
      .replace(/\[.*?\]/g, "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const item = functionItem(ctx, `$${fn.name}`, fn.signature, fn.description + (fn.stepFunctions ? " (Step Functions)" : ""), names, start, fn.maxArgs === 0);
    item.sortText = `2${fn.name}`;
    items.push(item);
  }
  return items;
}

function wordEnd(ctx: Ctx): number {
  let end = ctx.offset;
  while (end < ctx.cursor.end && /[A-Za-z0-9_]/.test(ctx.a.text[end])) end++;
  return end;
}

/** Workflow variables: the keys of every Assign in the machine. */
function variableItems(ctx: Ctx, start: number, jsonata: boolean): CompletionItem[] {
  const names = new Set<string>();
  const machine = machineOf(ctx);
  const collect = (assign: Node | undefined) => {
    if (!isObject(assign)) return;
    for (const p of assign.properties) {
      const name = p.key.endsWith(".$") ? p.key.slice(0, -2) : p.key;
      if (name && !name.includes("__aslint_cursor__")) names.add(name);
    }
  };
  for (const s of machine?.states ?? []) {
    collect(get(s.node, "Assign"));
    for (const list of ["Catch", "Choices"]) {
      const arr = get(s.node, list);
      if (isArray(arr)) for (const item of arr.items) collect(get(item, "Assign"));
    }
  }
  return [...names].map((name) => ({
    label: `$${name}`,
    kind: CompletionItemKind.Variable,
    detail: "workflow variable",
    documentation: doc(ctx, [`Assigned in an \`Assign\` of this machine${jsonata ? "" : " (JSONPath: `$" + name + "`)"}.`]),
    textEdit: edit(ctx, { start, end: wordEnd(ctx) }, `$${name}`),
    sortText: `1${name}`,
  }));
}

function doc(ctx: Ctx, parts: (string | undefined)[]): { kind: MarkupKind; value: string } | string | undefined {
  const text = parts.filter(Boolean).join("\n\n");
  if (!text) return undefined;
  return ctx.opts.markdown ? { kind: MarkupKind.Markdown, value: text } : text.replace(/`/g, "");
}
