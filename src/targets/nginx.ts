import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, toPlain, valueAt } from '../manifests/index.js';
import {
  assertWeight,
  DISTINCT_SERVICES,
  distinctServices,
  escapeRegex,
  findResource,
  headerValueSchema,
  isMap,
  manifestPathSchema,
  namespaceSchema,
  noBaselineBackend,
  ownedDocument,
  type PlainMap,
  place,
  resourceNameSchema,
  resourceNames,
  safeJson,
  serviceNameSchema,
  writeOwnedDocument,
} from './kit.js';
import { inferBackends, onlyName, routerTarget, type TrafficRouter, type WeightContext } from './router.js';
import type { HeaderRoute } from './types.js';

// NGINX Ingress canaries (ingress-nginx `canary` annotations), as Argo Rollouts' NGINX router
// builds them (rollout/trafficrouting/nginx/nginx.go buildCanaryIngress): a canary Ingress that
// copies the stable Ingress's rules that reference the stable Service (pointing them at the canary
// Service), its TLS, ingressClassName and `kubernetes.io/ingress.class`, plus `canary: "true"`,
// `canary-weight` and the additionalIngressAnnotations. The stable Ingress is never touched. The
// canary Ingress is a document gitcanary appends to the stable Ingress's file (so a kustomization
// listing that file builds it too), named `<stableIngress>-canary` as Flagger names it; it is
// removed when no canary traffic is left, restoring the file's bytes. A header route is NGINX's
// `canary-by-header` (+ `-value` or `-pattern`): one at a time, as the canary Ingress holds one.

export const INGRESS_API_VERSIONS = [
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'extensions/v1beta1',
] as const;
const DEFAULT_PREFIX = 'nginx.ingress.kubernetes.io';
/** Annotation on the canary Ingress keeping the header route as given, so it reads back exactly. */
export const HEADER_ROUTE_ANNOTATION = 'gitcanary.dev/header-route';

export const nginxConfigSchema = z
  .strictObject(
    {
      file: manifestPathSchema.describe('File (or folder) holding the stable Ingress.'),
      namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
      stableIngress: resourceNameSchema.describe('metadata.name of the stable Ingress (never edited).'),
      stableService: serviceNameSchema.describe('Service the stable Ingress routes to.'),
      canaryService: serviceNameSchema.describe('Service the canary Ingress routes to.'),
      annotationPrefix: z
        .string()
        .regex(/^[a-z0-9.-]+$/)
        .optional()
        .describe(`Annotation prefix of the ingress-nginx install (default ${DEFAULT_PREFIX}).`),
      additionalIngressAnnotations: z
        .record(z.string().regex(/^[A-Za-z0-9./-]+$/, 'an annotation key'), headerValueSchema)
        .optional()
        .describe('Extra canary annotations, e.g. canary-by-cookie (the prefix is added when absent).'),
    },
    noBaselineBackend('nginx'),
  )
  .refine(distinctServices, DISTINCT_SERVICES);

export type NginxConfig = z.infer<typeof nginxConfigSchema>;

interface CanaryState {
  weight: number;
  headerRoute: HeaderRoute | undefined;
}

