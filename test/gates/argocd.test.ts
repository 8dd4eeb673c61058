import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArgoCdSyncGate } from '../../src/gates/argocd.js';
import type { GateContext } from '../../src/gates/types.js';
import {
  type ApplicationStateInput,
  argoApplication,
  FakeArgoCd,
  type ScriptedAnswer,
} from '../support/fake-argocd.js';

const OURS = 'def5678a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e';
const PREVIOUS = 'abc1234f5e6d7c8b9a0f1e2d3c4b5a6978695a4b';
const TOKEN = 'argocd-test-token-3f9c1a7e';
const TOKEN_ENV = 'GITCANARY_TEST_ARGOCD_TOKEN';

let fake: FakeArgoCd | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  delete process.env[TOKEN_ENV];
});

function context(progress: string[] = [], signal = new AbortController().signal): GateContext {
  return {
    releaseName: 'podinfo',
    namespace: 'podinfo',
    commit: OURS,
    branch: 'main',
    stepIndex: 1,
    canaryWeight: 10,
    canaryImage: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    stableImage: 'ghcr.io/stefanprodan/podinfo:6.7.0',
    phase: 'Progressing',
    variables: {},
    signal,
    progress: (message) => progress.push(message),
  };
}

function app(input: ApplicationStateInput): ScriptedAnswer {
  return { application: argoApplication('podinfo', input) };
}

/** Synced and Healthy at the previous commit, before our commit is noticed. */
const atPrevious = app({
  sync: 'Synced',
  health: 'Healthy',
  revision: PREVIOUS,
  reconciledAt: '2025-01-01T10:00:00Z',
  operation: {
    phase: 'Succeeded',
    revision: PREVIOUS,
    startedAt: '2025-01-01T09:50:00Z',
    finishedAt: '2025-01-01T09:50:10Z',
  },
});
const outOfSync = app({
  sync: 'OutOfSync',
  health: 'Healthy',
  revision: OURS,
  reconciledAt: '2025-01-01T10:01:00Z',
  operation: {
    phase: 'Succeeded',
    revision: PREVIOUS,
    startedAt: '2025-01-01T09:50:00Z',
    finishedAt: '2025-01-01T09:50:10Z',
  },
});
const syncing = app({
  sync: 'OutOfSync',
  health: 'Progressing',
  revision: OURS,
  reconciledAt: '2025-01-01T10:01:00Z',
  operation: { phase: 'Running', revision: OURS, startedAt: '2025-01-01T10:01:01Z' },
});
const syncedProgressing = app({
  sync: 'Synced',
  health: 'Progressing',
  revision: OURS,
  reconciledAt: '2025-01-01T10:01:20Z',
  operation: {
    phase: 'Succeeded',
    revision: OURS,
    startedAt: '2025-01-01T10:01:01Z',
    finishedAt: '2025-01-01T10:01:10Z',
  },
});
const syncedHealthy = app({
  sync: 'Synced',
  health: 'Healthy',
  revision: OURS,
  reconciledAt: '2025-01-01T10:01:40Z',
  operation: {
    phase: 'Succeeded',
    revision: OURS,
    startedAt: '2025-01-01T10:01:01Z',
    finishedAt: '2025-01-01T10:01:10Z',
  },
});
/** Health still from before the sync finished: Synced Healthy, but not yet reassessed. */
const healthyBeforeReconcile = app({
  sync: 'Synced',
  health: 'Healthy',
  revision: OURS,
  reconciledAt: '2025-01-01T10:01:05Z',
  operation: {
    phase: 'Succeeded',
    revision: OURS,
    startedAt: '2025-01-01T10:01:01Z',
    finishedAt: '2025-01-01T10:01:10Z',
  },
});

