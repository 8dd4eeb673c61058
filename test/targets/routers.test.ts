import path from 'node:path';
import { albRouter } from '../../src/targets/alb.js';
import { ambassadorRouter } from '../../src/targets/ambassador.js';
import { apisixRouter } from '../../src/targets/apisix.js';
import { gatewayApiRouter } from '../../src/targets/gatewayapi.js';
import { istioRouter } from '../../src/targets/istio.js';
import { nginxRouter } from '../../src/targets/nginx.js';
import { smiRouter } from '../../src/targets/smi.js';
import { traefikRouter } from '../../src/targets/traefik.js';
import { routerContract } from './contract.js';

// Every router runs the contract on real upstream examples (fixtures/routers/SOURCES.md).

const APISIX = path.join(import.meta.dirname, '..', '..', 'fixtures', 'apisix', 'argo-rollouts');

routerContract('apisix', {
  router: apisixRouter,
  fixture: APISIX,
  files: ['route.yaml'],
  config: {
    file: 'route.yaml',
    route: 'rollouts-apisix-route',
    stableService: 'rollout-apisix-canary-stable',
    canaryService: 'rollout-apisix-canary-canary',
  },
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: false,
  missingBackend: {
    file: 'route.yaml',
    route: 'rollouts-apisix-route',
    stableService: 'rollout-apisix-canary-stable',
    canaryService: 'nope',
  },
  baseline: {
    fixture: 'baseline',
    files: ['apisix.yaml'],
    config: {
      file: 'apisix.yaml',
      route: 'rollouts-apisix-route',
      stableService: 'rollout-apisix-canary-stable',
      canaryService: 'rollout-apisix-canary-canary',
      baselineService: 'rollout-apisix-canary-baseline',
    },
    startsAtZero: true,
    missingBaseline: {
      file: 'apisix.yaml',
      route: 'rollouts-apisix-route',
      stableService: 'rollout-apisix-canary-stable',
      canaryService: 'rollout-apisix-canary-canary',
      baselineService: 'nope',
    },
  },
});

const gatewayApi = {
  file: 'gatewayapi/traffic-split-2.yaml',
  httpRoute: 'foo-route',
  stableService: 'foo-v1',
  canaryService: 'foo-v2',
};
routerContract('gatewayAPI', {
  router: gatewayApiRouter,
  fixture: '.',
  files: ['gatewayapi/traffic-split-2.yaml'],
  config: gatewayApi,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: false,
  missingBackend: { ...gatewayApi, canaryService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['gatewayapi.yaml'],
    config: { ...gatewayApi, file: 'gatewayapi.yaml', baselineService: 'foo-baseline' },
    startsAtZero: true,
    missingBaseline: { ...gatewayApi, file: 'gatewayapi.yaml', baselineService: 'nope' },
  },
});

const istioSubset = {
  file: 'istio/istio-subset-split.yaml',
  virtualService: { name: 'istio-subset-split-vsvc', routes: ['primary'] },
  destinationRule: {
    name: 'istio-subset-split-destrule',
    canarySubsetName: 'canary',
    stableSubsetName: 'stable',
  },
};
routerContract('istio-subset-split', {
  router: istioRouter,
  fixture: '.',
  files: ['istio/istio-subset-split.yaml'],
  config: istioSubset,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: true,
  missingBackend: {
    ...istioSubset,
    destinationRule: { ...istioSubset.destinationRule, canarySubsetName: 'nope' },
  },
  baseline: {
    fixture: 'baseline',
    files: ['istio-subset-split.yaml'],
    config: {
      ...istioSubset,
      file: 'istio-subset-split.yaml',
      destinationRule: { ...istioSubset.destinationRule, baselineSubsetName: 'baseline' },
    },
    startsAtZero: true,
    missingBaseline: {
      ...istioSubset,
      file: 'istio-subset-split.yaml',
      destinationRule: { ...istioSubset.destinationRule, baselineSubsetName: 'nope' },
    },
  },
});

const istioHost = {
  file: 'istio/multipleVirtualsvc.yaml',
  virtualService: { name: 'rollouts-demo-vsvc1', routes: ['primary'] },
  stableService: 'rollouts-demo-stable',
  canaryService: 'rollouts-demo-canary',
};
routerContract('istio-host-split', {
  router: istioRouter,
  fixture: '.',
  files: ['istio/multipleVirtualsvc.yaml'],
  config: istioHost,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: true,
  missingBackend: { ...istioHost, canaryService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['istio-host-split.yaml'],
    config: { ...istioHost, file: 'istio-host-split.yaml', baselineService: 'rollouts-demo-baseline' },
    startsAtZero: true,
    missingBaseline: { ...istioHost, file: 'istio-host-split.yaml', baselineService: 'nope' },
  },
});

