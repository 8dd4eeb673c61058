import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  DISTINCT_BASELINE,
  DISTINCT_SERVICES,
  MANAGED_FILE_MARKER,
  agreeingWeight,
  annotationJson,
  assertWeight,
  backendShares,
  baselineServiceSchema,
  distinctBackends,
  distinctServices,
  escapeRegex,
  filesUnder,
  findResource,
  formatImageRef,
  headerNameSchema,
  headerValueSchema,
  hostSchema,
  isMap,
  isOwnedDocument,
  isValidRegex,
  joinPath,
  kustomizationTarget,
  listAt,
  manifestPathSchema,
  namespaceSchema,
  noBaselineBackend,
  noteBaselineRouters,
  ownedDocument,
  parseImageRef,
  place,
  refuseBaselineRole,
  releaseRunning,
  resourceNameSchema,
  resourceNames,
  rolloutTarget,
  ruleNameSchema,
  safeJson,
  serviceBackends,
  serviceNameSchema,
  setAnnotationJson,
  sharesOf,
  splitWeights,
  syncOwnedItems,
  usage,
  writeBackendWeights,
  writeOwnedDocument,
  writeWeight
} from "./chunk-WEH5TXVI.js";
import {
  STYLE_SAMPLE_BYTES,
  describeDoc,
  detectStyle,
  require_dist,
  setIn,
  toPlain,
  valueAt
} from "./chunk-XJFDB2OJ.js";
import {
  external_exports
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  fieldPath
} from "./chunk-ASCNN4HU.js";
import {
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// src/targets/router.ts
function capabilityIssue(router, change) {
  const { capabilities, key } = router;
  if ("mirrorRoute" in change) {
    return capabilities.mirrorRoutes ? void 0 : `router \`${key}\` cannot mirror traffic (setMirrorRoute); routers that can: ${MIRRORING.join(", ") || "none"}`;
  }
  const { headerRoute } = change;
  if (capabilities.headerRoutes === 0) {
    return `router \`${key}\` cannot route by header (setHeaderRoute)`;
  }
  if (headerRoute.match.length > capabilities.headerMatches) {
    return `router \`${key}\` matches at most ${capabilities.headerMatches} header${capabilities.headerMatches === 1 ? "" : "s"} per header route; got ${headerRoute.match.length}`;
  }
  for (const match of headerRoute.match) {
    const name = headerNameSchema.safeParse(match.headerName);
    if (!name.success) return `header \`${match.headerName}\`: ${name.error.issues[0]?.message}`;
    for (const [how, value] of Object.entries(match.headerValue)) {
      const checked = headerValueSchema.safeParse(value);
      if (!checked.success) return `header ${match.headerName} ${how}: ${checked.error.issues[0]?.message}`;
      if (how === "regex" && !isValidRegex(String(value)))
        return `header ${match.headerName}: not a valid regular expression`;
    }
    const kind = Object.keys(match.headerValue)[0];
    if (kind !== void 0 && !capabilities.headerValue.includes(kind)) {
      return `router \`${key}\` cannot match a header by ${kind}; it can by ${capabilities.headerValue.join(", ")}`;
    }
  }
  return void 0;
}
var MIRRORING = [];
function noteMirroringRouters(keys) {
  MIRRORING.splice(0, MIRRORING.length, ...keys);
}
function checkRouteCount(router, routes) {
  const max = router.capabilities.headerRoutes;
  if (routes.length > max) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `router \`${router.key}\` holds at most ${max} header route${max === 1 ? "" : "s"} at a time; ${routes.length} are active (${routes.map((r) => r.name).join(", ")})`,
      {
        field: "setHeaderRoute",
        hint: "remove the previous header route (setHeaderRoute without match) first"
      }
    );
  }
  for (const route of routes) {
    const issue = capabilityIssue(router, { headerRoute: route });
    if (issue !== void 0) throw new GitcanaryError("FIELD_INVALID", issue, { field: "setHeaderRoute" });
  }
}
function routerTarget(router) {
  const generic = router;
  return {
    key: router.key,
    family: "traffic",
    configSchema: router.configSchema,
    router: generic,
    files: (config) => router.files(config),
    ...router.ownedFiles ? { ownedFiles: (config) => router.ownedFiles(config) } : {},
    gateVariables: (config) => router.gateVariables(config),
    apply(tree, config, state) {
      const inRelease = state.phase === "Progressing" || state.phase === "Paused";
      const baselineWeight = baselineShare(router, config, state);
      let next = router.setWeight(tree, config, state.canaryWeight, { inRelease, baselineWeight });
      next = setHeaderRoutes(router, next, config, state.headerRoutes, { inRelease });
      return setMirrorRoutes(router, next, config, state.mirrorRoutes);
    },
    observe(tree, config) {
      return router.observe(tree, config);
    }
  };
}
var MAX_WEIGHT_WITH_BASELINE = 50;
function baselineShare(router, config, state) {
  if (router.baselineBackend?.(config) === void 0 || !releaseRunning(state)) return 0;
  if (state.canaryWeight > MAX_WEIGHT_WITH_BASELINE) {
    throw new GitcanaryError(
      "WEIGHT_INVALID",
      `router \`${router.key}\` sends the baseline the canary's share: a canary weight of ${state.canaryWeight}% leaves stable ${100 - 2 * state.canaryWeight}%`,
      {
        field: "setWeight",
        hint: `with a baselineService the canary weight is at most ${MAX_WEIGHT_WITH_BASELINE}; the promote step sends all traffic to the new version`
      }
    );
  }
  return state.canaryWeight;
}
function setHeaderRoutes(router, tree, config, routes, context) {
  if (router.setHeaderRoutes === void 0) {
    if (routes.length === 0) return tree;
    throw new GitcanaryError("FIELD_INVALID", `router \`${router.key}\` cannot route by header`, {
      field: "setHeaderRoute"
    });
  }
  checkRouteCount(router, routes);
  return router.setHeaderRoutes(tree, config, routes, context);
}
function setMirrorRoutes(router, tree, config, routes) {
  if (router.setMirrorRoutes === void 0) {
    if (routes.length === 0) return tree;
    throw new GitcanaryError("FIELD_INVALID", `router \`${router.key}\` cannot mirror traffic`, {
      field: "setMirrorRoute"
    });
  }
  return router.setMirrorRoutes(tree, config, routes);
}
function inferBackends(names, options, where) {
  if (options.stable !== void 0 && options.canary !== void 0) {
    return { stable: options.stable, canary: options.canary };
  }
  if (names.length !== 2) {
    throw usage(
      `cannot infer the stable and canary backends: ${where} has ${names.length} backends`,
      "pass --stable and --canary"
    );
  }
  const [first, second] = names;
  if (options.canary !== void 0)
    return { stable: options.canary === first ? second : first, canary: options.canary };
  if (options.stable !== void 0)
    return { stable: options.stable, canary: options.stable === first ? second : first };
  return { stable: first, canary: second };
}
function onlyName(names, kind, file) {
  if (names.length === 1) return names[0];
  throw usage(
    names.length === 0 ? `no ${kind} in ${file}` : `${file} holds several ${kind}s; choose one with --route`,
    names.length === 0 ? void 0 : `${kind}s: ${names.join(", ")}`
  );
}

