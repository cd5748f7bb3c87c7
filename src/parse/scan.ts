/**
 * The fast path of the JSON parser: one pass over strict JSON (RFC 8259) that builds the
 * node tree directly. It reports what strict JSON can still hold (duplicate keys, nesting
 * past the limit) and gives up (returns undefined) at the first thing that is not strict
 * JSON: a comment, a trailing comma, any syntax error. The caller then parses the whole
 * text again with the recovering parser (json.ts), so broken input keeps its exact
 * messages and positions, while the common case (a valid definition) costs one scan.
 *
 * The scan is iterative (an explicit stack of open containers), so no input can exhaust
 * the call stack. The tree it builds is the one the recovering parser builds for the same
 * text: same nodes, offsets, lengths, keys, parents and key ranges (test/parse checks).
 */
import { INDEX_THRESHOLD, copyRange, newNode, type Node, type Property } from "./tree.js";
import { MAX_NESTING_DEPTH, duplicateKey, tooDeeplyNested, type JsonParseResult, type ParseProblem } from "./problems.js";

/** The decoded value of the string last read by `escapedStringEnd`. */
let escaped = "";

/**
 * The index of the closing quote of the string opened at `open`, when the string holds no
 * escape; -1 when it holds one (read it with `escapedStringEnd`); -2 when it is not strict
 * JSON (an unescaped control character, or no closing quote).
 */
function plainStringEnd(text: string, open: number): number {
  const n = text.length;
  for (let j = open + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j;
    if (c === 92) return -1;
    if (c < 32) return -2;
  }
  return -2;
}

/** Characters that make a string not plain: an escape, or a control character JSON forbids in strings. */
const SPECIAL = ["\\", "\n", "\r", "\t"];
/** Control characters other than line breaks and tab: not strict JSON anywhere (looked for once). */
const OTHER_CONTROL: string[] = [];
for (let c = 0; c < 32; c++) if (c !== 9 && c !== 10 && c !== 13) OTHER_CONTROL.push(String.fromCharCode(c));

/** One native search per character: faster than a regular expression with a class. */
function hasOtherControl(text: string): boolean {
  for (let k = 0; k < OTHER_CONTROL.length; k++) if (text.indexOf(OTHER_CONTROL[k]) >= 0) return true;
  return false;
}

/**
 * `plainStringEnd` by native searches, for a text without OTHER_CONTROL characters: the
 * closing quote by indexOf, and the string is plain when it closes before the next
 * SPECIAL character. `next` holds the next position of each SPECIAL character (as last
 * searched) and, last, the smallest of them; they move forward as the scan does.
 */
function fastStringEnd(text: string, open: number, next: number[]): number {
  const close = text.indexOf('"', open + 1);
  if (close < 0) return -2;
  let special = next[4];
  if (special <= open) {
    special = text.length;
    for (let k = 0; k < 4; k++) {
      let p = next[k];
      if (p <= open) {
        p = text.indexOf(SPECIAL[k], open + 1);
        next[k] = p = p < 0 ? text.length : p;
      }
      if (p < special) special = p;
    }
    next[4] = special;
  }
  return close < special ? close : plainStringEnd(text, open);
}

/** Like `plainStringEnd` for a string with escapes; its decoded value is left in `escaped`. */
function escapedStringEnd(text: string, open: number): number {
  const n = text.length;
  let out = "";
  let start = open + 1;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 34) {
      escaped = out + text.slice(start, j);
      return j;
    }
    if (c < 32) return -2;
    if (c !== 92) {
      j++;
      continue;
    }
    out += text.slice(start, j);
    switch (text.charCodeAt(j + 1)) {
      case 34:
        out += '"';
        break;
      case 92:
        out += "\\";
        break;
      case 47:
        out += "/";
        break;
      case 98:
        out += "\b";
        break;
      case 102:
        out += "\f";
        break;
      case 110:
        out += "\n";
        break;
      case 114:
        out += "\r";
        break;
      case 116:
        out += "\t";
        break;
      case 117: {
        let code = 0;
        for (let k = j + 2; k < j + 6; k++) {
          const h = text.charCodeAt(k);
          if (h >= 48 && h <= 57) code = code * 16 + h - 48;
          else if (h >= 65 && h <= 70) code = code * 16 + h - 55;
          else if (h >= 97 && h <= 102) code = code * 16 + h - 87;
          else return -2;
        }
        out += String.fromCharCode(code);
        j += 4;
        break;
      }
      default:
        return -2;
    }
    j += 2;
    start = j;
  }
  return -2;
}

