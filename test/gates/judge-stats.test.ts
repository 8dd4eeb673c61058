import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMetric, handleNaNs } from '../../src/gates/judge/classify.js';
import {
  exactCdf,
  hodgesLehmann,
  mannWhitneyU,
  normalCdf,
  normalQuantile,
  normalSf,
  outlierFences,
  percentile,
  removeOutliers,
  smallestPValue,
} from '../../src/gates/judge/stats.js';

// Against reference values SciPy and NumPy computed (scripts/judge-reference.py writes
// fixtures/judge/reference.json; its docstring says how the interval reference is obtained).

interface MannWhitneyCase {
  name: string;
  canary: number[];
  baseline: number[];
  u: number;
  method: 'exact' | 'asymptotic';
  pValue: number;
  asymptoticPValue: number;
  exactPValue?: number;
  shift: number;
  intervals: { confidence: number; lower: number; upper: number }[];
}

interface Reference {
  scipy: string;
  normal: { cdf: [number, number][]; sf: [number, number][]; quantile: [number, number][] };
  mannWhitney: MannWhitneyCase[];
  nan: {
    name: string;
    canary: (number | null)[];
    baseline: (number | null)[];
    removed: { u: number; pValue: number };
    replaced: { u: number; pValue: number };
  }[];
  percentiles: { values: number[]; percentiles: Record<string, number> }[];
}

const reference = JSON.parse(readFileSync('fixtures/judge/reference.json', 'utf8')) as Reference;

/** Equal to `relative` (and `absolute`, for values at 0 or that underflow). */
function expectClose(actual: number, expected: number, relative = 1e-12, absolute = 1e-300): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(Math.abs(expected) * relative, absolute));
}

describe('the normal distribution', () => {
  it.each(reference.normal.cdf)('Φ(%d) is SciPy norm.cdf', (x, expected) => {
    expectClose(normalCdf(x), expected, 1e-13);
  });

  it.each(reference.normal.sf)(
    '1 − Φ(%d) keeps its relative precision in the tail, as SciPy norm.sf',
    (x, expected) => {
      expectClose(normalSf(x), expected, 1e-13);
    },
  );

  it.each(reference.normal.quantile)('Φ⁻¹(%d) is SciPy norm.ppf', (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-12, 1e-15);
  });
});

describe('the two-sided Mann-Whitney U test', () => {
  it.each(reference.mannWhitney)('$name: U and p-value as SciPy mannwhitneyu(method="auto")', (c) => {
    const result = mannWhitneyU(c.canary, c.baseline);
    expect(result.u).toBe(c.u);
    expect(result.method).toBe(c.method);
    expectClose(result.pValue, c.pValue);
  });

  it.each(reference.mannWhitney)('$name: the asymptotic p-value with tie and continuity correction', (c) => {
    expectClose(mannWhitneyU(c.canary, c.baseline, 'asymptotic').pValue, c.asymptoticPValue);
  });

  it.each(reference.mannWhitney.filter((c) => c.exactPValue !== undefined))(
    '$name: the exact p-value',
    (c) => {
      expectClose(mannWhitneyU(c.canary, c.baseline, 'exact').pValue, c.exactPValue!);
    },
  );

  it('uses the exact distribution only when a sample has at most 8 values and none is tied', () => {
    expect(
      mannWhitneyU(
        [1, 2, 3, 4, 5, 6, 7, 8],
        [...Array(50).keys()].map((i) => i + 0.5),
      ).method,
    ).toBe('exact');
    expect(
      mannWhitneyU(
        [...Array(9).keys()],
        [...Array(9).keys()].map((i) => i + 0.5),
      ).method,
    ).toBe('asymptotic');
    expect(mannWhitneyU([1, 2, 2], [3, 4, 5]).method).toBe('asymptotic');
  });

  it('the exact distribution sums to 1 and is symmetric', () => {
    expect(exactCdf(5, 7, 35)).toBe(1);
    for (const k of [0, 3, 10, 17]) expectClose(exactCdf(5, 7, k), 1 - exactCdf(5, 7, 35 - k - 1), 1e-12);
    // U = 0 is one arrangement of C(12, 5) = 792.
    expectClose(exactCdf(5, 7, 0), 1 / 792);
  });

  it('a pair of samples too small for any significance at 98% says so', () => {
    expect(smallestPValue(4, 4)).toBeCloseTo(2 / 70, 12);
    expect(smallestPValue(5, 5)).toBeLessThan(0.02);
  });
});

