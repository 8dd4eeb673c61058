import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, valueAt } from '../manifests/index.js';
import {
  agreeingWeight,
  annotationJson,
  backendShares,
  baselineServiceSchema,
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  distinctBackends,
  distinctServices,
  escapeRegex,
  findResource,
  isMap,
  listAt,
  manifestPathSchema,
  namespaceSchema,
  type PlainMap,
  place,
  resourceNameSchema,
  resourceNames,
  ruleNameSchema,
  serviceNameSchema,
  setAnnotationJson,
  splitWeights,
  syncOwnedItems,
  writeBackendWeights,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter } from './router.js';
import type { HeaderMatch, HeaderRoute, MirrorRoute } from './types.js';

// Gateway API HTTPRoute (gateway.networking.k8s.io v1/v1beta1), the way Argo Rollouts' Gateway API
// plugin and Flagger's gatewayapi router drive it: `backendRefs[].weight` of the managed rules
// (canary W, stable 100 - W; an absent weight is Gateway API's default 1). Header routes and mirror
// routes are rules gitcanary appends to the same HTTPRoute: a header rule copies the managed rule's
// matches plus the headers and sends only to the canary. Gateway API ranks matches by specificity
// (path, then method, then the number of header matches — HTTPRouteRule's documented precedence),
// not by rule order, so an appended rule with more header matches wins over the managed rule.
// What gitcanary manages is recorded in one annotation, so it reads back exactly and is removed.

export const HTTPROUTE_API_VERSIONS = [
  'gateway.networking.k8s.io/v1',
  'gateway.networking.k8s.io/v1beta1',
] as const;

/** Annotation recording the header and mirror routes gitcanary added to the HTTPRoute. */
export const MANAGED_ROUTES_ANNOTATION = 'gitcanary.dev/managed-routes';

/** Gateway API's default backendRef weight. */
const DEFAULT_WEIGHT = 1;
/** The HTTPRoute CRD's `spec.rules` maxItems. */
const MAX_RULES = 16;

export const gatewayApiConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('HTTPRoute manifest file, or a folder searched for it.'),
    httpRoute: resourceNameSchema.describe('metadata.name of the HTTPRoute.'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    rules: z
      .array(ruleNameSchema)
      .min(1)
      .optional()
      .describe('Names of the spec.rules[] to manage. Default: every rule with both backends.'),
    stableService: serviceNameSchema.describe('backendRefs[].name of the stable Service.'),
    canaryService: serviceNameSchema.describe('backendRefs[].name of the canary Service.'),
    baselineService: baselineServiceSchema,
  })
  .refine(distinctServices, DISTINCT_SERVICES)
  .refine(distinctBackends, DISTINCT_BASELINE);

export type GatewayApiConfig = z.infer<typeof gatewayApiConfigSchema>;

interface ManagedRoutes {
  headerRoutes: HeaderRoute[];
  mirrorRoutes: MirrorRoute[];
  /** Names of the rules gitcanary appended. */
  rules: string[];
}

interface ManagedRule {
  index: number;
  rule: PlainMap;
  stable: number;
  canary: number;
  /** Index of the baseline backendRef, with a baselineService. */
  baseline?: number | undefined;
}

const RULES: readonly string[] = ['spec', 'rules'];

