import { summarizeStep } from '../config/index.js';
import type { ManifestTree } from '../manifests/index.js';
import { applyState, loadTargetTree, observeImages } from './apply.js';
import { treeDiff } from './diff.js';
import type { ReleaseInput } from './release.js';
import { finishedState, isCommitting, type ReleaseImages, startState, stateForStep } from './state.js';

export interface PlannedDiff {
  index: number;
  summary: string;
  /** Whether this step becomes a commit (pauses and analysis do not). */
  commits: boolean;
  diff: string;
}

/** Every step's diff as the engine would commit it, computed in memory from the working copy at `root`. */
export async function planDiffs(input: ReleaseInput, root: string, image: string): Promise<PlannedDiff[]> {
  const base = await loadTargetTree(input.targets, root);
  const observed = observeImages(input.targets, base);
  const images: ReleaseImages = {
    canaryImage: image,
    stableImage: observed.stableImage ?? observed.canaryImage,
    previousCanaryImage: observed.canaryImage,
    baselineScale: observed.baselineScale,
  };
  const out: PlannedDiff[] = [];
  let tree: ManifestTree = applyState(input.targets, base, startState(images));
  out.push({
    index: 0,
    summary: `start canary of ${image}`,
    commits: true,
    diff: await treeDiff(base, tree),
  });
  for (const [offset, step] of input.steps.entries()) {
    const index = offset + 1;
    const summary = summarizeStep(step);
    if (!isCommitting(step)) {
      out.push({ index, summary, commits: false, diff: '' });
      continue;
    }
    const next = applyState(input.targets, tree, stateForStep(input.steps, index, images));
    out.push({ index, summary, commits: true, diff: await treeDiff(tree, next) });
    tree = next;
  }
  const finished = applyState(input.targets, tree, finishedState(images));
  const diff = await treeDiff(tree, finished);
  if (diff !== '') out.push({ index: input.steps.length, summary: 'finish', commits: true, diff });
  return out;
}
