import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, valueAt } from '../manifests/index.js';
import {
  agreeingWeight,
  annotationJson,
  backendShares,
  DISTINCT_BASELINE,
  distinctBackends,
  findResource,
  hostSchema,
  isMap,
  listAt,
  manifestPathSchema,
  namespaceSchema,
  type PlainMap,
  place,
  resourceNameSchema,
  resourceNames,
  ruleNameSchema,
  setAnnotationJson,
  splitWeights,
  syncOwnedItems,
  writeBackendWeights,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';
import type { HeaderRoute, MirrorRoute } from './types.js';

// Istio VirtualService (networking.istio.io v1, v1beta1, v1alpha3), as Argo Rollouts' Istio router
// drives it (rollout/trafficrouting/istio/istio.go): host-level split between the stable and
// canary Service hosts, or subset-level split between DestinationRule subsets of one host; weights
// on the `route[].weight` of the managed `spec.http[]` routes. Istio evaluates HTTP routes in
// order, so header routes and mirror routes are HTTP routes gitcanary places first (as Argo's
// SetHeaderRoute/SetMirrorRoute do), recorded in an annotation and removed at the end.

export const ISTIO_API_VERSIONS = [
  'networking.istio.io/v1',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1alpha3',
] as const;

export const MANAGED_ROUTES_ANNOTATION = 'gitcanary.dev/managed-routes';

const HTTP = ['spec', 'http'] as const;

export const istioConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('File (or folder) holding the VirtualService (and DestinationRule).'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    virtualService: z.strictObject({
      name: resourceNameSchema.describe('metadata.name of the VirtualService.'),
      routes: z
        .array(ruleNameSchema)
        .min(1)
        .optional()
        .describe('Names of the spec.http[] routes to manage. Default: every route with both destinations.'),
    }),
    destinationRule: z
      .strictObject({
        name: resourceNameSchema.describe('metadata.name of the DestinationRule.'),
        canarySubsetName: ruleNameSchema,
        stableSubsetName: ruleNameSchema,
        baselineSubsetName: ruleNameSchema
          .optional()
          .describe(
            "Subset of the spec.baseline workload's pods: gets the canary's weight while a release runs (listed in each managed route, at weight 0).",
          ),
      })
      .optional()
      .describe('Subset-level split: the destinations are subsets of one host.'),
    stableService: hostSchema.optional().describe('Host-level split: destination host of the stable.'),
    canaryService: hostSchema.optional().describe('Host-level split: destination host of the canary.'),
    baselineService: hostSchema
      .optional()
      .describe(
        "Host-level split: destination host of the spec.baseline workload; gets the canary's weight while a release runs (listed in each managed route, at weight 0).",
      ),
  })
  .refine(
    (config) =>
      config.destinationRule !== undefined ||
      (config.stableService !== undefined &&
        config.canaryService !== undefined &&
        config.stableService !== config.canaryService),
    { message: 'set destinationRule (subset split) or two different stableService and canaryService hosts' },
  )
  .refine((config) => config.baselineService === undefined || config.destinationRule === undefined, {
    message: 'a subset split names the baseline as destinationRule.baselineSubsetName, not baselineService',
    path: ['baselineService'],
  })
  .refine(distinctBackends, DISTINCT_BASELINE)
  .refine(
    (config) =>
      config.destinationRule?.baselineSubsetName === undefined ||
      ![config.destinationRule.stableSubsetName, config.destinationRule.canarySubsetName].includes(
        config.destinationRule.baselineSubsetName,
      ),
    {
      message: 'baselineSubsetName must differ from stableSubsetName and canarySubsetName',
      path: ['destinationRule', 'baselineSubsetName'],
    },
  );

export type IstioConfig = z.infer<typeof istioConfigSchema>;

interface ManagedRoutes {
  headerRoutes: HeaderRoute[];
  mirrorRoutes: MirrorRoute[];
  routes: string[];
}

interface ManagedRoute {
  index: number;
  route: PlainMap;
  stable: number;
  canary: number;
  /** Index of the baseline destination, when the config names one. */
  baseline?: number | undefined;
}

/** The baseline destination the config names: a host (host split) or a subset (subset split). */
function baselineOf(config: IstioConfig): string | undefined {
  return config.baselineService ?? config.destinationRule?.baselineSubsetName;
}

