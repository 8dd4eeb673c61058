import type { ManifestTree } from '../manifests/index.js';
import { applyState, loadTargetTree, observeImages } from './apply.js';
import { treeDiff } from './diff.js';
import { nextAction } from './next.js';
import type { ReleaseProgress } from './progress.js';
import type { PassRecord } from './records.js';
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
  /** When the step begins, in ms after the start commit, if every gate passes at once. */
  startsAfterMs?: number | undefined;
  /** True once an indefinite pause came before: the time counts from its `gitcanary promote`. */
  afterPromote?: boolean | undefined;
}

/** When each step (1-based index) begins in a release whose gates all pass at once. */
export interface StepTiming {
  startsAfterMs: number;
  afterPromote: boolean;
}

/**
 * The release walked through nextAction, as run and step walk it: every analysis passes at once,
 * every timed pause runs its length and every indefinite pause is promoted at once. So `plan` shows
 * when each step would begin by the very rule the engine follows.
 */
export function planTimeline(input: Pick<ReleaseInput, 'steps' | 'checks'>): Map<number, StepTiming> {
  const timing = new Map<number, StepTiming>();
  const at = (ms: number) => new Date(ms).toISOString();
  const commitAt = (index: number, ms: number): ReleaseProgress['lastCommit'] => ({
    sha: `simulated-${index}`,
    time: at(ms),
    subject: '',
    trailers: {},
  });
  let progress: ReleaseProgress = {
    releaseId: 'plan',
    image: 'plan',
    stableImage: undefined,
    previousCanaryImage: undefined,
    stepIndex: 0,
    total: input.steps.length,
    phase: 'Progressing',
    weight: 0,
    action: 'start',
    failedChecks: 0,
    lastCommit: commitAt(0, 0),
    startCommit: commitAt(0, 0),
  };
  let passes: PassRecord[] = [];
  let now = 0;
  let afterPromote = false;
  const begin = (index: number) => {
    if (!timing.has(index)) timing.set(index, { startsAfterMs: now, afterPromote });
  };
  for (let turn = 0; turn < input.steps.length * 2 + 2; turn++) {
    const next = nextAction(input, { progress, passes }, new Date(now));
    if (next.kind === 'done' || next.kind === 'rollback') break;
    begin(next.index);
    if (next.kind === 'wait') now = next.until.getTime();
    else if (next.kind === 'analysis')
      passes = [...passes, { step: next.index, at: at(now), verdict: 'pass', gates: [] }];
    else {
      // A commit, or the resume commit that ends an indefinite pause.
      if (next.kind === 'paused') afterPromote = true;
      if (input.steps[next.index - 1]?.kind === 'promote') break;
      progress = { ...progress, stepIndex: next.index, lastCommit: commitAt(next.index, now) };
      passes = [];
    }
  }
  return timing;
}

/** The manifests before and after one step of the plan (equal for pauses and analyses). */
export interface PlannedTree {
  index: number;
  summary: string;
  commits: boolean;
  /** The finish commit after promotion (written only when targets restore anything). */
  finish?: boolean;
  before: ManifestTree;
  after: ManifestTree;
}

/**
 * Every tree a release can commit, computed in memory from `base`: the start, each step, and the
 * finish after promotion. The rollback from every committed tree is applied too (it is written only
 * when a gate fails), so a target that cannot write any of them throws here, before anything is
 * committed.
 */
export function* planTrees(
  input: Pick<ReleaseInput, 'targets' | 'steps'>,
  base: ManifestTree,
  images: ReleaseImages,
): Generator<PlannedTree> {
  // A generator: each tree is dropped once its consumer moved on, so a large manifest is held a
  // few times at once (before, after, the rollback from it), not once per step.
  const commit = (before: ManifestTree, state: ReturnType<typeof startState>): ManifestTree => {
    const after = applyState(input.targets, before, state);
    applyState(input.targets, after, rolledBackState(state, images, 'RolledBack'));
    return after;
  };
  let tree = commit(base, startState(images));
  yield {
    index: 0,
    summary: `start canary of ${images.canaryImage}`,
    commits: true,
    before: base,
    after: tree,
  };
  for (const [offset, step] of input.steps.entries()) {
    const index = offset + 1;
    const { summary } = step;
    if (!isCommitting(step)) {
      yield { index, summary, commits: false, before: tree, after: tree };
      continue;
    }
    const next = commit(tree, stateForStep(input.steps, index, images));
    yield { index, summary, commits: true, before: tree, after: next };
    tree = next;
  }
  const finished = applyState(input.targets, tree, finishedState(images));
  yield {
    index: input.steps.length,
    summary: 'finish',
    commits: true,
    finish: true,
    before: tree,
    after: finished,
  };
}

/** Applies every tree `planTrees` yields and keeps none: a target that cannot write one throws. */
export function checkPlannedTrees(
  input: Pick<ReleaseInput, 'targets' | 'steps'>,
  base: ManifestTree,
  images: ReleaseImages,
): void {
  const trees = planTrees(input, base, images);
  while (!trees.next().done);
}

/** Every step's diff as the engine would commit it, computed in memory from the working copy at `root`. */
export async function planDiffs(input: ReleaseInput, root: string, image: string): Promise<PlannedDiff[]> {
  const base = await loadTargetTree(input.targets, root);
  const timing = planTimeline(input);
  const out: PlannedDiff[] = [];
  const images = imagesFromObservation(image, observeImages(input.targets, base));
  for (const { index, summary, commits, finish, before, after } of planTrees(input, base, images)) {
    if (finish) {
      const diff = await treeDiff(before, after);
      if (diff !== '') out.push({ index, summary, commits: true, diff });
      continue;
    }
    out.push({
      index,
      summary,
      commits,
      diff: commits ? await treeDiff(before, after) : '',
      ...(index === 0 ? { startsAfterMs: 0, afterPromote: false } : timing.get(index)),
    });
  }
  return out;
}
