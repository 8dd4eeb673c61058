import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { releaseInput } from '../../src/engine/setup.js';
import { GitcanaryError } from '../../src/errors.js';

// The judge's baseline as a router backend, checked when the config loads: only a router that can
// carry a third backend takes a baselineService, only with a spec.baseline workload serving it, and
// only with canary weights the baseline can match (at most 50).

const BASELINE =
  '  baseline:\n    kustomization: { path: apps/shop/baseline, image: shop, replicas: { name: shop } }\n';

function config(router: string, rest: string, baseline = BASELINE): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: shop }
spec:
  git: { repo: ./gitops.git }
  workload:
    kustomization: { path: apps/shop/canary, image: shop }
${baseline}  traffic:
    - ${router}
${rest}`;
}

const APISIX =
  'apisix: { file: r.yaml, route: shop, stableService: shop-stable, canaryService: shop-canary, baselineService: shop-baseline }';
const STEPS = '  steps:\n    - setWeight: 10\n    - setWeight: 50\n    - promote: {}';

async function refusal(text: string): Promise<GitcanaryError> {
  try {
    await parseConfig(text, 'gitcanary.yaml');
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('baselineService at config load', () => {
  it('accepts a baseline backend with a spec.baseline workload and weights up to 50', async () => {
    const loaded = await parseConfig(config(APISIX, STEPS), 'gitcanary.yaml');
    const input = releaseInput(loaded);
    expect(input.baselineTraffic).toEqual(['apisix → shop-baseline']);
    expect(input.variables.baselineService).toBe('shop-baseline');
  });

  it('refuses a baseline backend without a spec.baseline workload, at the field', async () => {
    const error = await refusal(config(APISIX, STEPS, ''));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place.field).toBe('spec.traffic[0].apisix.baselineService');
    expect(error.message).toContain('no spec.baseline workload serves it');
  });

  it('refuses a canary weight over 50 with a baseline backend, at the step', async () => {
    const error = await refusal(
      config(APISIX, '  steps:\n    - setWeight: 20\n    - setWeight: 60\n    - promote: {}'),
    );
    expect(error.place.field).toBe('spec.steps[1].setWeight');
    expect(error.message).toContain('the canary weight is at most 50');
    expect(error.message).toContain('would leave stable -20%');
  });

  it("refuses Flagger's maxWeight over 50 with a baseline backend", async () => {
    const error = await refusal(
      config(APISIX, '  analysis: { interval: 1m, threshold: 2, stepWeight: 20, maxWeight: 60 }'),
    );
    expect(error.place.field).toBe('spec.analysis.maxWeight');
    expect(error.message).toContain('at most 50');
  });

  it("accepts Flagger's stepping up to 50 with a baseline backend", async () => {
    const loaded = await parseConfig(
      config(APISIX, '  analysis: { interval: 1m, threshold: 2, stepWeight: 25, maxWeight: 50 }'),
      'gitcanary.yaml',
    );
    expect(loaded.config.spec.traffic).toHaveLength(1);
  });

  it('refuses baselineService on NGINX, which splits between two backends only', async () => {
    const error = await refusal(
      config(
        'nginx: { file: i.yaml, stableIngress: shop, stableService: shop-stable, canaryService: shop-canary, baselineService: shop-baseline }',
        STEPS,
      ),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place.field).toBe('spec.traffic[0].nginx.baselineService');
    expect(error.message).toContain("router `nginx` cannot carry a baseline's traffic");
    expect(error.message).toContain('routers that can: apisix, gatewayAPI, istio, smi, traefik, alb');
  });

  it('refuses a baselineService equal to the stable or canary Service', async () => {
    const error = await refusal(config(APISIX.replace('shop-baseline', 'shop-stable'), STEPS));
    expect(error.place.field).toBe('spec.traffic[0].apisix.baselineService');
    expect(error.message).toContain('must differ');
  });

  it('refuses baselineService on an Istio subset split, which names baselineSubsetName', async () => {
    const error = await refusal(
      config(
        'istio: { file: v.yaml, virtualService: { name: shop }, destinationRule: { name: shop, stableSubsetName: stable, canarySubsetName: canary }, baselineService: shop-baseline }',
        STEPS,
      ),
    );
    expect(error.place.field).toBe('spec.traffic[0].istio.baselineService');
  });
});
