import type { GateConfig } from '../gates/schemas.js';
import { parseDuration } from '../shared/duration.js';
import { allTargets } from '../targets/registry.js';
import { planArgoAnalysis } from './argo-analysis.js';
import { expandFlaggerAnalysis, FLAGGER_DEFAULTS } from './flagger.js';
import { flaggerContext } from './routers.js';
import type { ReleaseConfig } from './schema.js';
import type { Step } from './steps.js';

// The plan: the ordered steps the engine executes and `plan` / `--dry-run` print. Pure: (config) →
// steps. Durations are parsed here, once; the engine, `status` and `plan` read milliseconds.

/** A step that changes manifests (and so becomes a commit) other than the promotion. */
export type ChangeStep = Extract<
  Step,
  | { setWeight: unknown }
  | { setHeaderRoute: unknown }
  | { setMirrorRoute: unknown }
  | { setCanaryScale: unknown }
>;

/** What one step of the plan does. */
export type PlanStep =
  /** Writes the manifests: weight, header or mirror route, canary scale. */
  | { kind: 'change'; step: ChangeStep }
  /** Waits `durationMs`, or until `gitcanary promote` when undefined. */
  | { kind: 'pause'; durationMs: number | undefined }
  /** Evaluates gates, in the listed order. */
  | { kind: 'analysis'; gates: readonly string[] }
  /** The stable workload gets the candidate; traffic back to it; managed routes removed. */
  | { kind: 'promote' }
  /** Flagger's shape, first promotion commit: the primary gets the candidate, traffic stays. */
  | { kind: 'promotePrimary' }
  /** Flagger's shape, after promotePrimary: traffic moves back to the primary, canary at `weight`. */
  | { kind: 'shift'; weight: number };

export type PlannedStep = PlanStep & {
  /** 0-based position in the plan (commit trailers count from 1: `Gitcanary-Step: <index + 1>/N`). */
  index: number;
  /** One line for people: `setWeight 20`, `pause 30s`, `pause until promoted`, `analysis smoke`. */
  summary: string;
};

export interface ReleasePlan {
  steps: PlannedStep[];
  /** Every gate the steps may name: `spec.gates` plus the gates a Flagger analysis block generates. */
  gates: Record<string, GateConfig>;
  /** True when the plan ends in a `promote` the config did not write. */
  implicitPromote: boolean;
  /**
   * Flagger's analysis: every analysis before the promotion is a check pass; a failed one counts
   * against `threshold` for the whole release, holds the weight and runs again after `intervalMs`.
   * Without it (Argo Rollouts' steps) a failed analysis rolls back at once.
   */
  checks: { intervalMs: number; threshold: number } | undefined;
  /** Gates (in `gates`) sent on every event, in no step: Flagger's `event` webhooks. */
  eventWebhooks: string[];
}

/** The release's steps and gates, from `spec.steps` or the Flagger `spec.analysis` expansion. */
export function planRelease(config: ReleaseConfig): ReleasePlan {
  const { spec } = config;
  let steps: Step[];
  let gates: Record<string, GateConfig> = { ...spec.gates };
  let checks: ReleasePlan['checks'];
  let eventWebhooks: string[] = [];
  if (spec.analysis !== undefined) {
    const expansion = expandFlaggerAnalysis(spec.analysis, {
      ...flaggerContext(spec.traffic, allTargets()),
      stable: spec.stable !== undefined,
    });
    steps = expansion.steps;
    gates = { ...gates, ...expansion.gates };
    checks = { intervalMs: expansion.intervalMs, threshold: expansion.threshold };
    eventWebhooks = expansion.eventWebhooks;
  } else {
    // Argo's analysis as written: AnalysisTemplates (steps and background) become argoAnalysis gates.
    const argo = planArgoAnalysis(spec.steps ?? [], spec.backgroundAnalysis, spec.workload, allTargets());
    steps = argo.steps;
    gates = { ...gates, ...argo.gates };
  }
  // Argo Rollouts promotes after the last step; an explicit final promote makes that a commit we can name.
  const implicitPromote = !steps.some((step) => 'promote' in step);
  if (implicitPromote) steps.push({ promote: {} });
  let planned: (PlanStep & { summary: string })[] = steps.map((step, index) => ({
    ...planStep(step, spec.analysis === undefined ? `spec.steps[${index}]` : 'spec.analysis'),
    summary: summarizeStep(step),
  }));
  if (spec.stable !== undefined) {
    const interval = spec.analysis?.interval ?? FLAGGER_DEFAULTS.interval;
    planned = flaggerPromotion(planned, {
      stepWeightPromotion: spec.analysis?.stepWeightPromotion,
      pause: checks === undefined ? undefined : { duration: interval, ms: checks.intervalMs },
    });
  }
  return {
    steps: planned.map((step, index) => ({ ...step, index })),
    gates,
    implicitPromote,
    checks,
    eventWebhooks,
  };
}

