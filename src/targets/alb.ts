import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { type ManifestTree, type ResourceDoc, setIn, valueAt } from '../manifests/index.js';
import {
  baselineServiceSchema,
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  distinctBackends,
  distinctServices,
  findResource,
  isMap,
  manifestPathSchema,
  namespaceSchema,
  place,
  resourceNameSchema,
  resourceNames,
  serviceNameSchema,
  sharesOf,
  splitWeights,
} from './kit.js';
import { isAlbIngress } from './nginx.js';
import { onlyName, routerTarget, type TrafficRouter } from './router.js';

// AWS Load Balancer Controller, as Argo Rollouts' ALB router drives it (rollout/trafficrouting/alb/
// alb.go getForwardActionString): the Ingress annotation `alb.ingress.kubernetes.io/actions.<root
// service>` holds a forward action whose target groups are the canary and stable Services with
// weights. Only the weight numbers inside the JSON change, so the JSON keeps its layout and key
// case (Argo writes `Type`/`ForwardConfig`/`TargetGroups`/`ServiceName`/`Weight`, the controller's
// docs camelCase; Go's JSON decoding, used by both, ignores case). An absent annotation is written
// as Argo writes it: canary target group first, then stable. It stays after the release (stable
// 100), as Argo leaves it. The Ingress rule must send to the root Service with port `use-annotation`.

export const ALB_ACTION_PREFIX = 'alb.ingress.kubernetes.io/actions.';
const INGRESS_API_VERSIONS = [
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'extensions/v1beta1',
] as const;

export const albConfigSchema = z
  .strictObject({
    file: manifestPathSchema.describe('File (or folder) holding the Ingress.'),
    namespace: namespaceSchema.optional().describe('metadata.namespace, when several share the name.'),
    ingress: resourceNameSchema.describe('metadata.name of the ALB Ingress.'),
    rootService: serviceNameSchema
      .optional()
      .describe('Service the Ingress rule targets with port use-annotation (default: stableService).'),
    servicePort: z.number().int().min(1).max(65535).describe('Port of the stable and canary Services.'),
    stableService: serviceNameSchema,
    canaryService: serviceNameSchema,
    baselineService: baselineServiceSchema,
  })
  .refine(distinctServices, DISTINCT_SERVICES)
  .refine(distinctBackends, DISTINCT_BASELINE);

export type AlbConfig = z.infer<typeof albConfigSchema>;

