import { isDeepStrictEqual } from 'node:util';
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parse,
  parseAllDocuments,
  Scalar,
  stringify,
  visit,
} from 'yaml';
import { fieldPath, GitcanaryError } from '../errors.js';
import { describeDoc, type ManifestTree, type ResourceDoc, sliceDocuments, toPlain } from './tree.js';

// Byte-minimal edits: find the node's offsets, splice new text in, re-parse and confirm that the
// value changed and nothing else did. Files are never re-serialised as a whole.

export type YamlPath = readonly (string | number)[];

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** How a file (or one document of it) writes YAML, so inserted lines look like their neighbours. */
export interface FileStyle {
  eol: '\n' | '\r\n';
  /** Spaces per map nesting level. */
  unit: number;
  /** `key:\n- item` (true) or `key:\n  - item` (false). */
  indentlessSeq: boolean;
  /** Spaces between a key's column and its block sequence's `-` (0 when indentless). */
  seqIndent: number;
}

/** Everything an edit needs to know about where it happens; errors are located from it. */
interface EditSite {
  tree: ManifestTree;
  doc: ResourceDoc;
  /** The text the document was parsed from (`doc.source`): node ranges and splices are offsets in it. */
  text: string;
  path: YamlPath;
}

/** The nodes along a path: `nodes[i]` is the node at `path.slice(0, i)`, `pairs[i]` the pair holding it. */
interface Located {
  nodes: unknown[];
  pairs: (Pair | undefined)[];
  /** How many leading path segments exist in the document. */
  found: number;
}

/**
 * Set the value at `path` in a resource, inserting missing keys (and a missing last sequence item)
 * in the file's own indentation style. `doc` may come from an earlier tree: it is re-read from
 * `tree` by file and document index, so edits can be chained with one `find`.
 */
export function setIn(tree: ManifestTree, doc: ResourceDoc, path: YamlPath, value: unknown): ManifestTree {
  const site = siteOf(tree, doc, path);
  const located = locate(site);
  guardAliases(site, located);
  const splice = planSet(site, located, value);
  if (splice === null) return tree;
  return confirm(site, splice, (before) => setPlain(before, path, value));
}

/** Remove the key (or sequence item) at `path`; a map left empty by it is removed with its key. */
export function deleteIn(tree: ManifestTree, doc: ResourceDoc, path: YamlPath): ManifestTree {
  if (path.length === 0) throw new GitcanaryError('INTERNAL', 'deleteIn needs a non-empty path');
  const site = siteOf(tree, doc, path);
  const located = locate(site);
  if (located.found < path.length) return tree;
  guardAliases(site, located);
  const parentPath = path.slice(0, -1);
  const parent = located.nodes[path.length - 1];
  const grandparent = located.nodes[path.length - 2];
  if (!isCollection(parent)) return tree;
  const key = path[path.length - 1]!;
  const item = isMap(parent)
    ? parent.items.find((pair) => keyOf(pair) === key)
    : typeof key === 'number'
      ? parent.items[key]
      : undefined;
  if (item === undefined) return tree;
  // A map emptied under a map key goes with its key (deletePlain drops it the same way).
  if (isMap(parent) && parent.items.length === 1 && isMap(grandparent)) {
    return deleteIn(tree, site.doc, parentPath);
  }
  const text = site.text;
  let splice: Splice;
  if (parent.flow) {
    splice = flowItemRemoval(parent.items as (Pair | Node)[], item as Pair | Node);
  } else if (isMap(parent) && parent.items.length === 1) {
    // The only key of a sequence item (`- key: v`): the item stays, as an empty map.
    const [start, end] = itemRange(item as Pair);
    splice = { start, end: trimEnd(text, end), text: '{}' };
  } else {
    const [start, end] = itemRange(item as Pair | Node);
    const from = lineStart(text, start);
    // A whole sequence item starts after its `- `: its lines go, from the dash's line on.
    const wholeItem = isSeq(parent) && /^\s*-\s*$/.test(text.slice(from, start));
    if (text.slice(from, start).trim() === '' || wholeItem) {
      splice = { start: from, end: lineAfter(text, end), text: '' };
    } else {
      // The first key of a sequence item shares its line with `- `: pull the next key up instead.
      const nextItem = (parent.items as (Pair | Node)[])[(parent.items as unknown[]).indexOf(item) + 1]!;
      splice = { start, end: itemRange(nextItem)[0], text: '' };
    }
  }
  return confirm(site, splice, (before) => deletePlain(before, path));
}

