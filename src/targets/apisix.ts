import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { fieldPath, GitcanaryError } from '../errors.js';
import {
  describeDoc,
  detectStyle,
  type FileStyle,
  type ManifestTree,
  type ResourceDoc,
  STYLE_SAMPLE_BYTES,
  setIn,
  toPlain,
  valueAt,
  type YamlPath,
} from '../manifests/index.js';
import {
  assertWeight,
  baselineServiceSchema,
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  distinctBackends,
  distinctServices,
  escapeRegex,
  filesUnder,
  headerNameSchema,
  headerValueSchema as headerTextSchema,
  isMap,
  isValidRegex,
  joinPath,
  MANAGED_FILE_MARKER,
  manifestPathSchema,
  namespaceSchema,
  place,
  resourceNameSchema,
  resourceNames,
  ruleNameSchema,
  safeJson,
  serviceNameSchema,
  sharesOf,
  splitWeights,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';
import type { HeaderMatch, HeaderRoute } from './types.js';

// ApisixRoute (Apache APISIX Ingress Controller) as a traffic router, the way Argo Rollouts' APISIX
// router drives it (rollout/trafficrouting/apisix): canary and stable backends of the managed
// `spec.http[]` rules get weights W and 100-W; each header route is its own ApisixRoute, named like
// the header route, one priority above the rule, sending matching requests only to the canary.

export const APISIX_API_VERSIONS = ['apisix.apache.org/v2', 'apisix.apache.org/v2beta3'] as const;

export { assertWeight, MANAGED_FILE_MARKER };

/** Annotation that keeps a header route's `match` as given, so prefix and regex read back exactly. */
export const HEADER_ROUTE_ANNOTATION = 'gitcanary.dev/header-route-match';

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

// apisix-ingress-controller translates a backend without `weight` to weight 100 (`_defaultWeight`).
const APISIX_DEFAULT_WEIGHT = 100;

export const apisixConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('ApisixRoute manifest file, or a folder searched for it.'),
    route: resourceNameSchema.describe('metadata.name of the ApisixRoute.'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    rules: z
      .array(ruleNameSchema)
      .min(1)
      .optional()
      .describe(
        'Names of the spec.http[] rules to manage. Default: the rule named like the route, or the only rule.',
      ),
    stableService: serviceNameSchema.describe('serviceName of the stable backend.'),
    canaryService: serviceNameSchema.describe('serviceName of the canary backend.'),
    baselineService: baselineServiceSchema,
    headerRouteFile: manifestPathSchema
      .optional()
      .describe('File gitcanary owns for header routes. Default: <route dir>/<route>-gitcanary-routes.yaml.'),
  })
  .refine(distinctServices, DISTINCT_SERVICES)
  .refine(distinctBackends, DISTINCT_BASELINE);

export type ApisixConfig = z.infer<typeof apisixConfigSchema>;

/** The rule/route selection part of the config: what reading weights needs. */
export type ApisixRouteSelector = Pick<ApisixConfig, 'file' | 'route' | 'namespace' | 'rules'>;

/** A managed `spec.http[]` rule: its index and name. */
export interface ManagedRule {
  index: number;
  name: string;
}

type PlainMap = Record<string, unknown>;

export const apisixRouter: TrafficRouter<ApisixConfig> = {
  key: 'apisix',
  configSchema: apisixConfigSchema,
  kinds: ['ApisixRoute'],
  // Header routes are ApisixRoutes of their own; several backends per rule carry a baseline too.
  // Argo Rollouts' APISIX router has no mirroring (SetMirrorRoute returns nil): refused here.
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: Number.POSITIVE_INFINITY,
    headerValue: ['exact', 'prefix', 'regex'],
    mirrorRoutes: false,
    extraBackends: true,
  },
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      route: config.route,
      stableService: config.stableService,
      canaryService: config.canaryService,
      apisixRoute: config.route,
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files(config) {
    return [config.file];
  },
  ownedFiles(config) {
    // The header-route file gitcanary owns; absent until the first header route.
    const owned =
      config.headerRouteFile ?? (isManifestFile(config.file) ? defaultOwnedFile(config) : undefined);
    return owned !== undefined && owned !== config.file ? [owned] : [];
  },
  baselineBackend: (config) => config.baselineService,
  setWeight: (tree, config, canaryWeight, context) =>
    setCanaryWeight(tree, config, canaryWeight, context?.baselineWeight),
  setHeaderRoutes: (tree, config, routes) => setHeaderRoutes(tree, config, routes),
  observe(tree, config) {
    const { canary, baseline } = readWeights(tree, config);
    return {
      canaryWeight: canary,
      ...(config.baselineService === undefined ? {} : { baselineWeight: baseline }),
      headerRoutes: readHeaderRoutes(tree, config),
      mirrorRoutes: [],
    };
  },
  detects(tree, files) {
    return tree.hasResource(files, { kind: 'ApisixRoute' });
  },
  configFromCli(tree, options) {
    const route =
      options.route ?? onlyName(apisixRouteNames(tree, options.file), 'ApisixRoute', options.file);
    const selector = { file: options.file, route, rules: options.rule };
    const doc = findApisixRoute(tree, selector);
    const rule = managedRules(tree, doc, selector)[0]!;
    const backends = valueAt(doc, ['spec', 'http', rule.index, 'backends']);
    const names = (Array.isArray(backends) ? backends : []).map((backend: unknown) =>
      String((backend as { serviceName?: unknown } | null)?.serviceName),
    );
    const { stable, canary } = inferBackends(names, options, `rule "${rule.name}"`);
    return { ...selector, stableService: stable, canaryService: canary };
  },
};