export const albRouter: TrafficRouter<AlbConfig> = {
  key: 'alb',
  configSchema: albConfigSchema,
  kinds: ['Ingress'],
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true,
  },
  // The ALB's metrics are CloudWatch's; Flagger has no ALB observer.
  metricTemplates: [],
  gateVariables(config) {
    return {
      route: config.ingress,
      ingress: config.ingress,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...(config.baselineService === undefined ? {} : { baselineService: config.baselineService }),
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(
      canaryWeight,
      config.baselineService === undefined ? 0 : context?.baselineWeight,
    );
    const doc = findIngress(tree, config);
    checkRootRule(tree, doc, config);
    const key = annotationKey(config);
    const text = valueAt(doc, ['metadata', 'annotations', key]);
    if (text === undefined) {
      const action = {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            {
              ServiceName: config.canaryService,
              ServicePort: String(config.servicePort),
              Weight: canaryWeight,
            },
            {
              ServiceName: config.stableService,
              ServicePort: String(config.servicePort),
              Weight: weights.stable,
            },
            ...(config.baselineService === undefined
              ? []
              : [
                  {
                    ServiceName: config.baselineService,
                    ServicePort: String(config.servicePort),
                    Weight: weights.baseline,
                  },
                ]),
          ],
        },
      };
      return setIn(tree, doc, ['metadata', 'annotations', key], JSON.stringify(action));
    }
    const groups = targetGroups(tree, doc, config, String(text));
    const edits = [
      { group: groups.canary, weight: weights.canary },
      { group: groups.stable, weight: weights.stable },
      ...(groups.baseline === undefined ? [] : [{ group: groups.baseline, weight: weights.baseline }]),
    ].sort((a, b) => b.group.insertAt - a.group.insertAt);
    let json = String(text);
    for (const { group, weight } of edits) {
      json =
        group.weight === undefined
          ? `${json.slice(0, group.insertAt)},${group.spaced ? ' ' : ''}"${group.weightKey}":${group.spaced ? ' ' : ''}${weight}${json.slice(group.insertAt)}`
          : json.slice(0, group.weight.start) + String(weight) + json.slice(group.weight.end);
    }
    return setIn(tree, doc, ['metadata', 'annotations', key], json);
  },
  observe(tree, config) {
    const doc = findIngress(tree, config);
    const text = valueAt(doc, ['metadata', 'annotations', annotationKey(config)]);
    const baseline = config.baselineService === undefined ? {} : { baselineWeight: 0 };
    if (text === undefined) return { canaryWeight: 0, ...baseline, headerRoutes: [], mirrorRoutes: [] };
    const groups = targetGroups(tree, doc, config, String(text));
    const shares = sharesOf(groups.canary.value ?? 0, groups.stable.value ?? 0, groups.baseline?.value ?? 0);
    return {
      canaryWeight: shares.canary,
      ...(config.baselineService === undefined ? {} : { baselineWeight: shares.baseline }),
      headerRoutes: [],
      mirrorRoutes: [],
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: 'Ingress' }, isAlbIngress),
  configFromCli(tree, options) {
    const ingress =
      options.route ??
      onlyName(resourceNames(tree, options.file, 'Ingress', INGRESS_API_VERSIONS), 'Ingress', options.file);
    const doc = findResource(tree, options.file, {
      kind: 'Ingress',
      name: ingress,
      apiVersions: INGRESS_API_VERSIONS,
    });
    const annotations = valueAt(doc, ['metadata', 'annotations']);
    const actions = Object.entries(isMap(annotations) ? annotations : {}).filter(([key]) =>
      key.startsWith(ALB_ACTION_PREFIX),
    );
    const [action] = actions;
    if (action === undefined || actions.length > 1) {
      throw new GitcanaryError(
        'USAGE',
        'cannot infer the ALB action: the Ingress needs exactly one actions.* annotation',
        {
          hint: 'write the forward action annotation once (gitcanary keeps its layout), then set weights',
        },
      );
    }
    const parsed = JSON.parse(String(action[1])) as unknown;
    const groups = lowerKeys(parsed)?.forwardconfig?.targetgroups ?? [];
    const names = groups.map((group) => String(group.servicename));
    if (options.stable === undefined || options.canary === undefined) {
      throw new GitcanaryError('USAGE', 'name both target groups of the ALB action', {
        hint: `pass --stable and --canary; target groups: ${names.join(', ')}`,
      });
    }
    const port = Number(groups.find((group) => group.servicename === options.stable)?.serviceport);
    return {
      file: options.file,
      ingress,
      rootService: action[0].slice(ALB_ACTION_PREFIX.length),
      servicePort: Number.isInteger(port) && port > 0 ? port : 80,
      stableService: options.stable,
      canaryService: options.canary,
    };
  },
};

export const albTarget = routerTarget(albRouter);

function annotationKey(config: AlbConfig): string {
  return `${ALB_ACTION_PREFIX}${config.rootService ?? config.stableService}`;
}

function findIngress(tree: ManifestTree, config: AlbConfig): ResourceDoc {
  return findResource(tree, config.file, {
    kind: 'Ingress',
    name: config.ingress,
    namespace: config.namespace,
    apiVersions: INGRESS_API_VERSIONS,
  });
}

/** Argo requires a rule sending to the root Service through the action annotation. */
function checkRootRule(tree: ManifestTree, doc: ResourceDoc, config: AlbConfig): void {
  const root = config.rootService ?? config.stableService;
  const rules = valueAt(doc, ['spec', 'rules']);
  const found = (Array.isArray(rules) ? rules : []).some((rule) => {
    const paths = isMap(rule) && isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    return paths.some((path) => {
      const backend = isMap(path) && isMap(path.backend) ? path.backend : {};
      const service = isMap(backend.service) ? backend.service : undefined;
      const port = service !== undefined && isMap(service.port) ? service.port.name : backend.servicePort;
      return (service?.name ?? backend.serviceName) === root && port === 'use-annotation';
    });
  });
  if (!found) {
    throw new GitcanaryError(
      'BACKEND_MISSING',
      `the Ingress has no rule for service ${root} with port use-annotation`,
      {
        ...place(tree, doc, ['spec', 'rules']),
        hint: 'the ALB controller reads the forward action only for a backend with port name use-annotation',
      },
    );
  }
}

// --- the action JSON, scanned with offsets so only the weight numbers change -------------------------