// src/targets/nginx.ts
var INGRESS_API_VERSIONS = [
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "extensions/v1beta1"
];
var DEFAULT_PREFIX = "nginx.ingress.kubernetes.io";
var HEADER_ROUTE_ANNOTATION = "gitcanary.dev/header-route";
var nginxConfigSchema = external_exports.strictObject(
  {
    file: manifestPathSchema.describe("File (or folder) holding the stable Ingress."),
    namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
    stableIngress: resourceNameSchema.describe("metadata.name of the stable Ingress (never edited)."),
    stableService: serviceNameSchema.describe("Service the stable Ingress routes to."),
    canaryService: serviceNameSchema.describe("Service the canary Ingress routes to."),
    annotationPrefix: external_exports.string().regex(/^[a-z0-9.-]+$/).optional().describe(`Annotation prefix of the ingress-nginx install (default ${DEFAULT_PREFIX}).`),
    additionalIngressAnnotations: external_exports.record(external_exports.string().regex(/^[A-Za-z0-9./-]+$/, "an annotation key"), headerValueSchema).optional().describe("Extra canary annotations, e.g. canary-by-cookie (the prefix is added when absent).")
  },
  noBaselineBackend("nginx")
).refine(distinctServices, DISTINCT_SERVICES);
var nginxRouter = {
  key: "nginx",
  configSchema: nginxConfigSchema,
  kinds: ["Ingress"],
  // Argo Rollouts creates the canary Ingress `<rollout>-<stable ingress>-canary` itself and refuses
  // one it does not control (rollout/trafficrouting/nginx/nginx.go, SetWeightPerIngress: "canary
  // ingress controlled by different object").
  generatedByController: "Argo Rollouts creates and owns the canary Ingress (rollout/trafficrouting/nginx/nginx.go, SetWeightPerIngress)",
  capabilities: {
    headerRoutes: 1,
    headerMatches: 1,
    headerValue: ["exact", "prefix", "regex"],
    mirrorRoutes: false,
    extraBackends: false
  },
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      // ingress-nginx labels canary traffic with the stable Ingress's name (the canary merges into
      // its location) and a non-empty `canary` label: Flagger's NGINX observer filters on both.
      route: config.stableIngress,
      ingress: config.stableIngress,
      stableService: config.stableService,
      canaryService: config.canaryService
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
      headerRoutes: canary.headerRoute === void 0 ? [] : [canary.headerRoute],
      mirrorRoutes: []
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "Ingress" }, (doc) => !isAlbIngress(doc)),
  configFromCli(tree, options) {
    const stableIngress = options.route ?? onlyName(
      resourceNames(tree, options.file, "Ingress", INGRESS_API_VERSIONS).filter(
        (name) => !name.endsWith("-canary")
      ),
      "Ingress",
      options.file
    );
    const doc = findResource(tree, options.file, {
      kind: "Ingress",
      name: stableIngress,
      apiVersions: INGRESS_API_VERSIONS
    });
    const services2 = [...new Set(pathBackends(doc).map((backend) => backend.service))];
    if (options.stable === void 0 && services2.length !== 1) {
      throw new GitcanaryError("USAGE", "cannot infer the stable Service of the Ingress", {
        hint: "pass --stable"
      });
    }
    const stable = options.stable ?? services2[0];
    if (options.canary === void 0) {
      throw new GitcanaryError("USAGE", "the canary Service is not in the stable Ingress", {
        hint: "pass --canary"
      });
    }
    const { canary } = inferBackends([stable, options.canary], { ...options, stable }, "the Ingress");
    return { file: options.file, stableIngress, stableService: stable, canaryService: canary };
  }
};
var nginxTarget = routerTarget(nginxRouter);
function isAlbIngress(doc) {
  return valueAt(doc, ["metadata", "annotations", "kubernetes.io/ingress.class"]) === "alb" || valueAt(doc, ["spec", "ingressClassName"]) === "alb";
}
function findStableIngress(tree, config) {
  return findResource(tree, config.file, {
    kind: "Ingress",
    name: config.stableIngress,
    namespace: config.namespace,
    apiVersions: INGRESS_API_VERSIONS
  });
}
function canaryName(config) {
  return `${config.stableIngress.slice(0, 246)}-canary`;
}
function ownedId(config) {
  return `canary Ingress ${canaryName(config)}`;
}
function prefixed(config, key) {
  const prefix = config.annotationPrefix ?? DEFAULT_PREFIX;
  return key.startsWith(`${prefix}/`) ? key : `${prefix}/${key}`;
}
function readCanary(tree, config) {
  const stable = findStableIngress(tree, config);
  const doc = ownedDocument(tree, stable.file, ownedId(config));
  if (doc === void 0) return { weight: 0, headerRoute: void 0 };
  const weightText = valueAt(doc, ["metadata", "annotations", prefixed(config, "canary-weight")]);
  const weight = Number(weightText);
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new GitcanaryError("WEIGHT_INVALID", `canary-weight must be 0 to 100, got ${String(weightText)}`, {
      ...place(tree, doc, ["metadata", "annotations", prefixed(config, "canary-weight")])
    });
  }
  const header = safeJson(valueAt(doc, ["metadata", "annotations", HEADER_ROUTE_ANNOTATION]));
  return { weight, headerRoute: isMap(header) ? header : void 0 };
}
function writeCanary(tree, config, state, context) {
  const stable = findStableIngress(tree, config);
  const additional = Object.keys(config.additionalIngressAnnotations ?? {}).length > 0;
  const keep = state.weight > 0 || state.headerRoute !== void 0 || additional && context?.inRelease === true;
  const resource = keep ? canaryIngress(tree, stable, config, state) : null;
  return writeOwnedDocument(
    tree,
    stable.file,
    ownedId(config),
    resource,
    `canary of Ingress ${config.stableIngress} during a release; removed when the canary takes no traffic.`
  );
}
function pathBackends(doc) {
  const rules = valueAt(doc, ["spec", "rules"]);
  return (Array.isArray(rules) ? rules : []).flatMap((rule, ruleIndex) => {
    const paths = isMap(rule) && isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    return paths.flatMap((path2, pathIndex) => {
      const backend = isMap(path2) && isMap(path2.backend) ? path2.backend : {};
      const service = isMap(backend.service) ? backend.service.name : backend.serviceName;
      return typeof service === "string" ? [{ rule: ruleIndex, path: pathIndex, service }] : [];
    });
  });
}
function canaryIngress(tree, stable, config, state) {
  const plain = toPlain(stable);
  const metadata = isMap(plain.metadata) ? plain.metadata : {};
  const spec = isMap(plain.spec) ? plain.spec : {};
  const stableAnnotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const rules = (Array.isArray(spec.rules) ? spec.rules : []).flatMap((rule) => {
    if (!isMap(rule) || !isMap(rule.http) || !Array.isArray(rule.http.paths)) return [];
    let usesStable = false;
    const paths = rule.http.paths.map((path2) => {
      if (!isMap(path2) || !isMap(path2.backend)) return path2;
      const backend = path2.backend;
      if (isMap(backend.service) && backend.service.name === config.stableService) {
        usesStable = true;
        return {
          ...path2,
          backend: { ...backend, service: { ...backend.service, name: config.canaryService } }
        };
      }
      if (backend.serviceName === config.stableService) {
        usesStable = true;
        return { ...path2, backend: { ...backend, serviceName: config.canaryService } };
      }
      return path2;
    });
    return usesStable ? [{ ...rule, http: { ...rule.http, paths } }] : [];
  });
  if (rules.length === 0) {
    throw new GitcanaryError(
      "BACKEND_MISSING",
      `ingress ${config.stableIngress} has no rules using service ${config.stableService} backend`,
      { ...place(tree, stable, ["spec", "rules"]), hint: "the stable Ingress must route to stableService" }
    );
  }
  const annotations = {};
  const ingressClass = stableAnnotations["kubernetes.io/ingress.class"];
  if (typeof ingressClass === "string") annotations["kubernetes.io/ingress.class"] = ingressClass;
  for (const [key, value] of Object.entries(config.additionalIngressAnnotations ?? {})) {
    annotations[prefixed(config, key)] = value;
  }
  annotations[prefixed(config, "canary")] = "true";
  annotations[prefixed(config, "canary-weight")] = String(state.weight);
  if (state.headerRoute !== void 0) {
    const [match] = state.headerRoute.match;
    if (match !== void 0) {
      const { exact, prefix, regex } = match.headerValue;
      annotations[prefixed(config, "canary-by-header")] = match.headerName;
      if (exact !== void 0) annotations[prefixed(config, "canary-by-header-value")] = exact;
      else
        annotations[prefixed(config, "canary-by-header-pattern")] = regex ?? `^${escapeRegex(prefix ?? "")}.*`;
    }
    annotations[HEADER_ROUTE_ANNOTATION] = JSON.stringify(state.headerRoute);
  }
  return {
    apiVersion: plain.apiVersion,
    kind: "Ingress",
    metadata: {
      name: canaryName(config),
      ...metadata.namespace === void 0 ? {} : { namespace: metadata.namespace },
      labels: { "app.kubernetes.io/managed-by": "gitcanary" },
      annotations
    },
    spec: {
      ...spec.ingressClassName === void 0 ? {} : { ingressClassName: spec.ingressClassName },
      ...spec.tls === void 0 ? {} : { tls: spec.tls },
      rules
    }
  };
}

// src/targets/alb.ts
var ALB_ACTION_PREFIX = "alb.ingress.kubernetes.io/actions.";
var INGRESS_API_VERSIONS2 = [
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "extensions/v1beta1"
];
var albConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("File (or folder) holding the Ingress."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  ingress: resourceNameSchema.describe("metadata.name of the ALB Ingress."),
  rootService: serviceNameSchema.optional().describe("Service the Ingress rule targets with port use-annotation (default: stableService)."),
  servicePort: external_exports.number().int().min(1).max(65535).describe("Port of the stable and canary Services."),
  stableService: serviceNameSchema,
  canaryService: serviceNameSchema,
  baselineService: baselineServiceSchema
}).refine(distinctServices, DISTINCT_SERVICES).refine(distinctBackends, DISTINCT_BASELINE);
var albRouter = {
  key: "alb",
  configSchema: albConfigSchema,
  kinds: ["Ingress"],
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true
  },
  // The ALB's metrics are CloudWatch's; Flagger has no ALB observer.
  metricTemplates: [],
  gateVariables(config) {
    return {
      route: config.ingress,
      ingress: config.ingress,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(
      canaryWeight,
      config.baselineService === void 0 ? 0 : context?.baselineWeight
    );
    const doc = findIngress(tree, config);
    checkRootRule(tree, doc, config);
    const key = annotationKey(config);
    const text = valueAt(doc, ["metadata", "annotations", key]);
    if (text === void 0) {
      const action = {
        Type: "forward",
        ForwardConfig: {
          TargetGroups: [
            {
              ServiceName: config.canaryService,
              ServicePort: String(config.servicePort),
              Weight: canaryWeight
            },
            {
              ServiceName: config.stableService,
              ServicePort: String(config.servicePort),
              Weight: weights.stable
            },
            ...config.baselineService === void 0 ? [] : [
              {
                ServiceName: config.baselineService,
                ServicePort: String(config.servicePort),
                Weight: weights.baseline
              }
            ]
          ]
        }
      };
      return setIn(tree, doc, ["metadata", "annotations", key], JSON.stringify(action));
    }
    const groups = targetGroups(tree, doc, config, String(text));
    const edits = [
      { group: groups.canary, weight: weights.canary },
      { group: groups.stable, weight: weights.stable },
      ...groups.baseline === void 0 ? [] : [{ group: groups.baseline, weight: weights.baseline }]
    ].sort((a, b) => b.group.insertAt - a.group.insertAt);
    let json = String(text);
    for (const { group, weight } of edits) {
      json = group.weight === void 0 ? `${json.slice(0, group.insertAt)},${group.spaced ? " " : ""}"${group.weightKey}":${group.spaced ? " " : ""}${weight}${json.slice(group.insertAt)}` : json.slice(0, group.weight.start) + String(weight) + json.slice(group.weight.end);
    }
    return setIn(tree, doc, ["metadata", "annotations", key], json);
  },
  observe(tree, config) {
    const doc = findIngress(tree, config);
    const text = valueAt(doc, ["metadata", "annotations", annotationKey(config)]);
    const baseline = config.baselineService === void 0 ? {} : { baselineWeight: 0 };
    if (text === void 0) return { canaryWeight: 0, ...baseline, headerRoutes: [], mirrorRoutes: [] };
    const groups = targetGroups(tree, doc, config, String(text));
    const shares = sharesOf(groups.canary.value ?? 0, groups.stable.value ?? 0, groups.baseline?.value ?? 0);
    return {
      canaryWeight: shares.canary,
      ...config.baselineService === void 0 ? {} : { baselineWeight: shares.baseline },
      headerRoutes: [],
      mirrorRoutes: []
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "Ingress" }, isAlbIngress),
  configFromCli(tree, options) {
    const ingress = options.route ?? onlyName(resourceNames(tree, options.file, "Ingress", INGRESS_API_VERSIONS2), "Ingress", options.file);
    const doc = findResource(tree, options.file, {
      kind: "Ingress",
      name: ingress,
      apiVersions: INGRESS_API_VERSIONS2
    });
    const annotations = valueAt(doc, ["metadata", "annotations"]);
    const actions = Object.entries(isMap(annotations) ? annotations : {}).filter(
      ([key]) => key.startsWith(ALB_ACTION_PREFIX)
    );
    const [action] = actions;
    if (action === void 0 || actions.length > 1) {
      throw new GitcanaryError(
        "USAGE",
        "cannot infer the ALB action: the Ingress needs exactly one actions.* annotation",
        {
          hint: "write the forward action annotation once (gitcanary keeps its layout), then set weights"
        }
      );
    }
    const parsed = JSON.parse(String(action[1]));
    const groups = lowerKeys(parsed)?.forwardconfig?.targetgroups ?? [];
    const names = groups.map((group) => String(group.servicename));
    if (options.stable === void 0 || options.canary === void 0) {
      throw new GitcanaryError("USAGE", "name both target groups of the ALB action", {
        hint: `pass --stable and --canary; target groups: ${names.join(", ")}`
      });
    }
    const port = Number(groups.find((group) => group.servicename === options.stable)?.serviceport);
    return {
      file: options.file,
      ingress,
      rootService: action[0].slice(ALB_ACTION_PREFIX.length),
      servicePort: Number.isInteger(port) && port > 0 ? port : 80,
      stableService: options.stable,
      canaryService: options.canary
    };
  }
};
var albTarget = routerTarget(albRouter);
function annotationKey(config) {
  return `${ALB_ACTION_PREFIX}${config.rootService ?? config.stableService}`;
}
function findIngress(tree, config) {
  return findResource(tree, config.file, {
    kind: "Ingress",
    name: config.ingress,
    namespace: config.namespace,
    apiVersions: INGRESS_API_VERSIONS2
  });
}
function checkRootRule(tree, doc, config) {
  const root = config.rootService ?? config.stableService;
  const rules = valueAt(doc, ["spec", "rules"]);
  const found = (Array.isArray(rules) ? rules : []).some((rule) => {
    const paths = isMap(rule) && isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    return paths.some((path2) => {
      const backend = isMap(path2) && isMap(path2.backend) ? path2.backend : {};
      const service = isMap(backend.service) ? backend.service : void 0;
      const port = service !== void 0 && isMap(service.port) ? service.port.name : backend.servicePort;
      return (service?.name ?? backend.serviceName) === root && port === "use-annotation";
    });
  });
  if (!found) {
    throw new GitcanaryError(
      "BACKEND_MISSING",
      `the Ingress has no rule for service ${root} with port use-annotation`,
      {
        ...place(tree, doc, ["spec", "rules"]),
        hint: "the ALB controller reads the forward action only for a backend with port name use-annotation"
      }
    );
  }
}
function targetGroups(tree, doc, config, text) {
  const field = ["metadata", "annotations", annotationKey(config)];
  let root;
  try {
    root = scanJson(text);
  } catch (error) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `the ALB action annotation is not JSON: ${error.message}`,
      {
        ...place(tree, doc, field)
      }
    );
  }
  const member = (node, key) => node?.members?.find((m) => m.key.toLowerCase() === key.toLowerCase())?.node;
  const groups = member(member(root, "ForwardConfig"), "TargetGroups")?.items ?? [];
  const find = (service, role) => {
    const group = groups.find((node) => member(node, "ServiceName")?.value === service);
    if (group === void 0) {
      throw new GitcanaryError(
        "BACKEND_MISSING",
        `the ALB forward action has no target group for ${role} service ${service}`,
        {
          ...place(tree, doc, field),
          hint: `target groups: ${groups.map((node) => String(member(node, "ServiceName")?.value)).join(", ") || "(none)"}`
        }
      );
    }
    const weight = member(group, "Weight");
    const keyCase = group.members?.find((m) => m.key.toLowerCase() === "servicename")?.key === "serviceName";
    const last = group.members?.[group.members.length - 1]?.node;
    return {
      value: typeof weight?.value === "number" ? weight.value : void 0,
      weight: weight === void 0 ? void 0 : { start: weight.start, end: weight.end },
      insertAt: last?.end ?? group.start + 1,
      weightKey: keyCase ? "weight" : "Weight",
      spaced: /:\s/.test(text.slice(group.start, group.end))
    };
  };
  return {
    canary: find(config.canaryService, "canary"),
    stable: find(config.stableService, "stable"),
    ...config.baselineService === void 0 ? {} : { baseline: find(config.baselineService, "baseline") }
  };
}
function scanJson(text) {
  let at = 0;
  const ws = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const fail = (what) => {
    throw new Error(`${what} at offset ${at}`);
  };
  const value = () => {
    ws();
    const start = at;
    const char = text[at];
    if (char === "{") {
      at++;
      const members = [];
      ws();
      if (text[at] === "}") {
        at++;
        return { value: {}, start, end: at, members };
      }
      for (; ; ) {
        ws();
        const keyStart = at;
        const key = value();
        if (typeof key.value !== "string") fail("expected a key");
        ws();
        if (text[at] !== ":") fail('expected ":"');
        at++;
        members.push({ key: key.value, node: value(), keyStart });
        ws();
        if (text[at] === ",") at++;
        else if (text[at] === "}") {
          at++;
          break;
        } else fail('expected "," or "}"');
      }
      return {
        value: Object.fromEntries(members.map((m) => [m.key, m.node.value])),
        start,
        end: at,
        members
      };
    }
    if (char === "[") {
      at++;
      const items = [];
      ws();
      if (text[at] === "]") {
        at++;
        return { value: [], start, end: at, items };
      }
      for (; ; ) {
        items.push(value());
        ws();
        if (text[at] === ",") at++;
        else if (text[at] === "]") {
          at++;
          break;
        } else fail('expected "," or "]"');
      }
      return { value: items.map((item) => item.value), start, end: at, items };
    }
    const literal = /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(at)
    );
    if (literal === null) return fail("unexpected character");
    at += literal[0].length;
    return { value: JSON.parse(literal[0]), start, end: at };
  };
  const root = value();
  ws();
  if (at !== text.length) fail("unexpected text after the value");
  return root;
}
function lowerKeys(value) {
  const lower = (v) => Array.isArray(v) ? v.map(lower) : isMap(v) ? Object.fromEntries(Object.entries(v).map(([k, child]) => [k.toLowerCase(), lower(child)])) : v;
  return lower(value);
}

