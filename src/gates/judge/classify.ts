import { formatChange, signed } from './report.js';
import {
  hodgesLehmann,
  mannWhitneyU,
  mean,
  median,
  removeOutliers,
  type ShiftEstimate,
  smallestPValue,
  type UMethod,
} from './stats.js';

// Kayenta's judgment, pure: each metric's canary and baseline samples are cleaned and classified
// like `MannWhitneyClassifier.classify` (kayenta-judge …/classifiers/metric/MannWhitneyClassifier.
// scala), then scored like `WeightedSumScorer.score` (…/scorers/WeightedSumScorer.scala) and
// turned into a verdict like `ThresholdScoreClassifier` with NetflixACAJudge's thresholds.

/** Kayenta's metric classifications (NoData: too little data to compare). */
export type Classification = 'Pass' | 'High' | 'Low' | 'NoData';
/** Which change of the canary is bad (Kayenta's `MetricDirection`). */
export type Direction = 'increase' | 'decrease' | 'either';
/**
 * Kayenta's `NaNStrategy`: drop NaN samples, or count them as 0 (e.g. an error ratio without
 * requests); `NaNStrategy.parse` (…/classifiers/metric/BaseMetricClassifier.scala) defaults to remove.
 */
export type NanStrategy = 'remove' | 'replace';

/**
 * NetflixACAJudge builds `MannWhitneyClassifier(tolerance = 0.25, …)`: a significant difference
 * counts only when its confidence interval also clears ±25% of the Hodges-Lehmann estimate.
 */
export const KAYENTA_TOLERANCE = 0.25;

export interface ClassifyOptions {
  direction: Direction;
  /** Confidence level of the shift's interval (Kayenta's confLevel; NetflixACAJudge: 0.98). */
  confidence: number;
  /** Relative change of the canary's mean from the baseline's that must be exceeded to count. */
  effectSize: number;
  nanStrategy: NanStrategy;
  /** IQR factor of Kayenta's outlier removal, or undefined to keep outliers (Kayenta's default). */
  outlierFactor?: number | undefined;
}

/** What cleaning left of one group's samples, and its summary. */
export interface SampleSummary {
  /** Samples the query returned. */
  count: number;
  /** Samples compared, after NaN handling and outlier removal. */
  used: number;
  nanCount: number;
  outliers: number;
  mean: number;
  median: number;
}

export interface MetricClassification {
  classification: Classification;
  /** Why, in one sentence. */
  reason: string;
  canary: SampleSummary;
  baseline: SampleSummary;
  /** Mann-Whitney results; absent for NoData and for data that needs no test (identical, one value). */
  test?: { u: number; pValue: number; method: UMethod; shift: ShiftEstimate } | undefined;
  /** (canary mean − baseline mean) / |baseline mean|; ±Infinity when only the baseline mean is 0. */
  relativeChange?: number | undefined;
}

/** Kayenta's `Transforms.removeNaNs` / `replaceNaNs` (by 0.0); ±Infinity is treated like NaN. */
export function handleNaNs(values: readonly number[], strategy: NanStrategy): number[] {
  return strategy === 'remove'
    ? values.filter((value) => Number.isFinite(value))
    : values.map((value) => (Number.isFinite(value) ? value : 0));
}

function clean(
  values: readonly number[],
  options: ClassifyOptions,
): { values: number[]; summary: SampleSummary } {
  const finite = handleNaNs(values, options.nanStrategy);
  const kept = options.outlierFactor === undefined ? finite : removeOutliers(finite, options.outlierFactor);
  return {
    values: kept,
    summary: {
      count: values.length,
      used: kept.length,
      nanCount: values.filter((value) => !Number.isFinite(value)).length,
      outliers: finite.length - kept.length,
      mean: mean(kept),
      median: median(kept),
    },
  };
}

