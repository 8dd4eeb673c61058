import { type Document, isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';
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

interface ParsedFile {
  docs: ResourceDoc[];
  lines: LineCounter;
}

/**
 * An immutable set of manifest files (repository-relative path → text). Targets read it and return
 * a new tree; only the engine and the CLI read it from or write it to disk (see `load.ts`).
 */
export class ManifestTree {
  readonly #files: ReadonlyMap<string, string>;
  readonly #parsed = new Map<string, ParsedFile>();

  constructor(files: ReadonlyMap<string, string> | Record<string, string>) {
    this.#files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
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
    if (text === null) files.delete(file);
    else files.set(file, text);
    return new ManifestTree(files);
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

  /** Parsed documents of a file; throws a located YAML_INVALID on the first parse error. */
  documents(file: string): ResourceDoc[] {
    return this.#parse(file).docs;
  }

  /** True when the file holds no document with content (empty, only comments or `---`). */
  isEmpty(file: string): boolean {
    return this.documents(file).every((doc) => {
      const contents = doc.document.contents;
      return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
    });
  }

  /** 1-based line and column of an offset in a file. */
  position(file: string, offset: number): { line: number; column: number } {
    const pos = this.#parse(file).lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** Every document with a `kind` in the given files (all files when none are given). */
  resources(files: readonly string[] = this.paths()): ResourceDoc[] {
    return files.flatMap((file) => this.documents(file)).filter((doc) => doc.kind !== undefined);
  }

  /**
   * The one resource matching `ref` among `files` (all files when none are given). Not found and
   * found twice are errors that name the resource and where it was looked for.
   */
  find(ref: ResourceRef, files: readonly string[] = this.paths()): ResourceDoc {
    const matches = this.resources(files).filter((doc) => matchesRef(doc, ref));
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
      const sameKind = this.resources(files)
        .filter((doc) => doc.kind === ref.kind)
        .map((doc) => doc.name);
      throw new GitcanaryError('RESOURCE_NOT_FOUND', 'resource not found', {
        file: files.length === 1 ? files[0] : undefined,
        resource,
        hint:
          sameKind.length > 0
            ? `${ref.kind} resources present: ${sameKind.join(', ')}`
            : `no ${ref.kind} in ${files.join(', ') || 'the tree'}${ref.apiVersions ? ` with apiVersion ${ref.apiVersions.join(' or ')}` : ''}`,
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

  #parse(file: string): ParsedFile {
    const cached = this.#parsed.get(file);
    if (cached) return cached;
    const text = this.text(file);
    const lines = new LineCounter();
    const documents = parseAllDocuments(text, {
      keepSourceTokens: true,
      lineCounter: lines,
      uniqueKeys: true,
      // Kubernetes' YAML parser (go-yaml) honours `<<: *base` merge keys; read them the same way.
      merge: true,
    });
    if (!Array.isArray(documents)) {
      // parseAllDocuments returns an EmptyStream for a file with no document at all.
      const parsed = { docs: [], lines };
      this.#parsed.set(file, parsed);
      return parsed;
    }
    const docs: ResourceDoc[] = [];
    for (const [index, document] of documents.entries()) {
      const error = document.errors[0];
      if (error) {
        const pos = lines.linePos(error.pos[0]);
        throw new GitcanaryError('YAML_INVALID', error.message.split('\n')[0] ?? 'invalid YAML', {
          file,
          line: pos.line,
          column: pos.col,
          cause: error,
        });
      }
      const start = document.contents?.range?.[0];
      const pos = start === undefined ? undefined : lines.linePos(start);
      docs.push({
        ...identify(file, index, document),
        position: pos === undefined ? undefined : { line: pos.line, column: pos.col },
      });
    }
    const parsed = { docs, lines };
    this.#parsed.set(file, parsed);
    return parsed;
  }
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