interface JsonNode {
  value: unknown;
  start: number;
  end: number;
  /** Object members with their key's text and value node; array items. */
  members?: { key: string; node: JsonNode; keyStart: number }[];
  items?: JsonNode[];
}

interface Group {
  value: number | undefined;
  weight: { start: number; end: number } | undefined;
  /** Offset after the group's last member, where a missing weight goes. */
  insertAt: number;
  weightKey: string;
  spaced: boolean;
}

function targetGroups(
  tree: ManifestTree,
  doc: ResourceDoc,
  config: AlbConfig,
  text: string,
): { canary: Group; stable: Group; baseline?: Group } {
  const field = ['metadata', 'annotations', annotationKey(config)];
  let root: JsonNode;
  try {
    root = scanJson(text);
  } catch (error) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `the ALB action annotation is not JSON: ${(error as Error).message}`,
      {
        ...place(tree, doc, field),
      },
    );
  }
  const member = (node: JsonNode | undefined, key: string) =>
    node?.members?.find((m) => m.key.toLowerCase() === key.toLowerCase())?.node;
  const groups = member(member(root, 'ForwardConfig'), 'TargetGroups')?.items ?? [];
  const find = (service: string, role: string): Group => {
    const group = groups.find((node) => member(node, 'ServiceName')?.value === service);
    if (group === undefined) {
      throw new GitcanaryError(
        'BACKEND_MISSING',
        `the ALB forward action has no target group for ${role} service ${service}`,
        {
          ...place(tree, doc, field),
          hint: `target groups: ${groups.map((node) => String(member(node, 'ServiceName')?.value)).join(', ') || '(none)'}`,
        },
      );
    }
    const weight = member(group, 'Weight');
    const keyCase = group.members?.find((m) => m.key.toLowerCase() === 'servicename')?.key === 'serviceName';
    const last = group.members?.[group.members.length - 1]?.node;
    return {
      value: typeof weight?.value === 'number' ? weight.value : undefined,
      weight: weight === undefined ? undefined : { start: weight.start, end: weight.end },
      insertAt: last?.end ?? group.start + 1,
      weightKey: keyCase ? 'weight' : 'Weight',
      spaced: /:\s/.test(text.slice(group.start, group.end)),
    };
  };
  return {
    canary: find(config.canaryService, 'canary'),
    stable: find(config.stableService, 'stable'),
    ...(config.baselineService === undefined ? {} : { baseline: find(config.baselineService, 'baseline') }),
  };
}

/** A small JSON scanner that keeps offsets (JSON.parse gives none). */
export function scanJson(text: string): JsonNode {
  let at = 0;
  const ws = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}`);
  };
  const value = (): JsonNode => {
    ws();
    const start = at;
    const char = text[at];
    if (char === '{') {
      at++;
      const members: NonNullable<JsonNode['members']> = [];
      ws();
      if (text[at] === '}') {
        at++;
        return { value: {}, start, end: at, members };
      }
      for (;;) {
        ws();
        const keyStart = at;
        const key = value();
        if (typeof key.value !== 'string') fail('expected a key');
        ws();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        members.push({ key: key.value as string, node: value(), keyStart });
        ws();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          break;
        } else fail('expected "," or "}"');
      }
      return {
        value: Object.fromEntries(members.map((m) => [m.key, m.node.value])),
        start,
        end: at,
        members,
      };
    }
    if (char === '[') {
      at++;
      const items: JsonNode[] = [];
      ws();
      if (text[at] === ']') {
        at++;
        return { value: [], start, end: at, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          break;
        } else fail('expected "," or "]"');
      }
      return { value: items.map((item) => item.value), start, end: at, items };
    }
    const literal = /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(at),
    );
    if (literal === null) return fail('unexpected character');
    at += literal[0].length;
    return { value: JSON.parse(literal[0]) as unknown, start, end: at };
  };
  const root = value();
  ws();
  if (at !== text.length) fail('unexpected text after the value');
  return root;
}

type LowerAction = { forwardconfig?: { targetgroups?: Record<string, unknown>[] } } | undefined;

function lowerKeys(value: unknown): LowerAction {
  const lower = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(lower)
      : isMap(v)
        ? Object.fromEntries(Object.entries(v).map(([k, child]) => [k.toLowerCase(), lower(child)]))
        : v;
  return lower(value) as LowerAction;
}