export const nginxRouter: TrafficRouter<NginxConfig> = {
  key: 'nginx',
  configSchema: nginxConfigSchema,
  kinds: ['Ingress'],
  // Argo Rollouts creates the canary Ingress `<rollout>-<stable ingress>-canary` itself and refuses
  // one it does not control (rollout/trafficrouting/nginx/nginx.go, SetWeightPerIngress: "canary
  // ingress controlled by different object").
  generatedByController:
    'Argo Rollouts creates and owns the canary Ingress (rollout/trafficrouting/nginx/nginx.go, SetWeightPerIngress)',
  capabilities: {
    headerRoutes: 1,
    headerMatches: 1,
    headerValue: ['exact', 'prefix', 'regex'],
    mirrorRoutes: false,
    extraBackends: false,
  },
  metricTemplates: ['request-success-rate', 'request-duration'],
  gateVariables(config) {
    return {
      // ingress-nginx labels canary traffic with the stable Ingress's name (the canary merges into
      // its location) and a non-empty `canary` label: Flagger's NGINX observer filters on both.
      route: config.stableIngress,
      ingress: config.stableIngress,
      stableService: config.stableService,
      canaryService: config.canaryService,
    };
  },
  files: (config) => [config.file],
  setWeight(tree, config, canaryWeight, context) {
    assertWeight(canaryWeight);
    return writeCanary(tree, config, { ...readCanary(tree, config), weight: canaryWeight }, context);
  },
  setHeaderRoutes(tree, config, routes, context) {
    return writeCanary(tree, config, { ...readCanary(tree, config), headerRoute: routes[0] }, context);
  },
  observe(tree, config) {
    const canary = readCanary(tree, config);
    return {
      canaryWeight: canary.weight,
      headerRoutes: canary.headerRoute === undefined ? [] : [canary.headerRoute],
      mirrorRoutes: [],
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'Ingress' }, (doc) => !isAlbIngress(doc)),
  configFromCli(tree, options) {
    const stableIngress =
      options.route ??
      onlyName(
        resourceNames(tree, options.file, 'Ingress', INGRESS_API_VERSIONS).filter(
          (name) => !name.endsWith('-canary'),
        ),
        'Ingress',
        options.file,
      );
    const doc = findResource(tree, options.file, {
      kind: 'Ingress',
      name: stableIngress,
      apiVersions: INGRESS_API_VERSIONS,
    });
    const services = [...new Set(pathBackends(doc).map((backend) => backend.service))];
    if (options.stable === undefined && services.length !== 1) {
      throw new GitcanaryError('USAGE', 'cannot infer the stable Service of the Ingress', {
        hint: 'pass --stable',
      });
    }
    const stable = options.stable ?? services[0]!;
    if (options.canary === undefined) {
      throw new GitcanaryError('USAGE', 'the canary Service is not in the stable Ingress', {
        hint: 'pass --canary',
      });
    }
    const { canary } = inferBackends([stable, options.canary], { ...options, stable }, 'the Ingress');
    return { file: options.file, stableIngress, stableService: stable, canaryService: canary };
  },
};

export const nginxTarget = routerTarget(nginxRouter);

/** Whether an Ingress is AWS ALB's (class `alb`): the ALB router edits those. */
export function isAlbIngress(doc: ResourceDoc): boolean {
  return (
    valueAt(doc, ['metadata', 'annotations', 'kubernetes.io/ingress.class']) === 'alb' ||
    valueAt(doc, ['spec', 'ingressClassName']) === 'alb'
  );
}

function findStableIngress(tree: ManifestTree, config: NginxConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'Ingress',
    name: config.stableIngress,
    namespace: config.namespace,
    apiVersions: INGRESS_API_VERSIONS,
  });
}

function canaryName(config: NginxConfig): string {
  // Kubernetes names are at most 253 characters; Argo truncates the same way before `-canary`.
  return `${config.stableIngress.slice(0, 246)}-canary`;
}

function ownedId(config: NginxConfig): string {
  return `canary Ingress ${canaryName(config)}`;
}

function prefixed(config: NginxConfig, key: string): string {
  const prefix = config.annotationPrefix ?? DEFAULT_PREFIX;
  return key.startsWith(`${prefix}/`) ? key : `${prefix}/${key}`;
}

/** The canary Ingress's weight and header route as written (weight 0 when it does not exist). */
function readCanary(tree: ManifestTree, config: NginxConfig): CanaryState {
  const stable = findStableIngress(tree, config);
  const doc = ownedDocument(tree, stable.file, ownedId(config));
  if (doc === undefined) return { weight: 0, headerRoute: undefined };
  const weightText = valueAt(doc, ['metadata', 'annotations', prefixed(config, 'canary-weight')]);
  const weight = Number(weightText);
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new GitcanaryError('WEIGHT_INVALID', `canary-weight must be 0 to 100, got ${String(weightText)}`, {
      ...place(tree, doc, ['metadata', 'annotations', prefixed(config, 'canary-weight')]),
    });
  }
  const header = safeJson(valueAt(doc, ['metadata', 'annotations', HEADER_ROUTE_ANNOTATION]));
  return { weight, headerRoute: isMap(header) ? (header as unknown as HeaderRoute) : undefined };
}

/**
 * Write the canary Ingress for `state`, or remove it when no traffic goes to the canary: weight 0,
 * no header route, and — during a release with additionalIngressAnnotations (a cookie canary) —
 * kept at weight 0 so those annotations route, as Argo keeps its canary Ingress.
 */
