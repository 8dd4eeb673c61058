import { describe, expect, it } from 'vitest';
import { loadConfig, planRelease, planSteps, type ReleaseConfig, type Step } from '../../src/config/index.js';
import { testTargets } from './targets.js';

const load = async (name: string): Promise<ReleaseConfig> =>
  (await loadConfig(`fixtures/config/valid/${name}`, { targets: testTargets })).config;

describe('planSteps', () => {
  it('lists the user steps with summaries and appends the implicit promote', async () => {
    const plan = planRelease(await load('podinfo-argo-steps.yaml'));
    expect(plan.implicitPromote).toBe(true);
    expect(plan.steps.map((planned) => `${planned.index} ${planned.summary}`)).toEqual([
      '0 setCanaryScale replicas 1',
      '1 setHeaderRoute canary-by-header',
      '2 analysis smoke',
      '3 setWeight 10',
      '4 pause 30s',
      '5 setMirrorRoute mirror 20%',
      '6 setCanaryScale matchTrafficWeight',
      '7 setWeight 50',
      '8 pause 1h',
      '9 remove header route canary-by-header',
      '10 remove mirror route mirror',
      '11 pause until promoted',
      '12 promote',
    ]);
    expect(plan.steps.at(-1)).toEqual({ kind: 'promote', index: 12, summary: 'promote' });
    expect(plan.steps[4]).toEqual({ kind: 'pause', durationMs: 30_000, index: 4, summary: 'pause 30s' });
    expect(plan.steps[8]).toMatchObject({ kind: 'pause', durationMs: 3_600_000 });
    expect(plan.steps[11]).toMatchObject({ kind: 'pause', durationMs: undefined });
    expect(Object.keys(plan.gates)).toEqual(['smoke']);
  });

  it('adds no promote when the steps already promote', async () => {
    const config = await load('podinfo-argo-steps.yaml');
    const steps: Step[] = [{ setWeight: 10 }, { promote: {} }, { analysis: { gates: ['smoke'] } }];
    const planned = planSteps({ ...config, spec: { ...config.spec, steps } });
    expect(planned.map((step) => step.summary)).toEqual(['setWeight 10', 'promote', 'analysis smoke']);
  });

  it('expands a Flagger analysis block with the first traffic router for the built-in metrics', async () => {
    const plan = planRelease(await load('podinfo-flagger-apisix.yaml'));
    expect(plan.implicitPromote).toBe(false);
    const checks = 'analysis load-test, request-success-rate, request-duration';
    expect(plan.steps.map((planned) => planned.summary)).toEqual([
      ...[10, 20, 30, 40, 50].flatMap((weight) => [`setWeight ${weight}`, 'pause 10s', checks]),
      // spec.stable: Flagger's shape promotes the primary first, then routes traffic back a tick later.
      'promote primary',
      'pause 10s',
      'promote',
    ]);
    expect(plan.gates['request-success-rate']).toMatchObject({
      prometheus: {
        address: 'http://flagger-prometheus.apisix:9090',
        template: 'request-success-rate',
        router: 'apisix',
        count: 1,
        failureLimit: 0,
      },
    });
    // The release's budget of failed check passes, and the interval they are retried after.
    expect(plan.checks).toEqual({ intervalMs: 10_000, threshold: 10 });
  });

  it('promotes in steps of stepWeightPromotion in the Flagger shape, one tick apart', async () => {
    const config = await load('podinfo-flagger-apisix.yaml');
    const analysis = { ...config.spec.analysis!, stepWeightPromotion: 20 };
    const plan = planRelease({ ...config, spec: { ...config.spec, analysis } });
    // runPromotionTrafficShift: the primary's weight grows by 20 per tick from the canary's 50%.
    expect(plan.steps.slice(-7)).toEqual([
      expect.objectContaining({ kind: 'promotePrimary', summary: 'promote primary' }),
      expect.objectContaining({ kind: 'pause', durationMs: 10_000 }),
      expect.objectContaining({
        kind: 'shift',
        weight: 30,
        summary: 'shift traffic to primary (canary 30%)',
      }),
      expect.objectContaining({ kind: 'pause', durationMs: 10_000 }),
      expect.objectContaining({
        kind: 'shift',
        weight: 10,
        summary: 'shift traffic to primary (canary 10%)',
      }),
      expect.objectContaining({ kind: 'pause', durationMs: 10_000 }),
      expect.objectContaining({ kind: 'promote', summary: 'promote' }),
    ]);
  });

  it('keeps the promotion one commit in the Argo Rollouts shape (no spec.stable)', async () => {
    const config = await load('podinfo-argo-steps.yaml');
    const plan = planRelease({ ...config, spec: { ...config.spec, stable: undefined } });
    expect(plan.steps.filter((step) => step.kind === 'promote' || step.kind === 'promotePrimary')).toEqual([
      { kind: 'promote', index: 12, summary: 'promote' },
    ]);
  });
});
