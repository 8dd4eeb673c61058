import { API_VERSION } from '../config/index.js';
import { GitcanaryError } from '../errors.js';
import { resolveRun } from '../gates/argo-analysis/templates.js';
import { describeDoc, type ManifestTree, type ResourceDoc, toPlain } from '../manifests/index.js';
import { routerFor } from '../targets/registry.js';
import type { TrafficRouter } from '../targets/router.js';
import type { Adoption, Note } from './output.js';

// `gitcanary init --from rollout.yaml`: an Argo Rollout (argoproj.io/v1alpha1) as a release config
// of the Rollout shape. The steps are kept as written (analysis steps with their templates and
// args), `strategy.canary.analysis` becomes spec.backgroundAnalysis, and `trafficRouting` points at
// the router manifests found in the same repository; the router then fills in its own config from
// them (its `configFromCli`), the way `gitcanary set weight` does.

/** Argo Rollouts' trafficRouting blocks gitcanary writes in the Rollout shape, by Argo's key. */
const ROUTED: Record<
  string,
  { router: string; names: (block: Record<string, unknown>) => { route?: string; rules?: string[] } }
> = {
  // rollout/trafficrouting/apisix: `route: { name, rules }`.
  apisix: {
    router: 'apisix',
    names: (block) => {
      const route = record(block.route);
      return { route: string(route.name), rules: strings(route.rules) };
    },
  },
  // rollout/trafficrouting/istio: `virtualService: { name, routes }` or `virtualServices: [...]`.
  istio: {
    router: 'istio',
    names: (block) => {
      const service = record(
        block.virtualService ?? (Array.isArray(block.virtualServices) ? block.virtualServices[0] : undefined),
      );
      return { route: string(service.name)?.split('.')[0], rules: strings(service.routes) };
    },
  },
  // rollout/trafficrouting/traefik: `weightedTraefikServiceName`.
  traefik: { router: 'traefik', names: (block) => ({ route: string(block.weightedTraefikServiceName) }) },
  // rollout/trafficrouting/alb: `ingress` (or `ingresses`).
  alb: {
    router: 'alb',
    names: (block) => ({ route: string(block.ingress) ?? strings(block.ingresses)?.[0] }),
  },
  // The Gateway API plugin (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi): `httpRoute`.
  'plugins.argoproj-labs/gatewayAPI': {
    router: 'gatewayAPI',
    names: (block) => ({
      route: string(block.httpRoute) ?? string(record(record(block.httpRoutes)[0]).name),
    }),
  },
};

/** Argo owns the canary object these routers split with (docs/routers.md, "With an Argo Rollout"). */
const CONTROLLER_OWNED = ['nginx', 'smi', 'ambassador'];

const STEP_KINDS = ['setWeight', 'pause', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'analysis'];

export interface AdoptOptions {
  repo: string;
  branch: string;
  /** The adopted manifest, repository-relative. */
  file: string;
}

