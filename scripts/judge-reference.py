#!/usr/bin/env python3
"""Reference values for the judge's statistics (src/gates/judge/stats.ts), computed with SciPy/NumPy.

Writes fixtures/judge/reference.json; test/gates/judge-stats.test.ts compares the TypeScript
implementation with it. Run from the repository root after changing a case:

    apt-get install -y python3-scipy python3-numpy   # Debian; PyPI's scipy works too
    python3 scripts/judge-reference.py

Everything here is SciPy or NumPy doing the work:
- p-values: scipy.stats.mannwhitneyu(canary, baseline, alternative="two-sided") with method "auto"
  (and "asymptotic" / "exact" where a case asks for one);
- the Hodges-Lehmann shift: numpy.median of all pairwise differences canary[i] - baseline[j];
- its confidence interval, by inverting SciPy's test: a shift d is inside when
  mannwhitneyu(canary - d, baseline) with the method chosen for the data has p >= 1 - confidence.
  The p-value only changes where d crosses a pairwise difference, so it is evaluated once inside
  each gap between consecutive distinct differences (and outside both ends); the interval runs from
  the left end of the first accepted gap to the right end of the last one, clamped to the smallest
  and largest difference (as R's wilcox.test and Kayenta's MannWhitney do); the differences
  themselves are tried too, so that two constant samples get the single point they allow;
- percentiles: numpy.percentile(method="weibull"), which is Apache Commons Math's default estimator
  that Kayenta's IQRDetector uses;
- the normal distribution: scipy.stats.norm.
"""

import json
import math
import platform
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "judge" / "reference.json"


def chosen_method(x, y):
    """SciPy's _mwu_choose_method on the data (exact for a sample of <= 8 values without ties)."""
    combined = np.concatenate([x, y])
    ties = len(np.unique(combined)) < len(combined)
    if len(x) > 8 and len(y) > 8:
        return "asymptotic"
    return "asymptotic" if ties else "exact"


def shift_intervals(x, y, confidences, method):
    diffs = np.unique(np.subtract.outer(x, y).ravel())
    # One point inside each gap (below the first difference, between neighbours, above the last),
    # where the interval's ends can lie, and each difference itself (a degenerate interval, e.g.
    # two constant samples, is a single point).
    gaps = np.concatenate([[diffs[0] - 1], (diffs[:-1] + diffs[1:]) / 2, [diffs[-1] + 1]])
    # Gap k lies between diffs[k - 1] and diffs[k]: its closure, clamped to the differences.
    spans = [(diffs[max(k - 1, 0)], diffs[min(k, len(diffs) - 1)]) for k in range(len(gaps))]
    candidates = list(zip(gaps, spans)) + [(d, (d, d)) for d in diffs]
    p = [stats.mannwhitneyu(x - d, y, alternative="two-sided", method=method).pvalue for d, _ in candidates]
    intervals = []
    for confidence in confidences:
        inside = [span for (_, span), pk in zip(candidates, p) if pk >= 1 - confidence]
        lower = min(span[0] for span in inside)
        upper = max(span[1] for span in inside)
        intervals.append({"confidence": confidence, "lower": float(lower), "upper": float(upper)})
    return intervals


def rng_series(seed, n, loc, scale, decimals=None):
    values = np.random.default_rng(seed).normal(loc, scale, n)
    return np.round(values, decimals) if decimals is not None else values


CASES = [
    # name, canary, baseline
    ("nine against nine with two ties (asymptotic)", [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30],
     [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]),
    ("three against five (exact)", [3.1, 4.2, 5.0], [1.0, 1.5, 2.2, 2.9, 3.3]),
    ("eight against forty (exact)", rng_series(1, 8, 1.2, 0.3), rng_series(2, 40, 1.0, 0.3)),
    ("small samples with ties (asymptotic)", [1, 2, 2, 3, 3, 3, 4], [2, 3, 3, 4, 4, 5, 5, 5]),
    ("rounded error rates with many ties", rng_series(3, 41, 0.010, 0.002, 3), rng_series(4, 41, 0.010, 0.002, 3)),
    ("one distribution twice, p just below 0.02", rng_series(5, 41, 0.050, 0.004), rng_series(6, 41, 0.050, 0.004)),
    ("canary clearly worse", rng_series(7, 41, 0.050, 0.004), rng_series(8, 41, 0.010, 0.002)),
    ("canary slightly faster", rng_series(9, 60, 0.195, 0.01), rng_series(10, 55, 0.200, 0.01)),
    ("identical series", [0.2, 0.3, 0.25, 0.31, 0.22], [0.2, 0.3, 0.25, 0.31, 0.22]),
    ("constant samples that differ", [5.0] * 12, [4.0] * 12),
    ("one value shared across both samples", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
     [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0]),
    ("two values each (exact)", [2.0, 3.0], [0.5, 1.0]),
    ("six against seven without ties (exact)", [0.31, 0.35, 0.29, 0.40, 0.33, 0.38], [0.21, 0.30, 0.25, 0.28, 0.22, 0.34, 0.27]),
]