export const istioRouter: TrafficRouter<IstioConfig> = {
  key: 'istio',
  configSchema: istioConfigSchema,
  kinds: ['VirtualService'],
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: Number.POSITIVE_INFINITY,
    headerValue: ['exact', 'prefix', 'regex'],
    mirrorRoutes: true,
    extraBackends: true,
  },
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      route: config.virtualService.name,
      virtualService: config.virtualService.name,
      ...(config.stableService === undefined ? {} : { stableService: config.stableService }),
      ...(config.canaryService === undefined ? {} : { canaryService: config.canaryService }),
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files: (config) => [config.file],
  baselineBackend: baselineOf,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    checkDestinationRule(tree, config);
    const find = (current: ManifestTree) => findVirtualService(current, config);
    let next = tree;
    for (const managed of managedRoutes(tree, config)) {
      next = writeBackendWeights(next, find, [...HTTP, managed.index, 'route'], managed, weights);
    }
    // Mirror routes carry the weighted destinations too: they follow the new weight.
    const current = readManaged(findVirtualService(next, config));
    return current.mirrorRoutes.length > 0 ? writeManaged(next, config, current) : next;
  },
  setHeaderRoutes(tree, config, headerRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findVirtualService(tree, config)),
      headerRoutes: [...headerRoutes],
    });
  },
  setMirrorRoutes(tree, config, mirrorRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findVirtualService(tree, config)),
      mirrorRoutes: [...mirrorRoutes],
    });
  },
  observe(tree, config) {
    const doc = findVirtualService(tree, config);
    const readings = managedRoutes(tree, config).map((managed) => {
      const route = [...HTTP, managed.index, 'route'];
      const single = (managed.route.route as unknown[]).length === 1 ? 100 : 0;
      const shares = backendShares(tree, doc, route, managed, single);
      return {
        where: `route ${typeof managed.route.name === 'string' ? `"${managed.route.name}"` : `#${managed.index + 1}`}`,
        shares,
        details: place(tree, doc, route),
      };
    });
    const canaryWeight = agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.canary })));
    const managed = readManaged(doc);
    return {
      canaryWeight,
      ...(baselineOf(config) === undefined
        ? {}
        : { baselineWeight: agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.baseline }))) }),
      headerRoutes: managed.headerRoutes,
      mirrorRoutes: managed.mirrorRoutes,
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'VirtualService' }),
  configFromCli(tree, options) {
    const name =
      options.route ??
      onlyName(
        resourceNames(tree, options.file, 'VirtualService', ISTIO_API_VERSIONS),
        'VirtualService',
        options.file,
      );
    const doc = findResource(tree, options.file, {
      kind: 'VirtualService',
      name,
      apiVersions: ISTIO_API_VERSIONS,
    });
    const http = listAt(tree, doc, HTTP, 'spec.http routes');
    const first =
      options.rule === undefined ? http[0] : http.find((route) => options.rule?.includes(String(route.name)));
    const destinations = (Array.isArray(first?.route) ? first.route : []).map((item) =>
      isMap(item) && isMap(item.destination) ? item.destination : {},
    );
    const hosts = destinations.map((d) => String(d.host));
    const subsets = destinations.map((d) => d.subset);
    const routes = options.rule === undefined ? {} : { routes: options.rule };
    if (
      hosts.length === 2 &&
      hosts[0] === hosts[1] &&
      subsets.every((subset) => typeof subset === 'string')
    ) {
      // Subset split: --stable/--canary name subsets of the one host.
      const { stable, canary } = inferBackends(subsets as string[], options, 'the route');
      const rules = tree.resources([doc.file], { kind: 'DestinationRule' });
      const rule = rules.find((d) => valueAt(d, ['spec', 'host']) === hosts[0]) ?? rules[0];
      if (rule?.name === undefined) {
        throw new GitcanaryError(
          'USAGE',
          `no DestinationRule for host ${hosts[0]} next to the VirtualService`,
        );
      }
      return {
        file: options.file,
        virtualService: { name, ...routes },
        destinationRule: { name: rule.name, stableSubsetName: stable, canarySubsetName: canary },
      };
    }
    const { stable, canary } = inferBackends(hosts, options, 'the route');
    return {
      file: options.file,
      virtualService: { name, ...routes },
      stableService: stable,
      canaryService: canary,
    };
  },
};

export const istioTarget = routerTarget(istioRouter);

export function findVirtualService(tree: ManifestTree, config: IstioConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'VirtualService',
    name: config.virtualService.name,
    namespace: config.namespace,
    apiVersions: ISTIO_API_VERSIONS,
  });
}

/** The DestinationRule of a subset split must exist and hold both subsets. */
function checkDestinationRule(tree: ManifestTree, config: IstioConfig): void {
  const rule = config.destinationRule;
  if (rule === undefined) return;
  const doc = findResource(tree, config.file, {
    kind: 'DestinationRule',
    name: rule.name,
    namespace: config.namespace,
    apiVersions: ISTIO_API_VERSIONS,
  });
  const subsets = (valueAt(doc, ['spec', 'subsets']) as unknown[] | undefined) ?? [];
  const names = subsets.map((subset) => (isMap(subset) ? subset.name : undefined));
  for (const subset of [rule.stableSubsetName, rule.canarySubsetName, rule.baselineSubsetName]) {
    if (subset === undefined) continue;
    if (!names.includes(subset)) {
      throw new GitcanaryError('FIELD_MISSING', `the DestinationRule has no subset "${subset}"`, {
        ...place(tree, doc, ['spec', 'subsets']),
        hint: `subsets: ${names.filter(Boolean).join(', ') || '(none)'}`,
      });
    }
  }
}

