import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { argoApplication, FakeArgoCd } from '../support/fake-argocd.js';
import { FakeKube, fluxKustomization, metadataOnlyPatchErrors } from '../support/fake-kube.js';
import { matchOperation, queryErrors, swaggerErrors } from '../support/swagger.js';

// The fakes must refuse what the real servers never send or accept, or the gate tests prove nothing.

const SHA = 'def5678a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e';
const TOKEN = 'fake-token-1234';

const healthy = argoApplication('podinfo', {
  sync: 'Synced',
  health: 'Healthy',
  revision: SHA,
  reconciledAt: '2025-01-01T10:01:40Z',
  operation: {
    phase: 'Succeeded',
    revision: SHA,
    startedAt: '2025-01-01T10:01:01Z',
    finishedAt: '2025-01-01T10:01:10Z',
  },
});

let closers: (() => Promise<void>)[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  closers = [];
  dirs = [];
});

async function argo(application: Record<string, unknown>): Promise<FakeArgoCd> {
  const fake = await FakeArgoCd.start({ application: 'podinfo', token: TOKEN, script: [{ application }] });
  closers.push(() => fake.close());
  return fake;
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('argocd swagger checks', () => {
  it('accepts the Application states the gate tests use', () => {
    expect(swaggerErrors('v1alpha1Application', healthy)).toBeUndefined();
  });

  it('rejects a field the API does not have, a wrong type and a bad timestamp', () => {
    const typo = structuredClone(healthy) as { status: { sync: Record<string, unknown> } };
    typo.status.sync.revison = SHA;
    expect(swaggerErrors('v1alpha1Application', typo)).toMatch(/must NOT have additional properties/);
    const number = structuredClone(healthy) as { status: { sync: Record<string, unknown> } };
    number.status.sync.revision = 42;
    expect(swaggerErrors('v1alpha1Application', number)).toMatch(/revision must be string/);
    const time = structuredClone(healthy) as { status: Record<string, unknown> };
    time.status.reconciledAt = 'yesterday';
    expect(swaggerErrors('v1alpha1Application', time)).toMatch(/reconciledAt must match format "date-time"/);
  });

  it('matches documented operations and refuses undocumented paths, methods and query parameters', () => {
    const get = matchOperation('GET', '/api/v1/applications/podinfo');
    expect(typeof get === 'string' ? get : get.operation.operationId).toBe('ApplicationService_Get');
    expect(matchOperation('GET', '/api/v1/application/podinfo')).toMatch(/no path/);
    expect(matchOperation('PUT', '/api/v1/applications/podinfo/sync')).toMatch(/documents no PUT/);
    if (typeof get === 'string') throw new Error(get);
    expect(
      queryErrors(get, new URLSearchParams('refresh=normal&appNamespace=apps&projects=a&projects=b')),
    ).toEqual([]);
    expect(queryErrors(get, new URLSearchParams('refresh=normal&namespace=apps'))).toEqual([
      'ApplicationService_Get has no query parameter namespace',
    ]);
    expect(queryErrors(get, new URLSearchParams('refresh=normal&refresh=hard'))).toEqual([
      'ApplicationService_Get: query parameter refresh is not repeatable',
    ]);
  });

  it('records an invalid scripted answer and answers 500 instead of sending it', async () => {
    const invalid = structuredClone(healthy) as { status: { health: Record<string, unknown> } };
    invalid.status.health.healthy = true;
    const fake = await argo(invalid);
    const response = await fetch(`${fake.url}/api/v1/applications/podinfo`, { headers: auth });
    expect(response.status).toBe(500);
    expect(fake.errors).toHaveLength(1);
    expect(fake.errors[0]).toMatch(
      /ApplicationService_Get 200 answer is invalid: .*must NOT have additional properties/,
    );
  });

  it('records requests to paths and parameters the API does not document', async () => {
    const fake = await argo(healthy);
    await fetch(`${fake.url}/api/v1/apps/podinfo`, { headers: auth });
    await fetch(`${fake.url}/api/v1/applications/podinfo?refresh=normal&force=true`, { headers: auth });
    expect(fake.errors).toEqual([
      'GET /api/v1/apps/podinfo: no path in argocd-swagger.json matches /api/v1/apps/podinfo',
      'GET /api/v1/applications/podinfo: ApplicationService_Get has no query parameter force',
    ]);
  });
});

describe('kube fake checks', () => {
  async function kube(object: Record<string, unknown>): Promise<FakeKube> {
    const fake = await FakeKube.start({
      token: TOKEN,
      crds: [{ crdFile: 'flux-kustomization-crd.yaml', kind: 'Kustomization' }],
      objects: [
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'apps',
          reads: [{ object }],
        },
      ],
    });
    closers.push(() => fake.close());
    return fake;
  }
  const ksPath = '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps';
  const valid = fluxKustomization('flux-system', 'apps', {
    lastAppliedRevision: `main@sha1:${SHA}`,
    lastAttemptedRevision: `main@sha1:${SHA}`,
    ready: { status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied revision' },
  });

  it('serves a valid Kustomization and a kubeconfig client-node can use', async () => {
    const fake = await kube(valid);
    const response = await fetch(`${fake.url}${ksPath}`, { headers: auth });
    expect(response.status).toBe(200);
    dirs.push(mkdtempSync(path.join(tmpdir(), 'gitcanary-fakes-')));
    expect(fake.writeKubeconfig(dirs[0] as string)).toMatch(/kubeconfig$/);
    expect(fake.errors).toEqual([]);
  });

  it('refuses a Kustomization that violates the CRD schema', async () => {
    const bad = structuredClone(valid) as { status: { conditions: Record<string, unknown>[] } };
    bad.status.conditions[0] = { ...bad.status.conditions[0], status: 'Yes' };
    const fake = await kube(bad);
    expect((await fetch(`${fake.url}${ksPath}`, { headers: auth })).status).toBe(500);
    expect(fake.errors.join('\n')).toMatch(/must be equal to one of the allowed values/);
  });

  it('refuses fields the API server would have pruned and metadata it always sets', async () => {
    const bad = structuredClone(valid) as {
      status: Record<string, unknown>;
      metadata: Record<string, unknown>;
    };
    bad.status.lastAppliedCommit = SHA;
    delete bad.metadata.resourceVersion;
    const fake = await kube(bad);
    expect((await fetch(`${fake.url}${ksPath}`, { headers: auth })).status).toBe(500);
    expect(fake.errors.join('\n')).toMatch(/status.lastAppliedCommit is not in the schema/);
    expect(fake.errors.join('\n')).toMatch(/metadata.resourceVersion missing/);
  });

  it('refuses paths outside vended CRDs and strategic merge patches', async () => {
    const fake = await kube(valid);
    await fetch(`${fake.url}/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/x`, {
      headers: auth,
    });
    await fetch(`${fake.url}/api/v1/namespaces/flux-system/configmaps/x`, { headers: auth });
    await fetch(`${fake.url}${ksPath}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { a: 'b' } } }),
    });
    expect(fake.errors).toEqual([
      'GET /apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/x: no vendored CRD serves source.toolkit.fluxcd.io/v1 gitrepositories',
      'GET /api/v1/namespaces/flux-system/configmaps/x: not a namespaced custom resource path',
      `PATCH ${ksPath}: patch content type application/strategic-merge-patch+json (the fake models application/merge-patch+json)`,
    ]);
  });

  it('accepts a merge patch of annotations and serves it on later reads', async () => {
    const fake = await kube(valid);
    const patch = {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': '2025-01-01T10:00:00Z' } },
    };
    const patched = await fetch(`${fake.url}${ksPath}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(patch),
    });
    expect(patched.status).toBe(200);
    const read = (await (await fetch(`${fake.url}${ksPath}`, { headers: auth })).json()) as typeof patch;
    expect(read.metadata.annotations['reconcile.fluxcd.io/requestedAt']).toBe('2025-01-01T10:00:00Z');
    expect(fake.errors).toEqual([]);
  });

  it('refuses patches beyond metadata annotations and labels', () => {
    expect(metadataOnlyPatchErrors({ status: { observedGeneration: 9 } })).toEqual([
      'patch touches status (status is a subresource; spec changes are not modelled)',
    ]);
    expect(metadataOnlyPatchErrors({ metadata: { annotations: { a: 1 } } })).toEqual([
      'metadata.annotations.a must be a string or null',
    ]);
    expect(metadataOnlyPatchErrors([])).toEqual(['merge patch must be an object']);
  });

  it('answers 401 without the token', async () => {
    const fake = await kube(valid);
    const response = await fetch(`${fake.url}${ksPath}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { reason: string }).reason).toBe('Unauthorized');
  });
});