// src/targets/ambassador.ts
var AMBASSADOR_API_VERSIONS = [
  "getambassador.io/v1",
  "getambassador.io/v2",
  "getambassador.io/v3alpha1"
];
var ambassadorConfigSchema = external_exports.strictObject(
  {
    file: manifestPathSchema.describe("File (or folder) holding the Mappings."),
    namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
    mappings: external_exports.array(resourceNameSchema).min(1).describe("Names of the base (stable) Mappings."),
    stableService: serviceNameSchema.describe("Service of the base Mappings."),
    canaryService: serviceNameSchema.describe("Service the canary Mappings send to.")
  },
  noBaselineBackend("ambassador")
).refine(distinctServices, DISTINCT_SERVICES);
var ambassadorRouter = {
  key: "ambassador",
  configSchema: ambassadorConfigSchema,
  kinds: ["Mapping"],
  // Argo Rollouts clones each base Mapping into `<mapping>-canary`, updates its weight and deletes it
  // at weight 0 (rollout/trafficrouting/ambassador/ambassador.go, handleCanaryMapping).
  generatedByController: "Argo Rollouts creates, reweights and deletes the <mapping>-canary Mapping (rollout/trafficrouting/ambassador/ambassador.go, handleCanaryMapping)",
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: false
  },
  metricTemplates: [],
  gateVariables(config) {
    return {
      route: config.mappings[0],
      mapping: config.mappings[0],
      stableService: config.stableService,
      canaryService: config.canaryService
    };
  },
  files: (config) => [config.file],
  setWeight(tree, config, canaryWeight) {
    assertWeight(canaryWeight);
    let next = tree;
    for (const name of config.mappings) {
      const base = findMapping(next, config, name);
      checkBase(next, base, config);
      const userCanary = userCanaryMapping(next, config, name);
      if (userCanary !== void 0) {
        next = writeWeight(next, userCanary, ["spec", "weight"], canaryWeight);
        continue;
      }
      next = writeOwnedDocument(
        next,
        base.file,
        ownedId2(name),
        canaryWeight === 0 ? null : canaryMapping(base, config, canaryWeight),
        `canary of Mapping ${name} during a release; removed at weight 0.`
      );
    }
    return next;
  },
  observe(tree, config) {
    const canaryWeight = agreeingWeight(
      config.mappings.map((name) => {
        const base = findMapping(tree, config, name);
        const canary = userCanaryMapping(tree, config, name) ?? ownedDocument(tree, base.file, ownedId2(name));
        const weight = canary === void 0 ? 0 : Number(valueAt(canary, ["spec", "weight"]) ?? 0);
        return { where: `Mapping ${name}-canary`, weight, details: place(tree, canary ?? base, ["spec"]) };
      })
    );
    return { canaryWeight, headerRoutes: [], mirrorRoutes: [] };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "Mapping" }),
  configFromCli(tree, options) {
    const names = resourceNames(tree, options.file, "Mapping", AMBASSADOR_API_VERSIONS).filter(
      (name2) => !name2.endsWith("-canary")
    );
    const name = options.route ?? onlyName(names, "Mapping", options.file);
    const base = findResource(tree, options.file, {
      kind: "Mapping",
      name,
      apiVersions: AMBASSADOR_API_VERSIONS
    });
    const service = String(valueAt(base, ["spec", "service"]) ?? "").split(":")[0] ?? "";
    if (options.canary === void 0) {
      throw new GitcanaryError("USAGE", "the canary Service is not in the base Mapping", {
        hint: "pass --canary"
      });
    }
    return {
      file: options.file,
      mappings: [name],
      stableService: options.stable ?? service,
      canaryService: options.canary
    };
  }
};
var ambassadorTarget = routerTarget(ambassadorRouter);
function ownedId2(name) {
  return `canary Mapping ${canaryName2(name)}`;
}
function canaryName2(name) {
  return `${name.slice(0, 246)}-canary`;
}
function findMapping(tree, config, name) {
  return findResource(tree, config.file, {
    kind: "Mapping",
    name,
    namespace: config.namespace,
    apiVersions: AMBASSADOR_API_VERSIONS
  });
}
function userCanaryMapping(tree, config, name) {
  const found = tree.resources(tree.paths(), { kind: "Mapping", name: canaryName2(name) }).filter(
    (doc) => config.namespace === void 0 || doc.namespace === void 0 || doc.namespace === config.namespace
  );
  return found.find((doc) => !isOwnedDocument(doc));
}
function checkBase(tree, base, config) {
  if (valueAt(base, ["spec", "weight"]) !== void 0) {
    throw new GitcanaryError("FIELD_INVALID", "the base Mapping can not define weight", {
      ...place(tree, base, ["spec", "weight"]),
      hint: "Emissary gives the base Mapping what the canary Mapping does not take; remove spec.weight"
    });
  }
  const service = String(valueAt(base, ["spec", "service"]) ?? "");
  const host = service.replace(/^https?:\/\//, "").split(/[:.]/)[0];
  if (host !== config.stableService) {
    throw new GitcanaryError(
      "BACKEND_MISSING",
      `the base Mapping sends to ${service}, not to ${config.stableService}`,
      {
        ...place(tree, base, ["spec", "service"])
      }
    );
  }
}
function canaryMapping(base, config, weight) {
  const plain = toPlain(base);
  const spec = isMap(plain.spec) ? plain.spec : {};
  const service = String(spec.service ?? "");
  const port = service.split(":").pop();
  const canaryService = port !== void 0 && port !== service && /^\d+$/.test(port) ? `${config.canaryService}:${port}` : config.canaryService;
  return {
    apiVersion: plain.apiVersion,
    kind: plain.kind,
    metadata: {
      name: canaryName2(base.name ?? ""),
      ...base.namespace === void 0 ? {} : { namespace: base.namespace }
    },
    spec: { ...spec, service: canaryService, weight }
  };
}

// src/targets/apisix.ts
var import_yaml = __toESM(require_dist(), 1);
import path from "node:path";
var APISIX_API_VERSIONS = ["apisix.apache.org/v2", "apisix.apache.org/v2beta3"];
var HEADER_ROUTE_ANNOTATION2 = "gitcanary.dev/header-route-match";
var MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
var APISIX_DEFAULT_WEIGHT = 100;
var apisixConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("ApisixRoute manifest file, or a folder searched for it."),
  route: resourceNameSchema.describe("metadata.name of the ApisixRoute."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  rules: external_exports.array(ruleNameSchema).min(1).optional().describe(
    "Names of the spec.http[] rules to manage. Default: the rule named like the route, or the only rule."
  ),
  stableService: serviceNameSchema.describe("serviceName of the stable backend."),
  canaryService: serviceNameSchema.describe("serviceName of the canary backend."),
  baselineService: baselineServiceSchema,
  headerRouteFile: manifestPathSchema.optional().describe("File gitcanary owns for header routes. Default: <route dir>/<route>-gitcanary-routes.yaml.")
}).refine(distinctServices, DISTINCT_SERVICES).refine(distinctBackends, DISTINCT_BASELINE);
var apisixRouter = {
  key: "apisix",
  configSchema: apisixConfigSchema,
  kinds: ["ApisixRoute"],
  // Header routes are ApisixRoutes of their own; several backends per rule carry a baseline too.
  // Argo Rollouts' APISIX router has no mirroring (SetMirrorRoute returns nil): refused here.
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: Number.POSITIVE_INFINITY,
    headerValue: ["exact", "prefix", "regex"],
    mirrorRoutes: false,
    extraBackends: true
  },
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      route: config.route,
      stableService: config.stableService,
      canaryService: config.canaryService,
      apisixRoute: config.route,
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files(config) {
    return [config.file];
  },
  ownedFiles(config) {
    const owned = config.headerRouteFile ?? (isManifestFile(config.file) ? defaultOwnedFile(config) : void 0);
    return owned !== void 0 && owned !== config.file ? [owned] : [];
  },
  baselineBackend: (config) => config.baselineService,
  setWeight: (tree, config, canaryWeight, context) => setCanaryWeight(tree, config, canaryWeight, context?.baselineWeight),
  setHeaderRoutes: (tree, config, routes) => setHeaderRoutes2(tree, config, routes),
  observe(tree, config) {
    const { canary, baseline } = readWeights(tree, config);
    return {
      canaryWeight: canary,
      ...config.baselineService === void 0 ? {} : { baselineWeight: baseline },
      headerRoutes: readHeaderRoutes(tree, config),
      mirrorRoutes: []
    };
  },
  detects(tree, files) {
    return tree.hasResource(files, { kind: "ApisixRoute" });
  },
  configFromCli(tree, options) {
    const route = options.route ?? onlyName(apisixRouteNames(tree, options.file), "ApisixRoute", options.file);
    const selector = { file: options.file, route, rules: options.rule };
    const doc = findApisixRoute(tree, selector);
    const rule = managedRules(tree, doc, selector)[0];
    const backends2 = valueAt(doc, ["spec", "http", rule.index, "backends"]);
    const names = (Array.isArray(backends2) ? backends2 : []).map(
      (backend) => String(backend?.serviceName)
    );
    const { stable, canary } = inferBackends(names, options, `rule "${rule.name}"`);
    return { ...selector, stableService: stable, canaryService: canary };
  }
};
var apisixTarget = routerTarget(apisixRouter);
function setCanaryWeight(tree, config, canaryWeight, baselineWeight = 0) {
  const weights = splitWeights(canaryWeight, config.baselineService === void 0 ? 0 : baselineWeight);
  const route = findApisixRoute(tree, config);
  const edits = [];
  for (const rule of managedRules(tree, route, config)) {
    const { stable, canary, baseline } = ruleBackends(tree, route, rule, config);
    const backends2 = ["spec", "http", rule.index, "backends"];
    edits.push({ path: [...backends2, canary, "weight"], weight: weights.canary });
    edits.push({ path: [...backends2, stable, "weight"], weight: weights.stable });
    if (baseline !== void 0)
      edits.push({ path: [...backends2, baseline, "weight"], weight: weights.baseline });
  }
  let next = tree;
  for (const edit of edits) {
    const current = next.document(route.file, route.index);
    next = setIn(next, current, edit.path, edit.weight);
  }
  return next;
}
function readWeights(tree, config) {
  const route = findApisixRoute(tree, config);
  let first;
  for (const rule of managedRules(tree, route, config)) {
    const { stable, canary, baseline, backends: backends2 } = ruleBackends(tree, route, rule, config);
    const shares = sharesOf(
      backendWeight(tree, route, rule, canary, backends2[canary]),
      backendWeight(tree, route, rule, stable, backends2[stable]),
      baseline === void 0 ? 0 : backendWeight(tree, route, rule, baseline, backends2[baseline])
    );
    const canaryWeight = shares.canary;
    if (first === void 0) first = { rule, canaryWeight, baselineWeight: shares.baseline };
    else if (first.canaryWeight !== canaryWeight || first.baselineWeight !== shares.baseline) {
      throw new GitcanaryError(
        "FIELD_INVALID",
        first.canaryWeight !== canaryWeight ? `managed rules disagree: rule "${first.rule.name}" sends ${first.canaryWeight}% to the canary, rule "${rule.name}" ${canaryWeight}%` : `managed rules disagree: rule "${first.rule.name}" sends ${first.baselineWeight}% to the baseline, rule "${rule.name}" ${shares.baseline}%`,
        {
          ...place(tree, route, ["spec", "http", rule.index, "backends"]),
          hint: "set the weight again to make the rules agree"
        }
      );
    }
  }
  return { canary: first?.canaryWeight ?? 0, baseline: first?.baselineWeight ?? 0 };
}
function setHeaderRoutes2(tree, config, headerRoutes) {
  const route = findApisixRoute(tree, config);
  const owned = ownedFile(route, config);
  assertOwned(tree, owned, config);
  if (headerRoutes.length === 0) return tree.has(owned) ? tree.with(owned, null) : tree;
  validateHeaderRoutes(tree, route, owned, headerRoutes);
  const rules = managedRules(tree, route, config);
  const plainRoute = toPlain(route);
  const httpRules = valueAt(route, ["spec", "http"]);
  const documents = headerRoutes.map(
    (headerRoute) => headerRouteResource(
      plainRoute,
      rules.map((rule) => {
        const { canary, backends: backends2 } = ruleBackends(tree, route, rule, config);
        return headerRule(httpRules[rule.index], backends2[canary], headerRoute.match);
      }),
      headerRoute
    )
  );
  const routeStyle = detectStyle(tree.head(route.file, STYLE_SAMPLE_BYTES));
  return tree.with(owned, renderOwnedFile(routeStyle, describeDoc(route), documents));
}
function readHeaderRoutes(tree, config) {
  const route = findApisixRoute(tree, config);
  const owned = ownedFile(route, config);
  if (!tree.has(owned)) return [];
  assertOwned(tree, owned, config);
  return tree.documents(owned).filter((doc) => doc.kind === "ApisixRoute").map((doc) => {
    const annotation = valueAt(doc, ["metadata", "annotations", HEADER_ROUTE_ANNOTATION2]);
    const match = typeof annotation === "string" ? headerMatchList.safeParse(safeJson(annotation)) : void 0;
    if (doc.name === void 0 || !match?.success) {
      throw new GitcanaryError("FIELD_INVALID", "header route was not written by gitcanary", {
        ...place(tree, doc, ["metadata", "annotations", HEADER_ROUTE_ANNOTATION2]),
        hint: `delete ${owned}; gitcanary writes it again at the next step`
      });
    }
    return { name: doc.name, match: match.data };
  });
}
function findApisixRoute(tree, selector) {
  return tree.find(
    {
      kind: "ApisixRoute",
      name: selector.route,
      namespace: selector.namespace,
      apiVersions: APISIX_API_VERSIONS
    },
    filesUnder(tree, selector.file)
  );
}
function apisixRouteNames(tree, file) {
  return resourceNames(tree, file, "ApisixRoute", APISIX_API_VERSIONS);
}
function managedRules(tree, route, selector) {
  const http = valueAt(route, ["spec", "http"]);
  if (!Array.isArray(http) || http.length === 0) {
    throw new GitcanaryError("FIELD_MISSING", "the ApisixRoute has no spec.http rules", {
      ...place(tree, route, ["spec"]),
      hint: "gitcanary sets weights on spec.http[].backends"
    });
  }
  const names = http.map((rule) => isMap(rule) && typeof rule.name === "string" ? rule.name : void 0);
  const present = names.filter((name) => name !== void 0).join(", ");
  if (selector.rules === void 0) {
    const byRouteName = names.indexOf(selector.route);
    if (byRouteName >= 0) return [{ index: byRouteName, name: selector.route }];
    if (http.length === 1) return [{ index: 0, name: names[0] ?? "" }];
    throw new GitcanaryError("FIELD_MISSING", `no rule is named like the route ("${selector.route}")`, {
      ...place(tree, route, ["spec", "http"]),
      hint: `name the rules to manage (config \`rules\`, CLI --rule); rules present: ${present}`
    });
  }
  return [...new Set(selector.rules)].map((name) => {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new GitcanaryError("FIELD_MISSING", `rule "${name}" not found`, {
        ...place(tree, route, ["spec", "http"]),
        hint: `rules present: ${present}`
      });
    }
    return { index, name };
  });
}
function ruleBackends(tree, route, rule, services2) {
  const field = ["spec", "http", rule.index, "backends"];
  const value = valueAt(route, field);
  const backends2 = Array.isArray(value) ? value.filter(isMap) : [];
  const names = backends2.map((backend) => String(backend.serviceName));
  const find = (role, serviceName) => {
    const index = names.indexOf(serviceName);
    if (index < 0) {
      throw new GitcanaryError(
        "BACKEND_MISSING",
        `rule "${rule.name}" has no ${role} backend "${serviceName}"`,
        {
          ...place(tree, route, Array.isArray(value) ? field : field.slice(0, -1)),
          field: fieldPath(field),
          hint: names.length > 0 ? `backends present: ${names.join(", ")}` : `add backends for ${services2.stableService} and ${services2.canaryService}`
        }
      );
    }
    return index;
  };
  return {
    stable: find("stable", services2.stableService),
    canary: find("canary", services2.canaryService),
    ...services2.baselineService === void 0 ? {} : { baseline: find("baseline", services2.baselineService) },
    backends: backends2
  };
}
function backendWeight(tree, route, rule, index, backend) {
  const weight = backend?.weight;
  if (weight === void 0 || weight === null) return APISIX_DEFAULT_WEIGHT;
  if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0) {
    throw new GitcanaryError(
      "WEIGHT_INVALID",
      `backend weight must be a non-negative integer, got ${String(weight)}`,
      {
        ...place(tree, route, ["spec", "http", rule.index, "backends", index, "weight"])
      }
    );
  }
  return weight;
}
var headerValueSchema2 = external_exports.strictObject({
  exact: headerValueSchema,
  prefix: headerValueSchema,
  regex: headerValueSchema.refine(isValidRegex, "not a valid regular expression")
}).partial().refine((value) => Object.values(value).filter((v) => v !== void 0).length === 1, {
  message: "exactly one of exact, prefix, regex"
});
var headerMatchList = external_exports.array(external_exports.strictObject({ headerName: headerNameSchema, headerValue: headerValueSchema2 })).min(1);
function validateHeaderRoutes(tree, route, owned, headerRoutes) {
  const seen = /* @__PURE__ */ new Set();
  const files = tree.paths().filter((file) => file !== owned);
  const clashing = (name) => tree.resources(files, { kind: "ApisixRoute", name }).find((doc) => doc.namespace === route.namespace);
  for (const [i, headerRoute] of headerRoutes.entries()) {
    const field = `headerRoutes[${i}]`;
    if (!resourceNameSchema.safeParse(headerRoute.name).success) {
      throw new GitcanaryError(
        "FIELD_INVALID",
        `header route name "${headerRoute.name}" is not a valid resource name`,
        {
          field: `${field}.name`,
          hint: 'lower-case letters, digits, "-" and "."; it becomes the ApisixRoute name'
        }
      );
    }
    if (seen.has(headerRoute.name)) {
      throw new GitcanaryError("FIELD_INVALID", `header route "${headerRoute.name}" is given twice`, {
        field: `${field}.name`
      });
    }
    seen.add(headerRoute.name);
    const clash = clashing(headerRoute.name);
    if (clash) {
      throw new GitcanaryError(
        "RESOURCE_DUPLICATE",
        "an ApisixRoute with the header route name already exists",
        {
          ...place(tree, clash, ["metadata", "name"]),
          hint: "give the header route another name"
        }
      );
    }
    const match = headerMatchList.safeParse(headerRoute.match);
    if (!match.success) {
      const issue = match.error.issues[0];
      throw new GitcanaryError("FIELD_INVALID", `header route "${headerRoute.name}": ${issue.message}`, {
        field: fieldPath([`${field}.match`, ...issue.path.filter((p) => typeof p !== "symbol")]),
        hint: "each match needs a headerName and one of exact, prefix or regex"
      });
    }
  }
}
function headerRule(rule, canaryBackend, match) {
  const { name, priority, match: ruleMatch, backends: _backends, upstreams: _upstreams, ...rest } = rule;
  const plainMatch = isMap(ruleMatch) ? ruleMatch : {};
  const exprs = Array.isArray(plainMatch.exprs) ? plainMatch.exprs : [];
  return {
    name,
    priority: (typeof priority === "number" ? priority : 0) + 1,
    match: { ...plainMatch, exprs: [...exprs, ...match.map(headerExpr)] },
    backends: [{ ...canaryBackend, weight: 100 }],
    ...rest
  };
}
function headerExpr(match) {
  const { exact, prefix, regex } = match.headerValue;
  const subject = { scope: "Header", name: match.headerName };
  if (exact !== void 0) return { subject, op: "Equal", value: exact };
  if (regex !== void 0) return { subject, op: "RegexMatch", value: regex };
  return { subject, op: "RegexMatch", value: `^${escapeRegex(prefix ?? "")}` };
}
function headerRouteResource(route, http, headerRoute) {
  const metadata = isMap(route.metadata) ? route.metadata : {};
  const spec = isMap(route.spec) ? route.spec : {};
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const ingressClass = annotations["kubernetes.io/ingress.class"];
  return {
    apiVersion: route.apiVersion,
    kind: "ApisixRoute",
    metadata: {
      name: headerRoute.name,
      ...metadata.namespace === void 0 ? {} : { namespace: metadata.namespace },
      labels: { [MANAGED_BY_LABEL]: "gitcanary" },
      annotations: {
        ...ingressClass === void 0 ? {} : { "kubernetes.io/ingress.class": ingressClass },
        [HEADER_ROUTE_ANNOTATION2]: JSON.stringify(headerRoute.match)
      }
    },
    spec: {
      ...spec.ingressClassName === void 0 ? {} : { ingressClassName: spec.ingressClassName },
      http
    }
  };
}
function renderOwnedFile(style, resource, documents) {
  const header = [
    `${MANAGED_FILE_MARKER}: header routes of ${resource} during a canary release.`,
    "# gitcanary rewrites this file at every step and deletes it when no header route is active."
  ];
  const body = documents.map(
    (document) => (0, import_yaml.stringify)(document, { indent: style.unit, indentSeq: !style.indentlessSeq, lineWidth: 0 })
  );
  const text = `${header.join("\n")}
${body.join("---\n")}`;
  return style.eol === "\n" ? text : text.replace(/\n/g, style.eol);
}
function assertOwned(tree, owned, config) {
  if (tree.has(owned) && !tree.text(owned).startsWith(MANAGED_FILE_MARKER)) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      "the header route file exists and is not managed by gitcanary",
      {
        file: owned,
        field: "headerRouteFile",
        hint: config.headerRouteFile === void 0 ? "set headerRouteFile to a path gitcanary may own" : "choose a headerRouteFile that does not exist yet"
      }
    );
  }
}
function ownedFile(route, config) {
  if (config.headerRouteFile !== void 0) return config.headerRouteFile;
  return joinPath(path.posix.dirname(route.file), `${config.route}-gitcanary-routes.yaml`);
}
function defaultOwnedFile(config) {
  return joinPath(path.posix.dirname(config.file), `${config.route}-gitcanary-routes.yaml`);
}
function isManifestFile(file) {
  return /\.ya?ml$/.test(file);
}

