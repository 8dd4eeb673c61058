import { type Document, isMap, isScalar, parseAllDocuments } from 'yaml';
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
  /**
   * The text `document` was parsed from: its own slice of the file, or the whole file when the file
   * had to be parsed whole. Its nodes' ranges are offsets in this text.
   */
  source: string;
  /** Where the document's own bytes lie in `source` (all of it, unless the file was parsed whole). */
  extent: DocumentSlice;
  /** Where `source` starts in the file: a node's offset in the file is its range's plus this. */
  offset: number;
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

/**
 * A file's text as it was read (or last replaced whole), with its document slices found once and
 * shared by every edit made to the file since: an edit keeps its document's new text, not a copy
 * of the file.
 */
class FileBase {
  #slices: DocumentSlice[] | undefined;
  /** Line breaks before each document's start, counted once for all positions. */
  #breaksBefore: Uint32Array | undefined;

  constructor(
    readonly text: string,
    slices?: DocumentSlice[],
  ) {
    this.#slices = slices;
  }

  get slices(): DocumentSlice[] {
    this.#slices ??= sliceDocuments(this.text);
    return this.#slices;
  }

  sliceText(index: number): string {
    const slice = this.slices[index]!;
    return this.text.slice(slice.start, slice.end);
  }

  breaksBefore(index: number): number {
    if (this.#breaksBefore === undefined) {
      const slices = this.slices;
      const counts = new Uint32Array(slices.length);
      let breaks = 0;
      let from = 0;
      for (const [i, slice] of slices.entries()) {
        breaks += countBreaks(this.text, from, slice.start);
        from = slice.start;
        counts[i] = breaks;
      }
      this.#breaksBefore = counts;
    }
    return this.#breaksBefore[index]!;
  }
}

/**
 * One file of a tree: its base text and the documents edited since (index → the document's new
 * text, its `---` line included). Documents are parsed one at a time from their own text, so their
 * nodes' ranges are offsets in that text; the file's whole text is put together only when asked for
 * (writing, diffs, a file-wide edit).
 */