export function adoptRollout(doc: ResourceDoc, tree: ManifestTree, options: AdoptOptions): Adoption {
  const rollout = record(toPlain(doc));
  const metadata = record(rollout.metadata);
  const spec = record(rollout.spec);
  const canary = record(record(spec.strategy).canary);
  const resource = describeDoc(doc);
  if (Object.keys(canary).length === 0) {
    throw new GitcanaryError('CONFIG_INVALID', 'the Rollout has no canary strategy', {
      file: doc.file,
      resource,
      field: 'spec.strategy.canary',
      hint: 'gitcanary drives canary Rollouts; a blueGreen Rollout is not supported',
    });
  }
  if (spec.workloadRef !== undefined) {
    throw new GitcanaryError('CONFIG_INVALID', 'the Rollout takes its pod template from a workloadRef', {
      file: doc.file,
      resource,
      field: 'spec.workloadRef',
      hint: 'gitcanary writes the image into the Rollout’s own spec.template',
    });
  }
  const name = String(metadata.name);
  const namespace = string(metadata.namespace);
  const containers = Array.isArray(record(record(spec.template).spec).containers)
    ? (record(record(spec.template).spec).containers as unknown[])
    : [];
  const container = string(record(containers[0]).name);
  const notes: Note[] = [];
  const dropped: string[] = [];
  const fieldRefObject = { file: options.file, kind: 'Rollout', name, ...(namespace ? { namespace } : {}) };
  const releaseNamespace = namespace ?? 'default';

  notes.push({
    path: ['spec', 'workload'],
    text: `The Rollout itself: gitcanary commits the image into spec.template and the weight as spec.strategy.canary.steps,\nkeeping your steps in an annotation while a release runs and restoring them after.`,
  });
  if (containers.length > 1) {
    notes.push({
      path: ['spec', 'workload', 'rollout', 'container'],
      text: `The first of ${containers.length} containers; change it if the image is another's.`,
    });
  }

  // Steps, as written; what gitcanary cannot do is left out, each with its reason.
  const rawSteps = Array.isArray(canary.steps) ? canary.steps : [];
  const steps: unknown[] = [];
  /** Argo's step index → the index of the first gitcanary step it became (for startingStep). */
  const firstStep: number[] = [];
  rawSteps.forEach((raw, index) => {
    firstStep[index] = steps.length;
    const step = record(raw);
    const kinds = Object.keys(step);
    const unknown = kinds.filter((kind) => !STEP_KINDS.includes(kind));
    if (unknown.length > 0) {
      dropped.push(
        `spec.strategy.canary.steps[${index}] (${unknown.join(', ')}): gitcanary has no such step${unknown.includes('experiment') ? ' (an Experiment runs in the cluster; see spec.baseline for a baseline to judge against)' : ''}`,
      );
      return;
    }
    // Argo allows several step kinds in one item (its apisix example pairs setCanaryScale and
    // setHeaderRoute); gitcanary's steps hold one each, in Argo's order.
    for (const kind of STEP_KINDS.filter((candidate) => candidate in step)) {
      if (kind === 'analysis') {
        const problem = analysisProblem(tree, step.analysis, releaseNamespace, fieldRefObject, false);
        if (problem !== undefined) {
          dropped.push(`spec.strategy.canary.steps[${index}].analysis: ${problem}`);
          continue;
        }
        notes.push({
          path: ['spec', 'steps', steps.length],
          text: `Argo analysis as written: ${templateNames(step.analysis)} read from this repository and evaluated as Argo does.`,
        });
      }
      steps.push({ [kind]: kind === 'pause' ? pauseOf(step.pause) : step[kind] });
    }
  });
  if (rawSteps.length > 0 && kinds(rawSteps).length > 0 && steps.length === 0) {
    dropped.push('no step could be carried over');
  }
  if (steps.length === 0) {
    steps.push({ promote: {} });
    notes.push({
      path: ['spec', 'steps'],
      text: 'The Rollout has no steps Argo would run before promoting: promote at once, as Argo does.',
    });
  } else {
    notes.push({
      path: ['spec', 'steps'],
      text: 'spec.strategy.canary.steps, one step kind per item; gitcanary promotes after the last, as Argo does.',
    });
  }

  // Background analysis.
  let backgroundAnalysis: Record<string, unknown> | undefined;
  if (canary.analysis !== undefined) {
    const analysis = record(canary.analysis);
    const problem = analysisProblem(tree, analysis, releaseNamespace, fieldRefObject, true);
    if (problem !== undefined) {
      dropped.push(`spec.strategy.canary.analysis (background): ${problem}`);
    } else {
      backgroundAnalysis = pick(analysis, ['templates', 'args', 'dryRun', 'measurementRetention']);
      // Argo counts its own steps; one Argo step may have become several here.
      const argoStart = Number(analysis.startingStep ?? 0);
      const start = argoStart >= rawSteps.length ? steps.length : (firstStep[argoStart] ?? 0);
      if (start > 0) backgroundAnalysis.startingStep = start;
      notes.push({
        path: ['spec', 'backgroundAnalysis'],
        text: `spec.strategy.canary.analysis: ${templateNames(analysis)} measured during every timed pause from step ${start} on${start === argoStart ? '' : ` (Argo's startingStep ${argoStart}, counted in the steps above)`}.\nArgo also measures while paused indefinitely; gitcanary runs no process then.`,
      });
      if (
        !steps.some((step) => 'pause' in record(step) && record(record(step).pause).duration !== undefined)
      ) {
        dropped.push(
          'spec.strategy.canary.analysis: the steps have no timed pause, so the background analysis never measures',
        );
      }
    }
  }

  // Traffic routing.
  const traffic: Record<string, unknown>[] = [];
  const routing = record(canary.trafficRouting);
  const blocks: [string, Record<string, unknown>][] = [
    ...Object.entries(routing)
      .filter(([key]) => key !== 'plugins' && key !== 'managedRoutes')
      .map(([key, value]) => [key, record(value)] as [string, Record<string, unknown>]),
    ...Object.entries(record(routing.plugins)).map(
      ([key, value]) => [`plugins.${key}`, record(value)] as [string, Record<string, unknown>],
    ),
  ];
  const stableService = string(canary.stableService);
  const canaryService = string(canary.canaryService);
  for (const [key, block] of blocks) {
    const field = `spec.strategy.canary.trafficRouting.${key}`;
    if (CONTROLLER_OWNED.includes(key)) {
      dropped.push(
        `${field}: Argo Rollouts creates and owns the canary ${key === 'nginx' ? 'Ingress' : key === 'smi' ? 'TrafficSplit' : 'Mapping'}, so gitcanary leaves it to the controller (docs/routers.md)`,
      );
      continue;
    }
    const mapping = ROUTED[key];
    const router = mapping === undefined ? undefined : routerFor(mapping.router);
    if (mapping === undefined || router === undefined) {
      dropped.push(`${field}: no gitcanary router for it`);
      continue;
    }
    const { route, rules } = mapping.names(block);
    const file = route === undefined ? undefined : fileOf(tree, router.kinds, route);
    if (file === undefined) {
      dropped.push(
        `${field}: ${route ? `${router.kinds.join('/')} ${route}` : 'the route'} is not in this repository`,
      );
      continue;
    }
    try {
      const config = router.configFromCli(tree, {
        file,
        ...(route ? { route } : {}),
        ...(rules && rules.length > 0 ? { rule: rules } : {}),
        ...(stableService ? { stable: stableService } : {}),
        ...(canaryService ? { canary: canaryService } : {}),
      });
      notes.push({
        path: ['spec', 'traffic', traffic.length],
        text: `${field}: ${route} in ${file}, with the Rollout's stableService and canaryService.`,
      });
      traffic.push({ [router.key]: config });
      const problem = routeProblem(tree, router, config, file);
      if (problem !== undefined) dropped.push(problem);
    } catch (error) {
      dropped.push(`${field}: ${messageOf(error)}`);
    }
  }
  if (routing.managedRoutes !== undefined) {
    notes.push({
      path: ['spec', 'steps'],
      text: 'trafficRouting.managedRoutes is not needed: gitcanary removes the header and mirror routes it added when the release ends.',
    });
  }
  const routes = steps.some((step) =>
    ['setWeight', 'setHeaderRoute', 'setMirrorRoute'].some((kind) => kind in record(step)),
  );
  if (traffic.length === 0 && routes) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      'the Rollout moves traffic, and no router gitcanary can write was found for it',
      {
        file: doc.file,
        resource,
        field: 'spec.strategy.canary.trafficRouting',
        hint:
          dropped.filter((line) => line.includes('trafficRouting')).join('; ') ||
          'a canary without trafficRouting splits by replica count, which gitcanary does not drive',
      },
    );
  }

  const config = {
    apiVersion: API_VERSION,
    kind: 'Release',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      git: { repo: options.repo, branch: options.branch },
      workload: {
        rollout: {
          file: options.file,
          name,
          ...(namespace ? { namespace } : {}),
          ...(container ? { container } : {}),
        },
      },
      ...(traffic.length > 0 ? { traffic } : {}),
      steps,
      ...(backgroundAnalysis ? { backgroundAnalysis } : {}),
    },
  };
  notes.push({
    path: ['spec', 'git'],
    text: 'Where gitcanary commits; set tokenEnv to the variable holding a push token.',
  });
  notes.push({
    path: ['spec', 'steps'],
    text: 'No sync is configured: add spec.sync.argocd (your Argo CD application) so each step waits until the commit is applied.',
  });
  return { config, notes, dropped, source: options.file };
}

