import { isMap } from 'yaml';
import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { deleteIn, type ManifestTree, type ResourceDoc, setIn, valueAt } from '../manifests/index.js';
import {
  formatImageRef,
  imageOverride,
  isImageName,
  type KustomizeImage,
  mergeSetImage,
  parseImageRef,
  renderedImage,
} from './image-ref.js';
import { type CanaryState, type Observation, releaseRunning, type Target } from './types.js';

// A kustomization's `images:` entry (newName/newTag/digest) carries the image, its `replicas:`
// entry the canary scale. In the Flagger shape the canary overlay takes role `canary`, the primary
// overlay role `stable`, and an optional third overlay role `baseline`: the stable image at the
// canary's replica count while a release runs, 0 replicas otherwise.

export const kustomizationConfigSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .describe('Folder holding kustomization.yaml, kustomization.yml or Kustomization, or the file itself.'),
  image: z
    .string()
    .refine(isImageName, 'an image name without tag or digest, e.g. ghcr.io/stefanprodan/podinfo')
    .describe('The images[].name to set, e.g. ghcr.io/stefanprodan/podinfo.'),
  replicas: z
    .strictObject({
      name: z.string().min(1).describe('The replicas[].name that carries the canary scale.'),
      total: z
        .number()
        .int()
        .positive()
        .optional()
        .describe(
          'Replica count that setCanaryScale weight and matchTrafficWeight are percentages of ' +
            "(Argo Rollouts' spec.replicas); default: the count the entry had when the release started.",
        ),
    })
    .optional()
    .describe(
      'The replicas[] entry that carries setCanaryScale; restored to its count before the release on promotion and rollback.',
    ),
});

export type KustomizationConfig = z.infer<typeof kustomizationConfigSchema>;

/** The file names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const IMAGE_FIELDS = ['newName', 'newTag', 'digest'] as const;

export const kustomizationTarget: Target<KustomizationConfig> = {
  key: 'kustomization',
  family: 'workload',
  configSchema: kustomizationConfigSchema,

  files(config) {
    return [config.path];
  },

  apply(tree, config, state, role) {
    if (role === 'baseline') return applyBaseline(tree, config, state);
    const image = role === 'canary' ? state.canaryImage : state.stableImage;
    let next = tree;
    if (image !== undefined) {
      next = setImage(next, config.path, imageOverride(config.image, parseImageRef(image)));
    }
    if (role === 'canary' && !config.replicas && state.canaryScale !== undefined) {
      // Honest capability: a setCanaryScale this target cannot write is refused, never an empty commit.
      throw new GitcanaryError(
        'FIELD_MISSING',
        'setCanaryScale needs the replicas entry that carries the canary scale',
        {
          field: 'spec.workload.kustomization.replicas',
          hint: `set replicas: { name: <Deployment name> } on the workload kustomization (${config.path}), or remove the setCanaryScale step`,
        },
      );
    }
    if (role === 'canary' && config.replicas) {
      const count = canaryCount(config, state);
      if (count === null) next = deleteReplicas(next, config.path, config.replicas.name);
      else if (count !== undefined) next = setReplicas(next, config.path, config.replicas.name, count);
    }
    return next;
  },

  observe(tree, config, role) {
    const doc = kustomizationDoc(tree, config.path);
    // The baseline runs a copy of stable: it says nothing about what the release started from.
    if (role === 'baseline') return {};
    const observed: Observation = {};
    if (role === 'canary' && config.replicas) {
      observed.baselineScale = { [scaleKey(config)]: replicaCount(doc, config.replicas.name) ?? null };
    }
    const entry = currentImage(doc, config.image);
    if (entry === undefined) return observed;
    const image = formatImageRef(renderedImage(entry));
    return role === 'canary' ? { ...observed, canaryImage: image } : { ...observed, stableImage: image };
  },
};

/**
 * The baseline overlay while a release runs: the stable image, and the canary's replica count
 * (what `setCanaryScale` gives the canary, else the canary's count when the release started);
 * scaled to 0 in the promote, rollback and finish commits.
 */
function applyBaseline(tree: ManifestTree, config: KustomizationConfig, state: CanaryState): ManifestTree {
  if (config.replicas === undefined) {
    throw new GitcanaryError('FIELD_INVALID', 'the baseline kustomization needs replicas', {
      file: config.path,
      field: 'spec.baseline.kustomization.replicas',
      hint: 'name the replicas[] entry gitcanary scales (to the canary count during a release, to 0 after it)',
    });
  }
  if (!releaseRunning(state)) return setReplicas(tree, config.path, config.replicas.name, 0);
  const withImage =
    state.stableImage === undefined
      ? tree
      : setImage(tree, config.path, imageOverride(config.image, parseImageRef(state.stableImage)));
  return setReplicas(withImage, config.path, config.replicas.name, baselineCount(config, state));
}

