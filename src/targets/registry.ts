import { albTarget } from './alb.js';
import { ambassadorTarget } from './ambassador.js';
import { apisixTarget } from './apisix.js';
import { deploymentTarget } from './deployment.js';
import { gatewayApiTarget } from './gatewayapi.js';
import { helmTarget } from './helm.js';
import { istioTarget } from './istio.js';
import { noteBaselineRouters } from './kit.js';
import { kustomizationTarget } from './kustomization.js';
import { nginxTarget } from './nginx.js';
import { rolloutTarget } from './rollout.js';
import { noteMirroringRouters, type TrafficRouter } from './router.js';
import { smiTarget } from './smi.js';
import { traefikTarget } from './traefik.js';
import type { Target } from './types.js';

// The one place that maps config keys to targets. Adding a router = one file + one line here.
// biome-ignore lint/suspicious/noExplicitAny: each target has its own config type, checked by its schema.
const targets: readonly Target<any>[] = [
  kustomizationTarget,
  rolloutTarget,
  deploymentTarget,
  helmTarget,
  apisixTarget,
  gatewayApiTarget,
  nginxTarget,
  istioTarget,
  smiTarget,
  traefikTarget,
  albTarget,
  ambassadorTarget,
];

noteMirroringRouters(
  routers()
    .filter((router) => router.capabilities.mirrorRoutes)
    .map((router) => router.key),
);

noteBaselineRouters(
  routers()
    .filter((router) => router.capabilities.extraBackends)
    .map((router) => router.key),
);

export function targetFor(key: string): Target<unknown> | undefined {
  return targets.find((target) => target.key === key);
}

export function allTargets(): readonly Target<unknown>[] {
  return targets;
}

/** Every traffic router's contract, in registry order. */
export function routers(): TrafficRouter<unknown>[] {
  return targets.flatMap((target) => (target.router === undefined ? [] : [target.router]));
}

/** The router whose config key is `key`. */
export function routerFor(key: string): TrafficRouter<unknown> | undefined {
  return targetFor(key)?.router;
}
