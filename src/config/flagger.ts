import { z } from 'zod';
import { fieldPath, GitcanaryError } from '../errors.js';
import { durationSchema, type GateConfig, gateConfigSchema } from '../gates/schemas.js';
import { parseDuration } from '../shared/duration.js';
import { flaggerAlertSchema } from './notifications.js';
import type { HeaderMatch, Step } from './steps.js';

// Flagger's `analysis` block (flagger.app/v1beta1 Canary `spec.analysis`) and its expansion into
// steps, tick by tick as Flagger's scheduler runs them (fluxcd/flagger pkg/controller/scheduler.go,
// advanceCanary): every `interval` one check pass — rollback webhooks first (runRollbackHooks), then
// the rollout webhooks in order and the metrics in order, stopping at the first failure (runAnalysis,
// runBuiltinMetricChecks), then the confirm-* webhooks (scheduler_hooks.go) — and when it passes,
// one move: the next weight (runCanary, nextStepWeight), or for A/B testing and Blue/Green the next
// iteration (runAB, runBlueGreen), or the promotion. The first tick, at weight 0, runs the
// pre-rollout webhooks instead of the analysis. A failed pass is a failed check: the plan marks these
// analyses as check passes, the engine counts them against `threshold` for the whole release and
// holds the weight (see ReleasePlan.checks).

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
  threshold: z
    .number()
    .optional()
    .describe('Deprecated in Flagger: a minimum for request-success-rate, else a maximum.'),
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
  retries: z.number().int().nonnegative().optional().describe('HTTP retries of one call (default 0).'),
  muteAlert: z.boolean().optional().describe('No alerts for this webhook.'),
  disableTLS: z.boolean().optional().describe('Skip TLS verification for this webhook.'),
});

/** Flagger's sessionAffinity; gitcanary refuses it (see flaggerIssues), so every field is taken. */
const sessionAffinitySchema = z.looseObject({
  cookieName: z.string().min(1),
});

const readyThresholdSchema = z
  .number()
  .min(0)
  .max(100)
  .optional()
  .describe('Percent of pods that must be available (Flagger default 100).');

export const flaggerAnalysisSchema = z
  .strictObject({
    interval: durationSchema.optional().describe('Time between checks and weight increases (default 60s).'),
    threshold: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Failed check passes, over the whole release, that roll it back (default 1).'),
    maxWeight: percentSchema
      .optional()
      .describe('Advance until the canary weight reaches this (default 100).'),
    stepWeight: percentSchema.optional().describe('Weight added each interval.'),
    stepWeights: z.array(percentSchema).min(1).optional().describe('Weights to set in order.'),
    stepWeightPromotion: percentSchema
      .optional()
      .describe('After the primary runs the candidate, move traffic back to it this much per interval.'),
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
    metricsServer: z
      .url()
      .optional()
      .describe(
        `Prometheus for the built-in metrics (Flagger's metricsServer; default ${DEFAULT_METRICS_SERVER}).`,
      ),
    alerts: z.array(flaggerAlertSchema).optional().describe("Flagger's alerts: chat providers by severity."),
    sessionAffinity: sessionAffinitySchema.optional().describe('Not supported: refused with the reason.'),
    primaryReadyThreshold: readyThresholdSchema,
    canaryReadyThreshold: readyThresholdSchema,
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
  /** Whether the release has a stable (primary) workload of its own (Flagger's shape). */
  stable?: boolean | undefined;
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
  /** The `event` webhooks (in `gates`): sent on every event, by the notifications, in no step. */
  eventWebhooks: string[];
  /** Time between two ticks: the wait before each check pass and after a failed one. */
  intervalMs: number;
  /** Failed checks that roll the release back (Flagger: `failedChecks >= threshold`). */
  threshold: number;
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
  if (analysis.sessionAffinity !== undefined) {
    issues.push({
      path: ['sessionAffinity'],
      message:
        "sessionAffinity is not supported: Flagger makes the mesh set a cookie on the canary's responses " +
        'and route that cookie back to the canary, and no gitcanary router writes such a response header; ' +
        'for sticky canary traffic use A/B testing (iterations with match on a header or cookie)',
    });
  }
  for (const key of ['primaryReadyThreshold', 'canaryReadyThreshold'] as const) {
    const value = analysis[key];
    if (value !== undefined && value !== 100) {
      issues.push({
        path: [key],
        message:
          `${key} ${value} is not supported: gitcanary takes readiness from the reconciler, whose Healthy ` +
          'means every replica is available (100, the default, is accepted)',
      });
    }
  }
  if (analysis.stepWeightPromotion !== undefined && context.stable === false) {
    issues.push({
      path: ['stepWeightPromotion'],
      message:
        'stepWeightPromotion moves traffic back to a primary that already runs the candidate; it needs ' +
        'spec.stable (the Flagger shape). With an Argo Rollout the promotion is one commit',
    });
  }
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
  });
  return issues;
}

