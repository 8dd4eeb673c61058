import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, toPlain, valueAt } from '../manifests/index.js';
import {
  agreeingWeight,
  assertWeight,
  DISTINCT_SERVICES,
  distinctServices,
  findResource,
  isMap,
  isOwnedDocument,
  manifestPathSchema,
  namespaceSchema,
  noBaselineBackend,
  ownedDocument,
  type PlainMap,
  place,
  resourceNameSchema,
  resourceNames,
  serviceNameSchema,
  writeOwnedDocument,
  writeWeight,
} from './kit.js';
import { onlyName, routerTarget, type TrafficRouter } from './router.js';

// Ambassador / Emissary-ingress Mappings (getambassador.io v1, v2, v3alpha1), as Argo Rollouts'
// Ambassador router drives them (rollout/trafficrouting/ambassador/ambassador.go): for each base
// Mapping a canary Mapping `<name>-canary` — a copy of the base with its metadata reduced to name
// and namespace, `spec.service` set to the canary Service (keeping the base's port) and
// `spec.weight` W; Emissary sends W% to it and the rest to the base. Argo deletes the canary
// Mapping at weight 0 and refuses a base Mapping that sets a weight (buildCanaryMapping,
// createCanaryMapping). gitcanary appends the canary Mapping to the base Mapping's file as its own
// document and removes it at weight 0; a `<name>-canary` Mapping the user wrote is edited in place.

export const AMBASSADOR_API_VERSIONS = [
  'getambassador.io/v1',
  'getambassador.io/v2',
  'getambassador.io/v3alpha1',
] as const;

export const ambassadorConfigSchema = z
  .strictObject(
    {
      file: manifestPathSchema.describe('File (or folder) holding the Mappings.'),
      namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
      mappings: z.array(resourceNameSchema).min(1).describe('Names of the base (stable) Mappings.'),
      stableService: serviceNameSchema.describe('Service of the base Mappings.'),
      canaryService: serviceNameSchema.describe('Service the canary Mappings send to.'),
    },
    noBaselineBackend('ambassador'),
  )
  .refine(distinctServices, DISTINCT_SERVICES);

export type AmbassadorConfig = z.infer<typeof ambassadorConfigSchema>;

export const ambassadorRouter: TrafficRouter<AmbassadorConfig> = {
  key: 'ambassador',
  configSchema: ambassadorConfigSchema,
  kinds: ['Mapping'],
  // Argo Rollouts clones each base Mapping into `<mapping>-canary`, updates its weight and deletes it
  // at weight 0 (rollout/trafficrouting/ambassador/ambassador.go, handleCanaryMapping).
  generatedByController:
    'Argo Rollouts creates, reweights and deletes the <mapping>-canary Mapping (rollout/trafficrouting/ambassador/ambassador.go, handleCanaryMapping)',
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: false,
  },
  metricTemplates: [],
  gateVariables(config) {
    return {
      route: config.mappings[0]!,
      mapping: config.mappings[0]!,
      stableService: config.stableService,
      canaryService: config.canaryService,
    };
  },
  files: (config) => [config.file],
  setWeight(tree, config, canaryWeight) {
    assertWeight(canaryWeight);
    let next = tree;
    for (const name of config.mappings) {
      const base = findMapping(next, config, name);
      checkBase(next, base, config);
      const userCanary = userCanaryMapping(next, config, name);
      if (userCanary !== undefined) {
        next = writeWeight(next, userCanary, ['spec', 'weight'], canaryWeight);
        continue;
      }
      next = writeOwnedDocument(
        next,
        base.file,
        ownedId(name),
        canaryWeight === 0 ? null : canaryMapping(base, config, canaryWeight),
        `canary of Mapping ${name} during a release; removed at weight 0.`,
      );
    }
    return next;
  },
  observe(tree, config) {
    const canaryWeight = agreeingWeight(
      config.mappings.map((name) => {
        const base = findMapping(tree, config, name);
        const canary = userCanaryMapping(tree, config, name) ?? ownedDocument(tree, base.file, ownedId(name));
        const weight = canary === undefined ? 0 : Number(valueAt(canary, ['spec', 'weight']) ?? 0);
        return { where: `Mapping ${name}-canary`, weight, details: place(tree, canary ?? base, ['spec']) };
      }),
    );
    return { canaryWeight, headerRoutes: [], mirrorRoutes: [] };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'Mapping' }),
  configFromCli(tree, options) {
    const names = resourceNames(tree, options.file, 'Mapping', AMBASSADOR_API_VERSIONS).filter(
      (name) => !name.endsWith('-canary'),
    );
    const name = options.route ?? onlyName(names, 'Mapping', options.file);
    const base = findResource(tree, options.file, {
      kind: 'Mapping',
      name,
      apiVersions: AMBASSADOR_API_VERSIONS,
    });
    const service = String(valueAt(base, ['spec', 'service']) ?? '').split(':')[0] ?? '';
    if (options.canary === undefined) {
      throw new GitcanaryError('USAGE', 'the canary Service is not in the base Mapping', {
        hint: 'pass --canary',
      });
    }
    return {
      file: options.file,
      mappings: [name],
      stableService: options.stable ?? service,
      canaryService: options.canary,
    };
  },
};

