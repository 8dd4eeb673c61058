import { z } from 'zod';
import { dns1123Label, dns1123Subdomain } from '../config/validators.js';
import { GitcanaryError } from '../errors.js';
import {
  deleteIn,
  describeDoc,
  type ManifestTree,
  type ResourceDoc,
  setIn,
  valueAt,
} from '../manifests/index.js';
import { formatImageRef, parseImageRef } from './image-ref.js';
import { refuseBaselineRole } from './kit.js';
import type { CanaryScale, CanaryState, Target } from './types.js';

// An Argo Rollout (`argoproj.io/v1alpha1`) driven through Git. The controller keeps managing
// ReplicaSets and services; gitcanary commits the candidate image into `spec.template` and the
// weight as `spec.strategy.canary.steps` ending in `pause: {}`, so Git always says what the
// controller does. The user's own steps are kept in an annotation while a release runs, the way
// Flagger keeps `flagger.kubernetes.io/original-configuration`, and are put back afterwards.
//
// Role `stable`: a Rollout has one template, so the stable image is only written while no canary
// is under way (no original-steps annotation and no canary image in the state); it then starts an
// ordinary Argo rollout with the user's steps.

export const rolloutConfigSchema = z.strictObject({
  file: z.string().min(1).describe('File (or folder) holding the Argo Rollout.'),
  name: dns1123Subdomain.describe('metadata.name of the Rollout.'),
  namespace: dns1123Label.optional().describe('metadata.namespace, when several share the name.'),
  container: dns1123Label.optional().describe('Container whose image is set; default: the first container.'),
});

export type RolloutConfig = z.infer<typeof rolloutConfigSchema>;

/** Annotation holding the user's steps as JSON while gitcanary's steps replace them. */
export const ORIGINAL_STEPS_ANNOTATION = 'gitcanary.dev/original-steps';

const ROLLOUT_API_VERSIONS = ['argoproj.io/v1alpha1'] as const;
const STEPS_PATH = ['spec', 'strategy', 'canary', 'steps'] as const;
const ANNOTATION_PATH = ['metadata', 'annotations', ORIGINAL_STEPS_ANNOTATION] as const;

/** One Argo Rollouts canary step as gitcanary writes it. */
export type RolloutStep =
  | { setWeight: number }
  | { pause: Record<string, never> }
  | { setCanaryScale: CanaryScale };

export const rolloutTarget: Target<RolloutConfig> = {
  key: 'rollout',
  family: 'workload',
  configSchema: rolloutConfigSchema,
  // gitcanary's steps end in `pause: {}`: Argo CD reports a Rollout paused at a step as Suspended.
  acceptHealth: ['Suspended'],

  files(config) {
    return [config.file];
  },

  // Argo resolves an analysis arg's `valueFrom.fieldRef` against the Rollout itself.
  fieldRefObject(config) {
    return {
      file: config.file,
      kind: 'Rollout',
      name: config.name,
      ...(config.namespace === undefined ? {} : { namespace: config.namespace }),
    };
  },

  apply(tree, config, state, role) {
    if (role === 'baseline') refuseBaselineRole('rollout', 'Argo Rollouts runs a baseline as an Experiment');
    const doc = findRollout(tree, config);
    if (role === 'stable') {
      if (state.stableImage === undefined || state.canaryImage !== undefined || isManaged(doc)) return tree;
      return setContainerImage(tree, config, state.stableImage);
    }
    if (state.phase === 'RolledBack' || state.phase === 'Failed') {
      const reverted =
        state.stableImage === undefined ? tree : setContainerImage(tree, config, state.stableImage);
      return restoreSteps(reverted, config);
    }
    if (state.canaryImage === undefined) {
      // Idle after a promotion: the template already runs the new stable image.
      const idle = state.phase === 'Promoted' && state.stableImage !== undefined;
      return idle && templateImage(doc, config) === state.stableImage ? restoreSteps(tree, config) : tree;
    }
    const withSteps = setManagedSteps(tree, config, managedSteps(state));
    return setContainerImage(withSteps, config, state.canaryImage);
  },

  controllerRouters(tree, config) {
    const routing = valueAt(findRollout(tree, config), ['spec', 'strategy', 'canary', 'trafficRouting']);
    return routing !== null && typeof routing === 'object' ? Object.keys(routing) : [];
  },

  observe(tree, config, role) {
    if (role === 'baseline') return {};
    const doc = findRollout(tree, config);
    const image = templateImage(doc, config);
    if (!isManaged(doc)) {
      // Between releases the template is the stable image and the canary takes no traffic.
      return role === 'canary' ? { stableImage: image, canaryWeight: 0 } : { stableImage: image };
    }
    if (role === 'stable') return {};
    return { canaryImage: image, canaryWeight: lastSetWeight(valueAt(doc, STEPS_PATH)) };
  },
};

/**
 * The steps that make the controller hold `state.canaryWeight`. Argo Rollouts restarts at step 0
 * when the steps' hash changes, and at an index with no setWeight at or before it the weight is 0
 * (`GetCurrentSetWeight`): so the live weight is repeated first, a setCanaryScale goes after it,
 * and `pause: {}` keeps the controller at the weight until the next commit. A promotion ends
 * without a pause, so the controller completes the rollout.
 */
export function managedSteps(state: CanaryState): RolloutStep[] {
  const weight = state.phase === 'Promoted' ? 100 : state.canaryWeight;
  checkWeight(weight, 'canaryWeight');
  checkWeight(state.previousWeight, 'previousWeight');
  const steps: RolloutStep[] = [];
  if (state.previousWeight > 0 && state.previousWeight !== weight)
    steps.push({ setWeight: state.previousWeight });
  if (state.canaryScale !== undefined && state.phase !== 'Promoted')
    steps.push({ setCanaryScale: state.canaryScale });
  steps.push({ setWeight: weight });
  if (state.phase !== 'Promoted') steps.push({ pause: {} });
  return steps;
}

