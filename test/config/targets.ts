import { z } from 'zod';
import type { TrafficRouter } from '../../src/targets/router.js';
import type { Target } from '../../src/targets/types.js';

// Tiny targets with the config blocks the real ones take: the release schema only reads key,
// family, configSchema and what a router declares (capabilities, metric templates), so
// files/apply/observe are inert plain functions. The test router can express every step.

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

const apisixBlock = target(
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

export const apisixTarget: Target = {
  ...apisixBlock,
  router: {
    key: 'apisix',
    capabilities: {
      headerRoutes: Number.POSITIVE_INFINITY,
      headerMatches: Number.POSITIVE_INFINITY,
      headerValue: ['exact', 'prefix', 'regex'],
      mirrorRoutes: true,
      extraBackends: true,
    },
    metricTemplates: ['request-success-rate', 'request-duration'],
  } as unknown as TrafficRouter<unknown>,
};

export const testTargets: readonly Target[] = [kustomizationTarget, rolloutTarget, apisixTarget];
