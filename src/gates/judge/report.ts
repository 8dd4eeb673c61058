import type { Verdict } from '../types.js';
// Types only from ./classify.js: status, JUnit and job summaries read judgments through
// parseJudgment without loading the statistics.
import type { Classification, Direction, GroupScore, SampleSummary, Thresholds } from './classify.js';
import type { ShiftEstimate, UMethod } from './stats.js';

// What a judgment found, as data (GateResult.judgment: job summaries chart both series from it)
// and as the text table that goes into the gate's message, the commit's gate evidence and logs.

/** One group's samples of one metric: `[unix seconds, value]` as Prometheus returned them. */
export interface JudgedSeries {
  /** The `{{group}}` value the query ran with. */
  group: string;
  samples: [number, number][];
  summary: SampleSummary;
}

export interface MetricJudgment {
  name: string;
  group: string;
  weight: number;
  critical: boolean;
  direction: Direction;
  classification: Classification;
  reason: string;
  canary: JudgedSeries;
  baseline: JudgedSeries;
  /** Two-sided Mann-Whitney p-value (SciPy's method "auto"). */
  pValue?: number | undefined;
  pMethod?: UMethod | undefined;
  /** Hodges-Lehmann shift canary − baseline with its confidence interval. */
  shift?: ShiftEstimate | undefined;
  /** (canary mean − baseline mean) / |baseline mean|. */
  relativeChange?: number | undefined;
}

export interface Judgment {
  verdict: Verdict;
  /** 0–100 (Kayenta's summary score). */
  score: number;
  thresholds: Thresholds;
  confidence: number;
  effectSize: number;
  /** The range the samples come from. */
  window: { start: string; end: string; stepSeconds: number };
  groups: GroupScore[];
  /** Critical metrics that did not pass. */
  criticalFailures: string[];
  metrics: MetricJudgment[];
  /**
   * `baseline`: a spec.baseline workload given the canary's share of traffic by a router;
   * `stable`: the stable pods stood in for it (no baseline workload, or no router carries one).
   */
  comparedWith?: 'baseline' | 'stable' | undefined;
  /** What the baseline group is, said in the evidence (e.g. that it is the stable pods). */
  baselineNote?: string | undefined;
}

/** `pass >= 95, marginal >= 75` */
export function formatThresholds(thresholds: Thresholds): string {
  return `pass >= ${thresholds.pass}, marginal >= ${thresholds.marginal}`;
}