export const ambassadorTarget = routerTarget(ambassadorRouter);

function ownedId(name: string): string {
  return `canary Mapping ${canaryName(name)}`;
}

/** Argo's buildCanaryMappingName: at most 246 characters of the base name, then `-canary`. */
function canaryName(name: string): string {
  return `${name.slice(0, 246)}-canary`;
}

function findMapping(tree: ManifestTree, config: AmbassadorConfig, name: string): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'Mapping',
    name,
    namespace: config.namespace,
    apiVersions: AMBASSADOR_API_VERSIONS,
  });
}

/** A `<name>-canary` Mapping the user wrote (not one gitcanary appended). */
function userCanaryMapping(
  tree: ManifestTree,
  config: AmbassadorConfig,
  name: string,
): ResourceDoc | undefined {
  const found = tree
    .resources(tree.paths(), { kind: 'Mapping', name: canaryName(name) })
    .filter(
      (doc) =>
        config.namespace === undefined || doc.namespace === undefined || doc.namespace === config.namespace,
    );
  return found.find((doc) => !isOwnedDocument(doc));
}

function checkBase(tree: ManifestTree, base: ResourceDoc, config: AmbassadorConfig): void {
  if (valueAt(base, ['spec', 'weight']) !== undefined) {
    // Argo Rollouts: "Ambassador mapping %q can not define weight".
    throw new GitcanaryError('FIELD_INVALID', 'the base Mapping can not define weight', {
      ...place(tree, base, ['spec', 'weight']),
      hint: 'Emissary gives the base Mapping what the canary Mapping does not take; remove spec.weight',
    });
  }
  const service = String(valueAt(base, ['spec', 'service']) ?? '');
  const host = service.replace(/^https?:\/\//, '').split(/[:.]/)[0];
  if (host !== config.stableService) {
    throw new GitcanaryError(
      'BACKEND_MISSING',
      `the base Mapping sends to ${service}, not to ${config.stableService}`,
      {
        ...place(tree, base, ['spec', 'service']),
      },
    );
  }
}

/** Argo's buildCanaryMapping and buildCanaryService: the base's spec, canary Service on its port. */
function canaryMapping(base: ResourceDoc, config: AmbassadorConfig, weight: number): PlainMap {
  const plain = toPlain(base) as PlainMap;
  const spec = isMap(plain.spec) ? plain.spec : {};
  const service = String(spec.service ?? '');
  const port = service.split(':').pop();
  const canaryService =
    port !== undefined && port !== service && /^\d+$/.test(port)
      ? `${config.canaryService}:${port}`
      : config.canaryService;
  return {
    apiVersion: plain.apiVersion,
    kind: plain.kind,
    metadata: {
      name: canaryName(base.name ?? ''),
      ...(base.namespace === undefined ? {} : { namespace: base.namespace }),
    },
    spec: { ...spec, service: canaryService, weight },
  };
}