export const apisixTarget = routerTarget(apisixRouter);

/**
 * Set canary weight W and stable weight 100-W on every managed rule (100-W-B, and B to the baseline
 * backend, with a baselineService); unchanged weights stay untouched.
 */
export function setCanaryWeight(
  tree: ManifestTree,
  config: ApisixConfig,
  canaryWeight: number,
  baselineWeight = 0,
): ManifestTree {
  const weights = splitWeights(canaryWeight, config.baselineService === undefined ? 0 : baselineWeight);
  const route = findApisixRoute(tree, config);
  const edits: { path: YamlPath; weight: number }[] = [];
  for (const rule of managedRules(tree, route, config)) {
    const { stable, canary, baseline } = ruleBackends(tree, route, rule, config);
    const backends = ['spec', 'http', rule.index, 'backends'];
    edits.push({ path: [...backends, canary, 'weight'], weight: weights.canary });
    edits.push({ path: [...backends, stable, 'weight'], weight: weights.stable });
    if (baseline !== undefined)
      edits.push({ path: [...backends, baseline, 'weight'], weight: weights.baseline });
  }
  let next = tree;
  for (const edit of edits) {
    // Each edit re-reads the document so offsets refer to the current text.
    const current = next.document(route.file, route.index)!;
    next = setIn(next, current, edit.path, edit.weight);
  }
  return next;
}

/**
 * Percent of traffic the canary backend gets among the canary and stable backends of the managed
 * rules (a backend without `weight` counts as APISIX's default 100). Rules that disagree are an error.
 */
export function readCanaryWeight(
  tree: ManifestTree,
  config: ApisixRouteSelector & Pick<ApisixConfig, 'stableService' | 'canaryService' | 'baselineService'>,
): number {
  return readWeights(tree, config).canary;
}

/** Percent to the canary and to the baseline backend (0 without one), read as readCanaryWeight reads. */
export function readWeights(
  tree: ManifestTree,
  config: ApisixRouteSelector & Pick<ApisixConfig, 'stableService' | 'canaryService' | 'baselineService'>,
): { canary: number; baseline: number } {
  const route = findApisixRoute(tree, config);
  let first: { rule: ManagedRule; canaryWeight: number; baselineWeight: number } | undefined;
  for (const rule of managedRules(tree, route, config)) {
    const { stable, canary, baseline, backends } = ruleBackends(tree, route, rule, config);
    const shares = sharesOf(
      backendWeight(tree, route, rule, canary, backends[canary]),
      backendWeight(tree, route, rule, stable, backends[stable]),
      baseline === undefined ? 0 : backendWeight(tree, route, rule, baseline, backends[baseline]),
    );
    const canaryWeight = shares.canary;
    if (first === undefined) first = { rule, canaryWeight, baselineWeight: shares.baseline };
    else if (first.canaryWeight !== canaryWeight || first.baselineWeight !== shares.baseline) {
      throw new GitcanaryError(
        'FIELD_INVALID',
        first.canaryWeight !== canaryWeight
          ? `managed rules disagree: rule "${first.rule.name}" sends ${first.canaryWeight}% to the canary, rule "${rule.name}" ${canaryWeight}%`
          : `managed rules disagree: rule "${first.rule.name}" sends ${first.baselineWeight}% to the baseline, rule "${rule.name}" ${shares.baseline}%`,
        {
          ...place(tree, route, ['spec', 'http', rule.index, 'backends']),
          hint: 'set the weight again to make the rules agree',
        },
      );
    }
  }
  return { canary: first?.canaryWeight ?? 0, baseline: first?.baselineWeight ?? 0 };
}

