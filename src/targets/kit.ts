import { isDeepStrictEqual } from 'node:util';
import { isSeq, stringify } from 'yaml';
import { z } from 'zod';
import { dns1035Label, dns1123Label, dns1123Subdomain, resourcePartName } from '../config/validators.js';
import { type ErrorDetails, fieldPath, GitcanaryError } from '../errors.js';
import {
  deleteIn,
  describeDoc,
  detectStyle,
  type ManifestTree,
  nodeAt,
  type ResourceDoc,
  type ResourceRef,
  STYLE_SAMPLE_BYTES,
  setIn,
  sliceDocuments,
  valueAt,
  type YamlPath,
} from '../manifests/index.js';

// Helpers every router and workload target shares: finding resources under a config path, placing
// errors at file:line:column, checking weights, the documents and files gitcanary owns, and the
// zod field schemas for names and header values (so hostile input is refused at config load).

/** First line of every file (or document) gitcanary owns; one without it is never overwritten or deleted. */
export const MANAGED_FILE_MARKER = '# Managed by gitcanary';

export type PlainMap = Record<string, unknown>;

export function isMap(value: unknown): value is PlainMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// --- config field schemas ---------------------------------------------------------------------------

// Kubernetes' own name rules, shared with the release schema (src/config/validators.ts): a name that
// reaches a manifest, a query or a command gate's shell is refused when the config loads.

/** Kubernetes object names (DNS-1123 subdomain): Ingress, HTTPRoute, VirtualService, Mapping, … */
export const resourceNameSchema = dns1123Subdomain;

/** Service names (DNS-1035 label, what the API server accepts for a Service). */
export const serviceNameSchema = dns1035Label;

/** A host as Istio names a destination: a Service name, `name.namespace`, or an FQDN. */
export const hostSchema = z
  .string()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'not a valid host name');

/** A rule or route name inside a resource (Gateway API rule name, Istio route name, APISIX rule). */
export const ruleNameSchema = resourcePartName.min(1);

/** A namespace (DNS-1123 label). */
export const namespaceSchema = dns1123Label;

/** A repository-relative manifest path as given in gitcanary.yaml (no NUL, no newline). */
export const manifestPathSchema = z
  .string()
  .min(1)
  .refine((value) => !/[\0\r\n]/.test(value), 'a path has no NUL or line break');

/** An HTTP header name: an RFC 9110 token. */
export const headerNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name is an HTTP token (letters, digits, "-", …)');

/** A header value or pattern: printable, no control characters (they would split the request). */
export const headerValueSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'a header value has no control characters');

/** True when `pattern` compiles as a regular expression (RE2 accepts a subset; this catches the obvious). */
export function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** `stableService !== canaryService`, as every router config refines. */
export function distinctServices<T extends { stableService: string; canaryService: string }>(
  config: T,
): boolean {
  return config.stableService !== config.canaryService;
}

export const DISTINCT_SERVICES = {
  message: 'stableService and canaryService must differ',
  path: ['canaryService'],
};

// --- weights ----------------------------------------------------------------------------------------

export function assertWeight(canaryWeight: number): void {
  if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100) {
    throw new GitcanaryError(
      'WEIGHT_INVALID',
      `canary weight must be an integer from 0 to 100, got ${canaryWeight}`,
    );
  }
}

/** Percent of traffic the canary gets from two backend weights (0 when both are 0). */
export function canaryShare(canary: number, stable: number): number {
  const total = canary + stable;
  return total === 0 ? 0 : Math.round((100 * canary) / total);
}

/** One weight read from several places (rules, ingresses, mappings): they must agree. */
export function agreeingWeight(
  readings: readonly { where: string; weight: number; details: ErrorDetails }[],
): number {
  const [first, ...rest] = readings;
  if (first === undefined) return 0;
  for (const reading of rest) {
    if (reading.weight !== first.weight) {
      throw new GitcanaryError(
        'FIELD_INVALID',
        `managed routes disagree: ${first.where} sends ${first.weight}% to the canary, ${reading.where} ${reading.weight}%`,
        { ...reading.details, hint: 'set the weight again to make them agree' },
      );
    }
  }
  return first.weight;
}

