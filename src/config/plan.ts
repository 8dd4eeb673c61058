import type { GateConfig } from '../gates/schemas.js';
import { parseDuration } from '../shared/duration.js';
import { expandFlaggerAnalysis } from './flagger.js';
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
  | { kind: 'promote' };

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
}

/** The release's steps and gates, from `spec.steps` or the Flagger `spec.analysis` expansion. */
export function planRelease(config: ReleaseConfig): ReleasePlan {
  const { spec } = config;
  let steps: Step[];
  let gates: Record<string, GateConfig> = { ...spec.gates };
  let field = 'spec.steps';
  if (spec.analysis !== undefined) {
    const router = spec.traffic.map((block) => Object.keys(block)[0]).find((key) => key !== undefined);
    const expansion = expandFlaggerAnalysis(spec.analysis, { router });
    steps = expansion.steps;
    gates = { ...gates, ...expansion.gates };
    field = 'spec.analysis';
  } else {
    steps = [...(spec.steps ?? [])];
  }
  // Argo Rollouts promotes after the last step; an explicit final promote makes that a commit we can name.
  const implicitPromote = !steps.some((step) => 'promote' in step);
  if (implicitPromote) steps.push({ promote: {} });
  return {
    steps: steps.map((step, index) => ({
      ...planStep(step, spec.analysis === undefined ? `${field}[${index}]` : field),
      index,
      summary: summarizeStep(step),
    })),
    gates,
    implicitPromote,
  };
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
