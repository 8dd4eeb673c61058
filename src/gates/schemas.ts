import { z } from 'zod';
import { dns1123Label, dns1123Subdomain, envVarName, httpUrl, singleLine } from '../config/validators.js';
import { fieldPath, GitcanaryError } from '../errors.js';
import { argoAnalysisConfigSchema } from './argo-analysis/schema.js';
import { judgeConfigSchema } from './judge/schema.js';
import { durationSchema, headerMap, measurementFields, objectRef, stringMap } from './schema-fields.js';

// Config schemas for every gate kind. The release config schema composes `gateConfigSchema`;
// the JSON Schema for editors is generated from the same objects, so no transforms here:
// durations stay as written and gates parse them with `parseDuration`.

export { durationSchema } from './schema-fields.js';

export const commandConfigSchema = z.strictObject({
  command: z.string().min(1).describe('Shell command; a handlebars template over the gate context.'),
  timeout: durationSchema.default('60s'),
  env: z.record(envVarName, z.string()).optional(),
  ...measurementFields,
});

/** A traffic router's key (`apisix`, `gatewayAPI`, …): its built-in templates are templates/metrics/<key>/. */
export const metricRouterSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'a router key is letters, digits and "-"');
export const metricTemplateNameSchema = z.enum(['request-success-rate', 'request-duration']);

export const thresholdRangeSchema = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((range) => range.min !== undefined || range.max !== undefined, {
    message: 'thresholdRange needs min, max or both',
  })
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: 'thresholdRange.min must be <= max',
  });

export const prometheusConfigSchema = z
  .strictObject({
    address: httpUrl.describe('Prometheus base URL, e.g. http://prometheus.monitoring:9090'),
    query: z.string().min(1).optional().describe('PromQL; a handlebars template.'),
    template: metricTemplateNameSchema
      .optional()
      .describe("Built-in query, as in Flagger's analysis.metrics."),
    router: metricRouterSchema
      .optional()
      .describe('Traffic router (its key in spec.traffic) whose built-in template is used.'),
    variables: stringMap.optional(),
    thresholdRange: thresholdRangeSchema,
    headers: headerMap.optional(),
    bearerTokenEnv: envVarName.optional().describe('Environment variable holding a bearer token.'),
    timeout: durationSchema.default('30s'),
    ...measurementFields,
  })
  .refine((config) => (config.query === undefined) !== (config.template === undefined), {
    message: 'set exactly one of query or template',
  })
  .refine((config) => config.template === undefined || config.router !== undefined, {
    message: 'a built-in template needs router: the key of a traffic router, e.g. apisix',
    path: ['router'],
  });

/** Flagger's webhook types (flagger pkg/apis/flagger/v1beta1 HookType). */
export const webhookTypeSchema = z.enum([
  'confirm-rollout',
  'pre-rollout',
  'rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
  'post-rollout',
  'rollback',
  'event',
]);

// Flagger's CanaryWebhook fields; defaults as pkg/controller/webhook.go applies them.
export const webhookConfigSchema = z.strictObject({
  url: z.url(),
  // Flagger treats an empty type as `rollout`.
  type: webhookTypeSchema.default('rollout'),
  timeout: durationSchema.default('10s').describe('Time one request may take (Flagger: 10s).'),
  metadata: stringMap.optional(),
  retries: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe(
      'HTTP retries after a connection error, a timeout, 429 or 5xx, with backoff (1s, 2s, 4s, … 30s).',
    ),
  disableTLS: z.boolean().default(false).describe('Skip TLS certificate verification for this webhook.'),
  muteAlert: z
    .boolean()
    .default(false)
    .describe('Send no alert or notification when this webhook fails or is not confirmed yet.'),
});

/** `200`, `[200, 204]`, or a status class like `2xx`. */
export const expectStatusSchema = z.union([
  z.number().int().min(100).max(599),
  z.array(z.number().int().min(100).max(599)).min(1),
  z.string().regex(/^[1-5]xx$/),
]);

