#!/usr/bin/env python3
"""Independent recomputation of the SampleData statistics with NumPy/SciPy, written to
Fixtures/sampledata-reference.json for SampleDataReferenceTests.

Run from the repository root: python3 Tests/AESReportStatsTests/sampledata_reference.py
It reads the dd result files with a regular expression (not aesreport's parser), computes throughput as
bytes / seconds, and for each host the AES-NI speedup per cipher and operation: ratio of means, Fieller's interval
(the inversion of Welch's test: df at each bound, found with scipy.optimize.brentq), Welch's p (scipy.stats.ttest_ind(equal_var=False)); and for
the two hosts the Mann-Whitney p (scipy.stats.mannwhitneyu(alternative='two-sided')).

The other two methods (`--centre median`, `--centre total`) are checked here as well:
- median: each series' distribution-free interval of the median (scipy.stats.quantile_test(x, q=median, p=0.5)
  .confidence_interval(0.95), order statistics from the binomial distribution) and each speedup's Mann-Whitney p
  (with against without AES-NI);
- total: each speedup's total-bytes/total-seconds ratio and its two-sided permutation test p over the first
  PERMUTATION_ROUNDS rounds of each side (scipy.stats.permutation_test, permutation_type='independent', exact:
  n_resamples=inf), so that SciPy enumerates every split as aesreport does.
"""
import glob
import json
import os
import re

import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "SampleData")
SUMMARY = re.compile(r"^(\d+) bytes \(.*?\) copied, ([0-9.e+-]+) s, ")


def rounds(path):
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            m = SUMMARY.match(line)
            if m:
                out.append((int(m.group(1)), float(m.group(2))))
    return out


def samples(path):
    return [b / s for b, s in rounds(path)]


PERMUTATION_ROUNDS = 6


def total_ratio_test(with_rounds, without_rounds):
    """Ratio of totals (bytes / seconds) and SciPy's exact two-sided permutation p."""
    a = np.array(with_rounds, dtype=float)
    b = np.array(without_rounds, dtype=float)

    def statistic(x, y, axis):
        return (x[..., 0].sum(axis=-1) / x[..., 1].sum(axis=-1)) / (y[..., 0].sum(axis=-1) / y[..., 1].sum(axis=-1))

    # permutation_test permutes along the sample axis; pass indices and look the rounds up, so that bytes and
    # seconds of a round move together.
    ia = np.arange(len(a))
    ib = np.arange(len(a), len(a) + len(b))
    both = np.concatenate([a, b])

    def indexed(i, j, axis):
        return statistic(both[i.astype(int)], both[j.astype(int)], axis)

    result = stats.permutation_test((ia, ib), indexed, permutation_type="independent", vectorized=True,
                                    n_resamples=np.inf, alternative="two-sided")
    ratio = (a[:, 0].sum() / a[:, 1].sum()) / (b[:, 0].sum() / b[:, 1].sum())
    return float(ratio), float(result.pvalue)


def fieller(a, b):
    """Fieller's interval as the inversion of Welch's test: the r with |ma - r mb| <= t(df(r)) sqrt(va + r^2 vb),
    df(r) Welch-Satterthwaite's for a - r b, each bound found by scipy.optimize.brentq (the tool iterates instead)."""
    from scipy.optimize import brentq
    conf = 0.95
    a, b = np.array(a, float), np.array(b, float)
    ma, mb = a.mean(), b.mean()
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    r = ma / mb

    def df(x):
        comb = va + x * x * vb
        return comb ** 2 / (va ** 2 / (len(a) - 1) + x ** 4 * vb ** 2 / (len(b) - 1))

    def h(x):
        return abs(ma - x * mb) - stats.t.ppf(0.5 + conf / 2, df(x)) * np.sqrt(va + x * x * vb)

    step = np.sqrt(va + r * r * vb) / abs(mb)
    low, high = r - step, r + step
    while h(low) < 0:
        low -= step
    while h(high) < 0:
        high += step
    return float(r), (brentq(h, low, r, xtol=1e-300, rtol=8.9e-16, maxiter=500),
                      brentq(h, r, high, xtol=1e-300, rtol=8.9e-16, maxiter=500))


result = {"speedups": [], "series": [], "mann_whitney": [], "median_speedups": [], "total_speedups": []}
hosts = sorted(d for d in os.listdir(ROOT) if os.path.isdir(os.path.join(ROOT, d, "guest-aesni")))
for host in hosts:
    for path in sorted(glob.glob(os.path.join(ROOT, host, "guest-aesni", "*-read.txt"))
                       + glob.glob(os.path.join(ROOT, host, "guest-aesni", "*-write.txt"))):
        name = os.path.basename(path)
        cipher, operation = name.rsplit("-", 1)[0], name.rsplit("-", 1)[1][:-4]
        with_ = samples(path)
        without = samples(os.path.join(ROOT, host, "guest-noaesni", name))
        ratio, ci = fieller(with_, without)
        p = float(stats.ttest_ind(with_, without, equal_var=False).pvalue)
        result["speedups"].append({"host": host, "cipher": cipher, "operation": operation, "ratio": ratio,
                                   "ci95": ci, "p_value": p})
        mw = stats.mannwhitneyu(with_, without, alternative="two-sided")
        result["median_speedups"].append({"host": host, "cipher": cipher, "operation": operation,
                                          "ratio": float(np.median(with_) / np.median(without)),
                                          "p_value": float(mw.pvalue)})
        first_with = rounds(path)[:PERMUTATION_ROUNDS]
        first_without = rounds(os.path.join(ROOT, host, "guest-noaesni", name))[:PERMUTATION_ROUNDS]
        total_ratio, total_p = total_ratio_test(first_with, first_without)
        result["total_speedups"].append({"host": host, "cipher": cipher, "operation": operation,
                                         "rounds": PERMUTATION_ROUNDS, "ratio": total_ratio, "p_value": total_p})
        for state, xs in (("with", with_), ("without", without)):
            x = np.array(xs)
            low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
            median_ci = stats.quantile_test(x, q=float(np.median(x)), p=0.5).confidence_interval(0.95)
            result["series"].append({"host": host, "aesni": state == "with", "cipher": cipher,
                                     "operation": operation, "mean": float(x.mean()),
                                     "median": float(np.median(x)), "stdev": float(x.std(ddof=1)),
                                     "ci95": [float(low), float(high)],
                                     "median_ci95": [float(median_ci.low), float(median_ci.high)]})
        other = [h for h in hosts if h != host]
        if host == hosts[0] and other:
            for state in ("aesni", "noaesni"):
                a = samples(os.path.join(ROOT, host, "guest-" + state, name))
                b = samples(os.path.join(ROOT, other[0], "guest-" + state, name))
                mw = stats.mannwhitneyu(a, b, alternative="two-sided")
                result["mann_whitney"].append({"cipher": cipher, "operation": operation, "aesni": state == "aesni",
                                               "p_value": float(mw.pvalue), "u": float(mw.statistic)})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Fixtures", "sampledata-reference.json")
with open(out, "w", encoding="utf-8") as handle:
    json.dump(result, handle, indent=1, sort_keys=True)
    handle.write("\n")
print(f"wrote {out}: {len(result['speedups'])} speedups, {len(result['series'])} series, "
      f"{len(result['mann_whitney'])} Mann-Whitney tests, {len(result['median_speedups'])} median and "
      f"{len(result['total_speedups'])} total speedups")