/** Whether a destination is the stable or canary one, by host (host split) or subset (subset split). */
function roleOf(destination: unknown, config: IstioConfig): 'stable' | 'canary' | 'baseline' | undefined {
  if (!isMap(destination)) return undefined;
  const rule = config.destinationRule;
  if (rule !== undefined) {
    if (destination.subset === rule.stableSubsetName) return 'stable';
    if (destination.subset === rule.canarySubsetName) return 'canary';
    if (rule.baselineSubsetName !== undefined && destination.subset === rule.baselineSubsetName)
      return 'baseline';
    return undefined;
  }
  if (destination.host === config.stableService) return 'stable';
  if (destination.host === config.canaryService) return 'canary';
  if (config.baselineService !== undefined && destination.host === config.baselineService) return 'baseline';
  return undefined;
}

function managedRoutes(tree: ManifestTree, config: IstioConfig): ManagedRoute[] {
  const doc = findVirtualService(tree, config);
  const http = listAt(tree, doc, HTTP, 'spec.http routes');
  const appended = new Set(readManaged(doc).routes);
  const destinationsOf = (route: PlainMap) => {
    const list = Array.isArray(route.route) ? route.route : [];
    const roles = list.map((item) => roleOf(isMap(item) ? item.destination : undefined, config));
    return { stable: roles.indexOf('stable'), canary: roles.indexOf('canary') };
  };
  // A managed route must list the baseline destination too (at weight 0 outside a release).
  const withBaseline = (managed: ManagedRoute): ManagedRoute => {
    const name = baselineOf(config);
    if (name === undefined) return managed;
    const list = Array.isArray(managed.route.route) ? managed.route.route : [];
    const baseline = list.findIndex(
      (item) => roleOf(isMap(item) ? item.destination : undefined, config) === 'baseline',
    );
    if (baseline < 0) {
      throw new GitcanaryError(
        'BACKEND_MISSING',
        `HTTP route ${typeof managed.route.name === 'string' ? `"${managed.route.name}"` : `#${managed.index + 1}`} has no baseline destination "${name}"`,
        {
          ...place(tree, doc, [...HTTP, managed.index, 'route']),
          hint: `add a destination for ${name} with weight 0`,
        },
      );
    }
    return { ...managed, baseline };
  };
  const wanted = config.virtualService.routes;
  if (wanted !== undefined) {
    return wanted.map((name) => {
      const index = http.findIndex((route) => route.name === name);
      if (index < 0) {
        throw new GitcanaryError('FIELD_MISSING', `HTTP route "${name}" not found`, {
          ...place(tree, doc, HTTP),
          hint: `named routes: ${
            http
              .map((route) => route.name)
              .filter(Boolean)
              .join(', ') || '(none)'
          }`,
        });
      }
      const { stable, canary } = destinationsOf(http[index]!);
      if (stable < 0 || canary < 0) {
        throw new GitcanaryError(
          'BACKEND_MISSING',
          `HTTP route "${name}" has no ${stable < 0 ? 'stable' : 'canary'} destination`,
          {
            ...place(tree, doc, [...HTTP, index, 'route']),
            hint: describeDestinations(config),
          },
        );
      }
      return withBaseline({ index, route: http[index]!, stable, canary });
    });
  }
  const managed = http.flatMap((route, index) => {
    if (typeof route.name === 'string' && appended.has(route.name)) return [];
    const { stable, canary } = destinationsOf(route);
    return stable >= 0 && canary >= 0 ? [{ index, route, stable, canary }] : [];
  });
  if (managed.length === 0) {
    throw new GitcanaryError('BACKEND_MISSING', 'no HTTP route of the VirtualService has both destinations', {
      ...place(tree, doc, HTTP),
      hint: describeDestinations(config),
    });
  }
  return managed.map(withBaseline);
}

function describeDestinations(config: IstioConfig): string {
  const rule = config.destinationRule;
  return rule === undefined
    ? `expected destinations with host ${config.stableService} and ${config.canaryService}`
    : `expected destinations with subset ${rule.stableSubsetName} and ${rule.canarySubsetName}`;
}

