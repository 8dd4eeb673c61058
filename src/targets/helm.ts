import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, setIn, valueAt } from '../manifests/index.js';
import { formatImageRef, parseImageRef } from './image-ref.js';
import { manifestPathSchema, refuseBaselineRole } from './kit.js';
import type { Observation, Target } from './types.js';

// A Helm values file as a workload: the image is split over the value paths the chart reads
// (`image.repository`, `image.tag`, optionally `image.digest`), each written in place (a tag stays
// a string: `1.10` is quoted as the file quotes it). Role `canary` is the canary release's values,
// `stable` the primary's.

const valuePathSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a dotted path of value keys, e.g. image.tag')
  .describe('Dotted path in the values file.');

export const helmConfigSchema = z.strictObject({
  file: manifestPathSchema.describe('The values file, e.g. values-canary.yaml.'),
  image: z.strictObject({
    repository: valuePathSchema,
    tag: valuePathSchema,
    digest: valuePathSchema.optional(),
  }),
});

export type HelmConfig = z.infer<typeof helmConfigSchema>;

export const helmTarget: Target<HelmConfig> = {
  key: 'helm',
  family: 'workload',
  configSchema: helmConfigSchema,
  files: (config) => [config.file],
  apply(tree, config, state, role) {
    if (role === 'baseline') refuseBaselineRole('helm', 'a values file has no standard replicas path');
    // A values file has no standard replicas path: a canary scale would be silently lost.
    if (role === 'canary' && state.canaryScale !== undefined) {
      throw new GitcanaryError('CONFIG_INVALID', 'setCanaryScale needs a workload with replicas', {
        file: config.file,
        field: 'spec.workload.helm',
        hint: 'a helm values file has no standard replicas path: drop setCanaryScale, or use a kustomization with replicas or a deployment target',
      });
    }
    const image = role === 'canary' ? state.canaryImage : state.stableImage;
    if (image === undefined) return tree;
    const ref = parseImageRef(image);
    let next = setIn(tree, valuesDoc(tree, config), split(config.image.repository), ref.name);
    next = setIn(next, valuesDoc(next, config), split(config.image.tag), ref.tag ?? 'latest');
    if (config.image.digest !== undefined && ref.digest !== undefined) {
      next = setIn(next, valuesDoc(next, config), split(config.image.digest), ref.digest);
    }
    return next;
  },
  observe(tree, config, role) {
    const doc = valuesDoc(tree, config);
    const repository = valueAt(doc, split(config.image.repository));
    const tag = valueAt(doc, split(config.image.tag));
    const digest = config.image.digest === undefined ? undefined : valueAt(doc, split(config.image.digest));
    if (typeof repository !== 'string') return {};
    const image = formatImageRef({
      name: repository,
      tag: tag === undefined || tag === null ? undefined : String(tag),
      digest: typeof digest === 'string' && digest !== '' ? digest : undefined,
    });
    const observed: Observation = role === 'canary' ? { canaryImage: image } : { stableImage: image };
    return observed;
  },
};

function split(path: string): string[] {
  return path.split('.');
}

function valuesDoc(tree: ManifestTree, config: HelmConfig): ResourceDoc {
  const doc = tree.documents(config.file)[0];
  if (doc === undefined || doc.document.contents === null) {
    throw new GitcanaryError('FILE_EMPTY', 'the values file holds no values', { file: config.file });
  }
  return doc;
}
