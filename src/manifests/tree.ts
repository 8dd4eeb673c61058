import { type Document, isMap, isScalar, parseAllDocuments, visit } from 'yaml';
import { fieldPath, GitcanaryError } from '../errors.js';

// yaml expands aliases when converting to JS; a bounded count stops alias bombs ("billion laughs").
export const MAX_ALIAS_COUNT = 100;

export interface ResourceRef {
  kind: string;
  name: string;
  namespace?: string | undefined;
  /** Accepted apiVersions (e.g. `apisix.apache.org/v2`, `apisix.apache.org/v2beta3`); any when absent. */
  apiVersions?: readonly string[] | undefined;
}

/** One YAML document of one manifest file, with its Kubernetes identity when it has one. */
export interface ResourceDoc {
  file: string;
  index: number;
  document: Document.Parsed;
  apiVersion: string | undefined;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  /** 1-based line and column where the document's content starts, for errors. */
  position?: { line: number; column: number } | undefined;
}

/** Where one document of a file starts and ends (offsets in the file's text). */
export interface DocumentSlice {
  start: number;
  end: number;
}

/** What a lookup may skip without parsing: documents whose text cannot hold this kind and name. */
export interface ResourceFilter {
  kind?: string | undefined;
  name?: string | undefined;
}

const PARSE_OPTIONS = {
  uniqueKeys: true,
  // Kubernetes' YAML parser (go-yaml) honours `<<: *base` merge keys; read them the same way.
  merge: true,
} as const;

/** Parse state of one file: its document slices and the documents parsed so far. */
class FileDocuments {
  #slices: DocumentSlice[] | undefined;
  #whole: boolean | undefined;
  readonly #docs = new Map<number, ResourceDoc>();
  #lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    slices?: DocumentSlice[],
  ) {
    this.#slices = slices;
  }

  get slices(): DocumentSlice[] {
    this.#slices ??= sliceDocuments(this.text);
    return this.#slices;
  }

  get count(): number {
    return this.slices.length;
  }

  /** Document `index`, parsed on first use from its own slice of the text only. */
  document(index: number): ResourceDoc | undefined {
    const cached = this.#docs.get(index);
    if (cached !== undefined) return cached;
    const slice = this.slices[index];
    if (slice === undefined) return undefined;
    if (this.#whole !== true) {
      const parsed = parseAllDocuments(this.text.slice(slice.start, slice.end), PARSE_OPTIONS);
      const documents = Array.isArray(parsed) ? parsed : [];
      if (documents.length === 1) {
        const document = documents[0]!;
        shiftRanges(document, slice.start);
        return this.#remember(index, document);
      }
      // The slices disagree with the parser (directives between documents, or an error that
      // spans a boundary): parse the whole file once, as the parser sees it.
      this.#parseWhole();
      return this.#docs.get(index);
    }
    return undefined;
  }

  /** Text of document `index`, for cheap textual checks before parsing. */
  sliceText(index: number): string {
    const slice = this.slices[index]!;
    return this.text.slice(slice.start, slice.end);
  }

  /** Indexes of the documents whose text contains `needle` (one search over the file, not one per document). */
  documentsContaining(needle: string): number[] {
    const slices = this.slices;
    const found: number[] = [];
    for (let at = this.text.indexOf(needle); at !== -1; ) {
      const index = sliceAt(slices, at);
      if (index === undefined) break;
      const slice = slices[index]!;
      // Found in this document: go on after it. Across a boundary: no match of either, look on.
      if (at + needle.length <= slice.end) {
        found.push(index);
        at = this.text.indexOf(needle, slice.end);
      } else at = this.text.indexOf(needle, at + 1);
    }
    return found;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    this.#lineStarts ??= lineStartsOf(this.text);
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  #parseWhole(): void {
    this.#whole = true;
    const parsed = parseAllDocuments(this.text, PARSE_OPTIONS);
    const documents = Array.isArray(parsed) ? parsed : [];
    this.#slices = documents.map((document) => ({ start: document.range[0], end: document.range[2] }));
    this.#docs.clear();
    for (const [index, document] of documents.entries()) this.#remember(index, document);
  }

  #remember(index: number, document: Document.Parsed): ResourceDoc {
    const error = document.errors[0];
    if (error) {
      const pos = this.position(error.pos[0]);
      throw new GitcanaryError('YAML_INVALID', error.message.split('\n')[0] ?? 'invalid YAML', {
        file: this.file,
        line: pos.line,
        column: pos.column,
        cause: error,
      });
    }
    const start = document.contents?.range?.[0];
    const doc: ResourceDoc = {
      ...identify(this.file, index, document),
      position: start === undefined ? undefined : this.position(start),
    };
    this.#docs.set(index, doc);
    return doc;
  }
}

