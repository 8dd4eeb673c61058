import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ajv, crdValidator, SCHEMAS_DIR } from './crd.js';
import { swaggerErrors } from './swagger.js';

// A scripted Kubernetes API server on loopback for custom resources. It serves only
// `/apis/{group}/{version}/namespaces/{ns}/{plural}/{name}` for a group/version/plural that a
// vendored CRD serves, GET and PATCH (merge or JSON patch) only, and validates every object it
// answers with against the CRD's openAPIV3Schema, pruning rules included. Violations are
// recorded in `errors`; tests assert it stays empty.

type KubeObject = Record<string, unknown> & { metadata?: Record<string, unknown> };
type JsonSchema = Record<string, unknown>;

export interface ServedCrd {
  /** File in test/schemas holding the CustomResourceDefinition. */
  crdFile: string;
  kind: string;
}

/** One scripted read of an object; the last one repeats. `status` answers a Kubernetes error. */
export type ScriptedRead = { object: KubeObject; times?: number } | { status: 500 | 503; times?: number };

export interface ScriptedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  reads: ScriptedRead[];
}

export interface FakeKubeOptions {
  token: string;
  crds: ServedCrd[];
  objects: ScriptedObject[];
}

export interface RecordedPatch {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface ServedResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  crdFile: string;
  schema: JsonSchema;
}

