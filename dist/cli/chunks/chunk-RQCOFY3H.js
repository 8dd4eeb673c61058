import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  dns1123Label,
  dns1123Subdomain,
  envVarName,
  external_exports,
  httpHeaderName,
  httpHeaderValue,
  httpUrl,
  singleLine
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  fieldPath
} from "./chunk-ASCNN4HU.js";

// src/shared/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
var PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
function isDuration(value) {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0;
  return typeof value === "string" && (DURATION_PATTERN.test(value.trim()) || /^\d+$/.test(value.trim()));
}
function parseDuration(value, field) {
  if (!isDuration(value)) {
    throw new GitcanaryError("FIELD_INVALID", `invalid duration ${JSON.stringify(value)}`, {
      field,
      hint: "use a number of seconds or a string like 30s, 5m, 1h30m, 500ms"
    });
  }
  if (typeof value === "number") return Math.round(value * 1e3);
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1e3;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) {
    total += Number(amount) * (UNIT_MS[unit ?? "s"] ?? 0);
  }
  return Math.round(total);
}
function formatPromDuration(ms) {
  if (ms % 36e5 === 0 && ms > 0) return `${ms / 36e5}h`;
  if (ms % 6e4 === 0 && ms > 0) return `${ms / 6e4}m`;
  if (ms % 1e3 === 0) return `${ms / 1e3}s`;
  return `${ms}ms`;
}

// src/gates/schema-fields.ts
var durationSchema = external_exports.union([external_exports.string(), external_exports.number().nonnegative()]).refine(isDuration, { message: "expected a duration like 30s, 5m, 1h or a number of seconds" }).meta({ description: "Duration: a number of seconds or a string like 30s, 5m, 1h30m." });
var stringMap = external_exports.record(external_exports.string(), external_exports.string());
var headerMap = external_exports.record(httpHeaderName, httpHeaderValue);
var objectRef = external_exports.string().regex(
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  "name or namespace/name of a Kubernetes object (DNS-1123)"
);
var measurementFields = {
  interval: durationSchema.default("1m").describe("Time between measurements."),
  count: external_exports.number().int().positive().default(1).describe("Number of measurements."),
  failureLimit: external_exports.number().int().nonnegative().default(0).describe("Failed measurements tolerated."),
  inconclusiveLimit: external_exports.number().int().nonnegative().default(0).describe("Inconclusive measurements (no data) tolerated."),
  consecutiveErrorLimit: external_exports.number().int().nonnegative().default(4).describe("Consecutive errors (query failed, server down) tolerated before the gate fails.")
};

