// The statistics of the judge, pure and dependency-free: the normal distribution, the two-sided
// Mann-Whitney U test as SciPy's `mannwhitneyu(x, y, method="auto")` computes it (exact null
// distribution for small samples without ties, else the normal approximation with tie and
// continuity correction), the Hodges-Lehmann shift with the confidence interval that inverts
// that same test (R's `wilcox.test(conf.int = TRUE)`, which Kayenta's `MannWhitney.
// calculateConfidenceInterval` ports), and the quantiles and IQR fences of Kayenta's
// `IQRDetector`. test/gates/judge-stats.test.ts checks every function against values SciPy and
// NumPy computed (fixtures/judge/reference.json, made by scripts/judge-reference.py).

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc(x) for x ≥ 0 to ~1e-15 relative: below 2 the all-positive series
 * erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6), above it the
 * continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) (A&S 7.1.14),
 * evaluated with the modified Lentz method, so tail probabilities keep their relative precision.
 */
function erfcNonNegative(x: number): number {
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 500 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
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

/** The standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const t = Math.abs(x) / Math.SQRT2;
  return x < 0 ? erfcNonNegative(t) / 2 : 1 - erfcNonNegative(t) / 2;
}

/** The standard normal survival function 1 − Φ(x), precise in the upper tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/** Φ⁻¹(p) for 0 < p < 1, by bisection on Φ (the lower tail is computed where it is precise). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  if (p > 0.5) return -normalQuantile(1 - p);
  let low = -40;
  let high = 0;
  for (let i = 0; i < 200 && high - low > 1e-15 * Math.max(1, Math.abs(low)); i++) {
    const middle = (low + high) / 2;
    if (normalCdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The median (mean of the two middle values for an even count), as NumPy's `median`. */
export function median(values: readonly number[]): number {
  return medianOfSorted(Float64Array.from(values).sort());
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const middle = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The p-th percentile (0 < p ≤ 100) of Apache Commons Math's default `Percentile` estimator
 * (position p·(n+1)/100, clamped to the extremes; NumPy's `method="weibull"`), which Kayenta's
 * `IQRDetector` calls through `StatUtils.percentile`.
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0]!;
  const position = (p * (n + 1)) / 100;
  if (position < 1) return sorted[0]!;
  if (position >= n) return sorted[n - 1]!;
  const whole = Math.floor(position);
  const lower = sorted[whole - 1]!;
  const upper = sorted[whole]!;
  return lower + (position - whole) * (upper - lower);
}

/**
 * Kayenta's `IQRDetector(factor, reduceSensitivity = true)`, as its NetflixACAJudge uses it:
 * values below min(P1, Q1 − factor·IQR) or above max(P99, Q3 + factor·IQR) are outliers.
 */
export function outlierFences(values: readonly number[], factor: number): { lower: number; upper: number } {
  const q1 = percentile(values, 25);
  const q3 = percentile(values, 75);
  const iqr = q3 - q1;
  return {
    lower: Math.min(percentile(values, 1), q1 - factor * iqr),
    upper: Math.max(percentile(values, 99), q3 + factor * iqr),
  };
}

/** `values` without the outliers of `outlierFences`. */
export function removeOutliers(values: readonly number[], factor: number): number[] {
  if (values.length === 0) return [];
  const { lower, upper } = outlierFences(values, factor);
  return values.filter((value) => value >= lower && value <= upper);
}

/** Σ(t³ − t) over the groups of equal values: the tie term of the U statistic's variance. */
function tieTerm(sortedGroups: Iterable<number>): number {
  let term = 0;
  for (const t of sortedGroups) term += t * t * t - t;
  return term;
}

/** Sizes of the runs of equal values in an ascending array. */
function tieGroups(sorted: ArrayLike<number>): number[] {
  const groups: number[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[start]) {
      groups.push(i - start);
      start = i;
    }
  }
  return groups;
}

export type UMethod = 'exact' | 'asymptotic';

export interface MannWhitneyTest {
  /** U of the first sample (SciPy's `statistic`: the canary's when the canary comes first). */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: UMethod;
}

/** SciPy's `method="auto"`: exact when either sample has at most 8 values and no value is tied. */
export function chooseMethod(n1: number, n2: number, ties: boolean): UMethod {
  if (n1 > 8 && n2 > 8) return 'asymptotic';
  return ties ? 'asymptotic' : 'exact';
}

