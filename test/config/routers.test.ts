import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { releaseInput } from '../../src/engine/setup.js';
import { GitcanaryError } from '../../src/errors.js';

// What the config layer asks of routers is what they declare: a step a router cannot express is
// refused at load, at its line, before anything is committed; gates get the router's variables.

function config(traffic: string, rest: string): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: shop }
spec:
  git: { repo: ./gitops.git }
  workload:
    kustomization: { path: apps/shop/canary, image: shop }
  traffic:
${traffic}
${rest}`;
}

const APISIX =
  '    - apisix: { file: r.yaml, route: shop, stableService: shop-stable, canaryService: shop-canary }';
const SMI =
  '    - smi: { file: s.yaml, trafficSplitName: shop, stableService: shop-stable, canaryService: shop-canary }';
const NGINX =
  '    - nginx: { file: i.yaml, stableIngress: shop, stableService: shop-stable, canaryService: shop-canary }';

async function refusal(text: string): Promise<GitcanaryError> {
  try {
    await parseConfig(text, 'gitcanary.yaml');
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

const header = (name: string, extra = '') => `    - setHeaderRoute:
        name: ${name}
        match:
          - headerName: x-canary
            headerValue: { exact: "yes" }${extra}`;

describe('router capabilities at config load', () => {
  it('refuses setMirrorRoute on APISIX, which cannot mirror, at the step', async () => {
    const error = await refusal(
      config(
        APISIX,
        '  steps:\n    - setMirrorRoute: { name: m, percentage: 10, match: [{ path: { prefix: / } }] }',
      ),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place).toMatchObject({ line: 11, field: 'spec.steps[0].setMirrorRoute' });
    expect(error.message).toMatch(
      /^router `apisix` cannot mirror traffic \(setMirrorRoute\); routers that can: gatewayAPI, istio/,
    );
  });

  it('refuses setHeaderRoute on SMI, which splits by weight only', async () => {
    const error = await refusal(config(SMI, `  steps:\n${header('a')}`));
    expect(error.message).toBe('router `smi` cannot route by header (setHeaderRoute)');
    expect(error.place.field).toBe('spec.steps[0].setHeaderRoute');
  });

  it('refuses a second header route while NGINX still holds one, and accepts it after removal', async () => {
    const two = await refusal(config(NGINX, `  steps:\n${header('a')}\n${header('b')}`));
    expect(two.message).toBe(
      'router `nginx` holds 1 header route at a time; remove a first (setHeaderRoute without match)',
    );
    expect(two.place.field).toBe('spec.steps[1].setHeaderRoute');
    await parseConfig(
      config(NGINX, `  steps:\n${header('a')}\n    - setHeaderRoute: { name: a }\n${header('b')}`),
      'g.yaml',
    );
  });

  it('refuses a Flagger mirror on a router that cannot mirror, at analysis.mirror', async () => {
    const error = await refusal(
      config(APISIX, '  analysis: { stepWeight: 10, mirror: true, iterations: 2 }'),
    );
    expect(error.place.field).toBe('spec.analysis.mirror');
  });

  it('refuses a built-in metric template the router does not declare', async () => {
    const error = await refusal(
      config(
        '    - alb: { file: i.yaml, ingress: shop, servicePort: 80, stableService: shop-stable, canaryService: shop-canary }',
        '  steps: [{ setWeight: 10 }]\n  gates:\n    rate:\n      prometheus: { address: "http://p:9090", template: request-success-rate, router: alb, thresholdRange: { min: 99 } }',
      ),
    );
    expect(error.message).toBe(
      'no built-in template `request-success-rate` for router `alb`; routers with it: apisix, gatewayAPI, nginx, istio, smi, traefik',
    );
  });

  it('refuses names Kubernetes would refuse, and header values with control characters', async () => {
    expect(
      (await refusal(config(APISIX.replace('shop-canary', 'Shop_Canary'), '  steps: [{ setWeight: 1 }]')))
        .message,
    ).toMatch(/DNS-1035 label/);
    expect(
      (await refusal(config(NGINX, `  steps:\n${header('a').replace('"yes"', '"a\\r\\nX-Injected: 1"')}`)))
        .message,
    ).toMatch(/control characters/);
  });
});

describe('what the engine reads from routers', () => {
  it('gives gates the first router variables and declared Argo CD health, naming no router', async () => {
    const loaded = await parseConfig(
      `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: shop }
spec:
  git: { repo: ./gitops.git }
  workload:
    rollout: { file: rollout.yaml, name: shop }
  traffic:
${NGINX}
${SMI}
  steps: [{ setWeight: 10 }]
  sync: { argocd: { server: "https://argocd.example.com", application: shop } }
`,
      'gitcanary.yaml',
    );
    const input = releaseInput(loaded);
    expect(input).toMatchObject({
      canaryService: 'shop-canary',
      stableService: 'shop-stable',
      route: 'shop',
    });
    expect(input.variables).toMatchObject({ ingress: 'shop', trafficSplit: 'shop' });
    expect(input.sync).toMatchObject({
      gate: { sync: { argocd: { acceptHealth: ['Healthy', 'Suspended'] } } },
    });
  });
});
