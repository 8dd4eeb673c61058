import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FluxSyncGate, type FluxSyncOptions } from '../../src/gates/flux.js';
import { commitOfRevision } from '../../src/gates/flux-state.js';
import type { GateContext } from '../../src/gates/types.js';
import {
  FakeKube,
  fluxKustomization,
  type KustomizationStateInput,
  type ScriptedObject,
  type ScriptedRead,
} from '../support/fake-kube.js';

const OURS = 'def5678a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e';
const PREVIOUS = 'abc1234f5e6d7c8b9a0f1e2d3c4b5a6978695a4b';
const TOKEN = 'kube-test-token-5c2e8f1a';
/** source-controller's CRD is not vendored yet (test/schemas/SOURCES.md); the fake serves only vendored CRDs. */
const GITREPOSITORY_CRD = 'flux-gitrepository-crd.yaml';

let fake: FakeKube | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function context(progress: string[] = []): GateContext {
  return {
    releaseName: 'podinfo',
    namespace: 'podinfo',
    commit: OURS,
    branch: 'main',
    stepIndex: 1,
    canaryWeight: 10,
    canaryImage: undefined,
    stableImage: undefined,
    phase: 'Progressing',
    variables: {},
    signal: new AbortController().signal,
    progress: (message) => progress.push(message),
  };
}

function ks(input: KustomizationStateInput, times?: number): ScriptedRead {
  return {
    object: fluxKustomization('flux-system', 'apps', input),
    ...(times === undefined ? {} : { times }),
  };
}

