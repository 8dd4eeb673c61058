import type { GateConfig } from '../gates/schemas.js';
import { allTargets } from '../targets/registry.js';
import { planArgoAnalysis } from './argo-analysis.js';
import { expandFlaggerAnalysis } from './flagger.js';
import { flaggerContext } from './routers.js';
import type { ReleaseConfig } from './schema.js';
import type { Step } from './steps.js';

// The plan: the ordered steps the engine executes and `plan` / `--dry-run` print. Pure: (config) → steps.

export interface PlannedStep {
  /** 0-based position in the plan (commit trailers count from here). */
  index: number;
  step: Step;
  /** One line for people: `setWeight 20`, `pause 30s`, `pause until promoted`, `analysis smoke`. */
  summary: string;
}

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
  if (spec.analysis !== undefined) {
    const expansion = expandFlaggerAnalysis(spec.analysis, flaggerContext(spec.traffic, allTargets()));
    steps = expansion.steps;
    gates = { ...gates, ...expansion.gates };
  } else {
    // Argo's analysis as written: AnalysisTemplates (steps and background) become argoAnalysis gates.
    const argo = planArgoAnalysis(spec.steps ?? [], spec.backgroundAnalysis, spec.workload, allTargets());
    steps = argo.steps;
    gates = { ...gates, ...argo.gates };
  }
  // Argo Rollouts promotes after the last step; an explicit final promote makes that a commit we can name.
  const implicitPromote = !steps.some((step) => 'promote' in step);
  if (implicitPromote) steps.push({ promote: {} });
  return {
    steps: steps.map((step, index) => ({ index, step, summary: summarizeStep(step) })),
    gates,
    implicitPromote,
  };
}

/** The final ordered step list (see planRelease). */
export function planSteps(config: ReleaseConfig): PlannedStep[] {
  return planRelease(config).steps;
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