// src/gates/argo-analysis/schema.ts
var templateRefSchema = external_exports.strictObject({
  templateName: external_exports.string().min(1),
  clusterScope: external_exports.boolean().optional().describe("A ClusterAnalysisTemplate instead of an AnalysisTemplate.")
});
var analysisArgSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  // A string in the CRD; Argo's own docs write `value: 9090`, so numbers and booleans are taken as text.
  value: external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).optional(),
  valueFrom: external_exports.strictObject({
    fieldRef: external_exports.strictObject({ fieldPath: external_exports.string().min(1) }).optional(),
    secretKeyRef: external_exports.strictObject({ name: external_exports.string().min(1), key: external_exports.string().min(1) }).optional(),
    podTemplateHashValue: external_exports.enum(["Stable", "Latest"]).optional()
  }).optional()
});
var dryRunSchema = external_exports.strictObject({
  metricName: external_exports.string().min(1).describe("Metric name, or a regular expression such as `.*`.")
});
var measurementRetentionSchema = external_exports.strictObject({
  metricName: external_exports.string().min(1),
  limit: external_exports.number().int().nonnegative()
});
var rolloutAnalysisFields = {
  templates: external_exports.array(templateRefSchema).min(1).describe("AnalysisTemplates read from the repository."),
  args: external_exports.array(analysisArgSchema).optional(),
  dryRun: external_exports.array(dryRunSchema).optional(),
  measurementRetention: external_exports.array(measurementRetentionSchema).optional(),
  analysisRunMetadata: external_exports.strictObject({
    labels: external_exports.record(external_exports.string(), external_exports.string()).optional(),
    annotations: external_exports.record(external_exports.string(), external_exports.string()).optional()
  }).optional().describe("Accepted for pasting; gitcanary creates no AnalysisRun object.")
};
var fieldRefObjectSchema = external_exports.strictObject({
  file: external_exports.string().min(1),
  kind: external_exports.string().min(1),
  name: external_exports.string().min(1),
  namespace: external_exports.string().min(1).optional()
});
var argoAnalysisConfigSchema = external_exports.strictObject({
  ...rolloutAnalysisFields,
  path: external_exports.string().min(1).default(".").describe("Folder of the repository searched for the templates (default: all of it)."),
  fieldRefObject: fieldRefObjectSchema.optional().describe("Where `valueFrom.fieldRef` reads from (the Rollout of spec.workload by default)."),
  runFor: durationSchema.optional().describe("Background analysis: measure for this long (a pause), metrics without count until then.")
});
var intOrString = external_exports.union([external_exports.number().int(), external_exports.string().regex(/^-?\d+$/, "expected a whole number")]);
var headerListSchema = external_exports.array(external_exports.looseObject({ key: external_exports.string().min(1), value: external_exports.string() }));
var prometheusProviderSchema = external_exports.looseObject({
  address: external_exports.string().optional(),
  query: external_exports.string().min(1),
  timeout: external_exports.number().int().nonnegative().optional().describe("Seconds (Argo: default 30)."),
  insecure: external_exports.boolean().optional(),
  headers: headerListSchema.optional(),
  authentication: external_exports.unknown().optional()
});
var webProviderSchema = external_exports.looseObject({
  url: external_exports.string().min(1),
  method: external_exports.enum(["GET", "POST", "PUT"]).optional(),
  headers: headerListSchema.optional(),
  body: external_exports.string().optional(),
  jsonBody: external_exports.unknown().optional(),
  timeoutSeconds: external_exports.number().int().optional(),
  jsonPath: external_exports.string().optional(),
  insecure: external_exports.boolean().optional()
});
var metricSchema = external_exports.looseObject({
  name: external_exports.string().min(1),
  interval: external_exports.string().optional(),
  initialDelay: external_exports.string().optional(),
  count: intOrString.optional(),
  successCondition: external_exports.string().optional(),
  failureCondition: external_exports.string().optional(),
  failureLimit: intOrString.optional(),
  inconclusiveLimit: intOrString.optional(),
  consecutiveErrorLimit: intOrString.optional(),
  consecutiveSuccessLimit: intOrString.optional(),
  provider: external_exports.record(external_exports.string(), external_exports.unknown())
});
var analysisTemplateSchema = external_exports.looseObject({
  apiVersion: external_exports.literal("argoproj.io/v1alpha1"),
  kind: external_exports.enum(["AnalysisTemplate", "ClusterAnalysisTemplate"]),
  metadata: external_exports.looseObject({ name: external_exports.string().min(1), namespace: external_exports.string().optional() }),
  spec: external_exports.looseObject({
    args: external_exports.array(analysisArgSchema).optional(),
    metrics: external_exports.array(external_exports.unknown()).min(1),
    dryRun: external_exports.array(dryRunSchema).optional(),
    measurementRetention: external_exports.array(measurementRetentionSchema).optional()
  })
});