describe('the Hodges-Lehmann shift and its confidence interval', () => {
  it.each(reference.mannWhitney)('$name: the median of pairwise differences, as NumPy', (c) => {
    const { estimate } = hodgesLehmann(c.canary, c.baseline, 0.95, c.method);
    expectClose(estimate, c.shift);
  });

  it.each(reference.mannWhitney.flatMap((c) => c.intervals.map((interval) => ({ ...c, ...interval }))))(
    '$name at $confidence: every shift SciPy does not reject, and no other',
    (c) => {
      const shift = hodgesLehmann(c.canary, c.baseline, c.confidence, c.method);
      // Differences of rounded rates (0.011 − 0.010, 0.012 − 0.011) are distinct floats 1e-18 apart.
      expectClose(shift.lower, c.lower, 1e-12, 1e-15);
      expectClose(shift.upper, c.upper, 1e-12, 1e-15);
      expect(shift.lower).toBeLessThanOrEqual(shift.estimate);
      expect(shift.upper).toBeGreaterThanOrEqual(shift.estimate);
    },
  );

  it('narrows as the confidence falls', () => {
    const c = reference.mannWhitney.find((each) => each.name === 'canary clearly worse')!;
    const wide = hodgesLehmann(c.canary, c.baseline, 0.99, c.method);
    const narrow = hodgesLehmann(c.canary, c.baseline, 0.8, c.method);
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });
});

describe('NaN handling before the test', () => {
  it.each(reference.nan)('$name: remove drops NaNs (SciPy nan_policy="omit")', (c) => {
    const canary = handleNaNs(
      c.canary.map((v) => v ?? Number.NaN),
      'remove',
    );
    const baseline = handleNaNs(
      c.baseline.map((v) => v ?? Number.NaN),
      'remove',
    );
    const result = mannWhitneyU(canary, baseline);
    expect(result.u).toBe(c.removed.u);
    expectClose(result.pValue, c.removed.pValue);
  });

  it.each(reference.nan)('$name: replace counts NaNs as 0', (c) => {
    const canary = handleNaNs(
      c.canary.map((v) => v ?? Number.NaN),
      'replace',
    );
    const baseline = handleNaNs(
      c.baseline.map((v) => v ?? Number.NaN),
      'replace',
    );
    const result = mannWhitneyU(canary, baseline);
    expect(result.u).toBe(c.replaced.u);
    expectClose(result.pValue, c.replaced.pValue);
  });
});

describe("percentiles and Kayenta's IQR outlier fences", () => {
  it.each(reference.percentiles.map((c, i) => ({ ...c, i })))(
    'sample $i: as NumPy percentile(method="weibull")',
    (c) => {
      for (const [p, expected] of Object.entries(c.percentiles)) {
        expectClose(percentile(c.values, Number(p)), expected);
      }
    },
  );

  it('removes only values beyond both the 3·IQR fences and the 1st/99th percentiles', () => {
    const sample = reference.percentiles.at(-1)!.values;
    const fences = outlierFences(sample, 3);
    expect(fences.lower).toBeGreaterThan(-500);
    expect(fences.upper).toBeLessThan(900);
    const kept = removeOutliers(sample, 3);
    expect(sample.length - kept.length).toBe(2);
    expect(kept).not.toContain(900);
    expect(kept).not.toContain(-500);
  });
});

