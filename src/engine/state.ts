import type { ChangeStep, PlannedStep, PlanStep } from '../config/index.js';
import {
  type BaselineScale,
  type CanaryState,
  initialState,
  type Observation,
  type Phase,
} from '../targets/types.js';

// The desired State after each step, as a pure fold over the planned steps. The engine commits
// the State of each committing step; gates and pauses sit between commits and change nothing.

/** A planned step (Argo Rollouts' canary step names), durations parsed, as the config module plans it. */
export type ReleaseStep = PlannedStep;

/** Steps that change manifests and so become a commit; pause and analysis wait between commits. */
export function isCommitting(step: PlanStep): boolean {
  return step.kind !== 'pause' && step.kind !== 'analysis';
}

export interface ReleaseImages {
  /** The candidate image of this release. */
  canaryImage: string;
  /** What the stable (primary) workload ran when the release started. */
  stableImage: string | undefined;
  /** What the canary workload ran when the release started (restored on rollback). */
  previousCanaryImage: string | undefined;
  /** Canary replica counts before the release (restored when no setCanaryScale is in effect). */
  baselineScale?: BaselineScale | undefined;
}

/** What a new release starts from, given what the workload targets say now. */
export function imagesFromObservation(canaryImage: string, observed: Observation): ReleaseImages {
  return {
    canaryImage,
    stableImage: observed.stableImage ?? observed.canaryImage,
    previousCanaryImage: observed.canaryImage,
    baselineScale: observed.baselineScale,
  };
}

/** State of the start commit: candidate image in, no canary traffic yet. */
export function startState(images: ReleaseImages): CanaryState {
  return {
    ...initialState(images.stableImage),
    canaryImage: images.canaryImage,
    baselineScale: images.baselineScale,
  };
}

/** Apply one step to a state. */
export function applyStep(state: CanaryState, step: PlanStep, images: ReleaseImages): CanaryState {
  switch (step.kind) {
    case 'change':
      return applyChange(state, step.step);
    case 'promotePrimary':
      // Flagger's Promote: the primary's spec becomes the canary's; routes and weights stay.
      return { ...state, stableImage: images.canaryImage, previousWeight: state.canaryWeight };
    case 'shift':
      return { ...state, previousWeight: state.canaryWeight, canaryWeight: step.weight };
    case 'promote':
      return promotedState(state, images);
    default:
      return state;
  }
}

function applyChange(state: CanaryState, step: ChangeStep): CanaryState {
  if ('setWeight' in step) {
    return {
      ...state,
      previousWeight: state.canaryWeight,
      canaryWeight: step.setWeight,
      phase: 'Progressing',
    };
  }
  if ('setHeaderRoute' in step) {
    const { name, match } = step.setHeaderRoute;
    const others = state.headerRoutes.filter((route) => route.name !== name);
    // Argo Rollouts: a setHeaderRoute without match removes the route.
    const headerRoutes = match && match.length > 0 ? [...others, { name, match }] : others;
    return { ...state, previousWeight: state.canaryWeight, headerRoutes };
  }
  if ('setMirrorRoute' in step) {
    const { name, match, percentage } = step.setMirrorRoute;
    const others = state.mirrorRoutes.filter((route) => route.name !== name);
    const mirrorRoutes =
      match && match.length > 0 ? [...others, { name, match, percentage: percentage ?? 100 }] : others;
    return { ...state, previousWeight: state.canaryWeight, mirrorRoutes };
  }
  return { ...state, previousWeight: state.canaryWeight, canaryScale: { ...step.setCanaryScale } };
}

/** The State after steps 1..`throughIndex` (1-based, inclusive) of `steps`. */
export function stateAt(
  steps: readonly PlanStep[],
  throughIndex: number,
  images: ReleaseImages,
): CanaryState {
  let state = startState(images);
  for (const step of steps.slice(0, throughIndex)) state = applyStep(state, step, images);
  return state;
}

/** Promotion: the stable workload gets the candidate, all traffic back to stable, managed routes gone. */
export function promotedState(state: CanaryState, images: ReleaseImages): CanaryState {
  return {
    ...state,
    stableImage: images.canaryImage,
    canaryImage: images.canaryImage,
    previousWeight: state.canaryWeight,
    canaryWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: undefined,
    phase: 'Promoted',
  };
}

/** After promotion, the release is finished: nothing is canary any more (targets restore originals). */
export function finishedState(images: ReleaseImages): CanaryState {
  return {
    stableImage: images.canaryImage,
    canaryImage: undefined,
    canaryWeight: 0,
    previousWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: undefined,
    baselineScale: images.baselineScale,
    phase: 'Promoted',
  };
}

/** Rollback: stable-only traffic, the canary workload back to what it ran before, routes removed. */
export function rolledBackState(
  state: CanaryState,
  images: ReleaseImages,
  phase: Extract<Phase, 'RolledBack' | 'Failed'>,
): CanaryState {
  return {
    stableImage: images.stableImage,
    canaryImage: images.previousCanaryImage,
    canaryWeight: 0,
    previousWeight: state.canaryWeight,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: undefined,
    baselineScale: images.baselineScale,
    phase,
  };
}

/** The State the commit of step `index` (1-based) writes; promote is computed from the step before. */
export function stateForStep(steps: readonly PlanStep[], index: number, images: ReleaseImages): CanaryState {
  const step = steps[index - 1];
  if (step?.kind === 'promote') return promotedState(stateAt(steps, index - 1, images), images);
  return stateAt(steps, index, images);
}