// src/targets/deployment.ts
var WORKLOAD_API_VERSIONS = ["apps/v1"];
var deploymentConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("File (or folder) holding the Deployment or StatefulSet."),
  name: resourceNameSchema.describe("metadata.name of the workload."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  kind: external_exports.enum(["Deployment", "StatefulSet"]).default("Deployment"),
  container: external_exports.string().min(1).optional().describe("Container whose image is set; default: the first.")
});
var deploymentTarget = {
  key: "deployment",
  family: "workload",
  configSchema: deploymentConfigSchema,
  files: (config) => [config.file],
  apply(tree, config, state, role) {
    if (role === "baseline")
      refuseBaselineRole("deployment", "only a kustomization overlay is scaled as a baseline so far");
    const image = role === "canary" ? state.canaryImage : state.stableImage;
    let next = tree;
    if (image !== void 0) {
      const doc = findWorkload(next, config);
      next = setIn(
        next,
        doc,
        [...containerPath(tree, doc, config), "image"],
        formatImageRef(parseImageRef(image))
      );
    }
    if (role === "canary") {
      const count = canaryReplicas(config, state);
      if (count !== void 0) next = setIn(next, findWorkload(next, config), ["spec", "replicas"], count);
    }
    return next;
  },
  observe(tree, config, role) {
    const doc = findWorkload(tree, config);
    const image = valueAt(doc, [...containerPath(tree, doc, config), "image"]);
    const observed = {};
    if (role === "canary") {
      const replicas = valueAt(doc, ["spec", "replicas"]);
      observed.baselineScale = { [scaleKey(config)]: typeof replicas === "number" ? replicas : null };
    }
    if (typeof image !== "string") return observed;
    return role === "canary" ? { ...observed, canaryImage: image } : { ...observed, stableImage: image };
  }
};
function scaleKey(config) {
  return `${config.file.replace(/\/+$/, "")}#${config.kind}/${config.name}`;
}
function canaryReplicas(config, state) {
  const baseline = state.baselineScale?.[scaleKey(config)] ?? void 0;
  const scale = state.canaryScale;
  if (scale?.replicas !== void 0) return scale.replicas;
  const percent = scale?.matchTrafficWeight ? state.canaryWeight : scale?.weight;
  if (percent === void 0 || baseline === void 0) return baseline;
  return Math.ceil(baseline * percent / 100);
}
function findWorkload(tree, config) {
  return findResource(tree, config.file, {
    kind: config.kind,
    name: config.name,
    namespace: config.namespace,
    apiVersions: WORKLOAD_API_VERSIONS
  });
}
function containerPath(tree, doc, config) {
  const path2 = ["spec", "template", "spec", "containers"];
  const containers = valueAt(doc, path2);
  const names = Array.isArray(containers) ? containers.map((c) => isMap(c) ? c.name : void 0) : [];
  if (names.length === 0) {
    throw new GitcanaryError("FIELD_MISSING", `the ${config.kind} template has no containers`, {
      ...place(tree, doc, path2)
    });
  }
  const index = config.container === void 0 ? 0 : names.indexOf(config.container);
  if (index < 0) {
    throw new GitcanaryError("RESOURCE_NOT_FOUND", `no container named ${config.container}`, {
      ...place(tree, doc, path2),
      hint: `containers: ${names.map(String).join(", ")}`
    });
  }
  return [...path2, index];
}