/** The node at `path`, or undefined. */
export function nodeAt(doc: ResourceDoc, path: YamlPath): unknown {
  return path.length === 0 ? doc.document.contents : doc.document.getIn(path, true);
}

function siteOf(tree: ManifestTree, doc: ResourceDoc, path: YamlPath): EditSite {
  const now = current(tree, doc);
  return { tree, doc: now, text: now.source, path };
}

/** The document in `tree` that `doc` names (it may have been found in an earlier tree). */
function current(tree: ManifestTree, doc: ResourceDoc): ResourceDoc {
  // Only that document is parsed: the rest of a large file stays text.
  const now = tree.document(doc.file, doc.index);
  if (now?.document === doc.document) return now;
  if (tree.isEmpty(doc.file)) {
    throw new GitcanaryError('FILE_EMPTY', 'the file holds no YAML document to edit', {
      file: doc.file,
      resource: describeDoc(doc),
      hint: 'gitcanary edits existing manifests; add the resource to the file first',
    });
  }
  if (
    now === undefined ||
    now.kind !== doc.kind ||
    now.name !== doc.name ||
    now.namespace !== doc.namespace
  ) {
    throw new GitcanaryError('RESOURCE_NOT_FOUND', 'the resource is no longer at its place in the file', {
      file: doc.file,
      resource: describeDoc(doc),
      hint: `expected it as document ${doc.index + 1}; find it again in the current tree`,
    });
  }
  return now;
}

/** Walk `path` without following aliases; stop at the first missing or empty segment. */
function locate(site: EditSite): Located {
  const nodes: unknown[] = [site.doc.document.contents];
  const pairs: (Pair | undefined)[] = [undefined];
  let node: unknown = nodes[0];
  for (const [i, key] of site.path.entries()) {
    if (isAlias(node)) throw aliasRefused(site, site.path.slice(0, i), node);
    let child: unknown;
    let pair: Pair | undefined;
    if (isMap(node)) {
      pair = node.items.find((p) => keyOf(p) === key);
      if (pair === undefined) return { nodes, pairs, found: i };
      child = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      child = node.items[key];
    } else {
      return { nodes, pairs, found: i };
    }
    nodes.push(child);
    pairs.push(pair);
    node = child;
  }
  if (isAlias(node)) throw aliasRefused(site, site.path, node);
  return { nodes, pairs, found: site.path.length };
}

/**
 * Refuse edits that would change other places through YAML anchors: an anchored collection on the
 * path that aliases refer to, or an anchor inside a replaced node that is used outside it.
 */
function guardAliases(site: EditSite, located: Located): void {
  const uses = new Map<string, number>();
  visit(site.doc.document, {
    Alias(_, alias) {
      uses.set(alias.source, (uses.get(alias.source) ?? 0) + 1);
    },
  });
  if (uses.size === 0) return;
  const replaced = located.found === site.path.length ? located.nodes[located.found] : undefined;
  const ancestors = located.nodes.slice(0, replaced === undefined ? located.found + 1 : located.found);
  for (const [depth, node] of ancestors.entries()) {
    const anchor = (node as Node | null)?.anchor;
    if (anchor !== undefined && (uses.get(anchor) ?? 0) > 0) {
      throw anchorRefused(site, site.path.slice(0, depth), node as Node, anchor);
    }
  }
  if (replaced === undefined || replaced === null || typeof replaced !== 'object') return;
  const inside = new Map<string, number>();
  const anchored: Node[] = [];
  visit(replaced as Node, {
    Alias(_, alias) {
      inside.set(alias.source, (inside.get(alias.source) ?? 0) + 1);
    },
    Node(_, node) {
      if (node.anchor !== undefined) anchored.push(node);
    },
  });
  for (const node of anchored) {
    const anchor = node.anchor!;
    if ((uses.get(anchor) ?? 0) > (inside.get(anchor) ?? 0))
      throw anchorRefused(site, site.path, node, anchor);
  }
}

