import { isDeepStrictEqual } from 'node:util';
import { isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair, Scalar, stringify } from 'yaml';
import { fieldPath, GitcanaryError } from '../errors.js';
import { describeDoc, type ManifestTree, type ResourceDoc, toPlain } from './tree.js';

// Byte-minimal edits: find the node's offsets, splice new text in, re-parse and confirm that the
// value changed and nothing else did. Files are never re-serialised as a whole.

export type YamlPath = readonly (string | number)[];

interface Splice {
  start: number;
  end: number;
  text: string;
}

interface FileStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level. */
  unit: number;
  /** `key:\n- item` (true) or `key:\n  - item` (false). */
  indentlessSeq: boolean;
}

/**
 * Set the value at `path` in a resource, inserting missing keys (and a missing last sequence item)
 * in the file's own indentation style. Returns the new tree; the document is re-read from it.
 */
export function setIn(tree: ManifestTree, doc: ResourceDoc, path: YamlPath, value: unknown): ManifestTree {
  const text = tree.text(doc.file);
  const style = detectStyle(text);
  const splice = planSet(doc, path, value, text, style);
  if (splice === null) return tree;
  const next = applySplice(text, splice);
  return confirm(tree, doc, next, (before) => setPlain(before, path, value), path);
}

/** Remove the key (or sequence item) at `path`; a map left empty by it is removed with its key. */
export function deleteIn(tree: ManifestTree, doc: ResourceDoc, path: YamlPath): ManifestTree {
  const text = tree.text(doc.file);
  if (path.length === 0) throw new Error('deleteIn needs a non-empty path');
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(doc, parentPath);
  const key = path[path.length - 1]!;
  if (!isCollection(parent)) return tree;
  const item = isMap(parent)
    ? parent.items.find((pair) => keyOf(pair) === key)
    : typeof key === 'number'
      ? parent.items[key]
      : undefined;
  if (item === undefined) return tree;
  if (isMap(parent) && parent.items.length === 1 && parentPath.length > 0) {
    return deleteIn(tree, doc, parentPath);
  }
  let splice: Splice;
  if (parent.flow) {
    splice = flowItemRemoval(parent.items as (Pair | Node)[], item as Pair | Node);
  } else {
    const [start, end] = itemRange(item as Pair | Node);
    splice = { start: lineStart(text, start), end: lineAfter(text, end), text: '' };
  }
  const next = applySplice(text, splice);
  return confirm(tree, doc, next, (before) => deletePlain(before, path), path);
}

/** The node at `path`, or undefined. */
export function nodeAt(doc: ResourceDoc, path: YamlPath): unknown {
  return path.length === 0 ? doc.document.contents : doc.document.getIn(path, true);
}

function planSet(
  doc: ResourceDoc,
  path: YamlPath,
  value: unknown,
  text: string,
  style: FileStyle,
): Splice | null {
  const existing = nodeAt(doc, path);
  if (existing !== undefined && existing !== null) {
    return replaceNode(existing as Node, value, text, style, doc, path);
  }
  // Walk down to the deepest existing collection, then insert the rest there.
  let depth = path.length - 1;
  let parent: unknown = nodeAt(doc, path.slice(0, depth));
  while (
    (parent === undefined || parent === null || (isScalar(parent) && parent.value === null)) &&
    depth > 0
  ) {
    depth -= 1;
    parent = nodeAt(doc, path.slice(0, depth));
  }
  const key = path[depth]!;
  const rest = nestValue(path.slice(depth + 1), value);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => keyOf(p) === key);
    if (pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
      return fillEmptyValue(pair, rest, text, style);
    }
    if (typeof key !== 'string') throw unsupported(doc, path, 'a numeric key in a map');
    return insertPair(parent, key, rest, text, style);
  }
  if (isSeq(parent)) {
    if (key !== parent.items.length) {
      throw unsupported(
        doc,
        path,
        `an item index ${String(key)} beyond the end of a sequence of ${parent.items.length}`,
      );
    }
    return appendItem(parent, rest, text, style);
  }
  throw new GitcanaryError('FIELD_INVALID', 'cannot set a field below a scalar value', {
    file: doc.file,
    resource: describeDoc(doc),
    field: fieldPath(path.slice(0, depth)),
  });
}