export const gatewayApiRouter: TrafficRouter<GatewayApiConfig> = {
  key: 'gatewayAPI',
  configSchema: gatewayApiConfigSchema,
  kinds: ['HTTPRoute'],
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: 16,
    headerValue: ['exact', 'prefix', 'regex'],
    mirrorRoutes: true,
    extraBackends: true,
  },
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      route: config.httpRoute,
      httpRoute: config.httpRoute,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const find = (current: ManifestTree) => findHttpRoute(current, config);
    let next = tree;
    for (const managed of managedRules(tree, config)) {
      next = writeBackendWeights(next, find, [...RULES, managed.index, 'backendRefs'], managed, weights);
    }
    // Mirror rules carry the weighted backends too: they follow the new weight.
    const current = readManaged(findHttpRoute(next, config));
    return current.mirrorRoutes.length > 0 ? writeManaged(next, config, current) : next;
  },
  setHeaderRoutes(tree, config, headerRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findHttpRoute(tree, config)),
      headerRoutes: [...headerRoutes],
    });
  },
  setMirrorRoutes(tree, config, mirrorRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findHttpRoute(tree, config)),
      mirrorRoutes: [...mirrorRoutes],
    });
  },
  observe(tree, config) {
    const doc = findHttpRoute(tree, config);
    const readings = managedRules(tree, config).map((managed) => {
      const refs = [...RULES, managed.index, 'backendRefs'];
      const shares = backendShares(tree, doc, refs, managed, DEFAULT_WEIGHT);
      const where = `rule ${ruleLabel(managed)}`;
      return { where, shares, details: place(tree, doc, refs) };
    });
    const canaryWeight = agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.canary })));
    const managed = readManaged(doc);
    return {
      canaryWeight,
      ...(config.baselineService === undefined
        ? {}
        : { baselineWeight: agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.baseline }))) }),
      headerRoutes: managed.headerRoutes,
      mirrorRoutes: managed.mirrorRoutes,
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'HTTPRoute' }),
  configFromCli(tree, options) {
    const httpRoute =
      options.route ??
      onlyName(
        resourceNames(tree, options.file, 'HTTPRoute', HTTPROUTE_API_VERSIONS),
        'HTTPRoute',
        options.file,
      );
    const doc = findResource(tree, options.file, {
      kind: 'HTTPRoute',
      name: httpRoute,
      apiVersions: HTTPROUTE_API_VERSIONS,
    });
    const rules = listAt(tree, doc, RULES, 'spec.rules');
    const named =
      options.rule === undefined ? rules : rules.filter((rule) => options.rule?.includes(String(rule.name)));
    const refs = (named[0]?.backendRefs as unknown[] | undefined) ?? [];
    const names = refs.map((ref) => String(isMap(ref) ? ref.name : ''));
    const { stable, canary } = inferBackends(names, options, 'the first rule');
    return {
      file: options.file,
      httpRoute,
      ...(options.rule === undefined ? {} : { rules: options.rule }),
      stableService: stable,
      canaryService: canary,
    };
  },
};

export const gatewayApiTarget = routerTarget(gatewayApiRouter);

export function findHttpRoute(tree: ManifestTree, config: GatewayApiConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'HTTPRoute',
    name: config.httpRoute,
    namespace: config.namespace,
    apiVersions: HTTPROUTE_API_VERSIONS,
  });
}

/** The managed rules: named in `rules`, else every user rule that has both backends. */
function managedRules(tree: ManifestTree, config: GatewayApiConfig): ManagedRule[] {
  const doc = findHttpRoute(tree, config);
  const rules = listAt(tree, doc, RULES, 'spec.rules');
  const appended = new Set(readManaged(doc).rules);
  const backendsOf = (rule: PlainMap) => {
    const refs = Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    const names = refs.map((ref) =>
      isMap(ref) && (ref.kind ?? 'Service') === 'Service' ? ref.name : undefined,
    );
    return {
      stable: names.indexOf(config.stableService),
      canary: names.indexOf(config.canaryService),
      names,
    };
  };
  // A managed rule must list the baseline's Service too (at weight 0 outside a release).
  const withBaseline = (managed: ManagedRule): ManagedRule => {
    if (config.baselineService === undefined) return managed;
    const refs = Array.isArray(managed.rule.backendRefs) ? managed.rule.backendRefs : [];
    const baseline = refs.findIndex(
      (ref) => isMap(ref) && (ref.kind ?? 'Service') === 'Service' && ref.name === config.baselineService,
    );
    if (baseline < 0) {
      throw new GitcanaryError(
        'BACKEND_MISSING',
        `rule ${ruleLabel(managed)} has no baseline backend "${config.baselineService}"`,
        {
          ...place(tree, doc, [...RULES, managed.index, 'backendRefs']),
          hint: `add a backendRef for ${config.baselineService} with weight 0`,
        },
      );
    }
    return { ...managed, baseline };
  };
  if (config.rules !== undefined) {
    return config.rules.map((name) => {
      const index = rules.findIndex((rule) => rule.name === name);
      if (index < 0) {
        throw new GitcanaryError('FIELD_MISSING', `rule "${name}" not found`, {
          ...place(tree, doc, RULES),
          hint: `named rules: ${
            rules
              .map((rule) => rule.name)
              .filter(Boolean)
              .join(', ') || '(none)'
          }`,
        });
      }
      const { stable, canary, names } = backendsOf(rules[index]!);
      if (stable < 0 || canary < 0) {
        throw new GitcanaryError(
          'BACKEND_MISSING',
          `rule "${name}" has no ${stable < 0 ? `stable backend "${config.stableService}"` : `canary backend "${config.canaryService}"`}`,
          { ...place(tree, doc, [...RULES, index, 'backendRefs']), hint: `backendRefs: ${names.join(', ')}` },
        );
      }
      return withBaseline({ index, rule: rules[index]!, stable, canary });
    });
  }
  const managed = rules.flatMap((rule, index) => {
    if (typeof rule.name === 'string' && appended.has(rule.name)) return [];
    const { stable, canary } = backendsOf(rule);
    return stable >= 0 && canary >= 0 ? [{ index, rule, stable, canary }] : [];
  });
  if (managed.length === 0) {
    throw new GitcanaryError(
      'BACKEND_MISSING',
      `no rule of the HTTPRoute has both backends "${config.stableService}" and "${config.canaryService}"`,
      { ...place(tree, doc, RULES), hint: 'add both Services to the backendRefs of the rules to split' },
    );
  }
  return managed.map(withBaseline);
}

