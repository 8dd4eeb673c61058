import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  formatChange,
  formatJudgment,
  formatScore,
  formatThresholds,
  signed
} from "./chunk-3X7PDRD5.js";
import {
  rangeQuery
} from "./chunk-AUKBY7KF.js";
import "./chunk-NDP2KJ5T.js";
import "./chunk-WMZLU4BU.js";
import {
  contextValues,
  escapePromQLString,
  limitsFrom,
  renderTemplate,
  runMeasurements
} from "./chunk-O3G3HMHV.js";
import "./chunk-XS2OQZ4O.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import {
  timeoutSignal
} from "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  DEFAULT_GROUP,
  MAX_JUDGE_SAMPLES,
  formatPromDuration,
  judgeConfigSchema,
  parseDuration,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/judge/stats.ts
var SQRT_PI = Math.sqrt(Math.PI);
function erfcNonNegative(x) {
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 500 && term > sum * 1e-17; n++) {
      term *= 2 * x * x / (2 * n + 1);
      sum += term;
    }
    return 1 - 2 / SQRT_PI * Math.exp(-x * x) * sum;
  }
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5e3; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}
function normalCdf(x) {
  if (Number.isNaN(x)) return Number.NaN;
  const t = Math.abs(x) / Math.SQRT2;
  return x < 0 ? erfcNonNegative(t) / 2 : 1 - erfcNonNegative(t) / 2;
}
function normalSf(x) {
  return normalCdf(-x);
}
function mean(values) {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
function median(values) {
  return medianOfSorted(Float64Array.from(values).sort());
}
function medianOfSorted(sorted) {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const middle = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function percentile(values, p) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0];
  const position = p * (n + 1) / 100;
  if (position < 1) return sorted[0];
  if (position >= n) return sorted[n - 1];
  const whole = Math.floor(position);
  const lower = sorted[whole - 1];
  const upper = sorted[whole];
  return lower + (position - whole) * (upper - lower);
}
function outlierFences(values, factor) {
  const q1 = percentile(values, 25);
  const q3 = percentile(values, 75);
  const iqr = q3 - q1;
  return {
    lower: Math.min(percentile(values, 1), q1 - factor * iqr),
    upper: Math.max(percentile(values, 99), q3 + factor * iqr)
  };
}
function removeOutliers(values, factor) {
  if (values.length === 0) return [];
  const { lower, upper } = outlierFences(values, factor);
  return values.filter((value) => value >= lower && value <= upper);
}
function tieTerm(sortedGroups) {
  let term = 0;
  for (const t of sortedGroups) term += t * t * t - t;
  return term;
}
function tieGroups(sorted) {
  const groups = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[start]) {
      groups.push(i - start);
      start = i;
    }
  }
  return groups;
}
function chooseMethod(n1, n2, ties) {
  if (n1 > 8 && n2 > 8) return "asymptotic";
  return ties ? "asymptotic" : "exact";
}
function mannWhitneyU(x, y, method) {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("the Mann-Whitney test needs two non-empty samples");
  const combined = [
    ...x.map((value) => ({ value, first: true })),
    ...y.map((value) => ({ value, first: false }))
  ];
  combined.sort((a, b) => a.value - b.value);
  let rankSum = 0;
  const ties = [];
  let start = 0;
  for (let i = 1; i <= combined.length; i++) {
    if (i === combined.length || combined[i].value !== combined[start].value) {
      const rank = (start + 1 + i) / 2;
      for (let j = start; j < i; j++) if (combined[j].first) rankSum += rank;
      ties.push(i - start);
      start = i;
    }
  }
  const u1 = rankSum - n1 * (n1 + 1) / 2;
  const u2 = n1 * n2 - u1;
  const chosen = method ?? chooseMethod(
    n1,
    n2,
    ties.some((t) => t > 1)
  );
  const larger = Math.max(u1, u2);
  const pValue = chosen === "exact" ? exactTwoSided(n1, n2, n1 * n2 - larger) : asymptoticTwoSided(n1, n2, larger, tieTerm(ties));
  return { u: u1, pValue, method: chosen };
}
function uSigma(n1, n2, ties) {
  const n = n1 + n2;
  return Math.sqrt(n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1))));
}
function asymptoticTwoSided(n1, n2, larger, ties) {
  const z = (larger - n1 * n2 / 2 - 0.5) / uSigma(n1, n2, ties);
  return Math.min(1, 2 * normalSf(z));
}
function exactTwoSided(n1, n2, smaller) {
  return Math.min(1, 2 * exactCdf(n1, n2, Math.round(smaller)));
}
function exactCdf(n1, n2, k) {
  if (k < 0) return 0;
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  if (k >= m * n) return 1;
  const counts = new Float64Array(k + 1);
  counts[0] = 1;
  let total = 1;
  for (let i = 1; i <= m; i++) {
    for (let u = k; u >= n + i; u--) counts[u] -= counts[u - n - i];
    for (let u = i; u <= k; u++) counts[u] += counts[u - i];
    total = total * (n + i) / i;
  }
  let below = 0;
  for (const count of counts) below += count;
  return Math.min(1, below / total);
}
function hodgesLehmann(x, y, confidence, method) {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("the shift needs two non-empty samples");
  const total = n1 * n2;
  const differences = new Float64Array(total);
  let index = 0;
  for (const xi of x) for (const yj of y) differences[index++] = xi - yj;
  differences.sort();
  const alpha = 1 - confidence;
  const ties = tieTerm(tieGroups(Float64Array.from(x).sort())) + tieTerm(tieGroups(Float64Array.from(y).sort()));
  const accepted = (c2) => {
    const p = method === "exact" ? exactTwoSided(n1, n2, c2) : asymptoticTwoSided(n1, n2, total - c2, ties);
    return p >= alpha;
  };
  let low = 0;
  let high = Math.floor(total / 2);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (accepted(middle)) high = middle;
    else low = middle + 1;
  }
  const c = Math.max(low, 1);
  return {
    estimate: medianOfSorted(differences),
    lower: differences[c - 1],
    upper: differences[total - c],
    confidence
  };
}
function smallestPValue(n1, n2) {
  if (n1 === 0 || n2 === 0) return 1;
  return chooseMethod(n1, n2, false) === "exact" ? exactTwoSided(n1, n2, 0) : asymptoticTwoSided(n1, n2, n1 * n2, 0);
}