// src/targets/gatewayapi.ts
var HTTPROUTE_API_VERSIONS = [
  "gateway.networking.k8s.io/v1",
  "gateway.networking.k8s.io/v1beta1"
];
var MANAGED_ROUTES_ANNOTATION = "gitcanary.dev/managed-routes";
var DEFAULT_WEIGHT = 1;
var MAX_RULES = 16;
var gatewayApiConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("HTTPRoute manifest file, or a folder searched for it."),
  httpRoute: resourceNameSchema.describe("metadata.name of the HTTPRoute."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  rules: external_exports.array(ruleNameSchema).min(1).optional().describe("Names of the spec.rules[] to manage. Default: every rule with both backends."),
  stableService: serviceNameSchema.describe("backendRefs[].name of the stable Service."),
  canaryService: serviceNameSchema.describe("backendRefs[].name of the canary Service."),
  baselineService: baselineServiceSchema
}).refine(distinctServices, DISTINCT_SERVICES).refine(distinctBackends, DISTINCT_BASELINE);
var RULES = ["spec", "rules"];
var gatewayApiRouter = {
  key: "gatewayAPI",
  configSchema: gatewayApiConfigSchema,
  kinds: ["HTTPRoute"],
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: 16,
    headerValue: ["exact", "prefix", "regex"],
    mirrorRoutes: true,
    extraBackends: true
  },
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      route: config.httpRoute,
      httpRoute: config.httpRoute,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const find = (current2) => findHttpRoute(current2, config);
    let next = tree;
    for (const managed of managedRules2(tree, config)) {
      next = writeBackendWeights(next, find, [...RULES, managed.index, "backendRefs"], managed, weights);
    }
    const current = readManaged(findHttpRoute(next, config));
    return current.mirrorRoutes.length > 0 ? writeManaged(next, config, current) : next;
  },
  setHeaderRoutes(tree, config, headerRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findHttpRoute(tree, config)),
      headerRoutes: [...headerRoutes]
    });
  },
  setMirrorRoutes(tree, config, mirrorRoutes) {
    return writeManaged(tree, config, {
      ...readManaged(findHttpRoute(tree, config)),
      mirrorRoutes: [...mirrorRoutes]
    });
  },
  observe(tree, config) {
    const doc = findHttpRoute(tree, config);
    const readings = managedRules2(tree, config).map((managed2) => {
      const refs = [...RULES, managed2.index, "backendRefs"];
      const shares = backendShares(tree, doc, refs, managed2, DEFAULT_WEIGHT);
      const where = `rule ${ruleLabel(managed2)}`;
      return { where, shares, details: place(tree, doc, refs) };
    });
    const canaryWeight = agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.canary })));
    const managed = readManaged(doc);
    return {
      canaryWeight,
      ...config.baselineService === void 0 ? {} : { baselineWeight: agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.baseline }))) },
      headerRoutes: managed.headerRoutes,
      mirrorRoutes: managed.mirrorRoutes
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "HTTPRoute" }),
  configFromCli(tree, options) {
    const httpRoute = options.route ?? onlyName(
      resourceNames(tree, options.file, "HTTPRoute", HTTPROUTE_API_VERSIONS),
      "HTTPRoute",
      options.file
    );
    const doc = findResource(tree, options.file, {
      kind: "HTTPRoute",
      name: httpRoute,
      apiVersions: HTTPROUTE_API_VERSIONS
    });
    const rules = listAt(tree, doc, RULES, "spec.rules");
    const named = options.rule === void 0 ? rules : rules.filter((rule) => options.rule?.includes(String(rule.name)));
    const refs = named[0]?.backendRefs ?? [];
    const names = refs.map((ref) => String(isMap(ref) ? ref.name : ""));
    const { stable, canary } = inferBackends(names, options, "the first rule");
    return {
      file: options.file,
      httpRoute,
      ...options.rule === void 0 ? {} : { rules: options.rule },
      stableService: stable,
      canaryService: canary
    };
  }
};
var gatewayApiTarget = routerTarget(gatewayApiRouter);
function findHttpRoute(tree, config) {
  return findResource(tree, config.file, {
    kind: "HTTPRoute",
    name: config.httpRoute,
    namespace: config.namespace,
    apiVersions: HTTPROUTE_API_VERSIONS
  });
}
function managedRules2(tree, config) {
  const doc = findHttpRoute(tree, config);
  const rules = listAt(tree, doc, RULES, "spec.rules");
  const appended = new Set(readManaged(doc).rules);
  const backendsOf = (rule) => {
    const refs = Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    const names = refs.map(
      (ref) => isMap(ref) && (ref.kind ?? "Service") === "Service" ? ref.name : void 0
    );
    return {
      stable: names.indexOf(config.stableService),
      canary: names.indexOf(config.canaryService),
      names
    };
  };
  const withBaseline = (managed2) => {
    if (config.baselineService === void 0) return managed2;
    const refs = Array.isArray(managed2.rule.backendRefs) ? managed2.rule.backendRefs : [];
    const baseline = refs.findIndex(
      (ref) => isMap(ref) && (ref.kind ?? "Service") === "Service" && ref.name === config.baselineService
    );
    if (baseline < 0) {
      throw new GitcanaryError(
        "BACKEND_MISSING",
        `rule ${ruleLabel(managed2)} has no baseline backend "${config.baselineService}"`,
        {
          ...place(tree, doc, [...RULES, managed2.index, "backendRefs"]),
          hint: `add a backendRef for ${config.baselineService} with weight 0`
        }
      );
    }
    return { ...managed2, baseline };
  };
  if (config.rules !== void 0) {
    return config.rules.map((name) => {
      const index = rules.findIndex((rule) => rule.name === name);
      if (index < 0) {
        throw new GitcanaryError("FIELD_MISSING", `rule "${name}" not found`, {
          ...place(tree, doc, RULES),
          hint: `named rules: ${rules.map((rule) => rule.name).filter(Boolean).join(", ") || "(none)"}`
        });
      }
      const { stable, canary, names } = backendsOf(rules[index]);
      if (stable < 0 || canary < 0) {
        throw new GitcanaryError(
          "BACKEND_MISSING",
          `rule "${name}" has no ${stable < 0 ? `stable backend "${config.stableService}"` : `canary backend "${config.canaryService}"`}`,
          { ...place(tree, doc, [...RULES, index, "backendRefs"]), hint: `backendRefs: ${names.join(", ")}` }
        );
      }
      return withBaseline({ index, rule: rules[index], stable, canary });
    });
  }
  const managed = rules.flatMap((rule, index) => {
    if (typeof rule.name === "string" && appended.has(rule.name)) return [];
    const { stable, canary } = backendsOf(rule);
    return stable >= 0 && canary >= 0 ? [{ index, rule, stable, canary }] : [];
  });
  if (managed.length === 0) {
    throw new GitcanaryError(
      "BACKEND_MISSING",
      `no rule of the HTTPRoute has both backends "${config.stableService}" and "${config.canaryService}"`,
      { ...place(tree, doc, RULES), hint: "add both Services to the backendRefs of the rules to split" }
    );
  }
  return managed.map(withBaseline);
}
function ruleLabel(managed) {
  return typeof managed.rule.name === "string" ? `"${managed.rule.name}"` : `#${managed.index + 1}`;
}
var stringMatchSchema = external_exports.strictObject({
  exact: external_exports.string().optional(),
  prefix: external_exports.string().optional(),
  regex: external_exports.string().optional()
});
var managedSchema = external_exports.strictObject({
  headerRoutes: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      match: external_exports.array(external_exports.strictObject({ headerName: external_exports.string(), headerValue: stringMatchSchema }))
    })
  ),
  mirrorRoutes: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      percentage: external_exports.number(),
      match: external_exports.array(
        external_exports.strictObject({
          method: stringMatchSchema.optional(),
          path: stringMatchSchema.optional(),
          headers: external_exports.record(external_exports.string(), stringMatchSchema).optional()
        })
      ).optional()
    })
  ),
  rules: external_exports.array(external_exports.string())
});
function readManaged(doc) {
  const raw = annotationJson(doc, MANAGED_ROUTES_ANNOTATION);
  if (raw === void 0) return { headerRoutes: [], mirrorRoutes: [], rules: [] };
  const parsed = managedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GitcanaryError("FIELD_INVALID", "the managed-routes annotation was not written by gitcanary", {
      file: doc.file,
      field: `metadata.annotations.${MANAGED_ROUTES_ANNOTATION}`,
      hint: "remove the annotation and the rules it names; gitcanary writes them again at the next step"
    });
  }
  return parsed.data;
}
function writeManaged(tree, config, wanted) {
  const find = (t) => findHttpRoute(t, config);
  const doc = find(tree);
  const current = readManaged(doc);
  const managed = managedRules2(tree, config);
  const userRules = new Set(
    listAt(tree, doc, RULES, "spec.rules").map((rule) => rule.name).filter((name) => typeof name === "string" && !current.rules.includes(name))
  );
  const rules = [];
  const named = (base, index) => managed.length === 1 ? base : `${base}-${index + 1}`;
  for (const headerRoute of wanted.headerRoutes) {
    managed.forEach((rule, i) => {
      rules.push(headerRule2(named(headerRoute.name, i), rule, headerRoute.match));
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
        "RESOURCE_DUPLICATE",
        `the HTTPRoute already has a rule named "${String(rule.name)}"`,
        {
          ...place(tree, doc, RULES),
          hint: "give the header or mirror route another name"
        }
      );
    }
  }
  if (userRules.size + rules.length > MAX_RULES && rules.length > 0) {
    throw new GitcanaryError("FIELD_INVALID", `an HTTPRoute holds at most ${MAX_RULES} rules`, {
      ...place(tree, doc, RULES),
      hint: "use fewer header or mirror routes at once"
    });
  }
  let next = syncOwnedItems(tree, find, RULES, new Set(current.rules), rules);
  const record = {
    headerRoutes: wanted.headerRoutes,
    mirrorRoutes: wanted.mirrorRoutes,
    rules: rules.map((rule) => String(rule.name))
  };
  next = setAnnotationJson(
    next,
    find(next),
    MANAGED_ROUTES_ANNOTATION,
    rules.length === 0 ? void 0 : record
  );
  return next;
}
function headerRule2(name, managed, match) {
  const matches = Array.isArray(managed.rule.matches) && managed.rule.matches.length > 0 ? managed.rule.matches : [{}];
  const headers = match.map((item) => headerMatch(item.headerName, item.headerValue));
  const refs = managed.rule.backendRefs;
  const { weight: _weight, ...canaryRef } = refs[managed.canary];
  return {
    name,
    matches: matches.map((m) => {
      const plain = isMap(m) ? m : {};
      return { ...plain, headers: [...Array.isArray(plain.headers) ? plain.headers : [], ...headers] };
    }),
    ...managed.rule.filters === void 0 ? {} : { filters: managed.rule.filters },
    backendRefs: [canaryRef]
  };
}
function mirrorRule(name, managed, mirror, config, doc, tree) {
  const refs = managed.rule.backendRefs;
  const canary = refs[managed.canary];
  const matches = (mirror.match ?? [{}]).map((item) => {
    const out = {};
    if (item.path !== void 0) {
      const { exact, prefix, regex } = item.path;
      out.path = exact !== void 0 ? { type: "Exact", value: exact } : prefix !== void 0 ? { type: "PathPrefix", value: prefix } : { type: "RegularExpression", value: regex };
    }
    if (item.method !== void 0) {
      if (item.method.exact === void 0) {
        throw new GitcanaryError("FIELD_INVALID", "Gateway API matches a method exactly only", {
          ...place(tree, doc, RULES),
          field: "setMirrorRoute.match.method"
        });
      }
      out.method = item.method.exact;
    }
    if (item.headers !== void 0) {
      out.headers = Object.entries(item.headers).map(([header, value]) => headerMatch(header, value));
    }
    return out;
  });
  const backendRef = {
    name: config.canaryService,
    ...canary.port === void 0 ? {} : { port: canary.port }
  };
  return {
    name,
    matches,
    filters: [
      ...Array.isArray(managed.rule.filters) ? managed.rule.filters : [],
      { type: "RequestMirror", requestMirror: { backendRef, percent: mirror.percentage } }
    ],
    backendRefs: refs
  };
}
function headerMatch(name, value) {
  if (value.exact !== void 0) return { name, type: "Exact", value: value.exact };
  if (value.regex !== void 0) return { name, type: "RegularExpression", value: value.regex };
  return { name, type: "RegularExpression", value: `^${escapeRegex(value.prefix ?? "")}.*` };
}