export class FakeKube {
  readonly requests: { method: string; path: string; authorization: string | undefined }[] = [];
  readonly patches: RecordedPatch[] = [];
  readonly errors: string[] = [];
  private readonly resources: ServedResource[];
  private readonly reads = new Map<string, number>();
  /** Merge patches clients sent, replayed over every later scripted state (metadata survives). */
  private readonly overlays = new Map<string, unknown[]>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeKubeOptions,
  ) {
    this.resources = options.crds.map(servedResource);
  }

  static async start(options: FakeKubeOptions): Promise<FakeKube> {
    const server = http.createServer();
    const fake = new FakeKube(server, options);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => fake.handle(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /**
   * A kubeconfig (plain http, bearer token) pointing at this server, as people write one for
   * `kubectl proxy`: no `insecure-skip-tls-verify` unless asked. Returns its path.
   */
  writeKubeconfig(
    dir: string,
    options: { context?: string; namespace?: string; insecureSkipTlsVerify?: boolean } = {},
  ): string {
    const context = options.context ?? 'fake';
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'fake',
            cluster: {
              server: this.url,
              ...(options.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
            },
          },
        ],
        users: [{ name: 'gitcanary', user: { token: this.options.token } }],
        contexts: [
          {
            name: context,
            context: { cluster: 'fake', user: 'gitcanary', namespace: options.namespace ?? 'default' },
          },
        ],
        'current-context': context,
      }),
    );
    return file;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, authorization: request.headers.authorization });
    const where = `${method} ${url.pathname}`;
    const sendStatus = (code: number, reason: string, message: string): void => {
      response
        .writeHead(code, { 'content-type': 'application/json' })
        .end(JSON.stringify(kubeStatus(code, reason, message)));
    };

    if (request.headers.authorization !== `Bearer ${this.options.token}`) {
      sendStatus(401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const match = /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (match === null) {
      this.errors.push(`${where}: not a namespaced custom resource path`);
      sendStatus(404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const [, group, version, namespace, plural, name] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const resource = this.resources.find(
      (r) => r.group === group && r.version === version && r.plural === plural,
    );
    if (resource === undefined) {
      this.errors.push(`${where}: no vendored CRD serves ${group}/${version} ${plural}`);
      sendStatus(404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const key = `${group}/${version}/${plural}/${namespace}/${name}`;
    const scripted = this.options.objects.find(
      (o) =>
        o.apiVersion === `${group}/${version}` &&
        o.kind === resource.kind &&
        o.namespace === namespace &&
        o.name === name,
    );
    if (scripted === undefined) {
      sendStatus(404, 'NotFound', `${plural}.${group} "${name}" not found`);
      return;
    }
    if (url.searchParams.size > 0 && method === 'GET') {
      this.errors.push(`${where}: unexpected query ${url.search}`);
    }

    if (method === 'GET') {
      const count = this.reads.get(key) ?? 0;
      this.reads.set(key, count + 1);
      const read = pick(scripted.reads, count);
      if ('status' in read) {
        sendStatus(
          read.status,
          read.status === 503 ? 'ServiceUnavailable' : 'InternalError',
          'etcdserver: request timed out',
        );
        return;
      }
      this.answer(where, resource, scripted, this.withOverlays(key, read.object), response);
      return;
    }
    if (method === 'PATCH') {
      const contentType = request.headers['content-type']?.split(';')[0];
      let patch: unknown;
      try {
        patch = JSON.parse(body);
      } catch {
        this.errors.push(`${where}: patch body is not JSON`);
        sendStatus(400, 'BadRequest', 'invalid JSON');
        return;
      }
      this.patches.push({ path: url.pathname, contentType, body: patch });
      if (contentType !== 'application/merge-patch+json') {
        // The API server refuses strategic merge patches on custom resources (415); we only model merge patches.
        this.errors.push(
          `${where}: patch content type ${contentType} (the fake models application/merge-patch+json)`,
        );
        sendStatus(415, 'UnsupportedMediaType', `the body of the request was in an unknown format`);
        return;
      }
      const patchErrors = metadataOnlyPatchErrors(patch);
      if (patchErrors.length > 0) {
        this.errors.push(...patchErrors.map((e) => `${where}: ${e}`));
        sendStatus(422, 'Invalid', patchErrors.join('; '));
        return;
      }
      this.overlays.set(key, [...(this.overlays.get(key) ?? []), patch]);
      const current = pick(scripted.reads, Math.max(0, (this.reads.get(key) ?? 0) - 1));
      if ('status' in current) {
        sendStatus(current.status, 'InternalError', 'etcdserver: request timed out');
        return;
      }
      this.answer(where, resource, scripted, this.withOverlays(key, current.object), response);
      return;
    }
    this.errors.push(`${where}: the fake serves only GET and PATCH`);
    sendStatus(405, 'MethodNotAllowed', 'method not allowed');
  }

  private withOverlays(key: string, object: KubeObject): KubeObject {
    let merged: unknown = structuredClone(object);
    for (const patch of this.overlays.get(key) ?? []) merged = mergePatch(merged, patch);
    return merged as KubeObject;
  }

  private answer(
    where: string,
    resource: ServedResource,
    scripted: ScriptedObject,
    object: KubeObject,
    response: http.ServerResponse,
  ): void {
    const problems = objectErrors(resource, scripted, object);
    if (problems.length > 0) {
      // The real API server cannot answer this; fail the test, not the gate's logic.
      this.errors.push(...problems.map((p) => `${where}: answer is invalid: ${p}`));
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify(kubeStatus(500, 'InternalError', 'invalid fake answer')));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(object));
  }
}

function pick(reads: ScriptedRead[], index: number): ScriptedRead {
  let rest = index;
  for (const read of reads) {
    const times = read.times ?? 1;
    if (rest < times) return read;
    rest -= times;
  }
  const last = reads.at(-1);
  if (last === undefined) throw new Error('FakeKube: object with no scripted reads');
  return last;
}

function servedResource(crd: ServedCrd): ServedResource {
  for (const doc of parseAllDocuments(readFileSync(path.join(SCHEMAS_DIR, crd.crdFile), 'utf8'))) {
    const definition = doc.toJS() as {
      kind?: string;
      spec?: {
        group: string;
        names: { kind: string; plural: string };
        versions: { name: string; served: boolean; schema?: { openAPIV3Schema: JsonSchema } }[];
      };
    } | null;
    if (definition?.kind !== 'CustomResourceDefinition' || definition.spec?.names.kind !== crd.kind) continue;
    const version = definition.spec.versions.find((v) => v.served && v.schema !== undefined);
    if (version?.schema === undefined)
      throw new Error(`${crd.crdFile}: ${crd.kind} serves no version with a schema`);
    return {
      group: definition.spec.group,
      version: version.name,
      plural: definition.spec.names.plural,
      kind: crd.kind,
      crdFile: crd.crdFile,
      schema: version.schema.openAPIV3Schema,
    };
  }
  throw new Error(`${crd.crdFile}: no CustomResourceDefinition for ${crd.kind}`);
}

/** What the API server would refuse to return: schema violations, unpruned fields, wrong identity. */
export function objectErrors(
  resource: ServedResource,
  scripted: Pick<ScriptedObject, 'namespace' | 'name'>,
  object: KubeObject,
): string[] {
  const errors: string[] = [];
  const apiVersion = `${resource.group}/${resource.version}`;
  if (object.apiVersion !== apiVersion)
    errors.push(`apiVersion ${String(object.apiVersion)}, not ${apiVersion}`);
  if (object.kind !== resource.kind) errors.push(`kind ${String(object.kind)}, not ${resource.kind}`);
  const validate = crdValidator(resource.crdFile, apiVersion, resource.kind);
  if (!(validate(object) as boolean)) errors.push(ajv.errorsText(validate.errors, { separator: '; ' }));
  errors.push(...unprunedFields(resource.schema, object, ''));
  // The CRD says only `metadata: {type: object}`; the API server fills in a real ObjectMeta.
  const metadataErrors = swaggerErrors('v1ObjectMeta', object.metadata ?? {});
  if (metadataErrors !== undefined) errors.push(metadataErrors);
  const metadata = object.metadata ?? {};
  if (metadata.name !== scripted.name || metadata.namespace !== scripted.namespace) {
    errors.push(`metadata names ${String(metadata.namespace)}/${String(metadata.name)}`);
  }
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp']) {
    if (typeof metadata[field] !== 'string')
      errors.push(`metadata.${field} missing (the API server always sets it)`);
  }
  if (!Number.isInteger(metadata.generation))
    errors.push('metadata.generation missing (set for custom resources)');
  return errors;
}

/** Fields a structural schema would have pruned before storing the object. */
function unprunedFields(schema: JsonSchema, value: unknown, at: string): string[] {
  if (value === null || typeof value !== 'object' || schema['x-kubernetes-preserve-unknown-fields'] === true)
    return [];
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    return items === undefined ? [] : value.flatMap((item, i) => unprunedFields(items, item, `${at}[${i}]`));
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const additional = schema.additionalProperties;
  const errors: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = at === '' ? key : `${at}.${key}`;
    // apiVersion, kind and metadata are kept at the root whatever the schema says.
    if (at === '' && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
    const childSchema =
      properties?.[key] ?? (typeof additional === 'object' ? (additional as JsonSchema) : undefined);
    if (childSchema === undefined) {
      if (additional !== true) errors.push(`${path} is not in the schema (the API server prunes it)`);
      continue;
    }
    errors.push(...unprunedFields(childSchema, child, path));
  }
  return errors;
}

/** A merge patch the fake accepts touches only `metadata.annotations` / `metadata.labels`. */
export function metadataOnlyPatchErrors(patch: unknown): string[] {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return ['merge patch must be an object'];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key !== 'metadata') {
      errors.push(`patch touches ${key} (status is a subresource; spec changes are not modelled)`);
      continue;
    }
    for (const [field, map] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      if (field !== 'annotations' && field !== 'labels') errors.push(`patch touches metadata.${field}`);
      else if (map === null || typeof map !== 'object') errors.push(`metadata.${field} must be a map`);
      else {
        for (const [k, v] of Object.entries(map)) {
          if (typeof v !== 'string' && v !== null)
            errors.push(`metadata.${field}.${k} must be a string or null`);
        }
      }
    }
  }
  return errors;
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function kubeStatus(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export interface KustomizationStateInput {
  generation?: number;
  observedGeneration?: number;
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  ready?: {
    status: 'True' | 'False' | 'Unknown';
    reason: string;
    message: string;
    observedGeneration?: number;
  };
  suspend?: boolean;
}

/** A Kustomization as kustomize-controller leaves it, with the status fields the gate reads. */
export function fluxKustomization(
  namespace: string,
  name: string,
  input: KustomizationStateInput,
): KubeObject {
  const generation = input.generation ?? 3;
  const ready = input.ready;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace,
      uid: '0c3f6a9e-7d21-4b8f-a1e2-5f9d0c8b7a61',
      resourceVersion: '91234',
      generation,
      creationTimestamp: '2025-01-01T09:00:00Z',
      finalizers: ['finalizers.fluxcd.io'],
    },
    spec: {
      interval: '10m',
      path: './apps/podinfo',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      timeout: '5m',
      wait: true,
      ...(input.suspend === undefined ? {} : { suspend: input.suspend }),
    },
    status: {
      observedGeneration: input.observedGeneration ?? generation,
      ...(input.lastAppliedRevision === undefined ? {} : { lastAppliedRevision: input.lastAppliedRevision }),
      ...(input.lastAttemptedRevision === undefined
        ? {}
        : { lastAttemptedRevision: input.lastAttemptedRevision }),
      conditions:
        ready === undefined
          ? []
          : [
              {
                type: 'Ready',
                status: ready.status,
                reason: ready.reason,
                message: ready.message,
                lastTransitionTime: '2025-01-01T10:01:00Z',
                observedGeneration: ready.observedGeneration ?? generation,
              },
            ],
    },
  };
}