/** Relative change of the canary's mean from the baseline's (Kayenta's meanRatio − 1). */
export function relativeChange(canaryMean: number, baselineMean: number): number {
  // Kayenta's calculateDeviation returns a ratio of 1 when the baseline mean is 0, so a canary
  // with errors against an error-free baseline would pass; an increase from 0 is unbounded here.
  if (baselineMean === 0) {
    if (canaryMean === 0) return 0;
    return canaryMean > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return (canaryMean - baselineMean) / Math.abs(baselineMean);
}

/** One metric's classification, as Kayenta's MannWhitneyClassifier.classify. */
export function classifyMetric(
  canaryValues: readonly number[],
  baselineValues: readonly number[],
  options: ClassifyOptions,
): MetricClassification {
  const canary = clean(canaryValues, options);
  const baseline = clean(baselineValues, options);
  const summaries = { canary: canary.summary, baseline: baseline.summary };
  const x = canary.values;
  const y = baseline.values;
  if (x.length === 0 || y.length === 0) {
    const missing =
      x.length === 0 && y.length === 0 ? 'canary and baseline' : x.length === 0 ? 'canary' : 'baseline';
    return { classification: 'NoData', reason: `no ${missing} samples`, ...summaries };
  }
  // Not in Kayenta, which tests any sample size: with too few samples even complete separation
  // is not significant at this confidence, and a Pass would claim what was never tested.
  const floor = smallestPValue(x.length, y.length);
  if (floor >= 1 - options.confidence) {
    return {
      classification: 'NoData',
      reason: `${x.length} canary and ${y.length} baseline samples can never show a difference at ${percent(options.confidence)} confidence (smallest p-value ${floor.toPrecision(2)})`,
      ...summaries,
    };
  }
  const sortedX = [...x].sort((a, b) => a - b);
  const sortedY = [...y].sort((a, b) => a - b);
  if (sortedX.length === sortedY.length && sortedX.every((value, i) => value === sortedY[i])) {
    return {
      classification: 'Pass',
      reason: 'canary and baseline samples are identical',
      ...summaries,
      relativeChange: 0,
    };
  }
  if (new Set([...x, ...y]).size === 1) {
    return {
      classification: 'Pass',
      reason: 'every sample has the same value',
      ...summaries,
      relativeChange: 0,
    };
  }
  const u = mannWhitneyU(x, y);
  const shift = hodgesLehmann(x, y, options.confidence, u.method);
  const change = relativeChange(canary.summary.mean, baseline.summary.mean);
  const test = { u: u.u, pValue: u.pValue, method: u.method, shift };
  // MannWhitneyClassifier.compare: significant when the interval clears ±tolerance·|estimate|,
  // and counted only when the mean ratio passes the effect size (allowedIncrease/allowedDecrease).
  const band = KAYENTA_TOLERANCE * Math.abs(shift.estimate);
  const upward = options.direction !== 'decrease';
  const downward = options.direction !== 'increase';
  const interval = `${percent(options.confidence)} interval of the shift [${signed(shift.lower)}, ${signed(shift.upper)}]`;
  if (upward && shift.lower > band && change >= options.effectSize) {
    return {
      classification: 'High',
      reason: `canary higher: ${interval} is above 0, mean ${formatChange(change)} (allowed +${percent(options.effectSize)})`,
      ...summaries,
      test,
      relativeChange: change,
    };
  }
  if (downward && shift.upper < -band && change <= -options.effectSize) {
    return {
      classification: 'Low',
      reason: `canary lower: ${interval} is below 0, mean ${formatChange(change)} (allowed −${percent(options.effectSize)})`,
      ...summaries,
      test,
      relativeChange: change,
    };
  }
  return {
    classification: 'Pass',
    reason: passReason(shift, band, change, options),
    ...summaries,
    test,
    relativeChange: change,
  };
}

function passReason(shift: ShiftEstimate, band: number, change: number, options: ClassifyOptions): string {
  const above = shift.lower > band;
  const below = shift.upper < -band;
  if (!above && !below) return `no significant difference at ${percent(options.confidence)} confidence`;
  const bad = (above && options.direction !== 'decrease') || (below && options.direction !== 'increase');
  if (!bad) return `canary ${above ? 'higher' : 'lower'}, which direction ${options.direction} allows`;
  return `difference within the effect size: mean ${formatChange(change)} (allowed ±${percent(options.effectSize)})`;
}

/** A metric as the scorer sees it. */
export interface ScoredMetric {
  name: string;
  group: string;
  weight: number;
  critical: boolean;
  classification: Classification;
}

export interface GroupScore {
  name: string;
  /** 0–100: the weighted share of the group's metrics with data that pass. */
  score: number;
  /** The group's share of the summary score, in percent. */
  weight: number;
  /** Every metric of the group is NoData: the group adds nothing to the summary. */
  noData: boolean;
}

export interface Score {
  /** 0–100; 0 when a critical metric failed. */
  score: number;
  groups: GroupScore[];
  /** Critical metrics that did not pass (High, Low or NoData), which fail the judgment. */
  criticalFailures: string[];
  /** No metric had data. */
  noData: boolean;
}

/**
 * Kayenta's WeightedSumScorer with per-metric weights: a group scores the weighted share of its
 * metrics with data that pass (NoData metrics count for nothing either way); the summary is the
 * sum of group scores × group weight / 100, groups without a configured weight sharing what the
 * configured ones leave of 100. A group with no data adds nothing (its weight is not handed to
 * the others, as in Kayenta). Any critical metric that does not pass scores the whole judgment 0.
 */
export function scoreMetrics(
  metrics: readonly ScoredMetric[],
  groupWeights: Record<string, number> = {},
): Score {
  const names = [...new Set(metrics.map((metric) => metric.group))];
  const configured = names.filter((name) => groupWeights[name] !== undefined);
  const left = 100 - configured.reduce((sum, name) => sum + groupWeights[name]!, 0);
  const unweighted = names.length - configured.length;
  const groups = names.map((name): GroupScore => {
    const members = metrics.filter((metric) => metric.group === name && metric.classification !== 'NoData');
    const total = members.reduce((sum, metric) => sum + metric.weight, 0);
    const passing = members
      .filter((metric) => metric.classification === 'Pass')
      .reduce((sum, metric) => sum + metric.weight, 0);
    return {
      name,
      score: total > 0 ? (100 * passing) / total : 0,
      weight: groupWeights[name] ?? (unweighted > 0 ? left / unweighted : 0),
      noData: total === 0,
    };
  });
  const criticalFailures = metrics
    .filter((metric) => metric.critical && metric.classification !== 'Pass')
    .map((metric) => metric.name);
  const summary = groups
    .filter((group) => !group.noData)
    .reduce((sum, group) => sum + (group.score * group.weight) / 100, 0);
  return {
    score: criticalFailures.length > 0 ? 0 : summary,
    groups,
    criticalFailures,
    noData: groups.every((group) => group.noData),
  };
}

export interface Thresholds {
  pass: number;
  marginal: number;
}

/**
 * Kayenta's ThresholdScoreClassifier: score ≥ pass passes, ≥ marginal is marginal (here
 * inconclusive: the release pauses for a person), below fails; a critical failure fails. No data
 * at all is inconclusive, where Kayenta would score 0 and fail: a gate that saw nothing neither
 * passes nor blames the canary.
 */
export function scoreVerdict(score: Score, thresholds: Thresholds): 'pass' | 'inconclusive' | 'fail' {
  if (score.criticalFailures.length > 0) return 'fail';
  if (score.noData) return 'inconclusive';
  if (score.score >= thresholds.pass) return 'pass';
  if (score.score >= thresholds.marginal) return 'inconclusive';
  return 'fail';
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}
