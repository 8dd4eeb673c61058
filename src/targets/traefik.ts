import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import type { ManifestTree, ResourceDoc } from '../manifests/index.js';
import {
  baselineServiceSchema,
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  distinctBackends,
  distinctServices,
  findResource,
  listAt,
  manifestPathSchema,
  namespaceSchema,
  place,
  readWeight,
  resourceNameSchema,
  resourceNames,
  serviceNameSchema,
  sharesOf,
  splitWeights,
  writeWeight,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';

// Traefik's weighted round robin TraefikService (traefik.io/v1alpha1, and the older
// traefik.containo.us/v1alpha1), as Argo Rollouts' Traefik router drives it
// (rollout/trafficrouting/traefik/traefik.go): `spec.weighted.services[].weight` of the stable and
// canary Services. Argo's docs leave `weight` out of Git so Argo CD does not see drift; here Git
// holds the weight, so the fields are written (an absent weight is Traefik's default 1).

export const TRAEFIK_API_VERSIONS = ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'] as const;
const SERVICES = ['spec', 'weighted', 'services'] as const;
const DEFAULT_WEIGHT = 1;

export const traefikConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('File (or folder) holding the TraefikService.'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    weightedTraefikServiceName: resourceNameSchema.describe('metadata.name of the weighted TraefikService.'),
    stableService: serviceNameSchema,
    canaryService: serviceNameSchema,
    baselineService: baselineServiceSchema,
  })
  .refine(distinctServices, DISTINCT_SERVICES)
  .refine(distinctBackends, DISTINCT_BASELINE);

export type TraefikConfig = z.infer<typeof traefikConfigSchema>;

export const traefikRouter: TrafficRouter<TraefikConfig> = {
  key: 'traefik',
  configSchema: traefikConfigSchema,
  kinds: ['TraefikService'],
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true,
  },
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      route: config.weightedTraefikServiceName,
      traefikService: config.weightedTraefikServiceName,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const { stable, canary, baseline } = services(tree, config);
    const edits: [number | undefined, number][] = [
      [canary, weights.canary],
      [stable, weights.stable],
      [baseline, weights.baseline],
    ];
    let next = tree;
    for (const [index, weight] of edits) {
      if (index !== undefined)
        next = writeWeight(next, findService(next, config), [...SERVICES, index, 'weight'], weight);
    }
    return next;
  },
  observe(tree, config) {
    const doc = findService(tree, config);
    const { stable, canary, baseline } = services(tree, config);
    const weightOf = (index: number) => readWeight(tree, doc, [...SERVICES, index, 'weight'], DEFAULT_WEIGHT);
    const shares = sharesOf(
      weightOf(canary),
      weightOf(stable),
      baseline === undefined ? 0 : weightOf(baseline),
    );
    return {
      canaryWeight: shares.canary,
      ...(baseline === undefined ? {} : { baselineWeight: shares.baseline }),
      headerRoutes: [],
      mirrorRoutes: [],
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'TraefikService' }),
  configFromCli(tree, options) {
    const name =
      options.route ??
      onlyName(
        resourceNames(tree, options.file, 'TraefikService', TRAEFIK_API_VERSIONS),
        'TraefikService',
        options.file,
      );
    const doc = findResource(tree, options.file, {
      kind: 'TraefikService',
      name,
      apiVersions: TRAEFIK_API_VERSIONS,
    });
    const names = listAt(tree, doc, SERVICES, 'spec.weighted.services').map((service) =>
      String(service.name),
    );
    const { stable, canary } = inferBackends(names, options, 'the TraefikService');
    return {
      file: options.file,
      weightedTraefikServiceName: name,
      stableService: stable,
      canaryService: canary,
    };
  },
};

export const traefikTarget = routerTarget(traefikRouter);

function findService(tree: ManifestTree, config: TraefikConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'TraefikService',
    name: config.weightedTraefikServiceName,
    namespace: config.namespace,
    apiVersions: TRAEFIK_API_VERSIONS,
  });
}

function services(
  tree: ManifestTree,
  config: TraefikConfig,
): { stable: number; canary: number; baseline?: number } {
  const doc = findService(tree, config);
  const names = listAt(tree, doc, SERVICES, 'spec.weighted.services').map((service) => service.name);
  const index = (service: string, role: string): number => {
    const at = names.indexOf(service);
    if (at < 0) {
      throw new GitcanaryError('BACKEND_MISSING', `the TraefikService has no ${role} service "${service}"`, {
        ...place(tree, doc, [...SERVICES]),
        hint: `services: ${names.map(String).join(', ')}`,
      });
    }
    return at;
  };
  return {
    stable: index(config.stableService, 'stable'),
    canary: index(config.canaryService, 'canary'),
    ...(config.baselineService === undefined ? {} : { baseline: index(config.baselineService, 'baseline') }),
  };
}
