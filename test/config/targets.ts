import { z } from 'zod';
import type { Target } from '../../src/targets/types.js';

// Tiny targets with the config blocks the real ones take: the release schema only reads key,
// family and configSchema, so files/apply/observe are inert plain functions.

function target<C>(key: string, family: Target['family'], configSchema: z.ZodType<C>): Target<C> {
  return { key, family, configSchema, files: () => [], apply: (tree) => tree, observe: () => ({}) };
}

export const kustomizationTarget = target(
  'kustomization',
  'workload',
  z.strictObject({ path: z.string().min(1), image: z.string().min(1) }),
);

export const rolloutTarget = target(
  'rollout',
  'workload',
  z.strictObject({ file: z.string().min(1), name: z.string().min(1), container: z.string().optional() }),
);

export const apisixTarget = target(
  'apisix',
  'traffic',
  z.strictObject({
    file: z.string().min(1),
    route: z.string().min(1),
    rules: z.array(z.string()).optional(),
    stableService: z.string().min(1),
    canaryService: z.string().min(1),
  }),
);

export const testTargets: readonly Target[] = [kustomizationTarget, rolloutTarget, apisixTarget];