/**
 * Keys and short values repeat: a definition has thousands of "Type", "Next" and "Resource"
 * keys, and every state name appears as a key and again as the "Next" value of the states
 * before it. Such a string is looked up in this cache by a hash of its length and five
 * characters and compared with the text in place, so a repeated one costs no new string; the
 * tree holds one string per distinct name, whose hash V8 computes once for every Map and Set
 * the model and rules put it in. Module-level, so it keeps its strings from one lint to the
 * next (the editor re-lints a document that barely changed): at most STRING_CACHE_SIZE strings of
 * at most STRING_CACHE_MAX_LENGTH characters, copies, never slices that would keep a document alive.
 *
 * Four-way set-associative (a hit moves to the front of its set, a miss enters there and pushes
 * the last one out): a 1 MB definition holds 3,500 to 5,500 distinct short strings, and a
 * direct-mapped table of the same size lost 3,000 of them to collisions on every lint of the
 * 4,000-state definition (900 on the 2,000-state one), making the time grow faster than the size.
 * Simulated over the scaling definitions, misses per repeated lint: 2,974 direct-mapped,
 * 261 four-way (4,000 states); 934 and 10 (2,000 states).
 */
const STRING_CACHE_WAYS = 4;
const STRING_CACHE_SETS = 4096;
const STRING_CACHE_SIZE = STRING_CACHE_WAYS * STRING_CACHE_SETS;
const STRING_CACHE_MAX_LENGTH = 128;
const stringCache: string[] = new Array<string>(STRING_CACHE_SIZE).fill("");

/** Is text[start, start + cached.length) the string `cached`? (Its length is checked by the caller.) */
function sameText(cached: string, text: string, start: number): boolean {
  const length = cached.length;
  let k = 0;
  while (k < length && cached.charCodeAt(k) === text.charCodeAt(start + k)) k++;
  return k === length;
}

/** The string held by text[start, end) (no escapes). */
function cachedString(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 0 || length > STRING_CACHE_MAX_LENGTH) return text.slice(start, end);
  // five characters: the first, the middle and the last three (names often differ in a number at the end)
  let h = length;
  h = (h * 31 + text.charCodeAt(start)) | 0;
  h = (h * 31 + text.charCodeAt(start + (length >> 1))) | 0;
  h = (h * 31 + text.charCodeAt(end - 1)) | 0;
  h = (h * 31 + text.charCodeAt(length > 1 ? end - 2 : start)) | 0;
  h = (h * 31 + text.charCodeAt(length > 2 ? end - 3 : start)) | 0;
  const set = ((h ^ (h >>> 11)) & (STRING_CACHE_SETS - 1)) * STRING_CACHE_WAYS;
  const first = stringCache[set];
  if (first.length === length && sameText(first, text, start)) return first;
  for (let w = set + 1; w < set + STRING_CACHE_WAYS; w++) {
    const cached = stringCache[w];
    if (cached.length === length && sameText(cached, text, start)) {
      // to the front of the set (the ones before it move back one)
      for (let v = w; v > set; v--) stringCache[v] = stringCache[v - 1];
      stringCache[set] = cached;
      return cached;
    }
  }
  const slice = text.slice(start, end);
  // V8 copies slices shorter than 13 characters; a longer one would keep `text` alive
  const key = sharedKeys.get(slice) ?? (length < 13 ? slice : (slice + " ").slice(0, -1));
  for (let v = set + STRING_CACHE_WAYS - 1; v > set; v--) stringCache[v] = stringCache[v - 1];
  stringCache[set] = key;
  return key;
}

/**
 * The field names the rules look up, as the engine's own copies: the copies of string literals
 * in the code, which V8 keeps once ("internalized"). A key that is one of them is stored as that
 * copy, so `key === "Type"` in a rule compares two pointers instead of two strings. Other keys
 * (state names, payload keys) stay plain strings.
 */
const sharedKeys = new Map<string, string>();

/** Adds names (string literals of the program) to the keys the scanner shares. */
export function shareKeys(names: Iterable<string>): void {
  for (const name of names) sharedKeys.set(name, name);
}