class FileDocuments {
  #base: FileBase;
  #edits: ReadonlyMap<number, string>;
  #whole = false;
  readonly #docs = new Map<number, ResourceDoc>();
  #text: string | undefined;
  #slices: DocumentSlice[] | undefined;
  #lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    base: FileBase,
    edits: ReadonlyMap<number, string> = new Map(),
  ) {
    this.#base = base;
    this.#edits = edits;
  }

  /** The whole text, put together from the base and the edited documents on first use. */
  get text(): string {
    if (this.#edits.size === 0) return this.#base.text;
    this.#text ??= [...this.#pieces()].join('');
    return this.#text;
  }

  get length(): number {
    let length = this.#base.text.length;
    for (const [index, text] of this.#edits) length += this.#delta(index, text);
    return length;
  }

  /** Where each document starts and ends in the whole text. */
  get slices(): DocumentSlice[] {
    if (this.#edits.size === 0) return this.#base.slices;
    if (this.#slices === undefined) {
      let shift = 0;
      this.#slices = this.#base.slices.map((slice, index) => {
        const start = slice.start + shift;
        const edited = this.#edits.get(index);
        if (edited !== undefined) shift += this.#delta(index, edited);
        return { start, end: slice.end + shift };
      });
    }
    return this.#slices;
  }

  get count(): number {
    return this.#base.slices.length;
  }

  /** Text of document `index`, for cheap textual checks before parsing. */
  sliceText(index: number): string {
    return this.#edits.get(index) ?? this.#base.sliceText(index);
  }

  /** Document `index`, parsed on first use from its own text only. */
  document(index: number): ResourceDoc | undefined {
    const cached = this.#docs.get(index);
    if (cached !== undefined || this.#whole || index >= this.count) return cached;
    const source = this.sliceText(index);
    const parsed = parseAllDocuments(source, PARSE_OPTIONS);
    const documents = Array.isArray(parsed) ? parsed : [];
    if (documents.length === 1)
      return this.#remember(index, documents[0]!, source, { start: 0, end: source.length });
    // The slices disagree with the parser (directives between documents, or an error that spans a
    // boundary): parse the whole file once, as the parser sees it.
    this.#parseWhole();
    return this.#docs.get(index);
  }

  /**
   * Whether document `index` can be a `kind` (any kind when undefined) holding every needle, judged
   * from its text without parsing: false only when it cannot.
   */
  mayHold(index: number, needles: readonly string[], kind: string | undefined): boolean {
    const text = this.sliceText(index);
    if (needles.some((needle) => !text.includes(needle))) return false;
    // A file parsed whole has no text of its own per document to read a kind line from.
    if (kind === undefined || this.#whole) return true;
    const written = writtenKind(text);
    return written === undefined || written === kind;
  }

  /** Whether `needle` may occur in the file: never false when it does (an edit may have removed it). */
  mayContain(needle: string): boolean {
    if (this.#base.text.includes(needle)) return true;
    for (const text of this.#edits.values()) if (text.includes(needle)) return true;
    return false;
  }

  /** Indexes of the documents whose text contains `needle` (one search over the file, not one per document). */
  documentsContaining(needle: string): number[] {
    const { text, slices } = this.#base;
    const found: number[] = [];
    for (let at = text.indexOf(needle); at !== -1; ) {
      const index = sliceAt(slices, at);
      if (index === undefined) break;
      const slice = slices[index]!;
      // Found in this document: go on after it. Across a boundary: no match of either, look on.
      if (at + needle.length <= slice.end) {
        if (!this.#edits.has(index)) found.push(index);
        at = text.indexOf(needle, slice.end);
      } else at = text.indexOf(needle, at + 1);
    }
    const edited = [...this.#edits].filter(([, text]) => text.includes(needle)).map(([index]) => index);
    return edited.length === 0 ? found : [...found, ...edited].sort((a, b) => a - b);
  }

  /** The text in order, in pieces of at most `size` characters, without putting it together. */
  *chunks(size: number): Generator<string> {
    for (const piece of this.#edits.size === 0 ? [this.#base.text] : this.#pieces()) {
      for (let at = 0; at < piece.length; ) {
        let end = Math.min(at + size, piece.length);
        // Never between the two halves of a surrogate pair: each piece is encoded on its own.
        if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end -= 1;
        yield piece.slice(at, end);
        at = end;
      }
    }
  }

  /** The first `length` characters of the text, without putting the whole text together. */
  head(length: number): string {
    if (this.#edits.size === 0) return this.#base.text.slice(0, length);
    let out = '';
    for (const piece of this.#pieces()) {
      out += piece.slice(0, length - out.length);
      if (out.length >= length) break;
    }
    return out;
  }

  /** The text up to the end of the last document that ends within `length` (all of a shorter file). */
  documentsHead(length: number): string {
    if (this.length <= length) return this.text;
    let end = 0;
    let shift = 0;
    for (const [index, slice] of this.#base.slices.entries()) {
      const edited = this.#edits.get(index);
      const delta = edited === undefined ? 0 : this.#delta(index, edited);
      if (slice.end + shift + delta > length) break;
      shift += delta;
      end = slice.end + shift;
    }
    return this.head(end);
  }

  /** Whether the two hold the same text; compares only the edited documents when both share a base. */
  sameText(other: FileDocuments): boolean {
    if (other === this) return true;
    if (other.#base !== this.#base) return other.text === this.text;
    for (const index of new Set([...this.#edits.keys(), ...other.#edits.keys()])) {
      if (this.sliceText(index) !== other.sliceText(index)) return false;
    }
    return true;
  }

  /** The file with document `index` replaced by `text` (which must hold exactly one document). */
  withDocument(index: number, text: string): FileDocuments {
    const edits = new Map(this.#edits);
    if (text === this.#base.sliceText(index)) edits.delete(index);
    else edits.set(index, text);
    return new FileDocuments(this.file, this.#base, edits);
  }

  /** 1-based line and column of an offset in the whole text. */
  position(offset: number): { line: number; column: number } {
    const slices = this.slices;
    const index = this.#whole ? undefined : sliceAt(slices, offset);
    if (index === undefined) return this.#position(offset);
    return positionInDocument(this.#base, this.#edits, index, offset - slices[index]!.start);
  }

  /** 1-based line and column of an offset in the whole text, from a line index of it. */
  #position(offset: number): { line: number; column: number } {
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

  /** Where document `index` starts in the whole text. */
  #start(index: number): number {
    let start = this.#base.slices[index]!.start;
    for (const [edited, text] of this.#edits) if (edited < index) start += this.#delta(edited, text);
    return start;
  }

  #delta(index: number, text: string): number {
    const slice = this.#base.slices[index]!;
    return text.length - (slice.end - slice.start);
  }

  /** The whole text in order: the base between edited documents, and their new texts. */
  *#pieces(): Generator<string> {
    const { text, slices } = this.#base;
    let at = 0;
    for (const index of [...this.#edits.keys()].sort((a, b) => a - b)) {
      const slice = slices[index]!;
      yield text.slice(at, slice.start);
      yield this.#edits.get(index)!;
      at = slice.end;
    }
    yield text.slice(at);
  }

  #parseWhole(): void {
    const text = this.text;
    const parsed = parseAllDocuments(text, PARSE_OPTIONS);
    const documents = Array.isArray(parsed) ? parsed : [];
    const slices = documents.map((document) => ({ start: document.range[0], end: document.range[2] }));
    // From now on the file is its whole text, with the documents where the parser found them.
    this.#base = new FileBase(text, slices);
    this.#edits = new Map();
    this.#slices = undefined;
    this.#whole = true;
    this.#docs.clear();
    for (const [index, document] of documents.entries())
      this.#remember(index, document, text, slices[index]!);
  }

  #remember(index: number, document: Document.Parsed, source: string, extent: DocumentSlice): ResourceDoc {
    // What the position depends on, as it is now: a later whole parse replaces the base.
    const base = this.#base;
    const edits = this.#edits;
    const locate = this.#whole
      ? (at: number) => this.#position(at)
      : (at: number) => positionInDocument(base, edits, index, at);
    const error = document.errors[0];
    if (error) {
      const pos = locate(error.pos[0]);
      throw new GitcanaryError('YAML_INVALID', error.message.split('\n')[0] ?? 'invalid YAML', {
        file: this.file,
        line: pos.line,
        column: pos.column,
        cause: error,
      });
    }
    const start = document.contents?.range?.[0];
    let position: { line: number; column: number } | undefined;
    const doc: ResourceDoc = {
      ...identify(this.file, index, document),
      source,
      extent,
      offset: this.#whole ? 0 : this.#start(index),
      // Counted when an error asks: a lookup in a large file counts no lines.
      get position() {
        if (start !== undefined) position ??= locate(start);
        return position;
      },
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
 * for, or when its text can hold the kind and name looked up. An edit replaces one document's
 * text: the new tree shares the file's other documents (their text, unscanned and unparsed) with the
 * old one, and the file's whole text is put together only when it is written or diffed.
 */
export class ManifestTree {
  #files: ReadonlyMap<string, FileDocuments>;

  constructor(files: ReadonlyMap<string, string> | Record<string, string>) {
    const entries = files instanceof Map ? [...files] : Object.entries(files);
    this.#files = new Map(entries.map(([file, text]) => [file, new FileDocuments(file, new FileBase(text))]));
  }

  static #from(files: ReadonlyMap<string, FileDocuments>): ManifestTree {
    const tree = new ManifestTree({});
    tree.#files = files;
    return tree;
  }

  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  has(file: string): boolean {
    return this.#files.has(file);
  }

  /** The file's whole text (put together once when documents of it were edited). */
  text(file: string): string {
    return this.#of(file).text;
  }

  /** Whether the file's text starts with `prefix`, without putting an edited file's text together. */
  startsWith(file: string, prefix: string): boolean {
    return this.#of(file).head(prefix.length) === prefix;
  }

  /** The file's text up to the end of the last document ending within `length` characters (all of a shorter file). */
  head(file: string, length: number): string {
    return this.#of(file).documentsHead(length);
  }

  /** A new tree with `file` set to `text`, or removed when `text` is null. */
  with(file: string, text: string | null): ManifestTree {
    const files = new Map(this.#files);
    if (text === null) files.delete(file);
    else files.set(file, new FileDocuments(file, new FileBase(text)));
    return ManifestTree.#from(files);
  }

  /**
   * A new tree with document `index` of `file` replaced by `text`, which holds exactly one document
   * (an edit that stayed inside it). The file's other documents keep their text and are not scanned
   * again; the whole text is put together only when asked for.
   */
  withDocument(file: string, index: number, text: string): ManifestTree {
    const files = new Map(this.#files);
    files.set(file, this.#of(file).withDocument(index, text));
    return ManifestTree.#from(files);
  }

  /**
   * The file's text in order, in pieces of at most `size` characters: a large file with edited
   * documents is written out without putting its text together in memory.
   */
  chunks(file: string, size = 1024 * 1024): Iterable<string> {
    return this.#of(file).chunks(size);
  }

  /** Files whose text differs from `base` (added, changed or removed), sorted. */
  changedFrom(base: ManifestTree): { file: string; text: string | null }[] {
    return this.changedFiles(base).map((file) => ({ file, text: this.has(file) ? this.text(file) : null }));
  }

  /** Paths of the files whose text differs from `base` (added, changed or removed), sorted. */
  changedFiles(base: ManifestTree): string[] {
    const out: string[] = [];
    for (const file of new Set([...this.#files.keys(), ...base.#files.keys()])) {
      const now = this.#files.get(file);
      const before = base.#files.get(file);
      if (now === undefined || before === undefined ? now !== before : !now.sameText(before)) out.push(file);
    }
    return out.sort((a, b) => a.localeCompare(b));
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

  /** 1-based line and column of an offset in a file. */
  position(file: string, offset: number): { line: number; column: number } {
    return this.#of(file).position(offset);
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

  /**
   * Every document with a `kind` in the given files (all files when none are given). With a
   * filter, a file or document whose text does not contain the kind (and the name), or whose
   * `kind:` line names another kind, is skipped unparsed; the filter is then applied to what was
   * parsed.
   */
  resources(files: readonly string[] = this.paths(), filter: ResourceFilter = {}): ResourceDoc[] {
    return [...this.#matching(files, filter)];
  }

  /**
   * Whether one of the given files holds a resource matching `filter` (and `test`): documents are
   * parsed only until the first match.
   */
  hasResource(
    files: readonly string[],
    filter: ResourceFilter,
    test?: (doc: ResourceDoc) => boolean,
  ): boolean {
    for (const doc of this.#matching(files, filter)) if (test === undefined || test(doc)) return true;
    return false;
  }

  *#matching(files: readonly string[], filter: ResourceFilter): Generator<ResourceDoc> {
    const needles = [filter.kind, filter.name].filter((needle): needle is string => needle !== undefined);
    for (const file of files) {
      const docs = this.#of(file);
      if (needles.some((needle) => !docs.mayContain(needle))) continue;
      // A name is rarer than a kind: find the documents holding it, then check those for the kind.
      const candidates =
        filter.name !== undefined
          ? docs.documentsContaining(filter.name)
          : Array.from({ length: docs.count }, (_, index) => index);
      for (const index of candidates) {
        if (needles.length > 0 && !docs.mayHold(index, needles, filter.kind)) continue;
        const doc = docs.document(index);
        if (doc === undefined || doc.kind === undefined) continue;
        if (filter.kind !== undefined && doc.kind !== filter.kind) continue;
        if (filter.name !== undefined && doc.name !== filter.name) continue;
        yield doc;
      }
    }
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
      for (const file of files) if (this.#of(file).length <= FULL_CHECK_BYTES) this.documents(file);
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
    const docs = this.#files.get(file);
    if (docs === undefined) {
      throw new GitcanaryError('FILE_NOT_FOUND', 'file is not part of the manifest tree', { file });
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

// The first content line of a document whose root is a block mapping: a simple key at column 0.
const ROOT_KEY_LINE = /^(?:[A-Za-z_][\w./-]*|"[^"\\\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]|\r?$)/;
// Lines before a document's content: blank, comments, directives, a `---` with nothing after it.
const BEFORE_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*|---[ \t]*(?:#.*)?)\r?$/;
// A `kind` key at column 0, with the rest of its line.
const KIND_KEY_LINE = /^(?:kind|"kind"|'kind')[ \t]*:(?=[ \t]|\r?$)(.*)$/gm;
// The value as one plain word (not one YAML reads as a boolean or null) or one quoted word.
const KIND_VALUE = /^[ \t]+(?:([A-Za-z][\w.-]*)|"([^"\\\r\n]*)"|'([^'\r\n]*)')(?:[ \t]+#.*)?[ \t]*\r?$/;
// After a line: blank lines, then an indented one that is not a comment (a plain scalar goes on).
const CONTINUED = /\r?\n(?:[ \t]*\r?\n)*[ \t]+[^ \t#\r\n]/y;
// Lines at column 0 that make a key other than a plain one: a merge key or a complex key.
const OTHER_ROOT_KEY = /^(?:<<|\?)/m;

/**
 * The kind a document's text names, read without parsing when it is written the usual way: the
 * root is a block mapping (its first content line is a `key:` at column 0) with one `kind: Value`
 * line at column 0, the value a plain or quoted word. In such a root every line at column 0 is one
 * of its keys (a scalar's further lines are indented; yaml refuses a flow collection's or a quoted
 * scalar's at column 0), so that line is the root's kind. Null when such a root has no `kind` line;
 * undefined when the text does not say it plainly (flow or JSON style, a merge key, a tag, an anchor
 * or alias, the value on the next line): then only parsing tells.
 */
export function writtenKind(text: string): string | null | undefined {
  const first = firstContentLine(text);
  if (first === undefined || !ROOT_KEY_LINE.test(first) || OTHER_ROOT_KEY.test(text)) return undefined;
  let kind: string | null = null;
  for (const match of text.matchAll(KIND_KEY_LINE)) {
    // Twice is the parser's error to report.
    if (kind !== null) return undefined;
    const value = KIND_VALUE.exec(match[1]!);
    if (value === null) return undefined;
    const plain = value[1];
    if (plain !== undefined) {
      if (/^(?:true|false|null)$/i.test(plain)) return undefined;
      // A plain value that goes on over indented lines is longer than this line.
      CONTINUED.lastIndex = match.index + match[0].length;
      if (CONTINUED.test(text)) return undefined;
    }
    kind = plain ?? value[2] ?? value[3]!;
  }
  return kind;
}

function firstContentLine(text: string): string | undefined {
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    if (!BEFORE_CONTENT.test(line)) return line;
    if (end === -1) break;
    at = end + 1;
  }
  return undefined;
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

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** 1-based line and column of an offset in the text of document `index` of a base with `edits`. */
function positionInDocument(
  base: FileBase,
  edits: ReadonlyMap<number, string>,
  index: number,
  offset: number,
): { line: number; column: number } {
  const source = edits.get(index) ?? base.sliceText(index);
  let line = base.breaksBefore(index) + countBreaks(source, 0, offset) + 1;
  for (const [edited, text] of edits) {
    if (edited < index) line += countBreaks(text) - countBreaks(base.sliceText(edited));
  }
  const lineStart = offset === 0 ? -1 : source.lastIndexOf('\n', offset - 1);
  if (lineStart !== -1) return { line, column: offset - lineStart };
  // On the document's first line: a document found by its markers starts a line, one the parser
  // placed may start after a `---` on it.
  const start = base.slices[index]!.start;
  const column = start === 0 ? 0 : start - (base.text.lastIndexOf('\n', start - 1) + 1);
  return { line, column: column + offset + 1 };
}

/** Line breaks in `text` before offset `end`, from offset `from`. */
function countBreaks(text: string, from = 0, end = text.length): number {
  let breaks = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) breaks++;
  return breaks;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function identify(
  file: string,
  index: number,
  document: Document.Parsed,
): Pick<ResourceDoc, 'file' | 'index' | 'document' | 'apiVersion' | 'kind' | 'name' | 'namespace'> {
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