const nginx = {
  file: 'nginx/nginx-template.yaml',
  stableIngress: 'nginx-canary-ingress',
  stableService: 'nginx-canary-stable',
  canaryService: 'nginx-canary-canary',
};
routerContract('nginx', {
  router: nginxRouter,
  fixture: '.',
  files: ['nginx/nginx-template.yaml'],
  config: nginx,
  weightLine: /canary-weight: "\d+"$/,
  startsAtZero: true,
  missingBackend: { ...nginx, stableService: 'nope' },
});

const smi = {
  file: 'smi/canary.yaml',
  trafficSplitName: 'canary',
  stableService: 'website-v1',
  canaryService: 'website-v2',
};
routerContract('smi', {
  router: smiRouter,
  fixture: '.',
  files: ['smi/canary.yaml'],
  config: smi,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: false,
  missingBackend: { ...smi, canaryService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['smi.yaml'],
    config: { ...smi, file: 'smi.yaml', baselineService: 'website-baseline' },
    startsAtZero: true,
    missingBaseline: { ...smi, file: 'smi.yaml', baselineService: 'nope' },
  },
});

const smiQuantities = {
  file: 'smi/foobar-rollout.yaml',
  trafficSplitName: 'foobar-rollout',
  stableService: 'foobar-v1',
  canaryService: 'foobar-v2',
};
routerContract('smi-v1alpha1', {
  router: smiRouter,
  fixture: '.',
  files: ['smi/foobar-rollout.yaml'],
  config: smiQuantities,
  weightLine: /^\s+weight: "\d+"$/,
  startsAtZero: false,
  missingBackend: { ...smiQuantities, canaryService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['smi-v1alpha1.yaml'],
    config: { ...smiQuantities, file: 'smi-v1alpha1.yaml', baselineService: 'foobar-baseline' },
    startsAtZero: true,
    missingBaseline: { ...smiQuantities, file: 'smi-v1alpha1.yaml', baselineService: 'nope' },
  },
});

const traefik = {
  file: 'traefik/traefik-service.yaml',
  weightedTraefikServiceName: 'traefik-service',
  stableService: 'stable-rollout',
  canaryService: 'canary-rollout',
};
routerContract('traefik', {
  router: traefikRouter,
  fixture: '.',
  files: ['traefik/traefik-service.yaml'],
  config: traefik,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: false,
  missingBackend: { ...traefik, canaryService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['traefik.yaml'],
    config: { ...traefik, file: 'traefik.yaml', baselineService: 'baseline-rollout' },
    startsAtZero: true,
    missingBaseline: { ...traefik, file: 'traefik.yaml', baselineService: 'nope' },
  },
});

const alb = {
  file: 'alb/ingress.yaml',
  ingress: 'rollouts-demo-ingress',
  rootService: 'rollouts-demo-root',
  servicePort: 443,
  stableService: 'rollouts-demo-stable',
  canaryService: 'rollouts-demo-canary',
};
routerContract('alb', {
  router: albRouter,
  fixture: '.',
  files: ['alb/ingress.yaml'],
  config: alb,
  weightLine: /alb\.ingress\.kubernetes\.io\/actions\.rollouts-demo-root: /,
  startsAtZero: false,
  missingBackend: { ...alb, rootService: 'nope' },
  baseline: {
    fixture: 'baseline',
    files: ['alb.yaml'],
    config: { ...alb, file: 'alb.yaml', baselineService: 'rollouts-demo-baseline' },
    startsAtZero: true,
    missingBaseline: { ...alb, file: 'alb.yaml', baselineService: 'nope' },
  },
});

const ambassador = {
  file: 'ambassador/echo-mapping.yaml',
  mappings: ['echo'],
  stableService: 'echo-stable',
  canaryService: 'echo-canary',
};
routerContract('ambassador', {
  router: ambassadorRouter,
  fixture: '.',
  files: ['ambassador/echo-mapping.yaml'],
  config: ambassador,
  weightLine: /^\s+weight: \d+$/,
  startsAtZero: true,
  missingBackend: { ...ambassador, stableService: 'nope' },
});