/** An http(s) URL that may hold handlebars (`http://{{canaryService}}:9898/healthz`). */
const templatedUrlSchema = z
  .string()
  .refine((url) => URL.canParse(url.replace(/\{\{[^}]*\}\}/g, 'x')) && /^https?:\/\//.test(url), {
    message: 'expected an http(s) URL',
  });

export const httpConfigSchema = z.strictObject({
  url: templatedUrlSchema.describe('Handlebars over the gate context; values are URL-encoded.'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  headers: headerMap.optional(),
  bearerTokenEnv: envVarName.optional().describe('Environment variable holding a bearer token.'),
  body: z.string().optional(),
  timeout: durationSchema.default('10s'),
  expectStatus: expectStatusSchema.default('2xx'),
  jsonPath: z
    .string()
    .regex(/^\{?\$/, 'jsonPath starts with $')
    .optional()
    .describe("e.g. $.data.ok or $.items[0].rate (Argo Rollouts' {$.data.ok} too)"),
  successCondition: z.string().min(1).optional().describe('e.g. result == "ok" or result >= 0.99'),
  failureCondition: z.string().min(1).optional(),
  ...measurementFields,
});

/** A Flagger metric's `templateRef`: the MetricTemplate read from the repository (see metric-template.ts). */
export const metricTemplateConfigSchema = z.strictObject({
  templateRef: z.strictObject({
    name: z.string().min(1),
    namespace: z.string().min(1).optional().describe('Default: the release namespace.'),
  }),
  thresholdRange: thresholdRangeSchema,
  variables: stringMap
    .optional()
    .describe('templateVariables, and `interval` (the query window); also target, service, ingress.'),
  path: z.string().min(1).default('.').describe('Folder of the repository searched for the MetricTemplate.'),
  ...measurementFields,
});

export const approvalConfigSchema = z.strictObject({
  label: z.string().min(1).optional().describe('Pull-request label that approves the step.'),
});

export const argocdSyncSchema = z.strictObject({
  server: singleLine.min(1).describe('Argo CD API server, e.g. https://argocd.example.com'),
  application: objectRef.describe('Application name, or appNamespace/name.'),
  tokenEnv: envVarName.optional().describe('Environment variable holding the Argo CD token.'),
  insecure: z.boolean().optional(),
  project: dns1123Subdomain.optional(),
  progressDeadline: durationSchema.optional(),
  pollInterval: durationSchema.optional().describe('Time between looks at the reconciler (default 5s).'),
  acceptHealth: z
    .array(z.enum(['Healthy', 'Suspended', 'Progressing']))
    .min(1)
    .optional()
    .describe(
      'Health statuses that pass (default Healthy; with an Argo Rollout workload also Suspended, since a Rollout paused at its step shows Suspended).',
    ),
});

export const fluxSyncSchema = z.strictObject({
  kustomization: dns1123Subdomain,
  namespace: dns1123Label.optional(),
  gitRepository: objectRef.optional().describe('GitRepository name, or namespace/name.'),
  kubeconfig: singleLine.min(1).optional(),
  context: singleLine.min(1).optional(),
  progressDeadline: durationSchema.optional(),
  pollInterval: durationSchema.optional().describe('Time between looks at the reconciler (default 5s).'),
});

export const syncConfigSchema = z.union([
  z.strictObject({ argocd: argocdSyncSchema }),
  z.strictObject({ flux: fluxSyncSchema }),
]);

/** Fields every gate may carry next to its kind key. */
const commonGateFields = {
  name: z.string().min(1).optional().describe('Name in reports; defaults to the kind and index.'),
};

export const commandGateSchema = z.strictObject({ ...commonGateFields, command: commandConfigSchema });
/** `{ command: "./smoke.sh", timeout: 60s }`: the command gate's fields next to a command string. */
export const commandShorthandGateSchema = z
  .strictObject({ ...commonGateFields, ...commandConfigSchema.shape })
  .describe('Shorthand for { command: { command, timeout, … } }.');
export const prometheusGateSchema = z.strictObject({
  ...commonGateFields,
  prometheus: prometheusConfigSchema,
});
export const webhookGateSchema = z.strictObject({ ...commonGateFields, webhook: webhookConfigSchema });
export const httpGateSchema = z.strictObject({ ...commonGateFields, http: httpConfigSchema });
export const syncGateSchema = z.strictObject({ ...commonGateFields, sync: syncConfigSchema });
export const approvalGateSchema = z.strictObject({ ...commonGateFields, approval: approvalConfigSchema });
export const judgeGateSchema = z.strictObject({ ...commonGateFields, judge: judgeConfigSchema });
export const argoAnalysisGateSchema = z.strictObject({
  ...commonGateFields,
  argoAnalysis: argoAnalysisConfigSchema.describe('Argo Rollouts AnalysisTemplates from the repository.'),
});
export const metricTemplateGateSchema = z.strictObject({
  ...commonGateFields,
  metricTemplate: metricTemplateConfigSchema.describe('A Flagger MetricTemplate from the repository.'),
});

export const gateConfigSchema = z.union([
  commandGateSchema,
  commandShorthandGateSchema,
  prometheusGateSchema,
  webhookGateSchema,
  httpGateSchema,
  syncGateSchema,
  approvalGateSchema,
  judgeGateSchema,
  argoAnalysisGateSchema,
  metricTemplateGateSchema,
]);

export type CommandConfig = z.infer<typeof commandConfigSchema>;
export type PrometheusConfig = z.infer<typeof prometheusConfigSchema>;
export type MetricRouter = z.infer<typeof metricRouterSchema>;
export type MetricTemplateName = z.infer<typeof metricTemplateNameSchema>;
export type ThresholdRange = z.infer<typeof thresholdRangeSchema>;
export type WebhookType = z.infer<typeof webhookTypeSchema>;
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export type ExpectStatus = z.infer<typeof expectStatusSchema>;
export type HttpConfig = z.infer<typeof httpConfigSchema>;
export type ApprovalConfig = z.infer<typeof approvalConfigSchema>;
export type ArgocdSyncConfig = z.infer<typeof argocdSyncSchema>;
export type FluxSyncConfig = z.infer<typeof fluxSyncSchema>;
export type SyncConfig = z.infer<typeof syncConfigSchema>;
export type CommandGateConfig = z.infer<typeof commandGateSchema>;
export type CommandShorthandGateConfig = z.infer<typeof commandShorthandGateSchema>;
export type PrometheusGateConfig = z.infer<typeof prometheusGateSchema>;
export type WebhookGateConfig = z.infer<typeof webhookGateSchema>;
export type HttpGateConfig = z.infer<typeof httpGateSchema>;
export type SyncGateConfig = z.infer<typeof syncGateSchema>;
export type ApprovalGateConfig = z.infer<typeof approvalGateSchema>;
export type MetricTemplateConfig = z.infer<typeof metricTemplateConfigSchema>;
export type MetricTemplateConfigInput = z.input<typeof metricTemplateConfigSchema>;
export type GateConfig = z.infer<typeof gateConfigSchema>;
/** As written by users (defaults not yet applied). */
export type GateConfigInput = z.input<typeof gateConfigSchema>;

/** Parses one gate kind's config (defaults applied); a GitcanaryError names the first bad field. */
export function parseGateConfig<Schema extends z.ZodType>(
  schema: Schema,
  config: unknown,
  kind: string,
): z.output<Schema> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldPath([
    kind,
    ...(issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part)),
  ]);
  throw new GitcanaryError('CONFIG_INVALID', `invalid ${kind} gate: ${issue?.message ?? 'invalid config'}`, {
    field,
    cause: parsed.error,
  });
}

/** Gate configs as written (defaults not yet applied); gate constructors take these. */
export type CommandConfigInput = z.input<typeof commandConfigSchema>;
export type PrometheusConfigInput = z.input<typeof prometheusConfigSchema>;
export type WebhookConfigInput = z.input<typeof webhookConfigSchema>;
export type HttpConfigInput = z.input<typeof httpConfigSchema>;