// src/gates/judge/schema.ts
var MAX_JUDGE_SAMPLES = 2e3;
var DEFAULT_GROUP = "default";
var judgeMetricSchema = external_exports.strictObject({
  name: external_exports.string().min(1).describe("Metric name in the evidence."),
  query: external_exports.string().min(1).describe("PromQL for one series per group; a handlebars template where {{group}} is the group value."),
  direction: external_exports.enum(["increase", "decrease", "either"]).default("either").describe("Which change of the canary is bad (Kayenta: direction)."),
  critical: external_exports.boolean().default(false).describe("A critical metric that does not pass fails the judgment."),
  weight: external_exports.number().positive().default(1).describe("The metric's weight within its group."),
  group: external_exports.string().min(1).optional().describe("Metric group (Kayenta: groups); groups weigh by groupWeights."),
  effectSize: external_exports.number().nonnegative().optional().describe("This metric's allowed relative change of the mean (default: the judge's effectSize)."),
  nanStrategy: external_exports.enum(["remove", "replace"]).default("remove").describe(
    "NaN samples (e.g. 0/0 without traffic): drop them, or count them as 0 (Kayenta: nanStrategy)."
  ),
  outliers: external_exports.strictObject({
    strategy: external_exports.enum(["keep", "remove"]).default("keep"),
    outlierFactor: external_exports.number().positive().default(3).describe("IQR factor of the fences.")
  }).optional().describe("Kayenta's IQR outlier removal (default keep).")
});
var judgeConfigSchema = external_exports.strictObject({
  prometheus: external_exports.strictObject({
    address: external_exports.url().describe("Prometheus base URL, e.g. http://prometheus.monitoring:9090"),
    headers: headerMap.optional(),
    bearerTokenEnv: external_exports.string().min(1).optional().describe("Environment variable holding a bearer token."),
    timeout: durationSchema.default("30s").describe("Time limit of each query.")
  }).describe("Where the metrics are read, as for the prometheus gate."),
  lookback: durationSchema.default("10m").describe("Samples come from [now - lookback, now]."),
  step: durationSchema.default("15s").describe("Resolution of each range query."),
  groups: external_exports.strictObject({
    canary: external_exports.string().min(1).describe("Value of {{group}} for the canary."),
    baseline: external_exports.string().min(1).describe("Value of {{group}} for the baseline.")
  }).default({ canary: "canary", baseline: "baseline" }),
  metrics: external_exports.array(judgeMetricSchema).min(1),
  groupWeights: external_exports.record(external_exports.string().min(1), external_exports.number().nonnegative()).optional().describe(
    "Percent of the score per metric group; groups left out share what is left of 100 (Kayenta's groupWeights)."
  ),
  confidence: external_exports.number().gt(0).lt(1).default(0.98).describe("Confidence level of the shift's interval (NetflixACAJudge: 0.98)."),
  effectSize: external_exports.number().nonnegative().default(0.25).describe("Relative change of the canary's mean from the baseline's that must be exceeded to count."),
  thresholds: external_exports.strictObject({
    pass: external_exports.number().min(0).max(100).describe("Score at or above which the judgment passes."),
    marginal: external_exports.number().min(0).max(100).describe("Score at or above which it is inconclusive (pause).")
  }).default({ pass: 95, marginal: 75 }),
  variables: stringMap.optional().describe("Extra template values for the queries."),
  ...measurementFields
}).refine((config) => config.thresholds.marginal <= config.thresholds.pass, {
  message: "thresholds.marginal must be <= thresholds.pass",
  path: ["thresholds"]
}).refine((config) => config.groups.canary !== config.groups.baseline, {
  message: "groups.canary and groups.baseline must differ",
  path: ["groups"]
}).refine((config) => new Set(config.metrics.map((metric) => metric.name)).size === config.metrics.length, {
  message: "metric names must be unique",
  path: ["metrics"]
}).superRefine((config, ctx) => {
  const weights = config.groupWeights ?? {};
  const groups = new Set(config.metrics.map((metric) => metric.group ?? DEFAULT_GROUP));
  for (const name of Object.keys(weights).filter((key) => !groups.has(key))) {
    ctx.addIssue({
      code: "custom",
      path: ["groupWeights", name],
      message: `no metric is in group ${name}; groups: ${[...groups].join(", ")}`
    });
  }
  const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
  const everyGroupWeighted = [...groups].every((group) => weights[group] !== void 0);
  if (sum > 100 || everyGroupWeighted && Math.abs(sum - 100) > 1e-9) {
    ctx.addIssue({
      code: "custom",
      path: ["groupWeights"],
      message: `group weights add up to ${sum}; they must add up to 100${everyGroupWeighted ? "" : " at most"}`
    });
  }
});

