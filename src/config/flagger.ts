import { z } from 'zod';
import { fieldPath, GitcanaryError } from '../errors.js';
import { durationSchema, type GateConfig, gateConfigSchema } from '../gates/schemas.js';
import { flaggerAlertSchema } from './notifications.js';
import type { HeaderMatch, Step } from './steps.js';

// Flagger's `analysis` block (flagger.app/v1beta1 Canary `spec.analysis`) and its expansion into
// steps, following Flagger's scheduler (pkg/controller/scheduler.go): pre-rollout hooks at weight 0,
// then every `interval` run the checks (rollout webhooks, metrics) and advance by `stepWeight` or to the
// next of `stepWeights` until `maxWeight`; A/B testing (`match`) and Blue/Green run `iterations`
// checks instead; confirm-promotion before promotion, post-rollout after.

/** Flagger's chart default for `metricsServer`. */
export const DEFAULT_METRICS_SERVER = 'http://prometheus:9090';
/** Flagger's defaults: `GetAnalysisInterval` 60s, `GetAnalysisThreshold` 1, `GetMetricInterval` 1m, maxWeight 100. */
export const FLAGGER_DEFAULTS = {
  interval: '60s',
  threshold: 1,
  metricInterval: '1m',
  maxWeight: 100,
} as const;
const BUILTIN_METRICS = ['request-success-rate', 'request-duration'] as const;
const MIRROR_ROUTE = 'mirror';

const percentSchema = z
  .number()
  .int()
  .min(1, 'weight must be between 1 and 100')
  .max(100, 'weight must be between 1 and 100');

/** Istio's StringMatch as Flagger's `match[].headers` takes it (suffix included). */
const flaggerStringMatchSchema = z
  .strictObject({
    exact: z.string().optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    regex: z.string().optional(),
  })
  .refine((match) => Object.values(match).filter((value) => value !== undefined).length === 1, {
    message: 'set exactly one of exact, prefix, suffix or regex',
  });

const flaggerMatchSchema = z.strictObject({
  headers: z.record(z.string(), flaggerStringMatchSchema).optional(),
  queryParams: z.record(z.string(), z.unknown()).optional(),
  sourceLabels: z.record(z.string(), z.string()).optional(),
});

const flaggerMetricSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe('Built-in request-success-rate / request-duration, or any name with `query`.'),
  interval: durationSchema.optional().describe('Query window, `{{interval}}` in the query (default 1m).'),
  thresholdRange: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
  threshold: z.number().optional().describe('Deprecated in Flagger; use thresholdRange.'),
  query: z.string().min(1).optional().describe('PromQL; a handlebars template.'),
  templateRef: z
    .strictObject({ name: z.string().min(1), namespace: z.string().optional() })
    .optional()
    .describe('A MetricTemplate (prometheus provider) read from the GitOps repository.'),
  templateVariables: z.record(z.string(), z.string()).optional(),
});

const flaggerWebhookSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url(),
  // Flagger treats an empty type as `rollout`.
  type: z
    .enum([
      '',
      'confirm-rollout',
      'pre-rollout',
      'rollout',
      'confirm-traffic-increase',
      'confirm-promotion',
      'post-rollout',
      'rollback',
      'event',
    ])
    .optional(),
  timeout: durationSchema.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  retries: z.number().int().nonnegative().optional(),
  disableTLS: z.boolean().optional(),
  muteAlert: z.boolean().optional(),
});

export const flaggerAnalysisSchema = z
  .strictObject({
    interval: durationSchema.optional().describe('Time between checks and weight increases (default 60s).'),
    threshold: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Failed checks that roll back (default 1); each gate tolerates threshold - 1.'),
    maxWeight: percentSchema
      .optional()
      .describe('Advance until the canary weight reaches this (default 100).'),
    stepWeight: percentSchema.optional().describe('Weight added each interval.'),
    stepWeights: z.array(percentSchema).min(1).optional().describe('Weights to set in order.'),
    iterations: z.number().int().min(1).optional().describe('Checks to run for A/B testing and Blue/Green.'),
    match: z
      .array(flaggerMatchSchema)
      .min(1)
      .optional()
      .describe('A/B testing: requests sent to the canary.'),
    mirror: z.boolean().optional().describe('Mirror traffic to the canary before shifting it.'),
    mirrorWeight: percentSchema.optional().describe('Percent of traffic mirrored (default 100).'),
    metrics: z.array(flaggerMetricSchema).optional(),
    webhooks: z.array(flaggerWebhookSchema).optional(),
    alerts: z.array(flaggerAlertSchema).optional().describe("Flagger's alerts: chat providers by severity."),
    metricsServer: z
      .url()
      .optional()
      .describe(
        `Prometheus for the built-in metrics (Flagger's metricsServer; default ${DEFAULT_METRICS_SERVER}).`,
      ),
  })
  .describe("Flagger's analysis block; expands into steps.");