function replaceNode(
  node: Node,
  value: unknown,
  text: string,
  style: FileStyle,
  doc: ResourceDoc,
  path: YamlPath,
): Splice | null {
  const range = node.range;
  if (!range) throw unsupported(doc, path, 'a node without source position');
  if (isScalar(node) && !isObject(value)) {
    if (node.value === value) return null;
    return { start: range[0], end: range[1], text: renderScalar(value, node) };
  }
  if (isDeepStrictEqual(isScalar(node) ? node.value : node.toJSON(), value)) return null;
  const [start, end] = [range[0], trimEnd(text, range[1])];
  const col = columnOf(text, start);
  if (isCollection(node) && node.flow) return { start, end, text: renderFlow(value) };
  if (isObject(value) && isScalar(node)) {
    // `key: scalar` becomes `key:\n  block`: put the block on the next lines, under the key.
    const keyCol = columnOf(text, lineStart(text, start)) + leadingSpaces(text, lineStart(text, start));
    const block = renderBlock(value, keyCol + childIndent(value, style), style);
    return { start: trimBackSpaces(text, start), end, text: style.eol + block };
  }
  return { start, end, text: renderBlock(value, col, style).slice(col) };
}

function insertPair(
  map: Node & { items: Pair[] },
  key: string,
  value: unknown,
  text: string,
  style: FileStyle,
): Splice {
  const range = map.range!;
  if (isCollection(map) && map.flow) {
    const close = text.lastIndexOf('}', range[1]);
    const entry = `${renderKey(key)}: ${renderFlow(value)}`;
    if (map.items.length === 0) return { start: close, end: close, text: entry };
    // After the last entry, so `{a: 1}` and `{ a: 1 }` keep their padding.
    const at = trimEnd(text, close);
    return { start: at, end: at, text: `, ${entry}` };
  }
  const first = map.items[0]!;
  const col = columnOf(text, (first.key as Node).range![0]);
  const last = map.items[map.items.length - 1]!;
  const at = lineEnd(text, itemRange(last)[1]);
  return { start: at, end: at, text: style.eol + renderPair(key, value, col, style) };
}

function appendItem(
  seq: Node & { items: unknown[] },
  value: unknown,
  text: string,
  style: FileStyle,
): Splice {
  const range = seq.range!;
  if (isCollection(seq) && seq.flow) {
    const close = text.lastIndexOf(']', range[1]);
    const inner = text.slice(range[0] + 1, close).trim();
    return { start: close, end: close, text: inner === '' ? renderFlow(value) : `, ${renderFlow(value)}` };
  }
  const col = columnOf(text, range[0]);
  const last = seq.items[seq.items.length - 1] as Node;
  const at = lineEnd(text, itemRange(last)[1]);
  const item = renderBlock([value], col, style);
  return { start: at, end: at, text: style.eol + item };
}

/** `key:` with no value (or `key: null` written empty) gets a block under it. */
function fillEmptyValue(pair: Pair, value: unknown, text: string, style: FileStyle): Splice {
  const keyNode = pair.key as Node;
  const keyCol = columnOf(text, keyNode.range![0]);
  const valueNode = pair.value as Node | null;
  const colon = text.indexOf(':', keyNode.range![1]);
  const end = valueNode?.range ? trimEnd(text, valueNode.range[1]) : colon + 1;
  if (!isObject(value)) return { start: colon + 1, end, text: ` ${renderScalar(value)}` };
  return {
    start: colon + 1,
    end,
    text: style.eol + renderBlock(value, keyCol + childIndent(value, style), style),
  };
}

function renderPair(key: string, value: unknown, col: number, style: FileStyle): string {
  const pad = ' '.repeat(col);
  if (!isObject(value) || isEmptyObject(value))
    return `${pad}${renderKey(key)}: ${isObject(value) ? renderFlow(value) : renderScalar(value)}`;
  return `${pad}${renderKey(key)}:${style.eol}${renderBlock(value, col + childIndent(value, style), style)}`;
}