describe("Kayenta's metric classification", () => {
  const options = { direction: 'either', confidence: 0.98, effectSize: 0.25, nanStrategy: 'remove' } as const;
  const named = (name: string) => reference.mannWhitney.find((c) => c.name === name)!;

  it('classifies a canary at 5% errors against a baseline at 1% as High, with the shift and its interval', () => {
    const c = named('canary clearly worse');
    const result = classifyMetric(c.canary, c.baseline, { ...options, direction: 'increase' });
    expect(result.classification).toBe('High');
    expect(result.test?.shift.lower).toBe(c.intervals.find((i) => i.confidence === 0.98)!.lower);
    expectClose(result.test!.pValue, c.pValue);
    expect(result.relativeChange).toBeGreaterThan(2);
  });

  it('passes the same canary when only a decrease is bad', () => {
    const c = named('canary clearly worse');
    expect(classifyMetric(c.canary, c.baseline, { ...options, direction: 'decrease' }).classification).toBe(
      'Pass',
    );
  });

  it('passes a significant difference smaller than the effect size', () => {
    const baseline = [...Array(40).keys()].map((i) => 100 + (i % 7));
    const canary = baseline.map((value) => value + 3);
    const result = classifyMetric(canary, baseline, options);
    // Far below p = 0.02 and the interval clears the tolerance, but the mean moved by 3%, not 25%.
    expect(result.test!.pValue).toBeLessThan(1e-6);
    expect(result.classification).toBe('Pass');
    expect(result.reason).toBe('difference within the effect size: mean +2.92% (allowed ±25%)');
    expect(classifyMetric(canary, baseline, { ...options, effectSize: 0.01 }).classification).toBe('High');
  });

  it("passes a shift whose interval does not clear Kayenta's tolerance of 25% of the estimate", () => {
    const c = named('canary slightly faster');
    const result = classifyMetric(c.canary, c.baseline, { ...options, effectSize: 0 });
    // p < 0.02, but the 98% interval [−0.0090, −0.0010] reaches into ±0.25 × 0.0050.
    expect(result.test!.pValue).toBeLessThan(0.02);
    expect(result.classification).toBe('Pass');
  });

  it('passes equal error rates whose test finds nothing', () => {
    const c = named('rounded error rates with many ties');
    expect(classifyMetric(c.canary, c.baseline, options)).toMatchObject({
      classification: 'Pass',
      reason: 'no significant difference at 98% confidence',
    });
  });

  it('passes identical series without a test, as Kayenta', () => {
    const c = named('identical series');
    const result = classifyMetric(c.canary, c.baseline, options);
    expect(result).toMatchObject({
      classification: 'Pass',
      reason: 'canary and baseline samples are identical',
    });
    expect(result.test).toBeUndefined();
  });

  it('compares two constant samples without Kayenta’s random noise: the interval is the one difference', () => {
    const result = classifyMetric(Array(12).fill(5), Array(12).fill(4), options);
    expect(result.classification).toBe('High');
    expect(result.test?.shift).toMatchObject({ estimate: 1, lower: 1, upper: 1 });
  });

  it('is NoData without samples, and with too few to ever be significant', () => {
    expect(classifyMetric([], [1, 2, 3], options)).toMatchObject({
      classification: 'NoData',
      reason: 'no canary samples',
    });
    expect(classifyMetric([Number.NaN, Number.NaN], [1, 2], options).reason).toBe('no canary samples');
    const few = classifyMetric([10, 11, 12, 13], [1, 2, 3, 4], options);
    expect(few.classification).toBe('NoData');
    expect(few.reason).toContain(
      '4 canary and 4 baseline samples can never show a difference at 98% confidence',
    );
  });

  it('counts NaNs as 0 with nanStrategy replace', () => {
    const result = classifyMetric(
      [0.05, Number.NaN, 0.05, 0.06, 0.05, 0.04],
      [0.01, 0.01, 0.02, 0.01, 0.01, 0.02],
      {
        ...options,
        nanStrategy: 'replace',
      },
    );
    expect(result.canary).toMatchObject({ count: 6, used: 6, nanCount: 1 });
  });

  it('removes outliers only when asked, and only from 100 samples up (below, the 99th percentile is the maximum)', () => {
    const baseline = [...Array(200).keys()].map((i) => 100 + (i % 7));
    const canary = [...baseline.slice(0, 198), 5000, 6000];
    expect(classifyMetric(canary, baseline, options).canary.outliers).toBe(0);
    const cleaned = classifyMetric(canary, baseline, { ...options, outlierFactor: 3 });
    expect(cleaned.canary).toMatchObject({ outliers: 2, used: 198 });
    const small = classifyMetric([...baseline.slice(0, 28), 5000, 6000], baseline, {
      ...options,
      outlierFactor: 3,
    });
    expect(small.canary.outliers).toBe(0);
  });

  it('treats any increase from a zero baseline as larger than the effect size (Kayenta’s ratio would be 1)', () => {
    const result = classifyMetric(Array(20).fill(0.02), Array(20).fill(0), {
      ...options,
      direction: 'increase',
    });
    expect(result.classification).toBe('High');
    expect(result.relativeChange).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('reference provenance', () => {
  it('was generated by SciPy', () => {
    expect(reference.scipy).toMatch(/^\d+\.\d+/);
  });
});