/**
 * An immutable set of manifest files (repository-relative path → text). Targets read it and return
 * a new tree; only the engine and the CLI read it from or write it to disk (see `load.ts`).
 *
 * Memory follows what a release touches, not what a folder holds: a file is split into its
 * documents by their `---`/`...` markers without parsing, and a document is parsed only when asked
 * for, or when its text can hold the kind and name looked up. A tree made by `with()` keeps the
 * parsed documents of every file it did not change.
 */
export class ManifestTree {
  readonly #files: ReadonlyMap<string, string>;
  readonly #parsed: Map<string, FileDocuments>;

  constructor(
    files: ReadonlyMap<string, string> | Record<string, string>,
    parsed: ReadonlyMap<string, FileDocuments> = new Map(),
  ) {
    this.#files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
    this.#parsed = new Map(parsed);
  }

  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  has(file: string): boolean {
    return this.#files.has(file);
  }

  text(file: string): string {
    const text = this.#files.get(file);
    if (text === undefined) {
      throw new GitcanaryError('FILE_NOT_FOUND', 'file is not part of the manifest tree', { file });
    }
    return text;
  }

  /** A new tree with `file` set to `text`, or removed when `text` is null. */
  with(file: string, text: string | null): ManifestTree {
    const files = new Map(this.#files);
    const parsed = new Map(this.#parsed);
    parsed.delete(file);
    if (text === null) files.delete(file);
    else files.set(file, text);
    return new ManifestTree(files, parsed);
  }

  /**
   * A new tree with `file` set to `text` whose documents are known to be at `slices` (an edit
   * that stayed inside one document), so a large file is not scanned again for its markers.
   */
  withSlices(file: string, text: string, slices: DocumentSlice[]): ManifestTree {
    const next = this.with(file, text);
    next.#parsed.set(file, new FileDocuments(file, text, slices));
    return next;
  }

  /** Files whose text differs from `base` (added, changed or removed), sorted. */
  changedFrom(base: ManifestTree): { file: string; text: string | null }[] {
    const out: { file: string; text: string | null }[] = [];
    for (const file of new Set([...this.paths(), ...base.paths()])) {
      const now = this.#files.get(file) ?? null;
      const before = base.has(file) ? base.text(file) : null;
      if (now !== before) out.push({ file, text: now });
    }
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Every parsed document of a file; throws a located YAML_INVALID on the first parse error. */
  documents(file: string): ResourceDoc[] {
    const docs = this.#of(file);
    const out: ResourceDoc[] = [];
    for (let index = 0; index < docs.count; index++) {
      const doc = docs.document(index);
      if (doc !== undefined) out.push(doc);
    }
    return out;
  }

  /** Document `index` of a file (parsing only that one), or undefined when the file has fewer. */
  document(file: string, index: number): ResourceDoc | undefined {
    return this.#of(file).document(index);
  }

  /** Where each document of a file starts and ends, found without parsing. */
  slices(file: string): readonly DocumentSlice[] {
    return this.#of(file).slices;
  }

  /** True when the file holds no document with content (empty, only comments or `---`); no parsing. */
  isEmpty(file: string): boolean {
    const docs = this.#of(file);
    for (let index = 0; index < docs.count; index++) {
      if (CONTENT_LINE.test(docs.sliceText(index).replace(EMPTY_MARKER_LINE, ''))) return false;
    }
    return true;
  }

  /** 1-based line and column of an offset in a file. */
  position(file: string, offset: number): { line: number; column: number } {
    return this.#of(file).position(offset);
  }

  /**
   * Every document with a `kind` in the given files (all files when none are given). With a
   * filter, a file or document whose text does not contain the kind (and the name) is skipped
   * unparsed; the filter is then applied to what was parsed.
   */
  resources(files: readonly string[] = this.paths(), filter: ResourceFilter = {}): ResourceDoc[] {
    const needles = [filter.kind, filter.name].filter((needle): needle is string => needle !== undefined);
    const out: ResourceDoc[] = [];
    for (const file of files) {
      const text = this.text(file);
      if (needles.some((needle) => !text.includes(needle))) continue;
      const docs = this.#of(file);
      // A name is rarer than a kind: find the documents holding it, then check those for the kind.
      const candidates =
        filter.name !== undefined
          ? docs.documentsContaining(filter.name)
          : Array.from({ length: docs.count }, (_, index) => index);
      for (const index of candidates) {
        if (needles.length > 0 && needles.some((needle) => !docs.sliceText(index).includes(needle))) continue;
        const doc = docs.document(index);
        if (doc === undefined || doc.kind === undefined) continue;
        if (filter.kind !== undefined && doc.kind !== filter.kind) continue;
        if (filter.name !== undefined && doc.name !== filter.name) continue;
        out.push(doc);
      }
    }
    return out;
  }

  /**
   * The one resource matching `ref` among `files` (all files when none are given). Not found and
   * found twice are errors that name the resource and where it was looked for.
   */
  find(ref: ResourceRef, files: readonly string[] = this.paths()): ResourceDoc {
    const matches = this.resources(files, { kind: ref.kind, name: ref.name }).filter((doc) =>
      matchesRef(doc, ref),
    );
    const resource = describeRef(ref);
    if (matches.length === 0 && files.length === 1 && this.isEmpty(files[0]!)) {
      // Searching a folder skips empty files; naming one to edit is a mistake worth its own error.
      throw new GitcanaryError('FILE_EMPTY', 'the file holds no YAML document', {
        file: files[0],
        resource,
        hint: `add the ${ref.kind} to the file, or point gitcanary at the file that has it`,
      });
    }
    if (matches.length === 0) {
      // A broken file of ordinary size says so rather than "not found" (a huge one is not parsed).
      for (const file of files) if (this.text(file).length <= FULL_CHECK_BYTES) this.documents(file);
      const sameKind = this.resources(files, { kind: ref.kind }).map((doc) => doc.name);
      throw new GitcanaryError('RESOURCE_NOT_FOUND', 'resource not found', {
        file: files.length === 1 ? files[0] : undefined,
        resource,
        hint:
          sameKind.length > 0
            ? `${ref.kind} resources present: ${[...new Set(sameKind)].slice(0, 20).join(', ')}`
            : `no ${ref.kind} in ${files.slice(0, 20).join(', ') || 'the tree'}${ref.apiVersions ? ` with apiVersion ${ref.apiVersions.join(' or ')}` : ''}`,
      });
    }
    if (matches.length > 1) {
      const second = matches[1]!;
      throw new GitcanaryError('RESOURCE_DUPLICATE', 'resource is defined more than once', {
        file: second.file,
        ...this.#docPosition(second),
        resource,
        hint: `also in ${matches[0]!.file} (document ${matches[0]!.index + 1})`,
      });
    }
    return matches[0]!;
  }

  #docPosition(doc: ResourceDoc): { line?: number; column?: number } {
    return doc.position ?? {};
  }

  #of(file: string): FileDocuments {
    let docs = this.#parsed.get(file);
    if (docs === undefined) {
      docs = new FileDocuments(file, this.text(file));
      this.#parsed.set(file, docs);
    }
    return docs;
  }
}

/** Files up to this size are parsed whole when a lookup finds nothing, to report YAML errors. */
const FULL_CHECK_BYTES = 1024 * 1024;
/** A `---` line with nothing after the marker but a comment. */
const EMPTY_MARKER_LINE = /^---[ \t]*(#.*)?$/gm;

// A line `---` or `...` at column 0 (followed by a blank or the line's end) is a document marker,
// wherever it is: YAML forbids such a line inside content (c-forbidden), block scalars included.
const MARKER = /^(---|\.\.\.)(?=[ \t]|\r?\n|$)/gm;
// A line that is document content: not blank, not a comment, not a directive or a `...` marker.
const CONTENT_LINE = /^(?![ \t]*(#|\r?$)|%|\.\.\.([ \t]|\r?$))/m;

/**
 * The documents of a YAML stream, by their markers, the way the parser counts them: a document
 * starts at each `---`, at the stream's start and after each `...` when content follows.
 * Comments and directives before a document belong to its slice; those after the last document
 * to the last. Cheap (one regular expression) and exact for Kubernetes manifests; a file the
 * parser splits otherwise is parsed whole (see FileDocuments.document).
 */
export function sliceDocuments(text: string): DocumentSlice[] {
  // One pass over the markers, allocating only the slices (a 30 MB file has 100k documents).
  const slices: DocumentSlice[] = [];
  // The region since the last marker, and the comments and directives waiting for a document.
  let start = 0;
  let atMarker = false;
  let prelude: number | undefined;
  const regionEnds = (end: number, closed: boolean) => {
    if (end <= start && !atMarker) return;
    // A region is a document when a `---` opens it, a `...` closes it, or it has content.
    if (atMarker || closed || CONTENT_LINE.test(text.slice(start, end))) {
      slices.push({ start: prelude ?? start, end });
      prelude = undefined;
    } else prelude ??= start;
  };
  const marker = new RegExp(MARKER.source, MARKER.flags);
  while (marker.test(text)) {
    const at = marker.lastIndex - 3;
    if (text[at] === '-') {
      // A `---` at the region's start (the stream's, or right after a `...` line) opens it.
      if (at > start) regionEnds(at, false);
      start = at;
      atMarker = true;
    } else {
      // A `...` closes a document, an empty one when none is open (the parser counts it too).
      const lineEnd = text.indexOf('\n', at);
      const after = lineEnd === -1 ? text.length : lineEnd + 1;
      regionEnds(after, true);
      start = after;
      atMarker = false;
    }
  }
  regionEnds(text.length, false);
  // Comments (or a `...`) after the last document are its tail.
  const last = slices.at(-1);
  if (last !== undefined) last.end = text.length;
  return slices;
}

/** Moves every offset of a document parsed from a slice to the file's offsets. */
function shiftRanges(document: Document.Parsed, offset: number): void {
  if (offset === 0) return;
  const shift = (range: [number, number, number]) => {
    range[0] += offset;
    range[1] += offset;
    range[2] += offset;
  };
  shift(document.range);
  visit(document, {
    Node(_, node) {
      if (node.range) shift(node.range as [number, number, number]);
    },
  });
  for (const problem of [...document.errors, ...document.warnings]) {
    problem.pos[0] += offset;
    problem.pos[1] += offset;
  }
}

/** The index of the slice holding `offset`. */
function sliceAt(slices: readonly DocumentSlice[], offset: number): number | undefined {
  let low = 0;
  let high = slices.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const slice = slices[middle]!;
    if (offset < slice.start) high = middle - 1;
    else if (offset >= slice.end) low = middle + 1;
    else return middle;
  }
  return undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function identify(file: string, index: number, document: Document.Parsed): ResourceDoc {
  const str = (path: string[]): string | undefined => {
    const node = document.getIn(path, true);
    return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
  };
  const isResource = isMap(document.contents);
  return {
    file,
    index,
    document,
    apiVersion: isResource ? str(['apiVersion']) : undefined,
    kind: isResource ? str(['kind']) : undefined,
    name: isResource ? str(['metadata', 'name']) : undefined,
    namespace: isResource ? str(['metadata', 'namespace']) : undefined,
  };
}

function matchesRef(doc: ResourceDoc, ref: ResourceRef): boolean {
  if (doc.kind !== ref.kind || doc.name !== ref.name) return false;
  if (ref.namespace !== undefined && doc.namespace !== undefined && doc.namespace !== ref.namespace)
    return false;
  if (ref.apiVersions && (doc.apiVersion === undefined || !ref.apiVersions.includes(doc.apiVersion)))
    return false;
  return true;
}

export function describeRef(ref: {
  kind?: string | undefined;
  name?: string | undefined;
  namespace?: string | undefined;
}): string {
  return [ref.kind ?? '?', ref.namespace, ref.name ?? '?'].filter((p) => p !== undefined).join('/');
}

export function describeDoc(doc: ResourceDoc): string {
  return describeRef(doc);
}

/** The JS value of a document, with alias expansion bounded. */
export function toPlain(doc: ResourceDoc): unknown {
  try {
    return doc.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    throw new GitcanaryError('YAML_ALIAS_LIMIT', `alias expansion exceeds ${MAX_ALIAS_COUNT} (alias bomb?)`, {
      file: doc.file,
      ...doc.position,
      resource: describeDoc(doc),
      cause,
    });
  }
}

/** Value at `path` as plain JS (undefined when absent), aliases bounded. */
export function valueAt(doc: ResourceDoc, path: readonly (string | number)[]): unknown {
  let value: unknown = toPlain(doc);
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export { fieldPath };
