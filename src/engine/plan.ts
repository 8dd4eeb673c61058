import type { ManifestTree } from '../manifests/index.js';
import { applyState, loadTargetTree, observeImages } from './apply.js';
import { treeDiff } from './diff.js';
import {
  finishedState,
  imagesFromObservation,
  isCommitting,
  type ReleaseImages,
  rolledBackState,
  startState,
  stateForStep,
} from './state.js';
import type { ReleaseInput } from './types.js';

export interface PlannedDiff {
  index: number;
  summary: string;
  /** Whether this step becomes a commit (pauses and analysis do not). */
  commits: boolean;
  diff: string;
}

/** The manifests before and after one step of the plan (equal for pauses and analyses). */
export interface PlannedTree {
  index: number;
  summary: string;
  commits: boolean;
  before: ManifestTree;
  after: ManifestTree;
}

/**
 * Every tree a release can commit, computed in memory from `base`: the start, each step, and the
 * finish after promotion. The rollback from every committed tree is applied too (it is written only
 * when a gate fails), so a target that cannot write any of them throws here, before anything is
 * committed.
 */
export function planTrees(
  input: Pick<ReleaseInput, 'targets' | 'steps'>,
  base: ManifestTree,
  images: ReleaseImages,
): { steps: PlannedTree[]; finish: { before: ManifestTree; after: ManifestTree } } {
  const commit = (before: ManifestTree, state: ReturnType<typeof startState>): ManifestTree => {
    const after = applyState(input.targets, before, state);
    applyState(input.targets, after, rolledBackState(state, images, 'RolledBack'));
    return after;
  };
  let tree = commit(base, startState(images));
  const steps: PlannedTree[] = [
    { index: 0, summary: `start canary of ${images.canaryImage}`, commits: true, before: base, after: tree },
  ];
  for (const [offset, step] of input.steps.entries()) {
    const index = offset + 1;
    const { summary } = step;
    if (!isCommitting(step)) {
      steps.push({ index, summary, commits: false, before: tree, after: tree });
      continue;
    }
    const next = commit(tree, stateForStep(input.steps, index, images));
    steps.push({ index, summary, commits: true, before: tree, after: next });
    tree = next;
  }
  return { steps, finish: { before: tree, after: applyState(input.targets, tree, finishedState(images)) } };
}

/** Every step's diff as the engine would commit it, computed in memory from the working copy at `root`. */
export async function planDiffs(input: ReleaseInput, root: string, image: string): Promise<PlannedDiff[]> {
  const base = await loadTargetTree(input.targets, root);
  const planned = planTrees(input, base, imagesFromObservation(image, observeImages(input.targets, base)));
  const out: PlannedDiff[] = [];
  for (const { index, summary, commits, before, after } of planned.steps) {
    out.push({ index, summary, commits, diff: commits ? await treeDiff(before, after) : '' });
  }
  const diff = await treeDiff(planned.finish.before, planned.finish.after);
  if (diff !== '') out.push({ index: input.steps.length, summary: 'finish', commits: true, diff });
  return out;
}