async function gateFor(
  script: ScriptedAnswer[],
  config: Record<string, unknown> = {},
  options: {
    pollIntervalMs?: number;
    acceptedHealth?: string[];
    retry?: { attempts: number; minDelayMs: number; maxDelayMs: number };
  } = {},
): Promise<ArgoCdSyncGate> {
  process.env[TOKEN_ENV] = TOKEN;
  fake = await FakeArgoCd.start({ application: 'podinfo', token: TOKEN, script });
  return new ArgoCdSyncGate(
    'argocd',
    { server: fake.url, application: 'podinfo', tokenEnv: TOKEN_ENV, progressDeadline: '2s', ...config },
    { pollIntervalMs: 20, ...options },
  );
}

describe('ArgoCdSyncGate', () => {
  it('passes only after our commit is synced, healthy and reconciled after the sync finished', async () => {
    const gate = await gateFor([
      atPrevious,
      outOfSync,
      syncing,
      syncedProgressing,
      healthyBeforeReconcile,
      syncedHealthy,
    ]);
    const progress: string[] = [];
    const result = await gate.evaluate(context(progress));
    expect(result.verdict).toBe('pass');
    expect(result.kind).toBe('sync');
    expect(result.threshold).toBe('synced def5678 Healthy');
    expect(fake?.requests).toHaveLength(6);
    expect(progress).toEqual([
      'argocd podinfo: Synced Healthy at abc1234, waiting for def5678',
      'argocd podinfo: OutOfSync Healthy at def5678, waiting for Synced at def5678',
      'argocd podinfo: OutOfSync Progressing at def5678, sync operation Running',
      'argocd podinfo: Synced Progressing at def5678, waiting for Healthy at def5678',
      'argocd podinfo: Synced Healthy at def5678, status not reconciled since the sync finished at 2025-01-01T10:01:10Z',
      'argocd podinfo: Synced Healthy at def5678',
    ]);
    expect(fake?.errors).toEqual([]);
  });

  it('does not pass while Synced and Healthy at the previous commit', async () => {
    const gate = await gateFor([atPrevious], { progressDeadline: '300ms' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('last state: Synced Healthy at abc1234, waiting for def5678');
    expect(fake?.errors).toEqual([]);
  });

  it('does not pass while reconciledAt is before the operation finishedAt', async () => {
    const gate = await gateFor([healthyBeforeReconcile], { progressDeadline: '300ms' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('status not reconciled since the sync finished');
    expect(fake?.errors).toEqual([]);
  });

  it('accepts reconciledAt equal to finishedAt (second precision)', async () => {
    const equal = app({
      sync: 'Synced',
      health: 'Healthy',
      revision: OURS,
      reconciledAt: '2025-01-01T10:01:10Z',
      operation: {
        phase: 'Succeeded',
        revision: OURS,
        startedAt: '2025-01-01T10:01:01Z',
        finishedAt: '2025-01-01T10:01:10Z',
      },
    });
    const gate = await gateFor([equal]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
  });

  it('waits while an operation is requested even if the status looks done', async () => {
    const requested: ScriptedAnswer = {
      application: argoApplication('podinfo', {
        sync: 'Synced',
        health: 'Healthy',
        revision: OURS,
        reconciledAt: '2025-01-01T10:01:40Z',
        operation: {
          phase: 'Succeeded',
          revision: OURS,
          startedAt: '2025-01-01T10:01:01Z',
          finishedAt: '2025-01-01T10:01:10Z',
        },
        requested: true,
      }),
    };
    const gate = await gateFor([requested, syncedHealthy]);
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress[0]).toContain('sync operation requested');
  });

  it('passes for a multi-source application when one of sync.revisions is our commit', async () => {
    const multi = app({
      sync: 'Synced',
      health: 'Healthy',
      revision: ['8f2e4d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e', OURS],
      reconciledAt: '2025-01-01T10:01:40Z',
      operation: {
        phase: 'Succeeded',
        revision: ['8f2e4d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e', OURS],
        startedAt: '2025-01-01T10:01:01Z',
        finishedAt: '2025-01-01T10:01:10Z',
      },
    });
    const gate = await gateFor([multi]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
    expect(fake?.errors).toEqual([]);
  });

  it('fails at once when the application is Degraded at our commit', async () => {
    const degraded = app({
      sync: 'Synced',
      health: 'Degraded',
      healthMessage: 'Deployment "podinfo" exceeded its progress deadline',
      revision: OURS,
      reconciledAt: '2025-01-01T10:05:00Z',
      operation: {
        phase: 'Succeeded',
        revision: OURS,
        startedAt: '2025-01-01T10:01:01Z',
        finishedAt: '2025-01-01T10:01:10Z',
      },
    });
    const gate = await gateFor([syncedProgressing, degraded, syncedHealthy], { progressDeadline: '10m' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      'argocd podinfo: Synced Degraded at def5678, Degraded at def5678: Deployment "podinfo" exceeded its progress deadline',
    );
    expect(fake?.requests).toHaveLength(2);
  });

  it('fails at once when the sync operation for our commit failed', async () => {
    const failed = app({
      sync: 'OutOfSync',
      health: 'Healthy',
      revision: OURS,
      reconciledAt: '2025-01-01T10:01:40Z',
      operation: {
        phase: 'Failed',
        revision: OURS,
        startedAt: '2025-01-01T10:01:01Z',
        finishedAt: '2025-01-01T10:01:10Z',
        message: 'one or more objects failed to apply, reason: admission webhook denied the request',
      },
    });
    const gate = await gateFor([syncing, failed], { progressDeadline: '10m' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain(
      'sync operation Failed for def5678: one or more objects failed to apply',
    );
    expect(fake?.errors).toEqual([]);
  });

  it('keeps waiting when a failed operation was for the previous commit', async () => {
    const failedBefore = app({
      sync: 'OutOfSync',
      health: 'Healthy',
      revision: OURS,
      reconciledAt: '2025-01-01T10:01:40Z',
      operation: {
        phase: 'Failed',
        revision: PREVIOUS,
        startedAt: '2025-01-01T09:50:00Z',
        finishedAt: '2025-01-01T09:50:10Z',
      },
    });
    const gate = await gateFor([failedBefore, syncing, syncedHealthy]);
    expect((await gate.evaluate(context())).verdict).toBe('pass');
  });

  it('fails when the deadline passes, with the last observed state', async () => {
    const gate = await gateFor([atPrevious, syncedProgressing], { progressDeadline: '250ms' });
    const started = Date.now();
    const result = await gate.evaluate(context());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      'argocd podinfo: def5678 not synced and healthy within 250ms; last state: Synced Progressing at def5678, waiting for Healthy at def5678',
    );
    expect(result.measurements.map((m) => m.value)).toEqual([
      'Synced Healthy at abc1234',
      'Synced Progressing at def5678',
    ]);
  });

  it('fails on 401 with a message that does not contain the token', async () => {
    const gate = await gateFor([syncedHealthy]);
    process.env[TOKEN_ENV] = 'wrong-token-7d1e9b';
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('refused the token from $GITCANARY_TEST_ARGOCD_TOKEN (HTTP 401');
    expect(result.message).not.toContain('wrong-token-7d1e9b');
    expect(JSON.stringify(result)).not.toContain('wrong-token-7d1e9b');
    expect(fake?.requests).toHaveLength(1);
    expect(fake?.errors).toEqual([]);
  });

  it('fails when the token variable is not set', async () => {
    const gate = await gateFor([syncedHealthy]);
    delete process.env[TOKEN_ENV];
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('GITCANARY_TEST_ARGOCD_TOKEN is not set');
    expect(fake?.requests).toHaveLength(0);
  });

  it('fails with application not found on 404', async () => {
    const gate = await gateFor([syncedHealthy], { application: 'podinfoo' });
    const result = await gate.evaluate(context());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('application podinfoo not found');
    expect(fake?.errors).toEqual([]);
  });

  it('asks for a refresh on the first poll only, with the documented query parameters', async () => {
    const gate = await gateFor([atPrevious, syncedHealthy], {
      application: 'apps/podinfo',
      project: 'canaries',
    });
    expect((await gate.evaluate(context())).verdict).toBe('pass');
    const [first, second] = fake?.requests ?? [];
    expect(first?.path).toBe('/api/v1/applications/podinfo');
    expect(first?.query.get('refresh')).toBe('normal');
    expect(first?.query.get('appNamespace')).toBe('apps');
    expect(first?.query.getAll('projects')).toEqual(['canaries']);
    expect(first?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(second?.query.has('refresh')).toBe(false);
    expect(fake?.errors).toEqual([]);
  });

  it('keeps polling through network errors and server errors until it passes', async () => {
    const gate = await gateFor(
      [
        { drop: true, times: 2 },
        { status: 503, body: { code: 14, error: 'connection refused', message: 'connection refused' } },
        syncedHealthy,
      ],
      {},
      { retry: { attempts: 1, minDelayMs: 0, maxDelayMs: 0 } },
    );
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress[0]).toMatch(/^argocd podinfo: unreachable, cannot reach http:\/\/127\.0\.0\.1:\d+\/: /);
    expect(progress[1]).toBe('argocd podinfo: HTTP 503, Argo CD answered 503: connection refused');
    expect(fake?.errors).toEqual([]);
  });

  it('asks again with backoff within one poll, so blips never show as a state', async () => {
    const gate = await gateFor(
      [
        { drop: true, times: 2 },
        { status: 503, body: { code: 14, error: 'connection refused', message: 'connection refused' } },
        syncedHealthy,
      ],
      {},
      { retry: { attempts: 4, minDelayMs: 10, maxDelayMs: 40 } },
    );
    const progress: string[] = [];
    expect((await gate.evaluate(context(progress))).verdict).toBe('pass');
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(/^argocd podinfo: Synced Healthy/);
    expect(fake?.requests).toHaveLength(4);
    expect(fake?.errors).toEqual([]);
  });

  it('treats Suspended as done when told to (a Rollout paused at a pause step)', async () => {
    const suspended = app({
      sync: 'Synced',
      health: 'Suspended',
      revision: OURS,
      reconciledAt: '2025-01-01T10:01:40Z',
      operation: {
        phase: 'Succeeded',
        revision: OURS,
        startedAt: '2025-01-01T10:01:01Z',
        finishedAt: '2025-01-01T10:01:10Z',
      },
    });
    const strict = await gateFor([suspended], { progressDeadline: '200ms' });
    expect((await strict.evaluate(context())).verdict).toBe('fail');
    await fake?.close();
    const lenient = await gateFor([suspended], {}, { acceptedHealth: ['Healthy', 'Suspended'] });
    expect((await lenient.evaluate(context())).verdict).toBe('pass');
  });

  it('stops as inconclusive when the signal aborts', async () => {
    const gate = await gateFor([atPrevious], { progressDeadline: '10m' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await gate.evaluate(context([], controller.signal));
    expect(result.verdict).toBe('inconclusive');
  });

  it('talks to a self-signed server only when insecure is set, and fails at once otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gitcanary-tls-'));
    try {
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      process.env[TOKEN_ENV] = TOKEN;
      fake = await FakeArgoCd.start({
        application: 'podinfo',
        token: TOKEN,
        script: [syncedHealthy],
        tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') },
      });
      const config = {
        server: fake.url,
        application: 'podinfo',
        tokenEnv: TOKEN_ENV,
        progressDeadline: '10m',
      };
      const strict = await new ArgoCdSyncGate('argocd', config, { pollIntervalMs: 20 }).evaluate(context());
      expect(strict.verdict).toBe('fail');
      expect(strict.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
      const insecure = new ArgoCdSyncGate('argocd', { ...config, insecure: true }, { pollIntervalMs: 20 });
      expect((await insecure.evaluate(context())).verdict).toBe('pass');
      expect(fake.errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