/** The canary's replica count for the baseline, computed as `canaryCount` does for the canary. */
function baselineCount(config: KustomizationConfig, state: CanaryState): number {
  // The canary's count when the release started: the one replicas entry its kustomization names.
  const started = Object.values(state.baselineScale ?? {}).filter((count) => count !== null);
  const canaryStart = started.length === 1 ? started[0]! : undefined;
  const total = config.replicas?.total ?? canaryStart;
  const scale = state.canaryScale;
  const percent = scale?.matchTrafficWeight ? state.canaryWeight : scale?.weight;
  if (scale?.replicas !== undefined) return scale.replicas;
  if (percent !== undefined && total !== undefined) return Math.ceil((total * percent) / 100);
  const count = percent === undefined ? (canaryStart ?? config.replicas?.total) : undefined;
  if (count === undefined) {
    throw new GitcanaryError('FIELD_INVALID', "the baseline cannot tell the canary's replica count", {
      file: config.path,
      field: 'spec.baseline.kustomization.replicas.total',
      hint: "name the canary kustomization's replicas entry (spec.workload.kustomization.replicas), or set the baseline's replicas.total",
    });
  }
  return count;
}

/** Key of a target's entry in `CanaryState.baselineScale`. */
function scaleKey(config: KustomizationConfig): string {
  return `${config.path.replace(/\/+$/, '')}#${config.replicas?.name ?? ''}`;
}

/**
 * The canary's replica count for `state`, as Argo Rollouts computes it (`ceil(total × weight / 100)`
 * for `weight` and `matchTrafficWeight`). Without a `setCanaryScale` in effect: the count before the
 * release (`null` removes an entry the release added), or undefined to leave the file alone.
 */
function canaryCount(config: KustomizationConfig, state: CanaryState): number | null | undefined {
  const baseline = state.baselineScale?.[scaleKey(config)];
  const scale = state.canaryScale;
  if (scale === undefined) return baseline;
  if (scale.replicas !== undefined) return scale.replicas;
  const percent = scale.matchTrafficWeight ? state.canaryWeight : scale.weight;
  if (percent === undefined) return baseline;
  const total = config.replicas?.total ?? baseline ?? undefined;
  if (total === undefined) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `setCanaryScale ${scale.matchTrafficWeight ? 'matchTrafficWeight' : 'weight'} needs a total replica count`,
      {
        file: config.path,
        field: 'kustomization.replicas.total',
        hint: `the overlay has no replicas entry named ${config.replicas?.name} to take it from; set replicas.total`,
      },
    );
  }
  return Math.ceil((total * percent) / 100);
}

/** The kustomization file at `path`: the file itself, or the one kustomize would read in that folder. */
export function findKustomizationFile(tree: ManifestTree, path: string): string {
  const folder = path.replace(/\/+$/, '');
  if (tree.has(folder)) return folder;
  const prefix = folder === '' || folder === '.' ? '' : `${folder}/`;
  const found = KUSTOMIZATION_FILE_NAMES.map((name) => `${prefix}${name}`).filter((file) => tree.has(file));
  if (found.length > 1) {
    // kustomize itself refuses a folder with more than one.
    throw new GitcanaryError('RESOURCE_DUPLICATE', 'more than one kustomization file in the folder', {
      file: found[1],
      hint: `also ${found[0]}; keep one`,
    });
  }
  if (found.length === 0) {
    throw new GitcanaryError('FILE_NOT_FOUND', 'no kustomization file found', {
      file: path,
      hint: `expected ${KUSTOMIZATION_FILE_NAMES.map((name) => `${prefix}${name}`).join(', ')}`,
    });
  }
  return found[0]!;
}

/** The kustomization document (first document of the file: it has no metadata.name to find it by). */
export function kustomizationDoc(tree: ManifestTree, path: string): ResourceDoc {
  const file = findKustomizationFile(tree, path);
  const doc = tree.document(file, 0);
  if (doc === undefined) throw new GitcanaryError('FILE_EMPTY', 'the kustomization file is empty', { file });
  if (doc.document.contents === null) {
    throw new GitcanaryError('FILE_EMPTY', 'the kustomization file holds no fields', { file });
  }
  if (!isMap(doc.document.contents)) {
    throw new GitcanaryError('FIELD_INVALID', 'the kustomization is not a map', { file });
  }
  if (doc.kind !== undefined && doc.kind !== 'Kustomization' && doc.kind !== 'Component') {
    throw new GitcanaryError('FIELD_INVALID', `expected kind Kustomization or Component, found ${doc.kind}`, {
      file,
      field: 'kind',
    });
  }
  return doc;
}

