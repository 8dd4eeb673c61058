import type { Observation } from '../targets/types.js';
import { loadTargetTree, observeAll } from './apply.js';
import { isFinished, readOwnProgress, targetsFingerprint } from './progress.js';
import type { ReleaseInput, ReleaseRepository } from './types.js';

export interface ReleaseStatus {
  release: string;
  /** No release was ever started, one is under way, or the last one ended. */
  state: 'none' | 'progressing' | 'paused' | 'finished';
  releaseId?: string | undefined;
  image?: string | undefined;
  stableImage?: string | undefined;
  phase?: string | undefined;
  action?: string | undefined;
  step?: number | undefined;
  total: number;
  weight?: number | undefined;
  nextStep?: string | undefined;
  /** For a pause with a duration: when it ends (measured from the last commit). */
  waitingUntil?: string | undefined;
  lastCommit?: { sha: string; time: string; subject: string } | undefined;
  manifests: { target: string; role: string; observed: Observation }[];
}

/** Where the release stands: the trailers of its newest commit, and what the manifests say. */
export async function releaseStatus(input: ReleaseInput, repo: ReleaseRepository): Promise<ReleaseStatus> {
  const history = await repo.releaseHistory(input.name, { limit: 200 });
  const progress = readOwnProgress(history, input.name, targetsFingerprint(input.targets));
  const tree = await loadTargetTree(input.targets, repo.root);
  const manifests = observeAll(input.targets, tree).map(({ key, role, observed }) => ({
    target: key,
    role,
    observed,
  }));
  const total = input.steps.length;
  if (!progress) return { release: input.name, state: 'none', total, manifests };
  const finished = isFinished(progress);
  const next = finished ? undefined : input.steps[progress.stepIndex];
  let waitingUntil: string | undefined;
  let state: ReleaseStatus['state'] = finished ? 'finished' : 'progressing';
  // Analysis runs before the pause without a commit: the release waits at the first pause past it.
  let waitIndex = progress.stepIndex;
  while (!finished && input.steps[waitIndex]?.kind === 'analysis') waitIndex++;
  const wait = finished ? undefined : input.steps[waitIndex];
  if (wait?.kind === 'pause') {
    if (wait.durationMs === undefined) state = 'paused';
    else waitingUntil = new Date(Date.parse(progress.lastCommit.time) + wait.durationMs).toISOString();
  }
  return {
    release: input.name,
    state,
    releaseId: progress.releaseId,
    image: progress.image,
    // After promotion the candidate is what stable runs; the trailer keeps what the release started from.
    stableImage:
      progress.action === 'promote' || progress.action === 'finish' ? progress.image : progress.stableImage,
    phase: state === 'paused' ? 'Paused' : progress.phase,
    action: progress.action,
    step: progress.stepIndex,
    total,
    weight: progress.weight,
    nextStep: next?.summary,
    waitingUntil,
    lastCommit: {
      sha: progress.lastCommit.sha,
      time: progress.lastCommit.time,
      subject: progress.lastCommit.subject,
    },
    manifests,
  };
}

/** The status for people, a few lines. */
export function describeStatus(status: ReleaseStatus): string {
  if (status.state === 'none')
    return `release ${status.release}: no release found in the history of the branch`;
  const lines = [
    `release ${status.release} (${status.releaseId}): ${status.image}`,
    `  phase:   ${status.phase}${status.state === 'finished' ? ` (ended with ${status.action})` : ''}`,
    `  step:    ${status.step}/${status.total}${status.nextStep ? `, next: ${status.nextStep}` : ''}`,
    `  weight:  ${status.weight}% to the canary`,
    `  stable:  ${status.stableImage ?? '(unknown)'}`,
  ];
  if (status.waitingUntil) lines.push(`  waiting: until ${status.waitingUntil}`);
  if (status.state === 'paused') lines.push('  waiting: until `gitcanary promote`');
  if (status.lastCommit)
    lines.push(
      `  commit:  ${status.lastCommit.sha.slice(0, 7)} ${status.lastCommit.subject} (${status.lastCommit.time})`,
    );
  return lines.join('\n');
}
