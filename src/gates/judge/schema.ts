import { z } from 'zod';
import { durationSchema, headerMap, measurementFields, stringMap } from '../schema-fields.js';

// The `judge:` gate's config. Field names follow Kayenta's canary config where it has one
// (`direction`, `nanStrategy`, `outliers.strategy`/`outlierFactor`, `critical`, group weights,
// `thresholds.pass`/`marginal`); docs/configuration.md gives each field's Kayenta meaning.

/** Samples per group a judgment may ask for: lookback / step + 1. */
export const MAX_JUDGE_SAMPLES = 2000;

/** The group of metrics that name none. */
export const DEFAULT_GROUP = 'default';

export const judgeMetricSchema = z.strictObject({
  name: z.string().min(1).describe('Metric name in the evidence.'),
  query: z
    .string()
    .min(1)
    .describe('PromQL for one series per group; a handlebars template where {{group}} is the group value.'),
  direction: z
    .enum(['increase', 'decrease', 'either'])
    .default('either')
    .describe('Which change of the canary is bad (Kayenta: direction).'),
  critical: z.boolean().default(false).describe('A critical metric that does not pass fails the judgment.'),
  weight: z.number().positive().default(1).describe("The metric's weight within its group."),
  group: z
    .string()
    .min(1)
    .optional()
    .describe('Metric group (Kayenta: groups); groups weigh by groupWeights.'),
  effectSize: z
    .number()
    .nonnegative()
    .optional()
    .describe("This metric's allowed relative change of the mean (default: the judge's effectSize)."),
  nanStrategy: z
    .enum(['remove', 'replace'])
    .default('remove')
    .describe(
      'NaN samples (e.g. 0/0 without traffic): drop them, or count them as 0 (Kayenta: nanStrategy).',
    ),
  outliers: z
    .strictObject({
      strategy: z.enum(['keep', 'remove']).default('keep'),
      outlierFactor: z.number().positive().default(3).describe('IQR factor of the fences.'),
    })
    .optional()
    .describe("Kayenta's IQR outlier removal (default keep)."),
});

export const judgeConfigSchema = z
  .strictObject({
    prometheus: z
      .strictObject({
        address: z.url().describe('Prometheus base URL, e.g. http://prometheus.monitoring:9090'),
        headers: headerMap.optional(),
        bearerTokenEnv: z.string().min(1).optional().describe('Environment variable holding a bearer token.'),
        timeout: durationSchema.default('30s').describe('Time limit of each query.'),
      })
      .describe('Where the metrics are read, as for the prometheus gate.'),
    lookback: durationSchema.default('10m').describe('Samples come from [now - lookback, now].'),
    step: durationSchema.default('15s').describe('Resolution of each range query.'),
    groups: z
      .strictObject({
        canary: z.string().min(1).describe('Value of {{group}} for the canary.'),
        baseline: z.string().min(1).describe('Value of {{group}} for the baseline.'),
      })
      .default({ canary: 'canary', baseline: 'baseline' }),
    metrics: z.array(judgeMetricSchema).min(1),
    groupWeights: z
      .record(z.string().min(1), z.number().nonnegative())
      .optional()
      .describe(
        "Percent of the score per metric group; groups left out share what is left of 100 (Kayenta's groupWeights).",
      ),
    confidence: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.98)
      .describe("Confidence level of the shift's interval (NetflixACAJudge: 0.98)."),
    effectSize: z
      .number()
      .nonnegative()
      .default(0.25)
      .describe("Relative change of the canary's mean from the baseline's that must be exceeded to count."),
    thresholds: z
      .strictObject({
        pass: z.number().min(0).max(100).describe('Score at or above which the judgment passes.'),
        marginal: z.number().min(0).max(100).describe('Score at or above which it is inconclusive (pause).'),
      })
      .default({ pass: 95, marginal: 75 }),
    variables: stringMap.optional().describe('Extra template values for the queries.'),
    ...measurementFields,
  })
  .refine((config) => config.thresholds.marginal <= config.thresholds.pass, {
    message: 'thresholds.marginal must be <= thresholds.pass',
    path: ['thresholds'],
  })
  .refine((config) => config.groups.canary !== config.groups.baseline, {
    message: 'groups.canary and groups.baseline must differ',
    path: ['groups'],
  })
  .refine((config) => new Set(config.metrics.map((metric) => metric.name)).size === config.metrics.length, {
    message: 'metric names must be unique',
    path: ['metrics'],
  })
  .superRefine((config, ctx) => {
    const weights = config.groupWeights ?? {};
    const groups = new Set(config.metrics.map((metric) => metric.group ?? DEFAULT_GROUP));
    for (const name of Object.keys(weights).filter((key) => !groups.has(key))) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupWeights', name],
        message: `no metric is in group ${name}; groups: ${[...groups].join(', ')}`,
      });
    }
    const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
    const everyGroupWeighted = [...groups].every((group) => weights[group] !== undefined);
    if (sum > 100 || (everyGroupWeighted && Math.abs(sum - 100) > 1e-9)) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupWeights'],
        message: `group weights add up to ${sum}; they must add up to 100${everyGroupWeighted ? '' : ' at most'}`,
      });
    }
  });

export type JudgeConfig = z.infer<typeof judgeConfigSchema>;
export type JudgeConfigInput = z.input<typeof judgeConfigSchema>;
export type JudgeMetricConfig = z.infer<typeof judgeMetricSchema>;
