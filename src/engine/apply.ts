import { GitcanaryError, isGitcanaryError } from '../errors.js';
import { loadTree, type ManifestTree } from '../manifests/index.js';
import type { CanaryState, Observation } from '../targets/types.js';
import type { BoundTarget } from './types.js';

// Reading and writing the State through every bound target: shared by the engine, plan and validate.

/** The manifests every target reads, from the working copy at `root`. */
export async function loadTargetTree(targets: readonly BoundTarget[], root: string): Promise<ManifestTree> {
  const files = [...new Set(targets.flatMap((b) => b.target.files(b.config)))];
  const owned = [...new Set(targets.flatMap((b) => b.target.ownedFiles?.(b.config) ?? []))];
  return loadTree(root, files, { optional: owned.filter((file) => !files.includes(file)) });
}

/** Every target writes its part of `state` (pure). */
export function applyState(
  targets: readonly BoundTarget[],
  tree: ManifestTree,
  state: CanaryState,
): ManifestTree {
  refuseControllerRouters(targets, tree);
  let next = tree;
  for (const bound of targets) next = bound.target.apply(next, bound.config, state, bound.role);
  return next;
}

/**
 * A router whose canary object the workload's controller generates (a Rollout with its own
 * trafficRouting.nginx/smi/ambassador) is refused: both would write that object and fight.
 */
export function refuseControllerRouters(targets: readonly BoundTarget[], tree: ManifestTree): void {
  const owned = targets.flatMap((bound) =>
    (bound.target.controllerRouters?.(tree, bound.config) ?? []).map((key) => ({
      key,
      by: bound.target.key,
    })),
  );
  for (const bound of targets) {
    const why = bound.target.router?.generatedByController;
    const clash = owned.find((entry) => entry.key === bound.target.key);
    if (why === undefined || clash === undefined) continue;
    throw new GitcanaryError(
      'CONFIG_INVALID',
      `the ${clash.by} workload routes traffic through ${clash.key} itself: ${why}; gitcanary writing it too would fight the controller`,
      {
        field: `spec.traffic.${bound.target.key}`,
        hint: `remove spec.traffic's ${bound.target.key} block (the controller follows the weights gitcanary commits into the Rollout's steps), or remove trafficRouting.${clash.key} from the Rollout`,
      },
    );
  }
}

/** What the manifests say now: the canary workload's image and the stable image. */
export function observeImages(targets: readonly BoundTarget[], tree: ManifestTree): Observation {
  const observed: Observation = {};
  for (const bound of targets) {
    if (bound.target.family !== 'workload') continue;
    const seen = bound.target.observe(tree, bound.config, bound.role);
    if (bound.role === 'stable') {
      observed.stableImage ??= seen.stableImage ?? seen.canaryImage;
    } else {
      // An idle Rollout reports its template as the stable image: there is no canary yet.
      observed.canaryImage ??= seen.canaryImage;
      observed.stableImage ??= seen.stableImage;
    }
    if (seen.baselineScale) observed.baselineScale = { ...observed.baselineScale, ...seen.baselineScale };
  }
  return observed;
}

/** Every target's observation, for `status` and `validate`. */
export function observeAll(
  targets: readonly BoundTarget[],
  tree: ManifestTree,
): { key: string; role: string; observed: Observation }[] {
  return targets.map((bound) => ({
    key: bound.target.key,
    role: bound.role,
    observed: bound.target.observe(tree, bound.config, bound.role),
  }));
}

// What a person can break in the repository mid-release: a file deleted or emptied, YAML broken, a
// resource, field or backend removed. A target meeting one of these cannot write its part.
const BROKEN_BY_HAND = new Set([
  'FILE_NOT_FOUND',
  'FILE_EMPTY',
  'YAML_INVALID',
  'RESOURCE_NOT_FOUND',
  'FIELD_MISSING',
  'FIELD_INVALID',
  'BACKEND_MISSING',
]);

/** A target that cannot write its part now, and the error naming what is missing. */
export interface BrokenTarget {
  bound: BoundTarget;
  error: GitcanaryError;
}

/**
 * The targets that cannot write `state` into the manifests at `root` now (each read and applied on
 * its own, in memory): a route file or canary backend a person deleted mid-release, say.
 */
export async function brokenTargets(
  targets: readonly BoundTarget[],
  root: string,
  state: CanaryState,
): Promise<BrokenTarget[]> {
  const broken: BrokenTarget[] = [];
  for (const bound of targets) {
    try {
      bound.target.apply(await loadTargetTree([bound], root), bound.config, state, bound.role);
    } catch (error) {
      if (!isGitcanaryError(error) || !BROKEN_BY_HAND.has(error.code)) throw error;
      broken.push({ bound, error });
    }
  }
  return broken;
}

/** Every target's observation, or what keeps it from reading its manifests (for `status`). */
export async function observeEach(
  targets: readonly BoundTarget[],
  root: string,
): Promise<{ key: string; role: string; observed: Observation; missing?: string }[]> {
  const seen: { key: string; role: string; observed: Observation; missing?: string }[] = [];
  for (const bound of targets) {
    const entry = { key: bound.target.key, role: bound.role };
    try {
      seen.push({
        ...entry,
        observed: bound.target.observe(await loadTargetTree([bound], root), bound.config, bound.role),
      });
    } catch (error) {
      if (!isGitcanaryError(error) || !BROKEN_BY_HAND.has(error.code)) throw error;
      seen.push({ ...entry, observed: {}, missing: error.format() });
    }
  }
  return seen;
}
