import type { ReleaseProgress } from './progress.js';
import type { PassRecord } from './records.js';
import type { ReleaseStep } from './state.js';
import type { ReleaseInput } from './types.js';

// What happens next, and when: one pure function of the plan, where the release stands in Git (its
// newest commit and the records noted on it) and the time. `run` acts on the answer and asks again
// (sleeping through waits), `step` acts once, `promote` and `status` read it, and `plan` walks a
// release through it. So every mode counts failed checks, times pauses and decides alike.

/** Where a release stands: its newest commit, and the check passes recorded after it. */
export interface Position {
  progress: ReleaseProgress;
  /** Records noted on the newest commit, oldest first. */
  passes: readonly PassRecord[];
}

export type Next =
  /** The step at `index` commits (a change, a promotion step). */
  | { kind: 'commit'; index: number }
  /** The analysis at `index` is due now; `attempt` counts its failed passes before (1 = first). */
  | { kind: 'analysis'; index: number; attempt: number }
  /** Nothing to do before `until`: a timed pause runs, or a failed check holds the weight. */
  | { kind: 'wait'; index: number; until: Date; reason: 'pause' | 'retry' }
  /** Waits for `gitcanary promote`: an indefinite pause, or an inconclusive analysis. */
  | { kind: 'paused'; index: number; reason: 'pause' | 'inconclusive' }
  /** The failed checks reached the threshold: roll back. */
  | { kind: 'rollback'; failedChecks: number; threshold: number }
  /** Every step is done: the release only needs finishing. */
  | { kind: 'done' };

type Plan = Pick<ReleaseInput, 'steps' | 'checks'>;

/** Failed checks of the release: those its newest commit carries, and those noted since. */
export function failedChecks(position: Position): number {
  return position.progress.failedChecks + position.passes.filter((pass) => pass.verdict === 'fail').length;
}

/**
 * The first thing the release must do, or wait for, after its newest commit. Each step after it
 * begins when the one before ended: the commit's time, a pause's end (its start plus its duration,
 * as an Argo Rollouts pause counts from when the step began), a passed analysis's recorded time.
 */
export function nextAction(plan: Plan, position: Position, now: Date): Next {
  const { progress, passes } = position;
  const failed = failedChecks(position);
  if (plan.checks !== undefined && failed >= plan.checks.threshold) {
    // Flagger rolls back when `failedChecks >= threshold` (scheduler.go, advanceCanary).
    return { kind: 'rollback', failedChecks: failed, threshold: plan.checks.threshold };
  }
  let begins = Date.parse(progress.lastCommit.time);
  for (let index = progress.stepIndex + 1; index <= plan.steps.length; index++) {
    const step = plan.steps[index - 1]!;
    if (step.kind === 'pause') {
      if (step.durationMs === undefined) return { kind: 'paused', index, reason: 'pause' };
      const until = begins + step.durationMs;
      if (until > now.getTime()) return { kind: 'wait', index, until: new Date(until), reason: 'pause' };
      begins = until;
      continue;
    }
    if (step.kind === 'analysis') {
      const records = passes.filter((pass) => pass.step === index);
      const last = records.at(-1);
      if (last?.verdict === 'pass') {
        begins = Date.parse(last.at);
        continue;
      }
      if (last?.verdict === 'inconclusive') return { kind: 'paused', index, reason: 'inconclusive' };
      if (last?.verdict === 'fail') {
        // Flagger holds the weight and checks again on the next tick (one interval later).
        const until = Date.parse(last.at) + retryInterval(plan, index);
        if (until > now.getTime()) return { kind: 'wait', index, until: new Date(until), reason: 'retry' };
      }
      return { kind: 'analysis', index, attempt: records.length + 1 };
    }
    return { kind: 'commit', index };
  }
  return { kind: 'done' };
}

/**
 * How long before an analysis is asked again after a failed check or an unconfirmed confirmation:
 * Flagger's interval, else the last timed pause before the step, else Flagger's default 60s.
 */
export function retryInterval(plan: Plan, index: number): number {
  if (plan.checks !== undefined) return plan.checks.intervalMs;
  for (let before = index - 1; before >= 1; before--) {
    const step: ReleaseStep = plan.steps[before - 1]!;
    if (step.kind === 'pause' && step.durationMs !== undefined) return step.durationMs;
  }
  return 60_000;
}

/**
 * Whether the analysis at `index` is a check pass: under Flagger's analysis, every analysis before
 * the promotion is (its failures count against the threshold); after it they only notify.
 */
export function isCheckPass(plan: Plan, index: number): boolean {
  if (plan.checks === undefined) return false;
  const promotion = plan.steps.findIndex((step) => step.kind === 'promotePrimary' || step.kind === 'promote');
  return promotion < 0 || index - 1 < promotion;
}
