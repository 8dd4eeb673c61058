import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgoCdSyncGate } from '../../src/gates/argocd.js';
import { FluxSyncGate } from '../../src/gates/flux.js';
import { HttpGate } from '../../src/gates/http.js';
import { PrometheusGate } from '../../src/gates/prometheus.js';
import type { Gate, GateResult } from '../../src/gates/types.js';
import type { RetryPolicy } from '../../src/retry.js';
import { argoApplication, FakeArgoCd } from '../support/fake-argocd.js';
import { FakeKube, fluxKustomization } from '../support/fake-kube.js';
import { type Fault, type FaultyProxy, failFirst, startFaultyProxy } from '../support/faulty-proxy.js';
import { gateContext } from '../support/gate-context.js';
import { freePort, startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// Every server a gate asks, down, slow, answering 5xx or garbage, or resetting the connection:
// a real server (Prometheus, an HTTP endpoint) or a swagger/CRD-validated fake (Argo CD, the
// Kubernetes API) behind a real proxy that misbehaves. A blip is retried with backoff (the shared
// policy, short delays here) and the gate passes; an outage that lasts fails closed, never passes,
// and says what it saw.

const COMMIT = 'def5678a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e';
const FAST: RetryPolicy = { attempts: 3, minDelayMs: 10, maxDelayMs: 40 };
/** Faults a retry gets through when they hit the first two requests. */
const BLIPS: Fault[] = ['503', 'garbage', 'reset', 'hang', 'slow'];
/** Faults that last. */
const OUTAGES: Fault[] = ['503', 'garbage', 'reset', 'hang'];

interface System {
  name: string;
  /** The gate asking `url` (the proxy) with short timeouts. */
  gate(url: string): Gate;
  /** A fault that lasts ends in this verdict and a message matching `expect`. */
  outage: Record<Exclude<Fault, 'pass'> | 'down', RegExp>;
  upstream(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

let endpoint: TestHttpServer;
let prometheus: PrometheusServer | undefined;
let argo: FakeArgoCd;
let kube: FakeKube;
let kubeDir: string;

const synced = argoApplication('podinfo', {
  sync: 'Synced',
  health: 'Healthy',
  revision: COMMIT,
  reconciledAt: '2025-01-01T10:01:40Z',
  operation: {
    phase: 'Succeeded',
    revision: COMMIT,
    startedAt: '2025-01-01T10:01:01Z',
    finishedAt: '2025-01-01T10:01:10Z',
  },
});
const ready = fluxKustomization('flux-system', 'apps', {
  lastAppliedRevision: `main@sha1:${COMMIT}`,
  lastAttemptedRevision: `main@sha1:${COMMIT}`,
  ready: { status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' },
});

const SYSTEMS: System[] = [
  {
    name: 'an HTTP gate endpoint',
    upstream: () => endpoint.url,
    start: async () => {
      endpoint = await startHttpServer(() => ({ status: 200, body: '{"ok":true}' }));
    },
    stop: async () => endpoint.close(),
    gate: (url) =>
      new HttpGate(
        'health',
        {
          url: `${url}/healthz`,
          timeout: '500ms',
          consecutiveErrorLimit: 0,
          jsonPath: '$.ok',
          successCondition: 'result == true',
        },
        { retry: FAST },
      ),
    outage: {
      '503': /→ 503, expected 2xx/,
      garbage: /response is not JSON/,
      reset: /unreachable: .*\(tried 3 times\)/,
      hang: /timed out after 500ms \(tried 3 times\)/,
      slow: /timed out/,
      down: /unreachable: .*ECONNREFUSED.*\(tried 3 times\)/,
    },
  },
  {
    name: 'Prometheus',
    upstream: () => prometheus!.address,
    start: async () => {
      prometheus = await startPrometheus([]);
    },
    stop: async () => prometheus?.stop(),
    gate: (url) =>
      new PrometheusGate(
        'up',
        {
          address: url,
          query: 'vector(1)',
          thresholdRange: { min: 1 },
          timeout: '500ms',
          consecutiveErrorLimit: 0,
        },
        { retry: FAST },
      ),
    outage: {
      '503': /HTTP 503.*\(tried 3 times\)/,
      garbage: /not its JSON.*\(tried 3 times\)/,
      reset: /unreachable: .*\(tried 3 times\)/,
      hang: /unreachable: .*(aborted|timeout).*\(tried 3 times\)/i,
      slow: /unreachable/,
      down: /unreachable: .*ECONNREFUSED.*\(tried 3 times\)/,
    },
  },
  {
    name: 'the Argo CD API',
    upstream: () => argo.url,
    start: async () => {
      process.env.GITCANARY_OUTAGE_ARGOCD_TOKEN = 'outage-argocd-token';
      argo = await FakeArgoCd.start({
        application: 'podinfo',
        token: 'outage-argocd-token',
        script: [{ application: synced }],
      });
    },
    stop: async () => argo.close(),
    gate: (url) =>
      new ArgoCdSyncGate(
        'sync',
        {
          server: url,
          application: 'podinfo',
          tokenEnv: 'GITCANARY_OUTAGE_ARGOCD_TOKEN',
          progressDeadline: '1500ms',
        },
        { pollIntervalMs: 50, requestTimeoutMs: 500, retry: FAST },
      ),
    outage: {
      '503': /not synced and healthy within 1500ms; last state: HTTP 503/,
      garbage: /did not answer JSON/,
      reset: /not synced and healthy within 1500ms; last state: unreachable/,
      hang: /not synced and healthy within 1500ms; last state: unreachable/,
      slow: /unreachable/,
      down: /not synced and healthy within 1500ms; last state: unreachable, cannot reach .*ECONNREFUSED/,
    },
  },
  {
    name: 'the Kubernetes API (Flux)',
    upstream: () => kube.url,
    start: async () => {
      kube = await FakeKube.start({
        token: 'outage-kube-token',
        crds: [{ crdFile: 'flux-kustomization-crd.yaml', kind: 'Kustomization' }],
        objects: [
          {
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            namespace: 'flux-system',
            name: 'apps',
            reads: [{ object: ready }],
          },
        ],
      });
      kubeDir = mkdtempSync(path.join(tmpdir(), 'gitcanary-outage-'));
      kube.writeKubeconfig(kubeDir);
    },
    stop: async () => {
      await kube.close();
      rmSync(kubeDir, { recursive: true, force: true });
    },
    gate: (url) => {
      // The same kubeconfig, pointing at the proxy (plain http, as with `kubectl proxy`).
      const file = path.join(kubeDir, `kubeconfig-${new URL(url).port}`);
      writeFileSync(file, readFileSync(path.join(kubeDir, 'kubeconfig'), 'utf8').replace(kube.url, url));
      return new FluxSyncGate(
        'sync',
        { kustomization: 'apps', kubeconfig: file, progressDeadline: '1500ms' },
        { pollIntervalMs: 50, requestTimeoutMs: 500, requestReconcile: false, retry: FAST },
      );
    },
    outage: {
      '503': /not applied and Ready within 1500ms; last state: HTTP 503/,
      garbage: /not JSON, the Kubernetes API answered something that is not JSON/,
      reset: /not applied and Ready within 1500ms; last state: unreachable/,
      hang: /not applied and Ready within 1500ms; last state: unreachable/,
      slow: /unreachable/,
      down: /not applied and Ready within 1500ms; last state: unreachable, cannot reach the Kubernetes API/,
    },
  },
];

async function evaluate(gate: Gate): Promise<GateResult> {
  return gate.evaluate(gateContext({ commit: COMMIT }));
}

describe.each(SYSTEMS.map((system) => [system.name, system] as const))('%s', (name, system) => {
  const skip = name === 'Prometheus' && !withPrometheus;
  let proxy: FaultyProxy;

  beforeAll(async () => {
    if (skip) return;
    await system.start();
    proxy = await startFaultyProxy(system.upstream(), () => 'pass', { slowMs: 1_500 });
  });

  afterAll(async () => {
    if (skip) return;
    await proxy.close();
    await system.stop();
  });

  it.skipIf(skip).each(BLIPS)(
    'passes through %s on the first two requests, retrying with backoff',
    async (fault) => {
      const before = proxy.seen.length;
      proxy.setPlan(failFirst(before + 2, fault));
      const result = await evaluate(system.gate(proxy.url));
      expect(result.verdict, result.message).toBe('pass');
      expect(proxy.seen.slice(before, before + 3)).toEqual([fault, fault, 'pass']);
    },
  );

  it.skipIf(skip).each(OUTAGES)('fails closed when every request meets %s, saying so', async (fault) => {
    proxy.setPlan(() => fault);
    const before = proxy.seen.length;
    const result = await evaluate(system.gate(proxy.url));
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(system.outage[fault as Exclude<Fault, 'pass'>]);
    // Bounded: the policy's attempts, not a request storm.
    expect(proxy.seen.length - before).toBeLessThanOrEqual(200);
    expect(proxy.seen.length - before).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(skip)('fails closed when the server is down', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await evaluate(system.gate(url));
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(system.outage.down);
  });
});
