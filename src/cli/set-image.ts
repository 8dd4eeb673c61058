import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { loadTree, resolveInside, writeTree } from '../manifests/index.js';
import { parseSetImageArg } from '../targets/image-ref.js';
import { findKustomizationFile, setImage } from '../targets/kustomization.js';
import { findRollout, setContainerImage } from '../targets/rollout.js';
import { printOut } from './output.js';

// `gitcanary set image`: edit a kustomization's `images:` (the arguments of `kustomize edit set
// image`) or a Rollout's container image in place. No commit; silent unless --verbose.

export interface SetImageOptions {
  file: string;
  rollout?: string;
  namespace?: string;
  container?: string;
  verbose?: boolean;
}

export async function runSetImage(images: string[], options: SetImageOptions): Promise<number> {
  const root = process.cwd();
  const file = await resolveInside(root, options.file);
  const isFolder = (await lstat(path.join(root, file)).catch(() => undefined))?.isDirectory() ?? false;
  const base = await loadTree(root, [file]);
  let next = base;
  if (options.rollout !== undefined) {
    const [image, ...extra] = images;
    if (image === undefined || extra.length > 0) {
      throw new GitcanaryError('USAGE', 'give exactly one image reference for a Rollout', {
        hint: 'e.g. argoproj/rollouts-demo:yellow',
      });
    }
    const { container, ref } = splitContainer(image, options.container);
    const config = { file, name: options.rollout, namespace: options.namespace, container };
    findRollout(base, config);
    next = setContainerImage(base, config, ref);
  } else {
    if (options.container !== undefined || options.namespace !== undefined) {
      throw new GitcanaryError('USAGE', '--container and --namespace apply to --rollout only');
    }
    // Parse every argument before editing, so one bad argument leaves the file untouched.
    const changes = images.map(parseSetImageArg);
    const kustomization = isFolder ? findKustomizationFile(base, file) : file;
    for (const change of changes) next = setImage(next, kustomization, change);
  }
  const written = await writeTree(root, base, next);
  if (options.verbose) {
    for (const changed of written) printOut(`wrote ${changed}`);
    if (written.length === 0) printOut('unchanged');
  }
  return 0;
}

/** `container=ref` as `kubectl argo rollouts set image` takes it, or a plain reference. */
function splitContainer(arg: string, option: string | undefined): { container?: string; ref: string } {
  const at = arg.indexOf('=');
  if (at < 0) return option === undefined ? { ref: arg } : { container: option, ref: arg };
  const container = arg.slice(0, at);
  if (option !== undefined && option !== container) {
    throw new GitcanaryError('USAGE', `--container ${option} disagrees with ${container}= in the argument`);
  }
  return { container, ref: arg.slice(at + 1) };
}