function ruleLabel(managed: ManagedRule): string {
  return typeof managed.rule.name === 'string' ? `"${managed.rule.name}"` : `#${managed.index + 1}`;
}

const stringMatchSchema = z.strictObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
const managedSchema = z.strictObject({
  headerRoutes: z.array(
    z.strictObject({
      name: z.string(),
      match: z.array(z.strictObject({ headerName: z.string(), headerValue: stringMatchSchema })),
    }),
  ),
  mirrorRoutes: z.array(
    z.strictObject({
      name: z.string(),
      percentage: z.number(),
      match: z
        .array(
          z.strictObject({
            method: stringMatchSchema.optional(),
            path: stringMatchSchema.optional(),
            headers: z.record(z.string(), stringMatchSchema).optional(),
          }),
        )
        .optional(),
    }),
  ),
  rules: z.array(z.string()),
});

function readManaged(doc: ResourceDoc): ManagedRoutes {
  const raw = annotationJson(doc, MANAGED_ROUTES_ANNOTATION);
  if (raw === undefined) return { headerRoutes: [], mirrorRoutes: [], rules: [] };
  const parsed = managedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GitcanaryError('FIELD_INVALID', 'the managed-routes annotation was not written by gitcanary', {
      file: doc.file,
      field: `metadata.annotations.${MANAGED_ROUTES_ANNOTATION}`,
      hint: 'remove the annotation and the rules it names; gitcanary writes them again at the next step',
    });
  }
  return parsed.data as ManagedRoutes;
}

/** Rules for the header and mirror routes, appended after the user's rules; the annotation records them. */
function writeManaged(tree: ManifestTree, config: GatewayApiConfig, wanted: ManagedRoutes): ManifestTree {
  const find = (t: ManifestTree) => findHttpRoute(t, config);
  const doc = find(tree);
  const current = readManaged(doc);
  const managed = managedRules(tree, config);
  const userRules = new Set(
    listAt(tree, doc, RULES, 'spec.rules')
      .map((rule) => rule.name)
      .filter((name): name is string => typeof name === 'string' && !current.rules.includes(name)),
  );
  const rules: PlainMap[] = [];
  const named = (base: string, index: number) => (managed.length === 1 ? base : `${base}-${index + 1}`);
  for (const headerRoute of wanted.headerRoutes) {
    managed.forEach((rule, i) => {
      rules.push(headerRule(named(headerRoute.name, i), rule, headerRoute.match));
    });
  }
  for (const mirrorRoute of wanted.mirrorRoutes) {
    managed.forEach((rule, i) => {
      rules.push(mirrorRule(named(mirrorRoute.name, i), rule, mirrorRoute, config, doc, tree));
    });
  }
  for (const rule of rules) {
    if (userRules.has(String(rule.name))) {
      throw new GitcanaryError(
        'RESOURCE_DUPLICATE',
        `the HTTPRoute already has a rule named "${String(rule.name)}"`,
        {
          ...place(tree, doc, RULES),
          hint: 'give the header or mirror route another name',
        },
      );
    }
  }
  if (userRules.size + rules.length > MAX_RULES && rules.length > 0) {
    throw new GitcanaryError('FIELD_INVALID', `an HTTPRoute holds at most ${MAX_RULES} rules`, {
      ...place(tree, doc, RULES),
      hint: 'use fewer header or mirror routes at once',
    });
  }
  let next = syncOwnedItems(tree, find, RULES, new Set(current.rules), rules);
  const record: ManagedRoutes = {
    headerRoutes: wanted.headerRoutes,
    mirrorRoutes: wanted.mirrorRoutes,
    rules: rules.map((rule) => String(rule.name)),
  };
  next = setAnnotationJson(
    next,
    find(next),
    MANAGED_ROUTES_ANNOTATION,
    rules.length === 0 ? undefined : record,
  );
  return next;
}