/**
 * Repeated keys among the members of a large object (more than INDEX_THRESHOLD + 1 members), in a
 * Set that dies when the object closes: no Map per object kept for the lint (the largest, a
 * `States` of thousands of states, was built only for this check). Members up to
 * INDEX_THRESHOLD were checked as they came (a repeat among them is reported then); a repeat of
 * any earlier key by a later member is reported here. Adds them to `problems`; true if any.
 *
 * A new Set each time, not one long-lived Set cleared after use: `clear()` gives a Set a new
 * table and leaves the old one pointing to it, so once one table had been promoted to the old
 * generation, every later table (a `States` object's thousands of keys among them) stayed alive
 * through young collections until the next full one.
 */
function repeatedKeys(members: readonly Property[], start: number, end: number, problems: ParseProblem[]): boolean {
  let found = false;
  const keySet = new Set<string>();
  for (let m = start; m < end; m++) {
    const key = members[m].key;
    if (!keySet.has(key)) keySet.add(key);
    else if (m - start > INDEX_THRESHOLD) {
      problems.push(duplicateKey(key, members[m].keyOffset, members[m].keyLength));
      found = true;
    }
  }
  return found;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Parses `text` if it is strict JSON; undefined otherwise (the caller falls back to the
 * recovering parser). Nesting past MAX_NESTING_DEPTH gives that problem alone and no root,
 * at the bracket that goes too deep, as the recovering parser's pre-scan reports it.
 *
 * Long because: it is the parser of every strict JSON definition, one loop over the characters
 * with its stack in local variables; helpers that hand back a string or a number through shared
 * state or objects cost time on every key and value (bench `parse`), and the loop reads as one
 * state machine: expect a key, expect a value, close a container.
 */
export function scanStrictJson(text: string): JsonParseResult | undefined {
  const n = text.length;
  const problems: ParseProblem[] = [];
  // The members (elements) of the open objects (arrays), innermost last; a container gets
  // an exact-size copy of its own when it closes.
  // (used as stacks with their own tops: setting `length` costs more than keeping stale
  // entries past the top, which are overwritten or die with these arrays)
  const members: Property[] = [];
  const elements: Node[] = [];
  let membersTop = 0;
  let elementsTop = 0;
  /** Enclosing containers of `parent` (undefined at the bottom: the root has none)... */
  const open: (Node | undefined)[] = [];
  /** ...and where the members or elements of each open container start. */
  const bases: number[] = [];
  let root: Node | undefined;
  let parent: Node | undefined;
  let base = 0;
  let inObject = false;
  let depth = 0;
  let expectKey = false;
  let key = "";
  let keyOffset = 0;
  let keyLength = 0;
  let sortProblems = false;
  let i = 0;
  let c = 0;
  // such a character is not strict JSON, in a string or out of one; without them, strings
  // can be found by native searches (fastStringEnd)
  if (hasOtherControl(text)) return undefined;
  const next = [-1, -1, -1, -1, -1];

  for (;;) {
    // a value starts here, after its key inside an object
    while (i < n && isSpace((c = text.charCodeAt(i)))) i++;
    if (i >= n) return undefined;
    if (expectKey) {
      if (c !== 34) return undefined;
      let end = fastStringEnd(text, i, next);
      if (end >= 0) key = cachedString(text, i + 1, end);
      else if (end === -1 && (end = escapedStringEnd(text, i)) >= 0) key = escaped;
      else return undefined;
      keyOffset = i;
      keyLength = end + 1 - i;
      i = end + 1;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n || text.charCodeAt(i) !== 58) return undefined;
      i++;
      while (i < n && isSpace((c = text.charCodeAt(i)))) i++;
      if (i >= n) return undefined;
      expectKey = false;
    }

    const start = i;
    let node: Node;
    let container = false;
    // where the node sits in its parent, known before it is made (so it is made whole)
    const memberKey = parent === undefined ? undefined : inObject ? key : elementsTop - base;
    const memberKeyOffset = parent !== undefined && inObject ? keyOffset : -1;
    const memberKeyLength = parent !== undefined && inObject ? keyLength : 0;
    if (c === 34) {
      let end = fastStringEnd(text, i, next);
      let value: string;
      if (end >= 0) value = cachedString(text, i + 1, end);
      else if (end === -1 && (end = escapedStringEnd(text, i)) >= 0) value = escaped;
      else return undefined;
      i = end + 1;
      node = newNode("string", start, i - start, value, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_NESTING_DEPTH) return { root: undefined, problems: [tooDeeplyNested(i)] };
      node = newNode(c === 123 ? "object" : "array", start, 1, undefined, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
      container = true;
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i;
      const negative = c === 45;
      if (negative) c = ++j < n ? text.charCodeAt(j) : -1;
      let v = 0;
      if (c === 48) j++;
      else if (c >= 49 && c <= 57) {
        v = c - 48;
        while (++j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57) v = v * 10 + (c - 48);
      } else return undefined;
      let integer = true;
      if (j < n && text.charCodeAt(j) === 46) {
        integer = false;
        if (!(++j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57)) return undefined;
        while (++j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57);
      }
      if (j < n && ((c = text.charCodeAt(j)) === 101 || c === 69)) {
        integer = false;
        if (++j < n && ((c = text.charCodeAt(j)) === 43 || c === 45)) j++;
        if (!(j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57)) return undefined;
        while (++j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57);
      }
      // up to 15 characters an integer is exact in a double: no need to parse it again
      const value = integer && j - i <= 15 ? (negative ? -v : v) : Number(text.slice(i, j));
      node = newNode("number", start, j - start, value, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
      i = j;
    } else if (c === 116 && text.charCodeAt(i + 1) === 114 && text.charCodeAt(i + 2) === 117 && text.charCodeAt(i + 3) === 101) {
      node = newNode("boolean", start, 4, true, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
      i += 4;
    } else if (c === 102 && text.charCodeAt(i + 1) === 97 && text.charCodeAt(i + 2) === 108 && text.charCodeAt(i + 3) === 115 && text.charCodeAt(i + 4) === 101) {
      node = newNode("boolean", start, 5, false, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
      i += 5;
    } else if (c === 110 && text.charCodeAt(i + 1) === 117 && text.charCodeAt(i + 2) === 108 && text.charCodeAt(i + 3) === 108) {
      node = newNode("null", start, 4, null, undefined, undefined, parent, memberKey, memberKeyOffset, memberKeyLength);
      i += 4;
    } else return undefined;

    // attach to the parent
    if (parent === undefined) root = node;
    else if (inObject) {
      const p = node as Property;
      // the first members are checked for a repeated key as they come; the members after them,
      // when the object closes (see repeatedKeys)
      if (membersTop - base <= INDEX_THRESHOLD) {
        for (let k = base; k < membersTop; k++) {
          if (members[k].key === key) {
            problems.push(duplicateKey(key, keyOffset, keyLength));
            break;
          }
        }
      }
      members[membersTop++] = p;
    } else {
      elements[elementsTop++] = node;
    }

    if (container) {
      const isObject = node.type === "object";
      while (i < n && isSpace((c = text.charCodeAt(i)))) i++;
      if (i < n && c === (isObject ? 125 : 93)) {
        // empty
        i++;
        node.length = i - start;
        // (`slice` of the member stack, not `[]`: an array of objects' elements kind, as the others)
        if (isObject) node.properties = members.slice(0, 0);
        else node.items = elements.slice(0, 0);
        depth--;
      } else {
        open.push(parent);
        bases.push(base);
        parent = node;
        base = isObject ? membersTop : elementsTop;
        inObject = isObject;
        expectKey = isObject;
        continue;
      }
    }

    // after a value: a comma, the end of containers, the end of the text
    for (;;) {
      while (i < n && isSpace((c = text.charCodeAt(i)))) i++;
      if (parent === undefined) {
        if (i < n) return undefined;
        // problems found when large objects closed come after those of the objects inside them
        if (sortProblems) problems.sort((a, b) => a.offset - b.offset);
        return { root, problems };
      }
      if (i >= n) return undefined;
      if (c === 44) {
        i++;
        expectKey = inObject;
        break;
      }
      if (c !== (inObject ? 125 : 93)) return undefined;
      i++;
      parent.length = i - parent.offset;
      if (inObject) {
        if (membersTop - base > INDEX_THRESHOLD + 1 && repeatedKeys(members, base, membersTop, problems)) sortProblems = true;
        parent.properties = copyRange(members, base, membersTop);
        membersTop = base;
      } else {
        parent.items = copyRange(elements, base, elementsTop);
        elementsTop = base;
      }
      depth--;
      parent = open.pop();
      base = bases.pop()!;
      inObject = parent !== undefined && parent.type === "object";
    }
  }
}