function childIndent(value: unknown, style: FileStyle): number {
  return Array.isArray(value) && style.indentlessSeq ? 0 : style.unit;
}

/** Block YAML for `value`, every line indented by `col`, joined with the file's line ending. */
function renderBlock(value: unknown, col: number, style: FileStyle): string {
  const out = stringify(value, {
    indent: style.unit,
    indentSeq: !style.indentlessSeq,
    lineWidth: 0,
    flowCollectionPadding: false,
  }).replace(/\n$/, '');
  const pad = ' '.repeat(col);
  return out
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join(style.eol);
}

function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).replace(
    /\n$/,
    '',
  );
}

function renderKey(key: string): string {
  return stringify(key, { lineWidth: 0 }).replace(/\n$/, '');
}

/** A scalar in the style of the one it replaces, quoted through the library so `1.10` stays a string. */
function renderScalar(value: unknown, like?: Scalar): string {
  const type = like?.type;
  const scalar = new Scalar(value);
  if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) scalar.type = type;
  // A quoted number in the source stays quoted (e.g. an annotation `"10"`) when we write a string.
  return stringify(scalar, { lineWidth: 0 }).replace(/\n$/, '');
}

function confirm(
  tree: ManifestTree,
  doc: ResourceDoc,
  nextText: string,
  expect: (before: unknown) => unknown,
  path: YamlPath,
): ManifestTree {
  const next = tree.with(doc.file, nextText);
  const fail = (why: string): never => {
    throw new GitcanaryError('EDIT_UNCONFIRMED', `edit could not be confirmed: ${why}`, {
      file: doc.file,
      resource: describeDoc(doc),
      field: fieldPath(path),
      hint: 'the file is left unchanged; please report this with the manifest',
    });
  };
  let after: ResourceDoc[];
  try {
    after = next.documents(doc.file);
  } catch (error) {
    return fail(`the result does not parse (${(error as Error).message})`);
  }
  const before = tree.documents(doc.file);
  if (after.length !== before.length) fail('the number of documents changed');
  for (const [i, old] of before.entries()) {
    const want = i === doc.index ? expect(toPlain(old)) : toPlain(old);
    if (!isDeepStrictEqual(toPlain(after[i]!), want)) {
      fail(i === doc.index ? 'the result differs from the intended value' : `document ${i + 1} changed`);
    }
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

function applySplice(text: string, splice: Splice): string {
  return text.slice(0, splice.start) + splice.text + text.slice(splice.end);
}

export function detectStyle(text: string): FileStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  let unit = 0;
  let indentless = 0;
  let indented = 0;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (!/:\s*(#.*)?$/.test(prev) || line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const prevIndent = leadingSpacesOf(prev.replace(/^(\s*)- /, '$1  '));
    const indent = leadingSpacesOf(line);
    if (line.trimStart().startsWith('- ') || line.trim() === '-') {
      if (indent === prevIndent) indentless++;
      else if (indent > prevIndent) indented++;
    }
    if (indent > prevIndent && unit === 0) unit = indent - prevIndent;
  }
  return { eol, unit: unit > 0 && unit <= 8 ? unit : 2, indentlessSeq: indentless > indented };
}

function leadingSpacesOf(line: string): number {
  return line.length - line.trimStart().length;
}

function leadingSpaces(text: string, at: number): number {
  let n = 0;
  while (text[at + n] === ' ') n++;
  return n;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
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
  while (end > 0 && /[\s]/.test(text[end - 1]!)) end--;
  return end;
}

function trimBackSpaces(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] === ' ') start--;
  return start;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

function unsupported(doc: ResourceDoc, path: YamlPath, what: string): GitcanaryError {
  return new GitcanaryError('FIELD_INVALID', `cannot edit ${what}`, {
    file: doc.file,
    resource: describeDoc(doc),
    field: fieldPath(path),
  });
}