/**
 * The promotion in Flagger's shape (a primary workload of its own), as Flagger promotes: first the
 * candidate onto the primary while traffic stays where it is (runCanary: Promote, phase Promoting),
 * then — after the reconciler reports the primary healthy and, in a Flagger analysis, one interval
 * per tick — traffic back to the primary, by `stepWeightPromotion` per tick or at once
 * (runPromotionTrafficShift), and the last move is the promotion proper.
 */
function flaggerPromotion(
  steps: (PlanStep & { summary: string })[],
  options: {
    stepWeightPromotion: number | undefined;
    pause: { duration: string | number; ms: number } | undefined;
  },
): (PlanStep & { summary: string })[] {
  const at = steps.findIndex((step) => step.kind === 'promote');
  if (at < 0) return steps;
  let weight = 0;
  for (const step of steps.slice(0, at)) {
    if (step.kind === 'change' && 'setWeight' in step.step) weight = step.step.setWeight;
  }
  const tick = (): (PlanStep & { summary: string })[] =>
    options.pause === undefined
      ? []
      : [
          {
            kind: 'pause',
            durationMs: options.pause.ms,
            summary: summarizeStep({ pause: { duration: options.pause.duration } }),
          },
        ];
  const promotion: (PlanStep & { summary: string })[] = [
    { kind: 'promotePrimary', summary: 'promote primary' },
    ...tick(),
  ];
  const by = options.stepWeightPromotion;
  if (by !== undefined) {
    for (let canary = weight - by; canary > 0; canary -= by) {
      promotion.push({
        kind: 'shift',
        weight: canary,
        summary: `shift traffic to primary (canary ${canary}%)`,
      });
      promotion.push(...tick());
    }
  }
  promotion.push(steps[at]!);
  return [...steps.slice(0, at), ...promotion, ...steps.slice(at + 1)];
}

/** The final ordered step list (see planRelease). */
export function planSteps(config: ReleaseConfig): PlannedStep[] {
  return planRelease(config).steps;
}

/** What a validated step does, its duration parsed. */
export function planStep(step: Step, field: string): PlanStep {
  if ('pause' in step) {
    const { duration } = step.pause;
    return {
      kind: 'pause',
      durationMs: duration === undefined ? undefined : parseDuration(duration, `${field}.pause.duration`),
    };
  }
  if ('analysis' in step) return { kind: 'analysis', gates: [...step.analysis.gates] };
  if ('promote' in step) return { kind: 'promote' };
  return { kind: 'change', step };
}

export function summarizeStep(step: Step): string {
  if ('setWeight' in step) return `setWeight ${step.setWeight}`;
  if ('pause' in step) {
    const { duration } = step.pause;
    if (duration === undefined) return 'pause until promoted';
    return `pause ${typeof duration === 'number' ? `${duration}s` : duration}`;
  }
  if ('setCanaryScale' in step) {
    const { replicas, weight, matchTrafficWeight } = step.setCanaryScale;
    if (matchTrafficWeight) return 'setCanaryScale matchTrafficWeight';
    return replicas !== undefined ? `setCanaryScale replicas ${replicas}` : `setCanaryScale weight ${weight}`;
  }
  if ('setHeaderRoute' in step) {
    const { name, match } = step.setHeaderRoute;
    return match?.length ? `setHeaderRoute ${name}` : `remove header route ${name}`;
  }
  if ('setMirrorRoute' in step) {
    const { name, match, percentage } = step.setMirrorRoute;
    return match?.length ? `setMirrorRoute ${name} ${percentage ?? 100}%` : `remove mirror route ${name}`;
  }
  if ('analysis' in step) return `analysis ${step.analysis.gates.join(', ')}`;
  return 'promote';
}
