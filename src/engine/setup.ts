import { type LoadedConfig, planRelease } from '../config/index.js';
import { GitcanaryError } from '../errors.js';
import { parseDuration } from '../shared/duration.js';
import { targetFor } from '../targets/registry.js';
import type { TargetRole } from '../targets/types.js';
import type { BoundTarget, ReleaseInput } from './types.js';

/** The engine's input from a validated config: targets bound to their roles, the planned steps. */
export function releaseInput(loaded: LoadedConfig, options: { supersede?: boolean } = {}): ReleaseInput {
  const { config } = loaded;
  const { spec } = config;
  const plan = planRelease(config);
  const targets: BoundTarget[] = [
    ...bind(spec.workload, 'canary', 'spec.workload'),
    ...bind(spec.stable ?? {}, 'stable', 'spec.stable'),
    ...spec.traffic.flatMap((block, index) => bind(block, 'canary', `spec.traffic[${index}]`)),
  ];
  const router =
    spec.traffic[0] === undefined
      ? undefined
      : (Object.values(spec.traffic[0])[0] as Record<string, unknown>);
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  let sync: ReleaseInput['sync'];
  if (spec.sync?.delay !== undefined) sync = { delayMs: parseDuration(spec.sync.delay, 'spec.sync.delay') };
  else if (spec.sync?.argocd !== undefined) {
    // gitcanary's Rollout steps end in `pause: {}`: Argo CD reports such a Rollout as Suspended.
    const rollout = targets.some((bound) => bound.target.key === 'rollout');
    const acceptHealth = spec.sync.argocd.acceptHealth ?? (rollout ? ['Healthy', 'Suspended'] : undefined);
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
    variables: {},
    configDir: loaded.dir,
    canaryService: text(router?.canaryService),
    stableService: text(router?.stableService),
    route: text(router?.route),
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