/** The managed rule's matches (or one empty match) with the header matches added; canary only. */
function headerRule(name: string, managed: ManagedRule, match: readonly HeaderMatch[]): PlainMap {
  const matches =
    Array.isArray(managed.rule.matches) && managed.rule.matches.length > 0 ? managed.rule.matches : [{}];
  const headers = match.map((item) => headerMatch(item.headerName, item.headerValue));
  const refs = managed.rule.backendRefs as PlainMap[];
  const { weight: _weight, ...canaryRef } = refs[managed.canary]!;
  return {
    name,
    matches: matches.map((m) => {
      const plain = isMap(m) ? m : {};
      return { ...plain, headers: [...(Array.isArray(plain.headers) ? plain.headers : []), ...headers] };
    }),
    ...(managed.rule.filters === undefined ? {} : { filters: managed.rule.filters }),
    backendRefs: [canaryRef],
  };
}

/** Requests matching the mirror route keep their weighted backends and are mirrored to the canary. */
function mirrorRule(
  name: string,
  managed: ManagedRule,
  mirror: MirrorRoute,
  config: GatewayApiConfig,
  doc: ResourceDoc,
  tree: ManifestTree,
): PlainMap {
  const refs = managed.rule.backendRefs as PlainMap[];
  const canary = refs[managed.canary]!;
  const matches = (mirror.match ?? [{}]).map((item) => {
    const out: PlainMap = {};
    if (item.path !== undefined) {
      const { exact, prefix, regex } = item.path;
      out.path =
        exact !== undefined
          ? { type: 'Exact', value: exact }
          : prefix !== undefined
            ? { type: 'PathPrefix', value: prefix }
            : { type: 'RegularExpression', value: regex };
    }
    if (item.method !== undefined) {
      if (item.method.exact === undefined) {
        throw new GitcanaryError('FIELD_INVALID', 'Gateway API matches a method exactly only', {
          ...place(tree, doc, RULES),
          field: 'setMirrorRoute.match.method',
        });
      }
      out.method = item.method.exact;
    }
    if (item.headers !== undefined) {
      out.headers = Object.entries(item.headers).map(([header, value]) => headerMatch(header, value));
    }
    return out;
  });
  const backendRef = {
    name: config.canaryService,
    ...(canary.port === undefined ? {} : { port: canary.port }),
  };
  return {
    name,
    matches,
    filters: [
      ...(Array.isArray(managed.rule.filters) ? managed.rule.filters : []),
      { type: 'RequestMirror', requestMirror: { backendRef, percent: mirror.percentage } },
    ],
    backendRefs: refs,
  };
}

function headerMatch(name: string, value: { exact?: string; prefix?: string; regex?: string }): PlainMap {
  if (value.exact !== undefined) return { name, type: 'Exact', value: value.exact };
  if (value.regex !== undefined) return { name, type: 'RegularExpression', value: value.regex };
  return { name, type: 'RegularExpression', value: `^${escapeRegex(value.prefix ?? '')}.*` };
}

/** The value at a path of the HTTPRoute, for tests and the CLI. */
export function httpRouteValue(
  tree: ManifestTree,
  config: GatewayApiConfig,
  path: (string | number)[],
): unknown {
  return valueAt(findHttpRoute(tree, config), path);
}
