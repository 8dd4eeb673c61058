import type { GateConfig } from '../gates/schemas.js';
import { capabilityIssue, MAX_WEIGHT_WITH_BASELINE, type TrafficRouter } from '../targets/router.js';
import type { Target } from '../targets/types.js';
import type { FlaggerContext } from './flagger.js';
import type { ConfigStep } from './steps.js';

// What the config layer asks of traffic routers — only what they declare: capabilities (a step a
// router cannot express is refused before anything is committed) and metric templates.

export interface ConfigIssueAt {
  path: (string | number)[];
  message: string;
}

/** The routers of `spec.traffic`, in order, among `targets`. */
export function trafficRouters(
  traffic: readonly Record<string, unknown>[],
  targets: readonly Target[],
): TrafficRouter<unknown>[] {
  return traffic.flatMap((block) =>
    Object.keys(block).flatMap((key) => {
      const router = targets.find((target) => target.key === key)?.router;
      return router === undefined ? [] : [router];
    }),
  );
}

/** What the Flagger expansion needs: the first router and the metric templates it declares. */
export function flaggerContext(
  traffic: readonly Record<string, unknown>[],
  targets: readonly Target[],
): FlaggerContext {
  const first = traffic.map((block) => Object.keys(block)[0]).find((key) => key !== undefined);
  const router = trafficRouters(traffic, targets)[0];
  return {
    router: first,
    metricTemplates: router?.key === first ? (router?.metricTemplates ?? []) : [],
    metricRouters: targets
      .filter((target) => (target.router?.metricTemplates.length ?? 0) > 0)
      .map((t) => t.key),
  };
}

/**
 * Steps the routers cannot express: a header or mirror route a router has no way to write, a header
 * match it cannot make, more header routes at once than it holds. `at(i)` places step i.
 */
export function routerStepIssues(
  steps: readonly ConfigStep[],
  routers: readonly TrafficRouter<unknown>[],
  at: (index: number) => (string | number)[],
): ConfigIssueAt[] {
  const issues: ConfigIssueAt[] = [];
  const active = new Set<string>();
  steps.forEach((step, index) => {
    if ('setHeaderRoute' in step) {
      const { name, match } = step.setHeaderRoute;
      if (match === undefined || match.length === 0) {
        active.delete(name);
        return;
      }
      active.add(name);
      for (const router of routers) {
        const issue =
          capabilityIssue(router, { headerRoute: { name, match } }) ??
          (active.size > router.capabilities.headerRoutes
            ? `router \`${router.key}\` holds ${router.capabilities.headerRoutes} header route${router.capabilities.headerRoutes === 1 ? '' : 's'} at a time; remove ${[...active].filter((n) => n !== name).join(', ')} first (setHeaderRoute without match)`
            : undefined);
        if (issue !== undefined) issues.push({ path: [...at(index), 'setHeaderRoute'], message: issue });
      }
    }
    if ('setMirrorRoute' in step && (step.setMirrorRoute.match?.length ?? 0) > 0) {
      for (const router of routers) {
        const issue = capabilityIssue(router, {
          mirrorRoute: { name: step.setMirrorRoute.name, percentage: step.setMirrorRoute.percentage ?? 100 },
        });
        if (issue !== undefined) issues.push({ path: [...at(index), 'setMirrorRoute'], message: issue });
      }
    }
  });
  return issues;
}

/** Prometheus gates naming a built-in template: the router must be configured and declare it. */
export function metricTemplateIssues(
  gates: Record<string, GateConfig>,
  targets: readonly Target[],
): ConfigIssueAt[] {
  const issues: ConfigIssueAt[] = [];
  for (const [name, gate] of Object.entries(gates)) {
    if (!('prometheus' in gate) || gate.prometheus.template === undefined) continue;
    const key = gate.prometheus.router;
    const router = targets.find((target) => target.key === key)?.router;
    const withTemplate = targets
      .filter((target) => target.router?.metricTemplates.includes(gate.prometheus.template ?? ''))
      .map((target) => target.key);
    if (router === undefined || !router.metricTemplates.includes(gate.prometheus.template)) {
      issues.push({
        path: ['spec', 'gates', name, 'prometheus', 'router'],
        message: `no built-in template \`${gate.prometheus.template}\` for router \`${key ?? '(none)'}\`; routers with it: ${withTemplate.join(', ') || 'none'}`,
      });
    }
  }
  return issues;
}

/**
 * The judge's baseline as a router backend: `baselineService` (a router's `baselineBackend`) needs
 * the `spec.baseline` workload that serves it, and a plan whose canary weight stays within 50 —
 * the baseline gets the canary's share, stable the rest (src/targets/router.ts, baselineShare).
 */
export function baselineIssues(
  traffic: readonly Record<string, unknown>[],
  targets: readonly Target[],
  hasBaselineWorkload: boolean,
  steps: readonly ConfigStep[] | undefined,
  at: (index: number) => (string | number)[],
): ConfigIssueAt[] {
  const issues: ConfigIssueAt[] = [];
  const carrying: string[] = [];
  traffic.forEach((block, index) => {
    for (const [key, config] of Object.entries(block)) {
      const router = targets.find((target) => target.key === key)?.router;
      const backend = config === undefined ? undefined : router?.baselineBackend?.(config);
      if (backend === undefined) continue;
      carrying.push(key);
      if (!hasBaselineWorkload) {
        issues.push({
          path: ['spec', 'traffic', index, key, 'baselineService'],
          message: `router \`${key}\` sends traffic to the baseline backend "${backend}", but no spec.baseline workload serves it; add spec.baseline or remove the baseline backend`,
        });
      }
    }
  });
  if (carrying.length === 0) return issues;
  steps?.forEach((step, index) => {
    if (!('setWeight' in step) || step.setWeight === undefined) return;
    if (step.setWeight <= MAX_WEIGHT_WITH_BASELINE) return;
    issues.push({
      path: [...at(index), 'setWeight'],
      message: `with a baseline backend (${carrying.join(', ')}) the canary weight is at most ${MAX_WEIGHT_WITH_BASELINE}: the baseline gets the same share and stable the rest, so ${step.setWeight} would leave stable ${100 - 2 * step.setWeight}%; the promote step sends all traffic to the new version`,
    });
  });
  return issues;
}