// src/gates/schemas.ts
var commandConfigSchema = external_exports.strictObject({
  command: external_exports.string().min(1).describe("Shell command; a handlebars template over the gate context."),
  timeout: durationSchema.default("60s"),
  env: external_exports.record(envVarName, external_exports.string()).optional(),
  ...measurementFields
});
var metricRouterSchema = external_exports.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'a router key is letters, digits and "-"');
var metricTemplateNameSchema = external_exports.enum(["request-success-rate", "request-duration"]);
var thresholdRangeSchema = external_exports.strictObject({ min: external_exports.number().optional(), max: external_exports.number().optional() }).refine((range) => range.min !== void 0 || range.max !== void 0, {
  message: "thresholdRange needs min, max or both"
}).refine((range) => range.min === void 0 || range.max === void 0 || range.min <= range.max, {
  message: "thresholdRange.min must be <= max"
});
var prometheusConfigSchema = external_exports.strictObject({
  address: httpUrl.describe("Prometheus base URL, e.g. http://prometheus.monitoring:9090"),
  query: external_exports.string().min(1).optional().describe("PromQL; a handlebars template."),
  template: metricTemplateNameSchema.optional().describe("Built-in query, as in Flagger's analysis.metrics."),
  router: metricRouterSchema.optional().describe("Traffic router (its key in spec.traffic) whose built-in template is used."),
  variables: stringMap.optional(),
  thresholdRange: thresholdRangeSchema,
  headers: headerMap.optional(),
  bearerTokenEnv: envVarName.optional().describe("Environment variable holding a bearer token."),
  timeout: durationSchema.default("30s"),
  ...measurementFields
}).refine((config) => config.query === void 0 !== (config.template === void 0), {
  message: "set exactly one of query or template"
}).refine((config) => config.template === void 0 || config.router !== void 0, {
  message: "a built-in template needs router: the key of a traffic router, e.g. apisix",
  path: ["router"]
});
var webhookTypeSchema = external_exports.enum([
  "confirm-rollout",
  "pre-rollout",
  "rollout",
  "confirm-traffic-increase",
  "confirm-promotion",
  "post-rollout",
  "rollback",
  "event"
]);
var webhookConfigSchema = external_exports.strictObject({
  url: external_exports.url(),
  // Flagger treats an empty type as `rollout`.
  type: webhookTypeSchema.default("rollout"),
  timeout: durationSchema.default("10s").describe("Time one request may take (Flagger: 10s)."),
  metadata: stringMap.optional(),
  retries: external_exports.number().int().nonnegative().default(0).describe(
    "HTTP retries after a connection error, a timeout, 429 or 5xx, with backoff (1s, 2s, 4s, \u2026 30s)."
  ),
  disableTLS: external_exports.boolean().default(false).describe("Skip TLS certificate verification for this webhook."),
  muteAlert: external_exports.boolean().default(false).describe("Send no alert or notification when this webhook fails or is not confirmed yet.")
});
var expectStatusSchema = external_exports.union([
  external_exports.number().int().min(100).max(599),
  external_exports.array(external_exports.number().int().min(100).max(599)).min(1),
  external_exports.string().regex(/^[1-5]xx$/)
]);
var templatedUrlSchema = external_exports.string().refine((url) => URL.canParse(url.replace(/\{\{[^}]*\}\}/g, "x")) && /^https?:\/\//.test(url), {
  message: "expected an http(s) URL"
});
var httpConfigSchema = external_exports.strictObject({
  url: templatedUrlSchema.describe("Handlebars over the gate context; values are URL-encoded."),
  method: external_exports.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).default("GET"),
  headers: headerMap.optional(),
  bearerTokenEnv: envVarName.optional().describe("Environment variable holding a bearer token."),
  body: external_exports.string().optional(),
  timeout: durationSchema.default("10s"),
  expectStatus: expectStatusSchema.default("2xx"),
  jsonPath: external_exports.string().regex(/^\{?\$/, "jsonPath starts with $").optional().describe("e.g. $.data.ok or $.items[0].rate (Argo Rollouts' {$.data.ok} too)"),
  successCondition: external_exports.string().min(1).optional().describe('e.g. result == "ok" or result >= 0.99'),
  failureCondition: external_exports.string().min(1).optional(),
  ...measurementFields
});
var metricTemplateConfigSchema = external_exports.strictObject({
  templateRef: external_exports.strictObject({
    name: external_exports.string().min(1),
    namespace: external_exports.string().min(1).optional().describe("Default: the release namespace.")
  }),
  thresholdRange: thresholdRangeSchema,
  variables: stringMap.optional().describe("templateVariables, and `interval` (the query window); also target, service, ingress."),
  path: external_exports.string().min(1).default(".").describe("Folder of the repository searched for the MetricTemplate."),
  ...measurementFields
});
var approvalConfigSchema = external_exports.strictObject({
  label: external_exports.string().min(1).optional().describe("Pull-request label that approves the step.")
});
var argocdSyncSchema = external_exports.strictObject({
  server: singleLine.min(1).describe("Argo CD API server, e.g. https://argocd.example.com"),
  application: objectRef.describe("Application name, or appNamespace/name."),
  tokenEnv: envVarName.optional().describe("Environment variable holding the Argo CD token."),
  insecure: external_exports.boolean().optional(),
  project: dns1123Subdomain.optional(),
  progressDeadline: durationSchema.optional(),
  pollInterval: durationSchema.optional().describe("Time between looks at the reconciler (default 5s)."),
  acceptHealth: external_exports.array(external_exports.enum(["Healthy", "Suspended", "Progressing"])).min(1).optional().describe(
    "Health statuses that pass (default Healthy; with an Argo Rollout workload also Suspended, since a Rollout paused at its step shows Suspended)."
  )
});
var fluxSyncSchema = external_exports.strictObject({
  kustomization: dns1123Subdomain,
  namespace: dns1123Label.optional(),
  gitRepository: objectRef.optional().describe("GitRepository name, or namespace/name."),
  kubeconfig: singleLine.min(1).optional(),
  context: singleLine.min(1).optional(),
  progressDeadline: durationSchema.optional(),
  pollInterval: durationSchema.optional().describe("Time between looks at the reconciler (default 5s).")
});
var syncConfigSchema = external_exports.union([
  external_exports.strictObject({ argocd: argocdSyncSchema }),
  external_exports.strictObject({ flux: fluxSyncSchema })
]);
var commonGateFields = {
  name: external_exports.string().min(1).optional().describe("Name in reports; defaults to the kind and index.")
};
var commandGateSchema = external_exports.strictObject({ ...commonGateFields, command: commandConfigSchema });
var commandShorthandGateSchema = external_exports.strictObject({ ...commonGateFields, ...commandConfigSchema.shape }).describe("Shorthand for { command: { command, timeout, \u2026 } }.");
var prometheusGateSchema = external_exports.strictObject({
  ...commonGateFields,
  prometheus: prometheusConfigSchema
});
var webhookGateSchema = external_exports.strictObject({ ...commonGateFields, webhook: webhookConfigSchema });
var httpGateSchema = external_exports.strictObject({ ...commonGateFields, http: httpConfigSchema });
var syncGateSchema = external_exports.strictObject({ ...commonGateFields, sync: syncConfigSchema });
var approvalGateSchema = external_exports.strictObject({ ...commonGateFields, approval: approvalConfigSchema });
var judgeGateSchema = external_exports.strictObject({ ...commonGateFields, judge: judgeConfigSchema });
var argoAnalysisGateSchema = external_exports.strictObject({
  ...commonGateFields,
  argoAnalysis: argoAnalysisConfigSchema.describe("Argo Rollouts AnalysisTemplates from the repository.")
});
var metricTemplateGateSchema = external_exports.strictObject({
  ...commonGateFields,
  metricTemplate: metricTemplateConfigSchema.describe("A Flagger MetricTemplate from the repository.")
});
var gateConfigSchema = external_exports.union([
  commandGateSchema,
  commandShorthandGateSchema,
  prometheusGateSchema,
  webhookGateSchema,
  httpGateSchema,
  syncGateSchema,
  approvalGateSchema,
  judgeGateSchema,
  argoAnalysisGateSchema,
  metricTemplateGateSchema
]);
function parseGateConfig(schema, config, kind) {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldPath([
    kind,
    ...(issue?.path ?? []).map((part) => typeof part === "symbol" ? String(part) : part)
  ]);
  throw new GitcanaryError("CONFIG_INVALID", `invalid ${kind} gate: ${issue?.message ?? "invalid config"}`, {
    field,
    cause: parsed.error
  });
}

export {
  parseDuration,
  formatPromDuration,
  durationSchema,
  rolloutAnalysisFields,
  argoAnalysisConfigSchema,
  prometheusProviderSchema,
  webProviderSchema,
  metricSchema,
  analysisTemplateSchema,
  MAX_JUDGE_SAMPLES,
  DEFAULT_GROUP,
  judgeConfigSchema,
  commandConfigSchema,
  prometheusConfigSchema,
  webhookConfigSchema,
  httpConfigSchema,
  metricTemplateConfigSchema,
  argocdSyncSchema,
  fluxSyncSchema,
  gateConfigSchema,
  parseGateConfig
};
