import type { z } from 'zod';
import type { ManifestTree } from '../manifests/index.js';
import type { TrafficRouter } from './router.js';

// The State a release step writes into the manifests, and the Target interface every manifest kind
// implements. Names follow Argo Rollouts' canary steps so users can paste theirs.

export type Phase = 'Progressing' | 'Paused' | 'Promoted' | 'RolledBack' | 'Failed';

/** Argo Rollouts' `setHeaderRoute.match[]` item: one of exact, prefix or regex. */
export interface HeaderMatch {
  headerName: string;
  headerValue: { exact?: string; prefix?: string; regex?: string };
}

/** A managed route sending requests that match headers to the canary only (`setHeaderRoute`). */
export interface HeaderRoute {
  name: string;
  match: HeaderMatch[];
}

/** A managed route mirroring a percentage of matching requests to the canary (`setMirrorRoute`). */
export interface MirrorRoute {
  name: string;
  percentage: number;
  match?: {
    method?: { exact?: string; prefix?: string; regex?: string };
    path?: { exact?: string; prefix?: string; regex?: string };
    headers?: Record<string, { exact?: string; prefix?: string; regex?: string }>;
  }[];
}

/** Argo Rollouts' `setCanaryScale`. */
export interface CanaryScale {
  replicas?: number;
  weight?: number;
  matchTrafficWeight?: boolean;
}

/**
 * Replica counts the canary workload had when the release started, by `<path>#<replicas name>`
 * (`null`: no entry). Restored when no `setCanaryScale` is in effect; the base of `weight` and
 * `matchTrafficWeight` when the target names no total.
 */
export type BaselineScale = Record<string, number | null>;

/** What the manifests must say after a step. */
export interface CanaryState {
  /** Image the stable (primary) workload runs. */
  stableImage: string | undefined;
  /** Candidate image; undefined when no release is under way. */
  canaryImage: string | undefined;
  /** Percent of traffic to the canary, 0–100. */
  canaryWeight: number;
  /** Canary weight before this step (the Rollout target repeats it as its first step). */
  previousWeight: number;
  headerRoutes: HeaderRoute[];
  mirrorRoutes: MirrorRoute[];
  canaryScale: CanaryScale | undefined;
  /** Absent outside a release (the `set` commands): targets then leave replica counts alone. */
  baselineScale?: BaselineScale | undefined;
  phase: Phase;
}

/**
 * `canary`: the target carries the candidate (config `workload:`); `stable`: the primary
 * (`stable:`); `baseline`: a fresh copy of stable compared with the canary (`baseline:`), running
 * the stable image at the canary's scale only while a release is under way.
 */
export type TargetRole = 'canary' | 'stable' | 'baseline';

/**
 * A release is under way and still analysing: the canary runs the candidate, nothing has been
 * promoted or rolled back, and the primary has not taken the candidate yet (Flagger's shape
 * promotes the primary first, with traffic still split: from then on there is nothing to judge).
 */
export function releaseRunning(state: CanaryState): boolean {
  return (
    state.canaryImage !== undefined &&
    state.stableImage !== state.canaryImage &&
    (state.phase === 'Progressing' || state.phase === 'Paused')
  );
}

/** What a target reads back from the manifests; fields it does not carry stay undefined. */
export type Observation = Partial<
  Pick<
    CanaryState,
    'stableImage' | 'canaryImage' | 'canaryWeight' | 'headerRoutes' | 'mirrorRoutes' | 'baselineScale'
  >
> & {
  /** Percent a router sends the judge's baseline backend (routers configured with one). */
  baselineWeight?: number | undefined;
};

/** What a traffic router can express; a step it cannot is refused when the config is loaded. */
export interface RouterCapabilities {
  /** Header routes active at once: 0 refuses setHeaderRoute (NGINX's canary Ingress holds one). */
  headerRoutes: number;
  /** Header matches one header route may combine. */
  headerMatches: number;
  /** How a header value may be matched. */
  headerValue: readonly ('exact' | 'prefix' | 'regex')[];
  /** setMirrorRoute. */
  mirrorRoutes: boolean;
  /** A third weighted backend next to stable and canary (a baseline, issue 15). */
  extraBackends: boolean;
}

/** Argo CD health statuses a target's resources may show at gitcanary's steps. */
export type AcceptedHealth = 'Healthy' | 'Suspended' | 'Progressing';

export interface Target<C = unknown> {
  /** Config key, e.g. `apisix`, `kustomization`, `rollout`. */
  readonly key: string;
  /** `workload` targets set images and scale; `traffic` targets set weights and routes. */
  readonly family: 'workload' | 'traffic';
  /** Validates and types this target's config block. */
  readonly configSchema: z.ZodType<C>;
  /** Repository-relative files or folders the target reads and may write. */
  files(config: C): string[];
  /** Files the target owns and creates or deletes itself; they may not exist yet. */
  ownedFiles?(config: C): string[];
  /** Write the target's part of `state` into the tree (pure: no disk, git or network). */
  apply(tree: ManifestTree, config: C, state: CanaryState, role: TargetRole): ManifestTree;
  /** Read the target's part of the state back from the tree. */
  observe(tree: ManifestTree, config: C, role: TargetRole): Observation;
  /** Traffic routers: the contract they implement (capabilities, metric templates, CLI). */
  readonly router?: TrafficRouter<unknown>;
  /** Variables gates see from this target (a router's canaryService, stableService, route, …). */
  gateVariables?(config: C): Record<string, string>;
  /** Argo CD health besides Healthy that means "at the step" (a Rollout paused at its step is Suspended). */
  readonly acceptHealth?: readonly AcceptedHealth[];
  /**
   * Routers whose objects this workload's controller writes itself, by router key (an Argo Rollout's
   * `spec.strategy.canary.trafficRouting` keys): a router that declares `generatedByController`
   * is refused next to them.
   */
  controllerRouters?(tree: ManifestTree, config: C): string[];
  /** The object Argo analysis args' `valueFrom.fieldRef` read (a Rollout reads its own fields). */
  fieldRefObject?(config: C): { file: string; kind: string; name: string; namespace?: string };
}

export function initialState(stableImage?: string): CanaryState {
  return {
    stableImage,
    canaryImage: undefined,
    canaryWeight: 0,
    previousWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: undefined,
    phase: 'Progressing',
  };
}