// src/targets/helm.ts
var valuePathSchema = external_exports.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "a dotted path of value keys, e.g. image.tag").describe("Dotted path in the values file.");
var helmConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("The values file, e.g. values-canary.yaml."),
  image: external_exports.strictObject({
    repository: valuePathSchema,
    tag: valuePathSchema,
    digest: valuePathSchema.optional()
  })
});
var helmTarget = {
  key: "helm",
  family: "workload",
  configSchema: helmConfigSchema,
  files: (config) => [config.file],
  apply(tree, config, state, role) {
    if (role === "baseline") refuseBaselineRole("helm", "a values file has no standard replicas path");
    if (role === "canary" && state.canaryScale !== void 0) {
      throw new GitcanaryError("CONFIG_INVALID", "setCanaryScale needs a workload with replicas", {
        file: config.file,
        field: "spec.workload.helm",
        hint: "a helm values file has no standard replicas path: drop setCanaryScale, or use a kustomization with replicas or a deployment target"
      });
    }
    const image = role === "canary" ? state.canaryImage : state.stableImage;
    if (image === void 0) return tree;
    const ref = parseImageRef(image);
    let next = setIn(tree, valuesDoc(tree, config), split(config.image.repository), ref.name);
    next = setIn(next, valuesDoc(next, config), split(config.image.tag), ref.tag ?? "latest");
    if (config.image.digest !== void 0 && ref.digest !== void 0) {
      next = setIn(next, valuesDoc(next, config), split(config.image.digest), ref.digest);
    }
    return next;
  },
  observe(tree, config, role) {
    const doc = valuesDoc(tree, config);
    const repository = valueAt(doc, split(config.image.repository));
    const tag = valueAt(doc, split(config.image.tag));
    const digest = config.image.digest === void 0 ? void 0 : valueAt(doc, split(config.image.digest));
    if (typeof repository !== "string") return {};
    const image = formatImageRef({
      name: repository,
      tag: tag === void 0 || tag === null ? void 0 : String(tag),
      digest: typeof digest === "string" && digest !== "" ? digest : void 0
    });
    const observed = role === "canary" ? { canaryImage: image } : { stableImage: image };
    return observed;
  }
};
function split(path2) {
  return path2.split(".");
}
function valuesDoc(tree, config) {
  const doc = tree.documents(config.file)[0];
  if (doc === void 0 || doc.document.contents === null) {
    throw new GitcanaryError("FILE_EMPTY", "the values file holds no values", { file: config.file });
  }
  return doc;
}