// src/gates/judge/classify.ts
var KAYENTA_TOLERANCE = 0.25;
function handleNaNs(values, strategy) {
  return strategy === "remove" ? values.filter((value) => Number.isFinite(value)) : values.map((value) => Number.isFinite(value) ? value : 0);
}
function clean(values, options) {
  const finite = handleNaNs(values, options.nanStrategy);
  const kept = options.outlierFactor === void 0 ? finite : removeOutliers(finite, options.outlierFactor);
  return {
    values: kept,
    summary: {
      count: values.length,
      used: kept.length,
      nanCount: values.filter((value) => !Number.isFinite(value)).length,
      outliers: finite.length - kept.length,
      mean: mean(kept),
      median: median(kept)
    }
  };
}
function relativeChange(canaryMean, baselineMean) {
  if (baselineMean === 0) {
    if (canaryMean === 0) return 0;
    return canaryMean > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return (canaryMean - baselineMean) / Math.abs(baselineMean);
}
function classifyMetric(canaryValues, baselineValues, options) {
  const canary = clean(canaryValues, options);
  const baseline = clean(baselineValues, options);
  const summaries = { canary: canary.summary, baseline: baseline.summary };
  const x = canary.values;
  const y = baseline.values;
  if (x.length === 0 || y.length === 0) {
    const missing = x.length === 0 && y.length === 0 ? "canary and baseline" : x.length === 0 ? "canary" : "baseline";
    return { classification: "NoData", reason: `no ${missing} samples`, ...summaries };
  }
  const floor = smallestPValue(x.length, y.length);
  if (floor >= 1 - options.confidence) {
    return {
      classification: "NoData",
      reason: `${x.length} canary and ${y.length} baseline samples can never show a difference at ${percent(options.confidence)} confidence (smallest p-value ${floor.toPrecision(2)})`,
      ...summaries
    };
  }
  const sortedX = [...x].sort((a, b) => a - b);
  const sortedY = [...y].sort((a, b) => a - b);
  if (sortedX.length === sortedY.length && sortedX.every((value, i) => value === sortedY[i])) {
    return {
      classification: "Pass",
      reason: "canary and baseline samples are identical",
      ...summaries,
      relativeChange: 0
    };
  }
  if ((/* @__PURE__ */ new Set([...x, ...y])).size === 1) {
    return {
      classification: "Pass",
      reason: "every sample has the same value",
      ...summaries,
      relativeChange: 0
    };
  }
  const u = mannWhitneyU(x, y);
  const shift = hodgesLehmann(x, y, options.confidence, u.method);
  const change = relativeChange(canary.summary.mean, baseline.summary.mean);
  const test = { u: u.u, pValue: u.pValue, method: u.method, shift };
  const band = KAYENTA_TOLERANCE * Math.abs(shift.estimate);
  const upward = options.direction !== "decrease";
  const downward = options.direction !== "increase";
  const interval = `${percent(options.confidence)} interval of the shift [${signed(shift.lower)}, ${signed(shift.upper)}]`;
  if (upward && shift.lower > band && change >= options.effectSize) {
    return {
      classification: "High",
      reason: `canary higher: ${interval} is above 0, mean ${formatChange(change)} (allowed +${percent(options.effectSize)})`,
      ...summaries,
      test,
      relativeChange: change
    };
  }
  if (downward && shift.upper < -band && change <= -options.effectSize) {
    return {
      classification: "Low",
      reason: `canary lower: ${interval} is below 0, mean ${formatChange(change)} (allowed \u2212${percent(options.effectSize)})`,
      ...summaries,
      test,
      relativeChange: change
    };
  }
  return {
    classification: "Pass",
    reason: passReason(shift, band, change, options),
    ...summaries,
    test,
    relativeChange: change
  };
}
function passReason(shift, band, change, options) {
  const above = shift.lower > band;
  const below = shift.upper < -band;
  if (!above && !below) return `no significant difference at ${percent(options.confidence)} confidence`;
  const bad = above && options.direction !== "decrease" || below && options.direction !== "increase";
  if (!bad) return `canary ${above ? "higher" : "lower"}, which direction ${options.direction} allows`;
  return `difference within the effect size: mean ${formatChange(change)} (allowed \xB1${percent(options.effectSize)})`;
}
function scoreMetrics(metrics, groupWeights = {}) {
  const names = [...new Set(metrics.map((metric) => metric.group))];
  const configured = names.filter((name) => groupWeights[name] !== void 0);
  const left = 100 - configured.reduce((sum, name) => sum + groupWeights[name], 0);
  const unweighted = names.length - configured.length;
  const groups = names.map((name) => {
    const members = metrics.filter((metric) => metric.group === name && metric.classification !== "NoData");
    const total = members.reduce((sum, metric) => sum + metric.weight, 0);
    const passing = members.filter((metric) => metric.classification === "Pass").reduce((sum, metric) => sum + metric.weight, 0);
    return {
      name,
      score: total > 0 ? 100 * passing / total : 0,
      weight: groupWeights[name] ?? (unweighted > 0 ? left / unweighted : 0),
      noData: total === 0
    };
  });
  const criticalFailures = metrics.filter((metric) => metric.critical && metric.classification !== "Pass").map((metric) => metric.name);
  const summary = groups.filter((group) => !group.noData).reduce((sum, group) => sum + group.score * group.weight / 100, 0);
  return {
    score: criticalFailures.length > 0 ? 0 : summary,
    groups,
    criticalFailures,
    noData: groups.every((group) => group.noData)
  };
}
function scoreVerdict(score, thresholds) {
  if (score.criticalFailures.length > 0) return "fail";
  if (score.noData) return "inconclusive";
  if (score.score >= thresholds.pass) return "pass";
  if (score.score >= thresholds.marginal) return "inconclusive";
  return "fail";
}
function percent(fraction) {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

// src/gates/judge/gate.ts
var JudgeGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.config = parseGateConfig(judgeConfigSchema, config, "judge");
    this.lookbackMs = parseDuration(this.config.lookback, "judge.lookback");
    this.stepMs = parseDuration(this.config.step, "judge.step");
    this.timeoutMs = parseDuration(this.config.prometheus.timeout, "judge.prometheus.timeout");
    this.intervalMs = parseDuration(this.config.interval, "judge.interval");
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
    if (this.stepMs < 1e3 || this.lookbackMs < this.stepMs) {
      throw new GitcanaryError("CONFIG_INVALID", "judge needs step >= 1s and lookback >= step", {
        field: "judge.step"
      });
    }
    const samples = Math.floor(this.lookbackMs / this.stepMs) + 1;
    if (samples > MAX_JUDGE_SAMPLES) {
      throw new GitcanaryError("CONFIG_INVALID", `lookback / step asks for ${samples} samples per group`, {
        field: "judge.step",
        hint: `at most ${MAX_JUDGE_SAMPLES}: raise step or shorten lookback`
      });
    }
  }
  name;
  kind = "judge";
  config;
  lookbackMs;
  stepMs;
  timeoutMs;
  intervalMs;
  now;
  /** The PromQL of `metric` for one group; values escaped for PromQL strings. */
  renderQuery(metric, group, context) {
    const values = {
      ...contextValues(context, this.config.variables),
      group,
      lookback: formatPromDuration(this.lookbackMs),
      step: formatPromDuration(this.stepMs)
    };
    return renderTemplate(
      metric.query,
      values,
      escapePromQLString,
      `judge.metrics.${metric.name}.query`
    ).trim();
  }
  async evaluate(context) {
    const threshold = formatThresholds(this.config.thresholds);
    let metrics;
    try {
      metrics = this.config.metrics.map((metric) => ({
        config: metric,
        canary: this.renderQuery(metric, this.config.groups.canary, context),
        baseline: this.renderQuery(metric, this.config.groups.baseline, context)
      }));
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const token = this.config.prometheus.bearerTokenEnv === void 0 ? void 0 : secretFromEnv(this.config.prometheus.bearerTokenEnv);
    let judgment;
    const outcome = await runMeasurements(
      async () => {
        judgment = await this.judge(metrics, token, context);
        return measurementOf(judgment);
      },
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message.split("\n")[0]}`)
    );
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      ...outcome,
      message: maskSecrets(outcome.message),
      ...judgment === void 0 ? {} : { judgment }
    };
  }
  /** One judgment over the window ending now. */
  async judge(metrics, token, context) {
    const endMs = this.now().getTime();
    const range = { start: (endMs - this.lookbackMs) / 1e3, end: endMs / 1e3, step: this.stepMs / 1e3 };
    const options = {
      headers: this.config.prometheus.headers ?? {},
      token,
      signal: timeoutSignal(this.timeoutMs, context.signal)
    };
    const queryFor = async (query, metric, group) => {
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
          queryFor(baseline, config.name, baselineGroup)
        ]);
        return { config, canary: canarySamples, baseline: baselineSamples };
      })
    );
    return judgeSeries(
      this.config,
      series,
      {
        start: new Date(range.start * 1e3).toISOString(),
        end: new Date(endMs).toISOString(),
        stepSeconds: range.step
      },
      baselineOf(context.baselineWorkload, context.baselineTraffic, baselineGroup)
    );
  }
};
function judgeSeries(config, series, window, baseline) {
  const { canary: canaryGroup, baseline: baselineGroup } = config.groups;
  const judged = series.map(({ config: metric, canary, baseline: base }) => {
    const result = classifyMetric(
      canary.map(([, value]) => value),
      base.map(([, value]) => value),
      {
        direction: metric.direction,
        confidence: config.confidence,
        effectSize: metric.effectSize ?? config.effectSize,
        nanStrategy: metric.nanStrategy,
        outlierFactor: metric.outliers?.strategy === "remove" ? metric.outliers.outlierFactor : void 0
      }
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
      relativeChange: result.relativeChange
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
    ...baseline
  };
}
function baselineOf(workload, traffic, group) {
  if (workload !== void 0 && traffic !== void 0 && traffic.length > 0) {
    return {
      comparedWith: "baseline",
      baselineNote: `the spec.baseline workload (${workload}), stable image at the canary's scale, with the canary's share of traffic through ${traffic.join(", ")}`
    };
  }
  const why = workload === void 0 ? "no spec.baseline workload" : `the spec.baseline workload (${workload}) gets no traffic: no router names a baselineService`;
  return {
    comparedWith: "stable",
    baselineNote: `compared the canary with the stable pods (${why}): "${group}" is what the queries select, pods that ran longer than the canary (warm caches, more traffic)`
  };
}
function measurementOf(judgment) {
  return {
    verdict: judgment.verdict,
    value: Number(formatScore(judgment.score)),
    message: formatJudgment(judgment),
    at: (/* @__PURE__ */ new Date()).toISOString()
  };
}
export {
  JudgeGate,
  baselineOf,
  judgeSeries
};