/** A backend weight as a non-negative number; `fallback` when absent (the router's default). */
export function readWeight(tree: ManifestTree, doc: ResourceDoc, path: YamlPath, fallback: number): number {
  const value = valueAt(doc, path);
  if (value === undefined || value === null) return fallback;
  const weight = typeof value === 'string' ? parseQuantity(value) : value;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new GitcanaryError('WEIGHT_INVALID', `weight must be a non-negative number, got ${String(value)}`, {
      ...place(tree, doc, path),
    });
  }
  return weight;
}

/** A Kubernetes quantity as SMI v1alpha1 writes weights (`"500m"`, `"1"`, `"1k"`); NaN otherwise. */
export function parseQuantity(text: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G)?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const scale = { m: 0.001, k: 1e3, M: 1e6, G: 1e9 }[match[2] as 'm' | 'k' | 'M' | 'G'] ?? 1;
  return Number(match[1]) * scale;
}

/**
 * Write `weight` at `path`, in the form the file already uses there: a string stays a string
 * (SMI v1alpha1 quantities), a number a number; absent fields are inserted as numbers.
 */
export function writeWeight(
  tree: ManifestTree,
  doc: ResourceDoc,
  path: YamlPath,
  weight: number,
): ManifestTree {
  const current = valueAt(doc, path);
  return setIn(tree, doc, path, typeof current === 'string' ? String(weight) : weight);
}

// --- finding resources ------------------------------------------------------------------------------