function planSet(site: EditSite, located: Located, value: unknown): Splice | null {
  const { path } = site;
  if (located.found === path.length) {
    const existing = located.nodes[path.length];
    // A scalar written over a plain or quoted scalar (a weight, a tag) keeps its place and needs
    // no indentation: the file's style is not measured (a step plans dozens of these at its start).
    if (
      isScalar(existing) &&
      existing.range &&
      !isEmptyNode(existing) &&
      !isObject(value) &&
      existing.type !== Scalar.BLOCK_LITERAL &&
      existing.type !== Scalar.BLOCK_FOLDED
    ) {
      if (existing.value === value) return null;
      return { start: existing.range[0], end: existing.range[1], text: renderScalar(value, existing) };
    }
  }
  const style = styleAt(site, located);
  if (located.found === path.length) {
    const existing = located.nodes[path.length];
    const pair = located.pairs[path.length];
    if (pair !== undefined && isEmptyNode(existing)) return fillEmptyValue(site, pair, value, style);
    if (pair !== undefined && isEmptyFlow(existing) && isObject(value) && !isEmptyObject(value)) {
      return fillEmptyValue(site, pair, value, style);
    }
    return replaceNode(site, existing as Node, pair, value, style);
  }
  const depth = located.found;
  const parent = located.nodes[depth];
  const parentPair = located.pairs[depth];
  if (parentPair !== undefined && (isEmptyNode(parent) || isEmptyFlow(parent))) {
    // `key:`, `key: ~`, `key: {}` or `key: []` on the way: the rest of the path becomes its block.
    return fillEmptyValue(site, parentPair, nestValue(path.slice(depth), value), style);
  }
  const key = path[depth]!;
  const rest = nestValue(path.slice(depth + 1), value);
  if (isMap(parent)) {
    if (typeof key !== 'string') throw refused(site, path, 'cannot use a number as a map key', parent);
    return insertPair(site, parent, key, rest, style);
  }
  if (isSeq(parent)) {
    if (key !== parent.items.length) {
      throw refused(
        site,
        path,
        `cannot set item ${String(key)} of a sequence of ${parent.items.length} (only appending is supported)`,
        parent,
      );
    }
    return appendItem(site, parent, rest, style);
  }
  throw refused(site, path.slice(0, depth), 'cannot set a field below a scalar value', parent);
}

function replaceNode(
  site: EditSite,
  node: Node,
  pair: Pair | undefined,
  value: unknown,
  style: FileStyle,
): Splice | null {
  const { text } = site;
  const range = node.range;
  if (!range) throw refused(site, site.path, 'cannot edit a node without source position');
  if (isScalar(node) && !isObject(value)) {
    if (node.value === value) return null;
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      return replaceBlockScalar(site, node, value, style);
    }
    return { start: range[0], end: range[1], text: renderScalar(value, node) };
  }
  if (isDeepStrictEqual(isScalar(node) ? node.value : node.toJSON(), value)) return null;
  const start = range[0];
  const end = trimEnd(text, range[1]);
  if (isCollection(node) && node.flow) return { start, end, text: renderFlow(value) };
  const inline = !isObject(value) || isEmptyObject(value);
  if (pair !== undefined && (isScalar(node) || inline)) {
    // `key: scalar` ↔ `key:\n  block`: rewrite everything after the key's colon.
    const colon = colonAfterKey(text, pair);
    if (inline) return { start: colon + 1, end, text: ` ${renderInline(value)}` };
    return {
      start: colon + 1,
      end,
      text: style.eol + renderBlock(value, childColumn(site, pair, value, style), style),
    };
  }
  if (inline) return { start, end, text: renderInline(value) };
  const col = columnOf(text, start);
  return { start, end, text: renderBlock(value, col, style).slice(col) };
}

