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
    const { analysis, provider } = fromFlaggerCanary(seedCanary);
    expect(provider).toBe('apisix');
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

  it('keeps every field of a pasted analysis block: alerts, muteAlert and disableTLS parse, none is dropped', () => {
    const canary = structuredClone(seedCanary);
    canary.spec.analysis.alerts = [{ name: 'slack', severity: 'warn', providerRef: { name: 'slack' } }];
    canary.spec.analysis.stepWeightPromotion = 25;
    canary.spec.analysis.primaryReadyThreshold = 100;
    canary.spec.analysis.webhooks[0].muteAlert = true;
    canary.spec.analysis.webhooks[0].disableTLS = true;
    const { analysis } = fromFlaggerCanary(canary);
    expect(analysis.alerts).toEqual([{ name: 'slack', severity: 'warn', providerRef: { name: 'slack' } }]);
    expect(analysis.stepWeightPromotion).toBe(25);
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
    const expansion = expandFlaggerAnalysis(analysis, {
      router: provider,
      metricTemplates: ['request-success-rate', 'request-duration'],
    });
    const { steps, gates } = expansion;
    // runAnalysis: the rollout webhooks in order, then the metrics in order.
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
    // Each gate decides one check pass: one measurement, no tolerance, an error (no values) fails
    // it, as Flagger's runAnalysis does (scheduler_metrics.go). threshold 10 is the release's budget
    // of failed passes, counted by the engine; the webhook's retries are HTTP retries (webhook.go).
    const measured = { count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 0 };
    expect(gates).toEqual({
      'load-test': {
        webhook: {
          url: 'http://flagger-loadtester.test/',
          type: 'rollout',
          timeout: '5s',
          metadata: {
            cmd: 'hey -z 1m -q 10 -c 2 -h2 -host app.example.com http://apisix-gateway.apisix/api/info',
          },
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
          interval: '1m',
          ...measured,
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
          interval: '1m',
          ...measured,
        },
      },
    });
    expect(expansion.threshold).toBe(10);
    expect(expansion.intervalMs).toBe(10_000);
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

  it('uses Flagger defaults: 60s interval, threshold 1 (the first failed check rolls back)', () => {
    const { steps, gates, intervalMs, threshold } = expandFlaggerAnalysis(
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
        count: 1,
        failureLimit: 0,
        consecutiveErrorLimit: 0,
        variables: { interval: '1m' },
      },
    });
    expect({ intervalMs, threshold }).toEqual({ intervalMs: 60_000, threshold: 1 });
  });

  it('renders a numeric metric interval as seconds and reads the deprecated threshold as Flagger does', () => {
    const { gates } = expandFlaggerAnalysis(
      {
        stepWeight: 50,
        metrics: [
          { name: 'request-success-rate', threshold: 99, interval: 60 },
          { name: 'request-duration', threshold: 500 },
          { name: 'errors', query: 'sum(errors)', threshold: 2 },
        ],
      },
      { router: 'apisix', metricTemplates: ['request-success-rate', 'request-duration'] },
    );
    // `[60]` is no PromQL range; Flagger's metric interval is a Go duration.
    expect(gates['request-success-rate']).toMatchObject({
      prometheus: { variables: { interval: '60s' }, thresholdRange: { min: 99 } },
    });
    // scheduler_metrics.go: `metric.Threshold > val` fails the success rate, `val > threshold` the rest.
    expect(gates['request-duration']).toMatchObject({ prometheus: { thresholdRange: { max: 500 } } });
    expect(gates.errors).toMatchObject({ prometheus: { thresholdRange: { max: 2 } } });
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

  it('runs Blue/Green iterations mirrored, then sends all traffic to the canary and checks once more before promoting', () => {
    const { steps } = expandFlaggerAnalysis({
      interval: '1m',
      iterations: 2,
      mirror: true,
      metrics: [{ name: 'errors', query: 'sum(errors)', thresholdRange: { max: 1 } }],
      webhooks: [
        { name: 'smoke', url: 'http://hooks.test/smoke', type: 'pre-rollout' },
        { name: 'approve', url: 'http://hooks.test/approve', type: 'confirm-promotion' },
      ],
    });
    // runBlueGreen: tick 1 runs the pre-rollout hooks and starts mirroring; the iterations check;
    // confirm-promotion gates routing all traffic to the canary; the next tick checks and promotes.
    expect(steps).toEqual([
      { analysis: { gates: ['smoke'] } },
      { setMirrorRoute: { name: 'mirror', percentage: 100, match: [{ path: { prefix: '/' } }] } },
      { pause: { duration: '1m' } },
      { analysis: { gates: ['errors'] } },
      { pause: { duration: '1m' } },
      { analysis: { gates: ['errors', 'approve'] } },
      { setMirrorRoute: { name: 'mirror' } },
      { setWeight: 100 },
      { pause: { duration: '1m' } },
      { analysis: { gates: ['errors'] } },
      { promote: {} },
    ]);
  });

  it('places each webhook type where Flagger calls it: one check pass per tick, rollback hooks first', () => {
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
        hook('stop', 'rollback'),
        hook('events', 'event'),
        { name: 'untyped', url: 'http://hooks.test/untyped' },
      ],
    } as FlaggerAnalysis;
    const { steps, gates, eventWebhooks } = expandFlaggerAnalysis(analysis);
    // scheduler.go advanceCanary: runRollbackHooks first on every tick; checkCanaryStatus runs
    // confirm-rollout; the first tick (weight 0) runs runPreRolloutHooks, later ticks runAnalysis;
    // then runConfirmTrafficIncreaseHooks (at maxWeight too: nextStepWeight is still > 0) and, at
    // maxWeight, runConfirmPromotionHooks; runPostRolloutHooks after the promotion.
    expect(steps).toEqual([
      { analysis: { gates: ['stop', 'gate'] } },
      { analysis: { gates: ['stop', 'smoke', 'step-ok'] } },
      { setWeight: 20 },
      { pause: { duration: '10s' } },
      { analysis: { gates: ['stop', 'load', 'untyped', 'step-ok'] } },
      { setWeight: 60 },
      { pause: { duration: '10s' } },
      { analysis: { gates: ['stop', 'load', 'untyped', 'step-ok', 'approve'] } },
      { promote: {} },
      { analysis: { gates: ['notify'] } },
    ]);
    // Event webhooks are sent on every event by the notifications, not as a step.
    expect(eventWebhooks).toEqual(['events']);
    expect(gates.events).toMatchObject({ webhook: { type: 'event' } });
    // Flagger's retries are HTTP retries of one call, whatever the threshold.
    const retries = Object.values(gates).map((gate) =>
      'webhook' in gate ? gate.webhook.retries : undefined,
    );
    expect(new Set(retries)).toEqual(new Set([0]));
    expect(gates.untyped).toMatchObject({ webhook: { type: 'rollout' } });
  });

  it('reports what it cannot express, at the field, with the reason', () => {
    const analysis = {
      stepWeight: 10,
      stepWeightPromotion: 20,
      sessionAffinity: { cookieName: 'flagger-cookie', maxAge: 21600 },
      primaryReadyThreshold: 50,
      canaryReadyThreshold: 100,
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
    } as FlaggerAnalysis;
    expect(
      flaggerIssues(analysis, {
        router: 'ambassador',
        stable: false,
        metricTemplates: [],
        metricRouters: ['apisix', 'nginx'],
      }),
    ).toEqual([
      {
        path: ['sessionAffinity'],
        message: expect.stringMatching(/^sessionAffinity is not supported: .*cookie.*use A\/B testing/),
      },
      {
        path: ['primaryReadyThreshold'],
        message:
          'primaryReadyThreshold 50 is not supported: gitcanary takes readiness from the reconciler, whose Healthy means every replica is available (100, the default, is accepted)',
      },
      {
        path: ['stepWeightPromotion'],
        message: expect.stringMatching(/^stepWeightPromotion .* needs spec\.stable/),
      },
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
    ]);
    const error = catchError(() => expandFlaggerAnalysis(analysis, { router: 'apisix' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place.field).toBe('spec.analysis.sessionAffinity');
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
