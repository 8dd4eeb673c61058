import type { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import type { ManifestTree } from '../manifests/index.js';
import { headerNameSchema, headerValueSchema, isValidRegex, usage } from './kit.js';
import {
  type CanaryState,
  type HeaderRoute,
  type MirrorRoute,
  type Observation,
  type RouterCapabilities,
  releaseRunning,
  type Target,
} from './types.js';

// The TrafficRouter contract: what every router file implements (Argo Rollouts'
// TrafficRoutingReconciler — SetWeight, SetHeaderRoute, SetMirrorRoute, RemoveManagedRoutes,
// VerifyWeight — and Flagger's SetRoutes/GetRoutes as models), and the one generic adapter that
// maps the release State onto it. Nothing outside src/targets/ names a router: the engine, gates,
// config and CLI read what a router declares here.

/** What a router reads back from its manifests. */
export interface RouterObservation {
  canaryWeight: number;
  /** Percent of traffic the baseline backend gets; only routers configured with one report it. */
  baselineWeight?: number;
  headerRoutes: HeaderRoute[];
  mirrorRoutes: MirrorRoute[];
}

/** Options of `gitcanary set weight|header-route` / `get weight`, as the user gave them. */
export interface RouterCliOptions {
  /** Repository-relative (or cwd-relative) path of the file or folder. */
  file: string;
  /** The resource: ApisixRoute, HTTPRoute, VirtualService, TrafficSplit, Ingress, … */
  route?: string | undefined;
  /** Rules or HTTP routes inside it. */
  rule?: string[] | undefined;
  /** Backends as the router names them: a Service, or an Istio destination host or subset. */
  stable?: string | undefined;
  canary?: string | undefined;
}

export interface WeightContext {
  inRelease: boolean;
  /**
   * Percent to the baseline backend (routers that declare `extraBackends` and are configured with
   * one); stable gets 100 − canary − baseline. Absent: 0.
   */
  baselineWeight?: number;
}

export interface TrafficRouter<C> {
  /** Config key in `spec.traffic`, e.g. `apisix`, `gatewayAPI`, `nginx`. */
  readonly key: string;
  /** Validates and types this router's config block (names checked here, see kit.ts). */
  readonly configSchema: z.ZodType<C>;
  /** Kinds of resource it edits, for `--router` detection and messages. */
  readonly kinds: readonly string[];
  /** What it can express; a step it cannot is refused when the config is loaded. */
  readonly capabilities: RouterCapabilities;
  /**
   * The canary object is one that Argo Rollouts generates itself when a Rollout's trafficRouting
   * names this router (NGINX's canary Ingress, SMI's TrafficSplit, Ambassador's canary Mapping):
   * gitcanary writing it too would fight the controller, so the combination is refused.
   */
  readonly generatedByController?: string;
  /** Built-in metric templates in `templates/metrics/<key>/<name>.hbs` (Flagger's observers). */
  readonly metricTemplates: readonly string[];
  /**
   * The baseline's backend when the config names one (`baselineService`): routers that declare
   * `extraBackends` send it the canary's share while a release runs (issue 15).
   */
  baselineBackend?(config: C): string | undefined;
  /** Variables gates and templates see: canaryService, stableService, route, … */
  gateVariables(config: C): Record<string, string>;
  /** Repository-relative files or folders it reads and may write. */
  files(config: C): string[];
  /** Files it owns and creates or deletes itself; they may not exist yet. */
  ownedFiles?(config: C): string[];
  /**
   * Canary weight W, stable 100 - W on every managed route (pure). `inRelease` is false outside a
   * release (after promotion or rollback, and for the `set weight` CLI): what a router creates for
   * the release alone (NGINX's canary Ingress) goes at weight 0 then.
   */
  setWeight(tree: ManifestTree, config: C, canaryWeight: number, context?: WeightContext): ManifestTree;
  /** The managed header routes are exactly `routes` (empty removes them). */
  setHeaderRoutes?(
    tree: ManifestTree,
    config: C,
    routes: readonly HeaderRoute[],
    context?: WeightContext,
  ): ManifestTree;
  /** The managed mirror routes are exactly `routes` (empty removes them). */
  setMirrorRoutes?(tree: ManifestTree, config: C, routes: readonly MirrorRoute[]): ManifestTree;
  /** Weight and managed routes as the manifests say; disagreeing managed routes are an error. */
  observe(tree: ManifestTree, config: C): RouterObservation;
  /** Whether a resource in `file` is this router's kind (`set weight` without `--router`). */
  detects(tree: ManifestTree, files: readonly string[]): boolean;
  /** A config from CLI options, inferring what the user left out from the manifests. */
  configFromCli(tree: ManifestTree, options: RouterCliOptions): C;
}

/** A step a router cannot express, as a config-validation message; undefined when it can. */
export function capabilityIssue(
  router: Pick<TrafficRouter<unknown>, 'key' | 'capabilities'>,
  change: { headerRoute: HeaderRoute } | { mirrorRoute: MirrorRoute },
): string | undefined {
  const { capabilities, key } = router;
  if ('mirrorRoute' in change) {
    return capabilities.mirrorRoutes
      ? undefined
      : `router \`${key}\` cannot mirror traffic (setMirrorRoute); routers that can: ${MIRRORING.join(', ') || 'none'}`;
  }
  const { headerRoute } = change;
  if (capabilities.headerRoutes === 0) {
    return `router \`${key}\` cannot route by header (setHeaderRoute)`;
  }
  if (headerRoute.match.length > capabilities.headerMatches) {
    return `router \`${key}\` matches at most ${capabilities.headerMatches} header${capabilities.headerMatches === 1 ? '' : 's'} per header route; got ${headerRoute.match.length}`;
  }
  for (const match of headerRoute.match) {
    // A header a proxy would split into two (CR/LF) or a regex that does not compile never reaches a manifest.
    const name = headerNameSchema.safeParse(match.headerName);
    if (!name.success) return `header \`${match.headerName}\`: ${name.error.issues[0]?.message}`;
    for (const [how, value] of Object.entries(match.headerValue)) {
      const checked = headerValueSchema.safeParse(value);
      if (!checked.success) return `header ${match.headerName} ${how}: ${checked.error.issues[0]?.message}`;
      if (how === 'regex' && !isValidRegex(String(value)))
        return `header ${match.headerName}: not a valid regular expression`;
    }
    const kind = (Object.keys(match.headerValue) as ('exact' | 'prefix' | 'regex')[])[0];
    if (kind !== undefined && !capabilities.headerValue.includes(kind)) {
      return `router \`${key}\` cannot match a header by ${kind}; it can by ${capabilities.headerValue.join(', ')}`;
    }
  }
  return undefined;
}

/** Keys of routers that declare mirroring, for messages (filled by the registry). */
const MIRRORING: string[] = [];

export function noteMirroringRouters(keys: readonly string[]): void {
  MIRRORING.splice(0, MIRRORING.length, ...keys);
}

/** Throws when `routes` exceed what the router can hold at once (NGINX: one header route). */
function checkRouteCount(router: TrafficRouter<unknown>, routes: readonly HeaderRoute[]): void {
  const max = router.capabilities.headerRoutes;
  if (routes.length > max) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `router \`${router.key}\` holds at most ${max} header route${max === 1 ? '' : 's'} at a time; ${routes.length} are active (${routes.map((r) => r.name).join(', ')})`,
      {
        field: 'setHeaderRoute',
        hint: 'remove the previous header route (setHeaderRoute without match) first',
      },
    );
  }
  for (const route of routes) {
    const issue = capabilityIssue(router, { headerRoute: route });
    if (issue !== undefined) throw new GitcanaryError('FIELD_INVALID', issue, { field: 'setHeaderRoute' });
  }
}

