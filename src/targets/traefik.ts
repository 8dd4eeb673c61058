import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import type { ManifestTree, ResourceDoc } from '../manifests/index.js';
import {
  assertWeight,
  canaryShare,
  DISTINCT_SERVICES,
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
  })
  .refine(distinctServices, DISTINCT_SERVICES);

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
    };
  },
  files: (config) => [config.file],
  setWeight(tree, config, canaryWeight) {
    assertWeight(canaryWeight);
    const { stable, canary } = services(tree, config);
    let next = writeWeight(tree, findService(tree, config), [...SERVICES, canary, 'weight'], canaryWeight);
    next = writeWeight(next, findService(next, config), [...SERVICES, stable, 'weight'], 100 - canaryWeight);
    return next;
  },
  observe(tree, config) {
    const doc = findService(tree, config);
    const { stable, canary } = services(tree, config);
    return {
      canaryWeight: canaryShare(
        readWeight(tree, doc, [...SERVICES, canary, 'weight'], DEFAULT_WEIGHT),
        readWeight(tree, doc, [...SERVICES, stable, 'weight'], DEFAULT_WEIGHT),
      ),
      headerRoutes: [],
      mirrorRoutes: [],
    };
  },
  detects: (tree, files) => tree.resources(files, { kind: 'TraefikService' }).length > 0,
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

function services(tree: ManifestTree, config: TraefikConfig): { stable: number; canary: number } {
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
  return { stable: index(config.stableService, 'stable'), canary: index(config.canaryService, 'canary') };
}