/** A `|` or `>` scalar keeps its style and indentation; yaml picks the chomping indicator. */
function replaceBlockScalar(site: EditSite, node: Scalar, value: unknown, style: FileStyle): Splice {
  const { text } = site;
  const [start, , end] = node.range!;
  const scalar = new Scalar(value);
  scalar.type = typeof value === 'string' ? node.type : undefined;
  const rendered = stringify(scalar, { lineWidth: 0 }).replace(/\n$/, '');
  const [header, ...body] = rendered.split('\n');
  const source = text.slice(start, end);
  const bodyIndent = /\n( +)\S/.exec(source)?.[1] ?? ' '.repeat(columnOf(text, start) + style.unit);
  const lines = body.map((line) => (line === '' ? line : bodyIndent + line));
  const trailing = /(\r?\n)*$/.exec(text.slice(start, node.range![1]))?.[0] ?? '';
  if (lines.length === 0) return { start, end: trimEnd(text, end), text: header! };
  return {
    start,
    end: start + text.slice(start, end).length - trailing.length,
    text: [header, ...lines].join(style.eol),
  };
}

function insertPair(
  site: EditSite,
  map: Node & { items: Pair[] },
  key: string,
  value: unknown,
  style: FileStyle,
): Splice {
  const { text } = site;
  const range = map.range!;
  if (isCollection(map) && map.flow) {
    const close = text.lastIndexOf('}', trimEnd(text, range[1]) - 1);
    const entry = `${renderKey(key)}: ${renderFlow(value)}`;
    if (map.items.length === 0) return { start: close, end: close, text: entry };
    // After the last entry, so `{a: 1}` and `{ a: 1 }` keep their padding.
    const at = trimEnd(text, close);
    return { start: at, end: at, text: `, ${entry}` };
  }
  const first = map.items[0]!;
  const col = columnOf(text, (first.key as Node).range![0]);
  const last = map.items[map.items.length - 1]!;
  const kept = keptBlockEnd(text, last.value);
  if (kept !== undefined)
    return { start: kept, end: kept, text: renderPair(key, value, col, style) + style.eol };
  const at = insertionPoint(text, itemRange(last)[1], col);
  return { start: at, end: at, text: style.eol + renderPair(key, value, col, style) };
}

function appendItem(
  site: EditSite,
  seq: Node & { items: unknown[] },
  value: unknown,
  style: FileStyle,
): Splice {
  const { text } = site;
  const range = seq.range!;
  if (isCollection(seq) && seq.flow) {
    const close = text.lastIndexOf(']', trimEnd(text, range[1]) - 1);
    const inner = text.slice(range[0] + 1, close).trim();
    return { start: close, end: close, text: inner === '' ? renderFlow(value) : `, ${renderFlow(value)}` };
  }
  const col = columnOf(text, range[0]);
  const last = seq.items[seq.items.length - 1] as Node;
  const kept = keptBlockEnd(text, last);
  if (kept !== undefined)
    return { start: kept, end: kept, text: renderBlock([value], col, style) + style.eol };
  const at = insertionPoint(text, itemRange(last)[1], col);
  return { start: at, end: at, text: style.eol + renderBlock([value], col, style) };
}