function metricIssues(metric: FlaggerMetric, context: FlaggerContext): FlaggerIssue[] {
  if (metric.templateRef !== undefined && metric.query !== undefined) {
    return [{ path: ['query'], message: 'set either templateRef or query, not both' }];
  }
  const issues: FlaggerIssue[] = [];
  const range = metricRange(metric);
  if (range === undefined || (range.min ?? range.max) === undefined) {
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

/**
 * A metric's range: `thresholdRange`, else the deprecated `threshold` read as Flagger reads it
 * (scheduler_metrics.go runBuiltinMetricChecks: `metric.Threshold > val` fails request-success-rate,
 * `val > threshold` fails request-duration and a query).
 */
function metricRange(metric: FlaggerMetric): { min?: number; max?: number } | undefined {
  if (metric.thresholdRange !== undefined || metric.threshold === undefined) return metric.thresholdRange;
  return metric.name === 'request-success-rate' && metric.query === undefined
    ? { min: metric.threshold }
    : { max: metric.threshold };
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
  const webhooks = analysis.webhooks ?? [];
  const gates: Record<string, GateConfig> = {};
  for (const webhook of webhooks) gates[webhook.name] = webhookGate(webhook);
  for (const metric of analysis.metrics ?? []) gates[metric.name] = metricGate(metric, analysis, context);

  const hooksOf = (type: string) =>
    webhooks.filter((webhook) => (webhook.type || 'rollout') === type).map((webhook) => webhook.name);
  // runRollbackHooks runs first on every tick while Progressing, Waiting or WaitingPromotion.
  const rollback = hooksOf('rollback');
  // runAnalysis: the rollout webhooks in order, then the metrics in order (runBuiltinMetricChecks).
  const checks = [...hooksOf('rollout'), ...(analysis.metrics ?? []).map((metric) => metric.name)];
  const preRollout = hooksOf('pre-rollout');
  const confirmTraffic = hooksOf('confirm-traffic-increase');
  const confirmPromotion = hooksOf('confirm-promotion');
  const steps: Step[] = [];
  /** One tick's check pass over `names` (rollback hooks first), when there is anything to check. */
  const pass = (...names: string[][]) => {
    const gateNames = [...rollback, ...names.flat()];
    if (gateNames.length > 0) steps.push({ analysis: { gates: gateNames } });
  };
  /** The next tick: one interval later, its check pass. */
  const tick = (...names: string[][]) => {
    steps.push({ pause: { duration: interval } });
    pass(...names);
  };
  const mirror = (on: boolean) =>
    steps.push({
      setMirrorRoute: on
        ? { name: MIRROR_ROUTE, percentage: analysis.mirrorWeight ?? 100, match: [{ path: { prefix: '/' } }] }
        : { name: MIRROR_ROUTE },
    });

  // checkCanaryStatus: confirm-rollout gates the whole canary run (phase Waiting).
  if (hooksOf('confirm-rollout').length > 0) pass(hooksOf('confirm-rollout'));
  if (analysis.iterations !== undefined && analysis.match !== undefined) {
    // runAB. Tick 1 (weight 0, no iteration yet): pre-rollout hooks, then the header routes send
    // matching requests to the canary; each later tick checks and counts an iteration; at the last
    // one confirm-promotion gates the promotion.
    pass(preRollout);
    analysis.match.forEach((match, index, all) => {
      steps.push({
        setHeaderRoute: {
          name: all.length === 1 ? 'ab-testing' : `ab-testing-${index + 1}`,
          match: headerMatches(match.headers ?? {}),
        },
      });
    });
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
  } else if (analysis.iterations !== undefined) {
    // runBlueGreen. Tick 1: pre-rollout hooks (and mirroring starts); the iterations check; then
    // confirm-promotion gates routing all traffic to the canary, and one more check promotes.
    pass(preRollout);
    if (analysis.mirror) mirror(true);
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
    if (analysis.mirror) mirror(false);
    steps.push({ setWeight: 100 });
    tick(checks);
  } else {
    // runCanary. Tick 1 (weight 0): pre-rollout hooks and confirm-traffic-increase, then the first
    // weight — or with mirror, one mirrored interval first, whose tick asks no confirm-traffic-increase
    // (scheduler.go: "run hook only if traffic is not mirrored"). Each later tick checks, asks
    // confirm-traffic-increase (also at maxWeight: nextStepWeight is still > 0 there) and moves on;
    // at maxWeight confirm-promotion gates the promotion.
    const weights = progressiveWeights(analysis);
    pass(preRollout, confirmTraffic);
    if (analysis.mirror) {
      mirror(true);
      tick(checks);
      mirror(false);
    }
    for (const [index, weight] of weights.entries()) {
      if (index > 0) tick(checks, confirmTraffic);
      steps.push({ setWeight: weight });
    }
    tick(checks, confirmTraffic, confirmPromotion);
  }
  steps.push({ promote: {} });
  // runPostRolloutHooks after the promotion (Succeeded) and after a rollback (Failed): notify only.
  const postRollout = hooksOf('post-rollout');
  if (postRollout.length > 0) steps.push({ analysis: { gates: postRollout } });
  return {
    steps,
    gates,
    eventWebhooks: hooksOf('event'),
    intervalMs: parseDuration(interval, 'spec.analysis.interval'),
    threshold: analysis.threshold ?? FLAGGER_DEFAULTS.threshold,
  };
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
 * A Flagger metric is measured once per check pass, and no value is a failed check: Flagger's
 * RunQuery answers ErrNoValuesFound for an empty result and runBuiltinMetricChecks returns false
 * on any error (pkg/metrics/providers/prometheus.go, pkg/controller/scheduler_metrics.go). So one
 * measurement, no tolerance, and an error fails at once; the release's `threshold` counts passes.
 */
const FLAGGER_MEASUREMENT = { count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 0 };

function metricGate(metric: FlaggerMetric, analysis: FlaggerAnalysis, context: FlaggerContext): GateConfig {
  const window = metric.interval ?? FLAGGER_DEFAULTS.metricInterval;
  // Flagger's metric interval is the query's range window, not how often it is measured; a number
  // is seconds (a bare `60` is no PromQL duration).
  const variables = {
    ...metric.templateVariables,
    interval: typeof window === 'number' ? `${window}s` : window,
  };
  if (metric.templateRef !== undefined) {
    // The MetricTemplate is read from the repository when the gate runs (src/gates/metric-template.ts).
    return gateConfigSchema.parse({
      metricTemplate: {
        templateRef: metric.templateRef,
        thresholdRange: metricRange(metric),
        variables,
        ...FLAGGER_MEASUREMENT,
      },
    });
  }
  const source =
    metric.query !== undefined ? { query: metric.query } : { template: metric.name, router: context.router };
  return gateConfigSchema.parse({
    prometheus: {
      address: analysis.metricsServer ?? DEFAULT_METRICS_SERVER,
      ...source,
      thresholdRange: metricRange(metric),
      variables,
      ...FLAGGER_MEASUREMENT,
    },
  });
}

/**
 * Flagger's `retries` are HTTP retries of one call (pkg/controller/webhook.go), not failed checks;
 * `disableTLS` and `muteAlert` go to the webhook gate as Flagger's webhook client takes them.
 */
function webhookGate(webhook: FlaggerWebhook): GateConfig {
  const { name: _name, type, ...fields } = webhook;
  return gateConfigSchema.parse({ webhook: { ...fields, type: type || 'rollout' } });
}

export interface FlaggerCanaryAnalysis {
  analysis: FlaggerAnalysis;
  /** `spec.provider` (the router whose metrics the built-in metrics read), when set. */
  provider: string | undefined;
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
  // Every field of Flagger's analysis is in the schema: what gitcanary cannot honour is refused by
  // flaggerIssues with the reason, never dropped in silence.
  const result = flaggerAnalysisSchema.safeParse(source);
  if (!result.success) {
    const [first] = result.error.issues;
    const path = (first?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part));
    throw new GitcanaryError('CONFIG_INVALID', first?.message ?? 'invalid analysis', {
      field: fieldPath([...sourceField.split('.'), ...path]),
    });
  }
  return { analysis: result.data, provider: spec.provider };
}