/** The one adapter from the release State onto a router: weight, then header routes, then mirrors. */
export function routerTarget<C>(router: TrafficRouter<C>): Target<C> {
  const generic = router as unknown as TrafficRouter<unknown>;
  return {
    key: router.key,
    family: 'traffic',
    configSchema: router.configSchema,
    router: generic,
    files: (config) => router.files(config),
    ...(router.ownedFiles ? { ownedFiles: (config: C) => router.ownedFiles!(config) } : {}),
    gateVariables: (config) => router.gateVariables(config),
    apply(tree, config, state: CanaryState) {
      const inRelease = state.phase === 'Progressing' || state.phase === 'Paused';
      const baselineWeight = baselineShare(router, config, state);
      let next = router.setWeight(tree, config, state.canaryWeight, { inRelease, baselineWeight });
      next = setHeaderRoutes(router, next, config, state.headerRoutes, { inRelease });
      return setMirrorRoutes(router, next, config, state.mirrorRoutes);
    },
    observe(tree, config): Observation {
      return router.observe(tree, config);
    },
  };
}

/** Largest canary weight a plan may set when a router carries a baseline: baseline = canary, stable the rest. */
export const MAX_WEIGHT_WITH_BASELINE = 50;

/**
 * The baseline backend's weight in `state`: the canary's while the release runs and is being judged,
 * 0 before and after (promotion, rollback, the Flagger-shape primary that already runs the
 * candidate). Equal shares keep the two samples comparable, as Kayenta's canary analysis asks of a
 * baseline and a canary of equal size; stable keeps 100 − 2 × canary, as Argo Rollouts gives stable
 * what the canary and the experiment's extra destinations leave (rollout/trafficrouting.go,
 * calculateWeightStatus: `stableWeight := 100 - desiredWeight` minus every additional weight).
 */