/** Files of the tree under `file` (the file itself, or a folder), without the ones gitcanary owns. */
export function filesUnder(tree: ManifestTree, file: string): string[] {
  const normal = file === '.' || file === './' ? '' : file.replace(/^\.\//, '').replace(/\/+$/, '');
  const files = tree.has(normal)
    ? [normal]
    : tree.paths().filter((p) => normal === '' || p.startsWith(`${normal}/`));
  if (files.length === 0) {
    throw new GitcanaryError('FILE_NOT_FOUND', 'no manifest files there', { file });
  }
  return files.filter((p) => p === normal || !tree.startsWith(p, MANAGED_FILE_MARKER));
}

/** The one resource `ref` names under `file`; not found and found twice are located errors. */
export function findResource(tree: ManifestTree, file: string, ref: ResourceRef): ResourceDoc {
  return tree.find(ref, filesUnder(tree, file));
}

/** Names of the resources of `kind` under `file` (for "which one?" hints and CLI inference). */
export function resourceNames(
  tree: ManifestTree,
  file: string,
  kind: string,
  apiVersions?: readonly string[],
): string[] {
  // The kind filter lets the tree skip files and documents that cannot hold one unparsed.
  return tree
    .resources(filesUnder(tree, file), { kind })
    .filter((doc) => apiVersions === undefined || apiVersions.includes(doc.apiVersion ?? ''))
    .filter((doc) => !isOwnedDocument(doc))
    .map((doc) => doc.name ?? '?');
}

/** file:line:column, resource and field of `field` inside `doc`, for errors. */
export function place(tree: ManifestTree, doc: ResourceDoc, field: YamlPath): ErrorDetails {
  let path = [...field];
  let node = nodeAt(doc, path) as { range?: [number, number, number] } | null | undefined;
  // A missing field is placed at its deepest existing parent.
  while ((node === undefined || node === null) && path.length > 0) {
    path = path.slice(0, -1);
    node = nodeAt(doc, path) as { range?: [number, number, number] } | null | undefined;
  }
  const start = node?.range?.[0];
  return {
    file: doc.file,
    ...(start === undefined ? (doc.position ?? {}) : tree.position(doc.file, doc.offset + start)),
    resource: describeDoc(doc),
    field: fieldPath(field),
  };
}

/** A resource's list at `path` as plain maps (non-maps dropped), or a located FIELD_MISSING. */
export function listAt(tree: ManifestTree, doc: ResourceDoc, path: YamlPath, what: string): PlainMap[] {
  const value = valueAt(doc, path);
  if (!Array.isArray(value) || value.length === 0) {
    throw new GitcanaryError('FIELD_MISSING', `the ${doc.kind} has no ${what}`, {
      ...place(tree, doc, path),
    });
  }
  return value.map((item) => (isMap(item) ? item : {}));
}

// --- documents gitcanary owns inside a user's file ---------------------------------------------------

/** The marker line that starts a document gitcanary appended to a user's file. */
export function ownedDocumentMarker(id: string): string {
  return `${MANAGED_FILE_MARKER}: ${id}`;
}

/** The comment lines before a document's content (yaml keeps them on the document or its root map). */
function leadingComment(doc: ResourceDoc): string {
  const contents = doc.document.contents as { commentBefore?: string | null } | null;
  return (doc.document.commentBefore ?? contents?.commentBefore ?? '').trimStart();
}

/** Whether a document was written by gitcanary (its text starts with the marker comment). */
export function isOwnedDocument(doc: ResourceDoc): boolean {
  return leadingComment(doc).startsWith(MANAGED_FILE_MARKER.slice(2));
}

/** YAML for documents gitcanary writes whole: no anchors, and YAML 1.1 quoting (Kubernetes reads `yes` as true). */
export function renderYaml(value: unknown, style: { unit: number; indentlessSeq: boolean }): string {
  return stringify(value, {
    indent: style.unit,
    indentSeq: !style.indentlessSeq,
    lineWidth: 0,
    aliasDuplicateObjects: false,
    version: '1.1',
  });
}

/** Offsets of the document gitcanary appended with marker `id`: from its `---` line to the end of file. */
function ownedRegion(text: string, id: string): { start: number; end: number } | undefined {
  const marker = ownedDocumentMarker(id);
  const lf = text.indexOf(`---\n${marker}\n`);
  const at = lf >= 0 ? lf : text.indexOf(`---\r\n${marker}\r\n`);
  if (at < 0) return undefined;
  // A file that ended without a line break got one before `---`: removing the document removes it too.
  const added =
    text.indexOf(NO_FINAL_NEWLINE, at) >= 0 &&
    text.slice(at, text.indexOf(NO_FINAL_NEWLINE, at)).split('\n').length <= 4;
  const start = added && text[at - 1] === '\n' ? (text[at - 2] === '\r' ? at - 2 : at - 1) : at;
  return { start, end: text.length };
}

/** Note on an owned document appended to a file that had no final line break. */
const NO_FINAL_NEWLINE = '# (a line break was added before this document: the file ended without one)';

/**
 * Write `resource` as the last document of `file`, marked as gitcanary's (`id`), replacing the one
 * written before; `null` removes it, restoring the file's bytes from before the first write.
 * The owned document is always last, so a removal leaves the user's documents untouched.
 */
export function writeOwnedDocument(
  tree: ManifestTree,
  file: string,
  id: string,
  resource: PlainMap | null,
  note: string,
): ManifestTree {
  const text = tree.text(file);
  const region = ownedRegion(text, id);
  const base = region === undefined ? text : text.slice(0, region.start);
  if (resource === null) return region === undefined ? tree : tree.with(file, base);
  const style = detectStyle(base);
  const body = renderYaml(resource, style);
  const endsWithBreak = base === '' || base.endsWith('\n');
  const block = endsWithBreak
    ? `---\n${ownedDocumentMarker(id)}\n# ${note}\n${body}`
    : `\n---\n${ownedDocumentMarker(id)}\n${NO_FINAL_NEWLINE}\n# ${note}\n${body}`;
  const eolBlock = style.eol === '\n' ? block : block.replace(/\n/g, style.eol);
  const next = base + eolBlock;
  return next === text ? tree : tree.with(file, next);
}

/** The document gitcanary appended to `file` under `id`, or undefined. */
export function ownedDocument(tree: ManifestTree, file: string, id: string): ResourceDoc | undefined {
  if (!tree.has(file) || ownedRegion(tree.text(file), id) === undefined) return undefined;
  const marker = ownedDocumentMarker(id).slice(2);
  return tree.documents(file).find((doc) => leadingComment(doc).startsWith(marker));
}

// --- routes gitcanary appends inside a user's resource ----------------------------------------------

/** The JSON value of an annotation gitcanary keeps on a resource (undefined when absent or not JSON). */
export function annotationJson(doc: ResourceDoc, key: string): unknown {
  return safeJson(valueAt(doc, ['metadata', 'annotations', key]));
}

/** Set an annotation to JSON of `value`, or remove it (and an annotations map left empty) when undefined. */
export function setAnnotationJson(
  tree: ManifestTree,
  doc: ResourceDoc,
  key: string,
  value: unknown,
): ManifestTree {
  const path = ['metadata', 'annotations', key];
  if (value === undefined) return valueAt(doc, path) === undefined ? tree : deleteIn(tree, doc, path);
  const text = JSON.stringify(value);
  return valueAt(doc, path) === text ? tree : setIn(tree, doc, path, text);
}

/**
 * Make the items of the list at `listPath` named in `owned` exactly `desired`, appended after the
 * user's items: unchanged when they already are (idempotent), else the owned ones are removed and
 * the desired ones appended, so removing them all restores the list's bytes.
 */
export function syncOwnedItems(
  tree: ManifestTree,
  find: (tree: ManifestTree) => ResourceDoc,
  listPath: YamlPath,
  owned: ReadonlySet<string>,
  desired: readonly PlainMap[],
  at: 'start' | 'end' = 'end',
): ManifestTree {
  const doc = find(tree);
  const list = valueAt(doc, listPath);
  const items = Array.isArray(list) ? list : [];
  const ownedIndexes = items.flatMap((item, index) =>
    isMap(item) && typeof item.name === 'string' && owned.has(item.name) ? [index] : [],
  );
  const current = ownedIndexes.map((index) => items[index]);
  if (isDeepStrictEqual(current, desired)) return tree;
  let next = tree;
  for (const index of [...ownedIndexes].reverse()) next = deleteIn(next, find(next), [...listPath, index]);
  if (at === 'start') return desired.length === 0 ? next : insertFirst(next, find(next), listPath, desired);
  const remaining = items.length - ownedIndexes.length;
  desired.forEach((item, i) => {
    next = setIn(next, find(next), [...listPath, remaining + i], item);
  });
  return next;
}

/**
 * Insert `items` before the first item of the block sequence at `listPath` (Istio evaluates HTTP
 * routes in order, so managed routes go first), in the sequence's own indentation; re-parsed and
 * confirmed like every edit.
 */
export function insertFirst(
  tree: ManifestTree,
  doc: ResourceDoc,
  listPath: YamlPath,
  items: readonly PlainMap[],
): ManifestTree {
  const seq = doc.document.getIn(listPath, true);
  const first = isSeq(seq) ? (seq.items[0] as { range?: [number, number, number] } | undefined) : undefined;
  if (!isSeq(seq) || seq.flow || first?.range === undefined) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      'cannot insert routes before a list that is empty or in flow style',
      {
        ...place(tree, doc, listPath),
        hint: 'write the list in block style (one `- ` item per line)',
      },
    );
  }
  // Node ranges are offsets in the text the document was parsed from; only that document changes.
  const { source, extent } = doc;
  const itemStart = first.range[0];
  const lineStart = source.lastIndexOf('\n', itemStart - 1) + 1;
  // The `- ` of the first item: its column is where every inserted item starts.
  const dash = source.lastIndexOf('-', itemStart - 1);
  const column = dash - lineStart;
  const style = detectStyle(source, doc.document, itemStart, () => tree.head(doc.file, STYLE_SAMPLE_BYTES));
  const rendered = renderYaml([...items], style)
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : ' '.repeat(column) + line))
    .join(style.eol);
  const edited =
    source.slice(extent.start, lineStart) + rendered + style.eol + source.slice(lineStart, extent.end);
  if (sliceDocuments(edited).length !== 1) {
    throw new GitcanaryError('EDIT_UNCONFIRMED', 'inserting routes first would split the document', {
      ...place(tree, doc, listPath),
    });
  }
  const after = tree.withDocument(doc.file, doc.index, edited);
  const before = valueAt(doc, listPath) as unknown[];
  const reread = after.document(doc.file, doc.index);
  if (reread === undefined || !isDeepStrictEqual(valueAt(reread, listPath), [...items, ...before])) {
    throw new GitcanaryError('EDIT_UNCONFIRMED', 'inserting routes first changed more than the list', {
      ...place(tree, doc, listPath),
    });
  }
  return after;
}

