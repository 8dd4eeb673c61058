import { describe, expect, it } from 'vitest';
import { planStep, type Step, summarizeStep } from '../../src/config/index.js';
import type { ReleaseProgress } from '../../src/engine/progress.js';
import {
  isProposed,
  pendingProposal,
  proposalTitle,
  proposalView,
  proposedIndex,
} from '../../src/engine/proposal.js';
import { evidenceOf } from '../../src/engine/records.js';
import type { ReleaseStep } from '../../src/engine/state.js';
import { formatJudgment } from '../../src/gates/judge/index.js';
import { renderFile } from '../../src/shared/templates.js';
import { judgmentOf } from '../support/judgment.js';

// Which step's commit a pull request carries, as pure functions of the plan: the engine's pause,
// its re-read after a merge, and an abort all ask these, so they must agree.

function plan(written: Step[]): ReleaseStep[] {
  return written.map((step, index) => ({
    ...planStep(step, `spec.steps[${index}]`),
    index,
    summary: summarizeStep(step),
  }));
}

const images = {
  canaryImage: 'podinfo:6.1.0',
  stableImage: 'podinfo:6.0.0',
  previousCanaryImage: 'podinfo:6.0.0',
};

// 1 setWeight 20, 2 pause {}, 3 setWeight 60, 4 pause {}, 5 analysis, 6 pause 1m, 7 promote
const steps = plan([
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: {} },
  { analysis: { gates: ['smoke'] } },
  { pause: { duration: '1m' } },
  { promote: {} },
]);

describe('pull-request proposals', () => {
  it('carries the committing step after a pause, else the pause’s own resume marker', () => {
    expect(proposedIndex(steps, 2)).toBe(3);
    // An analysis follows the second pause: the pull request carries the resume marker.
    expect(proposedIndex(steps, 4)).toBe(4);
    // A committing step (steps: all) carries itself.
    expect(proposedIndex(steps, 7)).toBe(7);
  });

  it('knows which commits came through a pull request, with and without steps: all', () => {
    const proposed = (everyStep: boolean) =>
      steps.map((_, i) => i + 1).filter((index) => isProposed(steps, index, everyStep));
    expect(proposed(false)).toEqual([3, 4]);
    expect(proposed(true)).toEqual([1, 3, 4, 7]);
  });

  it('finds the pull request that may be open after a step, for an abort to close', () => {
    expect(pendingProposal(steps, 1, false)).toBe(3);
    expect(pendingProposal(steps, 0, false)).toBeUndefined();
    expect(pendingProposal(steps, 0, true)).toBe(1);
    expect(pendingProposal(steps, 3, false)).toBe(4);
    expect(pendingProposal(steps, 4, false)).toBeUndefined();
  });

  it('titles a weight change by its weights, anything else by its step', () => {
    expect(proposalTitle('podinfo', steps, 1, 3, images)).toBe('podinfo: canary 20% → 60%');
    expect(proposalTitle('podinfo', steps, 3, 4, images)).toBe('podinfo: resume after pause until promoted');
    expect(proposalTitle('podinfo', steps, 6, 7, images)).toBe('podinfo: promote podinfo:6.1.0');
  });

  it('shows a judge gate’s per-metric table in the description, as the evidence in Git records it', async () => {
    const judgment = judgmentOf(0.05, 0.01, { workload: 'podinfo-baseline', traffic: ['apisix'] });
    const judged = evidenceOf({
      gate: 'judge',
      kind: 'judge',
      verdict: judgment.verdict,
      value: Number(judgment.score.toFixed(1)),
      message: formatJudgment(judgment),
      measurements: [],
    });
    const progress = {
      image: images.canaryImage,
      stableImage: images.stableImage,
      releaseId: 'abc123def456',
      stepIndex: 1,
      weight: 20,
    } as ReleaseProgress;
    const body = await renderFile(
      'pull-request',
      proposalView({ name: 'podinfo', steps, progress, index: 3, images, evidence: [judged], diff: '' }),
    );
    const table = body.split('\n').filter((line) => line.startsWith('| error-rate'));
    expect(body).toContain('#### ❌ Judge judge: score');
    expect(table).toHaveLength(1);
    // The canary's median error rate, five times the baseline's, classified High (a critical metric).
    expect(table[0]).toMatch(/^\| error-rate \(critical\) \| High \| 0\.05\d* \| 0\.01\d* \|/);
    expect(body).toMatch(/^\| latency \| Pass \|/m);
    // Without a judge gate there is no such section.
    const plain = await renderFile(
      'pull-request',
      proposalView({ name: 'podinfo', steps, progress, index: 3, images, evidence: [], diff: '' }),
    );
    expect(plain).not.toContain('Judge');
  });
});
