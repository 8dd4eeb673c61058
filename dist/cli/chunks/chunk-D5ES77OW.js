import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

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
function signed(value) {
  if (value === 0) return "0";
  const text = Number(Math.abs(value).toPrecision(3)).toString();
  return value > 0 ? `+${text}` : `-${text}`;
}
function formatChange(change) {
  if (!Number.isFinite(change)) return change > 0 ? "+inf%" : "-inf%";
  const value = Number((change * 100).toPrecision(3));
  return `${value >= 0 ? "+" : ""}${value}%`;
}

// src/gates/judge/report.ts
function formatThresholds(thresholds) {
  return `pass >= ${thresholds.pass}, marginal >= ${thresholds.marginal}`;
}
function formatJudgment(judgment) {
  const passing = judgment.metrics.filter((metric) => metric.classification === "Pass").length;
  const head = [
    `score ${formatScore(judgment.score)} (${formatThresholds(judgment.thresholds)}): ${judgment.verdict}`,
    `${passing} of ${judgment.metrics.length} metrics pass`
  ];
  if (judgment.criticalFailures.length > 0) {
    const failed = judgment.metrics.filter((metric) => judgment.criticalFailures.includes(metric.name));
    head.push(`critical ${failed.map((metric) => `${metric.name} ${metric.classification}`).join(", ")}`);
  }
  if (judgment.groups.length > 1) {
    const groups = judgment.groups.map(
      (group) => `${group.name} ${group.noData ? "no data" : formatScore(group.score)} \xD7 ${formatScore(group.weight)}%`
    );
    head.push(`groups ${groups.join(", ")}`);
  }
  const confidence = `${Number((judgment.confidence * 100).toPrecision(4))}%`;
  const rows = [
    [
      "metric",
      "result",
      "canary median",
      "baseline median",
      `shift [${confidence} interval]`,
      "p-value",
      "change",
      "samples"
    ],
    ...judgment.metrics.map((metric) => [
      `${metric.name}${metric.critical ? " (critical)" : ""}`,
      metric.classification,
      formatNumber(metric.canary.summary.median),
      formatNumber(metric.baseline.summary.median),
      metric.shift === void 0 ? "-" : `${signed(metric.shift.estimate)} [${signed(metric.shift.lower)}, ${signed(metric.shift.upper)}]`,
      metric.pValue === void 0 ? "-" : formatPValue(metric.pValue),
      metric.relativeChange === void 0 ? "-" : formatChange(metric.relativeChange),
      `${metric.canary.summary.used}/${metric.baseline.summary.used}`
    ])
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map(
    (row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`
  );
  const notes = judgment.metrics.filter((metric) => metric.classification !== "Pass" || metric.reason.startsWith("difference within")).map((metric) => `  ${metric.name}: ${metric.reason}`);
  if (judgment.baselineNote !== void 0) notes.push(`  baseline: ${judgment.baselineNote}`);
  return [head.join("; "), ...table, ...notes].join("\n");
}
function formatScore(score) {
  return String(Number(score.toFixed(1)));
}
function formatNumber(value) {
  return Number.isNaN(value) ? "-" : String(Number(value.toPrecision(3)));
}
function formatPValue(p) {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
var TABLE_HEADER = /^metric\s{2,}result\s{2,}canary median\s{2,}baseline median\s{2,}shift \[(.+) interval\]/;
function parseJudgment(message) {
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const at = lines.findIndex((line) => TABLE_HEADER.test(line));
  if (at < 1) return void 0;
  const confidence = TABLE_HEADER.exec(lines[at])?.[1] ?? "";
  const rows = [];
  let next = at + 1;
  for (; next < lines.length; next++) {
    const cells = lines[next].split(/\s{2,}/);
    if (cells.length !== 8) break;
    const [
      name = "",
      classification = "",
      canaryMedian = "",
      baselineMedian = "",
      shift = "",
      pValue = "",
      change = "",
      samples = ""
    ] = cells;
    const critical = name.endsWith(" (critical)");
    rows.push({
      metric: critical ? name.slice(0, -" (critical)".length) : name,
      critical,
      classification,
      canaryMedian,
      baselineMedian,
      shift,
      pValue,
      change,
      samples
    });
  }
  const rest = lines.slice(next).filter((line) => line !== "");
  const baseline = rest.find((line) => line.startsWith("baseline: "))?.slice("baseline: ".length);
  return {
    headline: lines.slice(0, at).join("; "),
    confidence,
    rows,
    notes: rest.filter((line) => !line.startsWith("baseline: ")),
    baseline,
    comparedWith: baseline === void 0 ? void 0 : baseline.startsWith("compared the canary with the stable pods") ? "stable" : "baseline"
  };
}

export {
  classifyMetric,
  scoreMetrics,
  scoreVerdict,
  formatThresholds,
  formatJudgment,
  formatScore,
  parseJudgment
};
