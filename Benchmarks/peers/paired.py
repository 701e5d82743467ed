#!/usr/bin/env python3
"""Times two commands paired and interleaved (A B A B ...) and prints the median of the per-pair ratios B / A.

Interleaving puts both commands under the same load at nearly the same moment (this machine is shared), and the
median of the ratios, not the ratio of the medians, keeps one slow pair from moving the result. Each command runs
once untimed first (warm caches for both). Each command's output folder is removed before every run.
Usage: paired.py RUNS OUT_A OUT_B -- A ARGS... -- B ARGS...
"""
import os, shutil, statistics, subprocess, sys, time


def run(command, out):
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    # aesreport exits 1 when a file had errors (the fleets hold some on purpose): the time still counts.
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    runs, out_a, out_b = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rest = sys.argv[4:]
    split = [i for i, word in enumerate(rest) if word == "--"]
    a, b = rest[split[0] + 1:split[1]], rest[split[1] + 1:]
    run(a, out_a)
    run(b, out_b)
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(run(a, out_a))
        times_b.append(run(b, out_b))
    ratios = [tb / ta for ta, tb in zip(times_a, times_b)]
    print(f"A median {statistics.median(times_a):.3f} s  B median {statistics.median(times_b):.3f} s  "
          f"B/A median of {runs} paired ratios {statistics.median(ratios):.1f}x "
          f"(range {min(ratios):.1f}-{max(ratios):.1f})")


if __name__ == "__main__":
    main()