// src/targets/istio.ts
var ISTIO_API_VERSIONS = [
  "networking.istio.io/v1",
  "networking.istio.io/v1beta1",
  "networking.istio.io/v1alpha3"
];
var MANAGED_ROUTES_ANNOTATION2 = "gitcanary.dev/managed-routes";
var HTTP = ["spec", "http"];
var istioConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("File (or folder) holding the VirtualService (and DestinationRule)."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  virtualService: external_exports.strictObject({
    name: resourceNameSchema.describe("metadata.name of the VirtualService."),
    routes: external_exports.array(ruleNameSchema).min(1).optional().describe("Names of the spec.http[] routes to manage. Default: every route with both destinations.")
  }),
  destinationRule: external_exports.strictObject({
    name: resourceNameSchema.describe("metadata.name of the DestinationRule."),
    canarySubsetName: ruleNameSchema,
    stableSubsetName: ruleNameSchema,
    baselineSubsetName: ruleNameSchema.optional().describe(
      "Subset of the spec.baseline workload's pods: gets the canary's weight while a release runs (listed in each managed route, at weight 0)."
    )
  }).optional().describe("Subset-level split: the destinations are subsets of one host."),
  stableService: hostSchema.optional().describe("Host-level split: destination host of the stable."),
  canaryService: hostSchema.optional().describe("Host-level split: destination host of the canary."),
  baselineService: hostSchema.optional().describe(
    "Host-level split: destination host of the spec.baseline workload; gets the canary's weight while a release runs (listed in each managed route, at weight 0)."
  )
}).refine(
  (config) => config.destinationRule !== void 0 || config.stableService !== void 0 && config.canaryService !== void 0 && config.stableService !== config.canaryService,
  { message: "set destinationRule (subset split) or two different stableService and canaryService hosts" }
).refine((config) => config.baselineService === void 0 || config.destinationRule === void 0, {
  message: "a subset split names the baseline as destinationRule.baselineSubsetName, not baselineService",
  path: ["baselineService"]
}).refine(distinctBackends, DISTINCT_BASELINE).refine(
  (config) => config.destinationRule?.baselineSubsetName === void 0 || ![config.destinationRule.stableSubsetName, config.destinationRule.canarySubsetName].includes(
    config.destinationRule.baselineSubsetName
  ),
  {
    message: "baselineSubsetName must differ from stableSubsetName and canarySubsetName",
    path: ["destinationRule", "baselineSubsetName"]
  }
);
function baselineOf(config) {
  return config.baselineService ?? config.destinationRule?.baselineSubsetName;
}
var istioRouter = {
  key: "istio",
  configSchema: istioConfigSchema,
  kinds: ["VirtualService"],
  capabilities: {
    headerRoutes: Number.POSITIVE_INFINITY,
    headerMatches: Number.POSITIVE_INFINITY,
    headerValue: ["exact", "prefix", "regex"],
    mirrorRoutes: true,
    extraBackends: true
  },
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      route: config.virtualService.name,
      virtualService: config.virtualService.name,
      ...config.stableService === void 0 ? {} : { stableService: config.stableService },
      ...config.canaryService === void 0 ? {} : { canaryService: config.canaryService },
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files: (config) => [config.file],
  baselineBackend: baselineOf,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    checkDestinationRule(tree, config);
    const find = (current2) => findVirtualService(current2, config);
    let next = tree;
    for (const managed of managedRoutes(tree, config)) {
      next = writeBackendWeights(next, find, [...HTTP, managed.index, "route"], managed, weights);
    }
    const current = readManaged2(findVirtualService(next, config));
    return current.mirrorRoutes.length > 0 ? writeManaged2(next, config, current) : next;
  },
  setHeaderRoutes(tree, config, headerRoutes) {
    return writeManaged2(tree, config, {
      ...readManaged2(findVirtualService(tree, config)),
      headerRoutes: [...headerRoutes]
    });
  },
  setMirrorRoutes(tree, config, mirrorRoutes) {
    return writeManaged2(tree, config, {
      ...readManaged2(findVirtualService(tree, config)),
      mirrorRoutes: [...mirrorRoutes]
    });
  },
  observe(tree, config) {
    const doc = findVirtualService(tree, config);
    const readings = managedRoutes(tree, config).map((managed2) => {
      const route = [...HTTP, managed2.index, "route"];
      const single = managed2.route.route.length === 1 ? 100 : 0;
      const shares = backendShares(tree, doc, route, managed2, single);
      return {
        where: `route ${typeof managed2.route.name === "string" ? `"${managed2.route.name}"` : `#${managed2.index + 1}`}`,
        shares,
        details: place(tree, doc, route)
      };
    });
    const canaryWeight = agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.canary })));
    const managed = readManaged2(doc);
    return {
      canaryWeight,
      ...baselineOf(config) === void 0 ? {} : { baselineWeight: agreeingWeight(readings.map((r) => ({ ...r, weight: r.shares.baseline }))) },
      headerRoutes: managed.headerRoutes,
      mirrorRoutes: managed.mirrorRoutes
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "VirtualService" }),
  configFromCli(tree, options) {
    const name = options.route ?? onlyName(
      resourceNames(tree, options.file, "VirtualService", ISTIO_API_VERSIONS),
      "VirtualService",
      options.file
    );
    const doc = findResource(tree, options.file, {
      kind: "VirtualService",
      name,
      apiVersions: ISTIO_API_VERSIONS
    });
    const http = listAt(tree, doc, HTTP, "spec.http routes");
    const first = options.rule === void 0 ? http[0] : http.find((route) => options.rule?.includes(String(route.name)));
    const destinations = (Array.isArray(first?.route) ? first.route : []).map(
      (item) => isMap(item) && isMap(item.destination) ? item.destination : {}
    );
    const hosts = destinations.map((d) => String(d.host));
    const subsets = destinations.map((d) => d.subset);
    const routes = options.rule === void 0 ? {} : { routes: options.rule };
    if (hosts.length === 2 && hosts[0] === hosts[1] && subsets.every((subset) => typeof subset === "string")) {
      const { stable: stable2, canary: canary2 } = inferBackends(subsets, options, "the route");
      const rules = tree.resources([doc.file], { kind: "DestinationRule" });
      const rule = rules.find((d) => valueAt(d, ["spec", "host"]) === hosts[0]) ?? rules[0];
      if (rule?.name === void 0) {
        throw new GitcanaryError(
          "USAGE",
          `no DestinationRule for host ${hosts[0]} next to the VirtualService`
        );
      }
      return {
        file: options.file,
        virtualService: { name, ...routes },
        destinationRule: { name: rule.name, stableSubsetName: stable2, canarySubsetName: canary2 }
      };
    }
    const { stable, canary } = inferBackends(hosts, options, "the route");
    return {
      file: options.file,
      virtualService: { name, ...routes },
      stableService: stable,
      canaryService: canary
    };
  }
};
var istioTarget = routerTarget(istioRouter);
function findVirtualService(tree, config) {
  return findResource(tree, config.file, {
    kind: "VirtualService",
    name: config.virtualService.name,
    namespace: config.namespace,
    apiVersions: ISTIO_API_VERSIONS
  });
}
function checkDestinationRule(tree, config) {
  const rule = config.destinationRule;
  if (rule === void 0) return;
  const doc = findResource(tree, config.file, {
    kind: "DestinationRule",
    name: rule.name,
    namespace: config.namespace,
    apiVersions: ISTIO_API_VERSIONS
  });
  const subsets = valueAt(doc, ["spec", "subsets"]) ?? [];
  const names = subsets.map((subset) => isMap(subset) ? subset.name : void 0);
  for (const subset of [rule.stableSubsetName, rule.canarySubsetName, rule.baselineSubsetName]) {
    if (subset === void 0) continue;
    if (!names.includes(subset)) {
      throw new GitcanaryError("FIELD_MISSING", `the DestinationRule has no subset "${subset}"`, {
        ...place(tree, doc, ["spec", "subsets"]),
        hint: `subsets: ${names.filter(Boolean).join(", ") || "(none)"}`
      });
    }
  }
}
function roleOf(destination, config) {
  if (!isMap(destination)) return void 0;
  const rule = config.destinationRule;
  if (rule !== void 0) {
    if (destination.subset === rule.stableSubsetName) return "stable";
    if (destination.subset === rule.canarySubsetName) return "canary";
    if (rule.baselineSubsetName !== void 0 && destination.subset === rule.baselineSubsetName)
      return "baseline";
    return void 0;
  }
  if (destination.host === config.stableService) return "stable";
  if (destination.host === config.canaryService) return "canary";
  if (config.baselineService !== void 0 && destination.host === config.baselineService) return "baseline";
  return void 0;
}
function managedRoutes(tree, config) {
  const doc = findVirtualService(tree, config);
  const http = listAt(tree, doc, HTTP, "spec.http routes");
  const appended = new Set(readManaged2(doc).routes);
  const destinationsOf = (route) => {
    const list = Array.isArray(route.route) ? route.route : [];
    const roles = list.map((item) => roleOf(isMap(item) ? item.destination : void 0, config));
    return { stable: roles.indexOf("stable"), canary: roles.indexOf("canary") };
  };
  const withBaseline = (managed2) => {
    const name = baselineOf(config);
    if (name === void 0) return managed2;
    const list = Array.isArray(managed2.route.route) ? managed2.route.route : [];
    const baseline = list.findIndex(
      (item) => roleOf(isMap(item) ? item.destination : void 0, config) === "baseline"
    );
    if (baseline < 0) {
      throw new GitcanaryError(
        "BACKEND_MISSING",
        `HTTP route ${typeof managed2.route.name === "string" ? `"${managed2.route.name}"` : `#${managed2.index + 1}`} has no baseline destination "${name}"`,
        {
          ...place(tree, doc, [...HTTP, managed2.index, "route"]),
          hint: `add a destination for ${name} with weight 0`
        }
      );
    }
    return { ...managed2, baseline };
  };
  const wanted = config.virtualService.routes;
  if (wanted !== void 0) {
    return wanted.map((name) => {
      const index = http.findIndex((route) => route.name === name);
      if (index < 0) {
        throw new GitcanaryError("FIELD_MISSING", `HTTP route "${name}" not found`, {
          ...place(tree, doc, HTTP),
          hint: `named routes: ${http.map((route) => route.name).filter(Boolean).join(", ") || "(none)"}`
        });
      }
      const { stable, canary } = destinationsOf(http[index]);
      if (stable < 0 || canary < 0) {
        throw new GitcanaryError(
          "BACKEND_MISSING",
          `HTTP route "${name}" has no ${stable < 0 ? "stable" : "canary"} destination`,
          {
            ...place(tree, doc, [...HTTP, index, "route"]),
            hint: describeDestinations(config)
          }
        );
      }
      return withBaseline({ index, route: http[index], stable, canary });
    });
  }
  const managed = http.flatMap((route, index) => {
    if (typeof route.name === "string" && appended.has(route.name)) return [];
    const { stable, canary } = destinationsOf(route);
    return stable >= 0 && canary >= 0 ? [{ index, route, stable, canary }] : [];
  });
  if (managed.length === 0) {
    throw new GitcanaryError("BACKEND_MISSING", "no HTTP route of the VirtualService has both destinations", {
      ...place(tree, doc, HTTP),
      hint: describeDestinations(config)
    });
  }
  return managed.map(withBaseline);
}
function describeDestinations(config) {
  const rule = config.destinationRule;
  return rule === void 0 ? `expected destinations with host ${config.stableService} and ${config.canaryService}` : `expected destinations with subset ${rule.stableSubsetName} and ${rule.canarySubsetName}`;
}
var stringMatch = external_exports.strictObject({
  exact: external_exports.string().optional(),
  prefix: external_exports.string().optional(),
  regex: external_exports.string().optional()
});
var managedSchema2 = external_exports.strictObject({
  headerRoutes: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      match: external_exports.array(external_exports.strictObject({ headerName: external_exports.string(), headerValue: stringMatch }))
    })
  ),
  mirrorRoutes: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      percentage: external_exports.number(),
      match: external_exports.array(
        external_exports.strictObject({
          method: stringMatch.optional(),
          path: stringMatch.optional(),
          headers: external_exports.record(external_exports.string(), stringMatch).optional()
        })
      ).optional()
    })
  ),
  routes: external_exports.array(external_exports.string())
});
function readManaged2(doc) {
  const raw = annotationJson(doc, MANAGED_ROUTES_ANNOTATION2);
  if (raw === void 0) return { headerRoutes: [], mirrorRoutes: [], routes: [] };
  const parsed = managedSchema2.safeParse(raw);
  if (!parsed.success) {
    throw new GitcanaryError("FIELD_INVALID", "the managed-routes annotation was not written by gitcanary", {
      file: doc.file,
      field: `metadata.annotations.${MANAGED_ROUTES_ANNOTATION2}`,
      hint: "remove the annotation and the HTTP routes it names; gitcanary writes them again at the next step"
    });
  }
  return parsed.data;
}
function writeManaged2(tree, config, wanted) {
  const find = (t) => findVirtualService(t, config);
  const doc = find(tree);
  const current = readManaged2(doc);
  const managed = managedRoutes(tree, config);
  const userNames = new Set(
    listAt(tree, doc, HTTP, "spec.http routes").map((route) => route.name).filter((name) => typeof name === "string" && !current.routes.includes(name))
  );
  const named = (base, i) => managed.length === 1 ? base : `${base}-${i + 1}`;
  const routes = [];
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
        "RESOURCE_DUPLICATE",
        `the VirtualService already has an HTTP route named "${String(route.name)}"`,
        {
          ...place(tree, doc, HTTP),
          hint: "give the header or mirror route another name"
        }
      );
    }
  }
  let next = syncOwnedItems(tree, find, HTTP, new Set(current.routes), routes, "start");
  const record = {
    headerRoutes: wanted.headerRoutes,
    mirrorRoutes: wanted.mirrorRoutes,
    routes: routes.map((route) => String(route.name))
  };
  next = setAnnotationJson(
    next,
    find(next),
    MANAGED_ROUTES_ANNOTATION2,
    routes.length === 0 ? void 0 : record
  );
  return next;
}
function headerHttpRoute(name, managed, headerRoute) {
  const headers = Object.fromEntries(
    headerRoute.match.map((match) => [match.headerName, { ...match.headerValue }])
  );
  const matches = Array.isArray(managed.route.match) && managed.route.match.length > 0 ? managed.route.match : [{}];
  const destinations = managed.route.route;
  const { weight: _weight, ...canary } = destinations[managed.canary];
  return {
    name,
    match: matches.map((m) => {
      const plain = isMap(m) ? m : {};
      return { ...plain, headers: { ...isMap(plain.headers) ? plain.headers : {}, ...headers } };
    }),
    route: [canary]
  };
}
function mirrorHttpRoute(name, managed, mirror) {
  const destinations = managed.route.route;
  const canary = destinations[managed.canary];
  const match = (mirror.match ?? []).map((item) => ({
    ...item.method === void 0 ? {} : { method: { ...item.method } },
    ...item.path === void 0 ? {} : { uri: { ...item.path } },
    ...item.headers === void 0 ? {} : { headers: { ...item.headers } }
  }));
  return {
    name,
    ...match.length === 0 ? {} : { match },
    route: destinations,
    mirror: canary.destination,
    mirrorPercentage: { value: mirror.percentage }
  };
}