NAN_CASES = [
    ("NaNs in both samples", [0.01, float("nan"), 0.012, 0.011, float("nan"), 0.013, 0.0105, 0.0118, 0.0125, 0.0109],
     [0.010, 0.0102, float("nan"), 0.0099, 0.0101, 0.0098, 0.0103, 0.0100, 0.0097, 0.0104]),
]


def test_case(name, canary, baseline):
    x = np.asarray(canary, dtype=float)
    y = np.asarray(baseline, dtype=float)
    method = chosen_method(x, y)
    auto = stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
    asymptotic = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")
    case = {
        "name": name,
        "canary": x.tolist(),
        "baseline": y.tolist(),
        "u": float(auto.statistic),
        "method": method,
        "pValue": float(auto.pvalue),
        "asymptoticPValue": float(asymptotic.pvalue),
        "shift": float(np.median(np.subtract.outer(x, y).ravel())),
        "intervals": [],
    }
    if method == "exact":
        case["exactPValue"] = float(stats.mannwhitneyu(x, y, alternative="two-sided", method="exact").pvalue)
    if len(np.unique(np.concatenate([x, y]))) > 1:
        case["intervals"] = shift_intervals(x, y, (0.9, 0.95, 0.98), method)
    return case


def nan_case(name, canary, baseline):
    x = np.asarray(canary, dtype=float)
    y = np.asarray(baseline, dtype=float)
    removed = stats.mannwhitneyu(x, y, alternative="two-sided", nan_policy="omit")
    replaced = stats.mannwhitneyu(np.nan_to_num(x, nan=0.0), np.nan_to_num(y, nan=0.0), alternative="two-sided")
    return {
        "name": name,
        "canary": [None if math.isnan(v) else v for v in x.tolist()],
        "baseline": [None if math.isnan(v) else v for v in y.tolist()],
        "removed": {"u": float(removed.statistic), "pValue": float(removed.pvalue)},
        "replaced": {"u": float(replaced.statistic), "pValue": float(replaced.pvalue)},
    }


def percentile_cases():
    samples = [
        [3.0],
        [1.0, 2.0],
        [0.5, 9.0, 2.0, 4.0, 4.0, 7.0, 1.0],
        rng_series(11, 41, 0.01, 0.003).tolist(),
        rng_series(12, 200, 100.0, 15.0).tolist() + [900.0, -500.0],
    ]
    out = []
    for sample in samples:
        values = np.asarray(sample, dtype=float)
        ps = [1, 25, 50, 75, 99]
        out.append({
            "values": values.tolist(),
            "percentiles": {str(p): float(np.percentile(values, p, method="weibull")) for p in ps},
        })
    return out


def normal_cases():
    xs = [-38.0, -20.0, -8.5, -5.0, -3.0, -2.0, -1.4142, -1.0, -0.3, 0.0, 0.2, 1.0, 1.5, 2.0, 2.5, 4.0, 7.5]
    ps = [1e-12, 1e-6, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95, 0.99, 0.999]
    return {
        "cdf": [[x, float(stats.norm.cdf(x))] for x in xs],
        "sf": [[x, float(stats.norm.sf(x))] for x in xs],
        "quantile": [[p, float(stats.norm.ppf(p))] for p in ps],
    }


def main():
    reference = {
        "generatedBy": "scripts/judge-reference.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "normal": normal_cases(),
        "mannWhitney": [test_case(*case) for case in CASES],
        "nan": [nan_case(*case) for case in NAN_CASES],
        "percentiles": percentile_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