/** `key:` with no value, `key: ~`, `key: {}` or `key: []` gets the value in place, as a block if it is one. */
function fillEmptyValue(site: EditSite, pair: Pair, value: unknown, style: FileStyle): Splice {
  const { text } = site;
  const colon = colonAfterKey(text, pair);
  const valueNode = pair.value as Node | null;
  const end = valueNode?.range && valueNode.range[1] > colon ? trimEnd(text, valueNode.range[1]) : colon + 1;
  const tail = text.slice(colon + 1, end);
  if (tail.trim() !== '' && !/^\s*(~|null|Null|NULL|\{\s*\}|\[\s*\])$/.test(tail)) {
    throw refused(site, site.path, 'cannot fill a value that is not empty', valueNode ?? undefined);
  }
  if (!isObject(value) || isEmptyObject(value))
    return { start: colon + 1, end, text: ` ${renderInline(value)}` };
  // A comment after `key: []` stays on the key's line, above the new block.
  const lineEndAt = lineEnd(text, end);
  const comment = /^\s+#/.test(text.slice(end, lineEndAt)) ? text.slice(end, lineEndAt) : '';
  return {
    start: colon + 1,
    end: end + comment.length,
    text: comment + style.eol + renderBlock(value, childColumn(site, pair, value, style), style),
  };
}

/** Column of a new block under `pair`'s key: one unit deeper, or the file's sequence indent. */
function childColumn(site: EditSite, pair: Pair, value: unknown, style: FileStyle): number {
  const keyCol = columnOf(site.text, (pair.key as Node).range![0]);
  return keyCol + (Array.isArray(value) ? style.seqIndent : style.unit);
}

function colonAfterKey(text: string, pair: Pair): number {
  const keyEnd = (pair.key as Node).range![1];
  return text.indexOf(':', keyEnd);
}

function renderPair(key: string, value: unknown, col: number, style: FileStyle): string {
  const pad = ' '.repeat(col);
  if (!isObject(value) || isEmptyObject(value)) return `${pad}${renderKey(key)}: ${renderInline(value)}`;
  const childCol = col + (Array.isArray(value) ? style.seqIndent : style.unit);
  return `${pad}${renderKey(key)}:${style.eol}${renderBlock(value, childCol, style)}`;
}

/**
 * Block YAML for a collection, every line indented by `col`, in the file's indentation and line
 * endings. yaml's `stringify` has one indent for maps and sequences (and `indentSeq: false` means
 * `indent - 2`), so the structure is laid out here and every scalar and key is quoted by yaml.
 */
function renderBlock(value: unknown, col: number, style: FileStyle): string {
  const pad = ' '.repeat(col);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (!isObject(item) || isEmptyObject(item)) return `${pad}- ${renderInline(item)}`;
        // `- key: v` with the item's further keys two columns in, as kubectl and kustomize write it.
        return `${pad}- ${renderBlock(item, col + 2, style).slice(col + 2)}`;
      })
      .join(style.eol);
  }
  if (isObject(value)) {
    return Object.entries(value)
      .map(([key, child]) => renderPair(key, child, col, style))
      .join(style.eol);
  }
  return pad + renderInline(value);
}

/** A scalar or an empty collection, on one line. */
function renderInline(value: unknown): string {
  return isObject(value) ? renderFlow(value) : renderScalar(value);
}

function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).replace(
    /\n$/,
    '',
  );
}

function renderKey(key: string): string {
  return renderScalar(key);
}

/**
 * A one-line scalar in the style of the one it replaces (plain, 'single' or "double"), quoted
 * through yaml so `1.10`, `true`, `null` or `0x1` stay strings. Plain strings are also checked
 * against YAML 1.1, which Kubernetes' parser follows (`yes`, `on`, `0777` are not strings there).
 */
export function renderScalar(value: unknown, like?: Scalar): string {
  const scalar = new Scalar(value);
  const type = like?.type;
  if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) scalar.type = type;
  if (typeof value === 'string' && /[\n\r]/.test(value)) scalar.type = Scalar.QUOTE_DOUBLE;
  const out = stringify(scalar, { lineWidth: 0 }).replace(/\n$/, '');
  if (typeof value === 'string' && scalar.type === undefined && parse(out, { version: '1.1' }) !== value) {
    scalar.type = Scalar.QUOTE_DOUBLE;
    return stringify(scalar, { lineWidth: 0 }).replace(/\n$/, '');
  }
  return out;
}