const stringMatch = z.strictObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
const managedSchema = z.strictObject({
  headerRoutes: z.array(
    z.strictObject({
      name: z.string(),
      match: z.array(z.strictObject({ headerName: z.string(), headerValue: stringMatch })),
    }),
  ),
  mirrorRoutes: z.array(
    z.strictObject({
      name: z.string(),
      percentage: z.number(),
      match: z
        .array(
          z.strictObject({
            method: stringMatch.optional(),
            path: stringMatch.optional(),
            headers: z.record(z.string(), stringMatch).optional(),
          }),
        )
        .optional(),
    }),
  ),
  routes: z.array(z.string()),
});

function readManaged(doc: ResourceDoc): ManagedRoutes {
  const raw = annotationJson(doc, MANAGED_ROUTES_ANNOTATION);
  if (raw === undefined) return { headerRoutes: [], mirrorRoutes: [], routes: [] };
  const parsed = managedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GitcanaryError('FIELD_INVALID', 'the managed-routes annotation was not written by gitcanary', {
      file: doc.file,
      field: `metadata.annotations.${MANAGED_ROUTES_ANNOTATION}`,
      hint: 'remove the annotation and the HTTP routes it names; gitcanary writes them again at the next step',
    });
  }
  return parsed.data as ManagedRoutes;
}

/** Header routes first, then mirror routes, before the user's routes (Istio matches in order). */
function writeManaged(tree: ManifestTree, config: IstioConfig, wanted: ManagedRoutes): ManifestTree {
  const find = (t: ManifestTree) => findVirtualService(t, config);
  const doc = find(tree);
  const current = readManaged(doc);
  const managed = managedRoutes(tree, config);
  const userNames = new Set(
    listAt(tree, doc, HTTP, 'spec.http routes')
      .map((route) => route.name)
      .filter((name): name is string => typeof name === 'string' && !current.routes.includes(name)),
  );
  const named = (base: string, i: number) => (managed.length === 1 ? base : `${base}-${i + 1}`);
  const routes: PlainMap[] = [];
  for (const headerRoute of wanted.headerRoutes) {
    managed.forEach((route, i) => {
      routes.push(headerHttpRoute(named(headerRoute.name, i), route, headerRoute));
    });
  }
  for (const mirrorRoute of wanted.mirrorRoutes) {
    managed.forEach((route, i) => {
      routes.push(mirrorHttpRoute(named(mirrorRoute.name, i), route, mirrorRoute));
    });
  }
  for (const route of routes) {
    if (userNames.has(String(route.name))) {
      throw new GitcanaryError(
        'RESOURCE_DUPLICATE',
        `the VirtualService already has an HTTP route named "${String(route.name)}"`,
        {
          ...place(tree, doc, HTTP),
          hint: 'give the header or mirror route another name',
        },
      );
    }
  }
  let next = syncOwnedItems(tree, find, HTTP, new Set(current.routes), routes, 'start');
  const record: ManagedRoutes = {
    headerRoutes: wanted.headerRoutes,
    mirrorRoutes: wanted.mirrorRoutes,
    routes: routes.map((route) => String(route.name)),
  };
  next = setAnnotationJson(
    next,
    find(next),
    MANAGED_ROUTES_ANNOTATION,
    routes.length === 0 ? undefined : record,
  );
  return next;
}

/** Argo's SetHeaderRoute: the managed route's matches with the headers added, canary destination only. */
function headerHttpRoute(name: string, managed: ManagedRoute, headerRoute: HeaderRoute): PlainMap {
  const headers = Object.fromEntries(
    headerRoute.match.map((match) => [match.headerName, { ...match.headerValue }]),
  );
  const matches =
    Array.isArray(managed.route.match) && managed.route.match.length > 0 ? managed.route.match : [{}];
  const destinations = managed.route.route as PlainMap[];
  const { weight: _weight, ...canary } = destinations[managed.canary]!;
  return {
    name,
    match: matches.map((m) => {
      const plain = isMap(m) ? m : {};
      return { ...plain, headers: { ...(isMap(plain.headers) ? plain.headers : {}), ...headers } };
    }),
    route: [canary],
  };
}

/** Argo's SetMirrorRoute: matching requests keep the weighted destinations and are mirrored to the canary. */
function mirrorHttpRoute(name: string, managed: ManagedRoute, mirror: MirrorRoute): PlainMap {
  const destinations = managed.route.route as PlainMap[];
  const canary = destinations[managed.canary]!;
  const match = (mirror.match ?? []).map((item) => ({
    ...(item.method === undefined ? {} : { method: { ...item.method } }),
    ...(item.path === undefined ? {} : { uri: { ...item.path } }),
    ...(item.headers === undefined ? {} : { headers: { ...item.headers } }),
  }));
  return {
    name,
    ...(match.length === 0 ? {} : { match }),
    route: destinations,
    mirror: canary.destination,
    mirrorPercentage: { value: mirror.percentage },
  };
}