/** The `images:` entry named `name`, or undefined. */
export function currentImage(doc: ResourceDoc, name: string): KustomizeImage | undefined {
  const index = imageIndex(doc, name);
  return index === undefined ? undefined : (imagesOf(doc)[index] as KustomizeImage);
}

/**
 * Write `entry` as kustomize's `edit set image` would (the entry replaces the one with its name,
 * `*` fields keep current values), editing only the lines that change: fields keep their order,
 * new fields, a new entry or a new `images:` list go at the end in the file's indentation style.
 */
export function setImage(tree: ManifestTree, path: string, change: KustomizeImage): ManifestTree {
  let doc = kustomizationDoc(tree, path);
  const index = imageIndex(doc, change.name);
  const entry = mergeSetImage(index === undefined ? undefined : currentImage(doc, change.name), change);
  if (index === undefined) {
    const images = valueAt(doc, ['images']);
    if (images !== undefined && images !== null && !Array.isArray(images)) {
      throw new GitcanaryError('FIELD_INVALID', '`images` is not a list', {
        file: doc.file,
        field: 'images',
      });
    }
    const at = Array.isArray(images) ? ['images', images.length] : ['images'];
    return setIn(tree, doc, at, Array.isArray(images) ? entry : [entry]);
  }
  let next = tree;
  for (const field of IMAGE_FIELDS) {
    const value = entry[field];
    if (value === undefined) {
      if (valueAt(doc, ['images', index, field]) !== undefined)
        next = deleteIn(next, doc, ['images', index, field]);
    } else {
      next = setIn(next, doc, ['images', index, field], value);
    }
    doc = kustomizationDoc(next, path);
  }
  return next;
}

/** Set `replicas[name=name].count`, adding the entry or the list when absent. */
export function setReplicas(tree: ManifestTree, path: string, name: string, count: number): ManifestTree {
  if (!Number.isInteger(count) || count < 0) {
    throw new GitcanaryError('FIELD_INVALID', `replica count must be a whole number ≥ 0, got ${count}`, {
      field: `replicas[name=${name}].count`,
    });
  }
  const doc = kustomizationDoc(tree, path);
  const { list, index } = replicasEntry(doc, name);
  if (index !== undefined) return setIn(tree, doc, ['replicas', index, 'count'], count);
  if (list !== undefined) return setIn(tree, doc, ['replicas', list.length], { name, count });
  return setIn(tree, doc, ['replicas'], [{ name, count }]);
}

/** Remove `replicas[name=name]` (and the list when it is left empty); no-op when absent. */
function deleteReplicas(tree: ManifestTree, path: string, name: string): ManifestTree {
  const doc = kustomizationDoc(tree, path);
  const { list, index } = replicasEntry(doc, name);
  if (list === undefined || index === undefined) return tree;
  return deleteIn(tree, doc, list.length === 1 ? ['replicas'] : ['replicas', index]);
}

/** `replicas[name=name].count`, or undefined when there is no such entry. */
function replicaCount(doc: ResourceDoc, name: string): number | undefined {
  const { list, index } = replicasEntry(doc, name);
  if (list === undefined || index === undefined) return undefined;
  const count = (list[index] as Record<string, unknown>).count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new GitcanaryError('FIELD_INVALID', 'replica count must be a whole number ≥ 0', {
      file: doc.file,
      field: `replicas[${index}].count`,
    });
  }
  return count;
}

/** The `replicas:` list (undefined when absent) and the index of the entry named `name`. */
function replicasEntry(doc: ResourceDoc, name: string): { list?: unknown[]; index?: number } {
  const replicas = valueAt(doc, ['replicas']);
  if (replicas === undefined || replicas === null) return {};
  if (!Array.isArray(replicas)) {
    throw new GitcanaryError('FIELD_INVALID', '`replicas` is not a list', {
      file: doc.file,
      field: 'replicas',
    });
  }
  const index = replicas.findIndex((item) => isRecord(item) && item.name === name);
  return index < 0 ? { list: replicas } : { list: replicas, index };
}

function imagesOf(doc: ResourceDoc): unknown[] {
  const images = valueAt(doc, ['images']);
  return Array.isArray(images) ? images : [];
}

function imageIndex(doc: ResourceDoc, name: string): number | undefined {
  const matches = imagesOf(doc).flatMap((item, i) => (isRecord(item) && item.name === name ? [i] : []));
  if (matches.length > 1) {
    throw new GitcanaryError('RESOURCE_DUPLICATE', `images has more than one entry named ${name}`, {
      file: doc.file,
      field: `images[${matches[1]}]`,
    });
  }
  return matches[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