/** The Rollout named in `config` among the config's files. */
export function findRollout(tree: ManifestTree, config: RolloutConfig): ResourceDoc {
  return tree.find(
    { kind: 'Rollout', name: config.name, namespace: config.namespace, apiVersions: ROLLOUT_API_VERSIONS },
    filesUnder(tree, config.file),
  );
}

/** Set the configured container's image in `spec.template` (one scalar, one line). */
export function setContainerImage(tree: ManifestTree, config: RolloutConfig, image: string): ManifestTree {
  const formatted = formatImageRef(parseImageRef(image));
  const doc = findRollout(tree, config);
  const index = containerIndex(doc, config);
  return setIn(tree, doc, ['spec', 'template', 'spec', 'containers', index, 'image'], formatted);
}

function setManagedSteps(tree: ManifestTree, config: RolloutConfig, steps: RolloutStep[]): ManifestTree {
  let doc = findRollout(tree, config);
  const canary = valueAt(doc, ['spec', 'strategy', 'canary']);
  if (canary === null || typeof canary !== 'object') {
    throw new GitcanaryError('FIELD_MISSING', 'the Rollout has no canary strategy', {
      file: doc.file,
      resource: describeDoc(doc),
      field: 'spec.strategy.canary',
      hint: 'gitcanary drives canary Rollouts; blueGreen is not supported',
    });
  }
  let next = tree;
  if (!isManaged(doc)) {
    // First replacement: keep the user's steps (null when there were none) to restore them later.
    next = setIn(next, doc, ANNOTATION_PATH, JSON.stringify(valueAt(doc, STEPS_PATH) ?? null));
    doc = findRollout(next, config);
  }
  return setIn(next, doc, STEPS_PATH, steps);
}

/** Put the user's steps back from the annotation and remove it; unchanged when not managed. */
function restoreSteps(tree: ManifestTree, config: RolloutConfig): ManifestTree {
  let doc = findRollout(tree, config);
  if (!isManaged(doc)) return tree;
  const original = originalSteps(doc);
  let next =
    original === null
      ? valueAt(doc, STEPS_PATH) === undefined
        ? tree
        : deleteIn(tree, doc, STEPS_PATH)
      : setIn(tree, doc, STEPS_PATH, original);
  doc = findRollout(next, config);
  next = deleteIn(next, doc, ANNOTATION_PATH);
  return next;
}

function originalSteps(doc: ResourceDoc): unknown[] | null {
  const text = valueAt(doc, ANNOTATION_PATH);
  let steps: unknown;
  try {
    steps = JSON.parse(String(text));
  } catch {
    steps = undefined;
  }
  if (steps !== null && !Array.isArray(steps)) {
    throw new GitcanaryError('FIELD_INVALID', 'the original-steps annotation is not a JSON list of steps', {
      file: doc.file,
      resource: describeDoc(doc),
      field: `metadata.annotations.${ORIGINAL_STEPS_ANNOTATION}`,
      hint: 'restore spec.strategy.canary.steps by hand from git history and remove the annotation',
    });
  }
  return steps;
}

function isManaged(doc: ResourceDoc): boolean {
  return valueAt(doc, ANNOTATION_PATH) !== undefined;
}

function lastSetWeight(steps: unknown): number {
  if (!Array.isArray(steps)) return 0;
  const weights = steps.flatMap((step) =>
    step !== null &&
    typeof step === 'object' &&
    typeof (step as { setWeight?: unknown }).setWeight === 'number'
      ? [(step as { setWeight: number }).setWeight]
      : [],
  );
  return weights[weights.length - 1] ?? 0;
}

function templateImage(doc: ResourceDoc, config: RolloutConfig): string | undefined {
  const image = valueAt(doc, [
    'spec',
    'template',
    'spec',
    'containers',
    containerIndex(doc, config),
    'image',
  ]);
  return typeof image === 'string' ? image : undefined;
}

function containerIndex(doc: ResourceDoc, config: RolloutConfig): number {
  const containers = valueAt(doc, ['spec', 'template', 'spec', 'containers']);
  const names = Array.isArray(containers)
    ? containers.map((c) =>
        c !== null && typeof c === 'object' ? (c as { name?: unknown }).name : undefined,
      )
    : [];
  if (names.length === 0) {
    throw new GitcanaryError('FIELD_MISSING', 'the Rollout template has no containers', {
      file: doc.file,
      resource: describeDoc(doc),
      field: 'spec.template.spec.containers',
    });
  }
  if (config.container === undefined) return 0;
  const index = names.indexOf(config.container);
  if (index < 0) {
    throw new GitcanaryError('RESOURCE_NOT_FOUND', `no container named ${config.container}`, {
      file: doc.file,
      resource: describeDoc(doc),
      field: 'spec.template.spec.containers',
      hint: `containers: ${names.map(String).join(', ')}`,
    });
  }
  return index;
}

function filesUnder(tree: ManifestTree, path: string): string[] {
  const folder = path.replace(/\/+$/, '');
  if (tree.has(folder)) return [folder];
  const prefix = folder === '' || folder === '.' ? '' : `${folder}/`;
  const files = tree.paths().filter((file) => file.startsWith(prefix));
  if (files.length === 0)
    throw new GitcanaryError('FILE_NOT_FOUND', 'no manifest files found', { file: path });
  return files;
}

function checkWeight(weight: number, field: string): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new GitcanaryError(
      'WEIGHT_INVALID',
      `${field} must be a whole number from 0 to 100, got ${weight}`,
      {
        field,
      },
    );
  }
}