// src/targets/smi.ts
var SMI_API_VERSIONS = [
  "split.smi-spec.io/v1alpha1",
  "split.smi-spec.io/v1alpha2",
  "split.smi-spec.io/v1alpha3",
  "split.smi-spec.io/v1alpha4"
];
var smiConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("File (or folder) holding the TrafficSplit."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  trafficSplitName: resourceNameSchema.describe("metadata.name of the TrafficSplit."),
  rootService: serviceNameSchema.optional().describe("spec.service it must split (checked when given)."),
  stableService: serviceNameSchema,
  canaryService: serviceNameSchema,
  baselineService: baselineServiceSchema
}).refine(distinctServices, DISTINCT_SERVICES).refine(distinctBackends, DISTINCT_BASELINE);
var BACKENDS = { path: ["spec", "backends"], serviceField: "service", item: "backend" };
var smiRouter = {
  key: "smi",
  configSchema: smiConfigSchema,
  kinds: ["TrafficSplit"],
  // Argo Rollouts creates the TrafficSplit with itself as controller and refuses one it does not
  // own (rollout/trafficrouting/smi/smi.go, SetWeight: "Rollout does not own TrafficSplit").
  generatedByController: "Argo Rollouts creates and owns the TrafficSplit (rollout/trafficrouting/smi/smi.go, SetWeight)",
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true
  },
  // Flagger's `smi:linkerd` provider reads Linkerd's proxy metrics (observers/linkerd.go).
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      route: config.trafficSplitName,
      trafficSplit: config.trafficSplitName,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const find = (current) => findSplit(current, config);
    return writeBackendWeights(tree, find, BACKENDS.path, backends(tree, config), weights);
  },
  observe(tree, config) {
    const doc = findSplit(tree, config);
    const indexes = backends(tree, config);
    const shares = backendShares(tree, doc, BACKENDS.path, indexes, 0);
    return {
      canaryWeight: shares.canary,
      ...indexes.baseline === void 0 ? {} : { baselineWeight: shares.baseline },
      headerRoutes: [],
      mirrorRoutes: []
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "TrafficSplit" }),
  configFromCli(tree, options) {
    const trafficSplitName = options.route ?? onlyName(
      resourceNames(tree, options.file, "TrafficSplit", SMI_API_VERSIONS),
      "TrafficSplit",
      options.file
    );
    const doc = findResource(tree, options.file, {
      kind: "TrafficSplit",
      name: trafficSplitName,
      apiVersions: SMI_API_VERSIONS
    });
    const names = listAt(tree, doc, BACKENDS.path, "spec.backends").map((backend) => String(backend.service));
    const { stable, canary } = inferBackends(names, options, "the TrafficSplit");
    return { file: options.file, trafficSplitName, stableService: stable, canaryService: canary };
  }
};
var smiTarget = routerTarget(smiRouter);
function findSplit(tree, config) {
  return findResource(tree, config.file, {
    kind: "TrafficSplit",
    name: config.trafficSplitName,
    namespace: config.namespace,
    apiVersions: SMI_API_VERSIONS
  });
}
function backends(tree, config) {
  const doc = findSplit(tree, config);
  if (config.rootService !== void 0 && valueAt(doc, ["spec", "service"]) !== config.rootService) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `the TrafficSplit splits ${String(valueAt(doc, ["spec", "service"]))}, not ${config.rootService}`,
      {
        ...place(tree, doc, ["spec", "service"])
      }
    );
  }
  return serviceBackends(tree, doc, BACKENDS, config);
}

// src/targets/traefik.ts
var TRAEFIK_API_VERSIONS = ["traefik.io/v1alpha1", "traefik.containo.us/v1alpha1"];
var SERVICES = {
  path: ["spec", "weighted", "services"],
  serviceField: "name",
  item: "service"
};
var DEFAULT_WEIGHT2 = 1;
var traefikConfigSchema = external_exports.strictObject({
  file: manifestPathSchema.describe("File (or folder) holding the TraefikService."),
  namespace: namespaceSchema.optional().describe("metadata.namespace, when several share the name."),
  weightedTraefikServiceName: resourceNameSchema.describe("metadata.name of the weighted TraefikService."),
  stableService: serviceNameSchema,
  canaryService: serviceNameSchema,
  baselineService: baselineServiceSchema
}).refine(distinctServices, DISTINCT_SERVICES).refine(distinctBackends, DISTINCT_BASELINE);
var traefikRouter = {
  key: "traefik",
  configSchema: traefikConfigSchema,
  kinds: ["TraefikService"],
  capabilities: {
    headerRoutes: 0,
    headerMatches: 0,
    headerValue: [],
    mirrorRoutes: false,
    extraBackends: true
  },
  metricTemplates: ["request-success-rate", "request-duration"],
  gateVariables(config) {
    return {
      route: config.weightedTraefikServiceName,
      traefikService: config.weightedTraefikServiceName,
      stableService: config.stableService,
      canaryService: config.canaryService,
      ...config.baselineService === void 0 ? {} : { baselineService: config.baselineService }
    };
  },
  files: (config) => [config.file],
  baselineBackend: (config) => config.baselineService,
  setWeight(tree, config, canaryWeight, context) {
    const weights = splitWeights(canaryWeight, context?.baselineWeight);
    const find = (current) => findService(current, config);
    return writeBackendWeights(tree, find, SERVICES.path, services(tree, config), weights);
  },
  observe(tree, config) {
    const doc = findService(tree, config);
    const indexes = services(tree, config);
    const shares = backendShares(tree, doc, SERVICES.path, indexes, DEFAULT_WEIGHT2);
    return {
      canaryWeight: shares.canary,
      ...indexes.baseline === void 0 ? {} : { baselineWeight: shares.baseline },
      headerRoutes: [],
      mirrorRoutes: []
    };
  },
  detects: (tree, files) => tree.hasResource(files, { kind: "TraefikService" }),
  configFromCli(tree, options) {
    const name = options.route ?? onlyName(
      resourceNames(tree, options.file, "TraefikService", TRAEFIK_API_VERSIONS),
      "TraefikService",
      options.file
    );
    const doc = findResource(tree, options.file, {
      kind: "TraefikService",
      name,
      apiVersions: TRAEFIK_API_VERSIONS
    });
    const names = listAt(tree, doc, SERVICES.path, "spec.weighted.services").map(
      (service) => String(service.name)
    );
    const { stable, canary } = inferBackends(names, options, "the TraefikService");
    return {
      file: options.file,
      weightedTraefikServiceName: name,
      stableService: stable,
      canaryService: canary
    };
  }
};
var traefikTarget = routerTarget(traefikRouter);
function findService(tree, config) {
  return findResource(tree, config.file, {
    kind: "TraefikService",
    name: config.weightedTraefikServiceName,
    namespace: config.namespace,
    apiVersions: TRAEFIK_API_VERSIONS
  });
}
function services(tree, config) {
  return serviceBackends(tree, findService(tree, config), SERVICES, config);
}

// src/targets/registry.ts
var targets = [
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
  ambassadorTarget
];
noteMirroringRouters(
  routers().filter((router) => router.capabilities.mirrorRoutes).map((router) => router.key)
);
noteBaselineRouters(
  routers().filter((router) => router.capabilities.extraBackends).map((router) => router.key)
);
function targetFor(key) {
  return targets.find((target) => target.key === key);
}
function allTargets() {
  return targets;
}
function routers() {
  return targets.flatMap((target) => target.router === void 0 ? [] : [target.router]);
}
function routerFor(key) {
  return targetFor(key)?.router;
}

export {
  capabilityIssue,
  MAX_WEIGHT_WITH_BASELINE,
  setHeaderRoutes,
  targetFor,
  allTargets,
  routers,
  routerFor
};
