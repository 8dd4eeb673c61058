import { z } from 'zod';
import type { ManifestTree, ResourceDoc } from '../manifests/index.js';
import {
  type BackendIndexes,
  backendShares,
  baselineServiceSchema,
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  distinctBackends,
  distinctServices,
  findResource,
  listAt,
  manifestPathSchema,
  namespaceSchema,
  resourceNameSchema,
  resourceNames,
  type ServiceBackendList,
  serviceBackends,
  serviceNameSchema,
  splitWeights,
  writeBackendWeights,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';

// Traefik's weighted round robin TraefikService (traefik.io/v1alpha1, and the older
// traefik.containo.us/v1alpha1), as Argo Rollouts' Traefik router drives it
// (rollout/trafficrouting/traefik/traefik.go): `spec.weighted.services[].weight` of the stable and
// canary Services. Argo's docs leave `weight` out of Git so Argo CD does not see drift; here Git
// holds the weight, so the fields are written (an absent weight is Traefik's default 1).

export const TRAEFIK_API_VERSIONS = ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'] as const;
const SERVICES: ServiceBackendList = {
  path: ['spec', 'weighted', 'services'],
  serviceField: 'name',
  item: 'service',
};
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
    const find = (current: ManifestTree) => findService(current, config);
    return writeBackendWeights(tree, find, SERVICES.path, services(tree, config), weights);
  },
  observe(tree, config) {
    const doc = findService(tree, config);
    const indexes = services(tree, config);
    const shares = backendShares(tree, doc, SERVICES.path, indexes, DEFAULT_WEIGHT);
    return {
      canaryWeight: shares.canary,
      ...(indexes.baseline === undefined ? {} : { baselineWeight: shares.baseline }),
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
    const names = listAt(tree, doc, SERVICES.path, 'spec.weighted.services').map((service) =>
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

function services(tree: ManifestTree, config: TraefikConfig): BackendIndexes {
  return serviceBackends(tree, findService(tree, config), SERVICES, config);
}
