import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  expandFlaggerAnalysis,
  type FlaggerAnalysis,
  flaggerIssues,
  fromFlaggerCanary,
  progressiveWeights,
  type Step,
} from '../../src/config/index.js';
import { GitcanaryError } from '../../src/errors.js';

// Seed 001's podinfo Canary (APISIX + Flagger), copied into fixtures with its comments dropped.
const seedCanary = parse(readFileSync('fixtures/config/valid/podinfo-canary.flagger.yaml', 'utf8'));

const check = (gates: string[]): Step[] => [{ pause: { duration: '10s' } }, { analysis: { gates } }];

describe('fromFlaggerCanary', () => {
  it('reads the analysis block and provider of the seed 001 podinfo Canary', () => {
    const { analysis, provider, ignored } = fromFlaggerCanary(seedCanary);
    expect(provider).toBe('apisix');
    expect(ignored).toEqual([]);
    expect(analysis).toEqual({
      interval: '10s',
      threshold: 10,
      maxWeight: 50,
      stepWeight: 10,
      metrics: [
        { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
        { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
      ],
      webhooks: [
        {
          name: 'load-test',
          url: 'http://flagger-loadtester.test/',
          timeout: '5s',
          type: 'rollout',
          metadata: {
            cmd: 'hey -z 1m -q 10 -c 2 -h2 -host app.example.com http://apisix-gateway.apisix/api/info',
          },
        },
      ],
    });
  });

  it('drops fields gitcanary does not act on and names them, keeping webhook muteAlert and disableTLS', () => {
    const canary = structuredClone(seedCanary);
    canary.spec.analysis.alerts = [{ name: 'slack', providerRef: { name: 'slack' } }];
    canary.spec.analysis.webhooks[0].muteAlert = true;
    canary.spec.analysis.webhooks[0].disableTLS = true;
    const { ignored, analysis } = fromFlaggerCanary(canary);
    expect(ignored).toEqual(['spec.analysis.alerts']);
    expect(analysis.webhooks?.[0]).toMatchObject({ muteAlert: true, disableTLS: true });
  });

  it('rejects objects that are not a flagger.app/v1beta1 Canary', () => {
    expect(() =>
      fromFlaggerCanary({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: {} }),
    ).toThrow(/not a Flagger Canary/);
  });

  it('places analysis errors under spec.analysis', () => {
    const canary = structuredClone(seedCanary);
    canary.spec.analysis.stepWeight = 120;
    const error = catchError(() => fromFlaggerCanary(canary));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place.field).toBe('spec.analysis.stepWeight');
  });
});

describe('expandFlaggerAnalysis', () => {
  it('expands the seed 001 podinfo analysis (stepWeight 10, maxWeight 50) as Flagger progresses', () => {
    const { analysis, provider } = fromFlaggerCanary(seedCanary);
    const { steps, gates } = expandFlaggerAnalysis(analysis, {
      router: provider,
      metricTemplates: ['request-success-rate', 'request-duration'],
    });
    const checks = ['load-test', 'request-success-rate', 'request-duration'];
    expect(steps).toEqual([
      { setWeight: 10 },
      ...check(checks),
      { setWeight: 20 },
      ...check(checks),
      { setWeight: 30 },
      ...check(checks),
      { setWeight: 40 },
      ...check(checks),
      { setWeight: 50 },
      ...check(checks),
      { promote: {} },
    ]);
    // threshold 10: Flagger rolls back at the 10th failed check, so 9 failures are tolerated.
    expect(gates).toEqual({
      'load-test': {
        webhook: {
          url: 'http://flagger-loadtester.test/',
          type: 'rollout',
          timeout: '5s',
          metadata: {
            cmd: 'hey -z 1m -q 10 -c 2 -h2 -host app.example.com http://apisix-gateway.apisix/api/info',
          },
          // Flagger's retries are HTTP retries of one call, not the failed-checks threshold.
          retries: 0,
          disableTLS: false,
          muteAlert: false,
        },
      },
      'request-success-rate': {
        prometheus: {
          address: 'http://prometheus:9090',
          template: 'request-success-rate',
          router: 'apisix',
          thresholdRange: { min: 99 },
          variables: { interval: '1m' },
          timeout: '30s',
          interval: '10s',
          count: 10,
          failureLimit: 9,
          inconclusiveLimit: 0,
          consecutiveErrorLimit: 4,
        },
      },
      'request-duration': {
        prometheus: {
          address: 'http://prometheus:9090',
          template: 'request-duration',
          router: 'apisix',
          thresholdRange: { max: 500 },
          variables: { interval: '30s' },
          timeout: '30s',
          interval: '10s',
          count: 10,
          failureLimit: 9,
          inconclusiveLimit: 0,
          consecutiveErrorLimit: 4,
        },
      },
    });
  });

  it('sets stepWeights in order, ignoring maxWeight as Flagger does', () => {
    const { steps } = expandFlaggerAnalysis({ interval: '10s', stepWeights: [1, 5, 10, 50], maxWeight: 20 });
    expect(steps).toEqual([
      { setWeight: 1 },
      { pause: { duration: '10s' } },
      { setWeight: 5 },
      { pause: { duration: '10s' } },
      { setWeight: 10 },
      { pause: { duration: '10s' } },
      { setWeight: 50 },
      { pause: { duration: '10s' } },
      { promote: {} },
    ]);
  });

  it('advances by stepWeight until maxWeight is reached, overshooting like Flagger', () => {
    expect(progressiveWeights({ stepWeight: 20, maxWeight: 50 })).toEqual([20, 40, 60]);
    expect(progressiveWeights({ stepWeight: 30 })).toEqual([30, 60, 90, 100]);
    expect(progressiveWeights({ stepWeight: 25, maxWeight: 100 })).toEqual([25, 50, 75, 100]);
  });

  it('uses Flagger defaults: 60s interval, threshold 1 (no failure tolerated)', () => {
    const { steps, gates } = expandFlaggerAnalysis(
      { stepWeight: 50, metrics: [{ name: 'errors', query: 'sum(errors)', thresholdRange: { max: 1 } }] },
      {},
    );
    expect(steps).toEqual([
      { setWeight: 50 },
      { pause: { duration: '60s' } },
      { analysis: { gates: ['errors'] } },
      { setWeight: 100 },
      { pause: { duration: '60s' } },
      { analysis: { gates: ['errors'] } },
      { promote: {} },
    ]);
    expect(gates.errors).toMatchObject({
      prometheus: {
        query: 'sum(errors)',
        interval: '60s',
        count: 1,
        failureLimit: 0,
        variables: { interval: '1m' },
      },
    });
  });

  it('turns iterations + match into header routes and iterations checks (A/B testing)', () => {
    const analysis: FlaggerAnalysis = {
      interval: '1m',
      threshold: 2,
      iterations: 3,
      match: [
        { headers: { 'x-canary': { exact: 'insider' }, 'user-agent': { regex: '.*Firefox.*' } } },
        { headers: { cookie: { suffix: 'canary=always' }, 'x-team': { prefix: 'qa-' } } },
      ],
      webhooks: [{ name: 'acceptance', url: 'http://loadtester.test/', type: 'rollout' }],
    };
    const { steps, gates } = expandFlaggerAnalysis(analysis);
    const checkOnce: Step[] = [{ pause: { duration: '1m' } }, { analysis: { gates: ['acceptance'] } }];
    expect(steps).toEqual([
      {
        setHeaderRoute: {
          name: 'ab-testing-1',
          match: [
            { headerName: 'x-canary', headerValue: { exact: 'insider' } },
            { headerName: 'user-agent', headerValue: { regex: '.*Firefox.*' } },
          ],
        },
      },
      {
        setHeaderRoute: {
          name: 'ab-testing-2',
          match: [
            { headerName: 'cookie', headerValue: { regex: '.*canary=always$' } },
            { headerName: 'x-team', headerValue: { prefix: 'qa-' } },
          ],
        },
      },
      ...checkOnce,
      ...checkOnce,
      ...checkOnce,
      { promote: {} },
    ]);
    expect(gates.acceptance).toEqual({
      webhook: {
        url: 'http://loadtester.test/',
        type: 'rollout',
        timeout: '10s',
        retries: 0,
        disableTLS: false,
        muteAlert: false,
      },
    });
  });

  it('mirrors for one interval before shifting weight when mirror is set', () => {
    const { steps } = expandFlaggerAnalysis({
      interval: '30s',
      stepWeight: 50,
      mirror: true,
      mirrorWeight: 20,
    });
    expect(steps).toEqual([
      { setMirrorRoute: { name: 'mirror', percentage: 20, match: [{ path: { prefix: '/' } }] } },
      { pause: { duration: '30s' } },
      { setMirrorRoute: { name: 'mirror' } },
      { setWeight: 50 },
      { pause: { duration: '30s' } },
      { setWeight: 100 },
      { pause: { duration: '30s' } },
      { promote: {} },
    ]);
  });

  it('runs Blue/Green iterations mirrored, then sends all traffic to the canary before promoting', () => {
    const { steps } = expandFlaggerAnalysis({ interval: '1m', iterations: 2, mirror: true });
    expect(steps).toEqual([
      { setMirrorRoute: { name: 'mirror', percentage: 100, match: [{ path: { prefix: '/' } }] } },
      { pause: { duration: '1m' } },
      { pause: { duration: '1m' } },
      { setMirrorRoute: { name: 'mirror' } },
      { setWeight: 100 },
      { promote: {} },
    ]);
  });

  it('places each webhook type where Flagger calls it', () => {
    const hook = (name: string, type: string) => ({ name, url: `http://hooks.test/${name}`, type }) as const;
    const analysis = {
      interval: '10s',
      threshold: 3,
      stepWeights: [20, 60],
      webhooks: [
        hook('gate', 'confirm-rollout'),
        hook('smoke', 'pre-rollout'),
        hook('load', 'rollout'),
        hook('step-ok', 'confirm-traffic-increase'),
        hook('approve', 'confirm-promotion'),
        hook('notify', 'post-rollout'),
        { name: 'untyped', url: 'http://hooks.test/untyped' },
      ],
    } as FlaggerAnalysis;
    const { steps, gates } = expandFlaggerAnalysis(analysis);
    expect(steps).toEqual([
      { analysis: { gates: ['gate'] } },
      { analysis: { gates: ['smoke'] } },
      { analysis: { gates: ['step-ok'] } },
      { setWeight: 20 },
      { pause: { duration: '10s' } },
      { analysis: { gates: ['load', 'untyped'] } },
      { analysis: { gates: ['step-ok'] } },
      { setWeight: 60 },
      { pause: { duration: '10s' } },
      { analysis: { gates: ['load', 'untyped'] } },
      { analysis: { gates: ['approve'] } },
      { promote: {} },
      { analysis: { gates: ['notify'] } },
    ]);
    // Flagger's `retries` are HTTP retries of one call (webhook.go newHTTPClient), never threshold - 1.
    const retries = Object.fromEntries(
      Object.entries(gates).map(([name, gate]) => [
        name,
        'webhook' in gate ? gate.webhook.retries : undefined,
      ]),
    );
    expect(retries).toEqual({ gate: 0, smoke: 0, load: 0, 'step-ok': 0, approve: 0, notify: 0, untyped: 0 });
    expect(gates.untyped).toMatchObject({ webhook: { type: 'rollout' } });
  });

  it('reports what it cannot express, at the field', () => {
    const analysis = {
      stepWeight: 10,
      metrics: [
        {
          name: 'not-found-percentage',
          templateRef: { name: 'not-found-percentage' },
          query: 'sum(x)',
          thresholdRange: { max: 5 },
        },
        { name: 'latency-p95', thresholdRange: { max: 300 } },
        { name: 'request-success-rate', thresholdRange: { min: 99 } },
        { name: 'errors', query: 'sum(x)' },
      ],
      webhooks: [{ name: 'stop', url: 'http://hooks.test/', type: 'rollback' }],
    } as FlaggerAnalysis;
    expect(
      flaggerIssues(analysis, {
        router: 'ambassador',
        metricTemplates: [],
        metricRouters: ['apisix', 'nginx'],
      }),
    ).toEqual([
      {
        path: ['metrics', 0, 'query'],
        message: 'set either templateRef or query, not both',
      },
      {
        path: ['metrics', 1, 'name'],
        message:
          '`latency-p95` is not a built-in metric (request-success-rate, request-duration); write `query:`',
      },
      {
        path: ['metrics', 2, 'name'],
        message:
          'built-in metric `request-success-rate` needs a traffic router with metrics (apisix, nginx); got ambassador',
      },
      {
        path: ['metrics', 3, 'thresholdRange'],
        message: 'a metric needs thresholdRange with min, max or both',
      },
      {
        path: ['webhooks', 0, 'type'],
        message:
          'webhook type `rollback` is not supported yet; use rollout, pre-rollout, confirm-*, post-rollout or event',
      },
    ]);
    const error = catchError(() => expandFlaggerAnalysis(analysis, { router: 'apisix' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place.field).toBe('spec.analysis.metrics[0].query');
  });

  it('needs stepWeight, stepWeights or iterations, and iterations for match', () => {
    expect(flaggerIssues({ interval: '1m' }, {}).map((issue) => issue.message)).toEqual([
      'set one of stepWeight, stepWeights or iterations (as Flagger requires)',
    ]);
    expect(flaggerIssues({ stepWeight: 5, match: [{ headers: { a: { exact: 'b' } } }] }, {})).toEqual([
      { path: ['match'], message: 'A/B testing (match) needs iterations' },
    ]);
  });
});

function catchError(run: () => unknown): GitcanaryError {
  try {
    run();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}