function confirm(site: EditSite, splice: Splice, expect: (before: unknown) => unknown): ManifestTree {
  const { tree, doc, path } = site;
  const fail = (why: string): never => {
    throw new GitcanaryError('EDIT_UNCONFIRMED', `edit could not be confirmed: ${why}`, {
      file: doc.file,
      ...doc.position,
      resource: describeDoc(doc),
      field: fieldPath(path),
      hint: 'the file is left unchanged; please report this with the manifest',
    });
  };
  // The splice stays inside this document and every other one keeps its bytes: the edited
  // document, read alone, is still exactly one document (no `---` or `...` added, not emptied).
  // Only it is scanned and parsed again; the new tree shares the other documents' text.
  const own = doc.extent;
  if (splice.start < own.start || splice.end > own.end) return fail('the edit reaches outside the document');
  const source = doc.source;
  const editedText = source.slice(own.start, splice.start) + splice.text + source.slice(splice.end, own.end);
  if (sliceDocuments(editedText).length !== 1) fail('the number of documents changed');
  const next = tree.withDocument(doc.file, doc.index, editedText);
  let edited: ResourceDoc | undefined;
  try {
    edited = next.document(doc.file, doc.index);
  } catch (error) {
    return fail(`the result does not parse (${(error as Error).message})`);
  }
  if (edited === undefined || !isDeepStrictEqual(toPlain(edited), expect(toPlain(doc)))) {
    fail('the result differs from the intended value');
  }
  return next;
}

function setPlain(root: unknown, path: YamlPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(root)
    ? [...root]
    : root !== null && typeof root === 'object'
      ? { ...(root as Record<string, unknown>) }
      : {};
  (container as Record<string | number, unknown>)[key] = setPlain(
    (container as Record<string | number, unknown>)[key],
    rest,
    value,
  );
  return container;
}

function deletePlain(root: unknown, path: YamlPath): unknown {
  if (root === null || typeof root !== 'object') return root;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (rest.length === 0) {
    if (Array.isArray(root)) return root.filter((_, i) => i !== key);
    const { [key]: _, ...others } = root as Record<string | number, unknown>;
    return others;
  }
  const child = deletePlain((root as Record<string | number, unknown>)[key], rest);
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(root) ? [...root] : { ...root };
  if (
    !Array.isArray(copy) &&
    child !== null &&
    typeof child === 'object' &&
    Object.keys(child).length === 0
  ) {
    delete (copy as Record<string | number, unknown>)[key];
  } else {
    (copy as Record<string | number, unknown>)[key] = child;
  }
  return copy;
}

function nestValue(keys: YamlPath, value: unknown): unknown {
  return keys.reduceRight<unknown>(
    (inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }),
    value,
  );
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** Start and end offsets of a map pair or sequence item as written (key through value). */
function itemRange(item: Pair | Node): [number, number] {
  if (isPair(item)) {
    const keyRange = (item.key as Node | null)?.range;
    const valueRange = (item.value as Node | null)?.range;
    const start = keyRange?.[0] ?? valueRange?.[0] ?? 0;
    const end = valueRange?.[1] ?? keyRange?.[1] ?? start;
    return [start, Math.max(end, keyRange?.[1] ?? end)];
  }
  const range = item.range!;
  return [range[0], range[1]];
}

function flowItemRemoval(items: (Pair | Node)[], item: Pair | Node): Splice {
  const index = items.indexOf(item);
  const [start, end] = itemRange(item);
  if (items.length === 1) return { start, end, text: '' };
  if (index < items.length - 1) {
    const nextStart = itemRange(items[index + 1]!)[0];
    return { start, end: nextStart, text: '' };
  }
  const prevEnd = itemRange(items[index - 1]!)[1];
  return { start: prevEnd, end, text: '' };
}

/** After a `|+` / `>+` scalar its trailing blank lines are content: insert after them, at a line start. */
function keptBlockEnd(text: string, node: unknown): number | undefined {
  if (!isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED))
    return undefined;
  const [start, end] = node.range!;
  const header = text.slice(start, text.indexOf('\n', start));
  return header.includes('+') && text[end - 1] === '\n' ? end : undefined;
}

