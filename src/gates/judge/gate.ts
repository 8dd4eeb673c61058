import { GitcanaryError } from '../../errors.js';
import { maskSecrets, secretFromEnv } from '../../shared/secrets.js';
import { timeoutSignal } from '../../shared/timeout.js';
import { limitsFrom, runMeasurements } from '../analysis.js';
import { formatPromDuration, parseDuration } from '../duration.js';
import { rangeQuery } from '../prometheus.js';
import { parseGateConfig } from '../schemas.js';
import { contextValues, escapePromQLString, renderTemplate } from '../templates.js';
import type { Gate, GateContext, GateResult, Measurement } from '../types.js';
import { classifyMetric, scoreMetrics, scoreVerdict } from './classify.js';
import {
  formatJudgment,
  formatScore,
  formatThresholds,
  type Judgment,
  type MetricJudgment,
} from './report.js';
import {
  DEFAULT_GROUP,
  type JudgeConfig,
  type JudgeConfigInput,
  type JudgeMetricConfig,
  judgeConfigSchema,
  MAX_JUDGE_SAMPLES,
} from './schema.js';

// The judge gate compares the canary with a baseline the way Kayenta's NetflixACAJudge does,
// inside the release job: per metric one Prometheus range query per group over
// [now − lookback, now] every `step`, each pair classified by the Mann-Whitney classifier, the
// classifications scored by group, the score held against the pass and marginal thresholds.

export interface JudgeGateOptions {
  /** The end of the window (tests fix it); default the current time. */
  now?: () => Date;
}

interface RenderedMetric {
  config: JudgeMetricConfig;
  canary: string;
  baseline: string;
}

export class JudgeGate implements Gate {
  readonly kind = 'judge';
  readonly config: JudgeConfig;
  private readonly lookbackMs: number;
  private readonly stepMs: number;
  private readonly timeoutMs: number;
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(
    readonly name: string,
    config: JudgeConfigInput,
    options: JudgeGateOptions = {},
  ) {
    this.config = parseGateConfig(judgeConfigSchema, config, 'judge');
    this.lookbackMs = parseDuration(this.config.lookback, 'judge.lookback');
    this.stepMs = parseDuration(this.config.step, 'judge.step');
    this.timeoutMs = parseDuration(this.config.prometheus.timeout, 'judge.prometheus.timeout');
    this.intervalMs = parseDuration(this.config.interval, 'judge.interval');
    this.now = options.now ?? (() => new Date());
    if (this.stepMs < 1000 || this.lookbackMs < this.stepMs) {
      throw new GitcanaryError('CONFIG_INVALID', 'judge needs step >= 1s and lookback >= step', {
        field: 'judge.step',
      });
    }
    const samples = Math.floor(this.lookbackMs / this.stepMs) + 1;
    if (samples > MAX_JUDGE_SAMPLES) {
      throw new GitcanaryError('CONFIG_INVALID', `lookback / step asks for ${samples} samples per group`, {
        field: 'judge.step',
        hint: `at most ${MAX_JUDGE_SAMPLES}: raise step or shorten lookback`,
      });
    }
  }