function writeCanary(
  tree: ManifestTree,
  config: NginxConfig,
  state: CanaryState,
  context: WeightContext | undefined,
): ManifestTree {
  const stable = findStableIngress(tree, config);
  const additional = Object.keys(config.additionalIngressAnnotations ?? {}).length > 0;
  const keep =
    state.weight > 0 || state.headerRoute !== undefined || (additional && context?.inRelease === true);
  const resource = keep ? canaryIngress(tree, stable, config, state) : null;
  return writeOwnedDocument(
    tree,
    stable.file,
    ownedId(config),
    resource,
    `canary of Ingress ${config.stableIngress} during a release; removed when the canary takes no traffic.`,
  );
}

interface PathBackend {
  rule: number;
  path: number;
  service: string;
}

function pathBackends(doc: ResourceDoc): PathBackend[] {
  const rules = valueAt(doc, ['spec', 'rules']);
  return (Array.isArray(rules) ? rules : []).flatMap((rule, ruleIndex) => {
    const paths = isMap(rule) && isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    return paths.flatMap((path, pathIndex) => {
      const backend = isMap(path) && isMap(path.backend) ? path.backend : {};
      const service = isMap(backend.service) ? backend.service.name : backend.serviceName;
      return typeof service === 'string' ? [{ rule: ruleIndex, path: pathIndex, service }] : [];
    });
  });
}

/** Argo's buildCanaryIngress: rules using the stable Service, pointed at the canary Service. */
function canaryIngress(
  tree: ManifestTree,
  stable: ResourceDoc,
  config: NginxConfig,
  state: CanaryState,
): PlainMap {
  const plain = toPlain(stable) as PlainMap;
  const metadata = isMap(plain.metadata) ? plain.metadata : {};
  const spec = isMap(plain.spec) ? plain.spec : {};
  const stableAnnotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const rules = (Array.isArray(spec.rules) ? spec.rules : []).flatMap((rule) => {
    if (!isMap(rule) || !isMap(rule.http) || !Array.isArray(rule.http.paths)) return [];
    let usesStable = false;
    const paths = rule.http.paths.map((path) => {
      if (!isMap(path) || !isMap(path.backend)) return path;
      const backend = path.backend;
      if (isMap(backend.service) && backend.service.name === config.stableService) {
        usesStable = true;
        return {
          ...path,
          backend: { ...backend, service: { ...backend.service, name: config.canaryService } },
        };
      }
      if (backend.serviceName === config.stableService) {
        usesStable = true;
        return { ...path, backend: { ...backend, serviceName: config.canaryService } };
      }
      return path;
    });
    return usesStable ? [{ ...rule, http: { ...rule.http, paths } }] : [];
  });
  if (rules.length === 0) {
    throw new GitcanaryError(
      'BACKEND_MISSING',
      `ingress ${config.stableIngress} has no rules using service ${config.stableService} backend`,
      { ...place(tree, stable, ['spec', 'rules']), hint: 'the stable Ingress must route to stableService' },
    );
  }
  const annotations: Record<string, string> = {};
  const ingressClass = stableAnnotations['kubernetes.io/ingress.class'];
  if (typeof ingressClass === 'string') annotations['kubernetes.io/ingress.class'] = ingressClass;
  for (const [key, value] of Object.entries(config.additionalIngressAnnotations ?? {})) {
    annotations[prefixed(config, key)] = value;
  }
  annotations[prefixed(config, 'canary')] = 'true';
  annotations[prefixed(config, 'canary-weight')] = String(state.weight);
  if (state.headerRoute !== undefined) {
    const [match] = state.headerRoute.match;
    if (match !== undefined) {
      const { exact, prefix, regex } = match.headerValue;
      annotations[prefixed(config, 'canary-by-header')] = match.headerName;
      if (exact !== undefined) annotations[prefixed(config, 'canary-by-header-value')] = exact;
      else
        annotations[prefixed(config, 'canary-by-header-pattern')] =
          regex ?? `^${escapeRegex(prefix ?? '')}.*`;
    }
    annotations[HEADER_ROUTE_ANNOTATION] = JSON.stringify(state.headerRoute);
  }
  return {
    apiVersion: plain.apiVersion,
    kind: 'Ingress',
    metadata: {
      name: canaryName(config),
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      labels: { 'app.kubernetes.io/managed-by': 'gitcanary' },
      annotations,
    },
    spec: {
      ...(spec.ingressClassName === undefined ? {} : { ingressClassName: spec.ingressClassName }),
      ...(spec.tls === undefined ? {} : { tls: spec.tls }),
      rules,
    },
  };
}