/**
 * Where a new last item goes: at the end of the previous item's last line, after comment lines
 * indented deeper than the new item (they annotate the previous item's nested block).
 */
function insertionPoint(text: string, lastItemEnd: number, col: number): number {
  let at = lineEnd(text, lastItemEnd);
  for (;;) {
    const next = text.indexOf('\n', at);
    if (next === -1) return at;
    const following = text.indexOf('\n', next + 1);
    const lineEndAt =
      following === -1 ? text.length : text[following - 1] === '\r' ? following - 1 : following;
    const line = text.slice(next + 1, lineEndAt);
    const indent = leadingSpacesOf(line);
    if (!line.trimStart().startsWith('#') || indent <= col) return at;
    at = lineEndAt;
  }
}

/**
 * The indentation style of a file. With `document` (parsed from `text`, and an offset `near` in
 * it), measured on that document and the sequence nearest to the edit, so a file mixing styles gets
 * each one's own. What the document does not show is measured on `fileHead()`: the file's first
 * documents when `text` is one document of a larger file, `text` itself by default.
 */
export function detectStyle(
  text: string,
  document?: Document.Parsed,
  near?: number,
  fileHead: () => string = () => text,
): FileStyle {
  let head: string | undefined;
  const headText = (): string => {
    head ??= fileHead();
    return head;
  };
  let fileVotes: StyleVotes | undefined;
  const file = (): StyleVotes => {
    fileVotes ??= measure(headText(), sampleDocuments(headText()), headText() === text ? near : undefined);
    return fileVotes;
  };
  const docVotes = document === undefined ? file() : measure(text, [document], near);
  const unit = mostCommon(docVotes.units) ?? mostCommon(file().units) ?? 2;
  const seqIndent = docVotes.nearestSeq ?? mostCommon(file().seqIndents) ?? unit;
  const eol = eolAt(text, near) ?? mostCommonEol(text) ?? mostCommonEol(headText()) ?? '\n';
  return { eol, unit, indentlessSeq: seqIndent === 0, seqIndent };
}

/** How much of a file is parsed to learn its style when the edited document does not show it. */
export const STYLE_SAMPLE_BYTES = 256 * 1024;

/** The file's documents within its first STYLE_SAMPLE_BYTES (a huge file is never parsed whole for its style). */
function sampleDocuments(text: string): Document.Parsed[] {
  let end = text.length;
  if (end > STYLE_SAMPLE_BYTES) {
    const slices = sliceDocuments(text);
    end = slices.filter((slice) => slice.end <= STYLE_SAMPLE_BYTES).at(-1)?.end ?? 0;
  }
  const docs = parseAllDocuments(text.slice(0, end));
  return Array.isArray(docs) ? docs : [];
}

function styleAt(site: EditSite, located: Located): FileStyle {
  const deepest = located.nodes[Math.min(located.found, located.nodes.length - 1)] as Node | null;
  const near = deepest?.range?.[0] ?? site.doc.document.contents?.range?.[0];
  const { tree, doc } = site;
  return detectStyle(site.text, doc.document, near, () => tree.head(doc.file, STYLE_SAMPLE_BYTES));
}

interface StyleVotes {
  units: number[];
  seqIndents: number[];
  nearestSeq: number | undefined;
}

/** Indentation steps as written: key → nested map key, and key → its block sequence's `-`. */
function measure(text: string, documents: readonly Document[], near: number | undefined): StyleVotes {
  const votes: StyleVotes = { units: [], seqIndents: [], nearestSeq: undefined };
  let nearest = Number.POSITIVE_INFINITY;
  for (const document of documents) {
    visit(document, {
      Pair(_, pair) {
        const keyStart = (pair.key as Node | null)?.range?.[0];
        const child = pair.value;
        if (keyStart === undefined || !isCollection(child) || child.flow || child.items.length === 0) return;
        const childStart = child.range?.[0];
        if (childStart === undefined || lineStart(text, childStart) === lineStart(text, keyStart)) return;
        const step = columnOf(text, childStart) - columnOf(text, keyStart);
        if (isMap(child) && step > 0 && step <= 8) votes.units.push(step);
        if (isSeq(child) && step >= 0 && step <= 8) {
          votes.seqIndents.push(step);
          const distance = near === undefined ? 0 : Math.abs(childStart - near);
          if (distance < nearest) {
            nearest = distance;
            votes.nearestSeq = step;
          }
        }
      },
    });
  }
  return votes;
}

