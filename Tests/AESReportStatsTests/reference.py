#!/usr/bin/env python3
"""Reference values for AESReportStatsTests, computed independently with SciPy/NumPy.

Run: python3 Tests/AESReportStatsTests/reference.py   (SciPy 1.17.1, NumPy 2.4.6 here)
Each printed line names the call that produced the value; the tests paste them with repr() precision.
"""
import numpy as np
from scipy import stats

A = [2.10e9, 2.05e9, 2.20e9, 2.15e9, 2.08e9, 2.12e9, 2.30e9, 2.11e9, 2.09e9, 2.13e9]
B = [1.10e9, 1.15e9, 1.08e9, 1.12e9, 1.09e9, 1.30e9, 1.11e9, 1.10e9, 1.14e9, 1.13e9]
TINY = [1.0e-3, 2.0e-3, 1.5e-3]
HUGE = [1.0e15, 1.1e15, 0.9e15, 1.05e15]
TIES_A = [1, 2, 2, 3, 3, 3]
TIES_B = [2, 3, 4, 4, 5]
SMALL_A = [3.1, 2.9, 3.3, 3.0]
SMALL_B = [2.0, 2.2, 1.9, 2.1, 2.05]


def show(name, value):
    print(f"{name} = {value!r}")


for df in [1, 2, 3, 9, 17.5, 100]:
    show(f"stats.t.ppf(0.975, {df})", stats.t.ppf(0.975, df))
for t, df in [(2.5, 9), (-1.2, 3), (0.3, 17.5), (12.0, 2)]:
    show(f"stats.t.cdf({t}, {df})", stats.t.cdf(t, df))
show("stats.norm.sf(1.7)", stats.norm.sf(1.7))
for name, xs in [("A", A), ("B", B), ("TINY", TINY), ("HUGE", HUGE)]:
    x = np.array(xs)
    show(f"np.mean({name})", float(np.mean(x)))
    show(f"np.median({name})", float(np.median(x)))
    show(f"np.std({name}, ddof=1)", float(np.std(x, ddof=1)))
    show(f"stats.t.interval(0.95, n-1, loc=mean, scale=stats.sem({name}))",
         tuple(float(v) for v in stats.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=stats.sem(x))))
    show(f"np.percentile({name}, [25, 75])", [float(v) for v in np.percentile(x, [25, 75])])
show("stats.ttest_ind(A, B, equal_var=False)", stats.ttest_ind(A, B, equal_var=False))
show("stats.ttest_ind(A, B, equal_var=False).df", stats.ttest_ind(A, B, equal_var=False).df)
show("stats.ttest_ind(SMALL_A, SMALL_B, equal_var=False)", stats.ttest_ind(SMALL_A, SMALL_B, equal_var=False))
show("stats.mannwhitneyu(A, B, alternative='two-sided')", stats.mannwhitneyu(A, B, alternative="two-sided"))
show("stats.mannwhitneyu(A[:5], B[:5], alternative='two-sided')",
     stats.mannwhitneyu(A[:5], B[:5], alternative="two-sided"))
show("stats.mannwhitneyu(SMALL_A, SMALL_B, alternative='two-sided')",
     stats.mannwhitneyu(SMALL_A, SMALL_B, alternative="two-sided"))
show("stats.mannwhitneyu(TIES_A, TIES_B, alternative='two-sided')",
     stats.mannwhitneyu(TIES_A, TIES_B, alternative="two-sided"))
show("stats.mannwhitneyu(A, A, alternative='two-sided')", stats.mannwhitneyu(A, A, alternative="two-sided"))
show("stats.ttest_ind(A, A, equal_var=False)", stats.ttest_ind(A, A, equal_var=False))
show("stats.t.interval(0.95, 1, loc=np.mean([2e9, 2.2e9]), scale=stats.sem([2e9, 2.2e9]))",
     stats.t.interval(0.95, 1, loc=np.mean([2e9, 2.2e9]), scale=stats.sem([2e9, 2.2e9])))
show("stats.mannwhitneyu([1, 4, 2], [3, 5, 6, 7], alternative='two-sided', method='exact')",
     stats.mannwhitneyu([1, 4, 2], [3, 5, 6, 7], alternative="two-sided", method="exact"))
show("stats.gmean([1.9, 1.62, 1.78, 1.4])", stats.gmean([1.9, 1.62, 1.78, 1.4]))


def fieller(a, b, conf=0.95):
    """Fieller's interval as the inversion of Welch's test: the r with |ma - r mb| <= t(df(r)) sqrt(va + r^2 vb),
    df(r) Welch-Satterthwaite's for a - r b, each bound found by scipy.optimize.brentq (the tool iterates instead)."""
    from scipy.optimize import brentq
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


show("fieller(A, B) [brentq on |ma - r mb| - t(df(r)) sqrt(va + r^2 vb)]", fieller(A, B))
show("fieller(HUGE, TINY)", fieller(HUGE, TINY))


# The median's interval (`--centre median`): order statistics from the binomial distribution.
for name, xs in [("A", A), ("SMALL_B", SMALL_B), ("A[:6]", A[:6]), ("HUGE", HUGE)]:
    ci = stats.quantile_test(xs, q=float(np.median(xs)), p=0.5).confidence_interval(0.95)
    show(f"stats.quantile_test({name}, p=0.5).confidence_interval(0.95)", (float(ci.low), float(ci.high)))
ci = stats.quantile_test(A, q=float(np.median(A)), p=0.5).confidence_interval(0.99)
show("stats.quantile_test(A, p=0.5).confidence_interval(0.99)", (float(ci.low), float(ci.high)))

# The total's test (`--centre total`): rounds (bytes, seconds) exchanged between the sides, exact.
ROUNDS_A = [(4e9, 2.0), (4e9, 1.9), (2e9, 1.1), (4e9, 2.3), (2e9, 0.9)]
ROUNDS_B = [(4e9, 2.2), (2e9, 1.0), (4e9, 2.4), (4e9, 2.1), (2e9, 1.2), (4e9, 2.5)]


def ratio_of_totals_test(a, b):
    both = np.array(a + b, dtype=float)

    def statistic(i, j, axis):
        x, y = both[i.astype(int)], both[j.astype(int)]
        return (x[..., 0].sum(axis=-1) / x[..., 1].sum(axis=-1)) / (y[..., 0].sum(axis=-1) / y[..., 1].sum(axis=-1))

    return stats.permutation_test((np.arange(len(a)), np.arange(len(a), len(a) + len(b))), statistic,
                                  permutation_type="independent", vectorized=True, n_resamples=np.inf,
                                  alternative="two-sided")


result = ratio_of_totals_test(ROUNDS_A, ROUNDS_B)
show("permutation_test(ROUNDS_A, ROUNDS_B, ratio of totals, exact)", (float(result.statistic), float(result.pvalue)))