/** Write the header routes into the file gitcanary owns; no header routes deletes that file. */
export function setHeaderRoutes(
  tree: ManifestTree,
  config: ApisixConfig,
  headerRoutes: readonly HeaderRoute[],
): ManifestTree {
  const route = findApisixRoute(tree, config);
  const owned = ownedFile(route, config);
  assertOwned(tree, owned, config);
  if (headerRoutes.length === 0) return tree.has(owned) ? tree.with(owned, null) : tree;
  validateHeaderRoutes(tree, route, owned, headerRoutes);
  const rules = managedRules(tree, route, config);
  const plainRoute = toPlain(route) as PlainMap;
  const httpRules = valueAt(route, ['spec', 'http']) as PlainMap[];
  const documents = headerRoutes.map((headerRoute) =>
    headerRouteResource(
      plainRoute,
      rules.map((rule) => {
        const { canary, backends } = ruleBackends(tree, route, rule, config);
        return headerRule(httpRules[rule.index]!, backends[canary]!, headerRoute.match);
      }),
      headerRoute,
    ),
  );
  // The route file's style from its first documents: a large file is not put together to read it.
  const routeStyle = detectStyle(tree.head(route.file, STYLE_SAMPLE_BYTES));
  return tree.with(owned, renderOwnedFile(routeStyle, describeDoc(route), documents));
}

/** Header routes as written in the owned file (empty when it does not exist). */
export function readHeaderRoutes(tree: ManifestTree, config: ApisixConfig): HeaderRoute[] {
  const route = findApisixRoute(tree, config);
  const owned = ownedFile(route, config);
  if (!tree.has(owned)) return [];
  assertOwned(tree, owned, config);
  return tree
    .documents(owned)
    .filter((doc) => doc.kind === 'ApisixRoute')
    .map((doc) => {
      const annotation = valueAt(doc, ['metadata', 'annotations', HEADER_ROUTE_ANNOTATION]);
      const match =
        typeof annotation === 'string' ? headerMatchList.safeParse(safeJson(annotation)) : undefined;
      if (doc.name === undefined || !match?.success) {
        throw new GitcanaryError('FIELD_INVALID', 'header route was not written by gitcanary', {
          ...place(tree, doc, ['metadata', 'annotations', HEADER_ROUTE_ANNOTATION]),
          hint: `delete ${owned}; gitcanary writes it again at the next step`,
        });
      }
      return { name: doc.name, match: match.data };
    });
}

/** The repository path of the file gitcanary owns for this route's header routes. */
export function ownedHeaderRouteFile(tree: ManifestTree, config: ApisixConfig): string {
  return ownedFile(findApisixRoute(tree, config), config);
}

/**
 * The ApisixRoute named by `config` in `config.file` (a file, or a folder searched recursively).
 * Files gitcanary owns are not searched, so header routes never shadow the route.
 */
export function findApisixRoute(tree: ManifestTree, selector: ApisixRouteSelector): ResourceDoc {
  return tree.find(
    {
      kind: 'ApisixRoute',
      name: selector.route,
      namespace: selector.namespace,
      apiVersions: APISIX_API_VERSIONS,
    },
    filesUnder(tree, selector.file),
  );
}

/** Names of the ApisixRoutes in `file` (a file or folder), outside the files gitcanary owns. */
export function apisixRouteNames(tree: ManifestTree, file: string): string[] {
  return resourceNames(tree, file, 'ApisixRoute', APISIX_API_VERSIONS);
}

/**
 * The managed rules: `config.rules`, else the rule named like the route, else the route's only rule
 * (Argo Rollouts defaults to the route's name; Flagger-style routes often have one rule named otherwise).
 */
export function managedRules(
  tree: ManifestTree,
  route: ResourceDoc,
  selector: ApisixRouteSelector,
): ManagedRule[] {
  const http = valueAt(route, ['spec', 'http']);
  if (!Array.isArray(http) || http.length === 0) {
    throw new GitcanaryError('FIELD_MISSING', 'the ApisixRoute has no spec.http rules', {
      ...place(tree, route, ['spec']),
      hint: 'gitcanary sets weights on spec.http[].backends',
    });
  }
  const names = http.map((rule) => (isMap(rule) && typeof rule.name === 'string' ? rule.name : undefined));
  const present = names.filter((name) => name !== undefined).join(', ');
  if (selector.rules === undefined) {
    const byRouteName = names.indexOf(selector.route);
    if (byRouteName >= 0) return [{ index: byRouteName, name: selector.route }];
    if (http.length === 1) return [{ index: 0, name: names[0] ?? '' }];
    throw new GitcanaryError('FIELD_MISSING', `no rule is named like the route ("${selector.route}")`, {
      ...place(tree, route, ['spec', 'http']),
      hint: `name the rules to manage (config \`rules\`, CLI --rule); rules present: ${present}`,
    });
  }
  return [...new Set(selector.rules)].map((name) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new GitcanaryError('FIELD_MISSING', `rule "${name}" not found`, {
        ...place(tree, route, ['spec', 'http']),
        hint: `rules present: ${present}`,
      });
    }
    return { index, name };
  });
}

