import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, valueAt } from '../manifests/index.js';
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
  place,
  resourceNameSchema,
  resourceNames,
  type ServiceBackendList,
  serviceBackends,
  serviceNameSchema,
  splitWeights,
  writeBackendWeights,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';

// SMI TrafficSplit (split.smi-spec.io v1alpha1–v1alpha4), as Argo Rollouts' SMI router writes it
// (rollout/trafficrouting/smi/smi.go trafficSplitV1Alpha*): the canary backend gets W, the stable
// backend 100 - W. v1alpha1 weights are Kubernetes quantities (Argo writes
// resource.NewQuantity(W), a string such as "10"); later versions are whole numbers. Each weight
// keeps the form the file writes it in. Argo creates the TrafficSplit; in Git it must exist.

export const SMI_API_VERSIONS = [
  'split.smi-spec.io/v1alpha1',
  'split.smi-spec.io/v1alpha2',
  'split.smi-spec.io/v1alpha3',
  'split.smi-spec.io/v1alpha4',
] as const;

export const smiConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('File (or folder) holding the TrafficSplit.'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    trafficSplitName: resourceNameSchema.describe('metadata.name of the TrafficSplit.'),
    rootService: serviceNameSchema.optional().describe('spec.service it must split (checked when given).'),
    stableService: serviceNameSchema,
    canaryService: serviceNameSchema,
    baselineService: baselineServiceSchema,
  })
  .refine(distinctServices, DISTINCT_SERVICES)
  .refine(distinctBackends, DISTINCT_BASELINE);

export type SmiConfig = z.infer<typeof smiConfigSchema>;

const BACKENDS: ServiceBackendList = { path: ['spec', 'backends'], serviceField: 'service', item: 'backend' };

export const smiRouter: TrafficRouter<SmiConfig> = {
  key: 'smi',
  configSchema: smiConfigSchema,
  kinds: ['TrafficSplit'],
  // Argo Rollouts creates the TrafficSplit with itself as controller and refuses one it does not
  // own (rollout/trafficrouting/smi/smi.go, SetWeight: "Rollout does not own TrafficSplit").
  generatedByController:
    'Argo Rollouts creates and owns the TrafficSplit (rollout/trafficrouting/smi/smi.go, SetWeight)',
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true,
  },
  // Flagger's `smi:linkerd` provider reads Linkerd's proxy metrics (observers/linkerd.go).
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      route: config.trafficSplitName,
      trafficSplit: config.trafficSplitName,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const find = (current: ManifestTree) => findSplit(current, config);
    return writeBackendWeights(tree, find, BACKENDS.path, backends(tree, config), weights);
  },
  observe(tree, config) {
    const doc = findSplit(tree, config);
    const indexes = backends(tree, config);
    const shares = backendShares(tree, doc, BACKENDS.path, indexes, 0);
    return {
      canaryWeight: shares.canary,
      ...(indexes.baseline === undefined ? {} : { baselineWeight: shares.baseline }),
      headerRoutes: [],
      mirrorRoutes: [],
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'TrafficSplit' }),
  configFromCli(tree, options) {
    const trafficSplitName =
      options.route ??
      onlyName(
        resourceNames(tree, options.file, 'TrafficSplit', SMI_API_VERSIONS),
        'TrafficSplit',
        options.file,
      );
    const doc = findResource(tree, options.file, {
      kind: 'TrafficSplit',
      name: trafficSplitName,
      apiVersions: SMI_API_VERSIONS,
    });
    const names = listAt(tree, doc, BACKENDS.path, 'spec.backends').map((backend) => String(backend.service));
    const { stable, canary } = inferBackends(names, options, 'the TrafficSplit');
    return { file: options.file, trafficSplitName, stableService: stable, canaryService: canary };
  },
};

export const smiTarget = routerTarget(smiRouter);

function findSplit(tree: ManifestTree, config: SmiConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'TrafficSplit',
    name: config.trafficSplitName,
    namespace: config.namespace,
    apiVersions: SMI_API_VERSIONS,
  });
}

function backends(tree: ManifestTree, config: SmiConfig): BackendIndexes {
  const doc = findSplit(tree, config);
  if (config.rootService !== undefined && valueAt(doc, ['spec', 'service']) !== config.rootService) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `the TrafficSplit splits ${String(valueAt(doc, ['spec', 'service']))}, not ${config.rootService}`,
      {
        ...place(tree, doc, ['spec', 'service']),
      },
    );
  }
  return serviceBackends(tree, doc, BACKENDS, config);
}