/** The judgment in a few lines: the score and why, then one table row per metric. */
export function formatJudgment(judgment: Judgment): string {
  const passing = judgment.metrics.filter((metric) => metric.classification === 'Pass').length;
  const head = [
    `score ${formatScore(judgment.score)} (${formatThresholds(judgment.thresholds)}): ${judgment.verdict}`,
    `${passing} of ${judgment.metrics.length} metrics pass`,
  ];
  if (judgment.criticalFailures.length > 0) {
    const failed = judgment.metrics.filter((metric) => judgment.criticalFailures.includes(metric.name));
    head.push(`critical ${failed.map((metric) => `${metric.name} ${metric.classification}`).join(', ')}`);
  }
  if (judgment.groups.length > 1) {
    const groups = judgment.groups.map(
      (group) =>
        `${group.name} ${group.noData ? 'no data' : formatScore(group.score)} × ${formatScore(group.weight)}%`,
    );
    head.push(`groups ${groups.join(', ')}`);
  }
  const confidence = `${Number((judgment.confidence * 100).toPrecision(4))}%`;
  const rows = [
    [
      'metric',
      'result',
      'canary median',
      'baseline median',
      `shift [${confidence} interval]`,
      'p-value',
      'change',
      'samples',
    ],
    ...judgment.metrics.map((metric) => [
      `${metric.name}${metric.critical ? ' (critical)' : ''}`,
      metric.classification,
      formatNumber(metric.canary.summary.median),
      formatNumber(metric.baseline.summary.median),
      metric.shift === undefined
        ? '-'
        : `${signed(metric.shift.estimate)} [${signed(metric.shift.lower)}, ${signed(metric.shift.upper)}]`,
      metric.pValue === undefined ? '-' : formatPValue(metric.pValue),
      metric.relativeChange === undefined ? '-' : formatChange(metric.relativeChange),
      `${metric.canary.summary.used}/${metric.baseline.summary.used}`,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map(
    (row) =>
      `  ${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}`,
  );
  const notes = judgment.metrics
    .filter((metric) => metric.classification !== 'Pass' || metric.reason.startsWith('difference within'))
    .map((metric) => `  ${metric.name}: ${metric.reason}`);
  if (judgment.baselineNote !== undefined) notes.push(`  baseline: ${judgment.baselineNote}`);
  return [head.join('; '), ...table, ...notes].join('\n');
}

export function formatScore(score: number): string {
  return String(Number(score.toFixed(1)));
}

function formatNumber(value: number): string {
  return Number.isNaN(value) ? '-' : String(Number(value.toPrecision(3)));
}

function formatPValue(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

/** One row of the judgment table, as text (what a commit message keeps of a judgment). */
export interface JudgmentRow {
  metric: string;
  critical: boolean;
  classification: string;
  canaryMedian: string;
  baselineMedian: string;
  /** `+0.0401 [+0.039, +0.041]`, or `-`. */
  shift: string;
  pValue: string;
  change: string;
  /** `canary/baseline` samples used. */
  samples: string;
}

/** A judgment as its evidence text says it: what `status`, JUnit and summaries read from Git. */
export interface JudgmentTable {
  /** `score 0 (pass >= 95, marginal >= 75): fail; 0 of 1 metrics pass; …` */
  headline: string;
  /** `98%`: the confidence of the shift's interval. */
  confidence: string;
  rows: JudgmentRow[];
  /** `metric: why` lines for metrics that did not pass. */
  notes: string[];
  /** The `baseline:` line: what the canary was compared with. */
  baseline?: string | undefined;
  comparedWith?: 'baseline' | 'stable' | undefined;
}

const TABLE_HEADER =
  /^metric\s{2,}result\s{2,}canary median\s{2,}baseline median\s{2,}shift \[(.+) interval\]/;

/** The rows of the judgment table as formatJudgment writes it (cells apart by two spaces or more). */
export function judgmentRows(judgment: Judgment): JudgmentRow[] {
  return parseJudgment(formatJudgment(judgment))?.rows ?? [];
}

/**
 * The judgment table read back from a judge gate's message (formatJudgment's text, as the commit
 * message or a log keeps it, indentation lost or not); undefined when the text holds no table.
 */
export function parseJudgment(message: string): JudgmentTable | undefined {
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const at = lines.findIndex((line) => TABLE_HEADER.test(line));
  if (at < 1) return undefined;
  const confidence = TABLE_HEADER.exec(lines[at]!)?.[1] ?? '';
  const rows: JudgmentRow[] = [];
  let next = at + 1;
  for (; next < lines.length; next++) {
    const cells = lines[next]!.split(/\s{2,}/);
    if (cells.length !== 8) break;
    const [
      name = '',
      classification = '',
      canaryMedian = '',
      baselineMedian = '',
      shift = '',
      pValue = '',
      change = '',
      samples = '',
    ] = cells;
    const critical = name.endsWith(' (critical)');
    rows.push({
      metric: critical ? name.slice(0, -' (critical)'.length) : name,
      critical,
      classification,
      canaryMedian,
      baselineMedian,
      shift,
      pValue,
      change,
      samples,
    });
  }
  const rest = lines.slice(next).filter((line) => line !== '');
  const baseline = rest.find((line) => line.startsWith('baseline: '))?.slice('baseline: '.length);
  return {
    headline: lines.slice(0, at).join('; '),
    confidence,
    rows,
    notes: rest.filter((line) => !line.startsWith('baseline: ')),
    baseline,
    comparedWith:
      baseline === undefined
        ? undefined
        : baseline.startsWith('compared the canary with the stable pods')
          ? 'stable'
          : 'baseline',
  };
}

/** `+0.0012`, `−3.4`: a shift with its sign, 3 significant digits. */
export function signed(value: number): string {
  if (value === 0) return '0';
  const text = Number(Math.abs(value).toPrecision(3)).toString();
  return value > 0 ? `+${text}` : `-${text}`;
}

/** `+25%`, `-3.1%`, `+inf%`. */
export function formatChange(change: number): string {
  if (!Number.isFinite(change)) return change > 0 ? '+inf%' : '-inf%';
  const value = Number((change * 100).toPrecision(3));
  return `${value >= 0 ? '+' : ''}${value}%`;
}
