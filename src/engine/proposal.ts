import { latestJudgmentViews } from '../report/judgments.js';
import type { ReleaseProgress } from './progress.js';
import type { GateEvidence } from './records.js';
import { isCommitting, type ReleaseImages, type ReleaseStep, stateAt, stateForStep } from './state.js';

// Which steps pull-request promotion carries, as pure functions of the plan: `run`, `step` and the
// re-read at the top of the engine's loop all ask these, so they agree on which change request
// belongs to which step.

/**
 * The step whose commit a change request carries when the release stands at `at` — an indefinite
 * pause, or (`steps: all`) a committing step: the committing step right after the pause (its change
 * is what merging approves), else the pause's own resume marker.
 */
export function proposedIndex(steps: readonly ReleaseStep[], at: number): number {
  const step = steps[at - 1];
  if (step?.kind !== 'pause') return at;
  const after = steps[at];
  return after !== undefined && isCommitting(after) ? at + 1 : at;
}

/** Whether the commit of step `index` came (or comes) through a change request. */
export function isProposed(steps: readonly ReleaseStep[], index: number, everyStep: boolean): boolean {
  const step = steps[index - 1];
  if (step === undefined) return false;
  if (step.kind === 'pause') return step.durationMs === undefined && proposedIndex(steps, index) === index;
  if (!isCommitting(step)) return false;
  if (everyStep) return true;
  const before = steps[index - 2];
  return before?.kind === 'pause' && before.durationMs === undefined;
}

/**
 * The step whose change request may be open while the release stands after step `index`: the next
 * manual step's proposal, when nothing commits before it. Undefined when there is none.
 */
export function pendingProposal(
  steps: readonly ReleaseStep[],
  index: number,
  everyStep: boolean,
): number | undefined {
  for (let at = index + 1; at <= steps.length; at++) {
    const step = steps[at - 1]!;
    if (isCommitting(step)) return everyStep ? at : undefined;
    if (step.kind === 'pause' && step.durationMs === undefined) return proposedIndex(steps, at);
  }
  return undefined;
}

/** `podinfo: canary 20% → 60%`, or the step's summary when the weight stays. */
export function proposalTitle(
  name: string,
  steps: readonly ReleaseStep[],
  from: number,
  index: number,
  images: ReleaseImages,
): string {
  const before = stateAt(steps, from, images).canaryWeight;
  const step = steps[index - 1]!;
  if (step.kind === 'pause') return `${name}: resume after ${step.summary}`;
  const after = stateForStep(steps, index, images).canaryWeight;
  if (step.kind === 'promote') return `${name}: promote ${images.canaryImage}`;
  return before === after ? `${name}: ${step.summary}` : `${name}: canary ${before}% → ${after}%`;
}

/** What the change request's description shows (templates/pull-request.hbs). */
export function proposalView(input: {
  name: string;
  steps: readonly ReleaseStep[];
  progress: ReleaseProgress;
  index: number;
  images: ReleaseImages;
  evidence: readonly GateEvidence[];
  diff: string;
}) {
  const { steps, progress, index, images } = input;
  const weights = steps.map((_, i) => stateForStep(steps, i + 1, images).canaryWeight);
  return {
    name: input.name,
    image: progress.image,
    stableImage: progress.stableImage ?? 'unknown',
    releaseId: progress.releaseId,
    step: index,
    total: steps.length,
    summary: steps[index - 1]?.summary ?? '',
    from: progress.stepIndex,
    weight: progress.weight,
    diff: input.diff.trimEnd(),
    evidence: input.evidence.map((gate) => ({
      gate: cell(gate.gate),
      kind: gate.kind,
      verdict: gate.verdict,
      value: gate.value === undefined ? '' : cell(String(gate.value)),
      threshold: cell(gate.threshold ?? ''),
      message: cell(gate.message),
    })),
    // A judge gate's per-metric table (its series stay with the job that measured them: the job
    // summary charts them; Git keeps the table).
    judgments: latestJudgmentViews(input.evidence),
    chart: {
      categories: ['0', ...steps.map((_, i) => String(i + 1))].join(', '),
      values: ['0', ...weights.map(String)].join(', '),
    },
  };
}

/** One line of a markdown table cell: pipes escaped, line breaks as spaces, long text cut. */
function cell(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