/** Two-sided Mann-Whitney U test of `x` against `y`, as SciPy's `mannwhitneyu(x, y)`. */
export function mannWhitneyU(x: readonly number[], y: readonly number[], method?: UMethod): MannWhitneyTest {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('the Mann-Whitney test needs two non-empty samples');
  const combined = [
    ...x.map((value) => ({ value, first: true })),
    ...y.map((value) => ({ value, first: false })),
  ];
  combined.sort((a, b) => a.value - b.value);
  // Average ranks (1-based) over runs of equal values.
  let rankSum = 0;
  const ties: number[] = [];
  let start = 0;
  for (let i = 1; i <= combined.length; i++) {
    if (i === combined.length || combined[i]!.value !== combined[start]!.value) {
      const rank = (start + 1 + i) / 2;
      for (let j = start; j < i; j++) if (combined[j]!.first) rankSum += rank;
      ties.push(i - start);
      start = i;
    }
  }
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const chosen =
    method ??
    chooseMethod(
      n1,
      n2,
      ties.some((t) => t > 1),
    );
  const larger = Math.max(u1, u2);
  const pValue =
    chosen === 'exact'
      ? exactTwoSided(n1, n2, n1 * n2 - larger)
      : asymptoticTwoSided(n1, n2, larger, tieTerm(ties));
  return { u: u1, pValue, method: chosen };
}

/** The standard deviation of U under the null hypothesis, with the tie correction. */
function uSigma(n1: number, n2: number, ties: number): number {
  const n = n1 + n2;
  return Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
}

/** SciPy's asymptotic two-sided p-value for the larger of U1 and U2 (continuity-corrected). */
function asymptoticTwoSided(n1: number, n2: number, larger: number, ties: number): number {
  const z = (larger - (n1 * n2) / 2 - 0.5) / uSigma(n1, n2, ties);
  return Math.min(1, 2 * normalSf(z));
}

/** Exact two-sided p-value 2·P(U ≤ smaller) (= SciPy's 2·P(U ≥ larger), by symmetry), at most 1. */
function exactTwoSided(n1: number, n2: number, smaller: number): number {
  return Math.min(1, 2 * exactCdf(n1, n2, Math.round(smaller)));
}

/**
 * P(U ≤ k) under the null hypothesis without ties. The number of arrangements with U = u is the
 * coefficient of qᵘ in the Gaussian binomial ∏ᵢ₌₁ᵐ (1 − q^(n+i))/(1 − qⁱ) (m ≤ n the sample
 * sizes); only coefficients up to k are needed, so the series are cut there.
 */
export function exactCdf(n1: number, n2: number, k: number): number {
  if (k < 0) return 0;
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  if (k >= m * n) return 1;
  const counts = new Float64Array(k + 1);
  counts[0] = 1;
  let total = 1;
  for (let i = 1; i <= m; i++) {
    // × (1 − q^(n+i)), from the top so each coefficient reads the old ones.
    for (let u = k; u >= n + i; u--) counts[u]! -= counts[u - n - i]!;
    // ÷ (1 − qⁱ): a running sum with stride i.
    for (let u = i; u <= k; u++) counts[u]! += counts[u - i]!;
    // C(n+m, m), built the same way: × (n+i)/i.
    total = (total * (n + i)) / i;
  }
  let below = 0;
  for (const count of counts) below += count;
  return Math.min(1, below / total);
}

export interface ShiftEstimate {
  /** Hodges-Lehmann estimate of the shift x − y: the median of all pairwise differences. */
  estimate: number;
  /** Confidence interval of the shift. */
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * The Hodges-Lehmann shift of `x` against `y` and its confidence interval: every shift d for
 * which the two-sided test of x − d against y (same method as for the data) has p ≥ 1 − confidence.
 * Between two consecutive pairwise differences the test of x − d sees no cross-sample ties and
 * U = #{xᵢ − yⱼ > d}, so the bounds are order statistics of the differences: the lower one is the
 * c-th smallest, the upper one the c-th largest, for the least accepted c (R's `wilcox.test`:
 * `diffs[qu]` and `diffs[n·m − qu + 1]` when exact; the root of its corrected z statistic, which
 * Kayenta finds with a Brent solver, when asymptotic). Clamped to the extreme differences as both do.
 */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  confidence: number,
  method: UMethod,
): ShiftEstimate {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('the shift needs two non-empty samples');
  const total = n1 * n2;
  const differences = new Float64Array(total);
  let index = 0;
  for (const xi of x) for (const yj of y) differences[index++] = xi - yj;
  differences.sort();
  const alpha = 1 - confidence;
  // Only ties within each sample remain once x is shifted off every y.
  const ties =
    tieTerm(tieGroups(Float64Array.from(x).sort())) + tieTerm(tieGroups(Float64Array.from(y).sort()));
  const accepted = (c: number): boolean => {
    const p = method === 'exact' ? exactTwoSided(n1, n2, c) : asymptoticTwoSided(n1, n2, total - c, ties);
    return p >= alpha;
  };
  // p grows with c up to total / 2, where it is 1: find the least accepted c by bisection.
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
    lower: differences[c - 1]!,
    upper: differences[total - c]!,
    confidence,
  };
}

/**
 * The smallest two-sided p-value samples of these sizes can reach (complete separation, no
 * ties): when it is not below 1 − confidence, no difference could ever be significant.
 */
export function smallestPValue(n1: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  return chooseMethod(n1, n2, false) === 'exact'
    ? exactTwoSided(n1, n2, 0)
    : asymptoticTwoSided(n1, n2, n1 * n2, 0);
}
