import { describe, expect, it } from 'vitest';
import { planStep, type Step, summarizeStep } from '../../src/config/index.js';
import { failedChecks, type Next, nextAction, type Position } from '../../src/engine/next.js';
import { planTimeline } from '../../src/engine/plan.js';
import type { ReleaseProgress } from '../../src/engine/progress.js';
import type { PassRecord } from '../../src/engine/records.js';
import type { ReleaseStep } from '../../src/engine/state.js';

// What happens next and when, as a pure function of the plan, the release's newest commit and the
// check passes noted on it, and the time: what run, step, promote, status and plan all ask.

const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function plan(written: Step[]): ReleaseStep[] {
  return written.map((step, index) => ({
    ...planStep(step, `spec.steps[${index}]`),
    index,
    summary: summarizeStep(step),
  }));
}

function position(stepIndex: number, passes: PassRecord[] = [], failed = 0): Position {
  const commit = { sha: 'c0ffee', time: at(0).toISOString(), subject: '', trailers: {} };
  const progress: ReleaseProgress = {
    releaseId: 'r1',
    image: 'podinfo:6.1.0',
    stableImage: 'podinfo:6.0.0',
    previousCanaryImage: 'podinfo:6.0.0',
    stepIndex,
    total: 0,
    phase: 'Progressing',
    weight: 10,
    action: 'step',
    failedChecks: failed,
    lastCommit: commit,
    startCommit: commit,
  };
  return { progress, passes };
}

const pass = (step: number, seconds: number, verdict: PassRecord['verdict'] = 'pass'): PassRecord => ({
  step,
  at: at(seconds).toISOString(),
  verdict,
  gates: [],
});

describe('nextAction', () => {
  const twoPauses = plan([
    { setWeight: 10 },
    { pause: { duration: '3s' } },
    { analysis: { gates: ['smoke'] } },
    { pause: { duration: '3s' } },
    { setWeight: 20 },
  ]);

  it('counts a pause from when it began, so two 3s pauses around an analysis take at least 6s', () => {
    const steps = { steps: twoPauses, checks: undefined };
    expect(nextAction(steps, position(1), at(1))).toEqual({
      kind: 'wait',
      index: 2,
      until: at(3),
      reason: 'pause',
    });
    expect(nextAction(steps, position(1), at(3))).toEqual({ kind: 'analysis', index: 3, attempt: 1 });
    // The analysis ended at 4s (it took a second): the second pause runs until 7s, not 3s after the commit.
    const analysed = position(1, [pass(3, 4)]);
    expect(nextAction(steps, analysed, at(5))).toEqual({
      kind: 'wait',
      index: 4,
      until: at(7),
      reason: 'pause',
    });
    expect(nextAction(steps, analysed, at(7))).toEqual({ kind: 'commit', index: 5 });
    // The same rule gives plan's timeline (analyses taking no time).
    expect(planTimeline(steps).get(5)).toEqual({ startsAfterMs: 6_000, afterPromote: false });
  });

  it('waits 600 hours as 600 hours', () => {
    const steps = {
      steps: plan([{ setWeight: 10 }, { pause: { duration: '600h' } }, { setWeight: 20 }]),
      checks: undefined,
    };
    expect(nextAction(steps, position(1), at(3600 * 599))).toMatchObject({
      kind: 'wait',
      until: at(3600 * 600),
    });
    expect(nextAction(steps, position(1), at(3600 * 600))).toEqual({ kind: 'commit', index: 3 });
  });

  it('holds the weight after a failed check until one interval later, then checks again', () => {
    const steps = {
      steps: plan([{ setWeight: 10 }, { analysis: { gates: ['load'] } }, { setWeight: 20 }]),
      checks: { intervalMs: 60_000, threshold: 3 },
    };
    const failedOnce = position(1, [pass(2, 10, 'fail')]);
    expect(nextAction(steps, failedOnce, at(30))).toEqual({
      kind: 'wait',
      index: 2,
      until: at(70),
      reason: 'retry',
    });
    expect(nextAction(steps, failedOnce, at(70))).toEqual({ kind: 'analysis', index: 2, attempt: 2 });
    expect(failedChecks(failedOnce)).toBe(1);
  });

  it("rolls back once the release's failed checks reach the threshold, counting those its commit carries", () => {
    const steps = {
      steps: plan([{ setWeight: 10 }, { analysis: { gates: ['load'] } }, { setWeight: 20 }]),
      checks: { intervalMs: 60_000, threshold: 3 },
    };
    const next: Next = nextAction(steps, position(1, [pass(2, 10, 'fail')], 2), at(100));
    expect(next).toEqual({ kind: 'rollback', failedChecks: 3, threshold: 3 });
    // Without Flagger's analysis there is no budget: a failed analysis rolled back when it failed.
    expect(nextAction({ ...steps, checks: undefined }, position(1, [], 5), at(100))).toMatchObject({
      kind: 'analysis',
    });
  });

  it('pauses at an inconclusive analysis and at an indefinite pause, and is done after the last step', () => {
    const steps = {
      steps: plan([{ setWeight: 10 }, { analysis: { gates: ['probe'] } }, { pause: {} }]),
      checks: undefined,
    };
    expect(nextAction(steps, position(1, [pass(2, 1, 'inconclusive')]), at(2))).toEqual({
      kind: 'paused',
      index: 2,
      reason: 'inconclusive',
    });
    expect(nextAction(steps, position(1, [pass(2, 1)]), at(2))).toEqual({
      kind: 'paused',
      index: 3,
      reason: 'pause',
    });
    expect(nextAction(steps, position(3), at(2))).toEqual({ kind: 'done' });
  });
});