export type FlaggerAnalysis = z.infer<typeof flaggerAnalysisSchema>;
type FlaggerMetric = z.infer<typeof flaggerMetricSchema>;
type FlaggerWebhook = z.infer<typeof flaggerWebhookSchema>;
type FlaggerStringMatch = z.infer<typeof flaggerStringMatchSchema>;

export interface FlaggerContext {
  /** Key of the first traffic router (`apisix`, …): the built-in metrics read its metrics. */
  router?: string | undefined;
  /** The built-in metric templates that router declares. */
  metricTemplates?: readonly string[] | undefined;
  /** Keys of the routers that declare built-in templates, for the message when this one has none. */
  metricRouters?: readonly string[] | undefined;
}

/** A problem in the analysis block, at a path relative to it. */
export interface FlaggerIssue {
  path: (string | number)[];
  message: string;
}

export interface FlaggerExpansion {
  steps: Step[];
  /** Gates the steps name: metrics and webhooks, keyed by their Flagger `name`. */
  gates: Record<string, GateConfig>;
}

/** What Flagger accepts but gitcanary cannot express; empty when the block expands. */
export function flaggerIssues(analysis: FlaggerAnalysis, context: FlaggerContext): FlaggerIssue[] {
  const issues: FlaggerIssue[] = [];
  if (
    analysis.iterations === undefined &&
    analysis.stepWeight === undefined &&
    analysis.stepWeights === undefined
  ) {
    issues.push({
      path: [],
      message: 'set one of stepWeight, stepWeights or iterations (as Flagger requires)',
    });
  }
  if (analysis.match !== undefined && analysis.iterations === undefined) {
    issues.push({ path: ['match'], message: 'A/B testing (match) needs iterations' });
  }
  analysis.match?.forEach((match, index) => {
    for (const key of ['queryParams', 'sourceLabels'] as const) {
      if (match[key] !== undefined) {
        issues.push({
          path: ['match', index, key],
          message: `match.${key} is not supported yet; match on headers`,
        });
      }
    }
    if (match.headers === undefined || Object.keys(match.headers).length === 0) {
      issues.push({ path: ['match', index], message: 'a match entry needs headers' });
    }
  });
  const names = new Map<string, (string | number)[]>();
  const claim = (name: string, path: (string | number)[]) => {
    if (names.has(name)) issues.push({ path, message: `gate name \`${name}\` is used twice in analysis` });
    names.set(name, path);
  };
  analysis.metrics?.forEach((metric, index) => {
    claim(metric.name, ['metrics', index, 'name']);
    issues.push(
      ...metricIssues(metric, context).map((issue) => ({
        ...issue,
        path: ['metrics', index, ...issue.path],
      })),
    );
  });
  analysis.webhooks?.forEach((webhook, index) => {
    claim(webhook.name, ['webhooks', index, 'name']);
    if (webhook.type === 'rollback') {
      issues.push({
        path: ['webhooks', index, 'type'],
        message: `webhook type \`${webhook.type}\` is not supported yet; use rollout, pre-rollout, confirm-*, post-rollout or event`,
      });
    }
  });
  return issues;
}

function metricIssues(metric: FlaggerMetric, context: FlaggerContext): FlaggerIssue[] {
  if (metric.templateRef !== undefined && metric.query !== undefined) {
    return [{ path: ['query'], message: 'set either templateRef or query, not both' }];
  }
  if (metric.threshold !== undefined) {
    return [
      { path: ['threshold'], message: 'metric threshold is deprecated in Flagger; use thresholdRange' },
    ];
  }
  const issues: FlaggerIssue[] = [];
  if (
    metric.thresholdRange === undefined ||
    (metric.thresholdRange.min ?? metric.thresholdRange.max) === undefined
  ) {
    issues.push({ path: ['thresholdRange'], message: 'a metric needs thresholdRange with min, max or both' });
  }
  if (metric.query === undefined && metric.templateRef === undefined) {
    if (!(BUILTIN_METRICS as readonly string[]).includes(metric.name)) {
      issues.push({
        path: ['name'],
        message: `\`${metric.name}\` is not a built-in metric (${BUILTIN_METRICS.join(', ')}); write \`query:\``,
      });
    } else if (!(context.metricTemplates ?? []).includes(metric.name)) {
      issues.push({
        path: ['name'],
        message: `built-in metric \`${metric.name}\` needs a traffic router with metrics (${(context.metricRouters ?? []).join(', ') || 'none'}); got ${context.router ?? 'none'}`,
      });
    }
  }
  return issues;
}