/** Indexes of the stable and canary backends of a rule; a missing one is BACKEND_MISSING. */
export function ruleBackends(
  tree: ManifestTree,
  route: ResourceDoc,
  rule: ManagedRule,
  services: Pick<ApisixConfig, 'stableService' | 'canaryService' | 'baselineService'>,
): { stable: number; canary: number; baseline?: number; backends: PlainMap[] } {
  const field: YamlPath = ['spec', 'http', rule.index, 'backends'];
  const value = valueAt(route, field);
  const backends = Array.isArray(value) ? value.filter(isMap) : [];
  const names = backends.map((backend) => String(backend.serviceName));
  const find = (role: 'stable' | 'canary' | 'baseline', serviceName: string): number => {
    const index = names.indexOf(serviceName);
    if (index < 0) {
      throw new GitcanaryError(
        'BACKEND_MISSING',
        `rule "${rule.name}" has no ${role} backend "${serviceName}"`,
        {
          ...place(tree, route, Array.isArray(value) ? field : field.slice(0, -1)),
          field: fieldPath(field),
          hint:
            names.length > 0
              ? `backends present: ${names.join(', ')}`
              : `add backends for ${services.stableService} and ${services.canaryService}`,
        },
      );
    }
    return index;
  };
  return {
    stable: find('stable', services.stableService),
    canary: find('canary', services.canaryService),
    ...(services.baselineService === undefined
      ? {}
      : { baseline: find('baseline', services.baselineService) }),
    backends,
  };
}

function backendWeight(
  tree: ManifestTree,
  route: ResourceDoc,
  rule: ManagedRule,
  index: number,
  backend: PlainMap | undefined,
): number {
  const weight = backend?.weight;
  if (weight === undefined || weight === null) return APISIX_DEFAULT_WEIGHT;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0) {
    throw new GitcanaryError(
      'WEIGHT_INVALID',
      `backend weight must be a non-negative integer, got ${String(weight)}`,
      {
        ...place(tree, route, ['spec', 'http', rule.index, 'backends', index, 'weight']),
      },
    );
  }
  return weight;
}

// --- header routes --------------------------------------------------------------------------------

const headerValueSchema = z
  .strictObject({
    exact: headerTextSchema,
    prefix: headerTextSchema,
    regex: headerTextSchema.refine(isValidRegex, 'not a valid regular expression'),
  })
  .partial()
  .refine((value) => Object.values(value).filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of exact, prefix, regex',
  });

const headerMatchList = z
  .array(z.strictObject({ headerName: headerNameSchema, headerValue: headerValueSchema }))
  .min(1);

function validateHeaderRoutes(
  tree: ManifestTree,
  route: ResourceDoc,
  owned: string,
  headerRoutes: readonly HeaderRoute[],
): void {
  const seen = new Set<string>();
  const files = tree.paths().filter((file) => file !== owned);
  // Only ApisixRoutes named like a header route can clash: the others are never parsed.
  const clashing = (name: string) =>
    tree.resources(files, { kind: 'ApisixRoute', name }).find((doc) => doc.namespace === route.namespace);
  for (const [i, headerRoute] of headerRoutes.entries()) {
    const field = `headerRoutes[${i}]`;
    if (!resourceNameSchema.safeParse(headerRoute.name).success) {
      throw new GitcanaryError(
        'FIELD_INVALID',
        `header route name "${headerRoute.name}" is not a valid resource name`,
        {
          field: `${field}.name`,
          hint: 'lower-case letters, digits, "-" and "."; it becomes the ApisixRoute name',
        },
      );
    }
    if (seen.has(headerRoute.name)) {
      throw new GitcanaryError('FIELD_INVALID', `header route "${headerRoute.name}" is given twice`, {
        field: `${field}.name`,
      });
    }
    seen.add(headerRoute.name);
    const clash = clashing(headerRoute.name);
    if (clash) {
      // Argo Rollouts refuses too ("duplicate ApisixRoute already exists") when it does not own the route.
      throw new GitcanaryError(
        'RESOURCE_DUPLICATE',
        'an ApisixRoute with the header route name already exists',
        {
          ...place(tree, clash, ['metadata', 'name']),
          hint: 'give the header route another name',
        },
      );
    }
    const match = headerMatchList.safeParse(headerRoute.match);
    if (!match.success) {
      const issue = match.error.issues[0]!;
      throw new GitcanaryError('FIELD_INVALID', `header route "${headerRoute.name}": ${issue.message}`, {
        field: fieldPath([`${field}.match`, ...issue.path.filter((p) => typeof p !== 'symbol')]),
        hint: 'each match needs a headerName and one of exact, prefix or regex',
      });
    }
  }
}

