import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ReleaseConfigInput, releaseSchema } from '../../src/config/index.js';
import type { Target } from '../../src/targets/types.js';
import { apisixTarget, kustomizationTarget, rolloutTarget, testTargets } from './targets.js';

const base: ReleaseConfigInput = {
  apiVersion: 'gitcanary.dev/v1alpha1',
  kind: 'Release',
  metadata: { name: 'podinfo' },
  spec: {
    git: { repo: '.' },
    workload: { kustomization: { path: 'apps/podinfo/canary', image: 'ghcr.io/stefanprodan/podinfo' } },
    steps: [{ setCanaryScale: { replicas: 1 } }, { pause: {} }],
  },
};
const withSpec = (spec: Record<string, unknown>) => ({ ...base, spec: { ...base.spec, ...spec } });
const messages = (targets: readonly Target[], input: unknown) =>
  releaseSchema(targets)
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('releaseSchema', () => {
  it('needs no traffic router when no step moves traffic', () => {
    expect(messages(testTargets, base)).toEqual([]);
  });

  it('needs a traffic router once a step sets a weight', () => {
    expect(messages(testTargets, withSpec({ steps: [{ pause: {} }, { setWeight: 20 }] }))).toEqual([
      'spec.steps.1: moving traffic needs a traffic router in spec.traffic',
    ]);
  });

  it('builds the target blocks from the targets it is given', () => {
    const gatewayApi = {
      ...apisixTarget,
      key: 'gatewayapi',
      configSchema: z.strictObject({ file: z.string(), name: z.string() }),
    } as Target;
    const targets = [kustomizationTarget, gatewayApi] as Target[];
    const input = withSpec({
      traffic: [{ gatewayapi: { file: 'route.yaml', name: 'podinfo' } }],
      steps: [{ setWeight: 5 }],
    });
    expect(messages(targets, input)).toEqual([]);
    expect(messages(targets, withSpec({ workload: { rollout: { file: 'r.yaml', name: 'r' } } }))).toEqual([
      'spec.workload: unknown workload target `rollout`; known: kustomization',
      'spec.workload: set at least one workload target: kustomization',
    ]);
  });

  it('takes several workload targets at once, and none unknown', () => {
    const workload = {
      kustomization: { path: 'a', image: 'b' },
      rollout: { file: 'rollout.yaml', name: 'podinfo' },
    };
    expect(messages(testTargets, withSpec({ workload, stable: workload }))).toEqual([]);
    expect(messages(testTargets, withSpec({ workload: {} }))).toEqual([
      'spec.workload: set at least one workload target: kustomization, rollout',
    ]);
  });

  it('wants each traffic entry to be a single-key object', () => {
    const apisix = { file: 'r.yaml', route: 'r', stableService: 's', canaryService: 'c' };
    expect(
      messages(testTargets, withSpec({ traffic: [{ apisix, kustomization: { path: 'a', image: 'b' } }] })),
    ).toEqual(['spec.traffic.0: unknown traffic router `kustomization`; known: apisix']);
    expect(messages([kustomizationTarget, rolloutTarget], withSpec({ traffic: [{ apisix }] }))).toEqual([
      'spec.traffic.0: unknown traffic router `apisix`; known: (none registered)',
      'spec.traffic.0: set exactly one traffic router: (none registered)',
    ]);
  });

  it('validates Argo Rollouts step fields', () => {
    const steps = [
      { setCanaryScale: { replicas: 1, weight: 20 } },
      {
        setHeaderRoute: { name: 'h', match: [{ headerName: 'x', headerValue: { exact: '1', regex: '.*' } }] },
      },
      { setMirrorRoute: { name: 'm', percentage: 101 } },
      { setWeight: 10, pause: {} },
      { analysis: { templates: [{ name: 'success-rate' }] } },
      { pause: { duration: -1 } },
    ];
    expect(messages(testTargets, withSpec({ steps }))).toEqual([
      'spec.steps.0.setCanaryScale: set exactly one of replicas, weight or matchTrafficWeight',
      'spec.steps.1.setHeaderRoute.match.0.headerValue: set exactly one of exact, prefix or regex',
      'spec.steps.2.setMirrorRoute.percentage: weight must be between 0 and 100',
      'spec.steps.3: a step sets exactly one of setWeight, pause, setCanaryScale, setHeaderRoute, setMirrorRoute, analysis, promote',
      'spec.steps.4.analysis: an analysis step lists `gates:` (names in spec.gates) or `templates:` (Argo AnalysisTemplates in the repository)',
      'spec.steps.5.pause.duration: Too small: expected number to be >=0',
      'spec.steps.5.pause.duration: expected a duration like 30s, 5m, 1h or a number of seconds',
    ]);
  });

  it('refuses a gate name that a Flagger metric or webhook also generates', () => {
    const input = withSpec({
      steps: undefined,
      traffic: [{ apisix: { file: 'r.yaml', route: 'r', stableService: 's', canaryService: 'c' } }],
      analysis: { stepWeight: 10, webhooks: [{ name: 'smoke', url: 'http://hooks.test/' }] },
      gates: { smoke: { command: { command: './smoke.sh' } } },
    });
    expect(messages(testTargets, input)).toEqual([
      'spec.gates.smoke: gate `smoke` is also a metric or webhook in spec.analysis; rename one',
    ]);
  });

  it('needs steps or analysis', () => {
    expect(messages(testTargets, withSpec({ steps: undefined }))).toEqual([
      'spec: set steps (Argo Rollouts) or analysis (Flagger)',
    ]);
  });
});