export function baselineShare<C>(router: TrafficRouter<C>, config: C, state: CanaryState): number {
  if (router.baselineBackend?.(config) === undefined || !releaseRunning(state)) return 0;
  if (state.canaryWeight > MAX_WEIGHT_WITH_BASELINE) {
    throw new GitcanaryError(
      'WEIGHT_INVALID',
      `router \`${router.key}\` sends the baseline the canary's share: a canary weight of ${state.canaryWeight}% leaves stable ${100 - 2 * state.canaryWeight}%`,
      {
        field: 'setWeight',
        hint: `with a baselineService the canary weight is at most ${MAX_WEIGHT_WITH_BASELINE}; the promote step sends all traffic to the new version`,
      },
    );
  }
  return state.canaryWeight;
}

/** Header routes through the router, refusing what it cannot hold (nothing to refuse when empty). */
export function setHeaderRoutes<C>(
  router: TrafficRouter<C>,
  tree: ManifestTree,
  config: C,
  routes: readonly HeaderRoute[],
  context?: WeightContext,
): ManifestTree {
  if (router.setHeaderRoutes === undefined) {
    if (routes.length === 0) return tree;
    throw new GitcanaryError('FIELD_INVALID', `router \`${router.key}\` cannot route by header`, {
      field: 'setHeaderRoute',
    });
  }
  checkRouteCount(router as unknown as TrafficRouter<unknown>, routes);
  return router.setHeaderRoutes(tree, config, routes, context);
}

export function setMirrorRoutes<C>(
  router: TrafficRouter<C>,
  tree: ManifestTree,
  config: C,
  routes: readonly MirrorRoute[],
): ManifestTree {
  if (router.setMirrorRoutes === undefined) {
    if (routes.length === 0) return tree;
    throw new GitcanaryError('FIELD_INVALID', `router \`${router.key}\` cannot mirror traffic`, {
      field: 'setMirrorRoute',
    });
  }
  return router.setMirrorRoutes(tree, config, routes);
}

/**
 * Stable and canary backends for the CLI: as given, else inferred from a list of exactly two
 * backend names (first stable, second canary — the order of the Argo Rollouts and Flagger
 * examples); with one given, the other is the remaining one.
 */
export function inferBackends(
  names: readonly string[],
  options: Pick<RouterCliOptions, 'stable' | 'canary'>,
  where: string,
): { stable: string; canary: string } {
  if (options.stable !== undefined && options.canary !== undefined) {
    return { stable: options.stable, canary: options.canary };
  }
  if (names.length !== 2) {
    throw usage(
      `cannot infer the stable and canary backends: ${where} has ${names.length} backends`,
      'pass --stable and --canary',
    );
  }
  const [first, second] = names as [string, string];
  if (options.canary !== undefined)
    return { stable: options.canary === first ? second : first, canary: options.canary };
  if (options.stable !== undefined)
    return { stable: options.stable, canary: options.stable === first ? second : first };
  return { stable: first, canary: second };
}

/** The one resource name in `names`, or a usage error asking for `--route`. */
export function onlyName(names: readonly string[], kind: string, file: string): string {
  if (names.length === 1) return names[0]!;
  throw usage(
    names.length === 0 ? `no ${kind} in ${file}` : `${file} holds several ${kind}s; choose one with --route`,
    names.length === 0 ? undefined : `${kind}s: ${names.join(', ')}`,
  );
}
