import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, setIn, valueAt } from '../manifests/index.js';
import { formatImageRef, parseImageRef } from './image-ref.js';
import {
  findResource,
  isMap,
  manifestPathSchema,
  namespaceSchema,
  place,
  refuseBaselineRole,
  resourceNameSchema,
} from './kit.js';
import type { CanaryState, Observation, Target } from './types.js';

// A plain Deployment or StatefulSet manifest (apps/v1) as a workload: the image of one container
// of `spec.template`, and `spec.replicas` for setCanaryScale on the canary workload (restored to
// the count before the release when no setCanaryScale is in effect, as the kustomization target
// does). Role `canary` is Flagger's canary Deployment, role `stable` its primary.

const WORKLOAD_API_VERSIONS = ['apps/v1'] as const;

export const deploymentConfigSchema = z.strictObject({
  file: manifestPathSchema.describe('File (or folder) holding the Deployment or StatefulSet.'),
  name: resourceNameSchema.describe('metadata.name of the workload.'),
  namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
  kind: z.enum(['Deployment', 'StatefulSet']).default('Deployment'),
  container: z.string().min(1).optional().describe('Container whose image is set; default: the first.'),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

export const deploymentTarget: Target<DeploymentConfig> = {
  key: 'deployment',
  family: 'workload',
  configSchema: deploymentConfigSchema,
  files: (config) => [config.file],
  apply(tree, config, state, role) {
    if (role === 'baseline')
      refuseBaselineRole('deployment', 'only a kustomization overlay is scaled as a baseline so far');
    const image = role === 'canary' ? state.canaryImage : state.stableImage;
    let next = tree;
    if (image !== undefined) {
      const doc = findWorkload(next, config);
      next = setIn(
        next,
        doc,
        [...containerPath(tree, doc, config), 'image'],
        formatImageRef(parseImageRef(image)),
      );
    }
    if (role === 'canary') {
      const count = canaryReplicas(config, state);
      if (count !== undefined) next = setIn(next, findWorkload(next, config), ['spec', 'replicas'], count);
    }
    return next;
  },
  observe(tree, config, role) {
    const doc = findWorkload(tree, config);
    const image = valueAt(doc, [...containerPath(tree, doc, config), 'image']);
    const observed: Observation = {};
    if (role === 'canary') {
      const replicas = valueAt(doc, ['spec', 'replicas']);
      observed.baselineScale = { [scaleKey(config)]: typeof replicas === 'number' ? replicas : null };
    }
    if (typeof image !== 'string') return observed;
    return role === 'canary' ? { ...observed, canaryImage: image } : { ...observed, stableImage: image };
  },
};

function scaleKey(config: DeploymentConfig): string {
  return `${config.file.replace(/\/+$/, '')}#${config.kind}/${config.name}`;
}

/** Argo Rollouts' canary scale: replicas, or ceil(baseline × weight / 100); the baseline otherwise. */
function canaryReplicas(config: DeploymentConfig, state: CanaryState): number | undefined {
  const baseline = state.baselineScale?.[scaleKey(config)] ?? undefined;
  const scale = state.canaryScale;
  if (scale?.replicas !== undefined) return scale.replicas;
  const percent = scale?.matchTrafficWeight ? state.canaryWeight : scale?.weight;
  if (percent === undefined || baseline === undefined) return baseline;
  return Math.ceil((baseline * percent) / 100);
}

export function findWorkload(tree: ManifestTree, config: DeploymentConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: config.kind,
    name: config.name,
    namespace: config.namespace,
    apiVersions: WORKLOAD_API_VERSIONS,
  });
}

function containerPath(tree: ManifestTree, doc: ResourceDoc, config: DeploymentConfig): (string | number)[] {
  const path = ['spec', 'template', 'spec', 'containers'];
  const containers = valueAt(doc, path);
  const names = Array.isArray(containers) ? containers.map((c) => (isMap(c) ? c.name : undefined)) : [];
  if (names.length === 0) {
    throw new GitcanaryError('FIELD_MISSING', `the ${config.kind} template has no containers`, {
      ...place(tree, doc, path),
    });
  }
  const index = config.container === undefined ? 0 : names.indexOf(config.container);
  if (index < 0) {
    throw new GitcanaryError('RESOURCE_NOT_FOUND', `no container named ${config.container}`, {
      ...place(tree, doc, path),
      hint: `containers: ${names.map(String).join(', ')}`,
    });
  }
  return [...path, index];
}
