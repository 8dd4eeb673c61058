import { type LoadedConfig, planRelease } from '../config/index.js';
import { GitcanaryError } from '../errors.js';
import { ciJob } from '../forges/ci.js';
import { parseDuration } from '../shared/duration.js';
import { targetFor } from '../targets/registry.js';
import type { TargetRole } from '../targets/types.js';
import type { BoundTarget, ReleaseInput } from './types.js';

/** The engine's input from a validated config: targets bound to their roles, the planned steps. */
export function releaseInput(
  loaded: LoadedConfig,
  options: { supersede?: boolean; env?: NodeJS.ProcessEnv } = {},
): ReleaseInput {
  const { config } = loaded;
  const { spec } = config;
  const plan = planRelease(config);
  const targets: BoundTarget[] = [
    ...bind(spec.workload, 'canary', 'spec.workload'),
    ...bind(spec.stable ?? {}, 'stable', 'spec.stable'),
    ...bind(spec.baseline ?? {}, 'baseline', 'spec.baseline'),
    ...spec.traffic.flatMap((block, index) => bind(block, 'canary', `spec.traffic[${index}]`)),
  ];
  // Gate variables are what the routers declare; the first router's win where they overlap.
  const routerVariables: Record<string, string> = {};
  for (const bound of [...targets].reverse()) {
    if (bound.target.family === 'traffic')
      Object.assign(routerVariables, bound.target.gateVariables?.(bound.config));
  }
  let sync: ReleaseInput['sync'];
  if (spec.sync?.delay !== undefined) sync = { delayMs: parseDuration(spec.sync.delay, 'spec.sync.delay') };
  else if (spec.sync?.argocd !== undefined) {
    // Targets declare the health their resources show at gitcanary's steps (a paused Rollout: Suspended).
    const declared = [...new Set(targets.flatMap((bound) => bound.target.acceptHealth ?? []))];
    const acceptHealth =
      spec.sync.argocd.acceptHealth ?? (declared.length > 0 ? ['Healthy' as const, ...declared] : undefined);
    sync = { gate: { sync: { argocd: { ...spec.sync.argocd, ...(acceptHealth ? { acceptHealth } : {}) } } } };
  } else if (spec.sync?.flux !== undefined) sync = { gate: { sync: { flux: spec.sync.flux } } };
  return {
    name: config.metadata.name,
    namespace: config.metadata.namespace,
    branch: spec.git.branch,
    targets,
    steps: plan.steps,
    gates: plan.gates,
    checks: plan.checks,
    sync,
    supersede: options.supersede ?? spec.options.supersede,
    maxPushAttempts: spec.options.maxPushAttempts,
    variables: routerVariables,
    configDir: loaded.dir,
    canaryService: routerVariables.canaryService,
    stableService: routerVariables.stableService,
    route: routerVariables.route,
    baselineWorkload: describeTargets(spec.baseline),
    baselineTraffic: targets.flatMap((bound) => {
      const backend = bound.target.router?.baselineBackend?.(bound.config);
      return backend === undefined ? [] : [`${bound.target.key} → ${backend}`];
    }),
    jobUrl: ciJob(options.env)?.url,
  };
}

function bind(block: Record<string, unknown>, role: TargetRole, field: string): BoundTarget[] {
  return Object.entries(block)
    .filter(([, config]) => config !== undefined)
    .map(([key, config]) => {
      const target = targetFor(key);
      if (!target)
        throw new GitcanaryError('CONFIG_INVALID', `unknown target ${key}`, { field: `${field}.${key}` });
      return { target, config, role };
    });
}

/** `kustomization apps/podinfo/baseline`: the baseline workload as the judge's evidence names it. */
function describeTargets(block: Record<string, unknown> | undefined): string | undefined {
  if (block === undefined) return undefined;
  const parts = Object.entries(block)
    .filter(([, config]) => config !== undefined)
    .map(([key, config]) => {
      const where =
        (config as { path?: unknown; file?: unknown }).path ?? (config as { file?: unknown }).file;
      return typeof where === 'string' ? `${key} ${where}` : key;
    });
  return parts.length === 0 ? undefined : parts.join(', ');
}
