#!/usr/bin/env python3
"""Reference values for GainComparisonReferenceTests (the ratio of two hosts' AES-NI gains), computed with SciPy and
NumPy independently of the Swift code: `python3 gain_comparison_reference.py` prints what the test asserts.

mean: the delta method on the log scale. log R = log m(Bw) - log m(Bo) - log m(Aw) + log m(Ao); the variance of
each log mean is s^2 / (n m^2) (s with ddof=1); degrees of freedom by Welch-Satterthwaite over the four terms; the
interval exp(log R -/+ t.ppf(0.975, df) SE); the test 2 * t.sf(|log R / SE|, df).

median: a percentile bootstrap with the tool's seeded stream (splitmix64, seed 0x5EED, rejection sampling for an
index), reimplemented here; each resample draws A with, A without, B with, B without in that order; interval the
k-th smallest and k-th largest of 2000 ratios, k = ceil(2000 * 0.025) = 50; p = 2 min(#<=1, #>=1) / 2000."""
import math
import os

import numpy as np
from scipy import stats

A_WITH = [2.10e9, 2.05e9, 2.20e9, 2.15e9, 2.08e9, 2.12e9]
A_WITHOUT = [1.10e9, 1.15e9, 1.08e9, 1.12e9, 1.09e9, 1.13e9]
B_WITH = [2.60e9, 2.50e9, 2.45e9, 2.70e9, 2.55e9]
B_WITHOUT = [1.20e9, 1.22e9, 1.18e9, 1.25e9, 1.21e9]
# A second B whose gain is close to A's: p in the middle of its range.
B2_WITH = [2.20e9, 2.00e9, 2.30e9, 2.10e9, 2.25e9]
B2_WITHOUT = [1.15e9, 1.05e9, 1.12e9, 1.10e9, 1.20e9]
CASES = {"clear": [A_WITH, A_WITHOUT, B_WITH, B_WITHOUT], "close": [A_WITH, A_WITHOUT, B2_WITH, B2_WITHOUT]}
GROUPS = CASES["clear"]


def log_ratio_t():
    means = [np.mean(g) for g in GROUPS]
    ratio = (means[2] / means[3]) / (means[0] / means[1])
    terms = [np.var(g, ddof=1) / (len(g) * np.mean(g) ** 2) for g in GROUPS]
    se = math.sqrt(sum(terms))
    df = sum(terms) ** 2 / sum(v * v / (len(g) - 1) for v, g in zip(terms, GROUPS))
    t = math.log(ratio) / se
    crit = stats.t.ppf(0.975, df)
    return ratio, math.exp(math.log(ratio) - crit * se), math.exp(math.log(ratio) + crit * se), df, t, 2 * stats.t.sf(abs(t), df)


MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index(self, bound):
        limit = MASK - MASK % bound
        while True:
            value = self.next()
            if value < limit:
                return value % bound


def bootstrap_median():
    rng = SplitMix64(0x5EED)
    ratios = []
    for _ in range(2000):
        centres = [np.median([g[rng.index(len(g))] for _ in range(len(g))]) for g in GROUPS]
        ratios.append((centres[2] / centres[3]) / (centres[0] / centres[1]))
    ratios.sort()
    k = math.ceil(2000 * 0.025)
    below = sum(1 for r in ratios if r <= 1)
    above = sum(1 for r in ratios if r >= 1)
    medians = [np.median(g) for g in GROUPS]
    ratio = (medians[2] / medians[3]) / (medians[0] / medians[1])
    return ratio, ratios[k - 1], ratios[2000 - k], min(1.0, 2 * min(below, above) / 2000)


def dd_rates(path):
    """Per-round throughput of a real dd log, bytes / seconds of each `... bytes ... copied, S s` line."""
    import re
    rates = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(\d+) bytes .* copied, ([0-9.]+) s", line)
        if m:
            rates.append(int(m.group(1)) / float(m.group(2)))
    return rates


REAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "AESReportOutputTests", "Fixtures",
                    "real-compare-tcg")


def real_case(cipher, operation):
    """The real idle (A) and loaded (B) trees of one machine: A with, A without, B with, B without."""
    return [dd_rates(os.path.join(REAL, tree, "tcg-host", state, f"{cipher}-{operation}.txt"))
            for tree in ("dc-idle", "dc-loaded") for state in ("with-aesni", "no-aesni")]


if __name__ == "__main__":
    for cipher, operation in [("aes-xts-plain", "write"), ("aes-cbc-plain", "read")]:
        GROUPS = real_case(cipher, operation)
        print("real", cipher, operation, "a_ratio, b_ratio =",
              [repr(float(np.mean(GROUPS[0]) / np.mean(GROUPS[1]))), repr(float(np.mean(GROUPS[2]) / np.mean(GROUPS[3])))])
        print("real", cipher, operation, "log-ratio t: ratio, low, high, df, t, p =",
              [repr(float(x)) for x in log_ratio_t()])
    for name, groups in CASES.items():
        GROUPS = groups
        print(name, "log-ratio t: ratio, low, high, df, t, p =", [repr(float(x)) for x in log_ratio_t()])
        print(name, "bootstrap median: ratio, low, high, p =", [repr(float(x)) for x in bootstrap_median()])