/**
 * Why the route a router config was made from cannot run a release yet (the router's observe
 * fails on it), as a line for `dropped`: the config is right, the object itself must change.
 */
export function routeProblem(
  tree: ManifestTree,
  router: TrafficRouter<unknown>,
  config: unknown,
  file: string,
): string | undefined {
  try {
    router.observe(tree, config);
    return undefined;
  } catch (error) {
    return `${file}: ${messageOf(error)}; fix the route before the first release`;
  }
}

/** An error as a `dropped` line says it: gitcanary's own message, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof GitcanaryError ? error.message : String(error);
}

/** Why an analysis cannot be carried over (its templates missing, a provider gitcanary cannot run), or undefined. */
function analysisProblem(
  tree: ManifestTree,
  analysis: unknown,
  namespace: string,
  fieldRefObject: { file: string; kind: string; name: string; namespace?: string },
  background: boolean,
): string | undefined {
  const fields = record(analysis);
  if (!Array.isArray(fields.templates)) {
    return fields.templateName !== undefined
      ? 'the deprecated `templateName` form; write `templates: [{ templateName: ... }]`'
      : 'no templates';
  }
  try {
    resolveRun(tree, {
      templates: fields.templates as { templateName: string; clusterScope?: boolean }[],
      args: fields.args as never,
      namespace,
      fieldRefObject,
      background,
      // Secrets are read from the environment at run time; here only their presence in the template counts.
      env: new Proxy({}, { get: () => 'set-at-run-time' }) as NodeJS.ProcessEnv,
    });
    return undefined;
  } catch (error) {
    if (error instanceof GitcanaryError) {
      const where = [error.place.resource, error.place.field].filter(Boolean).join(' ');
      return `${error.message}${where ? ` (${where})` : ''}`;
    }
    throw error;
  }
}

function templateNames(analysis: unknown): string {
  const templates = record(analysis).templates;
  const names = Array.isArray(templates)
    ? templates.map((ref) => string(record(ref).templateName) ?? '?')
    : [];
  return names.length === 1 ? `AnalysisTemplate ${names[0]}` : `AnalysisTemplates ${names.join(', ')}`;
}

/** Argo writes `pause: {duration: 10}` (seconds) or `"10m"`; gitcanary takes both. */
function pauseOf(pause: unknown): Record<string, unknown> {
  const duration = record(pause).duration;
  return duration === undefined ? {} : { duration };
}

/** The file holding a resource of one of `kinds` named `name`. */
function fileOf(tree: ManifestTree, kinds: readonly string[], name: string): string | undefined {
  return kinds
    .flatMap((kind) => tree.resources(tree.paths(), { kind, name }))
    .find((doc) => doc.name === name)?.file;
}

function kinds(steps: unknown[]): string[] {
  return steps.flatMap((step) => Object.keys(record(step)));
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function string(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}