function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of counts) {
    const bestCount = best === undefined ? 0 : counts.get(best)!;
    if (n > bestCount || (n === bestCount && best !== undefined && v < best)) best = v;
  }
  return best;
}

/** The line ending of the line at `near`. */
function eolAt(text: string, near: number | undefined): '\n' | '\r\n' | undefined {
  if (near === undefined) return undefined;
  const nl = text.indexOf('\n', near);
  if (nl === -1) return undefined;
  return text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The most common line ending of `text` (undefined when it has none), counted without splitting it. */
function mostCommonEol(text: string): '\n' | '\r\n' | undefined {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (text[at - 1] === '\r') crlf++;
    else lf++;
  }
  if (crlf + lf === 0) return undefined;
  return crlf > lf ? '\r\n' : '\n';
}

function leadingSpacesOf(line: string): number {
  return line.length - line.trimStart().length;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Start of the line holding `offset`; a byte-order mark is not part of the first line's indentation. */
function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && text.startsWith('\uFEFF') && offset > 0 ? 1 : start;
}

/** Offset of the end of the line holding `offset` (before its line ending). */
function lineEnd(text: string, offset: number): number {
  const from = trimEnd(text, offset);
  const nl = text.indexOf('\n', Math.max(from - 1, 0));
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Offset just past the line ending of the line holding `offset`. */
function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(trimEnd(text, offset) - 1, 0));
  return nl === -1 ? text.length : nl + 1;
}

/** Move `offset` back over trailing line breaks and spaces that a node's range may include. */
function trimEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

/** `key:` with nothing, `~` or `null`: a null scalar, or no node at all. */
function isEmptyNode(node: unknown): boolean {
  return (
    node === null ||
    node === undefined ||
    (isScalar(node) && node.value === null && !node.anchor && !node.tag)
  );
}

function isEmptyFlow(node: unknown): boolean {
  return isCollection(node) && node.flow === true && node.items.length === 0 && !node.anchor && !node.tag;
}

function nodePosition(site: EditSite, node: unknown): { line?: number; column?: number } {
  const start = (node as Node | null | undefined)?.range?.[0];
  return start === undefined
    ? (site.doc.position ?? {})
    : site.tree.position(site.doc.file, site.doc.offset + start);
}

function refused(site: EditSite, path: YamlPath, message: string, node?: unknown): GitcanaryError {
  return new GitcanaryError('FIELD_INVALID', message, {
    file: site.doc.file,
    ...nodePosition(site, node),
    resource: describeDoc(site.doc),
    field: fieldPath(path),
  });
}

function aliasRefused(site: EditSite, path: YamlPath, alias: Node & { source: string }): GitcanaryError {
  return new GitcanaryError(
    'FIELD_INVALID',
    `the field is an alias (*${alias.source}) of a value anchored elsewhere; refusing to edit through it`,
    {
      file: site.doc.file,
      ...nodePosition(site, alias),
      resource: describeDoc(site.doc),
      field: fieldPath(path),
      hint: `edit the anchored value &${alias.source}, or write the value out in place of the alias`,
    },
  );
}

function anchorRefused(site: EditSite, path: YamlPath, node: Node, anchor: string): GitcanaryError {
  return new GitcanaryError(
    'FIELD_INVALID',
    `the field is anchored as &${anchor} and aliases (*${anchor}) elsewhere would change with it`,
    {
      file: site.doc.file,
      ...nodePosition(site, node),
      resource: describeDoc(site.doc),
      field: fieldPath(site.path),
      hint: `anchored at ${fieldPath(path) || 'the document root'}; write the aliased places out in full, then retry`,
    },
  );
}