/** The steps and gates Flagger's analysis block amounts to. Throws CONFIG_INVALID on flaggerIssues. */
export function expandFlaggerAnalysis(
  analysis: FlaggerAnalysis,
  context: FlaggerContext = {},
): FlaggerExpansion {
  const [issue] = flaggerIssues(analysis, context);
  if (issue !== undefined) {
    throw new GitcanaryError('CONFIG_INVALID', issue.message, {
      field: fieldPath(['spec', 'analysis', ...issue.path]),
    });
  }
  const interval = analysis.interval ?? FLAGGER_DEFAULTS.interval;
  const threshold = analysis.threshold ?? FLAGGER_DEFAULTS.threshold;
  const webhooks = analysis.webhooks ?? [];
  const gates: Record<string, GateConfig> = {};
  for (const webhook of webhooks) gates[webhook.name] = webhookGate(webhook);
  for (const metric of analysis.metrics ?? []) {
    gates[metric.name] = metricGate(metric, analysis, context, interval, threshold);
  }

  const hooksOf = (...types: string[]) =>
    webhooks.filter((webhook) => types.includes(webhook.type || 'rollout')).map((webhook) => webhook.name);
  // Flagger's runAnalysis calls the rollout webhooks first, then queries the metrics.
  const checks = [...hooksOf('rollout'), ...(analysis.metrics ?? []).map((metric) => metric.name)];
  const steps: Step[] = [];
  const gate = (names: string[]) => {
    if (names.length > 0) steps.push({ analysis: { gates: names } });
  };
  const check = () => {
    steps.push({ pause: { duration: interval } });
    gate(checks);
  };
  const mirror = (on: boolean) =>
    steps.push({
      setMirrorRoute: on
        ? { name: MIRROR_ROUTE, percentage: analysis.mirrorWeight ?? 100, match: [{ path: { prefix: '/' } }] }
        : { name: MIRROR_ROUTE },
    });

  gate(hooksOf('confirm-rollout'));
  gate(hooksOf('pre-rollout'));
  if (analysis.iterations !== undefined && analysis.match !== undefined) {
    // A/B testing: matching requests go to the canary for `iterations` checks.
    analysis.match.forEach((match, index, all) => {
      steps.push({
        setHeaderRoute: {
          name: all.length === 1 ? 'ab-testing' : `ab-testing-${index + 1}`,
          match: headerMatches(match.headers ?? {}),
        },
      });
    });
    for (let iteration = 0; iteration < analysis.iterations; iteration++) check();
  } else if (analysis.iterations !== undefined) {
    // Blue/Green: `iterations` checks (mirrored if asked), then all traffic to the canary before promotion.
    if (analysis.mirror) mirror(true);
    for (let iteration = 0; iteration < analysis.iterations; iteration++) check();
    if (analysis.mirror) mirror(false);
    gate(hooksOf('confirm-traffic-increase'));
    steps.push({ setWeight: 100 });
  } else {
    // Flagger mirrors for one interval at weight 0, then shifts weight.
    if (analysis.mirror) {
      mirror(true);
      check();
      mirror(false);
    }
    for (const weight of progressiveWeights(analysis)) {
      gate(hooksOf('confirm-traffic-increase'));
      steps.push({ setWeight: weight });
      check();
    }
  }
  gate(hooksOf('confirm-promotion'));
  steps.push({ promote: {} });
  gate(hooksOf('post-rollout'));
  return { steps, gates };
}

/** Flagger's nextStepWeight loop: stepWeights as listed, or stepWeight until >= maxWeight (it may overshoot, capped at 100). */
export function progressiveWeights(analysis: FlaggerAnalysis): number[] {
  if (analysis.stepWeights !== undefined) return [...analysis.stepWeights];
  const step = analysis.stepWeight;
  if (step === undefined) return [];
  const maxWeight = analysis.maxWeight ?? FLAGGER_DEFAULTS.maxWeight;
  const weights: number[] = [];
  for (let weight = step; ; weight += step) {
    weights.push(Math.min(weight, 100));
    if (weight >= maxWeight || weight >= 100) return weights;
  }
}