const readyAt = (revision: string): KustomizationStateInput => ({
  lastAppliedRevision: revision,
  lastAttemptedRevision: revision,
  ready: { status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: ${revision}` },
});
const progressingTo = (revision: string, applied: string): KustomizationStateInput => ({
  lastAppliedRevision: applied,
  lastAttemptedRevision: revision,
  ready: { status: 'Unknown', reason: 'Progressing', message: `Reconciliation in progress` },
});

async function gateFor(
  reads: ScriptedRead[],
  config: Record<string, unknown> = {},
  extra: { objects?: ScriptedObject[]; gitRepositoryCrd?: boolean; options?: FluxSyncOptions } = {},
): Promise<FluxSyncGate> {
  fake = await FakeKube.start({
    token: TOKEN,
    crds: [
      { crdFile: 'flux-kustomization-crd.yaml', kind: 'Kustomization' },
      ...(extra.gitRepositoryCrd === true ? [{ crdFile: GITREPOSITORY_CRD, kind: 'GitRepository' }] : []),
    ],
    objects: [
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'apps',
        reads,
      },
      ...(extra.objects ?? []),
    ],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'gitcanary-flux-'));
  const kubeconfig = fake.writeKubeconfig(dir);
  return new FluxSyncGate(
    'flux',
    { kustomization: 'apps', kubeconfig, progressDeadline: '2s', ...config },
    { pollIntervalMs: 20, ...extra.options },
  );
}

describe('FluxSyncGate', () => {
  it('passes once the Kustomization applied our commit and is Ready at the current generation', async () => {
    const gate = await gateFor([
      ks(readyAt(`main@sha1:${PREVIOUS}`)),
      ks(progressingTo(`main@sha1:${OURS}`, `main@sha1:${PREVIOUS}`)),
      ks(readyAt(`main@sha1:${OURS}`)),
    ]);
    const progress: string[] = [];
    const result = await gate.evaluate(context(progress));
    expect(result.verdict).toBe('pass');
    expect(result.threshold).toBe('applied def5678 Ready');
    expect(progress).toEqual([
      'flux flux-system/apps: Ready=True ReconciliationSucceeded at abc1234, waiting for def5678',
      'flux flux-system/apps: Ready=Unknown Progressing at abc1234 (attempted def5678), waiting for def5678',
      'flux flux-system/apps: Ready=True ReconciliationSucceeded at def5678',
    ]);
    expect(fake?.errors).toEqual([]);
  });

  it.each([
    ['plain sha', OURS],
    ['branch@sha1', `main@sha1:${OURS}`],
    ['sha1 without a ref', `sha1:${OURS}`],
    ['nested ref@sha1', `refs/heads/release/1.x@sha1:${OURS}`],
    ['pre-2.0 branch/sha', `main/${OURS}`],
  ])('recognises lastAppliedRevision as %s', async (_form, revision) => {
    const gate = await gateFor([ks(readyAt(revision))]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
    expect(commitOfRevision(revision)).toBe(OURS);
    expect(fake?.errors).toEqual([]);
  });

  it('fails at once on Ready=False for our revision', async () => {
    const failed: KustomizationStateInput = {
      lastAppliedRevision: `main@sha1:${PREVIOUS}`,
      lastAttemptedRevision: `main@sha1:${OURS}`,
      ready: {
        status: 'False',
        reason: 'HealthCheckFailed',
        message:
          "health check failed after 5m0s: timeout waiting for: [Deployment/podinfo/podinfo status: 'InProgress']",
      },
    };
    const gate = await gateFor(
      [ks(progressingTo(`main@sha1:${OURS}`, `main@sha1:${PREVIOUS}`)), ks(failed)],
      {
        progressDeadline: '10m',
      },
    );
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      "flux flux-system/apps: Ready=False HealthCheckFailed at abc1234 (attempted def5678), Ready=False HealthCheckFailed for def5678: health check failed after 5m0s: timeout waiting for: [Deployment/podinfo/podinfo status: 'InProgress']",
    );
    expect(fake?.errors).toEqual([]);
  });

  it('keeps waiting on Ready=False for the previous revision', async () => {
    const failedBefore: KustomizationStateInput = {
      lastAppliedRevision: `main@sha1:${PREVIOUS}`,
      lastAttemptedRevision: `main@sha1:${PREVIOUS}`,
      ready: {
        status: 'False',
        reason: 'ReconciliationFailed',
        message: 'Deployment/podinfo/podinfo dry-run failed',
      },
    };
    const gate = await gateFor([ks(failedBefore, 2), ks(readyAt(`main@sha1:${OURS}`))]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
  });

  it('keeps waiting on Ready=False DependencyNotReady for our revision', async () => {
    const blocked: KustomizationStateInput = {
      lastAppliedRevision: `main@sha1:${PREVIOUS}`,
      lastAttemptedRevision: `main@sha1:${OURS}`,
      ready: {
        status: 'False',
        reason: 'DependencyNotReady',
        message: "dependency 'flux-system/infra' is not ready",
      },
    };
    const gate = await gateFor([ks(blocked, 2), ks(readyAt(`main@sha1:${OURS}`))]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
  });

  it('waits while status.observedGeneration is stale even if the revision and Ready look done', async () => {
    const stale = { ...readyAt(`main@sha1:${OURS}`), generation: 4, observedGeneration: 3 };
    const staleCondition = {
      ...readyAt(`main@sha1:${OURS}`),
      ready: {
        status: 'True' as const,
        reason: 'ReconciliationSucceeded',
        message: 'Applied',
        observedGeneration: 3,
      },
      generation: 4,
      observedGeneration: 4,
    };
    const gate = await gateFor([
      ks(stale, 2),
      ks(staleCondition),
      ks({ ...readyAt(`main@sha1:${OURS}`), generation: 4 }),
    ]);
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress[0]).toContain('status.observedGeneration 3 behind metadata.generation 4');
    expect(progress[1]).toContain('Ready condition observed generation 3, not 4');
    expect(fake?.errors).toEqual([]);
  });

  it('fails after the deadline with the last state, never passing on a stale generation', async () => {
    const stale = { ...readyAt(`main@sha1:${OURS}`), generation: 4, observedGeneration: 3 };
    const gate = await gateFor([ks(stale)], { progressDeadline: '250ms' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      'flux flux-system/apps: def5678 not applied and Ready within 250ms; last state: Ready=True ReconciliationSucceeded at def5678, status.observedGeneration 3 behind metadata.generation 4',
    );
  });

  it('asks for a reconcile with a valid merge patch of reconcile.fluxcd.io/requestedAt', async () => {
    const gate = await gateFor([ks(readyAt(`main@sha1:${PREVIOUS}`)), ks(readyAt(`main@sha1:${OURS}`))]);
    const before = Date.now();
    expect((await gate.evaluate(context())).verdict).toBe('pass');
    expect(fake?.patches).toHaveLength(1);
    const [patch] = fake?.patches ?? [];
    expect(patch?.path).toBe(
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps',
    );
    expect(patch?.contentType).toBe('application/merge-patch+json');
    const body = patch?.body as { metadata: { annotations: Record<string, string> } } | undefined;
    const requestedAt = body?.metadata.annotations['reconcile.fluxcd.io/requestedAt'];
    expect(Date.parse(requestedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // The patch reached the fake before the first read, and the patched object still validated.
    expect(fake?.requests.map((r) => r.method)).toEqual(['PATCH', 'GET', 'GET']);
    expect(fake?.errors).toEqual([]);
  });

  it('fails at once on a suspended Kustomization', async () => {
    const gate = await gateFor([ks({ ...readyAt(`main@sha1:${PREVIOUS}`), suspend: true })], {
      progressDeadline: '10m',
    });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('suspended');
  });

  it('fails when the Kustomization does not exist', async () => {
    const gate = await gateFor([ks(readyAt(OURS))], { kustomization: 'nope' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('Kustomization flux-system/nope not found');
  });

  it('fails on 401 without printing the kubeconfig token', async () => {
    const gate = await gateFor([ks(readyAt(OURS))]);
    const { writeFileSync } = await import('node:fs');
    const kubeconfig = path.join(dir as string, 'kubeconfig');
    writeFileSync(kubeconfig, readFileSync(kubeconfig, 'utf8').replace(TOKEN, 'stale-token-9a8b7c6d'));
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('HTTP 401');
    expect(JSON.stringify(result)).not.toContain('stale-token-9a8b7c6d');
  });

  it('keeps polling through API server errors until the deadline decides', async () => {
    const gate = await gateFor(
      [{ status: 503, times: 2 }, ks(readyAt(`main@sha1:${OURS}`))],
      {},
      {
        options: { pollIntervalMs: 20, retry: { attempts: 1, minDelayMs: 0, maxDelayMs: 0 } },
      },
    );
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress[0]).toContain('HTTP 503');
  });

  it('asks again with backoff within one poll, so a 503 blip never shows as a state', async () => {
    const gate = await gateFor(
      [{ status: 503, times: 2 }, ks(readyAt(`main@sha1:${OURS}`))],
      {},
      {
        options: { pollIntervalMs: 20, retry: { attempts: 3, minDelayMs: 10, maxDelayMs: 40 } },
      },
    );
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress).toHaveLength(1);
    expect(progress[0]).not.toContain('503');
  });

  it('talks to a plain-http API server (kubectl proxy) without insecure-skip-tls-verify, as kubectl does', async () => {
    const gate = await gateFor([ks(readyAt(`main@sha1:${OURS}`))]);
    const kubeconfig = readFileSync(path.join(dir as string, 'kubeconfig'), 'utf8');
    expect(kubeconfig).toContain('server: http://127.0.0.1:');
    expect(kubeconfig).not.toContain('insecure-skip-tls-verify');
    expect((await gate.evaluate(context())).verdict).toBe('pass');
    expect(fake?.requests.some((request) => request.method === 'GET')).toBe(true);
  });

  it('fails on a bad kubeconfig context with the field named', async () => {
    const gate = await gateFor([ks(readyAt(OURS))], { context: 'missing' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('sync.flux.context');
  });

  it('waits for the GitRepository artifact to carry our commit when gitRepository is set', async () => {
    const repository = (revision: string): ScriptedRead => ({
      object: {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: {
          name: 'flux-system',
          namespace: 'flux-system',
          uid: '7a1c2e3f-4b5d-6e7f-8a9b-0c1d2e3f4a5b',
          resourceVersion: '1200',
          generation: 1,
          creationTimestamp: '2025-01-01T09:00:00Z',
        },
        spec: { interval: '1m', url: 'https://git.example.com/deploy.git', ref: { branch: 'main' } },
        status: {
          observedGeneration: 1,
          artifact: {
            digest: 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
            lastUpdateTime: '2025-01-01T10:00:00Z',
            path: 'gitrepository/flux-system/flux-system/abc.tar.gz',
            revision,
            url: 'http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/flux-system/abc.tar.gz',
          },
        },
      },
    });
    // The Kustomization looks done at our commit; the gate still waits for the source.
    const gate = await gateFor(
      [ks(readyAt(`main@sha1:${OURS}`))],
      { gitRepository: 'flux-system' },
      {
        gitRepositoryCrd: true,
        objects: [
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            namespace: 'flux-system',
            name: 'flux-system',
            reads: [repository(`main@sha1:${PREVIOUS}`), repository(`main@sha1:${OURS}`)],
          },
        ],
      },
    );
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress[0]).toContain('GitRepository flux-system at abc1234, waiting for def5678');
    expect(fake?.patches.map((p) => p.path)).toEqual([
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-system',
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps',
    ]);
    expect(fake?.errors).toEqual([]);
  });
});
