import { apisixTarget } from './apisix.js';
import { kustomizationTarget } from './kustomization.js';
import { rolloutTarget } from './rollout.js';
import type { Target } from './types.js';

// The one place that maps config keys to targets. Adding a router = one file + one line here.
// biome-ignore lint/suspicious/noExplicitAny: each target has its own config type, checked by its schema.
const targets: readonly Target<any>[] = [kustomizationTarget, rolloutTarget, apisixTarget];

export function targetFor(key: string): Target<unknown> | undefined {
  return targets.find((target) => target.key === key);
}

export function allTargets(): readonly Target<unknown>[] {
  return targets;
}
