#!/usr/bin/env python3
"""The script a user would write instead of `aesreport report HOST -o OUT --format png,svg`, limited to its
read, write and speedup charts.

Reads one host's dd result files (<cipher>-<op>.txt in its with- and without-AES-NI folders), takes the
throughput of every round from dd's "N bytes ... copied, S s" line, and draws with matplotlib: read and write
throughput by cipher as grouped bars (with / without AES-NI) with 95% confidence intervals as error bars, and the
speedup (ratio of the means) by cipher; each chart as PNG and SVG.
Usage: charts.py HOST OUT
"""
import os, re, statistics, sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

DD = re.compile(rb"^(\d+) bytes .*copied, ([0-9.]+) s", re.M)
NAME = re.compile(r"^(aes-[a-z0-9-]+)-(read|write)\.txt$")

host, out = sys.argv[1], sys.argv[2]
rounds = {}  # (op, cipher, aesni) -> [MB/s]
for folder in sorted(os.listdir(host)):
    path = os.path.join(host, folder)
    if not os.path.isdir(path):
        continue
    aesni = "no" not in folder
    for name in os.listdir(path):
        match = NAME.match(name)
        if match:
            with open(os.path.join(path, name), "rb") as f:
                rates = [int(b) / float(s) / 1e6 for b, s in DD.findall(f.read()) if float(s) > 0]
            rounds[(match[2], match[1], aesni)] = rates


# Two-sided 95% Student's t quantiles by degrees of freedom (a table, not scipy: importing scipy.stats would add
# about half a second to this script's start-up and make the comparison flatter to aesreport than it should be).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
        20: 2.086, 25: 2.060, 30: 2.042}


def interval(values):
    """Half-width of the 95% confidence interval of the mean (Student's t)."""
    if len(values) < 2:
        return 0.0
    df = len(values) - 1
    t = T975.get(df) or T975[max(k for k in T975 if k <= df)]
    return t * statistics.stdev(values) / len(values) ** 0.5


os.makedirs(out, exist_ok=True)
ciphers = sorted({cipher for _, cipher, _ in rounds})
for op in ("read", "write"):
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for offset, aesni, label in ((-0.2, True, "with AES-NI"), (0.2, False, "without AES-NI")):
        values = [rounds.get((op, c, aesni), []) for c in ciphers]
        ax.bar([i + offset for i in range(len(ciphers))], [statistics.mean(v) if v else 0 for v in values], 0.4,
               yerr=[interval(v) for v in values], capsize=3, label=label)
    ax.set_xticks(range(len(ciphers)), ciphers)
    ax.set_ylabel("MB/s")
    ax.set_title(f"{op.capitalize()} throughput by cipher")
    ax.legend()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out, f"{op}.{ext}"), dpi=100)
    plt.close(fig)

fig, ax = plt.subplots(figsize=(8, 4.5))
labels, ratios = [], []
for op in ("read", "write"):
    for c in ciphers:
        on, off = rounds.get((op, c, True)), rounds.get((op, c, False))
        if on and off:
            labels.append(f"{c} {op}")
            ratios.append(statistics.mean(on) / statistics.mean(off))
ax.barh(range(len(ratios)), ratios)
ax.set_yticks(range(len(labels)), labels)
ax.axvline(1.0, color="grey", linewidth=0.8)
ax.set_xlabel("speedup (with / without AES-NI)")
ax.set_title("AES-NI speedup by cipher")
fig.tight_layout()
for ext in ("png", "svg"):
    fig.savefig(os.path.join(out, f"speedup.{ext}"), dpi=100)
plt.close(fig)