function headerMatches(headers: Record<string, FlaggerStringMatch>): HeaderMatch[] {
  return Object.entries(headers).map(([headerName, value]) => ({
    headerName,
    // Argo's header match has no suffix; a suffix becomes an anchored regex.
    headerValue:
      value.suffix !== undefined
        ? { regex: `.*${value.suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` }
        : { ...value },
  }));
}

/**
 * Flagger rolls back when failedChecks >= threshold (scheduler.go), so `threshold` checks may fail
 * and threshold - 1 are tolerated: failureLimit = threshold - 1, over `threshold` measurements.
 */
function measurement(interval: string | number, threshold: number) {
  return { interval, count: threshold, failureLimit: threshold - 1 };
}

function metricGate(
  metric: FlaggerMetric,
  analysis: FlaggerAnalysis,
  context: FlaggerContext,
  interval: string | number,
  threshold: number,
): GateConfig {
  // Flagger's metric interval is the query's range window, not how often it is measured.
  const variables = {
    ...metric.templateVariables,
    interval: String(metric.interval ?? FLAGGER_DEFAULTS.metricInterval),
  };
  if (metric.templateRef !== undefined) {
    // The MetricTemplate is read from the repository when the gate runs (src/gates/metric-template.ts).
    return gateConfigSchema.parse({
      metricTemplate: {
        templateRef: metric.templateRef,
        thresholdRange: metric.thresholdRange,
        variables,
        ...measurement(interval, threshold),
      },
    });
  }
  const source =
    metric.query !== undefined ? { query: metric.query } : { template: metric.name, router: context.router };
  return gateConfigSchema.parse({
    prometheus: {
      address: analysis.metricsServer ?? DEFAULT_METRICS_SERVER,
      ...source,
      thresholdRange: metric.thresholdRange,
      variables,
      ...measurement(interval, threshold),
    },
  });
}

/** Flagger's `retries` are HTTP retries of one call (pkg/controller/webhook.go), not failed checks. */
function webhookGate(webhook: FlaggerWebhook): GateConfig {
  const { name: _name, type, ...fields } = webhook;
  return gateConfigSchema.parse({ webhook: { ...fields, type: type || 'rollout' } });
}

/** Fields of a Canary's analysis gitcanary does not carry over (readiness, alerts, gradual promotion); webhooks' muteAlert and disableTLS are honoured. */
const IGNORED_ANALYSIS_FIELDS = [
  'alerts',
  'primaryReadyThreshold',
  'canaryReadyThreshold',
  'stepWeightPromotion',
  'sessionAffinity',
] as const;

export interface FlaggerCanaryAnalysis {
  analysis: FlaggerAnalysis;
  /** `spec.provider` (the router whose metrics the built-in metrics read), when set. */
  provider: string | undefined;
  /** Dotted paths of fields dropped because gitcanary does not act on them; warn about these. */
  ignored: string[];
}

const canaryObjectSchema = z.looseObject({
  apiVersion: z.literal('flagger.app/v1beta1'),
  kind: z.literal('Canary'),
  spec: z.looseObject({
    provider: z.string().optional(),
    analysis: z.record(z.string(), z.unknown()).optional(),
    // v1alpha3's name, still read by Flagger's GetAnalysis.
    canaryAnalysis: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The `analysis` part of a whole Flagger Canary object (flagger.app/v1beta1). */
export function fromFlaggerCanary(canary: unknown): FlaggerCanaryAnalysis {
  const parsed = canaryObjectSchema.safeParse(canary);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new GitcanaryError('CONFIG_INVALID', `not a Flagger Canary: ${first?.message ?? 'invalid'}`, {
      field: first?.path.join('.'),
      hint: 'expected apiVersion flagger.app/v1beta1, kind Canary',
    });
  }
  const { spec } = parsed.data;
  const source = spec.analysis ?? spec.canaryAnalysis;
  const sourceField = spec.analysis !== undefined ? 'spec.analysis' : 'spec.canaryAnalysis';
  if (source === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', 'the Canary has no analysis', { field: 'spec.analysis' });
  }
  const ignored: string[] = [];
  const analysis: Record<string, unknown> = { ...source };
  for (const key of IGNORED_ANALYSIS_FIELDS) {
    if (key in analysis) {
      ignored.push(`${sourceField}.${key}`);
      delete analysis[key];
    }
  }
  const result = flaggerAnalysisSchema.safeParse(analysis);
  if (!result.success) {
    const [first] = result.error.issues;
    const path = (first?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part));
    throw new GitcanaryError('CONFIG_INVALID', first?.message ?? 'invalid analysis', {
      field: fieldPath([...sourceField.split('.'), ...path]),
    });
  }
  return { analysis: result.data, provider: spec.provider, ignored };
}