/** One http rule of a header route: the managed rule's match and plugins, canary only, priority + 1. */
function headerRule(rule: PlainMap, canaryBackend: PlainMap, match: readonly HeaderMatch[]): PlainMap {
  const { name, priority, match: ruleMatch, backends: _backends, upstreams: _upstreams, ...rest } = rule;
  const plainMatch = isMap(ruleMatch) ? ruleMatch : {};
  const exprs = Array.isArray(plainMatch.exprs) ? plainMatch.exprs : [];
  // Plugins, authentication and timeouts are kept: a header must not bypass what the rule enforces.
  return {
    name,
    priority: (typeof priority === 'number' ? priority : 0) + 1,
    match: { ...plainMatch, exprs: [...exprs, ...match.map(headerExpr)] },
    backends: [{ ...canaryBackend, weight: 100 }],
    ...rest,
  };
}

function headerExpr(match: HeaderMatch): PlainMap {
  const { exact, prefix, regex } = match.headerValue;
  const subject = { scope: 'Header', name: match.headerName };
  if (exact !== undefined) return { subject, op: 'Equal', value: exact };
  if (regex !== undefined) return { subject, op: 'RegexMatch', value: regex };
  // Argo Rollouts writes `^<prefix>.*` unescaped; escaping keeps a prefix like `v1.2` literal.
  return { subject, op: 'RegexMatch', value: `^${escapeRegex(prefix ?? '')}` };
}

function headerRouteResource(route: PlainMap, http: PlainMap[], headerRoute: HeaderRoute): PlainMap {
  const metadata = isMap(route.metadata) ? route.metadata : {};
  const spec = isMap(route.spec) ? route.spec : {};
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const ingressClass = annotations['kubernetes.io/ingress.class'];
  return {
    apiVersion: route.apiVersion,
    kind: 'ApisixRoute',
    metadata: {
      name: headerRoute.name,
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      labels: { [MANAGED_BY_LABEL]: 'gitcanary' },
      annotations: {
        ...(ingressClass === undefined ? {} : { 'kubernetes.io/ingress.class': ingressClass }),
        [HEADER_ROUTE_ANNOTATION]: JSON.stringify(headerRoute.match),
      },
    },
    spec: {
      ...(spec.ingressClassName === undefined ? {} : { ingressClassName: spec.ingressClassName }),
      http,
    },
  };
}

/** Whole-file text in the route file's line ending and indentation; same input, same bytes. */
function renderOwnedFile(style: FileStyle, resource: string, documents: PlainMap[]): string {
  const header = [
    `${MANAGED_FILE_MARKER}: header routes of ${resource} during a canary release.`,
    '# gitcanary rewrites this file at every step and deletes it when no header route is active.',
  ];
  const body = documents.map((document) =>
    stringify(document, { indent: style.unit, indentSeq: !style.indentlessSeq, lineWidth: 0 }),
  );
  const text = `${header.join('\n')}\n${body.join('---\n')}`;
  return style.eol === '\n' ? text : text.replace(/\n/g, style.eol);
}

function assertOwned(tree: ManifestTree, owned: string, config: ApisixConfig): void {
  if (tree.has(owned) && !tree.text(owned).startsWith(MANAGED_FILE_MARKER)) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      'the header route file exists and is not managed by gitcanary',
      {
        file: owned,
        field: 'headerRouteFile',
        hint:
          config.headerRouteFile === undefined
            ? 'set headerRouteFile to a path gitcanary may own'
            : 'choose a headerRouteFile that does not exist yet',
      },
    );
  }
}

function ownedFile(route: ResourceDoc, config: ApisixConfig): string {
  if (config.headerRouteFile !== undefined) return config.headerRouteFile;
  return joinPath(path.posix.dirname(route.file), `${config.route}-gitcanary-routes.yaml`);
}

function defaultOwnedFile(config: ApisixConfig): string {
  return joinPath(path.posix.dirname(config.file), `${config.route}-gitcanary-routes.yaml`);
}

function isManifestFile(file: string): boolean {
  return /\.ya?ml$/.test(file);
}