// --- misc -------------------------------------------------------------------------------------------

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export function joinPath(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`;
}

export function safeJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function usage(message: string, hint?: string): GitcanaryError {
  return new GitcanaryError('USAGE', message, hint === undefined ? {} : { hint });
}

/**
 * Workload kinds that cannot run the judge's baseline (a copy of stable at the canary's scale,
 * scaled to 0 afterwards) refuse the role; the start check runs every commit's apply before
 * anything is written, so this stops a release before its start commit.
 */
export function refuseBaselineRole(key: string, why: string): never {
  throw new GitcanaryError('CONFIG_INVALID', `a ${key} target cannot be the baseline workload: ${why}`, {
    field: `spec.baseline.${key}`,
    hint: 'use a kustomization overlay with a replicas entry as spec.baseline',
  });
}

// --- the judge's baseline as a third backend (routers that declare extraBackends) ---------------------

/** `baselineService` in a router's config: the Service of the `spec.baseline` workload. */
export const baselineServiceSchema = serviceNameSchema
  .optional()
  .describe(
    "Service of the spec.baseline workload: while a release runs it gets the canary's weight and stable 100 − 2 × canary (the backend must already be listed, at weight 0).",
  );

/** stable, canary and baseline services all differ. */
export function distinctBackends(config: {
  stableService?: string | undefined;
  canaryService?: string | undefined;
  baselineService?: string | undefined;
}): boolean {
  const { baselineService } = config;
  return (
    baselineService === undefined ||
    (baselineService !== config.stableService && baselineService !== config.canaryService)
  );
}

export const DISTINCT_BASELINE = {
  message: 'baselineService must differ from stableService and canaryService',
  path: ['baselineService'],
};

/** Weights of the three backends for canary weight W and the context's baseline weight (default 0). */
export function splitWeights(
  canaryWeight: number,
  baselineWeight = 0,
): { canary: number; baseline: number; stable: number } {
  assertWeight(canaryWeight);
  if (!Number.isInteger(baselineWeight) || baselineWeight < 0 || canaryWeight + baselineWeight > 100) {
    throw new GitcanaryError(
      'WEIGHT_INVALID',
      `canary ${canaryWeight}% and baseline ${baselineWeight}% leave no valid stable weight`,
    );
  }
  return { canary: canaryWeight, baseline: baselineWeight, stable: 100 - canaryWeight - baselineWeight };
}

/** Percent shares of canary and baseline among three backend weights (0 when all are 0). */
export function sharesOf(
  canary: number,
  stable: number,
  baseline: number,
): { canary: number; baseline: number } {
  const total = canary + stable + baseline;
  if (total === 0) return { canary: 0, baseline: 0 };
  return { canary: Math.round((100 * canary) / total), baseline: Math.round((100 * baseline) / total) };
}

/** Indexes of the stable, canary and (with a baselineService) baseline items in a list of weighted backends. */
export interface BackendIndexes {
  stable: number;
  canary: number;
  baseline?: number | undefined;
}

/**
 * Write the backends' weights into the list at `listPath` (canary, stable, then baseline), each in
 * the form the file writes it; `find` re-reads the resource so each edit splices the current text.
 */
export function writeBackendWeights(
  tree: ManifestTree,
  find: (tree: ManifestTree) => ResourceDoc,
  listPath: YamlPath,
  backends: BackendIndexes,
  weights: { canary: number; stable: number; baseline: number },
): ManifestTree {
  const edits: [number | undefined, number][] = [
    [backends.canary, weights.canary],
    [backends.stable, weights.stable],
    [backends.baseline, weights.baseline],
  ];
  let next = tree;
  for (const [index, weight] of edits) {
    if (index !== undefined) next = writeWeight(next, find(next), [...listPath, index, 'weight'], weight);
  }
  return next;
}

/** Canary and baseline shares of the backends in the list at `listPath`; a missing `weight` counts as `fallback`. */
export function backendShares(
  tree: ManifestTree,
  doc: ResourceDoc,
  listPath: YamlPath,
  backends: BackendIndexes,
  fallback: number,
): { canary: number; baseline: number } {
  const weightOf = (index: number) => readWeight(tree, doc, [...listPath, index, 'weight'], fallback);
  return sharesOf(
    weightOf(backends.canary),
    weightOf(backends.stable),
    backends.baseline === undefined ? 0 : weightOf(backends.baseline),
  );
}

/** A resource's one list of backends named by Service: SMI `spec.backends[].service`, Traefik `spec.weighted.services[].name`. */
export interface ServiceBackendList {
  path: YamlPath;
  /** The item field holding the Service name. */
  serviceField: string;
  /** What the resource calls an item, for messages: `backend`, `service`. */
  item: string;
}

/** Where the config's stable, canary and baseline Services stand in the list; a located BACKEND_MISSING when one is absent. */
export function serviceBackends(
  tree: ManifestTree,
  doc: ResourceDoc,
  list: ServiceBackendList,
  config: { stableService: string; canaryService: string; baselineService?: string | undefined },
): BackendIndexes {
  const names = listAt(tree, doc, list.path, fieldPath(list.path)).map((item) => item[list.serviceField]);
  const index = (service: string, role: string): number => {
    const at = names.indexOf(service);
    if (at < 0) {
      throw new GitcanaryError(
        'BACKEND_MISSING',
        `the ${doc.kind} has no ${role} ${list.item} "${service}"`,
        {
          ...place(tree, doc, list.path),
          hint: `${list.item}s: ${names.map(String).join(', ')}`,
        },
      );
    }
    return at;
  };
  return {
    stable: index(config.stableService, 'stable'),
    canary: index(config.canaryService, 'canary'),
    ...(config.baselineService === undefined ? {} : { baseline: index(config.baselineService, 'baseline') }),
  };
}

/**
 * The zod error option of a router config without a third backend: `baselineService` there gets a
 * message saying so instead of "unrecognized key".
 */
export function noBaselineBackend(key: string) {
  return {
    error: (issue: { code: string; keys?: string[] }) =>
      issue.code === 'unrecognized_keys' && issue.keys?.includes('baselineService')
        ? `router \`${key}\` cannot carry a baseline's traffic (it splits between two backends only); routers that can: ${BASELINE_ROUTERS.join(', ') || 'none'}`
        : undefined,
  };
}

/** Keys of routers that declare extraBackends, for messages (filled by the registry). */
const BASELINE_ROUTERS: string[] = [];

export function noteBaselineRouters(keys: readonly string[]): void {
  BASELINE_ROUTERS.splice(0, BASELINE_ROUTERS.length, ...keys);
}
