import type { Observation } from '../targets/types.js';
import { loadTargetTree, observeAll } from './apply.js';
import { failedChecks, nextAction } from './next.js';
import { isFinished, readOwnProgress, targetsFingerprint } from './progress.js';
import { readPasses } from './records.js';
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
  /** The step the release is at: the one it waits in, or does next. */
  nextStep?: string | undefined;
  /** While a timed pause runs or a failed check holds the weight: when the wait ends. */
  waitingUntil?: string | undefined;
  /** Failed checks so far (Flagger's analysis), and the threshold that rolls back. */
  failedChecks?: number | undefined;
  threshold?: number | undefined;
  lastCommit?: { sha: string; time: string; subject: string } | undefined;
  manifests: { target: string; role: string; observed: Observation }[];
}

/**
 * Where the release stands: the trailers of its newest commit, the records noted on it, and what
 * the manifests say. `paused` only at a real pause: an indefinite one, or an inconclusive analysis
 * waiting for `gitcanary promote` (nextAction decides, as it does for `run` and `step`).
 */
export async function releaseStatus(
  input: ReleaseInput,
  repo: ReleaseRepository,
  now: Date = new Date(),
): Promise<ReleaseStatus> {
  // The remote's history and notes (a workdir may be behind; a fresh clone has no notes yet).
  await repo.fetch?.();
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
  let state: ReleaseStatus['state'] = finished ? 'finished' : 'progressing';
  let nextStep: string | undefined;
  let waitingUntil: string | undefined;
  let failed = progress.failedChecks;
  if (!finished) {
    const sha = progress.lastCommit.sha;
    const position = { progress, passes: readPasses(await repo.readNote(sha), progress.releaseId, sha) };
    failed = failedChecks(position);
    const next = nextAction(input, position, now);
    if (next.kind === 'paused') state = 'paused';
    if (next.kind === 'wait') waitingUntil = next.until.toISOString();
    nextStep = 'index' in next ? input.steps[next.index - 1]?.summary : undefined;
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
    nextStep,
    waitingUntil,
    ...(input.checks === undefined ? {} : { failedChecks: failed, threshold: input.checks.threshold }),
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
  if (status.failedChecks !== undefined)
    lines.push(`  checks:  ${status.failedChecks} failed of ${status.threshold} that roll back`);
  if (status.waitingUntil) lines.push(`  waiting: until ${status.waitingUntil}`);
  if (status.state === 'paused') lines.push('  waiting: until `gitcanary promote`');
  if (status.lastCommit)
    lines.push(
      `  commit:  ${status.lastCommit.sha.slice(0, 7)} ${status.lastCommit.subject} (${status.lastCommit.time})`,
    );
  return lines.join('\n');
}
