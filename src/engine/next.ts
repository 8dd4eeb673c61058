import type { ReleaseProgress } from './progress.js';
import type { ReleaseStep } from './state.js';

// What happens next, and when: one pure function of the plan, where the release stands and the
// time. `run` and `step` act on its answer (run sleeps until a wait ends, step exits), and every
// other command reads the same answer instead of walking the steps again.

/** Where a release stands: its newest commit, and what happened after it. */
export interface Position {
  progress: ReleaseProgress;
  /** Analyses after the newest commit that passed (1-based step indexes). */
  passed: ReadonlySet<number>;
}

export type Next =
  /** The step at `index` commits (a change or the promotion). */
  | { kind: 'commit'; index: number }
  /** The analysis at `index` is due now. */
  | { kind: 'analysis'; index: number }
  /** The timed pause at `index` runs until `until`. */
  | { kind: 'wait'; index: number; until: Date }
  /** The indefinite pause at `index` waits for `gitcanary promote`. */
  | { kind: 'paused'; index: number }
  /** Every step is done: the release only needs finishing. */
  | { kind: 'done' };

/** The first thing the release must do, or wait for, after its newest commit. */
export function nextAction(steps: readonly ReleaseStep[], position: Position, now: Date): Next {
  const { progress, passed } = position;
  const committedAt = Date.parse(progress.lastCommit.time);
  for (let index = progress.stepIndex + 1; index <= steps.length; index++) {
    const step = steps[index - 1]!;
    if (step.kind === 'pause') {
      if (step.durationMs === undefined) return { kind: 'paused', index };
      // Measured from the commit time so scheduled `step` jobs see the same deadline.
      const until = new Date(committedAt + step.durationMs);
      if (until.getTime() > now.getTime()) return { kind: 'wait', index, until };
      continue;
    }
    if (step.kind === 'analysis') {
      if (passed.has(index)) continue;
      return { kind: 'analysis', index };
    }
    return { kind: 'commit', index };
  }
  return { kind: 'done' };
}

/**
 * The 1-based index of the indefinite pause the release waits at; with none before the next
 * commit, the last analysis it can have reached (an inconclusive analysis pauses the release and
 * leaves no commit to say which one; a timed pause still running is never skipped with the
 * analyses after it). Undefined when there is nothing to go on past.
 */
export function promotablePause(
  steps: readonly ReleaseStep[],
  progress: ReleaseProgress,
  now: Date,
): number | undefined {
  let analysis: number | undefined;
  let pauseRunning = false;
  for (let index = progress.stepIndex + 1; index <= steps.length; index++) {
    const step = steps[index - 1]!;
    if (step.kind === 'pause') {
      if (step.durationMs === undefined) return index;
      if (Date.parse(progress.lastCommit.time) + step.durationMs > now.getTime()) pauseRunning = true;
      continue;
    }
    if (step.kind === 'analysis') {
      if (!pauseRunning) analysis = index;
      continue;
    }
    return analysis;
  }
  return analysis;
}

/**
 * How long to wait before asking unconfirmed confirmations again: the last timed pause before the
 * step (the Flagger expansion puts `pause: <interval>` before each check), else Flagger's default 60s.
 */
export function confirmationInterval(steps: readonly ReleaseStep[], index: number): number {
  for (let before = index - 1; before >= 1; before--) {
    const step = steps[before - 1]!;
    if (step.kind === 'pause' && step.durationMs !== undefined) return step.durationMs;
  }
  return 60_000;
}