  /** The PromQL of `metric` for one group; values escaped for PromQL strings. */
  renderQuery(metric: JudgeMetricConfig, group: string, context: GateContext): string {
    const values = {
      ...contextValues(context, this.config.variables),
      group,
      lookback: formatPromDuration(this.lookbackMs),
      step: formatPromDuration(this.stepMs),
    };
    return renderTemplate(
      metric.query,
      values,
      escapePromQLString,
      `judge.metrics.${metric.name}.query`,
    ).trim();
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const threshold = formatThresholds(this.config.thresholds);
    let metrics: RenderedMetric[];
    try {
      metrics = this.config.metrics.map((metric) => ({
        config: metric,
        canary: this.renderQuery(metric, this.config.groups.canary, context),
        baseline: this.renderQuery(metric, this.config.groups.baseline, context),
      }));
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', threshold, message, measurements: [] };
    }
    const token =
      this.config.prometheus.bearerTokenEnv === undefined
        ? undefined
        : secretFromEnv(this.config.prometheus.bearerTokenEnv);
    let judgment: Judgment | undefined;
    const outcome = await runMeasurements(
      async () => {
        judgment = await this.judge(metrics, token, context);
        return measurementOf(judgment);
      },
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) =>
        context.progress(`${this.name} #${index + 1}: ${measurement.message.split('\n')[0]}`),
    );
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      ...outcome,
      message: maskSecrets(outcome.message),
      ...(judgment === undefined ? {} : { judgment }),
    };
  }

  /** One judgment over the window ending now. */
  private async judge(
    metrics: RenderedMetric[],
    token: string | undefined,
    context: GateContext,
  ): Promise<Judgment> {
    const endMs = this.now().getTime();
    const range = { start: (endMs - this.lookbackMs) / 1000, end: endMs / 1000, step: this.stepMs / 1000 };
    const options = {
      headers: this.config.prometheus.headers ?? {},
      token,
      signal: timeoutSignal(this.timeoutMs, context.signal),
    };
    const queryFor = async (query: string, metric: string, group: string): Promise<[number, number][]> => {
      try {
        return await rangeQuery(this.config.prometheus.address, query, range, options);
      } catch (error) {
        throw new Error(`${metric} (${group}): ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const { canary: canaryGroup, baseline: baselineGroup } = this.config.groups;
    const series = await Promise.all(
      metrics.map(async ({ config, canary, baseline }) => {
        const [canarySamples, baselineSamples] = await Promise.all([
          queryFor(canary, config.name, canaryGroup),
          queryFor(baseline, config.name, baselineGroup),
        ]);
        return { config, canary: canarySamples, baseline: baselineSamples };
      }),
    );
    return judgeSeries(
      this.config,
      series,
      {
        start: new Date(range.start * 1000).toISOString(),
        end: new Date(endMs).toISOString(),
        stepSeconds: range.step,
      },
      baselineOf(context.baselineWorkload, context.baselineTraffic, baselineGroup),
    );
  }
}

/** One metric's samples per group, `[unix seconds, value]` as Prometheus returns them. */
export interface MetricSeries {
  config: JudgeMetricConfig;
  canary: [number, number][];
  baseline: [number, number][];
}

/**
 * The judgment of sampled series (pure): each metric classified by the Mann-Whitney classifier,
 * the classifications scored by group, the score held against the thresholds.
 */
export function judgeSeries(
  config: JudgeConfig,
  series: readonly MetricSeries[],
  window: Judgment['window'],
  baseline: Pick<Judgment, 'comparedWith' | 'baselineNote'>,
): Judgment {
  const { canary: canaryGroup, baseline: baselineGroup } = config.groups;
  const judged = series.map(({ config: metric, canary, baseline: base }): MetricJudgment => {
    const result = classifyMetric(
      canary.map(([, value]) => value),
      base.map(([, value]) => value),
      {
        direction: metric.direction,
        confidence: config.confidence,
        effectSize: metric.effectSize ?? config.effectSize,
        nanStrategy: metric.nanStrategy,
        outlierFactor: metric.outliers?.strategy === 'remove' ? metric.outliers.outlierFactor : undefined,
      },
    );
    return {
      name: metric.name,
      group: metric.group ?? DEFAULT_GROUP,
      weight: metric.weight,
      critical: metric.critical,
      direction: metric.direction,
      classification: result.classification,
      reason: result.reason,
      canary: { group: canaryGroup, samples: canary, summary: result.canary },
      baseline: { group: baselineGroup, samples: base, summary: result.baseline },
      pValue: result.test?.pValue,
      pMethod: result.test?.method,
      shift: result.test?.shift,
      relativeChange: result.relativeChange,
    };
  });
  const score = scoreMetrics(judged, config.groupWeights);
  return {
    verdict: scoreVerdict(score, config.thresholds),
    score: score.score,
    thresholds: config.thresholds,
    confidence: config.confidence,
    effectSize: config.effectSize,
    window,
    groups: score.groups,
    criticalFailures: score.criticalFailures,
    metrics: judged,
    ...baseline,
  };
}

/**
 * What the baseline group stands for. The judge compares with a baseline only when a spec.baseline
 * workload runs *and* a router sends it the canary's share; otherwise the queries' baseline is
 * whatever they select, in practice the stable pods: comparing a fresh canary with long-running pods
 * is biased (caches, age, load), which the evidence says.
 */
export function baselineOf(
  workload: string | undefined,
  traffic: readonly string[] | undefined,
  group: string,
): Pick<Judgment, 'comparedWith' | 'baselineNote'> {
  if (workload !== undefined && traffic !== undefined && traffic.length > 0) {
    return {
      comparedWith: 'baseline',
      baselineNote: `the spec.baseline workload (${workload}), stable image at the canary's scale, with the canary's share of traffic through ${traffic.join(', ')}`,
    };
  }
  const why =
    workload === undefined
      ? 'no spec.baseline workload'
      : `the spec.baseline workload (${workload}) gets no traffic: no router names a baselineService`;
  return {
    comparedWith: 'stable',
    baselineNote: `compared the canary with the stable pods (${why}): "${group}" is what the queries select, pods that ran longer than the canary (warm caches, more traffic)`,
  };
}

function measurementOf(judgment: Judgment): Measurement {
  return {
    verdict: judgment.verdict,
    value: Number(formatScore(judgment.score)),
    message: formatJudgment(judgment),
    at: new Date().toISOString(),
  };
}
